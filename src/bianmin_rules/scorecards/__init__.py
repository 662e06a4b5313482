"""Assessment tables (考核): scorecards with caps, overflow, bands, bonuses, vetoes and rankings (SC).

- :mod:`~bianmin_rules.scorecards.tables`: the tables as data (a variant's ``[[scorecards]]``);
- :mod:`~bianmin_rules.scorecards.bands`: band tables with hit policy, rounding and gap decisions;
- :mod:`~bianmin_rules.scorecards.scoring`: from verdicts to cards, line by line;
- :mod:`~bianmin_rules.scorecards.ranking`: rankings, yearly consequences and :func:`assess`;
- :mod:`~bianmin_rules.scorecards.cards`: the cards and standings a report carries;
- :mod:`~bianmin_rules.scorecards.lint`: gaps, overlaps and unreachable maxima of a table;
- :mod:`~bianmin_rules.scorecards.render`: cards as Markdown and CSV.
"""

from bianmin_rules.scorecards.bands import (
    Band,
    BandError,
    BandHit,
    BandTable,
    HitPolicy,
    Rounding,
    band_gaps,
    band_overlaps,
)
from bianmin_rules.scorecards.cards import Card, CategoryCard, ItemCard, Line, LineKind, Money, Placing, Standing
from bianmin_rules.scorecards.lint import LintFinding, Severity, lint_band_table, lint_table
from bianmin_rules.scorecards.ranking import Assessment, assess
from bianmin_rules.scorecards.tables import (
    BandRule,
    Category,
    Disqualification,
    Forfeit,
    Item,
    PerPointBelow,
    PerVerdict,
    Ranking,
    Rollup,
    ScorecardTable,
    Weighting,
)

__all__ = [
    "Assessment",
    "Band",
    "BandError",
    "BandHit",
    "BandRule",
    "BandTable",
    "Card",
    "Category",
    "CategoryCard",
    "Disqualification",
    "Forfeit",
    "HitPolicy",
    "Item",
    "ItemCard",
    "Line",
    "LineKind",
    "LintFinding",
    "Money",
    "PerPointBelow",
    "PerVerdict",
    "Placing",
    "Ranking",
    "Rollup",
    "Rounding",
    "ScorecardTable",
    "Severity",
    "Standing",
    "Weighting",
    "assess",
    "band_gaps",
    "band_overlaps",
    "lint_band_table",
    "lint_table",
]
