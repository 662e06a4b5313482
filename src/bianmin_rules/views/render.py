"""Rendering reports, what-if comparisons and a subject's story as JSON, Markdown or CSV.

Markdown is also readable in a terminal. A story (``explain``) renders as Markdown or
JSON; its Markdown shows how each of the subject's scorecard totals was reached.

Markdown is written for people: its headings, summary lines and table headers are words
of the label catalogue, Chinese by default and English with ``lang="en"``; a verdict's
explanation and a report's notes are written in the same language. JSON and the combined
CSV are for programs: their keys and column ids are stable, and the words they hold
(explanations, notes) are Chinese, as the report has them."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from bianmin_rules.core.formatting import markdown_table, percent, plain, signed
from bianmin_rules.core.report import Report
from bianmin_rules.core.scorecards.cards import Card, ItemCard, Line, Standing
from bianmin_rules.core.verdicts import Measure, Verdict, VerdictKind
from bianmin_rules.core.words import Arg, joined, say
from bianmin_rules.views.explain import Explanation, step_text
from bianmin_rules.views.labels import Words, zh
from bianmin_rules.views.scorecards import CSV_COLUMNS as SCORECARD_COLUMNS
from bianmin_rules.views.scorecards import (
    cell,
    headers,
    money_and_notes,
    scorecards_markdown,
    scorecards_rows,
    withheld,
)
from bianmin_rules.views.whatif import CardDelta, CardState, Change, ReportDiff, VerdictChange

FORMATS = ("markdown", "json", "csv")

CSV_COLUMNS = (
    "on", "rule", "kind", "subject", "case", "window", "staff", "points", "fine", "bonus_share",
    "reimbursement", "sanction", "due", "actual", "days_late", "evidence", "article", "explanation",
    "provisional", "version",
)


def render(report: Report, fmt: str, *, lang: str = "zh") -> str:
    """The report in one of :data:`FORMATS`; Markdown in ``lang`` (``zh`` or ``en``)."""
    return "".join(render_pieces(report, fmt, lang=lang))


def render_pieces(report: Report, fmt: str, *, lang: str = "zh") -> Iterator[str]:
    """The text of :func:`render`, piece by piece, to be written as it comes.

    A large report is written without ever holding its whole text (a year of a county
    centre renders to over 100 MB of JSON): ``stream.writelines(render_pieces(report, fmt))``.
    """
    words = Words(lang)
    if fmt == "markdown":
        return markdown_pieces(report, words)
    return json_pieces(report) if fmt == "json" else csv_pieces(report)


def to_json(report: Report) -> str:
    """The report as indented JSON; :meth:`Report.model_validate_json` reads it back unchanged."""
    return render(report, "json")


def to_markdown(report: Report, *, lang: str = "zh") -> str:
    """The report as Markdown: a summary, totals per subject, the verdicts and their sources, in ``lang``."""
    return render(report, "markdown", lang=lang)


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


def markdown_pieces(report: Report, words: Words | None = None) -> Iterator[str]:
    """:func:`to_markdown` line by line, each with its line break; no blank lines at the end."""
    blank = 0
    for line in markdown_lines(report, words or Words()):
        if not line:
            blank += 1  # held back: only blank lines between text are written
            continue
        yield "\n" * blank + line + "\n"
        blank = 0


def markdown_lines(report: Report, words: Words) -> Iterator[str]:
    """The lines of the Markdown report."""
    violations = sum(v.kind is VerdictKind.VIOLATION for v in report.verdicts)
    warnings = sum(v.kind is VerdictKind.WARNING for v in report.verdicts)
    provisional = (say("暂定日历：是——部分日期所在年份尚无官方节假日安排（CAL-3）") if report.provisional
                   else say("暂定日历：否"))
    yield from (
        "# " + words(say("{variant} 评估报告（评估日 {as_of}）", variant=report.variant, as_of=report.as_of)),
        "",
        "- " + words(say("读入事件：{read}（评估日之后的事件，未计入：{after}）",
                         read=report.events_read, after=report.events_after_as_of)),
        "- " + words(say("判定：{n}（违规 {violations}，提醒 {warnings}）",
                         n=len(report.verdicts), violations=violations, warnings=warnings)),
        "- " + words(provisional),
        "",
        "## " + words(zh("各对象合计")),
        "",
    )
    if priced_by_cards(report):
        yield words(say("说明：{variant} 的判定本身不计分、不罚款，由其考核表计分（见下文考核得分）。",
                        variant=report.variant))
        yield ""
    if report.totals:
        yield from markdown_table(
            headers(words, zh("对象"), zh("违规次数"), zh("提醒次数"), zh("分值合计"), zh("罚款(元)"),
                    zh("年终奖扣减比例"), zh("应赔付申请人(元)")),
            (
                (t.subject, t.violations, t.warnings, plain(t.points), plain(t.fine),
                 plain(t.bonus_share), plain(t.reimbursement))
                for t in report.totals
            ),
        )
    else:
        yield words(zh("无判定。"))
    yield from ("", "## " + words(zh("违规明细")), "")
    if report.verdicts:
        # The day each verdict's rules took effect, for a variant that changes over time (else no column).
        dated = any(v.version is not None for v in report.verdicts)
        yield from markdown_table(
            headers(words, zh("日期"), zh("规则"), zh("类别"), zh("对象"), zh("办件"), zh("分值"), zh("罚款(元)"),
                    *((zh("施行日期"),) if dated else ()), zh("情况说明")),
            (
                (v.on, v.rule, words.code(v.kind.value), v.subject, v.case or "", plain(v.points), plain(v.fine),
                 *((v.version or "",) if dated else ()), words(v.message))
                for v in report.verdicts
            ),
        )
        yield from ("", "## " + words(zh("依据")), "")
        yield from (f"- {rule}: {source}" for rule, source in sources(report.verdicts))
    else:
        yield words(zh("无判定。"))
    if report.note_messages:
        yield from ("", "## " + words(zh("备注")), "", *(f"- {words(note)}" for note in report.note_messages))
    if report.scorecards:
        yield ""
        yield from scorecards_markdown(report.scorecards, report.standings, words)


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
            f"{v.source.document} {v.source.article}", v.explanation, v.provisional, v.version or "",
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


def render_diff(result: ReportDiff, fmt: str, *, lang: str = "zh") -> str:
    """A what-if comparison in one of :data:`FORMATS`; Markdown in ``lang``."""
    return "".join(render_diff_pieces(result, fmt, lang=lang))


def render_diff_pieces(result: ReportDiff, fmt: str, *, lang: str = "zh") -> Iterator[str]:
    """The text of :func:`render_diff`, piece by piece (see :func:`render_pieces`)."""
    if fmt == "markdown":
        return diff_markdown_pieces(result, Words(lang))
    return json_pieces(result) if fmt == "json" else diff_csv_pieces(result)


def diff_to_json(result: ReportDiff) -> str:
    """The comparison as indented JSON."""
    return render_diff(result, "json")


def diff_summary(change: VerdictChange, words: Words | None = None) -> tuple[str, str]:
    """The before and after of one change, in a few words each (an explanation in the language of ``words``)."""
    words = words or Words()
    if change.change is not Change.CHANGED:
        before, after = change.before, change.after
        return (words(before.message) if before else "", words(after.message) if after else "")
    shown = [f for f in change.fields if f not in ("explanation", "deadline", "source")]

    def brief(verdict: Verdict | None) -> str:
        if verdict is None:
            return ""
        parts = [f"{name}={field_text(getattr(verdict, name))}" for name in shown]
        if "deadline" in change.fields and verdict.days_late is not None:
            parts.append(f"days_late={verdict.days_late}")
        return "; ".join(parts) or words(verdict.message)

    return brief(change.before), brief(change.after)


def field_text(value: object) -> str:
    """A verdict's field in a few words: a measure as its rate and fraction."""
    if isinstance(value, Measure):
        return f"{value.name} {percent(value.value)}% ({value.numerator}/{value.denominator})"
    return str(value)


def diff_to_markdown(result: ReportDiff, *, lang: str = "zh") -> str:
    """The comparison as Markdown: totals per subject, then every verdict that changed, in ``lang``."""
    return render_diff(result, "markdown", lang=lang)


def diff_markdown_pieces(result: ReportDiff, words: Words | None = None) -> Iterator[str]:
    """:func:`diff_to_markdown` line by line, each with its line break."""
    return (line + "\n" for line in diff_markdown_lines(result, words or Words()))


def diff_markdown_lines(result: ReportDiff, words: Words) -> Iterator[str]:
    """The lines of the Markdown comparison."""
    yield from ("# " + words(say("假设比较：{before} → {after}（评估日 {as_of}）",
                                 before=result.before, after=result.after, as_of=result.as_of)), "")
    if result.empty:
        yield words(zh("无差异。"))
        return
    yield from ("## " + words(zh("对象变化")), "")
    yield from markdown_table(
        headers(words, zh("对象"), zh("分值合计"), zh("分值变化"), zh("罚款(元)"), zh("罚款变化"), zh("违规次数"),
                zh("变化"), zh("涉及规则")),
        (
            (d.subject, f"{plain(d.before.points)} → {plain(d.after.points)}", signed(d.delta("points")),
             f"{plain(d.before.fine)} → {plain(d.after.fine)}", signed(d.delta("fine")),
             f"{d.before.violations} → {d.after.violations}", signed(d.delta("violations")), ", ".join(d.rules))
            for d in result.subjects
        ),
    )
    yield from ("", "## " + words(zh("违规变化")), "")
    yield from markdown_table(
        headers(words, zh("变化"), zh("规则"), zh("对象"), zh("办件"), zh("日期"), zh("原结论"), zh("新结论")),
        ((words.code(c.change.value), c.rule, c.subject, c.case or "", c.on, *diff_summary(c, words))
         for c in result.verdicts),
    )
    if result.scorecards:
        yield from ("", "## " + words(zh("考核变化")), "")
        yield from markdown_table(
            headers(words, zh("考核表"), zh("对象"), zh("期间"), zh("得分"), zh("排名得分"), zh("评优资格"),
                    zh("名次"), zh("奖项")),
            ((d.scorecard, d.subject, d.period, *card_change(d, words)) for d in result.scorecards),
        )


def card_change(delta: CardDelta, words: Words | None = None) -> tuple[str, ...]:
    """Each of a card's conclusions as ``before → after`` (— where a report has no card); eligibility and
    awards in the language of ``words`` when given, else as the data has them."""
    def shown(state: CardState | None, name: str) -> str:
        if state is None:
            return "—"
        value = getattr(state, name)
        if isinstance(value, Decimal):
            return plain(value)
        if isinstance(value, tuple):
            return (words(joined(value)) if words else "、".join(value)) or "—"
        if isinstance(value, bool) and words:
            return words.yes_no(value)
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


def render_explanation(story: Explanation, fmt: str, *, lang: str = "zh") -> str:
    """A subject's story as Markdown (in ``lang``) or JSON."""
    if fmt == "json":
        return story.model_dump_json(indent=2) + "\n"
    words = Words(lang)
    scope = story.period.label if story.period else words(zh("全部期间"))
    lines = ["# " + words(say("{subject}（{variant}，{scope}，评估日 {as_of}）", subject=str(story.subject),
                               variant=story.variant, scope=scope, as_of=story.as_of)), ""]
    if story.steps:
        lines += markdown_table(
            headers(words, zh("日期"), zh("时间"), zh("事件"), zh("经过")),
            (
                (s.day, s.at.strftime("%H:%M") if s.at else "", s.event or "", step_text(s, words))
                for s in story.steps
            ),
        )
    else:
        lines.append(words(zh("无记录。")))
    t = story.total
    lines += [
        "",
        "## " + words(zh("累计")),
        "",
        "- " + words(say("违规：{violations}；提醒：{warnings}", violations=t.violations, warnings=t.warnings)),
        "- " + words(say("分值：{points}", points=t.points)),
        "- " + words(say("罚款：{fine} 元；年终奖扣减比例：{share}", fine=t.fine, share=t.bonus_share)),
        "- " + words(say("应赔付申请人：{yuan} 元", yuan=t.reimbursement)),
    ]
    if story.cards:
        lines += ["", "## " + words(zh("考核得分")), ""]
        for card in story.cards:
            lines += card_arithmetic(card, story.standings, words)
    return "\n".join(lines).rstrip("\n") + "\n"


def card_arithmetic(card: Card, standings: Iterable[Standing], words: Words | None = None) -> list[str]:
    """How one card's total was reached, line by line: items from their base, categories, total, eligibility, rank."""
    words = words or Words()
    version = "" if card.version is None else " · " + words(say("按{day}起施行的考核表", day=card.version))
    lines = [f"### {card.title} · {card.period}" + words(say("（{rule}）", rule=card.rule)) + version, ""]

    def scored(title: str, maximum: Decimal | None, worked: str) -> str:
        if maximum is None:
            return words(say("{title}：{worked}", title=title, worked=worked))
        return words(say("{title}（满分{maximum}）：{worked}", title=title, maximum=maximum, worked=worked))

    for category in card.categories:
        scores = [item.score for item in category.items]
        lines.append("- " + scored(category.title, category.maximum, sum_of(scores, category.score)))
        for item in category.items:
            lines.append("  - " + scored(item.title, item.maximum, item_sum(item, words)))
            lines += [f"    - {line_text(line, words)}" for line in item.lines]
    if card.categories:
        worked = sum_of([c.score for c in card.categories], card.total)
    else:
        worked = " + ".join(f"{p.period} {cell(p.score) or '—'}" for p in card.parts) + f" = {plain(card.total)}"
    lines.append("- " + words(say("**合计**：{worked}，满分{maximum}", worked=worked, maximum=card.maximum)))
    if card.weighted is not None:
        weights = " + ".join(f"{s.assessor} {cell(s.score) or '—'} × {plain(s.weight)}" for s in card.weighted.scores)
        lines.append("- " + words(say("加权（{rule}）：{weights} = {total}", rule=card.weighted.rule, weights=weights,
                                      total=cell(card.weighted.total) or "—")))
    lines += [f"- {line}" for line in (*standing_of(card, standings, words), *money_and_notes(card, words))]
    return [*lines, ""]


def sum_of(values: Sequence[Decimal], total: Decimal) -> str:
    """``8 + 6 + 4 = 18`` (just the total when there is one value)."""
    return plain(total) if len(values) < 2 else f"{' + '.join(plain(v) for v in values)} = {plain(total)}"


def item_sum(item: ItemCard, words: Words | None = None) -> str:
    """``基础分 10 - 2 - 2 = 6``: the base and every line that moves the score."""
    moves = [line.points for line in item.lines if line.points]
    steps = "".join(f" {'+' if p > 0 else '-'} {plain(abs(p))}" for p in moves)
    return (words or Words())(say("基础分 {base}{steps} = {score}", base=item.base, steps=steps, score=item.score))


def line_text(line: Line, words: Words | None = None) -> str:
    """One line of an item: its points, where it came from (the verdict's rule, day and case), the table's words."""
    words = words or Words()
    source = " · ".join(str(part) for part in (line.rule, line.on, line.case) if part)
    text = f"{signed(line.points)} {words.code(line.kind.value)}"
    text += f" [{source}]" if source else ""
    text += f" {words(line.label)}" + (f" ← {line.item}" if line.item else "")
    return f"{text}：{words(line.message)}" if line.explanation else text


def standing_of(card: Card, standings: Iterable[Standing], words: Words | None = None) -> list[str]:
    """Eligibility, what disqualified or barred the card, and its place in each ranking of its period."""
    words = words or Words()
    lines = [words(say("评优资格：有") if card.eligible else say("评优资格：**无**")), *withheld(card, words)]
    for standing in standings:
        if (standing.scorecard, standing.period) != (card.scorecard, card.period):
            continue
        place: dict[str, Arg] = {
            "award": standing.award, "period": str(standing.period), "top": standing.top,
            "ranked": len(standing.placings),
        }
        if card.rank is not None:
            won = say("获奖") if standing.award in card.awards else say("未获奖")
            lines.append(words(say("{award} {period}（前{top}名，{ranked}个对象参加排名）第{rank}名：{won}",
                                   rank=card.rank, won=won, **place)))
        else:
            why = say("无评优资格") if card.subject in standing.ineligible else say("无得分")
            lines.append(words(say("未参加{award} {period} 排名（前{top}名，{ranked}个对象参加排名）：{why}",
                                   why=why, **place)))
        if standing.cut_off:
            lines.append(words(say("末位并列：{cut_off}", cut_off=standing.cut_off)))
    if not card.complete:
        lines.append(words(zh("期间尚未结束：得分仍可能变化")))
    return lines
