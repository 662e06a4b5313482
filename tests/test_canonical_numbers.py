"""Scores, points, money and rates print canonically in every output: 81, not 81.0; 0, never -0.0.

Points and yuan are exact decimals; arithmetic on them keeps the exponent of its operands
(``-0.5 × 50`` is ``-25.0``, ``0 × -0.5`` is ``-0.0``). A report writes every such number
one way, in its text, its tables and its JSON alike, so that a reader or a spreadsheet
never sees two spellings of one score.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import (
    Subject,
    SubjectKind,
    diff,
    evaluate,
    explain,
    load_variant,
    render_pieces,
    to_html,
    to_scorecards_csv,
)
from bianmin_rules.core.formatting import percent, plain
from bianmin_rules.core.verdicts import Citation, Verdict, VerdictKind
from bianmin_rules.intake.files import DEMO_AS_OF, builtin_variant_names, demo_events
from bianmin_rules.views.render import render_diff, render_explanation
from tests.variant_logs import evaluate_example_and_synthetic

WHATIF = Path(__file__).parent.parent / "examples" / "whatif"

TRAILING_ZERO = re.compile(r"(?<![\w.])-?\d+\.\d*0(?![\d])")
"""A number written with a trailing zero after its point: 81.0, 66.50, -0.0."""

NEGATIVE_ZERO = re.compile(r"(?<![\w.:-])-0(?![\d.])")
"""A zero written with a sign."""


def visible_text(page: str) -> str:
    """The text of an HTML page a reader sees: no tags, scripts, styles or a chart's coordinates (their numbers are
    the page's own), but a chart's values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<desc class="[xy]\b[^"]*">[^<]*</desc>', " ", page)
    return re.sub(r"<[^>]+>", " ", page)


def non_canonical(text: str) -> list[str]:
    """Every number of ``text`` not written canonically, with a little of its context."""
    return [text[max(0, m.start() - 40): m.end() + 10]
            for pattern in (TRAILING_ZERO, NEGATIVE_ZERO) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_report_format_of_every_builtin_variant_writes_numbers_canonically(name: str) -> None:
    """The example and the synthetic reports of each variant, as Markdown, JSON, CSV, scorecards CSV and HTML."""
    variant = load_variant(name)
    for report in evaluate_example_and_synthetic(variant):
        for fmt in ("markdown", "json", "csv"):
            assert non_canonical("".join(render_pieces(report, fmt))) == [], fmt
        assert non_canonical(to_scorecards_csv(report)) == []
        assert non_canonical(visible_text(to_html(report, variant=variant))) == []


def test_the_county_centre_json_has_whole_scores_and_no_negative_zero() -> None:
    """county-centre's quarterly cards: "办结率每减少1个百分点，扣0.5分" makes -25.0 and -0.0 of exact arithmetic."""
    (report, _) = evaluate_example_and_synthetic(load_variant("county-centre"))
    numbers = [value for card in json.loads("".join(render_pieces(report, "json")))["scorecards"]
               for value in (card["total"], card["score"]) if value is not None]
    assert numbers
    assert [n for n in numbers if n.endswith(".0") or n.startswith("-0")] == []


def test_explanations_and_comparisons_write_numbers_canonically() -> None:
    """`explain` (Markdown and JSON), and the what-if comparison of the county's amended rules (Markdown, JSON, CSV)."""
    county, amended = load_variant("county-centre"), load_variant(WHATIF / "amended.toml")
    as_of = date.fromisoformat(DEMO_AS_OF)
    for subject in (Subject(kind=SubjectKind.STAFF, id="S-li"), Subject(kind=SubjectKind.WINDOW, id="W-market")):
        story = explain(county, demo_events(), subject=subject, as_of=as_of)
        for fmt in ("markdown", "json"):
            assert non_canonical(render_explanation(story, fmt)) == [], (subject, fmt)
    before, after = (evaluate(v, demo_events(), as_of=as_of) for v in (county, amended))
    for fmt in ("markdown", "json", "csv"):
        assert non_canonical(render_diff(diff(before, after), fmt)) == [], fmt


def verdict(points: Decimal, fine: Decimal) -> Verdict:
    return Verdict(
        rule="TL-12", variant="v", source=Citation(document="d", article="a", quote="q"),
        subject=Subject(kind=SubjectKind.STAFF, id="S-li"), kind=VerdictKind.VIOLATION, on=date(2026, 3, 31),
        explanation="", points=points, fine=fine,
    )


def test_json_writes_a_decimal_canonically_and_reads_it_back_equal() -> None:
    """-0.5 × 0 is -0.0 and 0.5 × 162 is 81.0 in exact arithmetic; the JSON says 0 and 81."""
    written = verdict(Decimal("-0.5") * 0, Decimal("0.5") * 162)
    data = json.loads(written.model_dump_json())
    assert (data["points"], data["fine"]) == ("0", "81")
    assert Verdict.model_validate_json(written.model_dump_json()) == written


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**6, max_value=10**6, places=4))
def test_plain_is_canonical_and_exact(value: Decimal) -> None:
    """For any decimal: no exponent, no trailing zero after the point, no -0, and the same value."""
    text = plain(value)
    assert Decimal(text) == value
    assert "E" not in text and not re.search(r"\.\d*0$", text) and not text.endswith(".") and text != "-0"


@pytest.mark.parametrize(("value", "places", "written"), [
    (Decimal(100), 2, "100"), (Decimal(81), 2, "81"), (Decimal(200) / 3, 2, "66.67"), (Decimal(200) / 3, 4, "66.6667"),
    (Decimal("90.00"), 2, "90"), (Decimal(0), 2, "0"),
])
def test_a_rate_is_written_rounded_and_plain(value: Decimal, places: int, written: str) -> None:
    """TL-12 "办结率达100%": a completion rate of 100 is 100%, not 100.00%; 2/3 is 66.67%."""
    assert percent(value, places) == written
