"""Filing events as compact facts, and gathering the facts of one subject into its file.

A fact is a small record whose fields the event supplies by name (:func:`fact`,
:func:`fact_of`). A :class:`FileLedger` files each event's fact under the id of the
subject it belongs to (an inquiry, a complaint) and, at close, builds one file per
subject from its facts.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from itertools import accumulate, compress, count, islice, pairwise, repeat, starmap
from operator import and_, attrgetter, ge, itemgetter, le, lt
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, dataclass_transform

from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase

FactT = TypeVar("FactT")
FileT = TypeVar("FileT")


class Dated(Protocol):
    """A fact with a time and the id of the event it records."""

    @property
    def at(self) -> datetime: ...

    @property
    def event(self) -> str: ...


DatedT = TypeVar("DatedT", bound=Dated)


ClassT = TypeVar("ClassT", bound=type)


@dataclass_transform(frozen_default=True)
def fact(cls: ClassT) -> ClassT:
    """Declare a fact: a slotted dataclass that the type checker treats as frozen.

    Facts are read-only: nothing assigns to them after filing, and ``mypy`` refuses code
    that would. They are not frozen at run time because a frozen dataclass costs about
    four times as much to build, and a large log files one fact per event.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)  # type: ignore[return-value]


@cache
def builder(kind: Callable[..., FactT]) -> Callable[[EventBase], FactT]:
    """A fast constructor of the fact ``kind`` from an event: its fields read in one go.

    ``event`` is the event's id, every other field the event's attribute of that name.
    Only the fields ``kind`` declares are read, so an event field the fact has no place
    for (a confidential one, CMP-7) is never copied. Names of windows, staff and case
    types arrive interned (:data:`~bianmin_rules.core.events.Name`), so the facts of a
    large log share a few strings. Builders are made once per kind of fact.
    """
    read = attrgetter(*sources(kind))

    def build(event: EventBase) -> FactT:
        return kind(*read(event))

    return build


def sources(kind: Callable[..., Any]) -> tuple[str, ...]:
    """The event attributes that fill the fields of the fact ``kind``, in order (see :func:`builder`)."""
    return tuple("id" if f.name == "event" else f.name for f in fields(kind))  # type: ignore[arg-type]


def filer(kind: Callable[..., Any], into: Mapping[str, list[Any]], key: str) -> Callable[[EventBase], None]:
    """Files each event as the fact ``kind``, in the list of ``into`` under the subject its ``key`` names.

    ``into`` is a ``defaultdict(list)``. Building and filing in one function spares a call
    per event of a log of millions. The values are read from the event's ``__dict__``,
    where pydantic keeps a model's fields: a dict lookup per field instead of an
    attribute lookup, which first searches the model's classes.
    """
    read = itemgetter(*sources(kind))

    def file(event: EventBase) -> None:
        values = event.__dict__
        into[values[key]].append(kind(*read(values)))

    return file


def fact_of(kind: Callable[..., FactT], event: EventBase) -> FactT:
    """The fact ``kind`` built from ``event`` (see :func:`builder`)."""
    build: Callable[[EventBase], FactT] = builder(kind)
    return build(event)


ORDER = attrgetter("at", "event")
"""The order of facts: by time, then by event id."""


def in_order(facts: Iterable[DatedT]) -> list[DatedT]:
    """The facts ordered by time, then event id, whatever order they were filed in."""
    return sorted(facts, key=ORDER)


def only_one(ordered: Sequence[object], kind: type[FactT], what: str) -> FactT | None:
    """The one fact of ``kind`` that opens a matter (``what``: ``inquiry 'Q1'``) among ``ordered``.

    A second one is an error naming it and the first, and so is a fact of the matter
    dated before it (:func:`follows`).
    """
    found = [f for f in ordered if isinstance(f, kind)]
    if len(found) > 1:
        first, second = (getattr(f, "event", "?") for f in found[:2])
        raise EvaluationError(f"{what} is received twice (first in event {first!r})", event_id=second)
    if found:
        follows(ordered, found[0], what)
    return found[0] if found else None


def follows(ordered: Sequence[Any], opening: Any, what: str, *, may_precede: tuple[type, ...] = ()) -> None:
    """Refuse a fact of a matter dated before the fact that opened it: a completion before the receipt.

    The steps of a case, an inquiry or a complaint follow its receipt; an event dated
    before it contradicts the log, and judging it would say a case completed before it
    was received was done in time. Facts of the kinds ``may_precede`` may come first
    (materials received online before the window receives the case); facts at the very
    moment of the opening are in order. The error names the events, never their content.
    """
    for fact in ordered:
        if fact is opening or fact.at >= opening.at:
            return
        if not isinstance(fact, may_precede):
            raise EvaluationError(
                f"dated before {what} was received (event {opening.event!r}); every event of it follows its receipt",
                event_id=fact.event,
            )


class Reading(NamedTuple):
    """How a book reads the rows of its sealed :class:`Columns` (:meth:`Columns.reading`)."""

    fact: Callable[[int], Any]
    """The fact of a row, built again."""
    at: Callable[[int], datetime]
    """The time of a row's fact."""
    values: Callable[[int], list[Any]]
    """The values of every field but ``event`` of a row's fact, ``at`` first."""
    value: Callable[[int, str], Any]
    """The field of that name (neither ``at`` nor ``event``) of a row's fact."""
    event: Callable[[int], str]
    """The event id of a row's fact."""


class Columns:
    """Dated facts kept as columns, not as an object each: the compact form of a large book.

    A fact is stored as its kind (a small integer into the kinds the columns were made
    for), its event id (in one string table for all the facts) and its other fields'
    values, its time first — references to the objects the fact held (times, names,
    limits, flags, shared as they were filed), so nothing is copied and nothing is lost.
    Facts are stored as they are filed (:meth:`filer`, from an event's values, without
    building the fact), in any order, under their subject; :meth:`grouped` gives each
    subject's rows in the order of facts, and a book reads them by row, once the columns
    are sealed (:meth:`reading`): a fact built again, field for field equal to the fact
    filed, or its fields read without building it. The first two fields of every kind
    are ``at`` and ``event`` (as :class:`Dated` facts have).
    """

    __slots__ = ("_arity", "_chunks", "_codes", "_id_end", "_ids", "_ids_rise", "_kind", "_kinds", "_last_id",
                 "_names", "_pending", "_start", "_subject_of", "_subjects", "_values")

    _CHUNK = 65536
    """Event ids are joined this many at a time as they are filed, so a long log's ids are never all strings (and
    each chunk is large enough to be given back to the system whole once the chunks are joined into one)."""

    def __init__(self, kinds: Sequence[type]) -> None:
        self._kinds = tuple(kinds)
        self._codes = {kind: code for code, kind in enumerate(self._kinds)}
        names = [tuple(f.name for f in fields(kind)) for kind in self._kinds]
        if any(kind_names[:2] != ("at", "event") for kind_names in names):
            raise TypeError("every kind of fact kept as columns starts with the fields at and event")
        self._names = tuple({name: i for i, name in enumerate(kind_names[2:], start=1)} for kind_names in names)
        self._arity = tuple(len(kind_names) - 1 for kind_names in names)
        """How many values a fact of each kind keeps: its time and its fields but the event id."""
        self._kind = bytearray()
        """The code of each row's kind (a bytearray: appending to it costs less than to an array)."""
        self._pending: list[str] = []
        self._chunks: list[str] = []
        self._ids = ""
        self._id_end = array("I")
        self._ids_rise = True
        """Whether every event id filed is greater than the one filed before it."""
        self._last_id: str | None = None
        self._values: list[Any] = []
        self._start = array("I")
        """Where each row's values start, worked out from the kinds of the rows when they are read."""
        self._subjects: dict[str, int] = self._numbering()
        """The number of each subject facts were filed under (:meth:`filer`), in the order first filed."""
        self._subject_of = array("I")
        """The number of the subject of each row."""

    def __len__(self) -> int:
        return len(self._kind)

    @staticmethod
    def _numbering() -> defaultdict[str, int]:
        """A dict that numbers each key as it is first looked up: 0, 1, 2 …"""
        return defaultdict(count().__next__)

    def filer(self, kind: type, by: str) -> Callable[[Any], None]:
        """The function that files an event as the next row, a fact of ``kind``, under the subject its field
        ``by`` names (a case, an inquiry): one call per event of a long log, that builds no fact. The values
        are read from the event's ``__dict__`` (see :func:`filer`); :meth:`grouped` gives each subject's rows."""
        at, event, *others = sources(kind)
        read = itemgetter(event, at, *others, by)  # the id first, the subject last: the rest is the row's values
        code, kinds, pending, chunk = self._codes[kind], self._kind.append, self._pending, self._CHUNK
        subjects, subject_of = self._subjects, self._subject_of.append
        pend, join, extend = pending.append, self._join, self._values.extend

        def file(event: Any) -> None:
            row = read(event.__dict__)
            kinds(code)
            pend(row[0])
            if len(pending) >= chunk:
                join()
            extend(row[1:-1])
            subject_of(subjects[row[-1]])

        return file

    def grouped(self) -> tuple[list[str], array[int], array[int]]:
        """Every subject filed under (:meth:`filer`), in id order; the rows of them all, each subject's together
        and in the order of facts (by time, then event id), subject after subject; and where each subject's rows
        end among them. The columns are sealed first, and forget the subjects."""
        self.seal()
        subjects, subject_of = self._subjects, self._subject_of
        self._subjects, self._subject_of = self._numbering(), array("I")
        names = sorted(subjects)
        # Each subject's place in id order, then the rows counted per place and placed: a counting sort, in
        # arrays of machine integers, not lists (the books are alive: a list would make an object of each row),
        # that keeps the order the rows were filed in within each subject.
        places = subject_of  # when the subjects were first filed in id order, as most logs number them
        if names != list(subjects):
            place = array("I", bytes(4 * len(names)))
            any(map(place.__setitem__, map(subjects.__getitem__, names), range(len(names))))
            places = array("I", map(place.__getitem__, subject_of))
            del place
        del subjects, subject_of
        ends = array("I", bytes(4 * (len(names) + 1)))
        for number in places:
            ends[number + 1] += 1
        ends = array("I", accumulate(ends))
        free = array("I", ends)
        order = array("I", bytes(4 * len(places)))
        for row, number in enumerate(places):
            order[free[number]] = row
            free[number] += 1
        del free, ends[0]
        # Most logs are filed in the order of facts (by time, then event id), and so is each subject's share of
        # them; otherwise only a subject two of whose neighbouring rows are not in strictly increasing time is put
        # in order.
        values, starts = self._values, self._start
        # The times compared pair by pair as they are read: a list of them would be an object as large as the
        # values' list of references, freed again while the books are alive.
        if self._ids_rise and all(starmap(le, pairwise(map(values.__getitem__, starts)))):
            unordered: set[int] = set()
        else:
            times = list(map(values.__getitem__, map(starts.__getitem__, order)))
            unordered = {places[order[i]] for i in compress(count(), map(ge, times, islice(times, 1, None)))
                         if places[order[i]] == places[order[i + 1]]}
            del times
        del places
        event = self.reading().event
        for number in sorted(unordered):
            first, end = ends[number - 1] if number else 0, ends[number]
            order[first:end] = array("I", sorted(order[first:end], key=lambda row: (values[starts[row]], event(row))))
        return names, order, ends

    def codes(self, rows: Iterable[int]) -> bytes:
        """The kind of each fact of ``rows``, as its code: its place among the kinds the columns were made for."""
        return bytes(map(self._kind.__getitem__, rows))

    def kinds_of(self, rows: Iterable[int]) -> tuple[type, ...]:
        """The kinds of the facts in ``rows``."""
        return tuple(map(self._kinds.__getitem__, map(self._kind.__getitem__, rows)))

    def append(self, fact: Dated) -> int:
        """Store one fact built elsewhere (as :meth:`filer` stores an event's values); its row."""
        code = self._codes[type(fact)]
        self._kind.append(code)
        self._values.append(fact.at)
        self._pending.append(fact.event)
        self._values.extend(getattr(fact, name) for name in self._names[code])
        return len(self._kind) - 1

    def reading(self) -> Reading:
        """How to read the rows of columns no longer added to: the columns are sealed, and what each function
        reads is bound once (a closed book's views read rows again and again)."""
        self.seal()
        kinds, codes, starts, values, ids, ends, arity, names = (
            self._kinds, self._kind, self._start, self._values, self._ids, self._id_end, self._arity, self._names)

        def fact(row: int) -> Any:
            code, start = codes[row], starts[row]
            return kinds[code](values[start], ids[ends[row - 1] if row else 0:ends[row]],
                               *values[start + 1:start + arity[code]])

        def at(row: int) -> datetime:
            at: datetime = values[starts[row]]
            return at

        def values_of(row: int) -> list[Any]:
            start = starts[row]
            return values[start:start + arity[codes[row]]]

        def value(row: int, name: str) -> Any:
            return values[starts[row] + names[codes[row]][name]]

        def event(row: int) -> str:
            return ids[ends[row - 1] if row else 0:ends[row]]

        return Reading(fact, at, values_of, value, event)

    def _begin(self, row: int) -> int:
        """Where the values of ``row`` start."""
        try:
            return self._start[row]
        except IndexError:  # a row stored since the columns were sealed
            pass
        starts = self._start
        known = len(starts)
        if row >= known:  # rows stored since the last read: their starts, from the kinds of the rows before
            arity, kinds = self._arity, self._kind
            first = starts[known - 1] + arity[kinds[known - 1]] if known else 0
            # Each row's kind turned into how many values it keeps by a table of bytes, in C, then summed.
            sizes = kinds[known:len(kinds) - 1].translate(bytes(arity).ljust(256, b"\0"))
            starts.extend(accumulate(sizes, initial=first))
        return starts[row]

    def seal(self) -> None:
        """Done adding for now: every event id goes into the one string table, and where each row's values
        start is worked out; adding again may follow."""
        if self._kind:
            self._begin(len(self._kind) - 1)
        self._join()
        self._ids += "".join(self._chunks)
        self._chunks.clear()

    def _join(self) -> None:
        """Join the event ids filed since the last join into one chunk of the string table."""
        pending = self._pending
        if self._ids_rise and pending:
            last = self._last_id
            self._ids_rise = (last is None or last < pending[0]) and all(map(lt, pending, islice(pending, 1, None)))
            self._last_id = pending[-1]
        ends = accumulate(map(len, pending), initial=self._id_end[-1] if self._id_end else 0)
        next(ends)  # where the new ids start: the end of the last one before them
        self._id_end.extend(ends)
        self._chunks.append("".join(pending))
        pending.clear()


class Texts:
    """Short texts kept as one string, not as an object each: the ids of a large book's subjects.

    Built once from texts in order (:meth:`of`); :meth:`find` looks one up by bisection,
    so the table of a sorted book needs no dict of its ids.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, text: str, ends: array[int]) -> None:
        self._text, self._ends = text, ends

    @classmethod
    def of(cls, texts: Iterable[str]) -> Texts:
        """The table of ``texts``, in their order."""
        texts = list(texts)
        ends = array("I", accumulate(map(len, texts)))
        return cls("".join(texts), ends)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> str:
        ends = self._ends
        if index < 0:
            index += len(ends)
        return self._text[ends[index - 1] if index else 0:ends[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self._ends)))

    def find(self, text: str) -> int | None:
        """The place of ``text`` in a table built from sorted texts; None when it holds no such text."""
        index = bisect_left(self, text)
        return index if index < len(self._ends) and self[index] == text else None


class DistinctIds:
    """Whether a long stream of ids holds one twice: the check of a log's event ids, in little memory.

    A set of the ids would keep each id as an object until the last is read, scattered
    among the facts the books keep, and free them all at once. Here the ids are kept as
    text in one string per :data:`BATCH` ids. While each id is greater than the one before
    it — a log numbered as it was written — they are distinct, and that is all that is
    checked. From the first that is not, the slot of each id's hash is kept as a machine
    integer, and a table of one byte per slot marks the slots taken: an id whose slot an
    earlier id took is a candidate, and only the candidates are compared, at the end
    (:meth:`first_repeat`), with the ids of the same slots, as text. The answer is exact.

    Ids are noted by appending them to :attr:`pending` and calling :meth:`flush` once it
    holds :data:`BATCH` of them (a call per event of a long log spared).
    """

    __slots__ = ("_candidates", "_chunks", "_ends", "_firsts", "_last", "_marks", "_repeat", "_slots", "_texts",
                 "pending")

    BATCH = 4096
    """Ids noted at a time: compared, or hashed and marked, together."""
    _JOIN = 16 * BATCH
    """Ids joined into one string: large enough to be given back to the system whole once freed."""
    _MASK = (1 << 24) - 1
    """The table of marks has this many slots, and one more (16 MB)."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        """The ids noted since the last :meth:`flush`."""
        self._texts: list[str] = []
        """The ids noted since they were last joined into a chunk."""
        self._chunks: list[str] = []
        self._firsts: list[int] = []
        """The place of the first id of each chunk."""
        self._ends = array("I")
        """Where each id ends in its chunk."""
        self._last: str | None = None
        """The last id taken in while every id rose; None once one did not (or before the first)."""
        self._slots = array("I")
        self._marks = bytearray()
        """One byte per slot, made when the ids first fail to rise."""
        self._candidates = array("Q")
        """The ids whose slot an earlier id had taken, by their place in the stream."""
        self._repeat: int | None = None
        """The first id equal to an earlier one of the same batch."""

    def __len__(self) -> int:
        return len(self._ends) + len(self._texts) + len(self.pending)

    def flush(self) -> None:
        """Take in the ids noted since the last flush."""
        batch = self.pending
        if not batch:
            return
        base = len(self._ends) + len(self._texts)
        if not self._marks:
            last = self._last
            if (last is None or last < batch[0]) and all(map(lt, batch, islice(batch, 1, None))):
                self._last = batch[-1]
                self._keep(batch)
                return
            # The ids no longer rise: those taken in so far are hashed and marked, and every one after them.
            self._marks = bytearray(self._MASK + 1)
            self._join()
            self._mark(list(map(self.__getitem__, range(base))), 0)
        self._mark(batch, base)
        if self._repeat is None and len(set(batch)) < len(batch):
            seen: set[str] = set()
            for place, ident in enumerate(batch, start=base):
                if ident in seen:
                    self._repeat = place
                    break
                seen.add(ident)
        self._keep(batch)

    def _mark(self, ids: list[str], base: int) -> None:
        """Mark the slots of ``ids``, the first at place ``base``; those whose slot was taken are candidates."""
        if not ids:
            return
        marks = self._marks
        slots = list(map(and_, map(hash, ids), repeat(self._MASK)))
        taken = itemgetter(*slots)(marks) if len(slots) > 1 else (marks[slots[0]],)
        if any(taken):
            self._candidates.extend(compress(count(base), taken))
        any(map(marks.__setitem__, slots, repeat(1)))  # every slot marked taken: setitem gives None
        self._slots.extend(slots)

    def _keep(self, batch: list[str]) -> None:
        """Keep the ids of ``batch`` as text, and empty it."""
        self._texts.extend(batch)
        if len(self._texts) >= self._JOIN:
            self._join()
        batch.clear()

    def _join(self) -> None:
        """Join the ids noted since the last join into one chunk of text."""
        texts = self._texts
        if texts:
            self._firsts.append(len(self._ends))
            self._chunks.append("".join(texts))
            self._ends.extend(accumulate(map(len, texts)))
            texts.clear()

    def __getitem__(self, place: int) -> str:
        """The id noted at ``place`` (counted from 0), once flushed and joined."""
        chunk = bisect_right(self._firsts, place) - 1
        ends = self._ends
        return self._chunks[chunk][ends[place - 1] if place > self._firsts[chunk] else 0:ends[place]]

    def first_repeat(self) -> int | None:
        """The place of the first id equal to an earlier one, every id noted flushed; None when all are distinct."""
        self.flush()
        self._join()
        repeats = [] if self._repeat is None else [self._repeat]
        if self._candidates:
            wanted = set(map(self._slots.__getitem__, self._candidates))
            first: dict[str, int] = {}
            for place in compress(count(), map(wanted.__contains__, self._slots)):
                ident = self[place]
                if first.setdefault(ident, place) != place:
                    repeats.append(place)
                    break  # the places come in order: the first repeat among candidates
        return min(repeats) if repeats else None


class FileLedger(Generic[FileT]):
    """Files each event's fact under the subject its ``key`` field names; closes into one file per subject."""

    def __init__(
        self, facts: Mapping[Any, Callable[..., Any]], *, key: str,
        build: Callable[[str, list[Any]], FileT],
    ) -> None:
        self.handles: tuple[type[EventBase], ...] = tuple(facts)
        self._build = build
        self._filed: dict[str, list[Any]] = defaultdict(list)
        self.filers: dict[type[EventBase], Callable[[EventBase], None]] = {
            event: filer(kind, self._filed, key) for event, kind in facts.items()
        }
        """The function that files each event type (see :class:`~bianmin_rules.core.books.Ledger`)."""

    def record(self, event: EventBase) -> None:
        """File one event's fact under its subject."""
        self.filers[type(event)](event)

    def close(self) -> dict[str, FileT]:
        """One file per subject, by subject id, in id order."""
        return {key: self._build(key, self._filed[key]) for key in sorted(self._filed)}
