"""Books and ledgers (台账): the facts of an event log, gathered per subject while the log streams past.

A ledger is a small object with ``handles`` (the event types it files), ``record(event)``
and ``close()``; it reads events in any order and closes into immutable, time-ordered
facts. Each family declares the ledgers it keeps as :class:`Book`\\ s; the engine opens
one ledger per book of the families it evaluates with
(:func:`~bianmin_rules.core.engine.collect`), files every event in the ledgers that
handle its type, and hands the closed facts to the policies as :class:`Books`. Nothing
but the facts is kept, so the size of the books grows with the number of cases and
people, not with the length of the log.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.roster import Roster

FactsT = TypeVar("FactsT")
FactsT_co = TypeVar("FactsT_co", covariant=True)


class Ledger(Protocol[FactsT_co]):
    """Gathers the events of one family into facts, in any order.

    A ledger may also offer ``filers``, a mapping from each event type it handles to the
    function that files it; the engine then calls those directly instead of ``record``
    (one call per event fewer in a log of millions).
    """

    handles: tuple[type[EventBase], ...]

    def record(self, event: Any) -> None:
        """File one event (of one of the ``handles`` types)."""

    def close(self) -> FactsT_co:
        """The immutable, time-ordered facts."""
        ...


@dataclass(frozen=True, eq=False)
class Book(Generic[FactsT]):
    """One book of the :class:`Books`: the facts one ledger gathers, by a name unique among families.

    A policy reads it as ``books[CASE_FILES]``, typed by the facts its ledger closes into.
    ``ledger()`` opens an empty ledger. A book of case files answers for the case types
    a variant declares (CASE-2): its ``ledger(case_types)`` refuses a receipt of any other
    case type as it is filed (``None``: every case type, checked afterwards), and
    ``admit(facts, case_types)`` raises on the earliest such receipt among the facts.
    """

    name: str
    ledger: Callable[..., Ledger[FactsT]]
    admit: Callable[[FactsT, Collection[str]], None] | None = None


@dataclass(frozen=True, slots=True)
class Books:
    """Everything the policies read, gathered from one event log: each book's facts, and the roster."""

    facts: Mapping[str, Any]
    """The closed facts of each book, by its name."""
    roster: Roster
    """Who was active in which month, and where staff served (SC-10)."""
    events_read: int
    """How many events up to ``as_of`` were read."""
    events_after_as_of: int
    """How many events lay after ``as_of`` and were left out."""
    released: set[str] = field(default_factory=set, compare=False, repr=False)
    """The books an evaluation has freed, once no rule left to judge reads them (:class:`Release`)."""

    def __getitem__(self, book: Book[FactsT]) -> FactsT:
        """The facts of ``book``; an :class:`~bianmin_rules.core.errors.EvaluationError` if no family keeps it."""
        try:
            facts: FactsT = self.facts[book.name]
        except KeyError:
            if book.name in self.released:
                raise EvaluationError(
                    f"the book {book.name!r} was freed after the last rule that declares it reads it: a rule "
                    "read it without declaring it (PolicyBase.reads)"
                ) from None
            raise EvaluationError(
                f"no family evaluated keeps the book {book.name!r}: a policy reads it, so the variant's "
                "families must include the family that declares it"
            ) from None
        return facts


class Release:
    """Frees each book of one evaluation once the last rule that may read it has been judged.

    ``reads`` names, in the order the rules will be judged, the books each rule reads
    (None: it may read any). Once the last rule that reads a book is judged, the book is
    dropped from ``books`` (and named in :attr:`Books.released`), so that the verdicts of
    the rules judged after it — the offence ladders', the scorecards — take the place of
    its facts: a large log's case files are freed once its completion rates are counted.
    The books named in ``keep`` stay to the end (those the scorecards read).
    """

    def __init__(self, books: Books, reads: Sequence[Collection[str] | None], keep: Collection[str]) -> None:
        if not isinstance(books.facts, dict):
            raise TypeError("the facts of books an evaluation frees are a dict of its own")
        self._facts: dict[str, Any] = books.facts
        self._released = books.released
        last: dict[str, int] = {}
        for position, names in enumerate(reads):
            for name in self._facts if names is None else names:
                last[name] = position
        self._due: dict[int, list[str]] = defaultdict(list)
        for name in self._facts:
            if name not in keep:
                self._due[last.get(name, -1)].append(name)
        self._judged = 0

    def unread(self) -> None:
        """Free the books no rule reads."""
        self._free(-1)

    def judged(self) -> list[Any]:
        """One more rule judged: free the books no later rule reads, and give their facts (to forget what was
        derived from them)."""
        self._judged += 1
        return self._free(self._judged - 1)

    def _free(self, position: int) -> list[Any]:
        names = self._due.pop(position, [])
        self._released.update(names)
        return [self._facts.pop(name) for name in names]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, then restore it as it was.

    The library's one control of the collector, used around the work that makes objects
    by the million: an evaluation (:func:`~bianmin_rules.evaluate`,
    :func:`~bianmin_rules.evaluate_all`, and through them ``explain`` and ``chain``) and
    the comparison of two reports (:func:`~bianmin_rules.diff`). That work creates no
    reference cycles — events are freed as soon as they are filed; facts and verdicts
    refer to nothing but values — yet with millions of facts alive the collector would
    re-scan them again and again. Paused rather than frozen (``gc.freeze()``): freezing
    spares only the objects that exist when it is called, and what an evaluation makes
    is all new (docs/performance.md measures the three choices).

    The pause is scoped: the collector is restored as it was when the block ends, and
    the engine frees the books before that (resumed first, the collector would scan
    them once more). It is process-wide while it lasts: a thread that runs beside an
    evaluation runs without the cyclic collector too (reference counting still frees
    what it drops).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
