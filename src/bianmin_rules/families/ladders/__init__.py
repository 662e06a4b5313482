"""Sanction ladders and accountability tiers (责任追究): occurrences of other rules counted into tiers.

ESC-1, ESC-2 and the ladders of other texts: OTN-6, FIR-9, ATT-6, ATT-7.
"""

from bianmin_rules.core.family import Family
from bianmin_rules.families.ladders.policies import OffenceLadder, SeverityTiers

FAMILY = Family(
    name="ladders",
    title="sanction ladders and accountability tiers (责任追究)",
    rules={
        "OTN-6": "Offence ladder (`county-centre` 责任追究制 3)",
        "FIR-9": "Sanctions",
        "ATT-6": "Inspection discipline ladder (`shouzhan-town` 第十条(九))",
        "ATT-7": "Three strikes (`dahe-town` 第三条)",
        "ESC-1": "Three tiers (`town-conduct-100` 责任追究制度 3)",
        "ESC-2": "Occurrence ladders (`county-centre` 责任追究制)",
    },
    policies=(OffenceLadder, SeverityTiers),
)
"""The declaration the core reads."""
