"""Reading event logs in JSON Lines: one event per line, validated as it streams past.

The first bad line stops the reading with one :class:`~bianmin_rules.core.errors.EventError`
naming the source, the line number, the field and what was expected; nothing is
returned for a log that is not valid as a whole. Blank lines are skipped. Event ids
must be distinct: they are checked once the last line is read (a set of every id of a
long log would stay in memory beside its facts until then), and the first line whose
id an earlier line has is named, with its source and the id.

A line that gives one key twice counts its last value, as Python's ``json``, JavaScript
and pydantic read it (RFC 8259 leaves the choice to the reader): telling the keys of
every line apart would cost a fifth of the reading time of a large log.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from operator import itemgetter

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bianmin_rules.core.errors import BOM, BOM_FOUND, DuplicateEventError, EventError, did_you_mean, shown, wrong_type
from bianmin_rules.core.facts import DistinctIds
from bianmin_rules.core.family import Families
from bianmin_rules.families import BUILTIN, Event


class EventLog(Iterator[Event]):
    """Events read from JSON Lines, in file order, their ids checked distinct once the last is read.

    The engine reads :attr:`ids_unique` and does not check the ids a second time: on a
    log of millions of events a second set of ids would be as large as the first.
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

    A line may be an event of any of ``families`` (default: the library's own). ``lines``
    is a file or any iterable of lines; a text or ``None`` is a :class:`TypeError`.
    """
    check_lines(lines, source)
    return read_logs([(source, lines)], families=families)


def check_lines(lines: object, source: str) -> None:
    """Refuse what is not an iterable of lines: ``None``, or a whole text (it would be read letter by letter)."""
    if isinstance(lines, str | bytes | bytearray) or not isinstance(lines, Iterable):
        raise wrong_type(f"the lines of {source}", "an iterable of lines (a file, or text.splitlines())", lines)


def read_logs(logs: Iterable[tuple[str, Iterable[str | bytes]]], *, families: Families = BUILTIN) -> EventLog:
    """The events of several named JSON Lines streams, one after the other.

    Event ids must be unique across all of them: a log may be split into files in any way.
    A line may be an event of any of ``families`` (default: the library's own).
    """
    return EventLog(_read(logs, families))


def _read(logs: Iterable[tuple[str, Iterable[str | bytes]]], families: Families) -> Iterator[Event]:
    # The ids are checked distinct once the last line is read (DistinctIds): a set of them
    # would hold every id of a long log as an object until then.
    ids = DistinctIds()
    noted, note, flush, batch = ids.pending, ids.pending.append, ids.flush, DistinctIds.BATCH
    places: list[tuple[int, str, list[int]]] = []
    """Where each source starts among the events, its name, and the places its blank lines were skipped at."""
    # The adapter's core validator, called directly: the adapter's own method only passes
    # its arguments on, and this loop runs once per line of a log of millions.
    validate = families.event_adapter.validator.validate_json
    for source, lines in logs:
        check_lines(lines, source)
        skipped: list[int] = []
        places.append((len(ids), source, skipped))
        for number, line in enumerate(lines, start=1):
            try:
                event: Event = validate(line)
            except ValidationError as exc:
                # A blank line is not JSON: it is told apart here, once it failed, rather
                # than tested before every line.
                if isinstance(line, str | bytes) and (not line or line.isspace()):  # as `not line.strip()`
                    skipped.append(len(ids))
                    continue
                raise event_error(exc, line, source=source, number=number, families=families) from None
            note(event.id)
            if len(noted) == batch:
                flush()
            yield event
    repeat = ids.first_repeat()
    if repeat is not None:
        start, source, skipped = places[bisect_right(places, repeat, key=itemgetter(0)) - 1]
        raise DuplicateEventError(
            "duplicate event id: an earlier line has the same id",
            source=source, line=repeat - start + 1 + bisect_right(skipped, repeat), event_id=ids[repeat],
        )


def event_error(
    exc: ValidationError, line: object, *, source: str, number: int, families: Families = BUILTIN,
) -> EventError:
    """One readable error for the first problem of a line that failed validation."""
    if not isinstance(line, str | bytes | bytearray):
        raise wrong_type(f"line {number} of {source}", "str or bytes", line)
    error = exc.errors(include_url=False)[0]
    if error["type"] == "json_invalid" and starts_with_bom(line):
        return EventError(BOM_FOUND, source=source, line=number)
    field, message = describe(error, families)
    return EventError(message, source=source, line=number, field=field)


def starts_with_bom(line: str | bytes | bytearray) -> bool:
    """Does the line start with a byte-order mark (which an editor may put at the start of a file)?"""
    return line.startswith(BOM) if isinstance(line, str) else line.startswith(BOM.encode())


def describe(error: ErrorDetails, families: Families = BUILTIN) -> tuple[str | None, str]:
    """The field a validation error concerns and what was expected there (among the event types of ``families``).

    The one place a line's error message is built. It quotes the value it rejects, except
    on a complaint line (CMP-7): there the name or phone of the complainant may stand in
    any field, so nothing of the line is quoted, whichever field is wrong.
    """
    kind = error["type"]
    if kind == "json_invalid":
        return None, f"not valid JSON ({error['ctx'].get('error', 'syntax error')})"
    if kind == "union_tag_not_found":
        return "type", "missing: every event needs a `type`"
    if kind == "union_tag_invalid":
        if complaint_like(error["input"], families):  # nothing of the line, not even what its type is near to
            return "type", f"unknown event type; `bianmin-rules schema events` lists the {len(families.event_types)}"
        tag = str(error["ctx"]["tag"])
        return "type", f"unknown event type {tag!r}; " + did_you_mean(
            tag, families.event_types, listed="`bianmin-rules schema events`")
    if not error["loc"]:  # the line as a whole is not an object
        return None, "expected a JSON object"
    # loc starts with the event type (the union tag); the rest is the field's path.
    path = ".".join(str(step) for step in error["loc"][1:])
    if kind == "missing":
        return path, "missing: this field is required"
    if kind == "extra_forbidden":
        return path, "not a field of this event type"
    if kind == "confidential_elsewhere":
        ctx = error["ctx"]
        return str(ctx["field"]), (
            f"holds the text of the confidential field {ctx['confidential']!r} (a shifted column?); "
            f"the line is refused and none of it is shown ({WITHHELD})"
        )
    if len(error["loc"]) < 2:
        return None, error["msg"]  # about the event as a whole: its input is the whole line, not quoted
    if withheld(error["loc"], families):
        message = error["msg"]
        if isinstance(error["input"], str) and error["input"] and error["input"] in message:
            message = kind  # a message repeating its value says only what kind of error it is
        return path, f"{message} (the value is not shown: {WITHHELD})"
    return path, f"{error['msg']} (got {shown(error['input'])})"


WITHHELD = "a complaint line is confidential, CMP-7"
"""Why an error about a complaint line quotes none of it."""


def withheld(loc: tuple[int | str, ...], families: Families) -> bool:
    """Is ``loc`` on a line whose values an error never quotes (a complaint line, CMP-7)?"""
    model = families.event_types.get(str(loc[0]))
    return model is not None and model.confidential_line


def complaint_like(line: object, families: Families) -> bool:
    """Does a line of unknown type carry a field only complaint lines have (CMP-7)?"""
    return isinstance(line, dict) and not complaint_fields(families).isdisjoint(line)


@cache
def complaint_fields(families: Families) -> frozenset[str]:
    """The fields only the event types of confidential lines have: ``complaint``, ``complainant_name`` …"""
    types = families.event_types.values()
    confidential = {name for model in types if model.confidential_line for name in model.model_fields}
    other = {name for model in types if not model.confidential_line for name in model.model_fields}
    return frozenset(confidential - other)

