"""Posts at the windows (AB岗): AB-1 … AB-6 and ATT-3.

Who is on post at which window is read from each day's records, in time order: a
sign-in or a return puts a staff member on post at their window, a sign-out or leaving
takes them off, a cover puts the substitute at the covered window until the staff member
covered for comes back (which sends the substitute back where they were). As for
attendance, nothing is presumed against anyone: a sign-out with no record before it
counts as on post since the opening, a day never signed out as on post until the close.

Only office time counts: the lunch break, nights, weekends and holidays are never
empty-window time, and a spell without anyone at the window that runs over the lunch
break is one occurrence, measured in office time only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import ClassVar, Literal

from pydantic import Field

from bianmin_rules.core import words as w
from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Days, Minutes
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import ZERO, ChargeTo, Sanction, Subject, SubjectKind, Verdict, VerdictKind, charged
from bianmin_rules.core.words import Joined, Message, joined, say
from bianmin_rules.families.attendance.ledger import ATTENDANCE, Assignment, AttendanceBooks, Leave, Mark, MarkKind
from bianmin_rules.families.attendance.ledger import Whereabouts as WhereaboutsNote
from bianmin_rules.families.attendance.policies import staff_subject
from bianmin_rules.families.attendance.presence import Interval, OfficeDays, clock, days_label, minutes, office_days
from bianmin_rules.families.findings.ledger import FINDINGS


@dataclass(slots=True)
class DayPosts:
    """Who was on post at which window during one day: intervals per window and per staff member."""

    at_window: dict[str, list[Interval]] = field(default_factory=lambda: defaultdict(list))
    on_post: dict[str, list[Interval]] = field(default_factory=lambda: defaultdict(list))
    marks: list[tuple[Mark, str | None]] = field(default_factory=list)
    """The day's records, each with a window it concerns (a cover concerns two)."""


@dataclass(slots=True)
class Sweep:
    """The state of a day's sweep: where each staff member is, since when, and who covers for whom."""

    opening: datetime
    posts: DayPosts = field(default_factory=DayPosts)
    where: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    covering: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    last_mark: dict[str, Mark] = field(default_factory=dict)
    mark: Mark | None = None
    """The record being read, which every move it causes cites."""

    def move(self, staff: str, window: str | None, at: datetime) -> None:
        """Take ``staff`` off their current window at ``at`` and, if ``window``, put them on it."""
        current = self.where.pop(staff, None)
        if self.mark is not None:
            self.posts.marks.extend((self.mark, w) for w in (current and current[0], window) if w is not None)
        if current is not None and current[1] < at:
            self.posts.at_window[current[0]].append((current[1], at))
            self.posts.on_post[staff].append((current[1], at))
        if window is not None:
            self.where[staff] = (window, at)

    def arrive(self, staff: str, window: str, at: datetime) -> None:
        """``staff`` comes to ``window``; whoever covered for them there goes back."""
        self.move(staff, window, at)
        for substitute, (covered, for_staff, previous) in list(self.covering.items()):
            if covered == window and for_staff == staff:
                del self.covering[substitute]
                self.move(substitute, previous, at)

    def depart(self, staff: str, home: str | None, at: datetime) -> None:
        """``staff`` signs out or leaves.

        Off post already: if the day has no record of them before, or only a sign-out,
        the sign-in was not recorded and they count as on post since (or since the
        opening); after a departure, they were away until this record.
        """
        previous = self.last_mark.get(staff)
        if staff not in self.where and home is not None and (previous is None or previous.kind is MarkKind.SIGN_OUT):
            self.where[staff] = (home, previous.at if previous else self.opening)
        self.covering.pop(staff, None)
        self.move(staff, None, at)


def day_posts(books: AttendanceBooks, day: date, sessions: tuple[Interval, ...]) -> DayPosts:
    """Sweep one day's records of every staff member into on-post intervals."""
    opening, closing = sessions[0][0], sessions[-1][1]
    # Marks are tuples that start (at, day, event): their natural order is by time, then event id.
    marks = sorted(m for staff in books.staff_by_day.get(day, ()) for m in books.file(staff).marks_on(day))
    sweep = Sweep(opening)
    homes = {staff: books.file(staff).window_on(day) for staff in books.staff_by_day.get(day, ())}
    for mark in marks:
        home = mark.window or homes[mark.staff]
        sweep.mark = mark
        sweep.posts.marks.append((mark, home))
        if mark.kind in (MarkKind.SIGN_IN, MarkKind.RETURNED) and home is not None:
            sweep.arrive(mark.staff, home, mark.at)
        elif mark.kind is MarkKind.COVERED and mark.window is not None:
            previous = sweep.where.get(mark.staff, (None, None))[0]
            sweep.move(mark.staff, mark.window, mark.at)
            sweep.covering[mark.staff] = (mark.window, mark.for_staff, previous)
        elif mark.kind in (MarkKind.SIGN_OUT, MarkKind.LEFT):
            sweep.depart(mark.staff, home, mark.at)
        sweep.last_mark[mark.staff] = mark
    sweep.mark = None
    for staff, (_, since) in list(sweep.where.items()):
        sweep.move(staff, None, max(closing, since))
    return sweep.posts


@dataclass(frozen=True, slots=True)
class Vacancy:
    """A spell without anyone on post, and the office-time pieces it covers."""

    spell: Interval
    pieces: tuple[Interval, ...]
    office_time: timedelta

    @property
    def label(self) -> Joined:
        """``11:30–12:00、14:30–14:45`` — the pieces for explanations."""
        return joined(f"{clock(a)}–{clock(b)}" for a, b in self.pieces)


def vacancies(sessions: tuple[Interval, ...], present: Iterable[Interval]) -> list[Vacancy]:
    """The spells of a day's office hours with nobody present; one spell may run over a break."""
    if not sessions:
        return []
    found = []
    for start, end in uncovered(sessions[0][0], sessions[-1][1], sorted(present)):
        pieces = tuple((max(start, a), min(end, b)) for a, b in sessions if start < b and a < end)
        if pieces:
            found.append(Vacancy((start, end), pieces, sum((b - a for a, b in pieces), timedelta())))
    return found


def uncovered(start: datetime, end: datetime, cuts: list[Interval]) -> list[Interval]:
    """The parts of ``[start, end)`` outside every interval of ``cuts`` (sorted by start): one pass."""
    found: list[Interval] = []
    cursor = start
    for low, high in cuts:
        if low > cursor:
            found.append((cursor, min(low, end)))
        cursor = max(cursor, high)
        if cursor >= end:
            return [piece for piece in found if piece[0] < piece[1]]
    found.append((cursor, end))
    return [piece for piece in found if piece[0] < piece[1]]


def roster_by_day(books: AttendanceBooks, office: OfficeDays, before: date) -> dict[date, list[Assignment]]:
    """The working days before ``before`` with any record or roster entry, with the roster of each."""
    days: dict[date, list[Assignment]] = {day: [] for day in books.staff_by_day if day < before}
    for assignment in books.assignments:
        day, last = assignment.first_day, min(assignment.last_day or before, before - timedelta(days=1))
        while day <= last:
            days.setdefault(day, []).append(assignment)
            day += timedelta(days=1)
    return {day: days[day] for day in sorted(days) if office.sessions(day)}


class EmptyPost(PolicyBase):
    """AB-1, AB-2, AB-3 (and AB-6's deductions): office time with nobody on post.

    ``scope``: ``window`` — a window with no one at it (AB-1: ``town-basic`` (八),
    ``dahe-town`` 第五条, ``shouzhan-town`` 第十条(七), ``guangwu-street`` 第二十三条);
    ``department`` — no one at any window of a department (AB-2, ``town-basic`` (八)2);
    ``ab_pair`` — the A and the B of a window both off post (AB-3, ``dahe-town`` 第五条).
    A window is judged on the days it is rostered (without any roster in the log: the
    days someone records at it). One
    violation per spell (a spell over the lunch break is one, counting office time
    only), with its minutes as ``quantity``; spells shorter than ``min_minutes`` are
    ignored. Penalties: ``guangwu-street`` 第三十八条(一) 通报批评 and 100 yuan;
    ``dahe-town`` 第四条 责令改正, and 移送镇纪委问责处理 where a finding of
    ``bad_impact_findings`` records a bad impact at the window that day.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["empty-post"] = "empty-post"
    scope: Literal["window", "department", "ab_pair"] = Field(default="window")
    min_minutes: Minutes = Field(default=0, ge=0, description="Spells shorter than this are ignored.")
    sanction: Sanction | None = Field(default=None, description="The sanction of each spell.")
    bad_impact_findings: tuple[str, ...] = Field(default=(), description="Findings that record a bad impact.")
    bad_impact_sanction: Sanction | None = Field(default=None, description="The sanction where there was one.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per spell with nobody on post."""
        impacts = {
            (f.window, f.day) for f in books[FINDINGS] if f.finding in self.bad_impact_findings and f.window
        }
        attendance = books[ATTENDANCE]
        office = OfficeDays(context.calendar)
        has_roster = bool(attendance.assignments)
        for day, rostered in roster_by_day(attendance, office, context.as_of).items():
            sessions = office.sessions(day)
            posts = day_posts(attendance, day, sessions)
            for subject, window, present, who in self.units(rostered, posts, has_roster):
                for vacancy in vacancies(sessions, present):
                    if vacancy.office_time and minutes(vacancy.office_time) >= self.min_minutes:
                        yield self.charge(subject, window, who, day, vacancy, posts, (window, day) in impacts,
                                          context)

    def units(
        self, rostered: list[Assignment], posts: DayPosts, has_roster: bool,
    ) -> Iterator[tuple[Subject, str | None, list[Interval], Message]]:
        """What must be staffed that day: the subject, its window, the presence that counts, in words.

        With a roster in the log, the windows rostered that day; without one, the windows
        someone recorded at that day.
        """
        windows = sorted({a.window for a in rostered} if has_roster else {w for _, w in posts.marks if w})
        if self.scope == "window":
            for window in windows:
                subject = Subject(kind=SubjectKind.WINDOW, id=window)
                yield subject, window, posts.at_window[window], say("窗口{window}无人在岗", window=window)
        elif self.scope == "department":
            departments: dict[str, set[str]] = defaultdict(set)
            for a in rostered:
                if a.department:
                    departments[a.department].add(a.window)
            for name, members in sorted(departments.items()):
                present = [i for w in members for i in posts.at_window[w]]
                yield (Subject(kind=SubjectKind.DEPARTMENT, id=name), None, present,
                       say("{department}各窗口均无人在岗", department=name))
        else:
            pairs: dict[str, dict[str, str]] = defaultdict(dict)
            for a in rostered:
                if a.post:
                    pairs[a.window][a.post] = a.staff
            for window, posts_of in sorted(pairs.items()):
                if {"A", "B"} <= set(posts_of):
                    present = posts.on_post[posts_of["A"]] + posts.on_post[posts_of["B"]]
                    yield (Subject(kind=SubjectKind.WINDOW, id=window), window, present,
                           say("窗口{window}的A岗{a}与B岗{b}同时不在岗",
                               window=window, a=posts_of["A"], b=posts_of["B"]))

    def charge(
        self, subject: Subject, window: str | None, who: Message, day: date, vacancy: Vacancy, posts: DayPosts,
        impact: bool, context: Context,
    ) -> Verdict:
        """The violation for one spell."""
        start, end = vacancy.spell
        evidence = tuple(dict.fromkeys(
            m.event for m, w in posts.marks if start <= m.at <= end and window in (None, w)
        ))
        sanction = self.bad_impact_sanction if impact and self.bad_impact_sanction else self.sanction
        office = minutes(vacancy.office_time)
        explanation = (w.counted("{day} {who}：{pieces}，办公时间共{n}分钟，造成不良影响。", day=day, who=who,
                                 pieces=vacancy.label, n=office) if impact and self.bad_impact_sanction
                       else w.counted("{day} {who}：{pieces}，办公时间共{n}分钟。", day=day, who=who,
                                      pieces=vacancy.label, n=office))
        return self.verdict(
            context, subject=subject, kind=VerdictKind.VIOLATION, on=day, sanction=sanction,
            explanation=explanation,
            quantity=Decimal(minutes(vacancy.office_time)), evidence=evidence, window=window,
        )


class LeaveSubstitute(PolicyBase):
    """AB-4 (and AB-6's deductions): leave granted without a substitute for the post.

    A granted leave needs a substitute: one named on the request (顶岗人员) or a
    recorded cover for the staff member that day. ``only_when_alone``: only where no
    other staff member is rostered at the window that day (``shouzhan-town`` 第八条(二)1
    "窗口无人留守的不得请假"; without a roster nobody else is known, so the staff member is
    alone); otherwise always (``community-hall`` 考勤 (五)). ``per``: one penalty per
    leave, or per day without a substitute (``jiangxi-town`` 工作纪律 ⑦: −2 a day),
    ``part_day`` as for ATT-2. The days without one are the verdict's ``quantity``.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["leave-substitute"] = "leave-substitute"
    only_when_alone: bool = Field(default=False, description="Only where nobody else is rostered at the window.")
    per: Literal["leave", "day"] = Field(default="leave", description="The unit the penalty is per.")
    part_day: Literal["pro_rata", "whole_day"] = Field(default="pro_rata")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per granted leave with days left without a substitute."""
        attendance = books[ATTENDANCE]
        covered = {
            (m.for_staff, m.day) for file in attendance.staff.values() for m in file.marks
            if m.kind is MarkKind.COVERED and m.for_staff
        }
        rostered: dict[str, list[Assignment]] = defaultdict(list)
        for assignment in attendance.assignments:
            rostered[assignment.window].append(assignment)
        for file in attendance.staff.values():
            for leave in file.leaves:
                if leave.granted is None or leave.substitute is not None:
                    continue
                window = leave.window or file.window_on(leave.start.date())
                others = [a for a in rostered.get(window or "", []) if a.staff != leave.staff]
                uncovered = [
                    (day, part) for day, part in leave_parts(leave, context.calendar)
                    if (leave.staff, day) not in covered
                    and not (self.only_when_alone and any(a.covers(day) for a in others))
                ]
                if uncovered:
                    yield self.charge(leave, window, uncovered, context)

    def charge(
        self, leave: Leave, window: str | None, uncovered: list[tuple[date, Decimal]], context: Context,
    ) -> Verdict:
        """The violation for one leave."""
        days = sum((part for _, part in uncovered), ZERO)
        if self.per == "leave":
            units = Decimal(1)
        elif self.part_day == "pro_rata":
            units = days
        else:
            units = Decimal(sum(1 for _ in uncovered))
        return self.verdict(
            context, subject=staff_subject(leave.staff), kind=VerdictKind.VIOLATION, on=leave.start.date(),
            explanation=say("请假{leave}获准，但{days}无人顶岗（共{total}天）。", leave=leave.leave,
                            days=joined(day for day, _ in uncovered), total=days_label(days)),
            points=self.points * units, fine=self.fine * units, quantity=days, evidence=leave.evidence,
            staff=leave.staff, window=window,
        )


def leave_parts(leave: Leave, calendar: WorkCalendar) -> Iterator[tuple[date, Decimal]]:
    """Each day a leave takes office time from, with the part of a working day it takes."""
    day = leave.start.date()
    while day <= leave.end.date():
        midnight = datetime.combine(day, time(), leave.start.tzinfo)
        taken = calendar.open_time_between(max(leave.start, midnight), min(leave.end, midnight + timedelta(days=1)))
        if taken:
            yield day, office_days(taken, calendar)
        day += timedelta(days=1)


def granted_at(leaves: Iterable[Leave], moment: datetime) -> bool:
    """Was the staff member on granted leave at ``moment``?"""
    return any(leave.granted is not None and leave.start <= moment < leave.end for leave in leaves)


class Whereabouts(PolicyBase):
    """AB-5: a temporary absence posts where, why and how to reach (去向公示).

    ``dahe-town`` 第六条 (去向、事由、联系方式); ``county-centre`` 政务公开 三(八) (去向及事由:
    ``required = ["where", "why"]``). Every time a staff member leaves the post during
    office hours (not on granted leave), a note must be posted no later than
    ``grace_minutes`` after leaving and after the previous departure; a missing or
    incomplete note is a violation.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["whereabouts"] = "whereabouts"
    required: tuple[Literal["where", "why", "contact"], ...] = Field(
        default=("where", "why", "contact"), min_length=1, description="What the note must state."
    )
    grace_minutes: Minutes = Field(default=0, ge=0, description="How long after leaving the note may be posted.")

    WORDS: ClassVar[dict[str, Message]] = {"where": say("去向"), "why": say("事由"), "contact": say("联系方式")}

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per departure without a complete note."""
        grace = timedelta(minutes=self.grace_minutes)
        office = OfficeDays(context.calendar)
        for file in books[ATTENDANCE].staff.values():
            notes: dict[date, list[WhereaboutsNote]] = defaultdict(list)
            for posted in file.whereabouts:
                notes[posted.at.date()].append(posted)
            for day in file.days_with_marks:
                since: datetime | None = None
                for mark in file.marks_on(day):
                    if mark.kind is not MarkKind.LEFT:
                        continue
                    earlier, since = since, mark.at
                    if not open_at(office, mark) or granted_at(file.leaves, mark.at):
                        continue
                    found = [n for n in notes.get(day, ()) if n.at <= mark.at + grace and (earlier is None
                                                                                          or n.at > earlier)]
                    yield from self.judge(file.staff, mark, found[-1] if found else None, context)

    def judge(self, staff: str, mark: Mark, note: WhereaboutsNote | None, context: Context) -> Iterator[Verdict]:
        """The violation for one departure whose note is missing or incomplete."""
        lacking = [self.WORDS[k] for k in self.required if note is None or not getattr(note, k)]
        if not lacking:
            return
        what = say("未公示去向") if note is None else say("公示不全，缺{items}", items=joined(lacking))
        yield self.verdict(
            context, subject=staff_subject(staff), kind=VerdictKind.VIOLATION, on=mark.day,
            explanation=say("{day} {at}临时离岗，{what}。", day=mark.day, at=clock(mark.at), what=what),
            evidence=(mark.event, *((note.event,) if note else ())), staff=staff, window=mark.window,
        )


def open_at(office: OfficeDays, mark: Mark) -> bool:
    """Was the centre open when the mark was made?"""
    return any(start <= mark.at < end for start, end in office.sessions(mark.day))


class LeavingPost(PolicyBase):
    """ATT-3: leaving the post without permission (擅离岗位).

    Every departure recorded during office hours with no one permitting it (and not on
    granted leave). The absence lasts until the staff member's next record. ``per``:
    one penalty per occurrence (``jiangxi-town`` −1, ``county-centre`` staff −1,
    ``guangwu-street`` 通报批评 and 100 yuan), or per half day away (``county-centre``
    window: "擅自脱岗半天以上,每次每半天扣1分": ``at_least_half_days = 1``, ``per =
    "half_day"``, ``charge = "window"``); ``rounding``: whole half days only (``down``,
    the default) or every half day begun (``up``). A half day is half the day's office
    time. The office minutes away are the verdict's ``quantity``.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["leaving-post"] = "leaving-post"
    per: Literal["occurrence", "half_day"] = Field(default="occurrence")
    at_least_half_days: Days = Field(default=ZERO, ge=0, description="Shorter absences are not counted.")
    rounding: Literal["down", "up"] = Field(default="down", description="Half days counted whole, or begun.")
    charge: Literal["staff", "window"] = Field(default="staff", description="Who is charged.")
    sanction: Sanction | None = Field(default=None)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per departure without permission that meets the threshold."""
        calendar = context.calendar
        office = OfficeDays(calendar)
        half_day = int((calendar.office_hours.daily_open_time / 2).total_seconds())
        for file in books[ATTENDANCE].staff.values():
            for day in file.days_with_marks:
                marks = file.marks_on(day)
                for index, mark in enumerate(marks):
                    if mark.kind is not MarkKind.LEFT or mark.permitted_by is not None:
                        continue
                    if not open_at(office, mark) or granted_at(file.leaves, mark.at):
                        continue
                    back = marks[index + 1] if index + 1 < len(marks) else None
                    away = calendar.open_time_between(mark.at, back.at if back else calendar.close_of_business(day))
                    half_days = Decimal(int(away.total_seconds())) / Decimal(half_day)
                    if half_days < self.at_least_half_days:
                        continue
                    units = Decimal(1) if self.per == "occurrence" else half_days.to_integral_value(
                        rounding=ROUND_FLOOR if self.rounding == "down" else ROUND_CEILING)
                    if units:
                        yield self.judge(file.staff, mark, back, away, units, context)

    def judge(
        self, staff: str, mark: Mark, back: Mark | None, away: timedelta, units: Decimal, context: Context,
    ) -> Verdict:
        """The violation for one departure."""
        subject = charged(ChargeTo(self.charge), window=mark.window, staff=staff, case=None)
        until = say("{at}返回", at=clock(back.at)) if back else say("当日未再有记录")
        facts: dict[str, w.Arg] = {"day": mark.day, "at": clock(mark.at), "until": until}
        explanation = (w.counted("{day} {at}未经批准离岗，{until}，离岗办公时间{n}分钟。", n=minutes(away), **facts)
                       if self.per == "occurrence" else
                       w.counted("{day} {at}未经批准离岗，{until}，离岗办公时间{n}分钟，计{units}个半天。",
                                 n=minutes(away), units=str(units), **facts))
        return self.verdict(
            context, subject=subject, kind=VerdictKind.VIOLATION, on=mark.day, sanction=self.sanction,
            explanation=explanation,
            points=self.points * units, fine=self.fine * units, quantity=Decimal(minutes(away)),
            evidence=(mark.event, *((back.event,) if back else ())), staff=staff, window=mark.window,
        )
