"""Complaints (投诉, CMP-1 … CMP-8): answers in time, in the same form, escalation, confidentiality."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.complaints.events import (
    ComplaintAnswered,
    ComplaintDelayExplained,
    ComplaintEscalated,
    ComplaintInvestigated,
    ComplaintReceived,
)
from bianmin_rules.families.complaints.ledger import COMPLAINT_FILES, complaint_received, unjudged_complaints
from bianmin_rules.families.complaints.policies import (
    ComplaintAnswer,
    ComplaintReplyForm,
    ComplaintTracking,
    MajorComplaintEscalation,
    VerifiedComplaint,
)

FAMILY = Family(
    name="complaints",
    title="complaints (投诉)",
    rules={
        "CMP-1": "Ordinary complaints",
        "CMP-2": "Complex complaints",
        "CMP-3": "Other limits",
        "CMP-4": "Late with explanation",
        "CMP-5": "Same form",
        "CMP-6": "Major complaints",
        "CMP-7": "Confidentiality",
        "CMP-8": "Verified complaints",
    },
    events=(
        ComplaintReceived, ComplaintAnswered, ComplaintDelayExplained, ComplaintEscalated, ComplaintInvestigated,
    ),
    books=(COMPLAINT_FILES,),
    policies=(ComplaintAnswer, ComplaintTracking, ComplaintReplyForm, MajorComplaintEscalation, VerifiedComplaint),
    notes=unjudged_complaints,
    starts=complaint_received,
)
"""The declaration the core reads."""
