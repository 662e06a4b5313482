"""Offence ladders: the n-th offence within a period earns the n-th tier (OTN-6, ESC-2, FIR-9, ATT-6, ATT-7).

A ladder is a stage-1 policy: it counts the violations of other rules (``counts``) per
staff member or window and period, in the order of the report, and gives each
occurrence the rung whose ``occurrence`` is the highest not above it — so the last rung
also covers every later occurrence ("屡教不改", "three or more") unless ``repeat_last``
is false. Occurrences before the first rung earn nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.ledgers import Books
from bianmin_rules.periods import MONTHS_IN, Period, PeriodKind
from bianmin_rules.policy import Context, PolicyBase
from bianmin_rules.verdicts import ZERO, RuleId, Sanction, Subject, SubjectKind, Verdict, VerdictKind


class LadderTier(BaseModel):
    """One rung: from the ``occurrence``-th offence on, this tier (and this money)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurrence: int = Field(ge=1, description="The occurrence the rung starts at (1 = the first).")
    tier: str = Field(min_length=1, description="The sanction, in the words of the regulation.")
    level: int = Field(ge=1, description="Its rank on the variant's ladder: higher is heavier.")
    fine: Decimal = Field(default=ZERO, ge=0, description="Yuan deducted.")
    bonus_share: Decimal = Field(default=ZERO, ge=0, le=1, description="Fraction of the annual bonus deducted.")


class OffenceLadder(PolicyBase):
    """Counts the violations of ``counts`` against each staff member (or window) per ``period``.

    OTN-6 (county-centre 责任追究制 3): 1st → 批评教育, 2nd → 诫勉谈话, 3rd → 通报批评; the
    texts do not say over which period occurrences are counted (ESC-2): a calendar year
    by default. ``per``: whom occurrences are counted against. ``tiers``: the rungs, by
    increasing occurrence and never decreasing level; the last applies to every later
    occurrence unless ``repeat_last`` is false. A counted verdict without a subject of
    the kind counted is skipped.
    """

    stage: ClassVar[int] = 1

    kind: Literal["offence-ladder"] = "offence-ladder"
    counts: tuple[RuleId, ...] = Field(min_length=1, description="The rules whose violations are counted.")
    tiers: tuple[LadderTier, ...] = Field(min_length=1, description="The rungs, by occurrence.")
    period: PeriodKind = Field(default=PeriodKind.YEAR, description="The counting period (default: a year).")
    per: SubjectKind = Field(default=SubjectKind.STAFF, description="Whom occurrences are counted against.")
    repeat_last: bool = Field(default=True, description="The last rung applies to every later occurrence.")

    @model_validator(mode="after")
    def _a_ladder_climbs(self) -> OffenceLadder:
        for lower, upper in pairwise(self.tiers):
            if upper.occurrence <= lower.occurrence:
                raise ValueError(f"tiers must be in order of occurrence: {upper.occurrence} after {lower.occurrence}")
            if upper.level < lower.level:
                raise ValueError(f"a later rung may not be lighter: {upper.tier!r} after {lower.tier!r}")
        return self

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One verdict per occurrence that reaches a rung."""
        offences: dict[tuple[str, date], list[Verdict]] = defaultdict(list)
        months = MONTHS_IN[self.period.value]
        for verdict in context.verdicts:
            who = self.offender(verdict)
            if who is not None and verdict.rule in self.counts and verdict.kind is VerdictKind.VIOLATION:
                day = verdict.on
                offences[(who, date(day.year, (day.month - 1) // months * months + 1, 1))].append(verdict)
        for (who, start), found in sorted(offences.items()):
            period = Period(kind=self.period, start=start)
            for n, offence in enumerate(sorted(found, key=lambda v: v.sort_key), start=1):
                tier = self.rung(n)
                if tier is not None:
                    yield self.climb(who, period, n, offence, tier, context)

    def offender(self, verdict: Verdict) -> str | None:
        """The staff member or window a verdict counts against."""
        if verdict.subject.kind is self.per:
            return verdict.subject.id
        return {SubjectKind.STAFF: verdict.staff, SubjectKind.WINDOW: verdict.window}.get(self.per)

    def rung(self, n: int) -> LadderTier | None:
        """The rung the n-th occurrence reaches: the highest not above it."""
        if not self.repeat_last and n > self.tiers[-1].occurrence:
            return None
        reached = [tier for tier in self.tiers if tier.occurrence <= n]
        return reached[-1] if reached else None

    def climb(
        self, who: str, period: Period, n: int, offence: Verdict, tier: LadderTier, context: Context
    ) -> Verdict:
        """The sanction of the n-th occurrence."""
        what = f"{offence.rule}，{offence.on}：{offence.explanation}"
        return self.verdict(
            context, subject=Subject(kind=self.per, id=who), kind=VerdictKind.VIOLATION, on=offence.on,
            explanation=f"{period.label}内第{n}次（{what}）→ {tier.tier}。",
            sanction=Sanction(tier=tier.tier, level=tier.level), fine=tier.fine, bonus_share=tier.bonus_share,
            evidence=offence.evidence, case=offence.case, window=offence.window, staff=offence.staff,
        )
