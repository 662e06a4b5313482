"""Scorecards and rankings as Markdown (readable in a terminal too) and as CSV rows for spreadsheets.

Markdown is in the reader's language (Chinese by default; see :mod:`bianmin_rules.views.labels`).

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
from bianmin_rules.core.words import joined, say
from bianmin_rules.views.labels import Words, zh

CSV_COLUMNS = (
    "scorecard", "period", "subject", "category", "item", "entry", "maximum", "base", "points", "score", "rule",
    "on", "case", "evidence", "explanation", "total", "eligible", "rank", "awards", "version",
)


def cell(value: Decimal | None) -> str:
    """A number for a table cell (empty for none)."""
    return "" if value is None else plain(value)


COMPUTED = (LineKind.BAND, LineKind.RATE, LineKind.MISSING, LineKind.CLAMP, LineKind.OVERFLOW_OUT, LineKind.OVERFLOW_IN)
"""Lines whose computation is shown in full (a verdict's own explanation is in the verdicts section)."""


def line_source(line: Line, words: Words | None = None) -> str:
    """Where a line came from, in a few words, with the computation where there is one."""
    words = words or Words()
    where = " ".join(str(part) for part in (line.rule, line.on, line.case, line.item and f"←{line.item}") if part)
    label = words(line.label)
    text = f"{where}：{label}" if where else label
    return f"{text}——{words(line.message)}" if line.kind in COMPUTED and line.explanation else text


def headers(words: Words, *labels: str) -> tuple[str, ...]:
    """A table's header row in the language of ``words``."""
    return tuple(map(words, labels))


def headline(card: Card, words: Words | None = None) -> str:
    """The card's total, eligibility, rank and awards in one line."""
    words = words or Words()
    parts = [words(say("得分 **{total}** / {maximum}", total=card.total, maximum=card.maximum))]
    if card.weighted is not None:
        weights = "; ".join(f"{s.assessor} {cell(s.score) or '—'} × {plain(s.weight)}" for s in card.weighted.scores)
        parts.append(words(say("加权（{rule}）**{total}** = {weights}", rule=card.weighted.rule,
                               total=cell(card.weighted.total) or "—", weights=weights)))
    parts.append(words(zh("有评优资格") if card.eligible else zh("**无评优资格**")))
    if card.rank is not None:
        parts.append(words(say("第{rank}名", rank=card.rank)))
    parts += [words(say("奖项：{award}", award=award)) for award in card.awards]
    if not card.complete:
        parts.append(words(zh("期间尚未结束")))
    if card.version is not None:
        parts.append(words(say("按{day}起施行的考核表", day=card.version)))
    return " · ".join(parts)


def card_markdown(card: Card, words: Words | None = None) -> list[str]:
    """One card: headline, the table of items (or parts), and what disqualified it."""
    words = words or Words()
    lines = [f"### {card.title} · {card.subject} · {card.period}", "", headline(card, words), ""]
    if card.categories:
        lines += markdown_table(
            headers(words, zh("考核类别"), zh("考核项目"), zh("满分"), zh("基础分"), zh("加减分"), zh("来源"),
                    zh("得分")),
            [row for category in card.categories for item in category.items
             for row in item_rows(category.title, item, words)]
            + [(f"**{words(zh('合计'))}**", "", plain(card.maximum), "", "", "", f"**{plain(card.total)}**")],
        )
    else:
        lines += markdown_table(
            headers(words, zh("分期"), zh("得分"), zh("评优资格")),
            [(p.period, cell(p.score) or "—", "—" if p.eligible is None else words.yes_no(p.eligible))
             for p in card.parts],
        )
    lines.append("")
    lines += [f"- {text}" for text in (*withheld(card, words), *money_and_notes(card, words))]
    return [*lines, ""]


def withheld(card: Card, words: Words | None = None) -> list[str]:
    """What the card loses besides points: each disqualification and each grade it cannot get, with why."""
    words = words or Words()
    return [
        *(words(say("取消资格（{rule}）{text}：{because}", rule=d.rule, text=d.text, because=d.message))
          for d in card.disqualified),
        *(words(say("不能评为{grade}（{rule}）：{because}", grade=b.grade, rule=b.rule, because=b.message))
          for b in card.barred),
    ]


def money_and_notes(card: Card, words: Words | None = None) -> list[str]:
    """The money charged to the subject, apart from points (SC-9), when there is any; then the card's notes."""
    words = words or Words()
    money = card.money
    lines = []
    if money.fine or money.bonus_share or money.reimbursement:
        lines.append(words(say(
            "扣款，与分值分列（SC-9）：罚款 {fine} 元，年终奖扣减比例 {share}，应赔付申请人 {yuan} 元",
            fine=money.fine, share=money.bonus_share, yuan=money.reimbursement,
        )))
    return [*lines, *(words(say("备注：{note}", note=note)) for note in card.notes)]


def item_rows(category: str, item: ItemCard, words: Words | None = None) -> Iterator[tuple[object, ...]]:
    """The item's row, then one row per line under it."""
    yield (category, item.title, cell(item.maximum), plain(item.base), "", "", plain(item.score))
    for line in item.lines:
        yield ("", "", "", "", signed(line.points), line_source(line, words), "")


def standing_markdown(standing: Standing, words: Words | None = None) -> list[str]:
    """One ranking: the order, the winners, who was not ranked and any tie at the cut-off."""
    words = words or Words()
    lines = [
        f"### {standing.award} · {standing.scorecard} · {standing.period}"
        + words(say("（前{top}名，{rule}）", top=standing.top, rule=standing.rule)), "",
    ]
    if standing.placings:
        lines += markdown_table(
            headers(words, zh("名次"), zh("对象"), zh("排名得分"), zh("奖项")),
            [(p.rank, p.subject, plain(p.score), standing.award if p.awarded else "") for p in standing.placings],
        )
    else:
        lines.append(words(zh("没有有得分且有评优资格的对象：不评奖。")))
    lines.append("")
    if standing.ineligible:
        lines.append("- " + words(say("无评优资格，不参加排名：{subjects}",
                                      subjects=joined(str(s) for s in standing.ineligible))))
    if standing.unscored:
        lines.append("- " + words(say("无得分，不参加排名：{subjects}",
                                      subjects=joined(str(s) for s in standing.unscored))))
    lines.append("- " + words(say("同分时依次比较：{order}", order=" > ".join(standing.tie_break))))
    if standing.cut_off:
        lines.append("- " + words(say("末位并列：{cut_off}", cut_off=standing.cut_off)))
    return [*lines, ""]


def scorecards_markdown(
    cards: Sequence[Card], standings: Sequence[Standing], words: Words | None = None,
) -> Iterator[str]:
    """The scorecards and rankings sections of a report, line by line."""
    if not cards:
        return
    words = words or Words()
    yield from ("## " + words(zh("考核得分")), "")
    for card in cards:
        yield from card_markdown(card, words)
    if standings:
        yield from ("## " + words(zh("排名")), "")
        for standing in standings:
            yield from standing_markdown(standing, words)


def scorecards_rows(cards: Iterable[Card], standings: Iterable[Standing]) -> Iterator[tuple[object, ...]]:
    """CSV rows: per card its items and lines (or parts), its total, and each ranking's cut-off note."""
    for card in cards:
        context = (plain(card.total), card.eligible, card.rank or "", " ".join(card.awards), card.version or "")
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
                   "", standing.cut_off, "", "", "", standing.award, "")
