"""First inquiry and first handling (首问 / 首办, FIR-1 … FIR-8): the responsibility chain of each inquiry."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.first_inquiry.events import (
    AppointmentArranged,
    InquiryDischarged,
    InquiryFollowedUp,
    InquiryReceived,
    InquiryRecorded,
    InquiryReferred,
    InquiryRefused,
    InquiryReplied,
    InquiryTaken,
    InquiryTransferred,
    LeaderConsulted,
)
from bianmin_rules.families.first_inquiry.ledger import INQUIRY_FILES, inquiry_asked, unjudged_inquiries
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

FAMILY = Family(
    name="first_inquiry",
    title="first inquiry and first handling (首问 / 首办)",
    rules={
        "FIR-1": "Who is the first-inquiry person",
        "FIR-2": "Duties",
        "FIR-3": "Forbidden refusals",
        "FIR-4": "Handler absent",
        "FIR-5": "First-handling person",
        "FIR-6": "Transfer",
        "FIR-7": "Discharge",
        "FIR-8": "Follow-up",
    },
    events=(
        InquiryReceived, InquiryRecorded, InquiryReferred, AppointmentArranged, LeaderConsulted, InquiryRefused,
        InquiryTaken, InquiryTransferred, InquiryFollowedUp, InquiryDischarged, InquiryReplied,
    ),
    books=(INQUIRY_FILES,),
    policies=(
        FirstInquiryGuidance, PhoneInquiryRecord, ForbiddenRefusal, AbsentHandler, FirstHandlingReply,
        TransferConsent, DischargeConditions, ReferralFollowUp,
    ),
    notes=unjudged_inquiries,
    starts=inquiry_asked,
)
"""The declaration the core reads."""
