"""The assessment register: evaluations, merits and other assessors' scores, each in time order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.periods import Period
from bianmin_rules.core.verdicts import Subject, named_subject
from bianmin_rules.families.assessment.events import (
    AssessmentScored,
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
class AssessorScore:
    """One other assessor's score of one subject for one period."""

    event: str
    score: Decimal


ScoreKey = tuple[str, Subject, Period]
"""(assessor, subject, period)."""


@dataclass(frozen=True, slots=True)
class AssessmentRegister:
    """Everything the assessment tables read besides verdicts."""

    evaluations: tuple[Evaluation, ...] = ()
    """Every evaluation, in time order."""
    merits: tuple[Merit, ...] = ()
    """Every merit, in time order."""
    scores: Mapping[ScoreKey, AssessorScore] = field(default_factory=dict)
    """Other assessors' scores by (assessor, subject, period)."""


class AssessmentLedger:
    """Gathers evaluations, merits and assessors' scores."""

    handles: tuple[type[EventBase], ...] = (ServiceEvaluated, MeritRecorded, AssessmentScored)

    def __init__(self) -> None:
        self._evaluations: list[Evaluation] = []
        self._merits: list[Merit] = []
        self._scores: dict[ScoreKey, tuple[datetime, AssessorScore]] = {}

    def record(self, event: Any) -> None:
        """File one event of the family."""
        if isinstance(event, ServiceEvaluated):
            self._evaluations.append(Evaluation(
                at=event.at, event=event.id, window=event.window, staff=event.staff, case=event.case,
                result=event.result, verified=event.verified,
            ))
        elif isinstance(event, MeritRecorded):
            self._merits.append(Merit(
                at=event.at, event=event.id, window=event.window, staff=event.staff, merit=event.merit,
                level=event.level, matter=event.matter, points=event.points,
            ))
        else:
            self._score(event)

    def _score(self, event: AssessmentScored) -> None:
        key = (event.assessor, named_subject(event.staff, event.window, event=event.id), event.period)
        earlier = self._scores.get(key)
        if earlier is not None:
            first, second = sorted((earlier[1].event, event.id))
            raise EvaluationError(
                f"{event.assessor} scored {key[1]} for {event.period} twice (also in event {first!r})",
                event_id=second,
            )
        self._scores[key] = (event.at, AssessorScore(event=event.id, score=event.score))

    def close(self) -> AssessmentRegister:
        """The register, each list ordered by time and event id."""
        return AssessmentRegister(
            evaluations=tuple(sorted(self._evaluations, key=lambda e: (e.at, e.event))),
            merits=tuple(sorted(self._merits, key=lambda m: (m.at, m.event))),
            scores={key: score for key, (_, score) in self._scores.items()},
        )
