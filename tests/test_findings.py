"""Fixed penalties for findings: ESC-3 (guangwu-street 第三十八条) and SC-4 line items (county-centre)."""

from __future__ import annotations

from decimal import Decimal

from bianmin_rules import VerdictKind
from tests.conftest import events, make_variant, run

CITATION = {
    "document": "光武街道便民服务中心管理制度", "article": "第三十八条", "quote": "通报批评，扣除当月考核奖100元",
}


def finding(code: str, at: str, **extra: object) -> dict[str, object]:
    return {"type": "finding_recorded", "at": at, "staff": "S1", "window": "W1", "finding": code, **extra}


def test_esc3_flat_penalty_per_listed_violation() -> None:
    """ESC-3: each listed violation → 通报批评 and −100 yuan, kept apart from points (SC-9)."""
    variant = make_variant({
        "kind": "finding-penalty", "rule": "ESC-3", "source": CITATION, "findings": ["late", "empty_window"],
        "fine": "100", "sanction": {"tier": "通报批评", "level": 2},
    })
    log = events(finding("late", "2026-03-02T08:40"), finding("empty_window", "2026-03-03T10:00"),
                 finding("no_badge", "2026-03-04T10:00"))
    report = run(variant, log, "2026-03-31")
    assert [(v.rule, v.fine, v.points, v.sanction.tier if v.sanction else None) for v in report.verdicts] == [
        ("ESC-3", Decimal(100), Decimal(0), "通报批评"), ("ESC-3", Decimal(100), Decimal(0), "通报批评")]
    (total,) = report.totals
    assert (total.fine, total.violations) == (Decimal(200), 2)


def test_sc4_serious_finding_costs_more() -> None:
    """SC-4 思想品德 8: 吃拿卡要 verified −1 each; serious −3."""
    variant = make_variant({
        "kind": "finding-penalty", "rule": "SC-4", "findings": ["graft"], "points": "-1", "serious_points": "-3",
        "label": "吃、拿、卡、要",
        "source": {"document": "考核办法", "article": "二(一)8", "quote": "经查实每次扣1分；情节严重的，扣3分"},
    })
    log = events(finding("graft", "2026-03-02T10:00", by="verified_report"),
                 finding("graft", "2026-03-09T10:00", by="verified_report", serious=True))
    assert [v.points for v in run(variant, log, "2026-03-31").verdicts] == [Decimal(-1), Decimal(-3)]


def test_points_per_unit_and_finder_filter() -> None:
    """ATT-2 (county-centre staff 考勤纪律 1): 旷工每半天扣2分 — a finding of 3 half days costs 6 points."""
    variant = make_variant({
        "kind": "finding-penalty", "rule": "ATT-2", "findings": ["absent_half_days"], "points": "-2",
        "sources": ["inspection"], "source": {"document": "考核办法", "article": "二(三)1", "quote": "旷工每半天扣2分"},
    })
    log = events(finding("absent_half_days", "2026-03-02T17:00", quantity="3"),
                 finding("absent_half_days", "2026-03-03T17:00", by="media"))
    (verdict,) = run(variant, log, "2026-03-31").verdicts
    assert (verdict.points, verdict.kind, verdict.evidence) == (Decimal(-6), VerdictKind.VIOLATION, ("e1",))
    assert "× 3" in verdict.explanation
