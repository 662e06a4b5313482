"""Properties of whole evaluations, over logs and variants drawn by the shipped strategies."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Event, Report, Variant, evaluate, load_variant
from bianmin_rules.testing import event_logs, events, variants
from bianmin_rules.whatif import diff

AS_OF = date(2026, 12, 31)
COUNTY = load_variant("county-centre")


@given(event_logs(), st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_order_of_events(log: list[Event], rnd: random.Random) -> None:
    shuffled = log[:]
    rnd.shuffle(shuffled)
    assert evaluate(COUNTY, shuffled, as_of=AS_OF) == evaluate(COUNTY, log, as_of=AS_OF)


@given(event_logs(), st.integers(min_value=0, max_value=40))
def test_splitting_the_log_changes_nothing(log: list[Event], cut: int) -> None:
    """A log split into two files and read one after the other is the same log."""
    assert evaluate(COUNTY, log[cut:] + log[:cut], as_of=AS_OF) == evaluate(COUNTY, log, as_of=AS_OF)


@given(st.data())
def test_reports_round_trip_through_json_and_never_differ_from_themselves(data: st.DataObject) -> None:
    variant: Variant = data.draw(variants())
    log: list[Event] = data.draw(event_logs(case_types=tuple(variant.case_types)))  # CASE-2: the variant's own types
    report = evaluate(variant, log, as_of=AS_OF)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert diff(report, report).empty
    assert evaluate(variant, log, as_of=AS_OF) == report


@given(events())
def test_every_event_type_round_trips_through_json(event: Event) -> None:
    from bianmin_rules import EVENT_ADAPTER

    assert EVENT_ADAPTER.validate_json(event.model_dump_json()) == event
