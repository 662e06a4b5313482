"""The register (台账, REG-1, REG-2): daily entries, weekly checks and monthly reports."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.registers.events import RegisterReported
from bianmin_rules.families.registers.ledger import REGISTER
from bianmin_rules.families.registers.policies import MonthlyReport, RegisterCadence

FAMILY = Family(
    name="registers",
    title="the register and monthly reports (台账)",
    rules={
        "REG-1": "Ledger",
        "REG-2": "Monthly reporting",
    },
    events=(RegisterReported,),
    books=(REGISTER,),
    policies=(RegisterCadence, MonthlyReport),
)
"""The declaration the core reads."""
