"""Joint approval JA-1 … JA-4, computed by hand (jiangxi-town 并联审批制度, county-centre, guangwu-street)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bianmin_rules import Report, VerdictKind
from tests import case_variants as cv
from tests.conftest import events, make_variant, run


def receive(
    case: str, at: str, case_type: str = "joint", window: str = "W-invest", **extra: object
) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": window, "staff": "S-gao",
            "case_type": case_type, **extra}


def forward(case: str, at: str, to: str, limit: int = 5, by: str = "W-invest") -> dict[str, object]:
    return {"type": "joint_review_forwarded", "case": case, "at": at, "window": by, "to_window": to, "limit": limit}


def act(kind: str, case: str, at: str, window: str, **extra: object) -> dict[str, object]:
    return {"type": kind, "case": case, "at": at, "window": window, **extra}


def found(report: Report, rule: str) -> list[tuple[str | None, str, date]]:
    return [(v.case, str(v.subject), v.on) for v in report.verdicts if v.rule == rule]


# JA-1 牵头部门


def test_ja1_county_receiving_window_leads_and_notifies_at_once() -> None:
    """JA-1 (county-centre 联办件 管理 1, 3): the receiving window leads and "应立即通知各相关部门".

    C1 forwarded to both windows on the day of receipt; C2 to the second only the next
    day; C3 not at all by 3/4 (2 working days late).
    """
    rows = [receive("C1", "2026-03-02T09:00"), forward("C1", "2026-03-02T10:00", "W-fire"),
            forward("C1", "2026-03-02T10:05", "W-env"),
            receive("C2", "2026-03-02T09:00"), forward("C2", "2026-03-02T10:00", "W-fire"),
            forward("C2", "2026-03-03T10:00", "W-env"),
            receive("C3", "2026-03-02T09:00")]
    report = run(make_variant(cv.COUNTY_JOINT_LEAD), events(*rows), "2026-03-04")
    assert found(report, "JA-1") == [("C2", "window:W-invest", date(2026, 3, 3)),
                                     ("C3", "window:W-invest", date(2026, 3, 4))]
    late = report.verdicts[0]
    assert "联办件由W-invest牵头" in late.explanation and "已通知：W-fire、W-env" in late.explanation
    assert report.verdicts[1].deadline is not None and report.verdicts[1].deadline.days_late == 2


def test_ja1_guangwu_first_handling_department_else_the_issuing_one() -> None:
    """JA-1 (guangwu-street 第十八条): received at the comprehensive window, so the issuing window W-建设 leads."""
    rows = [receive("C1", "2026-03-02T09:00", window="W-综合受理", issuing_window="W-建设"),
            forward("C1", "2026-03-03T09:00", "W-环保", by="W-建设"),
            receive("C2", "2026-03-02T09:00", window="W-综合受理")]
    report = run(cv.guangwu_case_rules(), events(*rows), "2026-03-31")
    (late,) = [v for v in report.verdicts if v.rule == "JA-1" and v.kind is VerdictKind.VIOLATION]
    assert (late.case, str(late.subject)) == ("C1", "window:W-建设")
    (unknown,) = [v for v in report.verdicts if v.rule == "JA-1" and v.kind is VerdictKind.WARNING]
    assert unknown.case == "C2" and "无法确定牵头部门" in unknown.explanation


# JA-2 并联审批时限, JA-4 联办件超时 (jiangxi-town: "联办件超时办结的，责任窗口每件每超1天扣2分")


def test_ja2_ja4_each_window_from_its_receipt_late_window_charged_per_day() -> None:
    """JA-2, JA-4: forwarded Monday 3/2 with 5 working days (due 3/9); W-fire decides 3/11: 2 days × −2, to W-fire."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"), forward("C1", "2026-03-02T10:00", "W-fire"),
            act("joint_review_decided", "C1", "2026-03-11T16:00", "W-fire", approved=True),
            forward("C1", "2026-03-02T10:00", "W-env"),
            act("joint_review_decided", "C1", "2026-03-09T16:00", "W-env", approved=False)]
    report = run(make_variant(cv.JIANGXI_JOINT_REVIEW, cv.JIANGXI_JOINT_LATE, case_types=cv.JIANGXI_CASE_TYPES),
                 events(*rows), "2026-03-31")
    assert [(v.rule, str(v.subject), v.points) for v in report.verdicts] == [
        ("JA-2", "window:W-fire", Decimal(0)), ("JA-4", "window:W-fire", Decimal(-4))]
    assert report.verdicts[0].due == date(2026, 3, 9)
    assert "牵头窗口W-invest" in report.verdicts[0].explanation


def test_ja2_tl8_suspension_stops_every_window_clock() -> None:
    """JA-2, TL-8 (jiangxi-town 并联审批 5: "可将该事项挂起"): suspended 3/4, resumed 3/6 → due 3/11: in time."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"), forward("C1", "2026-03-02T10:00", "W-fire"),
            act("case_suspended", "C1", "2026-03-04T09:00", "W-invest", reason="服务对象延迟补交材料"),
            act("case_resumed", "C1", "2026-03-06T09:00", "W-invest"),
            act("joint_review_decided", "C1", "2026-03-11T16:00", "W-fire", approved=True)]
    variant = make_variant(cv.JIANGXI_JOINT_REVIEW, case_types=cv.JIANGXI_CASE_TYPES)
    assert run(variant, events(*rows), "2026-03-31").verdicts == ()


def test_ja4_undecided_window_is_late_as_of_evaluation() -> None:
    """JA-4 ("联办件中未按要求办理的，视为超时默认"): still undecided on 3/12, 3 working days after 3/9: −6."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"), forward("C1", "2026-03-02T10:00", "W-fire")]
    variant = make_variant(cv.JIANGXI_JOINT_LATE, case_types=cv.JIANGXI_CASE_TYPES)
    (verdict,) = run(variant, events(*rows), "2026-03-12").verdicts
    assert (verdict.points, verdict.actual, str(verdict.subject)) == (Decimal(-6), None, "window:W-fire")


def test_ja4_meeting_absence_and_rules_are_finding_tallies() -> None:
    """JA-4 (jiangxi-town: "联审会无故缺席的，每次扣2分；违反联审会有关规定的，每次扣1分")."""
    rows = [{"type": "finding_recorded", "at": "2026-03-05T10:00", "window": window, "finding": code}
            for window, code in (("W-fire", "joint_meeting_absent"), ("W-env", "joint_meeting_rules"))]
    report = run(cv.jiangxi_case_rules(), events(*rows), "2026-03-31")
    assert [(v.rule, str(v.subject), v.points) for v in report.verdicts] == [
        ("JA-4", "window:W-env", Decimal(-1)), ("JA-4", "window:W-fire", Decimal(-2))]


# JA-3 行政默认 (jiangxi-town 并联审批 6; county-centre 第二十六条)


def test_ja3_deemed_approval_is_borne_by_the_window_that_did_nothing() -> None:
    """JA-3: four windows forwarded 3/2 with 5 working days (due 3/9), as of 3/20.

    W-env did nothing: deemed approved on 3/10, borne by W-env. W-fire attended the
    joint inspection on 3/4 (then decided late): no deemed approval. W-land explained in
    writing on 3/6: none. W-water explained only orally: deemed approved too.
    """
    rows = [receive("C1", "2026-03-02T09:00", "promised"),
            *(forward("C1", "2026-03-02T10:00", w) for w in ("W-env", "W-fire", "W-land", "W-water")),
            act("joint_meeting_attended", "C1", "2026-03-04T09:30", "W-fire", meeting="inspection"),
            act("joint_review_decided", "C1", "2026-03-12T09:30", "W-fire", approved=True),
            act("joint_review_explained", "C1", "2026-03-06T09:30", "W-land", reason="需上级核查"),
            act("joint_review_explained", "C1", "2026-03-06T09:30", "W-water", reason="人手不足", written=False)]
    report = run(make_variant(cv.JIANGXI_DEEMED, case_types=cv.JIANGXI_CASE_TYPES), events(*rows), "2026-03-20")
    assert found(report, "JA-3") == [
        ("C1", "window:W-env", date(2026, 3, 10)), ("C1", "window:W-water", date(2026, 3, 10))]
    env = report.verdicts[0]
    assert "视为默认许可，由此产生的一切后果由W-env承担" in env.explanation
    assert env.due == date(2026, 3, 9) and env.window == "W-env"


def test_ja3_no_deemed_approval_before_the_limit_passes_or_for_incomplete_applications() -> None:
    """JA-3: not before the due date has passed; never for an application whose materials were incomplete."""
    complete = [receive("C1", "2026-03-02T09:00", "promised"), forward("C1", "2026-03-02T10:00", "W-env")]
    variant = make_variant(cv.JIANGXI_DEEMED, case_types=cv.JIANGXI_CASE_TYPES)
    assert run(variant, events(*complete), "2026-03-09").verdicts == ()
    incomplete = [receive("C1", "2026-03-02T09:00", "promised", materials_complete=False),
                  forward("C1", "2026-03-02T10:00", "W-env")]
    assert run(variant, events(*incomplete), "2026-03-20").verdicts == ()
