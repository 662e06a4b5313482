"""Attendance (考勤): ATT-1, ATT-2, ATT-4, ATT-5, ATT-8, CAL-4 and CAL-5.

Late arrival, early leave and absence are read from the sign-in records against the
variant's office hours (``context.calendar``) and the leave that excuses them (see
:mod:`bianmin_rules.families.attendance.presence` and docs/attendance.md). Money (``fine``, yuan)
and points are kept apart: each policy carries both, and a variant sets the ones its
text names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any, ClassVar, Literal

from pydantic import Field

from bianmin_rules.core import words as w
from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.bounds import Count, Days, Minutes, Points
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import (
    ZERO,
    ChargeTo,
    Measure,
    Sanction,
    Subject,
    SubjectKind,
    Verdict,
    VerdictKind,
    charged,
    subject,
)
from bianmin_rules.core.words import Message, zh
from bianmin_rules.families.attendance.events import LeaveType
from bianmin_rules.families.attendance.ledger import ATTENDANCE, Leave, Mark, MarkKind, StaffFile
from bianmin_rules.families.attendance.presence import (
    Interval,
    LeaveProcedure,
    Margins,
    OfficeDays,
    SessionAttendance,
    clock,
    day_attendance,
    days_label,
    duty_days,
    excusing_leaves,
    leave_days,
    minutes,
    overlaps,
)
from bianmin_rules.families.findings.ledger import FINDINGS
from bianmin_rules.families.ladders.counting import (
    PenaltyPerTier,
    Selector,
    SelectorField,
    counted,
    occurrence,
    occurrence_list,
    period_containing,
)


def staff_subject(staff: str) -> Subject:
    """The staff member a verdict is charged to."""
    return subject(SubjectKind.STAFF, staff)


class SignInPolicy(PolicyBase):
    """A policy that reads the sign-in records against office hours and excusing leave."""

    reads_office_hours: ClassVar[bool] = True

    leave: LeaveProcedure = Field(
        default_factory=LeaveProcedure, description="When leave excuses (LV-2, LV-3); the same in every policy."
    )

    def sessions(
        self, file: StaffFile, days: Iterable[date], office: OfficeDays, margins: Margins,
    ) -> Iterator[tuple[date, list[SessionAttendance]]]:
        """Each day's sessions for one staff member, with the leave that excuses them."""
        leaves = excusing_leaves(file, self.leave, office.calendar)
        for day in days:
            yield day, day_attendance(file, day, office.sessions(day), leaves, margins)


class LateOrEarly(SignInPolicy):
    """ATT-1: late arrival and early leave, against office hours and the sign-in records.

    A staff member is late in a session when not present at the time due on post and
    signed in later in it; early when signed out before the end of the time due and not
    back before it. ``on_post_before`` and ``stay_after`` widen every session
    (``guangwu-street`` 第二十九条: on post 5 minutes before and after, CAL-2); ``grace``
    tolerates a few minutes (no text grants any: 0). Staying after the close for an
    applicant (CAL-5) never counts against anyone. One verdict per late arrival and per
    early leave, with the minutes as ``quantity``; per-time penalties: ``town-basic``
    20 yuan, ``town-conduct-100`` −2, ``jiangxi-town`` −1, ``county-centre`` −1,
    ``guangwu-street`` 通报批评 and 100 yuan (``sanction``).
    """

    kind: Literal["late-or-early"] = "late-or-early"
    on_post_before: Minutes = Field(default=0, ge=0, description="Minutes on post before each session (CAL-2).")
    stay_after: Minutes = Field(default=0, ge=0, description="Minutes on post after each session (CAL-2).")
    grace: Minutes = Field(default=0, ge=0, description="Minutes of lateness tolerated (no text grants any).")
    sanction: Sanction | None = Field(default=None, description="The sanction each occurrence carries, if any.")

    @property
    def margins(self) -> Margins:
        """The widening and tolerance, as durations."""
        return Margins(
            timedelta(minutes=self.on_post_before), timedelta(minutes=self.stay_after), timedelta(minutes=self.grace)
        )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per late arrival and per early leave on a working day."""
        office = OfficeDays(context.calendar)
        margins = self.margins
        for file in books[ATTENDANCE].staff.values():
            for _, sessions in self.sessions(file, file.days_with_signs, office, margins):
                for session in sessions:
                    yield from self.judge(file, session, context)

    def judge(self, file: StaffFile, session: SessionAttendance, context: Context) -> Iterator[Verdict]:
        """The late arrival and the early leave of one session, if any."""
        if session.late is not None and session.stays[0].arrived is not None:
            arrived = session.stays[0].arrived
            yield self.charge(file, session, context, arrived, session.late, w.counted(
                "{day} {session}应于{due}到岗，{at}签到，迟到{n}分钟。", day=session.day, session=session.words,
                due=clock(session.due_start), at=clock(arrived.at), n=minutes(session.late)))
        if session.early is not None and session.stays[-1].departed is not None:
            departed = session.stays[-1].departed
            yield self.charge(file, session, context, departed, session.early, w.counted(
                "{day} {session}应在岗至{due}，{at}签退，早退{n}分钟。", day=session.day, session=session.words,
                due=clock(session.due_end), at=clock(departed.at), n=minutes(session.early)))

    def charge(
        self, file: StaffFile, session: SessionAttendance, context: Context, mark: Mark, span: timedelta,
        explanation: Message,
    ) -> Verdict:
        """A violation of ATT-1 resting on one sign-in record."""
        return self.verdict(
            context, subject=staff_subject(file.staff), kind=VerdictKind.VIOLATION, on=session.day,
            explanation=explanation, sanction=self.sanction, quantity=Decimal(minutes(span)),
            evidence=(mark.event,), staff=file.staff, window=mark.window or file.window_on(session.day),
        )


class Absence(SignInPolicy):
    """ATT-2 (with LV-2, LV-3): absence without leave (旷工), derived in half days.

    On every working day a staff member is on duty (the roster, else the span of their
    sign-in records) and before the day of evaluation, a session with no presence and
    no excusing leave is half a day of absence. Leave that is not approved (LV-2) or
    filed too late (LV-3) excuses nothing, and the explanation says so. One verdict per
    staff member and day, with the half days as ``quantity``.

    ``per``: the unit the text charges (``half_day``: ``town-conduct-100`` −5,
    ``jiangxi-town`` −2, ``county-centre`` −2; ``day``: ``town-basic`` 100 yuan).
    ``part_day``: what half a day costs where the text charges per day and says nothing
    of half days (``town-basic``): ``pro_rata`` (half, the default) or ``whole_day``.
    ``sanction``: the measure each day of absence carries (``dahe-town`` 考勤制度 第四条:
    无故缺勤 → 责令改正).
    """

    kind: Literal["absence"] = "absence"
    per: Literal["half_day", "day"] = Field(default="half_day", description="The unit the penalty is per.")
    part_day: Literal["pro_rata", "whole_day"] = Field(
        default="pro_rata", description="A half day charged per day: half the penalty, or all of it."
    )
    sanction: Sanction | None = Field(default=None, description="The sanction each day of absence carries, if any.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per staff member and day with absent sessions."""
        office = OfficeDays(context.calendar)
        for file in books[ATTENDANCE].staff.values():
            unexcused = [leave for leave in file.leaves if self.leave.defect(leave, context.calendar) is not None]
            days = duty_days(file, context.calendar, context.as_of)
            for day, sessions in self.sessions(file, days, office, Margins()):
                absent = [s for s in sessions if s.absent]
                if absent:
                    yield self.judge(file, day, absent, unexcused, context)

    def units(self, half_days: Decimal) -> Decimal:
        """How many units of the penalty ``half_days`` of absence cost."""
        if self.per == "half_day":
            return half_days
        days = half_days / 2
        return days if self.part_day == "pro_rata" else days.to_integral_value(rounding=ROUND_CEILING)

    def judge(
        self, file: StaffFile, day: date, absent: list[SessionAttendance], unexcused: list[Leave], context: Context,
    ) -> Verdict:
        """The absence of one day: which sessions, why no leave excuses them, what it costs."""
        half_days = sum((s.half_days for s in absent), ZERO)
        blamed = [
            leave for leave in unexcused
            if any(overlaps((leave.start, leave.end), part) for s in absent for part in s.due)
        ]
        reasons = [
            w.say("请假{leave}{reason}（{rule}），按旷工处理；",
                  leave=leave.leave, reason=defect.reason, rule=defect.rule)
            for leave in blamed if (defect := self.leave.defect(leave, context.calendar)) is not None
        ]
        units = self.units(half_days)
        return self.verdict(
            context, subject=staff_subject(file.staff), kind=VerdictKind.VIOLATION, on=day,
            explanation=w.say("{day} {sessions}应在岗，无签到记录，亦无有效请假：{reasons}旷工{half_days}个半天。",
                              day=day, sessions=w.joined(s.words for s in absent), reasons=w.joined(reasons, ""),
                              half_days=days_label(half_days)),
            points=self.points * units, fine=self.fine * units, quantity=half_days, sanction=self.sanction,
            evidence=(*duty_evidence(file, day), *(e for leave in blamed for e in leave.evidence)),
            staff=file.staff, window=file.window_on(day),
        )


def duty_evidence(file: StaffFile, day: date) -> tuple[str, ...]:
    """The roster entry that put the staff member on duty that day, if there is one."""
    assignment = file.assignment_on(day)
    return (assignment.event,) if assignment else ()


class SignInRegister(SignInPolicy):
    """CAL-4: the sign-in scheme — every record it requires, checked daily and summed up monthly.

    ``scheme``: ``daily`` (sign in on arrival and out on leaving: ``town-conduct-100``
    考勤制度 二), ``each_session`` (``shouzhan-town`` 第八条(一): four a day, 签到签退
    morning and afternoon) or ``arrival`` (a sign-in only: ``dahe-town`` 考勤制度 第一条
    "每天上班，所有工作人员自行签到"). ``methods``: the accepted ways of recording (``town-basic``:
    ``face``, 电子面部识别); empty accepts any. A warning per staff member and day with a
    missing record or a record made otherwise; a day with no record at all is absence
    (ATT-2), not a missing record. With ``monthly`` (日登记、月公布), an information
    verdict per staff member and month measures the share of required records made.
    """

    kind: Literal["sign-in-register"] = "sign-in-register"
    scheme: Literal["daily", "each_session", "arrival"] = Field(
        default="daily", description="Which records a day requires."
    )
    methods: tuple[str, ...] = Field(default=(), description="Accepted ways of recording; empty: any.")
    monthly: bool = Field(default=True, description="Publish a monthly measure of the records (月公布).")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Warnings for incomplete days; the monthly measures."""
        office = OfficeDays(context.calendar)
        for file in books[ATTENDANCE].staff.values():
            months: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
            days = duty_days(file, context.calendar, context.as_of)
            for day, sessions in self.sessions(file, days, office, Margins()):
                signs = file.signs_on(day)
                required, missing = self.required(signs, sessions, office.sessions(day))
                if not required:
                    continue
                tally = months[(day.year, day.month)]
                tally[0] += required - len(missing)
                tally[1] += required
                strange = [m for m in signs if m.method not in self.methods] if self.methods else []
                if signs and (missing or strange):
                    yield self.warn(file, day, missing, strange, context)
            if self.monthly:
                yield from self.publish(file, months, context)

    def required(
        self, signs: tuple[Mark, ...], sessions: list[SessionAttendance], bounds: tuple[Interval, ...],
    ) -> tuple[int, list[Message]]:
        """How many records the day requires, and the missing ones in words (上午签到 …).

        Sessions on leave require none; absent sessions are ATT-2's, not missing records.
        """
        due = [s for s in sessions if s.stays]
        if not due:
            return 0, []
        if self.scheme != "each_session":
            kinds = {m.kind for m in signs}
            words = SIGN_WORDS if self.scheme == "daily" else SIGN_WORDS[:1]
            return len(words), [word for word, kind in words if kind not in kinds]
        made = {(m.kind, session_of(m, bounds)) for m in signs}
        missing = [w.say("{session}{sign}", session=s.words, sign=word)
                   for s in due for word, kind in SIGN_WORDS if (kind, s.position) not in made]
        return 2 * len(due), missing

    def warn(
        self, file: StaffFile, day: date, missing: list[Message], strange: list[Mark], context: Context,
    ) -> Verdict:
        """The warning for one incomplete day."""
        parts = [w.say("缺{records}记录", records=w.joined(missing))] if missing else []
        parts += [w.say("{at}的记录方式为{method}", at=clock(m.at), method=m.method or w.say("未注明"))
                  for m in strange]
        return self.verdict(
            context, subject=staff_subject(file.staff), kind=VerdictKind.WARNING, on=day,
            explanation=w.say("{day} 签到签退记录不全：{parts}。", day=day, parts=w.joined(parts, w.zh("；"))),
            evidence=tuple(m.event for m in strange),
            staff=file.staff, window=file.window_on(day),
        )

    def publish(
        self, file: StaffFile, months: dict[tuple[int, int], list[int]], context: Context,
    ) -> Iterator[Verdict]:
        """The monthly measures of one staff member (月公布)."""
        for (year, month), (made, required) in sorted(months.items()):
            period = Period(kind=PeriodKind.MONTH, start=date(year, month, 1))
            yield self.verdict(
                context, subject=staff_subject(file.staff), kind=VerdictKind.INFORMATION,
                on=min(period.end, context.as_of), staff=file.staff,
                explanation=w.say("{period} 应有签到签退记录{required}次，实有{made}次。", period=str(period),
                                  required=required, made=made),
                measure=Measure(name="sign_in_records", period=period, numerator=made, denominator=required),
            )


SIGN_WORDS = ((w.say("签到"), MarkKind.SIGN_IN), (w.say("签退"), MarkKind.SIGN_OUT))


def session_of(mark: Mark, sessions: tuple[Interval, ...]) -> int:
    """The session a record belongs to: the one it names, else the one it arrives for or leaves.

    Without a named session a sign-in belongs to the first session not yet over at its
    time, a sign-out to the last session already begun: a record in the lunch break is
    the afternoon's sign-in or the morning's sign-out.
    """
    last = len(sessions) - 1
    if mark.session is not None:
        return 0 if mark.session == "morning" else last
    if mark.kind is MarkKind.SIGN_IN:
        for i, (_, end) in enumerate(sessions):
            if mark.at < end:
                return i
        return last
    for i in range(last, -1, -1):
        if sessions[i][0] < mark.at:
            return i
    return 0


class ExtendedService(PolicyBase):
    """CAL-5: serving an applicant past the close is never a violation; closing on one is.

    ``jianshe-street`` 窗口服务承诺制 七, ``jiangxi-town`` 错时延时制度 1. A
    ``service_extended`` record with ``finished`` false (the staff member stopped while
    the applicant was still being served) is a violation; a finished one is compliance.
    With ``appointment_only`` only a service agreed beforehand is owed (``dahe-town``
    第十条: "可事先与服务窗口约定…延长办公服务时间"): one broken off at the close without
    an appointment is no violation.
    The attendance and post rules never count the time spent serving: a sign-out after
    the close is not early leave, and no post rule looks past the close.
    """

    kind: Literal["extended-service"] = "extended-service"
    appointment_only: bool = Field(
        default=False, description="Only services agreed with the window beforehand are owed (预约).",
    )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation per service owed and broken off; compliance per service finished, on request."""
        for file in books[ATTENDANCE].staff.values():
            for service in file.services:
                if (service.finished and not context.include_compliance) or (
                        self.appointment_only and not service.by_appointment):
                    continue
                day = service.at.date()
                if service.finished:
                    kind, outcome = VerdictKind.COMPLIANCE, w.say("延时服务至办理完毕、服务对象离开")
                else:
                    kind, outcome = VerdictKind.VIOLATION, w.say("业务未办理完毕即停止服务下班")
                if self.appointment_only:
                    outcome = w.say("服务对象事先约定延时服务，{outcome}", outcome=outcome)
                yield self.verdict(
                    context, subject=staff_subject(file.staff), kind=kind, on=day,
                    explanation=w.say("{day} {at}下班时仍在为服务对象办理业务，{until}{outcome}。", day=day,
                                      at=clock(service.at), until=clock(service.until), outcome=outcome),
                    evidence=(service.event,), staff=file.staff, window=service.window, case=service.case,
                )


class MeetingAttendance(PenaltyPerTier):
    """ATT-4: meetings and study sessions — absent, late or early, each at its own penalty.

    ``town-conduct-100`` 德 1 (study: absent −2, late/early −1) and 勤 3 (meetings:
    late/early −1); ``jiangxi-town`` 工作纪律 ⑥ (training: absent −1); ``county-centre``
    staff (late/early −0.5, absent −1) and window (joint review: late or absent −1,
    ``charge = "window"``). ``statuses`` names what the text counts (all three by
    default); ``kinds`` limits the rule to some meeting kinds; an absence
    excused in advance counts only with ``excused_counts``.
    """

    kind: Literal["meeting-attendance"] = "meeting-attendance"
    kinds: tuple[str, ...] = Field(default=(), description="The meeting kinds counted; empty: every kind.")
    statuses: tuple[Literal["absent", "late", "early"], ...] = Field(
        default=("absent", "late", "early"), min_length=1, description="The ways of attending the text names."
    )
    absent_points: Points = Field(default=ZERO, description="Points for an absence.")
    late_points: Points = Field(default=ZERO, description="Points for arriving late.")
    early_points: Points = Field(default=ZERO, description="Points for leaving early.")
    excused_counts: bool = Field(default=False, description="Count absences excused in advance.")
    charge: Literal["staff", "window"] = Field(default="staff", description="Who is charged.")

    WORDS: ClassVar[dict[str, Message]] = {"absent": w.say("缺席"), "late": w.say("迟到"), "early": w.say("早退")}

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per counted absence, late arrival or early leave."""
        points = {"absent": self.absent_points, "late": self.late_points, "early": self.early_points}
        for file in books[ATTENDANCE].staff.values():
            for record in file.meetings:
                if record.status not in self.statuses or (self.kinds and record.kind not in self.kinds):
                    continue
                if record.excused and not self.excused_counts:
                    continue
                subject = charged(ChargeTo(self.charge), window=record.window, staff=file.staff, case=None)
                day = record.at.date()
                yield self.verdict(
                    context, subject=subject, kind=VerdictKind.VIOLATION, on=day, points=points[record.status],
                    explanation=w.say("{day} {kind}（{meeting}）{status}。", day=day, kind=record.kind,
                                      meeting=record.meeting, status=self.WORDS[record.status]),
                    evidence=(record.event,), staff=file.staff, window=record.window,
                    code=record.kind,  # the meeting kind, which the assessment tables' lines tell apart
                )


class CumulativeLeave(PolicyBase):
    """ATT-5: sick plus personal leave over a number of days in a period (``county-centre``: 15 in a year, −2).

    Counts the granted leave of ``leave_types`` whose first day falls in the period, at
    its stated days (else its office time in working days). One violation per staff
    member and period, on the first day of the leave that took the total over
    ``over_days`` ("超过": more than, not equal), with the period's total as ``quantity``.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["cumulative-leave"] = "cumulative-leave"
    leave_types: tuple[LeaveType, ...] = Field(default=(LeaveType.SICK, LeaveType.PERSONAL))
    over_days: Days = Field(default=Decimal(15), gt=0, description="More than this many days is a violation.")
    period: PeriodKind = Field(default=PeriodKind.YEAR, description="The period leave is summed over.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per staff member and period over the limit."""
        for file in books[ATTENDANCE].staff.values():
            periods: dict[Period, list[tuple[Leave, Decimal]]] = defaultdict(list)
            for leave in file.leaves:
                if leave.granted is not None and leave.leave_type in self.leave_types:
                    periods[Period.containing(self.period, leave.start.date())].append(
                        (leave, leave_days(leave, context.calendar))
                    )
            for period, leaves in sorted(periods.items(), key=lambda item: item[0].start):
                yield from self.judge(file, period, leaves, context)

    def judge(
        self, file: StaffFile, period: Period, leaves: list[tuple[Leave, Decimal]], context: Context,
    ) -> Iterator[Verdict]:
        """The violation of one period, if the total went over the limit."""
        running = ZERO
        crossed: Leave | None = None
        for leave, days in leaves:
            running += days
            if crossed is None and running > self.over_days:
                crossed = leave
        if crossed is None:
            return
        listed = w.joined(w.say("{leave} {days}天", leave=leave.leave, days=days_label(days)) for leave, days in leaves)
        yield self.verdict(
            context, subject=staff_subject(file.staff), kind=VerdictKind.VIOLATION, on=crossed.start.date(),
            explanation=w.say("{period} 病事假累计{days}天，超过{over}天（{leaves}）。", period=str(period),
                              days=days_label(running), over=days_label(self.over_days), leaves=listed),
            quantity=running, evidence=tuple(leave.event for leave, _ in leaves), staff=file.staff,
        )


class QuarterlyDisqualification(PolicyBase):
    """ATT-8 (``county-centre`` 考核办法 四(一)): no award in the quarter for poor attendance.

    Disqualified: late, early or asleep ``lapses_per_month`` times or more in one month
    in total ("每月各项合计次数达3次以上"), or absent ``absence_times`` times in the quarter
    ("旷工2次"), or one absence of ``long_absence_days`` or more ("1次旷工1天以上";
    "以上" includes the number, as in 民法典 第一千二百五十九条). Each ATT-2 verdict
    (one day, its half days as ``quantity``) is one absence. One verdict per staff member
    and quarter (rule ATT-8, sanction 取消当季评优资格) on the day the first condition
    was met, listing the verdicts counted; assessment tables read it.
    """

    stage: ClassVar[int] = 1
    kind: Literal["quarterly-disqualification"] = "quarterly-disqualification"
    lapses: tuple[SelectorField, ...] = Field(
        default=(Selector(rule="ATT-1"),), description="The violations counted as late, early or asleep."
    )
    absences: tuple[SelectorField, ...] = Field(
        default=(Selector(rule="ATT-2"),), description="The violations counted as absences."
    )
    lapses_per_month: Count = Field(default=3, ge=1)
    absence_times: Count = Field(default=2, ge=1)
    long_absence_days: Days = Field(default=Decimal(1), gt=0)
    sanction: Sanction = Field(default=Sanction(tier=zh("取消当季评优资格"), level=1))

    @property
    def reads_verdicts_of(self) -> frozenset[str]:
        """The rules of the lapses and absences it counts."""
        return frozenset(selector.rule for selector in (*self.lapses, *self.absences))

    @property
    def reads(self) -> tuple[Book[Any], ...]:
        """The findings, by the counted violations' evidence."""
        return (FINDINGS,)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One verdict per disqualified staff member and quarter."""
        lapses = counted(context.verdicts, self.lapses, books)
        absences = counted(context.verdicts, self.absences, books)
        quarters: dict[tuple[str, Period], list[tuple[str, Verdict]]] = defaultdict(list)
        for what, verdicts in (("lapse", lapses), ("absence", absences)):
            for v in verdicts:
                if v.staff:
                    quarters[(v.staff, period_containing(PeriodKind.QUARTER, v.on))].append((what, v))
        for (staff, quarter), found in sorted(quarters.items(), key=lambda item: (item[0][0], item[0][1].start)):
            found.sort(key=lambda item: item[1].sort_key)
            trigger = self.first_trigger(found)
            if trigger is not None:
                reason, basis = trigger
                yield self.verdict(
                    context, subject=staff_subject(staff), kind=VerdictKind.VIOLATION, on=basis[-1].on,
                    explanation=w.say("{quarter} {reason}：{occurrences}，取消当季评优资格。", quarter=str(quarter),
                                      reason=reason, occurrences=occurrence_list(basis)),
                    sanction=self.sanction, staff=staff, occurrences=tuple(occurrence(v) for v in basis),
                    evidence=tuple(e for v in basis for e in v.evidence),
                )

    def first_trigger(self, found: list[tuple[str, Verdict]]) -> tuple[Message, list[Verdict]] | None:
        """The first condition met in a quarter, with the verdicts that met it."""
        months: dict[int, list[Verdict]] = defaultdict(list)
        absences: list[Verdict] = []
        for what, v in found:
            if what == "lapse":
                months[v.on.month].append(v)
                if len(months[v.on.month]) >= self.lapses_per_month:
                    count = w.counted("{month}月迟到、早退、睡觉合计{n}次", month=v.on.month, n=len(months[v.on.month]))
                    return count, months[v.on.month]
                continue
            absences.append(v)
            if (v.quantity or ZERO) / 2 >= self.long_absence_days:
                return w.say("一次旷工{days}天", days=days_label((v.quantity or ZERO) / 2)), [v]
            if len(absences) >= self.absence_times:
                return w.counted("旷工{n}次", n=len(absences)), list(absences)
        return None
