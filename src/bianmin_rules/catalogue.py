"""The rule catalogue: every rule ID with its title, by family.

Generated once from the headings of the project's rule catalogue (``### TL-4 Clock start for
supplement cases``) and kept here, so that the library never reads the catalogue at run
time. Lint checks every rule ID a variant names against :data:`RULES`.
"""

from __future__ import annotations

FAMILIES: dict[str, str] = {
    "CAL": "calendar and office time",
    "CASE": "case types",
    "TL": "time limits (限时办结)",
    "OTN": "one-time notification (一次性告知)",
    "FIR": "first inquiry and first handling (首问 / 首办)",
    "AB": "AB posts",
    "ATT": "attendance",
    "LV": "leave",
    "CMP": "complaints",
    "ESC": "accountability tiers",
    "SC": "assessment tables (考核)",
    "JA": "joint approval (联办 / 并联审批)",
    "REG": "registration and reporting",
    "FEE": "fees",
}
"""Each family's prefix and title."""

RULES: dict[str, str] = {
    "CAL-1": "Working day",
    "CAL-2": "Office hours",
    "CAL-3": "Provisional years",
    "CAL-4": "Sign-in",
    "CAL-5": "Extended service",
    "CASE-1": 'Six case types (`county-centre`, "六件"分类法)',
    "CASE-2": "Other variants' case types",
    "TL-1": "Immediate cases",
    "TL-2": "Promised limit",
    "TL-3": "Receipt notice",
    "TL-4": "Clock start for supplement cases",
    "TL-5": "Extension",
    "TL-6": "Green channel",
    "TL-7": "Rejection decision",
    "TL-8": "Suspension",
    "TL-9": "Overdue deductions",
    "TL-10": "Early warning",
    "TL-11": "Speed-up rate bands (`county-centre` window 限时承诺, 15 points)",
    "TL-12": "Completion rate",
    "OTN-1": "What must be told",
    "OTN-2": "All missing items in one notice",
    "OTN-3": "Notice deadline",
    "OTN-4": "Written rejection reasons",
    "OTN-5": "Repeat trips",
    "OTN-6": "Offence ladder (`county-centre` 责任追究制 3)",
    "OTN-7": "Notice content (`jiangxi-town` (二)3)",
    "FIR-1": "Who is the first-inquiry person",
    "FIR-2": "Duties",
    "FIR-3": "Forbidden refusals",
    "FIR-4": "Handler absent",
    "FIR-5": "First-handling person",
    "FIR-6": "Transfer",
    "FIR-7": "Discharge",
    "FIR-8": "Follow-up",
    "FIR-9": "Sanctions",
    "AB-1": "Cover",
    "AB-2": "Minimum staffing",
    "AB-3": "Not both away",
    "AB-4": "Leave needs a substitute",
    "AB-5": "Whereabouts",
    "AB-6": "Deductions",
    "ATT-1": "Late or early leave",
    "ATT-2": "Absence without leave (旷工)",
    "ATT-3": "Leaving the post without permission",
    "ATT-4": "Meetings and study",
    "ATT-5": "Cumulative leave",
    "ATT-6": "Inspection discipline ladder (`shouzhan-town` 第十条(九))",
    "ATT-7": "Three strikes (`dahe-town` 第三条)",
    "ATT-8": "Quarterly disqualification (`county-centre` 四(一))",
    "LV-1": "Approval authority by duration",
    "LV-2": "Unapproved leave is absence",
    "LV-3": "Retroactive leave",
    "CMP-1": "Ordinary complaints",
    "CMP-2": "Complex complaints",
    "CMP-3": "Other limits",
    "CMP-4": "Late with explanation",
    "CMP-5": "Same form",
    "CMP-6": "Major complaints",
    "CMP-7": "Confidentiality",
    "CMP-8": "Verified complaints",
    "ESC-1": "Three tiers (`town-conduct-100` 责任追究制度 3)",
    "ESC-2": "Occurrence ladders (`county-centre` 责任追究制)",
    "ESC-3": "Flat penalties (`guangwu-street` 第三十八条)",
    "SC-1": "`town-conduct-100` (工作人员考核细则)",
    "SC-2": "`jiangxi-town` (中心考核制度)",
    "SC-3": "`county-centre` window table (quarterly, 100)",
    "SC-4": "`county-centre` staff table (quarterly, 100)",
    "SC-5": "Bands with gaps (`county-centre`)",
    "SC-6": "Unreachable maxima",
    "SC-7": "Weighting (`community-hall`)",
    "SC-8": "Ties",
    "SC-9": "Money is not points",
    "SC-10": "Periods",
    "JA-1": "Lead department",
    "JA-2": "Parallel review",
    "JA-3": "Deemed approval (行政默认)",
    "JA-4": "Joint lateness",
    "REG-1": "Ledger",
    "REG-2": "Monthly reporting",
    "REG-3": "Timely entry",
    "REG-4": "Negative decisions recorded",
    "REG-5": "Outside the centre",
    "REG-6": "No duplicate paper (`shandong-guideline` 第十九条)",
    "FEE-1": "Fee discipline",
}
"""Each rule ID and its title, in catalogue order."""


def family(rule: str) -> str:
    """The family prefix of a rule ID (``TL`` for ``TL-4``)."""
    return rule.rsplit("-", 1)[0]


def is_known(rule: str) -> bool:
    """Is ``rule`` an ID of the catalogue?"""
    return rule in RULES
