"""What a batch did with one centre: evaluated, unchanged since its output was written, or failed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.report import Report
from bianmin_rules.core.verdicts import ZERO, VerdictKind


class Status(StrEnum):
    """What a batch did with a centre."""

    EVALUATED = "evaluated"
    UNCHANGED = "unchanged"
    """Its inputs are those its output was written from: it was not evaluated again."""
    FAILED = "failed"


class CentreOutcome(BaseModel):
    """One centre's line of a batch's summary: what was read, what was found, and any error."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    centre: str
    status: Status
    variant: str = Field(description="The variant's name; as the manifest names it when the centre failed.")
    as_of: date
    events_read: int = 0
    events_after_as_of: int = Field(default=0, description="Events dated after as_of, left out.")
    verdicts: int = 0
    violations: int = 0
    warnings: int = 0
    violations_by_rule: dict[str, int] = Field(default_factory=dict, description="Violations per rule ID.")
    fine: Decimal = Field(default=ZERO, description="Yuan deducted, all subjects together.")
    bonus_share: Decimal = Field(default=ZERO, description="Fractions of annual bonuses deducted, summed.")
    reimbursement: Decimal = Field(default=ZERO, description="Yuan owed to applicants.")
    provisional: bool = Field(default=False, description="Some result rests on a year without an official calendar.")
    error: str | None = Field(default=None, description="Why the centre failed: one line naming the place.")
    fingerprint: str = Field(default="", description="The digest of the inputs its output was written from.")
    seconds: float = Field(default=0.0, description="Wall time of reading, evaluating and writing the centre.")
    worker_peak_mb: float | None = Field(
        default=None, description="The peak resident memory of the worker process so far, in MB."
    )

    @property
    def failed(self) -> bool:
        """Did the centre fail?"""
        return self.status is Status.FAILED


def evaluated(centre: str, report: Report, *, fingerprint: str) -> CentreOutcome:
    """The outcome of a centre whose ``report`` was written (its timing is added by the caller)."""
    violations = Counter(v.rule for v in report.verdicts if v.kind is VerdictKind.VIOLATION)
    return CentreOutcome(
        centre=centre, status=Status.EVALUATED, variant=report.variant, as_of=report.as_of,
        events_read=report.events_read, events_after_as_of=report.events_after_as_of,
        verdicts=len(report.verdicts), violations=sum(violations.values()),
        warnings=sum(v.kind is VerdictKind.WARNING for v in report.verdicts),
        violations_by_rule=dict(sorted(violations.items())),
        fine=sum((t.fine for t in report.totals), ZERO),
        bonus_share=sum((t.bonus_share for t in report.totals), ZERO),
        reimbursement=sum((t.reimbursement for t in report.totals), ZERO),
        provisional=report.provisional, fingerprint=fingerprint,
    )


def failed(centre: str, *, variant: str, as_of: date, error: str, fingerprint: str = "") -> CentreOutcome:
    """The outcome of a centre that could not be evaluated."""
    return CentreOutcome(
        centre=centre, status=Status.FAILED, variant=variant, as_of=as_of, error=error, fingerprint=fingerprint,
    )


def describe(outcome: CentreOutcome) -> str:
    """One line about a centre's outcome, for a progress display."""
    if outcome.status is Status.FAILED:
        return f"{outcome.centre}: failed: {outcome.error}"
    counts = f"{outcome.events_read:,} events, {outcome.violations:,} violations"
    if outcome.status is Status.UNCHANGED:
        return f"{outcome.centre}: unchanged since its output was written ({counts})"
    return f"{outcome.centre}: {counts} ({outcome.seconds:.1f} s)"
