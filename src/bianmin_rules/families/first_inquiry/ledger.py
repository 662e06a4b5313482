"""Inquiry files: the steps of each inquiry's chain, gathered in any order (FIR).

Each event is filed as a row of the book's columns; at close the rows of one inquiry are
ordered by time, then event id, and each file is a view of its rows, its steps built
when read. The responsibility chain itself — who is responsible after each
step — is derived from a file by :func:`bianmin_rules.families.first_inquiry.chain.build_chain`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, ValuesView
from datetime import date, datetime
from itertools import repeat
from typing import Any, TypeVar, cast

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


class InquiryFile:
    """Everything the log says about one inquiry, in time order.

    A view of the book's columns (:class:`InquiryBook`), made when read: its steps are
    built when read (:attr:`steps`, :meth:`of`, :attr:`asked`), equal field for field to
    the steps filed; :attr:`kinds` tells which kinds it holds without building one.
    """

    __slots__ = ("_book", "_index")

    def __init__(self, book: InquiryBook, index: int) -> None:
        self._book, self._index = book, index

    @classmethod
    def from_steps(cls, inquiry: str, steps: Iterable[InquiryStep]) -> InquiryFile:
        """The file of steps gathered elsewhere, in a book of its own; an inquiry received twice is an error."""
        columns = Columns(STEP_KINDS)
        rows = [columns.append(step) for step in in_order(steps)]
        return InquiryBook(columns, [(inquiry, rows)])[inquiry]

    @property
    def inquiry(self) -> str:
        """The inquiry's id."""
        return self._book.ids[self._index]

    @property
    def rows(self) -> Sequence[int]:
        """The rows of the book's columns that hold the steps, in time order (then event id)."""
        return self._book.rows(self._index)

    @property
    def kinds(self) -> tuple[type[InquiryStep], ...]:
        """The kind of each step, in order, read without building the steps."""
        return self._book.columns.kinds_of(self.rows)

    @property
    def steps(self) -> tuple[InquiryStep, ...]:
        """Every step, in time order (then event id)."""
        return tuple(map(self._book.columns.fact, self.rows))

    @property
    def asked(self) -> Asked | None:
        """The first question (FIR-1); None when the log never received the inquiry."""
        row = self._book.asked_row(self._index)
        return None if row is None else cast(Asked, self._book.columns.fact(row))

    def of(self, kind: type[StepT]) -> tuple[StepT, ...]:
        """The steps of one kind, in time order: only those are built."""
        rows, columns = self.rows, self._book.columns
        kinds = columns.kinds_of(rows)
        return tuple(columns.fact(row) for row, found in zip(rows, kinds, strict=True) if found is kind)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InquiryFile) and self.inquiry == other.inquiry and self.steps == other.steps

    def __hash__(self) -> int:
        return hash((self.inquiry, self.steps))

    def __repr__(self) -> str:
        return f"InquiryFile(inquiry={self.inquiry!r}, steps={self.steps!r})"


class InquiryBook(Mapping[str, InquiryFile]):
    """The inquiry files by inquiry id, in id order: the steps as the rows of one
    :class:`~bianmin_rules.core.facts.Columns`, the ids in one :class:`~bianmin_rules.core.facts.Texts`.

    Nothing is kept per inquiry but where its rows start and where its first question
    is: a file is a view made when read.
    """

    __slots__ = ("_asked", "_bounds", "_order", "columns", "ids")

    def __init__(self, columns: Columns, subjects: Iterable[tuple[str, Sequence[int]]]) -> None:
        """The book of ``subjects``: each inquiry, in id order, with its rows in time order (then event id).

        An inquiry received twice is an error, and so is a step dated before its first
        question (:func:`~bianmin_rules.core.facts.only_one`).
        """
        self.columns = columns
        self._order = order = array("I")
        self._bounds = bounds = array("I", [0])
        self._asked = asked = array("i")
        kinds_of, at = columns.kinds_of, columns.at
        ids = []
        for inquiry, rows in subjects:
            kinds = kinds_of(rows)
            if Asked not in kinds:
                asked.append(-1)
            else:
                first = kinds.index(Asked)
                if kinds.count(Asked) > 1 or at(rows[0]) < at(rows[first]):  # received twice, or a step before
                    only_one([columns.fact(row) for row in rows], Asked, f"inquiry {inquiry!r}")
                asked.append(rows[first])
            ids.append(inquiry)
            order.extend(rows)
            bounds.append(len(order))
        self.ids = Texts.of(ids)

    def rows(self, index: int) -> Sequence[int]:
        """The rows of the ``index``-th inquiry's steps, in time order."""
        return self._order[self._bounds[index]:self._bounds[index + 1]]

    def asked_row(self, index: int) -> int | None:
        """The row of the ``index``-th inquiry's first question; None when the log never received it."""
        row = self._asked[index]
        return None if row < 0 else row

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
        return InquiryBook(self._columns, self._columns.subjects())


INQUIRY_FILES: Book[InquiryBook] = Book("inquiries", InquiryLedger)
"""The inquiry files (first inquiry and first handling), by inquiry id."""


def unjudged_inquiries(books: Books) -> Iterator[Message]:
    """A note for each inquiry the log never received: it has no first-inquiry person (FIR-1)."""
    for file in books[INQUIRY_FILES].values():
        if file.asked is None:
            yield say("咨询 {inquiry}：日志中没有首问记录（inquiry_received），无法确定首问责任人（事件 {event} 等）。",
                      inquiry=file.inquiry, event=file.steps[0].event)


def inquiry_asked(verdict: Verdict, books: Books) -> date | None:
    """The day that starts an inquiry's matters: its first question (FIR-1), where the verdict names one."""
    file = books[INQUIRY_FILES].get(verdict.inquiry) if verdict.inquiry is not None else None
    return file.asked.day if file is not None and file.asked is not None else None
