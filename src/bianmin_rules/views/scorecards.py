"""Scorecards and rankings as Markdown (readable in a terminal too) and as CSV rows for spreadsheets.

Markdown shows, per card, every category and item with its maximum, base and score, and
under each item one row per line: the points, the verdict's rule, day and case, and the
words of the table. CSV has one row per item, per line and per card total, each row
repeating the card's total, eligibility, rank and awards so that a spreadsheet filter
keeps its context.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from bianmin_rules.core.formatting import markdown_table, plain, signed
from bianmin_rules.core.scorecards.cards import Card, ItemCard, Line, LineKind, Standing

CSV_COLUMNS = (
    "scorecard", "period", "subject", "category", "item", "entry", "maximum", "base", "points", "score", "rule",
    "on", "case", "evidence", "explanation", "total", "eligible", "rank", "awards",
)


def cell(value: Decimal | None) -> str:
    """A number for a table cell (empty for none)."""
    return "" if value is None else plain(value)


COMPUTED = (LineKind.BAND, LineKind.RATE, LineKind.MISSING, LineKind.CLAMP, LineKind.OVERFLOW_OUT, LineKind.OVERFLOW_IN)
"""Lines whose computation is shown in full (a verdict's own explanation is in the verdicts section)."""


def line_source(line: Line) -> str:
    """Where a line came from, in a few words, with the computation where there is one."""
    where = " ".join(str(part) for part in (line.rule, line.on, line.case, line.item and f"←{line.item}") if part)
    text = f"{where}：{line.label}" if where else line.label
    return f"{text}——{line.explanation}" if line.kind in COMPUTED and line.explanation else text


def headline(card: Card) -> str:
    """The card's total, eligibility, rank and awards in one line."""
    parts = [f"Total **{plain(card.total)}** / {plain(card.maximum)}"]
    if card.weighted is not None:
        weights = "; ".join(f"{s.assessor} {cell(s.score) or '—'} × {plain(s.weight)}" for s in card.weighted.scores)
        parts.append(f"weighted ({card.weighted.rule}) **{cell(card.weighted.total) or '—'}** = {weights}")
    parts.append("eligible" if card.eligible else "**ineligible**")
    if card.rank is not None:
        parts.append(f"rank {card.rank}")
    parts += [f"award: {award}" for award in card.awards]
    if not card.complete:
        parts.append("period not yet over")
    return " · ".join(parts)


def card_markdown(card: Card) -> list[str]:
    """One card: headline, the table of items (or parts), and what disqualified it."""
    lines = [f"### {card.title} · {card.subject} · {card.period}", "", headline(card), ""]
    if card.categories:
        lines += markdown_table(
            ("Category", "Item", "Max", "Base", "Points", "Source", "Score"),
            [row for category in card.categories for item in category.items for row in item_rows(category.title, item)]
            + [("**Total**", "", plain(card.maximum), "", "", "", f"**{plain(card.total)}**")],
        )
    else:
        lines += markdown_table(
            ("Part", "Score", "Eligible"),
            [(p.period, cell(p.score) or "—", {True: "yes", False: "no", None: "—"}[p.eligible]) for p in card.parts],
        )
    lines.append("")
    lines += [f"- {text}" for text in (*withheld(card), *money_and_notes(card))]
    return [*lines, ""]


def withheld(card: Card) -> list[str]:
    """What the card loses besides points: each disqualification and each grade it cannot get, with why."""
    return [
        *(f"Disqualified ({d.rule}) {d.text}: {d.because}" for d in card.disqualified),
        *(f"Cannot be graded {b.grade} ({b.rule}): {b.because}" for b in card.barred),
    ]


def money_and_notes(card: Card) -> list[str]:
    """The money charged to the subject, apart from points (SC-9), when there is any; then the card's notes."""
    money = card.money
    lines = []
    if money.fine or money.bonus_share or money.reimbursement:
        lines.append(
            f"Money, apart from points (SC-9): fines {plain(money.fine)} 元, bonus share {plain(money.bonus_share)}, "
            f"owed to applicants {plain(money.reimbursement)} 元"
        )
    return [*lines, *(f"Note: {note}" for note in card.notes)]


def item_rows(category: str, item: ItemCard) -> Iterator[tuple[object, ...]]:
    """The item's row, then one row per line under it."""
    yield (category, item.title, cell(item.maximum), plain(item.base), "", "", plain(item.score))
    for line in item.lines:
        yield ("", "", "", "", signed(line.points), line_source(line), "")


def standing_markdown(standing: Standing) -> list[str]:
    """One ranking: the order, the winners, who was not ranked and any tie at the cut-off."""
    lines = [
        f"### {standing.award} · {standing.scorecard} · {standing.period} (top {standing.top}, {standing.rule})", "",
    ]
    if standing.placings:
        lines += markdown_table(
            ("Rank", "Subject", "Score", "Award"),
            [(p.rank, p.subject, plain(p.score), standing.award if p.awarded else "") for p in standing.placings],
        )
    else:
        lines.append("No eligible subject with a score: no award.")
    lines.append("")
    if standing.ineligible:
        lines.append(f"- Ineligible, not ranked: {', '.join(str(s) for s in standing.ineligible)}")
    if standing.unscored:
        lines.append(f"- No score, not ranked: {', '.join(str(s) for s in standing.unscored)}")
    lines.append(f"- Tie-break: {' > '.join(standing.tie_break)}")
    if standing.cut_off:
        lines.append(f"- Tie at the cut-off: {standing.cut_off}")
    return [*lines, ""]


def scorecards_markdown(cards: Sequence[Card], standings: Sequence[Standing]) -> Iterator[str]:
    """The scorecards and rankings sections of a report, line by line."""
    if not cards:
        return
    yield from ("## Scorecards", "")
    for card in cards:
        yield from card_markdown(card)
    if standings:
        yield from ("## Rankings", "")
        for standing in standings:
            yield from standing_markdown(standing)


def scorecards_rows(cards: Iterable[Card], standings: Iterable[Standing]) -> Iterator[tuple[object, ...]]:
    """CSV rows: per card its items and lines (or parts), its total, and each ranking's cut-off note."""
    for card in cards:
        context = (plain(card.total), card.eligible, card.rank or "", " ".join(card.awards))
        head = (card.scorecard, card.period, card.subject)
        for category in card.categories:
            for item in category.items:
                yield (*head, category.title, item.title, "item", cell(item.maximum), plain(item.base), "",
                       plain(item.score), "", "", "", "", "", *context)
                for line in item.lines:
                    yield (*head, category.title, item.title, line.kind.value, "", "", plain(line.points), "",
                           line.rule or "", line.on or "", line.case or "", " ".join(line.evidence),
                           f"{line.label}：{line.explanation}" if line.explanation else line.label, *context)
        for part in card.parts:
            yield (*head, "", "", "part", "", "", "", cell(part.score), "", part.period, "", "", "", *context)
        why = "; ".join([
            *(f"{d.text}：{d.because}" for d in card.disqualified),
            *(f"不能评为{b.grade}：{b.because}" for b in card.barred),
        ])
        yield (*head, "", "", "total", plain(card.maximum), "", "", plain(card.total), card.rule, "", "", "", why,
               *context)
    for standing in standings:
        if standing.cut_off:
            yield (standing.scorecard, standing.period, "", "", "", "ranking", "", "", "", "", standing.rule, "", "",
                   "", standing.cut_off, "", "", "", standing.award)
