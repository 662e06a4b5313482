"""Filing an event as a compact fact: a frozen dataclass whose fields the event supplies by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from bianmin_rules.events import EventBase

FactT = TypeVar("FactT")


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
