"""The inputs of the assessment tables: TL-11 speed-up rates, SC-5 evaluation rates, merit bonuses (SC-1, SC-2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import EvaluationError, Report, VerdictKind
from bianmin_rules.core.periods import Period, PeriodKind
from tests.conftest import events, make_variant, run

CITATION = {
    "document": "县政务服务中心部门窗口及窗口工作人员考核办法", "article": "一、(五)2",
    "quote": "承诺件提速达60%—65%得2分",
}
Q2 = Period(kind=PeriodKind.QUARTER, start=date(2026, 4, 1))


def case(number: int, received: str, *, completed: str | None, case_type: str = "promised", limit: int | None = 10,
         window: str = "W1", staff: str = "S1") -> list[dict[str, Any]]:
    where = {"case": f"C{number}", "window": window, "staff": staff}
    rows: list[dict[str, Any]] = [{"type": "case_received", "at": f"{received}T09:00", "case_type": case_type,
                                   "promised_limit": limit, **where}]
    if completed:
        rows.append({"type": "case_completed", "at": f"{completed}T16:00", **where})
    return rows


def speed_up(**parameters: Any) -> dict[str, Any]:
    return {"kind": "speed-up-rate", "rule": "TL-11", "source": CITATION, **parameters}


# TL-11 (county-centre 一、(五)2). Received Wednesday 2026-04-01; 4/4–4/6 is the Qingming break,
# so the working days after it are 4/2, 4/3, 4/7, 4/8, 4/9, 4/10, 4/13, 4/14 …


def speed_up_log() -> list[Any]:
    return events(
        *case(1, "2026-04-01", completed="2026-04-14", limit=20),  # 8 of 20 working days: 12 saved
        *case(2, "2026-04-01", completed="2026-04-08", limit=15),  # 4 of 15: 11 saved
        *case(3, "2026-04-01", completed="2026-04-16", limit=5),   # 10 of 5: late, 0 saved (TL-9's matter)
        *case(4, "2026-04-01", completed="2026-04-02", case_type="immediate", limit=None),  # not promised
        *case(5, "2026-04-01", completed=None, limit=10),           # still open: not counted
    )


def test_tl11_time_saved_is_days_saved_over_days_promised() -> None:
    """TL-11, definition time_saved (default): (12 + 11 + 0) / (20 + 15 + 5) = 23/40 = 57.5%."""
    report = run(make_variant(speed_up()), speed_up_log(), "2026-06-30")
    (verdict,) = report.verdicts
    assert (verdict.rule, verdict.kind, str(verdict.subject), verdict.on) == (
        "TL-11", VerdictKind.INFORMATION, "window:W1", date(2026, 6, 30))
    assert verdict.measure is not None
    assert (verdict.measure.name, verdict.measure.period, verdict.measure.numerator, verdict.measure.denominator) == (
        "speedup_rate", Q2, 23, 40)
    assert verdict.measure.value == Decimal("57.5")
    assert verdict.evidence == ("e2", "e4", "e6")  # the completions of C1, C2, C3 (cases in id order)
    assert "57.5%（23/40）" in verdict.explanation


def test_tl11_early_share_counts_cases_completed_before_their_due_date() -> None:
    """TL-11, definition early_share: C1 and C2 were early, C3 late: 2/3, per staff member too."""
    variant = make_variant(speed_up(definition="early_share", subjects=["window", "staff"]))
    measures = {str(v.subject): (v.measure.numerator, v.measure.denominator) for v in run(
        variant, speed_up_log(), "2026-06-30").verdicts if v.measure}
    assert measures == {"window:W1": (2, 3), "staff:S1": (2, 3)}


def test_tl11_a_case_counts_in_the_quarter_of_its_completion() -> None:
    """SC-10: a case received in March and completed in April counts in Q2."""
    log = events(*case(1, "2026-03-30", completed="2026-04-02", limit=10))
    (verdict,) = run(make_variant(speed_up()), log, "2026-06-30").verdicts
    assert verdict.measure is not None and verdict.measure.period == Q2


# SC-5 (county-centre 一、(六)2–3): evaluation rate and satisfaction rate.


def evaluation(at: str, result: str, *, case: str | None, staff: str = "S1", **extra: Any) -> dict[str, Any]:
    return {"type": "service_evaluated", "at": at, "window": "W1", "staff": staff, "case": case, "result": result,
            **extra}


def evaluation_log() -> list[Any]:
    rows = [row for n in range(1, 5) for row in case(n, "2026-03-02", completed="2026-03-02", case_type="immediate")]
    rows += [
        evaluation("2026-03-02T16:10", "satisfied", case="C1"),
        evaluation("2026-03-02T16:11", "basically_satisfied", case="C2"),
        evaluation("2026-03-03T09:00", "dissatisfied", case="C3", verified=True),
        evaluation("2026-03-03T09:05", "very_satisfied", case="C3"),
        evaluation("2026-03-04T10:00", "satisfied", case=None),  # a consultation, no case
    ]
    return events(*rows)


def rates(report: Report) -> dict[tuple[str, str], tuple[int, int]]:
    return {(str(v.subject), v.measure.name): (v.measure.numerator, v.measure.denominator)
            for v in report.verdicts if v.measure is not None}


EVALUATION = {"kind": "service-evaluation", "rule": "SC-5", "source": CITATION}


def test_sc5_evaluation_and_satisfaction_rates() -> None:
    """SC-5: 3 of 4 served cases evaluated (75%); 4 of 5 evaluations satisfied, 基本满意 included (80%)."""
    report = run(make_variant(EVALUATION), evaluation_log(), "2026-03-31")
    assert rates(report) == {
        ("window:W1", "evaluation_rate"): (3, 4), ("staff:S1", "evaluation_rate"): (3, 4),
        ("window:W1", "satisfaction_rate"): (4, 5), ("staff:S1", "satisfaction_rate"): (4, 5),
    }


def test_sc5_which_answers_count_as_satisfied_is_a_parameter() -> None:
    """SC-5: counting only 非常满意 and 满意, the rate is 3/5."""
    report = run(make_variant({**EVALUATION, "satisfied": ["very_satisfied", "satisfied"], "subjects": ["window"]}),
                 evaluation_log(), "2026-03-31")
    assert rates(report)[("window:W1", "satisfaction_rate")] == (3, 5)


def test_sc5_a_verified_dissatisfaction_is_a_violation_of_the_staff_member() -> None:
    """SC-4 工作实绩 3 / 四(六): a dissatisfied evaluation found to be the staff member's fault."""
    (violation,) = run(make_variant(EVALUATION), evaluation_log(), "2026-03-31").violations()
    assert (str(violation.subject), violation.code, violation.case, violation.evidence) == (
        "staff:S1", "dissatisfied", "C3", ("e11",))
    assert "经查实" in violation.explanation


def test_sc5_no_rates_in_a_period_without_any_evaluation_unless_asked() -> None:
    """SC-5: a quarter with cases but no evaluation recorded at all has no rate — unless 0% is asked for."""
    log = events(*case(1, "2026-03-02", completed="2026-03-02", case_type="immediate"))
    assert rates(run(make_variant(EVALUATION), log, "2026-03-31")) == {}
    asked = make_variant({**EVALUATION, "measure_without_evaluations": True, "subjects": ["window"]})
    assert rates(run(asked, log, "2026-03-31")) == {("window:W1", "evaluation_rate"): (0, 1)}


# Merits (SC-1 town-conduct-100 六; SC-2 jiangxi-town 加分项目).


def merit(merit_kind: str, level: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "merit_recorded", "at": "2026-05-10T09:00", "window": "W1", "staff": "S1", "merit": merit_kind,
            "level": level, **extra}


HONOURS = {"kind": "merit-bonus", "rule": "SC-1", "merits": ["honour"], "source": CITATION,
           "by_level": {"county": "5", "city": "10", "province": "15", "nation": "30"}}


def test_sc1_honours_by_level() -> None:
    """SC-1 六、2: honours from district, city, province, nation: +5, +10, +15, +30."""
    log = events(*(merit("honour", level) for level in ("county", "city", "province", "nation")))
    report = run(make_variant(HONOURS), log, "2026-12-31")
    assert [(v.points, v.kind, v.code) for v in report.verdicts] == [
        (Decimal(p), VerdictKind.INFORMATION, "honour") for p in (5, 10, 15, 30)]


def test_sc1_a_level_the_table_does_not_reward_earns_nothing_and_says_so() -> None:
    """SC-2 ③ rewards county, city and province praise; national praise is not listed."""
    praise = {**HONOURS, "merits": ["praise"], "by_level": {"county": "2", "city": "3", "province": "5"}}
    (verdict,) = run(make_variant(praise), events(merit("praise", "nation")), "2026-12-31").verdicts
    assert verdict.points == 0 and "不在加分范围" in verdict.explanation


def test_sc1_discretionary_points_must_lie_in_the_stated_range() -> None:
    """SC-1 六、3: an adopted suggestion earns 1–5 points at the assessors' discretion; 7 is refused."""
    suggestion = {"kind": "merit-bonus", "rule": "SC-1", "merits": ["suggestion"], "source": CITATION,
                  "discretion": {"low": "1", "high": "5"}}
    (verdict,) = run(make_variant(suggestion), events(merit("suggestion", points="4")), "2026-12-31").verdicts
    assert verdict.points == 4
    with pytest.raises(EvaluationError, match=r"event 'e1': .*discretion \(1–5 points\).*not 7"):
        run(make_variant(suggestion), events(merit("suggestion", points="7")), "2026-12-31")


def test_sc1_a_merit_priced_by_level_needs_its_level() -> None:
    with pytest.raises(EvaluationError, match="must name its level"):
        run(make_variant(HONOURS), events(merit("honour")), "2026-12-31")


def test_sc2_one_matter_is_rewarded_once_at_its_highest_level() -> None:
    """SC-2 ③ "按一件事不重复奖励": the same deed praised by the county and the city earns the city's 3 points."""
    praise = {**HONOURS, "rule": "SC-2", "merits": ["praise"], "once_per_matter": True,
              "by_level": {"county": "2", "city": "3", "province": "5"}}
    log = events(merit("praise", "county", matter="雪夜上门办证"), merit("praise", "city", matter="雪夜上门办证"),
                 merit("praise", "county", matter="帮扶残疾申请人"))
    report = run(make_variant(praise), log, "2026-12-31")
    assert [(v.evidence, v.points) for v in report.verdicts] == [
        (("e1",), Decimal(0)), (("e2",), Decimal(3)), (("e3",), Decimal(2))]
    assert "同一事项已奖励（事件 e2）" in report.verdicts[0].explanation
