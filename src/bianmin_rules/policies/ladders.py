"""Offence ladders: the n-th offence within a period earns the n-th tier (OTN-6, ESC-2, FIR-9, ATT-6, ATT-7).

A ladder is a stage-1 policy: it counts the violations of other rules (``counts``) per
subject and period, in the order of the report, and gives each occurrence the tier
whose ``occurrence`` is the highest not above it — so a last tier also covers every
later occurrence ("屡教不改", "three or more"). Occurrences before the first tier earn
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.ledgers import Books
from bianmin_rules.periods import Period, PeriodKind
from bianmin_rules.policy import Context, PolicyBase
from bianmin_rules.verdicts import RuleId, Sanction, Subject, SubjectKind, Verdict, VerdictKind


class LadderTier(BaseModel):
    """One step of a ladder: from the ``occurrence``-th offence on, this tier."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurrence: int = Field(ge=1, description="The n-th offence within the period.")
    tier: str = Field(min_length=1, description="The sanction, in the words of the regulation.")
    level: int = Field(ge=1, description="Its rank: a higher level is a heavier sanction.")
    fine: Decimal | None = Field(default=None, ge=0, description="Yuan, if the tier costs money.")
    bonus_share: Decimal | None = Field(default=None, ge=0, le=1, description="Share of the annual bonus, if any.")


class OffenceLadder(PolicyBase):
    """Counts the violations of ``counts`` per ``subject`` within each ``period`` and climbs ``tiers``.

    OTN-6 (county-centre 责任追究制 3): 1st → 批评教育, 2nd → 诫勉谈话, 3rd → 通报批评; the
    texts do not say over which period occurrences are counted (ESC-2): the default is a
    calendar year. A counted verdict without a subject of the kind counted is skipped.
    """

    stage: ClassVar[int] = 1

    kind: Literal["offence-ladder"] = "offence-ladder"
    counts: tuple[RuleId, ...] = Field(min_length=1, description="The rules whose violations count as offences.")
    tiers: tuple[LadderTier, ...] = Field(min_length=1, description="The steps of the ladder.")
    period: PeriodKind = Field(default=PeriodKind.YEAR, description="Occurrences are counted within this period.")
    subject: Literal["staff", "window"] = Field(default="staff", description="Who offences are counted against.")

    @model_validator(mode="after")
    def _one_tier_per_occurrence(self) -> OffenceLadder:
        occurrences = [t.occurrence for t in self.tiers]
        if len(set(occurrences)) != len(occurrences):
            raise ValueError("two tiers name the same occurrence")
        return self

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One verdict per occurrence that reaches a tier."""
        offences: dict[tuple[str, Period], list[Verdict]] = defaultdict(list)
        for verdict in context.verdicts:
            who = self.offender(verdict)
            if who is not None and verdict.rule in self.counts and verdict.kind is VerdictKind.VIOLATION:
                offences[(who, Period.containing(self.period, verdict.on))].append(verdict)
        for (who, period), found in sorted(offences.items(), key=lambda item: (item[0][0], item[0][1].start)):
            for n, offence in enumerate(sorted(found, key=lambda v: v.sort_key), start=1):
                tier = self.tier_of(n)
                if tier is not None:
                    yield self.climb(who, period, n, offence, tier, context)

    def offender(self, verdict: Verdict) -> str | None:
        """The staff member or window a verdict counts against."""
        kind = SubjectKind(self.subject)
        if verdict.subject.kind is kind:
            return verdict.subject.id
        return verdict.staff if kind is SubjectKind.STAFF else verdict.window

    def tier_of(self, occurrence: int) -> LadderTier | None:
        """The tier of the n-th offence: the highest step not above it."""
        reached = [t for t in self.tiers if t.occurrence <= occurrence]
        return max(reached, key=lambda t: t.occurrence) if reached else None

    def climb(
        self, who: str, period: Period, n: int, offence: Verdict, tier: LadderTier, context: Context
    ) -> Verdict:
        """The sanction of one occurrence."""
        return self.verdict(
            context, subject=Subject(kind=SubjectKind(self.subject), id=who), kind=VerdictKind.VIOLATION,
            on=offence.on,
            explanation=f"{period.label}内第{n}次（{offence.rule}：{offence.explanation}）：{tier.tier}。",
            sanction=Sanction(tier=tier.tier, level=tier.level), fine=tier.fine if tier.fine is not None else self.fine,
            bonus_share=tier.bonus_share or Decimal(0), evidence=offence.evidence, case=offence.case,
            window=offence.window, staff=offence.staff,
        )
