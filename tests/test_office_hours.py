"""Office hours and office time (CAL-2), on the working-day calendar (CAL-1, CAL-3).

``shouzhan-town`` (首占镇 第八条(一)): 8:00–12:00 and 14:30–17:30.
``jianshe-street`` (建设街 窗口服务承诺制 二): 8:30–12:00 and 14:00–17:30.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

import pytest
from pydantic import ValidationError

from bianmin_rules import Event, load_variant
from bianmin_rules.core.calendar import (
    CHINA_TZ,
    DEFAULT_OFFICE_HOURS,
    OfficeHours,
    OfficeSession,
    WorkCalendar,
    as_china_time,
)
from bianmin_rules.core.errors import CalendarRangeError, ProvisionalCalendarError
from tests.conftest import events, run

SHOUZHAN = OfficeHours.of((time(8, 0), time(12, 0)), (time(14, 30), time(17, 30)))
JIANSHE = OfficeHours.of((time(8, 30), time(12, 0)), (time(14, 0), time(17, 30)))


def cn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Asia/Shanghai datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def shouzhan() -> WorkCalendar:
    return WorkCalendar.china(office_hours=SHOUZHAN)


@pytest.fixture(scope="module")
def jianshe() -> WorkCalendar:
    return WorkCalendar.china().with_office_hours(JIANSHE)


# --- the office hours themselves -------------------------------------------------------


def test_cal2_default_office_hours_are_a_documented_placeholder() -> None:
    """CAL-2: the default is 09:00-12:00 and 13:30-17:30 (the library's, not a regulation's)."""
    assert WorkCalendar.china().office_hours == DEFAULT_OFFICE_HOURS == OfficeHours()
    assert [(s.start, s.end) for s in OfficeHours().sessions] == [
        (time(9, 0), time(12, 0)),
        (time(13, 30), time(17, 30)),
    ]
    assert OfficeHours().daily_open_time == timedelta(hours=7)


PLACEHOLDER_NOTE = ("办公时间：原文未规定作息时间，本报告的迟到、早退、旷工、离岗、空岗和请假天数及其扣分、扣款，"
                    "均按本库的占位时间（09:00–12:00、13:30–17:30）计算")


def sign_in_log() -> list[Event]:
    return events({"type": "signed_in", "at": "2026-03-02T09:20", "staff": "S-li", "window": "W1"},
                  {"type": "signed_out", "at": "2026-03-02T17:30", "staff": "S-li", "window": "W1"})


def test_cal2_a_report_counting_against_placeholder_hours_says_so() -> None:
    """CAL-2, town-basic 二、(一)1 "工作人员必须遵守镇政府统一作息时间" states no hours: its lateness fine
    (二、(一)3 "迟到或早退一次扣款20元") is counted against the library's placeholder, and the report's notes say so."""
    town = load_variant("town-basic")
    assert town.office_hours is None
    report = run(town, sign_in_log(), "2026-03-31")
    late = [v for v in report.verdicts if v.rule == "ATT-1"]
    assert [(v.on, v.fine) for v in late] == [(date(2026, 3, 2), 20)]
    assert [n for n in report.notes if n.startswith(PLACEHOLDER_NOTE)] != []


def test_cal2_stated_hours_and_logs_without_attendance_need_no_note() -> None:
    """CAL-2: jianshe-street states its hours (窗口服务承诺制 二); a log of cases only counts no office time."""
    jianshe = run(load_variant("jianshe-street"), sign_in_log(), "2026-03-31")
    cases_only = run(load_variant("town-basic"), events(
        {"type": "case_received", "at": "2026-03-02T09:00", "case": "C1", "case_type": "promised", "staff": "S-li",
         "promised_limit": 5}), "2026-03-31")
    for report in (jianshe, cases_only):
        assert not any(n.startswith("办公时间") for n in report.notes)


def test_cal2_variant_office_hours() -> None:
    """CAL-2: shouzhan-town opens 7 hours a day, jianshe-street 7 hours too."""
    assert SHOUZHAN.daily_open_time == timedelta(hours=7)
    assert JIANSHE.daily_open_time == timedelta(hours=7)
    assert SHOUZHAN.opening == time(8, 0)
    assert JIANSHE.closing == time(17, 30)


@pytest.mark.parametrize(
    "spans",
    [
        [],  # no session at all
        [(time(8), time(12)), (time(11), time(17))],  # overlapping
        [(time(14), time(17)), (time(8), time(12))],  # out of order
    ],
)
def test_cal2_bad_office_hours_rejected(spans: list[tuple[time, time]]) -> None:
    """CAL-2: sessions must exist, be in order and not overlap."""
    with pytest.raises(ValidationError):
        OfficeHours.of(*spans)


def test_cal2_office_hours_of_spans() -> None:
    """CAL-2: 首占镇 第八条(一) 8:00–12:00 and 14:30–17:30 as spans: two sessions, 7 hours a day."""
    hours = OfficeHours.of((time(8, 0), time(12, 0)), (time(14, 30), time(17, 30)))
    assert hours.sessions == (
        OfficeSession(start=time(8, 0), end=time(12, 0)),
        OfficeSession(start=time(14, 30), end=time(17, 30)),
    )
    assert hours.daily_open_time == timedelta(hours=7)
    assert (hours.opening, hours.closing) == (time(8, 0), time(17, 30))


def test_cal2_bad_session_rejected() -> None:
    """CAL-2: a session ends after it starts and carries no time zone."""
    with pytest.raises(ValidationError, match="end"):
        OfficeSession(start=time(12), end=time(8))
    with pytest.raises(ValidationError, match="end"):
        OfficeSession(start=time(12), end=time(12))
    with pytest.raises(ValidationError, match="time zone"):
        OfficeSession(start=time(8, tzinfo=UTC), end=time(12))


def test_cal2_with_office_hours_returns_new_calendar() -> None:
    """CAL-2: office hours are replaced on a new calendar; the original keeps its own."""
    base = WorkCalendar.china()
    derived = base.with_office_hours(SHOUZHAN)
    assert derived.office_hours == SHOUZHAN
    assert base.office_hours == DEFAULT_OFFICE_HOURS


# --- time zones -------------------------------------------------------------------------


def test_cal2_as_china_time() -> None:
    """CAL-2: naive datetimes are China wall-clock time; aware ones are converted."""
    naive = datetime(2026, 3, 2, 9, 0)
    assert as_china_time(naive) == cn(2026, 3, 2, 9, 0)
    assert as_china_time(naive).tzinfo is CHINA_TZ
    utc = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert as_china_time(utc) == utc
    assert as_china_time(utc).hour == 9
    assert as_china_time(utc).tzinfo is CHINA_TZ
    with pytest.raises(TypeError) as info:
        as_china_time(date(2026, 3, 2))  # type: ignore[arg-type]
    assert str(info.value) == "the moment must be a datetime.datetime, not date (datetime.date(2026, 3, 2))"


class _NoOffset(tzinfo):
    """A time zone that knows no offset: Python treats its datetimes as naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_cal2_moment_with_a_zone_of_no_offset_is_china_wall_clock() -> None:
    """CAL-2: a datetime whose zone gives no offset is naive, so read as China wall-clock time."""
    assert as_china_time(datetime(2026, 3, 2, 9, 0, tzinfo=_NoOffset())) == cn(2026, 3, 2, 9, 0)


def test_cal2_instant_past_the_calendar_is_named() -> None:
    """CAL-2: 9999-12-31 23:59 at UTC-12 is already the year 10000 in China: a range error naming it."""
    with pytest.raises(CalendarRangeError) as info:
        as_china_time(datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))))
    assert str(info.value) == (
        "9999-12-31T23:59:00-12:00 has no date in China time: it lies past an end of the calendar"
    )


def test_cal2_naive_and_aware_moments(shouzhan: WorkCalendar) -> None:
    """CAL-2: the same instant, naive in China or aware in UTC, gives the same answer."""
    # Monday 2026-03-02 09:00 in China is 01:00 UTC.
    assert shouzhan.is_open(datetime(2026, 3, 2, 9, 0))
    assert shouzhan.is_open(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    # 09:00 UTC is 17:00 China: open; 10:00 UTC is 18:00 China: closed.
    assert shouzhan.is_open(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert not shouzhan.is_open(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    # Sunday 23:30 UTC is Monday 07:30 in China: closed, opening at 08:00 that Monday.
    sunday_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert not shouzhan.is_open(sunday_utc)
    assert shouzhan.next_opening(sunday_utc) == cn(2026, 3, 2, 8, 0)
    # Friday 2026-02-13 16:00 UTC is 00:00 on the make-up Saturday in China.
    assert shouzhan.next_opening(datetime(2026, 2, 13, 16, 0, tzinfo=UTC)) == cn(
        2026, 2, 14, 8, 0
    )
    # Another fixed offset, e.g. UTC+9: 10:00 there is 09:00 in China.
    tokyo = timezone(timedelta(hours=9))
    assert shouzhan.is_open(datetime(2026, 3, 2, 10, 0, tzinfo=tokyo))


# --- is_open / next_opening -------------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "shouzhan_open", "jianshe_open"),
    [
        (time(7, 59, 59), False, False),
        (time(8, 0), True, False),
        (time(8, 30), True, True),
        (time(11, 59, 59), True, True),
        (time(12, 0), False, False),  # sessions are [start, end)
        (time(12, 30), False, False),
        (time(14, 0), False, True),
        (time(14, 30), True, True),
        (time(17, 29), True, True),
        (time(17, 30), False, False),
        (time(18, 0), False, False),
    ],
)
def test_cal2_is_open_on_a_working_day(
    shouzhan: WorkCalendar, jianshe: WorkCalendar, clock: time, shouzhan_open: bool,
    jianshe_open: bool,
) -> None:
    """CAL-2: open inside a session on a working day (Tuesday 2026-03-03)."""
    moment = datetime.combine(date(2026, 3, 3), clock)
    assert shouzhan.is_open(moment) is shouzhan_open
    assert jianshe.is_open(moment) is jianshe_open


def test_cal2_closed_on_rest_days_open_on_make_up_days(shouzhan: WorkCalendar) -> None:
    """CAL-2 with CAL-1: closed on holidays and weekends, open on make-up weekend days."""
    assert not shouzhan.is_open(datetime(2026, 2, 17, 9, 0))  # 春节, Tuesday
    assert not shouzhan.is_open(datetime(2026, 3, 7, 9, 0))  # ordinary Saturday
    assert shouzhan.is_open(datetime(2026, 2, 14, 9, 0))  # make-up Saturday
    assert shouzhan.is_open(datetime(2026, 9, 20, 15, 0))  # make-up Sunday


def test_cal2_next_opening_after_lunch(shouzhan: WorkCalendar, jianshe: WorkCalendar) -> None:
    """CAL-2: from 12:30 the next opening is the afternoon session of the same day."""
    lunch = datetime(2026, 3, 3, 12, 30)
    assert not shouzhan.is_open(lunch)
    assert shouzhan.next_opening(lunch) == cn(2026, 3, 3, 14, 30)
    assert jianshe.next_opening(lunch) == cn(2026, 3, 3, 14, 0)


def test_cal2_next_opening_when_open_is_the_moment(shouzhan: WorkCalendar) -> None:
    """CAL-2: an open moment is its own next opening (returned in China time)."""
    assert shouzhan.next_opening(datetime(2026, 3, 3, 10, 15)) == cn(2026, 3, 3, 10, 15)
    utc = datetime(2026, 3, 3, 2, 15, tzinfo=UTC)
    assert shouzhan.next_opening(utc) == utc
    assert shouzhan.next_opening(utc).tzinfo is CHINA_TZ


def test_cal2_next_opening_before_the_morning(jianshe: WorkCalendar) -> None:
    """CAL-2: before the first session, the same day's first session."""
    assert jianshe.next_opening(datetime(2026, 3, 3, 6, 0)) == cn(2026, 3, 3, 8, 30)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Friday 2026-04-03 18:00, before 清明 (4/4..4/6): Tuesday 4/7.
        (datetime(2026, 4, 3, 18, 0), cn(2026, 4, 7, 8, 0)),
        # Friday 2026-09-18 18:00: the make-up Sunday 9/20 opens first.
        (datetime(2026, 9, 18, 18, 0), cn(2026, 9, 20, 8, 0)),
        # Friday 2026-02-13 18:00, before 春节: the make-up Saturday 2/14.
        (datetime(2026, 2, 13, 18, 0), cn(2026, 2, 14, 8, 0)),
        # Saturday 2026-02-14 17:30 (close of the make-up day): after the break, 2/24.
        (datetime(2026, 2, 14, 17, 30), cn(2026, 2, 24, 8, 0)),
        # Wednesday 2026-09-30 18:00, before 国庆 (10/1..10/7): Thursday 10/8.
        (datetime(2026, 9, 30, 18, 0), cn(2026, 10, 8, 8, 0)),
        # Friday 2025-01-24 18:00: make-up Sunday 2025-01-26.
        (datetime(2025, 1, 24, 18, 0), cn(2025, 1, 26, 8, 0)),
        # From inside a break.
        (datetime(2025, 10, 4, 10, 0), cn(2025, 10, 9, 8, 0)),
    ],
)
def test_cal2_next_opening_across_breaks(
    shouzhan: WorkCalendar, moment: datetime, expected: datetime
) -> None:
    """CAL-2 with CAL-1: after closing before a break, the next working day's opening."""
    assert not shouzhan.is_open(moment)
    assert shouzhan.next_opening(moment) == expected


def test_cal3_next_opening_into_2027_is_refused(shouzhan: WorkCalendar) -> None:
    """CAL-3: the next opening after 2026-12-31's close lies in a provisional year."""
    with pytest.raises(ProvisionalCalendarError):
        shouzhan.next_opening(datetime(2026, 12, 31, 18, 0))
    provisional = shouzhan.allowing_provisional()
    opening = provisional.next_opening(datetime(2026, 12, 31, 18, 0))
    assert opening == cn(2027, 1, 4, 8, 0)
    assert provisional.is_provisional(opening.date())


# --- close of business and opening intervals ----------------------------------------------


def test_cal2_close_of_business(shouzhan: WorkCalendar, jianshe: WorkCalendar) -> None:
    """CAL-2: the end of the last session; a closed day gives the next working day's."""
    assert shouzhan.close_of_business(date(2026, 2, 13)) == cn(2026, 2, 13, 17, 30)
    assert shouzhan.close_of_business(date(2026, 2, 14)) == cn(2026, 2, 14, 17, 30)
    assert shouzhan.close_of_business(date(2026, 2, 15)) == cn(2026, 2, 24, 17, 30)
    assert jianshe.close_of_business(date(2026, 10, 3)) == cn(2026, 10, 8, 17, 30)
    assert shouzhan.close_of_business(date(2026, 2, 13)).tzinfo is CHINA_TZ


def test_cal2_close_of_business_of_a_deadline(shouzhan: WorkCalendar) -> None:
    """CAL-1/CAL-2: "within 3 working days" from Wednesday 9/30 ends at 17:30 on Saturday 10/10."""
    due = shouzhan.add_working_days(date(2026, 9, 30), 3)
    assert shouzhan.close_of_business(due) == cn(2026, 10, 10, 17, 30)


def test_cal2_opening_intervals(shouzhan: WorkCalendar) -> None:
    """CAL-2: the sessions of a working day as aware intervals; none on a closed day."""
    assert shouzhan.opening_intervals(date(2026, 2, 14)) == (
        (cn(2026, 2, 14, 8, 0), cn(2026, 2, 14, 12, 0)),
        (cn(2026, 2, 14, 14, 30), cn(2026, 2, 14, 17, 30)),
    )
    assert shouzhan.opening_intervals(date(2026, 2, 15)) == ()
    assert shouzhan.opening_intervals(date(2026, 3, 7)) == ()


# --- open time ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Across the lunch break: 11:00-12:00 and 14:30-15:00.
        (datetime(2026, 3, 3, 11, 0), datetime(2026, 3, 3, 15, 0), timedelta(hours=1.5)),
        # Entirely inside the lunch break.
        (datetime(2026, 3, 3, 12, 0), datetime(2026, 3, 3, 14, 30), timedelta()),
        # Across a weekend: Fri 16:00-17:30 and Mon 08:00-09:00.
        (datetime(2026, 3, 6, 16, 0), datetime(2026, 3, 9, 9, 0), timedelta(hours=2.5)),
        # Across 国庆: 9/30 16:00-17:30, 10/8 whole (7 h), 10/9 08:00-09:00.
        (datetime(2026, 9, 30, 16, 0), datetime(2026, 10, 9, 9, 0), timedelta(hours=9.5)),
        # A whole working week, midnight to midnight: 5 x 7 h.
        (datetime(2026, 3, 2), datetime(2026, 3, 9), timedelta(hours=35)),
        # Saturday 2/14 is a make-up day; the break after it adds nothing.
        (datetime(2026, 2, 14), datetime(2026, 2, 24), timedelta(hours=7)),
        # Empty or reversed interval.
        (datetime(2026, 3, 3, 10, 0), datetime(2026, 3, 3, 10, 0), timedelta()),
        (datetime(2026, 3, 4, 10, 0), datetime(2026, 3, 3, 10, 0), timedelta()),
        # Mixed naive (China) and aware (UTC): 10:00-11:00 China.
        (
            datetime(2026, 3, 3, 10, 0),
            datetime(2026, 3, 3, 3, 0, tzinfo=UTC),
            timedelta(hours=1),
        ),
    ],
)
def test_cal2_open_time_between(
    shouzhan: WorkCalendar, start: datetime, end: datetime, expected: timedelta
) -> None:
    """CAL-2: only office time counts; lunch breaks and closed days do not."""
    assert shouzhan.open_time_between(start, end) == expected


def test_cal2_open_time_up_to_new_year_midnight(shouzhan: WorkCalendar) -> None:
    """CAL-3: [.., 2027-01-01 00:00) touches no 2027 time, so it needs no 2027 schedule."""
    total = shouzhan.open_time_between(datetime(2026, 12, 31, 8, 0), datetime(2027, 1, 1))
    assert total == timedelta(hours=7)
    with pytest.raises(ProvisionalCalendarError):
        shouzhan.open_time_between(datetime(2026, 12, 31, 8, 0), datetime(2027, 1, 4, 9, 0))
