"""Reports: the verdicts of one evaluation, with per-subject totals. JSON-serialisable both ways."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.results import Number
from bianmin_rules.core.scorecards.cards import Card, Standing
from bianmin_rules.core.verdicts import ZERO, Subject, Verdict, VerdictKind
from bianmin_rules.core.words import Text


class SubjectTotal(BaseModel):
    """What one subject accumulated in a report: counts, points and money, kept apart (SC-9)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    subject: Subject
    violations: int = 0
    warnings: int = 0
    points: Number = ZERO
    fine: Number = ZERO
    bonus_share: Number = ZERO
    reimbursement: Number = ZERO


class _Tally:
    """One subject's running totals while the verdicts are summed."""

    __slots__ = ("bonus_share", "fine", "points", "reimbursement", "violations", "warnings")

    def __init__(self) -> None:
        self.violations = self.warnings = 0
        self.points = self.fine = self.bonus_share = self.reimbursement = ZERO

    def merge(self, other: _Tally) -> None:
        self.violations += other.violations
        self.warnings += other.warnings
        self.points += other.points
        self.fine += other.fine
        self.bonus_share += other.bonus_share
        self.reimbursement += other.reimbursement

    def add(self, verdict: Verdict) -> None:
        self.violations += verdict.kind is VerdictKind.VIOLATION
        self.warnings += verdict.kind is VerdictKind.WARNING
        self.points += verdict.points
        self.fine += verdict.fine
        self.bonus_share += verdict.bonus_share
        self.reimbursement += verdict.reimbursement


def subject_totals(verdicts: Iterable[Verdict]) -> tuple[SubjectTotal, ...]:
    """Totals per verdict subject, in subject order."""
    # Summed per subject object first, looked up by identity — the verdicts about one staff
    # member or window share one model (``verdicts.subject``), whose hash pydantic computes
    # in Python — then equal subjects' sums added up (sums of decimals, exact in any order).
    by_object: dict[int, tuple[Subject, _Tally]] = {}
    for verdict in verdicts:
        subject = verdict.subject
        entry = by_object.get(id(subject))  # the entry holds the subject: its id is not reused meanwhile
        if entry is None:
            entry = by_object[id(subject)] = (subject, _Tally())
        entry[1].add(verdict)
    totals: dict[Subject, _Tally] = {}
    for subject, tally in by_object.values():
        summed = totals.get(subject)
        if summed is None:
            totals[subject] = tally
        else:
            summed.merge(tally)
    return tuple(
        SubjectTotal(
            subject=subject, violations=tally.violations, warnings=tally.warnings, points=tally.points,
            fine=tally.fine, bonus_share=tally.bonus_share, reimbursement=tally.reimbursement,
        )
        for subject, tally in sorted(totals.items(), key=lambda item: str(item[0]))
    )


class Report(BaseModel):
    """The outcome of evaluating one event log under one variant as of one day.

    Its notes are words kept as data (:attr:`note_messages`, ``notes`` in JSON); :attr:`notes`
    gives them in Chinese.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True,
    )

    variant: str
    as_of: date
    provisional: bool = Field(description="Some result rests on a year without an official calendar (CAL-3).")
    events_read: int = Field(ge=0)
    events_after_as_of: int = Field(ge=0, description="Events dated after as_of, left out.")
    verdicts: tuple[Verdict, ...]
    totals: tuple[SubjectTotal, ...]
    note_messages: tuple[Text, ...] = Field(default=(), alias="notes", description="What the rules could not judge.")
    scorecards: tuple[Card, ...] = Field(default=(), description="One card per table, subject and period (SC).")
    standings: tuple[Standing, ...] = Field(default=(), description="The rankings per table and period (SC-8).")

    @property
    def notes(self) -> tuple[str, ...]:
        """What the rules could not judge, in Chinese (:attr:`note_messages` written out)."""
        return tuple(map(str, self.note_messages))

    def violations(self) -> tuple[Verdict, ...]:
        """The verdicts that find a rule broken."""
        return tuple(v for v in self.verdicts if v.kind is VerdictKind.VIOLATION)

    def about(self, subject: Subject) -> tuple[Verdict, ...]:
        """The verdicts that concern ``subject`` (as subject, or as their case, window or staff)."""
        return tuple(v for v in self.verdicts if v.concerns(subject))

    def cards_of(self, subject: Subject) -> tuple[Card, ...]:
        """The scorecards of ``subject``, in report order."""
        return tuple(card for card in self.scorecards if card.subject == subject)
