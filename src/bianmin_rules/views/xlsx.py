"""The Excel workbook: one sheet per table, headers frozen, filters on, numbers and dates as Excel's own.

Written by openpyxl (the ``xlsx`` extra) in its write-only mode, which streams each row
to the file as it comes: memory stays flat however many verdicts a report has. Points
and money are written with their exact decimal value, days as date cells, codes and
yes/no as words of the reader's language (:mod:`bianmin_rules.views.labels`), each
sheet named by its table's title (汇总, 违规明细, 考核得分 …).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from bianmin_rules.core.edge import require
from bianmin_rules.core.words import Message
from bianmin_rules.views.labels import Words
from bianmin_rules.views.tables import Cell, Column, ColumnType, Table, cell_text

SAMPLE_ROWS = 200
"""How many rows are read ahead to size the columns (the sheet's columns are fixed before its first row)."""

WIDEST = 60
"""The widest a column is made, in characters; longer text is cut off by the next column, as in Excel."""


def write_workbook(tables: Iterable[Table], target: str | Path | IO[bytes], *, lang: str = "zh") -> None:
    """Write ``tables`` as a workbook, one sheet each, to a path or a binary file."""
    openpyxl = require("openpyxl", extra="xlsx", purpose="An Excel workbook")
    styles = require("openpyxl.styles", extra="xlsx", purpose="An Excel workbook")
    cell_module = require("openpyxl.cell", extra="xlsx", purpose="An Excel workbook")
    utils = require("openpyxl.utils", extra="xlsx", purpose="An Excel workbook")
    words = Words(lang)
    workbook = openpyxl.Workbook(write_only=True)
    bold = styles.Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=words(table.spec.title)[:31])
        columns = table.spec.columns
        rows = (excel_row(row, columns, words) for row in table.rows())
        ahead = list(islice(rows, SAMPLE_ROWS))
        headers = [column.heading(words) for column in columns]
        for number, width in enumerate(column_widths(headers, columns, ahead), start=1):
            sheet.column_dimensions[utils.get_column_letter(number)].width = width
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = cell_module.WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        written = 0
        for row in chain(ahead, rows):
            sheet.append([text_cell(sheet, value, cell_module) if is_formula_like(value) else value for value in row])
            written += 1
        sheet.auto_filter.ref = f"A1:{utils.get_column_letter(len(columns))}{written + 1}"
    workbook.save(target)


KEPT = frozenset({ColumnType.TEXT, ColumnType.INT, ColumnType.DECIMAL, ColumnType.DATE})
"""Column types whose cells the workbook holds as they are: text, numbers, days."""


def excel_row(row: Sequence[Cell], columns: Sequence[Column], words: Words) -> list[Any]:
    """A row's cells as the workbook holds them: text, numbers and days as they are, codes, yes/no and sentences as
    words."""
    return [
        cell if cell is None or (column.type in KEPT and not isinstance(cell, Message))
        else cell_text(cell, column, words)
        for cell, column in zip(row, columns, strict=True)
    ]


def is_formula_like(value: object) -> bool:
    """Would openpyxl take this text for a formula? Text from a log or a register is never one."""
    return isinstance(value, str) and value.startswith("=")


def text_cell(sheet: Any, value: str, cell_module: Any) -> Any:
    """A cell that holds ``value`` as text, even where it begins like a formula."""
    cell = cell_module.WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def text_width(text: str) -> int:
    """How many columns of a monospaced grid ``text`` takes: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(headers: Sequence[str], columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Iterator[int]:
    """A width per column that fits its header and the rows read ahead, within :data:`WIDEST`."""
    widest = [text_width(header) for header in headers]
    for row in rows:
        for i, value in enumerate(row):
            if value is not None:
                shown = value.isoformat() if isinstance(value, date) else str(value)
                widest[i] = max(widest[i], text_width(shown))
    return (min(width, WIDEST) + 2 for width in widest)
