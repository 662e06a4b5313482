"""Decisions on record: refusals, and matters handled outside the centre (REG-4, REG-5).

A refusal (``application_refused``) and handling outside the centre
(``handled_outside_centre``) may concern an application that never became a case. The
steps of registration that belong to a case (``case_registered``,
``materials_received_online``, ``paper_copies_demanded``) are steps of its case file
(:mod:`bianmin_rules.families.cases.events`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.events import EventBase, Identifier, example


class ApplicationRefused(EventBase):
    """A window decided not to accept or not to handle an application (否定, REG-4).

    ``recorded`` says whether the refusal was entered in the refusal register (登记备案),
    ``reported`` whether it was reported to the supervisor (向主管负责人报告).
    """

    model_config = example(
        '{"type": "application_refused", "id": "r4", "at": "2026-03-03T11:00:00", "window": "W-build", '
        '"staff": "S-li", "matter": "临时建筑许可", "reasons": ["不属于本级权限"], "recorded": true, "reported": false}'
    )

    type: Literal["application_refused"] = "application_refused"
    case: Identifier | None = Field(default=None, description="The case or application number, if any.")
    matter: str | None = Field(default=None, description="The matter applied for.")
    reasons: tuple[str, ...] = Field(default=(), description="The reasons given.")
    recorded: bool = Field(description="Entered in the refusal register?")
    reported: bool = Field(description="Reported to the supervisor?")


class OutsideWay(StrEnum):
    """How a matter was handled outside the centre (体外循环, REG-5)."""

    ACCEPTED_OUTSIDE = "accepted_outside"
    """Accepted at the home department instead of the centre's window (两头受理)."""
    CERTIFICATE_OUTSIDE = "certificate_outside"
    """Accepted at the window, certificate issued at the department."""
    CHARGED_OUTSIDE = "charged_outside"
    """Handled at the centre, fees collected at the department."""
    SENT_TO_DEPARTMENT = "sent_to_department"
    """The applicant was sent to the home or a superior department for a matter the centre handles."""


class HandledOutsideCentre(EventBase):
    """A matter the centre handles was handled, or sent, outside it (REG-5)."""

    model_config = example(
        '{"type": "handled_outside_centre", "id": "r5", "at": "2026-03-05T14:00:00", "window": "W-health", '
        '"staff": "S-zhou", "case": "C-310", "way": "sent_to_department"}'
    )

    type: Literal["handled_outside_centre"] = "handled_outside_centre"
    case: Identifier | None = Field(default=None, description="The case, if any.")
    way: OutsideWay = Field(description="How it was handled outside.")
    note: str | None = Field(default=None, description="What happened.")
