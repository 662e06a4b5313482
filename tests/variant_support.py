"""What the built-in variants' test modules share: the example and a synthetic year, cases and cards.

A variant declares its own case types (CASE-2): the case events of types it does not
declare are left out, as a centre under that variant would never record them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from bianmin_rules import EVENT_ADAPTER, Event, Subject, SubjectKind, Variant
from bianmin_rules.events import CaseReceived
from bianmin_rules.io import DATA
from bianmin_rules.periods import Period
from bianmin_rules.scorecards import Card
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


def case(name: str, received: str, case_type: str, who: Row, *steps: tuple[str, str, Row], **extra: Any) -> list[Row]:
    """A case received at ``received`` by ``who`` (window and staff), then its steps ``(type, at, fields)``."""
    rows = [{"type": "case_received", "at": received, "case": name, "case_type": case_type, **who, **extra}]
    rows += [{"type": kind, "at": when, "case": name, **who, **fields} for kind, when, fields in steps]
    return rows


def card_of(cards: Iterable[Card], table: str, subject: str, period: Period) -> Card:
    """The one card of ``table`` for ``subject`` (``W…`` a window, else a staff member) and ``period``."""
    kind = SubjectKind.WINDOW if subject.startswith("W") else SubjectKind.STAFF
    (found,) = [c for c in cards if c.scorecard == table and c.period == period
                and c.subject == Subject(kind=kind, id=subject)]
    return found


def item_scores(card: Card) -> dict[str, Decimal]:
    """Every item's score, by item id."""
    return {item.id: item.score for category in card.categories for item in category.items}
