"""Registers to events: the rows of a case register, a time clock's export or any mapped sheet, as an event log.

:func:`import_rows` is a pure function of the rows (headers included) and a mapping: it
reads no file and no clock. It checks every cell and reports every bad one — sheet, row,
column and what was expected — and turns each good row into the events it records:

- a case register's row (办件台账): ``case_received``; ``receipt_notice_issued`` at receipt
  where the row has the 承诺办结日期 the notice promised (TL-3); ``missing_materials_notice`` at
  告知时间; ``materials_completed`` at 材料齐全时间 (the case then waits for its
  materials, TL-4); ``case_completed`` or ``case_rejected`` at 办结时间 (by 办理结果, or by
  the case type 驳回件), a rejection with its 退回理由;
- a time clock's punches: ``signed_in`` and ``signed_out`` (CAL-4), by 打卡类型 where the
  export has one, else alternating through each staff member's day, first in; a punch
  repeated at the same minute is one punch;
- a mapped sheet of ``kind = "events"``: one event of the mapping's type per row.

A register of complaint lines (any complaint event type, CMP-7: a shifted column may put
the complainant's name in any cell) is never quoted: its problems say what was expected,
never what the cell held.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, islice
from typing import Any

from pydantic import ValidationError

from bianmin_rules.core.engine import Progress, no_progress
from bianmin_rules.core.errors import RegisterError
from bianmin_rules.families import BUILTIN, EVENT_ADAPTER, Event
from bianmin_rules.intake.dates import MomentError, moment, time_of_day
from bianmin_rules.intake.mappings import (
    ALIASES,
    CASE_TYPES,
    COMPLETED,
    REJECTED,
    SIGN_IN,
    SIGN_OUT,
    Mapping,
    header_key,
)

HEADER_ROWS = 10
"""How many rows at the top of a sheet are searched for the headers (a title may stand above them)."""

Rows = Iterable[Sequence[object]]
"""A sheet's rows, each a sequence of cells: text, numbers, days, times or None for empty cells."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad cell: where it is and what was expected there."""

    sheet: str
    row: int
    column: str | None
    letter: str | None
    expected: str

    def __str__(self) -> str:
        place = f"sheet {self.sheet!r}, row {self.row}"
        if self.column is not None:
            place += f", column {self.column}" + (f" ({self.letter})" if self.letter else "")
        return f"{place}: expected {self.expected}"


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading a register found: its kind, its rows and a problem for every bad cell."""

    kind: str
    problems: tuple[Problem, ...]
    rows: int
    """Rows of records read (headers and blank rows not counted)."""
    bad_rows: int
    """Rows with at least one problem; none of their events is kept or handed on."""

    @property
    def clean(self) -> bool:
        """Is every cell good?"""
        return not self.problems


@dataclass(frozen=True, slots=True)
class Tally(Reading):
    """What a register gave when its events were handed on as they were read: how many, and every bad cell."""

    events: int


@dataclass(frozen=True, slots=True)
class Intake(Reading):
    """What a register gave: its events (of the good rows) and a problem for every bad cell."""

    events: tuple[Event, ...]


def column_letter(index: int) -> str:
    """A column's letters as a spreadsheet names it: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a sheet's columns are: the built-in header (or field) → its position and the header as written."""

    kind: str
    header_row: int
    columns: dict[str, tuple[int, str]]


def find_layout(rows: list[Sequence[object]], mapping: Mapping | None) -> tuple[Layout, int] | None:
    """The headers among the first rows, and their position in ``rows``; none where no row has them."""
    candidates = [mapping.header_row - 1] if mapping and mapping.header_row else range(len(rows))
    for index in candidates:
        if index >= len(rows):
            continue
        layout = layout_of(rows[index], index + 1, mapping)
        if layout is not None:
            return layout, index
    return None


def layout_of(headers: Sequence[object], row: int, mapping: Mapping | None) -> Layout | None:
    """The layout a header row gives, if it is a register the mapping (or a built-in one) reads."""
    renamed = {header_key(theirs): ours for ours, theirs in (mapping.columns.items() if mapping else ())}
    columns: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(headers):
        if header is None or not str(header).strip():
            continue
        key = header_key(header)
        name = renamed.get(key) or (None if mapping and mapping.kind == "events" else ALIASES.get(key, key))
        if name is not None:
            columns.setdefault(name, (index, str(header).strip()))
    kinds = [mapping.kind] if mapping else ["case-register", "time-clock"]
    for kind in kinds:
        if kind == "events" or fits(kind, columns):
            return Layout(kind, row, columns)
    return None


def fits(kind: str, columns: dict[str, tuple[int, str]]) -> bool:
    """Does a sheet with these columns hold this kind of register?"""
    if kind == "case-register":
        return {"办件编号", "办件类型", "受理时间"} <= columns.keys() and bool({"窗口", "经办人"} & columns.keys())
    return bool({"工号", "姓名"} & columns.keys()) and "时间" in columns


class RowReader:
    """The cells of one row, read by built-in header, each bad one noted as a problem."""

    def __init__(self, sheet: str, number: int, row: Sequence[object], layout: Layout, mapping: Mapping | None,
                 quoted: bool) -> None:
        self.sheet, self.number, self.layout = sheet, number, layout
        self.quoted = quoted
        self.problems: list[Problem] = []
        values = mapping.values if mapping else {}
        width = len(row)
        self.cells = {name: cell(row[index], values.get(name)) for name, (index, _) in layout.columns.items()
                      if index < width}

    def raw(self, name: str) -> object:
        """The cell under ``name`` as the sheet holds it (none for an empty cell or a missing column)."""
        return self.cells.get(name)

    def text(self, name: str) -> str | None:
        """The cell as text: a whole number without its ``.0``."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def problem(self, name: str, expected: str, *, got: object = None) -> None:
        """Note a bad cell under ``name``; its value is quoted only where the register may be quoted."""
        place = self.layout.columns.get(name)
        if got is not None and self.quoted:
            expected += f"; the cell holds {shown(got)}"
        self.problems.append(Problem(
            self.sheet, self.number, place[1] if place else name, column_letter(place[0]) if place else None,
            expected,
        ))

    def moment(self, name: str, *, required: bool) -> datetime | None:
        """The cell as a day and time; a missing one where ``required``, or a bad one, is a problem."""
        value = self.raw(name)
        if value is None:
            if required:
                self.problem(name, f"a day and a time ({name} is required)")
            return None
        try:
            found = moment(value, time_needed=True)
        except MomentError as exc:
            self.problem(name, str(exc), got=value)
            return None
        assert isinstance(found, datetime)
        return found

    def day(self, name: str) -> date | None:
        """The cell as a day (a time, if typed, is not needed)."""
        value = self.raw(name)
        if value is None:
            return None
        try:
            found = moment(value, time_needed=False)
        except MomentError:
            self.problem(name, "a day, e.g. 2026-03-16, 2026/3/16 or 2026年3月16日", got=value)
            return None
        return found.date() if isinstance(found, datetime) else found

    def whole_number(self, name: str) -> int | None:
        """The cell as a whole number of working days (``5``, ``5.0``, ``5个工作日``)."""
        value = self.text(name)
        if value is None:
            return None
        match = re.fullmatch(r"(\d+)\s*(个)?(工作日)?", value)
        if match is None:
            self.problem(name, "a whole number of working days, e.g. 5", got=self.raw(name))
            return None
        return int(match[1])


def cell(value: object, mapped: dict[str, str] | None) -> object:
    """A cell's value as read: text stripped and mapped (a mapping file's values), an empty text as None."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        return mapped.get(value, value) if mapped else value
    return value


def shown(value: object, limit: int = 40) -> str:
    """A cell's value as an error quotes it, cut short."""
    text = value.isoformat() if isinstance(value, date | time) else str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@dataclass
class Collector:
    """Everything read so far from the sheets of one register."""

    mapping: Mapping | None
    emit: Callable[[Event], object]
    """Called with each event of a good row, as the row is read."""
    progress: Progress
    kind: str | None = None
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    bad_rows: int = 0
    cases: dict[str, str] = field(default_factory=dict)
    punches: list[tuple[str, datetime, str | None, str | None, str, int]] = field(default_factory=list)

    def keep(self, reader: RowReader, events: Sequence[dict[str, Any]], *, record: bool = True) -> bool:
        """Validate a row's events and keep them (unless not to ``record``), or keep its problems; True when good."""
        checked = []
        for data in events:
            try:
                checked.append(EVENT_ADAPTER.validate_python(data))
            except ValidationError as exc:
                note_invalid(reader, exc)
        if not reader.problems:
            if record:
                for event in checked:
                    self.emit(event)
                self.events += len(checked)
            return True
        self.problems.extend(sorted(reader.problems, key=lambda p: (len(p.letter or ""), p.letter or "")))
        self.bad_rows += 1
        return False


def note_invalid(reader: RowReader, exc: ValidationError) -> None:
    """The problems an event's validation found, each under the column its field came from."""
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if error["type"] == "confidential_elsewhere":  # CMP-7: a field holding the complainant's text
            loc = (*loc[:1], str(error["ctx"]["field"]))
        name = FIELD_COLUMNS.get(str(loc[1]), str(loc[1])) if len(loc) > 1 else str(loc[0])
        reader.problem(name, f"a valid value ({error['msg']})")


FIELD_COLUMNS = {
    "case": "办件编号", "matter": "事项名称", "case_type": "办件类型", "promised_limit": "承诺时限(工作日)",
    "statutory_limit": "法定时限(工作日)", "window": "窗口", "staff": "经办人", "items": "告知材料",
}
"""The register's column each field of a case's events comes from."""


def import_rows(rows: Rows, mapping: Mapping | None = None, *, sheet: str = "Sheet1") -> Intake:
    """The events one sheet of a register records, and a problem for every bad cell.

    ``rows`` are the sheet's rows, headers included (a title above them is skipped);
    without ``mapping`` the headers must be a case register's or a time clock's.
    """
    return import_sheets([(sheet, rows)], mapping)


def import_sheets(sheets: Iterable[tuple[str, Rows]], mapping: Mapping | None = None) -> Intake:
    """:func:`import_rows` over several sheets of one register (a workbook's sheets, e.g. one per month).

    Sheets without the register's headers are passed over; a register none of whose
    sheets has them is a :class:`~bianmin_rules.errors.RegisterError`.
    """
    events: list[Event] = []
    tally = read_sheets(sheets, mapping, emit=events.append)
    return Intake(kind=tally.kind, events=tuple(events), problems=tally.problems, rows=tally.rows,
                  bad_rows=tally.bad_rows)


PROGRESS_ROWS = 1000
"""Rows read between two calls of the progress callback."""


def read_sheets(
    sheets: Iterable[tuple[str, Rows]], mapping: Mapping | None = None, *, emit: Callable[[Event], object],
    progress: Progress | None = None,
) -> Tally:
    """:func:`import_sheets`, handing each event on to ``emit`` as its row is read, rather than keeping them.

    A row's events are handed on once the whole row is found good; a bad row's are not,
    and its problems are in the tally. A time clock's punches are handed on at the end,
    when every punch of each day is known. ``progress`` is called as ``("reading", done,
    total)`` every thousand rows of a sheet and at its end: ``done`` rows of the sheet read,
    of ``total`` (the sheet's rows when its rows know their number, else 0).
    """
    collector = Collector(mapping, emit, progress or no_progress)
    seen: list[str] = []
    for name, rows in sheets:
        if mapping is not None and mapping.sheet is not None and name != mapping.sheet:
            continue
        seen.append(name)
        read_sheet(collector, name, rows)
    if collector.kind is None:
        raise RegisterError(no_headers(mapping, seen))
    if collector.kind == "time-clock":
        for event in punch_events(collector.punches):
            emit(event)
            collector.events += 1
    return Tally(kind=collector.kind, events=collector.events, problems=tuple(collector.problems),
                 rows=collector.rows, bad_rows=collector.bad_rows)


def no_headers(mapping: Mapping | None, sheets: list[str]) -> str:
    """Why no sheet could be read."""
    if mapping is not None and mapping.sheet is not None and not sheets:
        return f"no sheet named {mapping.sheet!r}"
    if mapping is not None:
        return f"no sheet has the headers the mapping names ({', '.join(mapping.columns.values()) or mapping.kind})"
    return (
        "no sheet has the headers of a case register (办件编号, 办件类型, 受理时间, 窗口 or 经办人) or of a time "
        "clock's export (工号 or 姓名, 日期, 时间); name the columns in a mapping file (--mapping)"
    )


def read_sheet(collector: Collector, name: str, sheet: Rows) -> None:
    """Read one sheet's records into ``collector``."""
    total = len(sheet) if isinstance(sheet, Sized) else 0
    rows = iter(sheet)
    top = list(islice(rows, HEADER_ROWS))
    found = find_layout(top, collector.mapping)
    if found is None:
        return
    layout, index = found
    if collector.kind not in (None, layout.kind):
        return  # a sheet of another kind of register in the same workbook
    collector.kind = layout.kind
    event_type = collector.mapping.type if collector.mapping else None
    quoted = not (event_type and BUILTIN.event_types[event_type].confidential_line)
    read = {"case-register": case_row, "time-clock": clock_row, "events": event_row}[layout.kind]
    progress, number = collector.progress, layout.header_row
    for number, row in enumerate(chain(top[index + 1:], rows), start=layout.header_row + 1):
        if number % PROGRESS_ROWS == 0:
            progress("reading", number, total)
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in row):
            continue
        collector.rows += 1
        read(collector, RowReader(name, number, row, layout, collector.mapping, quoted))
    progress("reading", number, max(total, number))


def case_row(collector: Collector, r: RowReader) -> None:
    """One row of a case register: the case's receipt, notice, materials and completion."""
    case = r.text("办件编号")
    if case is None:
        r.problem("办件编号", "the case's number (办件编号 is required)")
    elif case in collector.cases:
        r.problem("办件编号", f"a case number not already registered ({collector.cases[case]} has it)", got=case)
    case_type = r.text("办件类型")
    code = CASE_TYPES.get(case_type or "", case_type if case_type in CASE_TYPES.values() else None)
    if code is None:
        r.problem("办件类型", f"one of {'、'.join(CASE_TYPES)} (or a mapping file's [values.办件类型])",
                  got=case_type)
    received = r.moment("受理时间", required=True)
    finished = r.moment("办结时间", required=False)
    materials = r.moment("材料齐全时间", required=False)
    notice = r.moment("告知时间", required=False)
    window, staff = r.text("窗口"), r.text("经办人")
    if window is None and staff is None:
        column = "经办人" if "经办人" in r.layout.columns else "窗口"
        r.problem(column, "the staff member or the window (经办人 or 窗口)")
    result = r.text("办理结果")
    rejected = code == "rejected" if result is None else result in REJECTED
    if result is not None and result not in REJECTED | COMPLETED:
        r.problem("办理结果", f"one of {'、'.join(sorted(COMPLETED | REJECTED))}", got=result)
    for name, when in (("办结时间", finished), ("材料齐全时间", materials), ("告知时间", notice)):
        if when is not None and received is not None and when < received:
            r.problem(name, f"a time after the receipt ({received:%Y-%m-%d %H:%M})", got=when)
    promised, statutory = r.whole_number("承诺时限(工作日)"), r.whole_number("法定时限(工作日)")
    promised_date = r.day("承诺办结日期")
    if r.problems or case is None or received is None:
        collector.keep(r, ())
        return
    who = {key: value for key, value in (("window", window), ("staff", staff)) if value is not None}
    waits = materials is not None and materials > received
    events: list[dict[str, Any]] = [{
        "type": "case_received", "id": f"{case}:received", "at": received, "case": case, "case_type": code, **who,
        **{key: value for key, value in (("matter", r.text("事项名称")), ("promised_limit", promised),
                                         ("statutory_limit", statutory)) if value is not None},
        **({"materials_complete": False} if waits else {}),
    }]
    if promised_date is not None:
        events.append({"type": "receipt_notice_issued", "id": f"{case}:receipt-notice", "at": received,
                       "case": case, "promised_date": promised_date, **who})
    if notice is not None:
        items = [item for item in re.split(r"[、；;,，\n]", r.text("告知材料") or "") if item.strip()]
        events.append({"type": "missing_materials_notice", "id": f"{case}:notice", "at": notice, "case": case,
                       "items": [item.strip() for item in items] or ["（台账未列明告知材料）"], **who})
    if waits:
        events.append({"type": "materials_completed", "id": f"{case}:materials", "at": materials, "case": case, **who})
    if finished is not None and rejected:
        reasons = [part.strip() for part in re.split(r"[；;\n]", r.text("退回理由") or "") if part.strip()]
        events.append({"type": "case_rejected", "id": f"{case}:rejected", "at": finished, "case": case,
                       "reasons": reasons, **who})
    elif finished is not None:
        events.append({"type": "case_completed", "id": f"{case}:completed", "at": finished, "case": case, **who})
    if collector.keep(r, events):
        collector.cases[case] = f"sheet {r.sheet!r}, row {r.number}"


def clock_row(collector: Collector, r: RowReader) -> None:
    """One row of a time clock's export: one punch, or a day's punches in one cell."""
    staff = r.text("工号") or r.text("姓名")
    if staff is None:
        r.problem("工号" if "工号" in r.layout.columns else "姓名", "the staff member's number or name (工号 or 姓名)")
    direction = r.text("打卡类型")
    way = "in" if direction in SIGN_IN else "out" if direction in SIGN_OUT else None
    if direction is not None and way is None:
        r.problem("打卡类型", "签到 or 签退 (上班 or 下班)", got=direction)
    moments = clock_moments(r)
    if r.problems or staff is None:
        collector.keep(r, ())
        return
    window = r.text("窗口")
    # Its events are made once every punch of the day is known: here they are only checked.
    if collector.keep(r, [punch(staff, at, way or "in", window) for at in moments], record=False):
        collector.punches.extend((staff, at, way, window, r.sheet, r.number) for at in moments)


def clock_moments(r: RowReader) -> list[datetime]:
    """The punches of a row: 日期 with one or more times in 时间, or a day and time in 时间 alone."""
    value = r.raw("时间")
    if value is None:
        r.problem("时间", "the time of the punch (时间 is required)")
        return []
    if "日期" not in r.layout.columns:
        alone = r.moment("时间", required=True)
        return [alone] if alone is not None else []
    day = r.day("日期")
    if day is None:
        if r.raw("日期") is None:
            r.problem("日期", "the day of the punch (日期 is required)")
        return []
    parts: list[object] = re.split(r"[\s,，;；、]+", value.strip()) if isinstance(value, str) else [value]
    found: list[datetime] = []
    for part in parts:
        try:
            found.append(datetime.combine(day, time_of_day(part)))
        except MomentError as exc:
            r.problem("时间", str(exc), got=part)
    return found


def punch_events(punches: Iterable[tuple[str, datetime, str | None, str | None, str, int]]) -> Iterator[Event]:
    """Sign-ins and sign-outs from the punches: per staff member and day, in time order, by their type or by turns."""
    days: dict[tuple[str, date], dict[datetime, tuple[str | None, str | None]]] = defaultdict(dict)
    for staff, at, way, window, _, _ in punches:
        days[(staff, at.date())].setdefault(at.replace(second=0), (way, window))
    for (staff, _), day in sorted(days.items()):
        for turn, (at, (way, window)) in enumerate(sorted(day.items())):
            yield EVENT_ADAPTER.validate_python(punch(staff, at, way or ("in" if turn % 2 == 0 else "out"), window))


def punch(staff: str, at: datetime, way: str, window: str | None) -> dict[str, Any]:
    """A sign-in or sign-out, its id made of the staff member and the minute."""
    data: dict[str, Any] = {"type": {"in": "signed_in", "out": "signed_out"}[way],
                            "id": f"{staff}@{at:%Y-%m-%dT%H:%M}", "at": at, "staff": staff}
    if window is not None:
        data["window"] = window
    return data


UNREAD = datetime(2001, 1, 1)
"""Stands for a time that could not be read, so that the row's other cells are checked too; never kept."""


def event_row(collector: Collector, r: RowReader) -> None:
    """One row of a mapped sheet: one event of the mapping's type, its fields from their columns."""
    mapping = collector.mapping
    assert mapping is not None and mapping.type is not None
    data: dict[str, Any] = {**mapping.fixed, "type": mapping.type}
    for name in r.layout.columns:
        value = r.raw(name)
        if value is None:
            continue
        if name == "at":
            value = r.moment("at", required=True) or UNREAD
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, float):
            value = Decimal(str(value))
        data[name] = value
    if "at" not in data:
        r.problem("at", "the day and time of the event (a column mapped to `at`)")
        data["at"] = UNREAD
    data.setdefault("id", f"{r.sheet}-{r.number}")
    collector.keep(r, [data])
