"""Joint approval (联办 / 并联审批, JA-1 … JA-4): the lead department, parallel review and deemed approval.

Its steps are steps of the case file, declared by the cases family.
"""

from bianmin_rules.core.family import Family
from bianmin_rules.families.cases.ledger import case_received
from bianmin_rules.families.joint.policies import DeemedApproval, JointLead, JointReviewDeadline

FAMILY = Family(
    name="joint",
    title="joint approval (联办 / 并联审批)",
    rules={
        "JA-1": "Lead department",
        "JA-2": "Parallel review",
        "JA-3": "Deemed approval (行政默认)",
        "JA-4": "Joint lateness",
    },
    policies=(JointLead, JointReviewDeadline, DeemedApproval),
    starts=case_received,
)
"""The declaration the core reads."""
