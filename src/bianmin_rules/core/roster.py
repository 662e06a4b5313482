"""The roster: which windows and staff members were active in each month, and where staff served.

Assessment tables score every subject active in a period (SC-10), and some rules look
from a staff member to the window they served in (a window's rates disqualify its staff,
SC-4; a window never red-flagged bars its staff from 优秀, SC-3). Every event of the log
names the window and staff member it concerns; the roster keeps only the months in which
each appeared, so its size grows with people × months, not with the log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from bianmin_rules.core.events import EventBase
from bianmin_rules.core.periods import Period
from bianmin_rules.core.verdicts import SubjectKind


def month_index(day: date) -> int:
    """A month as one number: year × 12 + month − 1."""
    return day.year * 12 + day.month - 1


def months_of(period: Period) -> range:
    """The month numbers a period spans."""
    return range(month_index(period.start), month_index(period.end) + 1)


SubjectKey = tuple[SubjectKind, str]
"""A subject as a plain tuple (kind, id): cheap to hash, for indexes."""


@dataclass(frozen=True, slots=True)
class Roster:
    """Who was active in which month, and which windows each staff member served in."""

    active: Mapping[int, frozenset[SubjectKey]] = field(default_factory=dict)
    """The windows and staff members named by some event, by month number."""
    postings: Mapping[str, Mapping[int, frozenset[str]]] = field(default_factory=dict)
    """For each staff member, the windows named together with them, by month number."""

    @classmethod
    def of(cls, sightings: Iterable[tuple[date, str | None, str | None]]) -> Roster:
        """A roster from (day, window, staff) sightings, e.g. built by hand in a test."""
        ledger = RosterLedger()
        for day, window, staff in sightings:
            ledger.note(day, window, staff)
        return ledger.close()

    def subjects(self, kind: SubjectKind, period: Period) -> set[SubjectKey]:
        """The subjects of ``kind`` active at some time in ``period``."""
        return {key for month in months_of(period) for key in self.active.get(month, ()) if key[0] is kind}

    def windows_of(self, staff: str, period: Period) -> set[str]:
        """The windows ``staff`` served in during ``period``."""
        served = self.postings.get(staff, {})
        return {window for month in months_of(period) for window in served.get(month, ())}


class RosterLedger:
    """Notes the day, window and staff member of every event read; see :class:`Roster`.

    It keeps one (day, window, staff) triple per sighting — a set that grows with
    people × days — and sorts it into months only at close.
    """

    def __init__(self) -> None:
        self.sightings: set[tuple[date, str | None, str | None]] = set()
        """The (day, window, staff) triples seen; :func:`~bianmin_rules.core.engine.collect` adds to it directly."""

    def record(self, event: EventBase) -> None:
        """Note who ``event`` concerns, on its day, if the event shows them at work (:attr:`~EventBase.activity`)."""
        if type(event).activity:
            self.sightings.add((event.at.date(), event.window, event.staff))  # China time: the local day

    def note(self, day: date, window: str | None, staff: str | None) -> None:
        """Note a window and staff member seen on ``day``."""
        self.sightings.add((day, window, staff))

    def close(self) -> Roster:
        """The roster, frozen; a sighting that names neither window nor staff counts for nothing."""
        active: dict[int, set[SubjectKey]] = defaultdict(set)
        postings: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for day, window, staff in self.sightings:
            month = month_index(day)
            if window:
                active[month].add((SubjectKind.WINDOW, window))
            if staff:
                active[month].add((SubjectKind.STAFF, staff))
                if window:
                    postings[staff][month].add(window)
        return Roster(
            active={m: frozenset(keys) for m, keys in sorted(active.items())},
            postings={
                staff: {m: frozenset(w) for m, w in sorted(months.items())}
                for staff, months in sorted(postings.items())
            },
        )
