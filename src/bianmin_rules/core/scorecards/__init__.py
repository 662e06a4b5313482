"""Assessment tables (考核): scorecards with caps, overflow, bands, bonuses, vetoes and rankings (SC).

- :mod:`~bianmin_rules.core.scorecards.tables`: the tables as data (a variant's ``[[scorecards]]``);
- :mod:`~bianmin_rules.core.scorecards.bands`: band tables with hit policy, rounding and gap decisions;
- :mod:`~bianmin_rules.core.scorecards.scoring`: from verdicts to cards, line by line;
- :mod:`~bianmin_rules.core.scorecards.ranking`: rankings, yearly consequences and :func:`assess`;
- :mod:`~bianmin_rules.core.scorecards.cards`: the cards and standings a report carries.

Lint finds a table's gaps, overlaps and unreachable maxima (:mod:`bianmin_rules.authoring.scorecards`);
the views print cards as Markdown and CSV (:mod:`bianmin_rules.views.scorecards`).
"""

from bianmin_rules.core.scorecards.bands import (
    Band,
    BandError,
    BandHit,
    BandTable,
    HitPolicy,
    Rounding,
    band_gaps,
    band_overlaps,
)
from bianmin_rules.core.scorecards.cards import Card, CategoryCard, ItemCard, Line, LineKind, Money, Placing, Standing
from bianmin_rules.core.scorecards.ranking import Assessment, assess
from bianmin_rules.core.scorecards.tables import (
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
    "Money",
    "PerPointBelow",
    "PerVerdict",
    "Placing",
    "Ranking",
    "Rollup",
    "Rounding",
    "ScorecardTable",
    "Standing",
    "Weighting",
    "assess",
    "band_gaps",
    "band_overlaps",
]
