"""Synthetic logs for benchmarks: reproducible, valid, in time order, covering every case type."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from bianmin_rules import EVENT_ADAPTER, evaluate, load_variant, read_events
from bianmin_rules.authoring.synthetic import CASE_TYPES, generate
from bianmin_rules.cli.main import main


def test_same_seed_same_log_and_exact_size() -> None:
    first = list(generate(3000, seed=7))
    assert first == list(generate(3000, seed=7))
    assert len(first) == 3000
    assert first != list(generate(3000, seed=8))


def test_rows_are_valid_unique_and_in_time_order() -> None:
    rows = list(generate(20000, seed=3, windows=3))
    parsed = [EVENT_ADAPTER.validate_python(row) for row in rows]
    assert len({e.id for e in parsed}) == len(parsed)
    assert [e.at for e in parsed] == sorted(e.at for e in parsed)
    received = Counter(e.case_type for e in parsed if e.type == "case_received")  # type: ignore[union-attr]
    assert set(received) == set(CASE_TYPES)
    families = {e.type for e in parsed}
    assert {"signed_in", "inquiry_received", "post_assigned", "finding_recorded"} <= families


def test_a_generated_year_evaluates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--events", "6000", "--seed", "5", "--windows", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6000 and json.loads(lines[0])["id"] == "e00000000"
    report = evaluate(load_variant("county-centre"), read_events(lines), as_of=date(2026, 12, 31))
    assert report.events_read + report.events_after_as_of == 6000
    assert {v.rule for v in report.verdicts} >= {"TL-1"}


@pytest.mark.parametrize("name", ["shandong-guideline", "shouzhan-town", "community-hall", "dahe-town"])
def test_a_log_for_a_variant_uses_only_its_case_types(name: str) -> None:
    """CASE-2: a variant refuses a receipt of a case type it does not declare; a log made for it has none."""
    variant = load_variant(name)
    rows = list(generate(3000, seed=4, windows=3, case_types=variant.case_types))
    received = {row["case_type"] for row in rows if row["type"] == "case_received"}
    assert received <= set(variant.case_types)
    assert ("promised" in received) == ("promised" in variant.case_types)
    report = evaluate(variant, read_events(json.dumps(row) for row in rows), as_of=date(2026, 12, 31))
    assert report.events_read + report.events_after_as_of == 3000


def test_the_kinds_are_drawn_alike_whatever_their_codes() -> None:
    plain = list(generate(2000, seed=9))
    coded = list(generate(2000, seed=9, case_types=("promised", "joint")))
    assert [row["id"] for row in plain] == [row["id"] for row in coded]
    assert {row["case_type"] for row in coded if row["type"] == "case_received"} == {"promised", "joint"}
