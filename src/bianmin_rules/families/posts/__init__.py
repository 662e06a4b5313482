"""AB posts (AB岗, AB-1 … AB-6): cover, minimum staffing, substitutes and whereabouts."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.posts.policies import EmptyPost, LeaveSubstitute, LeavingPost, Whereabouts

FAMILY = Family(
    name="posts",
    title="AB posts (AB岗)",
    rules={
        "AB-1": "Cover",
        "AB-2": "Minimum staffing",
        "AB-3": "Not both away",
        "AB-4": "Leave needs a substitute",
        "AB-5": "Whereabouts",
        "AB-6": "Deductions",
    },
    policies=(EmptyPost, LeaveSubstitute, Whereabouts, LeavingPost),
)
"""The declaration the core reads."""
