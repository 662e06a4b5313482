"""Ledgers (台账): the facts of an event log, gathered per subject while the log streams past.

:func:`collect` reads events once, in any order, and returns :class:`Books`: immutable,
time-ordered facts that policies read. Nothing but the facts is kept, so the size of
the books grows with the number of cases and people, not with the length of the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bianmin_rules.errors import EvaluationError
from bianmin_rules.events import CaseEvent, EventBase
from bianmin_rules.ledgers.cases import CaseFile, CaseLedger


@dataclass(frozen=True, slots=True)
class Books:
    """Everything the policies read, gathered from one event log."""

    cases: Mapping[str, CaseFile]
    """The case files, by case id."""
    events_read: int
    """How many events up to ``as_of`` were read."""
    events_after_as_of: int
    """How many events lay after ``as_of`` and were left out."""


def collect(events: Iterable[EventBase], *, as_of: date, case_types: Iterable[str]) -> Books:
    """Read a log once and gather its facts; events after ``as_of`` are counted and left out.

    Raises :class:`~bianmin_rules.errors.EvaluationError` on two events with one id
    and on facts the variant does not admit (e.g. an undeclared case type).
    """
    cases = CaseLedger(case_types)
    seen: set[str] = set()
    read = later = 0
    for event in events:
        if event.id in seen:
            raise EvaluationError("two events have this id", event_id=event.id)
        seen.add(event.id)
        if event.at.date() > as_of:
            later += 1
            continue
        read += 1
        if isinstance(event, CaseEvent):
            cases.record(event)
    return Books(cases=cases.close(), events_read=read, events_after_as_of=later)


__all__ = ["Books", "CaseFile", "collect"]
