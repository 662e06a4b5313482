"""Reports: the verdicts of one evaluation, with per-subject totals. JSON-serialisable both ways."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.scorecards.cards import Card, Standing
from bianmin_rules.verdicts import ZERO, Subject, Verdict, VerdictKind


class SubjectTotal(BaseModel):
    """What one subject accumulated in a report: counts, points and money, kept apart (SC-9)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    subject: Subject
    violations: int = 0
    warnings: int = 0
    points: Decimal = ZERO
    fine: Decimal = ZERO
    bonus_share: Decimal = ZERO
    reimbursement: Decimal = ZERO


def subject_totals(verdicts: Iterable[Verdict]) -> tuple[SubjectTotal, ...]:
    """Totals per verdict subject, in subject order."""
    totals: dict[Subject, dict[str, int | Decimal]] = {}
    for verdict in verdicts:
        row = totals.setdefault(
            verdict.subject,
            {"violations": 0, "warnings": 0, "points": ZERO, "fine": ZERO, "bonus_share": ZERO, "reimbursement": ZERO},
        )
        row["violations"] += verdict.kind is VerdictKind.VIOLATION
        row["warnings"] += verdict.kind is VerdictKind.WARNING
        for money in ("points", "fine", "bonus_share", "reimbursement"):
            row[money] += getattr(verdict, money)
    return tuple(
        SubjectTotal(subject=subject, **row)
        for subject, row in sorted(totals.items(), key=lambda item: str(item[0]))
    )


class Report(BaseModel):
    """The outcome of evaluating one event log under one variant as of one day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    variant: str
    as_of: date
    provisional: bool = Field(description="Some result rests on a year without an official calendar (CAL-3).")
    events_read: int = Field(ge=0)
    events_after_as_of: int = Field(ge=0, description="Events dated after as_of, left out.")
    verdicts: tuple[Verdict, ...]
    totals: tuple[SubjectTotal, ...]
    notes: tuple[str, ...] = Field(default=(), description="What the rules could not judge.")
    scorecards: tuple[Card, ...] = Field(default=(), description="One card per table, subject and period (SC).")
    standings: tuple[Standing, ...] = Field(default=(), description="The rankings per table and period (SC-8).")

    def violations(self) -> tuple[Verdict, ...]:
        """The verdicts that find a rule broken."""
        return tuple(v for v in self.verdicts if v.kind is VerdictKind.VIOLATION)

    def about(self, subject: Subject) -> tuple[Verdict, ...]:
        """The verdicts that concern ``subject`` (as subject, or as their case, window or staff)."""
        return tuple(v for v in self.verdicts if v.concerns(subject))

    def cards_of(self, subject: Subject) -> tuple[Card, ...]:
        """The scorecards of ``subject``, in report order."""
        return tuple(card for card in self.scorecards if card.subject == subject)
