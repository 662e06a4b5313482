"""Findings (检查发现): what inspections record, and the fixed penalties for them (ESC-3, FEE-1)."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.findings.events import FindingRecorded
from bianmin_rules.families.findings.ledger import FINDINGS
from bianmin_rules.families.findings.policies import FindingPenalty

FAMILY = Family(
    name="findings",
    title="findings and their fixed penalties (检查发现)",
    rules={
        "ESC-3": "Flat penalties (`guangwu-street` 第三十八条)",
        "FEE-1": "Fee discipline",
    },
    events=(FindingRecorded,),
    books=(FINDINGS,),
    policies=(FindingPenalty,),
)
"""The declaration the core reads."""
