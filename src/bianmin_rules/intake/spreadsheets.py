"""Register files in, event logs out: reading .xlsx and .csv registers, writing JSON Lines and the skipped rows.

A workbook is read by openpyxl (the ``xlsx`` extra) in its read-only mode, row by row,
with each cell as Excel holds it: a date cell as a ``date`` (no time typed), a date and
time cell as a ``datetime``, a time cell as a ``time``, numbers as numbers. A CSV file is
read as UTF-8 (with or without a byte-order mark) or, failing that, as GB18030, the code
page Excel uses on Chinese Windows.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bianmin_rules.core.edge import require, written
from bianmin_rules.core.errors import RegisterError
from bianmin_rules.core.words import zh
from bianmin_rules.intake.files import read_bytes, read_text
from bianmin_rules.intake.mappings import Mapping, parse_mapping
from bianmin_rules.intake.registers import Intake, Problem, Rows, import_sheets

SUFFIXES = (".xlsx", ".xlsm", ".csv")
"""The register files read."""


def load_mapping(path: str | Path) -> Mapping:
    """A mapping file (TOML, see :mod:`bianmin_rules.intake.mappings`)."""
    text = read_text(Path(path), lambda why: RegisterError(f"{path}: the mapping file: {why}"))
    return parse_mapping(text, source=str(path))


def import_register(path: str | Path, mapping: Mapping | None = None) -> Intake:
    """The events a register file records (.xlsx or .csv), with a problem for every bad cell."""
    try:
        return import_sheets(read_register(path), mapping)
    except RegisterError as exc:
        if exc.message.startswith(f"{path}:"):
            raise
        raise RegisterError(f"{path}: {exc.message}") from None


def read_register(path: str | Path) -> Iterator[tuple[str, Rows]]:
    """Each sheet of a register file as its name and its rows (a CSV file is one sheet, named after the file)."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise RegisterError(f"{path}: expected a register as .xlsx or .csv")
    if path.suffix.lower() == ".csv":
        yield path.stem, csv_rows(path)
        return
    openpyxl = require("openpyxl", extra="xlsx", purpose="Reading an Excel register")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except UNREADABLE as exc:  # a missing file, or one that is not a workbook
        raise unreadable(path, exc) from None
    try:
        for sheet in workbook.worksheets:
            yield sheet.title, sheet_rows(path, sheet)
    finally:
        workbook.close()


UNREADABLE = (OSError, ValueError, KeyError, SyntaxError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error)
"""What reading a file that is not a workbook, or a damaged one, raises: XML's ParseError is a SyntaxError; a
damaged member of the zip archive gives zlib's error or an early end, and a damaged header flags a member as
encrypted or compressed by a method zipfile does not know (RuntimeError, NotImplementedError)."""


def sheet_rows(path: Path, sheet: Any) -> Iterator[list[object]]:
    """The rows of a workbook's sheet, read as they are asked for; a damaged sheet is a RegisterError."""
    try:
        for row in sheet.iter_rows():
            yield list(map(cell_value, row))
    except UNREADABLE as exc:
        raise unreadable(path, exc) from None


def unreadable(path: Path, exc: Exception) -> RegisterError:
    """The error of a workbook that cannot be read: missing, not a workbook, or damaged."""
    return RegisterError(f"{path}: cannot read the workbook ({getattr(exc, 'strerror', None) or exc})")


def cell_value(cell: Any) -> object:
    """A workbook cell as the register means it: a date cell without a time format is a day alone."""
    value = cell.value
    if isinstance(value, datetime) and cell.is_date:
        shown = str(cell.number_format).lower()
        if "h" not in shown and "s" not in shown and value.time() == datetime.min.time():
            return value.date()
    return value


def csv_rows(path: Path) -> list[list[str]]:
    """The rows of a CSV register, UTF-8 or GB18030."""
    data = read_bytes(path, lambda why: RegisterError(f"{path}: {why}"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            rows = csv.reader(io.StringIO(text, newline=""))  # newlines inside quoted cells are the cell's own
            return [[cell if cell.strip() else None for cell in row] for row in rows]  # type: ignore[misc]
        except csv.Error as exc:
            raise RegisterError(f"{path}: not a CSV file ({exc})") from None
    raise RegisterError(f"{path}: expected text in UTF-8 or GB18030")


def write_log(intake: Intake, target: str | Path | None, stream: TextIO) -> None:
    """The events as JSON Lines, to the file ``target`` or to ``stream``."""
    lines = (event.model_dump_json(exclude_unset=True) + "\n" for event in intake.events)
    if target is None:
        stream.writelines(lines)
        return
    with written(target, "w") as out:
        out.writelines(lines)


def write_problems(problems: Iterable[Problem], target: str | Path) -> None:
    """The skipped cells as a CSV file for Excel: sheet, row, column, letter, what was expected."""
    with written(target, "w") as out:
        out.write("\ufeff")  # the byte-order mark that tells Excel the file is UTF-8
        writer = csv.writer(out)
        writer.writerow((zh("工作表"), zh("行"), zh("列"), zh("列号"), zh("应为")))
        writer.writerows((p.sheet, p.row, p.column or "", p.letter or "", p.expected) for p in problems)


def summary(intake: Intake) -> Sequence[str]:
    """What a register gave, in a line or two."""
    lines = [f"{len(intake.events)} events from {intake.rows - intake.bad_rows} of {intake.rows} rows"]
    if intake.bad_rows:
        lines.append(f"{intake.bad_rows} rows with {len(intake.problems)} bad cells skipped")
    return lines
