"""The command line as people use one: standard input, -o, --version, python -m, examples in every --help,
--fail-on, the progress bar, an example log for each built-in variant, the demo's note on pricing."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
from tools.reference import sub_commands

import bianmin_rules
from bianmin_rules import Report, builtin_variant_names, evaluate, load_variant, read_events
from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.cli.main import build_parser, main
from bianmin_rules.intake.files import DATA, example_text

DEMO_LOG = DATA / "examples" / "county-centre.jsonl"
EVALUATE = ("evaluate", "--variant", "county-centre", "--as-of", "2026-03-31")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


class Terminal(io.StringIO):
    """Standard error as a terminal shows it: the progress bar is drawn."""

    def isatty(self) -> bool:
        return True


class Stdin:
    """Standard input holding ``data``, as the command line reads it (``sys.stdin.buffer``)."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_a_dash_reads_the_log_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = cli(capsys, *EVALUATE, str(DEMO_LOG), "--format", "json")[1]
    monkeypatch.setattr(sys, "stdin", Stdin(DEMO_LOG.read_bytes()))
    status, out, _ = cli(capsys, *EVALUATE, "-", "--format", "json")
    assert status == 0 and out == expected


def test_a_bad_line_on_standard_input_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(b'{"type": "signed_in"}\n'))
    status, _, err = cli(capsys, *EVALUATE, "-")
    assert status == 2 and err.startswith("bianmin-rules: error: <stdin>:1: ")


def test_output_goes_to_a_file_whole_or_not_at_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    status, out, _ = cli(capsys, *EVALUATE, str(DEMO_LOG), "--format", "json", "-o", str(target))
    assert (status, out) == (0, "")
    assert len(Report.model_validate_json(target.read_text(encoding="utf-8")).violations()) == 8
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not the temporary file's private 0600
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    status, _, _ = cli(capsys, *EVALUATE, str(bad), "--format", "json", "-o", str(target))
    assert status == 2 and Report.model_validate_json(target.read_text(encoding="utf-8"))  # the earlier file stands
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "report.json"]  # no temporary file left


def test_an_output_folder_that_does_not_exist_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = cli(capsys, "demo", "-o", str(tmp_path / "no" / "such" / "report.md"))
    assert status == 2 and err.startswith("bianmin-rules: error: ") and "cannot be written" in err


@pytest.mark.parametrize("command", [("demo",), ("import", "register.xlsx")])
def test_an_empty_output_name_is_one_line(capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    """``-o ''`` names no file: one line and status 2, for a report and for an import alike."""
    status, _, err = cli(capsys, *command, "-o", "")
    assert (status, err) == (2, "bianmin-rules: error: '': cannot be written (no file name)\n")


@pytest.mark.parametrize("command", [
    ("demo",), ("example", "town-basic"), ("show", "town-basic"), ("schema", "cases"), ("lint", "town-basic"),
    ("explain", str(DEMO_LOG), "--variant", "county-centre", "--as-of", "2026-03-31", "--staff", "S-li"),
    ("diff", str(DEMO_LOG), "--variant", "county-centre", "--against", "county-centre", "--as-of", "2026-03-31"),
    ("generate", "--events", "50"),
])
def test_every_command_that_writes_a_report_takes_o(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...],
) -> None:
    printed = cli(capsys, *command)[1]
    target = tmp_path / "out"
    status, out, _ = cli(capsys, *command, "-o", str(target))
    assert (status, out) == (0, "") and target.read_text(encoding="utf-8") == printed


def test_version_has_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"bianmin-rules {bianmin_rules.__version__}\n"
    assert version("bianmin-rules") == bianmin_rules.__version__  # the package metadata reads the same line
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "src/bianmin_rules/__init__.py"' in pyproject


def test_python_m_bianmin_rules_is_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "bianmin_rules", "--version"], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout) == (0, f"bianmin-rules {bianmin_rules.__version__}\n")


@pytest.fixture(scope="module")
def long_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic log whose report is far longer than a pipe holds."""
    path = tmp_path_factory.mktemp("pipe") / "log.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in generate(5000, seed=1)), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    "evaluate {log} --variant county-centre --as-of 2026-12-31",
    "evaluate {log} --variant county-centre --as-of 2026-12-31 --format csv",
    "generate --events 100000",
])
def test_a_reader_that_goes_away_ends_the_command_quietly(command: str, long_log: Path) -> None:
    """`bianmin-rules evaluate LOG … | head -1`: the report stops where the reader stopped reading, with no error
    line and the status of a command ended by SIGPIPE (141), as `cat` or `seq` end."""
    process = subprocess.Popen([sys.executable, "-m", "bianmin_rules", *shlex.split(command.format(log=long_log))],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=300) == 141
    assert first and error == b""


def every_command() -> Iterator[tuple[str, str]]:
    parser = build_parser()
    yield "", parser.format_help()
    for name, command in sub_commands(parser):
        yield name, command.format_help()


@pytest.mark.parametrize(("name", "text"), list(every_command()), ids=lambda x: x if len(x) < 30 else "")
def test_every_help_ends_with_examples_that_parse(name: str, text: str) -> None:
    assert "\nexamples:\n" in text, name
    examples = text.split("\nexamples:\n", 1)[1].strip().splitlines()
    assert examples
    for line in examples:
        command = line.split("#", 1)[0].split("|")[-1].strip()
        words = shlex.split(command)
        assert words[0] == "bianmin-rules", line
        if words[1:] == ["COMMAND", "--help"]:
            continue
        build_parser().parse_args(words[1:])  # exits on an example the parser refuses


@pytest.mark.parametrize(("fail_on", "status"), [(None, 0), ("violations", 1), ("warnings", 1)])
def test_fail_on_violations_or_warnings(
    capsys: pytest.CaptureFixture[str], fail_on: str | None, status: int,
) -> None:
    """The demo log has 8 violations and no warnings."""
    args = [*EVALUATE, str(DEMO_LOG)] + (["--fail-on", fail_on] if fail_on else [])
    result, out, err = cli(capsys, *args)
    assert result == status and out.startswith("# county-centre 评估报告")
    assert err == ("" if fail_on is None else f"bianmin-rules: 违规 8 条，提醒 0 条（--fail-on {fail_on}）\n")
    if fail_on is not None:
        err = cli(capsys, *args, "--lang", "en")[2]
        assert err == f"bianmin-rules: 8 violations, 0 warnings (--fail-on {fail_on})\n"


def test_fail_on_warnings_fails_on_a_warning_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """TL-10 (county-centre 限时办结制 二): a case due in two working days is a warning, not a violation."""
    log = tmp_path / "open.jsonl"
    log.write_text('{"type": "case_received", "id": "e1", "at": "2026-06-24T09:00", "case": "P3", '
                   '"case_type": "promised", "promised_limit": 5, "window": "W1", "staff": "S1"}\n'
                   '{"type": "receipt_notice_issued", "id": "e2", "at": "2026-06-24T09:05", "case": "P3", '
                   '"promised_date": "2026-07-01", "window": "W1", "staff": "S1"}\n', encoding="utf-8")
    base = ("evaluate", str(log), "--variant", "county-centre", "--as-of", "2026-06-30")
    assert cli(capsys, *base, "--fail-on", "violations")[0] == 0
    assert cli(capsys, *base, "--fail-on", "warnings")[0] == 1


def test_the_bar_shows_stages_and_percent_of_bytes_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status = main([*EVALUATE, str(DEMO_LOG)])
    drawn = terminal.getvalue()
    assert status == 0 and capsys.readouterr().out.startswith("# county-centre 评估报告")
    for stage in ("reading", "judging", "scoring", "writing"):
        assert stage in drawn, stage
    assert "100%" in drawn and f"{DEMO_LOG.stat().st_size / 1024:.2f}k" in drawn


def test_the_bar_is_silent_with_quiet_and_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([*EVALUATE, str(DEMO_LOG), "--quiet"]) == 0
    assert terminal.getvalue() == ""
    monkeypatch.undo()
    assert cli(capsys, *EVALUATE, str(DEMO_LOG))[2] == ""


def test_evaluate_tells_a_progress_callback_each_stage() -> None:
    told: list[tuple[str, int, int]] = []
    variant = load_variant("county-centre")
    events = read_events(DEMO_LOG.read_bytes().splitlines(), source="demo")
    evaluate(variant, events, as_of=date(2026, 3, 31), progress=lambda *step: told.append(step))
    assert told[0] == ("reading", 0, 0)
    judging = [step for step in told if step[0] == "judging"]
    count = len(variant.policies)
    assert judging[0] == ("judging", 0, count) and judging[-1] == ("judging", count, count)
    assert told[-2:] == [("scoring", 0, 1), ("scoring", 1, 1)]


@pytest.mark.parametrize("name", builtin_variant_names())
def test_each_built_in_variant_accepts_its_example_log(capsys: pytest.CaptureFixture[str], name: str) -> None:
    log = example_text(name)
    report = evaluate(load_variant(name), read_events(log.split("\n"), source=name), as_of=date(2026, 4, 1))
    assert report.events_read > 10
    status, out, _ = cli(capsys, "example", name)
    assert (status, out) == (0, log)


def test_the_demo_says_county_centre_prices_through_its_scorecards(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "demo")[1]
    totals = out.split("## 各对象合计", 1)[1].split("## 违规明细", 1)[0]
    assert "county-centre 的判定本身不计分、不罚款，由其考核表计分" in totals
    out = cli(capsys, "demo", "--lang", "en")[1]
    totals = out.split("## Totals per subject", 1)[1].split("## Verdicts", 1)[0]
    assert "county-centre prices its verdicts through its scorecards" in totals


def test_import_shows_its_stages_on_a_terminal_and_nothing_elsewhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    register = Path(__file__).parent.parent / "examples" / "registers" / "time-clock.csv"
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["import", str(register), "-o", str(tmp_path / "a.jsonl")]) == 0
    drawn = terminal.getvalue()
    assert "reading" in drawn
    assert "16/16 " in drawn  # the sheet's rows, its header included
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["import", str(register), "-o", str(tmp_path / "b.jsonl"), "--quiet"]) == 0
    assert "reading" not in quiet.getvalue() and "events from" in quiet.getvalue()
    monkeypatch.undo()
    assert main(["import", str(register), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert "reading" not in capsys.readouterr().err
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "c.jsonl").read_bytes()
