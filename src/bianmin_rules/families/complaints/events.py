"""Complaints (投诉, CMP): received, answered, explained when late, escalated, investigated.

Every event names its complaint. On ``complaint_received``, ``staff`` and ``window`` are
the staff member and window that accepted the complaint and answer for its handling
(受理人); ``about_staff`` and ``about_window`` are the ones complained about.

Confidentiality (CMP-7): the complainant's name and phone number and the content of the
complaint are accepted, so that a centre can pass its register as it is, but they are
never kept or shown — not in verdicts, reports, explanations or error messages.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from bianmin_rules.core.bounds import Day
from bianmin_rules.core.events import EventBase, Identifier, Name, confidential, example, stray_confidential


class ComplaintForm(StrEnum):
    """How the complaint was made (town-basic (七)2: 口头、电话或书面形式)."""

    ORAL = "oral"
    PHONE = "phone"
    WRITTEN = "written"


class ReplyForm(StrEnum):
    """How a complaint was answered (CMP-5)."""

    ORAL = "oral"
    """口头: in person or by phone."""
    WRITTEN = "written"
    """书面: in writing."""


class ComplaintCategory(StrEnum):
    """The weight of a complaint, which sets its answer limit (CMP-1, CMP-2, CMP-3, CMP-6)."""

    ORDINARY = "ordinary"
    """一般投诉 (also jianshe-street's 一般的问题)."""
    COMPLEX = "complex"
    """比较复杂或涉及两个以上单位需要协调处理 (also jianshe-street's 需要调查了解的)."""
    MAJOR = "major"
    """重大投诉事项: reported in writing to the leadership and the discipline body (CMP-6)."""


class ComplaintEvent(EventBase):
    """An event in the handling of one complaint.

    A complaint line is confidential as a whole (CMP-7): an error about it quotes none of
    its values, whichever field is wrong, and pydantic's own errors hide their input.
    """

    model_config = ConfigDict(hide_input_in_errors=True)
    confidential_line = True

    complaint: Identifier = Field(description="The complaint the event belongs to.")


class ComplaintReceived(ComplaintEvent):
    """A complaint was accepted and registered (投诉登记).

    ``staff``/``window`` accepted it; ``about_staff``/``about_window`` are complained
    about; ``inquiry`` links the inquiry the complaint arose from, if any. The
    complainant's name and phone and the content are confidential (CMP-7).
    """

    model_config = example(
        '{"type": "complaint_received", "id": "k1", "at": "2026-03-03T10:00:00", "complaint": "K-12", '
        '"window": "W-complaints", "staff": "S-he", "form": "written", "category": "ordinary", '
        '"about_staff": "S-li", "about_window": "W-market"}'
    )

    type: Literal["complaint_received"] = "complaint_received"
    form: ComplaintForm = Field(description="oral, phone or written.")
    category: ComplaintCategory = Field(default=ComplaintCategory.ORDINARY, description="ordinary, complex or major.")
    about_staff: Name | None = Field(default=None, description="The staff member complained about.")
    about_window: Name | None = Field(default=None, description="The window complained about.")
    inquiry: Identifier | None = Field(default=None, description="The inquiry the complaint arose from, if any.")
    complainant_name: str | None = confidential("The complainant's name: accepted, never kept or shown (CMP-7).")
    complainant_phone: str | None = confidential("The complainant's phone: accepted, never kept or shown (CMP-7).")
    content: str | None = confidential("What the complaint says: accepted, never kept or shown (CMP-7).")

    @model_validator(mode="after")
    def _no_confidential_text_elsewhere(self) -> ComplaintReceived:
        """A line whose id, subjects or codes hold the complainant's name, phone or words is refused (CMP-7)."""
        stray = stray_confidential(self)
        if stray is not None:
            field, secret_field = stray
            raise PydanticCustomError(
                "confidential_elsewhere", "holds the text of the confidential field {confidential}",
                {"field": field, "confidential": secret_field},
            )
        return self


class ComplaintAnswered(ComplaintEvent):
    """The complainant was answered (答复), orally or in writing (CMP-1…CMP-5)."""

    model_config = example(
        '{"type": "complaint_answered", "id": "k2", "at": "2026-03-04T16:00:00", "complaint": "K-12", '
        '"staff": "S-he", "form": "written"}'
    )

    type: Literal["complaint_answered"] = "complaint_answered"
    form: ReplyForm = Field(description="oral or written.")


class ComplaintDelayExplained(ComplaintEvent):
    """The complainant was told why the answer cannot be given in time (说明情况, CMP-4).

    ``new_date`` is the date by which an answer was then promised, if one was.
    """

    model_config = example(
        '{"type": "complaint_delay_explained", "id": "k3", "at": "2026-03-04T11:00:00", "complaint": "K-13", '
        '"staff": "S-he", "new_date": "2026-03-11"}'
    )

    type: Literal["complaint_delay_explained"] = "complaint_delay_explained"
    new_date: Day | None = Field(default=None, description="The answer date promised in the explanation.")


class ComplaintEscalated(ComplaintEvent):
    """A complaint was reported upward (汇报, CMP-6): to whom (codes such as ``leadership``, ``discipline``) and how."""

    model_config = example(
        '{"type": "complaint_escalated", "id": "k4", "at": "2026-03-03T15:00:00", "complaint": "K-14", '
        '"staff": "S-he", "to": ["leadership", "discipline"], "written": true}'
    )

    type: Literal["complaint_escalated"] = "complaint_escalated"
    to: tuple[Identifier, ...] = Field(min_length=1, description="Whom it was reported to, as codes the variant names.")
    written: bool = Field(description="Was the report made in writing?")


class ComplaintInvestigated(ComplaintEvent):
    """The investigation concluded (调查核实, CMP-8).

    ``upheld`` says whether the complaint was verified (经查实); ``staff`` and ``window``
    name who was found at fault (none when nobody was). ``cause`` is a code for what was
    at fault, e.g. ``wrong_answer`` (town-conduct-100 能 2).
    """

    model_config = example(
        '{"type": "complaint_investigated", "id": "k5", "at": "2026-03-06T10:00:00", "complaint": "K-12", '
        '"staff": "S-li", "window": "W-market", "upheld": true, "cause": "attitude"}'
    )

    type: Literal["complaint_investigated"] = "complaint_investigated"
    upheld: bool = Field(description="Was the complaint verified (经查实)?")
    cause: Identifier | None = Field(default=None, description="What was at fault, as a code the variant names.")


COMPLAINT_EVENTS: tuple[type[ComplaintEvent], ...] = (
    ComplaintReceived, ComplaintAnswered, ComplaintDelayExplained, ComplaintEscalated, ComplaintInvestigated,
)
"""Every event type of a complaint, in the order of the union."""
