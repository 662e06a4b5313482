"""Ledgers (台账): the facts of an event log, gathered per subject while the log streams past.

:func:`collect` reads events once, in any order, and returns :class:`Books`: immutable,
time-ordered facts that policies read. Nothing but the facts is kept, so the size of
the books grows with the number of cases and people, not with the length of the log.

A ledger is a small class with ``handles`` (the event types it files), ``record(event)``
and ``close()``; each family of rules adds its ledger to :class:`Books` and
:func:`open_ledgers`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.roster import Roster, RosterLedger
from bianmin_rules.families.assessment.events import AssessmentScored
from bianmin_rules.families.assessment.ledger import AssessmentLedger, AssessmentRegister
from bianmin_rules.families.attendance.ledger import AttendanceBooks, AttendanceLedger
from bianmin_rules.families.cases.ledger import CaseFile, CaseLedger
from bianmin_rules.families.complaints.ledger import ComplaintFile, ComplaintLedger
from bianmin_rules.families.findings.ledger import Finding, FindingLedger
from bianmin_rules.families.first_inquiry.ledger import InquiryFile, InquiryLedger
from bianmin_rules.families.registers.ledger import RegisterEntry, RegisterLedger
from bianmin_rules.families.registration.ledger import OutsideHandling, Refusal, outside_ledger, refusal_ledger


class Ledger(Protocol):
    """Gathers the events of one family into facts, in any order.

    A ledger may also offer ``filers``, a mapping from each event type it handles to the
    function that files it; :func:`collect` then calls those directly instead of
    ``record`` (one call per event fewer in a log of millions).
    """

    handles: tuple[type[EventBase], ...]

    def record(self, event: Any) -> None:
        """File one event (of one of the ``handles`` types)."""

    def close(self) -> Any:
        """The immutable, time-ordered facts."""


@dataclass(frozen=True, slots=True)
class Books:
    """Everything the policies read, gathered from one event log."""

    cases: Mapping[str, CaseFile]
    """The case files, by case id."""
    findings: tuple[Finding, ...]
    """Every finding, in time order."""
    inquiries: Mapping[str, InquiryFile]
    """The inquiry files (first inquiry and first handling), by inquiry id."""
    complaints: Mapping[str, ComplaintFile]
    """The complaint files, by complaint id (without the complainant, CMP-7)."""
    register: tuple[RegisterEntry, ...]
    """The register's daily summaries, weekly checks and monthly reports, in time order."""
    refusals: tuple[Refusal, ...]
    """Every refusal to accept or handle an application, in time order (REG-4)."""
    outside: tuple[OutsideHandling, ...]
    """Every matter handled or sent outside the centre, in time order (REG-5)."""
    attendance: AttendanceBooks
    """The staff files: sign-ins, posts, leave, meetings, and the duty roster."""
    assessment: AssessmentRegister
    """Evaluations, merits and other assessors' scores (SC)."""
    roster: Roster
    """Who was active in which month, and where staff served (SC-10)."""
    events_read: int
    """How many events up to ``as_of`` were read."""
    events_after_as_of: int
    """How many events lay after ``as_of`` and were left out."""


def open_ledgers(case_types: Iterable[str] | None) -> dict[str, Ledger]:
    """One empty ledger per field of :class:`Books`; ``case_types`` None admits every case type."""
    return {
        "cases": CaseLedger(case_types),
        "findings": FindingLedger(),
        "inquiries": InquiryLedger(),
        "complaints": ComplaintLedger(),
        "register": RegisterLedger(),
        "refusals": refusal_ledger(),
        "outside": outside_ledger(),
        "attendance": AttendanceLedger(),
        "assessment": AssessmentLedger(),
    }


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, then restore it as it was.

    An evaluation creates no reference cycles (events are freed as soon as they are
    filed; facts and verdicts refer to nothing but values), but with millions of facts
    alive the collector would spend a third of the time re-scanning them. The engine
    pauses it for the whole of :func:`~bianmin_rules.evaluate`, and frees the books before
    the block ends: resumed, the collector scans every object made during the pause that
    is still alive.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect(events: Iterable[EventBase], *, as_of: date, case_types: Iterable[str] | None) -> Books:
    """Read a log once and gather its facts; events after ``as_of`` are counted and left out.

    Raises :class:`~bianmin_rules.core.errors.EvaluationError` on two events with one id
    and on a receipt of a case type not among ``case_types`` (CASE-2; None admits every
    case type, for a caller that checks them afterwards).
    """
    ledgers = open_ledgers(case_types)
    roster = RosterLedger()
    filing: dict[type[EventBase], Callable[[Any], None]] = {}
    for ledger in ledgers.values():
        filers: Mapping[type[EventBase], Callable[[Any], None]] = getattr(ledger, "filers", {})
        filing.update((kind, filers.get(kind, ledger.record)) for kind in ledger.handles)
    # The roster's sightings are noted here rather than by RosterLedger.record: one call
    # fewer per event, and the day is computed once for both uses (1M events: −1 s).
    sighted = roster.sightings.add
    seen: set[str] = set()
    check_ids = not getattr(events, "ids_unique", False)  # a JSON Lines reader has checked them
    read = later = 0
    for event in events:
        if check_ids:
            if event.id in seen:
                raise EvaluationError("two events have this id", event_id=event.id)
            seen.add(event.id)
        fields = event.__dict__  # pydantic keeps the fields here: a dict read, no search of the model's classes
        day = fields["at"].date()
        if day > as_of:
            later += 1
            continue
        read += 1
        kind = type(event)
        record = filing.get(kind)
        if record is not None:
            record(event)
        if kind is not AssessmentScored:  # an assessor's score of a period is no activity
            sighted((day, fields["window"], fields["staff"]))
    closed = {name: ledger.close() for name, ledger in ledgers.items()}
    return Books(**closed, roster=roster.close(), events_read=read, events_after_as_of=later)


__all__ = [
    "AssessmentRegister",
    "AttendanceBooks",
    "Books",
    "CaseFile",
    "ComplaintFile",
    "Finding",
    "InquiryFile",
    "Ledger",
    "OutsideHandling",
    "Refusal",
    "RegisterEntry",
    "Roster",
    "collect",
]
