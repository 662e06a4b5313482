"""Assessment tables as data (SC): categories, sub-items, scoring rules, vetoes, rankings, periods.

A :class:`ScorecardTable` is a tree — categories with a maximum, sub-items with a
maximum and a base (which may be lower than the maximum, SC-6) — whose scoring rules turn
verdicts and measured rates into points. The tables read only verdicts: deductions and
bonuses are verdicts selected by rule ID (and, where one rule feeds several lines, by the
verdict's ``code``, e.g. a finding code); rates are information verdicts carrying a
:class:`~bianmin_rules.core.verdicts.Measure`.

Every table is validated by pydantic, so a variant file states it in TOML and a wrong
key is reported with its place (``scorecards[0].categories[2].items[0].rules[1].per``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.core.bounds import Count, Points, Rate, Share
from bianmin_rules.core.periods import PeriodKind
from bianmin_rules.core.scorecards.bands import BandTable
from bianmin_rules.core.verdicts import ZERO, Citation, RuleId, SubjectKind, Verdict, VerdictKind

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
"""An identifier of a table, category or item, e.g. ``case-handling``."""


class Frozen(BaseModel):
    """Base of the table models: frozen, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Charged(StrEnum):
    """Which verdicts concern a card's subject."""

    RELATED = "related"
    """Verdicts charged to the subject, or naming it as their window or staff member (a staff
    member's overdue case counts against the window)."""
    SUBJECT = "subject"
    """Only verdicts charged to the subject itself (where a rule charges the window and the
    staff member differently, e.g. ATT-3, ATT-4 with ``charge = "window"``)."""


class VerdictSelector(Frozen):
    """Which verdicts a line counts: by rule ID, optionally by code, of the given kinds.

    Verdicts carrying a measure are never counted here; rates are read by the measure
    rules. A verdict is counted for a subject when it concerns it (``charged_to``) and
    falls in the period (``on``).
    """

    rules: tuple[RuleId, ...] = Field(min_length=1, description="The rule IDs of the verdicts counted.")
    codes: tuple[str, ...] = Field(default=(), description="Only verdicts with one of these codes (empty: any).")
    except_codes: tuple[str, ...] = Field(
        default=(), description="Not verdicts with one of these codes (TL-6's `promise` on a line of overdue cases).",
    )
    kinds: tuple[VerdictKind, ...] = Field(
        default=(VerdictKind.VIOLATION, VerdictKind.INFORMATION),
        description="The verdict kinds counted (compliance and warnings never cost points by default).",
    )
    charged_to: Charged = Field(default=Charged.RELATED, description="Which verdicts concern the card's subject.")

    def selects(self, verdict: Verdict) -> bool:
        """Does this selector count ``verdict``?"""
        return (
            verdict.measure is None
            and verdict.rule in self.rules
            and verdict.kind in self.kinds
            and (not self.codes or verdict.code in self.codes)
            and verdict.code not in self.except_codes
        )

    def among(self, verdicts: Iterable[Verdict]) -> list[Verdict]:
        """The verdicts of ``verdicts`` this selector counts (:meth:`selects`), in their order."""
        rules, kinds, codes, except_codes = self.rules, self.kinds, self.codes, self.except_codes
        return [
            v for v in verdicts
            if v.measure is None and v.rule in rules and v.kind in kinds and (not codes or v.code in codes)
            and v.code not in except_codes
        ]


class Per(StrEnum):
    """What a fixed amount is charged per."""

    OCCURRENCE = "occurrence"
    """每次 / 每件次: once per verdict."""
    CASE = "case"
    """每件: once per case, however many selected verdicts concern it (a verdict with no case counts alone)."""
    DAY = "day"
    """每超过1天: per day late (the verdict's deadline trace, in the unit it states)."""
    HALF_DAY = "half_day"
    """每半天: per half day (the verdict's quantity, counted in half days)."""
    UNIT = "unit"
    """Per unit of the verdict's quantity, whatever the unit."""
    ONCE = "once"
    """Once in the period, however many verdicts (a one-off honour: 得4分)."""


class PerVerdict(VerdictSelector):
    """A fixed amount per verdict, per day, per half day or once (deductions and bonuses).

    ``points`` is signed (a deduction is negative). Without ``points`` the line takes each
    verdict's own points, as the rule that produced it counted them (e.g. a finding
    penalty that already charges per unit and more when serious). ``cap`` bounds the
    magnitude of what this line adds up to in one period ("加分最多…").
    """

    kind: Literal["per-verdict"] = "per-verdict"
    points: Points | None = Field(default=None, description="Signed points per unit; none: the verdict's own.")
    per: Per = Field(default=Per.OCCURRENCE, description="What the amount is charged per.")
    cap: Points | None = Field(default=None, gt=0, description="Most this line may add or take in a period.")
    label: str = Field(description="The words of the line, e.g. 出现超期办件的，每件次扣2分.")

    @model_validator(mode="after")
    def _amount_for_units(self) -> PerVerdict:
        if self.points is None and self.per is not Per.OCCURRENCE:
            raise ValueError(f"per = {self.per.value!r} needs points (the amount per unit)")
        return self


class Forfeit(VerdictSelector):
    """Any selected verdict in the period zeroes the item ("被群众投诉，经查实的此项不得分")."""

    kind: Literal["forfeit"] = "forfeit"
    label: str = Field(description="The words of the line.")


class MeasureRule(Frozen):
    """A line scored from a measured rate of the subject for the card's period.

    ``if_missing`` states what the item scores when no rate was measured (e.g. a window
    with no case in the quarter): a number of points, ``"base"`` to keep the base, or
    ``"error"`` to stop the evaluation (the table expects a rate for every subject). No
    default: a table must say it.
    """

    measure: str = Field(description="The measure's name, e.g. satisfaction_rate.")
    rules: tuple[RuleId, ...] = Field(default=(), description="Only measures from these rules (empty: any).")
    if_missing: Points | Literal["base", "error"] = Field(description="The item's score when no rate was measured.")
    label: str = Field(description="The words of the line.")


class BandRule(MeasureRule):
    """The item scores the points of the band its rate falls in ("91–95%得3分 …", SC-5)."""

    kind: Literal["band"] = "band"
    table: BandTable


class ShortfallCount(StrEnum):
    """How the percentage points below the target are counted."""

    WHOLE = "whole"
    """Only whole points (每减少1个百分点): 97.5% is 2 points below 100."""
    EXACT = "exact"
    """Exactly: 97.5% is 2.5 points below 100."""
    STARTED = "started"
    """Every point begun: 97.5% is 3 points below 100."""


class PerPointBelow(MeasureRule):
    """A fixed amount per percentage point the rate falls below a target ("每减少1个百分点，扣0.5分", TL-12)."""

    kind: Literal["per-point-below"] = "per-point-below"
    target: Rate = Field(default=Decimal(100), description="The rate that costs nothing, in percent.")
    points: Points = Field(lt=0, description="Signed points per percentage point below the target.")
    count: ShortfallCount = Field(default=ShortfallCount.WHOLE, description="How points below are counted.")


ScoringRule = Annotated[PerVerdict | Forfeit | BandRule | PerPointBelow, Field(discriminator="kind")]
"""One line of an item, told apart by its ``kind``."""


class Item(Frozen):
    """A sub-item: a maximum, a base, and the rules that add to or take from it.

    The score is ``base`` plus every line, then brought back into ``[0, maximum]``
    ("加满封顶或扣完为止"). Where the text lets a deduction the item cannot absorb be taken
    from other items ("本项分不够扣，可在其它项得分中倒扣", SC-3), ``overflow_into`` names them
    in the order they are drawn on. An item without a maximum (a bonus item) is only
    kept from going below zero.
    """

    id: Slug
    title: str = Field(description="The item in the words of the table.")
    maximum: Points | None = Field(default=None, ge=0, description="The most it can score; omitted: uncapped.")
    base: Points | None = Field(default=None, ge=0, description="What it scores with no line (default: maximum).")
    rules: tuple[ScoringRule, ...] = ()
    overflow_into: tuple[Slug, ...] = Field(default=(), description="Items that absorb what this one cannot.")
    clamp: str = Field(default="", description="The words stating the clamp, if the text states one.")
    quote: str = Field(default="", description="The words of the item.")

    @model_validator(mode="after")
    def _base_within_maximum(self) -> Item:
        if self.maximum is not None and self.starting > self.maximum:
            raise ValueError(f"the base {self.starting} exceeds the maximum {self.maximum}")
        if self.id in self.overflow_into:
            raise ValueError("an item cannot overflow into itself")
        if sum(isinstance(rule, BandRule) for rule in self.rules) > 1:
            raise ValueError("an item scores at most one band table (a band sets the item's score)")
        return self

    @property
    def starting(self) -> Decimal:
        """The base: as stated, else the maximum (else zero for an uncapped item)."""
        if self.base is not None:
            return self.base
        return self.maximum if self.maximum is not None else ZERO


class Category(Frozen):
    """A category (大项) of a table, with its maximum and sub-items."""

    id: Slug
    title: str
    maximum: Points | None = Field(default=None, ge=0, description="The category's maximum; omitted: uncapped.")
    items: tuple[Item, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _maximum_is_the_sum(self) -> Category:
        maxima = [item.maximum for item in self.items]
        if self.maximum is None:
            return self
        if any(m is None for m in maxima) or sum(m for m in maxima if m is not None) != self.maximum:
            raise ValueError(f"the maximum {self.maximum} is not the sum of its items' maxima")
        return self


class VerdictCondition(VerdictSelector):
    """Disqualifies when at least ``at_least`` selected verdicts concern the subject in the scope."""

    kind: Literal["verdicts"] = "verdicts"
    at_least: Count = Field(default=1, ge=1, description="How many verdicts it takes (2次以上 → 2).")
    points_at_most: Points | None = Field(
        default=None, description="Only verdicts whose own points are at most this (the serious case of a line).",
    )

    def selects(self, verdict: Verdict) -> bool:
        """Selected, and heavy enough where ``points_at_most`` is set."""
        heavy = self.points_at_most is None or verdict.points <= self.points_at_most
        return heavy and super().selects(verdict)

    def among(self, verdicts: Iterable[Verdict]) -> list[Verdict]:
        """The verdicts of ``verdicts`` this condition counts (:meth:`selects`), in their order."""
        found = super().among(verdicts)
        most = self.points_at_most
        return found if most is None else [v for v in found if v.points <= most]


class MeasureOf(StrEnum):
    """Whose rate a condition reads."""

    SUBJECT = "subject"
    """The subject's own rate."""
    WINDOW = "window"
    """The rate of the window(s) a staff member served in during the period."""


class MeasureBelow(Frozen):
    """Disqualifies when a rate is below a threshold ("评议率和群众满意率未达93%")."""

    kind: Literal["measure-below"] = "measure-below"
    measures: tuple[str, ...] = Field(min_length=1, description="The rates read; any one below disqualifies.")
    below: Rate = Field(description="The threshold, in percent: a rate under it disqualifies.")
    of: MeasureOf = Field(default=MeasureOf.SUBJECT, description="Whose rate.")


class Scope(StrEnum):
    """Which award a disqualification takes away."""

    PERIOD = "period"
    """The award of the period scored (当季评优资格)."""
    YEAR = "year"
    """The year's award (年终评优资格)."""


class Disqualification(Frozen):
    """A veto (一票否决) or disqualification (取消评优资格): no award, points unchanged."""

    id: Slug
    rule: RuleId
    text: str = Field(description="The words of the regulation.")
    scope: Scope = Field(default=Scope.PERIOD, description="Which award it takes away.")
    when: Annotated[VerdictCondition | MeasureBelow, Field(discriminator="kind")]


class Ranking(Frozen):
    """Top N per period among eligible subjects (红旗窗口, 服务标兵 …), with an explicit tie-break (SC-8).

    ``tie_break`` orders subjects with equal scores, key by key: ``category:<id>`` or
    ``item:<id>`` (higher score first), ``deductions`` (fewer points lost first), and
    ``subject`` (subject id, ascending), which must come last so that every tie is
    resolved the same way on every run. No regulation states a tie-break; the default
    is the subject id alone, and a tie at the cut-off is reported on the ranking.
    """

    award: str = Field(description="The award, e.g. 红旗窗口.")
    top: Count = Field(ge=1, description="How many subjects get it per period.")
    period: PeriodKind | None = Field(default=None, description="The period ranked (default: the table's).")
    tie_break: tuple[str, ...] = Field(default=("subject",), description="Keys that order equal scores.")
    rule: RuleId = Field(default="SC-8", description="The rule cited by the ranking.")

    @model_validator(mode="after")
    def _tie_break_is_total(self) -> Ranking:
        if not self.tie_break or self.tie_break[-1] != "subject":
            raise ValueError("tie_break must end with 'subject', so that every tie is resolved deterministically")
        for key in self.tie_break:
            if key not in ("subject", "deductions") and not key.startswith(("category:", "item:")):
                raise ValueError(f"unknown tie-break key {key!r} (category:<id>, item:<id>, deductions, subject)")
        return self


class Combine(StrEnum):
    """How a longer period's total is built from its parts."""

    SUM = "sum"
    """The sum of the parts (汇总)."""
    MEAN = "mean"
    """The mean of the parts present."""


class Rollup(Frozen):
    """A longer period's total built from the table's periods (SC-10: quarters from months, a year from quarters).

    ``parts`` picks which parts count (1-based: ``[1, 2, 3, 4]`` are the four quarters of a
    year); by default all. ``ineligible_if_any_part`` carries a part's disqualification
    over to the longer period.
    """

    period: PeriodKind
    combine: Combine = Field(default=Combine.SUM, description="How the parts are combined.")
    parts: tuple[Count, ...] | None = Field(default=None, description="Which parts count (1-based); all by default.")
    ineligible_if_any_part: bool = Field(default=True, description="Does a part's disqualification carry over?")


class Weighting(Frozen):
    """Two or more assessors' scores, weighted (SC-7: community 70%, home unit 30%).

    The table's own total has weight ``own``; every other assessor's score for the same
    subject and period comes from an ``assessment_scored`` event. Weights sum to 1.
    ``windows`` limits the weighting to the subjects of some windows (``community-hall``:
    only the life-service staff have a home unit); the others keep the table's own total.
    """

    rule: RuleId = "SC-7"
    source: Citation
    own: Share = Field(gt=0, le=1, description="The weight of this table's own total.")
    assessors: dict[str, Share] = Field(min_length=1, description="Other assessors' names and weights.")
    windows: tuple[str, ...] = Field(
        default=(),
        description="Only windows, and staff who served at one, in these are weighted (empty: every subject).",
    )

    @model_validator(mode="after")
    def _weights_sum_to_one(self) -> Weighting:
        if self.own + sum(self.assessors.values()) != 1:
            raise ValueError("the weights do not sum to 1")
        return self


class AwardRequirement(Frozen):
    """A yearly consequence: a subject whose window never won an award in the year cannot get a grade.

    SC-3: "一年内没有评为“红旗窗口”的窗口部门的工作人员，年终考核不能评为优秀". It is applied to
    this table's year cards; ``scorecard`` names the table whose award is required.
    """

    rule: RuleId
    text: str
    scorecard: Slug = Field(description="The table whose award is required (e.g. window).")
    award: str = Field(description="The award required (e.g. 红旗窗口).")
    grade: str = Field(description="The grade barred without it (e.g. 优秀).")


class ScorecardTable(Frozen):
    """One assessment table of a variant: what is scored, per which subject and period, and how."""

    name: Slug = Field(description="The table's id in the variant, e.g. window.")
    title: str
    rule: RuleId = Field(description="The catalogue ID of the table (SC-1 … SC-4).")
    source: Citation
    subject: Literal[SubjectKind.WINDOW, SubjectKind.STAFF] = Field(description="Who is scored.")
    period: PeriodKind = Field(description="How often (SC-10).")
    maximum: Points = Field(gt=0, description="Full marks (the sum of the capped categories).")
    categories: tuple[Category, ...] = Field(min_length=1)
    disqualifications: tuple[Disqualification, ...] = ()
    rankings: tuple[Ranking, ...] = ()
    rollups: tuple[Rollup, ...] = ()
    weighting: Weighting | None = None
    requirements: tuple[AwardRequirement, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> ScorecardTable:
        capped = [c.maximum for c in self.categories if c.maximum is not None]
        if sum(capped, ZERO) != self.maximum:
            raise ValueError(f"the maximum {self.maximum} is not the sum of the capped categories ({sum(capped)})")
        ids = [item.id for item in self.items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"item ids repeat: {', '.join(duplicates)}")
        for item in self.items:
            for target in item.overflow_into:
                if target not in ids:
                    raise ValueError(f"item {item.id!r} overflows into {target!r}, which the table does not have")
        self._check_periods()
        self._check_tie_breaks()
        return self

    def _check_periods(self) -> None:
        for rollup in self.rollups:
            if rollup.period.months <= self.period.months:
                raise ValueError(f"a {rollup.period.value} rollup is not longer than the table's {self.period.value}")
            parts = rollup.period.months // self.period.months
            if rollup.parts is not None and any(not 1 <= p <= parts for p in rollup.parts):
                raise ValueError(f"a {rollup.period.value} has parts 1 to {parts} only")
        for ranking in self.rankings:
            if ranking.period not in (None, *self.periods):
                raise ValueError(f"{ranking.award} is ranked per {ranking.period}, and the table has no such total")
        if self.requirements and PeriodKind.YEAR not in self.periods:
            raise ValueError("an award requirement applies to year totals: add a year rollup")

    def _check_tie_breaks(self) -> None:
        known = {f"category:{c.id}" for c in self.categories} | {f"item:{i.id}" for i in self.items}
        for ranking in self.rankings:
            for key in ranking.tie_break:
                if key.startswith(("category:", "item:")) and key not in known:
                    raise ValueError(f"tie-break key {key!r} names no category or item of the table")

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item, in table order."""
        return tuple(item for category in self.categories for item in category.items)

    @property
    def periods(self) -> tuple[PeriodKind, ...]:
        """The table's period and its rollups' periods."""
        return (self.period, *(r.period for r in self.rollups))

    def ranking_period(self, ranking: Ranking) -> PeriodKind:
        """The period a ranking ranks."""
        return ranking.period or self.period
