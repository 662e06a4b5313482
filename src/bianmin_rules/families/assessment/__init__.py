"""Assessment inputs (TL-11): applicants' evaluations, merits and the speed-up rate that the tables score."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.assessment.events import MeritRecorded, ServiceEvaluated
from bianmin_rules.families.assessment.ledger import ASSESSMENT
from bianmin_rules.families.assessment.policies import MeritBonus, ServiceEvaluation, SpeedUpRate

FAMILY = Family(
    name="assessment",
    title="assessment inputs: evaluations, merits, the speed-up rate",
    rules={
        "TL-11": "Speed-up rate bands (`county-centre` window 限时承诺, 15 points)",
    },
    events=(ServiceEvaluated, MeritRecorded),
    books=(ASSESSMENT,),
    policies=(SpeedUpRate, ServiceEvaluation, MeritBonus),
)
"""The declaration the core reads."""
