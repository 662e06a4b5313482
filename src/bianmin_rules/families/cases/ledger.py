"""Case files (案卷): the facts of each case, gathered from its events in any order.

A ledger keeps only the facts the rules read, not the events themselves, so that a log
of millions of events can be evaluated while it streams past. Steps are ordered by time,
then by event id, whatever the order they arrived in. A case file is a tuple of steps
and nothing else: the names of windows and staff are interned, so that the books of a
large log stay small.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar, cast

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.deadlines import Pause, TimeLimit
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import Columns, Reading, fact, fact_of, follows
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

    A case file is a view of the book's :class:`~bianmin_rules.core.facts.Columns`, made
    once when the book closes: the steps are built when read (:attr:`steps`, :meth:`of`,
    :meth:`first`, :attr:`receipt`, :attr:`completion`, :attr:`closed`), equal field for
    field to the steps filed. What the rules ask of nearly every case is kept on the file
    itself, read without building a step: the day it was received (:attr:`received_on`), by
    which window and staff member, its case type and promised limit, and when it was
    completed and closed.
    """

    __slots__ = (
        "_book", "_shape", "_start", "case", "case_type", "closed_on", "completed_on", "promised_limit",
        "received_on", "staff", "window",
    )

    case: str
    received_on: date | None
    """The day the case was received (受理之日, CASE-1); None when the log never received it."""
    window: str | None
    """The window that received the case."""
    staff: str | None
    """The staff member who received the case (首办责任人)."""
    case_type: str | None
    """The case type of the receipt."""
    promised_limit: TimeLimit | None
    """The limit promised at receipt, if one was (TL-2)."""
    completed_on: date | None
    """The day the case was completed, if it was (a completion found false does not count, REG-3)."""
    closed_on: date | None
    """The day the case was closed: completed or rejected, whichever came first."""

    def __init__(self, case: str, book: _Filed, start: int, shape: Shape) -> None:
        """The file of ``case``, whose ordered steps are the rows ``book.order[start:]`` of ``shape``'s kinds.

        A case received twice is an error, and so is a step dated before the receipt
        (:func:`~bianmin_rules.core.facts.follows`); only materials received online
        may come first (REG-6).
        """
        self.case, self._book, self._shape, self._start = case, book, shape, start
        order, read, day, receipts, completion, closed = \
            book.order, book.read, book.day, shape.receipts, shape.completion, shape.closed
        if receipts:
            # A receipt's fields but event, in order: at, window, staff, case_type, promised_limit, …
            received, self.window, self.staff, self.case_type, self.promised_limit = \
                read.values(order[start + receipts[0]])[:5]
            self.received_on = day(received)
        else:
            self.received_on = self.window = self.staff = self.case_type = self.promised_limit = None
        self.completed_on = None if completion is None else day(read.at(order[start + completion]))
        self.closed_on = (self.completed_on if closed == completion
                          else None if closed is None else day(read.at(order[start + closed])))
        if len(receipts) > 1:
            steps = self.steps
            first, second = steps[receipts[0]], steps[receipts[1]]
            raise EvaluationError(
                f"case {case!r} is received twice (first in event {first.event!r})", event_id=second.event
            )
        if receipts and receipts[0]:  # steps sorted before the receipt: at its moment, or a contradiction
            steps = self.steps
            follows(steps, steps[receipts[0]], f"case {case!r}", may_precede=(OnlineMaterials,))

    @classmethod
    def from_steps(cls, case: str, steps: Iterable[Step]) -> CaseFile:
        """Order the steps and file them; a case received twice is an error."""
        return cls.of_ordered(case, tuple(sorted(steps, key=_ORDER)))

    @classmethod
    def of_ordered(cls, case: str, ordered: tuple[Step, ...]) -> CaseFile:
        """File steps already in order (by time, then event id), in columns of their own."""
        columns = Columns(STEP_KINDS)
        rows = array("I", map(columns.append, ordered))
        return cls(case, _Filed(columns, rows, columns.reading(), shared_days()), 0,
                   shape_of(tuple(map(type, ordered))))

    def _step(self, position: int) -> Step:
        """The step at ``position`` among the file's ordered steps, built from the columns."""
        book = self._book
        step: Step = book.read.fact(book.order[self._start + position])
        return step

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step, in time order (then event id)."""
        return tuple(map(self._step, range(len(self._shape.sequence))))

    @property
    def receipt(self) -> Receipt | None:
        """The receipt (CASE-1), if the log has one."""
        receipts = self._shape.receipts
        return cast(Receipt, self._step(receipts[0])) if receipts else None

    @property
    def completion(self) -> Completion | None:
        """The completion, if the case was completed (a completion found false does not count, REG-3)."""
        position = self._shape.completion
        return None if position is None else cast(Completion, self._step(position))

    @property
    def closed(self) -> Step | None:
        """The step that closed the case: its completion or its rejection, whichever came first."""
        position = self._shape.closed
        return None if position is None else self._step(position)

    def _receipt_value(self, name: str) -> Any:
        """A field of the receipt, read without building it; None when the log never received the case."""
        receipts = self._shape.receipts
        book = self._book
        return book.read.value(book.order[self._start + receipts[0]], name) if receipts else None

    @property
    def statutory_limit(self) -> TimeLimit | None:
        """The statutory limit registered at receipt, if one was."""
        limit: TimeLimit | None = self._receipt_value("statutory_limit")
        return limit

    @property
    def key_project(self) -> bool:
        """Whether the receipt marks the case a key project (绿色通道)."""
        receipts, book = self._shape.receipts, self._book  # read of every file: one call fewer than _receipt_value
        return bool(receipts) and bool(book.read.value(book.order[self._start + receipts[0]], "key_project"))

    @property
    def issuing_window(self) -> str | None:
        """The window the receipt names as issuing the final certificate."""
        window: str | None = self._receipt_value("issuing_window")
        return window

    @property
    def online(self) -> bool:
        """Whether the case was received through the online system (REG-3)."""
        return bool(self._receipt_value("online"))

    @property
    def materials_complete(self) -> bool:
        """Whether the materials were complete on receipt."""
        return bool(self._receipt_value("materials_complete"))

    @property
    def receipt_event(self) -> str | None:
        """The id of the event that received the case, if one did."""
        receipts, book = self._shape.receipts, self._book
        return book.read.event(book.order[self._start + receipts[0]]) if receipts else None

    @property
    def completion_event(self) -> str | None:
        """The id of the event that completed the case, if it was."""
        position, book = self._shape.completion, self._book
        return None if position is None else book.read.event(book.order[self._start + position])

    kinds: int = cast(int, property(attrgetter("_shape.kinds"), doc=(
        "The kinds of step the file holds, as bits of :data:`KIND_BITS`; absent kinds are never scanned for. "
        "Most rules read it of every file: it is read in C, the shape's, without a call in Python.")))

    def _at(self, position: int | None) -> datetime | None:
        """The time of the step at ``position`` among the file's ordered steps, if there is one."""
        book = self._book
        return None if position is None else book.read.at(book.order[self._start + position])

    @property
    def received(self) -> datetime | None:
        """When the case was received (CASE-1); None when the log never received it."""
        receipts = self._shape.receipts
        return self._at(receipts[0]) if receipts else None

    @property
    def completed(self) -> datetime | None:
        """When the case was completed, if it was (a completion found false does not count, REG-3)."""
        return self._at(self._shape.completion)

    @property
    def closed_at(self) -> datetime | None:
        """When the case was closed: completed or rejected, whichever came first."""
        return self._at(self._shape.closed)

    def has(self, kind: type[Step]) -> bool:
        """Whether the file holds a step of this kind."""
        return bool(self._shape.kinds & KIND_BITS[kind])

    def of(self, kind: type[StepT]) -> tuple[StepT, ...]:
        """The steps of one kind, in time order."""
        if not self._shape.kinds & KIND_BITS[kind]:
            return ()
        book = self._book
        rows = map(book.order.__getitem__, map(self._start.__add__, self._shape.where[kind]))
        return cast(tuple[StepT, ...], tuple(map(book.read.fact, rows)))

    def first(self, kind: type[StepT]) -> StepT | None:
        """The earliest step of one kind, if any."""
        if not self._shape.kinds & KIND_BITS[kind]:
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
        if self.materials_complete:
            return self.receipt
        return self.first(MaterialsDone)

    def pauses(self) -> tuple[Pause, ...]:
        """The suspensions of the case (TL-8): a suspension runs until the next resumption.

        A second suspension while suspended, and a resumption while running, change nothing.
        """
        if not self._shape.kinds & KIND_BITS[Suspension]:
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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseFile) and self.case == other.case and self.steps == other.steps

    def __hash__(self) -> int:
        return hash((self.case, self.steps))

    def __repr__(self) -> str:
        return f"CaseFile(case={self.case!r}, steps={self.steps!r})"


class _Filed(NamedTuple):
    """The steps of a book of case files: the columns they were filed in, their rows in case-file order, and how
    the columns are read."""

    columns: Columns
    order: array[int]
    """The rows of each file's steps in time order (then event id), file after file, in case-id order."""
    read: Reading
    """The step of a row built again, or its fields read (:meth:`~bianmin_rules.core.facts.Columns.reading`)."""
    day: Callable[[datetime], date]
    """The China-time day of a time, one date object per day for all the files (:func:`shared_days`)."""


def shared_days() -> Callable[[datetime], date]:
    """A function giving the day of a time, the same date object for every time of one day: the files of a large
    log keep the days of their receipt, completion and closing, and a year has a few hundred days."""
    days: dict[date, date] = {}
    share = days.setdefault

    def day(at: datetime) -> date:
        today = at.date()
        return share(today, today)

    return day


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
    sequence: tuple[type[Step], ...]
    """The kind of each step, in order."""
    where: dict[type[Step], tuple[int, ...]]
    """The positions of the steps of each kind present, in order."""


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
    where: dict[type[Step], list[int]] = defaultdict(list)
    for i, kind in enumerate(kinds):
        bits |= KIND_BITS[kind]
        where[kind].append(i)
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
    return Shape(bits, tuple(receipts), completion, min(ends) if ends else None, kinds,
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


def admitting(file: Callable[[Any], None], case_types: frozenset[str]) -> Callable[[CaseReceived], None]:
    """``file`` for receipts whose case type the variant must declare (CASE-2): any other is an error.

    A function of its own, not a method of the ledger: a ledger whose filers referred to
    it would be a reference cycle, kept with its numbering of every case until the
    collector runs again — and it is paused for the whole evaluation.
    """

    def receive(event: CaseReceived) -> None:
        if event.case_type not in case_types:
            raise undeclared_case_type(event.case_type, case_types, event_id=event.id)
        file(event)

    return receive


class CaseLedger:
    """Gathers case events into case files; checks case types against the variant (CASE-2).

    Each event is filed as it comes, straight into the book's
    :class:`~bianmin_rules.core.facts.Columns` (no step is built); at close the rows of
    each case are put in time order and each case gets its :class:`CaseFile`.
    ``case_types`` None files every case type, for a caller that checks them afterwards
    (:func:`~bianmin_rules.core.engine.evaluate_all`, for several variants at once).
    """

    handles: tuple[type[EventBase], ...] = tuple(STEP_OF_EVENT)

    def __init__(self, case_types: Iterable[str] | None) -> None:
        self._case_types = frozenset(case_types or ())
        self._columns = Columns(STEP_KINDS)
        self.filers: dict[type[EventBase], Callable[[Any], None]] = {
            event: self._columns.filer(step, "case") for event, step in STEP_OF_EVENT.items()
        }
        """The function that files each event type (see :class:`~bianmin_rules.core.books.Ledger`)."""
        if case_types is not None:
            self.filers[CaseReceived] = admitting(self.filers[CaseReceived], self._case_types)

    def record(self, event: CaseEvent) -> None:
        """File one case event."""
        self.filers[type(event)](event)

    def close(self) -> CaseBook:
        """The case files, by case id, in case-id order."""
        columns = self._columns
        cases, order, ends = columns.grouped()
        book, codes = _Filed(columns, order, columns.reading(), shared_days()), columns.codes(order)
        files, shapes, start = [], _SHAPES, 0
        for case, end in zip(cases, ends, strict=True):
            kinds = codes[start:end]
            shape = shapes.get(kinds)
            if shape is None:
                shape = shapes[kinds] = shape_of(tuple(map(STEP_KINDS.__getitem__, kinds)))
            files.append(CaseFile(case, book, start, shape))
            start = end
        return CaseBook(files)


_CASE = attrgetter("case")


def file_of(files: Sequence[CaseFile], case: str) -> CaseFile | None:
    """The file of ``case`` among ``files`` (in case-id order), found by bisection on their ids; None if none."""
    index = bisect_left(files, case, key=_CASE)
    return files[index] if index < len(files) and files[index].case == case else None


class CaseBook(Mapping[str, CaseFile]):
    """The case files by case id, in case-id order: a list of the files, searched by bisection on their ids.

    No dict of the ids: a large log has hundreds of thousands of cases, and the rules
    read the files in order, looking one up by its id only now and then (an inquiry's
    linked case).
    """

    __slots__ = ("_files",)

    def __init__(self, files: list[CaseFile]) -> None:
        """The book of ``files``, in case-id order, each case once."""
        self._files = files

    def __getitem__(self, case: str) -> CaseFile:
        file = file_of(self._files, case)
        if file is None:
            raise KeyError(case)
        return file

    def __iter__(self) -> Iterator[str]:
        return map(_CASE, self._files)

    def __len__(self) -> int:
        return len(self._files)

    def values(self) -> ValuesView[CaseFile]:
        """The files, in case-id order."""
        return _Files(self)

    def items(self) -> ItemsView[str, CaseFile]:
        """The case ids and their files, in case-id order."""
        return _Items(self)

    def files(self) -> Iterator[CaseFile]:
        """The files, in case-id order (as :meth:`values`)."""
        return iter(self._files)

    def received(self) -> Sequence[CaseFile]:
        """The files of the cases the log received, in case-id order: the book's own list, not a copy, when it
        received every case."""
        files = self._files
        if all(file.received_on is not None for file in files):
            return files
        return tuple(file for file in files if file.received_on is not None)


class _Files(ValuesView[CaseFile]):
    """The files of a :class:`CaseBook`, read from its list."""

    _mapping: CaseBook

    def __iter__(self) -> Iterator[CaseFile]:
        return self._mapping.files()


class _Items(ItemsView[str, CaseFile]):
    """The ids and files of a :class:`CaseBook`, read from its list."""

    _mapping: CaseBook

    def __iter__(self) -> Iterator[tuple[str, CaseFile]]:
        return ((file.case, file) for file in self._mapping.files())


_SHAPES: dict[bytes, Shape] = {}
"""The :class:`Shape` of each sequence of kinds of step met, by their codes in a book's columns (a few hundred)."""


def admit_case_types(files: Mapping[str, CaseFile], case_types: Collection[str]) -> None:
    """Raise on the earliest receipt of a case type not among ``case_types`` (CASE-2)."""
    undeclared = [
        receipt for file in files.values()
        if file.received_on is not None and file.case_type not in case_types and (receipt := file.receipt) is not None
    ]
    if undeclared:
        first = min(undeclared, key=lambda receipt: (receipt.at, receipt.event))
        raise undeclared_case_type(first.case_type, case_types, event_id=first.event)


CASE_FILES: Book[Mapping[str, CaseFile]] = Book("cases", CaseLedger, admit=admit_case_types)
"""The case files, by case id."""


def unjudged_cases(books: Books) -> Iterator[Message]:
    """A note for each case the log never received: its time limits cannot be checked."""
    for file in books[CASE_FILES].values():
        if file.received_on is None:
            yield say("办件 {case}：日志中没有收件记录，无法检查其时限（事件 {event} 等）。", case=file.case,
                      event=file.steps[0].event)


def case_received(verdict: Verdict, books: Books) -> date | None:
    """The day that starts a case's matters: its receipt (CASE-1), where the verdict names a received case.

    A case changes rules with the day it was received: every limit, notice and decision of
    it is judged under the rules in force that day, as the applicant was told them then.
    """
    file = books[CASE_FILES].get(verdict.case) if verdict.case is not None else None
    return file.received_on if file is not None else None
