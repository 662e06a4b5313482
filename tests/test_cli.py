"""The command line: every command, and one readable line with exit status 2 for every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bianmin_rules import Report
from bianmin_rules.cli.main import main
from bianmin_rules.intake.files import DATA

DEMO_LOG = DATA / "examples" / "county-centre.jsonl"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def log_file(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_demo_prints_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "demo")
    assert status == 0
    assert out.startswith("# county-centre 评估报告（评估日 2026-03-31）\n")
    assert "| 2026-03-16 | TL-4 | 违规 | staff:S-li | C2026-0104 |" in out
    assert "即收即办" in out  # the source article is quoted


def test_the_demo_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en: headings, headers, kinds and explanations in English; the articles quoted stay as written."""
    status, out, _ = cli(capsys, "demo", "--lang", "en")
    assert status == 0 and out.startswith("# Evaluation under county-centre as of 2026-03-31\n")
    assert "\n## Totals per subject\n" in out and "\n## Verdicts\n\n| Day | Rule | Kind |" in out
    assert "| 2026-03-16 | TL-4 | Violation | staff:S-li | C2026-0104 |" in out
    assert "即收即办" in out


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_evaluate_in_every_format(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    status, out, _ = cli(capsys, "evaluate", str(DEMO_LOG), "--variant", "county-centre", "--as-of", "2026-03-31",
                         "--format", fmt)
    assert status == 0
    if fmt == "json":
        report = Report.model_validate_json(out)
        assert len(report.violations()) == 8  # 4 late cases, each its staff member's first (ESC-2)
        assert {(c.scorecard, c.period.label) for c in report.scorecards} >= {("window", "2026-Q1"), ("staff", "2026")}
    elif fmt == "csv":
        verdicts, scorecards = out.split("\n\n")
        rows = verdicts.splitlines()
        # 8 violations, TL-11's rate, TL-12's rates of 3 windows and 5 staff members
        assert rows[0].startswith("on,rule,kind,subject") and len(rows) == 1 + 8 + 1 + 8
        assert scorecards.startswith("scorecard,period,subject,category,item,entry")
        assert "window,2026-Q1,window:W-build,办件管理,按操作规程办理,deduction,,,-2," in scorecards
    else:
        assert "## 违规明细" in out and "## 考核得分" in out and "## 排名" in out
        assert "\n\n## 违规明细\n\n| 日期 |" in out  # blank lines between sections are kept …
        assert out.endswith("subject\n")  # … and none is left after the last line (the tie-break)


def test_a_log_split_into_files_gives_the_same_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = DEMO_LOG.read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:10]), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(lines[10:]), encoding="utf-8")
    args = ("--variant", "county-centre", "--as-of", "2026-03-31", "--format", "json")
    _, whole, _ = cli(capsys, "evaluate", str(DEMO_LOG), *args)
    _, split, _ = cli(capsys, "evaluate", str(tmp_path / "b.jsonl"), str(tmp_path / "a.jsonl"), *args)
    assert whole == split


def test_variants_lists_county_centre(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "variants")
    assert status == 0 and any(line.startswith("county-centre\t县政务服务中心") for line in out.splitlines())


def test_schema_events_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "schema", "events")
    schema = json.loads(out)
    assert status == 0
    assert "case_received" in schema["discriminator"]["mapping"]


def test_calendar_add_and_between(capsys: pytest.CaptureFixture[str]) -> None:
    """CAL-1: 2026-02-13 + 2 working days is 2/24 (2/14 is a make-up Saturday)."""
    assert cli(capsys, "calendar", "add", "2026-02-13", "2")[1] == "2026-02-24\n"
    assert cli(capsys, "calendar", "add", "2026-02-24", "-1")[1] == "2026-02-14\n"
    assert cli(capsys, "calendar", "between", "2026-09-30", "2026-10-12")[1] == "4\n"


def test_calendar_provisional_needs_opt_in(capsys: pytest.CaptureFixture[str]) -> None:
    """CAL-3: 2027 has no official schedule; with the opt-in the answer says it is provisional."""
    status, _, err = cli(capsys, "calendar", "add", "2026-12-31", "3")
    assert status == 2 and "2027" in err
    status, out, _ = cli(capsys, "calendar", "add", "2026-12-31", "3", "--allow-provisional")
    assert status == 0 and out.endswith(" (provisional)\n")


def test_calendar_with_a_loaded_schedule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """CAL-3: a year's schedule loaded from a file makes it official."""
    schedule = tmp_path / "2027.toml"
    schedule.write_text(
        'year = 2027\nsource = "test notice"\nmake_up_working_days = []\n'
        '[[holidays]]\nname = "元旦"\nfirst = 2027-01-01\nlast = 2027-01-01\n',
        encoding="utf-8",
    )
    status, out, _ = cli(capsys, "calendar", "add", "2026-12-31", "1", "--schedule", str(schedule))
    assert (status, out) == (0, "2027-01-04\n")




@pytest.mark.parametrize(("line", "expected"), [
    ('{"type": "case_received", ', "events.jsonl:1: not valid JSON"),
    ('{"type": "case_lost", "id": "x", "at": "2026-03-02T09:00"}', "events.jsonl:1: field 'type': unknown event type"),
    ('{"type": "case_completed", "id": "x", "at": "2026-03-02T09:00"}', "events.jsonl:1: field 'case': missing"),
    ('{"type": "case_received", "id": "x", "at": "2026-03-02T09:00", "case": "C", "case_type": "urgent"}',
     "event 'x': case type 'urgent' is not declared"),
])
def test_bad_event_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path, line: str, expected: str) -> None:
    status, out, err = cli(capsys, "evaluate", log_file(tmp_path, line), "--variant", "county-centre",
                           "--as-of", "2026-03-31")
    assert status == 2 and out == ""
    assert err.startswith("bianmin-rules: error: ") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_error_is_english_by_default_and_chinese_with_lang_zh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    """An error is for whoever wrote the input: its English line is stable; --lang zh leads it with the kind of
    input at fault, from the catalogue, and --lang en with its English."""
    log = log_file(tmp_path, '{"type": "case_received", ')
    evaluate = ("evaluate", log, "--variant", "county-centre", "--as-of", "2026-03-31")
    english = cli(capsys, *evaluate)[2]
    assert english.startswith(f"bianmin-rules: error: {log}:1: not valid JSON")
    detail = english.removeprefix("bianmin-rules: error: ")
    status, _, chinese = cli(capsys, *evaluate, "--lang", "zh")
    assert (status, chinese) == (2, f"bianmin-rules: 错误：事件日志有误：{detail}")
    assert cli(capsys, *evaluate, "--lang", "en")[2] == f"bianmin-rules: error: Bad event log: {detail}"


@pytest.mark.parametrize(("args", "expected"), [
    (["evaluate", "missing.jsonl", "--variant", "county-centre", "--as-of", "2026-03-31"],
     "missing.jsonl: cannot read the file"),
    (["evaluate", str(DEMO_LOG), "--variant", "atlantis", "--as-of", "2026-03-31"], "variant 'atlantis'"),
    (["evaluate", str(DEMO_LOG), "--variant", "county-centre", "--as-of", "2027-03-31"], "2027"),
])
def test_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    status, out, err = cli(capsys, *args)
    assert status == 2 and out == ""
    assert err.startswith("bianmin-rules: error: ") and expected in err and err.count("\n") == 1


def test_bad_date_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["calendar", "add", "2026-13-01", "1"])
    assert caught.value.code == 2
    assert "not a date (expected YYYY-MM-DD): '2026-13-01'" in capsys.readouterr().err
