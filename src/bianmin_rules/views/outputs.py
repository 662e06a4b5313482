"""Every view of a report, a comparison, a story or an agenda, written where it is asked to go.

:func:`write_view` is what the command line calls: the text formats (Markdown, JSON, the
combined CSV) as :mod:`bianmin_rules.views.render` writes them, the workbook, the HTML page,
and the CSV files for Excel — one table to a file or to the output stream, or every
table into a folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TextIO

from bianmin_rules.core.agenda import Agenda
from bianmin_rules.core.edge import exists, written
from bianmin_rules.core.errors import OutputError
from bianmin_rules.core.report import Report
from bianmin_rules.core.variant import Variant
from bianmin_rules.views.agenda import agenda_pieces
from bianmin_rules.views.csv_files import table_csv_pieces, write_csv_files
from bianmin_rules.views.explain import Explanation
from bianmin_rules.views.html import agenda_html, diff_html, explanation_html, report_html
from bianmin_rules.views.render import render_diff_pieces, render_explanation, render_pieces
from bianmin_rules.views.tables import Table, agenda_tables, diff_tables, explanation_tables, report_tables
from bianmin_rules.views.whatif import ReportDiff
from bianmin_rules.views.xlsx import write_workbook

FORMATS = ("markdown", "json", "csv", "xlsx", "html")
"""The formats of a report, a comparison and an agenda."""

STORY_FORMATS = ("markdown", "json", "html")
"""The formats of a subject's story."""

Viewed = Report | ReportDiff | Explanation | Agenda
"""What a view shows: a report, a comparison of two, a subject's story, or an agenda."""


def tables_of(model: Viewed, variant: Variant | None = None) -> tuple[Table, ...]:
    """The tables of a report or an agenda (with its variant's title and source), a comparison or a story."""
    if isinstance(model, Report):
        return report_tables(model, variant)
    if isinstance(model, ReportDiff):
        return diff_tables(model)
    if isinstance(model, Agenda):
        return agenda_tables(model, variant)
    return explanation_tables(model)


def to_xlsx(
    model: Report | ReportDiff | Agenda, target: str | Path | IO[bytes], *, variant: Variant | None = None,
    lang: str = "zh",
) -> None:
    """Write a report, a comparison or an agenda as an Excel workbook, one sheet per table (the ``xlsx`` extra)."""
    write_workbook(tables_of(model, variant), target, lang=lang)


def to_html(model: Viewed, *, variant: Variant | None = None, lang: str = "zh") -> str:
    """A report, a comparison, a story or an agenda as one self-contained HTML page (the ``html`` extra)."""
    if isinstance(model, Report):
        return report_html(model, variant=variant, lang=lang)
    if isinstance(model, ReportDiff):
        return diff_html(model, lang=lang)
    if isinstance(model, Agenda):
        return agenda_html(model, variant=variant, lang=lang)
    return explanation_html(model, lang=lang)


def is_folder(output: str | Path) -> bool:
    """Does ``output`` name a folder: one that exists, or a path written with a trailing slash?"""
    return str(output).endswith(("/", "\\")) or exists(output, folder=True)


def write_view(
    model: Viewed, fmt: str, *, output: str | Path | None, stream: TextIO, variant: Variant | None = None,
    lang: str = "zh", table: str | None = None,
) -> None:
    """Write ``model`` in ``fmt`` to the file ``output``, or to ``stream`` when there is none.

    CSV with ``table`` is that one table for Excel; CSV to a folder is every table for
    Excel, one file each; CSV with neither is the combined CSV of :func:`bianmin_rules.to_csv`.
    """
    if table is not None and fmt != "csv":
        raise OutputError(f"--table chooses one table of the CSV output, not of {fmt}")
    try:
        if fmt == "xlsx":
            if output is None:
                raise OutputError("an Excel workbook is a file: name it with -o, e.g. -o report.xlsx")
            if isinstance(model, Explanation):
                raise OutputError("a story is written as markdown, json or html, not as a workbook")
            with written(output, "wb") as out:
                to_xlsx(model, out, variant=variant, lang=lang)
        elif fmt == "csv" and (table is not None or (output is not None and is_folder(output))):
            tables = tables_of(model, variant)
            if table is None and output is not None:
                write_csv_files(tables, output, lang=lang)
                return
            chosen = {t.spec.id: t for t in tables}.get(table or "")
            if chosen is None:
                raise OutputError(f"no table {table!r}; the tables are: {', '.join(t.spec.id for t in tables)}")
            write_text(table_csv_pieces(chosen, lang=lang), output, stream)
        elif fmt == "html":
            write_text([to_html(model, variant=variant, lang=lang)], output, stream)
        elif isinstance(model, Agenda):
            write_text(agenda_pieces(model, fmt, variant=variant, lang=lang), output, stream)
        elif isinstance(model, Report):
            write_text(render_pieces(model, fmt, lang=lang), output, stream)
        elif isinstance(model, ReportDiff):
            write_text(render_diff_pieces(model, fmt, lang=lang), output, stream)
        else:
            write_text([render_explanation(model, fmt, lang=lang)], output, stream)
    except BrokenPipeError:  # the reader of standard output has gone (`| head`): the command line ends quietly
        raise
    except OSError as exc:
        raise OutputError(f"{output}: cannot be written ({exc.strerror or exc})") from None


def write_text(pieces: Iterable[str], output: str | Path | None, stream: TextIO) -> None:
    """Text, piece by piece, to the file ``output`` (UTF-8) or to ``stream``."""
    if output is None:
        stream.writelines(pieces)
        return
    with written(output, "w") as out:
        out.writelines(pieces)
