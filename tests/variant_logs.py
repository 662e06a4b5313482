"""Logs for the tests of the built-in variant files.

Each variant declares its own case types (CASE-2), and a case of a type it does not
declare is an error. These helpers give the built-in example log and a synthetic log
(:func:`bianmin_rules.synthetic.generate`) without the cases whose type the variant
does not declare, with every event of those cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from bianmin_rules import EVENT_ADAPTER, Event, Report, Variant, evaluate
from bianmin_rules.io import DEMO_AS_OF, demo_events
from bianmin_rules.synthetic import generate

SYNTHETIC_EVENTS = 20000


@cache
def synthetic_events() -> tuple[Event, ...]:
    """A synthetic log of a centre of three windows (generated and validated once per test session)."""
    return tuple(EVENT_ADAPTER.validate_python(row) for row in generate(SYNTHETIC_EVENTS, windows=3))


def declared_only(log: Iterable[Event], variant: Variant) -> list[Event]:
    """``log`` without the cases whose type ``variant`` does not declare, and every event of them."""
    log = list(log)
    dropped = {
        e.case for e in log if e.type == "case_received" and e.case_type not in variant.case_types
    }
    return [e for e in log if getattr(e, "case", None) not in dropped]


def synthetic_log(variant: Variant) -> list[Event]:
    """The synthetic log, limited to the case types ``variant`` declares."""
    return declared_only(synthetic_events(), variant)


def example_log(variant: Variant) -> list[Event]:
    """The built-in example log (county-centre.jsonl), limited to the case types ``variant`` declares."""
    return declared_only(demo_events(), variant)


def evaluate_example(variant: Variant) -> Report:
    """``variant`` applied to the example log, as of the demo's day."""
    return evaluate(variant, example_log(variant), as_of=date.fromisoformat(DEMO_AS_OF))


def evaluate_synthetic(variant: Variant) -> Report:
    """``variant`` applied to the synthetic log, as of the day after its last event."""
    log = synthetic_log(variant)
    return evaluate(variant, log, as_of=max(e.at for e in log).date() + timedelta(days=1))


def evaluate_both(variant: Variant) -> tuple[Report, Report]:
    """The example and the synthetic reports of ``variant``, each checked to be its own: every verdict
    names the variant and one of the rules its policies encode."""
    rules = {policy.rule for policy in variant.policies}
    reports = evaluate_example(variant), evaluate_synthetic(variant)
    for report in reports:
        assert {v.variant for v in report.verdicts} <= {variant.name}
        assert {v.rule for v in report.verdicts} <= rules
    return reports
