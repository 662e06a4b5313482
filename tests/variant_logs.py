"""The logs every built-in variant must evaluate without error: the example log and a synthetic year.

A variant declares its own case types (CASE-2); events of a case whose type it does not
declare would be an error, so those cases are dropped first, with every event naming them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from bianmin_rules import EVENT_ADAPTER, Event, Report, Variant, Verdict, evaluate
from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.intake.files import DEMO_AS_OF, demo_events

SYNTHETIC_AS_OF = date(2026, 12, 31)


@cache
def synthetic_events() -> tuple[Event, ...]:
    """A synthetic year of a small centre (20,000 events, three windows), made once per test run."""
    return tuple(EVENT_ADAPTER.validate_python(row) for row in generate(20000, windows=3))


def declared_only(events: Iterable[Event], case_types: Iterable[str]) -> list[Event]:
    """The events without the cases of undeclared types (and every event naming such a case)."""
    log = list(events)
    declared = set(case_types)
    dropped = {
        event.case for event in log
        if event.type == "case_received" and event.case_type not in declared
    }
    return [event for event in log if getattr(event, "case", None) not in dropped]


def evaluate_example_and_synthetic(variant: Variant) -> tuple[Report, Report]:
    """The variant's reports on the example log (as of its demo day) and on the synthetic year."""
    example = evaluate(variant, declared_only(demo_events(), variant.case_types),
                       as_of=date.fromisoformat(DEMO_AS_OF))
    synthetic = evaluate(variant, declared_only(synthetic_events(), variant.case_types), as_of=SYNTHETIC_AS_OF)
    return example, synthetic


def verdicts_of(report: Report, rule: str) -> list[Verdict]:
    """The report's verdicts under ``rule``, in the report's order."""
    return [verdict for verdict in report.verdicts if verdict.rule == rule]
