"""The working-day calendar: CAL-1 (working days, counting convention) and CAL-3 (provisional years).

The hand-computed cases follow the State Council notices for 2025 and 2026; the schedule
tables below are the notices' own text, checked against ``holidays.China`` and against
the calendar for every day of both years.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib.resources import files

import holidays
import pytest

from bianmin_rules.core.calendar import (
    FIRST_YEAR,
    LAST_OFFICIAL_YEAR,
    PROVISIONAL_HORIZON,
    HolidayPeriod,
    WorkCalendar,
    YearSchedule,
)
from bianmin_rules.core.errors import CalendarError, CalendarRangeError, ProvisionalCalendarError

D = date

# The notices, as (first, last) rest periods and make-up working days.
OFFICIAL: dict[int, tuple[list[tuple[date, date]], list[date]]] = {
    2025: (
        [
            (D(2025, 1, 1), D(2025, 1, 1)),  # 元旦
            (D(2025, 1, 28), D(2025, 2, 4)),  # 春节
            (D(2025, 4, 4), D(2025, 4, 6)),  # 清明
            (D(2025, 5, 1), D(2025, 5, 5)),  # 劳动节
            (D(2025, 5, 31), D(2025, 6, 2)),  # 端午
            (D(2025, 10, 1), D(2025, 10, 8)),  # 国庆 + 中秋
        ],
        [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    ),
    2026: (
        [
            (D(2026, 1, 1), D(2026, 1, 3)),  # 元旦
            (D(2026, 2, 15), D(2026, 2, 23)),  # 春节
            (D(2026, 4, 4), D(2026, 4, 6)),  # 清明
            (D(2026, 5, 1), D(2026, 5, 5)),  # 劳动节
            (D(2026, 6, 19), D(2026, 6, 21)),  # 端午
            (D(2026, 9, 25), D(2026, 9, 27)),  # 中秋
            (D(2026, 10, 1), D(2026, 10, 7)),  # 国庆
        ],
        [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20),
         D(2026, 10, 10)],
    ),
}


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def notice_says_working(day: date) -> bool:
    periods, make_up = OFFICIAL[day.year]
    if day in make_up:
        return True
    if any(first <= day <= last for first, last in periods):
        return False
    return day.weekday() < 5


def schedule_2026_text() -> str:
    return (files("bianmin_rules") / "data" / "calendar" / "2026.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.china()


# --- CAL-1: the official schedules --------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_cal1_notice_matches_holidays_and_calendar_every_day(cal: WorkCalendar, year: int) -> None:
    """CAL-1: the notice, holidays.China and the calendar agree on every day of the year."""
    reference = holidays.country_holidays("CN", years=year)
    for day in days_of(year):
        expected = notice_says_working(day)
        assert reference.is_working_day(day) == expected, day
        assert cal.is_working_day(day) == expected, day


def test_cal1_calendar_matches_holidays_every_covered_official_day(cal: WorkCalendar) -> None:
    """CAL-1: 2001..LAST_OFFICIAL_YEAR, day by day, equal to holidays.China."""
    reference = holidays.country_holidays("CN", years=range(FIRST_YEAR, LAST_OFFICIAL_YEAR + 1))
    day = date(FIRST_YEAR, 1, 1)
    while day.year <= LAST_OFFICIAL_YEAR:
        assert cal.is_working_day(day) == reference.is_working_day(day), day
        day += timedelta(days=1)


def test_cal1_make_up_day_from_next_years_notice() -> None:
    """CAL-1: the 2002 notice made Saturday 2001-12-29 a working day; the index sees it."""
    assert WorkCalendar.china().is_working_day(date(2001, 12, 29))


def test_cal3_last_official_year_is_held_by_holidays() -> None:
    """CAL-3: the installed holidays.China carries LAST_OFFICIAL_YEAR's notice (make-up days)."""
    assert holidays.country_holidays("CN", years=LAST_OFFICIAL_YEAR).weekend_workdays
    assert WorkCalendar.china().last_official_year == LAST_OFFICIAL_YEAR == 2026
    assert WorkCalendar.china().first_year == FIRST_YEAR == 2001


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 26), True),  # Sunday, make-up for 春节
        (D(2025, 1, 27), True),
        (D(2025, 1, 28), False),  # 除夕, first day of the break
        (D(2025, 2, 4), False),
        (D(2025, 2, 5), True),
        (D(2025, 2, 8), True),  # Saturday, make-up
        (D(2025, 4, 27), True),  # Sunday, make-up for 劳动节
        (D(2025, 5, 5), False),
        (D(2025, 6, 2), False),  # Monday, 端午
        (D(2025, 9, 28), True),  # Sunday, make-up for 国庆
        (D(2025, 10, 8), False),
        (D(2025, 10, 11), True),  # Saturday, make-up
        (D(2025, 10, 12), False),
        (D(2026, 1, 2), False),  # Friday, 元旦 break
        (D(2026, 1, 4), True),  # Sunday, make-up
        (D(2026, 2, 14), True),  # Saturday, make-up
        (D(2026, 2, 20), False),  # Friday inside 春节
        (D(2026, 2, 23), False),  # Monday, last day of 春节
        (D(2026, 2, 28), True),  # Saturday, make-up
        (D(2026, 4, 6), False),  # Monday, 清明
        (D(2026, 5, 9), True),  # Saturday, make-up
        (D(2026, 9, 20), True),  # Sunday, make-up
        (D(2026, 9, 25), False),  # Friday, 中秋
        (D(2026, 10, 10), True),  # Saturday, make-up
        (D(2026, 10, 11), False),  # ordinary Sunday
    ],
)
def test_cal1_is_working_day(cal: WorkCalendar, day: date, working: bool) -> None:
    """CAL-1: weekdays minus breaks plus make-up weekend days."""
    assert cal.is_working_day(day) is working


# --- CAL-1: counting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        # 2026 春节: Fri 2/13 -> make-up Sat 2/14 -> break 2/15..2/23 -> Tue 2/24.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 13), 5, D(2026, 2, 27)),  # the example of docs/calendar.md
        (D(2026, 2, 15), 1, D(2026, 2, 24)),  # from inside the break
        # 2/24..2/27 are the 1st..4th, Sat 2/28 (make-up) the 5th, Mon 3/2 the 6th.
        (D(2026, 2, 23), 5, D(2026, 2, 28)),
        (D(2026, 2, 23), 6, D(2026, 3, 2)),
        # 2026 国庆: Wed 9/30 -> break 10/1..10/7 -> Thu 10/8, Fri 10/9, make-up Sat 10/10.
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        (D(2026, 9, 30), 4, D(2026, 10, 12)),
        # Make-up Sunday 9/20: Fri 9/18 + 1 = Sun 9/20; then Mon 9/21.
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 18), 2, D(2026, 9, 21)),
        # 2026 劳动节: Thu 4/30 -> break 5/1..5/5 -> Wed 5/6, Thu 5/7, Fri 5/8, Sat 5/9.
        (D(2026, 4, 30), 4, D(2026, 5, 9)),
        (D(2026, 4, 30), 5, D(2026, 5, 11)),
        # 2025 春节: Fri 1/24 -> make-up Sun 1/26, Mon 1/27, then break 1/28..2/4.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        # 2025 劳动节: Fri 4/25 -> make-up Sun 4/27, Mon..Wed 4/28..30, break, Tue 5/6.
        (D(2025, 4, 25), 5, D(2025, 5, 6)),
        # 2025 国庆中秋: Fri 9/26 -> Sun 9/28, Mon 9/29, Tue 9/30, break 10/1..8, Thu 10/9.
        (D(2025, 9, 26), 4, D(2025, 10, 9)),
        (D(2025, 9, 26), 6, D(2025, 10, 11)),  # make-up Saturday
        # Across the year end into the official 2026: Wed 2025-12-31 -> 2026-01-05
        # (1/1..1/3 break; make-up Sunday 1/4 is the 1st working day!).
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        (D(2025, 12, 31), 2, D(2026, 1, 5)),
    ],
)
def test_cal1_add_working_days_skips_trigger_day(
    cal: WorkCalendar, day: date, n: int, expected: date
) -> None:
    """CAL-1: the triggering day is not counted; the result is the n-th working day after it."""
    assert cal.add_working_days(day, n) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 2, 13), D(2026, 2, 13)),  # working day: itself
        (D(2026, 2, 14), D(2026, 2, 14)),  # make-up Saturday: itself
        (D(2026, 2, 15), D(2026, 2, 24)),  # inside the break: the next working day
        (D(2026, 3, 7), D(2026, 3, 9)),  # ordinary Saturday: Monday
    ],
)
def test_cal1_add_zero_working_days(cal: WorkCalendar, day: date, expected: date) -> None:
    """CAL-1: n == 0 gives the day itself if it is a working day, else the next one."""
    assert cal.add_working_days(day, 0) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 2, 24), -1, D(2026, 2, 14)),  # back over 春节 to the make-up Saturday
        (D(2026, 2, 24), -2, D(2026, 2, 13)),
        (D(2026, 2, 20), -1, D(2026, 2, 14)),  # from inside the break
        (D(2026, 10, 8), -1, D(2026, 9, 30)),
        (D(2026, 10, 12), -1, D(2026, 10, 10)),
        (D(2026, 1, 5), -1, D(2026, 1, 4)),  # make-up Sunday
        (D(2026, 1, 5), -2, D(2025, 12, 31)),
    ],
)
def test_cal1_add_negative_working_days(
    cal: WorkCalendar, day: date, n: int, expected: date
) -> None:
    """CAL-1: n < 0 gives the |n|-th working day strictly before the day."""
    assert cal.add_working_days(day, n) == expected


def test_cal1_next_working_day(cal: WorkCalendar) -> None:
    """CAL-1: next_working_day is add_working_days(day, 1)."""
    assert cal.next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)
    assert cal.next_working_day(D(2026, 2, 14)) == D(2026, 2, 24)
    assert cal.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 2, 13), D(2026, 2, 13), 0),
        (D(2026, 2, 13), D(2026, 2, 14), 1),  # (start, end]: only the make-up Saturday
        (D(2026, 2, 13), D(2026, 2, 23), 1),  # the break adds nothing
        (D(2026, 2, 13), D(2026, 2, 24), 2),
        (D(2026, 2, 12), D(2026, 3, 2), 8),  # 2/13, 2/14, 2/24..2/27, 2/28, 3/2
        (D(2026, 9, 30), D(2026, 10, 10), 3),
        (D(2026, 9, 18), D(2026, 10, 12), 12),  # 9/20..24, 9/28..30, 10/8..10, 10/12
        (D(2025, 12, 31), D(2026, 1, 31), 21),  # 1/4 + 20 weekdays from 1/5 to 1/30
        (D(2026, 1, 1), D(2026, 12, 31), 248),  # all of 2026's working days (1/1 is not one)
    ],
)
def test_cal1_working_days_between(
    cal: WorkCalendar, start: date, end: date, expected: int
) -> None:
    """CAL-1: working days in (start, end]; negative the other way round."""
    assert cal.working_days_between(start, end) == expected
    assert cal.working_days_between(end, start) == -expected


def test_cal1_working_days_in_2025_and_2026(cal: WorkCalendar) -> None:
    """CAL-1: 261 weekdays - 18 / 19 weekday holidays + 5 / 6 make-up days = 248 each."""
    for year, count in ((2025, 248), (2026, 248)):
        assert sum(notice_says_working(d) for d in days_of(year)) == count
        assert cal.working_days_between(date(year - 1, 12, 31), date(year, 12, 31)) == count


def test_cal1_identical_to_holidays_on_random_inputs(cal: WorkCalendar) -> None:
    """CAL-1: add_working_days equals holidays' get_nth_working_day on 2,000 seeded inputs."""
    rng = random.Random(2026)
    reference = holidays.country_holidays("CN", years=range(2020, 2027))
    first, last = date(2021, 1, 1), date(2026, 10, 9)  # +-60 working days stay in 2020..2026
    span = (last - first).days
    for _ in range(2000):
        day = first + timedelta(days=rng.randint(0, span))
        n = rng.randint(-60, 60)
        assert cal.add_working_days(day, n) == reference.get_nth_working_day(day, n), (day, n)


def test_cal1_rejects_datetimes_for_days(cal: WorkCalendar) -> None:
    """CAL-1: a datetime's own date may not be its China date; the caller must convert."""
    with pytest.raises(TypeError, match="as_china_time"):
        cal.is_working_day(datetime(2026, 2, 13, 20, 0))


# --- CAL-3: provisional years and range -----------------------------------------------


def test_cal3_date_in_2027_is_refused(cal: WorkCalendar) -> None:
    """CAL-3: a date after the last official year raises, from every method."""
    day = D(2027, 3, 1)
    calls: list[Callable[[], object]] = [
        lambda: cal.is_working_day(day),
        lambda: cal.add_working_days(day, 1),
        lambda: cal.add_working_days(day, -1),
        lambda: cal.add_working_days(day, 0),
        lambda: cal.next_working_day(day),
        lambda: cal.working_days_between(D(2026, 12, 1), day),
        lambda: cal.working_days_between(day, D(2026, 12, 1)),
        lambda: cal.close_of_business(day),
        lambda: cal.opening_intervals(day),
        lambda: cal.is_open(datetime(2027, 3, 1, 10, 0)),
        lambda: cal.next_opening(datetime(2027, 3, 1, 10, 0)),
    ]
    for call in calls:
        with pytest.raises(ProvisionalCalendarError) as info:
            call()
        assert info.value.last_official_year == 2026
    assert cal.is_provisional(day)
    assert not cal.is_provisional(D(2026, 12, 31))


def test_cal3_result_landing_in_2027_is_refused(cal: WorkCalendar) -> None:
    """CAL-3: a count that would end in 2027 raises, even from a 2026 start."""
    assert cal.add_working_days(D(2026, 12, 30), 1) == D(2026, 12, 31)
    with pytest.raises(ProvisionalCalendarError) as info:
        cal.add_working_days(D(2026, 12, 30), 2)
    assert info.value.day.year == 2027
    with pytest.raises(ProvisionalCalendarError):
        cal.next_working_day(D(2026, 12, 31))


def test_cal3_opt_in_counts_2027_provisionally() -> None:
    """CAL-3: with allow_provisional the count works and is_provisional marks it."""
    cal = WorkCalendar.china(allow_provisional=True)
    assert cal.allow_provisional
    result = cal.add_working_days(D(2026, 12, 30), 2)
    assert result == D(2027, 1, 4)  # 2027-01-01 (Fri) is 元旦 in holidays' estimate
    assert cal.is_provisional(result)
    estimate = holidays.country_holidays("CN", years=2027)
    for day in days_of(2027):
        assert cal.is_working_day(day) == estimate.is_working_day(day), day
    # The same calendar without the opt-in refuses again.
    with pytest.raises(ProvisionalCalendarError):
        cal.allowing_provisional(False).is_working_day(D(2027, 1, 4))
    assert WorkCalendar.china().allowing_provisional().is_working_day(D(2027, 1, 4))


def test_cal3_range_limits() -> None:
    """CAL-3: before 2001 or after last official year + 5 there is no answer at all."""
    cal = WorkCalendar.china(allow_provisional=True)
    assert cal.last_year == 2026 + PROVISIONAL_HORIZON == 2031
    assert cal.is_working_day(D(2031, 12, 31)) is True
    assert cal.is_working_day(D(2001, 1, 2)) is True
    for day in (D(2000, 12, 31), D(2032, 1, 1), D(1990, 6, 1)):
        with pytest.raises(CalendarRangeError, match=day.isoformat()):
            cal.is_working_day(day)
    # Uncovered years are a range error even without the opt-in.
    with pytest.raises(CalendarRangeError):
        WorkCalendar.china().is_working_day(D(2040, 1, 2))
    # A count that leaves the covered years.
    with pytest.raises(CalendarRangeError, match="leaves"):
        cal.add_working_days(D(2031, 12, 30), 5)
    with pytest.raises(CalendarRangeError, match="leaves"):
        cal.add_working_days(D(2001, 1, 5), -10)


def test_cal3_errors_are_one_line() -> None:
    """CAL-3: errors render as one readable line."""
    calls: list[Callable[[], object]] = [
        lambda: WorkCalendar.china().is_working_day(D(2027, 1, 4)),
        lambda: WorkCalendar.china().is_working_day(D(1999, 1, 4)),
    ]
    for call in calls:
        with pytest.raises(CalendarError) as info:
            call()
        assert "\n" not in str(info.value)


# --- CAL-3: schedules as data -----------------------------------------------------------


def test_cal3_2026_schedule_file_equals_holidays_every_day() -> None:
    """CAL-3: data/calendar/2026.toml gives the working days of holidays.China for all of 2026."""
    schedule = YearSchedule.from_toml(schedule_2026_text())
    assert schedule.year == 2026
    assert "2026" in schedule.source
    assert [p.name for p in schedule.holidays] == [
        "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节",
    ]
    reference = holidays.country_holidays("CN", years=2026)
    loaded = WorkCalendar.china().with_schedule(schedule)
    assert loaded.last_official_year == 2026
    for day in days_of(2026):
        expected = reference.is_working_day(day)
        assert schedule.is_working_day(day) == expected, day
        assert loaded.is_working_day(day) == expected, day
        assert notice_says_working(day) == expected, day


HYPOTHETICAL_2027 = """
year = 2027
source = "a hypothetical notice, for the tests"
make_up_working_days = [2027-02-20]

[[holidays]]
name = "元旦"
first = 2027-01-01
last = 2027-01-03

[[holidays]]
name = "春节"
first = 2027-02-05
last = 2027-02-12
"""


def test_cal3_loading_2027_makes_it_official_without_opt_in() -> None:
    """CAL-3: a newly published schedule, loaded as data, makes its year official."""
    base = WorkCalendar.china()
    cal = base.with_schedule(YearSchedule.from_toml(HYPOTHETICAL_2027))
    assert cal.last_official_year == 2027
    assert cal.last_year == 2032
    assert not cal.allow_provisional
    assert not cal.is_provisional(D(2027, 6, 1))
    assert cal.is_provisional(D(2028, 1, 3))
    assert cal.is_working_day(D(2027, 2, 20))  # make-up Saturday
    assert not cal.is_working_day(D(2027, 2, 12))  # Friday inside the break
    assert cal.is_working_day(D(2027, 1, 4))
    # 2026-12-31 (Thu) -> 元旦 break 1/1..1/3 -> Mon 2027-01-04.
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    # Fri 2/5..Fri 2/12 closed; Thu 2/4 + 1 = Mon 2/15; + 5 = Sat 2/20 (make-up).
    assert cal.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 15)
    assert cal.add_working_days(D(2027, 2, 4), 6) == D(2027, 2, 20)
    with pytest.raises(ProvisionalCalendarError):
        cal.is_working_day(D(2028, 1, 3))
    # The original calendar is unchanged.
    assert base.last_official_year == 2026
    with pytest.raises(ProvisionalCalendarError):
        base.is_working_day(D(2027, 1, 4))


def test_cal3_schedule_overrides_a_held_year() -> None:
    """CAL-3: loading a year the calendar already holds replaces holidays.China's data."""
    text = schedule_2026_text().replace(
        "make_up_working_days = [", "make_up_working_days = [\n    2026-03-07,"
    )
    cal = WorkCalendar.china().with_schedule(YearSchedule.from_toml(text))
    assert cal.is_working_day(D(2026, 3, 7))
    assert not WorkCalendar.china().is_working_day(D(2026, 3, 7))
    assert cal.last_official_year == 2026
    # Loading the same year again replaces the earlier schedule.
    again = cal.with_schedule(YearSchedule.from_toml(schedule_2026_text()))
    assert not again.is_working_day(D(2026, 3, 7))
    assert len(again.schedules) == 1


def test_cal3_schedule_must_follow_last_official_year() -> None:
    """CAL-3: a schedule two years ahead would leave a gap of unofficial days."""
    schedule = YearSchedule.from_toml(HYPOTHETICAL_2027.replace("2027", "2028"))
    with pytest.raises(CalendarError, match="load 2027 first"):
        WorkCalendar.china().with_schedule(schedule)
    with pytest.raises(CalendarRangeError):
        WorkCalendar.china().with_schedule(
            YearSchedule(year=1999, source="x", holidays=(), make_up_working_days=())
        )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("year = = 2026", "not valid TOML"),
        ('source = "x"\nholidays = []', "year: Field required"),
        ('year = 2026\nsource = "x"\nholiday = []\nholidays = []', "holiday: Extra inputs"),
        (
            'year = 2026\nsource = "x"\n[[holidays]]\nname = "a"\nfirst = 2026-01-01\n'
            'last = 2026-01-01\n[[holidays]]\nname = "b"\nfirst = 2026-02-03\n'
            'last = 2026-02-01\n',
            "holidays[1].last: 2026-02-01 is before first",
        ),
        (
            'year = 2026\nsource = "x"\n[[holidays]]\nname = "a"\nfirst = 2026-01-01\n'
            'last = "soon"\n',
            "holidays[0].last: Input should be a valid date",
        ),
        (
            'year = 2026\nsource = "x"\n[[holidays]]\nname = "a"\nfirst = 2025-12-31\n'
            "last = 2026-01-01\n",
            "holidays[0].first: 2025-12-31 is not in 2026",
        ),
        (
            'year = 2026\nsource = "x"\n[[holidays]]\nname = "a"\nfirst = 2026-01-01\n'
            'last = 2026-01-03\nnmae = "b"\n',
            "holidays[0].nmae: Extra inputs",
        ),
        (
            'year = 2026\nsource = "x"\n[[holidays]]\nname = "a"\nfirst = 2026-02-01\n'
            'last = 2026-02-10\n[[holidays]]\nname = "b"\nfirst = 2026-02-10\n'
            "last = 2026-02-12\n",
            "holidays[1].first: b (2026-02-10) overlaps a",
        ),
        (
            'year = 2026\nsource = "x"\nmake_up_working_days = [2026-01-05]\nholidays = []\n',
            "make_up_working_days[0]: 2026-01-05 is a Monday",
        ),
        (
            'year = 2026\nsource = "x"\nmake_up_working_days = [2026-01-04, 2027-01-02]\n'
            "holidays = []\n",
            "make_up_working_days[1]: 2027-01-02 is not in 2026",
        ),
        (
            'year = 2026\nsource = "x"\nmake_up_working_days = [2026-01-03]\n[[holidays]]\n'
            'name = "元旦"\nfirst = 2026-01-01\nlast = 2026-01-03\n',
            "make_up_working_days[0]: 2026-01-03 lies inside the holiday period 元旦",
        ),
    ],
)
def test_cal3_bad_schedule_names_the_key(text: str, key: str) -> None:
    """CAL-3: bad schedule data raises one CalendarError line naming the key."""
    with pytest.raises(CalendarError) as info:
        YearSchedule.from_toml(text)
    message = str(info.value)
    assert message.startswith("schedule <schedule>: ")
    assert key in message
    assert "\n" not in message


def test_holiday_period_contains() -> None:
    """CAL-1: a holiday period includes both ends."""
    period = HolidayPeriod(name="春节", first=D(2026, 2, 15), last=D(2026, 2, 23))
    assert D(2026, 2, 15) in period
    assert D(2026, 2, 23) in period
    assert D(2026, 2, 24) not in period


# --- immutability and construction -----------------------------------------------------


def test_calendar_is_immutable(cal: WorkCalendar) -> None:
    """The calendar is a value: derived calendars are new objects, the original is unchanged."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal.allow_provisional = True  # type: ignore[misc]
    assert cal.allowing_provisional() is not cal
    assert not cal.allow_provisional
    assert WorkCalendar.china() == WorkCalendar.china()
    assert WorkCalendar.china() != WorkCalendar.china(allow_provisional=True)


# --- the ends of the covered years -------------------------------------------------------


def test_cal1_first_working_day_of_the_calendar() -> None:
    """CAL-1: 2001-01-01 (Mon) is 元旦; the first working day the calendar counts is Tue 01-02."""
    cal = WorkCalendar.china()
    assert cal.add_working_days(D(2001, 1, 1), 0) == D(2001, 1, 2)
    assert cal.add_working_days(D(2001, 1, 3), -1) == D(2001, 1, 2)
    assert cal.working_days_between(D(2001, 1, 1), D(2001, 1, 3)) == 2


def test_cal3_step_past_the_last_covered_working_day() -> None:
    """CAL-3: one working day after 2031-12-31 (Wed), the last day covered, has no answer."""
    cal = WorkCalendar.china(allow_provisional=True)
    with pytest.raises(CalendarRangeError) as info:
        cal.add_working_days(D(2031, 12, 31), 1)
    assert str(info.value) == (
        "1 working days from 2031-12-31 leaves the years the calendar covers (2001-2031)"
    )


def test_cal3_provisional_result_names_the_last_official_year() -> None:
    """CAL-3: a count from 2026 ending in 2027 says 2026 is the last official year."""
    with pytest.raises(ProvisionalCalendarError) as info:
        WorkCalendar.china().add_working_days(D(2026, 12, 30), 2)
    assert info.value.last_official_year == 2026
    assert "after 2026" in str(info.value)


# --- wrong arguments: one TypeError naming the argument and the value given -----------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda cal: cal.is_working_day("2026-03-02"), "the day must be a datetime.date, not str ('2026-03-02')"),
        (
            lambda cal: cal.is_working_day(datetime(2026, 2, 13, 20, 0)),
            "the day must be a date (for a datetime, use as_china_time(moment).date()), "
            "not datetime (datetime.datetime(2026, 2, 13, 20, 0))",
        ),
        (
            lambda cal: cal.add_working_days(D(2026, 3, 2), True),
            "the number of working days must be an int, not bool (True)",
        ),
        (
            lambda cal: cal.add_working_days(D(2026, 3, 2), 1.5),
            "the number of working days must be an int, not float (1.5)",
        ),
    ],
)
def test_cal1_wrong_argument_is_named(cal: WorkCalendar, call: Callable[[WorkCalendar], object],
                                      message: str) -> None:
    """CAL-1: a day that is not a date, a count that is not a whole number: the argument and value named."""
    with pytest.raises(TypeError) as info:
        call(cal)
    assert str(info.value) == message


# --- schedules as data: loading and errors ------------------------------------------------


def test_cal3_schedule_of_the_first_covered_year_can_be_loaded() -> None:
    """CAL-3: 2001, the first year covered, may be corrected by a schedule; 2000 may not."""
    schedule = YearSchedule(
        year=2001, source="x", holidays=(HolidayPeriod(name="元旦", first=D(2001, 1, 1), last=D(2001, 1, 2)),)
    )
    cal = WorkCalendar.china().with_schedule(schedule)
    assert not cal.is_working_day(D(2001, 1, 2))
    assert cal.add_working_days(D(2001, 1, 1), 0) == D(2001, 1, 3)
    with pytest.raises(CalendarRangeError) as info:
        cal.with_schedule(YearSchedule(year=2000, source="x", holidays=()))
    assert str(info.value) == "cannot load the 2000 schedule: the calendar starts in 2001"


def test_cal3_schedules_are_kept_by_year() -> None:
    """CAL-3: 2027 then 2028 loaded, then 2027 replaced: the calendar holds both, 2027 first."""
    schedule_2027 = YearSchedule.from_toml(HYPOTHETICAL_2027)
    schedule_2028 = YearSchedule(year=2028, source="x", holidays=())
    cal = WorkCalendar.china().with_schedule(schedule_2027).with_schedule(schedule_2028)
    again = cal.with_schedule(YearSchedule.from_toml(HYPOTHETICAL_2027.replace("[2027-02-20]", "[]")))
    assert [s.year for s in again.schedules] == [2027, 2028]
    assert again.last_official_year == 2028
    assert cal.is_working_day(D(2027, 2, 20))
    assert not again.is_working_day(D(2027, 2, 20))  # Saturday, no longer a make-up day


def test_cal3_schedule_refuses_a_day_of_another_year() -> None:
    """CAL-3: a year's schedule answers only for its own year."""
    schedule = YearSchedule.from_toml(schedule_2026_text())
    with pytest.raises(CalendarRangeError) as info:
        schedule.is_working_day(D(2027, 1, 4))
    assert str(info.value) == "2027-01-04 is not in the 2026 schedule"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year = = 2026", "not valid TOML: Invalid value (at line 1, column 8)"),
        ("\ufeffyear = 2026", "starts with a byte-order mark (BOM): save it as UTF-8 without a BOM"),
        ('source = "x"\nholidays = []', "year: Field required"),
        ("holidays = []", "year: Field required (and 1 more)"),
        ("year = 2026", "source: Field required (and 1 more)"),
        ("make_up_working_days = 1", "year: Field required (and 3 more)"),
        ('year = [2026]\nsource = "x"\nholidays = []', "year: Input should be a valid integer"),
        (
            'year = "2026x"\nsource = "x"\nholidays = []',
            "year: Input should be a valid integer, unable to parse string as an integer (got '2026x')",
        ),
        (
            'year = 2026\nsource = "x"\nmake_up_working_days = [2026-01-05]\nholidays = []\n',
            "make_up_working_days[0]: 2026-01-05 is a Monday; make-up working days are Saturdays or "
            "Sundays (weekdays are working days anyway)",
        ),
    ],
)
def test_cal3_bad_schedule_message_in_full(text: str, message: str) -> None:
    """CAL-3: the whole error line: the file, the key (no leading dot), what is wrong, how many more."""
    with pytest.raises(CalendarError) as info:
        YearSchedule.from_toml(text, source="2027.toml")
    assert str(info.value) == f"schedule 2027.toml: {message}"
