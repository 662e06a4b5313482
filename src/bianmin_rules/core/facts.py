"""Filing events as compact facts, and gathering the facts of one subject into its file.

A fact is a small record whose fields the event supplies by name (:func:`fact`,
:func:`fact_of`). A :class:`FileLedger` files each event's fact under the id of the
subject it belongs to (an inquiry, a complaint) and, at close, builds one file per
subject from its facts.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Any, Generic, Protocol, TypeVar, dataclass_transform

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


class Columns:
    """Dated facts kept as columns, not as an object each: the compact form of a large book's steps.

    A fact is stored as its kind (a small integer into the kinds the columns were made
    for), its time (a small integer into a table of the distinct times), its event id (in
    one string table for all the facts) and its other fields' values — references to the
    objects the fact held (names, limits, flags), so nothing is copied and nothing is
    lost. :meth:`fact` builds the fact again, field for field equal to the one stored, so
    a book can keep the steps its rules read rarely here and build them when read. The
    first two fields of every kind are ``at`` and ``event`` (as :class:`Dated` facts have).
    """

    __slots__ = (
        "_arity",
        "_codes",
        "_id_end",
        "_ids",
        "_kind",
        "_kinds",
        "_pending",
        "_start",
        "_time",
        "_time_code",
        "_times",
        "_values",
        "_values_of",
    )

    def __init__(self, kinds: Sequence[type]) -> None:
        self._kinds = tuple(kinds)
        self._codes = {kind: code for code, kind in enumerate(self._kinds)}
        names = [tuple(f.name for f in fields(kind)) for kind in self._kinds]
        if any(kind_names[:2] != ("at", "event") for kind_names in names):
            raise TypeError("every kind of fact kept as columns starts with the fields at and event")
        self._arity = tuple(len(kind_names) - 2 for kind_names in names)
        self._values_of: tuple[Callable[[Any], tuple[Any, ...]], ...] = tuple(
            _values_getter(kind_names[2:]) for kind_names in names
        )
        self._kind = array("B")
        self._time = array("I")
        self._times: list[datetime] = []
        self._time_code: dict[datetime, int] | None = {}
        self._pending: list[str] = []
        self._ids = ""
        self._id_end = array("I")
        self._values: list[Any] = []
        self._start = array("I")

    def __len__(self) -> int:
        return len(self._kind)

    def append(self, fact: Dated) -> int:
        """Store one fact; its row, by which :meth:`fact` builds it again."""
        code = self._codes[type(fact)]
        row = len(self._kind)
        self._kind.append(code)
        at = fact.at
        codes = self._time_code
        if codes is None:  # appending after a seal: the times' codes again
            codes = self._time_code = {at: code for code, at in enumerate(self._times)}
        time = codes.get(at)
        if time is None:
            time = codes[at] = len(self._times)
            self._times.append(at)
        self._time.append(time)
        self._pending.append(fact.event)
        self._start.append(len(self._values))
        self._values.extend(self._values_of[code](fact))
        return row

    def fact(self, row: int) -> Any:
        """The fact stored in ``row``, built again."""
        if self._pending:
            self.seal()
        code = self._kind[row]
        ends = self._id_end
        start = self._start[row]
        return self._kinds[code](
            self._times[self._time[row]], self._ids[ends[row - 1] if row else 0:ends[row]],
            *self._values[start:start + self._arity[code]],
        )

    def seal(self) -> None:
        """Done appending for now: the event ids stored since go into the one string table, and the index of the
        times (needed only to append) is dropped. Reading seals the columns first; appending again may follow."""
        self._time_code = None
        ends = accumulate(map(len, self._pending), initial=len(self._ids))
        next(ends)  # where the new ids start: the end of the last one before them
        self._id_end.extend(ends)
        self._ids += "".join(self._pending)
        self._pending.clear()


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these fields of a fact, as a tuple (whatever their number)."""
    if not names:
        return lambda fact: ()
    if len(names) == 1:
        name = names[0]
        return lambda fact: (getattr(fact, name),)
    return attrgetter(*names)


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
