"""Events: the facts a centre records, as frozen pydantic models.

``Event`` is a discriminated union on the ``type`` field; validating a JSON object
against it picks the model by its type and gives precise errors. Each family of rules
adds its event types in its own module and lists them here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter

from bianmin_rules.core.events import ChinaDateTime, EventBase, Identifier
from bianmin_rules.families.assessment.events import (
    AssessmentScored,
    EvaluationResult,
    MeritKind,
    MeritLevel,
    MeritRecorded,
    ServiceEvaluated,
)
from bianmin_rules.families.attendance.events import (
    LeaveApproved,
    LeaveRequested,
    LeaveType,
    MeetingAttendanceRecorded,
    ServiceExtended,
    SignedIn,
    SignedOut,
    StaffEvent,
)
from bianmin_rules.families.cases.events import (
    ApplicantReturned,
    CaseCompleted,
    CaseEvent,
    CaseReceived,
    CaseRejected,
    CaseResumed,
    CaseSuspended,
    CaseTransferred,
    CompletionFoundFalse,
    DelayExplained,
    ExtensionGranted,
    MaterialsCompleted,
    MissingMaterialsNotice,
    NoticeContent,
    ReceiptNoticeIssued,
    ReturnCause,
)
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
from bianmin_rules.families.findings.events import FindingRecorded, FindingSource
from bianmin_rules.families.first_inquiry.events import (
    AppointmentArranged,
    Channel,
    DischargeReason,
    InquiryDischarged,
    InquiryEvent,
    InquiryFollowedUp,
    InquiryReceived,
    InquiryRecorded,
    InquiryReferred,
    InquiryRefused,
    InquiryReplied,
    InquiryTaken,
    InquiryTransferred,
    LeaderConsulted,
    Remit,
)
from bianmin_rules.families.joint.events import (
    JointMeetingAttended,
    JointReviewDecided,
    JointReviewExplained,
    JointReviewForwarded,
)
from bianmin_rules.families.posts.events import PostAssigned, PostCovered, PostLeft, PostReturned, WhereaboutsPosted
from bianmin_rules.families.registers.events import RegisterAct, RegisterReported
from bianmin_rules.families.registration.events import (
    ApplicationRefused,
    CaseRegistered,
    HandledOutsideCentre,
    MaterialsReceivedOnline,
    OutsideWay,
    PaperCopiesDemanded,
)

Event = Annotated[
    CaseReceived
    | ReceiptNoticeIssued
    | MissingMaterialsNotice
    | MaterialsCompleted
    | CaseSuspended
    | CaseResumed
    | ExtensionGranted
    | CaseCompleted
    | CaseRejected
    | CaseTransferred
    | FindingRecorded
    | DelayExplained
    | CompletionFoundFalse
    | ApplicantReturned
    | JointReviewForwarded
    | JointReviewDecided
    | JointMeetingAttended
    | JointReviewExplained
    | CaseRegistered
    | MaterialsReceivedOnline
    | PaperCopiesDemanded
    | ApplicationRefused
    | HandledOutsideCentre
    | InquiryReceived
    | InquiryRecorded
    | InquiryReferred
    | AppointmentArranged
    | LeaderConsulted
    | InquiryRefused
    | InquiryTaken
    | InquiryTransferred
    | InquiryFollowedUp
    | InquiryDischarged
    | InquiryReplied
    | ComplaintReceived
    | ComplaintAnswered
    | ComplaintDelayExplained
    | ComplaintEscalated
    | ComplaintInvestigated
    | RegisterReported
    | PostAssigned
    | SignedIn
    | SignedOut
    | LeaveRequested
    | LeaveApproved
    | PostLeft
    | PostReturned
    | PostCovered
    | WhereaboutsPosted
    | MeetingAttendanceRecorded
    | ServiceExtended
    | ServiceEvaluated
    | MeritRecorded
    | AssessmentScored,
    Field(discriminator="type"),
]
"""Any event the library knows, told apart by its ``type``."""

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event, config=ConfigDict(hide_input_in_errors=True))
"""Validates one event from JSON text (``validate_json``) or Python data (``validate_python``).

Its :class:`pydantic.ValidationError` never prints the input it rejected: a complaint line
may hold the complainant's name in any field (CMP-7). The errors of
:func:`~bianmin_rules.jsonl.read_events` quote a value where that is safe."""


def event_types() -> dict[str, type[EventBase]]:
    """Every event model, by its ``type`` tag, in the order of the union."""
    members: tuple[type[EventBase], ...] = Event.__origin__.__args__  # type: ignore[attr-defined]
    return {model.model_fields["type"].default: model for model in members}


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema of one event (a line of an event log)."""
    schema = EVENT_ADAPTER.json_schema()
    schema["title"] = "bianmin-rules event"
    return schema


__all__ = [
    "EVENT_ADAPTER",
    "ApplicantReturned",
    "ApplicationRefused",
    "AppointmentArranged",
    "AssessmentScored",
    "CaseCompleted",
    "CaseEvent",
    "CaseReceived",
    "CaseRegistered",
    "CaseRejected",
    "CaseResumed",
    "CaseSuspended",
    "CaseTransferred",
    "Channel",
    "ChinaDateTime",
    "ComplaintAnswered",
    "ComplaintCategory",
    "ComplaintDelayExplained",
    "ComplaintEscalated",
    "ComplaintEvent",
    "ComplaintForm",
    "ComplaintInvestigated",
    "ComplaintReceived",
    "CompletionFoundFalse",
    "DelayExplained",
    "DischargeReason",
    "EvaluationResult",
    "Event",
    "EventBase",
    "ExtensionGranted",
    "FindingRecorded",
    "FindingSource",
    "HandledOutsideCentre",
    "Identifier",
    "InquiryDischarged",
    "InquiryEvent",
    "InquiryFollowedUp",
    "InquiryReceived",
    "InquiryRecorded",
    "InquiryReferred",
    "InquiryRefused",
    "InquiryReplied",
    "InquiryTaken",
    "InquiryTransferred",
    "JointMeetingAttended",
    "JointReviewDecided",
    "JointReviewExplained",
    "JointReviewForwarded",
    "LeaderConsulted",
    "LeaveApproved",
    "LeaveRequested",
    "LeaveType",
    "MaterialsCompleted",
    "MaterialsReceivedOnline",
    "MeetingAttendanceRecorded",
    "MeritKind",
    "MeritLevel",
    "MeritRecorded",
    "MissingMaterialsNotice",
    "NoticeContent",
    "OutsideWay",
    "PaperCopiesDemanded",
    "PostAssigned",
    "PostCovered",
    "PostLeft",
    "PostReturned",
    "ReceiptNoticeIssued",
    "RegisterAct",
    "RegisterReported",
    "Remit",
    "ReplyForm",
    "ReturnCause",
    "ServiceEvaluated",
    "ServiceExtended",
    "SignedIn",
    "SignedOut",
    "StaffEvent",
    "WhereaboutsPosted",
    "event_json_schema",
    "event_types",
]
