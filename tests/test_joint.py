"""Joint approval JA-1 … JA-4, computed by hand (jiangxi-town 并联审批制度, county-centre, guangwu-street), and one
lead per joint case under every variant."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Report, VerdictKind, builtin_variant_names, load_variant
from tests import case_variants as cv
from tests.conftest import events, make_variant, only_rules, run


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
    reported = run(make_variant(cv.JIANGXI_DEEMED, case_types=cv.JIANGXI_CASE_TYPES), events(*rows), "2026-03-20",
                   include_compliance=True)
    escaped = [(v.window, v.due, v.actual, v.days_late) for v in reported.verdicts
               if v.rule == "JA-3" and v.kind is VerdictKind.COMPLIANCE]
    assert escaped == [("W-fire", date(2026, 3, 9), date(2026, 3, 4), 0),
                       ("W-land", date(2026, 3, 9), date(2026, 3, 6), 0)]


def test_ja3_no_deemed_approval_before_the_limit_passes_or_for_incomplete_applications() -> None:
    """JA-3: not before the due date has passed; never for an application whose materials were incomplete."""
    complete = [receive("C1", "2026-03-02T09:00", "promised"), forward("C1", "2026-03-02T10:00", "W-env")]
    variant = make_variant(cv.JIANGXI_DEEMED, case_types=cv.JIANGXI_CASE_TYPES)
    assert run(variant, events(*complete), "2026-03-09").verdicts == ()
    incomplete = [receive("C1", "2026-03-02T09:00", "promised", materials_complete=False),
                  forward("C1", "2026-03-02T10:00", "W-env")]
    assert run(variant, events(*incomplete), "2026-03-20").verdicts == ()


# One lead per joint case (guangwu-street 第十八条), named by every verdict about it


def test_ja1_ja2_guangwu_one_lead_named_by_every_verdict_about_the_case() -> None:
    """guangwu-street 第十八条: "不能确定首办受理部门的，由最终发证、发照、发文的部门作为牵头部门". C1 came in through
    the online system (no receiving window), W-建设 issues the certificate: W-建设 leads. W-建设 forwards it to
    W-环保 on Monday 3/2; W-环保, which only takes part, forwards it on to W-消防 on Tuesday 3/3 (3 working days:
    due Friday 3/6), which decides on Tuesday 3/10, 2 working days late.

    JA-1: the last forward came the day after receipt — W-建设 is one working day late. JA-2: W-消防 is late,
    and its verdict names the lead W-建设 (not W-环保, a window that only forwarded the case)."""
    rows = [{"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "case_type": "joint", "online": True,
             "issuing_window": "W-建设"},
            forward("C1", "2026-03-02T10:00", "W-环保", limit=3, by="W-建设"),
            forward("C1", "2026-03-03T09:00", "W-消防", limit=3, by="W-环保"),
            act("joint_review_decided", "C1", "2026-03-04T16:00", "W-环保", approved=True),
            act("joint_review_decided", "C1", "2026-03-10T16:00", "W-消防", approved=True)]
    report = run(only_rules(load_variant("guangwu-street"), "JA-"), events(*rows), "2026-03-31")
    assert [(v.rule, str(v.subject), v.on, v.lead) for v in report.verdicts] == [
        ("JA-1", "window:W-建设", date(2026, 3, 3), "W-建设"), ("JA-2", "window:W-消防", date(2026, 3, 10), "W-建设")]
    assert "联办件由W-建设牵头" in report.verdicts[0].explanation
    assert "（牵头窗口W-建设）" in report.verdicts[1].explanation
    assert report.verdicts[1].days_late == 2


WINDOWS = ("W-A", "W-B", "W-C", "W-D")


@st.composite
def joint_cases(draw: st.DrawFn, case_type: str) -> list[dict[str, object]]:
    """Cases received at a window (or online), some with an issuing window, forwarded by any window — the lead or
    not — to others, some decided, attended or explained; in March 2026."""
    rows: list[dict[str, object]] = []
    for number in range(draw(st.integers(1, 4))):
        case, day = f"C{number}", draw(st.integers(2, 6))
        receiving = draw(st.sampled_from((*WINDOWS[:2], None)))
        issuing = draw(st.sampled_from((*WINDOWS[2:], None)))
        rows.append({"type": "case_received", "case": case, "at": f"2026-03-0{day}T09:00", "case_type": case_type,
                     **({"window": receiving} if receiving else {"online": True}),
                     **({"issuing_window": issuing} if issuing else {})})
        for hour, (by, to) in enumerate(draw(st.lists(st.tuples(st.sampled_from(WINDOWS), st.sampled_from(WINDOWS)),
                                                      max_size=3)), start=10):
            rows.append(forward(case, f"2026-03-{day + draw(st.integers(0, 3)):02d}T{hour}:00", to,
                                limit=draw(st.integers(1, 5)), by=by))
            reply = draw(st.sampled_from(["joint_review_decided", "joint_meeting_attended", None]))
            if reply is not None:
                rows.append(act(reply, case, f"2026-03-{day + draw(st.integers(1, 12)):02d}T16:00", to,
                                **({"approved": True} if reply == "joint_review_decided" else {})))
    return rows


@given(name=st.sampled_from(builtin_variant_names()), data=st.data())
def test_every_variant_names_one_lead_per_joint_case(name: str, data: st.DataObject) -> None:
    """JA-1 … JA-4 (guangwu-street 第十八条, county-centre 联办件 管理 1, jiangxi-town 并联审批 1): under every built-in
    variant, the verdicts about a joint case name one lead at most — the window that received it or the one issuing
    its certificate, as the variant's rule says, never a window that only forwarded it — and JA-1's verdict is
    charged to that lead. Compliance verdicts are reported, so that every case's lead is named."""
    variant = load_variant(name)
    case_type = "joint" if "joint" in variant.case_types else next(iter(variant.case_types))
    rows = data.draw(joint_cases(case_type))
    report = run(variant, events(*rows), "2026-04-30", include_compliance=True)
    received = {row["case"]: (row.get("window"), row.get("issuing_window"))
                for row in rows if row["type"] == "case_received"}
    for case, (receiving, issuing) in received.items():
        joint = [v for v in report.verdicts if v.case == case and v.rule.startswith("JA-")]
        leads = {v.lead for v in joint}
        assert len(leads) <= 1
        assert leads <= {receiving, issuing, None}
        assert all(v.lead in leads for v in report.verdicts if v.case == case and v.lead is not None)
        assert all(v.window in leads for v in report.verdicts if v.case == case and v.rule == "JA-1"
                   and v.kind is not VerdictKind.WARNING)
