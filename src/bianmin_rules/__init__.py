"""bianmin-rules: the regulations of Chinese government service centres, executable.

Evaluate an event log under a centre's variant::

    from datetime import date
    from bianmin_rules import evaluate, load_variant, read_events

    variant = load_variant("county-centre")
    with open("events.jsonl", "rb") as log:
        report = evaluate(variant, read_events(log, source="events.jsonl"), as_of=date(2026, 3, 31))
    for verdict in report.violations():
        print(verdict.rule, verdict.subject, verdict.explanation)
"""

from bianmin_rules.authoring.lint import LintReport, lint_text, lint_variant
from bianmin_rules.core.books import Book, Books, Ledger
from bianmin_rules.core.calendar import (
    CHINA_TZ,
    LAST_OFFICIAL_YEAR,
    OfficeHours,
    WorkCalendar,
    YearSchedule,
    as_china_time,
)
from bianmin_rules.core.dated import Span, Version
from bianmin_rules.core.deadlines import DeadlineTrace, LimitUnit, TimeLimit
from bianmin_rules.core.engine import Progress, evaluate, evaluate_all
from bianmin_rules.core.errors import (
    BatchError,
    BianminError,
    CalendarError,
    CalendarRangeError,
    CaseFileError,
    DuplicateEventError,
    EvaluationError,
    EventError,
    FamilyError,
    ManifestError,
    MissingExtraError,
    NoValueInForceError,
    OutputError,
    ProvisionalCalendarError,
    RegisterError,
    ScoringError,
    VariantError,
)
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.family import Families, Family
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context, Policy, PolicyBase
from bianmin_rules.core.report import Report, SubjectTotal
from bianmin_rules.core.verdicts import (
    Citation,
    Measure,
    Occurrence,
    Sanction,
    Subject,
    SubjectKind,
    Verdict,
    VerdictKind,
)
from bianmin_rules.families import EVENT_ADAPTER, Event, Variant, event_json_schema
from bianmin_rules.intake.families import installed_families
from bianmin_rules.intake.files import (
    builtin_variant_names,
    load_schedule,
    load_variant,
    read_event_files,
)
from bianmin_rules.intake.jsonl import read_events, read_logs
from bianmin_rules.intake.mappings import Mapping
from bianmin_rules.intake.registers import Intake, Problem, import_rows, import_sheets
from bianmin_rules.intake.spreadsheets import import_register, load_mapping
from bianmin_rules.views.explain import Explanation, explain
from bianmin_rules.views.labels import Words
from bianmin_rules.views.outputs import to_html, to_xlsx
from bianmin_rules.views.render import render_pieces, to_csv, to_json, to_markdown, to_scorecards_csv
from bianmin_rules.views.tables import Table, diff_tables, explanation_tables, report_tables
from bianmin_rules.views.trace import InquiryTrace, render_trace, trace_inquiry
from bianmin_rules.views.whatif import ReportDiff, diff

__version__ = "0.1.0"
"""The version of the library: the one place it is written (the package metadata reads it from here)."""

__all__ = [
    "CHINA_TZ",
    "EVENT_ADAPTER",
    "LAST_OFFICIAL_YEAR",
    "BatchError",
    "BianminError",
    "Book",
    "Books",
    "CalendarError",
    "CalendarRangeError",
    "CaseFileError",
    "Citation",
    "Context",
    "DeadlineTrace",
    "DuplicateEventError",
    "EvaluationError",
    "Event",
    "EventBase",
    "EventError",
    "Explanation",
    "Families",
    "Family",
    "FamilyError",
    "InquiryTrace",
    "Intake",
    "Ledger",
    "LimitUnit",
    "LintReport",
    "ManifestError",
    "Mapping",
    "Measure",
    "MissingExtraError",
    "NoValueInForceError",
    "Occurrence",
    "OfficeHours",
    "OutputError",
    "Period",
    "PeriodKind",
    "Policy",
    "PolicyBase",
    "Problem",
    "Progress",
    "ProvisionalCalendarError",
    "RegisterError",
    "Report",
    "ReportDiff",
    "Sanction",
    "ScoringError",
    "Span",
    "Subject",
    "SubjectKind",
    "SubjectTotal",
    "Table",
    "TimeLimit",
    "Variant",
    "VariantError",
    "Verdict",
    "VerdictKind",
    "Version",
    "Words",
    "WorkCalendar",
    "YearSchedule",
    "__version__",
    "as_china_time",
    "builtin_variant_names",
    "diff",
    "diff_tables",
    "evaluate",
    "evaluate_all",
    "event_json_schema",
    "explain",
    "explanation_tables",
    "import_register",
    "import_rows",
    "import_sheets",
    "installed_families",
    "lint_text",
    "lint_variant",
    "load_mapping",
    "load_schedule",
    "load_variant",
    "read_event_files",
    "read_events",
    "read_logs",
    "render_pieces",
    "render_trace",
    "report_tables",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_scorecards_csv",
    "to_xlsx",
    "trace_inquiry",
]
