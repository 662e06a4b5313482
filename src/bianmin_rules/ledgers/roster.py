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
from typing import TypeVar

from bianmin_rules.events import AssessmentScored, EventBase
from bianmin_rules.periods import Period
from bianmin_rules.verdicts import Subject, SubjectKind

T = TypeVar("T")


def month_index(day: date) -> int:
    """A month as one number: year × 12 + month − 1."""
    return day.year * 12 + day.month - 1


def months_of(period: Period) -> range:
    """The month numbers a period spans."""
    return range(month_index(period.start), month_index(period.end) + 1)


@dataclass(frozen=True, slots=True)
class Roster:
    """Who was active in which month, and which windows each staff member served in."""

    active: Mapping[int, frozenset[Subject]] = field(default_factory=dict)
    """The windows and staff members named by some event, by month number."""
    postings: Mapping[int, frozenset[tuple[str, str]]] = field(default_factory=dict)
    """(staff, window) pairs named together by some event, by month number."""

    @classmethod
    def of(cls, sightings: Iterable[tuple[date, str | None, str | None]]) -> Roster:
        """A roster from (day, window, staff) sightings, e.g. built by hand in a test."""
        ledger = RosterLedger()
        for day, window, staff in sightings:
            ledger.note(day, window, staff)
        return ledger.close()

    def subjects(self, kind: SubjectKind, period: Period) -> set[Subject]:
        """The subjects of ``kind`` active at some time in ``period``."""
        found: set[Subject] = set()
        for month in months_of(period):
            found.update(s for s in self.active.get(month, ()) if s.kind is kind)
        return found

    def windows_of(self, staff: str, period: Period) -> set[str]:
        """The windows ``staff`` served in during ``period``."""
        return {w for month in months_of(period) for s, w in self.postings.get(month, ()) if s == staff}

    def merged(self, other: Roster) -> Roster:
        """The union of two rosters."""
        return Roster(
            active=_union(self.active, other.active), postings=_union(self.postings, other.postings),
        )


def _union(left: Mapping[int, frozenset[T]], right: Mapping[int, frozenset[T]]) -> dict[int, frozenset[T]]:
    return {m: left.get(m, frozenset()) | right.get(m, frozenset()) for m in sorted({*left, *right})}


class RosterLedger:
    """Notes the window and staff member of every event read; see :class:`Roster`.

    Called once per event, so it keeps plain strings and builds subjects only at close.
    """

    def __init__(self) -> None:
        self._windows: dict[int, set[str]] = defaultdict(set)
        self._staff: dict[int, set[str]] = defaultdict(set)
        self._postings: dict[int, set[tuple[str, str]]] = defaultdict(set)

    def record(self, event: EventBase) -> None:
        """Note who ``event`` concerns, in its month (an assessor's score of a period is no activity)."""
        if not isinstance(event, AssessmentScored):
            self.note(event.at.date(), event.window, event.staff)

    def note(self, day: date, window: str | None, staff: str | None) -> None:
        """Note a window and staff member seen on ``day``."""
        month = day.year * 12 + day.month - 1
        if window:
            self._windows[month].add(window)
        if staff:
            self._staff[month].add(staff)
            if window:
                self._postings[month].add((staff, window))

    def close(self) -> Roster:
        """The roster, frozen."""
        active: dict[int, frozenset[Subject]] = {}
        for month in sorted({*self._windows, *self._staff}):
            active[month] = frozenset(
                [Subject(kind=SubjectKind.WINDOW, id=w) for w in self._windows.get(month, ())]
                + [Subject(kind=SubjectKind.STAFF, id=s) for s in self._staff.get(month, ())]
            )
        return Roster(active=active, postings={m: frozenset(p) for m, p in sorted(self._postings.items())})
