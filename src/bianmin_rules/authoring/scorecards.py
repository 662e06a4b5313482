"""Lint for assessment tables: band gaps and overlaps (SC-5), unreachable maxima (SC-6).

:func:`lint_table` lists what a table leaves open or can never give, each with its place
in the variant file, so that a policy author sees it before an evaluation trips on it:

- every gap the text's bands leave — resolved by a decision band, unreachable after
  rounding, or open (an evaluation that hits it stops with an error);
- every overlap of two bands — resolved by the ``first`` hit policy, or an error under
  ``unique``;
- every item, category or table whose maximum no input can reach (a base of 7 out of 10
  with no way up);
- year-scope disqualifications on a table without year totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bianmin_rules.core.formatting import plain
from bianmin_rules.core.periods import PeriodKind
from bianmin_rules.core.scorecards.bands import BandTable, HitPolicy, band_gaps, band_overlaps
from bianmin_rules.core.scorecards.tables import BandRule, Item, MeasureRule, Per, PerVerdict, Scope, ScorecardTable
from bianmin_rules.core.verdicts import ZERO


class Severity(StrEnum):
    """How much a lint finding matters."""

    ERROR = "error"
    """Evaluation refuses the variant or can stop on it (an open gap, an overlap under ``unique``); never accepted."""
    WARNING = "warning"
    """The variant can never give what it promises (an unreachable maximum), or contradicts a text."""
    INFO = "info"
    """Resolved explicitly; listed so that the resolution can be reviewed."""


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One thing lint found, with the rule it concerns (none: the file as a whole) and its place in the variant file."""

    rule: str | None
    code: str
    """What kind of finding: ``band-gap``, ``band-overlap``, ``unreachable-maximum`` or ``no-year-total``."""
    severity: Severity
    place: str
    message: str
    which: str = ""
    """Which finding of its code at its place: a gap or overlap (``[90, 91)``), a reachable score (``94 of 100``)."""

    def __str__(self) -> str:
        return f"{self.place}: {self.severity.value}: {self.rule}: {self.message}"


def lint_band_table(table: BandTable, place: str, rule: str = "SC-5") -> list[LintFinding]:
    """Gaps and overlaps of one band table (SC-5), about the rule whose rate it bands (SC-5, TL-11 …)."""
    found = []
    for gap in band_gaps(table):
        if not gap.reachable:
            severity, how = Severity.INFO, f"unreachable: rates are rounded ({table.rounding.label()})"
        elif gap.resolved:
            decisions = "; ".join(f"bands[{i}]: {table.bands[i].decision}" for i in gap.resolved_by)
            severity, how = Severity.INFO, f"resolved by the variant ({decisions})"
        else:
            parts = ", ".join(str(p) for p in gap.open_parts)
            severity, how = Severity.ERROR, f"unresolved: a rate in {parts} stops the evaluation"
        message = f"gap {gap.interval} between the text's bands, {how}"
        found.append(LintFinding(rule, "band-gap", severity, place, message, str(gap.interval)))
    for overlap in band_overlaps(table):
        pair = f"bands[{overlap.first}] and bands[{overlap.second}] overlap on {overlap.interval}"
        if table.hit is HitPolicy.FIRST:
            severity, message = Severity.INFO, f"{pair}, resolved by hit policy first"
        else:
            severity, message = Severity.ERROR, f"{pair} under hit policy unique"
        found.append(LintFinding(rule, "band-overlap", severity, place, message, str(overlap.interval)))
    return found


def reachable(item: Item) -> Decimal | None:
    """The most the item can score; none when some line can add without bound."""
    best = item.starting
    for rule in item.rules:
        if isinstance(rule, PerVerdict) and rule.points is not None and rule.points > 0:
            if rule.per is Per.ONCE:
                best += rule.points
            elif rule.cap is not None:
                best += rule.cap
            else:
                return None
        elif isinstance(rule, MeasureRule):
            best += max(ZERO, measure_gain(rule, item.starting))
    return best if item.maximum is None else min(best, item.maximum)


def measure_gain(rule: MeasureRule, base: Decimal) -> Decimal:
    """The most a rate line can add to the base (a per-point rule only takes away)."""
    missing = base if rule.if_missing in ("base", "error") else Decimal(rule.if_missing)
    best = max(rule.table.best, missing) if isinstance(rule, BandRule) else max(base, missing)
    return best - base


def lint_table(table: ScorecardTable, place: str = "scorecards") -> tuple[LintFinding, ...]:
    """Everything lint finds in one table; ``place`` is the table's key in the variant file."""
    found: list[LintFinding] = []
    table_best = ZERO
    for c, category in enumerate(table.categories):
        category_best: Decimal | None = ZERO
        for i, item in enumerate(category.items):
            item_place = f"{place}.categories[{c}].items[{i}]"
            for r, rule in enumerate(item.rules):
                if isinstance(rule, BandRule):
                    # The rule whose rate is banded (TL-11's speed-up rate), else SC-5's bands in general.
                    banded = rule.rules[0] if len(rule.rules) == 1 else "SC-5"
                    found += lint_band_table(rule.table, f"{item_place}.rules[{r}].table", banded)
            best = reachable(item)
            if best is not None and item.maximum is not None and best < item.maximum:
                found.append(LintFinding("SC-6", "unreachable-maximum", Severity.WARNING, item_place, (
                    f"item {item.id!r} ({item.title}) has a maximum of {plain(item.maximum)} but can score at most "
                    f"{plain(best)} (base {plain(item.starting)}, no line adds more)"
                ), f"{plain(best)} of {plain(item.maximum)}"))
            category_best = None if best is None or category_best is None else category_best + best
        if category.maximum is not None and category_best is not None:
            table_best += min(category_best, category.maximum)
            if category_best < category.maximum:
                found.append(LintFinding("SC-6", "unreachable-maximum", Severity.WARNING, f"{place}.categories[{c}]", (
                    f"category {category.id!r} ({category.title}) can score at most {plain(category_best)} "
                    f"of {plain(category.maximum)}"
                ), f"{plain(category_best)} of {plain(category.maximum)}"))
        elif category.maximum is not None:
            table_best += category.maximum
    if table_best < table.maximum:
        found.append(LintFinding("SC-6", "unreachable-maximum", Severity.WARNING, place, (
            f"table {table.name!r} can score at most {plain(table_best)} of its {plain(table.maximum)} "
            "(without bonuses)"
        ), f"{plain(table_best)} of {plain(table.maximum)}"))
    if any(d.scope is Scope.YEAR for d in table.disqualifications) and PeriodKind.YEAR not in table.periods:
        found.append(LintFinding("SC-10", "no-year-total", Severity.WARNING, place, (
            "a disqualification takes away the year's award, but the table has no year total to mark"
        )))
    return tuple(found)
