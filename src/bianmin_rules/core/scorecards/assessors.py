"""Other assessors' scores (SC-7): the event that records one, and the book that keeps them.

A table that weights several assessors (community 70 %, home unit 30 %) reads, besides
its own total, the score each other assessor gave a subject for the period. The scores
come in as ``assessment_scored`` events and are kept by (assessor, subject, period). An
assessor's score of a period shows nobody at work: it makes no one active on the roster.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from bianmin_rules.core.books import Book
from bianmin_rules.core.bounds import Points
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase, Identifier, example
from bianmin_rules.core.periods import Period
from bianmin_rules.core.verdicts import Subject, named_subject


class AssessmentScored(EventBase):
    """Another assessor's score of a staff member (``staff``) or window (``window``) for one period.

    Used where a table weights two assessors (SC-7: community 70%, home unit 30%).
    """

    model_config = example(
        '{"type": "assessment_scored", "id": "a1", "at": "2026-04-03T09:00:00", "staff": "S-wang", '
        '"assessor": "home_unit", "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 88}'
    )

    activity: ClassVar[bool] = False

    type: Literal["assessment_scored"] = "assessment_scored"
    assessor: Identifier = Field(description="Who scored, as the variant's weighting names it (e.g. home_unit).")
    period: Period = Field(description="The period scored.")
    score: Points = Field(ge=0, description="The score given.")


@dataclass(frozen=True, slots=True)
class AssessorScore:
    """One other assessor's score of one subject for one period."""

    event: str
    score: Decimal


ScoreKey = tuple[str, Subject, Period]
"""(assessor, subject, period)."""


class ScoreLedger:
    """Gathers the other assessors' scores; a subject scored twice by one assessor for one period is an error."""

    handles: tuple[type[EventBase], ...] = (AssessmentScored,)

    def __init__(self) -> None:
        self._scores: dict[ScoreKey, tuple[datetime, AssessorScore]] = {}

    def record(self, event: AssessmentScored) -> None:
        """File one score."""
        key = (event.assessor, named_subject(event.staff, event.window, event=event.id), event.period)
        earlier = self._scores.get(key)
        if earlier is not None:
            first, second = sorted((earlier[1].event, event.id))
            raise EvaluationError(
                f"{event.assessor} scored {key[1]} for {event.period} twice (also in event {first!r})",
                event_id=second,
            )
        self._scores[key] = (event.at, AssessorScore(event=event.id, score=event.score))

    def close(self) -> dict[ScoreKey, AssessorScore]:
        """The scores by (assessor, subject, period)."""
        return {key: score for key, (_, score) in self._scores.items()}


ASSESSOR_SCORES: Book[Mapping[ScoreKey, AssessorScore]] = Book("assessor_scores", ScoreLedger)
"""The other assessors' scores, by (assessor, subject, period)."""
