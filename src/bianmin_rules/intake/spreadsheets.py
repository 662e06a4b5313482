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
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bianmin_rules.core.edge import require, written
from bianmin_rules.core.engine import Progress
from bianmin_rules.core.errors import RegisterError
from bianmin_rules.core.words import Message, counted, zh
from bianmin_rules.families import Event
from bianmin_rules.intake.files import read_bytes, read_text
from bianmin_rules.intake.mappings import Mapping, parse_mapping
from bianmin_rules.intake.registers import Intake, Problem, Rows, Tally, import_sheets, read_sheets

SUFFIXES = (".xlsx", ".xlsm", ".csv")
"""The register files read."""


def load_mapping(path: str | Path) -> Mapping:
    """A mapping file (TOML, see :mod:`bianmin_rules.intake.mappings`)."""
    text = read_text(Path(path), lambda why: RegisterError(f"{path}: the mapping file: {why}"))
    return parse_mapping(text, source=str(path))


def import_register(path: str | Path, mapping: Mapping | None = None) -> Intake:
    """The events a register file records (.xlsx or .csv), with a problem for every bad cell."""
    with named(path):
        return import_sheets(read_register(path), mapping)


def convert_register(
    path: str | Path, target: str | Path | None, stream: TextIO, mapping: Mapping | None = None, *,
    skip_bad: bool = False, progress: Progress | None = None,
) -> Tally:
    """The events of the register ``path`` as JSON Lines, to the file ``target`` or to ``stream``, row by row.

    Each good row's events are written as the row is read, so that memory stays flat
    however long the register. Nothing appears at ``target`` or on ``stream`` unless every
    row is good, or ``skip_bad`` is given (then the good rows' events are written): the
    lines go to a file beside ``target`` (or a temporary file, for ``stream``), moved into
    place (or copied to ``stream``) at the end. A bad row, without ``skip_bad``, is a
    :class:`~bianmin_rules.errors.RegisterError` whose ``problems`` list every bad cell.
    ``progress`` is told the rows read (see :func:`~bianmin_rules.intake.registers.read_sheets`).
    """
    with named(path), ExitStack() as files:
        lines = files.enter_context(
            tempfile.TemporaryFile("w+", encoding="utf-8") if target is None else written(target, "w")  # noqa: SIM115
        )
        write = lines.write

        def emit(event: Event) -> None:  # the event's own serializer: the union's would first find its type
            write(event.__pydantic_serializer__.to_json(event, exclude_unset=True).decode() + "\n")

        tally = read_sheets(read_register(path), mapping, emit=emit, progress=progress)
        if tally.problems and not skip_bad:
            raise RegisterError(
                f"{len(tally.problems)} bad cells in {tally.bad_rows} of {tally.rows} rows; nothing written "
                "(correct them, or give --skip-bad to write the good rows)", problems=tally.problems,
            )
        if target is None:
            lines.seek(0)
            shutil.copyfileobj(lines, stream)
    return tally


@contextmanager
def named(path: str | Path) -> Iterator[None]:
    """A RegisterError from within, its message starting with the register's path."""
    try:
        yield
    except RegisterError as exc:
        if exc.message.startswith(f"{path}:"):
            raise
        raise RegisterError(f"{path}: {exc.message}", problems=exc.problems) from None


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
            yield sheet.title, SheetRows(sheet_rows(path, sheet), sheet.max_row or 0)
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


class SheetRows:
    """A sheet's rows, read as they are asked for, that know about how many there are (for progress)."""

    def __init__(self, rows: Iterator[list[object]], count: int) -> None:
        self.rows, self.count = rows, count

    def __iter__(self) -> Iterator[list[object]]:
        return self.rows

    def __len__(self) -> int:
        return self.count


def csv_rows(path: Path) -> SheetRows:
    """The rows of a CSV register, UTF-8 or GB18030, read one by one from its text."""
    data = read_bytes(path, lambda why: RegisterError(f"{path}: {why}"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        del data
        return SheetRows(csv_records(path, text), text.count("\n"))
    raise RegisterError(f"{path}: expected text in UTF-8 or GB18030")


def csv_records(path: Path, text: str) -> Iterator[list[object]]:
    """The records of a CSV text, an empty cell as None."""
    rows = csv.reader(io.StringIO(text, newline=""))  # newlines inside quoted cells are the cell's own
    try:
        for row in rows:
            yield [cell if cell.strip() else None for cell in row]
    except csv.Error as exc:
        raise RegisterError(f"{path}: not a CSV file ({exc})") from None


PROBLEM_HEADERS = (zh("工作表"), zh("行"), zh("列"), zh("列号"), zh("应为"))
"""The headers of the skipped cells' file: sheet, row, column, letter, what was expected."""


def write_problems(
    problems: Iterable[Problem], target: str | Path, words: Callable[[str], str] = zh,
) -> None:
    """The skipped cells as a CSV file for Excel: sheet, row, column, letter, what was expected.

    ``words`` writes the headers in the reader's language (a :class:`~bianmin_rules.views.labels.Words`);
    by default they are Chinese.
    """
    with written(target, "w") as out:
        out.write("\ufeff")  # the byte-order mark that tells Excel the file is UTF-8
        writer = csv.writer(out)
        writer.writerow(map(words, PROBLEM_HEADERS))
        writer.writerows((p.sheet, p.row, p.column or "", p.letter or "", p.expected) for p in problems)


def summary(tally: Tally) -> Sequence[Message]:
    """What a register gave, in a sentence or two: the events from the good rows, and the rows skipped."""
    lines = [counted("从{rows}行中的{good}行读出{n}个事件", n=tally.events, good=tally.rows - tally.bad_rows,
                     rows=tally.rows)]
    if tally.bad_rows:
        lines.append(counted("跳过{n}行，共{cells}个有误的单元格", n=tally.bad_rows, cells=len(tally.problems)))
    return lines
