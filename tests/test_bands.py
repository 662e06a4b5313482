"""Band tables: hit policy, rounding, gaps and overlaps (SC-5, TL-11, SC-2), and lint (SC-5, SC-6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import Citation, ScoringError, Subject, SubjectKind, Variant, Verdict, VerdictKind, load_variant
from bianmin_rules.authoring.scorecards import Severity, lint_table
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.scorecards.bands import (
    Band,
    BandError,
    BandTable,
    HitPolicy,
    Rounding,
    band_gaps,
    band_overlaps,
)
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.core.scorecards.ranking import assess
from bianmin_rules.core.scorecards.tables import BandRule, ScorecardTable
from bianmin_rules.core.verdicts import Measure

SOURCE = Citation(document="test", article="-", quote="-")
JIANGXI = "jiangxi-town"


def county_band(item: str) -> BandTable:
    """The band table of one county-centre window item."""
    table = load_variant("county-centre").scorecards[0]
    (rule,) = [r for i in table.items if i.id == item for r in i.rules if isinstance(r, BandRule)]
    return rule.table


def text_only(table: BandTable) -> BandTable:
    """The table with only the bands the regulation states (no variant decisions)."""
    return table.model_copy(update={"bands": tuple(b for b in table.bands if b.decision is None)})


def test_sc5_text_bands_leave_two_gaps() -> None:
    """SC-5: "91–95% → 3, 96%以上 → 5, 未达90% → 0" leaves [90, 91) and (95, 96) unscored."""
    gaps = band_gaps(text_only(county_band("evaluation-rate")))
    assert [str(g.interval) for g in gaps] == ["[90, 91)", "(95, 96)"]
    assert all(g.reachable and not g.resolved for g in gaps)


def test_tl11_text_bands_leave_five_gaps() -> None:
    """TL-11: 60–65 → 2, 66–70 → 4, 71–80 → 6, 81–90 → 8, 91–100 → 10, "低于59%以下" → 0."""
    gaps = band_gaps(text_only(county_band("speed-up")))
    assert [str(g.interval) for g in gaps] == ["[59, 60)", "(65, 66)", "(70, 71)", "(80, 81)", "(90, 91)"]


def test_county_centre_resolves_every_gap_explicitly() -> None:
    """SC-5, TL-11: the variant states a decision for each gap; lint lists them as resolved (info), not errors."""
    findings = [f for i, t in enumerate(load_variant("county-centre").scorecards) for f in lint_table(t, f"s[{i}]")]
    gap_findings = [f for f in findings if f.code == "band-gap"]
    assert [f.rule for f in gap_findings].count("TL-11") == 5
    assert len(gap_findings) == 5 + 2 * 4 and all(f.severity is Severity.INFO for f in gap_findings)
    assert "resolved by the variant" in gap_findings[0].message


def test_sc6_lint_reports_items_whose_maximum_cannot_be_reached() -> None:
    """SC-6: 档案 and 卫生 have a maximum of 10 but a base of 7 and no way up; the table can reach 94."""
    window = load_variant("county-centre").scorecards[0]
    warnings = [str(f) for f in lint_table(window, "scorecards[0]") if f.rule == "SC-6"]
    assert warnings == [
        "scorecards[0].categories[6].items[0]: warning: SC-6: item 'archives' (档案管理) has a maximum of 10 but can "
        "score at most 7 (base 7, no line adds more)",
        "scorecards[0].categories[6]: warning: SC-6: category 'archives' (档案管理) can score at most 7 of 10",
        "scorecards[0].categories[7].items[0]: warning: SC-6: item 'hygiene' (卫生保洁) has a maximum of 10 but can "
        "score at most 7 (base 7, no line adds more)",
        "scorecards[0].categories[7]: warning: SC-6: category 'hygiene' (卫生保洁) can score at most 7 of 10",
        "scorecards[0]: warning: SC-6: table 'window' can score at most 94 of its 100 (without bonuses)",
    ]


@pytest.mark.parametrize(("rate", "points"), [("95", 3), ("95.5", 3), ("95.999", 3), ("96", 5), ("90", 0), ("90.9", 0),
                                               ("91", 3), ("89.99", 0), ("100", 5)])
def test_county_evaluation_bands_with_decisions(rate: str, points: int) -> None:
    """SC-5 as county-centre resolves it: (95, 96) reached 91% → 3; [90, 91) did not → 0."""
    assert county_band("evaluation-rate").score(Decimal(rate)).points == points


def test_an_unresolved_gap_is_an_error_not_a_score() -> None:
    """SC-5: without the variant's decisions, 95.5% is never silently scored."""
    with pytest.raises(BandError, match=r"95\.5 falls in no band"):
        text_only(county_band("evaluation-rate")).score(Decimal("95.5"))


def test_rounding_before_lookup_closes_a_gap_and_lint_says_it_is_unreachable() -> None:
    """SC-5: rounded to whole percent half-up, 95.5% counts as 96% (→ 5) and 95.4% as 95% (→ 3)."""
    table = text_only(county_band("evaluation-rate")).model_copy(update={"rounding": Rounding(places=0)})
    assert (table.score(Decimal("95.5")).points, table.score(Decimal("95.4")).points) == (5, 3)
    hit = table.score(Decimal("95.5"))
    assert (hit.value, hit.rounded) == (Decimal("95.5"), Decimal(96))
    gaps = {str(g.interval): (g.reachable, g.resolved) for g in band_gaps(table)}
    assert gaps == {"[90, 91)": (True, False), "(95, 96)": (False, True)}
    truncating = table.model_copy(update={"rounding": Rounding(places=0, mode="down")})
    assert truncating.score(Decimal("95.99")).points == 3


def test_overlaps_under_unique_are_errors_and_first_resolves_them_by_order() -> None:
    """Hit policies: two bands sharing 60% — an error under unique; the first band under first."""
    bands = (Band(high=60, points=1, text="60%及以下"), Band(low=60, points=2, text="60%以上"))
    unique = BandTable(bands=bands)
    assert [(o.first, o.second, str(o.interval)) for o in band_overlaps(unique)] == [(0, 1, "[60, 60]")]
    with pytest.raises(BandError, match="several bands"):
        unique.score(Decimal(60))
    first = unique.model_copy(update={"hit": HitPolicy.FIRST})
    assert (first.score(Decimal(60)).points, first.score(Decimal(61)).points) == (1, 2)


def test_empty_band_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"the band \(5, 5\] holds no value"):
        Band(low=5, high=5, low_closed=False, points=1)


# SC-2 jiangxi-town 服务对象评议: 100% → 10; [90, 100) → 9; [80, 90) → 7; under 80% → 5.


def jiangxi() -> Variant:
    return load_variant(JIANGXI)


def satisfaction_card(rate_numerator: int, rate_denominator: int) -> Card:
    """The January staff card of one staff member whose satisfaction rate is given (as SC-5 measures it)."""
    january = Period(kind=PeriodKind.MONTH, start=date(2026, 1, 1))
    measure = Verdict(
        rule="SC-5", variant="jiangxi-town", source=SOURCE, subject=Subject(kind=SubjectKind.STAFF, id="S1"),
        kind=VerdictKind.INFORMATION, on=date(2026, 1, 31), explanation="满意率", staff="S1",
        measure=Measure(name="satisfaction_rate", period=january, numerator=rate_numerator,
                        denominator=rate_denominator),
    )
    staff_table = jiangxi().scorecards[0]
    roster = Roster.of([(date(2026, 1, 5), "W1", "S1")])
    (card,) = [c for c in assess([staff_table], [measure], roster=roster, as_of=date(2026, 1, 31)).cards
               if c.period == january]
    return card


@pytest.mark.parametrize(("numerator", "denominator", "points"), [
    (10, 10, 10), (9, 10, 9), (8999, 10000, 7), (8, 10, 7), (7999, 10000, 5),
])
def test_sc2_jiangxi_satisfaction_bands(numerator: int, denominator: int, points: int) -> None:
    """SC-2 (二、(一)4(4)): 100% → 10, 90% → 9, 89.99% → 7, 80% → 7, 79.99% → 5; exact, no rounding."""
    (line,) = satisfaction_card(numerator, denominator).item("satisfaction").lines
    assert line.points == points
    assert f"（{numerator}/{denominator}）" in line.explanation


def test_sc2_jiangxi_bands_have_no_gap_or_overlap() -> None:
    """SC-2: the four bands tile 0–100% exactly; lint finds nothing to report."""
    (rule,) = [r for r in jiangxi().scorecards[0].items[-2].rules if isinstance(r, BandRule)]
    assert band_gaps(rule.table) == () and band_overlaps(rule.table) == ()
    assert lint_table(jiangxi().scorecards[0]) == ()


def test_scoring_a_rate_in_an_open_gap_stops_with_an_error_naming_the_place() -> None:
    """SC-5: a table whose gap is not resolved stops the evaluation, naming table, subject, period and item."""
    table = load_variant("county-centre").scorecards[0]
    data = table.model_dump(mode="json")
    for category in data["categories"]:
        for item in category["items"]:
            for rule in item["rules"]:
                if rule["kind"] == "band":
                    rule["table"]["bands"] = [b for b in rule["table"]["bands"] if b["decision"] is None]
    stripped = ScorecardTable.model_validate(data)
    quarter = Period(kind=PeriodKind.QUARTER, start=date(2026, 1, 1))
    rate = Verdict(
        rule="SC-5", variant="county-centre", source=SOURCE, subject=Subject(kind=SubjectKind.WINDOW, id="W1"),
        kind=VerdictKind.INFORMATION, on=date(2026, 3, 31), explanation="评议率", window="W1",
        measure=Measure(name="evaluation_rate", period=quarter, numerator=181, denominator=200),
    )
    with pytest.raises(ScoringError, match=r"scorecard 'window': window:W1 2026-Q1: item 'evaluation-rate': "
                                           r"evaluation_rate: 90\.5 falls in no band"):
        assess([stripped], [rate], roster=Roster(), as_of=date(2026, 3, 31))


# What a wrong rule in the band machinery would change: each test below names the outcome it fixes.


def test_sc5_rounded_to_one_place_then_looked_up() -> None:
    """SC-5 with rates kept to one decimal: 95.45% is 95.5% half-up (in the gap (95, 96): an error naming both
    values and the rounding), 95.4% half-even; 90.96% is 91.0% (→ 3)."""
    table = text_only(county_band("evaluation-rate"))
    half_up = table.model_copy(update={"rounding": Rounding(places=1)})
    assert half_up.score(Decimal("90.96")).points == 3
    with pytest.raises(BandError, match=r"^95\.5（由 95\.45 保留1位小数（half_up）） falls in no band"):
        half_up.score(Decimal("95.45"))
    half_even = table.model_copy(update={"rounding": Rounding(places=1, mode="half_even")})
    assert half_even.rounding.apply(Decimal("95.45")) == Decimal("95.4")
    assert Rounding().label() == "不取整（按精确值）"


def test_sc5_the_band_a_rate_falls_in_is_named_by_its_place() -> None:
    """SC-5 as county-centre resolves it: 96% is the fifth band (96%以上 → 5), 91% the third (91—95% → 3)."""
    table = county_band("evaluation-rate")
    assert [(table.score(Decimal(r)).index, table.score(Decimal(r)).points) for r in ("96", "91")] == [(4, 5), (2, 3)]


def test_an_overlap_names_both_bands_with_their_infinite_ends() -> None:
    """A rate in two bands of a unique table is an error naming both, an unbounded end written ∞."""
    unique = BandTable(bands=(Band(high=60, points=1, text="60%及以下"), Band(low=60, points=2, text="60%以上")))
    with pytest.raises(BandError, match=r"^60 falls in several bands \(\(-∞, 60\], \[60, \+∞\)\) of a table"):
        unique.score(Decimal(60))
    assert 60 not in unique.bands[0].interval  # a rate is an exact Decimal: a float or int is never looked up


def test_sc5_gaps_are_reachable_on_a_finer_grid() -> None:
    """SC-5 rounded to one place: (95, 96) holds 95.1% … 95.9%, so it stays a gap; to whole percent it does not."""
    table = text_only(county_band("evaluation-rate"))
    tenths = table.model_copy(update={"rounding": Rounding(places=1)})
    assert [(str(g.interval), g.reachable) for g in band_gaps(tenths)] == [("[90, 91)", True), ("(95, 96)", True)]


def test_a_gap_between_two_grid_points_is_reachable_only_where_a_rounded_rate_lands() -> None:
    """Bands ending at 95.4% and starting at 96.5%, rates to whole percent: 96% lands in the gap (95.4, 96.5)."""
    table = BandTable(rounding=Rounding(places=0), bands=(
        Band(high=Decimal("95.4"), points=0), Band(low=Decimal("96.5"), points=5)))
    (gap,) = band_gaps(table)
    assert (str(gap.interval), gap.reachable) == ("(95.4, 96.5)", True)


def test_gaps_are_exactly_what_no_band_holds() -> None:
    """"未达90%" and "超过91%" leave [90, 91] (91 itself too); bands up to 90% leave (90, 100]; bands meeting at a
    shared end leave nothing, in whatever order they are written."""
    strict = BandTable(bands=(Band(high=90, high_closed=False, points=0), Band(low=91, low_closed=False, points=3)))
    assert [str(g.interval) for g in band_gaps(strict)] == ["[90, 91]"]
    short = BandTable(bands=(Band(high=90, points=0),))
    assert [str(g.interval) for g in band_gaps(short)] == ["(90, 100]"]
    shared_low = BandTable(hit=HitPolicy.FIRST, bands=(
        Band(high=50, high_closed=False, points=0), Band(low=50, low_closed=False, points=2),
        Band(low=50, high=55, points=1)))
    assert band_gaps(shared_low) == ()
    shared_high = BandTable(hit=HitPolicy.FIRST, bands=(
        Band(high=50, points=0), Band(low=40, high=50, high_closed=False, points=1), Band(low=50, low_closed=False,
                                                                                          points=2)))
    assert band_gaps(shared_high) == ()


def test_sc5_each_gap_names_the_decision_that_resolves_it() -> None:
    """SC-5 as county-centre resolves it: [90, 91) by its second band (未达91%，不得分), (95, 96) by its fourth."""
    gaps = band_gaps(county_band("evaluation-rate"))
    assert [(str(g.interval), g.resolved_by) for g in gaps] == [("[90, 91)", (1,)), ("(95, 96)", (3,))]
