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
the FIR policies and its printout (:func:`bianmin_rules.views.chain.render_chain`) read
the same chain, so the printout shows exactly what the verdicts rest on.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, NamedTuple, cast

from bianmin_rules.core.books import Books
from bianmin_rules.core.words import Message, joined, say, word, zh
from bianmin_rules.families.cases.ledger import CASE_FILES, CaseFile, Step
from bianmin_rules.families.first_inquiry.events import Channel, DischargeReason
from bianmin_rules.families.first_inquiry.ledger import (
    INQUIRY_FILES,
    Asked,
    Discharged,
    Handed,
    InquiryBook,
    InquiryFile,
    InquiryStep,
    LeaderAsked,
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
    effect: Message | None
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


class Chain(InquiryFile):
    """The responsibility chain of one inquiry: a view of its file, with the case it became.

    The steps are built when first read, and only the kinds a rule asks for
    (:meth:`of`, :meth:`first_of`), and so is the case; the links are walked when first read: the rules that
    read only the steps (which guidance came, which refusal, which discharge) do not need
    them, and on a large log most inquiries are read by no other rule. A stage keeps no
    chain: each rule reads views made as it goes (:class:`Chains`), and the links once
    walked are kept for the stage's other rules.
    """

    __slots__ = ("_asked", "_case", "_cases", "_links", "_steps", "_walked")

    def __init__(self, book: InquiryBook, index: int, cases: Mapping[str, CaseFile],
                 walked: dict[str, tuple[Link, ...]] | None = None) -> None:
        """The chain of the ``index``-th inquiry of ``book``, whose case is looked up in ``cases`` when read."""
        super().__init__(book, index)
        self._cases, self._walked = cases, walked
        self._case: CaseFile | Literal[False] | None = False
        self._asked: Asked | None = None
        self._steps: tuple[InquiryStep, ...] | None = None
        self._links: tuple[Link, ...] | None = None

    @property
    def case(self) -> CaseFile | None:
        """The case the matter became, if a handler linked one the log has."""
        case = self._case
        if case is False:
            case = self._case = linked_case(self, self._cases)
        return case

    @property
    def asked(self) -> Asked:
        """The first question (FIR-1)."""
        asked = self._asked
        if asked is None:
            book, position = self.book, self._shape.asked
            if position is None:
                raise ValueError(f"inquiry {self.inquiry!r} was never received")
            asked = self._asked = cast(Asked, book.step(book.row(self.index, position)))
        return asked

    @property
    def steps(self) -> tuple[InquiryStep, ...]:
        """Every step of the inquiry in order: the links' steps, without the closing of the linked case."""
        steps = self._steps
        if steps is None:
            steps = self._steps = super().steps
        return steps

    @property
    def links(self) -> tuple[Link, ...]:
        """Each step (and the closing of the linked case, in its place) with where it left the responsibility."""
        links = self._links
        if links is None:
            walked = self._walked
            links = walked.get(self.inquiry) if walked is not None else None
            if links is None:
                links = walk(self.asked.staff, self.steps, self.case)
                if walked is not None:
                    walked[self.inquiry] = links
            self._links = links
        return links

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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chain) and super().__eq__(other) and self.case == other.case

    def __hash__(self) -> int:
        return super().__hash__()

    def __repr__(self) -> str:
        return f"Chain(inquiry={self.inquiry!r}, steps={self.steps!r}, case={self.case!r})"


class Chains:
    """The chain of every inquiry the log received, in inquiry-id order, made as they are read.

    What a stage keeps for its FIR rules (:class:`~bianmin_rules.core.policy.Derived`) is
    which inquiries were received and through which channel, and the links of the chains
    a rule walked; not a chain per inquiry.
    """

    __slots__ = ("_book", "_cases", "_channels", "_received", "_walked")

    def __init__(self, book: InquiryBook, cases: Mapping[str, CaseFile]) -> None:
        self._book, self._cases = book, cases
        self._received = array("I", book.received())
        value, row, shape = book.columns.reading().value, book.row, book.shape
        self._channels: list[Channel] = [
            value(row(index, cast(int, shape(index).asked)), "channel") for index in self._received
        ]
        self._walked: dict[str, tuple[Link, ...]] = {}

    def __iter__(self) -> Iterator[Chain]:
        return self.through(None)

    def through(
        self, channels: Collection[Channel] | None, having: type[InquiryStep] | None = None,
    ) -> Iterator[Chain]:
        """The chains of the inquiries asked through one of ``channels`` (None: every chain), in inquiry-id order;
        with ``having``, only those that hold a step of that kind (told by their shape, without a chain)."""
        book, cases, walked, shape = self._book, self._cases, self._walked, self._book.shape
        for index, channel in zip(self._received, self._channels, strict=True):
            if (channels is None or channel in channels) and (having is None or having in shape(index).where):
                yield Chain(book, index, cases, walked)


def discharge_faults(step: Discharged, earlier: Iterable[InquiryStep]) -> tuple[str, ...]:
    """The conditions of a discharge that are not met (FIR-7, FIR-2); empty when it counts."""
    faults: list[str] = []
    if step.reason is DischargeReason.NOT_ALLOWED and not step.explained:
        faults.append(zh("未向服务对象解释清楚"))
    if step.reason is DischargeReason.LEADER_INSTRUCTION:
        if not any(isinstance(s, LeaderAsked) for s in earlier):
            faults.append(zh("未请示领导"))
        if not step.applicant_told:
            faults.append(zh("未告知服务对象"))
    if step.reason is DischargeReason.OUTSIDE_CENTRE:
        if not step.competent_body:
            faults.append(zh("未告知主管机关"))
        if not step.contact_given:
            faults.append(zh("未告知其联系方式"))
    return tuple(faults)


def linked_case(file: InquiryFile, cases: Mapping[str, CaseFile]) -> CaseFile | None:
    """The case the first handler linked to the inquiry, if the log has it."""
    linked = next((step.case for step in file.of(Taken) if step.case), None)
    return None if linked is None else cases.get(linked)


def build_chain(file: InquiryFile, cases: Mapping[str, CaseFile]) -> Chain | None:
    """The responsibility chain of ``file``, apart from the books; None when the log never received the inquiry.

    The chain and its case keep their own steps, not the books they were read from: a
    chain read alone (``bianmin-rules chain``, :func:`~bianmin_rules.views.trace.trace_inquiry`)
    outlives them.
    """
    if file.asked is None:
        return None
    own = InquiryFile.from_steps(file.inquiry, file.steps)
    case = linked_case(file, cases)
    return Chain(own.book, own.index, {} if case is None else {case.case: CaseFile.from_steps(case.case, case.steps)})


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


def received_chains(books: Books) -> Chains:
    """The chain of every inquiry the log received, in inquiry-id order.

    Every FIR policy of one evaluation reads these; they derive them once through
    :class:`~bianmin_rules.core.policy.Derived`.
    """
    return Chains(books[INQUIRY_FILES], books[CASE_FILES])


class _Walker:
    """Walks the steps of one inquiry in order, keeping the phase and the responsible person."""

    def __init__(self, *, first: str, case: CaseFile | None) -> None:
        self.phase = Phase.INQUIRY
        self.responsible = first
        self.case = case

    def link(self, step: InquiryStep, effect: Message | None = None) -> Link:
        responsible = None if self.phase is Phase.CLOSED else self.responsible
        return Link(step.at, step.at.date(), step.event, step.staff, self.phase, responsible, effect, step)

    def case_closing(self, closing: Step) -> Link:
        responsible = None if self.phase is Phase.CLOSED else self.responsible
        case = self.case.case if self.case else None
        return Link(closing.at, closing.at.date(), closing.event, closing.staff, self.phase, responsible, None,
                    None, closing, case)

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
            return self.link(step, say("首办责任人仍为 {staff}", staff=self.responsible))
        return self.link(step)

    def hand(self, step: Handed) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        if not step.leader_consent:
            return self.link(step, say("未经领导同意，责任不转移，仍由 {staff} 承担", staff=self.responsible))
        self.phase, self.responsible = Phase.HANDLING, step.to_staff
        return self.link(step, say("{staff} 担负首办责任", staff=step.to_staff))

    def discharge(self, step: Discharged, steps: tuple[InquiryStep, ...]) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        faults = discharge_faults(step, (s for s in steps if (s.at, s.event) < (step.at, step.event)))
        if faults:
            return self.link(step, say("免责条件不足（{faults}），责任不解除", faults=joined(map(word, faults))))
        self.phase = Phase.CLOSED
        return self.link(step, say("首问、首办责任解除"))

    def reply(self, step: Replied) -> Link:
        if self.phase is Phase.CLOSED:
            return self.link(step)
        if self.phase is Phase.HANDLING and self.case is not None:
            closed = self.case.closed
            if closed is None or (step.at, step.event) < (closed.at, closed.event):
                return self.link(step, say("办件尚未办结，不是办理结果的答复"))
        self.phase = Phase.CLOSED
        return self.link(step)
