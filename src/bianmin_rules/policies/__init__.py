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
from bianmin_rules.policies.complaints import (
    ComplaintAnswer,
    ComplaintReplyForm,
    ComplaintTracking,
    MajorComplaintEscalation,
    VerifiedComplaint,
)
from bianmin_rules.policies.findings import FindingPenalty
from bianmin_rules.policies.first_inquiry import (
    AbsentHandler,
    DischargeConditions,
    FirstHandlingReply,
    FirstInquiryGuidance,
    ForbiddenRefusal,
    PhoneInquiryRecord,
    ReferralFollowUp,
    TransferConsent,
)
from bianmin_rules.policies.ladders import OffenceLadder, SeverityTiers
from bianmin_rules.policies.leave import LeaveApproval, RetroactiveLeave, UnapprovedLeave
from bianmin_rules.policies.posts import EmptyPost, LeaveSubstitute, LeavingPost, Whereabouts
from bianmin_rules.policies.registers import MonthlyReport, RegisterCadence
from bianmin_rules.policies.time_limits import ImmediateSameDay, RejectionDecision, SupplementClock

AnyPolicy = Annotated[
    ImmediateSameDay
    | SupplementClock
    | RejectionDecision
    | FindingPenalty
    | FirstInquiryGuidance
    | PhoneInquiryRecord
    | ForbiddenRefusal
    | AbsentHandler
    | FirstHandlingReply
    | TransferConsent
    | DischargeConditions
    | ReferralFollowUp
    | ComplaintAnswer
    | ComplaintTracking
    | ComplaintReplyForm
    | MajorComplaintEscalation
    | VerifiedComplaint
    | RegisterCadence
    | MonthlyReport
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
    "AbsentHandler",
    "AnyPolicy",
    "ComplaintAnswer",
    "ComplaintReplyForm",
    "ComplaintTracking",
    "CumulativeLeave",
    "DischargeConditions",
    "EmptyPost",
    "ExtendedService",
    "FindingPenalty",
    "FirstHandlingReply",
    "FirstInquiryGuidance",
    "ForbiddenRefusal",
    "ImmediateSameDay",
    "LateOrEarly",
    "LeaveApproval",
    "LeaveSubstitute",
    "LeavingPost",
    "MajorComplaintEscalation",
    "MeetingAttendance",
    "MonthlyReport",
    "OffenceLadder",
    "PhoneInquiryRecord",
    "QuarterlyDisqualification",
    "ReferralFollowUp",
    "RegisterCadence",
    "RejectionDecision",
    "RetroactiveLeave",
    "SeverityTiers",
    "SignInRegister",
    "SupplementClock",
    "TransferConsent",
    "UnapprovedLeave",
    "VerifiedComplaint",
    "Whereabouts",
]
