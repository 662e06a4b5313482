"""The assessment register: applicants' evaluations and recorded merits, each in time order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bianmin_rules.core.books import Book
from bianmin_rules.core.events import EventBase
from bianmin_rules.families.assessment.events import (
    EvaluationResult,
    MeritKind,
    MeritLevel,
    MeritRecorded,
    ServiceEvaluated,
)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One applicant's evaluation."""

    at: datetime
    event: str
    window: str | None
    staff: str | None
    case: str | None
    result: EvaluationResult
    verified: bool

    @property
    def day(self) -> date:
        """The China-time calendar day of the evaluation."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class Merit:
    """One recorded merit."""

    at: datetime
    event: str
    window: str | None
    staff: str | None
    merit: MeritKind
    level: MeritLevel | None
    matter: str | None
    points: Decimal | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the merit."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class AssessmentRegister:
    """What the assessment policies read: applicants' evaluations and recorded merits."""

    evaluations: tuple[Evaluation, ...] = ()
    """Every evaluation, in time order."""
    merits: tuple[Merit, ...] = ()
    """Every merit, in time order."""


class AssessmentLedger:
    """Gathers evaluations and merits."""

    handles: tuple[type[EventBase], ...] = (ServiceEvaluated, MeritRecorded)

    def __init__(self) -> None:
        self._evaluations: list[Evaluation] = []
        self._merits: list[Merit] = []

    def record(self, event: Any) -> None:
        """File one event of the family."""
        if isinstance(event, ServiceEvaluated):
            self._evaluations.append(Evaluation(
                at=event.at, event=event.id, window=event.window, staff=event.staff, case=event.case,
                result=event.result, verified=event.verified,
            ))
        else:
            self._merits.append(Merit(
                at=event.at, event=event.id, window=event.window, staff=event.staff, merit=event.merit,
                level=event.level, matter=event.matter, points=event.points,
            ))

    def close(self) -> AssessmentRegister:
        """The register, each list ordered by time and event id."""
        return AssessmentRegister(
            evaluations=tuple(sorted(self._evaluations, key=lambda e: (e.at, e.event))),
            merits=tuple(sorted(self._merits, key=lambda m: (m.at, m.event))),
        )


ASSESSMENT: Book[AssessmentRegister] = Book("assessment", AssessmentLedger)
"""Applicants' evaluations and recorded merits (SC)."""
