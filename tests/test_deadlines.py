"""The deadline model (TL-4, TL-5, TL-6, TL-8, CAL-1), counted by hand on the 2026 calendar.

2026: the Spring Festival break runs 2/15–2/23 with make-up working Saturdays 2/14 and
2/28; Mid-Autumn 9/25–9/27; National Day 10/1–10/7 with make-up days Sunday 9/20 and
Saturday 10/10.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from bianmin_rules import WorkCalendar
from bianmin_rules.core.deadlines import (
    SAME_DAY,
    Clock,
    ExtensionRequest,
    ExtensionStatus,
    Limit,
    LimitUnit,
    Pause,
    TimeLimit,
    count_due,
    days_late,
    fraction_of,
    limit_to_date,
    working_days,
)

CAL = WorkCalendar.china()


def wd(n: int) -> TimeLimit:
    return TimeLimit(amount=n)


def test_cal1_start_day_not_counted_across_spring_festival() -> None:
    """CAL-1: 5 working days from Tuesday 2026-02-10 are 2/11, 2/12, 2/13, 2/14 (make-up), 2/24."""
    assert count_due(wd(5), date(2026, 2, 10), CAL) == date(2026, 2, 24)


def test_receipt_day_counted_when_the_start_rule_says_so() -> None:
    """自受理之日起 (ClockStart.RECEIPT): the receipt day 2/10 is the first of the 5, so 2/14 is the last."""
    assert count_due(wd(5), date(2026, 2, 10), CAL, counts_start_day=True) == date(2026, 2, 14)


def test_same_day_and_next_day_limits() -> None:
    """当天 ends on the start day; 次日 is the next calendar day, rolled past a closed day (民法典 第二百零三条)."""
    assert count_due(TimeLimit(amount=0, unit=LimitUnit.SAME_DAY), date(2026, 2, 13), CAL) == date(2026, 2, 13)
    assert count_due(TimeLimit(unit=LimitUnit.NEXT_DAY), date(2026, 9, 30), CAL) == date(2026, 10, 8)
    literal = TimeLimit(unit=LimitUnit.NEXT_DAY, roll_past_holidays=False)
    assert count_due(literal, date(2026, 9, 30), CAL) == date(2026, 10, 1)


def test_one_week_over_national_day_rolls_to_the_next_working_day() -> None:
    """一周: 2026-09-30 + 7 days is 10/7, a holiday, so the limit ends on Thursday 10/8."""
    assert count_due(TimeLimit(amount=1, unit=LimitUnit.WEEK), date(2026, 9, 30), CAL) == date(2026, 10, 8)


def test_tl8_suspension_across_spring_festival_holds_back_its_working_days() -> None:
    """TL-8 (jiangxi-town 并联审批 5): received 2/10, 5 working days; suspended 2/12, resumed 2/25.

    Before the suspension one working day ran (2/11). 2/12, 2/13, 2/14 and 2/24 are not
    counted (4 working days); from the resumption 2/25 the other 4 run: 2/25, 2/26,
    2/27 and the make-up Saturday 2/28.
    """
    clock = Clock(wd(5), date(2026, 2, 10), "受理之日", pauses=(Pause(date(2026, 2, 12), date(2026, 2, 25)),))
    schedule = clock.settle(CAL)
    assert (schedule.base_due, schedule.due) == (date(2026, 2, 24), date(2026, 2, 28))
    (pause,) = schedule.suspensions
    assert pause.days_not_counted == 4


def test_tl8_suspension_on_the_due_day_leaves_the_resumption_day() -> None:
    """TL-8: suspended on the due day itself (2/24), resumed 3/2: the limit ends on the day of resumption."""
    clock = Clock(wd(5), date(2026, 2, 10), "受理之日", pauses=(Pause(date(2026, 2, 24), date(2026, 3, 2)),))
    assert clock.settle(CAL).due == date(2026, 3, 2)


def test_tl8_open_suspension_stops_the_clock_and_a_later_one_changes_nothing() -> None:
    """TL-8: while suspended, there is no due date; a suspension after the due date does not move it."""
    stopped = Clock(wd(5), date(2026, 3, 2), "受理之日", pauses=(Pause(date(2026, 3, 4), None),))
    assert stopped.settle(CAL).due is None
    after = Clock(wd(5), date(2026, 3, 2), "受理之日", pauses=(Pause(date(2026, 3, 12), date(2026, 3, 20)),))
    schedule = after.settle(CAL)
    assert schedule.due == date(2026, 3, 9)
    assert schedule.suspensions[0].days_not_counted == 0


def test_tl8_several_suspensions_add_up() -> None:
    """TL-8, any number of times: 10 working days from Monday 3/2 (due 3/16); 3/4–3/6 (2) and 3/10–3/11 (1) → 3/19."""
    pauses = (Pause(date(2026, 3, 4), date(2026, 3, 6)), Pause(date(2026, 3, 10), date(2026, 3, 11)))
    schedule = Clock(wd(10), date(2026, 3, 2), "受理之日", pauses=pauses).settle(CAL)
    assert schedule.due == date(2026, 3, 19)
    assert [p.days_not_counted for p in schedule.suspensions] == [2, 1]


@pytest.mark.parametrize(("granted", "new_limit", "due", "status"), [
    (date(2026, 9, 24), 25, date(2026, 10, 16), ExtensionStatus.CAPPED),
    (date(2026, 9, 24), 15, date(2026, 10, 10), ExtensionStatus.APPLIED),
    (date(2026, 9, 29), 15, date(2026, 9, 28), ExtensionStatus.TOO_LATE),
])
def test_tl5_extension_over_national_day(granted: date, new_limit: int, due: date, status: ExtensionStatus) -> None:
    """TL-5 (jiangxi-town 按时办结 3): received Monday 2026-09-14, promised 10 working days, statutory 20.

    10 working days: 9/15–9/18, the make-up Sunday 9/20, 9/21–9/24, then 9/28 (9/25 is
    Mid-Autumn). 20 working days go on: 9/29, 9/30, 10/8, 10/9, the make-up Saturday
    10/10 (the 15th), 10/12–10/16. Extended on 9/24 to 25 working days (10/23), the due
    date stops at the statutory 10/16; to 15, it moves to 10/10. Granted on 9/29, after
    the due day 9/28, an extension does not move it.
    """
    clock = Clock(wd(10), date(2026, 9, 14), "受理之日", extensions=(ExtensionRequest(granted, wd(new_limit)),),
                  statutory=wd(20))
    schedule = clock.settle(CAL)
    assert (schedule.base_due, schedule.statutory_due) == (date(2026, 9, 28), date(2026, 10, 16))
    assert (schedule.due, schedule.extensions[0].status) == (due, status)


def test_tl6_green_channel_fraction_rounds_down() -> None:
    """TL-6: half of 20 working days is 10; half of 15 is 7 (rounded down, so never more than half)."""
    assert fraction_of(wd(20), Decimal("0.5")) == wd(10)
    assert fraction_of(wd(15), Decimal("0.5")) == wd(7)
    same_day = TimeLimit(amount=0, unit=LimitUnit.SAME_DAY)
    assert fraction_of(same_day, Decimal("0.5")) == same_day


def test_calendar_day_suspension_counts_calendar_days() -> None:
    """TL-8, calendar days: 10 days from 3/2 end 3/12; 3/5–3/8 holds back 3 → 3/15, a Sunday, so 3/16."""
    limit = TimeLimit(amount=10, unit=LimitUnit.CALENDAR_DAYS)
    held = (Pause(date(2026, 3, 5), date(2026, 3, 8)),)
    schedule = Clock(limit, date(2026, 3, 2), "受理之日", pauses=held).settle(CAL)
    assert schedule.due == date(2026, 3, 16)
    assert schedule.suspensions[0].days_not_counted == 3


# -- properties -------------------------------------------------------------------------------

ANY_YEAR = WorkCalendar.china(allow_provisional=True)
"""Properties hold in provisional years too; long limits drawn late in 2026 reach into 2027."""
START = date(2025, 1, 1)
days = st.integers(min_value=0, max_value=500).map(lambda n: START + timedelta(days=n))
limits = st.builds(
    TimeLimit, amount=st.integers(min_value=0, max_value=40),
    unit=st.sampled_from([LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.WEEK, LimitUnit.NEXT_DAY,
                          LimitUnit.SAME_DAY]),
)


@st.composite
def pauses(draw: st.DrawFn) -> tuple[Pause, ...]:
    found = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        first = draw(days)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30)))
        found.append(Pause(first, None if length is None else first + timedelta(days=length)))
    return tuple(found)


@settings(max_examples=150, deadline=None)
@given(limit=limits, start=days, held=pauses())
def test_property_tl8_a_suspension_never_makes_a_case_due_earlier(
    limit: TimeLimit, start: date, held: tuple[Pause, ...]
) -> None:
    """TL-8: whatever the suspensions, the due date is never earlier than without them (None: still stopped)."""
    plain = count_due(limit, start, ANY_YEAR)
    paused = count_due(limit, start, ANY_YEAR, held)
    assert plain is not None
    assert paused is None or paused >= plain


@settings(max_examples=150, deadline=None)
@given(limit=limits, statutory=limits, new=limits, start=days, granted=st.integers(min_value=0, max_value=60),
       held=pauses())
def test_property_tl5_an_extension_never_carries_the_due_date_past_the_cap(
    limit: TimeLimit, statutory: TimeLimit, new: TimeLimit, start: date, granted: int, held: tuple[Pause, ...]
) -> None:
    """TL-5: after any extension the due date is the base one, or within the statutory cap; going past it is flagged."""
    request = ExtensionRequest(start + timedelta(days=granted), new)
    clock = Clock(limit, start, "受理之日", pauses=held, extensions=(request,), statutory=statutory)
    schedule = clock.settle(ANY_YEAR)
    (extension,) = schedule.extensions
    base = clock.due_of(limit, ANY_YEAR)
    if schedule.due is not None and schedule.statutory_due is not None and schedule.due != base:
        assert schedule.due <= schedule.statutory_due
    wanted = clock.due_of(new, ANY_YEAR)
    over = wanted is not None and schedule.statutory_due is not None and wanted > schedule.statutory_due
    if over and extension.status is not ExtensionStatus.TOO_LATE:
        assert extension.status is ExtensionStatus.CAPPED


# What a wrong rule in the deadline machinery would change: each test names the outcome it fixes (March 2026:
# Monday 3/2, Friday 3/6, Saturday 3/7, Monday 3/9; Saturday 3/21, Monday 3/23).

MON, TUE, WED, THU, FRI, SAT, NEXT_MON = (date(2026, 3, d) for d in (2, 3, 4, 5, 6, 7, 9))


def test_cmp1_next_day_falling_on_saturday_rolls_to_monday_and_the_due_words_say_why() -> None:
    """CMP-1 "次日" from Friday 3/6 is Saturday 3/7, not a working day: it ends Monday 3/9 (民法典第二百零三条)."""
    limit = TimeLimit(unit=LimitUnit.NEXT_DAY)
    assert (limit.label(), limit.due_date(FRI, CAL), limit.closed_end(FRI, CAL)) == ("次日", NEXT_MON, SAT)
    assert str(limit.due_words(FRI, NEXT_MON, CAL)) == (
        "次日（2026-03-07）不是工作日，顺延至下一个工作日（民法典第二百零三条），届满日为2026-03-09")


def test_fifteen_calendar_days_ending_on_a_saturday_end_on_monday_unless_the_limit_does_not_roll() -> None:
    """15日 from Friday 3/6 ends Saturday 3/21, rolled to Monday 3/23 (not Tuesday); a limit that does not roll
    ends on the Saturday itself, and a working-day limit never ends on a closed day."""
    rolling = TimeLimit(amount=15, unit=LimitUnit.CALENDAR_DAYS)
    assert (rolling.due_date(FRI, CAL), rolling.closed_end(FRI, CAL)) == (date(2026, 3, 23), date(2026, 3, 21))
    assert str(rolling.due_words(FRI, date(2026, 3, 23), CAL)).startswith("15日的最后一日（2026-03-21）不是工作日")
    fixed = TimeLimit(amount=15, unit=LimitUnit.CALENDAR_DAYS, roll_past_holidays=False)
    assert (fixed.due_date(FRI, CAL), fixed.closed_end(FRI, CAL)) == (date(2026, 3, 21), None)
    assert str(fixed.due_words(FRI, date(2026, 3, 21), CAL)) == "届满日为2026-03-21"
    assert TimeLimit(amount=5).closed_end(FRI, CAL) is None
    assert TimeLimit(amount=17, unit=LimitUnit.CALENDAR_DAYS).closed_end(FRI, CAL) is None  # Monday 3/23


def test_same_day_ends_on_the_day_itself_even_a_closed_one() -> None:
    """当天: a duty arising on Saturday 3/7 is due that Saturday; the limit reads 当天, not 0当天."""
    assert (SAME_DAY.due_date(SAT, CAL), SAME_DAY.label(), SAME_DAY.closed_end(SAT, CAL)) == (SAT, "当天", None)


def test_tl3_a_promised_date_is_due_on_that_day_even_a_saturday() -> None:
    """TL-3: a receipt notice promising Saturday 3/7 is due on 3/7 (the promise names the day, it does not roll);
    a promise of the day of receipt is due that day."""
    assert limit_to_date(MON, SAT).due_date(MON, CAL) == SAT
    assert limit_to_date(MON, MON).due_date(MON, CAL) == MON


def test_tl9_done_on_or_before_the_due_day_is_not_late() -> None:
    """TL-9: finished on the due day or before it, 0 days late; the Monday after a Friday due day, 1 working day."""
    assert [days_late(FRI, actual, LimitUnit.WORKING_DAYS, CAL) for actual in (THU, FRI, NEXT_MON)] == [0, 0, 1]
    assert days_late(FRI, NEXT_MON, LimitUnit.CALENDAR_DAYS, CAL) == 3


def test_a_negative_limit_is_refused_naming_its_amount() -> None:
    """A bare number of working days below zero is an error on `amount` (≥ 0), as a TimeLimit's own would be."""
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(Limit).validate_python(-1)
    (error,) = refused.value.errors()
    assert (error["loc"], error["type"]) == (("amount",), "greater_than_equal")


def test_cal1_counted_from_the_day_of_receipt_itself() -> None:
    """ClockStart.RECEIPT ("自受理之日起"): 3 working days from Monday 3/2 end Wednesday 3/4, settled or not;
    suspended Tuesday to Thursday (TL-8), they end Friday 3/6, and the suspension held back 2 working days."""
    clock = Clock(working_days(3), MON, "受理之日", counts_start_day=True)
    assert clock.due(CAL) == WED and clock.settle(CAL)[:2] == (WED, WED)
    paused = clock._replace(pauses=(Pause(TUE, THU),))
    schedule = paused.settle(CAL)
    assert (schedule.base_due, schedule.due, paused.due(CAL)) == (WED, FRI, FRI)
    assert [s.days_not_counted for s in schedule.suspensions] == [2]
    on_receipt = clock._replace(pauses=(Pause(MON, WED),))
    assert [s.days_not_counted for s in on_receipt.settle(CAL).suspensions] == [2]  # Monday and Tuesday


def test_tl8_a_suspension_from_the_day_of_receipt_holds_back_only_days_the_clock_counts() -> None:
    """TL-8, CAL-1: counted from the day after receipt, a suspension from Monday (receipt) to Wednesday holds back
    Tuesday only: 3 working days end Friday 3/6, not Thursday."""
    clock = Clock(working_days(3), MON, "受理之日", pauses=(Pause(MON, WED),))
    schedule = clock.settle(CAL)
    assert schedule.due == FRI and [s.days_not_counted for s in schedule.suspensions] == [1]


def test_tl8_a_suspension_over_a_weekend_holds_back_no_working_day() -> None:
    """TL-8: suspended Saturday, resumed Monday: no working day held back; the due date does not move."""
    clock = Clock(working_days(5), MON, "受理之日", pauses=(Pause(SAT, NEXT_MON),))
    schedule = clock.settle(CAL)
    assert schedule.due == NEXT_MON and [s.days_not_counted for s in schedule.suspensions] == [0]


def test_tl8_a_suspension_over_before_the_clock_ran_does_not_hide_the_next() -> None:
    """TL-8: a suspension that ended before receipt is passed over; the one after it still holds the clock back
    (Tuesday and Wednesday: 3 working days end Monday 3/9). One that began before receipt holds back only the
    days after it."""
    early = Pause(date(2026, 2, 25), date(2026, 2, 27))
    clock = Clock(working_days(3), MON, "受理之日", pauses=(early, Pause(TUE, THU)))
    assert clock.settle(CAL).due == NEXT_MON
    straddling = Clock(working_days(3), MON, "受理之日", pauses=(Pause(date(2026, 2, 27), WED),))
    assert straddling.settle(CAL).due == FRI


def test_tl5_extensions_apply_in_the_order_granted_and_one_on_the_due_day_is_in_time() -> None:
    """TL-5: 3 working days from Monday are due Thursday 3/5. An extension to 5 granted on Thursday (the due day
    itself) applies: due Monday 3/9; one granted on Tuesday 3/10, after that, is too late — whatever order the log
    gives them in. An extension to exactly the statutory limit applies; past it, it is capped."""
    late_one = ExtensionRequest(date(2026, 3, 10), working_days(10))
    in_time = ExtensionRequest(THU, working_days(5))
    clock = Clock(working_days(3), MON, "受理之日", extensions=(late_one, in_time), statutory=working_days(5))
    schedule = clock.settle(CAL)
    assert [(e.granted, e.status) for e in schedule.extensions] == [
        (THU, ExtensionStatus.APPLIED), (date(2026, 3, 10), ExtensionStatus.TOO_LATE)]
    assert schedule.due == NEXT_MON and clock.due(CAL) == NEXT_MON
    trace = clock.trace(schedule, actual=date(2026, 3, 10), days_late=1, late_unit=LimitUnit.WORKING_DAYS)
    assert (trace.actual, trace.statutory_due, trace.base_due) == (date(2026, 3, 10), NEXT_MON, THU)


def test_tl5_the_statutory_due_date_is_worked_out_only_for_an_extension() -> None:
    """TL-5: without an extension the statutory limit caps nothing; the trace shows no statutory due date."""
    clock = Clock(working_days(3), MON, "受理之日", pauses=(Pause(TUE, WED),), statutory=working_days(5))
    assert clock.settle(CAL).statutory_due is None
