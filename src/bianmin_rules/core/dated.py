"""Regulations in time: dated values, periods in force, and the versions of a variant.

Regulations change: a township cuts a limit from 5 to 3 working days from 1 July, adds a
rule from the next quarter, drops another. A variant file says so as data:

- any value a policy or an assessment table takes may be given as *dated values*, a
  table whose keys are days, each value in force from its day until the next one::

      limit = { 2026-01-01 = 5, 2026-07-01 = 3 }

- a policy or a table may have a *period in force*, ``in_force = { from = …, until = … }``
  (``until`` is the first day it no longer applies; either may be left out);
- a file that ``extends`` another and states its own ``effective`` day is an amendment
  of it from that day (:mod:`bianmin_rules.core.extends` writes it as the two above).

A value without dates is in force always. The policies themselves never see a date of
this kind: the variant is resolved here, at the edge of the engine, into *versions*
(:class:`Version`), each a plain variant with the interval of days it is in force, and
each policy entry into its *course* (:class:`Course`): the plain policy in force over each
span of days. Each matter is judged by the policy in force on the day that starts it,
the day its family declares (:meth:`~bianmin_rules.core.family.Families.start_day`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from bianmin_rules.core.errors import VariantError

if TYPE_CHECKING:
    from bianmin_rules.core.policy import PolicyBase
    from bianmin_rules.core.variant import Variant

IN_FORCE = "in_force"
"""The key of a policy's or a table's period in force."""

DATED_LISTS = ("policies", "scorecards")
"""The lists of a variant file whose entries may hold dated values and a period in force."""

FIXED_KEYS = frozenset({"kind", "rule", "id", "name"})
"""Keys of an entry that name it, and so cannot change over time: a new entry with ``in_force`` can."""

DAY_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_of(key: object) -> date | None:
    """The day a key of a dated table names (``2026-07-01``, as text or a date), or None."""
    if isinstance(key, date):
        return key
    if isinstance(key, str) and DAY_TEXT.match(key):
        try:
            return date.fromisoformat(key)
        except ValueError:
            return None
    return None


def is_dated(value: object) -> bool:
    """Is ``value`` a table of dated values: non-empty, every key a day?"""
    return isinstance(value, dict) and bool(value) and all(DAY_TEXT.match(k) if isinstance(k, str)
                                                          else isinstance(k, date) for k in value)


def dated_values(entry: Any, path: str = "") -> Iterator[tuple[str, dict[Any, Any]]]:
    """Every table of dated values in ``entry``, with its dotted key, as written, in the file's order."""
    items: Any
    if isinstance(entry, dict):
        if is_dated(entry):
            yield path, entry
            return
        items = entry.items()
    elif isinstance(entry, list | tuple):
        items = enumerate(entry)
    else:
        return
    for name, value in items:
        if name == IN_FORCE and not path:
            continue
        yield from dated_values(value, f"{path}[{name}]" if isinstance(name, int) else
                                (f"{path}.{name}" if path else str(name)))


class MisdatedError(ValueError):
    """A table of dated values or a period in force that cannot be read; ``key`` names the place in the entry."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def dates_of(table: dict[Any, Any], path: str) -> dict[date, Any]:
    """The values of a dated table by day; a day that is not a real one, or given twice, is refused."""
    values: dict[date, Any] = {}
    for key, value in table.items():
        day = day_of(key)
        if day is None:
            raise MisdatedError(f"{key} is not a day of the calendar", f"{path}.{key}")
        if day in values:
            raise MisdatedError(f"two values are given for {day}", f"{path}.{key}")
        if is_dated(value):
            raise MisdatedError("a dated value holds dated values itself", f"{path}.{key}")
        values[day] = value
    return values


@dataclass(frozen=True, slots=True)
class Span:
    """An interval of days: from ``since`` (None: from always) until the day before ``until`` (None: ever after).

    A version's days, a policy's period in force (``in_force = { from = …, until = … }``).
    """

    since: date | None
    until: date | None

    def holds(self, day: date | None) -> bool:
        """Does the span hold ``day`` (None: any day before every date of the variant)?"""
        if day is None:
            return self.since is None
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


ALWAYS = Span(None, None)
"""Every day: the period in force of an entry that states none."""


def in_force(entry: Mapping[str, Any]) -> Span:
    """The entry's period in force (always, when it states none); a malformed one is refused."""
    given = entry.get(IN_FORCE)
    if given is None:
        return ALWAYS
    if not isinstance(given, dict) or not set(given) <= {"from", "until"}:
        raise MisdatedError("must be a table with `from` and/or `until`, e.g. { from = 2026-07-01 }", IN_FORCE)
    bounds = []
    for name in ("from", "until"):
        value = given.get(name)
        day = day_of(value.isoformat() if isinstance(value, date) else value) if value is not None else None
        if value is not None and day is None:
            raise MisdatedError(f"{value!r} is not a day", f"{IN_FORCE}.{name}")
        bounds.append(day)
    since, until = bounds
    if since is not None and until is not None and until <= since:
        raise MisdatedError(f"ends on {until}, not after it begins on {since}", f"{IN_FORCE}.until")
    return Span(since, until)


def listed_in_force(entry: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every element of a list inside ``entry`` (a table's category, item or line; a ladder's tier) that states
    its own period in force, with its dotted key."""
    if isinstance(entry, dict):
        for name, value in entry.items():
            yield from listed_in_force(value, f"{path}.{name}" if path else str(name))
    elif isinstance(entry, list | tuple):
        for index, value in enumerate(entry):
            place = f"{path}[{index}]"
            if isinstance(value, dict) and IN_FORCE in value:
                yield place, value
            yield from listed_in_force(value, place)


def changes(entry: Mapping[str, Any]) -> set[date]:
    """The days on which something of the entry changes: the days of its dated values, of its period in force
    and of the periods in force of the elements of its lists."""
    days = {day for path, table in dated_values(entry) for day in dates_of(table, path)}
    periods = [in_force(entry)]
    for path, element in listed_in_force(entry):
        try:
            periods.append(in_force(element))
        except MisdatedError as exc:
            raise MisdatedError(str(exc), f"{path}.{exc.key}") from None
    return days | {day for period in periods for day in (period.since, period.until) if day is not None}


def refuse_fixed(entry: Mapping[str, Any]) -> None:
    """An entry's names (``kind``, ``rule``, ``id``, ``name``) are never dated."""
    for name in FIXED_KEYS:
        if is_dated(entry.get(name)):
            raise MisdatedError(f"`{name}` names the entry and cannot change over time; "
                           "write a new entry with `in_force` instead", name)


class Unvalued(NamedTuple):
    """An entry on a day before the first of one of its dated values: the rules in force that day are unknown."""

    key: str
    """The dotted key, in the entry, of the dated value."""
    first: date
    """The first day a value is given for."""


def unvalued_on(spans: Iterable[tuple[Span, Unvalued]], day: date) -> Unvalued | None:
    """Of the spans of an entry before the first of its values, what is missing on ``day`` (None: it is valued)."""
    return next((missing for span, missing in spans if span.holds(day)), None)


def resolved(entry: Any, day: date | None) -> Any:
    """The entry as in force on ``day`` (None: before every date of the variant), with plain values.

    None when it is not in force that day; :class:`Unvalued` when one of its dated values
    starts after ``day``; anything but a table as it is (the variant's validation says what is wrong).
    """
    if not isinstance(entry, dict):
        return entry
    if not in_force(entry).holds(day):
        return None
    missing: list[Unvalued] = []

    def plain(value: Any, path: str, listed: bool = False) -> Any:
        if isinstance(value, dict):
            if is_dated(value):
                values = dates_of(value, path)
                past = [d for d in values if day is not None and d <= day]
                if not past:
                    missing.append(Unvalued(path, min(values)))
                    return None
                return values[max(past)]
            return {k: plain(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()
                    if not (k == IN_FORCE and (listed or not path))}
        if isinstance(value, list):  # an element in force on another day is left out
            return [plain(v, f"{path}[{i}]", listed=True) for i, v in enumerate(value)
                    if not (isinstance(v, dict) and IN_FORCE in v and not in_force(v).holds(day))]
        return value

    result = plain(dict(entry), "")
    return min(missing, key=lambda m: m.first) if missing else result


def is_timed(data: Mapping[str, Any]) -> bool:
    """Does a variant's data date anything: a dated value, or a period in force, in its policies or tables?"""
    return any(
        isinstance(entry, dict) and (IN_FORCE in entry or any(True for _ in dated_values(entry))
                                     or any(True for _ in listed_in_force(entry)))
        for name in DATED_LISTS for entry in entries(data, name)
    )


def entries(data: Mapping[str, Any], name: str) -> list[Any]:
    """The entries of the list ``name`` of a variant's data (none where it is not a list: its own error says so)."""
    found = data.get(name)
    return found if isinstance(found, list) else []


State = Any
"""What an entry is over a span: its plain policy or table, :class:`Unvalued`, or None (not in force)."""


@dataclass(frozen=True, slots=True)
class Course:
    """One policy or table entry of a variant over time: the plain policy or table in force over each span of days.

    ``index`` is the entry's place in the variant file's ``[[policies]]`` or ``[[scorecards]]``; consecutive
    spans never hold the same state (a value split at a day it does not change at is one span).
    """

    index: int
    spans: tuple[tuple[Span, State], ...]

    @property
    def policy(self) -> PolicyBase:
        """Its latest plain policy (the last state of its spans that is one)."""
        for _, state in reversed(self.spans):
            if state is not None and not isinstance(state, Unvalued):
                return state  # type: ignore[no-any-return]
        raise LookupError("a policy entry in force on no day")


@dataclass(frozen=True, slots=True, eq=False)
class Version:
    """A plain variant, with the interval of days it is in force."""

    span: Span
    variant: Variant


@dataclass(frozen=True, eq=False)
class Timeline:
    """A variant over time: its data as written (with dates), its versions, its policies' and tables' courses.

    ``data`` is the variant's file as resolved (``extends`` laid out, amendments written as
    dated values and periods in force): printing it gives the file back. ``versions`` are
    in order of days and cover every day; ``courses`` follow the file's ``[[policies]]``.
    """

    data: Mapping[str, Any]
    versions: tuple[Version, ...]
    courses: tuple[Course, ...]
    tables: tuple[Course, ...]
    """The courses of the assessment tables, in the file's ``[[scorecards]]`` order."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeline) and other.data == self.data

    def __hash__(self) -> int:
        return hash(tuple(sorted(map(str, self.data))))

    def on(self, day: date) -> Version:
        """The version in force on ``day``."""
        return next(version for version in reversed(self.versions) if version.span.holds(day))

    def unvalued(self, day: date) -> Iterator[tuple[str, int, Unvalued]]:
        """Each policy and table that has no value yet on ``day``: its list and place in the file, what is missing."""
        for name, courses in (("policies", self.courses), ("scorecards", self.tables)):
            for course in courses:
                missing = unvalued_on(((s, u) for s, u in course.spans if isinstance(u, Unvalued)), day)
                if missing is not None:
                    yield name, course.index, missing

    @property
    def days(self) -> tuple[date, ...]:
        """The days on which a version begins."""
        return tuple(v.span.since for v in self.versions if v.span.since is not None)


def spans_of(days: list[date]) -> list[Span]:
    """The spans between consecutive ``days`` (in order), from always to ever after."""
    bounds: list[date | None] = [None, *days, None]
    return [Span(since, until) for since, until in pairwise(bounds)]


def merged(spans: list[tuple[Span, Any, Any]]) -> tuple[tuple[Span, State], ...]:
    """Consecutive spans with equal states (and equal keys) joined: ``(span, state, key)`` → ``(span, state)``."""
    out: list[tuple[Span, Any, Any]] = []
    for span, state, key in spans:
        if out and out[-1][1] == state and out[-1][2] == key:
            out[-1] = (Span(out[-1][0].since, span.until), state, key)
        else:
            out.append((span, state, key))
    return tuple((span, state) for span, state, _ in out)


def misdated(exc: MisdatedError, *, origin: str, key: str) -> VariantError:
    """A :class:`MisdatedError` entry as the variant's error, at the entry's key."""
    return VariantError(str(exc), variant=origin, key=f"{key}.{exc.key}")


def dated_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A variant's JSON Schema that accepts dated values wherever a policy or a table takes a plain one.

    Every key of the models a policy or an assessment table is made of (but those that
    name an entry, :data:`FIXED_KEYS`) accepts its plain value or a table of days to
    such values; every policy kind and table, and every element of a list inside them (a
    table's category, item or line), accepts ``in_force``. Changed in place, and returned.
    """
    definitions: dict[str, Any] = schema.get("$defs", {})
    entries = {ref.rsplit("/", 1)[-1] for name in DATED_LISTS for ref in refs(schema["properties"][name])}
    reached, waiting, listed = set(entries), list(entries), set()
    while waiting:
        definition = definitions[waiting.pop()]
        listed |= {ref.rsplit("/", 1)[-1] for ref in listed_refs(definition)}
        for ref in refs(definition):
            name = ref.rsplit("/", 1)[-1]
            if name not in reached:
                reached.add(name)
                waiting.append(name)
    for name in sorted(reached):
        properties = definitions[name].get("properties", {})
        for key, value in list(properties.items()):
            if key not in FIXED_KEYS:
                properties[key] = {
                    "anyOf": [value, {
                        "type": "object", "minProperties": 1, "propertyNames": {"pattern": DAY_TEXT.pattern},
                        "additionalProperties": {k: v for k, v in value.items() if k not in ("default", "title")},
                        "description": "Dated values: each in force from its day (YYYY-MM-DD) until the next.",
                    }],
                    **{k: value[k] for k in ("default", "description", "title") if k in value},
                }
        if (name in entries or name in listed) and "properties" in definitions[name]:
            properties[IN_FORCE] = IN_FORCE_SCHEMA
    return schema


def listed_refs(node: Any) -> Iterator[str]:
    """The ``$ref`` of every model a piece of a JSON Schema takes as the elements of a list."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "items":
                yield from refs(value)
            else:
                yield from listed_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from listed_refs(value)


IN_FORCE_SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "from": {"type": "string", "format": "date", "description": "The first day in force."},
        "until": {"type": "string", "format": "date", "description": "The first day no longer in force."},
    },
    "description": "The period in force (default: always).",
}


def refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` (and discriminator mapping) a piece of a JSON Schema names."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key == "mapping" and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)
