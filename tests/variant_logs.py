"""Logs every built-in variant's test module evaluates: a synthetic year of a small centre."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from bianmin_rules import EVENT_ADAPTER, Event, Variant
from bianmin_rules.synthetic import generate


@cache
def synthetic_rows() -> tuple[dict[str, object], ...]:
    """20,000 synthetic events of a centre with three windows (generated once per test run)."""
    return tuple(generate(20000, windows=3))


def synthetic_log(variant: Variant) -> list[Event]:
    """The synthetic events, without the case events of case types ``variant`` does not declare (CASE-2)."""
    undeclared = {row["case"] for row in synthetic_rows()
                  if row["type"] == "case_received" and row["case_type"] not in variant.case_types}
    return [EVENT_ADAPTER.validate_python(row) for row in synthetic_rows() if row.get("case") not in undeclared]


def synthetic_as_of() -> date:
    """The day after the synthetic log's last event: every day of the log has passed."""
    last = max(str(row["at"]) for row in synthetic_rows())
    return date.fromisoformat(last[:10]) + timedelta(days=1)
