"""TL-12 (county-centre 考核办法 二(四)2: "规定时限内办结率达到100%，得10分"): rates per window and staff."""

from __future__ import annotations

from decimal import Decimal

from bianmin_rules import Report, VerdictKind
from tests import case_variants as cv
from tests.conftest import events, make_variant, run


def receive(case: str, at: str, case_type: str, staff: str = "S1", **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": staff, "case_type": case_type,
            **extra}


def done(case: str, at: str) -> dict[str, object]:
    return {"type": "case_completed", "case": case, "at": at, "window": "W1"}


LOG = [
    receive("A", "2026-01-05T09:00", "immediate"), done("A", "2026-01-05T11:00"),         # Q1, in time
    receive("B", "2026-03-02T09:00", "promised", promised_limit=5), done("B", "2026-03-12T09:00"),  # due 3/9: late
    receive("C", "2026-03-20T09:00", "promised", promised_limit=5),                       # due 3/27, open: late in Q1
    receive("D", "2026-03-30T09:00", "promised", promised_limit=5), done("D", "2026-04-03T09:00"),  # Q2, in time
    receive("E", "2026-02-02T09:00", "immediate", staff="S2"), done("E", "2026-02-02T10:00"),  # Q1, in time
    receive("F", "2026-04-08T09:00", "promised", promised_limit=5),                       # not due yet: not counted
]


def measures(report: Report) -> dict[tuple[str, str, str], tuple[int, int]]:
    return {
        (str(v.subject), v.measure.period.label, v.measure.name): (v.measure.numerator, v.measure.denominator)
        for v in report.verdicts if v.measure is not None
    }


def deadline_rules(**completion: object) -> list[dict[str, object]]:
    builtin = [p.model_dump(mode="json") for p in cv.county_case_rules().policies if p.rule in {"TL-1", "TL-2"}]
    return [*builtin, {**cv.COUNTY_COMPLETION, **completion}]


def test_tl12_completion_rate_per_window_and_staff_per_quarter() -> None:
    """TL-12: Q1 W1 counts A, E in time and B (done late), C (overdue, due 3/27) late: 2/4; S1: 1/3; S2: 1/1."""
    report = run(make_variant(*deadline_rules()), events(*LOG), "2026-04-10")
    found = measures(report)
    assert found[("window:W1", "2026-Q1", "completion_rate")] == (2, 4)
    assert found[("window:W1", "2026-Q1", "overdue_rate")] == (2, 4)
    assert found[("staff:S1", "2026-Q1", "completion_rate")] == (1, 3)
    assert found[("staff:S2", "2026-Q1", "completion_rate")] == (1, 1)
    assert found[("window:W1", "2026-Q2", "completion_rate")] == (1, 1)
    assert len(found) == 10
    rate = next(v for v in report.verdicts if v.measure and v.measure.name == "completion_rate"
                and str(v.subject) == "staff:S1" and v.measure.period.label == "2026-Q1")
    assert rate.kind is VerdictKind.INFORMATION and rate.measure is not None
    assert rate.measure.value.quantize(Decimal("0.01")) == Decimal("33.33")
    assert "应计办件3件，按时办结1件，逾期2件" in rate.explanation


def test_tl12_by_month_and_by_day_of_receipt() -> None:
    """TL-12: the period and the basis are parameters; by receipt, D (received 3/30) joins Q1: W1 3/5."""
    by_receipt = measures(run(make_variant(*deadline_rules(basis="received")), events(*LOG), "2026-04-10"))
    assert by_receipt[("window:W1", "2026-Q1", "completion_rate")] == (3, 5)
    monthly = measures(run(make_variant(*deadline_rules(period="month")), events(*LOG), "2026-04-10"))
    assert monthly[("window:W1", "2026-03", "completion_rate")] == (0, 2)
    assert monthly[("window:W1", "2026-01", "completion_rate")] == (1, 1)


def test_tl12_a_variant_may_report_only_the_completion_rate() -> None:
    """TL-12 (county-centre: the tables read only 办结率): ``measures`` leaves the overdue rate out."""
    report = run(make_variant(*deadline_rules(measures=["completion_rate"])), events(*LOG), "2026-04-10")
    found = measures(report)
    assert {name for (_, _, name) in found} == {"completion_rate"}
    assert found[("window:W1", "2026-Q1", "completion_rate")] == (2, 4)
