"""Periods (SC-10): months, quarters and years."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from bianmin_rules.core.periods import Period, PeriodKind, periods_between


def test_quarter_containing_a_day() -> None:
    """SC-10: 2026-05-20 is in the second quarter, 4/1–6/30."""
    q = Period.containing("quarter", date(2026, 5, 20))
    assert (q.start, q.end, q.label) == (date(2026, 4, 1), date(2026, 6, 30), "2026-Q2")
    assert date(2026, 6, 30) in q and date(2026, 7, 1) not in q


def test_month_ends_in_a_leap_year() -> None:
    assert Period.containing(PeriodKind.MONTH, date(2028, 2, 10)).end == date(2028, 2, 29)
    assert Period.containing(PeriodKind.MONTH, date(2026, 2, 10)).label == "2026-02"


def test_a_year_is_made_of_four_quarters() -> None:
    """SC-10: a yearly total is built from the quarters."""
    year = Period.containing("year", date(2026, 8, 1))
    assert [q.label for q in year.parts("quarter")] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len(year.parts("month")) == 12
    with pytest.raises(ValueError, match="not made of years"):
        Period.containing("quarter", date(2026, 1, 1)).parts("year")


def test_periods_between_overlap_the_range() -> None:
    labels = [p.label for p in periods_between("month", date(2026, 1, 31), date(2026, 3, 1))]
    assert labels == ["2026-01", "2026-02", "2026-03"]


def test_a_period_starts_on_its_boundary() -> None:
    with pytest.raises(ValidationError, match="a quarter starts on the first day"):
        Period(kind=PeriodKind.QUARTER, start=date(2026, 2, 1))


def test_parse_labels() -> None:
    assert Period.parse("2026-Q3") == Period(kind=PeriodKind.QUARTER, start=date(2026, 7, 1))
    assert Period.parse("2026-03").end == date(2026, 3, 31)
    assert Period.parse("2026").label == "2026"
    with pytest.raises(ValueError, match="not a period"):
        Period.parse("2026-Q5")
