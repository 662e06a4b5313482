"""Staff files (考勤台账): each staff member's sign-ins, post records, leave, meetings and roster.

The ledger keeps compact facts, not events, and orders every list by (time, event id)
when it closes, so that the books do not depend on the order of the log. Approvals are
filed with the leave request they name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from bianmin_rules.core.books import Book
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import DatedT, fact, in_order
from bianmin_rules.families.attendance.events import (
    LeaveApproved,
    LeaveRequested,
    LeaveType,
    MeetingAttendanceRecorded,
    PostAssigned,
    PostCovered,
    PostLeft,
    PostReturned,
    ServiceExtended,
    SignedIn,
    SignedOut,
    WhereaboutsPosted,
)


class MarkKind(StrEnum):
    """What a mark says about a staff member's presence."""

    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    LEFT = "left"
    RETURNED = "returned"
    COVERED = "covered"


SIGNS = (MarkKind.SIGN_IN, MarkKind.SIGN_OUT)


class Mark(NamedTuple):
    """One record of a staff member arriving at or leaving a window.

    A named tuple rather than a frozen dataclass: a large log makes millions of marks,
    and a tuple is both smaller and several times cheaper to make.
    """

    at: datetime
    day: date
    """The China-time calendar day of ``at``."""
    event: str
    staff: str
    kind: MarkKind
    window: str | None
    session: str | None = None
    """Sign-ins: the session the record names, if any."""
    method: str | None = None
    """Sign-ins: how it was recorded."""
    permitted_by: str | None = None
    """Post left: the role that permitted it."""
    for_staff: str | None = None
    """Cover: the staff member covered for."""


def ordered(facts: Iterable[DatedT]) -> tuple[DatedT, ...]:
    """:func:`~bianmin_rules.core.facts.in_order`, as a tuple: staff files keep their facts immutable."""
    return tuple(in_order(facts))


@fact
class Assignment:
    """A staff member on the duty roster of a window from ``first_day`` to ``last_day``."""

    at: datetime
    event: str
    staff: str
    window: str
    post: str | None
    department: str | None
    first_day: date
    last_day: date | None

    def covers(self, day: date) -> bool:
        """Is ``day`` within the assignment?"""
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


@fact
class Approval:
    """One approval of a leave request."""

    at: datetime
    event: str
    role: str
    final: bool


@fact
class Leave:
    """A leave request with its approvals, in time order."""

    at: datetime
    event: str
    leave: str
    staff: str
    window: str | None
    leave_type: LeaveType
    start: datetime
    end: datetime
    days: Decimal | None
    substitute: str | None
    phoned_ahead: bool
    medical_record: bool
    approvals: tuple[Approval, ...] = ()

    @property
    def granted(self) -> Approval | None:
        """The first approval that granted the leave, if any."""
        return next((a for a in self.approvals if a.final), None)

    @property
    def retroactive(self) -> bool:
        """Was the request made after the leave began (补办)?"""
        return self.at > self.start

    @property
    def evidence(self) -> tuple[str, ...]:
        """The request and its approvals."""
        return (self.event, *(a.event for a in self.approvals))


@fact
class Whereabouts:
    """A whereabouts note posted at a window (AB-5)."""

    at: datetime
    event: str
    staff: str
    window: str | None
    where: str | None
    why: str | None
    contact: str | None


@fact
class MeetingRecord:
    """How a staff member attended one meeting (ATT-4)."""

    at: datetime
    event: str
    staff: str
    window: str | None
    meeting: str
    kind: str
    status: str
    excused: bool


@fact
class ServiceRecord:
    """Service continued past the close of a session (CAL-5)."""

    at: datetime
    event: str
    staff: str
    window: str | None
    until: datetime
    finished: bool
    case: str | None
    by_appointment: bool


def by_day(marks: list[Mark]) -> tuple[dict[date, tuple[Mark, ...]], dict[date, tuple[Mark, ...]]]:
    """Marks grouped by day in time order, and the sign-ins and sign-outs among them.

    A day with sign records only shares one tuple between the two (most days), so the
    second grouping costs next to no memory.
    """
    grouped: dict[date, list[Mark]] = defaultdict(list)
    for mark in ordered(marks):
        grouped[mark.day].append(mark)
    marks_by_day = {day: tuple(group) for day, group in grouped.items()}
    signs_by_day = {
        day: group if all(m.kind in SIGNS for m in group) else tuple(m for m in group if m.kind in SIGNS)
        for day, group in marks_by_day.items()
    }
    return marks_by_day, signs_by_day


@fact
class StaffFile:
    """Everything the log says about one staff member's attendance, each list in time order."""

    staff: str
    assignments: tuple[Assignment, ...]
    leaves: tuple[Leave, ...]
    whereabouts: tuple[Whereabouts, ...]
    meetings: tuple[MeetingRecord, ...]
    services: tuple[ServiceRecord, ...]
    _marks_by_day: Mapping[date, tuple[Mark, ...]] = field(repr=False, compare=False)
    _signs_by_day: Mapping[date, tuple[Mark, ...]] = field(repr=False, compare=False)

    @property
    def marks(self) -> Iterator[Mark]:
        """Every sign-in, sign-out and post record, in time order."""
        for day in sorted(self._marks_by_day):
            yield from self._marks_by_day[day]

    def marks_on(self, day: date) -> tuple[Mark, ...]:
        """The marks of one day, in time order."""
        return self._marks_by_day.get(day, ())

    def signs_on(self, day: date) -> tuple[Mark, ...]:
        """The sign-ins and sign-outs of one day, in time order."""
        return self._signs_by_day.get(day, ())

    @property
    def days_with_marks(self) -> tuple[date, ...]:
        """The days with any mark, in order."""
        return tuple(sorted(self._marks_by_day))

    @property
    def days_with_signs(self) -> tuple[date, ...]:
        """The days with a sign-in or sign-out, in order."""
        return tuple(sorted(day for day, signs in self._signs_by_day.items() if signs))

    def assignment_on(self, day: date) -> Assignment | None:
        """The roster entry covering ``day``, if any (the latest recorded wins)."""
        for assignment in reversed(self.assignments):
            if assignment.covers(day):
                return assignment
        return None

    def window_on(self, day: date) -> str | None:
        """The window the staff member works at on ``day``: the roster's, else the day's first mark's."""
        assignment = self.assignment_on(day)
        if assignment is not None:
            return assignment.window
        return next((m.window for m in self.marks_on(day) if m.window), None)


@fact
class AttendanceBooks:
    """The staff files, the roster, and which staff have marks on each day."""

    staff: Mapping[str, StaffFile]
    """By staff id, in id order."""
    assignments: tuple[Assignment, ...]
    """The whole roster, in time order."""
    staff_by_day: Mapping[date, tuple[str, ...]]
    """The staff members with marks on each day."""

    def file(self, staff: str) -> StaffFile:
        """The file of one staff member (an empty one if the log never names them)."""
        return self.staff.get(staff) or StaffFile(staff, (), (), (), (), (), {}, {})


MARK_OF_EVENT: dict[type[EventBase], MarkKind] = {
    SignedIn: MarkKind.SIGN_IN,
    SignedOut: MarkKind.SIGN_OUT,
    PostLeft: MarkKind.LEFT,
    PostReturned: MarkKind.RETURNED,
    PostCovered: MarkKind.COVERED,
}


class AttendanceLedger:
    """Gathers the attendance, leave and post events into staff files.

    Names and days are interned, so that a million records of a few hundred people
    share a few hundred strings and a few hundred dates.
    """

    handles: tuple[type[EventBase], ...] = (
        *MARK_OF_EVENT, PostAssigned, LeaveRequested, LeaveApproved, WhereaboutsPosted,
        MeetingAttendanceRecorded, ServiceExtended,
    )

    def __init__(self) -> None:
        self._marks: dict[str, list[Mark]] = defaultdict(list)
        self._facts: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self._leaves: dict[str, Leave] = {}
        self._approvals: dict[str, list[tuple[Approval, str]]] = defaultdict(list)
        self._names: dict[str, str] = {}
        self._days: dict[date, date] = {}

    def record(self, event: EventBase) -> None:
        """File one event."""
        staff = event.staff
        assert staff is not None  # every event of this family names its staff member
        staff = self._names.setdefault(staff, staff)
        kind = MARK_OF_EVENT.get(type(event))
        if kind is not None:
            self._marks[staff].append(self._mark(event, staff, kind))
        elif isinstance(event, PostAssigned):
            self._facts[staff]["assignments"].append(Assignment(
                at=event.at, event=event.id, staff=staff, window=event.window, post=event.post,
                department=event.department, first_day=event.first_day or event.at.date(), last_day=event.last_day,
            ))
        elif isinstance(event, LeaveRequested):
            self._request(event, staff)
        elif isinstance(event, LeaveApproved):
            approval = Approval(at=event.at, event=event.id, role=event.approver_role, final=event.final)
            self._approvals[event.leave].append((approval, staff))
        else:
            self._facts[staff][OTHER_FACTS[type(event)]].append(other_fact(event, staff))

    def _mark(self, event: Any, staff: str, kind: MarkKind) -> Mark:
        """The mark that records a sign-in or post event (the hot path of a large log: kept lean)."""
        at = event.at
        day = at.date()
        day = self._days.setdefault(day, day)
        names = self._names
        window = event.window
        if window is not None:
            window = names.setdefault(window, window)
        if kind is MarkKind.SIGN_IN or kind is MarkKind.SIGN_OUT:
            method = event.method
            if method is not None:
                method = names.setdefault(method, method)
            return Mark(at, day, event.id, staff, kind, window, event.session, method, None, None)
        if kind is MarkKind.LEFT:
            return Mark(at, day, event.id, staff, kind, window, None, None, event.permitted_by, None)
        if kind is MarkKind.COVERED:
            covered = event.for_staff
            covered = None if covered is None else names.setdefault(covered, covered)
            return Mark(at, day, event.id, staff, kind, window, None, None, None, covered)
        return Mark(at, day, event.id, staff, kind, window, None, None, None, None)

    def _request(self, event: LeaveRequested, staff: str) -> None:
        earlier = self._leaves.get(event.leave)
        if earlier is not None:
            raise EvaluationError(
                f"leave {event.leave!r} is requested twice (first in event {earlier.event!r})", event_id=event.id
            )
        self._leaves[event.leave] = Leave(
            at=event.at, event=event.id, leave=event.leave, staff=staff, window=event.window,
            leave_type=event.leave_type, start=event.start, end=event.end, days=event.days,
            substitute=event.substitute, phoned_ahead=event.phoned_ahead, medical_record=event.medical_record,
        )

    def _leaves_with_approvals(self) -> list[Leave]:
        for leave_id, approvals in self._approvals.items():
            for approval, staff in approvals:
                leave = self._leaves.get(leave_id)
                if leave is None:
                    raise EvaluationError(
                        f"approves leave {leave_id!r}, which no leave_requested event in the log requests",
                        event_id=approval.event,
                    )
                if leave.staff != staff:
                    raise EvaluationError(
                        f"approves leave {leave_id!r} for {staff!r}, but {leave.staff!r} requested it",
                        event_id=approval.event,
                    )
        return [
            replace(leave, approvals=ordered([a for a, _ in self._approvals.get(key, [])]))
            for key, leave in self._leaves.items()
        ]

    def close(self) -> AttendanceBooks:
        """The staff files by staff id, the roster, and the staff with marks on each day."""
        leaves: dict[str, list[Leave]] = defaultdict(list)
        for leave in self._leaves_with_approvals():
            leaves[leave.staff].append(leave)
        everyone = sorted(set(self._facts) | set(self._marks) | set(leaves))
        files = {staff: self._file(staff, leaves.get(staff, [])) for staff in everyone}
        staff_by_day: dict[date, list[str]] = defaultdict(list)
        for staff, file in files.items():
            for day in file.days_with_marks:
                staff_by_day[day].append(staff)
        roster = ordered([a for file in files.values() for a in file.assignments])
        return AttendanceBooks(files, roster, {day: tuple(s) for day, s in sorted(staff_by_day.items())})

    def _file(self, staff: str, leaves: list[Leave]) -> StaffFile:
        facts = self._facts.get(staff, {})
        marks_by_day, signs_by_day = by_day(self._marks.pop(staff, []))
        return StaffFile(
            staff=staff, assignments=ordered(facts.get("assignments", [])),
            leaves=tuple(sorted(leaves, key=lambda leave: (leave.start, leave.event))),
            whereabouts=ordered(facts.get("whereabouts", [])), meetings=ordered(facts.get("meetings", [])),
            services=ordered(facts.get("services", [])), _marks_by_day=marks_by_day, _signs_by_day=signs_by_day,
        )


OTHER_FACTS: dict[type[EventBase], str] = {
    WhereaboutsPosted: "whereabouts",
    MeetingAttendanceRecorded: "meetings",
    ServiceExtended: "services",
}


def other_fact(event: EventBase, staff: str) -> Whereabouts | MeetingRecord | ServiceRecord:
    """The fact that records a whereabouts note, a meeting record or an extended service."""
    if isinstance(event, WhereaboutsPosted):
        return Whereabouts(event.at, event.id, staff, event.window, event.where, event.why, event.contact)
    if isinstance(event, MeetingAttendanceRecorded):
        return MeetingRecord(
            event.at, event.id, staff, event.window, event.meeting, event.meeting_kind, event.status, event.excused
        )
    assert isinstance(event, ServiceExtended)
    return ServiceRecord(
        event.at, event.id, staff, event.window, event.until, event.finished, event.case, event.by_appointment,
    )


ATTENDANCE: Book[AttendanceBooks] = Book("attendance", AttendanceLedger)
"""The staff files: sign-ins, posts, leave, meetings, and the duty roster."""
