"""Registers in: case registers and time-clock exports read into event logs, every bad cell reported."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Variant, evaluate, load_variant
from bianmin_rules.cli.main import main
from bianmin_rules.core.errors import RegisterError
from bianmin_rules.families import Event
from bianmin_rules.intake.dates import MomentError, moment, time_of_day
from bianmin_rules.intake.files import demo_events, read_event_files
from bianmin_rules.intake.mappings import Mapping, parse_mapping
from bianmin_rules.intake.registers import HEADER_ROWS, import_rows, read_sheets
from bianmin_rules.intake.spreadsheets import convert_register, import_register, load_mapping

ROOT = Path(__file__).parent.parent
REGISTERS = ROOT / "examples" / "registers"
HEADERS = ["办件编号", "事项名称", "办件类型", "受理时间", "办结时间", "承诺时限(工作日)", "窗口", "经办人"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("2026/3/2 9:05", datetime(2026, 3, 2, 9, 5)),
    ("2026-03-02 09:05", datetime(2026, 3, 2, 9, 5)),
    ("2026-03-02T09:05:30", datetime(2026, 3, 2, 9, 5, 30)),
    ("2026.3.2 9:05", datetime(2026, 3, 2, 9, 5)),
    ("2026年3月2日 9时5分", datetime(2026, 3, 2, 9, 5)),
    ("2026年3月2日9时5分30秒", datetime(2026, 3, 2, 9, 5, 30)),
    (46083.375, datetime(2026, 3, 2, 9, 0)),          # an Excel serial number: 2026-03-02 is day 46083
    ("46083.375", datetime(2026, 3, 2, 9, 0)),
    (datetime(2026, 3, 2, 9, 5), datetime(2026, 3, 2, 9, 5)),
])
def test_days_and_times_as_centres_type_them(typed: object, meant: datetime) -> None:
    assert moment(typed) == meant


@pytest.mark.parametrize("typed", ["2026-03-02", "2026年3月2日", date(2026, 3, 2), 46083])
def test_a_day_without_a_time_is_an_error_where_a_time_is_needed(typed: object) -> None:
    with pytest.raises(MomentError, match="a day without a time"):
        moment(typed)
    assert moment(typed, time_needed=False) == date(2026, 3, 2)


@pytest.mark.parametrize("typed", ["2026-02-30 09:00", "2026-03-02 25:00", "三月二日", "", "46083,375", True])
def test_what_is_not_a_day_and_time(typed: object) -> None:
    with pytest.raises(MomentError):
        moment(typed)


def test_times_of_day() -> None:
    assert [time_of_day(t) for t in ("9:05", "09:05:30", "9时5分", 0.375, time(8, 55))] == [
        time(9, 5), time(9, 5, 30), time(9, 5), time(9, 0), time(8, 55),
    ]


def test_the_example_register_gives_the_demos_verdicts(county: Variant) -> None:
    """examples/registers/case-register.xlsx is the demo's log as a centre keeps it — a title row,
    date cells, text in three ways, Excel serial numbers — and evaluates to the demo's verdicts:
    C2026-0005 decided on the 4th working day (TL-7, 五、(二)1), C2026-0102 finished the next day
    (TL-1), C2026-0104 two working days after its supplement's due date (TL-4), C2026-0110 still
    open (TL-1), each with its ESC-2 批评教育."""
    intake = import_register(REGISTERS / "case-register.xlsx")
    assert (intake.kind, intake.rows, intake.problems) == ("case-register", 8, ())
    from_register = evaluate(county, intake.events, as_of=date(2026, 3, 31))
    demo = evaluate(county, demo_events(), as_of=date(2026, 3, 31))

    def findings(verdicts: object) -> list[tuple[object, ...]]:
        return sorted((v.on, v.rule, str(v.subject), v.case, v.kind, v.points, v.explanation)  # type: ignore[attr-defined]
                      for v in verdicts)  # type: ignore[attr-defined]

    assert findings(from_register.verdicts) == findings(demo.verdicts)
    assert {v.case for v in from_register.violations() if v.rule.startswith("TL-")} == {
        "C2026-0005", "C2026-0102", "C2026-0104", "C2026-0110",
    }


def test_the_example_time_clock_export(county: Variant) -> None:
    """examples/registers/time-clock.csv: S-wang signs in at 09:12 on 2026-03-03 (late by 12 minutes),
    S-li's day of 2026-03-04 in one row ends at 16:40 (50 minutes early): county 考核办法 二、(三)1
    "迟到、早退每次扣1分" (ATT-1)."""
    intake = import_register(REGISTERS / "time-clock.csv")
    assert (intake.kind, intake.rows, intake.problems, len(intake.events)) == ("time-clock", 15, (), 24)
    report = evaluate(county, intake.events, as_of=date(2026, 3, 31))
    assert [(v.on, v.rule, v.subject.id, v.quantity) for v in report.violations()] == [
        (date(2026, 3, 3), "ATT-1", "S-wang", 12), (date(2026, 3, 4), "ATT-1", "S-li", 50),
    ]


def test_a_mapping_names_another_exports_columns_and_values() -> None:
    mapping = parse_mapping((REGISTERS / "online-hall.toml").read_text(encoding="utf-8"), source="online-hall.toml")
    intake = import_register(REGISTERS / "online-hall.csv", mapping)
    received = [e for e in intake.events if e.type == "case_received"]  # type: ignore[union-attr]
    assert [(e.case, e.case_type, e.window, e.staff) for e in received] == [  # type: ignore[union-attr]
        ("WS-2026-0301", "immediate", "W-market", "S-wang"), ("WS-2026-0302", "promised", "W-market", "S-chen"),
        ("WS-2026-0303", "promised", "W-build", "S-li"),
    ]


def test_every_bad_cell_is_reported_by_sheet_row_and_column() -> None:
    rows = [
        ["台账（2026年3月）"],
        HEADERS,
        ["C-1", "变更登记", "即办件", "2026-03-02 09:10", "2026-03-02 10:00", None, "W-market", "S-wang"],
        ["C-2", "许可", "急件", "2026-03-05", "2026-03-01 10:00", "三", None, None],
        ["C-1", "变更登记", "即办件", "2026-03-03 09:10", None, None, "W-market", "S-wang"],
        ["C-3", "许可", "承诺件", "2026-03-05 09:00", "2026-03-04 09:00", 5, "W-build", "S-li"],
    ]
    intake = import_rows(rows, sheet="三月")
    assert [str(p) for p in intake.problems] == [
        "sheet '三月', row 4, column 办件类型 (C): expected one of 即办件、承诺件、补办件、联办件、驳回件、上报件 "
        "(or a mapping file's [values.办件类型]); the cell holds '急件'",
        "sheet '三月', row 4, column 受理时间 (D): expected a day and a time, e.g. 2026-03-02 09:05, 2026/3/2 9:05 "
        "or 2026年3月2日 9时5分; the cell has a day without a time; the cell holds '2026-03-05'",
        "sheet '三月', row 4, column 承诺时限(工作日) (F): expected a whole number of working days, e.g. 5; "
        "the cell holds '三'",
        "sheet '三月', row 4, column 经办人 (H): expected the staff member or the window (经办人 or 窗口)",
        "sheet '三月', row 5, column 办件编号 (A): expected a case number not already registered "
        "(sheet '三月', row 3 has it); the cell holds 'C-1'",
        "sheet '三月', row 6, column 办结时间 (E): expected a time after the receipt (2026-03-05 09:00); "
        "the cell holds '2026-03-04T09:00:00'",
    ]
    assert (intake.rows, intake.bad_rows) == (4, 3)
    assert [e.id for e in intake.events] == ["C-1:received", "C-1:completed"]


def test_a_register_without_known_headers_names_what_it_needs() -> None:
    with pytest.raises(RegisterError, match="no sheet has the headers of a case register"):
        import_rows([["编号", "日期"], ["1", "2026-03-02"]])


def test_a_complaint_register_is_never_quoted_in_errors() -> None:
    """CMP-7: a complaint register mapped onto complaint_received — the complainant, the phone, the
    content, and every other cell of the row — never appears in a problem."""
    mapping = Mapping(kind="events", type="complaint_received", columns={
        "complaint": "投诉编号", "at": "登记时间", "form": "方式", "complainant_name": "投诉人",
        "complainant_phone": "电话", "content": "内容", "about_staff": "被投诉人", "window": "受理窗口",
    }, values={"form": {"来信": "written", "来电": "phone", "来访": "oral"}})
    header = ["投诉编号", "登记时间", "方式", "投诉人", "电话", "内容", "被投诉人", "受理窗口"]
    secret = ["K-9", "2026年2月9日", "信访", "张三丰", "13800001234", "窗口人员态度恶劣", "S-li-秘密", "W-机密"]
    good = ["K-1", "2026-03-02 10:00", "来信", "李四", "13900005678", "办事拖延", "S-li", "W-complaints"]
    intake = import_rows([header, secret, good], mapping, sheet="投诉登记")
    assert len(intake.events) == 1 and intake.bad_rows == 1
    said = " ".join(map(str, intake.problems))
    assert "row 2, column 登记时间" in said and "row 2, column 方式" in said
    assert not any(value in said for value in secret if len(value) > 1)


def test_the_command_line_writes_nothing_when_a_row_is_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = tmp_path / "register.csv"
    register.write_text(",".join(HEADERS) + "\nC-1,许可,即办件,2026-03-02 09:00,,,W-market,S-wang\n"
                        "C-2,许可,即办件,2026-03-02,,,W-market,S-wang\n", encoding="utf-8-sig")
    log = tmp_path / "events.jsonl"
    assert main(["import", str(register), "-o", str(log)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"bianmin-rules: {register}: sheet 'register', row 3, column 受理时间 (D): expected")
    assert err[-1] == (f"bianmin-rules: error: {register}: 1 bad cells in 1 of 2 rows; nothing written "
                       "(correct them, or give --skip-bad to write the good rows)")
    assert not log.exists()
    assert main(["import", str(register), "-o", str(log), "--skip-bad"]) == 0
    assert [json.loads(line)["id"] for line in log.read_text(encoding="utf-8").splitlines()] == ["C-1:received"]
    skipped = (tmp_path / "events.jsonl.skipped.csv").read_text(encoding="utf-8-sig").splitlines()
    assert skipped[0] == "工作表,行,列,列号,应为" and skipped[1].startswith("register,3,受理时间,D,")
    assert next(iter(read_event_files([log]))).id == "C-1:received"


def test_a_gb18030_register_from_excel_on_chinese_windows(tmp_path: Path) -> None:
    register = tmp_path / "台账.csv"
    register.write_bytes((",".join(HEADERS) + "\nC-1,变更登记,即办件,2026/3/2 9:10,2026/3/2 10:05,,W-market,S-王\n")
                         .encode("gb18030"))
    (received, completed) = import_register(register).events
    assert (received.staff, completed.type) == ("S-王", "case_completed")  # type: ignore[union-attr]


CELLS = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10, 100_000), st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2030, 12, 31)), st.dates(), st.times(),
    st.sampled_from(["即办件", "承诺件", "驳回件", "2026-03-02 09:00", "办结", "驳回", "5", "W-1", "S-1"]),
)


@given(st.lists(st.lists(CELLS, min_size=8, max_size=8), max_size=8))
def test_any_cells_give_events_or_problems_never_a_crash(rows: list[list[object]]) -> None:
    """Whatever the cells hold, each row gives its events or at least one problem, and the events are valid."""
    intake = import_rows([HEADERS, *rows])
    assert intake.rows - intake.bad_rows == len({e.case for e in intake.events})  # type: ignore[union-attr]
    assert (intake.bad_rows == 0) == (not intake.problems)
    assert all(isinstance(p.row, int) and p.row >= 2 for p in intake.problems)


@given(st.lists(st.lists(CELLS, min_size=5, max_size=5), max_size=8))
def test_any_punches_give_sign_ins_or_problems_never_a_crash(rows: list[list[object]]) -> None:
    intake = import_rows([["工号", "姓名", "日期", "时间", "打卡类型"], *rows])
    assert (intake.bad_rows == 0) == (not intake.problems)
    assert {e.type for e in intake.events} <= {"signed_in", "signed_out"}  # type: ignore[union-attr]


def test_an_unknown_mapping_key_is_named() -> None:
    with pytest.raises(RegisterError, match=r"m.toml: colums: Extra inputs are not permitted"):
        parse_mapping('kind = "case-register"\ncolums = {}\n', source="m.toml")


def test_the_demo_variant_evaluates_both_examples_together(county: Variant) -> None:
    events = [*import_register(REGISTERS / "case-register.xlsx").events,
              *import_register(REGISTERS / "time-clock.csv").events]
    report = evaluate(load_variant("county-centre"), events, as_of=date(2026, 3, 31))
    assert {v.rule for v in report.violations()} == {"TL-1", "TL-4", "TL-7", "ESC-2", "ATT-1"}


@pytest.mark.parametrize(("name", "mapping"), [
    ("case-register.xlsx", None), ("time-clock.csv", None), ("online-hall.csv", "online-hall.toml"),
])
def test_the_streamed_log_is_the_imported_events(name: str, mapping: str | None, tmp_path: Path) -> None:
    """convert_register writes, row by row, exactly the events import_register returns — to a file or a stream."""
    rules = load_mapping(REGISTERS / mapping) if mapping else None
    expected = [event.model_dump_json(exclude_unset=True) for event in import_register(REGISTERS / name, rules).events]
    tally = convert_register(REGISTERS / name, tmp_path / "events.jsonl", io.StringIO(), rules)
    assert (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines() == expected
    assert tally.events == len(expected) and tally.clean
    stream = io.StringIO()
    convert_register(REGISTERS / name, None, stream, rules)
    assert stream.getvalue().splitlines() == expected


def test_each_rows_events_are_handed_on_before_the_next_row_is_read() -> None:
    """Memory stays flat: a row's events leave as soon as the row is read, not at the end of the register (only
    the first rows, searched for the headers, are read ahead)."""
    emitted: list[Event] = []
    seen_when_asked: list[int] = []

    def rows() -> Iterator[list[object]]:
        yield HEADERS
        for n in range(1, 14):
            seen_when_asked.append(len(emitted))
            yield [f"C-{n}", "许可", "即办件", "2026-03-02 09:00", "2026-03-02 10:00", None, "W-1", "S-1"]

    tally = read_sheets([("台账", rows())], emit=emitted.append)
    assert seen_when_asked[HEADER_ROWS - 1:] == [18, 20, 22, 24]  # case_received and case_completed of each row
    assert (tally.events, tally.rows) == (26, 13)


def test_progress_counts_the_rows_of_the_sheet() -> None:
    """The progress callback hears ("reading", rows read, rows of the sheet), as evaluate's hears its stages."""
    told: list[tuple[str, int, int]] = []
    row = ["C-{}", "许可", "即办件", "2026-03-02 09:00", "2026-03-02 10:00", None, "W-1", "S-1"]
    register = [HEADERS, *([row[0].format(n), *row[1:]] for n in range(2500))]

    class Sheet(list[list[object]]):
        pass

    read_sheets([("台账", Sheet(register))], emit=lambda event: None,
                progress=lambda stage, done, total: told.append((stage, done, total)))
    assert told == [("reading", 1000, 2501), ("reading", 2000, 2501), ("reading", 2501, 2501)]


def test_nothing_reaches_standard_output_when_a_row_is_bad(tmp_path: Path) -> None:
    """Without --skip-bad a bad row stops the import before a line is written, to a file or to a stream."""
    register = tmp_path / "register.csv"
    register.write_text(",".join(HEADERS) + "\nC-1,许可,即办件,2026-03-02 09:00,,,W-market,S-wang\n"
                        "C-2,许可,即办件,2026-03-02,,,W-market,S-wang\n", encoding="utf-8-sig")
    stream = io.StringIO()
    with pytest.raises(RegisterError, match=r"register.csv: 1 bad cells in 1 of 2 rows; nothing written") as error:
        convert_register(register, None, stream)
    assert stream.getvalue() == "" and len(error.value.problems) == 1
    tally = convert_register(register, None, stream, skip_bad=True)
    assert [json.loads(line)["id"] for line in stream.getvalue().splitlines()] == ["C-1:received"]
    assert (tally.events, tally.rows, tally.bad_rows) == (1, 2, 1)
