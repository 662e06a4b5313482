"""The case register (台账): its cadence (REG-1) and the monthly reports (REG-2).

What the log can show, and what it cannot:

- "每件一登记" (every case logged, community-hall 6) is the case log itself; whether each
  entry holds the applicant and the result cannot be checked from the events, which do
  not carry the applicant.
- "每天一汇总，每周一督查，每月一上报": a ``register_reported`` event records each summary,
  check and report; :class:`RegisterCadence` requires one for every day, week or month in
  which cases were received. Whether a summary was correct is not checkable.
- "每月7日前 … 10日前 … 上报" (town-basic (九)1): :class:`MonthlyReport` requires each
  reporter's report of a month by the day set in the following month.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from dateutil.relativedelta import relativedelta
from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.deadlines import Clock, Limit, LimitUnit, TimeLimit
from bianmin_rules.core.duties import judge_matter
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import CENTRE, Subject, SubjectKind, Verdict, answerable
from bianmin_rules.core.words import Message, say, say_in, zh
from bianmin_rules.families.cases.ledger import CASE_FILES
from bianmin_rules.families.registers.events import RegisterAct
from bianmin_rules.families.registers.ledger import REGISTER, RegisterEntry, period_start

ACT_WORDS = {
    RegisterAct.DAILY_SUMMARY: (say("每天一汇总"), say_in("register act", "汇总")),
    RegisterAct.WEEKLY_CHECK: (say("每周一督查"), say_in("register act", "督查")),
    RegisterAct.MONTHLY_REPORT: (say("每月一上报"), say_in("register act", "上报")),
}
"""Each act: the words of community-hall 6, and its verb (汇总 is also the name of the totals' sheet)."""


def period_end(act: RegisterAct, start: date) -> date:
    """The last day of the period of ``act`` that starts on ``start``."""
    if act is RegisterAct.DAILY_SUMMARY:
        return start
    if act is RegisterAct.WEEKLY_CHECK:
        return start + timedelta(days=6)
    return month_end(start)


def month_end(month: date) -> date:
    """The last day of the month of ``month``."""
    return Period.containing(PeriodKind.MONTH, month).end


def period_words(act: RegisterAct, start: date) -> Message:
    """The period in words: ``2026-03-02``, ``2026-03-02 起的一周`` or ``2026-03``."""
    if act is RegisterAct.DAILY_SUMMARY:
        return say("{day}", day=start)
    if act is RegisterAct.WEEKLY_CHECK:
        return say("{start} 起的一周", start=start)
    return say("{month}", month=Period.containing(PeriodKind.MONTH, start).label)


def earliest(entries: Iterator[RegisterEntry]) -> dict[tuple[Subject, date], RegisterEntry]:
    """The first act of each keeper (the staff member, else the window, else the centre) and period, in time order."""
    found: dict[tuple[Subject, date], RegisterEntry] = {}
    for entry in entries:
        found.setdefault((answerable(entry.staff, entry.window, entry.centre), entry.period), entry)
    return found


class RegisterCadence(PolicyBase):
    """REG-1: the register is summarised daily, checked weekly and reported monthly.

    community-hall 6: "做到每件一登记，每天一汇总，每周一督查，每月一上报". One policy per
    act; a period needs the act when at least one case was received in it (a day with no
    case has nothing to summarise — this library's reading). With ``scope = "window"``
    each window keeps its own register and the act must name the window; with
    ``"centre"`` (the default) any act of the centre counts. The act is due ``due_within``
    after the period's last day; the default 0 working days means by that day, or by the
    next working day when it is closed (a week ending on Sunday: by Monday).
    """

    kind: Literal["register-cadence"] = "register-cadence"
    act: RegisterAct = Field(description="daily_summary, weekly_check or monthly_report.")
    scope: Literal["centre", "window"] = Field(default="centre", description="One register per centre or per window.")
    due_within: Limit = Field(default=TimeLimit(amount=0), description="How long after the period's last day.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each active period whose act is missing or late."""
        for matter in self.matters(books, context):
            yield from self.judge(context, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[date]]:
        """The act owed for each register and period in which cases were received, from the period's last day."""
        acts: dict[tuple[str, date], RegisterEntry] = {}
        for entry in books[REGISTER]:
            if entry.act is self.act:
                acts.setdefault((self.register_of(entry.window), entry.period), entry)
        active = sorted({
            (self.register_of(file.window), period_start(self.act, file.received_on))
            for file in books[CASE_FILES].values() if file.received_on is not None
        })
        rule, verb = ACT_WORDS[self.act]
        for register, start in active:
            act = acts.get((register, start))
            window = register if self.scope == "window" and register != CENTRE else None
            yield Matter(
                start, Clock(self.due_within, period_end(self.act, start), zh("期末")), act.day if act else None,
                say("台账{rule}：{period}受理了办件，应{act}", rule=rule, period=period_words(self.act, start),
                    act=verb),
                verb,
                Subject(kind=SubjectKind.WINDOW if window else SubjectKind.CENTRE, id=register), window,
                evidence=(act.event,) if act else (),
            )

    def register_of(self, window: str | None) -> str:
        """The register a window's cases and acts belong to."""
        return (window or CENTRE) if self.scope == "window" else CENTRE

    def judge(self, context: Context, matter: Matter[date]) -> Iterator[Verdict]:
        """The verdict on one period of one register."""
        duty = judge_matter(context, matter)
        if duty is None:
            return
        rule, verb = ACT_WORDS[self.act]
        yield self.verdict(
            context, subject=matter.subject, kind=duty.kind, on=duty.on,
            explanation=say(
                "台账{rule}：{period}受理了办件，应于{due}前{act}；{outcome}。", rule=rule,
                period=period_words(self.act, matter.about), due=duty.due, act=verb,
                outcome=duty.outcome(verb, context.as_of),
            ),
            evidence=matter.evidence, **duty.matter_fields(matter), window=matter.window,
        )


class MonthlyReport(PolicyBase):
    """REG-2: each month's case records are reported by a set day of the following month.

    town-basic (九)1: "每月7日前各村代理员向中心报送办件记录，10日前由群众接待和咨询监督
    窗口进行收集整理并上报" — one policy per role: ``village_agent`` with ``due_day = 7``,
    ``centre_window`` with ``due_day = 10``. "7日前" may mean by the 7th or before it:
    ``before_due_day`` decides (default false: the 7th itself is in time). A due day that
    is a closed day moves to the next working day unless ``roll_past_holidays`` is false.

    The reporters are those in ``reporters`` and every reporter of the role seen in the
    log; months are checked from ``since`` (default: the first month any of them
    reported) to the last month already due. A reporter who never reports at all is
    found only when listed in ``reporters`` (with ``since``).
    """

    kind: Literal["monthly-report"] = "monthly-report"
    role: str = Field(min_length=1, description="The reporters' role, as the events name it.")
    due_day: int = Field(ge=1, le=28, description="The day of the following month the report is due.")
    before_due_day: bool = Field(default=False, description="Is the due day itself late (前 read strictly)?")
    roll_past_holidays: bool = Field(default=True, description="A closed due day moves to the next working day.")
    reporters: tuple[Subject, ...] = Field(default=(), description="Who must report, besides those seen in the log.")
    since: date | None = Field(default=None, description="The first month to check (default: the first one reported).")
    late_unit: LimitUnit = Field(default=LimitUnit.WORKING_DAYS, description="The unit days late are counted in.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each reporter and month whose report is missing or late."""
        for matter in self.matters(books, context):
            yield from self.judge(context, matter)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[date]]:
        """The report owed by each reporter for each month that has ended, from its last day."""
        reports = earliest(e for e in books[REGISTER] if e.act is RegisterAct.MONTHLY_REPORT and e.role == self.role)
        reporters = sorted({*self.reporters, *(keeper for keeper, _ in reports)}, key=str)
        months = self.months(reports, context)
        rule = self.rule_words
        for reporter in reporters:
            for month in months:
                report = reports.get((reporter, month))
                label = Period.containing(PeriodKind.MONTH, month).label
                yield Matter(
                    month, Clock(self.limit, month_end(month), zh("当月最后一日")), report.day if report else None,
                    say("{month} 的办件记录应于{rule}报送", month=label, rule=rule), zh("报送"), reporter,
                    reporter.id if reporter.kind is SubjectKind.WINDOW else None,
                    reporter.id if reporter.kind is SubjectKind.STAFF else None,
                    evidence=(report.event,) if report else (), late_unit=self.late_unit,
                )

    @property
    def rule_words(self) -> Message:
        """The rule's due day in words: 每月N日前, or 每月N日前（不含当日）."""
        return (say("每月{day}日前（不含当日）", day=self.due_day) if self.before_due_day
                else say("每月{day}日前", day=self.due_day))

    def months(self, reports: dict[tuple[Subject, date], RegisterEntry], context: Context) -> list[date]:
        """The first days of the months to check: from the first one to the last one that has ended."""
        starts = [self.since.replace(day=1)] if self.since else sorted(month for _, month in reports)
        if not starts:
            return []
        months, month = [], starts[0]
        while month_end(month) <= context.as_of:
            months.append(month)
            month += relativedelta(months=1)
        return months

    @cached_property
    def limit(self) -> TimeLimit:
        """The limit from a month's last day: to the due day of the next month (the day before, ``before_due_day``)."""
        return TimeLimit(amount=self.due_day - int(self.before_due_day), unit=LimitUnit.CALENDAR_DAYS,
                         roll_past_holidays=self.roll_past_holidays)

    def judge(self, context: Context, matter: Matter[date]) -> Iterator[Verdict]:
        """The verdict on one reporter's report of one month."""
        duty = judge_matter(context, matter)
        if duty is None:
            return
        sent = say("报送")
        yield self.verdict(
            context, subject=matter.subject, kind=duty.kind, on=duty.on,
            explanation=say("{month} 的办件记录应于{rule}报送，即{due}；{outcome}。",
                            month=Period.containing(PeriodKind.MONTH, matter.about).label, rule=self.rule_words,
                            due=duty.due, outcome=duty.outcome(sent, context.as_of)),
            evidence=matter.evidence, **duty.matter_fields(matter), staff=matter.staff, window=matter.window,
        )
