"""Rendering reports, what-if comparisons and a subject's story as JSON, Markdown or CSV.

Markdown is also readable in a terminal. A story (``explain``) renders as Markdown or
JSON; its Markdown shows how each of the subject's scorecard totals was reached."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from bianmin_rules.core.formatting import markdown_table, percent, plain, signed
from bianmin_rules.core.report import Report
from bianmin_rules.core.scorecards.cards import Card, ItemCard, Line, Standing
from bianmin_rules.core.verdicts import Measure, Verdict, VerdictKind
from bianmin_rules.views.explain import Explanation
from bianmin_rules.views.scorecards import CSV_COLUMNS as SCORECARD_COLUMNS
from bianmin_rules.views.scorecards import cell, money_and_notes, scorecards_markdown, scorecards_rows, withheld
from bianmin_rules.views.whatif import CardDelta, CardState, Change, ReportDiff, VerdictChange

FORMATS = ("markdown", "json", "csv")

PROVISIONAL_NOTE = "yes — some dates lie in a year without an official holiday schedule (CAL-3)"

CSV_COLUMNS = (
    "on", "rule", "kind", "subject", "case", "window", "staff", "points", "fine", "bonus_share",
    "reimbursement", "sanction", "due", "actual", "days_late", "evidence", "article", "explanation",
    "provisional",
)


def render(report: Report, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    return "".join(render_pieces(report, fmt))


def render_pieces(report: Report, fmt: str) -> Iterator[str]:
    """The text of :func:`render`, piece by piece, to be written as it comes.

    A large report is written without ever holding its whole text (a year of a county
    centre renders to over 100 MB of JSON): ``stream.writelines(render_pieces(report, fmt))``.
    """
    pieces = {"markdown": markdown_pieces, "json": json_pieces, "csv": csv_pieces}
    return pieces[fmt](report)


def to_json(report: Report) -> str:
    """The report as indented JSON; :meth:`Report.model_validate_json` reads it back unchanged."""
    return render(report, "json")


def to_markdown(report: Report) -> str:
    """The report as Markdown: a summary, totals per subject, the verdicts and their sources."""
    return render(report, "markdown")


def to_csv(report: Report) -> str:
    """One row per verdict, for spreadsheets; then, after an empty line, the scorecards (:func:`to_scorecards_csv`)."""
    return render(report, "csv")


LONG_FIELDS = ("verdicts", "scorecards")
"""The long fields of a report and of a comparison, written one element at a time."""


def json_pieces(model: Report | ReportDiff) -> Iterator[str]:
    """:func:`to_json` (or a comparison's JSON) piece by piece: the frame, then each element in its place.

    The frame is the model with its :data:`LONG_FIELDS` empty; each element is written by
    its own model as pydantic writes it inside the whole, two levels deeper. A JSON string
    holds no raw line break, so indenting every line of an element cannot reach into its
    text.
    """
    frame = model.model_copy(update=dict.fromkeys(LONG_FIELDS, ())).model_dump_json(indent=2)
    for name in LONG_FIELDS:
        head, frame = frame.split(f'\n  "{name}": []', 1)
        yield f'{head}\n  "{name}": '
        elements = getattr(model, name)
        if not elements:
            yield "[]"
            continue
        yield "[\n    "
        for number, element in enumerate(elements):
            yield (",\n    " if number else "") + element.model_dump_json(indent=2).replace("\n", "\n    ")
        yield "\n  ]"
    yield frame + "\n"


def markdown_pieces(report: Report) -> Iterator[str]:
    """:func:`to_markdown` line by line, each with its line break; no blank lines at the end."""
    blank = 0
    for line in markdown_lines(report):
        if not line:
            blank += 1  # held back: only blank lines between text are written
            continue
        yield "\n" * blank + line + "\n"
        blank = 0


def markdown_lines(report: Report) -> Iterator[str]:
    """The lines of the Markdown report."""
    violations = sum(v.kind is VerdictKind.VIOLATION for v in report.verdicts)
    warnings = sum(v.kind is VerdictKind.WARNING for v in report.verdicts)
    yield from (
        f"# Evaluation under {report.variant} as of {report.as_of}",
        "",
        f"- Events read: {report.events_read} (after as_of, left out: {report.events_after_as_of})",
        f"- Verdicts: {len(report.verdicts)} ({violations} violations, {warnings} warnings)",
        f"- Provisional calendar: {PROVISIONAL_NOTE if report.provisional else 'no'}",
        "",
        "## Totals per subject",
        "",
    )
    if priced_by_cards(report):
        yield (f"说明：{report.variant} 的判定本身不计分、不罚款，由其考核表计分（见下文 Scorecards）。"
               f" — {report.variant} prices its verdicts through its scorecards: their points are on the cards"
               " below, not on the verdicts.")
        yield ""
    if report.totals:
        yield from markdown_table(
            ("Subject", "Violations", "Warnings", "Points", "Fine (元)", "Bonus share", "Owed to applicant (元)"),
            (
                (t.subject, t.violations, t.warnings, plain(t.points), plain(t.fine),
                 plain(t.bonus_share), plain(t.reimbursement))
                for t in report.totals
            ),
        )
    else:
        yield "No verdicts."
    yield from ("", "## Verdicts", "")
    if report.verdicts:
        yield from markdown_table(
            ("Day", "Rule", "Kind", "Subject", "Case", "Points", "Fine (元)", "Explanation"),
            (
                (v.on, v.rule, v.kind.value, v.subject, v.case or "", plain(v.points), plain(v.fine),
                 v.explanation)
                for v in report.verdicts
            ),
        )
        yield from ("", "## Sources", "")
        yield from (f"- {rule}: {source}" for rule, source in sources(report.verdicts))
    else:
        yield "No verdicts."
    if report.notes:
        yield from ("", "## Notes", "", *(f"- {note}" for note in report.notes))
    if report.scorecards:
        yield ""
        yield from scorecards_markdown(report.scorecards, report.standings)


def priced_by_cards(report: Report) -> bool:
    """Do the report's scorecards price verdicts that carry no points or money of their own?"""
    return bool(report.scorecards) and bool(report.totals) and not any(
        t.points or t.fine or t.bonus_share or t.reimbursement for t in report.totals
    )


def sources(verdicts: Iterable[Verdict]) -> list[tuple[str, str]]:
    """Each rule cited by the verdicts, once, with its document, article and words."""
    cited: dict[tuple[str, str], str] = {}
    for v in verdicts:
        s = v.source
        cited.setdefault((v.rule, s.article), f"{s.document} {s.article}：「{s.quote}」")
    return [(rule, text) for (rule, _), text in sorted(cited.items())]


class _Echo:
    """A file for :func:`csv.writer` whose ``write`` returns the text: ``writerow`` then returns the row's line."""

    def write(self, text: str) -> str:
        return text


csv_line: Callable[[Iterable[object]], str] = csv.writer(_Echo(), lineterminator="\n").writerow
"""One row as a line of CSV (the writer keeps nothing between rows)."""


def csv_pieces(report: Report) -> Iterator[str]:
    """:func:`to_csv` row by row."""
    yield csv_line(CSV_COLUMNS)
    for v in report.verdicts:
        yield csv_line((
            v.on, v.rule, v.kind.value, v.subject, v.case or "", v.window or "", v.staff or "",
            plain(v.points), plain(v.fine), plain(v.bonus_share), plain(v.reimbursement),
            v.sanction.tier if v.sanction else "", v.due or "", v.actual or "",
            "" if v.days_late is None else v.days_late, " ".join(v.evidence),
            f"{v.source.document} {v.source.article}", v.explanation, v.provisional,
        ))
    if report.scorecards:
        yield "\n"
        yield from scorecards_csv_pieces(report)


def to_scorecards_csv(report: Report) -> str:
    """The scorecards alone: one row per item, per line and per card total, and the rankings' cut-off notes."""
    return "".join(scorecards_csv_pieces(report))


def scorecards_csv_pieces(report: Report) -> Iterator[str]:
    """:func:`to_scorecards_csv` row by row."""
    yield csv_line(SCORECARD_COLUMNS)
    yield from map(csv_line, scorecards_rows(report.scorecards, report.standings))


DIFF_CSV_COLUMNS = ("change", "rule", "subject", "case", "on", "fields", "before", "after")


def render_diff(result: ReportDiff, fmt: str) -> str:
    """A what-if comparison in one of :data:`FORMATS`."""
    return "".join(render_diff_pieces(result, fmt))


def render_diff_pieces(result: ReportDiff, fmt: str) -> Iterator[str]:
    """The text of :func:`render_diff`, piece by piece (see :func:`render_pieces`)."""
    pieces = {"markdown": diff_markdown_pieces, "json": json_pieces, "csv": diff_csv_pieces}
    return pieces[fmt](result)


def diff_to_json(result: ReportDiff) -> str:
    """The comparison as indented JSON."""
    return render_diff(result, "json")


def diff_summary(change: VerdictChange) -> tuple[str, str]:
    """The before and after of one change, in a few words each."""
    if change.change is not Change.CHANGED:
        return (change.before.explanation if change.before else "", change.after.explanation if change.after else "")
    shown = [f for f in change.fields if f not in ("explanation", "deadline", "source")]

    def brief(verdict: Verdict | None) -> str:
        if verdict is None:
            return ""
        parts = [f"{name}={field_text(getattr(verdict, name))}" for name in shown]
        if "deadline" in change.fields and verdict.days_late is not None:
            parts.append(f"days_late={verdict.days_late}")
        return "; ".join(parts) or verdict.explanation

    return brief(change.before), brief(change.after)


def field_text(value: object) -> str:
    """A verdict's field in a few words: a measure as its rate and fraction."""
    if isinstance(value, Measure):
        return f"{value.name} {percent(value.value)}% ({value.numerator}/{value.denominator})"
    return str(value)


def diff_to_markdown(result: ReportDiff) -> str:
    """The comparison as Markdown: totals per subject, then every verdict that changed."""
    return render_diff(result, "markdown")


def diff_markdown_pieces(result: ReportDiff) -> Iterator[str]:
    """:func:`diff_to_markdown` line by line, each with its line break."""
    return (line + "\n" for line in diff_markdown_lines(result))


def diff_markdown_lines(result: ReportDiff) -> Iterator[str]:
    """The lines of the Markdown comparison."""
    yield from (f"# What-if: {result.before} → {result.after} as of {result.as_of}", "")
    if result.empty:
        yield "No differences."
        return
    yield from ("## Subjects", "")
    yield from markdown_table(
        ("Subject", "Points", "Δ points", "Fine (元)", "Δ fine", "Violations", "Δ", "Rules"),
        (
            (d.subject, f"{plain(d.before.points)} → {plain(d.after.points)}", signed(d.delta("points")),
             f"{plain(d.before.fine)} → {plain(d.after.fine)}", signed(d.delta("fine")),
             f"{d.before.violations} → {d.after.violations}", signed(d.delta("violations")), ", ".join(d.rules))
            for d in result.subjects
        ),
    )
    yield from ("", "## Verdicts", "")
    yield from markdown_table(
        ("Change", "Rule", "Subject", "Case", "Day", "Before", "After"),
        ((c.change.value, c.rule, c.subject, c.case or "", c.on, *diff_summary(c)) for c in result.verdicts),
    )
    if result.scorecards:
        yield from ("", "## Scorecards", "")
        yield from markdown_table(
            ("Scorecard", "Subject", "Period", "Total", "Score", "Eligible", "Rank", "Awards"),
            ((d.scorecard, d.subject, d.period, *card_change(d)) for d in result.scorecards),
        )


def card_change(delta: CardDelta) -> tuple[str, ...]:
    """Each of a card's conclusions as ``before → after`` (— where a report has no card)."""
    def shown(state: CardState | None, name: str) -> str:
        if state is None:
            return "—"
        value = getattr(state, name)
        if isinstance(value, Decimal):
            return plain(value)
        if isinstance(value, tuple):
            return "、".join(value) or "—"
        return "—" if value is None else str(value)

    return tuple(
        f"{shown(delta.before, name)} → {shown(delta.after, name)}"
        for name in ("total", "score", "eligible", "rank", "awards")
    )


def diff_to_csv(result: ReportDiff) -> str:
    """One row per changed verdict, for spreadsheets; then, after an empty line, one per changed scorecard."""
    return render_diff(result, "csv")


def diff_csv_pieces(result: ReportDiff) -> Iterator[str]:
    """:func:`diff_to_csv` row by row."""
    yield csv_line(DIFF_CSV_COLUMNS)
    for c in result.verdicts:
        yield csv_line((c.change.value, c.rule, c.subject, c.case or "", c.on, " ".join(c.fields), *diff_summary(c)))
    if result.scorecards:
        yield "\n"
        yield csv_line(("scorecard", "subject", "period", "total", "score", "eligible", "rank", "awards"))
        for d in result.scorecards:
            yield csv_line((d.scorecard, d.subject, d.period, *card_change(d)))


def render_explanation(story: Explanation, fmt: str) -> str:
    """A subject's story as Markdown or JSON."""
    if fmt == "json":
        return story.model_dump_json(indent=2) + "\n"
    scope = story.period.label if story.period else "all periods"
    lines = [f"# {story.subject} under {story.variant}, {scope} (as of {story.as_of})", ""]
    if story.steps:
        lines += markdown_table(
            ("Day", "Time", "Event", "What"),
            (
                (s.day, s.at.strftime("%H:%M") if s.at else "", s.event or "", s.text)
                for s in story.steps
            ),
        )
    else:
        lines.append("Nothing recorded.")
    t = story.total
    lines += [
        "",
        "## What it adds up to",
        "",
        f"- Violations: {t.violations}; warnings: {t.warnings}",
        f"- Points: {plain(t.points)}",
        f"- Fines: {plain(t.fine)} 元; share of the annual bonus: {plain(t.bonus_share)}",
        f"- Owed to applicants: {plain(t.reimbursement)} 元",
    ]
    if story.cards:
        lines += ["", "## Scorecards", ""]
        for card in story.cards:
            lines += card_arithmetic(card, story.standings)
    return "\n".join(lines).rstrip("\n") + "\n"


def card_arithmetic(card: Card, standings: Iterable[Standing]) -> list[str]:
    """How one card's total was reached, line by line: items from their base, categories, total, eligibility, rank."""
    lines = [f"### {card.title} · {card.period} ({card.rule})", ""]
    for category in card.categories:
        scores = [item.score for item in category.items]
        lines.append(f"- {category.title}{maximum_of(category.maximum)}: {sum_of(scores, category.score)}")
        for item in category.items:
            lines.append(f"  - {item.title}{maximum_of(item.maximum)}: {item_sum(item)}")
            lines += [f"    - {line_text(line)}" for line in item.lines]
    if card.categories:
        lines.append(f"- **Total**: {sum_of([c.score for c in card.categories], card.total)} of {plain(card.maximum)}")
    else:
        parts = " + ".join(f"{p.period} {cell(p.score) or '—'}" for p in card.parts)
        lines.append(f"- **Total**: {parts} = {plain(card.total)} of {plain(card.maximum)}")
    if card.weighted is not None:
        weights = " + ".join(f"{s.assessor} {cell(s.score) or '—'} × {plain(s.weight)}" for s in card.weighted.scores)
        lines.append(f"- Weighted ({card.weighted.rule}): {weights} = {cell(card.weighted.total) or '—'}")
    lines += [f"- {line}" for line in (*standing_of(card, standings), *money_and_notes(card))]
    return [*lines, ""]


def maximum_of(value: Decimal | None) -> str:
    """`` (max 10)`` after a category's or item's title; nothing when it has no maximum."""
    return "" if value is None else f" (max {plain(value)})"


def sum_of(values: Sequence[Decimal], total: Decimal) -> str:
    """``8 + 6 + 4 = 18`` (just the total when there is one value)."""
    return plain(total) if len(values) < 2 else f"{' + '.join(plain(v) for v in values)} = {plain(total)}"


def item_sum(item: ItemCard) -> str:
    """``base 10 − 2 − 2 = 6``: the base and every line that moves the score."""
    moves = [line.points for line in item.lines if line.points]
    if not moves:
        return f"base {plain(item.base)} = {plain(item.score)}"
    steps = " ".join(f"{'+' if p > 0 else '-'} {plain(abs(p))}" for p in moves)
    return f"base {plain(item.base)} {steps} = {plain(item.score)}"


def line_text(line: Line) -> str:
    """One line of an item: its points, where it came from (the verdict's rule, day and case), the table's words."""
    source = " · ".join(str(part) for part in (line.rule, line.on, line.case) if part)
    text = f"{signed(line.points)} {line.kind.value}"
    text += f" [{source}]" if source else ""
    text += f" {line.label}" + (f" ← {line.item}" if line.item else "")
    return f"{text}：{line.explanation}" if line.explanation else text


def standing_of(card: Card, standings: Iterable[Standing]) -> list[str]:
    """Eligibility, what disqualified or barred the card, and its place in each ranking of its period."""
    lines = ["Eligible: yes" if card.eligible else "Eligible: **no**", *withheld(card)]
    for standing in standings:
        if (standing.scorecard, standing.period) != (card.scorecard, card.period):
            continue
        place = f"{standing.award} {standing.period} (top {standing.top} of {len(standing.placings)} ranked)"
        if card.rank is not None:
            won = "awarded" if standing.award in card.awards else "not awarded"
            lines.append(f"Rank {card.rank} in {place}: {won}")
        else:
            why = "ineligible" if card.subject in standing.ineligible else "no score"
            lines.append(f"Not ranked in {place}: {why}")
        if standing.cut_off:
            lines.append(f"Tie at the cut-off: {standing.cut_off}")
    if not card.complete:
        lines.append("The period is not yet over: the card may still change")
    return lines
