"""Lint of a variant in time: its dated values, periods in force, amendments, and each version.

A variant that dates its values (:mod:`bianmin_rules.core.dated`) is linted twice over:
every other check runs on each of its versions, as the engine reads it on each day it
changes (:func:`versions`), and the checks here run on the file's dates themselves:

| code | rule | what |
| --- | --- | --- |
| `dated-order` | the entry's rule | dated values not written in date order |
| `dated-duplicate` | the entry's rule | two values for one day (refused when the variant is read) |
| `misdated` | the entry's rule | a key that is not a day, a period in force that ends before it begins … |
| `change-inside-period` | SC-10, the rate's rule | a table or a rate by period changing inside one of its periods |
| `never-in-force` | the policy's rule | a policy in force on no day (of the year linted, with ``--year``) |
| `amendment-before-base` | — | an amendment dated before its base took effect, or before an earlier amendment |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import Any, NamedTuple

from bianmin_rules.authoring.scorecards import LintFinding, Severity
from bianmin_rules.core.dated import (
    DATED_LISTS,
    MisdatedError,
    Unvalued,
    changes,
    dated_values,
    day_of,
    entries,
    in_force,
    is_timed,
    refuse_fixed,
    resolved,
    spans_of,
)
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import PolicyBase

Data = dict[str, Any]


def dated_problems(
    data: Data, year: int | None = None, effective: list[Any] | None = None,
    kinds: Mapping[str, type[PolicyBase]] | None = None,
) -> Iterator[LintFinding]:
    """The checks of the file's dates: their order, their days, tables and rates changing inside a period, amendments.

    ``effective``: the ``effective`` day of each file of the ``extends`` chain, the variant
    first; ``kinds``: the policy kinds of the variant's families (which measure rates by period).
    """
    for name in DATED_LISTS:
        entries = data.get(name)
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict):
                yield from entry_problems(entry, f"{name}[{index}]", year if name == "policies" else None)
                if name == "scorecards":
                    yield from inside_periods(entry, f"{name}[{index}]", "SC-10", "table", periods_of)
                elif (kind := (kinds or {}).get(str(entry.get("kind")))) is not None and kind.measures_periods:
                    yield from inside_periods(entry, f"{name}[{index}]", rule_of(entry), "rate",
                                              partial(rate_period, default=kind.model_fields["period"].default))
    yield from amendment_problems(effective or [])


def rule_of(entry: Data) -> str | None:
    rule = entry.get("rule")
    return rule if isinstance(rule, str) else None


def entry_problems(entry: Data, key: str, year: int | None) -> Iterator[LintFinding]:
    """One entry's dated values (order, duplicates, days) and its period in force."""
    rule = rule_of(entry)
    duplicated = False
    for path, table in dated_values(entry):
        read = [day_of(day) for day in table]
        if any(day is None for day in read):
            continue  # reported below, as the variant reads it
        written = [day for day in read if day is not None]
        place = f"{key}.{path}"
        for day in sorted({d for d in written if written.count(d) > 1}):
            duplicated = True
            yield LintFinding(rule, "dated-duplicate", Severity.ERROR, place, f"two values are given for {day}",
                              str(day))
        if written != sorted(written):
            yield LintFinding(rule, "dated-order", Severity.WARNING, place, (
                "the dated values are not written in date order: each is in force from its own day, "
                "whatever its place, but a reader takes the last for the latest"
            ))
    try:
        refuse_fixed(entry)
        bounds = sorted(changes(entry))
    except MisdatedError as exc:
        if not duplicated:  # else found above, by its own code
            yield LintFinding(rule, "misdated", Severity.ERROR, f"{key}.{exc.key}", str(exc))
        return
    if key.startswith("policies"):
        yield from never_in_force(entry, key, bounds, year)


def never_in_force(entry: Data, key: str, days: list[date], year: int | None) -> Iterator[LintFinding]:
    """A policy in force on no day (of ``year``): its period in force ends before any value of it begins."""
    spans = [span for span in spans_of(days) if isinstance(resolved(entry, span.since), dict)]
    if year is not None:
        first, after = date(year, 1, 1), date(year + 1, 1, 1)
        spans = [s for s in spans if (s.since is None or s.since < after) and (s.until is None or s.until > first)]
    if not spans:
        which = "always" if year is None else str(year)
        yield LintFinding(rule_of(entry), "never-in-force", Severity.WARNING, key, (
            "the policy is in force on no day: its period in force ends before any of its values begins"
            if year is None else f"the policy is in force on no day of {year}"
        ), which)


def inside_periods(
    entry: Data, key: str, rule: str | None, what: str, periods: Callable[[Data], list[tuple[str, bool]]],
) -> Iterator[LintFinding]:
    """A table (SC-10) or a rate measured by period changing on a day that does not begin one of its periods.

    A period is judged under the ``what`` in force on its first day; for a table, a longer
    period (a year of quarters) sums its parts as each was scored, but is combined, ranked
    and required of under the table of its first day.
    """
    try:
        days = sorted(changes(entry))
    except MisdatedError:
        return
    for day in days:
        found = resolved(entry, day)
        for kind, rollup in periods(found if isinstance(found, dict) else entry):
            period = Period.containing(kind, day)
            if period.start == day:
                continue
            how = (f"its parts are each scored under the table of their own first day, and combined under the "
                   f"table in force on {period.start}" if rollup else
                   f"that {kind} is judged under the {what} in force on {period.start}; the change counts after it")
            yield LintFinding(rule, "change-inside-period", Severity.WARNING, key, (
                f"the {what} changes on {day}, inside the {kind} that begins on {period.start}: {how}"
            ), str(day))


def rate_period(policy: Data, default: Any) -> list[tuple[str, bool]]:
    """The kind of period a rate policy measures (its ``period``, else the kind's default)."""
    kind = policy.get("period", default)
    kind = kind.value if isinstance(kind, PeriodKind) else kind
    return [(kind, False)] if isinstance(kind, str) and kind in PeriodKind.__members__.values() else []


def periods_of(table: Data) -> list[tuple[str, bool]]:
    """The kinds of period a table's data scores, its own first, each with whether it is a rollup's."""
    kinds = [(table.get("period"), False)]
    rollups = table.get("rollups")
    kinds += [(r.get("period"), True) for r in rollups if isinstance(r, dict)] if isinstance(rollups, list) else []
    return [(kind, rollup) for kind, rollup in kinds
            if isinstance(kind, str) and kind in PeriodKind.__members__.values()]


def amendment_problems(effective: list[Any]) -> Iterator[LintFinding]:
    """Amendments dated before the variant they amend took effect.

    ``effective`` is the ``effective`` day of each file of the ``extends`` chain, the
    variant linted first: each file that states one amends the next file up that does.
    """
    for index, day in enumerate(effective):
        base = next((d for d in effective[index + 1:] if isinstance(d, date)), None)
        if isinstance(day, date) and base is not None and day < base:
            yield LintFinding(None, "amendment-before-base", Severity.WARNING, "effective", (
                f"the amendment takes effect on {day}, before the variant it amends took effect on {base}: "
                "its changes apply from a day that variant did not"
            ), str(day))


ENTRY = re.compile(r"^(policies|scorecards)\[(\d+)\]")


class Version(NamedTuple):
    """A version of the file's data as lint reads it: plain values, and where each entry is written."""

    since: date | None
    data: Data
    places: dict[str, list[int]]

    def in_file(self, key: str) -> str:
        """A key of this version as the file writes it: ``policies[2]`` → the entry's index in the file."""
        found = ENTRY.match(key)
        if found is None:
            return key
        name, index = found.group(1), int(found.group(2))
        places = self.places.get(name, [])
        return f"{name}[{places[index]}]{key[found.end():]}" if index < len(places) else key


def versions(data: Data) -> list[Version]:
    """The file's data on each day something of it changes, plain (none of the entries not in force that day).

    A file that dates nothing is one version, itself. Entries whose dates cannot be read
    are left as written (their own finding says why).
    """
    if not is_timed(data):
        return [Version(None, data, {})]
    days: set[date] = set()
    for name in DATED_LISTS:
        for entry in entries(data, name):
            if isinstance(entry, dict):
                try:
                    days |= changes(entry)
                except MisdatedError:
                    continue
    found = []
    for span in spans_of(sorted(days)):
        version = dict(data)
        places: dict[str, list[int]] = {}
        for name in DATED_LISTS:
            if not isinstance(data.get(name), list):
                continue
            plain = [plain_entry(entry, span.since) for entry in entries(data, name)]
            places[name] = [index for index, entry in enumerate(plain) if entry is not None]
            version[name] = [plain[index] for index in places[name]]
        found.append(Version(span.since, version, places))
    return found


def plain_entry(entry: Any, day: date | None) -> Any:
    """The entry as in force on ``day``; None when it is not, or has no value that day."""
    if not isinstance(entry, dict):
        return entry
    try:
        found = resolved(entry, day)
        in_force(entry)
    except MisdatedError:
        return entry
    return None if found is None or isinstance(found, Unvalued) else found
