"""The Excel workbook and the CSV files for Excel, read back as Excel and a spreadsheet would read them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from bianmin_rules import MissingExtraError, Report, Variant, load_variant, to_csv, to_xlsx
from bianmin_rules.cli.main import main
from bianmin_rules.core.edge import require
from bianmin_rules.intake.files import DATA, demo_events, read_event_files
from bianmin_rules.views.csv_files import BOM, table_to_csv
from bianmin_rules.views.tables import Column, ColumnType, Table, TableSpec
from bianmin_rules.views.whatif import diff
from bianmin_rules.views.xlsx import write_workbook
from tests.conftest import run

TOWNSHIP = DATA / "examples" / "township.jsonl"


@pytest.fixture(scope="module")
def township(county: Variant) -> Report:
    return run(county, read_event_files([TOWNSHIP]), "2026-04-01")


def sheet_xml(path: Path, title: str) -> str:
    """The XML of the sheet named ``title``, as Excel reads it."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    number = workbook.sheetnames.index(title) + 1
    return zipfile.ZipFile(path).read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def test_the_workbook_has_a_sheet_per_table_with_chinese_names(township: Report, county: Variant,
                                                               tmp_path: Path) -> None:
    to_xlsx(township, tmp_path / "report.xlsx", variant=county)
    workbook = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert workbook.sheetnames == ["汇总", "违规明细", "考核得分", "考核明细", "排名", "说明"]
    verdicts = workbook["违规明细"]
    assert [c.value for c in verdicts[1]][:5] == ["日期", "规则", "类别", "对象类别", "对象"]
    assert verdicts.freeze_panes == "A2"
    assert verdicts.auto_filter.ref == f"A1:W{len(township.verdicts) + 1}"
    # Widths that fit: a day is 10 characters wide, an explanation is cut at 60.
    assert (verdicts.column_dimensions["A"].width, verdicts.column_dimensions["U"].width) == (12, 62)


def test_days_are_date_cells_and_numbers_are_numbers(township: Report, tmp_path: Path) -> None:
    """S-li came late to the study session of 2026-03-13: −0.5 (county 考核办法 二、(三)2, ATT-4);
    the workbook holds the day as a date cell and the points as the number −0.5, exactly."""
    to_xlsx(township, tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["违规明细"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    (late,) = [r for r in rows if r["规则"].value == "ATT-4" and r["对象"].value == "S-li"]
    assert late["日期"].value == datetime(2026, 3, 13) and late["日期"].is_date
    assert late["日期"].number_format == "yyyy-mm-dd"
    assert late["分值"].value == -0.5 and late["分值"].data_type == "n"
    assert late["类别"].value == "违规"
    assert late["暂定日历"].value == "否"
    # The decimal is written as its exact digits, not as a binary float's.
    cell = late["分值"].coordinate
    assert re.search(rf'<c r="{cell}"[^>]*><v>-0\.5</v></c>', sheet_xml(tmp_path / "report.xlsx", "违规明细"))


def test_the_about_sheet_states_the_variant_and_its_source(township: Report, county: Variant, tmp_path: Path) -> None:
    to_xlsx(township, tmp_path / "report.xlsx", variant=county)
    about = dict(openpyxl.load_workbook(tmp_path / "report.xlsx")["说明"].iter_rows(min_row=2, values_only=True))
    assert about["方案"] == "county-centre"
    assert about["依据文件"].startswith("县政务服务中心管理制度汇编")
    assert about["评估日"] == "2026-04-01"


def test_english_sheet_names_and_headers(township: Report, tmp_path: Path) -> None:
    to_xlsx(township, tmp_path / "report.xlsx", lang="en")
    workbook = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert workbook.sheetnames == ["Totals", "Verdicts", "Scorecards", "Scorecard lines", "Rankings", "About"]
    assert [c.value for c in workbook["Totals"][1]] == [
        "Subject kind", "Subject", "Violations", "Warnings", "Points", "Fine (yuan)", "Bonus share",
        "Owed to applicant (yuan)",
    ]


def test_a_diff_workbook_has_before_after_and_change_as_numbers(county: Variant, township: Report,
                                                                tmp_path: Path) -> None:
    """The what-if example: W-civil's 红旗窗口 falls from 83 to 71 and loses its eligibility."""
    amended = run(load_variant("examples/whatif/amended.toml"), read_event_files([TOWNSHIP]), "2026-04-01")
    to_xlsx(diff(township, amended), tmp_path / "diff.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "diff.xlsx")
    assert workbook.sheetnames == ["对象变化", "违规变化", "考核变化", "说明"]
    sheet = workbook["考核变化"]
    header = [c.value for c in sheet[1]]
    assert header[4:7] == ["得分（原）", "得分（新）", "得分（变化）"]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    (civil,) = [r for r in rows if r["对象"] == "W-civil" and r["期间"] == "2026-Q1"]
    assert (civil["得分（原）"], civil["得分（新）"], civil["得分（变化）"]) == (83, 71, -12)
    assert (civil["评优资格（原）"], civil["评优资格（新）"]) == ("是", "否")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A matter's name typed into a register as `=HYPERLINK(…)` is shown, never run."""
    spec = TableSpec("t", "表", (Column("matter", ColumnType.TEXT, "事项"),))
    write_workbook([Table(spec, lambda: iter([("=HYPERLINK(\"http://x\")",)]))], tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["表"]["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_a_missing_extra_is_named() -> None:
    with pytest.raises(MissingExtraError, match=r"needs the optional package 'no_such_module': "
                                                r"pip install 'bianmin-rules\[xlsx\]'"):
        require("no_such_module", extra="xlsx", purpose="An Excel workbook")


def test_the_command_line_names_the_missing_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)  # as if it were not installed
    assert main(["demo", "--format", "xlsx", "-o", str(tmp_path / "d.xlsx")]) == 2
    assert capsys.readouterr().err == (
        "bianmin-rules: error: An Excel workbook needs the optional package 'openpyxl': "
        "pip install 'bianmin-rules[xlsx]'\n"
    )


def test_a_workbook_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--format", "xlsx"]) == 2
    assert "an Excel workbook is a file: name it with -o" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------
# CSV for Excel.


def demo_report(county: Variant) -> Report:
    return run(county, demo_events(), "2026-03-31")


def test_one_table_as_csv_for_excel(county: Variant) -> None:
    """UTF-8 with a byte-order mark, Chinese headers, numbers unquoted: Excel reads them as numbers."""
    from bianmin_rules import report_tables

    text = table_to_csv(report_tables(demo_report(county))[0])
    assert text.startswith(BOM + "对象类别,对象,违规次数,提醒次数,分值合计,罚款(元),年终奖扣减比例,应赔付申请人(元)\n")
    assert "工作人员,S-li,2,0,0,0,0,0\n" in text


def test_the_command_line_writes_one_table_or_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--format", "csv", "--table", "verdicts", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(BOM + "Day,Rule,Kind,Subject kind,Subject,Case")
    rows = list(csv.reader(lines[1:]))
    assert rows[1][:5] == ["2026-02-25", "TL-7", "Violation", "Staff", "S-zhao"]
    assert main(["demo", "--format", "csv", "-o", f"{tmp_path}/tables/"]) == 0
    files = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert files == ["about.csv", "card_lines.csv", "cards.csv", "standings.csv", "totals.csv", "verdicts.csv"]
    with (tmp_path / "tables" / "standings.csv").open(encoding="utf-8-sig", newline="") as f:
        standings = list(csv.DictReader(f))
    assert {(r["奖项"], r["对象"], r["状态"]) for r in standings} >= {("红旗窗口", "W-build", "取消资格")}


def test_plain_csv_is_the_combined_csv_as_before(county: Variant, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format csv` alone is still the combined CSV of verdicts then scorecards, for the scripts that read it."""
    assert main(["demo", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out == to_csv(demo_report(county))
    assert out.startswith("on,rule,kind,subject,case,")


def test_a_table_a_diff_has_not_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    log = str(DATA / "examples" / "county-centre.jsonl")
    code = main(["diff", log, "--variant", "county-centre", "--against", "county-centre", "--as-of", "2026-03-31",
                 "--format", "csv", "--table", "totals"])
    assert code == 2
    assert capsys.readouterr().err == (
        "bianmin-rules: error: no table 'totals'; the tables are: subjects, verdicts, cards, about\n"
    )


def test_csv_cells_read_back_as_their_values(township: Report) -> None:
    """Every number cell of the verdicts table reads back as the Decimal it was, every day as its date."""
    from bianmin_rules import report_tables

    table = report_tables(township)[1]
    text = table_to_csv(table)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))[1:]
    for original, written in zip(table.rows(), rows, strict=True):
        for column, cell, shown in zip(table.spec.columns, original, written, strict=True):
            if isinstance(cell, Decimal) and column.type is ColumnType.DECIMAL:
                assert Decimal(shown) == cell
            elif isinstance(cell, date):
                assert date.fromisoformat(shown) == cell


def test_a_file_that_cannot_be_written_is_one_line_and_leaves_nothing(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-folder" / "report.xlsx"
    assert main(["demo", "--format", "xlsx", "-o", str(missing)]) == 2
    said = capsys.readouterr().err
    assert said == f"bianmin-rules: error: {missing}: cannot be written (No such file or directory)\n"
    assert main(["demo", "--format", "xlsx", "-o", str(tmp_path / "report.xlsx")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]  # no part file left beside it
