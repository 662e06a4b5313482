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

from bianmin_rules.calendar import (
    CHINA_TZ,
    LAST_OFFICIAL_YEAR,
    OfficeHours,
    WorkCalendar,
    YearSchedule,
    as_china_time,
)
from bianmin_rules.deadlines import DeadlineTrace, LimitUnit, TimeLimit
from bianmin_rules.engine import evaluate, evaluate_all
from bianmin_rules.errors import (
    BatchError,
    BianminError,
    CalendarError,
    CalendarRangeError,
    DuplicateEventError,
    EvaluationError,
    EventError,
    ManifestError,
    ProvisionalCalendarError,
    ScoringError,
    VariantError,
)
from bianmin_rules.events import EVENT_ADAPTER, Event, EventBase, event_json_schema
from bianmin_rules.explain import Explanation, explain
from bianmin_rules.io import builtin_variant_names, lint_variant, load_schedule, load_variant, read_event_files
from bianmin_rules.jsonl import read_events, read_logs
from bianmin_rules.lint import LintReport, lint_text
from bianmin_rules.periods import Period, PeriodKind
from bianmin_rules.policy import Context, Policy, PolicyBase
from bianmin_rules.render import render_pieces, to_csv, to_json, to_markdown, to_scorecards_csv
from bianmin_rules.report import Report, SubjectTotal
from bianmin_rules.trace import InquiryTrace, render_trace, trace_inquiry
from bianmin_rules.variant import Variant
from bianmin_rules.verdicts import Citation, Measure, Occurrence, Sanction, Subject, SubjectKind, Verdict, VerdictKind
from bianmin_rules.whatif import ReportDiff, diff

__version__ = "0.1.0"

__all__ = [
    "CHINA_TZ",
    "EVENT_ADAPTER",
    "LAST_OFFICIAL_YEAR",
    "BatchError",
    "BianminError",
    "CalendarError",
    "CalendarRangeError",
    "Citation",
    "Context",
    "DeadlineTrace",
    "DuplicateEventError",
    "EvaluationError",
    "Event",
    "EventBase",
    "EventError",
    "Explanation",
    "InquiryTrace",
    "LimitUnit",
    "LintReport",
    "ManifestError",
    "Measure",
    "Occurrence",
    "OfficeHours",
    "Period",
    "PeriodKind",
    "Policy",
    "PolicyBase",
    "ProvisionalCalendarError",
    "Report",
    "ReportDiff",
    "Sanction",
    "ScoringError",
    "Subject",
    "SubjectKind",
    "SubjectTotal",
    "TimeLimit",
    "Variant",
    "VariantError",
    "Verdict",
    "VerdictKind",
    "WorkCalendar",
    "YearSchedule",
    "__version__",
    "as_china_time",
    "builtin_variant_names",
    "diff",
    "evaluate",
    "evaluate_all",
    "event_json_schema",
    "explain",
    "lint_text",
    "lint_variant",
    "load_schedule",
    "load_variant",
    "read_event_files",
    "read_events",
    "read_logs",
    "render_pieces",
    "render_trace",
    "to_csv",
    "to_json",
    "to_markdown",
    "to_scorecards_csv",
    "trace_inquiry",
]
