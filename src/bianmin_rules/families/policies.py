"""The policies a variant can compose, one module per family of rules.

``AnyPolicy`` is the discriminated union a variant file is validated against: the
``kind`` of each ``[[policies]]`` entry picks the model, and its other keys are the
model's parameters.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bianmin_rules.families.assessment.policies import MeritBonus, ServiceEvaluation, SpeedUpRate
from bianmin_rules.families.attendance.policies import (
    Absence,
    CumulativeLeave,
    ExtendedService,
    LateOrEarly,
    MeetingAttendance,
    QuarterlyDisqualification,
    SignInRegister,
)
from bianmin_rules.families.cases.completion import CompletionRate
from bianmin_rules.families.cases.policies import (
    GreenChannel,
    ImmediateSameDay,
    PromisedLimit,
    ReceiptNotice,
    RejectionDecision,
    SupplementClock,
)
from bianmin_rules.families.complaints.policies import (
    ComplaintAnswer,
    ComplaintReplyForm,
    ComplaintTracking,
    MajorComplaintEscalation,
    VerifiedComplaint,
)
from bianmin_rules.families.findings.policies import FindingPenalty
from bianmin_rules.families.first_inquiry.policies import (
    AbsentHandler,
    DischargeConditions,
    FirstHandlingReply,
    FirstInquiryGuidance,
    ForbiddenRefusal,
    PhoneInquiryRecord,
    ReferralFollowUp,
    TransferConsent,
)
from bianmin_rules.families.joint.policies import DeemedApproval, JointLead, JointReviewDeadline
from bianmin_rules.families.ladders.policies import OffenceLadder, SeverityTiers
from bianmin_rules.families.leave.policies import LeaveApproval, RetroactiveLeave, UnapprovedLeave
from bianmin_rules.families.notification.policies import (
    NoticeContentCheck,
    NoticeDeadline,
    RejectionReasons,
    RepeatTrips,
    SingleNotice,
)
from bianmin_rules.families.posts.policies import EmptyPost, LeaveSubstitute, LeavingPost, Whereabouts
from bianmin_rules.families.registers.policies import MonthlyReport, RegisterCadence
from bianmin_rules.families.registration.policies import (
    DuplicatePaper,
    FakedCompletion,
    OutsideCentre,
    RefusalRecorded,
    TimelyRegistration,
)

AnyPolicy = Annotated[
    ImmediateSameDay
    | SupplementClock
    | RejectionDecision
    | FindingPenalty
    | PromisedLimit
    | ReceiptNotice
    | GreenChannel
    | SingleNotice
    | NoticeDeadline
    | RejectionReasons
    | RepeatTrips
    | NoticeContentCheck
    | CompletionRate
    | JointLead
    | JointReviewDeadline
    | DeemedApproval
    | TimelyRegistration
    | FakedCompletion
    | RefusalRecorded
    | OutsideCentre
    | DuplicatePaper
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
    | SeverityTiers
    | SpeedUpRate
    | ServiceEvaluation
    | MeritBonus,
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
    "CompletionRate",
    "CumulativeLeave",
    "DeemedApproval",
    "DischargeConditions",
    "DuplicatePaper",
    "EmptyPost",
    "ExtendedService",
    "FakedCompletion",
    "FindingPenalty",
    "FirstHandlingReply",
    "FirstInquiryGuidance",
    "ForbiddenRefusal",
    "GreenChannel",
    "ImmediateSameDay",
    "JointLead",
    "JointReviewDeadline",
    "LateOrEarly",
    "LeaveApproval",
    "LeaveSubstitute",
    "LeavingPost",
    "MajorComplaintEscalation",
    "MeetingAttendance",
    "MeritBonus",
    "MonthlyReport",
    "NoticeContentCheck",
    "NoticeDeadline",
    "OffenceLadder",
    "OutsideCentre",
    "PhoneInquiryRecord",
    "PromisedLimit",
    "QuarterlyDisqualification",
    "ReceiptNotice",
    "ReferralFollowUp",
    "RefusalRecorded",
    "RegisterCadence",
    "RejectionDecision",
    "RejectionReasons",
    "RepeatTrips",
    "RetroactiveLeave",
    "ServiceEvaluation",
    "SeverityTiers",
    "SignInRegister",
    "SingleNotice",
    "SpeedUpRate",
    "SupplementClock",
    "TimelyRegistration",
    "TransferConsent",
    "UnapprovedLeave",
    "VerifiedComplaint",
    "Whereabouts",
]
