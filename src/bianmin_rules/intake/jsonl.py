"""Reading event logs in JSON Lines: one event per line, validated as it streams past.

The first bad line stops the reading with one :class:`~bianmin_rules.core.errors.EventError`
naming the source, the line number, the field and what was expected; nothing is
returned for a log that is not valid as a whole. Blank lines are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bianmin_rules.core.errors import DuplicateEventError, EventError
from bianmin_rules.core.events import is_confidential
from bianmin_rules.core.family import Families
from bianmin_rules.families import BUILTIN, Event


class EventLog(Iterator[Event]):
    """Events read from JSON Lines, in file order, their ids already checked unique.

    The engine reads :attr:`ids_unique` and does not check the ids a second time: on a
    log of millions of events the second set of ids would cost tens of megabytes.
    """

    ids_unique = True

    def __init__(self, events: Iterator[Event]) -> None:
        self._events = events

    def __next__(self) -> Event:
        return next(self._events)

    def __iter__(self) -> Iterator[Event]:
        return self._events  # a loop reads the generator itself, one call fewer per event


def read_events(
    lines: Iterable[str | bytes], *, source: str = "<events>", families: Families = BUILTIN,
) -> EventLog:
    """The events of one JSON Lines stream, in file order; duplicate ids are an error.

    A line may be an event of any of ``families`` (default: the library's own).
    """
    return read_logs([(source, lines)], families=families)


def read_logs(logs: Iterable[tuple[str, Iterable[str | bytes]]], *, families: Families = BUILTIN) -> EventLog:
    """The events of several named JSON Lines streams, one after the other.

    Event ids must be unique across all of them: a log may be split into files in any way.
    A line may be an event of any of ``families`` (default: the library's own).
    """
    return EventLog(_read(logs, families))


def _read(logs: Iterable[tuple[str, Iterable[str | bytes]]], families: Families) -> Iterator[Event]:
    seen: set[str] = set()
    # The adapter's core validator, called directly: the adapter's own method only passes
    # its arguments on, and this loop runs once per line of a log of millions.
    validate = families.event_adapter.validator.validate_json
    for source, lines in logs:
        for number, line in enumerate(lines, start=1):
            try:
                event: Event = validate(line)
            except ValidationError as exc:
                # A blank line is not JSON: it is told apart here, once it failed, rather
                # than tested before every line.
                if not line or line.isspace():  # as `not line.strip()`, without copying the line
                    continue
                raise event_error(exc, source=source, line=number, families=families) from None
            ident = event.id
            if ident in seen:
                raise DuplicateEventError(
                    "duplicate event id: an earlier line has the same id",
                    source=source, line=number, event_id=ident,
                )
            seen.add(ident)
            yield event


def event_error(exc: ValidationError, *, source: str, line: int, families: Families = BUILTIN) -> EventError:
    """One readable error for the first problem of a line that failed validation."""
    error = exc.errors(include_url=False)[0]
    field, message = describe(error, families)
    return EventError(message, source=source, line=line, field=field)


def describe(error: ErrorDetails, families: Families = BUILTIN) -> tuple[str | None, str]:
    """The field a validation error concerns and what was expected there (among the event types of ``families``)."""
    kind = error["type"]
    if kind == "json_invalid":
        return None, f"not valid JSON ({error['ctx'].get('error', 'syntax error')})"
    if kind == "union_tag_not_found":
        return "type", "missing: every event needs a `type`"
    if kind == "union_tag_invalid":
        known = ", ".join(families.event_types)
        return "type", f"unknown event type {error['ctx']['tag']!r}; expected one of: {known}"
    if not error["loc"]:  # the line as a whole is not an object
        return None, "expected a JSON object"
    # loc starts with the event type (the union tag); the rest is the field's path.
    path = ".".join(str(step) for step in error["loc"][1:])
    if kind == "missing":
        return path, "missing: this field is required"
    if kind == "extra_forbidden":
        return path, "not a field of this event type"
    if len(error["loc"]) < 2:
        return None, error["msg"]  # about the event as a whole: its input is the whole line, not quoted
    if withheld(error["loc"], families):
        return path, f"{error['msg']} (the value is confidential and not shown)"
    return path, f"{error['msg']} (got {shown(error['input'])})"


def withheld(loc: tuple[int | str, ...], families: Families) -> bool:
    """Is the input at ``loc`` a field marked confidential, or inside one (CMP-7)?"""
    model = families.event_types.get(str(loc[0]))
    return model is not None and is_confidential(model, str(loc[1]))


def shown(value: object, limit: int = 60) -> str:
    """A value as quoted in an error message, cut short so that the message stays one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
