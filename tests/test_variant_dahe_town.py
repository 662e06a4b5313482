"""The built-in dahe-town variant (source text 000, 便民服务中心管理制度 9, 大河镇), checked against its text.

March 2026: Monday 3/2 … Friday 3/6. The text states no office hours: the library's
placeholder sessions 09:00–12:00 and 13:30–17:30 apply (CAL-2).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import Report, Variant, VerdictKind, builtin_variant_names, load_variant
from bianmin_rules.families.attendance.policies import SignInRegister
from bianmin_rules.families.ladders.policies import OffenceLadder
from bianmin_rules.families.posts.policies import EmptyPost
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.staff_log import approve, finding, leave, post, roster, signs


@pytest.fixture(scope="module")
def dahe() -> Variant:
    return load_variant("dahe-town")


def tiers(report: Report, rule: str) -> list[tuple[int, str | None, str | None]]:
    """(day of March, staff, sanction tier) of a rule's violations."""
    return [(v.on.day, v.staff, v.sanction.tier if v.sanction else None) for v in report.verdicts
            if v.rule == rule and v.kind is VerdictKind.VIOLATION]


def test_builtin_names_its_source_and_case_types(dahe: Variant) -> None:
    """CASE-2 (工作管理制度 第二条): 即办件, 承诺件, 转报、上报; no office hours, date or table in the text."""
    assert "dahe-town" in builtin_variant_names()
    assert dahe.source.section.startswith("便民服务中心管理制度 9")
    assert dahe.case_types == {"immediate": "即办件", "promised": "承诺件", "reported": "转报、上报审批事项"}
    assert (dahe.effective, dahe.office_hours, dahe.scorecards) == (None, None, ())
    assert Variant.from_toml(dahe.to_toml(), origin="printed") == dahe


def test_numbers_of_the_text(dahe: Variant) -> None:
    """ATT-7 (考勤制度 第三条 一人三次以上), AB-3 (工作管理制度 第五条), CAL-4 (考勤制度 第一条 自行签到)."""
    policies = {p.id: p for p in dahe.policies}
    ladder = policies["three-strikes"]
    assert isinstance(ladder, OffenceLadder)
    assert [(t.occurrence, t.tier) for t in ladder.tiers] == [(3, "移送镇纪委问责处理")]
    pair = policies["ab-pair"]
    assert isinstance(pair, EmptyPost) and pair.scope == "ab_pair"
    register = policies["sign-in-register"]
    assert isinstance(register, SignInRegister) and (register.scheme, register.monthly) == ("arrival", False)
    assert all(p.source.quote for p in dahe.policies)


def test_att7_third_recorded_breach_is_referred_and_every_one_is_warned(dahe: Variant) -> None:
    """ATT-7 (考勤制度 第三条): 记入考勤记录薄并警告当事人，一人三次以上 → 移送镇纪委问责处理.

    S1: late 3/2, music 3/10, left the post 3/16, late 3/20 — warned each time, referred on
    the third (3/16) and the fourth; S2's one breach is a warning. A finding of 2025 is not
    counted in 2026 (the calendar year). Lateness read from sign-ins never climbs the ladder.
    """
    rows = [finding("late", "2025-12-15T09:20"), finding("late", "2026-03-02T09:20"),
            finding("music", "2026-03-10T10:00"), finding("left_post", "2026-03-16T15:00"),
            finding("late", "2026-03-18T09:20", staff="S2"), finding("late", "2026-03-20T09:20"),
            *signs("2026-03-23", "09:30")]
    report = run(dahe, events(*rows), "2026-03-31")
    ladder = [(v.on, v.staff) for v in report.verdicts if v.sanction and v.sanction.tier == "移送镇纪委问责处理"]
    assert ladder == [(date(2026, 3, 16), "S1"), (date(2026, 3, 20), "S1")]
    warned = [(v.on, v.staff) for v in report.verdicts if v.sanction and v.sanction.tier == "记入考勤记录薄并警告"]
    assert len(warned) == 6 and warned[0] == (date(2025, 12, 15), "S1")
    (late,) = [v for v in report.verdicts if v.rule == "ATT-1"]
    assert (late.on, late.sanction and late.sanction.tier, late.quantity) == (
        date(2026, 3, 23), "责令改正", Decimal(30))


def test_att7_games_found_by_a_superiors_monitoring_veto_the_awards(dahe: Variant) -> None:
    """ATT-7 (考核制度 第三条): 打游戏……被巡查、上级监控发现，年终评优评先一票否决; lateness is no veto."""
    rows = [finding("games", "2026-03-03T10:00", by="superior_monitoring"), finding("late", "2026-03-04T09:20")]
    report = run(dahe, events(*rows), "2026-03-31")
    assert tiers(report, "ATT-7") == [(3, "S1", "记入考勤记录薄并警告"), (3, "S1", "年终评优评先一票否决"),
                                      (4, "S1", "记入考勤记录薄并警告")]
    veto = next(v for v in report.verdicts if v.sanction and v.sanction.tier == "年终评优评先一票否决")
    assert veto.evidence == ("e1",) and "上级监控" in report.verdicts[0].explanation


def test_cal4_a_sign_in_is_all_a_day_requires(dahe: Variant) -> None:
    """CAL-4 (考勤制度 第一条 每天上班，所有工作人员自行签到): a day with a sign-in only is complete;
    a day with a sign-out only lacks its sign-in."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "08:55"),
            {"type": "signed_out", "at": "2026-03-03T17:35", "staff": "S1"}]
    report = run(dahe, events(*rows), "2026-03-31")
    assert [(v.on, v.explanation) for v in report.verdicts if v.rule == "CAL-4"] == [
        (date(2026, 3, 3), "2026-03-03 签到签退记录不全：缺签到记录。")]


def test_att2_absence_is_ordered_corrected_and_its_bad_impact_referred(dahe: Variant) -> None:
    """ATT-2 (考勤制度 第四条): 无故缺勤 → 责令改正; 造成不良影响和后果的 → 移送镇纪委问责处理."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "08:55"),
            finding("absence_bad_impact", "2026-03-03T16:00", note="群众等候无人办理")]
    report = run(dahe, events(*rows), "2026-03-31")
    assert tiers(report, "ATT-2") == [(3, "S1", "责令改正"), (3, "S1", "移送镇纪委问责处理")]
    (absence,) = [v for v in report.verdicts if v.rule == "ATT-2" and v.code is None]
    assert absence.quantity == Decimal(2)


def test_lv3_leave_asked_afterwards_needs_a_phone_call_first_but_no_deadline(dahe: Variant) -> None:
    """LV-3 (请销假制度 第三条 先电话请假，返岗后补办请假手续): papers two weeks later excuse the day
    when the phone call came first; without it the day is absence. Either way nobody covered
    W1 that day: the window was empty all 7 office hours (AB-6, 考勤制度 第四条)."""
    def rows(phoned: bool) -> list[dict[str, object]]:
        return [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"),
                leave("L1", "2026-03-02T09:00", "2026-03-02T17:30", at="2026-03-16T09:00", phoned_ahead=phoned),
                approve("L1", "2026-03-16T10:00", "分管领导", final=False),
                approve("L1", "2026-03-16T11:00", "主要领导")]
    excused = run(dahe, events(*rows(True)), "2026-03-31").verdicts
    assert [(v.rule, v.quantity) for v in excused] == [("AB-6", Decimal(420))]
    assert [v.rule for v in run(dahe, events(*rows(False)), "2026-03-31").verdicts] == ["AB-6", "ATT-2", "LV-3"]


def test_lv1_review_by_the_deputy_then_approval_by_the_head(dahe: Variant) -> None:
    """LV-1 (请销假制度 第二条 由分管领导审核后报主要领导审批): approved by the head alone is a violation."""
    rows = [leave("L1", "2026-03-03T09:00", "2026-03-03T17:30", at="2026-03-02T09:00"),
            approve("L1", "2026-03-02T10:00", "主要领导")]
    report = run(dahe, events(*rows), "2026-03-31")
    assert [(v.rule, v.kind) for v in report.verdicts] == [("LV-1", VerdictKind.VIOLATION)]


def test_ab6_empty_window_ordered_corrected_then_referred_on_bad_impact(dahe: Variant) -> None:
    """AB-6, AB-1 (考勤制度 第四条, 工作管理制度 第五条): one empty spell, one verdict; bad impact → referral."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "08:55", "17:35"),
            post("left", "2026-03-02T10:00", permitted_by="中心主任"), post("returned", "2026-03-02T10:20"),
            *signs("2026-03-03", "08:55", "17:35"), post("left", "2026-03-03T10:00", permitted_by="中心主任"),
            post("returned", "2026-03-03T10:20"), finding("empty_window_bad_impact", "2026-03-03T11:00")]
    report = run(dahe, events(*rows), "2026-03-31")
    assert [(v.on.day, v.quantity, v.sanction and v.sanction.tier) for v in report.verdicts if v.rule == "AB-6"] == [
        (2, Decimal(20), "责令改正"), (3, Decimal(20), "移送镇纪委问责处理")]
    assert [v.rule for v in report.verdicts if v.rule == "AB-5"] == ["AB-5", "AB-5"]  # no whereabouts posted


def test_tl2_reported_matters_keep_their_promised_limit(dahe: Variant) -> None:
    """TL-2 (工作管理制度 第二条 应按承诺时限办理; 转报、上报 开展全程代办): received Monday 3/2 with 3
    working days, done Friday 3/6 — one working day late."""
    rows: list[dict[str, object]] = [
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "staff": "S1", "window": "W1",
         "case_type": "reported", "promised_limit": 3},
        {"type": "case_completed", "case": "C1", "at": "2026-03-06T10:00", "staff": "S1", "window": "W1"}]
    (late,) = run(dahe, events(*rows), "2026-03-31").verdicts
    assert (late.rule, late.deadline and late.deadline.days_late) == ("TL-2", 1)


@pytest.mark.parametrize(("by_appointment", "verdicts"), [(False, []), (True, ["CAL-5"])])
def test_cal5_extended_hours_are_owed_after_a_prior_agreement_only(
    dahe: Variant, by_appointment: bool, verdicts: list[str],
) -> None:
    """CAL-5 (工作管理制度 第十条 "服务对象因特殊、紧急需要的，可事先与服务窗口约定，窗口人员可以、应当延长办公
    服务时间"): serving at the close on 3/2, the staff member stopped at 17:45 before the matter was done — a
    violation only when the applicant had agreed the extended service beforehand."""
    rows = [{"type": "service_extended", "at": "2026-03-02T17:30", "staff": "S1", "window": "W1",
             "until": "2026-03-02T17:45", "finished": False, "by_appointment": by_appointment}]
    report = run(dahe, events(*rows), "2026-03-31")
    assert [v.rule for v in report.verdicts] == verdicts
    assert all("服务对象事先约定延时服务" in v.explanation for v in report.verdicts)


def test_the_example_and_a_synthetic_log_evaluate(dahe: Variant) -> None:
    """The built-in example log and a synthetic one evaluate under dahe-town without error."""
    _, synthetic = evaluate_both(dahe)
    assert {"ATT-7", "TL-1", "TL-2"} <= {v.rule for v in synthetic.verdicts}
