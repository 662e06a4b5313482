"""The responsibility chain of one inquiry (首问 / 首办, FIR-1…FIR-8), step by step.

An inquiry passes through three phases:

- **inquiry** (首问): the first-inquiry person — the staff member asked first, in
  person, by phone or by letter (FIR-1) — is responsible. Records, referrals, a leader's
  advice, appointments, refusals and follow-ups do not move that responsibility:
  "直到有人办理为止" (town-conduct-100 首问责任制度 1).
- **handling** (首办): a handler took the matter; the first to take it is the
  first-handling person (FIR-5). A transfer moves first-handling responsibility to the
  designated person only with a leader's consent (FIR-6); without it the transferor
  stays responsible.
- **closed**: the applicant was answered or told the result (FIR-5), or the matter was
  discharged with its conditions met (FIR-7). When the matter became a case, only a reply
  given once the case was completed or rejected is the reply with the result.

:func:`build_chain` derives the chain from an inquiry file (and the linked case file);
the FIR policies and :func:`render_chain` read the same chain, so the printout shows
exactly what the verdicts rest on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from bianmin_rules.core.books import Books
from bianmin_rules.families.cases.ledger import CaseFile, Rejection, Step
from bianmin_rules.families.first_inquiry.events import Channel, DischargeReason, Remit
from bianmin_rules.families.first_inquiry.ledger import (
    Arranged,
    Asked,
    Discharged,
    FollowedUp,
    Handed,
    InquiryFile,
    InquiryStep,
    LeaderAsked,
    Recorded,
    Referred,
    Refused,
    Replied,
    Taken,
)


class Phase(StrEnum):
    """Who bears the inquiry at a given moment."""

    INQUIRY = "inquiry"
    """首问: the first-inquiry person."""
    HANDLING = "handling"
    """首办: the first-handling person."""
    CLOSED = "closed"
    """Answered, told the result, or discharged."""


PHASE_WORDS = {Phase.INQUIRY: "首问", Phase.HANDLING: "首办"}
CHANNEL_WORDS = {Channel.IN_PERSON: "来访", Channel.PHONE: "来电", Channel.LETTER: "来信"}
REMIT_WORDS = {
    Remit.OWN: "属本人职责", Remit.CENTRE: "属中心其他窗口职责", Remit.OUTSIDE: "不属本中心职责",
    Remit.UNCLEAR: "职责不明确",
}
REASON_WORDS = {
    DischargeReason.NOT_ALLOWED: "法律政策不允许办理",
    DischargeReason.LEADER_INSTRUCTION: "请示领导后答复",
    DischargeReason.OUTSIDE_CENTRE: "不属本中心职责，告知主管机关",
}


class Link(NamedTuple):
    """One step of the chain and where it left the responsibility (a named tuple: chains are built often)."""

    at: datetime
    day: date
    """The China-time calendar day of the step."""
    event: str
    actor: str | None
    phase: Phase
    """The phase after the step."""
    responsible: str | None
    """Who is responsible after the step (None once closed)."""
    effect: str
    """Why the step did or did not move the responsibility, where that needs saying."""
    step: InquiryStep | None
    """The inquiry step, or None for the closing of the linked case."""
    closing: Step | None = None
    """For the closing of the linked case: its completion or rejection."""
    case: str | None = None
    """For the closing of the linked case: the case."""

    @property
    def order(self) -> tuple[datetime, str]:
        """Where the link stands in the chain: by time, then event id (as a case step's ``order``)."""
        return (self.at, self.event)

    @property
    def action(self) -> str:
        """What happened, in words."""
        if self.step is not None:
            return describe(self.step)
        return f"办件 {self.case} {'驳回' if isinstance(self.closing, Rejection) else '办结'}"


@dataclass(frozen=True)
class Chain:
    """The responsibility chain of one inquiry.

    The links are walked when first read: the rules that read only the steps (which
    guidance came, which refusal, which discharge) do not need them, and on a large log
    most inquiries are read by no other rule (79,000 inquiries: −0.4 s). Not slotted, so
    that :attr:`links` can keep what it walked.
    """

    inquiry: str
    asked: Asked
    steps: tuple[InquiryStep, ...]
    """Every step of the inquiry in order: the links' steps, without the closing of the linked case."""
    case: CaseFile | None
    """The case the matter became, if a handler linked one."""

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Each step (and the closing of the linked case, in its place) with where it left the responsibility."""
        return walk(self.asked.staff, self.steps, self.case)

    @property
    def first(self) -> str:
        """The first-inquiry person (首问责任人, FIR-1)."""
        return self.asked.staff

    @property
    def end(self) -> Link | None:
        """The link that closed the chain, if any."""
        return next((link for link in self.links if link.phase is Phase.CLOSED), None)

    @property
    def handling_start(self) -> Link | None:
        """The link at which a handler took responsibility (首办), if any."""
        return next((link for link in self.links if link.phase is Phase.HANDLING), None)

    def holder_on(self, day: date) -> str:
        """Who bore the inquiry at the end of ``day`` (the last responsible person, once closed)."""
        holder = self.first
        for link in self.links:
            if link.day > day:
                break
            if link.responsible is not None:
                holder = link.responsible
        return holder

    def event_ids(self) -> tuple[str, ...]:
        """The ids of every event in the chain, in chain order."""
        return tuple(link.event for link in self.links)


def discharge_faults(step: Discharged, earlier: Iterable[InquiryStep]) -> tuple[str, ...]:
    """The conditions of a discharge that are not met (FIR-7, FIR-2); empty when it counts."""
    faults: list[str] = []
    if step.reason is DischargeReason.NOT_ALLOWED and not step.explained:
        faults.append("未向服务对象解释清楚")
    if step.reason is DischargeReason.LEADER_INSTRUCTION:
        if not any(isinstance(s, LeaderAsked) for s in earlier):
            faults.append("未请示领导")
        if not step.applicant_told:
            faults.append("未告知服务对象")
    if step.reason is DischargeReason.OUTSIDE_CENTRE:
        if not step.competent_body:
            faults.append("未告知主管机关")
        if not step.contact_given:
            faults.append("未告知其联系方式")
    return tuple(faults)


def linked_case(file: InquiryFile, cases: Mapping[str, CaseFile]) -> CaseFile | None:
    """The case the first handler linked to the inquiry, if the log has it."""
    for step in file.steps:
        if isinstance(step, Taken) and step.case:
            return cases.get(step.case)
    return None


def build_chain(file: InquiryFile, cases: Mapping[str, CaseFile]) -> Chain | None:
    """The responsibility chain of ``file``; None when the log never received the inquiry."""
    if file.asked is None:
        return None
    return Chain(file.inquiry, file.asked, file.steps, linked_case(file, cases))


def walk(first: str, steps: tuple[InquiryStep, ...], case: CaseFile | None) -> tuple[Link, ...]:
    """The links of ``steps``, first asked of ``first``, with the closing of ``case`` in its place."""
    walker = _Walker(first=first, case=case)
    links: list[Link] = []
    pending = [case.closed] if case and case.closed else []
    for step in steps:
        if pending and (pending[0].at, pending[0].event) < (step.at, step.event):
            links.append(walker.case_closing(pending.pop()))
        links.append(walker.advance(step, steps))
    links.extend(walker.case_closing(closing) for closing in pending)
    return tuple(links)


def received_chains(books: Books) -> tuple[Chain, ...]:
    """The chain of every inquiry the log received, in inquiry-id order.

    Every FIR policy of one evaluation reads these; they derive them once through
    :class:`~bianmin_rules.core.policy.Derived`.
    """
    return tuple(chain for file in books.inquiries.values() if (chain := build_chain(file, books.cases)) is not None)


class _Walker:
    """Walks the steps of one inquiry in order, keeping the phase and the responsible person."""

    def __init__(self, *, first: str, case: CaseFile | None) -> None:
        self.phase = Phase.INQUIRY
        self.responsible = first
        self.case = case

    def link(self, step: InquiryStep, effect: str = "") -> Link:
        responsible = None if self.phase is Phase.CLOSED else self.responsible
        return Link(step.at, step.at.date(), step.event, step.staff, self.phase, responsible, effect, step)

    def case_closing(self, closing: Step) -> Link:
        responsible = None if self.phase is Phase.CLOSED else self.responsible
        case = self.case.case if self.case else None
        return Link(closing.at, closing.at.date(), closing.event, closing.staff, self.phase, responsible, "", None,
                    closing, case)

    def advance(self, step: InquiryStep, steps: tuple[InquiryStep, ...]) -> Link:
        """The link of ``step``, after applying its effect on the responsibility."""
        if isinstance(step, Taken):
            return self.take(step)
        if isinstance(step, Handed):
            return self.hand(step)
        if isinstance(step, Discharged):
            return self.discharge(step, steps)
        if isinstance(step, Replied):
            return self.reply(step)
        return self.link(step)

    def take(self, step: Taken) -> Link:
        if self.phase is Phase.INQUIRY:
            self.phase, self.responsible = Phase.HANDLING, step.staff
            return self.link(step)
        if self.phase is Phase.HANDLING and step.staff != self.responsible:
            return self.link(step, f"首办责任人仍为 {self.responsible}")
        return self.link(step)

    def hand(self, step: Handed) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        if not step.leader_consent:
            return self.link(step, f"未经领导同意，责任不转移，仍由 {self.responsible} 承担")
        self.phase, self.responsible = Phase.HANDLING, step.to_staff
        return self.link(step, f"{step.to_staff} 担负首办责任")

    def discharge(self, step: Discharged, steps: tuple[InquiryStep, ...]) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        faults = discharge_faults(step, (s for s in steps if (s.at, s.event) < (step.at, step.event)))
        if faults:
            return self.link(step, f"免责条件不足（{'、'.join(faults)}），责任不解除")
        self.phase = Phase.CLOSED
        return self.link(step, "首问、首办责任解除")

    def reply(self, step: Replied) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        if self.phase is Phase.HANDLING and self.case is not None:
            closed = self.case.closed
            if closed is None or (step.at, step.event) < (closed.at, closed.event):
                return self.link(step, "办件尚未办结，不是办理结果的答复")
        self.phase = Phase.CLOSED
        return self.link(step)


def describe(step: InquiryStep) -> str:
    """What a step did, in words."""
    if isinstance(step, Asked):
        matter = f"「{step.matter}」" if step.matter else ""
        return f"首问：{CHANNEL_WORDS[step.channel]}咨询{matter}，{REMIT_WORDS[step.remit]}"
    if isinstance(step, Recorded):
        return "记录事项及来电人姓名、电话" if step.contact_recorded else "记录事项（未记来电人姓名、电话）"
    if isinstance(step, Referred):
        target = " ".join(x for x in (step.to_window, step.to_staff) if x) or "（未指明）"
        return f"引导至 {target}" + ("（承办人不在岗）" if step.handler_absent else "")
    if isinstance(step, Arranged):
        when = f"约定 {step.appointment:%Y-%m-%d %H:%M}" if step.appointment else "未约定时间"
        told = "已告知" if step.contact_given else "未告知"
        return f"联系承办人 {step.with_staff}，{when}，{told}承办人联系方式"
    if isinstance(step, LeaderAsked):
        return f"请示领导 {step.leader}" if step.leader else "请示领导"
    if isinstance(step, Refused):
        return f"以「{step.words}」回绝" if step.words else "回绝"
    if isinstance(step, Taken):
        parts = ["接办"] + ([f"办件 {step.case}"] if step.case else [])
        promise = f"，承诺 {step.promised_date} 办结" if step.promised_date else ""
        return " ".join(parts) + promise
    if isinstance(step, Handed):
        consent = "未经领导同意"
        if step.leader_consent:
            consent = f"经领导 {step.leader} 同意" if step.leader else "经领导同意"
        return f"移交 {step.to_staff}（{consent}）"
    if isinstance(step, FollowedUp):
        return "督办"
    if isinstance(step, Discharged):
        return f"免责办结：{REASON_WORDS[step.reason]}"
    assert isinstance(step, Replied)
    return "答复服务对象" + ("（电话/短信）" if step.by_phone else "")


def responsible_words(link: Link) -> str:
    """Who is responsible after a link, with the phase: ``S-wang（首问）`` or ``—（已结束）``."""
    if link.responsible is None:
        return "—（已结束）"
    return f"{link.responsible}（{PHASE_WORDS[link.phase]}）"


def render_chain(chain: Chain) -> str:
    """The chain as text, one numbered line per step: when, who, what, and who is responsible after it."""
    lines = [
        f"咨询 {chain.inquiry} 的首问首办责任链",
        f"首问责任人：{chain.first}（{CHANNEL_WORDS[chain.asked.channel]}，{chain.asked.at:%Y-%m-%d %H:%M}）",
    ]
    if chain.case is not None:
        lines.append(f"关联办件：{chain.case.case}")
    lines.append("")
    for number, link in enumerate(chain.links, start=1):
        effect = f"（{link.effect}）" if link.effect else ""
        lines.append(
            f"{number}. {link.at:%Y-%m-%d %H:%M}  {link.actor or '—'}  {link.action}{effect}"
            f"  → 责任人：{responsible_words(link)}"
        )
    end = chain.end
    lines.append("")
    if end is None:
        last = chain.links[-1]
        lines.append(f"结果：责任链尚未结束，现由 {responsible_words(last)} 负责。")
    else:
        lines.append(f"结果：{end.at:%Y-%m-%d %H:%M} {end.action}，责任链结束。")
    return "\n".join(lines) + "\n"


def unjudged_inquiries(inquiries: Mapping[str, InquiryFile]) -> Iterable[str]:
    """A note for each inquiry the log never received: it has no first-inquiry person (FIR-1)."""
    for file in inquiries.values():
        if file.asked is None:
            yield (f"咨询 {file.inquiry}：日志中没有首问记录（inquiry_received），无法确定首问责任人"
                   f"（事件 {file.steps[0].event} 等）。")
