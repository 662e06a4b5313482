"""Properties of the case rules over generated logs: TL-8 suspensions, TL-5 extensions, unrelated events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bianmin_rules import Event, Report, Verdict, VerdictKind
from tests import case_variants as cv
from tests.conftest import events, make_variant, run

FIRST = date(2026, 1, 5)
AS_OF = "2026-12-31"
days = st.integers(min_value=0, max_value=250)

PROMISED_WITH_CHECKS = make_variant(
    {**cv.JIANGXI_PROMISED, "rule": "TL-2", "case_types": ["promised"]},
    case_types=cv.JIANGXI_CASE_TYPES,
)
PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def at(offset: int, hour: int = 9) -> str:
    return f"{FIRST + timedelta(days=offset)}T{hour:02d}:00"


def row(kind: str, case: str, offset: int, hour: int = 9, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "case": case, "at": at(offset, hour), "window": "W1", "staff": "S1", **extra}


@st.composite
def promised_case(draw: st.DrawFn) -> dict[str, Any]:
    """One promised case: receipt, limit, statutory limit, completion (or not)."""
    received = draw(days)
    return {
        "received": received,
        "limit": draw(st.integers(min_value=1, max_value=20)),
        "statutory": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=30))),
        "done": draw(st.one_of(st.none(), st.integers(min_value=0, max_value=60))),
    }


def case_rows(case: dict[str, Any], *extra: dict[str, Any]) -> list[Event]:
    rows = [row("case_received", "C1", case["received"], case_type="promised", promised_limit=case["limit"],
                **({"statutory_limit": case["statutory"]} if case["statutory"] else {}))]
    if case["done"] is not None:
        rows.append(row("case_completed", "C1", case["received"] + case["done"], hour=17))
    return events(*rows, *extra)


def deadline_of(report: Report) -> Verdict | None:
    found = [v for v in report.verdicts if v.rule == "TL-2" and v.deadline is not None]
    return found[0] if found else None


@PROPERTY_SETTINGS
@given(case=promised_case(), start=st.integers(0, 30), length=st.integers(0, 30))
def test_property_tl8_a_suspension_never_makes_a_case_due_earlier(
    case: dict[str, Any], start: int, length: int
) -> None:
    """TL-8: with any suspension the due date is the same or later, and a case in time stays in time."""
    plain = deadline_of(run(PROMISED_WITH_CHECKS, case_rows(case), AS_OF, include_compliance=True))
    suspend = case["received"] + start
    held = case_rows(case, row("case_suspended", "C1", suspend, reason="申请人延迟"),
                     row("case_resumed", "C1", suspend + length))
    paused = deadline_of(run(PROMISED_WITH_CHECKS, held, AS_OF, include_compliance=True))
    assert plain is not None and plain.deadline is not None
    if paused is not None and paused.deadline is not None:
        assert paused.deadline.due >= plain.deadline.due
        assert paused.deadline.days_late <= plain.deadline.days_late


@PROPERTY_SETTINGS
@given(case=promised_case(), granted=st.integers(min_value=0, max_value=40), new=st.integers(min_value=1, max_value=40))
def test_property_tl5_no_due_date_past_the_statutory_cap_without_a_violation(
    case: dict[str, Any], granted: int, new: int
) -> None:
    """TL-5: if an extension leaves the due date past the statutory limit's, a TL-5 violation says so."""
    log = case_rows(case, row("extension_granted", "C1", case["received"] + granted, reason="专家评审",
                              new_limit=new, applicant_told_in_writing=True, copied_to_centre=True))
    report = run(PROMISED_WITH_CHECKS, log, AS_OF, include_compliance=True)
    verdict = deadline_of(report)
    assert verdict is not None and verdict.deadline is not None
    trace = verdict.deadline
    moved = trace.due != trace.base_due
    if moved and trace.statutory_due is not None and trace.due > trace.statutory_due:
        assert any(v.rule == "TL-5" and v.kind is VerdictKind.VIOLATION for v in report.verdicts)
    granted_on = FIRST + timedelta(days=case["received"] + granted)
    if case["statutory"] is not None and new > case["statutory"] and trace.base_due and granted_on <= trace.base_due:
        assert trace.due == trace.statutory_due
        assert any(v.rule == "TL-5" and v.kind is VerdictKind.VIOLATION for v in report.verdicts)


UNRELATED_KINDS = st.sampled_from([
    {"type": "case_received", "case_type": "promised", "promised_limit": 3},
    {"type": "case_completed"},
    {"type": "missing_materials_notice", "items": ["身份证"]},
    {"type": "applicant_returned", "cause": "no_notice"},
    {"type": "case_suspended", "reason": "等待"},
    {"type": "extension_granted", "reason": "评审", "new_limit": 30, "applicant_told_in_writing": False},
    {"type": "joint_review_forwarded", "to_window": "W1", "limit": 1},
    {"type": "case_registered"},
    {"type": "completion_found_false"},
])


@PROPERTY_SETTINGS
@given(case=promised_case(), extra=st.lists(st.tuples(UNRELATED_KINDS, days), max_size=6))
def test_property_an_unrelated_event_never_changes_a_verdict(
    case: dict[str, Any], extra: list[tuple[dict[str, Any], int]]
) -> None:
    """Events of other cases, windows and staff members change no verdict about C1, W1 or S1."""
    variant = cv.county_case_rules()
    base = case_rows(case, row("missing_materials_notice", "C1", case["received"], items=["营业执照"]),
                     row("applicant_returned", "C1", case["received"] + 1, cause="incomplete_notice"))
    other = [{"id": f"x{i}", "case": f"C2-{i}", "at": at(offset), "window": "W2", "staff": "S2", **kind}
             for i, (kind, offset) in enumerate(extra)]
    ours = {"C1", "W1", "S1"}

    def about_ours(report: Report) -> list[Verdict]:
        return [v for v in report.verdicts if v.case in ours or v.subject.id in ours]

    noisy = [*base, *events(*other)] if other else base
    assert about_ours(run(variant, base, AS_OF)) == about_ours(run(variant, noisy, AS_OF))
