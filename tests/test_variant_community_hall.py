"""The built-in community-hall variant (source text 001): its numbers against the text, by hand.

March 2026: Monday 3/2 … Friday 3/6, Saturday 3/7 and Sunday 3/8 closed, Monday 3/9.
The library's default office hours apply (09:00–12:00, 13:30–17:30: seven hours a day).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import Variant, VerdictKind, load_variant
from bianmin_rules.families.leave.policies import LeaveApproval, Span
from bianmin_rules.families.notification.policies import RepeatTrips
from tests.conftest import events, run
from tests.staff_log import approve, finding, leave
from tests.variant_logs import evaluate_example_and_synthetic


@pytest.fixture(scope="module")
def hall() -> Variant:
    return load_variant("community-hall")


def policy_of(variant: Variant, policy_id: str) -> Any:
    (found,) = (p for p in variant.policies if p.id == policy_id)
    return found


def rules_of(report: Any, *rules: str) -> list[tuple[str, str]]:
    return [(v.kind.value, v.explanation) for v in report.verdicts if v.rule in rules]


def test_case_types_are_the_three_kinds_of_matter(hall: Variant) -> None:
    """CASE-2 (意见 三、5): 代办事项, 初审上报事项, 咨询服务事项 — no date of effect, default office hours."""
    assert hall.case_types == {"promised": "代办事项", "reported": "初审上报事项", "reply": "咨询服务事项"}
    assert hall.effective is None
    assert all(p.id for p in hall.policies)


def test_otn5_numbers_two_trips_and_travel_reimbursed(hall: Variant) -> None:
    """OTN-5 (一次性告知制度 五): "致使服务对象跑二趟……承办人应赔偿服务对象的往返交通费"."""
    trips = policy_of(hall, "repeat-trips")
    assert isinstance(trips, RepeatTrips)
    assert (trips.min_trips, trips.reimburse_travel, trips.points, trips.fine) == (2, True, 0, 0)


def test_otn5_the_second_trip_costs_the_handler_the_fares_not_a_fine(hall: Variant) -> None:
    """OTN-5, SC-9: received 3/2, the applicant came back 3/4 for want of a notice (fares 12.50 yuan):
    the handler owes 12.50 yuan to the applicant; no fine, no points."""
    log = events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "用水", "staff": "S1",
         "case_type": "promised", "promised_limit": 5},
        {"type": "applicant_returned", "case": "C1", "at": "2026-03-04T09:00", "staff": "S1", "cause": "no_notice",
         "travel_cost": "12.50"},
    )
    (verdict,) = (v for v in run(hall, log, "2026-03-31").verdicts if v.rule == "OTN-5")
    assert (verdict.reimbursement, verdict.fine, verdict.points) == (Decimal("12.50"), 0, 0)
    assert "承办人应赔偿往返交通费12.50元" in verdict.explanation


def charged(report: Any, *rules: str) -> list[tuple[str, str]]:
    return [(v.rule, str(v.subject)) for v in report.violations() if v.rule in rules]


def inquiry(*steps: dict[str, Any]) -> list[Any]:
    """A visitor's inquiry Q1 at W1 on Monday 3/2, outside S1's remit, and what followed."""
    return events({"type": "inquiry_received", "at": "2026-03-02T10:00", "inquiry": "Q1", "channel": "in_person",
                   "remit": "centre", "window": "W1", "staff": "S1"},
                  *({"inquiry": "Q1", "staff": "S1", **step} for step in steps))


def test_fir2_fir3_a_matter_outside_ones_remit_is_told_where_to_go_never_pushed_away(hall: Variant) -> None:
    """一次性告知制度 二 ("不属于本人业务范围的，要明确告知他人应找哪个部门或哪位同志办理") and 三 ("不能一推了之"):
    referred the same day to W2 by name — done; a referral naming no one is no guidance (FIR-2, from 3/3); a
    refusal, whatever its words, is "一推了之" (FIR-3)."""
    named = inquiry({"type": "inquiry_referred", "at": "2026-03-02T10:05", "to_window": "W2"})
    assert charged(run(hall, named, "2026-03-31"), "FIR-2", "FIR-3") == []
    vague = inquiry({"type": "inquiry_referred", "at": "2026-03-02T10:05"})
    assert charged(run(hall, vague, "2026-03-31"), "FIR-2", "FIR-3") == [("FIR-2", "staff:S1")]
    pushed = inquiry({"type": "inquiry_refused", "at": "2026-03-02T10:05", "words": "去别处问吧"},
                     {"type": "inquiry_referred", "at": "2026-03-02T10:06", "to_window": "W2"})
    assert charged(run(hall, pushed, "2026-03-31"), "FIR-2", "FIR-3") == [("FIR-3", "staff:S1")]


def test_lv1_second_part_table_and_its_missing_third_case(hall: Variant) -> None:
    """LV-1 (第二篇 一、(二)): "分以下三种情况" lists two — up to 1 day, then over 1 up to 2 days; over 2 is a gap."""
    table = policy_of(hall, "leave-approval")
    assert isinstance(table, LeaveApproval)
    assert [(b.up_to, b.over, b.approvers) for b in table.table] == [
        (1, None, ("窗口负责人",)), (2, 1, ("窗口负责人", "分管领导"))]
    assert table.gaps() == [Span(Decimal(2), False, None, False)]


def approved_leave(start: str, end: str, *roles: str) -> list[Any]:
    rows = [leave("L1", start, end, at="2026-03-01T09:00", substitute="S2"),
            *(approve("L1", f"2026-03-01T1{i}:00", role, final=i == len(roles) - 1) for i, role in enumerate(roles))]
    return events(*rows)


def test_lv1_a_day_and_a_half_needs_the_leader_too(hall: Variant) -> None:
    """LV-1 (第二篇 一、(二)2): 3/2 all day and 3/3 morning — 7 + 3 office hours of 7 = 1.43 days — by
    窗口负责人 alone: 分管领导 must approve as well."""
    report = run(hall, approved_leave("2026-03-02T09:00", "2026-03-03T12:00", "窗口负责人"), "2026-03-31")
    assert rules_of(report, "LV-1") == [
        ("violation", "请假L1共1.43天，应由窗口负责人 → 分管领导审批，实际审批为窗口负责人。")]


def test_lv1_three_days_fall_in_the_gap_and_are_not_guessed(hall: Variant) -> None:
    """LV-1: 3/2–3/4 is 3 days; the text names no approver over 2 days — a warning naming the gap."""
    report = run(hall, approved_leave("2026-03-02T09:00", "2026-03-04T17:30", "窗口负责人", "分管领导"),
                 "2026-03-31")
    assert rules_of(report, "LV-1") == [
        ("warning", "请假L1共3天，落在审批权限表未规定的区间（超过2天）：制度未规定由谁审批，不作判断。")]


THIRD_PART = """
extends = "community-hall"
name = "accounting-hall"
title = "核算中心综合服务大厅"

[[policies]]
id = "leave-approval"
table = [
    { up_to = 0.5, approvers = ["大厅负责人"] },
    { over = 0.5, up_to = 1, approvers = ["分管领导"] },
    { over = 1, approvers = ["核算中心主任"] },
]
source.document = "综合服务大厅管理制度（第三篇）"
source.article = "一、2"
source.quote = "请假半天的由大厅负责人审批；请假一天的由分管领导审批，请假一天以上的，由核算中心主任审批。"
"""


def test_lv1_a_hall_following_the_third_part_replaces_the_table(tmp_path: Path) -> None:
    """LV-1 (第三篇 一、2): half a day → 大厅负责人, one day → 分管领导, more → 核算中心主任, no gap.
    A one-day leave by 分管领导 is in order there; under 第二篇 it needs the 窗口负责人."""
    path = tmp_path / "accounting-hall.toml"
    path.write_text(THIRD_PART, encoding="utf-8")
    third = load_variant(path)
    table = policy_of(third, "leave-approval")
    assert isinstance(table, LeaveApproval) and table.gaps() == []
    one_day = approved_leave("2026-03-02T09:00", "2026-03-02T17:30", "分管领导")
    assert rules_of(run(third, one_day, "2026-03-31", include_compliance=True), "LV-1") == [
        ("compliance", "请假L1共1天，已由分管领导依次审批。")]
    assert rules_of(run(load_variant("community-hall"), one_day, "2026-03-31"), "LV-1") == [
        ("violation", "请假L1共1天，应由窗口负责人审批，实际审批为分管领导。")]


def case_and_acts(*acts: tuple[str, str, str]) -> list[Any]:
    rows: list[dict[str, Any]] = [
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "W1", "staff": "S1",
         "case_type": "reply", "promised_limit": 1},
        {"type": "case_completed", "case": "C1", "at": "2026-03-02T10:00", "window": "W1", "staff": "S1"},
    ]
    rows += [{"type": "register_reported", "at": at, "act": act, "covers": covers, "role": "hall"}
             for act, at, covers in acts]
    return events(*rows)


def test_reg1_a_day_a_week_and_a_month_each_have_their_act(hall: Variant) -> None:
    """REG-1 (意见 三、6): a case on Monday 3/2, summarised 3/2, checked Friday 3/6, reported 3/31 — in order."""
    log = case_and_acts(("daily_summary", "2026-03-02T17:00", "2026-03-02"),
                        ("weekly_check", "2026-03-06T16:00", "2026-03-02"),
                        ("monthly_report", "2026-03-31T16:00", "2026-03-01"))
    assert rules_of(run(hall, log, "2026-04-30"), "REG-1") == []


def test_reg1_the_weeks_check_is_due_by_the_monday_after_its_sunday(hall: Variant) -> None:
    """REG-1 ("每周一督查", one check a week): the week of 3/2 ends Sunday 3/8, closed — due Monday 3/9;
    checked Tuesday 3/10, one working day late."""
    log = case_and_acts(("daily_summary", "2026-03-02T17:00", "2026-03-02"),
                        ("weekly_check", "2026-03-10T09:00", "2026-03-02"),
                        ("monthly_report", "2026-03-31T16:00", "2026-03-01"))
    (verdict,) = (v for v in run(hall, log, "2026-04-30").verdicts if v.rule == "REG-1")
    assert (verdict.due.isoformat() if verdict.due else None, verdict.deadline and verdict.deadline.days_late) == (
        "2026-03-09", 1)


def scored(staff: str, window: str, score: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [finding("no_badge", "2026-03-02T10:00", staff=staff, window=window, by="inspection")]
    if score is not None:
        rows.append({"type": "assessment_scored", "at": "2026-12-30T09:00", "staff": staff, "window": window,
                     "assessor": "home_unit", "period": {"kind": "year", "start": "2026-01-01"}, "score": score})
    return rows


def test_sc7_life_service_staff_are_weighted_70_30_the_others_are_not(hall: Variant) -> None:
    """SC-7 (意见 三、3): S1 of the 用水 window — community 100 × 0.7 + home unit 80 × 0.3 = 94; S2 of an
    administrative post keeps the hall's own 100; S3 of the 物业 window without a home-unit score is not
    ranked. The weekly inspection's finding is on each card, at 0 points (the text prices nothing)."""
    log = events(*scored("S1", "用水", 80), *scored("S2", "社区福利与社会保障岗", None), *scored("S3", "物业", None))
    cards = {card.subject.id: card for card in run(hall, log, "2026-12-31").scorecards}
    s1, s2, s3 = cards["S1"], cards["S2"], cards["S3"]
    assert s1.weighted is not None and (s1.total, s1.score) == (100, Decimal("94.0"))
    assert [(s.assessor, s.score, s.weight) for s in s1.weighted.scores] == [
        ("本考核表", 100, Decimal("0.7")), ("home_unit", 80, Decimal("0.3"))]
    assert (s2.weighted, s2.score) == (None, 100)
    assert s3.score is None and "缺少 home_unit" in s3.notes[0]
    lines = s1.item("community").lines
    assert [(line.rule, line.points, line.kind.value) for line in lines] == [("SC-7", 0, "note")]


def test_the_example_log_and_a_synthetic_year_evaluate(hall: Variant) -> None:
    """The texts price nothing in points or yuan: every verdict on either log carries neither."""
    example, synthetic = evaluate_example_and_synthetic(hall)
    assert {v.rule for v in example.verdicts} == {"REG-1"}
    assert {"REG-1", "ATT-1", "TL-2", "SC-7"} <= {v.rule for v in synthetic.verdicts}
    every = (*example.verdicts, *synthetic.verdicts)
    assert all(v.points == 0 and v.fine == 0 for v in every)
    assert all(card.total == 100 for card in synthetic.scorecards)
    assert any(v.kind is VerdictKind.VIOLATION for v in synthetic.verdicts)
