"""The findings register: every finding, in time order."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from bianmin_rules.core.books import Book
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import fact
from bianmin_rules.families.findings.events import FindingRecorded, FindingSource


@fact
class Finding:
    """One recorded finding."""

    at: datetime
    event: str
    window: str | None
    staff: str | None
    finding: str
    by: FindingSource
    quantity: Decimal
    serious: bool

    @property
    def day(self) -> date:
        """The China-time calendar day of the finding."""
        return self.at.date()


class FindingLedger:
    """Gathers findings; closes into one tuple in time order."""

    handles: tuple[type[EventBase], ...] = (FindingRecorded,)

    def __init__(self) -> None:
        self._findings: list[Finding] = []

    def record(self, event: FindingRecorded) -> None:
        """File one finding."""
        self._findings.append(Finding(
            at=event.at, event=event.id, window=event.window, staff=event.staff, finding=event.finding,
            by=event.by, quantity=event.quantity, serious=event.serious,
        ))

    def close(self) -> tuple[Finding, ...]:
        """Every finding, ordered by time and event id."""
        return tuple(sorted(self._findings, key=lambda f: (f.at, f.event)))


FINDINGS: Book[tuple[Finding, ...]] = Book("findings", FindingLedger)
"""Every finding, in time order."""
