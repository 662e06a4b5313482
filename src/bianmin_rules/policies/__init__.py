"""The policies a variant can compose, one module per family of rules.

``AnyPolicy`` is the discriminated union a variant file is validated against: the
``kind`` of each ``[[policies]]`` entry picks the model, and its other keys are the
model's parameters.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bianmin_rules.policies.attendance import (
    Absence,
    CumulativeLeave,
    ExtendedService,
    LateOrEarly,
    MeetingAttendance,
    QuarterlyDisqualification,
    SignInRegister,
)
from bianmin_rules.policies.findings import FindingPenalty
from bianmin_rules.policies.ladders import OffenceLadder, SeverityTiers
from bianmin_rules.policies.leave import LeaveApproval, RetroactiveLeave, UnapprovedLeave
from bianmin_rules.policies.posts import EmptyPost, LeaveSubstitute, LeavingPost, Whereabouts
from bianmin_rules.policies.time_limits import ImmediateSameDay, RejectionDecision, SupplementClock

AnyPolicy = Annotated[
    ImmediateSameDay
    | SupplementClock
    | RejectionDecision
    | FindingPenalty
    | LateOrEarly
    | Absence
    | SignInRegister
    | ExtendedService
    | MeetingAttendance
    | CumulativeLeave
    | QuarterlyDisqualification
    | LeaveApproval
    | UnapprovedLeave
    | RetroactiveLeave
    | EmptyPost
    | LeaveSubstitute
    | Whereabouts
    | LeavingPost
    | OffenceLadder
    | SeverityTiers,
    Field(discriminator="kind"),
]
"""Any policy a variant file may name, told apart by its ``kind``."""

__all__ = [
    "Absence",
    "AnyPolicy",
    "CumulativeLeave",
    "EmptyPost",
    "ExtendedService",
    "FindingPenalty",
    "ImmediateSameDay",
    "LateOrEarly",
    "LeaveApproval",
    "LeaveSubstitute",
    "LeavingPost",
    "MeetingAttendance",
    "OffenceLadder",
    "QuarterlyDisqualification",
    "RejectionDecision",
    "RetroactiveLeave",
    "SeverityTiers",
    "SignInRegister",
    "SupplementClock",
    "UnapprovedLeave",
    "Whereabouts",
]
