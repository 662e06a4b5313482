"""Case files (案卷): the facts of each case, gathered from its events in any order.

A ledger keeps only the facts the rules read, not the events themselves, so that a log
of millions of events can be evaluated while it streams past. Steps are ordered by time,
then by event id, whatever the order they arrived in. A case file is a tuple of steps
and nothing else: the names of windows and staff are interned, so that the books of a
large log stay small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar, cast

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.deadlines import Pause, TimeLimit
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import Columns, fact, fact_of, filer, follows
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.core.words import Message, say
from bianmin_rules.families.cases.events import (
    ApplicantReturned,
    CaseCompleted,
    CaseEvent,
    CaseReceived,
    CaseRegistered,
    CaseRejected,
    CaseResumed,
    CaseSuspended,
    CaseTransferred,
    CompletionFoundFalse,
    DelayExplained,
    ExtensionGranted,
    JointMeetingAttended,
    JointReviewDecided,
    JointReviewExplained,
    JointReviewForwarded,
    MaterialsCompleted,
    MaterialsReceivedOnline,
    MissingMaterialsNotice,
    NoticeContent,
    PaperCopiesDemanded,
    ReceiptNoticeIssued,
    ReturnCause,
)


@fact
class Step:
    """One dated step in a case file: when, which event, and who acted."""

    at: datetime
    event: str
    window: str | None
    staff: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the step."""
        return self.at.date()

    @property
    def order(self) -> tuple[datetime, str]:
        """The order of steps: by time, then by event id."""
        return (self.at, self.event)


@fact
class Receipt(Step):
    """The case was received (CASE-1)."""

    case_type: str
    promised_limit: TimeLimit | None
    statutory_limit: TimeLimit | None
    materials_complete: bool
    key_project: bool
    online: bool
    issuing_window: str | None


@fact
class PromiseNotice(Step):
    """A written receipt notice with the promised date (TL-3)."""

    promised_date: date


@fact
class MaterialsNotice(Step):
    """A notice of missing materials (OTN-2, OTN-7)."""

    items: tuple[str, ...]
    written: bool
    states: tuple[NoticeContent, ...] | None


@fact
class MaterialsDone(Step):
    """The materials became complete (TL-4)."""


@fact
class Suspension(Step):
    """The clock stopped (TL-8)."""

    reason: str


@fact
class Resumption(Step):
    """The clock ran again (TL-8)."""


@fact
class Extension(Step):
    """The limit was extended (TL-5)."""

    reason: str
    new_limit: TimeLimit
    applicant_told_in_writing: bool
    copied_to_centre: bool


@fact
class Explanation(Step):
    """The applicant was told why the case would be late (TL-5)."""

    reason: str
    written: bool


@fact
class Completion(Step):
    """The case was completed."""


@fact
class FalseCompletion(Step):
    """The completions recorded before this step were found false (REG-3)."""


@fact
class Rejection(Step):
    """The case was rejected (TL-7, OTN-4)."""

    reasons: tuple[str, ...]
    written: bool


@fact
class Transfer(Step):
    """The case moved to another window or staff member."""

    to_window: str | None
    to_staff: str | None


@fact
class Return(Step):
    """The applicant came back (OTN-5)."""

    cause: ReturnCause
    travel_cost: Decimal | None


@fact
class Forward(Step):
    """The lead window forwarded the case to a participating window (JA-2)."""

    to_window: str
    limit: TimeLimit


@fact
class JointDecision(Step):
    """A participating window decided (JA-2)."""

    approved: bool


@fact
class Attendance(Step):
    """A participating window attended the coordination meeting or joint inspection (JA-3)."""

    meeting: str


@fact
class JointExplanation(Step):
    """A participating window explained its delay (JA-3)."""

    reason: str
    written: bool


@fact
class Registration(Step):
    """The case was entered in the online system (REG-3)."""


@fact
class OnlineMaterials(Step):
    """Materials received through the online system (REG-6)."""

    items: tuple[str, ...]


@fact
class PaperDemand(Step):
    """Paper copies demanded (REG-6)."""

    items: tuple[str, ...]
    obtainable_by_sharing: tuple[str, ...]


StepT = TypeVar("StepT", bound=Step)

STEP_OF_EVENT: dict[type[CaseEvent], type[Step]] = {
    CaseReceived: Receipt,
    ReceiptNoticeIssued: PromiseNotice,
    MissingMaterialsNotice: MaterialsNotice,
    MaterialsCompleted: MaterialsDone,
    CaseSuspended: Suspension,
    CaseResumed: Resumption,
    ExtensionGranted: Extension,
    DelayExplained: Explanation,
    CaseCompleted: Completion,
    CompletionFoundFalse: FalseCompletion,
    CaseRejected: Rejection,
    CaseTransferred: Transfer,
    ApplicantReturned: Return,
    JointReviewForwarded: Forward,
    JointReviewDecided: JointDecision,
    JointMeetingAttended: Attendance,
    JointReviewExplained: JointExplanation,
    CaseRegistered: Registration,
    MaterialsReceivedOnline: OnlineMaterials,
    PaperCopiesDemanded: PaperDemand,
}

STEP_KINDS: tuple[type[Step], ...] = tuple(STEP_OF_EVENT.values())
"""Every kind of step, in the order of their bits and of their codes in a book's columns."""

KIND_BITS: dict[type[Step], int] = {step: 1 << i for i, step in enumerate(STEP_KINDS)}
"""One bit per kind of step: a case file knows at once which kinds it holds."""

def step_of(event: CaseEvent) -> Step:
    """The case-file step that records ``event``."""
    return fact_of(STEP_OF_EVENT[type(event)], event)


_ORDER = attrgetter("at", "event")


class CaseFile:
    """Everything the log says about one case: its receipt and its steps, in time order.

    The facts other families read most are kept as they were filed: :attr:`receipt` (with
    the promised limit), :attr:`completion` (valid completions only, REG-3) and
    :attr:`closed`. The other steps — notices, suspensions, extensions, joint reviews … —
    are kept in the book's :class:`~bianmin_rules.core.facts.Columns` and built when read
    (:attr:`steps`, :meth:`of`, :meth:`first`), equal field for field to the steps filed.
    """

    __slots__ = ("_columns", "_row", "_shape", "case", "closed", "completion", "kinds", "receipt")

    case: str
    receipt: Receipt | None
    completion: Completion | None
    """When the case was completed, if it was (a completion found false does not count, REG-3)."""
    closed: Step | None
    """The step that closed the case: its completion or its rejection, whichever came first."""
    kinds: int
    """The kinds of step the file holds, as bits of :data:`KIND_BITS`; absent kinds are never scanned for."""

    def __init__(self, case: str, ordered: tuple[Step, ...], columns: Columns | None = None) -> None:
        """File steps already in order (by time, then event id), the others kept in ``columns``.

        A case received twice is an error, and so is a step dated before the receipt
        (:func:`~bianmin_rules.core.facts.follows`); only materials received online
        may come first (REG-6).
        """
        shape = shape_of(tuple(map(type, ordered)))
        receipts = shape.receipts
        if len(receipts) > 1:
            first, second = ordered[receipts[0]], ordered[receipts[1]]
            raise EvaluationError(
                f"case {case!r} is received twice (first in event {first.event!r})", event_id=second.event
            )
        if receipts and receipts[0]:  # steps sorted before the receipt: at its moment, or a contradiction
            follows(ordered, ordered[receipts[0]], f"case {case!r}", may_precede=(OnlineMaterials,))
        self.case = case
        self.receipt = cast(Receipt, ordered[receipts[0]]) if receipts else None
        self.completion = None if shape.completion is None else cast(Completion, ordered[shape.completion])
        self.closed = None if shape.closed is None else ordered[shape.closed]
        self.kinds = shape.kinds
        self._shape = shape
        self._columns: Columns | None = None
        self._row = 0
        if shape.stored:
            self._columns = columns = Columns(STEP_KINDS) if columns is None else columns
            self._row = columns.append(ordered[shape.stored[0]])
            for position in shape.stored[1:]:
                columns.append(ordered[position])

    @classmethod
    def from_steps(cls, case: str, steps: Iterable[Step]) -> CaseFile:
        """Order the steps and file them; a case received twice is an error."""
        return cls(case, tuple(sorted(steps, key=_ORDER)))

    @classmethod
    def of_ordered(cls, case: str, ordered: tuple[Step, ...]) -> CaseFile:
        """File steps already in order (by time, then event id); see :class:`CaseFile`."""
        return cls(case, ordered)

    def _step(self, code: int) -> Step:
        """The step a :attr:`Shape.codes` code names: one kept as filed, or one built from the columns."""
        if code >= 0:
            assert self._columns is not None
            step: Step = self._columns.fact(self._row + code)
            return step
        kept = self.receipt if code == _RECEIPT else self.completion if code == _COMPLETION else self.closed
        assert kept is not None
        return kept

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step, in time order (then event id)."""
        return tuple(map(self._step, self._shape.codes))

    def has(self, kind: type[Step]) -> bool:
        """Whether the file holds a step of this kind."""
        return bool(self.kinds & KIND_BITS[kind])

    def of(self, kind: type[StepT]) -> tuple[StepT, ...]:
        """The steps of one kind, in time order."""
        if not self.kinds & KIND_BITS[kind]:
            return ()
        return cast(tuple[StepT, ...], tuple(map(self._step, self._shape.where[kind])))

    def first(self, kind: type[StepT]) -> StepT | None:
        """The earliest step of one kind, if any."""
        if not self.kinds & KIND_BITS[kind]:
            return None
        return cast(StepT, self._step(self._shape.where[kind][0]))

    def before(self, kind: type[StepT], day: date) -> Iterator[StepT]:
        """The steps of one kind on or before ``day``."""
        return (s for s in self.of(kind) if s.day <= day)

    @property
    def completions(self) -> tuple[Completion, ...]:
        """The completions that stand: those recorded after the last one found false (REG-3)."""
        return _standing(self.steps)

    @property
    def rejection(self) -> Rejection | None:
        """When the case was rejected, if it was."""
        return self.first(Rejection)

    @property
    def materials_complete_on(self) -> Step | None:
        """The step from which the materials were complete: the receipt, or the completion of the materials."""
        if self.receipt is not None and self.receipt.materials_complete:
            return self.receipt
        return self.first(MaterialsDone)

    def pauses(self) -> tuple[Pause, ...]:
        """The suspensions of the case (TL-8): a suspension runs until the next resumption.

        A second suspension while suspended, and a resumption while running, change nothing.
        """
        if not self.kinds & KIND_BITS[Suspension]:
            return ()
        pauses: list[Pause] = []
        stopped: date | None = None
        for step in self.steps:
            if isinstance(step, Suspension) and stopped is None:
                stopped = step.day
            elif isinstance(step, Resumption) and stopped is not None:
                pauses.append(Pause(stopped, step.day))
                stopped = None
        if stopped is not None:
            pauses.append(Pause(stopped, None))
        return tuple(pauses)

    @property
    def window(self) -> str | None:
        """The window that received the case."""
        return self.receipt.window if self.receipt else None

    @property
    def staff(self) -> str | None:
        """The staff member who received the case (首办责任人)."""
        return self.receipt.staff if self.receipt else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseFile) and self.case == other.case and self.steps == other.steps

    def __hash__(self) -> int:
        return hash((self.case, self.steps))

    def __repr__(self) -> str:
        return f"CaseFile(case={self.case!r}, steps={self.steps!r})"


_RECEIPT, _COMPLETION, _CLOSED = -3, -2, -1
"""The codes of the steps a :class:`CaseFile` keeps as filed (see :attr:`Shape.codes`)."""


class Shape(NamedTuple):
    """Where the steps :class:`CaseFile` names stand in a file, by position in the ordered steps."""

    kinds: int
    """The kinds of step present, as bits of :data:`KIND_BITS`."""
    receipts: tuple[int, ...]
    """Every receipt (more than one is an error)."""
    completion: int | None
    """The first completion that stands (after the last one found false, REG-3)."""
    closed: int | None
    """The earlier of that completion and the first rejection."""
    stored: tuple[int, ...]
    """The positions of the steps kept in the book's columns: all but the receipt, the completion and the closing."""
    codes: tuple[int, ...]
    """Each step, in order: its row among the file's stored steps, or the (negative) code of a step kept as filed."""
    where: dict[type[Step], tuple[int, ...]]
    """The codes of the steps of each kind present, in order."""


@lru_cache(maxsize=4096)
def shape_of(kinds: tuple[type[Step], ...]) -> Shape:
    """The :class:`Shape` of a file whose ordered steps are of these kinds.

    A large log has hundreds of thousands of cases but only a few hundred sequences of
    kinds of step (received, notified, completed …): remembering the shape of each
    sequence spares a scan of every file when the books close, and
    files of one shape share one ``kinds`` number.
    """
    bits = 0
    receipts: list[int] = []
    standing: list[int] = []
    rejection: int | None = None
    for i, kind in enumerate(kinds):
        bits |= KIND_BITS[kind]
        if kind is Receipt:
            receipts.append(i)
        elif kind is Rejection:
            rejection = i if rejection is None else rejection
        elif kind is FalseCompletion:
            standing.clear()
        elif kind is Completion:
            standing.append(i)
    completion = standing[0] if standing else None
    ends = [i for i in (completion, rejection) if i is not None]
    closed = min(ends) if ends else None
    kept: dict[int, int] = {receipts[0]: _RECEIPT} if len(receipts) == 1 else {}
    if closed is not None:
        kept[closed] = _CLOSED
    if completion is not None:
        kept[completion] = _COMPLETION  # the closing too, when it is the completion
    stored = tuple(i for i in range(len(kinds)) if i not in kept)
    codes = tuple(kept[i] if i in kept else stored.index(i) for i in range(len(kinds)))
    where: dict[type[Step], list[int]] = defaultdict(list)
    for kind, code in zip(kinds, codes, strict=True):
        where[kind].append(code)
    return Shape(bits, tuple(receipts), completion, closed, stored, codes,
                 {kind: tuple(found) for kind, found in where.items()})


def _standing(steps: tuple[Step, ...]) -> tuple[Completion, ...]:
    """The completions recorded after the last one found false (REG-3)."""
    valid: list[Completion] = []
    for step in steps:
        if isinstance(step, FalseCompletion):
            valid.clear()
        elif isinstance(step, Completion):
            valid.append(step)
    return tuple(valid)


def undeclared_case_type(case_type: str, declared: Iterable[str], *, event_id: str) -> EvaluationError:
    """The error for a receipt of a case type the variant does not declare (CASE-2)."""
    known = ", ".join(sorted(declared))
    return EvaluationError(f"case type {case_type!r} is not declared by the variant (it declares: {known})",
                           event_id=event_id)


class CaseLedger:
    """Gathers case events into case files; checks case types against the variant (CASE-2).

    ``case_types`` None files every case type, for a caller that checks them afterwards
    (:func:`~bianmin_rules.core.engine.evaluate_all`, for several variants at once).
    """

    handles: tuple[type[EventBase], ...] = tuple(STEP_OF_EVENT)

    def __init__(self, case_types: Iterable[str] | None) -> None:
        self._case_types = frozenset(case_types or ())
        self._steps: dict[str, list[Step]] = defaultdict(list)
        self.filers: dict[type[EventBase], Callable[[Any], None]] = {
            event: filer(step, self._steps, "case") for event, step in STEP_OF_EVENT.items()
        }
        """The function that files each event type (see :class:`~bianmin_rules.core.books.Ledger`)."""
        if case_types is not None:
            self._file_receipt = self.filers[CaseReceived]
            self.filers[CaseReceived] = self._receive

    def record(self, event: CaseEvent) -> None:
        """File one case event."""
        self.filers[type(event)](event)

    def _receive(self, event: CaseReceived) -> None:
        """File a receipt, whose case type the variant must declare (CASE-2)."""
        if event.case_type not in self._case_types:
            raise undeclared_case_type(event.case_type, self._case_types, event_id=event.id)
        self._file_receipt(event)

    def close(self) -> dict[str, CaseFile]:
        """The case files, by case id, in case-id order."""
        files = {}
        columns = Columns(STEP_KINDS)
        for case in sorted(self._steps):
            steps = self._steps.pop(case)  # dropped once filed: its memory serves the files built next
            steps.sort(key=_ORDER)  # in place: one list fewer per case than sorted()
            files[case] = CaseFile(case, tuple(steps), columns)
        columns.seal()
        return files


def admit_case_types(files: Mapping[str, CaseFile], case_types: Collection[str]) -> None:
    """Raise on the earliest receipt of a case type not among ``case_types`` (CASE-2)."""
    undeclared = [
        file.receipt for file in files.values()
        if file.receipt is not None and file.receipt.case_type not in case_types
    ]
    if undeclared:
        first = min(undeclared, key=lambda receipt: (receipt.at, receipt.event))
        raise undeclared_case_type(first.case_type, case_types, event_id=first.event)


CASE_FILES: Book[Mapping[str, CaseFile]] = Book("cases", CaseLedger, admit=admit_case_types)
"""The case files, by case id."""


def unjudged_cases(books: Books) -> Iterator[Message]:
    """A note for each case the log never received: its time limits cannot be checked."""
    for file in books[CASE_FILES].values():
        if file.receipt is None:
            yield say("办件 {case}：日志中没有收件记录，无法检查其时限（事件 {event} 等）。", case=file.case,
                      event=file.steps[0].event)


def case_received(verdict: Verdict, books: Books) -> date | None:
    """The day that starts a case's matters: its receipt (CASE-1), where the verdict names a received case.

    A case changes rules with the day it was received: every limit, notice and decision of
    it is judged under the rules in force that day, as the applicant was told them then.
    """
    file = books[CASE_FILES].get(verdict.case) if verdict.case is not None else None
    return file.receipt.day if file is not None and file.receipt is not None else None
