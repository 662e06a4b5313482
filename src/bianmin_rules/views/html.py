"""The HTML report: one self-contained page with the headline figures, charts and sortable tables.

For a report, a comparison and a subject's story. The page is one file: its styles, its
charts (SVG drawn by pygal, :mod:`bianmin_rules.views.charts`) and its few lines of
script that sort a table when a header is clicked are all inside it; it loads nothing
from anywhere, and reads the same offline. Jinja2 writes it (the ``html`` extra), with
every value escaped. The tables are those of :mod:`bianmin_rules.views.tables`, the
words those of the label catalogue, Chinese unless ``lang="en"``.

A table of a large report is cut after :data:`ROWS_SHOWN` rows, with a note saying so:
the workbook and the CSV files hold every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib.metadata import version
from itertools import islice

from bianmin_rules.core.edge import require
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.report import Report
from bianmin_rules.core.variant import Variant
from bianmin_rules.views import charts
from bianmin_rules.views.explain import Explanation
from bianmin_rules.views.labels import Words, zh
from bianmin_rules.views.tables import (
    CARD_LINES,
    NUMERIC,
    ColumnType,
    Table,
    cell_text,
    diff_tables,
    explanation_tables,
    report_tables,
)
from bianmin_rules.views.whatif import Change, ReportDiff

ROWS_SHOWN = 2000
"""The most rows a table of the page shows; the workbook and CSV files hold them all."""

FOLDED = frozenset({CARD_LINES.id})
"""Tables shown folded, opened with a click: the detail of every card."""

REPORT_TITLE = zh("评估报告")
"""The title of a report's page, after the centre's name."""

DIFF_TITLE = zh("假设比较")
"""The title of a comparison's page."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A headline figure: a label and a value; ``alert`` marks one a reader should not miss."""

    label: str
    value: str
    alert: bool = False


@dataclass(frozen=True, slots=True)
class HtmlCell:
    """A table cell of the page: its text, the key it sorts by (none: its text) and its class."""

    text: str
    key: str | None
    cls: str


@dataclass(frozen=True, slots=True)
class HtmlHeader:
    """A column's header and how it sorts (``number`` or ``text``)."""

    text: str
    type: str


@dataclass(frozen=True, slots=True)
class HtmlTable:
    """A table of the page, its rows cut to :data:`ROWS_SHOWN`."""

    id: str
    title: str
    headers: list[HtmlHeader]
    rows: list[list[HtmlCell]]
    cut_note: str | None
    folded: bool


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the page template shows."""

    html_lang: str
    title: str
    subtitle: str
    headline: list[Figure]
    charts: list[charts.Chart]
    tables: list[HtmlTable]
    footer: str
    charts_title: str
    empty_note: str
    version: str = field(default="")


def report_html(report: Report, *, variant: Variant | None = None, lang: str = "zh") -> str:
    """A report as a self-contained HTML page: headline figures, charts, and its tables, sortable."""
    words = Words(lang)
    tables = report_tables(report, variant)
    by_id = {table.spec.id: table for table in tables}
    totals = list(by_id["totals"].rows())
    at = charts.index_of(by_id["totals"])

    def summed(column: str) -> Decimal:
        return numbers_of([row[at[column]] for row in totals])

    centre = variant.title if variant is not None else report.variant
    headline = [
        Figure(words(zh("读入事件")), str(report.events_read)),
        Figure(words(zh("判定")), str(len(report.verdicts))),
        Figure(words(zh("违规")), plain(summed("violations")), alert=summed("violations") > 0),
        Figure(words(zh("提醒")), plain(summed("warnings"))),
        Figure(words(zh("分值合计")), plain(summed("points"))),
        Figure(words(zh("罚款(元)")), plain(summed("fine"))),
        Figure(words(zh("应赔付申请人(元)")), plain(summed("reimbursement")), alert=summed("reimbursement") > 0),
        Figure(words(zh("暂定日历（CAL-3）")), words.yes_no(report.provisional), alert=report.provisional),
    ]
    drawn = [
        *charts.score_charts(by_id["cards"], words),
        charts.violations_per_rule_and_month(by_id["verdicts"], words),
        charts.overdue_days(by_id["verdicts"], words),
    ]
    return page(
        words, title=f"{centre} · {words(REPORT_TITLE)}",
        subtitle=f"{words(zh('方案'))} {report.variant} · {words(zh('评估日'))} {report.as_of.isoformat()}",
        headline=headline, drawn=drawn, tables=tables,
    )


def diff_html(result: ReportDiff, *, lang: str = "zh") -> str:
    """A comparison as a self-contained HTML page: what changed, what moved, and its tables, sortable."""
    words = Words(lang)
    tables = diff_tables(result)
    by_id = {table.spec.id: table for table in tables}

    def changes(kind: Change) -> str:
        return str(sum(c.change is kind for c in result.verdicts))

    headline = [
        Figure(words.code("added"), changes(Change.ADDED), alert=changes(Change.ADDED) != "0"),
        Figure(words.code("removed"), changes(Change.REMOVED)),
        Figure(words.code("changed"), changes(Change.CHANGED)),
        Figure(words(zh("变化的对象")), str(len(result.subjects))),
        Figure(words(zh("变化的考核")), str(len(result.scorecards))),
    ]
    subject = ("subject_kind", "subject")
    drawn = [
        *charts.moved(by_id["subjects"], subject, "violations_change", words(zh("各对象违规次数变化")), words),
        *charts.moved(by_id["subjects"], subject, "points_change", words(zh("各对象分值变化")), words),
        *charts.moved(by_id["cards"], (*subject, "period"), "total_change", words(zh("各考核得分变化")), words),
    ]
    return page(
        words, title=f"{words(DIFF_TITLE)} · {result.before} → {result.after}",
        subtitle=f"{words(zh('评估日'))} {result.as_of.isoformat()}", headline=headline, drawn=drawn, tables=tables,
    )


def explanation_html(story: Explanation, *, lang: str = "zh") -> str:
    """A subject's story as a self-contained HTML page: its totals, its scores per period, its steps and cards."""
    words = Words(lang)
    tables = explanation_tables(story)
    t = story.total
    headline = [
        Figure(words(zh("违规次数")), str(t.violations), alert=t.violations > 0),
        Figure(words(zh("提醒次数")), str(t.warnings)),
        Figure(words(zh("分值合计")), plain(t.points)),
        Figure(words(zh("罚款(元)")), plain(t.fine)),
        Figure(words(zh("年终奖扣减比例")), plain(t.bonus_share)),
        Figure(words(zh("应赔付申请人(元)")), plain(t.reimbursement), alert=t.reimbursement > 0),
    ]
    scope = story.period.label if story.period else words(zh("全部期间"))
    subject = f"{words.code(story.subject.kind.value)} {story.subject.id}"
    return page(
        words, title=f"{subject} · {words(zh('情况说明'))}",
        subtitle=f"{words(zh('方案'))} {story.variant} · {scope} · {words(zh('评估日'))} {story.as_of.isoformat()}",
        headline=headline, drawn=charts.score_charts(tables[1], words), tables=tables,
    )


def page(
    words: Words, *, title: str, subtitle: str, headline: list[Figure], drawn: list[charts.Chart],
    tables: Iterable[Table],
) -> str:
    """The page: the template filled in."""
    jinja2 = require("jinja2", extra="html", purpose="The HTML report")
    generator = version("bianmin-rules")  # the package metadata's, which reads bianmin_rules/__init__.py

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("bianmin_rules.views", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    content = Page(
        html_lang="zh-CN" if words.lang == "zh" else words.lang, title=title, subtitle=subtitle, headline=headline,
        charts=drawn, tables=[html_table(table, words) for table in tables],
        footer=words(zh("由 bianmin-rules {version} 生成；表格可点击表头排序。")).format(version=generator),
        charts_title=words(zh("图表")), empty_note=words(zh("无记录。")), version=generator,
    )
    return str(environment.get_template("report.html").render(page=content))


def html_table(table: Table, words: Words) -> HtmlTable:
    """One table of the page: its headers, and its rows up to :data:`ROWS_SHOWN`."""
    columns = table.spec.columns
    rows = table.rows()
    shown = [
        [html_cell(cell, c.type, cell_text(cell, c, words)) for cell, c in zip(row, columns, strict=True)]
        for row in islice(rows, ROWS_SHOWN)
    ]
    rest = sum(1 for _ in rows)
    note = None
    if rest:
        note = words(zh("仅显示前{shown}行，共{total}行；完整的表格见 Excel 工作簿或 CSV 文件。")).format(
            shown=len(shown), total=len(shown) + rest,
        )
    return HtmlTable(
        id=table.spec.id, title=words(table.spec.title),
        headers=[HtmlHeader(c.heading(words), "number" if c.type in NUMERIC else "text") for c in columns],
        rows=shown, cut_note=note, folded=table.spec.id in FOLDED,
    )


def html_cell(value: object, kind: ColumnType, text: str) -> HtmlCell:
    """A cell: numbers sort by their value and align right, days sort by their ISO text, long text wraps."""
    if kind in NUMERIC:
        return HtmlCell(text, str(value) if value is not None else "", "num")
    if kind is ColumnType.DATE:
        return HtmlCell(text, value.isoformat() if isinstance(value, date) else "", "date")
    return HtmlCell(text, None, "long" if len(text) > 40 else "")


def numbers_of(values: Sequence[object]) -> Decimal:
    """The sum of the numbers among ``values``."""
    return sum((Decimal(v) for v in values if isinstance(v, Decimal | int) and not isinstance(v, bool)), Decimal(0))
