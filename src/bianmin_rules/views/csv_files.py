"""CSV for Excel: one table per file, UTF-8 with a byte-order mark, numbers as numbers, Chinese headers.

Excel opens a CSV file as the system's code page unless it starts with a UTF-8
byte-order mark: with it, Chinese text reads as written. Every cell is written as
:func:`~bianmin_rules.views.tables.cell_text` shows it — points and yuan as plain
decimals (``-0.5``), which Excel reads as numbers; days as ``2026-03-02``, which it reads
as dates; codes and yes/no as words of the reader's language. The combined CSV of
``--format csv`` (:func:`bianmin_rules.views.render.to_csv`) is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from bianmin_rules.core.edge import written
from bianmin_rules.views.labels import Words
from bianmin_rules.views.render import csv_line
from bianmin_rules.views.tables import Table, cell_text

BOM = "\ufeff"
"""The UTF-8 byte-order mark that tells Excel the file is UTF-8."""


def table_csv_pieces(table: Table, *, lang: str = "zh") -> Iterator[str]:
    """One table as CSV for Excel, line by line: the byte-order mark, the headers, then each row as it comes."""
    words = Words(lang)
    columns = table.spec.columns
    yield BOM + csv_line(column.heading(words) for column in columns)
    for row in table.rows():
        yield csv_line(cell_text(cell, column, words) for cell, column in zip(row, columns, strict=True))


def table_to_csv(table: Table, *, lang: str = "zh") -> str:
    """One table as the text of a CSV file for Excel (see :func:`table_csv_pieces`)."""
    return "".join(table_csv_pieces(table, lang=lang))


def write_csv_files(tables: Iterable[Table], directory: str | Path, *, lang: str = "zh") -> list[Path]:
    """Each table into ``directory/<table id>.csv`` (the directory is made if need be); the files written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in tables:
        path = folder / f"{table.spec.id}.csv"
        with written(path, "w") as out:
            out.writelines(table_csv_pieces(table, lang=lang))
        paths.append(path)
    return paths
