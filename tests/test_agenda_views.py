"""The agenda in every format of the reports, Chinese first: Markdown, JSON, CSV, per-table CSV, workbook.

The log: county-centre's promised cases (二、(二)3 承诺件必须在公开承诺时间内办结) of S-li at W-land —
C2 due 3/9 (late on 3/10), C1 due 3/11, C3 suspended — and C4 of S-zhao at W-fire, due 3/11.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bianmin_rules import Agenda, Variant, agenda, load_variant, to_xlsx
from bianmin_rules.cli.main import main
from bianmin_rules.views.agenda import agenda_pieces
from bianmin_rules.views.csv_files import BOM, table_to_csv
from bianmin_rules.views.tables import AGENDA, agenda_tables
from tests.conftest import events, only_rules


def row(kind: str, case: str, at: str, window: str = "W-land", staff: str = "S-li", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "case": case, "at": at, "window": window, "staff": staff, **extra}


def promised(case: str, day: str, window: str = "W-land", staff: str = "S-li") -> list[dict[str, Any]]:
    return [row("case_received", case, f"{day}T09:00", window, staff, case_type="promised", promised_limit=5),
            row("receipt_notice_issued", case, f"{day}T09:05", window, staff, promised_date="2026-03-20")]


LOG = [
    *promised("C1", "2026-03-04"), *promised("C2", "2026-03-02"), *promised("C3", "2026-03-02"),
    row("case_suspended", "C3", "2026-03-03T09:00", reason="申请人补正"),
    *promised("C4", "2026-03-04", "W-fire", "S-zhao"),
]


@pytest.fixture(scope="module")
def county() -> Variant:
    return only_rules(load_variant("county-centre"), "TL-2", "TL-3")


@pytest.fixture(scope="module")
def listed(county: Variant) -> Agenda:
    return agenda(county, events(*LOG), as_of=date(2026, 3, 10))


@pytest.fixture
def log_file(tmp_path: Path) -> str:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n"
                            for e in events(*LOG)), encoding="utf-8")
    return str(path)


def test_the_markdown_groups_by_window_and_staff_late_first_in_chinese(listed: Agenda, county: Variant) -> None:
    text = "".join(agenda_pieces(listed, "markdown", variant=county))
    assert text.startswith("# 县政务服务中心 · 待办事项\n\n方案 county-centre · 截至 2026-03-10\n\n"
                           "列出已逾期、中止中，以及此后2个工作日内届满的事项（方案的TL-10预警线）。\n")
    assert "- 已逾期：1；今日届满：0；即将届满：2；中止中：1；未列出（届满日在范围之后）：0\n" in text
    fire, land = text.index("## 窗口 W-fire · 工作人员 S-zhao"), text.index("## 窗口 W-land · 工作人员 S-li")
    c2, c1, c3 = (text.index(f"| 办件 {case} |") for case in ("C2", "C1", "C3"))
    assert fire < land < c2 < c1 < c3
    assert "| 2026-03-09 | **-1** | TL-2 | 办件 C2 |" in text and "| 中止中 | — | TL-2 | 办件 C3 |" in text
    assert "- TL-2：县政务服务中心审批事项“六件”分类法操作规程 二、(二)3；六、(二)：「承诺件必须" in text


def test_the_markdown_in_english(listed: Agenda, county: Variant) -> None:
    text = "".join(agenda_pieces(listed, "markdown", variant=county, lang="en"))
    assert "Variant county-centre · as of 2026-03-10" in text
    assert "## Window W-land · Staff S-li" in text
    assert "| Due | Working days left | Rule | Concerns | Explanation |" in text
    assert ("Listed: the matters late, held, or due within 2 working days (the variant's TL-10 warning threshold)."
            in text)
    assert "- Late: 1; Due today: 0; Due soon: 2; Held: 1; Not listed (due after the horizon): 0\n" in text
    assert "\n## Sources\n\n- TL-2: 县政务服务中心审批事项“六件”分类法操作规程 二、(二)3；六、(二): 「" in text


def test_the_json_is_the_agenda(listed: Agenda) -> None:
    assert Agenda.model_validate_json("".join(agenda_pieces(listed, "json"))) == listed


def test_the_csv_is_the_agenda_table_by_column_id(listed: Agenda) -> None:
    rows = list(csv.DictReader(io.StringIO("".join(agenda_pieces(listed, "csv")))))
    assert list(rows[0]) == list(AGENDA.column_ids)
    assert [(r["window"], r["case"], r["due"], r["days_left"], r["overdue"]) for r in rows] == [
        ("W-fire", "C4", "2026-03-11", "1", "False"), ("W-land", "C2", "2026-03-09", "-1", "True"),
        ("W-land", "C1", "2026-03-11", "1", "False"), ("W-land", "C3", "", "", "False"),
    ]
    assert rows[1]["late_unit"] == "working_days" and rows[3]["held_since"] == "2026-03-03"


def test_the_tables_for_excel_count_each_group(listed: Agenda) -> None:
    groups, _, about = agenda_tables(listed)
    assert table_to_csv(groups) == (BOM + "窗口,工作人员,已逾期,今日届满,即将届满,中止中,合计\n"
                                    "W-fire,S-zhao,0,0,1,0,1\nW-land,S-li,1,0,1,1,3\n")
    assert "列出范围,方案的TL-10预警线\n" in table_to_csv(about)
    assert "Horizon,the variant's TL-10 warning threshold\n" in table_to_csv(about, lang="en")


def test_the_workbook_has_its_sheets_with_days_as_dates(listed: Agenda, county: Variant, tmp_path: Path) -> None:
    to_xlsx(listed, tmp_path / "agenda.xlsx", variant=county)
    workbook = openpyxl.load_workbook(tmp_path / "agenda.xlsx")
    assert workbook.sheetnames == ["分组汇总", "待办事项", "说明"]
    sheet = workbook["待办事项"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["窗口", "工作人员", "届满日", "剩余工作日", "已逾期", "逾期单位"]
    second = dict(zip(header, (c.value for c in sheet[3]), strict=True))
    assert (second["届满日"], second["剩余工作日"], second["已逾期"], second["逾期单位"]) == (
        datetime(2026, 3, 9), -1, "是", "工作日")
    to_xlsx(listed, tmp_path / "agenda-en.xlsx", lang="en")
    assert openpyxl.load_workbook(tmp_path / "agenda-en.xlsx").sheetnames == ["By window and staff", "Agenda", "About"]


def test_the_command_line_lists_what_falls_due(log_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10"]) == 0
    out = capsys.readouterr().out
    assert "## 窗口 W-land · 工作人员 S-li" in out and "TL-2" in out


def test_the_command_line_lists_one_staff_members_matters(log_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--staff", "S-zhao",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Only the matters Staff S-zhao bears.\n" in out
    assert "## Window W-fire · Staff S-zhao" in out and "S-li" not in out
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--staff", "S-zhao",
                 "--format", "csv", "--table", "about"]) == 0
    assert "工作人员,S-zhao\n" in capsys.readouterr().out.replace("\r\n", "\n")
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--staff", "S-x"]) == 2
    assert capsys.readouterr().err == "bianmin-rules: error: no event of the log names staff 'S-x'\n"


def test_the_command_line_fails_on_overdue_when_asked(log_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1 with --fail-on overdue when a matter is late (C2 on 3/10); on 3/6 none is."""
    code = main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--fail-on", "overdue",
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1 and captured.err == "bianmin-rules: 1 matters late (--fail-on overdue)\n"
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-06", "--fail-on",
                 "overdue"]) == 0


def test_the_command_line_writes_each_table(log_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--within", "all",
                 "--format", "csv", "-o", f"{tmp_path}/agenda/"]) == 0
    assert sorted(p.name for p in (tmp_path / "agenda").iterdir()) == ["about.csv", "agenda.csv", "groups.csv"]
    assert main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--format", "csv",
                 "--table", "groups", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith(BOM + "Window,Staff,Late,Due today,Due soon,Held,Total\n")


@pytest.mark.parametrize(("within", "why"), [
    ("-1", "must be from 0 to 366, not -1"), ("367", "must be from 0 to 366, not 367"),
    ("soon", "not a whole number: 'soon'"), ("1.5", "not a whole number: '1.5'"),
])
def test_a_bad_horizon_is_one_line_and_exit_2(
    log_file: str, within: str, why: str, capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["agenda", log_file, "--variant", "county-centre", "--as-of", "2026-03-10", "--within", within])
    assert stopped.value.code == 2
    assert f"argument --within: {why} (a number of working days, or 'all')\n" in capsys.readouterr().err
