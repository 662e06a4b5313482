"""The town-conduct-100 (SC-1) and jiangxi-town (SC-2) tables, from real events through evaluate()."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, load_variant
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.scorecards.cards import Card, LineKind
from tests.conftest import events, run
from tests.variant_support import card_of

YEAR = Period(kind=PeriodKind.YEAR, start=date(2026, 1, 1))
Q1 = Period(kind=PeriodKind.QUARTER, start=date(2026, 1, 1))


def card(report: Report, table: str, subject: str, period: Period) -> Card:
    return card_of(report.scorecards, table, subject, period)


def finding(code: str, day: str, staff: str = "S1", **extra: Any) -> dict[str, Any]:
    return {"type": "finding_recorded", "at": f"{day}T10:00", "window": "W1", "staff": staff, "finding": code, **extra}


def merit(kind: str, day: str, staff: str = "S1", **extra: Any) -> dict[str, Any]:
    return {"type": "merit_recorded", "at": f"{day}T09:00", "window": "W1", "staff": staff, "merit": kind, **extra}


# SC-1 town-conduct-100 工作人员考核细则 (德能勤绩廉, 5 × 20, and 六、加分).


@pytest.fixture(scope="module")
def conduct() -> Variant:
    return load_variant("town-conduct-100")


def test_sc1_year_card_with_deductions_and_honours(conduct: Variant) -> None:
    """SC-1, FEE-1: 德 20−1−5, 能 20, 勤 20, 绩 20−10, 廉 20−10 = 74; honours and praise add 3+5+15+30+4 = 57."""
    log = events(
        finding("no_badge", "2026-02-03"),                     # 德 3: −1
        finding("games_chat", "2026-03-04"),                   # 德 4: −5
        finding("fee_standard_ignored", "2026-04-07"),         # 绩 1 (FEE-1): −10
        finding("graft", "2026-05-08", by="verified_report"),  # 廉: −10
        merit("praise", "2026-06-01", level="county"),         # 六、1: 本区 +3
        merit("praise", "2026-07-01", level="province"),       # 六、1: 市级及市以上 +5
        merit("honour", "2026-08-03", level="province"),       # 六、2: 省 +15
        merit("honour", "2026-09-01", level="nation"),         # 六、2: 国家 +30
        merit("suggestion", "2026-10-12", points="4"),         # 六、3: 视情 +4
    )
    report = run(conduct, log, "2026-12-31")
    found = card(report, "staff", "S1", YEAR)
    assert {c.id: c.score for c in found.categories} == {
        "de": 14, "neng": 20, "qin": 20, "ji": 10, "lian": 10, "bonus": 57}
    assert found.total == 131 and found.maximum == 100 and found.complete
    assert [(line.rule, line.points) for line in found.item("bonus").lines] == [
        ("SC-1", Decimal(3)), ("SC-1", Decimal(5)), ("SC-1", Decimal(15)), ("SC-1", Decimal(30)), ("SC-1", Decimal(4))]
    (fee,) = found.item("ji").lines
    assert (fee.rule, fee.points, fee.on) == ("FEE-1", Decimal(-10), date(2026, 4, 7))


def test_sc1_item_without_stated_clamp_stops_at_zero(conduct: Variant) -> None:
    """SC-1 勤 2: five irregular leave requests (−5 each) would make −5; the item is kept at 0 (library default)."""
    log = events(*(finding("leave_irregular", f"2026-03-0{d}") for d in range(2, 7)))
    qin = card(run(conduct, log, "2026-12-31"), "staff", "S1", YEAR).item("qin")
    assert [line.kind for line in qin.lines][-1] is LineKind.CLAMP and qin.score == 0
    assert qin.lines[-1].label == "扣完为止"


# SC-2 jiangxi-town 中心考核制度: monthly cards, quarterly 3 工作标兵 and 3 流动红旗窗口.


@pytest.fixture(scope="module")
def jiangxi() -> Variant:
    return load_variant("jiangxi-town")


def monthly_evaluations(staff: str, window: str = "W1") -> list[dict[str, Any]]:
    """One satisfied evaluation each month of Q1: a satisfaction rate of 100% (→ 10) every month."""
    return [{"type": "service_evaluated", "at": f"2026-0{m}-05T10:00", "window": window, "staff": staff,
             "result": "satisfied"} for m in (1, 2, 3)]


def jiangxi_quarter(jiangxi: Variant) -> Report:
    """Five staff at W1 in Q1 2026, each 100 a month but for the findings below."""
    rows = [row for staff in ("S1", "S2", "S3", "S4", "S5") for row in monthly_evaluations(staff)]
    rows += [
        finding("graft", "2026-02-10", staff="S2"),             # ③ 吃拿卡要: no award in February → none in Q1
        finding("no_badge", "2026-01-12", staff="S3"),          # ③ −1
        finding("games_chat", "2026-03-03", staff="S4"),        # ② −2
        finding("eating", "2026-01-20", staff="S5"),            # ③ −1
        finding("eating", "2026-02-20", staff="S5"),            # ③ −1
        merit("written_praise", "2026-01-15", staff="S1"),      # 服务质量 ⑤ +5, but the item is full: 封顶
        merit("special_help", "2026-03-18", staff="S1"),        # 加分 ① +2
    ]
    return run(jiangxi, events(*rows), "2026-03-31")


def test_sc2_monthly_card_and_ceiling_clamp(jiangxi: Variant) -> None:
    """SC-2 "加、扣分至每小项分数加满封顶或扣完为止": a written praise cannot lift a full 服务质量 above 20."""
    report = jiangxi_quarter(jiangxi)
    january = card(report, "staff", "S1", Period(kind=PeriodKind.MONTH, start=date(2026, 1, 1)))
    service = january.item("service")
    assert [(line.kind, line.points) for line in service.lines] == [
        (LineKind.BONUS, Decimal(5)), (LineKind.CLAMP, Decimal(-5))]
    assert service.lines[-1].label == "加、扣分至每小项分数加满封顶或扣完为止"
    assert january.total == 100 and january.item("satisfaction").score == 10


def test_sc2_quarter_totals_sum_the_months_and_carry_disqualifications(jiangxi: Variant) -> None:
    """SC-10: the quarter sums three months; S2's February graft takes away the quarter's award."""
    report = jiangxi_quarter(jiangxi)
    totals = {s: card(report, "staff", s, Q1).total for s in ("S1", "S2", "S3", "S4", "S5")}
    assert totals == {"S1": 302, "S2": 300, "S3": 299, "S4": 298, "S5": 298}
    s2 = card(report, "staff", "S2", Q1)
    assert not s2.eligible and s2.disqualified[0].because.startswith("2026-02：")
    assert [(p.period.label, p.eligible) for p in s2.parts] == [
        ("2026-01", True), ("2026-02", False), ("2026-03", True)]


def test_sc2_three_work_models_per_quarter_with_a_tie_at_the_cut_off(jiangxi: Variant) -> None:
    """SC-2, SC-8: top 3 工作标兵 of Q1 among the eligible; S4 and S5 tie at 298 for third: the id decides."""
    report = jiangxi_quarter(jiangxi)
    (standing,) = [s for s in report.standings if s.award == "工作标兵"]
    assert standing.period == Q1
    assert [(p.subject.id, p.score, p.awarded) for p in standing.placings] == [
        ("S1", 302, True), ("S3", 299, True), ("S4", 298, True), ("S5", 298, False)]
    assert standing.cut_off == "第3名处并列：S4、S5 同为298分；按并列排序规则（subject），S4 入选，S5 未入选。"
    assert [s.id for s in standing.ineligible] == ["S2"]


def test_sc2_red_flag_windows_are_ranked_on_the_same_table(jiangxi: Variant) -> None:
    """SC-2: 流动红旗窗口 are ranked per quarter on the table scored per window (every verdict of its staff)."""
    report = jiangxi_quarter(jiangxi)
    (standing,) = [s for s in report.standings if s.award == "流动红旗窗口"]
    assert [s.id for s in standing.ineligible] == ["W1"]  # S2's graft concerns W1 too
    assert standing.placings == ()
