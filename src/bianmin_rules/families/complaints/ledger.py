"""The complaints register: per complaint, its receipt, answers, explanations, escalations and findings (CMP).

Confidentiality (CMP-7) is enforced here: the facts filed from ``complaint_received``
have no place for the complainant's name or phone or for the content of the
complaint, and :func:`~bianmin_rules.core.facts.fact_of` copies only the fields a
fact declares, so nothing read from the books — verdicts, reports, explanations, the
chain printout — can reveal them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.facts import FileLedger, fact, in_order, only_one
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.core.words import Message, say
from bianmin_rules.families.cases.ledger import Step
from bianmin_rules.families.complaints.events import (
    ComplaintAnswered,
    ComplaintCategory,
    ComplaintDelayExplained,
    ComplaintEscalated,
    ComplaintEvent,
    ComplaintForm,
    ComplaintInvestigated,
    ComplaintReceived,
    ReplyForm,
)

ComplaintStep = Step
"""A dated step in a complaint's handling, and who acted: the same shape as a case file's step."""


@fact
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


@fact
class Answer(ComplaintStep):
    """The complainant was answered (CMP-1…CMP-5)."""

    form: ReplyForm


@fact
class DelayNotice(ComplaintStep):
    """The complainant was told why the answer is late (CMP-4)."""

    new_date: date | None


@fact
class Escalation(ComplaintStep):
    """The complaint was reported upward (CMP-6)."""

    to: tuple[str, ...]
    written: bool


@fact
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


@fact
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
        ordered = in_order(steps)
        return cls(
            complaint, only_one(ordered, Lodged, f"complaint {complaint!r}"),
            answers=tuple(s for s in ordered if isinstance(s, Answer)),
            delay_notices=tuple(s for s in ordered if isinstance(s, DelayNotice)),
            escalations=tuple(s for s in ordered if isinstance(s, Escalation)),
            investigations=tuple(s for s in ordered if isinstance(s, Investigation)),
        )

    @property
    def first_answer(self) -> Answer | None:
        """The earliest answer, if any."""
        return self.answers[0] if self.answers else None


class ComplaintLedger(FileLedger[ComplaintFile]):
    """Gathers complaint events into complaint files, without their confidential fields (CMP-7)."""

    def __init__(self) -> None:
        super().__init__(STEP_OF_EVENT, key="complaint", build=ComplaintFile.from_steps)


COMPLAINT_FILES: Book[Mapping[str, ComplaintFile]] = Book("complaints", ComplaintLedger)
"""The complaint files, by complaint id (without the complainant, CMP-7)."""


def unjudged_complaints(books: Books) -> Iterable[Message]:
    """A note for each complaint the log never received: its limits cannot be checked."""
    for file in books[COMPLAINT_FILES].values():
        if file.lodged is None:
            first = min((*file.answers, *file.delay_notices, *file.escalations, *file.investigations),
                        key=lambda s: (s.at, s.event))
            yield say(
                "投诉 {complaint}：日志中没有受理记录（complaint_received），无法检查其答复时限（事件 {event} 等）。",
                complaint=file.complaint, event=first.event)


def complaint_received(verdict: Verdict, books: Books) -> date | None:
    """The day that starts a complaint's matters: its receipt, where the verdict names a received complaint."""
    file = books[COMPLAINT_FILES].get(verdict.complaint) if verdict.complaint is not None else None
    return file.lodged.day if file is not None and file.lodged is not None else None
