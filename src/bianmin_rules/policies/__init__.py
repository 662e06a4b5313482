"""The policies a variant can compose, one module per family of rules.

``AnyPolicy`` is the discriminated union a variant file is validated against: the
``kind`` of each ``[[policies]]`` entry picks the model, and its other keys are the
model's parameters.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bianmin_rules.policies.assessment import MeritBonus, ServiceEvaluation, SpeedUpRate
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
    | SpeedUpRate
    | ServiceEvaluation
    | MeritBonus,
    Field(discriminator="kind"),
]
"""Any policy a variant file may name, told apart by its ``kind``."""

__all__ = [
    "AbsentHandler",
    "AnyPolicy",
    "ComplaintAnswer",
    "ComplaintReplyForm",
    "ComplaintTracking",
    "DischargeConditions",
    "FindingPenalty",
    "FirstHandlingReply",
    "FirstInquiryGuidance",
    "ForbiddenRefusal",
    "ImmediateSameDay",
    "MajorComplaintEscalation",
    "MeritBonus",
    "MonthlyReport",
    "PhoneInquiryRecord",
    "ReferralFollowUp",
    "RegisterCadence",
    "RejectionDecision",
    "ServiceEvaluation",
    "SpeedUpRate",
    "SupplementClock",
    "TransferConsent",
    "VerifiedComplaint",
]
