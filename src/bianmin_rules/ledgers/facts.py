"""Filing events as compact facts, and gathering the facts of one subject into its file.

A fact is a frozen dataclass whose fields the event supplies by name. A
:class:`FileLedger` files each event's fact under the id of the subject it belongs to
(an inquiry, a complaint) and, at close, builds one file per subject from its facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from datetime import datetime
from functools import cache
from typing import Any, Generic, Protocol, TypeVar

from bianmin_rules.errors import EvaluationError
from bianmin_rules.events import EventBase

FactT = TypeVar("FactT")
FileT = TypeVar("FileT")


class Dated(Protocol):
    """A fact with a time and the id of the event it records."""

    @property
    def at(self) -> datetime: ...

    @property
    def event(self) -> str: ...


DatedT = TypeVar("DatedT", bound=Dated)


@cache
def _names(kind: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name != "event")


def fact_of(kind: Callable[..., FactT], event: EventBase) -> FactT:
    """The fact ``kind`` built from ``event``: ``event`` is the event's id, every other field its attribute.

    Only the fields ``kind`` declares are read, so an event field the fact has no place
    for (a confidential one, CMP-7) is never copied.
    """
    payload: dict[str, Any] = {name: getattr(event, name) for name in _names(kind)}
    return kind(event=event.id, **payload)


def in_order(facts: Iterable[DatedT]) -> list[DatedT]:
    """The facts ordered by time, then event id, whatever order they were filed in."""
    return sorted(facts, key=lambda f: (f.at, f.event))


def only_one(ordered: Iterable[object], kind: type[FactT], what: str) -> FactT | None:
    """The one fact of ``kind`` among ``ordered``; a second one is an error naming it and the first."""
    found = [f for f in ordered if isinstance(f, kind)]
    if len(found) > 1:
        first, second = (getattr(f, "event", "?") for f in found[:2])
        raise EvaluationError(f"{what} is received twice (first in event {first!r})", event_id=second)
    return found[0] if found else None


class FileLedger(Generic[FileT]):
    """Files each event's fact under the subject its ``key`` field names; closes into one file per subject."""

    def __init__(
        self, facts: Mapping[Any, Callable[..., Any]], *, key: str,
        build: Callable[[str, list[Any]], FileT],
    ) -> None:
        self.handles: tuple[type[EventBase], ...] = tuple(facts)
        self._facts = facts
        self._key = key
        self._build = build
        self._filed: dict[str, list[Any]] = defaultdict(list)

    def record(self, event: EventBase) -> None:
        """File one event's fact under its subject."""
        self._filed[getattr(event, self._key)].append(fact_of(self._facts[type(event)], event))

    def close(self) -> dict[str, FileT]:
        """One file per subject, by subject id, in id order."""
        return {key: self._build(key, self._filed[key]) for key in sorted(self._filed)}
