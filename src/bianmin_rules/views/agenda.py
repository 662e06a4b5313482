"""The agenda as text: Markdown for people (Chinese first), JSON and CSV for machines.

The Markdown lists the open matters window by window and staff member by staff member,
late ones first, then by due day, with the rules and articles they rest on; its words
come from the label catalogue (:mod:`bianmin_rules.views.labels`), English on request.
The JSON is the :class:`~bianmin_rules.core.agenda.Agenda` itself, which
``Agenda.model_validate_json`` reads back; the CSV is the agenda table
(:data:`~bianmin_rules.views.tables.AGENDA`) with its column ids for headers. The workbook,
the per-table CSV files and the HTML page read the same tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from bianmin_rules.core.agenda import Agenda, AgendaItem
from bianmin_rules.core.formatting import markdown_table
from bianmin_rules.core.variant import Variant
from bianmin_rules.views.labels import Words, zh
from bianmin_rules.views.render import csv_line
from bianmin_rules.views.tables import AGENDA, HORIZON_WORDS, agenda_row

FORMATS = ("markdown", "json", "csv")
"""The text formats of an agenda."""


def agenda_pieces(agenda: Agenda, fmt: str, *, variant: Variant | None = None, lang: str = "zh") -> Iterator[str]:
    """The agenda in one of :data:`FORMATS`, piece by piece."""
    if fmt == "json":
        return iter([agenda.model_dump_json(indent=2) + "\n"])
    if fmt == "csv":
        return agenda_csv_pieces(agenda)
    return (line + "\n" for line in agenda_markdown_lines(agenda, Words(lang), variant))


def agenda_csv_pieces(agenda: Agenda) -> Iterator[str]:
    """One row per open matter, the columns of :data:`~bianmin_rules.views.tables.AGENDA` by id."""
    yield csv_line(AGENDA.column_ids)
    yield from (csv_line(agenda_row(item)) for item in agenda.items)


def agenda_markdown_lines(agenda: Agenda, words: Words, variant: Variant | None = None) -> Iterator[str]:
    """The lines of the Markdown agenda: the summary, each window's and staff member's matters, the sources."""
    centre = variant.title if variant is not None else agenda.variant
    yield f"# {centre} · {words(zh('待办事项'))}"
    yield ""
    yield words(zh("方案 {variant} · 截至 {as_of}")).format(variant=agenda.variant, as_of=agenda.as_of)
    yield ""
    if agenda.within is None:
        scope = words(zh("列出全部未办结事项。"))
    else:
        scope = words(zh("列出已逾期、中止中，以及此后{days}个工作日内届满的事项（{why}）。")).format(
            days=agenda.within, why=words(HORIZON_WORDS[agenda.horizon]),
        )
    yield scope
    yield ""
    if agenda.window is not None or agenda.staff is not None:
        who = " · ".join(f"{words(word)} {name}" for word, name in (
            (zh("窗口"), agenda.window), (zh("工作人员"), agenda.staff)) if name is not None)
        yield words(zh("只列出{who}承担的事项。")).format(who=who)
        yield ""
    colon, semicolon = words(zh("：")), words(zh("；"))
    overdue, today, soon, held = agenda.tally()
    yield "- " + semicolon.join(f"{words(word)}{colon}{count}" for word, count in (
        (zh("已逾期"), overdue), (zh("今日届满"), today), (zh("即将届满"), soon), (zh("中止中"), held),
        (zh("未列出（届满日在范围之后）"), agenda.later),
    ))
    if agenda.provisional:
        yield f"- {words(zh('暂定日历（CAL-3）'))}{colon}{words.yes_no(True)}"
    if not agenda.items:
        yield ""
        yield words(zh("没有待办事项。"))
    header = [words(h) for h in (zh("届满日"), zh("剩余工作日"), zh("规则"), zh("涉及"), zh("情况说明"))]
    for (window, staff), items in agenda.groups():
        yield ""
        yield f"## {words(zh('窗口'))} {window or '—'} · {words(zh('工作人员'))} {staff or '—'}"
        yield ""
        yield from markdown_table(header, (item_cells(item, words) for item in items))
    cited = sorted({(item.rule, item.source.document, item.source.article, item.source.quote) for item in agenda.items})
    if cited:
        yield ""
        yield "## " + words(zh("依据"))
        yield ""
        for rule, document, article, quote in cited:
            yield f"- {rule}{colon}{document} {article}{colon}「{quote}」"
    if agenda.notes:
        yield ""
        yield f"## {words(zh('备注'))}"
        yield ""
        yield from (f"- {words(note)}" for note in agenda.notes)


def item_cells(item: AgendaItem, words: Words) -> tuple[str, ...]:
    """One matter as a line of its group's table: due day, days left, rule, what it concerns, its count."""
    if item.due is None:
        due, left = words(zh("中止中")), "—"
    else:
        due, left = item.due.isoformat(), str(item.days_left)
        if item.overdue:
            left = f"**{left}**"
    about = next(
        (f"{words(word)} {value}" for word, value in (
            (zh("办件"), item.case), (zh("咨询"), item.inquiry), (zh("投诉"), item.complaint)) if value),
        f"{words.code(item.subject.kind.value)} {item.subject.id}",
    )
    return (due, left, item.rule, about, words(item.message))
