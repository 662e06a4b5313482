"""Properties of the working-day calendar (CAL-1) and office time (CAL-2), by Hypothesis.

Dates stay within 2001-03-01..2026-09-01, so that steps of up to 60 working days either
way stay inside the official years (CAL-3).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules.core.calendar import OfficeHours, WorkCalendar, as_china_time

CAL = WorkCalendar.china(
    office_hours=OfficeHours.of((time(8, 0), time(12, 0)), (time(14, 30), time(17, 30)))
)

# Far enough from both ends of the covered years that 60 working days either way stay inside.
days = st.dates(min_value=date(2001, 6, 1), max_value=date(2026, 9, 1))
steps = st.integers(min_value=-60, max_value=60)
moments = st.datetimes(min_value=datetime(2001, 3, 1), max_value=datetime(2026, 9, 1))
utc_moments = moments.map(lambda m: m.replace(tzinfo=UTC))
any_moment = st.one_of(moments, utc_moments)

quick = settings(deadline=None)


@quick
@given(days, steps.filter(lambda n: n != 0))
def test_cal1_result_is_a_working_day(day: date, n: int) -> None:
    """CAL-1: stepping n != 0 working days always lands on a working day, on the right side."""
    result = CAL.add_working_days(day, n)
    assert CAL.is_working_day(result)
    assert (result > day) if n > 0 else (result < day)


@quick
@given(days, st.integers(min_value=1, max_value=60))
def test_cal1_between_inverts_add_forward(day: date, n: int) -> None:
    """CAL-1: (day, add(day, n)] holds exactly n working days for n >= 1."""
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


@quick
@given(days, st.integers(min_value=-60, max_value=-1))
def test_cal1_between_inverts_add_backward(day: date, n: int) -> None:
    """CAL-1: for n <= -1, between(day, add(day, n)) == n + 1 - is_working_day(day).

    ``add(day, n)`` is the |n|-th working day strictly before ``day``; the interval
    ``(add(day, n), day]`` holds the |n| - 1 working days strictly between them, plus
    ``day`` itself when it is a working day; between() is minus that count.
    """
    back = CAL.add_working_days(day, n)
    expected = n + 1 - int(CAL.is_working_day(day))
    assert CAL.working_days_between(day, back) == expected
    if CAL.is_working_day(day):
        assert CAL.working_days_between(back, day) == -n


@quick
@given(days, steps, steps)
def test_cal1_monotone_in_n(day: date, a: int, b: int) -> None:
    """CAL-1: add_working_days is non-decreasing in n, strictly except 0 -> 1 on a closed day."""
    lo, hi = min(a, b), max(a, b)
    first, second = CAL.add_working_days(day, lo), CAL.add_working_days(day, hi)
    assert first <= second
    if lo < hi and not (lo == 0 and hi == 1 and not CAL.is_working_day(day)):
        assert first < second


@quick
@given(days)
def test_cal1_zero_step(day: date) -> None:
    """CAL-1: n == 0 keeps a working day and otherwise moves to the next one."""
    result = CAL.add_working_days(day, 0)
    if CAL.is_working_day(day):
        assert result == day
    else:
        assert result == CAL.next_working_day(day) > day


@quick
@given(days, days, days)
def test_cal1_between_is_additive_and_antisymmetric(a: date, b: date, c: date) -> None:
    """CAL-1: counts over (a, b] and (b, c] add up to (a, c]; swapping negates."""
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == (
        CAL.working_days_between(a, c)
    )
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@quick
@given(days, days)
def test_cal1_between_counts_the_days(a: date, b: date) -> None:
    """CAL-1: the bisect count equals a day-by-day count (on spans up to 120 days)."""
    b = min(b, a + timedelta(days=120))
    lo, hi = min(a, b), max(a, b)
    walked = sum(
        CAL.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1)
    )
    assert CAL.working_days_between(lo, hi) == walked


@quick
@given(any_moment)
def test_cal2_next_opening_is_open(moment: datetime) -> None:
    """CAL-2: the next opening is an open moment, not before the given one."""
    opening = CAL.next_opening(moment)
    assert CAL.is_open(opening)
    assert opening >= as_china_time(moment)
    if CAL.is_open(moment):
        assert opening == CAL.next_opening(opening)
        assert CAL.open_time_between(moment, opening) == timedelta()


@quick
@given(any_moment, st.timedeltas(min_value=timedelta(), max_value=timedelta(days=20)))
def test_cal2_open_time_matches_intervals(start: datetime, span: timedelta) -> None:
    """CAL-2: open_time_between equals the overlap with each day's opening intervals."""
    end = start + span
    s, e = as_china_time(start), as_china_time(end)
    expected = timedelta()
    day = s.date()
    while day <= e.date():
        for open_, close in CAL.opening_intervals(day):
            overlap = min(close, e) - max(open_, s)
            if overlap > timedelta():
                expected += overlap
        day += timedelta(days=1)
    assert CAL.open_time_between(start, end) == expected


@quick
@given(any_moment, st.timedeltas(min_value=timedelta(), max_value=timedelta(days=40)),
       st.timedeltas(min_value=timedelta(), max_value=timedelta(days=40)))
def test_cal2_open_time_is_additive(start: datetime, one: timedelta, two: timedelta) -> None:
    """CAL-2: office time over [a, b) plus [b, c) is the office time over [a, c)."""
    middle, end = start + one, start + one + two
    assert CAL.open_time_between(start, middle) + CAL.open_time_between(middle, end) == (
        CAL.open_time_between(start, end)
    )
