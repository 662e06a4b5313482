"""Properties of dated values over every built-in variant and generated logs of 2026.

A variant whose every value is dated at one day before the log judges as the plain one
(each verdict then names that day as its version); splitting a value into two dated
entries of the same value changes nothing; and a change dated after every matter of the
log has started changes nothing either.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Event, Variant, evaluate, load_variant
from bianmin_rules.authoring.testing import event_logs
from bianmin_rules.core.dated import DATED_LISTS, FIXED_KEYS
from bianmin_rules.intake.files import builtin_variant_names
from bianmin_rules.views.render import to_json

BEFORE = "2020-01-01"
"""A day before every generated log."""
AS_OF = date(2026, 12, 31)


def raw(variant: Variant) -> dict[str, Any]:
    """The variant's file as data, ``extends`` resolved."""
    return tomllib.loads(variant.to_toml())


def dated_at(data: dict[str, Any], day: str) -> dict[str, Any]:
    """Every value of every policy and table given as dated values from ``day``."""
    for name in DATED_LISTS:
        data[name] = [{key: value if key in FIXED_KEYS else {day: value} for key, value in entry.items()}
                      for entry in data.get(name, [])]
    return data


def variant_of(data: dict[str, Any], name: str) -> Variant:
    return Variant.from_data(data, origin=name)


def judged(variant: Variant, log: list[Event]) -> str:
    return to_json(evaluate(variant, log, as_of=AS_OF))


def without_versions(value: Any) -> Any:
    """A report's JSON without the versions its verdicts name."""
    if isinstance(value, dict):
        return {key: without_versions(item) for key, item in value.items() if key != "version"}
    if isinstance(value, list):
        return [without_versions(item) for item in value]
    return value


@st.composite
def a_variant_and_its_log(draw: st.DrawFn) -> tuple[Variant, list[Event]]:
    variant = load_variant(draw(st.sampled_from(builtin_variant_names())))
    return variant, draw(event_logs(case_types=tuple(variant.case_types)))


@given(a_variant_and_its_log())
def test_every_value_dated_before_the_log_judges_as_the_plain_variant(
    drawn: tuple[Variant, list[Event]],
) -> None:
    """Dated from 2020-01-01, every rule and table is in force over the whole log: the same report, but each
    verdict names 2020-01-01 as the version it was judged by."""
    variant, log = drawn
    dated = variant_of(dated_at(raw(variant), BEFORE), variant.name)
    report = evaluate(dated, log, as_of=AS_OF)
    assert all(verdict.version == date(2020, 1, 1) for verdict in report.verdicts)
    assert without_versions(json.loads(to_json(report))) == json.loads(judged(variant, log))


@given(a_variant_and_its_log(), st.data())
def test_splitting_a_value_at_any_day_into_two_equal_dated_values_changes_nothing(
    drawn: tuple[Variant, list[Event]], data: st.DataObject,
) -> None:
    variant, log = drawn
    once = dated_at(raw(variant), BEFORE)
    entries = [(name, index, key) for name in DATED_LISTS for index, entry in enumerate(once.get(name, []))
               for key, value in entry.items() if key not in FIXED_KEYS and isinstance(value, dict)]
    name, index, key = data.draw(st.sampled_from(entries))
    day = data.draw(st.dates(date(2026, 1, 1), date(2026, 12, 31))).isoformat()
    split = dated_at(raw(variant), BEFORE)
    split[name][index][key] = {BEFORE: once[name][index][key][BEFORE], day: once[name][index][key][BEFORE]}
    assert judged(variant_of(split, variant.name), log) == judged(variant_of(once, variant.name), log)


@given(a_variant_and_its_log(), st.data())
def test_a_change_dated_after_every_matter_started_changes_nothing(
    drawn: tuple[Variant, list[Event]], data: st.DataObject,
) -> None:
    """A policy dropped from 2027 (in force until then) judges the 2026 log as before."""
    variant, log = drawn
    if not variant.policies:
        return
    index = data.draw(st.integers(0, len(variant.policies) - 1))
    ending = raw(variant)
    ending["policies"][index]["in_force"] = {"until": date(2027, 1, 1)}
    assert judged(variant_of(ending, variant.name), log) == judged(variant, log)
