"""What the built-in variants' test modules share besides their logs (tests/variant_logs.py): cases, cards."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from bianmin_rules import Subject, SubjectKind
from bianmin_rules.core.periods import Period
from bianmin_rules.core.scorecards.cards import Card

Row = dict[str, Any]


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
