"""Registration and decisions on record (REG-3 … REG-6): timely entry, refusals, matters outside the centre."""

from bianmin_rules.core.family import Family
from bianmin_rules.families.cases.ledger import case_received
from bianmin_rules.families.registration.events import ApplicationRefused, HandledOutsideCentre
from bianmin_rules.families.registration.ledger import OUTSIDE, REFUSALS
from bianmin_rules.families.registration.policies import (
    DuplicatePaper,
    FakedCompletion,
    OutsideCentre,
    RefusalRecorded,
    TimelyRegistration,
)

FAMILY = Family(
    name="registration",
    title="registration and decisions on record",
    rules={
        "REG-3": "Timely entry",
        "REG-4": "Negative decisions recorded",
        "REG-5": "Outside the centre",
        "REG-6": "No duplicate paper (`shandong-guideline` 第十九条)",
    },
    events=(ApplicationRefused, HandledOutsideCentre),
    books=(REFUSALS, OUTSIDE),
    policies=(TimelyRegistration, FakedCompletion, RefusalRecorded, OutsideCentre, DuplicatePaper),
    starts=case_received,
)
"""The declaration the core reads."""
