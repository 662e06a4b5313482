"""Rendering a report as JSON, Markdown (also readable in a terminal) or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bianmin_rules.report import Report
from bianmin_rules.scorecards.render import CSV_COLUMNS as SCORECARD_COLUMNS
from bianmin_rules.scorecards.render import scorecards_markdown, scorecards_rows
from bianmin_rules.verdicts import Verdict, VerdictKind

FORMATS = ("markdown", "json", "csv")

PROVISIONAL_NOTE = "yes — some dates lie in a year without an official holiday schedule (CAL-3)"

CSV_COLUMNS = (
    "on", "rule", "kind", "subject", "case", "window", "staff", "points", "fine", "bonus_share",
    "reimbursement", "sanction", "due", "actual", "days_late", "evidence", "article", "explanation",
    "provisional",
)


def render(report: Report, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    renderers = {"markdown": to_markdown, "json": to_json, "csv": to_csv}
    return renderers[fmt](report)


def to_json(report: Report) -> str:
    """The report as indented JSON; :meth:`Report.model_validate_json` reads it back unchanged."""
    return report.model_dump_json(indent=2) + "\n"


def number(value: Decimal) -> str:
    """A decimal without trailing zeros (``-2``, ``-0.5``), as the tables write points."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table; pipes inside cells are escaped."""
    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]


def to_markdown(report: Report) -> str:
    """The report as Markdown: a summary, totals per subject, the verdicts and their sources."""
    violations = sum(v.kind is VerdictKind.VIOLATION for v in report.verdicts)
    warnings = sum(v.kind is VerdictKind.WARNING for v in report.verdicts)
    lines = [
        f"# Evaluation under {report.variant} as of {report.as_of}",
        "",
        f"- Events read: {report.events_read} (after as_of, left out: {report.events_after_as_of})",
        f"- Verdicts: {len(report.verdicts)} ({violations} violations, {warnings} warnings)",
        f"- Provisional calendar: {PROVISIONAL_NOTE if report.provisional else 'no'}",
        "",
        "## Totals per subject",
        "",
    ]
    if report.totals:
        lines += markdown_table(
            ("Subject", "Violations", "Warnings", "Points", "Fine (元)", "Bonus share", "Owed to applicant (元)"),
            (
                (t.subject, t.violations, t.warnings, number(t.points), number(t.fine),
                 number(t.bonus_share), number(t.reimbursement))
                for t in report.totals
            ),
        )
    else:
        lines.append("No verdicts.")
    lines += ["", "## Verdicts", ""]
    if report.verdicts:
        lines += markdown_table(
            ("Day", "Rule", "Kind", "Subject", "Case", "Points", "Fine (元)", "Explanation"),
            (
                (v.on, v.rule, v.kind.value, v.subject, v.case or "", number(v.points), number(v.fine),
                 v.explanation)
                for v in report.verdicts
            ),
        )
        lines += ["", "## Sources", ""]
        lines += [f"- {rule}: {source}" for rule, source in sources(report.verdicts)]
    else:
        lines.append("No verdicts.")
    if report.notes:
        lines += ["", "## Notes", "", *(f"- {note}" for note in report.notes)]
    if report.scorecards:
        lines += ["", *scorecards_markdown(report.scorecards, report.standings)]
    return "\n".join(lines).rstrip("\n") + "\n"


def sources(verdicts: Iterable[Verdict]) -> list[tuple[str, str]]:
    """Each rule cited by the verdicts, once, with its document, article and words."""
    cited: dict[tuple[str, str], str] = {}
    for v in verdicts:
        s = v.source
        cited.setdefault((v.rule, s.article), f"{s.document} {s.article}：「{s.quote}」")
    return [(rule, text) for (rule, _), text in sorted(cited.items())]


def to_csv(report: Report) -> str:
    """One row per verdict, for spreadsheets; then, after an empty line, the scorecards (:func:`to_scorecards_csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for v in report.verdicts:
        writer.writerow((
            v.on, v.rule, v.kind.value, v.subject, v.case or "", v.window or "", v.staff or "",
            number(v.points), number(v.fine), number(v.bonus_share), number(v.reimbursement),
            v.sanction.tier if v.sanction else "", v.due or "", v.actual or "",
            v.deadline.days_late if v.deadline else "", " ".join(v.evidence),
            f"{v.source.document} {v.source.article}", v.explanation, v.provisional,
        ))
    if report.scorecards:
        out.write("\n" + to_scorecards_csv(report))
    return out.getvalue()


def to_scorecards_csv(report: Report) -> str:
    """The scorecards alone: one row per item, per line and per card total, and the rankings' cut-off notes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCORECARD_COLUMNS)
    writer.writerows(scorecards_rows(report.scorecards, report.standings))
    return out.getvalue()
