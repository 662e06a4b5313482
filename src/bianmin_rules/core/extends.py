"""``extends``: a variant written as "the county rules, except …".

A variant file may name a parent (``extends = "county-centre"``, or a path relative to the
file). The child's data is laid over the parent's before validation:

- every value the child sets replaces the parent's (``source``, ``office_hours``, and
  ``case_types``, since a township declares its own set of case types, CASE-2) …
- … except lists of tables such as ``[[policies]]``, which are merged entry by entry: an
  entry is addressed by its ``id`` if it has one, else its ``rule``; a child entry with a
  parent's key changes only the keys it sets, one with a new key is added, and
  ``remove_policies = ["TL-7", …]`` drops inherited policies. A child entry without an
  ``id`` also reaches the one parent entry of its ``rule`` when that entry has an ``id``,
  and ``remove_policies`` may name a rule ID to drop every inherited policy of that rule.

A child that states its own ``effective`` day is an *amendment* of its parent from that
day (:mod:`bianmin_rules.core.dated`): the parent's entries stay in force before it, the
child's from it. An entry the child changes is split in two periods in force — the
changed one, in its place, ``from`` that day, and the parent's, ``until`` it, after every
other entry (so that the child's entries keep the places they would have) — a new entry
is in force from that day, a removed one until it; a later amendment addresses the
entries in force on its own day. The resolved variant lists the days of its amendments
in ``amended``; the other keys the child sets (its ``effective`` day, title, office
hours, case types …) are the child's on every day.

The resolved data names the parent in ``based_on`` (for the reader) and no longer
``extends`` anything, so printing it gives a complete, self-standing variant. Resolution
is pure: the caller supplies a function that returns a parent's raw data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bianmin_rules.core.dated import DATED_LISTS, IN_FORCE, MisdatedError, Span, in_force, misdated
from bianmin_rules.core.errors import VariantError

Data = dict[str, Any]

ParentLoader = Callable[[str, str], tuple[Data, str]]
"""``load_parent(reference, origin)``: the raw data of the variant ``reference`` names, and its own origin."""


def resolve_extends(data: Data, *, origin: str, load_parent: ParentLoader) -> Data:
    """The variant data with its ``extends`` chain laid out, child over parent.

    ``load_parent(reference, origin)`` returns the parent's raw data and its own origin
    (for nested ``extends`` and error messages).
    """
    return _resolve(data, origin, load_parent, [origin])


def _resolve(data: Data, origin: str, load_parent: ParentLoader, chain: list[str]) -> Data:
    check_shape(data, origin)
    reference = data.get("extends")
    if reference is None:
        return _without(data, "remove_policies", origin)
    parent, parent_origin = load_parent(reference, origin)
    if parent_origin in chain:
        cycle = " → ".join([*chain, parent_origin])
        raise VariantError(f"extends itself: {cycle}", variant=origin, key="extends")
    base = _resolve(parent, parent_origin, load_parent, [*chain, parent_origin])
    child = {key: value for key, value in data.items() if key != "extends"}
    amended = amendment_day(child, origin)
    if amended is None:
        return overlay(base, child, origin=origin) | {"based_on": reference}
    amendments = [*base.get("amended", ()), amended]
    merged = overlay(base, child, origin=origin, amended=amended)
    return merged | {"based_on": reference, "amended": amendments}


def amendment_day(child: Data, origin: str) -> date | None:
    """The day a child's amendment takes effect: its ``effective`` day, if it states one."""
    day = child.get("effective")
    if day is None:
        return None
    if not isinstance(day, date):
        raise VariantError("must be a day, e.g. 2026-07-01", variant=origin, key="effective")
    return day


def check_shape(data: Data, origin: str) -> None:
    """Refuse a file whose keys that ``extends`` reads have the wrong shape, before anything is merged.

    ``extends`` names one variant; ``policies`` is an array of tables (``[[policies]]``);
    ``remove_policies`` an array of policy ids or rule IDs (``["TL-1"]``, never ``"TL-1"``).
    """
    if "extends" in data and not isinstance(data["extends"], str):
        raise VariantError("must name a variant or a file (a string)", variant=origin, key="extends")
    policies = data.get("policies", [])
    if not isinstance(policies, list):
        raise VariantError("must be an array of tables, written [[policies]]", variant=origin, key="policies")
    for index, entry in enumerate(policies):
        if not isinstance(entry, dict):
            raise VariantError("must be a table (a policy with its rule and parameters)", variant=origin,
                               key=f"policies[{index}]")
    removed = data.get("remove_policies", [])
    if not isinstance(removed, list):
        raise VariantError('must be an array of policy ids or rule IDs, e.g. ["TL-1"]', variant=origin,
                           key="remove_policies")
    for index, name in enumerate(removed):
        if not isinstance(name, str):
            raise VariantError("must be a policy id or a rule ID (a string)", variant=origin,
                               key=f"remove_policies[{index}]")


def _without(data: Data, key: str, origin: str) -> Data:
    if key in data:
        raise VariantError("only a variant that extends another can remove its policies", variant=origin, key=key)
    return data


def overlay(base: Data, child: Data, *, origin: str, amended: date | None = None) -> Data:
    """``child`` laid over ``base`` (as an amendment from ``amended``, if given): see the module docstring."""
    merged = dict(base)
    removed = child.get("remove_policies", [])
    for key, value in child.items():
        if key == "remove_policies":
            continue
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list) and _keyed_tables(old + value):
            merged[key] = merge_keyed(old, value, key=key, origin=origin, amended=amended)
        elif amended is not None and key in DATED_LISTS and isinstance(value, list):
            merged[key] = [from_day(entry, amended, origin, f"{key}[{i}]") for i, entry in enumerate(value)]
        else:
            merged[key] = value
    merged["policies"] = drop(merged.get("policies", []), removed, origin=origin, amended=amended)
    return merged


def from_day(entry: Data, day: date, origin: str, key: str) -> Data:
    """``entry`` in force from ``day`` on, within its own period in force (an amendment's new or changed entry)."""
    period = period_of(entry, origin, key)
    since = day if period.since is None else max(period.since, day)
    return {**entry, IN_FORCE: bounds(since, period.until)}


def until_day(entry: Data, day: date, origin: str, key: str) -> Data | None:
    """``entry`` in force until ``day`` only (an amendment's replaced or removed entry); None if not before it."""
    period = period_of(entry, origin, key)
    if period.since is not None and period.since >= day:
        return None
    until = day if period.until is None else min(period.until, day)
    return {**entry, IN_FORCE: bounds(period.since, until)}


def bounds(since: date | None, until: date | None) -> Data:
    """An ``in_force`` table with the bounds given."""
    return {name: day for name, day in (("from", since), ("until", until)) if day is not None}


def period_of(entry: Data, origin: str, key: str) -> Span:
    """The entry's period in force, or its error at ``key``."""
    try:
        return in_force(entry)
    except MisdatedError as exc:
        raise misdated(exc, origin=origin, key=key) from None


def in_force_on(entry: Data, day: date | None) -> bool:
    """Is ``entry`` in force on ``day`` (always, when no amendment day is given)?"""
    return day is None or in_force(entry).holds(day)


def _keyed_tables(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, dict) for item in items)


def entry_key(entry: Data) -> str | None:
    """How an entry of a list of tables is addressed: its ``id``, else its ``rule``."""
    key = entry.get("id", entry.get("rule"))
    return key if isinstance(key, str) else None


def addresses(entry: Data, target: Data) -> bool:
    """Does a child's ``entry`` address ``target`` by its key, or — having no ``id`` — by its rule?"""
    name = entry_key(entry)
    if name is None:
        return False
    return entry_key(target) == name or ("id" not in entry and rule_of(target) == name)


def merge_keyed(
    base: list[Data], child: list[Data], *, key: str, origin: str, amended: date | None = None,
) -> list[Data]:
    """Merge two lists of tables by entry key, keeping the parent's order and adding new entries last.

    As an amendment from ``amended``, an entry addresses the parent's entries in force that
    day; a changed entry is split in two periods in force, a new one starts that day.
    """
    merged = list(base)
    ended: list[Data] = []
    for index, entry in enumerate(child):
        name = entry_key(entry)
        live = [i for i, old in enumerate(merged) if in_force_on(old, amended)]
        matches = [i for i in live if name is not None and entry_key(merged[i]) == name]
        if not matches:
            matches = [i for i in live if addresses(entry, merged[i])]
        if len(matches) > 1:
            raise VariantError(
                f"several inherited entries are addressed as {name!r}; give them distinct `id`s",
                variant=origin, key=f"{key}[{index}]",
            )
        place = f"{key}[{index}]"
        if not matches:
            merged.append(entry if amended is None else from_day(entry, amended, origin, place))
            continue
        old = merged[matches[0]]
        new = {**old, **entry}
        if amended is None or new == old:
            merged[matches[0]] = new
            continue
        merged[matches[0]] = from_day(new, amended, origin, place)
        before = until_day(old, amended, origin, place)
        ended.extend([before] if before is not None else [])
    return merged + ended


def drop(policies: list[Data], removed: list[Any], *, origin: str, amended: date | None = None) -> list[Data]:
    """The policies without those named in ``remove_policies`` (by id, or every one of a rule ID).

    Naming an unknown one is an error. As an amendment from ``amended``, a policy removed
    is in force until that day.
    """
    keys = {entry_key(p) for p in policies} | {rule_of(p) for p in policies}
    for index, name in enumerate(removed):
        if name not in keys:
            raise VariantError(
                f"{name!r} is not a policy of the extended variant", variant=origin, key=f"remove_policies[{index}]"
            )
    kept: list[Data] = []
    for policy in policies:
        if entry_key(policy) not in removed and rule_of(policy) not in removed:
            kept.append(policy)
        elif amended is not None and in_force_on(policy, amended):
            ended = until_day(policy, amended, origin, "remove_policies")
            kept.extend([ended] if ended is not None else [])
        elif amended is not None:
            kept.append(policy)  # already out of force before the amendment
    return kept


def rule_of(entry: Data) -> str | None:
    """The rule ID an entry names, if it names one as a string."""
    rule = entry.get("rule")
    return rule if isinstance(rule, str) else None
