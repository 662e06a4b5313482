"""Logs every built-in variant's test module evaluates: the built-in example and a synthetic year.

A variant declares its own case types (CASE-2): the case events of types it does not
declare are left out, as a centre under that variant would never record them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any

from bianmin_rules import EVENT_ADAPTER, Event, Variant
from bianmin_rules.events import CaseReceived
from bianmin_rules.io import DATA
from bianmin_rules.synthetic import generate

Row = dict[str, Any]


@cache
def synthetic_rows() -> tuple[Row, ...]:
    """20,000 synthetic events of a centre with three windows (generated once per test run)."""
    return tuple(generate(20000, windows=3))


@cache
def synthetic_events() -> tuple[Event, ...]:
    """The synthetic rows as events (validated once per test run; events are immutable)."""
    return tuple(EVENT_ADAPTER.validate_python(row) for row in synthetic_rows())


@cache
def example_events() -> tuple[Event, ...]:
    """The built-in example log of a county centre."""
    text = (DATA / "examples" / "county-centre.jsonl").read_text(encoding="utf-8")
    return tuple(EVENT_ADAPTER.validate_python(json.loads(line)) for line in text.splitlines() if line.strip())


def declared(variant: Variant, log: Iterable[Event]) -> list[Event]:
    """The events of ``log`` but the case events of case types ``variant`` does not declare."""
    log = tuple(log)
    undeclared = {e.case for e in log if isinstance(e, CaseReceived) and e.case_type not in variant.case_types}
    return [e for e in log if getattr(e, "case", None) not in undeclared]


def synthetic_log(variant: Variant) -> list[Event]:
    """The synthetic events ``variant`` can read."""
    return declared(variant, synthetic_events())


def example_log(variant: Variant) -> list[Event]:
    """The example's events ``variant`` can read."""
    return declared(variant, example_events())


def synthetic_as_of() -> date:
    """The day after the synthetic log's last event: every day of the log has passed."""
    last = max(str(row["at"]) for row in synthetic_rows())
    return date.fromisoformat(last[:10]) + timedelta(days=1)
