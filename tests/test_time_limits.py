"""Time limits TL-1 … TL-10, computed by hand from the texts of the variants.

The 2026 Spring Festival break runs 2/15–2/23 with make-up working Saturdays on 2/14 and
2/28; National Day runs 10/1–10/7 with a make-up Saturday on 10/10 (CAL-1).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import Report, TimeLimit, Variant, Verdict, VerdictKind, agenda, load_variant
from bianmin_rules.core.engine import collect
from bianmin_rules.core.policy import Context
from bianmin_rules.families.cases.ledger import CASE_FILES
from bianmin_rules.families.cases.policies import GreenChannel
from tests import case_variants as cv
from tests.conftest import events, make_variant, only_rules, run


def receive(case: str, at: str, case_type: str, **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": "S1", "case_type": case_type,
            **extra}


def step(kind: str, case: str, at: str, **extra: object) -> dict[str, object]:
    return {"type": kind, "case": case, "at": at, "window": "W1", "staff": "S1", **extra}


def judged(report: Report) -> tuple[Verdict, ...]:
    """The verdicts of a report but its measures (TL-12 information)."""
    return tuple(v for v in report.verdicts if v.kind is not VerdictKind.INFORMATION)


JIANGXI_LIMIT = make_variant(cv.JIANGXI_PROMISED, case_types=cv.JIANGXI_CASE_TYPES)


@pytest.fixture(scope="module")
def county() -> Variant:
    """The built-in county-centre's TL-1, TL-4 and TL-7, alone: the rules these tests are about."""
    return only_rules(load_variant("county-centre"), "TL-1", "TL-4", "TL-7")


# TL-1 即办件 (一、(二)1: 即办件必须即收即办，当场把受理事项办结)


def test_tl1_immediate_case_completed_the_same_day_after_closing_is_in_time(county: Variant) -> None:
    """TL-1 with CAL-5: finishing at 17:50 for an applicant still present is the same day."""
    log = events(receive("C1", "2026-03-02T09:10", "immediate"), step("case_completed", "C1", "2026-03-02T17:50"))
    assert run(county, log, "2026-03-31").verdicts == ()


def test_tl1_immediate_case_completed_on_the_make_up_saturday_is_one_working_day_late(county: Variant) -> None:
    """TL-1: received Friday 2026-02-13, completed on the make-up Saturday 2/14: one working day late."""
    log = events(receive("C1", "2026-02-13T16:00", "immediate"), step("case_completed", "C1", "2026-02-14T09:00"))
    (verdict,) = run(county, log, "2026-03-31").verdicts
    assert (verdict.rule, verdict.kind, verdict.due, verdict.actual) == (
        "TL-1", VerdictKind.VIOLATION, date(2026, 2, 13), date(2026, 2, 14))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1
    assert verdict.on == date(2026, 2, 14)
    assert verdict.evidence == ("e1", "e2")
    assert verdict.source.article == "一、(二)1" and "即收即办" in verdict.source.quote
    assert (verdict.case, verdict.window, verdict.staff, str(verdict.subject)) == ("C1", "W1", "S1", "staff:S1")


def test_tl1_lateness_across_national_day_counts_working_days_only(county: Variant) -> None:
    """TL-1, TL-9: received 2026-09-30, completed 10/8 — 10/1–10/7 are holidays, so one working day late."""
    log = events(receive("C1", "2026-09-30T10:00", "immediate"), step("case_completed", "C1", "2026-10-08T10:00"))
    (verdict,) = run(county, log, "2026-10-31").verdicts
    assert verdict.deadline is not None and verdict.deadline.days_late == 1


def test_tl1_open_immediate_case_is_late_from_the_next_day_on(county: Variant) -> None:
    """TL-1: an immediate case still open is judged as of the day of evaluation."""
    log = events(receive("C1", "2026-03-30T15:00", "immediate"), receive("C2", "2026-03-31T09:00", "immediate"))
    (verdict,) = run(county, log, "2026-03-31").verdicts
    assert (verdict.case, verdict.actual, verdict.on) == ("C1", None, date(2026, 3, 31))
    assert "尚未完成" in verdict.explanation


def test_tl1_ignores_case_types_it_does_not_cover(county: Variant) -> None:
    """TL-1 applies to 即办件 only: a promised case completed days later is not an immediate case."""
    log = events(receive("C1", "2026-03-02T09:00", "promised"), step("case_completed", "C1", "2026-03-05T09:00"))
    assert [v.rule for v in run(county, log, "2026-03-31").verdicts] == []


# TL-4 补办件 (三、(二)2: 补办件的办事时限从服务对象补齐材料之日起计算)


def supplement_case(completed: str | None) -> list[dict[str, object]]:
    rows = [
        receive("C1", "2026-02-12T09:30", "supplement", promised_limit=5, materials_complete=False),
        step("missing_materials_notice", "C1", "2026-02-12T09:40", items=["施工图审查合格书"]),
        step("materials_completed", "C1", "2026-02-13T10:00"),
    ]
    if completed:
        rows.append(step("case_completed", "C1", completed))
    return rows


def test_tl4_clock_starts_when_materials_are_complete_across_spring_festival(county: Variant) -> None:
    """TL-4: materials complete 2026-02-13; 5 working days are 2/14, 2/24, 2/25, 2/26, 2/27."""
    assert run(county, events(*supplement_case("2026-02-27T16:00")), "2026-03-31").verdicts == ()


def test_tl4_completion_after_the_make_up_saturday_is_two_working_days_late(county: Variant) -> None:
    """TL-4: due 2026-02-27; completed Monday 3/2 — the make-up Saturday 2/28 counts, so 2 days late."""
    (verdict,) = run(county, events(*supplement_case("2026-03-02T10:00")), "2026-03-31").verdicts
    assert verdict.rule == "TL-4"
    assert verdict.deadline is not None
    assert (verdict.deadline.start, verdict.deadline.due, verdict.deadline.days_late) == (
        date(2026, 2, 13), date(2026, 2, 27), 2)
    assert verdict.deadline.start_rule == "补齐材料之日"
    assert verdict.evidence == ("e1", "e3", "e4")


def test_tl4_clock_does_not_run_before_the_materials_are_complete(county: Variant) -> None:
    """TL-4: without a materials-completed event, a supplement case has no running limit."""
    rows = supplement_case(None)[:2]
    assert run(county, events(*rows), "2026-12-31").verdicts == ()


def test_tl4_open_supplement_case_past_its_due_date(county: Variant) -> None:
    """TL-4: still open on 2026-03-03, 3 working days past the due date 2/27 (2/28 make-up Saturday, 3/2, 3/3)."""
    (verdict,) = run(county, events(*supplement_case(None)), "2026-03-03").verdicts
    assert verdict.deadline is not None and verdict.deadline.days_late == 3
    assert verdict.actual is None


# TL-7 驳回件 (五、(二)1: 最迟不超过三个工作日)


def rejected_case(decided: str | None, case_type: str = "rejected") -> list[dict[str, object]]:
    rows = [receive("C1", "2026-02-12T15:00", case_type)]
    if decided:
        rows.append(step("case_rejected", "C1", decided, reasons=["选址不符合县总体规划"]))
    return rows


def test_tl7_rejection_on_the_third_working_day_across_spring_festival_is_in_time(county: Variant) -> None:
    """TL-7: received Thursday 2026-02-12; 3 working days are 2/13, 2/14 (make-up Saturday), 2/24."""
    assert run(county, events(*rejected_case("2026-02-24T17:00")), "2026-03-31").verdicts == ()


def test_tl7_rejection_on_the_fourth_working_day_is_late(county: Variant) -> None:
    """TL-7: a rejection on 2026-02-25 is one working day after the latest day, 2/24."""
    (verdict,) = run(county, events(*rejected_case("2026-02-25T11:00")), "2026-03-31").verdicts
    assert (verdict.rule, verdict.due, verdict.actual) == ("TL-7", date(2026, 2, 24), date(2026, 2, 25))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1


def test_tl7_undecided_rejection_case_is_late_as_of_evaluation(county: Variant) -> None:
    """TL-7: a 驳回件 with no decision by 2026-02-26 is 2 working days late (2/25, 2/26)."""
    (verdict,) = run(county, events(*rejected_case(None)), "2026-02-26").verdicts
    assert verdict.deadline is not None and (verdict.deadline.days_late, verdict.actual) == (2, None)


def test_tl7_applies_to_any_rejected_case(county: Variant) -> None:
    """TL-7: a promised case rejected late is judged too; a timely rejection of one is not."""
    late = run(county, events(*rejected_case("2026-02-26T09:00", "promised")), "2026-03-31")
    assert [v.rule for v in late.verdicts] == ["TL-7"]
    timely = run(county, events(*rejected_case("2026-02-13T09:00", "promised")), "2026-03-31")
    assert timely.verdicts == ()


def test_compliance_verdicts_on_request(county: Variant) -> None:
    """TL-1, TL-4, TL-7: with include_compliance, rules met are reported as compliance."""
    rows = [*supplement_case("2026-02-27T16:00")]
    report = run(county, events(*rows), "2026-03-31", include_compliance=True)
    assert [(v.rule, v.kind) for v in report.verdicts] == [("TL-4", VerdictKind.COMPLIANCE)]
    assert report.verdicts[0].points == 0


# TL-2 承诺件, TL-8 中止, TL-9 逾期扣分 (jiangxi-town 业务管理: "办件超承诺时限的，每件每超过1天扣2分")


def suspended_case(completed: str) -> list[dict[str, object]]:
    """Received 2026-02-10 with 5 working days (due 2/24); suspended 2/12, resumed 2/25: due 2/28."""
    return [
        receive("C1", "2026-02-10T09:00", "promised", promised_limit=5),
        step("case_suspended", "C1", "2026-02-12T10:00", reason="申请人补正现场条件"),
        step("case_resumed", "C1", "2026-02-25T10:00"),
        step("case_completed", "C1", completed),
    ]


def test_tl8_tl9_jiangxi_suspended_case_two_working_days_late_costs_four_points() -> None:
    """TL-8, TL-9 (jiangxi-town 并联审批 5, 业务管理): due 2/28 after the suspension; done Tuesday 3/3: 2 days × −2."""
    (verdict,) = [v for v in run(cv.jiangxi_case_rules(), events(*suspended_case("2026-03-03T10:00")),
                                 "2026-03-31").verdicts if v.rule == "TL-9"]
    assert (verdict.kind, verdict.due, verdict.actual, verdict.points) == (
        VerdictKind.VIOLATION, date(2026, 2, 28), date(2026, 3, 3), Decimal(-4))
    trace = verdict.deadline
    assert trace is not None
    assert (trace.limit.amount, trace.start, trace.base_due, trace.days_late) == (
        5, date(2026, 2, 10), date(2026, 2, 24), 2)
    (pause,) = trace.suspensions
    assert (pause.suspended, pause.resumed, pause.days_not_counted) == (date(2026, 2, 12), date(2026, 2, 25), 4)
    assert "2026-02-12中止、2026-02-25恢复，不计4个工作日" in verdict.explanation
    assert "逾期2个工作日" in verdict.explanation
    assert verdict.evidence == ("e1", "e4")


def test_tl8_completed_on_the_make_up_saturday_after_a_suspension_is_in_time() -> None:
    """TL-8: the same case completed on the make-up Saturday 2/28 is in time."""
    assert run(JIANGXI_LIMIT, events(*suspended_case("2026-02-28T11:00")), "2026-03-31").verdicts == ()


def test_tl9_unit_of_overdue_days_is_a_parameter() -> None:
    """TL-9: due Friday 2/13, done Tuesday 2/24: 2 working days late (2/14, 2/24), or 11 calendar days.

    "每超过1天" does not say which day; each verdict states the unit it counted.
    """
    rows = [receive("C1", "2026-02-06T09:00", "promised", promised_limit=5),
            step("case_completed", "C1", "2026-02-24T09:00")]
    working = make_variant(cv.JIANGXI_PROMISED, case_types=cv.JIANGXI_CASE_TYPES)
    calendar_days = make_variant({**cv.JIANGXI_PROMISED, "late_unit": "calendar_days"},
                                 case_types=cv.JIANGXI_CASE_TYPES)
    (by_working,) = run(working, events(*rows), "2026-03-31").verdicts
    (by_calendar,) = run(calendar_days, events(*rows), "2026-03-31").verdicts
    assert (by_working.points, by_calendar.points) == (Decimal(-4), Decimal(-22))
    assert by_calendar.deadline is not None and by_calendar.deadline.late_unit == "calendar_days"
    assert "逾期11日" in by_calendar.explanation and "逾期2个工作日" in by_working.explanation


def test_tl9_town_conduct_minus_ten_per_case_whatever_the_days() -> None:
    """TL-9 (town-conduct-100 绩 2: "超过承诺时限的，每一件扣10分"): one day or ten, −10."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("case_completed", "C1", "2026-03-10T09:00"),
            receive("C2", "2026-03-02T09:00", "reported", promised_limit=5),
            step("case_completed", "C2", "2026-03-20T09:00")]
    report = run(cv.town_conduct_case_rules(), events(*rows), "2026-03-31")
    assert [(v.case, v.points, v.deadline.days_late if v.deadline else None) for v in report.verdicts] == [
        ("C1", Decimal(-10), 1), ("C2", Decimal(-10), 9)]


def test_tl2_town_conduct_usual_limit_is_an_explicit_parameter() -> None:
    """TL-2 (town-conduct-100 限时办结制度 2: "一般办理限时为3—5日", unit unstated): the variant writes its reading.

    A case promised nothing: read as 5 working days from Monday 3/2 it is due 3/9; read
    as 5 calendar days, 3/7 is a Saturday and the limit ends Monday 3/9 too, so a
    completion on 3/10 is late either way; without a default, it is a TL-2 violation.
    """
    rows = [receive("C1", "2026-03-02T09:00", "promised"), step("case_completed", "C1", "2026-03-10T09:00")]
    for reading in (5, {"amount": 5, "unit": "calendar_days"}):
        (verdict,) = run(cv.town_conduct_case_rules(default_limit=reading), events(*rows), "2026-03-31").verdicts
        assert (verdict.due, verdict.points) == (date(2026, 3, 9), Decimal(-10))
        assert "按一般办理时限" in verdict.explanation
    (missing,) = run(cv.town_conduct_case_rules(), events(*rows), "2026-03-31").verdicts
    assert missing.deadline is None and "未定承诺时限" in missing.explanation


def test_tl2_tl3_promised_date_of_the_receipt_notice_is_the_limit_when_none_is_recorded() -> None:
    """TL-2, TL-3: no promised limit on the receipt; the notice promises 3/13; done 3/16: one working day late."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"),
            step("receipt_notice_issued", "C1", "2026-03-02T09:05", promised_date="2026-03-13"),
            step("case_completed", "C1", "2026-03-16T09:00")]
    variant = make_variant(cv.JIANGXI_PROMISED, case_types=cv.JIANGXI_CASE_TYPES)
    (verdict,) = run(variant, events(*rows), "2026-03-31").verdicts
    assert (verdict.due, verdict.points) == (date(2026, 3, 13), Decimal(-2))
    assert "受理通知书承诺2026-03-13办结" in verdict.explanation


def test_tl2_promised_case_across_national_day_and_the_make_up_saturday() -> None:
    """TL-2 (jianshe-street 承诺 六): received Wednesday 9/30, 3 working days: 10/8, 10/9, 10/10 (make-up Saturday)."""
    rows = [receive("C1", "2026-09-30T10:00", "promised", promised_limit=3),
            step("case_completed", "C1", "2026-10-12T10:00")]
    (verdict,) = run(cv.jianshe_case_rules(), events(*rows), "2026-10-31").verdicts
    assert (verdict.rule, verdict.due, verdict.deadline.days_late if verdict.deadline else None) == (
        "TL-2", date(2026, 10, 10), 1)


# TL-3 受理通知书 (county-centre 承诺件 管理 1; 考核办法 二(二)3: 每件次扣1分)


def test_tl3_missing_late_and_overlong_receipt_notices() -> None:
    """TL-3: no notice by 3/31 (−1); a notice the next day (late by 1); a notice promising more than the limit."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10),
            receive("C2", "2026-03-02T09:00", "promised", promised_limit=10),
            step("receipt_notice_issued", "C2", "2026-03-03T09:00", promised_date="2026-03-16"),
            receive("C3", "2026-03-02T09:00", "promised", promised_limit=10),
            step("receipt_notice_issued", "C3", "2026-03-02T09:30", promised_date="2026-03-20"),
            receive("C4", "2026-03-02T09:00", "promised", promised_limit=10),
            step("receipt_notice_issued", "C4", "2026-03-02T09:30", promised_date="2026-03-16")]
    variant = make_variant(cv.COUNTY_RECEIPT_NOTICE)
    verdicts = run(variant, events(*rows), "2026-03-31").verdicts
    assert [(v.case, v.on, v.points, v.due) for v in verdicts] == [
        ("C3", date(2026, 3, 2), Decimal(-1), date(2026, 3, 16)),  # 3/20 is after the 10th working day, 3/16
        ("C2", date(2026, 3, 3), Decimal(-1), date(2026, 3, 2)),   # one day late
        ("C1", date(2026, 3, 31), Decimal(-1), date(2026, 3, 2)),  # still missing
    ]
    assert "尚未出具受理通知书" in verdicts[2].explanation
    overlong = verdicts[0]  # promised 3/20, four working days past the limit's due date 3/16
    assert (overlong.due, overlong.actual, overlong.days_late) == (date(2026, 3, 16), date(2026, 3, 20), 4)
    assert overlong.deadline is not None and overlong.deadline.limit.label() == "10个工作日"


# TL-5 延期 (jiangxi-town 按时办结 3; town-basic 限时办结 4)


def extended_case(new_limit: int, *, told: bool = True, copied: bool = True, done: str = "2026-10-20T10:00") -> list[
        dict[str, object]]:
    """Received Monday 9/14 with 10 working days (due 9/28), statutory 20 (due 10/16), extended on 9/24."""
    return [
        receive("C1", "2026-09-14T09:00", "promised", promised_limit=10, statutory_limit=20),
        step("extension_granted", "C1", "2026-09-24T09:00", reason="需组织专家评审", new_limit=new_limit,
             applicant_told_in_writing=told, copied_to_centre=copied),
        step("case_completed", "C1", done),
    ]


def test_tl5_extension_beyond_the_statutory_maximum_is_capped_and_itself_a_violation() -> None:
    """TL-5: extended to 25 working days (10/23), capped at the statutory 10/16; done 10/20: 2 working days late."""
    report = run(cv.jiangxi_case_rules(), events(*extended_case(25)), "2026-10-31")
    (extension,) = [v for v in report.verdicts if v.rule == "TL-5"]
    (late,) = [v for v in report.verdicts if v.rule == "TL-9"]
    assert (extension.kind, extension.on) == (VerdictKind.VIOLATION, date(2026, 9, 24))
    assert "超过法定最高期限20个工作日" in extension.explanation
    assert (late.due, late.points) == (date(2026, 10, 16), Decimal(-4))
    assert late.deadline is not None
    (trace,) = late.deadline.extensions
    assert (trace.status, trace.due, late.deadline.statutory_due) == ("capped", date(2026, 10, 16), date(2026, 10, 16))


def test_tl5_extension_within_the_maximum_but_not_copied_to_the_centre() -> None:
    """TL-5 (jiangxi-town: "同时抄送行政服务中心管理机构"): extended to 15 (due 10/10), done 10/9; not copied."""
    report = run(JIANGXI_LIMIT, events(*extended_case(15, copied=False, done="2026-10-09T10:00")), "2026-10-31")
    (verdict,) = report.verdicts
    assert (verdict.rule, verdict.kind) == ("TL-5", VerdictKind.VIOLATION)
    assert "未抄送中心管理机构" in verdict.explanation and "超过" not in verdict.explanation


def test_tl5_compliant_extension_moves_the_due_date_without_a_verdict() -> None:
    """TL-5: extended in writing, copied, within the maximum: done on 10/10 (the make-up Saturday) is in time."""
    assert run(JIANGXI_LIMIT, events(*extended_case(15, done="2026-10-10T10:00")), "2026-10-31").verdicts == ()


def overdue_case(*explained: str) -> list[dict[str, object]]:
    """Received 3/2 with 5 working days (due 3/9), done 3/11; explained on the given days."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5)]
    rows += [step("delay_explained", "C1", day, reason="需等待上级部门批复") for day in explained]
    return [*rows, step("case_completed", "C1", "2026-03-11T09:00")]


def test_tl5_overdue_without_special_reason_or_prior_explanation_is_a_complaint() -> None:
    """TL-5 (town-basic 限时办结 4): "又无特殊理由且未事先说明的，视作当事人的申诉处理"."""
    report = run(cv.town_basic_case_rules(), events(*overdue_case()), "2026-03-31")
    assert [v.rule for v in report.verdicts] == ["TL-2", "TL-5"]
    complaint = report.verdicts[1]
    assert "视作当事人的申诉处理" in complaint.explanation
    assert (complaint.on, complaint.due) == (date(2026, 3, 11), date(2026, 3, 9))


@pytest.mark.parametrize("explained", ["2026-03-06T10:00", "2026-03-09T10:00"])
def test_tl5_explained_before_the_due_date_is_tracked_not_a_complaint(explained: str) -> None:
    """TL-5 (town-basic 三、(六)4 "事先说明"): explained on 3/6, or on the due day 3/9 itself, before the limit ran
    out: the case is still late (TL-2), but no TL-5 verdict."""
    report = run(cv.town_basic_case_rules(), events(*overdue_case(explained)), "2026-03-31")
    assert [v.rule for v in report.verdicts] == ["TL-2"]


def test_tl5_explained_only_after_the_due_date() -> None:
    """TL-5: explained on 3/10, after the due day: not a complaint, but "未事先说明"."""
    report = run(cv.town_basic_case_rules(), events(*overdue_case("2026-03-10T10:00")), "2026-03-31")
    complaint = report.verdicts[1]
    assert complaint.rule == "TL-5" and "未事先说明" in complaint.explanation
    assert "申诉" not in complaint.explanation


# TL-6 绿色通道 (county-centre 限时办结制 (二): 压缩到行政法规规定的办结时限的一半以上)


def test_tl6_green_channel_halves_the_statutory_limit_across_spring_festival() -> None:
    """TL-6: key project received Friday 2/13, statutory 20 working days → 10: 2/14, 2/24–2/28, 3/2–3/5.

    Completed Monday 3/9: 2 working days late on the green channel, although within its
    promised 15 working days (due 3/12) — a promise that was itself too long (below).
    """
    rows = [receive("C1", "2026-02-13T09:00", "promised", promised_limit=15, statutory_limit=20, key_project=True),
            step("receipt_notice_issued", "C1", "2026-02-13T09:10", promised_date="2026-03-12"),
            step("case_completed", "C1", "2026-03-09T10:00")]
    promise, late = judged(run(cv.county_case_rules(), events(*rows), "2026-03-31"))
    assert (late.rule, late.due, late.points, late.code) == ("TL-6", date(2026, 3, 5), Decimal(0), None)
    assert late.deadline is not None
    assert (late.deadline.limit.amount, late.deadline.statutory_limit) == (10, TimeLimit(amount=20))
    assert "压缩到法定时限20个工作日的50%以内" in late.explanation
    assert (promise.rule, promise.code, promise.on, promise.due) == ("TL-6", "promise", date(2026, 2, 13),
                                                                     date(2026, 3, 5))


def test_tl6_a_promise_longer_than_the_compressed_limit_is_a_violation_on_receipt_even_if_done_in_time() -> None:
    """TL-6 (county-centre 限时办结制 一、(二) "审批的时限要压缩到行政法规规定的办结时限的一半以上"): the limit itself.

    Received Monday 3/2, statutory 20 working days → 10 (due 3/16), promised 15 (due 3/23),
    done 3/10 — in time, yet the promise broke the rule on 3/2.
    """
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=15, statutory_limit=20, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-23"),
            step("case_completed", "C1", "2026-03-10T10:00")]
    (verdict,) = judged(run(cv.county_case_rules(), events(*rows), "2026-03-31"))
    assert (verdict.rule, verdict.kind, verdict.on, verdict.due, verdict.code, verdict.evidence) == (
        "TL-6", VerdictKind.VIOLATION, date(2026, 3, 2), date(2026, 3, 16), "promise", ("e1",))
    assert verdict.explanation == (
        "办件 C1：重点项目绿色通道：办结时限压缩到法定时限20个工作日的50%以内，即10个工作日，自受理之日（2026-03-02）"
        "起算届满日为2026-03-16；收件时承诺时限15个工作日（届满日2026-03-23），超过压缩后的时限。")


@pytest.mark.parametrize(("promised", "notice", "expected"), [
    ({"promised_limit": 10}, None, []),
    ({"promised_limit": 11}, None, [date(2026, 3, 2)]),
    ({}, "2026-03-16", []),
    ({}, "2026-03-17", [date(2026, 3, 3)]),
])
def test_tl6_the_promise_is_read_from_the_receipt_else_from_the_receipt_notice(
    promised: dict[str, int], notice: str | None, expected: list[date],
) -> None:
    """TL-6: 10 working days from 3/2 end 3/16; a promise of 11 days, or a notice (3/3) promising 3/17, is too long."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", statutory_limit=20, key_project=True, **promised),
            step("case_completed", "C1", "2026-03-05T10:00")]
    if notice:
        rows.insert(1, step("receipt_notice_issued", "C1", "2026-03-03T09:10", promised_date=notice))
    verdicts = [v for v in judged(run(cv.county_case_rules(), events(*rows), "2026-03-31")) if v.rule == "TL-6"]
    assert [v.on for v in verdicts] == expected and all(v.code == "promise" for v in verdicts)


def test_tl6_the_county_tables_do_not_price_a_promise_as_an_overdue_case() -> None:
    """TL-6 with the window table's 办件管理 1 ("出现超期办件的，每件次扣2分") and 按时办结
    ("未在承诺时间内办结的，不得此5分"): a key project done in time after a too-long promise is not overdue."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=15, statutory_limit=20, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-23"),
            step("case_completed", "C1", "2026-03-10T10:00")]
    report = run(load_variant("county-centre"), events(*rows), "2026-03-31")
    assert [v.code for v in report.violations() if v.rule == "TL-6"] == ["promise"]
    card = next(c for c in report.scorecards if c.scorecard == "window" and c.subject.id == "W1")
    assert card.item("procedure").score == 10 and card.item("on-time").score == 5


def test_tl6_key_project_without_statutory_limit_is_a_warning() -> None:
    """TL-6: the compressed limit cannot be computed without the statutory limit: a warning says so."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-09"),
            step("case_completed", "C1", "2026-03-03T10:00")]
    (verdict,) = judged(run(cv.county_case_rules(), events(*rows), "2026-03-31"))
    assert (verdict.rule, verdict.kind) == ("TL-6", VerdictKind.WARNING)


def test_tl6_the_green_channel_covers_key_projects_only_however_a_case_is_asked_about() -> None:
    """TL-6 (county-centre 限时办结制 一、(二): "重点项目……审批的时限要压缩到行政法规规定的办结时限的一半以上"): of two
    cases received 3/2, only the key project C1 is on the green channel — in the list of cases the rule judges,
    and asked of each case alone (``covers``, as a variant's rules are asked which of them applies to a case)."""
    variant = cv.county_case_rules()
    (green,) = [p for p in variant.policies if p.rule == "TL-6"]
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10, statutory_limit=20, key_project=True),
            receive("C2", "2026-03-02T09:30", "promised", promised_limit=10, statutory_limit=20)]
    books = collect(events(*rows), as_of=date(2026, 3, 31), case_types=None, families=variant.families)
    context = Context(variant=variant.name, calendar=variant.calendar(None), as_of=date(2026, 3, 31))
    assert isinstance(green, GreenChannel)
    assert [file.case for file in green.cases(books, context)] == ["C1"]
    assert {case: green.covers(file) for case, file in books[CASE_FILES].items()} == {"C1": True, "C2": False}


# TL-10 预警 (county-centre 限时办结电脑监督系统; threshold: the library's default, 2 working days)


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2026-03-04", []),
    ("2026-03-05", [("TL-10", VerdictKind.WARNING)]),
    ("2026-03-09", [("TL-10", VerdictKind.WARNING)]),
    ("2026-03-10", [("TL-2", VerdictKind.VIOLATION)]),
])
def test_tl10_early_warning_within_two_working_days(as_of: str, expected: list[tuple[str, VerdictKind]]) -> None:
    """TL-10: received Monday 3/2 with 5 working days (due 3/9): warned from 3/5 (2 working days left), late on 3/10."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-09")]
    verdicts = judged(run(cv.county_case_rules(), events(*rows), as_of))
    assert [(v.rule, v.kind) for v in verdicts] == expected
    for verdict in verdicts:
        assert verdict.due == date(2026, 3, 9) and verdict.actual is None


def test_tl10_warnings_carry_no_penalty() -> None:
    """TL-10: a warning is not a violation: no points, and counted apart in the totals."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-09")]
    report = run(cv.county_case_rules(), events(*rows), "2026-03-06")
    (total,) = report.totals
    assert (total.warnings, total.violations, total.points) == (1, 0, Decimal(0))
    assert "距届满还有1个工作日" in report.verdicts[0].explanation


def test_a_suspended_case_has_no_due_date_and_no_warning() -> None:
    """TL-8, TL-10: while suspended, a case is neither late nor warned."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-09"),
            step("case_suspended", "C1", "2026-03-04T09:00", reason="等待申请人现场整改")]
    assert run(cv.county_case_rules(), events(*rows), "2026-03-31").verdicts == ()


def test_tl9_a_limit_counted_from_the_day_of_receipt_ends_a_day_sooner() -> None:
    """TL-9 with the clock started "自受理之日起" (start = receipt): 5 working days from Monday 3/2 end Friday 3/6, so
    completion on Monday 3/9 is 1 working day late (−2, charged to the staff member who received it); counted from
    the next day, as CAL-1 does by default, 3/9 is the due day itself."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("case_completed", "C1", "2026-03-09T09:00")]
    from_receipt = make_variant({**cv.JIANGXI_PROMISED, "start": "receipt"}, case_types=cv.JIANGXI_CASE_TYPES)
    (verdict,) = judged(run(from_receipt, events(*rows), "2026-03-31"))
    assert (verdict.rule, verdict.due, verdict.points, verdict.window, verdict.staff) == (
        "TL-9", date(2026, 3, 6), Decimal(-2), "W1", "S1")
    assert judged(run(JIANGXI_LIMIT, events(*rows), "2026-03-31")) == ()
    on_time = [rows[0], step("case_completed", "C1", "2026-03-06T16:00")]
    assert judged(run(from_receipt, events(*on_time), "2026-03-31")) == ()


def test_tl9_a_case_without_a_promise_is_judged_by_its_statutory_limit_only_where_the_variant_says_so() -> None:
    """TL-9: a promised case received Monday 3/2 with no promised limit but a statutory one of 3 working days, done
    Monday 3/9: 2 working days late by the statutory limit where the variant falls back on it
    (未承诺时限，按法定时限); otherwise no lateness is reckoned from the statutory limit."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", statutory_limit=3),
            step("case_completed", "C1", "2026-03-09T09:00")]
    fallback = make_variant({**cv.JIANGXI_PROMISED, "statutory_fallback": True}, case_types=cv.JIANGXI_CASE_TYPES)
    (verdict,) = judged(run(fallback, events(*rows), "2026-03-31"))
    assert (verdict.due, verdict.points) == (date(2026, 3, 5), Decimal(-4))
    assert "未承诺时限，按法定时限" in verdict.explanation
    assert not any("按法定时限" in v.explanation for v in judged(run(JIANGXI_LIMIT, events(*rows), "2026-03-31")))


# The verdicts in full: what a reader of the report is told, computed by hand.


def test_tl1_late_immediate_case_explained_in_full(county: Variant) -> None:
    """TL-1 (county-centre 一、(二)1): received Friday 2/13, the same-day limit ends 2/13; done Saturday 2/14."""
    log = events(receive("C1", "2026-02-13T16:00", "immediate"), step("case_completed", "C1", "2026-02-14T09:00"))
    (verdict,) = run(county, log, "2026-03-31").verdicts
    assert verdict.explanation == (
        "办件 C1：即办件应当场或当天办结。时限自受理之日（2026-02-13）起算当天，届满日为2026-02-13；"
        "实际于2026-02-14完成，逾期1个工作日。")


def test_tl7_late_rejection_explained_in_full(county: Variant) -> None:
    """TL-7: received Monday 3/2, 3 working days from the day of receipt end Thursday 3/5; decided Friday 3/6."""
    log = events(receive("C1", "2026-03-02T09:00", "rejected"), step("case_rejected", "C1", "2026-03-06T09:00"))
    (verdict,) = run(county, log, "2026-03-31").verdicts
    assert (verdict.rule, verdict.due, verdict.actual) == ("TL-7", date(2026, 3, 5), date(2026, 3, 6))
    assert verdict.explanation == (
        "办件 C1：驳回件明显不符合条件的应当场告知，复杂的最迟于收件后3个工作日内作出决定。时限自收件之日（2026-03-02）"
        "起算3个工作日，届满日为2026-03-05；实际于2026-03-06作出决定，逾期1个工作日。")


def test_tl4_a_supplement_case_needs_no_promised_limit(county: Variant) -> None:
    """TL-4: a supplement case promised nothing is not a TL-2 case without a limit; nor is one never completed in
    materials but closed (its clock never started)."""
    completed = [receive("C1", "2026-03-02T09:00", "supplement", materials_complete=False),
                 step("materials_completed", "C1", "2026-03-03T09:00"),
                 step("case_completed", "C1", "2026-03-20T09:00")]
    never = [receive("C2", "2026-03-02T09:00", "supplement", materials_complete=False, promised_limit=3),
             step("case_completed", "C2", "2026-03-20T09:00")]
    assert run(county, events(*completed, *never), "2026-03-31").verdicts == ()


def test_tl2_promised_case_without_a_limit_though_its_materials_are_incomplete() -> None:
    """TL-2 (town-conduct-100 绩 2): the clock of a promised case runs from receipt, complete materials or not; a
    case promised no limit is told no completion time: −10, on the day of receipt."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", materials_complete=False),
            step("case_completed", "C1", "2026-03-10T09:00")]
    (verdict,) = run(cv.town_conduct_case_rules(), events(*rows), "2026-03-31").verdicts
    assert (verdict.on, verdict.points, verdict.evidence) == (date(2026, 3, 2), Decimal(-10), ("e1",))
    assert verdict.explanation == (
        "办件 C1：承诺件应在承诺时限内办结，但收件时未定承诺时限，也未出具写明办结日期的受理通知书。")


@pytest.mark.parametrize(("variant", "receipt", "notice", "start_rule"), [
    (cv.town_conduct_case_rules(default_limit=5), {}, None, "受理之日（未单独承诺，按一般办理时限）"),
    (make_variant({**cv.JIANGXI_PROMISED, "statutory_fallback": True}, case_types=cv.JIANGXI_CASE_TYPES),
     {"statutory_limit": 5}, None, "受理之日（未承诺时限，按法定时限）"),
    (JIANGXI_LIMIT, {}, "2026-03-09", "受理之日（受理通知书承诺2026-03-09办结）"),
])
def test_tl2_the_clock_says_where_its_limit_came_from(
    variant: Variant, receipt: dict[str, object], notice: str | None, start_rule: str,
) -> None:
    """TL-2, TL-3, TL-9: no promised limit on the receipt of Monday 3/2 — the usual limit of 5 working days, the
    statutory 5, or the notice's 3/9 — ends 3/9; done 3/10, one working day late, and the clock says which it was."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", **receipt), step("case_completed", "C1", "2026-03-10T09:00")]
    if notice:
        rows.insert(1, step("receipt_notice_issued", "C1", "2026-03-02T09:05", promised_date=notice))
    (verdict,) = judged(run(variant, events(*rows), "2026-03-31"))
    assert verdict.deadline is not None
    assert (verdict.due, verdict.deadline.days_late, verdict.deadline.start_rule) == (date(2026, 3, 9), 1, start_rule)
    assert f"时限自{start_rule}（2026-03-02）起算" in verdict.explanation


def test_tl5_every_defect_of_an_extension_named_and_joined() -> None:
    """TL-5 (jiangxi-town 一、(四)3 "书面告知申请人…同时抄送行政服务中心管理机构"): extended 9/24 to 15 working
    days (due 10/10), done 10/9 in time — but told neither in writing nor copied: one violation naming both."""
    rows = extended_case(15, told=False, copied=False, done="2026-10-09T10:00")
    (verdict,) = run(JIANGXI_LIMIT, events(*rows), "2026-10-31").verdicts
    assert (verdict.rule, verdict.kind, verdict.on, verdict.due, verdict.actual, verdict.evidence) == (
        "TL-5", VerdictKind.VIOLATION, date(2026, 9, 24), date(2026, 10, 10), date(2026, 10, 9), ("e1", "e2"))
    assert verdict.deadline is not None and verdict.deadline.base_due == date(2026, 9, 28)
    assert verdict.explanation == (
        "办件 C1：2026-09-24以“需组织专家评审”为由延期：未书面告知申请人延期理由和延期时限；未抄送中心管理机构。")


def test_tl5_capped_extension_explained_in_full() -> None:
    """TL-5: extended to 25 working days, past the statutory 20 (due 10/16); the late case rests on the receipt,
    the extension and the completion."""
    report = run(cv.jiangxi_case_rules(), events(*extended_case(25)), "2026-10-31")
    (extension,) = [v for v in report.verdicts if v.rule == "TL-5"]
    (late,) = [v for v in report.verdicts if v.rule == "TL-9"]
    assert extension.explanation == (
        "办件 C1：2026-09-24以“需组织专家评审”为由延期：延期至25个工作日后整个办结时间超过法定最高期限20个工作日"
        "（法定届满日2026-10-16）。")
    assert late.evidence == ("e1", "e2", "e3")


def test_tl5_extension_of_a_case_without_statutory_limit_is_a_warning() -> None:
    """TL-5: whether an extension passes the statutory maximum cannot be checked when none is recorded."""
    rows = [receive("C1", "2026-09-14T09:00", "promised", promised_limit=10),
            step("extension_granted", "C1", "2026-09-24T09:00", reason="需组织专家评审", new_limit=15,
                 applicant_told_in_writing=True, copied_to_centre=True),
            step("case_completed", "C1", "2026-10-09T10:00")]
    (verdict,) = run(JIANGXI_LIMIT, events(*rows), "2026-10-31").verdicts
    assert (verdict.rule, verdict.kind, verdict.points) == ("TL-5", VerdictKind.WARNING, Decimal(0))
    assert verdict.explanation == (
        "办件 C1：2026-09-24以“需组织专家评审”为由延期：办件未登记法定时限，无法核对延期是否超过法定最高期限。")


def test_tl5_extension_after_the_due_date_does_not_move_it() -> None:
    """TL-5: 10 working days from Monday 9/14 end 9/28; extended on 9/29, too late; done 10/9, 4 working days late."""
    rows = [receive("C1", "2026-09-14T09:00", "promised", promised_limit=10),
            step("extension_granted", "C1", "2026-09-29T09:00", reason="需组织专家评审", new_limit=15,
                 applicant_told_in_writing=True, copied_to_centre=True),
            step("case_completed", "C1", "2026-10-09T10:00")]
    extension, late = run(JIANGXI_LIMIT, events(*rows), "2026-10-31").verdicts
    assert extension.explanation == "办件 C1：2026-09-29以“需组织专家评审”为由延期：期限届满后才延期，不予顺延。"
    assert (late.rule, late.due, late.points) == ("TL-9", date(2026, 9, 28), Decimal(-8))


def test_tl5_explained_on_the_day_of_completion_is_explained_late() -> None:
    """TL-5: explained on 3/11, the day the overdue case was done: explained, but not beforehand."""
    report = run(cv.town_basic_case_rules(), events(*overdue_case("2026-03-11T08:00")), "2026-03-31")
    explained = report.verdicts[1]
    assert (explained.rule, explained.on, explained.evidence) == ("TL-5", date(2026, 3, 11), ("e1", "e2"))
    assert explained.explanation == "办件 C1：届满日为2026-03-09，逾期后才于2026-03-11向服务对象说明原因，未事先说明。"


def test_tl5_overdue_without_explanation_explained_in_full() -> None:
    """TL-5 (town-basic 三、(六)4): "又无特殊理由且未事先说明的，视作当事人的申诉处理"."""
    report = run(cv.town_basic_case_rules(), events(*overdue_case()), "2026-03-31")
    complaint = report.verdicts[1]
    assert complaint.evidence == ("e1",)
    assert complaint.explanation == (
        "办件 C1：届满日为2026-03-09，逾期既无特殊理由又未事先向服务对象说明，视作当事人的申诉处理。")


def test_tl5_the_earliest_late_word_to_the_applicant_is_named() -> None:
    """TL-5: due 3/9; extended (too late) on 3/10, then explained on 3/11 before completion: 3/10 is named."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5),
            step("extension_granted", "C1", "2026-03-10T09:00", reason="需组织专家评审", new_limit=8,
                 applicant_told_in_writing=True),
            step("delay_explained", "C1", "2026-03-11T08:00", reason="需等待上级部门批复"),
            step("case_completed", "C1", "2026-03-11T09:00")]
    report = run(cv.town_basic_case_rules(), events(*rows), "2026-03-31")
    (explained,) = [v for v in report.verdicts if v.rule == "TL-5" and v.on == date(2026, 3, 11)]
    assert explained.explanation == "办件 C1：届满日为2026-03-09，逾期后才于2026-03-10向服务对象说明原因，未事先说明。"
    assert explained.evidence == ("e1", "e2")


def test_tl3_a_notice_in_time_is_reported_as_compliance_on_request() -> None:
    """TL-3: a notice given on the day of receipt, promising the limit's own due date, complies."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10),
            step("receipt_notice_issued", "C1", "2026-03-02T09:30", promised_date="2026-03-16")]
    report = run(make_variant(cv.COUNTY_RECEIPT_NOTICE), events(*rows), "2026-03-31", include_compliance=True)
    assert [(v.rule, v.kind, v.due, v.actual) for v in report.verdicts] == [
        ("TL-3", VerdictKind.COMPLIANCE, date(2026, 3, 2), date(2026, 3, 2))]


def test_tl3_a_notice_for_a_case_without_a_promised_limit_sets_the_date() -> None:
    """TL-3: with no promised limit on the receipt, the notice's date is the promise: nothing to be later than."""
    rows = [receive("C1", "2026-03-02T09:00", "promised"),
            step("receipt_notice_issued", "C1", "2026-03-02T09:30", promised_date="2026-03-16")]
    assert run(make_variant(cv.COUNTY_RECEIPT_NOTICE), events(*rows), "2026-03-31").verdicts == ()


def test_tl3_late_and_overlong_notice_explained_in_full() -> None:
    """TL-3 (county-centre 考核办法 二、(二)3): received Monday 3/2 with 10 working days (due 3/16); the notice,
    a day late on 3/3, promises Monday 3/23: 5 working days (3/17–3/20, 3/23) or 7 calendar days past 3/16."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10),
            step("receipt_notice_issued", "C1", "2026-03-03T09:30", promised_date="2026-03-23")]
    late, overlong = run(make_variant(cv.COUNTY_RECEIPT_NOTICE), events(*rows), "2026-03-31").verdicts
    assert late.explanation == (
        "办件 C1：承诺件须出具写明承诺办结时限的受理通知书。时限自受理之日（2026-03-02）起算当天，届满日为2026-03-02；"
        "实际于2026-03-03出具受理通知书，逾期1个工作日。")
    assert overlong.explanation == (
        "办件 C1：受理通知书承诺2026-03-23办结，晚于承诺时限10个工作日自受理之日（2026-03-02）起算的届满日2026-03-16。")
    assert overlong.deadline is not None
    assert (overlong.deadline.start_rule, overlong.deadline.days_late) == ("受理之日", 5)
    by_calendar = make_variant({**cv.COUNTY_RECEIPT_NOTICE, "late_unit": "calendar_days"})
    _, counted = run(by_calendar, events(*rows), "2026-03-31").verdicts
    assert counted.deadline is not None
    assert (counted.deadline.days_late, counted.deadline.late_unit) == (7, "calendar_days")


def test_tl6_key_project_without_statutory_limit_explained() -> None:
    """TL-6: the warning says why the green channel cannot be judged."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=5, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-09"),
            step("case_completed", "C1", "2026-03-03T10:00")]
    (verdict,) = judged(run(cv.county_case_rules(), events(*rows), "2026-03-31"))
    assert verdict.explanation == "办件 C1：重点项目未登记法定时限，无法计算绿色通道时限。"


def test_tl6_a_notice_promising_past_the_compressed_limit_explained_in_full() -> None:
    """TL-6: statutory 20 → 10 working days from Monday 3/2, due 3/16; the notice of 3/3 promises 3/17."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", statutory_limit=20, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-03T09:10", promised_date="2026-03-17"),
            step("case_completed", "C1", "2026-03-05T10:00")]
    (promise,) = [v for v in judged(run(cv.county_case_rules(), events(*rows), "2026-03-31")) if v.rule == "TL-6"]
    assert promise.explanation == (
        "办件 C1：重点项目绿色通道：办结时限压缩到法定时限20个工作日的50%以内，即10个工作日，自受理之日（2026-03-02）"
        "起算届满日为2026-03-16；受理通知书承诺2026-03-17办结，超过压缩后的时限。")


def test_tl6_tl8_a_suspension_stops_the_green_channel() -> None:
    """TL-6, TL-8: statutory 20 → 10 working days from Monday 3/2 (due 3/16); suspended 3/4, resumed 3/9: 3 working
    days not counted (3/4–3/6), due 3/19; done 3/20, one working day late."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10, statutory_limit=20, key_project=True),
            step("receipt_notice_issued", "C1", "2026-03-02T09:10", promised_date="2026-03-16"),
            step("case_suspended", "C1", "2026-03-04T09:00", reason="等待申请人现场整改"),
            step("case_resumed", "C1", "2026-03-09T09:00"),
            step("case_completed", "C1", "2026-03-20T10:00")]
    (green,) = [v for v in judged(run(cv.county_case_rules(), events(*rows), "2026-03-31")) if v.rule == "TL-6"]
    assert green.deadline is not None
    assert (green.due, green.deadline.start_rule, green.deadline.days_late) == (date(2026, 3, 19), "受理之日", 1)


GREEN_CHANNEL = {
    "kind": "green-channel", "rule": "TL-6",
    "source": cv.cite(cv.TIME_LIMIT_RULES, "一、(二)", "审批的时限要压缩到行政法规规定的办结时限的一半以上。"),
}


def test_tl6_green_channel_counted_from_the_day_of_receipt() -> None:
    """TL-6 with start = receipt: 10 working days from Monday 3/2, 3/2 counted, end Friday 3/13; done 3/16: late."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", promised_limit=10, statutory_limit=20, key_project=True),
            step("case_completed", "C1", "2026-03-16T10:00")]
    report = run(make_variant({**GREEN_CHANNEL, "start": "receipt"}), events(*rows), "2026-03-31")
    verdicts = [v for v in judged(report) if v.code is None]
    assert [(v.rule, v.due, v.deadline.days_late if v.deadline else None) for v in verdicts] == [
        ("TL-6", date(2026, 3, 13), 1)]


def test_tl6_green_channel_counted_from_complete_materials() -> None:
    """TL-6 with start = materials_complete: C2, statutory 10 → 5 working days from its materials of Tuesday 3/3,
    due 3/10; done 3/12, 2 working days late, resting on the receipt, the materials and the completion. C1's
    materials never came: its clock never started."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", key_project=True, statutory_limit=10,
                    materials_complete=False),
            receive("C2", "2026-03-02T09:00", "promised", key_project=True, statutory_limit=10,
                    materials_complete=False),
            step("materials_completed", "C2", "2026-03-03T09:00"), step("case_completed", "C2", "2026-03-12T09:00")]
    (verdict,) = run(make_variant({**GREEN_CHANNEL, "start": "materials_complete"}), events(*rows),
                     "2026-03-31").verdicts
    assert (verdict.case, verdict.due, verdict.evidence) == ("C2", date(2026, 3, 10), ("e2", "e3", "e4"))
    assert verdict.deadline is not None
    assert (verdict.deadline.start_rule, verdict.deadline.days_late) == ("补齐材料之日", 2)


def test_tl6_green_channel_of_some_case_types_only() -> None:
    """TL-6 limited to promised cases: a key project received as an immediate case is not judged by it."""
    rows = [receive("C1", "2026-03-02T09:00", "immediate", key_project=True, statutory_limit=2),
            step("case_completed", "C1", "2026-03-12T09:00")]
    assert run(make_variant({**GREEN_CHANNEL, "case_types": ["promised"]}), events(*rows), "2026-03-31").verdicts == ()
    assert [v.case for v in run(make_variant(GREEN_CHANNEL), events(*rows), "2026-03-31").verdicts] == ["C1"]


def test_tl6_the_agenda_cannot_time_a_key_project_without_statutory_limit() -> None:
    """TL-6: a key project whose statutory limit is not recorded has no green-channel due date to list."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", key_project=True)]
    listed = agenda(make_variant(GREEN_CHANNEL), events(*rows), as_of=date(2026, 3, 3), within="all")
    assert (listed.items, listed.later) == ((), 0)


def test_tl4_tl5_an_extended_supplement_case_rests_on_its_materials() -> None:
    """TL-4, TL-5: materials complete Tuesday 3/3, 5 working days → 3/10; extended on 3/9 to 8 → 3/13; done Monday
    3/16, one working day late — resting on the receipt, the materials, the extension and the completion."""
    source = cv.cite(cv.TIME_LIMIT_RULES, "一、(二)", "补办件的办事时限从补齐材料之日起计算。")
    clock = {"kind": "supplement-clock", "rule": "TL-4", "source": source,
             "extension": {"rule": "TL-5", "require_written": False, "unexplained_overdue": False, "source": source}}
    rows = [receive("C1", "2026-03-02T09:00", "supplement", materials_complete=False, promised_limit=5),
            step("materials_completed", "C1", "2026-03-03T09:00"),
            step("extension_granted", "C1", "2026-03-09T09:00", reason="需组织专家评审", new_limit=8,
                 applicant_told_in_writing=True),
            step("case_completed", "C1", "2026-03-16T09:00")]
    late = next(v for v in run(make_variant(clock), events(*rows), "2026-03-31").verdicts if v.rule == "TL-4")
    assert (late.due, late.evidence) == (date(2026, 3, 13), ("e1", "e2", "e3", "e4"))
