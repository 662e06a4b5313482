"""Bounds: the least and the most each number of an event log or a variant may state.

A number beyond them is bad input, refused where it is read with the line or key that
states it — not a deduction of a million points, a leave band of 10²⁶ days or a number
of a million digits that overflows the arithmetic later, far from its place. Each kind
of quantity has one type here, and every number of an event or a variant is of one of
them; a test checks that the JSON Schemas give every number both ends (docs/errors.md
lists them).

| quantity | least | most | decimals |
| --- | --- | --- | --- |
| points (a deduction, a bonus, a score, a maximum) | −1000 | 1000 | 4 |
| money, in yuan | 0 | 1,000,000 | 2 |
| a share or a weight | 0 | 1 | 4 |
| a rate, a band's end | −1,000,000 | 1,000,000 | 6 |
| days (of leave, of absence) | 0 | 366 | 2 |
| units of a finding (occurrences, half days) | 0 | 1000 | 2 |
| minutes | 0 | 1440 | — |
| a count (an occurrence, a level, a rank) | 0 | 10,000 | — |
| a time limit; a number of working days | 0 | 366 days, 52 weeks | — |
| a number a case file expects of a report (a total, a score, money) | −1,000,000,000 | 1,000,000,000 | 28 |
| a day or a moment of an event | 2001-01-01 | 2099-12-31 | — |

The time limit's bound is :class:`~bianmin_rules.core.deadlines.TimeLimit`'s own; the years
of events are :data:`FIRST_EVENT_YEAR` to :data:`LAST_EVENT_YEAR`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from bianmin_rules.core.calendar import FIRST_YEAR

FIRST_EVENT_YEAR = FIRST_YEAR
"""The first year an event may be dated in: the calendar counts no earlier day (2001)."""

LAST_EVENT_YEAR = 2099
"""The last year an event may be dated in."""

POINTS_LIMIT = Decimal(1000)
YUAN_LIMIT = Decimal(1_000_000)
RATE_LIMIT = Decimal(1_000_000)
DAYS_LIMIT = Decimal(366)
UNITS_LIMIT = Decimal(1000)
MINUTES_LIMIT = 1440
COUNT_LIMIT = 10_000
LIMIT_DAYS = 366
EXPECTED_LIMIT = Decimal(1_000_000_000)
"""The longest time limit, in days of its unit (a limit in weeks: 52 weeks)."""

Points = Annotated[Decimal, Field(ge=-POINTS_LIMIT, le=POINTS_LIMIT, decimal_places=4)]
"""Signed points: a deduction, a bonus, a score, a table's maximum."""

Yuan = Annotated[Decimal, Field(ge=0, le=YUAN_LIMIT, decimal_places=2)]
"""An amount of money in yuan, to the fen."""

Share = Annotated[Decimal, Field(ge=0, le=1, decimal_places=4)]
"""A share or a weight between 0 and 1."""

Rate = Annotated[Decimal, Field(ge=-RATE_LIMIT, le=RATE_LIMIT, decimal_places=6)]
"""A measured rate or a band's end (percent, mostly)."""

Days = Annotated[Decimal, Field(ge=0, le=DAYS_LIMIT, decimal_places=2)]
"""A number of days (or half days): of leave, of absence."""

Units = Annotated[Decimal, Field(ge=0, le=UNITS_LIMIT, decimal_places=2)]
"""How many units a finding counts: occurrences, half days."""

Minutes = Annotated[int, Field(ge=0, le=MINUTES_LIMIT)]
"""A number of minutes, at most a day's."""

Count = Annotated[int, Field(ge=0, le=COUNT_LIMIT)]
"""A count: an occurrence, a level, a number of subjects or verdicts."""

WholeDays = Annotated[int, Field(ge=0, le=LIMIT_DAYS)]
"""A whole number of (working) days, at most the longest time limit."""

Expected = Annotated[Decimal, Field(ge=-EXPECTED_LIMIT, le=EXPECTED_LIMIT, decimal_places=28)]
"""A number a case file expects of a report: of a verdict, a total over many, a card or one of its lines
(a mean score has as many decimals as the arithmetic keeps)."""


def in_event_years(day: date) -> date:
    """``day`` itself, when it lies in the years an event may be dated in; else a validation error."""
    if not FIRST_EVENT_YEAR <= day.year <= LAST_EVENT_YEAR:
        raise outside_event_years()
    return day


def outside_event_years() -> PydanticCustomError:
    """The validation error of a day or moment outside the years an event may be dated in (no value quoted)."""
    return PydanticCustomError(
        "event_year",
        "lies outside the years an event may be dated in ({first}–{last})",
        {"first": FIRST_EVENT_YEAR, "last": LAST_EVENT_YEAR},
    )


Day = Annotated[date, AfterValidator(in_event_years)]
"""A day an event states, within :data:`FIRST_EVENT_YEAR` to :data:`LAST_EVENT_YEAR`."""
