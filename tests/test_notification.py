"""One-time notification OTN-1 … OTN-7, computed by hand from the texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bianmin_rules import Report, Sanction, VerdictKind
from tests import case_variants as cv
from tests.conftest import events, make_variant, run


def receive(case: str, at: str, case_type: str = "supplement", staff: str = "S1", **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": staff, "case_type": case_type,
            "materials_complete": False, **extra}


def notice(case: str, at: str, items: list[str], staff: str = "S1", **extra: object) -> dict[str, object]:
    return {"type": "missing_materials_notice", "case": case, "at": at, "window": "W1", "staff": staff,
            "items": items, **extra}


def returned(case: str, at: str, cause: str = "incomplete_notice", **extra: object) -> dict[str, object]:
    return {"type": "applicant_returned", "case": case, "at": at, "cause": cause, **extra}


def rules(report: Report, *names: str) -> list[tuple[str, str | None, str]]:
    return [(v.rule, v.case, str(v.subject)) for v in report.verdicts if v.rule in names]


# OTN-1 (town-basic 三(四)1) and OTN-7 (jiangxi-town 一次性告知制度 3): what a notice states


def test_otn1_town_basic_notice_must_state_limit_fees_and_legal_basis() -> None:
    """OTN-1: "有关材料、办理程序、承诺时限、收费标准和办事的法律法规政策依据" — a notice with two of them."""
    rows = [receive("C1", "2026-03-02T09:00"),
            notice("C1", "2026-03-02T09:10", ["营业执照"], states=["materials", "procedure"])]
    (verdict,) = [v for v in run(cv.town_basic_case_rules(), events(*rows), "2026-03-31").verdicts if v.rule == "OTN-1"]
    assert "未载明承诺时限、收费标准、办事依据" in verdict.explanation
    assert (verdict.on, str(verdict.subject)) == (date(2026, 3, 2), "staff:S1")


def test_otn7_jiangxi_written_notice_content() -> None:
    """OTN-7: all eight items stated → nothing; no 查询方式 → incomplete; oral → incomplete; unrecorded → warning."""
    full = ["handling_unit", "handler", "application_date", "matter", "procedure", "materials", "promised_limit",
            "enquiry"]
    rows = [receive("C1", "2026-03-02T09:00", "promised"), notice("C1", "2026-03-02T09:10", ["a"], states=full),
            receive("C2", "2026-03-02T09:00", "promised"), notice("C2", "2026-03-02T09:10", ["a"], states=full[:-1]),
            receive("C3", "2026-03-02T09:00", "promised"),
            notice("C3", "2026-03-02T09:10", ["a"], states=full, written=False),
            receive("C4", "2026-03-02T09:00", "promised"), notice("C4", "2026-03-02T09:10", ["a"])]
    variant = make_variant(cv.JIANGXI_NOTICE_CONTENT, case_types=cv.JIANGXI_CASE_TYPES)
    verdicts = run(variant, events(*rows), "2026-03-31").verdicts
    assert [(v.case, v.kind) for v in verdicts] == [
        ("C2", VerdictKind.VIOLATION), ("C3", VerdictKind.VIOLATION), ("C4", VerdictKind.WARNING)]
    assert "未载明查询方式" in verdicts[0].explanation
    assert "未出具书面告知单" in verdicts[1].explanation
    assert verdicts[2].points == 0


# OTN-2 (county-centre 补办件 管理 1; town-basic 三(四)4): all missing items in one notice


def test_otn2_later_request_for_an_unlisted_item_is_charged_to_the_first_notice() -> None:
    """OTN-2: S-li lists 营业执照副本 and 租赁合同 on 3/2; S-wang asks for 消防验收意见 on 3/5: charged to S-li.

    A third notice repeating 消防验收意见 is not a new failure.
    """
    rows = [receive("C1", "2026-03-02T09:00"),
            notice("C1", "2026-03-02T09:10", ["营业执照副本", "租赁合同"], staff="S-li"),
            notice("C1", "2026-03-05T10:00", ["租赁合同", "消防验收意见"], staff="S-wang"),
            notice("C1", "2026-03-09T10:00", ["消防验收意见"], staff="S-wang")]
    (verdict,) = run(make_variant(cv.COUNTY_SINGLE_NOTICE), events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.on, verdict.evidence) == (
        "OTN-2", "staff:S-li", date(2026, 3, 5), ("e2", "e3"))
    assert "未列明“消防验收意见”" in verdict.explanation


def test_otn2_guangwu_costs_one_hundred_yuan() -> None:
    """OTN-2, ESC-3 (guangwu-street 第二十二条, 第三十八条(四)): 100 yuan, not points (SC-9)."""
    rows = [receive("C1", "2026-03-02T09:00", "reported"), notice("C1", "2026-03-02T09:10", ["a"]),
            notice("C1", "2026-03-03T09:10", ["b"])]
    (verdict,) = [v for v in run(cv.guangwu_case_rules(), events(*rows), "2026-03-31").verdicts if v.rule == "OTN-2"]
    assert (verdict.fine, verdict.points) == (Decimal(100), Decimal(0))


# OTN-3 (jianshe-street 窗口服务规范 五: 5 working days; village template: blank)


def late_notice(at: str | None, *, oral_first: bool = False) -> list[dict[str, object]]:
    """Received Wednesday 9/30 incomplete: 5 working days are 10/8, 10/9, 10/10 (make-up), 10/12, 10/13."""
    rows = [receive("C1", "2026-09-30T10:00", "promised", promised_limit=20)]
    if oral_first:
        rows.append(notice("C1", "2026-10-09T10:00", ["a"], written=False))
    if at:
        rows.append(notice("C1", at, ["a"]))
    return rows


def test_otn3_jianshe_notice_within_five_working_days_across_national_day() -> None:
    """OTN-3: a written notice on 10/13 is in time; on 10/14 it is one working day late."""
    assert run(cv.jianshe_case_rules(), events(*late_notice("2026-10-13T16:00")), "2026-10-31").verdicts == ()
    (verdict,) = run(cv.jianshe_case_rules(), events(*late_notice("2026-10-14T09:00")), "2026-10-31").verdicts
    assert (verdict.rule, verdict.due, verdict.actual) == ("OTN-3", date(2026, 10, 13), date(2026, 10, 14))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1


def test_otn3_jianshe_oral_notice_does_not_meet_the_written_requirement() -> None:
    """OTN-3 ("一次性书面告知"): an oral notice on 10/9 does not count; no written one by 10/16 is 3 days late."""
    (verdict,) = run(cv.jianshe_case_rules(), events(*late_notice(None, oral_first=True)), "2026-10-16").verdicts
    assert (verdict.actual, verdict.deadline.days_late if verdict.deadline else None) == (None, 3)


def test_otn3_village_template_limit_once_filled_in() -> None:
    """OTN-3: the village template's blank "不得超过____个工作日", filled in as 3: due 10/10, the make-up Saturday."""
    (verdict,) = run(cv.village_case_rules(notice_limit=3), events(*late_notice("2026-10-12T09:00")),
                     "2026-10-31").verdicts
    assert (verdict.rule, verdict.due) == ("OTN-3", date(2026, 10, 10))


# OTN-4 (town-basic 三(四)6): written reasons for a rejection


def test_otn4_rejection_without_written_reasons() -> None:
    """OTN-4: "要以书面形式一次性告知被服务对象退回的原因" — an oral rejection, and one without reasons."""
    rows = [receive("C1", "2026-03-02T09:00", "returned"),
            {"type": "case_rejected", "case": "C1", "at": "2026-03-03T09:00", "reasons": ["主件缺少"],
             "written": False},
            receive("C2", "2026-03-02T09:00", "returned"),
            {"type": "case_rejected", "case": "C2", "at": "2026-03-03T09:00", "staff": "S9"},
            receive("C3", "2026-03-02T09:00", "returned"),
            {"type": "case_rejected", "case": "C3", "at": "2026-03-03T09:00", "reasons": ["不符合规划"]}]
    report = run(cv.town_basic_case_rules(), events(*rows), "2026-03-31")
    assert rules(report, "OTN-4") == [("OTN-4", "C1", "staff:S1"), ("OTN-4", "C2", "staff:S9")]


# OTN-5 repeat trips: jiangxi-town −3 per case, county-centre −1, community-hall reimburses travel


def test_otn5_jiangxi_two_trips_cost_three_points_per_case() -> None:
    """OTN-5 (jiangxi-town: "造成服务对象2次以上往返跑的，每件扣3分"): one return trip is the second trip."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"), returned("C1", "2026-03-04T09:00"),
            returned("C1", "2026-03-06T09:00", "no_notice"),
            receive("C2", "2026-03-02T09:00", "promised"), returned("C2", "2026-03-04T09:00", "other")]
    variant = make_variant(cv.JIANGXI_REPEAT_TRIPS, case_types=cv.JIANGXI_CASE_TYPES)
    (verdict,) = run(variant, events(*rows), "2026-03-31").verdicts
    assert (verdict.case, verdict.points, verdict.on, verdict.reimbursement) == (
        "C1", Decimal(-3), date(2026, 3, 4), Decimal(0))
    assert "往返3次" in verdict.explanation


def test_otn5_minimum_trips_is_a_parameter() -> None:
    """OTN-5: read "2次以上往返跑" as two return trips (min_trips 3), one return is not enough."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"), returned("C1", "2026-03-04T09:00")]
    variant = make_variant({**cv.JIANGXI_REPEAT_TRIPS, "min_trips": 3}, case_types=cv.JIANGXI_CASE_TYPES)
    assert run(variant, events(*rows), "2026-03-31").verdicts == ()


def test_otn5_community_hall_reimburses_the_round_trips_apart_from_fines() -> None:
    """OTN-5 (community-hall 一次性告知制度 五: "承办人应赔偿服务对象的往返交通费"): money owed, not a fine (SC-9).

    The trip's ``staff`` answers for it; a trip without a recorded cost is named, not guessed.
    """
    rows = [receive("C1", "2026-03-02T09:00"), notice("C1", "2026-03-02T09:10", ["a"], staff="S-li"),
            returned("C1", "2026-03-04T09:00", travel_cost="12.50"), returned("C1", "2026-03-06T09:00")]
    (verdict,) = run(make_variant(cv.COMMUNITY_REPEAT_TRIPS), events(*rows), "2026-03-31").verdicts
    assert (verdict.reimbursement, verdict.fine, verdict.points, str(verdict.subject)) == (
        Decimal("12.50"), Decimal(0), Decimal(0), "staff:S-li")
    assert "赔偿往返交通费12.50元" in verdict.explanation and "1次往返的交通费未记录" in verdict.explanation
    (total,) = run(make_variant(cv.COMMUNITY_REPEAT_TRIPS), events(*rows), "2026-03-31").totals
    assert (total.reimbursement, total.fine) == (Decimal("12.50"), Decimal(0))


# OTN-6 (county-centre 责任追究制 3): 1st 批评教育, 2nd 诫勉谈话, 3rd 通报批评, counted per calendar year


def trips(case: str, day: str, staff: str = "S1") -> list[dict[str, object]]:
    return [receive(case, f"{day}T09:00", staff=staff), returned(case, f"{day}T15:00", staff=staff)]


def test_otn6_offence_ladder_counts_per_calendar_year() -> None:
    """OTN-6, ESC-2: one failure in 2025, four in 2026 — the year restarts the count; a 4th stays 通报批评."""
    rows = [*trips("A", "2025-12-10"), *trips("B", "2026-01-05"), *trips("C", "2026-03-02"),
            *trips("D", "2026-05-06"), *trips("E", "2026-06-01"), *trips("F", "2026-06-02", staff="S2")]
    report = run(make_variant(cv.COUNTY_REPEAT_TRIPS, cv.COUNTY_NOTICE_LADDER), events(*rows), "2026-12-31")
    ladder = [(v.subject.id, v.case, v.sanction) for v in report.verdicts if v.rule == "OTN-6"]
    assert ladder == [
        ("S1", "A", Sanction(tier="批评教育", level=1)),
        ("S1", "B", Sanction(tier="批评教育", level=1)),
        ("S1", "C", Sanction(tier="诫勉谈话", level=2)),
        ("S1", "D", Sanction(tier="通报批评", level=3)),
        ("S1", "E", Sanction(tier="通报批评", level=3)),
        ("S2", "F", Sanction(tier="批评教育", level=1)),
    ]
    third = next(v for v in report.verdicts if v.rule == "OTN-6" and v.case == "D")
    assert "第3次" in third.explanation and third.evidence[-1] == "e8"


def test_otn6_period_is_a_parameter() -> None:
    """OTN-6, ESC-2: counted per quarter, the May and June failures are the 1st and 2nd of 2026-Q2."""
    rows = [*trips("C", "2026-03-02"), *trips("D", "2026-05-06"), *trips("E", "2026-06-01")]
    variant = make_variant(cv.COUNTY_REPEAT_TRIPS, {**cv.COUNTY_NOTICE_LADDER, "period": "quarter"})
    tiers = [v.sanction.tier for v in run(variant, events(*rows), "2026-12-31").verdicts
             if v.rule == "OTN-6" and v.sanction]
    assert tiers == ["批评教育", "批评教育", "诫勉谈话"]
