"""One-time notification (一次性告知, OTN-1 … OTN-5, OTN-7): what must be told, in one notice, in time."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.cases.ledger import case_received
from bianmin_rules.families.notification.policies import (
    NoticeContentCheck,
    NoticeDeadline,
    RejectionReasons,
    RepeatTrips,
    SingleNotice,
)

FAMILY = Family(
    name="notification",
    title="one-time notification (一次性告知)",
    rules={
        "OTN-1": "What must be told",
        "OTN-2": "All missing items in one notice",
        "OTN-3": "Notice deadline",
        "OTN-4": "Written rejection reasons",
        "OTN-5": "Repeat trips",
        "OTN-7": "Notice content (`jiangxi-town` (二)3)",
    },
    policies=(SingleNotice, NoticeDeadline, RejectionReasons, RepeatTrips, NoticeContentCheck),
    starts=case_received,
)
"""The declaration the core reads."""
