"""LV-1: approval authority by duration — each variant's table, including its gaps, by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bianmin_rules import EvaluationError, VariantError
from bianmin_rules.families.leave.policies import LeaveApproval, Span, table_gaps, table_overlaps
from tests.conftest import events, make_variant, run
from tests.staff_log import approve, leave, policy

TOWN_BASIC = policy(
    "leave-approval", "LV-1", "便民服务中心管理制度 1（镇便民服务中心）", "二、(一)3",
    "工作人员请假三天以内由镇长审批，三天以上由党委书记审批，因病请假必须凭医院病历卡核实",
    table=[{"up_to": 3, "approvers": ["镇长"]}, {"over": 3, "approvers": ["党委书记"]}],
    sick_leave_needs_record=True)
COMMUNITY_HALL = policy(
    "leave-approval", "LV-1", "综合服务大厅管理制度（第二篇）", "一、(二)",
    "请假1天以内（含半天）的，须经窗口负责人同意。请假1天以上2天以内（含2天）的，由窗口负责人同意，分管领导批准",
    table=[{"up_to": 1, "approvers": ["窗口负责人"]}, {"over": 1, "up_to": 2, "approvers": ["窗口负责人", "分管领导"]}])
JIANGXI = policy(
    "leave-approval", "LV-1", "江西某镇综合便民服务中心管理制度", "三、(一)3",
    "半天以内请假由单位分管领导审批；1天（含1天）以上由分管领导审核后，报单位主要领导审批",
    table=[{"up_to": "0.5", "approvers": ["分管领导"]}, {"at_least": 1, "approvers": ["分管领导", "主要领导"]}])
SHOUZHAN = policy(
    "leave-approval", "LV-1", "首占镇便民服务中心管理制度", "第八条(二)1", "首先报分管领导审批，再送中心主任审批",
    table=[{"approvers": ["分管领导", "中心主任"]}])


def judged(variant_policy: dict[str, object], start: str, end: str, *roles: str, **extra: object) -> list[
        tuple[str, str]]:
    """(kind, explanation) of the LV-1 verdicts on one leave approved by ``roles`` in order."""
    rows = [leave("L1", start, end, at="2026-03-01T09:00", **extra),
            *(approve("L1", f"2026-03-01T1{i}:00", role, final=i == len(roles) - 1) for i, role in enumerate(roles))]
    report = run(make_variant(variant_policy), events(*rows), "2026-03-31", include_compliance=True)
    return [(v.kind.value, v.explanation) for v in report.verdicts]


def test_lv1_town_basic_three_days_by_the_town_head() -> None:
    """LV-1 (town-basic 二、(一)3): 3 days (3/2–3/4) by 镇长 — within "三天以内"."""
    assert judged(TOWN_BASIC, "2026-03-02T09:00", "2026-03-04T17:30", "镇长") == [
        ("compliance", "请假L1共3天，已由镇长依次审批。")]


def test_lv1_town_basic_four_days_need_the_party_secretary() -> None:
    """LV-1: 4 days (3/2–3/5) approved by 镇长 only — "三天以上由党委书记审批"."""
    assert judged(TOWN_BASIC, "2026-03-02T09:00", "2026-03-05T17:30", "镇长") == [
        ("violation", "请假L1共4天，应由党委书记审批，实际审批为镇长。")]


def test_lv1_town_basic_sick_leave_needs_a_hospital_record() -> None:
    """LV-1 (town-basic): "因病请假必须凭医院病历卡核实" — without the record, a violation."""
    found = judged(TOWN_BASIC, "2026-03-02T09:00", "2026-03-02T17:30", "镇长", leave_type="sick")
    assert found == [("compliance", "请假L1共1天，已由镇长依次审批。"), ("violation", "病假未凭医院病历核实。")]
    with_record = judged(TOWN_BASIC, "2026-03-02T09:00", "2026-03-02T17:30", "镇长", leave_type="sick",
                         medical_record=True)
    assert [kind for kind, _ in with_record] == ["compliance"]


def test_lv1_community_hall_one_and_a_half_days_need_the_leader_too() -> None:
    """LV-1 (community-hall 第二篇 一、(二)2): 3/2 all day and 3/3 morning, 7 + 3 office hours of 7 = 1.43 days,
    by 窗口负责人 alone — 分管领导 must approve as well."""
    found = judged(COMMUNITY_HALL, "2026-03-02T09:00", "2026-03-03T12:00", "窗口负责人")
    assert found == [("violation", "请假L1共1.43天，应由窗口负责人 → 分管领导审批，实际审批为窗口负责人。")]


def test_lv1_community_hall_three_days_fall_in_the_gap_of_the_table() -> None:
    """LV-1: the text says nothing of leave over 2 days — a 3-day leave is reported, never guessed."""
    found = judged(COMMUNITY_HALL, "2026-03-02T09:00", "2026-03-04T17:30", "窗口负责人", "分管领导")
    assert found == [("warning", "请假L1共3天，落在审批权限表未规定的区间（超过2天）：制度未规定由谁审批，不作判断。")]


def test_lv1_a_leave_over_a_weekend_has_no_duration_to_approve() -> None:
    """LV-1: a leave of Saturday 3/7 and Sunday 3/8 covers no office time — 0 days, which no band of
    community-hall's table and no gap of it holds: nothing to judge (it once stopped the evaluation)."""
    assert judged(COMMUNITY_HALL, "2026-03-07T09:00", "2026-03-08T17:30", "窗口负责人") == []


def test_lv1_jiangxi_more_than_half_a_day_and_less_than_one_falls_in_the_gap() -> None:
    """LV-1 (jiangxi-town 三、(一)3): 09:00–14:30 is 3 + 1 office hours of 7, 0.57 day — between half and one."""
    found = judged(JIANGXI, "2026-03-02T09:00", "2026-03-02T14:30", "分管领导")
    assert found == [
        ("warning", "请假L1共0.57天，落在审批权限表未规定的区间（超过0.5天、不满1天）：制度未规定由谁审批，不作判断。")]


def test_lv1_shouzhan_chain_in_order() -> None:
    """LV-1 (shouzhan-town 第八条(二)1): 首先报分管领导审批，再送中心主任 — the order matters."""
    assert judged(SHOUZHAN, "2026-03-02T08:00", "2026-03-02T17:30", "中心主任", "分管领导") == [
        ("violation", "请假L1共1天，应由分管领导 → 中心主任审批，实际审批为中心主任、分管领导。")]
    unordered = {**SHOUZHAN, "ordered": False}
    assert [k for k, _ in judged(unordered, "2026-03-02T08:00", "2026-03-02T17:30", "中心主任", "分管领导")] == [
        "compliance"]


def test_lv1_overlapping_bands_are_reported_or_resolved_by_the_first() -> None:
    """LV-1: reading town-basic's "以上" as inclusive makes 3 days fall in both bands — reported by default."""
    bands = [{"up_to": 3, "approvers": ["镇长"]}, {"at_least": 3, "approvers": ["党委书记"]}]
    inclusive = {**TOWN_BASIC, "table": bands}
    ((kind, explanation),) = judged(inclusive, "2026-03-02T09:00", "2026-03-04T17:30", "镇长")
    assert kind == "warning" and "两档同时适用（至多3天由镇长审批；不少于3天由党委书记审批）" in explanation
    first = {**inclusive, "on_overlap": "first"}
    assert judged(first, "2026-03-02T09:00", "2026-03-04T17:30", "镇长")[0][0] == "compliance"


def test_lv1_stated_days_win_over_office_time() -> None:
    """LV-1: a request stating 0.5 days is judged at 0.5 days, whatever its times."""
    found = judged(JIANGXI, "2026-03-02T09:00", "2026-03-02T14:30", "分管领导", days="0.5")
    assert found == [("compliance", "请假L1共0.5天，已由分管领导依次审批。")]


def model(table_policy: dict[str, object]) -> LeaveApproval:
    (lv1,) = make_variant(table_policy).policies
    assert isinstance(lv1, LeaveApproval)
    return lv1


def test_lv1_gaps_and_overlaps_for_lint() -> None:
    """LV-1: the gaps of every variant's table, as lint reads them."""
    assert model(TOWN_BASIC).gaps() == [] and model(TOWN_BASIC).overlaps() == []
    assert model(COMMUNITY_HALL).gaps() == [Span(Decimal(2), False, None, False)]
    assert model(JIANGXI).gaps() == [Span(Decimal("0.5"), False, Decimal(1), False)]
    assert [g.label for g in model(JIANGXI).gaps()] == ["超过0.5天、不满1天"]
    assert model(SHOUZHAN).gaps() == []
    third = model(policy("leave-approval", "LV-1", "综合服务大厅管理制度（第三篇）", "一、2",
                         "请假半天的由大厅负责人审批；请假一天的由分管领导审批，请假一天以上的，由核算中心主任审批",
                         table=[{"up_to": "0.5", "approvers": ["大厅负责人"]},
                                {"over": "0.5", "up_to": 1, "approvers": ["分管领导"]},
                                {"over": 1, "approvers": ["核算中心主任"]}]))
    assert third.gaps() == []


def test_lv1_gap_at_a_single_point_and_overlap_pairs() -> None:
    """LV-1: "under 1" then "over 1" leaves exactly 1 day without an approver."""
    from bianmin_rules.families.leave.policies import ApprovalBand

    table = [ApprovalBand(under=Decimal(1), approvers=("甲",)), ApprovalBand(over=Decimal(1), approvers=("乙",)),
             ApprovalBand(at_least=Decimal(5), approvers=("丙",))]
    assert [g.label for g in table_gaps(table)] == ["恰为1天"]
    assert table_overlaps(table) == [(1, 2)]


def test_lv1_a_band_states_one_bound_a_side() -> None:
    """LV-1: a band with both "over" and "at_least" is refused with its key."""
    bad = {**TOWN_BASIC, "table": [{"over": 1, "at_least": 1, "approvers": ["镇长"]}]}
    with pytest.raises(VariantError, match=r"policies\[0\]\.table\[0\].*one lower bound"):
        make_variant(bad)


def test_lv1_an_approval_must_name_a_requested_leave() -> None:
    """LV-1: approving a leave nobody requested contradicts the log."""
    with pytest.raises(EvaluationError, match="no leave_requested event"):
        run(make_variant(TOWN_BASIC), events(approve("L9", "2026-03-02T09:00", "镇长")), "2026-03-31")


def test_lv1_only_judges_granted_leave() -> None:
    """LV-1: a leave with no approval, or only reviewed (分管领导 审核, not yet 主要领导), is not judged yet."""
    rows = [leave("L1", "2026-03-02T09:00", "2026-03-02T17:30", at="2026-03-01T09:00"),
            leave("L2", "2026-03-09T09:00", "2026-03-10T17:30", at="2026-03-01T09:00"),
            approve("L2", "2026-03-02T09:00", "分管领导", final=False)]
    report = run(make_variant(JIANGXI), events(*rows), "2026-03-31", include_compliance=True)
    assert report.verdicts == ()
