"""Time limits and the due dates they give: one deadline model for every rule family.

A :class:`TimeLimit` is an amount and a unit ("5 个工作日", "当天", "次日", "一周"). A
:class:`Clock` counts one limit for one matter: from a start day (the receipt, the day
after it, the day the materials were complete, TL-4), around suspensions (TL-8), with
the extensions granted on it capped at the statutory limit (TL-5). Its
:meth:`Clock.settle` gives a :class:`Schedule` — the due date and how it was reached —
and every deadline verdict carries a :class:`DeadlineTrace` that lets a reader check
the due date by hand.

Counting convention (CAL-1): the start day is not counted, and "within N working days"
ends at the close of the N-th working day after it — unless the start rule says the
start day itself is counted (:attr:`ClockStart.RECEIPT`). A suspension stops the clock
from the day the matter is suspended (that day is not counted) to the day it resumes
(that day is counted again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidatorFunctionWrapHandler, WrapValidator, model_validator

from bianmin_rules.core.bounds import LIMIT_DAYS, WholeDays
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.results import Result
from bianmin_rules.core.words import Message, Text, Translate, as_message, counted, joined, say, zh

ONE_DAY = timedelta(days=1)


class LimitUnit(StrEnum):
    """The unit a time limit is written in."""

    WORKING_DAYS = "working_days"
    """N 个工作日: counted on the working-day calendar (CAL-1)."""
    CALENDAR_DAYS = "calendar_days"
    """N 日 / N 天: calendar days."""
    SAME_DAY = "same_day"
    """当场 / 当天: by the close of business of the start day itself."""
    NEXT_DAY = "next_day"
    """次日: the next calendar day (a variant reading 次日 as the next working day writes 1 working day)."""
    WEEK = "week"
    """N 周: N × 7 calendar days."""


WARNING_DAYS = 2
"""The early-warning threshold where a text sets none (TL-10): two working days before the due day."""


# The units tested on every count, looked up once: reading an enum member off
# its class is an attribute search, a large share of counting a plain limit.
_WORKING_DAYS, _SAME_DAY, _NEXT_DAY = LimitUnit.WORKING_DAYS, LimitUnit.SAME_DAY, LimitUnit.NEXT_DAY

def amount_words(amount: int, unit: LimitUnit) -> Message:
    """``5个工作日``, ``3日``, ``2周``, ``当天`` or ``次日``: an amount of a unit in words."""
    if unit is _WORKING_DAYS:
        return counted("{n}个工作日", n=amount)
    if unit is LimitUnit.CALENDAR_DAYS:
        return counted("{n}日", n=amount)
    if unit is LimitUnit.WEEK:
        return counted("{n}周", n=amount)
    return say("当天") if unit is _SAME_DAY else say("次日")


def late_words(late: int, unit: LimitUnit) -> Message:
    """Days late in the unit they are counted in: ``2个工作日`` or ``3日``."""
    return amount_words(late, _WORKING_DAYS if unit is _WORKING_DAYS else LimitUnit.CALENDAR_DAYS)


class TimeLimit(BaseModel):
    """A time limit: an amount and a unit.

    Where a field is typed :data:`Limit`, a bare integer means that many working days:
    ``5`` is ``{"amount": 5, "unit": "working_days"}``.

    ``roll_past_holidays`` applies to calendar-day units only: a limit whose last day is
    not a working day ends on the next working day, the general rule for periods in
    Chinese law (民法典 第二百零三条). Working-day limits never end on a closed day.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: int = Field(default=1, ge=0, le=LIMIT_DAYS, description="How many units (at most 366 days, 52 weeks).")
    unit: LimitUnit = Field(default=LimitUnit.WORKING_DAYS, description="The unit.")
    roll_past_holidays: bool = Field(
        default=True, description="Calendar-day limits ending on a closed day end on the next working day."
    )

    @model_validator(mode="after")
    def _at_most_a_year(self) -> TimeLimit:
        if self.counted_amount > LIMIT_DAYS:
            raise ValueError(f"{self.label()} is longer than {LIMIT_DAYS} days, the longest time limit")
        return self

    def due_date(self, start: date, calendar: WorkCalendar) -> date:
        """The last day on which something started on ``start`` is still in time (CAL-1)."""
        due = count_due(self, start, calendar)
        assert due is not None  # without suspensions the clock never stops
        return due

    def words(self) -> Message:
        """The limit in the words of the regulations, e.g. ``5个工作日`` or ``当天``."""
        return amount_words(self.amount, self.unit)

    def label(self) -> str:
        """The limit in Chinese (:meth:`words` written out)."""
        return str(self.words())

    def closed_end(self, start: date, calendar: WorkCalendar) -> date | None:
        """The closed day a calendar-day limit from ``start`` ended on, if it rolled to the next working day.

        None for a working-day or same-day limit, for one that does not roll, and for one
        whose last day is a working day (CMP-1: "次日" on a Saturday rolls to Monday).
        """
        if self.unit is _WORKING_DAYS or self.unit is _SAME_DAY or not self.roll_past_holidays:
            return None
        end = start + timedelta(days=self.counted_amount)
        return None if calendar.is_working_day(end) else end

    def due_words(self, start: date, due: date, calendar: WorkCalendar) -> Message:
        """The due date in words, saying so when the limit rolled past a closed day (民法典 第二百零三条)."""
        closed = self.closed_end(start, calendar)
        if closed is None:
            return say("届满日为{due}", due=due)
        last = self.words() if self.unit is _NEXT_DAY else say("{limit}的最后一日", limit=self.words())
        return say("{last}（{closed}）不是工作日，顺延至下一个工作日（民法典第二百零三条），届满日为{due}",
                   last=last, closed=closed, due=due)

    @property
    def counted_unit(self) -> LimitUnit:
        """The unit days are counted in: working days, or calendar days for every other unit."""
        return _WORKING_DAYS if self.unit is _WORKING_DAYS else LimitUnit.CALENDAR_DAYS

    @property
    def counted_amount(self) -> int:
        """How many days of :attr:`counted_unit` the limit allows after its start."""
        if self.unit is LimitUnit.WEEK:
            return 7 * self.amount
        if self.unit is LimitUnit.NEXT_DAY:
            return 1
        if self.unit is LimitUnit.SAME_DAY:
            return 0
        return self.amount


def _bare_number_is_working_days(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        # A negative amount goes the long way, so that its error names `amount`.
        return working_days(value) if value >= 0 else {"amount": value, "unit": LimitUnit.WORKING_DAYS}
    return value


def _limit(value: Any, validate: ValidatorFunctionWrapHandler) -> Any:
    """A bare number of working days within the longest limit is the shared limit of that many, valid already
    (a log names one on every case); anything else is validated as a :class:`TimeLimit`."""
    if type(value) is int and 0 <= value <= LIMIT_DAYS:
        return working_days(value)
    return validate(_bare_number_is_working_days(value))


@lru_cache(maxsize=512)
def working_days(amount: int) -> TimeLimit:
    """The limit of ``amount`` working days; one shared instance per amount.

    Limits are immutable, and a large log names the same few limits on every case.
    """
    return TimeLimit(amount=amount, unit=LimitUnit.WORKING_DAYS)


SAME_DAY = TimeLimit(amount=0, unit=LimitUnit.SAME_DAY)
"""当天: the limit of a duty due on the day it arises."""


def limit_to_date(start: date, promised: date) -> TimeLimit:
    """The limit that ends exactly on ``promised``, counted in calendar days from ``start`` (a date promised:
    TL-3's receipt notice, CMP-4's new answer date).

    Built without validation: it is derived from two days the log states, and may span
    more than the longest limit a log or variant may state.
    """
    return TimeLimit.model_construct(
        amount=max(0, (promised - start).days), unit=LimitUnit.CALENDAR_DAYS, roll_past_holidays=False
    )


Limit = Annotated[TimeLimit, WrapValidator(_limit, json_schema_input_type=WholeDays | TimeLimit)]
"""A :class:`TimeLimit` field that also accepts a bare number of working days."""


class ClockStart(StrEnum):
    """When a limit starts to run (TL-4, CAL-1)."""

    DAY_AFTER_RECEIPT = "day_after_receipt"
    """自受理之次日起: the day of receipt is not counted (CAL-1, the default)."""
    RECEIPT = "receipt"
    """自受理之日起, that day included: the day of receipt is the first day counted."""
    MATERIALS_COMPLETE = "materials_complete"
    """从补齐材料之日起 (TL-4): the day the materials were complete, itself not counted."""


class Pause(NamedTuple):
    """A suspension (TL-8): the clock stops on ``suspended`` and runs again on ``resumed``."""

    suspended: date
    resumed: date | None
    """None while the matter is still suspended."""


class ExtensionRequest(NamedTuple):
    """An extension granted on ``granted``: the whole limit becomes ``new_limit`` (TL-5)."""

    granted: date
    new_limit: TimeLimit


class ExtensionStatus(StrEnum):
    """What an extension did to the due date (TL-5)."""

    APPLIED = "applied"
    """The new limit stays within the statutory limit: the due date moves to it."""
    CAPPED = "capped"
    """The new limit goes past the statutory limit: the due date moves to the statutory one only."""
    UNCAPPED = "uncapped"
    """No statutory limit is known: the due date moves to the new limit, unchecked."""
    TOO_LATE = "too_late"
    """Granted after the due date had passed: it does not move the due date."""


class SuspensionTrace(Result):
    """One suspension as counted (TL-8)."""

    suspended: date
    resumed: date | None = Field(description="None: still suspended.")
    days_not_counted: int | None = Field(
        description="Days of the limit's counted unit the suspension held back; None while it lasts."
    )


class ExtensionTrace(Result):
    """One extension as applied (TL-5)."""

    granted: date
    new_limit: TimeLimit
    status: ExtensionStatus
    due: date | None = Field(description="The due date in force after it (None: the clock is stopped).")


class DeadlineTrace(Result):
    """How a due date was reached, so that a reader can check it by hand."""

    limit: TimeLimit
    start: date = Field(description="The day the clock started (not itself counted unless the start rule says so).")
    start_rule: Text = Field(description="Which event started the clock, in words.")
    due: date = Field(description="The last day that is still in time.")
    actual: date | None = Field(description="When it was done; None while still open.")
    days_late: int = Field(ge=0, description="Days after the due date, in `late_unit`.")
    late_unit: LimitUnit = Field(description="The unit `days_late` is counted in.")
    base_due: date | None = Field(default=None, description="The due date of `limit` alone, before TL-8 and TL-5.")
    suspensions: tuple[SuspensionTrace, ...] = Field(default=(), description="Every suspension (TL-8).")
    extensions: tuple[ExtensionTrace, ...] = Field(default=(), description="Every extension (TL-5).")
    statutory_limit: TimeLimit | None = Field(default=None, description="The cap of extensions (法定时限), if known.")
    statutory_due: date | None = Field(
        default=None, description="The due date the statutory limit gives (computed when an extension needs it)."
    )


class Schedule(NamedTuple):
    """A settled clock: the due date and every step that led to it."""

    base_due: date | None
    due: date | None
    """None while a suspension holds the clock before the limit ran out."""
    statutory_due: date | None
    suspensions: tuple[SuspensionTrace, ...]
    extensions: tuple[ExtensionTrace, ...]


class Clock(NamedTuple):
    """One limit counted for one matter: its start, suspensions and extensions.

    Immutable; a tuple, so that the one built for each case and rule costs little.
    """

    limit: TimeLimit
    start: date
    """The day that starts the clock."""
    start_rule: str | Message
    """What started it, in words (e.g. 受理之日, 补齐材料之日)."""
    counts_start_day: bool = False
    """True when the start day is itself the first day counted (ClockStart.RECEIPT)."""
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[ExtensionRequest, ...] = ()
    statutory: TimeLimit | None = None
    """The statutory limit: no extension may carry the due date past it (TL-5)."""

    def due_of(self, limit: TimeLimit, calendar: WorkCalendar, *, paused: bool = True) -> date | None:
        """The due date ``limit`` gives from this clock's start, around its suspensions."""
        return count_due(
            limit, self.start, calendar, self.pauses if paused else (), counts_start_day=self.counts_start_day
        )

    def due(self, calendar: WorkCalendar) -> date | None:
        """The due date alone: :meth:`settle` without the traces (None while suspended)."""
        if self.extensions:
            return self.settle(calendar).due
        return count_due(self.limit, self.start, calendar, self.pauses, counts_start_day=self.counts_start_day)

    def settle(self, calendar: WorkCalendar) -> Schedule:
        """The due date after suspensions (TL-8) and extensions capped at the statutory limit (TL-5)."""
        if not self.pauses and not self.extensions:  # most clocks: the limit alone
            due = count_due(self.limit, self.start, calendar, counts_start_day=self.counts_start_day)
            return Schedule(due, due, None, (), ())
        due = self.due_of(self.limit, calendar)
        base_due = self.due_of(self.limit, calendar, paused=False) if self.pauses else due
        # The statutory due date only matters to extensions (the cap); it is not computed otherwise.
        statutory_due = self.due_of(self.statutory, calendar) if self.statutory and self.extensions else None
        applied: list[ExtensionTrace] = []
        for request in sorted(self.extensions, key=lambda r: r.granted):
            status, due = self._extend(request, due, statutory_due, calendar)
            applied.append(ExtensionTrace(granted=request.granted, new_limit=request.new_limit, status=status, due=due))
        return Schedule(
            base_due=base_due,
            due=due,
            statutory_due=statutory_due,
            suspensions=tuple(self._suspension_traces(calendar, due)),
            extensions=tuple(applied),
        )

    def _extend(
        self, request: ExtensionRequest, due: date | None, statutory_due: date | None, calendar: WorkCalendar
    ) -> tuple[ExtensionStatus, date | None]:
        if due is not None and request.granted > due:
            return ExtensionStatus.TOO_LATE, due
        extended = self.due_of(request.new_limit, calendar)
        if self.statutory is None:
            return ExtensionStatus.UNCAPPED, extended
        if extended is None or statutory_due is None:
            return ExtensionStatus.APPLIED, extended
        if extended > statutory_due:
            return ExtensionStatus.CAPPED, statutory_due
        return ExtensionStatus.APPLIED, extended

    def _suspension_traces(self, calendar: WorkCalendar, due: date | None) -> list[SuspensionTrace]:
        """Each suspension and the days it held back; none for one that began after the due date."""
        if not self.pauses:
            return []
        counter = _Counter.of(self.limit.counted_unit, calendar)
        anchor = self._anchor()
        traces = []
        for pause in sorted(self.pauses, key=lambda p: p.suspended):
            held: int | None = None
            if pause.resumed is not None:
                first = max(pause.suspended, anchor + ONE_DAY)
                late = due is not None and first > due
                held = 0 if late else max(0, counter.between(first - ONE_DAY, pause.resumed - ONE_DAY))
            traces.append(SuspensionTrace(suspended=pause.suspended, resumed=pause.resumed, days_not_counted=held))
        return traces

    def _anchor(self) -> date:
        return self.start - ONE_DAY if self.counts_start_day else self.start

    def trace(
        self, schedule: Schedule, *, actual: date | None, days_late: int, late_unit: LimitUnit
    ) -> DeadlineTrace:
        """The trace of a settled clock, for a verdict; ``schedule.due`` must be known.

        Made of the clock's and the schedule's values, valid already, without validating them again.
        """
        assert schedule.due is not None
        return DeadlineTrace.of_valid(
            limit=self.limit, start=self.start, start_rule=as_message(self.start_rule), due=schedule.due, actual=actual,
            days_late=days_late, late_unit=late_unit, base_due=schedule.base_due,
            suspensions=schedule.suspensions, extensions=schedule.extensions,
            statutory_limit=self.statutory, statutory_due=schedule.statutory_due,
        )


@dataclass(frozen=True, slots=True)
class _Counter:
    """Adds and counts days of one unit: working days through the calendar, or calendar days."""

    add: Callable[[date, int], date]
    between: Callable[[date, date], int]

    @classmethod
    def of(cls, unit: LimitUnit, calendar: WorkCalendar) -> _Counter:
        if unit is LimitUnit.WORKING_DAYS:
            return cls(calendar.add_working_days, calendar.working_days_between)
        return cls(lambda day, n: day + timedelta(days=n), lambda a, b: (b - a).days)


def count_due(
    limit: TimeLimit, start: date, calendar: WorkCalendar, pauses: Sequence[Pause] = (), *,
    counts_start_day: bool = False,
) -> date | None:
    """The last day in time for ``limit`` started on ``start``, around ``pauses`` (CAL-1, TL-8).

    The days counted are those after ``start`` (from ``start`` itself when
    ``counts_start_day``), less the days from each suspension up to, not including, its
    resumption. None when a suspension still open holds the clock before the limit ran
    out. A same-day limit ends on ``start``; a next-day limit on the calendar day after.
    """
    unit = limit.unit
    if unit is _SAME_DAY:
        return start
    cursor = start - ONE_DAY if counts_start_day and unit is not _NEXT_DAY else start
    if not pauses and unit is _WORKING_DAYS:  # the common case, counted directly
        return calendar.add_working_days(cursor, limit.amount)
    counter = _Counter.of(limit.counted_unit, calendar)
    remaining = limit.counted_amount
    for pause in sorted(pauses, key=lambda p: p.suspended):
        stopped = max(pause.suspended, cursor + ONE_DAY)
        if pause.resumed is not None and pause.resumed <= stopped:
            continue  # over before the clock ran, or empty
        candidate = counter.add(cursor, remaining)
        if candidate < stopped:
            return _finish(limit, candidate, calendar)
        remaining -= counter.between(cursor, stopped - ONE_DAY)
        if pause.resumed is None:
            return None
        cursor = pause.resumed - ONE_DAY
    return _finish(limit, counter.add(cursor, remaining), calendar)


def _finish(limit: TimeLimit, due: date, calendar: WorkCalendar) -> date:
    if limit.counted_unit is LimitUnit.CALENDAR_DAYS and limit.roll_past_holidays and not calendar.is_working_day(due):
        return calendar.add_working_days(due, 0)
    return due


def days_late(due: date, actual: date, unit: LimitUnit, calendar: WorkCalendar) -> int:
    """How many days ``actual`` lies after ``due``, in working or calendar days (TL-9).

    Zero when ``actual`` is on or before ``due``.
    """
    if actual <= due:
        return 0
    if unit is _WORKING_DAYS:
        return calendar.working_days_between(due, actual)
    return (actual - due).days


def lateness(due: date, on: date, unit: LimitUnit, calendar: WorkCalendar, *, first_day_late: bool = False) -> int:
    """How late a matter done (or still open) on ``on`` is against ``due``, in ``unit``: 0 on or before it.

    Counted as :func:`days_late` counts. With ``first_day_late`` (the case rules, TL-9) any
    day after the due day makes the matter at least one day late, a closed day too;
    without it (the conduct rules) a matter is late once a whole day of ``unit`` has
    passed: one due on a Friday and still open on the Sunday is not yet late in working days.
    """
    if on <= due:
        return 0
    late = days_late(due, on, unit, calendar)
    return max(1, late) if first_day_late else late


EXTENSION_WORDS = {
    ExtensionStatus.APPLIED: say("届满日顺延"),
    ExtensionStatus.CAPPED: say("超过法定时限，只顺延至法定届满日"),
    ExtensionStatus.UNCAPPED: say("法定时限未知，按新时限顺延"),
    ExtensionStatus.TOO_LATE: say("期限届满后才延期，不予顺延"),
}
"""What an extension did to the due date, in words (TL-5)."""


def started_words(limit: TimeLimit, start: date, start_rule: str | Message) -> Message:
    """``时限自受理之日（2026-03-02）起算5个工作日``: where a count begins."""
    return say("时限自{start_rule}（{start}）起算{limit}", start_rule=as_message(start_rule), start=start,
               limit=limit.words())


def adjustment_words(steps: Schedule | DeadlineTrace, limit: TimeLimit, statutory: TimeLimit | None) -> list[Message]:
    """How suspensions (TL-8) and extensions (TL-5) moved a due date, in words; none when nothing moved it.

    ``原届满日为…``, each suspension (``…中止、…恢复，不计N个工作日``, or ``…起中止`` while it
    lasts), each extension and what it did, and the statutory due date that capped them:
    read from a settled clock (``steps``, a :class:`Schedule` or a verdict's
    :class:`DeadlineTrace`) counting ``limit`` under the cap ``statutory``.
    """
    words: list[Message] = []
    if (steps.suspensions or steps.extensions) and steps.base_due is not None:
        words.append(say("原届满日为{due}", due=steps.base_due))
    for pause in steps.suspensions:
        if pause.resumed is None or pause.days_not_counted is None:
            words.append(say("{suspended}起中止", suspended=pause.suspended))
        else:
            words.append(say("{suspended}中止、{resumed}恢复，不计{days}", suspended=pause.suspended,
                             resumed=pause.resumed, days=late_words(pause.days_not_counted, limit.counted_unit)))
    for extension in steps.extensions:
        words.append(say("{granted}延期至{limit}（{status}）", granted=extension.granted,
                         limit=extension.new_limit.words(), status=EXTENSION_WORDS[extension.status]))
    if steps.statutory_due is not None and statutory is not None and steps.extensions:
        words.append(say("法定时限{limit}届满日为{due}", limit=statutory.words(), due=steps.statutory_due))
    return words


class Count:
    """The count of a due date in words, told from its trace when read: limit and start, suspensions,
    extensions, final due date (a :class:`~bianmin_rules.core.words.Phrase`)."""

    __slots__ = ("trace",)

    def __init__(self, trace: DeadlineTrace) -> None:
        self.trace = trace

    def render(self, translate: Translate) -> str:
        """The count in the language of ``translate``."""
        trace = self.trace
        parts = [
            started_words(trace.limit, trace.start, trace.start_rule),
            *adjustment_words(trace, trace.limit, trace.statutory_limit),
            say("届满日为{due}", due=trace.due),
        ]
        return joined(parts, zh("，")).render(translate)


@lru_cache(maxsize=256)
def fraction_of(limit: TimeLimit, fraction: Decimal) -> TimeLimit:
    """``limit`` compressed to at most ``fraction`` of it, rounded down to whole units (TL-6).

    A same-day or next-day limit cannot be compressed and is returned as it is.
    Memoised: a log names the same few statutory limits on every key project.
    """
    if limit.unit in (LimitUnit.SAME_DAY, LimitUnit.NEXT_DAY):
        return limit
    return limit.model_copy(update={"amount": int(limit.amount * fraction)})
