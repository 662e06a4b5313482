"""The agenda: every open matter, its due day and who bears it — computed by hand from the texts.

March 2026 has no holiday: Monday 3/2, 3/9, 3/16 … (CAL-1). Each matter's due day is the
one its rule's verdicts judge: the agenda and evaluate are checked against each other here
on hand-made logs, and over every built-in variant in tests/test_agenda_properties.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from bianmin_rules import (
    Agenda,
    AgendaItem,
    EvaluationError,
    Event,
    Horizon,
    Variant,
    VerdictKind,
    agenda,
    load_variant,
)
from tests.conftest import cited, events, make_variant, only_rules, run


def agenda_of(variant: Variant, log: list[Event], as_of: str, **options: Any) -> Agenda:
    return agenda(variant, log, as_of=date.fromisoformat(as_of), **options)


def of_rule(result: Agenda, rule: str) -> list[AgendaItem]:
    return [item for item in result.items if item.rule == rule]


def receive(case: str, at: str, case_type: str = "promised", **extra: Any) -> dict[str, Any]:
    return {"type": "case_received", "case": case, "at": at, "window": "W-land", "staff": "S-li",
            "case_type": case_type, **extra}


def step(kind: str, case: str, at: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "case": case, "at": at, "window": "W-land", "staff": "S-li", **extra}


@pytest.fixture(scope="module")
def county() -> Variant:
    """county-centre's case limits: TL-2 承诺件 with its TL-10 warning (二: "对每天各部门窗口的办理事项、办结时限 …
    进行动态管理"), and TL-3 受理通知书."""
    return only_rules(load_variant("county-centre"), "TL-2", "TL-3")


def promised(case: str = "C1", at: str = "2026-03-02T09:00", **extra: Any) -> list[dict[str, Any]]:
    """A promised case of 5 working days, its receipt notice given on the spot (TL-3 met)."""
    return [receive(case, at, promised_limit=5, **extra),
            step("receipt_notice_issued", case, at[:11] + "09:05", promised_date="2026-03-09")]


# TL-2 承诺件 (二、(二)3: 承诺件必须在公开承诺时间内办结), with the TL-10 threshold of 2 working days.


def test_a_promised_case_enters_the_agenda_two_working_days_before_its_due_day(county: Variant) -> None:
    """Received Monday 3/2 with 5 working days: due Monday 3/9. On Wednesday 3/4 three working days are
    left (3/5, 3/6, 3/9): beyond county-centre's TL-10 threshold of 2, counted but not listed. On
    Thursday 3/5 two are left: listed, as TL-10 warns of it the same day."""
    log = events(*promised())
    wednesday = agenda_of(county, log, "2026-03-04")
    assert (wednesday.items, wednesday.later, wednesday.within, wednesday.horizon) == ((), 1, 2, Horizon.WARNING)
    (item,) = agenda_of(county, log, "2026-03-05").items
    assert (item.rule, item.case, item.due, item.days_left, item.overdue) == ("TL-2", "C1", date(2026, 3, 9), 2, False)
    assert (item.window, item.staff, str(item.subject)) == ("W-land", "S-li", "staff:S-li")
    assert item.source.article == "二、(二)3；六、(二)" and "承诺件必须在公开承诺时间内办结" in item.source.quote
    assert (item.start, item.start_rule, item.limit.label()) == (date(2026, 3, 2), "受理之日", "5个工作日")
    assert item.explanation == (
        "承诺件应在承诺时限内办结。时限自受理之日（2026-03-02）起算5个工作日，届满日为2026-03-09；"
        "截至2026-03-05尚未完成，距届满还有2个工作日。"
    )
    (warning,) = run(county, log, "2026-03-05").verdicts
    assert (warning.rule, warning.kind, warning.case, warning.due) == ("TL-10", VerdictKind.WARNING, "C1", item.due)


def test_on_its_due_day_a_matter_is_due_today_and_the_next_working_day_late_by_one(county: Variant) -> None:
    """TL-2, TL-9: due Monday 3/9. That day: 0 days left, no violation. Tuesday 3/10: one working day
    late on the agenda and in the verdict alike."""
    log = events(*promised())
    (today,) = agenda_of(county, log, "2026-03-09").items
    assert (today.days_left, today.overdue, agenda_of(county, log, "2026-03-09").tally().due_today) == (0, False, 1)
    assert "今日届满" in today.explanation
    assert not run(county, log, "2026-03-09").violations()
    (late,) = agenda_of(county, log, "2026-03-10").items
    assert (late.days_left, late.overdue, late.late_unit.value) == (-1, True, "working_days")
    assert late.deadline is not None and late.deadline.days_late == 1
    (violation,) = run(county, log, "2026-03-10").violations()
    assert (violation.rule, violation.due, violation.days_late) == ("TL-2", date(2026, 3, 9), 1)


def test_a_case_completed_leaves_the_agenda(county: Variant) -> None:
    log = events(*promised(), step("case_completed", "C1", "2026-03-05T10:00"))
    assert agenda_of(county, log, "2026-03-05", within="all").items == ()
    assert agenda_of(county, log, "2026-03-04", within="all").items != ()


# TL-8 中止 and TL-5 延期: the adjusted due day, and why.


def test_a_suspended_case_is_held_without_a_due_day_and_says_since_when(county: Variant) -> None:
    """TL-8: suspended Wednesday 3/4, still suspended on Friday 3/6: no due day while the clock stands."""
    log = events(*promised(), step("case_suspended", "C1", "2026-03-04T10:00", reason="申请人补正现场条件"))
    (item,) = agenda_of(county, log, "2026-03-06").items
    assert (item.due, item.days_left, item.held_since, item.overdue) == (None, None, date(2026, 3, 4), False)
    assert item.adjusted == "原届满日为2026-03-09，2026-03-04起中止"
    assert "2026-03-04起中止，时限停止计算" in item.explanation
    assert agenda_of(county, log, "2026-03-06").tally().held == 1


def test_a_resumed_case_shows_its_due_day_moved_and_why(county: Variant) -> None:
    """TL-8: suspended 3/4, resumed Monday 3/9. One working day had run (3/3); the other four run from
    3/9 itself: 3/9, 3/10, 3/11, 3/12. Due Thursday 3/12, not 3/9; 3/4, 3/5 and 3/6 were not counted."""
    log = events(*promised(), step("case_suspended", "C1", "2026-03-04T10:00", reason="补正"),
                 step("case_resumed", "C1", "2026-03-09T09:00"))
    (item,) = agenda_of(county, log, "2026-03-10").items
    assert (item.due, item.days_left) == (date(2026, 3, 12), 2)
    assert item.adjusted == "原届满日为2026-03-09，2026-03-04中止、2026-03-09恢复，不计3个工作日"
    assert item.deadline is not None and item.deadline.base_due == date(2026, 3, 9)


def test_an_extended_case_shows_the_new_due_day_within_its_statutory_limit(county: Variant) -> None:
    """TL-5: extended on 3/6 to 10 working days (statutory 20): due 3/16 instead of 3/9."""
    log = events(*promised(statutory_limit=20),
                 step("extension_granted", "C1", "2026-03-06T16:00", reason="需组织专家评审", new_limit=10,
                      applicant_told_in_writing=True))
    assert agenda_of(county, log, "2026-03-11").items == ()  # 3/12, 3/13, 3/16: three working days left
    (item,) = agenda_of(county, log, "2026-03-12").items
    assert (item.due, item.days_left) == (date(2026, 3, 16), 2)
    assert item.adjusted == (
        "原届满日为2026-03-09，2026-03-06延期至10个工作日（届满日顺延），法定时限20个工作日届满日为2026-03-30")


# Notices, registrations, joint opinions.


def test_a_one_time_notice_owed_within_five_working_days() -> None:
    """OTN-3, jianshe-street 窗口服务规范 五: "确实不能当场告知的，应在5个工作日内一次性告知" —
    received 3/2 with materials missing: the written notice is due 3/9."""
    jianshe = only_rules(load_variant("jianshe-street"), "OTN-3")
    log = events(receive("C1", "2026-03-02T09:00", materials_complete=False, promised_limit=10))
    (item,) = agenda_of(jianshe, log, "2026-03-05").items
    assert (item.rule, item.due, item.days_left, item.action) == ("OTN-3", date(2026, 3, 9), 2, "一次性告知")
    assert item.source.article == "五"
    written = events(receive("C1", "2026-03-02T09:00", materials_complete=False, promised_limit=10),
                     step("missing_materials_notice", "C1", "2026-03-03T10:00", items=["营业执照副本"], written=True))
    assert agenda_of(jianshe, written, "2026-03-05").items == ()


def test_a_case_not_yet_entered_in_the_system_is_due_the_day_it_was_received() -> None:
    """REG-3, guangwu-street 第十六条 "受理申报材料后应立即 … 在行政审批系统中登记": same day; late the next."""
    guangwu = only_rules(load_variant("guangwu-street"), "REG-3")
    log = events(receive("C1", "2026-03-02T09:00", "immediate"))
    (today,) = agenda_of(guangwu, log, "2026-03-02").items
    (late,) = agenda_of(guangwu, log, "2026-03-03").items
    assert (today.due, today.days_left, late.days_left, late.overdue) == (date(2026, 3, 2), 0, -1, True)
    assert agenda_of(guangwu, events(receive("C1", "2026-03-02T09:00", "immediate"),
                                     step("case_registered", "C1", "2026-03-02T09:20")), "2026-03-03").items == ()


def test_a_joint_opinion_is_borne_by_the_window_it_was_forwarded_to() -> None:
    """JA-2, guangwu-street 第十六条 "联办件按并联审批要求办理": forwarded 3/2 to W-fire with 5 working days,
    the opinion is due 3/9, borne by W-fire (no staff member named until it decides)."""
    guangwu = only_rules(load_variant("guangwu-street"), "JA-2")
    log = events(receive("C1", "2026-03-02T09:00", "joint"),
                 step("joint_review_forwarded", "C1", "2026-03-02T10:00", to_window="W-fire", limit=5))
    (item,) = agenda_of(guangwu, log, "2026-03-05").items
    assert (item.window, item.staff, str(item.subject), item.due) == ("W-fire", None, "window:W-fire", date(2026, 3, 9))


# Inquiries, complaints, registers, leave.


def inquiry(*rows: dict[str, Any]) -> list[dict[str, Any]]:
    asked = {"type": "inquiry_received", "at": "2026-03-02T09:05", "inquiry": "Q-7", "window": "W-civil",
             "staff": "S-wang", "channel": "in_person", "remit": "centre"}
    return [asked, *rows]


def test_a_referred_inquiry_is_followed_up_every_five_working_days() -> None:
    """FIR-8, town-basic 三、(五)5 "首问责任人对转办的事情仍需进行督办，直到事情办理结束", with a centre's
    interval of 5 working days (the text states none): referred 3/2, followed up Friday 3/6: the next
    follow-up is due five working days after, 3/13."""
    town = make_variant(cited("referral-follow-up", "FIR-8", (
        "便民服务中心管理制度 1", "三、(五)5", "首问责任人对转办的事情仍需进行督办，直到事情办理结束"),
        channels=["in_person"], within=5))
    log = events(*inquiry(
        {"type": "inquiry_referred", "at": "2026-03-02T09:10", "inquiry": "Q-7", "staff": "S-wang",
         "to_window": "W-social", "to_staff": "S-zhou"},
        {"type": "inquiry_followed_up", "at": "2026-03-06T10:00", "inquiry": "Q-7", "staff": "S-wang"},
    ))
    (item,) = agenda_of(town, log, "2026-03-11").items
    assert (item.rule, item.inquiry, item.due, item.days_left) == ("FIR-8", "Q-7", date(2026, 3, 13), 2)
    assert (item.start_rule, item.staff, item.window) == ("上次督办之日", "S-wang", "W-civil")
    (violation,) = run(town, log, "2026-03-16").violations()
    assert (violation.rule, violation.due, violation.days_late) == ("FIR-8", item.due, 1)


def complaint(*rows: dict[str, Any]) -> list[dict[str, Any]]:
    received = {"type": "complaint_received", "at": "2026-03-02T10:00", "complaint": "K-12", "window": "W-complaints",
                "staff": "S-he", "form": "written", "category": "ordinary", "about_staff": "S-li",
                "about_window": "W-land", "complainant_name": "张三", "complainant_phone": "13800000000"}
    return [received, *rows]


@pytest.fixture(scope="module")
def jiangxi() -> Variant:
    """jiangxi-town 投诉处理 (2): answered within five working days, else explained and tracked (CMP-3, CMP-4)."""
    return only_rules(load_variant("jiangxi-town"), "CMP-3", "CMP-4")


def test_a_complaint_answer_is_due_five_working_days_after_receipt(jiangxi: Variant) -> None:
    """CMP-3: received 3/2, "在受理之日起五个工作日内向投诉人作出答复": due 3/9, borne by S-he who accepted it.
    Nothing of the complainant appears (CMP-7)."""
    result = agenda_of(jiangxi, events(*complaint()), "2026-03-05")
    (item,) = result.items
    assert (item.rule, item.complaint, item.due, item.staff, item.window) == (
        "CMP-3", "K-12", date(2026, 3, 9), "S-he", "W-complaints")
    assert "张三" not in result.model_dump_json() and "13800000000" not in result.model_dump_json()


def test_a_complaint_explained_in_time_is_tracked_to_its_new_date(jiangxi: Variant) -> None:
    """CMP-4 "因特殊原因 … 应及时向投诉人说明情况，并负责追踪处理": explained 3/6 with a new date of 3/20.
    On 3/12 the answer is not late under CMP-3 (explained in time); CMP-4 holds it to 3/20."""
    log = events(*complaint({"type": "complaint_delay_explained", "at": "2026-03-06T11:00", "complaint": "K-12",
                             "staff": "S-he", "new_date": "2026-03-20"}))
    (item,) = agenda_of(jiangxi, log, "2026-03-12", within="all").items
    assert (item.rule, item.due, item.days_left, item.start_rule) == ("CMP-4", date(2026, 3, 20), 6, "说明情况之日")
    assert not run(jiangxi, log, "2026-03-12").violations()


def test_next_day_on_a_friday_is_monday() -> None:
    """CMP-1, town-basic 七、3 "当日或次日": received Friday 3/6, 次日 is Saturday; the limit ends on the next
    working day, Monday 3/9 (民法典 第二百零三条, ``roll_past_holidays``)."""
    town = only_rules(load_variant("town-basic"), "CMP-1")
    log = events({**complaint()[0], "at": "2026-03-06T15:00"})
    (item,) = agenda_of(town, log, "2026-03-06").items
    assert (item.due, item.days_left, item.late_unit.value) == (date(2026, 3, 9), 1, "working_days")
    assert "次日（2026-03-07）不是工作日，顺延至下一个工作日（民法典第二百零三条），届满日为2026-03-09；" in (
        item.explanation)
    (verdict,) = run(town, log, "2026-03-10").violations()
    assert verdict.explanation.split("起算")[1].split("；")[0] in item.explanation  # the verdict's words for the count


def test_the_monthly_report_of_a_month_that_has_ended_is_due_by_the_seventh() -> None:
    """REG-2, town-basic 九、1 "每月7日前各村代理员向中心报送办件记录": A-dongcun reported February on 3/6;
    on 3/31 March's report is owed by 4/7."""
    town = only_rules(load_variant("town-basic"), "REG-2")
    log = events({"type": "register_reported", "at": "2026-03-06T16:00", "staff": "A-dongcun", "act": "monthly_report",
                  "covers": "2026-02-01", "role": "village_agent"})
    (item,) = agenda_of(town, log, "2026-03-31", within="all").items
    assert (item.rule, item.due, item.staff, item.start, item.start_rule) == (
        "REG-2", date(2026, 4, 7), "A-dongcun", date(2026, 3, 31), "当月最后一日")
    assert agenda_of(town, log, "2026-03-30", within="all").items == ()  # March has not ended


def test_a_leave_not_yet_approved_is_due_by_its_first_day() -> None:
    """LV-2, town-basic 二、(一)3 "未履行请假手续的一律作旷工处理": asked 3/3 for Thursday 3/5. Due 3/5, borne
    by S-wang; approved 3/4, it leaves the agenda. Unapproved on Monday 3/9, it is four calendar days late,
    as the verdict counts (LV-2 counts calendar days)."""
    town = only_rules(load_variant("town-basic"), "LV-2")
    asked = {"type": "leave_requested", "at": "2026-03-03T16:00", "staff": "S-wang", "window": "W-market",
             "leave": "L-1", "leave_type": "personal", "start": "2026-03-05T08:00", "end": "2026-03-05T17:30"}
    (item,) = agenda_of(town, events(asked), "2026-03-03").items
    assert (item.rule, item.due, item.days_left, item.staff, item.window) == (
        "LV-2", date(2026, 3, 5), 2, "S-wang", "W-market")
    approved = {"type": "leave_approved", "at": "2026-03-04T09:00", "staff": "S-wang", "leave": "L-1",
                "approver_role": "镇长"}
    assert agenda_of(town, events(asked, approved), "2026-03-04").items == ()
    (late,) = agenda_of(town, events(asked), "2026-03-09").items
    (violation,) = run(town, events(asked), "2026-03-09").violations()
    assert (late.days_left, late.late_unit.value, violation.days_late) == (-4, "calendar_days", 4)


# The horizon, the order, bad input.


def test_a_variant_without_tl10_lists_two_working_days_ahead_and_says_so() -> None:
    town = load_variant("town-basic")
    result = agenda_of(town, [], "2026-03-31")
    assert (result.within, result.horizon) == (2, Horizon.DEFAULT)
    assert (agenda_of(town, [], "2026-03-31", within=0).horizon, agenda_of(town, [], "2026-03-31", within="all").within
            ) == (Horizon.GIVEN, None)


@pytest.mark.parametrize("within", [-1, 367])
def test_a_horizon_out_of_bounds_is_one_clear_error(within: int) -> None:
    with pytest.raises(EvaluationError, match=f"within must be from 0 to 366 working days, or 'all', not {within}$"):
        agenda_of(load_variant("town-basic"), [], "2026-03-31", within=within)


@pytest.mark.parametrize(("within", "shown"), [("soon", "str ('soon')"), (True, "bool (True)"), (1.5, "float (1.5)")])
def test_a_horizon_of_the_wrong_type_is_a_wrong_call(within: Any, shown: str) -> None:
    expected = f"within must be a number of working days (int), 'all' or None, not {shown}"
    with pytest.raises(TypeError, match=re.escape(expected)):
        agenda_of(load_variant("town-basic"), [], "2026-03-31", within=within)


def test_the_agenda_checks_its_arguments_as_evaluate_does() -> None:
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        agenda(load_variant("town-basic"), [], as_of="2026-03-31")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="events must be an iterable of events"):
        agenda(load_variant("town-basic"), None, as_of=date(2026, 3, 31))  # type: ignore[arg-type]


def test_matters_are_grouped_by_window_and_staff_late_first_then_by_due_day(county: Variant) -> None:
    """Three cases of S-li (due 3/9, 3/11 and, held, none), one of S-zhao at W-fire, one received by nobody named."""
    log = events(
        *promised("C1", "2026-03-04T09:00"),  # due 3/11
        *promised("C2", "2026-03-02T09:00"),  # due 3/9: late on 3/10
        *promised("C3", "2026-03-02T09:00"), step("case_suspended", "C3", "2026-03-03T09:00", reason="补正"),
        {**receive("C4", "2026-03-04T09:00", promised_limit=5), "window": "W-fire", "staff": "S-zhao"},
        step("receipt_notice_issued", "C4", "2026-03-04T09:05", promised_date="2026-03-11"),
    )
    result = agenda_of(county, log, "2026-03-10", within="all")
    assert [(item.window, item.staff, item.case) for item in result.items] == [
        ("W-fire", "S-zhao", "C4"), ("W-land", "S-li", "C2"), ("W-land", "S-li", "C1"), ("W-land", "S-li", "C3"),
    ]
    assert [key for key, _ in result.groups()] == [("W-fire", "S-zhao"), ("W-land", "S-li")]
    assert result.tally() == (1, 0, 2, 1) and [i.case for i in result.overdue()] == ["C2"]


def grouped_log() -> list[Event]:
    return events(
        *promised("C1", "2026-03-04T09:00"),  # due 3/11
        *promised("C2", "2026-03-02T09:00"),  # due 3/9: late on 3/10
        {**receive("C4", "2026-03-04T09:00", promised_limit=5), "window": "W-fire", "staff": "S-zhao"},
        step("receipt_notice_issued", "C4", "2026-03-04T09:05", promised_date="2026-03-11"),
    )


def test_a_staff_members_own_list_and_a_windows(county: Variant) -> None:
    """S-li's morning: C2 late, C1 due 3/11; not S-zhao's C4. W-fire's: C4 alone; the matters left out are not
    counted as due later."""
    mine = agenda_of(county, grouped_log(), "2026-03-10", staff="S-li")
    assert ([item.case for item in mine.items], mine.staff, mine.window) == (["C2", "C1"], "S-li", None)
    fire = agenda_of(county, grouped_log(), "2026-03-10", window="W-fire", within=0)
    assert ([item.case for item in fire.items], fire.later) == ([], 1)
    assert [item.case for item in agenda_of(county, grouped_log(), "2026-03-10", window="W-land",
                                           staff="S-zhao").items] == []


@pytest.mark.parametrize(("who", "said"), [({"staff": "S-nobody"}, "staff 'S-nobody'"),
                                           ({"window": "W-none"}, "window 'W-none'")])
def test_a_window_or_staff_member_the_log_never_names_is_an_error(
    county: Variant, who: dict[str, str], said: str,
) -> None:
    """An empty list would pass for a clear morning: a name no event carries is refused, as explain refuses it."""
    with pytest.raises(EvaluationError, match=f"^no event of the log names {said}$"):
        agenda_of(county, grouped_log(), "2026-03-10", **who)


def test_events_after_the_day_are_left_out_and_counted(county: Variant) -> None:
    log = events(*promised(), step("case_completed", "C1", "2026-03-12T10:00"))
    result = agenda_of(county, log, "2026-03-10")
    assert (len(result.items), result.events_read, result.events_after_as_of) == (1, 2, 1)


def test_the_agenda_reads_back_from_its_json(county: Variant) -> None:
    result = agenda_of(county, events(*promised()), "2026-03-10")
    assert Agenda.model_validate_json(result.model_dump_json()) == result


def test_a_case_the_log_never_received_is_noted(county: Variant) -> None:
    result = agenda_of(county, events(step("case_completed", "C9", "2026-03-05T10:00")), "2026-03-10")
    assert result.items == () and result.notes == ("办件 C9：日志中没有收件记录，无法检查其时限（事件 e1 等）。",)
