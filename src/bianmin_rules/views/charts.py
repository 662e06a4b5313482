"""Charts of the HTML report, drawn on the server as SVG by pygal (the ``html`` extra), from the views' tables.

Each chart reads the rows of a table of :mod:`bianmin_rules.views.tables`, so that a bar
counts what the table beside it lists. The SVG is written into the page: no script and
no file is loaded to draw it, and it prints as it shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bianmin_rules.core.edge import require
from bianmin_rules.core.formatting import plain
from bianmin_rules.views.labels import Words, zh
from bianmin_rules.views.tables import Table, cell_text

FONTS = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
"""Fonts with Chinese characters, the browser's first choice that it has."""

LONGEST_OVERDUE = 10
"""Overdue days are counted one by one up to this many; longer delays share the last bar."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of the page: its title and its SVG."""

    title: str
    svg: str


@dataclass(frozen=True, slots=True)
class Series:
    """One series of values, one per label of its chart's axis (none where it has no value)."""

    name: str
    values: Sequence[float | None]


def draw(
    kind: str, title: str, labels: Sequence[str], series: Iterable[Series], words: Words, **options: Any,
) -> Chart:
    """A pygal chart (``Bar``, ``StackedBar``, ``HorizontalBar`` …) as SVG to place in a page."""
    pygal = require("pygal", extra="html", purpose="The HTML report")
    style = require("pygal.style", extra="html", purpose="The HTML report")
    look = style.Style(
        font_family=FONTS, background="transparent", plot_background="#ffffff", title_font_size=18,
        label_font_size=15, major_label_font_size=15, legend_font_size=15, value_font_size=14,
    )
    settings: dict[str, Any] = {
        "js": [], "disable_xml_declaration": True, "style": look, "width": 900, "height": 420,
        "explicit_size": False, "legend_at_bottom": True, "truncate_legend": -1, "truncate_label": -1,
        "no_data_text": words(zh("无数据")), "print_values": False, "value_formatter": figure,
    }
    chart = getattr(pygal, kind)(**(settings | options))
    chart.x_labels = list(labels)
    for one in series:
        chart.add(one.name, list(one.values))
    return Chart(title=title, svg=chart.render(is_unicode=True))


def figure(value: float) -> str:
    """A chart's value as every other figure of a report is written: ``81``, not ``81.0``; a float's noise cut off."""
    return plain(Decimal(repr(round(value, 4))))


def index_of(table: Table) -> dict[str, int]:
    """Each column's position in the table's rows."""
    return {column_id: i for i, column_id in enumerate(table.spec.column_ids)}


def score_charts(cards: Table, words: Words) -> list[Chart]:
    """Per assessment table, each window's or staff member's score per period (a bar per subject and period)."""
    at = index_of(cards)
    scores: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    titles: dict[str, str] = {}
    for row in cards.rows():
        table_id = str(row[at["scorecard"]])
        titles[table_id] = str(row[at["title"]])
        total = row[at["total"]]
        if isinstance(total, Decimal):
            scores[table_id][str(row[at["period"]])][str(row[at["subject"]])] = float(total)
    charts = []
    per_period = words(zh("：各期得分"))
    for table_id, periods in scores.items():
        subjects = sorted({subject for by_subject in periods.values() for subject in by_subject})
        series = [Series(period, [scored.get(s) for s in subjects]) for period, scored in sorted(periods.items())]
        charts.append(draw("Bar", titles[table_id] + per_period, subjects, series, words,
                           x_label_rotation=30 if len(subjects) > 8 else 0))
    return charts


def violations_per_rule_and_month(verdicts: Table, words: Words) -> Chart:
    """How many violations each rule found, month by month (stacked bars)."""
    at = index_of(verdicts)
    counts: Counter[tuple[str, str]] = Counter()
    for row in verdicts.rows():
        day = row[at["on"]]
        if row[at["kind"]] == "violation" and isinstance(day, date):
            counts[(f"{day:%Y-%m}", str(row[at["rule"]]))] += 1
    months = sorted({month for month, _ in counts})
    rules = sorted({rule for _, rule in counts})
    series = [Series(rule, [counts.get((month, rule)) for month in months]) for rule in rules]
    return draw("StackedBar", words(zh("每月各规则违规次数")), months, series, words, order_min=0)


def overdue_days(verdicts: Table, words: Words) -> Chart:
    """How late the late matters were: how many verdicts per number of days late."""
    at = index_of(verdicts)
    late: Counter[int] = Counter()
    for row in verdicts.rows():
        days = row[at["days_late"]]
        if isinstance(days, int) and days > 0:
            late[min(days, LONGEST_OVERDUE)] += 1
    labels = [str(n) for n in range(1, LONGEST_OVERDUE)] + [f"≥{LONGEST_OVERDUE}"] if late else []
    values = [late.get(n) or 0 for n in range(1, LONGEST_OVERDUE + 1)] if late else []
    return draw("Bar", words(zh("逾期天数分布")), labels, [Series(words(zh("判定数")), values)], words,
                x_title=words(zh("逾期天数")), show_legend=False, order_min=0)


def moved(table: Table, label_columns: Sequence[str], change_column: str, title: str, words: Words) -> list[Chart]:
    """What moved in a comparison: one horizontal bar per row whose change is not zero (no chart if none moved)."""
    at = index_of(table)
    columns = table.spec.columns
    labels, values = [], []
    for row in table.rows():
        change = row[at[change_column]]
        if isinstance(change, Decimal | int) and change:
            labels.append(" ".join(cell_text(row[at[c]], columns[at[c]], words) for c in label_columns))
            values.append(float(change))
    if not values:
        return []
    return [draw("HorizontalBar", title, labels, [Series(words(zh("变化")), values)], words, show_legend=False,
                 height=max(240, 60 + 36 * len(labels)))]


def agenda_by_window(groups: Table, words: Words) -> Chart:
    """How many open matters each window has: late, due today, due later within the horizon, held (stacked)."""
    at = index_of(groups)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    columns = ("overdue", "due_today", "due_soon", "held")
    for row in groups.rows():
        window = str(row[at["window"]] or "—")
        for i, column in enumerate(columns):
            value = row[at[column]]
            counts[window][i] += value if isinstance(value, int) else 0
    windows = sorted(counts)
    names = (zh("已逾期"), zh("今日届满"), zh("即将届满"), zh("中止中"))
    series = [Series(words(name), [counts[w][i] or None for w in windows]) for i, name in enumerate(names)]
    return draw("StackedBar", words(zh("各窗口待办事项")), windows, series, words, order_min=0,
                x_label_rotation=30 if len(windows) > 8 else 0)
