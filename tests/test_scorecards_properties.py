"""Properties of the scoring engine (SC-3 overflow, SC-2/SC-4 clamps), over random tables and verdicts.

- no item leaves ``[0, maximum]``: a deduction an item cannot absorb is either lost
  (clamp) or, where overflow is declared, taken from other items, each kept at zero at least;
- adding a deduction never raises a total; adding a bonus never lowers one;
- every total equals the sum of its parts (item = base + lines, category = Σ items,
  card = Σ categories).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules import Citation, Subject, SubjectKind, Verdict, VerdictKind
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.core.scorecards.ranking import assess
from bianmin_rules.core.scorecards.tables import PerVerdict, ScorecardTable

AS_OF = date(2026, 3, 31)
SOURCE = Citation(document="test", article="-", quote="-")
CODES = tuple(f"c{i}" for i in range(4))
HALVES = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 2)


@st.composite
def tables(draw: st.DrawFn) -> ScorecardTable:
    """A random table of one to three categories of one to three items, with per-verdict, forfeit and overflow lines."""
    shape = draw(st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=3))
    ids = [f"i{c}-{i}" for c, count in enumerate(shape) for i in range(count)]
    categories = []
    for c, count in enumerate(shape):
        items = [draw(item(f"i{c}-{i}", ids)) for i in range(count)]
        maxima = [i["maximum"] for i in items]
        categories.append({"id": f"c{c}", "title": f"类{c}", "items": items,
                           **({"maximum": sum(maxima)} if None not in maxima else {})})
    maximum = sum((c["maximum"] for c in categories if "maximum" in c), Decimal(0))
    if maximum == 0:
        pad = {"id": "pad", "title": "补", "maximum": 1}
        categories.append({**pad, "items": [pad]})
        maximum = Decimal(1)
    return ScorecardTable.model_validate({
        "name": "t", "title": "表", "rule": "SC-3", "source": SOURCE.model_dump(), "subject": "window",
        "period": "quarter", "maximum": maximum, "categories": categories,
    })


@st.composite
def item(draw: st.DrawFn, ident: str, ids: list[str]) -> dict[str, Any]:
    maximum = draw(HALVES) if draw(st.integers(0, 9)) else None  # one item in ten is an uncapped bonus item
    base = draw(HALVES.filter(lambda b: maximum is None or b <= maximum))
    rules: list[dict[str, Any]] = []
    for code in draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True)):
        if draw(st.integers(0, 5)) == 0:
            rules.append({"kind": "forfeit", "rules": ["SC-3"], "codes": [code], "label": f"forfeit {code}"})
            continue
        points = draw(st.integers(min_value=-16, max_value=6).map(lambda n: Decimal(n) / 2))
        cap = draw(st.none() | HALVES.filter(lambda h: h > 0))
        rules.append({"kind": "per-verdict", "rules": ["SC-3"], "codes": [code], "points": points, "cap": cap,
                      "label": f"{code} {points}"})
    others = [i for i in ids if i != ident]
    overflows = others and draw(st.booleans())
    overflow = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)) if overflows else []
    return {"id": ident, "title": ident, "maximum": maximum, "base": base, "rules": rules, "overflow_into": overflow}


def verdict(code: str, day: int = 1) -> Verdict:
    return Verdict(
        rule="SC-3", variant="t", source=SOURCE, subject=Subject(kind=SubjectKind.WINDOW, id="W"),
        kind=VerdictKind.VIOLATION, on=date(2026, 1, day), explanation=code, code=code, window="W",
    )


def score(table: ScorecardTable, codes: list[str]) -> Card:
    verdicts = [verdict(code, day=n % 28 + 1) for n, code in enumerate(codes)]
    roster = Roster.of([(date(2026, 1, 1), "W", None)])
    (card,) = assess([table], verdicts, roster=roster, as_of=AS_OF).cards
    return card


def signs(table: ScorecardTable) -> dict[str, set[int]]:
    """For each code, the signs of what it can do: −1 for deductions and forfeits, +1 for bonuses."""
    found: dict[str, set[int]] = {code: set() for code in CODES}
    for entry in table.items:
        for rule in entry.rules:
            if isinstance(rule, PerVerdict) and rule.points is not None:
                sign = 1 if rule.points > 0 else -1 if rule.points < 0 else 0
            else:
                sign = -1
            for code in getattr(rule, "codes", ()):
                found[code].add(sign)
    return found


CODE_LISTS = st.lists(st.sampled_from(CODES), min_size=1, max_size=16)


@settings(max_examples=40, deadline=None)
@given(tables(), CODE_LISTS)
def test_items_stay_within_zero_and_their_maximum(table: ScorecardTable, codes: list[str]) -> None:
    card = score(table, codes)
    for category in card.categories:
        for entry in category.items:
            assert entry.score >= 0
            assert entry.maximum is None or entry.score <= entry.maximum


@settings(max_examples=40, deadline=None)
@given(tables(), CODE_LISTS)
def test_totals_equal_the_sum_of_their_parts(table: ScorecardTable, codes: list[str]) -> None:
    card = score(table, codes)
    for category in card.categories:
        for entry in category.items:
            assert entry.score == entry.base + sum((line.points for line in entry.lines), Decimal(0))
        assert category.score == sum((entry.score for entry in category.items), Decimal(0))
    assert card.total == sum((category.score for category in card.categories), Decimal(0))


@settings(max_examples=60, deadline=None)
@given(tables(), CODE_LISTS, st.sampled_from(CODES))
def test_a_deduction_never_raises_and_a_bonus_never_lowers_a_total(
    table: ScorecardTable, codes: list[str], extra: str,
) -> None:
    """One more verdict whose lines all deduct (or forfeit) cannot raise the total; one that only adds, not lower it."""
    effect = signs(table)[extra]
    before, after = score(table, codes).total, score(table, [*codes, extra]).total
    if effect <= {-1, 0}:
        assert after <= before
    if effect <= {1, 0}:
        assert after >= before
