"""TL-1, TL-4 and TL-7 of county-centre (seed 004, 六件分类法操作规程), computed by hand.

The 2026 Spring Festival break runs 2/15–2/23 with make-up working Saturdays on 2/14 and
2/28; National Day runs 10/1–10/7 with a make-up Saturday on 10/10 (CAL-1).
"""

from __future__ import annotations

from datetime import date

from bianmin_rules import Variant, VerdictKind
from tests.conftest import events, run


def receive(case: str, at: str, case_type: str, **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": "S1", "case_type": case_type,
            **extra}


def step(kind: str, case: str, at: str, **extra: object) -> dict[str, object]:
    return {"type": kind, "case": case, "at": at, "window": "W1", "staff": "S1", **extra}


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
