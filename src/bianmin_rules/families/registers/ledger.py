"""The register's periodic acts (REG-1, REG-2): every daily summary, weekly check and monthly report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bianmin_rules.core.books import Book
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.facts import fact
from bianmin_rules.families.registers.events import RegisterAct, RegisterReported


def period_start(act: RegisterAct, day: date) -> date:
    """The first day of the period ``act`` covers that contains ``day``: the day, its Monday, or the 1st."""
    if act is RegisterAct.DAILY_SUMMARY:
        return day
    if act is RegisterAct.WEEKLY_CHECK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


@fact
class RegisterEntry:
    """One periodic act on the register, with the first day of the period it covers."""

    at: datetime
    event: str
    centre: str | None
    window: str | None
    staff: str | None
    act: RegisterAct
    period: date
    role: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the act."""
        return self.at.date()


class RegisterLedger:
    """Gathers the register's periodic acts; closes into one tuple in time order."""

    handles: tuple[type[EventBase], ...] = (RegisterReported,)

    def __init__(self) -> None:
        self._entries: list[RegisterEntry] = []

    def record(self, event: RegisterReported) -> None:
        """File one act, normalising ``covers`` to the first day of its period."""
        self._entries.append(RegisterEntry(
            at=event.at, event=event.id, centre=event.centre, window=event.window, staff=event.staff,
            act=event.act, period=period_start(event.act, event.covers), role=event.role,
        ))

    def close(self) -> tuple[RegisterEntry, ...]:
        """Every act, ordered by time and event id."""
        return tuple(sorted(self._entries, key=lambda e: (e.at, e.event)))


REGISTER: Book[tuple[RegisterEntry, ...]] = Book("register", RegisterLedger)
"""The register's daily summaries, weekly checks and monthly reports, in time order."""
