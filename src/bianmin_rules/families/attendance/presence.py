"""Who was there when: the attendance computations the ATT, LV, CAL-4 and AB rules share.

Everything here is a pure function of the staff files, the calendar and parameters.

* **Stays**: the times a staff member was present, from the sign-in records. A missing
  record is never presumed against anyone: a sign-out without a sign-in counts as
  present since the previous record (or the opening), a sign-in without a sign-out as
  present until the close; CAL-4 reports the missing record instead.
* **Due sessions**: each office session of a working day, widened by the variant's
  margins (on post 5 minutes early, 5 minutes late: ``guangwu-street``) and narrowed by
  leave that excuses it.
* **Leave that excuses** (LV-2, LV-3): approved, and filed in time where it was filed
  after the fact. The one :class:`LeaveProcedure` model states it for every rule.
* **Duty days** (ATT-2): the working days a staff member is rostered, or, without a
  roster entry, the days between their first and last sign-in record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.deadlines import Limit, TimeLimit
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.words import Message, say, zh
from bianmin_rules.families.attendance.ledger import Leave, Mark, MarkKind, StaffFile

Interval = tuple[datetime, datetime]
"""A half-open stretch of time ``[start, end)``."""


def subtract(pieces: Iterable[Interval], cuts: Sequence[Interval]) -> list[Interval]:
    """The parts of ``pieces`` outside every interval of ``cuts``."""
    result: list[Interval] = []
    for start, end in pieces:
        remaining = [(start, end)]
        for cut_start, cut_end in cuts:
            remaining = [
                part
                for lo, hi in remaining
                for part in ((lo, min(hi, cut_start)), (max(lo, cut_end), hi))
                if part[0] < part[1]
            ]
        result.extend(remaining)
    return result


def overlaps(a: Interval, b: Interval) -> bool:
    """Do two half-open intervals share any time?"""
    return a[0] < b[1] and b[0] < a[1]


def minutes(span: timedelta) -> int:
    """A duration in whole minutes (rounded down)."""
    return int(span.total_seconds() // 60)


def clock(moment: datetime) -> str:
    """``08:12`` — a time of day for explanations."""
    return moment.strftime("%H:%M")


def office_days(span: timedelta, calendar: WorkCalendar) -> Decimal:
    """Office time as a number of working days (7 hours on a 7-hour day is 1)."""
    return Decimal(int(span.total_seconds())) / Decimal(int(calendar.office_hours.daily_open_time.total_seconds()))


def leave_days(leave: Leave, calendar: WorkCalendar) -> Decimal:
    """A leave's duration in days: as the request states it, else its office time in working days."""
    if leave.days is not None:
        return leave.days
    return office_days(calendar.open_time_between(leave.start, leave.end), calendar)


def days_label(days: Decimal) -> str:
    """``1.5`` or ``0.64`` — a number of days for explanations."""
    return plain(days.quantize(Decimal("0.01")))


class LeaveProcedure(BaseModel):
    """When leave excuses an absence (LV-2, LV-3): state the same values in every policy that reads it.

    * ``approval_required`` (LV-2, ``town-basic`` (一)3 "未履行请假手续的一律作旷工处理"):
      only leave with a granting approval excuses; default true.
    * ``retroactive_within`` (LV-3): a request made after the leave began must be filed
      within this limit (``shouzhan-town`` 第八条(二)2: one working day); ``None`` (the
      default, and ``dahe-town``'s "返岗后补办") sets no limit.
    * ``retroactive_from``: the day the limit counts from. "事后" is read as after the
      leave (its last day, the default ``end``); ``start`` counts from its first day.
    * ``phone_call_required``: a retroactive request needs a telephone report before the
      leave began (``shouzhan-town``: "必须在事前电话报告中心办公室").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    approval_required: bool = Field(default=True, description="Only approved leave excuses (LV-2).")
    retroactive_within: Limit | None = Field(default=None, description="Limit for retroactive requests (LV-3).")
    retroactive_from: Literal["start", "end"] = Field(
        default="end", description="The limit counts from the leave's first (start) or last (end) day."
    )
    phone_call_required: bool = Field(default=False, description="Retroactive requests need a prior phone call.")

    def defect(self, leave: Leave, calendar: WorkCalendar) -> LeaveDefect | None:
        """Why ``leave`` does not excuse the time it covers, or ``None`` if it does."""
        if self.approval_required and leave.granted is None:
            return LeaveDefect("LV-2", say("未经批准（未履行请假手续）"))
        if not leave.retroactive:
            return None
        if self.phone_call_required and not leave.phoned_ahead:
            return LeaveDefect("LV-3", say("事后补办请假手续，但事前未电话报告"))
        filing = self.filing(leave, calendar)
        if filing is not None and leave.at.date() > filing.due:
            return LeaveDefect(
                "LV-3",
                say("{filed}才补办请假手续，超过{start}起{limit}的期限（{due}）", filed=leave.at.date(),
                    start=filing.start, limit=filing.limit.words(), due=filing.due),
            )
        return None

    def filing(self, leave: Leave, calendar: WorkCalendar) -> Filing | None:
        """The deadline of a retroactive request's papers (LV-3); None for a request made before, or no limit."""
        if not leave.retroactive or self.retroactive_within is None:
            return None
        anchor = (leave.end if self.retroactive_from == "end" else leave.start).date()
        words = zh("请假结束之日") if self.retroactive_from == "end" else zh("请假开始之日")
        return Filing(self.retroactive_within, anchor, words, self.retroactive_within.due_date(anchor, calendar))


class Filing(NamedTuple):
    """When a retroactive leave request's papers are due (LV-3): the limit, from which day, and the due day."""

    limit: TimeLimit
    start: date
    start_rule: str
    due: date


@dataclass(frozen=True, slots=True)
class LeaveDefect:
    """Why a leave does not excuse: the rule it breaks and the reason, in Chinese."""

    rule: str
    reason: Message


def excusing_leaves(file: StaffFile, procedure: LeaveProcedure, calendar: WorkCalendar) -> tuple[Leave, ...]:
    """The staff member's leaves that excuse the time they cover."""
    return tuple(leave for leave in file.leaves if procedure.defect(leave, calendar) is None)


class Stay(NamedTuple):
    """A stretch of presence from the sign-in records; ``arrived``/``departed`` are None where presumed."""

    start: datetime
    end: datetime
    arrived: Mark | None
    departed: Mark | None


def stays(signs: Sequence[Mark], opening: datetime, closing: datetime) -> list[Stay]:
    """The stretches of presence that one day's sign-ins and sign-outs record.

    Never presumed against the staff member: a sign-out with no sign-in before it
    counts from the previous record (or ``opening``); a sign-in never signed out counts
    until ``closing``; a second sign-in while present changes nothing.
    """
    found: list[Stay] = []
    arrived: Mark | None = None
    previous = opening
    for mark in signs:
        if mark.kind is MarkKind.SIGN_IN:
            arrived = arrived or mark
        elif arrived is not None:
            found.append(Stay(arrived.at, mark.at, arrived, mark))
            arrived = None
        else:
            found.append(Stay(min(previous, mark.at), mark.at, None, mark))
        previous = mark.at
    if arrived is not None:
        found.append(Stay(arrived.at, max(closing, arrived.at), arrived, None))
    return found


@dataclass(frozen=True, slots=True)
class Margins:
    """How long before each session a staff member must be on post, and after it (CAL-2)."""

    before: timedelta = timedelta()
    after: timedelta = timedelta()
    grace: timedelta = timedelta()


class SessionAttendance(NamedTuple):
    """One staff member in one session of one day: due when, and what the records show."""

    day: date
    position: int
    """The session's place in the day: 0 for the first (上午)."""
    due: tuple[Interval, ...]
    """The part of the (widened) session not excused by leave; empty when on leave all session."""
    half_days: Decimal
    stays: tuple[Stay, ...]
    """The stays that overlap the due part."""
    late: timedelta | None = None
    early: timedelta | None = None

    @property
    def absent(self) -> bool:
        """Due, and not present at any time of it."""
        return bool(self.due) and not self.stays

    @property
    def due_start(self) -> datetime:
        """When the staff member was due on post."""
        return self.due[0][0]

    @property
    def due_end(self) -> datetime:
        """Until when the staff member was due on post."""
        return self.due[-1][1]

    @property
    def name(self) -> str:
        """上午 or 下午 (or 第N时段 on a day of more sessions)."""
        return str(self.words)

    @property
    def words(self) -> Message:
        """:attr:`name` as words for people."""
        return SESSION_WORDS.get(self.position) or say("第{n}时段", n=self.position + 1)


SESSION_WORDS = {0: say("上午"), 1: say("下午")}


class OfficeDays:
    """The office sessions of each day, computed once for one policy's evaluation.

    A memo local to one ``evaluate`` call (never shared between calls): an empty tuple
    means a closed day.
    """

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._sessions: dict[date, tuple[Interval, ...]] = {}

    def sessions(self, day: date) -> tuple[Interval, ...]:
        """The day's sessions as aware (start, end) pairs; () on a closed day."""
        found = self._sessions.get(day)
        if found is None:
            found = self._sessions[day] = self.calendar.opening_intervals(day)
        return found


HALF_DAYS = {count: Decimal(2) / count for count in range(1, 7)}
"""The half days one session counts for, by the number of sessions in a day."""


def day_attendance(
    file: StaffFile, day: date, sessions: tuple[Interval, ...], leaves: Sequence[Leave], margins: Margins,
) -> list[SessionAttendance]:
    """Each session of a working day: what was due of the staff member and whether they were there."""
    if not sessions:
        return []
    opening, closing = sessions[0][0], sessions[-1][1]
    excused = [(leave.start, leave.end) for leave in leaves if leave.start < closing and leave.end > opening]
    present = stays(file.signs_on(day), opening, closing)
    weight = HALF_DAYS.get(len(sessions)) or Decimal(2) / len(sessions)
    widened = bool(margins.before or margins.after)
    judged = []
    for index, session in enumerate(sessions):
        due = tuple(subtract([session], excused)) if excused else (session,)
        if widened:
            due = widen(due, session, margins)
        judged.append(judge_session(day, index, due, weight, present, margins.grace))
    return judged


def widen(due: tuple[Interval, ...], session: Interval, margins: Margins) -> tuple[Interval, ...]:
    """The due part of a session with the margins added at the session's own edges, not at leave's."""
    if not due:
        return due
    (first_start, first_end), (last_start, last_end) = due[0], due[-1]
    if first_start == session[0]:
        first_start -= margins.before
    if last_end == session[1]:
        last_end += margins.after
    if len(due) == 1:
        return ((first_start, last_end),)
    return ((first_start, first_end), *due[1:-1], (last_start, last_end))


def judge_session(
    day: date, index: int, due: tuple[Interval, ...], weight: Decimal, present: list[Stay], grace: timedelta,
) -> SessionAttendance:
    """Late arrival and early leave in one session, against the due part of it."""
    if not due:
        return SessionAttendance(day, index, due, weight, ())
    start, end = due[0][0], due[-1][1]
    if len(due) == 1:
        inside = tuple(s for s in present if s.start < end and start < s.end)
    else:
        inside = tuple(s for s in present if any(s.start < hi and lo < s.end for lo, hi in due))
    if not inside:
        return SessionAttendance(day, index, due, weight, inside)
    first, last = inside[0], inside[-1]
    late = first.start - start if first.arrived is not None and first.start > start + grace else None
    early = end - last.end if last.departed is not None and last.end < end - grace else None
    return SessionAttendance(day, index, due, weight, inside, late, early)


def duty_days(file: StaffFile, calendar: WorkCalendar, before: date) -> Iterator[date]:
    """The working days before ``before`` on which the staff member is on duty (ATT-2).

    On the roster where the log has one for them; otherwise from the first to the last
    day with a sign-in record. Absence is never derived outside these days.
    """
    if file.assignments:
        spans = [(a.first_day, a.last_day) for a in file.assignments]
    else:
        signed = file.days_with_signs
        spans = [(signed[0], signed[-1])] if signed else []
    days: set[date] = set()
    for first, last in spans:
        day, stop = first, min(last or before, before - timedelta(days=1))
        while day <= stop:
            days.add(day)
            day += timedelta(days=1)
    yield from (day for day in sorted(days) if calendar.is_working_day(day))
