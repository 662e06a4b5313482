"""Cases and their time limits (限时办结, TL-1 … TL-10, TL-12; the case types of CASE-1).

The case file holds every step of a case, including those the notification, joint
approval and registration families read.
"""

from bianmin_rules.core.family import Family
from bianmin_rules.families.cases.completion import CompletionRate
from bianmin_rules.families.cases.events import (
    ApplicantReturned,
    CaseCompleted,
    CaseReceived,
    CaseRegistered,
    CaseRejected,
    CaseResumed,
    CaseSuspended,
    CaseTransferred,
    CompletionFoundFalse,
    DelayExplained,
    ExtensionGranted,
    JointMeetingAttended,
    JointReviewDecided,
    JointReviewExplained,
    JointReviewForwarded,
    MaterialsCompleted,
    MaterialsReceivedOnline,
    MissingMaterialsNotice,
    PaperCopiesDemanded,
    ReceiptNoticeIssued,
)
from bianmin_rules.families.cases.ledger import CASE_FILES, case_received, unjudged_cases
from bianmin_rules.families.cases.policies import (
    GreenChannel,
    ImmediateSameDay,
    PromisedLimit,
    ReceiptNotice,
    RejectionDecision,
    SupplementClock,
)

FAMILY = Family(
    name="cases",
    title="case types and time limits (限时办结)",
    rules={
        "CASE-1": 'Six case types (`county-centre`, "六件"分类法)',
        "TL-1": "Immediate cases",
        "TL-2": "Promised limit",
        "TL-3": "Receipt notice",
        "TL-4": "Clock start for supplement cases",
        "TL-5": "Extension",
        "TL-6": "Green channel",
        "TL-7": "Rejection decision",
        "TL-8": "Suspension",
        "TL-9": "Overdue deductions",
        "TL-10": "Early warning",
        "TL-12": "Completion rate",
    },
    events=(
        CaseReceived, ReceiptNoticeIssued, MissingMaterialsNotice, MaterialsCompleted, CaseSuspended, CaseResumed,
        ExtensionGranted, CaseCompleted, CaseRejected, CaseTransferred, DelayExplained, CompletionFoundFalse,
        ApplicantReturned, JointReviewForwarded, JointReviewDecided, JointMeetingAttended, JointReviewExplained,
        CaseRegistered, MaterialsReceivedOnline, PaperCopiesDemanded,
    ),
    books=(CASE_FILES,),
    policies=(
        ImmediateSameDay, SupplementClock, RejectionDecision, PromisedLimit, ReceiptNotice, GreenChannel,
        CompletionRate,
    ),
    notes=unjudged_cases,
    starts=case_received,
)
"""The declaration the core reads."""
