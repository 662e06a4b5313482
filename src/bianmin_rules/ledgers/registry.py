"""The registry of refusals and of matters handled outside the centre (REG-4, REG-5)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime

from bianmin_rules.events import ApplicationRefused, EventBase, HandledOutsideCentre, OutsideWay


@dataclass(frozen=True, slots=True)
class Entry:
    """One registry entry: when, which event, who, and the case if any."""

    at: datetime
    event: str
    window: str | None
    staff: str | None
    case: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the entry."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class Refusal(Entry):
    """A decision not to accept or handle an application (REG-4)."""

    matter: str | None
    reasons: tuple[str, ...]
    recorded: bool
    reported: bool


@dataclass(frozen=True, slots=True)
class OutsideHandling(Entry):
    """A matter handled or sent outside the centre (REG-5)."""

    way: OutsideWay


@dataclass(frozen=True, slots=True)
class Registry:
    """Refusals and outside handling, each in time order."""

    refusals: tuple[Refusal, ...] = ()
    outside: tuple[OutsideHandling, ...] = ()


def _names(event: EventBase) -> dict[str, str | None]:
    return {
        "window": None if event.window is None else sys.intern(event.window),
        "staff": None if event.staff is None else sys.intern(event.staff),
    }


class RegistryLedger:
    """Gathers refusals and outside handling; closes into a :class:`Registry`."""

    handles: tuple[type[EventBase], ...] = (ApplicationRefused, HandledOutsideCentre)

    def __init__(self) -> None:
        self._refusals: list[Refusal] = []
        self._outside: list[OutsideHandling] = []

    def record(self, event: ApplicationRefused | HandledOutsideCentre) -> None:
        """File one entry."""
        if isinstance(event, ApplicationRefused):
            self._refusals.append(Refusal(
                at=event.at, event=event.id, case=event.case, matter=event.matter, reasons=event.reasons,
                recorded=event.recorded, reported=event.reported, **_names(event),
            ))
        else:
            self._outside.append(OutsideHandling(
                at=event.at, event=event.id, case=event.case, way=event.way, **_names(event),
            ))

    def close(self) -> Registry:
        """Every entry, ordered by time and event id."""
        return Registry(
            refusals=tuple(sorted(self._refusals, key=lambda e: (e.at, e.event))),
            outside=tuple(sorted(self._outside, key=lambda e: (e.at, e.event))),
        )
