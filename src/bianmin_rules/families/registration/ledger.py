"""Refusals and matters handled outside the centre (REG-4, REG-5): facts that may concern no case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Generic, TypeVar

from bianmin_rules.core.books import Book
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import builder, fact, in_order
from bianmin_rules.families.registration.events import ApplicationRefused, HandledOutsideCentre, OutsideWay


@fact
class Entry:
    """When, which event, who, and the case if any."""

    at: datetime
    event: str
    window: str | None
    staff: str | None
    case: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the entry."""
        return self.at.date()


@fact
class Refusal(Entry):
    """A decision not to accept or handle an application (REG-4)."""

    matter: str | None
    reasons: tuple[str, ...]
    recorded: bool
    reported: bool


@fact
class OutsideHandling(Entry):
    """A matter handled or sent outside the centre (REG-5)."""

    way: OutsideWay


EntryT = TypeVar("EntryT", bound=Entry)


class EntryLedger(Generic[EntryT]):
    """Files one event type as entries; closes into one tuple in time order."""

    def __init__(self, event: type[EventBase], entry: Callable[..., EntryT]) -> None:
        self.handles: tuple[type[EventBase], ...] = (event,)
        self._build = builder(entry)
        self._entries: list[EntryT] = []

    def record(self, event: EventBase) -> None:
        """File one event."""
        self._entries.append(self._build(event))

    def close(self) -> tuple[EntryT, ...]:
        """Every entry, ordered by time and event id."""
        return tuple(in_order(self._entries))


def refusal_ledger() -> EntryLedger[Refusal]:
    """The ledger of refusals (REG-4)."""
    return EntryLedger(ApplicationRefused, Refusal)


def outside_ledger() -> EntryLedger[OutsideHandling]:
    """The ledger of matters handled outside the centre (REG-5)."""
    return EntryLedger(HandledOutsideCentre, OutsideHandling)


REFUSALS: Book[tuple[Refusal, ...]] = Book("refusals", refusal_ledger)
"""Every refusal to accept or handle an application, in time order (REG-4)."""

OUTSIDE: Book[tuple[OutsideHandling, ...]] = Book("outside", outside_ledger)
"""Every matter handled or sent outside the centre, in time order (REG-5)."""
