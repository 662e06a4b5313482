"""Time limits and the due dates they give: one deadline model for every rule family.

A :class:`TimeLimit` is an amount and a unit ("5 个工作日", "当天", "次日", "一周"). Its
due date is computed from a start day through the calendar (CAL-1): the start day itself
is not counted, and "within N working days" ends at the close of the N-th working day
after it. A :class:`DeadlineTrace` records everything a reader needs to check a due date
by hand; deadline verdicts carry one.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from bianmin_rules.calendar import WorkCalendar


class LimitUnit(StrEnum):
    """The unit a time limit is written in."""

    WORKING_DAYS = "working_days"
    """N 个工作日: counted on the working-day calendar (CAL-1)."""
    CALENDAR_DAYS = "calendar_days"
    """N 日 / N 天: calendar days."""
    SAME_DAY = "same_day"
    """当场 / 当天: by the end of the start day itself."""
    NEXT_DAY = "next_day"
    """次日: the next calendar day (a variant reading 次日 as the next working day writes 1 working day)."""
    WEEK = "week"
    """N 周: N × 7 calendar days."""


UNIT_LABELS = {
    LimitUnit.WORKING_DAYS: "个工作日",
    LimitUnit.CALENDAR_DAYS: "日",
    LimitUnit.SAME_DAY: "当天",
    LimitUnit.NEXT_DAY: "次日",
    LimitUnit.WEEK: "周",
}


class TimeLimit(BaseModel):
    """A time limit: an amount and a unit.

    Where a field is typed :data:`Limit`, a bare integer means that many working days:
    ``5`` is ``{"amount": 5, "unit": "working_days"}``.

    ``roll_past_holidays`` applies to calendar-day units only: a limit whose last day is
    not a working day ends on the next working day, the general rule for periods in
    Chinese law (民法典 第二百零三条). Working-day limits never end on a closed day.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: int = Field(default=1, ge=0, description="How many units.")
    unit: LimitUnit = Field(default=LimitUnit.WORKING_DAYS, description="The unit.")
    roll_past_holidays: bool = Field(
        default=True, description="Calendar-day limits ending on a closed day end on the next working day."
    )

    def due_date(self, start: date, calendar: WorkCalendar) -> date:
        """The last day on which something started on ``start`` is still in time (CAL-1)."""
        if self.unit is LimitUnit.WORKING_DAYS:
            return calendar.add_working_days(start, self.amount)
        if self.unit is LimitUnit.SAME_DAY:
            return start
        days = {LimitUnit.CALENDAR_DAYS: self.amount, LimitUnit.NEXT_DAY: 1, LimitUnit.WEEK: 7 * self.amount}
        due = start + timedelta(days=days[self.unit])
        if self.roll_past_holidays and not calendar.is_working_day(due):
            return calendar.add_working_days(due, 0)
        return due

    def label(self) -> str:
        """The limit in the words of the regulations, e.g. ``5个工作日`` or ``当天``."""
        if self.unit in (LimitUnit.SAME_DAY, LimitUnit.NEXT_DAY):
            return UNIT_LABELS[self.unit]
        return f"{self.amount}{UNIT_LABELS[self.unit]}"


def _bare_number_is_working_days(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"amount": value, "unit": LimitUnit.WORKING_DAYS}
    return value


Limit = Annotated[
    TimeLimit, BeforeValidator(_bare_number_is_working_days, json_schema_input_type=int | TimeLimit)
]
"""A :class:`TimeLimit` field that also accepts a bare number of working days."""


def days_late(due: date, actual: date, unit: LimitUnit, calendar: WorkCalendar) -> int:
    """How many days ``actual`` lies after ``due``, in working or calendar days (TL-9).

    Zero when ``actual`` is on or before ``due``.
    """
    if actual <= due:
        return 0
    if unit is LimitUnit.WORKING_DAYS:
        return calendar.working_days_between(due, actual)
    return (actual - due).days


class DeadlineTrace(BaseModel):
    """How a due date was reached, so that a reader can check it by hand."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    limit: TimeLimit
    start: date = Field(description="The day the clock started (not itself counted, CAL-1).")
    start_rule: str = Field(description="Which event started the clock, in words.")
    due: date = Field(description="The last day that is still in time.")
    actual: date | None = Field(description="When it was done; None while still open.")
    days_late: int = Field(ge=0, description="Days after the due date, in `late_unit`.")
    late_unit: LimitUnit = Field(description="The unit `days_late` is counted in.")
