"""The engine: purity, order independence, as_of, errors (CAL-3) and JSON round trips."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bianmin_rules import (
    EvaluationError,
    Event,
    ProvisionalCalendarError,
    Report,
    Subject,
    SubjectKind,
    Variant,
    VerdictKind,
    WorkCalendar,
    evaluate,
)
from bianmin_rules.intake.files import demo_events
from tests.conftest import events, run


def demo_log() -> list[Event]:
    return list(demo_events())


def test_same_report_for_any_order_of_events(county: Variant) -> None:
    """TL-1, TL-4, TL-7: the report does not depend on the order of the log."""
    log = demo_log()
    expected = run(county, log, "2026-03-31")
    for seed in range(5):
        shuffled = log[:]
        random.Random(seed).shuffle(shuffled)
        assert run(county, shuffled, "2026-03-31") == expected


def test_verdicts_sort_by_their_subject_as_written(county: Variant) -> None:
    """The report's order compares subjects as their ``kind:id`` text, and kinds as their values."""
    kinds = [kind.value for kind in SubjectKind]
    assert not [(a, b) for a in kinds for b in kinds if a != b and b.startswith(a)]
    verdicts = run(county, demo_log(), "2026-03-31").verdicts
    by_text = sorted(verdicts, key=lambda v: (
        v.on, v.rule, str(v.subject), v.case or "", v.evidence, v.kind.value,
    ))
    assert len({v.subject.kind for v in verdicts}) > 1
    assert list(verdicts) == by_text


def test_equal_timestamps_are_ordered_by_event_id(county: Variant) -> None:
    """Two completions at the same instant: the one with the smaller id counts, whatever the order."""
    rows = [
        {"type": "case_received", "id": "a1", "at": "2026-03-02T09:00", "case": "C1", "case_type": "immediate"},
        {"type": "case_completed", "id": "b2", "at": "2026-03-03T09:00", "case": "C1", "staff": "S2"},
        {"type": "case_completed", "id": "b1", "at": "2026-03-03T09:00", "case": "C1", "staff": "S1"},
    ]
    forward = run(county, events(*rows), "2026-03-31")
    backward = run(county, events(*reversed(rows)), "2026-03-31")
    assert forward == backward
    assert forward.verdicts[0].evidence[-1] == "b1"


def test_demo_report_as_computed_by_hand(county: Variant) -> None:
    """The built-in example: TL-7 (C2026-0005), TL-1 (C2026-0102, C2026-0110), TL-4 (C2026-0104).

    Each late case is its staff member's first time-limit failure of 2026: ESC-2 (责任追究制 2)
    gives each 批评教育. TL-11's speed-up rate of W-land: C2026-0108, promised 10 working days
    from 3/10, was done on 3/23, the 9th: 1 of 10 promised days saved. TL-12's completion
    rates in 2026-Q1, counting closed cases and the open C2026-0110 (overdue since 3/30):
    W-build 1/2 (C2026-0003 done on its due day 2/27; C2026-0104 late), W-land 2/3 (C2026-0005
    late), W-market 1/3 (C2026-0102 and C2026-0110 late); S-li 1/2, S-zhao 1/2, S-sun 1/1,
    S-chen 0/1, S-wang 1/2. C2026-0108 is in time (due 3/24) with its receipt notice (TL-2,
    TL-3); the one-time notices list everything at once (OTN-2), the rejections give their
    reasons (OTN-4).
    """
    report = run(county, demo_log(), "2026-03-31")
    assert [(v.rule, v.case, v.deadline.days_late if v.deadline else None) for v in report.violations()] == [
        ("ESC-2", "C2026-0005", None), ("TL-7", "C2026-0005", 1),
        ("ESC-2", "C2026-0102", None), ("TL-1", "C2026-0102", 1),
        ("ESC-2", "C2026-0104", None), ("TL-4", "C2026-0104", 2),
        ("ESC-2", "C2026-0110", None), ("TL-1", "C2026-0110", 1),
    ]
    assert {v.sanction.tier for v in report.violations() if v.sanction} == {"批评教育"}
    assert not [v for v in report.verdicts if v.kind is VerdictKind.WARNING]
    (speed_up,) = [v.measure for v in report.verdicts if v.rule == "TL-11"]
    assert speed_up is not None and (speed_up.numerator, speed_up.denominator) == (1, 10)
    rates = {str(v.subject): (v.measure.numerator, v.measure.denominator)
             for v in report.verdicts if v.rule == "TL-12" and v.measure}
    assert rates == {"window:W-build": (1, 2), "window:W-land": (2, 3), "window:W-market": (1, 3),
                     "staff:S-li": (1, 2), "staff:S-zhao": (1, 2), "staff:S-sun": (1, 1), "staff:S-chen": (0, 1),
                     "staff:S-wang": (1, 2)}
    assert len(report.verdicts) == 8 + 1 + 8
    assert report.events_read == 21 and report.events_after_as_of == 1
    assert len(report.notes) == 1 and "C2025-0977" in report.notes[0]
    wang = Subject(kind=SubjectKind.STAFF, id="S-wang")
    assert [(v.rule, v.case) for v in report.about(wang)] == [("ESC-2", "C2026-0110"), ("TL-1", "C2026-0110"),
                                                              ("TL-12", None)]


def test_events_after_as_of_are_left_out(county: Variant) -> None:
    """A completion dated after as_of is not yet known: the case is judged open."""
    report = run(county, demo_log(), "2026-03-31")
    late_completion = [v for v in report.verdicts if v.case == "C2026-0110"]
    assert late_completion[0].actual is None


def test_inputs_are_not_changed(county: Variant) -> None:
    log = demo_log()
    before = [e.model_copy() for e in log]
    dumped = county.model_dump()
    run(county, log, "2026-03-31")
    assert log == before and county.model_dump() == dumped


def test_report_round_trips_through_json(county: Variant) -> None:
    report = run(county, demo_log(), "2026-03-31", include_compliance=True)
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_a_stream_is_read_once(county: Variant) -> None:
    report = evaluate(county, iter(demo_log()), as_of=date(2026, 3, 31))
    assert report.events_read == 21


def test_undeclared_case_type_is_an_error_naming_the_event(county: Variant) -> None:
    """CASE-2: the case types are the variant's; county-centre has no 急办件."""
    log = events({"type": "case_received", "at": "2026-03-02T09:00", "case": "C1", "case_type": "urgent"})
    with pytest.raises(EvaluationError, match=r"event 'e1': case type 'urgent' is not declared") as caught:
        run(county, log, "2026-03-31")
    assert caught.value.event_id == "e1"


def test_duplicate_event_ids_are_an_error(county: Variant) -> None:
    log = events({"type": "case_received", "at": "2026-03-02T09:00", "case": "C1", "case_type": "immediate"})
    with pytest.raises(EvaluationError, match="two events have this id"):
        run(county, [*log, *log], "2026-03-31")


def test_a_case_received_twice_is_an_error(county: Variant) -> None:
    rows = [
        {"type": "case_received", "at": f"2026-03-0{day}T09:00", "case": "C1", "case_type": "immediate"}
        for day in (2, 3)
    ]
    with pytest.raises(EvaluationError, match="received twice") as caught:
        run(county, events(*rows), "2026-03-31")
    assert caught.value.event_id == "e2"


def test_as_of_in_a_year_without_official_schedule_is_refused(county: Variant) -> None:
    """CAL-3: counting into 2027 needs an explicit opt-in."""
    with pytest.raises(ProvisionalCalendarError, match="2027"):
        run(county, [], "2027-01-05")


def test_provisional_results_say_so(county: Variant) -> None:
    """CAL-3: with the opt-in, every verdict resting on 2027 and the report are marked provisional."""
    log = events({"type": "case_received", "at": "2027-01-04T09:00", "case": "C1", "case_type": "immediate"})
    report = run(county, log, "2027-01-06", calendar=WorkCalendar.china(allow_provisional=True))
    assert report.provisional
    assert [v.provisional for v in report.verdicts] == [True]


def test_official_results_are_not_provisional(county: Variant) -> None:
    report = run(county, demo_log(), "2026-03-31", calendar=WorkCalendar.china(allow_provisional=True))
    assert not report.provisional


def test_a_due_date_in_next_year_does_not_stop_an_evaluation_at_year_end(county: Variant) -> None:
    """CAL-3: as of 2026-12-31, a case due in 2027 is simply not late yet; nothing is provisional."""
    log = events(
        {"type": "case_received", "at": "2026-12-30T09:00", "case": "C1", "case_type": "supplement",
         "promised_limit": 20, "materials_complete": False},
        {"type": "materials_completed", "at": "2026-12-31T09:00", "case": "C1"},
    )
    report = run(county, log, "2026-12-31")
    assert report.verdicts == () and not report.provisional
