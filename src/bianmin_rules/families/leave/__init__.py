"""Leave (请假, LV-1 … LV-3): who approves, unapproved and retroactive leave."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.leave.policies import LeaveApproval, RetroactiveLeave, UnapprovedLeave

FAMILY = Family(
    name="leave",
    title="leave (请假)",
    rules={
        "LV-1": "Approval authority by duration",
        "LV-2": "Unapproved leave is absence",
        "LV-3": "Retroactive leave",
    },
    policies=(LeaveApproval, UnapprovedLeave, RetroactiveLeave),
)
"""The declaration the core reads."""
