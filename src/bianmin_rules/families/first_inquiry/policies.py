"""First inquiry and first handling (首问 / 首办): FIR-1…FIR-8.

Every policy reads the responsibility chain of each inquiry (:mod:`bianmin_rules.families.first_inquiry.chain`)
and charges its verdicts to one staff member under a stable rule ID, so that the offence
ladders of FIR-9 can count them per person (families/ladders/policies.py, kind
``offence-ladder``). ``channels`` is FIR-1 as each variant words it: the ways of asking
that make the person asked a first-inquiry person (town-basic: only applicants who come
to the centre; county-centre: 来办事、来访和来电; jianshe-street: 来访、来电、来信).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Literal, NamedTuple

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.deadlines import SAME_DAY, Clock, Limit, TimeLimit
from bianmin_rules.core.duties import judge_matter
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import Verdict, VerdictKind, answerable
from bianmin_rules.core.words import Message, as_message, joined, say, word, zh
from bianmin_rules.families.first_inquiry.chain import Chain, Link, Phase, discharge_faults, received_chains
from bianmin_rules.families.first_inquiry.events import Channel
from bianmin_rules.families.first_inquiry.ledger import (
    Arranged,
    Discharged,
    FollowedUp,
    Handed,
    InquiryStep,
    LeaderAsked,
    Recorded,
    Referred,
    Refused,
    Replied,
    Taken,
)


class InquiryPolicy(PolicyBase):
    """Shared by the FIR policies: which inquiries count (FIR-1) and how verdicts are charged."""

    channels: tuple[Channel, ...] = Field(
        default=tuple(Channel), min_length=1,
        description="FIR-1: the ways of asking that make the person asked a first-inquiry person.",
    )

    def chains(self, books: Books, context: Context, having: type[InquiryStep] | None = None) -> Iterator[Chain]:
        """The chain of every inquiry received through one of ``channels`` (and holding a step of the kind
        ``having``, if given), in inquiry-id order."""
        return context.derived.of(books, received_chains).through(self.channels, having)

    def in_time(self, context: Context, start: date, within: TimeLimit, done: InquiryStep | None) -> bool:
        """Whether ``done`` came within ``within`` of ``start``, when compliance is not reported: a matter no
        verdict concerns, passed over without being made."""
        return not context.include_compliance and done is not None and done.day <= within.due_date(
            start, context.calendar)

    def charge(
        self, context: Context, chain: Chain, staff: str, *, on: date, explanation: Message,
        evidence: tuple[str, ...], kind: VerdictKind = VerdictKind.VIOLATION, window: str | None = None,
        **details: object,
    ) -> Verdict:
        """A verdict on ``staff`` about ``chain``, at ``window`` (default: where the inquiry was first asked).

        ``details`` are further verdict fields (deadline …).
        """
        case = chain.case.case if chain.case else None
        return self.verdict(
            context, subject=answerable(staff), kind=kind, on=on,
            explanation=say("咨询 {inquiry}：{explanation}", inquiry=chain.inquiry, explanation=explanation),
            evidence=tuple(dict.fromkeys(evidence)),
            staff=staff, window=window or chain.asked.window, case=case, inquiry=chain.inquiry, **details,
        )

    def step_matter(
        self, chain: Chain, staff: str, *, limit: TimeLimit, start: date, start_rule: str | Message, start_event: str,
        done: Link | InquiryStep | None, duty: str | Message, act: str | Message, window: str | None = None,
        also: tuple[str, ...] = (),
    ) -> Matter[Chain]:
        """The matter of an act owed by ``staff`` within ``limit`` from ``start``: ``done`` when it came.

        ``window`` is where it is owed (default: where the inquiry was first asked); ``also``
        names further events the matter rests on.
        """
        evidence = (chain.asked.event, start_event, *((done.event,) if done else ()), *also)
        return Matter(
            chain, Clock(limit, start, start_rule), done.day if done else None, duty, act, answerable(staff),
            window or chain.asked.window, staff, case=chain.case.case if chain.case else None,
            inquiry=chain.inquiry, evidence=tuple(dict.fromkeys(evidence)),
        )

    def judge_step(self, context: Context, chain: Chain, matter: Matter[Any]) -> Iterator[Verdict]:
        """A verdict about ``chain`` when the matter's act came after its due day, or never came."""
        duty = judge_matter(context, matter)
        if duty is None or matter.staff is None:
            return
        clock = matter.clock
        explanation = say(
            "{duty}。时限自{start_rule}（{start}）起算{limit}，届满日为{due}；{outcome}。",
            duty=as_message(matter.duty), start_rule=as_message(clock.start_rule), start=clock.start,
            limit=clock.limit.words(), due=duty.due,
            outcome=duty.outcome(as_message(matter.action), context.as_of),
        )
        yield self.charge(
            context, chain, matter.staff, on=duty.on, explanation=explanation, evidence=matter.evidence,
            kind=duty.kind, window=matter.window, **duty.matter_fields(matter),
        )


def first_by(chain: Chain, kinds: tuple[type[InquiryStep], ...], staff: str | None = None) -> Link | None:
    """The first link whose step is of one of ``kinds`` (and by ``staff``, if given)."""
    for link in chain.links:
        step = link.step
        if isinstance(step, kinds) and (staff is None or step.staff == staff):
            return link
    return None


def booking(chain: Chain, staff: str, *, contact_required: bool = True) -> tuple[Recorded | None, Arranged | None]:
    """What ``staff`` did for an absent handler (town-basic (五)4): the first record and the first arrangement.

    "记录办理事项和要求，主动联系承办人以确定办理要求及预约办理时间，并提供具体承办人员的联系方式":
    the record of the matter, and an arrangement with the handler (a time fixed) that gave
    the applicant the handler's contact (unless ``contact_required`` is false) — each the
    first of its kind by ``staff`` in the chain, in whatever order they came.
    """
    record = next((x for x in chain.of(Recorded) if x.staff == staff), None)
    arranged = next((
        x for x in chain.of(Arranged) if x.staff == staff and (x.contact_given or not contact_required)
    ), None)
    return record, arranged


def booked(record: Recorded | None, arranged: Arranged | None) -> InquiryStep | None:
    """When a matter was booked for an absent handler (FIR-4's duty done): the later of the record and the
    arrangement of :func:`booking`; None while either is missing."""
    if record is None or arranged is None:
        return None
    return max(record, arranged, key=lambda x: (x.at, x.event))


class Settlement(StrEnum):
    """What ends the first-inquiry person's duty to see the matter settled (FIR-2 ``settled_by``)."""

    TAKEN = "taken"
    """Someone took the matter (接办), or it was transferred with a leader's consent: "直到有人办理为止"."""
    CLOSED = "closed"
    """The applicant was answered, or the matter was discharged with its conditions met (FIR-7)."""
    BOOKED = "booked"
    """The handler was out, and the first-inquiry person recorded the matter, fixed a time with the
    handler and gave the applicant the handler's contact (town-basic (五)4)."""
    LEADER_ASKED = "leader_asked"
    """The first-inquiry person asked a leader about a matter that needs one ("应及时向有关领导请示汇报",
    town-conduct-100 首问责任制度 1); the reply that follows is the discharge FIR-7 judges."""


SETTLEMENT_WORDS = {
    Settlement.TAKEN: (say("有人接办"),),
    Settlement.CLOSED: (say("答复"), say("免责办结")),
    Settlement.BOOKED: (say("为不在岗的承办人预约办理"),),
    Settlement.LEADER_ASKED: (say("请示领导"),),
}


class FirstInquiryGuidance(InquiryPolicy):
    """FIR-2: the first-inquiry person answers, handles or guides, "直到有人办理为止".

    A violation when, within ``within`` of the first question (default: the same day),
    nothing moved the inquiry on: no answer, no taking of the matter, no referral to a
    named window or person, no appointment, no leader asked, no discharge. With
    ``settle_within`` set, the first-inquiry person's duty must also be discharged within
    that limit by one of ``settled_by`` (town-conduct-100: "直到有人办理为止"; town-basic
    (五)3: "直接落实具体接待人员", or (五)4 for a handler who is out: the matter booked).
    """

    kind: Literal["first-inquiry-guidance"] = "first-inquiry-guidance"
    within: Limit = Field(default=SAME_DAY, description="How soon the first-inquiry person must act.")
    settle_within: Limit | None = Field(
        default=None, description="How soon the first-inquiry person's duty must be discharged (None: not checked).",
    )
    settled_by: tuple[Settlement, ...] = Field(
        default=(Settlement.TAKEN, Settlement.CLOSED), min_length=1,
        description="What discharges the first-inquiry person's duty, in the variant's text.",
    )

    GUIDANCE: ClassVar[tuple[type[InquiryStep], ...]] = (
        Referred, Arranged, LeaderAsked, Taken, Handed, Discharged, Replied,
    )
    """The steps that move an inquiry on (a referral only when it names a window or a person)."""

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One verdict per inquiry at most: no guidance in time, else (with ``settle_within``) not settled in time."""
        for matter in self.matters(books, context):
            yield from self.judge_step(context, matter.about, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Chain]]:
        """One matter per inquiry: the guidance owed; once guidance came in time, the settlement owed, if checked.

        Unless compliance is reported, an inquiry guided in time whose settlement is not
        checked is passed over without a matter: no verdict concerns it.
        """
        calendar = context.calendar
        for chain in self.chains(books, context):
            guidance = chain.first_of(self.GUIDANCE, self.moves_on)
            if self.settle_within is None and self.in_time(context, chain.asked.day, self.within, guidance):
                continue
            matter = self.step_matter(
                chain, chain.first, limit=self.within, start=chain.asked.day, start_rule=zh("首问之日"),
                start_event=chain.asked.event, done=guidance, act=zh("解答、办理或引导"),
                duty=say("首问责任人应当解答、办理或引导办理，不得置之不理"),
            )
            due = matter.due(calendar)
            if self.settle_within is not None and guidance is not None and due is not None and guidance.day <= due:
                matter = self.step_matter(
                    chain, chain.first, limit=self.settle_within, start=chain.asked.day, start_rule=zh("首问之日"),
                    start_event=chain.asked.event, done=self.settled(chain), act=self.settlement_words,
                    duty=say("首问责任人应将服务对象引导给具体经办人员，直到有人办理为止"),
                )
            yield matter

    @property
    def settlement_words(self) -> Message:
        """What would have discharged the first-inquiry person, in words: ``有人接办、答复或免责办结``."""
        words = [words for act in Settlement if act in self.settled_by for words in SETTLEMENT_WORDS[act]]
        return say("{some}或{last}", some=joined(words[:-1]), last=words[-1]) if len(words) > 1 else words[0]

    def settled(self, chain: Chain) -> Link | InquiryStep | None:
        """The earliest act of ``settled_by`` that discharged the first-inquiry person, if any."""
        acts: list[Link | InquiryStep] = []
        if Settlement.TAKEN in self.settled_by:
            acts += [link for link in chain.links if link.phase is Phase.HANDLING][:1]
        if Settlement.CLOSED in self.settled_by:
            acts += [link for link in chain.links if link.phase is Phase.CLOSED][:1]
        if Settlement.BOOKED in self.settled_by and (step := booked(*booking(chain, chain.first))) is not None:
            acts.append(step)
        if Settlement.LEADER_ASKED in self.settled_by:
            acts += [s for s in chain.of(LeaderAsked) if s.staff == chain.first][:1]
        return min(acts, key=lambda act: (act.at, act.event), default=None)

    def moves_on(self, step: InquiryStep | None) -> bool:
        """Is ``step`` guidance: an answer, a taking, a named referral, an appointment, a leader asked …?"""
        if isinstance(step, Referred):
            return bool(step.to_window or step.to_staff)
        return isinstance(step, self.GUIDANCE)


class PhoneInquiryRecord(InquiryPolicy):
    """FIR-2 (phone): the person who takes a call records the matter and the caller's name and number.

    Village template 一 5: "将来电反映的事项、来电人姓名、联系电话登记在册"; county-centre
    首问责任制 四. ``contact_required`` demands the caller's name and number, not only the
    matter.
    """

    kind: Literal["phone-inquiry-record"] = "phone-inquiry-record"
    channels: tuple[Channel, ...] = Field(default=(Channel.PHONE,), min_length=1)
    within: Limit = Field(default=SAME_DAY, description="How soon the record is due (default same day).")
    contact_required: bool = Field(default=True, description="Must the caller's name and number be recorded?")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict for each inquiry of ``channels`` not recorded in time by the person who took it."""
        for matter in self.matters(books, context):
            yield from self.judge_step(context, matter.about, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Chain]]:
        """The record owed for each inquiry of ``channels``, met by the first full record of the person who took it
        (unless compliance is reported, a record made in time is passed over: no verdict concerns it)."""
        what = say("事项、来电人姓名和联系电话") if self.contact_required else say("来电事项")
        for chain in self.chains(books, context):
            record = next((
                step for step in chain.of(Recorded)
                if step.staff == chain.first and (step.contact_recorded or not self.contact_required)
            ), None)
            if self.in_time(context, chain.asked.day, self.within, record):
                continue
            yield self.step_matter(
                chain, chain.first, limit=self.within, start=chain.asked.day, start_rule=zh("来电之日"),
                start_event=chain.asked.event, done=record, act=zh("登记"),
                duty=say("接听电话的首问责任人应将{what}登记在册", what=what),
            )


class ForbiddenRefusal(InquiryPolicy):
    """FIR-3: "不知道", "不清楚", "不归我管" may not be used to turn an applicant away.

    jiangxi-town (一)3 lists all three; county-centre 首问责任制 二 names "不知道" and
    "不清楚". With ``any_refusal`` every recorded refusal is a violation, whatever the
    words (jianshe-street 首问、首办责任制 一: "不得以任何籍口推诿、拒绝").
    """

    kind: Literal["forbidden-refusal"] = "forbidden-refusal"
    phrases: tuple[str, ...] = Field(
        default=("不知道", "不清楚", "不归我管"), min_length=1, description="The forbidden words.",
    )
    any_refusal: bool = Field(default=False, description="Is every refusal forbidden, whatever its words?")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each refusal that uses a forbidden phrase (or any refusal, with ``any_refusal``)."""
        for chain in self.chains(books, context, having=Refused):
            for step in chain.of(Refused):
                used = [p for p in self.phrases if p in step.words]
                if not used and not self.any_refusal:
                    continue
                why = say("使用禁语「{phrases}」", phrases="」「".join(used)) if used else say("推诿、拒绝")
                yield self.charge(
                    context, chain, step.staff, on=step.day, evidence=(chain.asked.event, step.event),
                    window=step.window, explanation=say("{day} {staff} 以「{words}」回绝服务对象，{why}。",
                                                        day=step.day, staff=step.staff, words=step.words, why=why),
                )


class AbsentHandler(InquiryPolicy):
    """FIR-4: the handler is out; the first-inquiry person records the matter and arranges a time.

    town-basic (五)4: "首问责任人要负责接待，记录办理事项和要求，主动联系承办人以确定办理要求
    及预约办理时间，并提供具体承办人员的联系方式". For every referral to an absent handler,
    the person who referred must record the matter and arrange an appointment (giving
    the applicant the handler's contact, with ``contact_required``) within ``within``,
    in either order: a matter recorded before the referral is recorded.
    """

    kind: Literal["absent-handler"] = "absent-handler"
    within: Limit = Field(default=SAME_DAY, description="How soon (default same day).")
    contact_required: bool = Field(default=True, description="Must the applicant get the handler's contact?")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each referral to an absent handler not recorded and arranged in time."""
        for matter in self.matters(books, context):
            yield from self.judge_referral(context, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Booking]]:
        """For every referral to an absent handler, the booking owed by the person who referred."""
        for chain in self.chains(books, context, having=Referred):
            for step in chain.of(Referred):
                if step.handler_absent:
                    record, arranged = booking(chain, step.staff, contact_required=self.contact_required)
                    done = booked(record, arranged)
                    evidence = (chain.asked.event, step.event, *(x.event for x in (record, arranged) if x is not None))
                    yield Matter(
                        Booking(chain, step, record, arranged), Clock(self.within, step.day, zh("承办人不在岗之日")),
                        done.day if done else None, say("记录办理事项，联系承办人预约办理时间并提供其联系方式"),
                        zh("记录并预约"), answerable(step.staff), step.window or chain.asked.window, step.staff,
                        case=chain.case.case if chain.case else None, inquiry=chain.inquiry,
                        evidence=tuple(dict.fromkeys(evidence)),
                    )

    def judge_referral(self, context: Context, matter: Matter[Booking]) -> Iterator[Verdict]:
        """The verdict on one referral: what was missing by the due day, and when it was done if late."""
        duty = judge_matter(context, matter)
        if duty is None:
            return
        chain, referral, record, arranged = matter.about
        due = duty.due
        duties = ((say("未记录办理事项"), record), (say("未联系承办人预约办理时间并告知其联系方式"), arranged))
        missing = [what for what, step in duties if step is None or step.day > due]
        outcome = (say("届满日{due}前{missing}", due=due, missing=joined(missing)) if missing
                   else say("已按时记录并预约"))
        explanation = say(
            "承办人不在岗（{day}），首问责任人应负责接待，记录办理事项，联系承办人预约办理时间，"
            "并提供承办人联系方式；时限{limit}，{outcome}。",
            day=referral.day, limit=self.within.words(), outcome=outcome,
        )
        yield self.charge(
            context, chain, referral.staff, on=duty.on, explanation=explanation, evidence=matter.evidence,
            kind=duty.kind, window=referral.window, **duty.matter_fields(matter),
        )


class Booking(NamedTuple):
    """A referral to an absent handler (FIR-4): the inquiry, the referral, and the record and arrangement made."""

    chain: Chain
    referral: Referred
    record: Recorded | None
    arranged: Arranged | None


class FirstHandlingReply(InquiryPolicy):
    """FIR-5: the first-handling person tracks the matter to completion and replies with the result.

    tangdaohe-town 第五条(二): "办结后及时向服务对象回复办理结果"; town-conduct-100
    首问责任制度 3. The matter is done when its linked case is completed or rejected; a
    matter without a case is due on its promised date, or — when no date was promised —
    on the day it was taken ("能立即办理的应立即办理"). The reply is due ``within`` after
    that (the texts say 及时; the default of one working day is this library's reading).
    The verdict is charged to whoever bore first-handling responsibility on the due day.
    """

    kind: Literal["first-handling-reply"] = "first-handling-reply"
    within: Limit = Field(default=TimeLimit(amount=1), description="How soon after completion the reply is due.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict for every handled matter whose result was not replied in time."""
        for matter in self.matters(books, context):
            yield from self.judge_step(context, matter.about, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Chain]]:
        """The reply owed for every handled matter once it is done, by whoever bears it on the due day."""
        for chain in self.chains(books, context):
            taken = chain.handling_start
            end = chain.end
            if taken is None or (end is not None and isinstance(end.step, Discharged)):
                continue  # never handled, or discharged (a discharge tells the applicant, FIR-7)
            done = self.completion(chain, taken)
            if done is None:
                continue  # the linked case is still open: its own time limits apply
            start, start_event, start_rule = done
            reply = end if end is not None and isinstance(end.step, Replied) else None
            holder = chain.holder_on(self.within.due_date(start, context.calendar))
            yield self.step_matter(
                chain, holder, limit=self.within, start=start, start_rule=start_rule, start_event=start_event,
                done=reply, duty=say("首办责任人应全程跟踪，办结后及时向服务对象回复办理结果"), act=zh("回复办理结果"),
            )

    @staticmethod
    def completion(chain: Chain, taken: Link) -> tuple[date, str, str] | None:
        """The day the matter counts as done, the event that makes it so, and in words; None while open."""
        if chain.case is not None:
            closed = chain.case.closed
            return (closed.day, closed.event, zh("办件办结之日")) if closed else None
        promise = next((link for link in chain.links if isinstance(link.step, Taken) and link.step.promised_date),
                       None)
        if promise is not None and isinstance(promise.step, Taken) and promise.step.promised_date:
            return promise.step.promised_date, promise.event, zh("承诺办结之日")
        return taken.day, taken.event, zh("接办之日")


class TransferConsent(InquiryPolicy):
    """FIR-6: a matter is transferred only with a leader's consent, to a designated person.

    Village template 二 4: "经领导同意，及时移交指定人员继续办理，被移交人担负首办责任".
    A transfer without consent is a violation of the transferor, and moves no
    responsibility (the chain keeps the transferor responsible).
    """

    kind: Literal["transfer-consent"] = "transfer-consent"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each transfer without a leader's consent."""
        for chain in self.chains(books, context, having=Handed):
            for link in chain.links:
                step = link.step
                if isinstance(step, Handed) and not step.leader_consent:
                    yield self.charge(
                        context, chain, step.staff, on=step.day, evidence=(chain.asked.event, step.event),
                        window=step.window, explanation=say(
                            "{day} {staff} 未经领导同意将事项移交 {to}；首办责任不转移，仍由 {responsible} 承担。",
                            day=step.day, staff=step.staff, to=step.to_staff, responsible=str(link.responsible),
                        ),
                    )


class DischargeConditions(InquiryPolicy):
    """FIR-7: a matter is discharged only when the discharge's conditions hold.

    Not allowed by law or policy: explained patiently (village template 二 6: "解释清楚
    后，视为完成答复"). Needing a leader's instruction: the leader asked and the
    applicant told (town-conduct-100 首问责任制度 1: "请示汇报并告知办事人后方为首问办结").
    Outside the centre: the competent body and its contact named (tangdaohe-town 第四条(三)).
    A discharge that fails them is a violation, and responsibility stays where it was.
    """

    kind: Literal["discharge-conditions"] = "discharge-conditions"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each discharge whose conditions are not met."""
        for chain in self.chains(books, context, having=Discharged):
            steps = chain.steps
            for index, step in enumerate(steps):
                if not isinstance(step, Discharged):
                    continue
                faults = discharge_faults(step, steps[:index])
                if faults:
                    yield self.charge(
                        context, chain, step.staff, on=step.day, evidence=(chain.asked.event, step.event),
                        window=step.window,
                        explanation=say("{day} {staff} 以免责办结，但{faults}；责任不解除。", day=step.day,
                                        staff=step.staff, faults=joined(map(word, faults))),
                    )


class ReferralFollowUp(InquiryPolicy):
    """FIR-8: the first-inquiry person keeps following up a referred matter until it is finished.

    town-basic (五)5: "首问责任人对转办的事情仍需进行督办，直到事情办理结束". After each
    referral by the first-inquiry person, and after each follow-up, the next follow-up is
    due within ``within`` while the matter is not finished (answered, discharged, or its
    case completed). The text sets no interval, and the library invents none: ``within``
    has no default, and a variant that applies the rule states its own (a blank the text
    leaves to each centre, docs/concepts.md). One verdict per inquiry, at the first lapse.
    """

    kind: Literal["referral-follow-up"] = "referral-follow-up"
    within: Limit = Field(description="The longest gap between follow-ups (no default: the texts state none).")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each referred inquiry whose follow-ups lapsed before it was finished."""
        for matter in self.matters(books, context):
            yield from self.judge_lapse(context, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Lapse]]:
        """One matter per inquiry the first-inquiry person referred: the follow-up owed at its first lapse."""
        for chain in self.chains(books, context, having=Referred):
            referral = first_by(chain, (Referred,), chain.first)
            if referral is None:
                continue
            follow_ups = [link for link in chain.links if isinstance(link.step, FollowedUp)
                          and link.step.staff == chain.first and link.order > referral.order]
            yield self.first_lapse(context, chain, referral, follow_ups, self.finished(chain))

    @staticmethod
    def finished(chain: Chain) -> Link | None:
        """The link at which the matter was finished: the chain's end, or its case's closing (a link without a step)."""
        return next((link for link in chain.links if link.phase is Phase.CLOSED or link.step is None), None)

    def first_lapse(
        self, context: Context, chain: Chain, referral: Link, follow_ups: list[Link], finished: Link | None,
    ) -> Matter[Lapse]:
        """Walk the follow-ups from the referral to the first gap longer than ``within``, or to the end.

        The matter is the follow-up owed from the last one in time (or the referral): met by a
        late follow-up, ended by the end of the matter, or still open.
        """
        anchor, calendar = referral, context.calendar
        for follow_up in [*follow_ups, None]:
            due = self.within.due_date(anchor.day, calendar)
            ended = finished is not None and finished.day <= due
            if ended or follow_up is None or follow_up.day > due:
                break
            anchor = follow_up
        met = follow_up if not ended else None
        done = met or finished
        return Matter(
            Lapse(chain, anchor, referral, met, finished), Clock(
                self.within, anchor.day, zh("转办之日") if anchor is referral else zh("上次督办之日")),
            done.day if done else None, say("首问责任人对转办的事情仍需督办，直到事情办理结束"), zh("督办"),
            answerable(chain.first), chain.asked.window, chain.first, case=chain.case.case if chain.case else None,
            inquiry=chain.inquiry, evidence=tuple(dict.fromkeys((
                chain.asked.event, anchor.event, *(link.event for link in (met or finished,) if link is not None)))),
        )

    def judge_lapse(self, context: Context, matter: Matter[Lapse]) -> Iterator[Verdict]:
        """The verdict on the first gap: closed by a late follow-up, by the end of the matter, or still open.

        A matter that ended within the gap is in time, and nothing is said of it.
        """
        lapse = matter.about
        if lapse.follow_up is None and lapse.finished is not None:
            due = matter.due(context.calendar)
            if due is None or lapse.finished.day <= due:
                return
            # Never followed up, finished late: the lapse ran until the day the matter finished.
            context, matter = replace(context, as_of=lapse.finished.day), matter._replace(done=None)
        yield from self.judge_step(context, lapse.chain, matter)


class Lapse(NamedTuple):
    """Where an inquiry's follow-ups lapsed (FIR-8): the last one in time (or the referral), the late one, the end."""

    chain: Chain
    anchor: Link
    referral: Link
    follow_up: Link | None
    """The follow-up after the gap, if one came."""
    finished: Link | None
    """Where the matter was finished, if it was."""
