"""A report, a comparison or a story as named tables of typed rows: the one shape every tabular view reads.

The CSV files for Excel, the workbook, the HTML report and the Parquet output of a batch
all read these tables, so that a column means the same thing, has the same type and the
same header wherever it appears. A table has a stable id (``verdicts``), a title for
people (a sheet's name, 违规明细) and columns; a column has a stable id (``points``), a
:class:`ColumnType` and a header for people. Titles and headers are Chinese words of the
label catalogue (:mod:`bianmin_rules.views.labels`), shown in English on request.

Rows are plain tuples in column order, made as they are read (:meth:`Table.rows`): a
table of a large report is never held whole. A cell is ``None`` (empty) or a value of
its column's type: ``str``, ``int``, :class:`~decimal.Decimal` (points and money, exact),
:class:`~datetime.date` or ``bool``. A ``code`` column holds a code (``violation``,
``staff``) or a catalogue word, which a view shows as a word in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bianmin_rules.core.agenda import Agenda, AgendaItem, Horizon, Tally
from bianmin_rules.core.calendar import DEFAULT_OFFICE_HOURS
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.report import Report
from bianmin_rules.core.scorecards.cards import Card, Standing
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Subject, Verdict
from bianmin_rules.core.words import Arg, Message, as_message, joined, say, word
from bianmin_rules.views.explain import Explanation, StoryStep, verdict_line
from bianmin_rules.views.labels import Words, zh
from bianmin_rules.views.render import diff_summary
from bianmin_rules.views.whatif import CardState, Change, ReportDiff, SubjectDelta

Cell = str | int | Decimal | date | bool | Message | None
"""One value of a row (a :class:`~bianmin_rules.core.words.Message` is words, written in the reader's language)."""

Row = tuple[Cell, ...]
"""One row, in the order of its table's columns."""


class ColumnType(StrEnum):
    """What a column holds."""

    TEXT = "text"
    """Free text: ids, explanations, articles."""
    CODE = "code"
    """A code (``violation``, ``staff``) or a catalogue word, shown as a word in the reader's language."""
    INT = "int"
    """A count, a rank, days."""
    DECIMAL = "decimal"
    """Points, yuan, shares: exact decimals."""
    DATE = "date"
    """A calendar day."""
    BOOL = "bool"
    """Yes or no."""


NUMERIC = frozenset({ColumnType.INT, ColumnType.DECIMAL})
"""The column types a spreadsheet reads as numbers."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: a stable id, its type and its header (a Chinese word of the catalogue).

    ``qualifier``, another word of the catalogue, follows the header: a comparison's
    分值合计 before, after and changed are one header with three qualifiers.
    """

    id: str
    type: ColumnType
    header: str
    qualifier: str | None = None

    def heading(self, words: Words) -> str:
        """The header (and qualifier) in the language of ``words``."""
        return words(self.header) + (words(self.qualifier) if self.qualifier else "")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What a table is, without its rows: an id, a title for people and the columns."""

    id: str
    title: str
    columns: tuple[Column, ...]

    @property
    def column_ids(self) -> tuple[str, ...]:
        """The ids of the columns, in order."""
        return tuple(column.id for column in self.columns)


@dataclass(frozen=True, slots=True)
class Table:
    """A table with its rows: :meth:`rows` makes them afresh, one at a time, each time it is called."""

    spec: TableSpec
    source: Callable[[], Iterator[Row]]

    def rows(self) -> Iterator[Row]:
        """The rows, in order, made as they are read."""
        return self.source()


def cell_text(cell: Cell, column: Column, words: Words) -> str:
    """A cell as text for people: a number as the tables write it, a day as ISO, a code or yes/no as a word."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return words.yes_no(cell)
    if isinstance(cell, Decimal):
        return plain(cell)
    if isinstance(cell, Message):
        return words(cell)
    if column.type is ColumnType.CODE:
        return words.code(str(cell))
    return cell.isoformat() if isinstance(cell, date) else str(cell)


def listed(items: Sequence[Arg]) -> Message | None:
    """A list in one cell, ``、`` between its items in Chinese (``, `` in English); None for no items."""
    return as_message(joined(items)) if items else None


def _columns(*columns: tuple[str, ColumnType, str] | Column) -> tuple[Column, ...]:
    return tuple(column if isinstance(column, Column) else Column(*column) for column in columns)


T, K, N, D, DAY, B = (ColumnType.TEXT, ColumnType.CODE, ColumnType.INT, ColumnType.DECIMAL, ColumnType.DATE,
                      ColumnType.BOOL)

SUBJECT = (("subject_kind", K, zh("对象类别")), ("subject", T, zh("对象")))
MONEY = (
    ("fine", D, zh("罚款(元)")),
    ("bonus_share", D, zh("年终奖扣减比例")),
    ("reimbursement", D, zh("应赔付申请人(元)")),
)

VERDICTS = TableSpec("verdicts", zh("违规明细"), _columns(
    ("on", DAY, zh("日期")),
    ("rule", T, zh("规则")),
    ("kind", K, zh("类别")),
    *SUBJECT,
    ("case", T, zh("办件")),
    ("window", T, zh("窗口")),
    ("staff", T, zh("工作人员")),
    ("points", D, zh("分值")),
    *MONEY,
    ("sanction", T, zh("处理")),
    ("due", DAY, zh("届满日")),
    ("actual", DAY, zh("实际日期")),
    ("days_late", N, zh("逾期")),
    ("late_unit", K, zh("逾期单位")),
    ("evidence", T, zh("依据事件")),
    ("document", T, zh("制度文件")),
    ("article", T, zh("条款")),
    ("explanation", T, zh("情况说明")),
    ("provisional", B, zh("暂定日历")),
    ("version", DAY, zh("施行日期")),
))
"""Every verdict of a report, one row each, in report order; ``version``: the day its rules took effect."""

TOTALS = TableSpec("totals", zh("汇总"), _columns(
    *SUBJECT,
    ("violations", N, zh("违规次数")),
    ("warnings", N, zh("提醒次数")),
    ("points", D, zh("分值合计")),
    *MONEY,
))
"""What each subject accumulated: counts, points and money apart (SC-9)."""

CARDS = TableSpec("cards", zh("考核得分"), _columns(
    ("scorecard", T, zh("考核表")),
    ("title", T, zh("考核表名称")),
    ("period", T, zh("期间")),
    *SUBJECT,
    ("maximum", D, zh("满分")),
    ("total", D, zh("得分")),
    ("score", D, zh("排名得分")),
    ("eligible", B, zh("评优资格")),
    ("rank", N, zh("名次")),
    ("awards", T, zh("奖项")),
    ("complete", B, zh("期间已结束")),
    *MONEY,
    ("withheld", T, zh("取消资格或不得评优原因")),
    ("rule", T, zh("规则")),
    ("version", DAY, zh("施行日期")),
))
"""One row per scorecard: a table's result for one subject and period; ``version``: the day its table took effect."""

CARD_LINES = TableSpec("card_lines", zh("考核明细"), _columns(
    ("scorecard", T, zh("考核表")),
    ("period", T, zh("期间")),
    *SUBJECT,
    ("category", T, zh("考核类别")),
    ("item", T, zh("考核项目")),
    ("entry", K, zh("条目")),
    ("maximum", D, zh("满分")),
    ("base", D, zh("基础分")),
    ("points", D, zh("加减分")),
    ("score", D, zh("得分")),
    ("rule", T, zh("规则")),
    ("on", DAY, zh("日期")),
    ("case", T, zh("办件")),
    ("evidence", T, zh("依据事件")),
    ("explanation", T, zh("情况说明")),
))
"""How every card was reached: per item its row and one row per line under it, per part its score, the total."""

STANDINGS = TableSpec("standings", zh("排名"), _columns(
    ("scorecard", T, zh("考核表")),
    ("award", T, zh("奖项")),
    ("period", T, zh("期间")),
    ("rank", N, zh("名次")),
    *SUBJECT,
    ("score", D, zh("排名得分")),
    ("status", K, zh("状态")),
    ("awarded", B, zh("获奖")),
    ("top", N, zh("名额")),
    ("cut_off", T, zh("并列说明")),
    ("rule", T, zh("规则")),
))
"""Every ranking: the placings in order, then who was not ranked and why (SC-8)."""

ABOUT = TableSpec("about", zh("说明"), _columns(
    ("item", K, zh("项目")),
    ("value", K, zh("内容")),
))
"""What the report rests on: variant, source document, day of evaluation, provisional days, placeholders, notes."""

REPORT_TABLES = (TOTALS, VERDICTS, CARDS, CARD_LINES, STANDINGS, ABOUT)
"""The tables of a report, in the order a workbook shows them."""


def report_tables(report: Report, variant: Variant | None = None) -> tuple[Table, ...]:
    """The tables of a report (:data:`REPORT_TABLES`); ``variant`` adds its title, source and placeholders."""
    return (
        Table(TOTALS, lambda: total_rows(report)),
        Table(VERDICTS, lambda: map(verdict_row, report.verdicts)),
        Table(CARDS, lambda: map(card_row, report.scorecards)),
        Table(CARD_LINES, lambda: card_line_rows(report.scorecards)),
        Table(STANDINGS, lambda: standing_rows(report.standings)),
        Table(ABOUT, lambda: about_rows(report, variant)),
    )


def subject_cells(subject: Subject) -> tuple[str, str]:
    """A subject as its two cells: its kind (a code) and its id."""
    return (subject.kind.value, subject.id)


def verdict_row(v: Verdict) -> Row:
    """One verdict as a row of :data:`VERDICTS`."""
    deadline = v.deadline
    return (
        v.on, v.rule, v.kind.value, *subject_cells(v.subject), v.case, v.window, v.staff,
        v.points, v.fine, v.bonus_share, v.reimbursement, v.sanction.tier if v.sanction else None, v.due, v.actual,
        deadline.days_late if deadline else None, deadline.late_unit.value if deadline else None,
        " ".join(v.evidence) or None, v.source.document, v.source.article, v.message, v.provisional, v.version,
    )


def total_rows(report: Report) -> Iterator[Row]:
    """Each subject's totals as a row of :data:`TOTALS`."""
    for t in report.totals:
        yield (*subject_cells(t.subject), t.violations, t.warnings, t.points, t.fine, t.bonus_share, t.reimbursement)


def withheld_text(card: Card) -> Message | None:
    """What disqualified the card and which grades it cannot get, with the rule and why (none when nothing)."""
    reasons = [
        *(say("{text}（{rule}）：{because}", text=d.text, rule=d.rule, because=d.message) for d in card.disqualified),
        *(say("不能评为{grade}（{rule}）：{because}", grade=b.grade, rule=b.rule, because=b.message)
          for b in card.barred),
    ]
    return as_message(joined(reasons, zh("；"))) if reasons else None


def card_row(card: Card) -> Row:
    """One card as a row of :data:`CARDS`."""
    money = card.money
    return (
        card.scorecard, card.title, card.period.label, *subject_cells(card.subject), card.maximum, card.total,
        card.score, card.eligible, card.rank, listed(card.awards), card.complete,
        money.fine, money.bonus_share, money.reimbursement, withheld_text(card), card.rule, card.version,
    )


def card_line_rows(cards: Iterable[Card]) -> Iterator[Row]:
    """Rows of :data:`CARD_LINES`: per card its items and their lines (or its parts), then its total."""
    for card in cards:
        head = (card.scorecard, card.period.label, *subject_cells(card.subject))
        for category in card.categories:
            for item in category.items:
                yield (*head, category.title, item.title, "item", item.maximum, item.base, None, item.score,
                       None, None, None, None, None)
                for line in item.lines:
                    text = (say("{label}：{explanation}", label=word(line.label), explanation=line.message)
                            if line.explanation else word(line.label))
                    yield (*head, category.title, item.title, line.kind.value, None, None, line.points, None,
                           line.rule, line.on, line.case, " ".join(line.evidence) or None, text)
        for part in card.parts:
            yield (*head, None, None, "part", None, None, None, part.score, None, part.period.start, None, None,
                   part.period.label)
        yield (*head, None, None, "total", card.maximum, None, None, card.total, card.rule, None, None, None,
               withheld_text(card))


def standing_rows(standings: Iterable[Standing]) -> Iterator[Row]:
    """Rows of :data:`STANDINGS`: each ranking's placings, then its ineligible and unscored subjects."""
    for s in standings:
        head = (s.scorecard, s.award, s.period.label)
        tail = (s.top, s.cut_off, s.rule)
        for p in s.placings:
            yield (*head, p.rank, *subject_cells(p.subject), p.score, "ranked", p.awarded, *tail)
        for status, subjects in (("ineligible", s.ineligible), ("unscored", s.unscored)):
            for subject in subjects:
                yield (*head, None, *subject_cells(subject), None, status, False, *tail)


def about_rows(report: Report, variant: Variant | None) -> Iterator[Row]:
    """Rows of :data:`ABOUT`: what the report rests on, one fact a row."""
    yield (zh("方案"), report.variant)
    if variant is not None:
        yield (zh("中心"), variant.title)
        yield (zh("依据文件"), source_cell(variant))
        if variant.effective is not None:
            yield (zh("施行日期"), variant.effective.isoformat())
    yield (zh("评估日"), report.as_of.isoformat())
    yield (zh("读入事件"), str(report.events_read))
    yield (zh("评估日之后的事件（未计入）"), str(report.events_after_as_of))
    yield (zh("暂定日历（CAL-3）"), zh("是") if report.provisional else zh("否"))
    days = sorted({v.on for v in report.verdicts if v.provisional})
    if days:
        yield (zh("暂定的日期"), listed(days))
    if variant is not None:
        yield from placeholder_rows(variant)
    for note in report.note_messages:
        yield (zh("备注"), note)


def source_cell(variant: Variant) -> Message:
    """The regulation a variant rests on: its document and section, a colon between them."""
    source = variant.source
    return as_message(joined([part for part in (source.document, source.section) if part], zh("：")))


def placeholder_rows(variant: Variant) -> Iterator[Row]:
    """Where the variant rests on something other than its text: default office hours, accepted lint findings."""
    sessions = (variant.office_hours or DEFAULT_OFFICE_HOURS).sessions
    yield (zh("办公时间"), listed([f"{s.start:%H:%M}–{s.end:%H:%M}" for s in sessions]))
    if variant.office_hours is None:
        yield (zh("占位"), zh("制度未规定办公时间，按程序默认时间计算（CAL-2）"))
    for accepted in variant.lint.accept:
        yield (zh("占位"), say("{key}（{code}）：{reason}", key=accepted.key, code=accepted.code,
                                reason=accepted.reason))


# ---------------------------------------------------------------------------------------
# A comparison of two reports.


BEFORE, AFTER, CHANGE = zh("（原）"), zh("（新）"), zh("（变化）")


def _before_after(name: str, kind: ColumnType, header: str, *, change: bool = True) -> tuple[Column, ...]:
    """The columns of one figure of a comparison: before, after and (for a number) the change."""
    columns = (Column(f"{name}_before", kind, header, BEFORE), Column(f"{name}_after", kind, header, AFTER))
    return (*columns, Column(f"{name}_change", kind, header, CHANGE)) if change else columns


DIFF_SUBJECTS = TableSpec("subjects", zh("对象变化"), _columns(
    *SUBJECT,
    *_before_after("violations", N, zh("违规次数")),
    *_before_after("warnings", N, zh("提醒次数")),
    *_before_after("points", D, zh("分值合计")),
    *_before_after("fine", D, zh("罚款(元)")),
    *_before_after("bonus_share", D, zh("年终奖扣减比例")),
    *_before_after("reimbursement", D, zh("应赔付申请人(元)")),
    ("rules", T, zh("涉及规则")),
))
"""Each subject whose totals move: before, after and change in separate numeric columns."""

DIFF_VERDICTS = TableSpec("verdicts", zh("违规变化"), _columns(
    ("change", K, zh("变化")),
    ("rule", T, zh("规则")),
    *SUBJECT,
    ("case", T, zh("办件")),
    ("on", DAY, zh("日期")),
    ("fields", T, zh("变化字段")),
    *_before_after("points", D, zh("分值")),
    *_before_after("fine", D, zh("罚款(元)")),
    ("before", T, zh("原结论")),
    ("after", T, zh("新结论")),
))
"""Each verdict added, removed or changed."""

DIFF_CARDS = TableSpec("cards", zh("考核变化"), _columns(
    ("scorecard", T, zh("考核表")),
    ("period", T, zh("期间")),
    *SUBJECT,
    *_before_after("total", D, zh("得分")),
    *_before_after("score", D, zh("排名得分")),
    *_before_after("rank", N, zh("名次")),
    *_before_after("eligible", B, zh("评优资格"), change=False),
    *_before_after("awards", T, zh("奖项"), change=False),
))
"""Each scorecard whose total, score, eligibility, rank or awards move."""

DIFF_ABOUT = TableSpec("about", zh("说明"), ABOUT.columns)
"""What the comparison compares: the two variants and the day of evaluation."""

DIFF_TABLES = (DIFF_SUBJECTS, DIFF_VERDICTS, DIFF_CARDS, DIFF_ABOUT)
"""The tables of a comparison, in the order a workbook shows them."""


def figure(before: Cell, after: Cell) -> tuple[Cell, Cell, Cell]:
    """Before, after and the change of one figure (no change when either side has none)."""
    moved: Cell = None
    if isinstance(before, int | Decimal) and isinstance(after, int | Decimal):
        moved = after - before
    return (before, after, moved)


def diff_tables(result: ReportDiff) -> tuple[Table, ...]:
    """The tables of a comparison (:data:`DIFF_TABLES`)."""
    return (
        Table(DIFF_SUBJECTS, lambda: map(subject_delta_row, result.subjects)),
        Table(DIFF_VERDICTS, lambda: verdict_change_rows(result)),
        Table(DIFF_CARDS, lambda: card_delta_rows(result)),
        Table(DIFF_ABOUT, lambda: diff_about_rows(result)),
    )


def subject_delta_row(d: SubjectDelta) -> Row:
    """One subject's move as a row of :data:`DIFF_SUBJECTS`."""
    cells: list[Cell] = [*subject_cells(d.subject)]
    for name in ("violations", "warnings", "points", "fine", "bonus_share", "reimbursement"):
        cells += figure(getattr(d.before, name), getattr(d.after, name))
    return (*cells, listed(d.rules))


def verdict_change_rows(result: ReportDiff) -> Iterator[Row]:
    """Rows of :data:`DIFF_VERDICTS`."""
    for c in result.verdicts:
        before, after = c.before, c.after
        summary: tuple[Cell, Cell] = diff_summary(c)
        if c.change is not Change.CHANGED:  # a verdict added or removed: its words, in the reader's language
            summary = (before.message if before else None, after.message if after else None)
        yield (
            c.change.value, c.rule, *subject_cells(c.subject), c.case, c.on, " ".join(c.fields) or None,
            *figure(before.points if before else None, after.points if after else None),
            *figure(before.fine if before else None, after.fine if after else None),
            summary[0] or None, summary[1] or None,
        )


def state_cell(state: CardState | None, name: str) -> Cell:
    """One conclusion of a card in a comparison: none where the report has no card; awards joined."""
    value = None if state is None else getattr(state, name)
    if isinstance(value, tuple):
        return listed(value)
    return value


def card_delta_rows(result: ReportDiff) -> Iterator[Row]:
    """Rows of :data:`DIFF_CARDS`."""
    for d in result.scorecards:
        cells: list[Cell] = [d.scorecard, d.period.label, *subject_cells(d.subject)]
        for name in ("total", "score", "rank"):
            cells += figure(state_cell(d.before, name), state_cell(d.after, name))
        for name in ("eligible", "awards"):
            cells += (state_cell(d.before, name), state_cell(d.after, name))
        yield tuple(cells)


def diff_about_rows(result: ReportDiff) -> Iterator[Row]:
    """Rows of :data:`DIFF_ABOUT`."""
    yield (zh("原方案"), result.before)
    yield (zh("新方案"), result.after)
    yield (zh("评估日"), result.as_of.isoformat())
    yield (zh("变化的判定"), str(len(result.verdicts)))
    yield (zh("变化的对象"), str(len(result.subjects)))
    yield (zh("变化的考核"), str(len(result.scorecards)))


# ---------------------------------------------------------------------------------------
# A subject's story (explain).

STORY = TableSpec("story", zh("经过"), _columns(
    ("day", DAY, zh("日期")),
    ("at", T, zh("时间")),
    ("event", T, zh("事件")),
    ("rule", T, zh("规则")),
    ("kind", K, zh("类别")),
    ("points", D, zh("分值")),
    *MONEY,
    ("text", T, zh("情况说明")),
))
"""A subject's events and verdicts in order, events first within a day."""

STORY_TABLES = (STORY, CARDS, CARD_LINES, STANDINGS)
"""The tables of a story: its steps, then its scorecards, their lines and the rankings they take part in."""


def explanation_tables(story: Explanation) -> tuple[Table, ...]:
    """The tables of a subject's story (:data:`STORY_TABLES`)."""
    return (
        Table(STORY, lambda: map(story_row, story.steps)),
        Table(CARDS, lambda: map(card_row, story.cards)),
        Table(CARD_LINES, lambda: card_line_rows(story.cards)),
        Table(STANDINGS, lambda: standing_rows(story.standings)),
    )


def story_row(step: StoryStep) -> Row:
    """One step of a story as a row of :data:`STORY`: an event, or a verdict with its numbers."""
    v = step.verdict
    if v is None:
        return (step.day, f"{step.at:%H:%M}" if step.at else None, step.event, None, None, None, None, None, None,
                step.message)
    return (step.day, None, None, v.rule, v.kind.value, v.points, v.fine, v.bonus_share, v.reimbursement,
            verdict_line(v))


# ---------------------------------------------------------------------------------------
# The agenda: what is open, when each matter is due, and who bears it.

AGENDA = TableSpec("agenda", zh("待办事项"), _columns(
    ("window", T, zh("窗口")),
    ("staff", T, zh("工作人员")),
    ("due", DAY, zh("届满日")),
    ("days_left", N, zh("剩余工作日")),
    ("overdue", B, zh("已逾期")),
    ("late_unit", K, zh("逾期单位")),
    ("rule", T, zh("规则")),
    ("duty", T, zh("事项")),
    ("case", T, zh("办件")),
    ("inquiry", T, zh("咨询")),
    ("complaint", T, zh("投诉")),
    *SUBJECT,
    ("start", DAY, zh("起算日")),
    ("start_rule", T, zh("起算依据")),
    ("limit", T, zh("时限")),
    ("held_since", DAY, zh("中止自")),
    ("adjusted", T, zh("中止与延期")),
    ("evidence", T, zh("依据事件")),
    ("document", T, zh("制度文件")),
    ("article", T, zh("条款")),
    ("explanation", T, zh("情况说明")),
    ("provisional", B, zh("暂定日历")),
))
"""Every open matter of an agenda, one row each: by window and staff member, late and due first."""

AGENDA_GROUPS = TableSpec("groups", zh("分组汇总"), _columns(
    ("window", T, zh("窗口")),
    ("staff", T, zh("工作人员")),
    ("overdue", N, zh("已逾期")),
    ("due_today", N, zh("今日届满")),
    ("due_soon", N, zh("即将届满")),
    ("held", N, zh("中止中")),
    ("matters", N, zh("合计")),
))
"""How many matters each window and staff member has: late, due today, due later within the horizon, held."""

AGENDA_ABOUT = TableSpec("about", zh("说明"), ABOUT.columns)
"""What the agenda rests on: variant, day, horizon, the matters left out, notes."""

AGENDA_TABLES = (AGENDA_GROUPS, AGENDA, AGENDA_ABOUT)
"""The tables of an agenda, in the order a workbook shows them."""


def agenda_tables(agenda: Agenda, variant: Variant | None = None) -> tuple[Table, ...]:
    """The tables of an agenda (:data:`AGENDA_TABLES`); ``variant`` adds its title and source."""
    return (
        Table(AGENDA_GROUPS, lambda: agenda_group_rows(agenda)),
        Table(AGENDA, lambda: map(agenda_row, agenda.items)),
        Table(AGENDA_ABOUT, lambda: agenda_about_rows(agenda, variant)),
    )


def agenda_row(item: AgendaItem) -> Row:
    """One open matter as a row of :data:`AGENDA`."""
    return (
        item.window, item.staff, item.due, item.days_left, item.overdue,
        item.late_unit.value if item.overdue else None, item.rule, item.duty, item.case,
        item.inquiry, item.complaint, *subject_cells(item.subject), item.start, item.start_rule, item.limit.words(),
        item.held_since, item.adjusted, " ".join(item.evidence) or None, item.source.document, item.source.article,
        item.message, item.provisional,
    )


def agenda_group_rows(agenda: Agenda) -> Iterator[Row]:
    """Rows of :data:`AGENDA_GROUPS`: per window and staff member, the matters by how soon they fall due."""
    for (window, staff), items in agenda.groups():
        tally = Tally.of(items, agenda.as_of)
        yield (window, staff, *tally, tally.total)


HORIZON_WORDS = {
    Horizon.GIVEN: zh("按指定"),
    Horizon.WARNING: zh("方案的TL-10预警线"),
    Horizon.DEFAULT: zh("方案未设TL-10预警，按程序默认的预警线"),
    Horizon.ALL: zh("全部未办结事项"),
}
"""Where an agenda's horizon comes from, in words."""


def agenda_about_rows(agenda: Agenda, variant: Variant | None) -> Iterator[Row]:
    """Rows of :data:`AGENDA_ABOUT`: what the agenda rests on, one fact a row."""
    yield (zh("方案"), agenda.variant)
    if variant is not None:
        yield (zh("中心"), variant.title)
        yield (zh("依据文件"), source_cell(variant))
    yield (zh("截至日期"), agenda.as_of.isoformat())
    if agenda.within is not None:
        yield (zh("列出届满日在此后几个工作日内的事项"), str(agenda.within))
    yield (zh("列出范围"), HORIZON_WORDS[agenda.horizon])
    if agenda.window is not None:
        yield (zh("窗口"), agenda.window)
    if agenda.staff is not None:
        yield (zh("工作人员"), agenda.staff)
    yield (zh("未列出（届满日在范围之后）"), str(agenda.later))
    yield (zh("读入事件"), str(agenda.events_read))
    yield (zh("截至日期之后的事件（未计入）"), str(agenda.events_after_as_of))
    yield (zh("暂定日历（CAL-3）"), zh("是") if agenda.provisional else zh("否"))
    for note in agenda.notes:
        yield (zh("备注"), note)
