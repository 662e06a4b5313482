"""Inquiry files: the steps of each inquiry's chain, gathered in any order (FIR).

Each event is filed as a row of the book's columns; at close the rows of one inquiry are
ordered by time, then event id, and each file is a view of its rows, its steps built
when read. The responsibility chain itself — who is responsible after each
step — is derived from a file by :func:`bianmin_rules.families.first_inquiry.chain.build_chain`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, ValuesView
from datetime import date, datetime
from itertools import repeat
from typing import Any, NamedTuple, TypeVar, cast

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import Columns, Texts, fact, in_order, only_one
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.core.words import Message, say
from bianmin_rules.families.first_inquiry.events import (
    AppointmentArranged,
    Channel,
    DischargeReason,
    InquiryDischarged,
    InquiryEvent,
    InquiryFollowedUp,
    InquiryReceived,
    InquiryRecorded,
    InquiryReferred,
    InquiryRefused,
    InquiryReplied,
    InquiryTaken,
    InquiryTransferred,
    LeaderConsulted,
    Remit,
)


@fact
class InquiryStep:
    """One step of an inquiry: when, which event, and who acted."""

    at: datetime
    event: str
    staff: str
    window: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the step."""
        return self.at.date()


StepT = TypeVar("StepT", bound=InquiryStep)


@fact
class Asked(InquiryStep):
    """The first question (FIR-1): ``staff`` is the first-inquiry person."""

    channel: Channel
    remit: Remit
    matter: str | None


@fact
class Recorded(InquiryStep):
    """The matter was written down (FIR-2, FIR-4)."""

    contact_recorded: bool


@fact
class Referred(InquiryStep):
    """The applicant was taken or sent to another window or person (FIR-2, FIR-4)."""

    to_window: str | None
    to_staff: str | None
    handler_absent: bool


@fact
class Arranged(InquiryStep):
    """A time was fixed with an absent handler (FIR-4)."""

    with_staff: str
    appointment: datetime | None
    contact_given: bool


@fact
class LeaderAsked(InquiryStep):
    """A leader was consulted (FIR-2, FIR-7)."""

    leader: str | None


@fact
class Refused(InquiryStep):
    """The applicant was turned away with these words (FIR-3)."""

    words: str


@fact
class Taken(InquiryStep):
    """A staff member took the matter to handle it (FIR-5)."""

    case: str | None
    promised_date: date | None


@fact
class Handed(InquiryStep):
    """The matter was transferred to a designated person (FIR-6)."""

    to_staff: str
    to_window: str | None
    leader_consent: bool
    leader: str | None


@fact
class FollowedUp(InquiryStep):
    """The first-inquiry person checked on a referred matter (FIR-8)."""


@fact
class Discharged(InquiryStep):
    """The matter was closed without handling, for a documented reason (FIR-7)."""

    reason: DischargeReason
    explained: bool
    applicant_told: bool
    competent_body: str | None
    contact_given: bool


@fact
class Replied(InquiryStep):
    """The applicant was answered or told the result (FIR-5)."""

    by_phone: bool


STEP_OF_EVENT: dict[type[InquiryEvent], type[InquiryStep]] = {
    InquiryReceived: Asked,
    InquiryRecorded: Recorded,
    InquiryReferred: Referred,
    AppointmentArranged: Arranged,
    LeaderConsulted: LeaderAsked,
    InquiryRefused: Refused,
    InquiryTaken: Taken,
    InquiryTransferred: Handed,
    InquiryFollowedUp: FollowedUp,
    InquiryDischarged: Discharged,
    InquiryReplied: Replied,
}

STEP_KINDS: tuple[type[InquiryStep], ...] = tuple(STEP_OF_EVENT.values())
"""Every kind of step, in the order the book's columns number them."""


class Shape(NamedTuple):
    """The kinds of an inquiry's steps in order, and where each kind stands: shared by every file of that shape."""

    sequence: tuple[type[InquiryStep], ...]
    """The kind of each step, in order."""
    where: Mapping[type[InquiryStep], tuple[int, ...]]
    """The positions of the steps of each kind present, in order."""
    asked: int | None
    """The position of the first question (FIR-1); None when the log never received the inquiry."""


def shape_of(sequence: tuple[type[InquiryStep], ...]) -> Shape:
    """The :class:`Shape` of steps of these kinds, in this order."""
    where: dict[type[InquiryStep], list[int]] = {}
    for position, kind in enumerate(sequence):
        where.setdefault(kind, []).append(position)
    return Shape(sequence, {kind: tuple(positions) for kind, positions in where.items()},
                 where[Asked][0] if Asked in where else None)


class InquiryFile:
    """Everything the log says about one inquiry, in time order.

    A view of the book's columns (:class:`InquiryBook`), made when read: its steps are
    built when read (:attr:`steps`, :meth:`of`, :meth:`steps_of`, :attr:`asked`), equal
    field for field to the steps filed, and only the kinds asked for; :attr:`kinds`
    tells which kinds it holds without building one.
    """

    __slots__ = ("_shape", "book", "index")

    book: InquiryBook
    """The book the file is a view of."""
    index: int
    """The inquiry's place in the book, in id order."""

    def __init__(self, book: InquiryBook, index: int) -> None:
        self.book, self.index, self._shape = book, index, book.shape(index)

    @classmethod
    def from_steps(cls, inquiry: str, steps: Iterable[InquiryStep]) -> InquiryFile:
        """The file of steps gathered elsewhere, in a book of its own; an inquiry received twice is an error."""
        columns = Columns(STEP_KINDS)
        rows = array("I", map(columns.append, in_order(steps)))
        return InquiryBook(columns, [inquiry], rows, array("I", [len(rows)]))[inquiry]

    @property
    def inquiry(self) -> str:
        """The inquiry's id."""
        return self.book.ids[self.index]

    @property
    def kinds(self) -> tuple[type[InquiryStep], ...]:
        """The kind of each step, in order, read without building the steps."""
        return self._shape.sequence

    def has(self, kind: type[InquiryStep]) -> bool:
        """Whether the inquiry holds a step of this kind."""
        return kind in self._shape.where

    @property
    def steps(self) -> tuple[InquiryStep, ...]:
        """Every step, in time order (then event id)."""
        return tuple(map(self.book.step, self.book.rows(self.index)))

    @property
    def asked(self) -> Asked | None:
        """The first question (FIR-1); None when the log never received the inquiry."""
        position = self._shape.asked
        return None if position is None else cast(Asked, self.book.step(self.book.row(self.index, position)))

    def of(self, kind: type[StepT]) -> tuple[StepT, ...]:
        """The steps of one kind, in time order: only those are built."""
        book, index = self.book, self.index
        return tuple(cast(StepT, book.step(book.row(index, position))) for position in self._shape.where.get(kind, ()))

    def first_of(
        self, kinds: Collection[type[InquiryStep]], where: Callable[[InquiryStep], bool] | None = None,
    ) -> InquiryStep | None:
        """The first step of one of these kinds (and of which ``where`` holds, if given): only those are built."""
        book, index = self.book, self.index
        for position, kind in enumerate(self._shape.sequence):
            if kind in kinds:
                step = book.step(book.row(index, position))
                if where is None or where(step):
                    return step
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InquiryFile) and self.inquiry == other.inquiry and self.steps == other.steps

    def __hash__(self) -> int:
        return hash((self.inquiry, self.steps))

    def __repr__(self) -> str:
        return f"InquiryFile(inquiry={self.inquiry!r}, steps={self.steps!r})"


class InquiryBook(Mapping[str, InquiryFile]):
    """The inquiry files by inquiry id, in id order: the steps as the rows of one
    :class:`~bianmin_rules.core.facts.Columns`, the ids in one :class:`~bianmin_rules.core.facts.Texts`.

    Nothing is kept per inquiry but where its rows start and its :class:`Shape`: a file
    is a view made when read.
    """

    __slots__ = ("_bounds", "_order", "_shape", "_shapes", "columns", "ids", "step")

    def __init__(self, columns: Columns, ids: list[str], order: array[int], ends: array[int]) -> None:
        """The book of the inquiries ``ids``, in id order, whose rows in time order (then event id) are
        ``order``, inquiry after inquiry, each ending where ``ends`` says (as
        :meth:`~bianmin_rules.core.facts.Columns.grouped` gives them).

        An inquiry received twice is an error, and so is a step dated before its first
        question (:func:`~bianmin_rules.core.facts.only_one`).
        """
        self.columns, self._order = columns, order
        self._bounds = array("I", [0])
        self._bounds.extend(ends)
        self._shape = numbers = array("I")
        self._shapes: list[Shape] = []
        known: dict[bytes, int] = {}
        unusual: set[int] = set()
        """The shapes whose first question is not their first step, or not their only one."""
        read = columns.reading()
        at, shapes, codes, start = read.at, self._shapes, columns.codes(order), 0
        for index, end in enumerate(ends):
            sequence = codes[start:end]
            number = known.get(sequence)
            if number is None:
                number = known[sequence] = len(shapes)
                shapes.append(shape_of(columns.kinds_of(order[start:end])))
                if shapes[number].where.get(Asked, (0,)) != (0,):
                    unusual.add(number)
            if number in unusual:
                asked = shapes[number].where[Asked]
                if len(asked) > 1 or at(order[start]) < at(order[start + asked[0]]):  # received twice, or a step before
                    only_one([read.fact(row) for row in order[start:end]], Asked, f"inquiry {ids[index]!r}")
            numbers.append(number)
            start = end
        self.ids = Texts.of(ids)
        self.step: Callable[[int], InquiryStep] = read.fact
        """The step filed in a row, built again."""

    def received(self, received: bool = True) -> Iterator[int]:
        """The place of each inquiry the log received (``received`` false: never received), in id order."""
        shapes = {number for number, shape in enumerate(self._shapes) if (shape.asked is not None) is received}
        return (index for index, number in enumerate(self._shape) if number in shapes)

    def shape(self, index: int) -> Shape:
        """The shape of the ``index``-th inquiry's steps."""
        return self._shapes[self._shape[index]]

    def rows(self, index: int) -> Sequence[int]:
        """The rows of the ``index``-th inquiry's steps, in time order."""
        return self._order[self._bounds[index]:self._bounds[index + 1]]

    def row(self, index: int, position: int) -> int:
        """The row of the ``index``-th inquiry's step at ``position`` in time order."""
        return self._order[self._bounds[index] + position]

    def __getitem__(self, inquiry: str) -> InquiryFile:
        index = self.ids.find(inquiry)
        if index is None:
            raise KeyError(inquiry)
        return InquiryFile(self, index)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def values(self) -> ValuesView[InquiryFile]:
        """The files, in inquiry-id order."""
        return _Files(self)

    def files(self) -> Iterator[InquiryFile]:
        """The files, in inquiry-id order (as :meth:`values`)."""
        return map(InquiryFile, repeat(self), range(len(self.ids)))


class _Files(ValuesView[InquiryFile]):
    """The files of an :class:`InquiryBook`, made as they are read."""

    _mapping: InquiryBook

    def __iter__(self) -> Iterator[InquiryFile]:
        return self._mapping.files()


class InquiryLedger:
    """Gathers inquiry events into inquiry files.

    Each event is filed as it comes, straight into the book's
    :class:`~bianmin_rules.core.facts.Columns` (no step is built); at close the rows of
    each inquiry are put in time order (:class:`InquiryBook`).
    """

    handles: tuple[type[EventBase], ...] = tuple(STEP_OF_EVENT)

    def __init__(self) -> None:
        self._columns = Columns(STEP_KINDS)
        self.filers: dict[type[EventBase], Callable[[Any], None]] = {
            event: self._columns.filer(step, "inquiry") for event, step in STEP_OF_EVENT.items()
        }
        """The function that files each event type (see :class:`~bianmin_rules.core.books.Ledger`)."""

    def record(self, event: InquiryEvent) -> None:
        """File one inquiry event."""
        self.filers[type(event)](event)

    def close(self) -> InquiryBook:
        """The inquiry files, by inquiry id, in id order."""
        return InquiryBook(self._columns, *self._columns.grouped())


INQUIRY_FILES: Book[InquiryBook] = Book("inquiries", InquiryLedger)
"""The inquiry files (first inquiry and first handling), by inquiry id."""


def unjudged_inquiries(books: Books) -> Iterator[Message]:
    """A note for each inquiry the log never received: it has no first-inquiry person (FIR-1)."""
    book = books[INQUIRY_FILES]
    for file in map(InquiryFile, repeat(book), book.received(False)):
        yield say("咨询 {inquiry}：日志中没有首问记录（inquiry_received），无法确定首问责任人（事件 {event} 等）。",
                      inquiry=file.inquiry, event=file.steps[0].event)


def inquiry_asked(verdict: Verdict, books: Books) -> date | None:
    """The day that starts an inquiry's matters: its first question (FIR-1), where the verdict names one."""
    file = books[INQUIRY_FILES].get(verdict.inquiry) if verdict.inquiry is not None else None
    return file.asked.day if file is not None and file.asked is not None else None
