"""The complaints register: per complaint, its receipt, answers, explanations, escalations and findings (CMP).

Confidentiality (CMP-7) is enforced here: the facts filed from ``complaint_received``
have no place for the complainant's name or phone or for the content of the
complaint, and :func:`~bianmin_rules.ledgers.facts.fact_of` copies only the fields a
fact declares, so nothing read from the books — verdicts, reports, explanations, the
chain printout — can reveal them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bianmin_rules.errors import EvaluationError
from bianmin_rules.events import (
    ComplaintAnswered,
    ComplaintCategory,
    ComplaintDelayExplained,
    ComplaintEscalated,
    ComplaintEvent,
    ComplaintForm,
    ComplaintInvestigated,
    ComplaintReceived,
    EventBase,
    ReplyForm,
)
from bianmin_rules.ledgers.facts import fact_of


@dataclass(frozen=True, slots=True)
class ComplaintStep:
    """One dated step in a complaint's handling, and who acted."""

    at: datetime
    event: str
    window: str | None
    staff: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the step."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class Lodged(ComplaintStep):
    """The complaint was accepted: by ``staff``/``window``, about ``about_staff``/``about_window``.

    Deliberately without the complainant or the content (CMP-7).
    """

    centre: str | None
    form: ComplaintForm
    category: ComplaintCategory
    about_staff: str | None
    about_window: str | None
    inquiry: str | None


@dataclass(frozen=True, slots=True)
class Answer(ComplaintStep):
    """The complainant was answered (CMP-1…CMP-5)."""

    form: ReplyForm


@dataclass(frozen=True, slots=True)
class DelayNotice(ComplaintStep):
    """The complainant was told why the answer is late (CMP-4)."""

    new_date: date | None


@dataclass(frozen=True, slots=True)
class Escalation(ComplaintStep):
    """The complaint was reported upward (CMP-6)."""

    to: tuple[str, ...]
    written: bool


@dataclass(frozen=True, slots=True)
class Investigation(ComplaintStep):
    """The investigation's conclusion; ``staff``/``window`` are who was at fault (CMP-8)."""

    upheld: bool
    cause: str | None


STEP_OF_EVENT: dict[type[ComplaintEvent], type[ComplaintStep]] = {
    ComplaintReceived: Lodged,
    ComplaintAnswered: Answer,
    ComplaintDelayExplained: DelayNotice,
    ComplaintEscalated: Escalation,
    ComplaintInvestigated: Investigation,
}


@dataclass(frozen=True, slots=True)
class ComplaintFile:
    """Everything the log says about one complaint, each kind of step in time order."""

    complaint: str
    lodged: Lodged | None
    answers: tuple[Answer, ...]
    delay_notices: tuple[DelayNotice, ...]
    escalations: tuple[Escalation, ...]
    investigations: tuple[Investigation, ...]

    @classmethod
    def from_steps(cls, complaint: str, steps: Iterable[ComplaintStep]) -> ComplaintFile:
        """Order and sort the steps; a complaint received twice is an error."""
        ordered = sorted(steps, key=lambda s: (s.at, s.event))
        lodged = [s for s in ordered if isinstance(s, Lodged)]
        if len(lodged) > 1:
            raise EvaluationError(
                f"complaint {complaint!r} is received twice (first in event {lodged[0].event!r})",
                event_id=lodged[1].event,
            )
        return cls(
            complaint, lodged[0] if lodged else None,
            answers=tuple(s for s in ordered if isinstance(s, Answer)),
            delay_notices=tuple(s for s in ordered if isinstance(s, DelayNotice)),
            escalations=tuple(s for s in ordered if isinstance(s, Escalation)),
            investigations=tuple(s for s in ordered if isinstance(s, Investigation)),
        )

    @property
    def first_answer(self) -> Answer | None:
        """The earliest answer, if any."""
        return self.answers[0] if self.answers else None


class ComplaintLedger:
    """Gathers complaint events into complaint files."""

    handles: tuple[type[EventBase], ...] = tuple(STEP_OF_EVENT)

    def __init__(self) -> None:
        self._steps: dict[str, list[ComplaintStep]] = defaultdict(list)

    def record(self, event: ComplaintEvent) -> None:
        """File one complaint event, without its confidential fields (CMP-7)."""
        self._steps[event.complaint].append(fact_of(STEP_OF_EVENT[type(event)], event))

    def close(self) -> dict[str, ComplaintFile]:
        """The complaint files, by complaint id, in id order."""
        return {key: ComplaintFile.from_steps(key, self._steps[key]) for key in sorted(self._steps)}


def unjudged_complaints(complaints: Mapping[str, ComplaintFile]) -> Iterable[str]:
    """A note for each complaint the log never received: its limits cannot be checked."""
    for file in complaints.values():
        if file.lodged is None:
            first = min((*file.answers, *file.delay_notices, *file.escalations, *file.investigations),
                        key=lambda s: (s.at, s.event))
            yield (f"投诉 {file.complaint}：日志中没有受理记录（complaint_received），无法检查其答复时限"
                   f"（事件 {first.event} 等）。")
