"""The built-in guangwu-street variant (source text 000, 便民服务中心管理制度 13, 光武街道), checked against its text.

The text gives the street office's hours only relatively (第二十九条): the library's
placeholder sessions 09:00–12:00 and 13:30–17:30 stand for them, so staff are due on post
08:55–12:05 and 13:25–17:35. March 2026: Monday 3/2 … Friday 3/6.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VerdictKind, builtin_variant_names, load_variant
from bianmin_rules.families.attendance.policies import LateOrEarly
from bianmin_rules.families.ladders.policies import SeverityTiers
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.staff_log import finding, post, roster, signs


@pytest.fixture(scope="module")
def guangwu() -> Variant:
    return load_variant("guangwu-street")


def article_38(report: Report) -> list[tuple[str, str, Decimal, str]]:
    """(subject, sanction, yuan, item) of the ESC-3 tiers' verdicts."""
    return [(str(v.subject), v.sanction.tier, v.fine, v.explanation.split(" ", 1)[0].split("：")[0])
            for v in report.verdicts if v.rule == "ESC-3" and v.sanction]


def test_builtin_names_its_source_and_four_case_types(guangwu: Variant) -> None:
    """CASE-2 (第十六条 即办件、退回件、上报件、联办件) under the canonical codes; no date, hours or table."""
    assert "guangwu-street" in builtin_variant_names()
    assert guangwu.source.section.startswith("便民服务中心管理制度 13")
    assert guangwu.case_types == {"immediate": "即办件", "rejected": "退回件", "reported": "上报件", "joint": "联办件"}
    assert (guangwu.effective, guangwu.office_hours, guangwu.scorecards) == (None, None, ())
    assert Variant.from_toml(guangwu.to_toml(), origin="printed") == guangwu


def test_numbers_of_the_text(guangwu: Variant) -> None:
    """ATT-1 (第二十九条 早5分钟上岗和迟5分钟下班); ESC-3 (第三十八条 (一)–(八), 通报批评并扣除考核奖金100元);
    SC-10 (第二十五条 每季度)."""
    policies = {p.id: p for p in guangwu.policies}
    late = policies["late-or-early"]
    assert isinstance(late, LateOrEarly) and (late.on_post_before, late.stay_after) == (5, 5)
    tiers = policies["article-38"]
    assert isinstance(tiers, SeverityTiers)
    assert {(o.tier, o.level, o.fine) for o in tiers.offences} == {("通报批评", 1, Decimal(100))}
    items = [o.label.split(" ")[0] for o in tiers.offences]
    assert sorted(set(items)) == [f"第三十八条({n})" for n in "一七三二五八六四"]
    assert {getattr(policies[name], "period", None) for name in ("evaluation-rates", "completion-rate")} == {
        "quarter"}


def test_esc3_late_and_early_against_the_five_minute_margins(guangwu: Variant) -> None:
    """ATT-1, ESC-3 (第二十九条, 第三十八条(一)): in 08:57 (due 08:55), out 17:33 (due 17:35) — late 2 and early
    2 minutes, each 通报批评 and 100 yuan to S1; in 08:55 and out 17:35 is on time."""
    report = run(guangwu, events(*signs("2026-03-02", "08:57", "17:33")), "2026-03-31")
    assert [(v.rule, v.quantity) for v in report.verdicts if v.rule == "ATT-1"] == [
        ("ATT-1", Decimal(2)), ("ATT-1", Decimal(2))]
    assert article_38(report) == [("staff:S1", "通报批评", Decimal(100), "第三十八条(一)")] * 2
    (total,) = report.totals
    assert (total.fine, total.points) == (Decimal(200), Decimal(0))
    assert run(guangwu, events(*signs("2026-03-02", "08:55", "17:35")), "2026-03-31").verdicts == ()


def empty_window_rows() -> list[dict[str, Any]]:
    """S1, alone at W1, leaves without permission 10:00–10:20."""
    return [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"), *signs("2026-03-02", "08:50", "17:40"),
            post("left", "2026-03-02T10:00"), post("returned", "2026-03-02T10:20")]


def test_esc3_leaving_the_post_and_the_empty_window_are_two_situations(guangwu: Variant) -> None:
    """ESC-3 (第三十八条(一) 擅自离岗……窗口出现空岗): S1 pays for leaving (ATT-3), W1 for standing empty (AB-6)."""
    report = run(guangwu, events(*empty_window_rows()), "2026-03-31")
    assert [(v.rule, str(v.subject), v.quantity) for v in report.verdicts if v.rule in ("ATT-3", "AB-6")] == [
        ("AB-6", "window:W1", Decimal(20)), ("ATT-3", "staff:S1", Decimal(20))]
    assert sorted(article_38(report)) == [("staff:S1", "通报批评", Decimal(100), "第三十八条(一)"),
                                          ("window:W1", "通报批评", Decimal(100), "第三十八条(一)")]


def test_esc3_read_literally_the_window_department_pays(guangwu: Variant) -> None:
    """ESC-3 (第三十八条 "窗口部门违反中心管理规定…扣除考核奖金100元"), the other reading: with
    ``charge = "window"`` both 100 yuan fall on W1."""
    policies = [p.model_copy(update={"charge": "window"}) if p.id == "article-38" else p for p in guangwu.policies]
    literal = guangwu.model_copy(update={"policies": tuple(policies)})
    report = run(literal, events(*empty_window_rows()), "2026-03-31")
    assert [s for s, _, _, _ in article_38(report)] == ["window:W1", "window:W1"]
    assert {t.subject.id: t.fine for t in report.totals}["W1"] == Decimal(200)


def reported_case(*extra: dict[str, Any], completed: str = "2026-03-06T10:00") -> list[dict[str, Any]]:
    """A reported case received Monday 3/2 with 3 working days, registered at once, completed at ``completed``."""
    who = {"case": "C1", "staff": "S1", "window": "W1"}
    return [{"type": "case_received", "at": "2026-03-02T09:30", "case_type": "reported", "promised_limit": 3, **who},
            {"type": "case_registered", "at": "2026-03-02T09:40", **who},
            {"type": "receipt_notice_issued", "at": "2026-03-02T09:45", "promised_date": "2026-03-05", **who},
            *extra, {"type": "case_completed", "at": completed, **who}]


def test_esc3_a_reported_case_done_late(guangwu: Variant) -> None:
    """TL-2, ESC-3 (第十六条 上报件必须在承诺期限内办理; 第三十八条(二)): due Thursday 3/5, done Friday 3/6."""
    report = run(guangwu, events(*reported_case()), "2026-03-31")
    assert [(v.rule, v.deadline and v.deadline.days_late) for v in report.verdicts if v.rule == "TL-2"] == [
        ("TL-2", 1)]
    assert article_38(report) == [("staff:S1", "通报批评", Decimal(100), "第三十八条(二)")]
    assert run(guangwu, events(*reported_case(completed="2026-03-05T16:00")), "2026-03-31").violations() == ()


def test_esc3_a_second_notice_breaks_the_one_time_rule(guangwu: Variant) -> None:
    """OTN-2, ESC-3 (第二十二条, 第三十八条(四) 违反……一次性告知制): a later request for an unlisted item."""
    notices = [{"type": "missing_materials_notice", "at": f"2026-03-0{day}T10:00", "case": "C1", "staff": "S1",
                "items": items} for day, items in ((2, ["身份证"]), (3, ["身份证", "营业执照"]))]
    report = run(guangwu, events(*reported_case(*notices, completed="2026-03-05T16:00")), "2026-03-31")
    assert sorted(v.rule for v in report.violations()) == ["ESC-3", "OTN-2"]
    assert article_38(report) == [("staff:S1", "通报批评", Decimal(100), "第三十八条(四)")]


def test_esc3_serious_consequences_add_an_administrative_sanction(guangwu: Variant) -> None:
    """ESC-3 (第三十八条 造成严重后果的，由相关职能部门对直接责任人行政处分): a perfunctory handling judged
    serious costs 100 yuan (五) and brings 行政处分 on S1; a late case whose consequences were serious is
    recorded as a serious_consequences finding: 行政处分 on top of the case's own 100 yuan."""
    rows = [finding("perfunctory", "2026-03-02T11:00", serious=True),
            finding("serious_consequences", "2026-03-09T11:00", note="C1 逾期致申请人错过招标"), *reported_case()]
    report = run(guangwu, events(*rows), "2026-03-31")
    assert sorted(article_38(report)) == [
        ("staff:S1", "行政处分", Decimal(0), "违反中心管理规定造成严重后果"),
        ("staff:S1", "行政处分", Decimal(0), "违反中心管理规定造成严重后果"),
        ("staff:S1", "通报批评", Decimal(100), "第三十八条(二)"),
        ("staff:S1", "通报批评", Decimal(100), "第三十八条(五)")]


def test_ja1_the_receiving_window_leads_unless_it_is_a_comprehensive_one(guangwu: Variant) -> None:
    """JA-1 (第十八条): no comprehensive window is named, so the receiving window W-综合 leads and must
    forward; a centre that lists W-综合 as comprehensive has the issuing window W2 lead instead."""
    rows: list[dict[str, Any]] = [
        {"type": "case_received", "at": "2026-03-02T09:30", "case": "J1", "staff": "S1", "window": "W-综合",
         "case_type": "joint", "promised_limit": 10, "issuing_window": "W2"},
        {"type": "case_registered", "at": "2026-03-02T09:40", "case": "J1", "staff": "S1", "window": "W-综合"},
        {"type": "receipt_notice_issued", "at": "2026-03-02T09:45", "case": "J1", "staff": "S1",
         "window": "W-综合", "promised_date": "2026-03-16"}]
    (lead,) = [v for v in run(guangwu, events(*rows), "2026-03-31").verdicts if v.rule == "JA-1"]
    assert str(lead.subject) == "window:W-综合"
    policies = [p.model_copy(update={"general_windows": ("W-综合",)}) if p.id == "joint-lead" else p
                for p in guangwu.policies]
    general = guangwu.model_copy(update={"policies": tuple(policies)})
    (lead,) = [v for v in run(general, events(*rows), "2026-03-31").verdicts if v.rule == "JA-1"]
    assert str(lead.subject) == "window:W2"


def test_reg4_an_unrecorded_refusal(guangwu: Variant) -> None:
    """REG-4, ESC-3 (第十九条 作出不予受理等决定的，须做好记录; 第三十八条(八)); no report is required."""
    rows = [{"type": "application_refused", "at": "2026-03-02T10:00", "staff": "S1", "window": "W1",
             "recorded": False, "reported": False},
            {"type": "application_refused", "at": "2026-03-03T10:00", "staff": "S1", "window": "W1",
             "recorded": True, "reported": False}]
    report = run(guangwu, events(*rows), "2026-03-31")
    assert sorted((v.rule, v.on.day) for v in report.verdicts) == [("ESC-3", 2), ("REG-4", 2)]
    assert article_38(report) == [("staff:S1", "通报批评", Decimal(100), "第三十八条(八)")]


def test_sc10_quarterly_measures_for_the_assessment(guangwu: Variant) -> None:
    """SC-10 (第二十四条, 第二十五条 每季度): Q1 — two reported cases at W1, one late: completion 1 of 2;
    two evaluations, one dissatisfied: satisfaction 1 of 2, both cases evaluated."""
    second = [{**row, "case": "C2"} for row in reported_case(completed="2026-03-05T16:00")]
    evaluations = [{"type": "service_evaluated", "at": "2026-03-06T11:00", "case": case, "staff": "S1",
                    "window": "W1", "result": result} for case, result in (("C1", "satisfied"), ("C2", "dissatisfied"))]
    report = run(guangwu, events(*reported_case(), *second, *evaluations), "2026-04-01")
    measures = {(m.name, str(v.subject)): (m.period.label, m.numerator, m.denominator)
                for v in report.verdicts if v.kind is VerdictKind.INFORMATION and (m := v.measure) is not None}
    assert measures[("completion_rate", "window:W1")] == ("2026-Q1", 1, 2)
    assert measures[("satisfaction_rate", "window:W1")] == ("2026-Q1", 1, 2)
    assert measures[("evaluation_rate", "staff:S1")] == ("2026-Q1", 2, 2)


def test_the_example_and_a_synthetic_log_evaluate(guangwu: Variant) -> None:
    """The built-in example log and a synthetic one evaluate under guangwu-street without error; every
    100 yuan is an ESC-3 verdict of 第三十八条 (SC-9: money on its own rule)."""
    example, synthetic = evaluate_both(guangwu)
    for report in (example, synthetic):
        assert {v.rule for v in report.verdicts if v.fine} <= {"ESC-3"}
    assert {"ATT-1", "ESC-3", "TL-1", "TL-2", "TL-12"} <= {v.rule for v in synthetic.verdicts}
