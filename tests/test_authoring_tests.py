"""bianmin-rules test: case files run, failures show expected against actual with the rule and article,
bad files are one line naming the place; new-variant writes files that pass from the start."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bianmin_rules.authoring.variant_tests import parse_cases, run_cases
from bianmin_rules.cli.main import main
from bianmin_rules.core.errors import CaseFileError

LATE = """
variant = "town-basic"
as_of = "2026-03-05"

[[cases]]
name = "迟到一次扣款20元"
article = "二、(一)3"
quote = "迟到或早退一次扣款20元"
events = [
  { type = "signed_in", at = "2026-03-02T09:10", method = "face", window = "W1", staff = "S1" },
  { type = "signed_out", at = "2026-03-02T17:35", method = "face", window = "W1", staff = "S1" },
]
verdicts = [{ rule = "ATT-1", subject = "staff:S1", on = "2026-03-02", fine = FINE }]
"""


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def case_file(tmp_path: Path, text: str, name: str = "town.cases.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_passing_case_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """ATT-1 (town-basic 二、(一)3 迟到或早退一次扣款20元): in at 09:10, 20 yuan."""
    status, out, _ = cli(capsys, "test", str(case_file(tmp_path, LATE.replace("FINE", "20"))))
    assert status == 0
    assert out.splitlines()[-1] == "1 cases: 1 passed, 0 failed"
    assert out.startswith("PASS ") and "迟到一次扣款20元" in out


def test_a_failure_shows_expected_against_actual_with_rule_and_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    status, out, _ = cli(capsys, "test", str(case_file(tmp_path, LATE.replace("FINE", "30"))))
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith("FAIL ")
    assert lines[0].endswith(":5  迟到一次扣款20元  (ATT-1 二、(一)3「迟到或早退一次扣款20元」)")
    assert lines[1:4] == [
        "  verdict 1",
        "    expected: rule=ATT-1 subject=staff:S1 on=2026-03-02 fine=30",
        "    actual:   ATT-1 violation staff:S1 on=2026-03-02 fine=20 [二、(一)1、3] — differs in fine=20",
    ]
    assert lines[-1] == "1 cases: 0 passed, 1 failed"


def test_a_rule_the_report_lacks_is_named_with_the_rules_it_has() -> None:
    loaded = parse_cases(LATE.replace("FINE", "20").replace('rule = "ATT-1"', 'rule = "ATT-2"'), origin="t")
    (result,) = run_cases(loaded)
    (mismatch,) = result.mismatches
    assert mismatch.actual == "no ATT-2 verdict at all (the report's rules: AB-1, ATT-1, CAL-4)"


def test_two_expected_verdicts_need_two_verdicts() -> None:
    """A pattern never shares a verdict with another: one ATT-1 verdict cannot satisfy two expectations."""
    text = LATE.replace("FINE", "20").replace("verdicts = [", 'verdicts = [{ rule = "ATT-1" }, ')
    (result,) = run_cases(parse_cases(text, origin="t"))
    assert [m.what for m in result.mismatches] == ["verdict 2"]


def test_nothing_else_no_verdicts_totals_and_cards() -> None:
    """nothing_else names the extra verdict (AB-1: W1 stood empty 10 minutes); no_verdicts the unwanted one;
    totals and cards compare what they state."""
    text = LATE.replace("FINE", "20") + (
        'nothing_else = true\nno_verdicts = [{ rule = "AB-1" }]\n'
        'totals = [{ subject = "staff:S1", fine = 25 }]\n'
        'cards = [{ scorecard = "staff", subject = "staff:S1", period = "2026" }]\n'
    )
    (result,) = run_cases(parse_cases(text, origin="t"))
    found = {m.what: m.actual for m in result.mismatches}
    assert found["nothing_else"].startswith("AB-1 violation window:W1 on=2026-03-02")
    assert found["no_verdicts"].startswith("AB-1 violation window:W1")
    assert found["total of staff:S1"] == "fine=20"
    assert found["card staff staff:S1 2026"] == "no such card (the report's cards: none)"


def test_another_variant_shows_which_cases_an_amendment_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    """--variant: town-basic's own cases against an amendment that fines lateness 30 yuan: the ATT-1 case fails."""
    amended = tmp_path / "amended.toml"
    amended.write_text(
        'extends = "town-basic"\nname = "amended"\ntitle = "某镇"\nsource = { document = "某镇制度" }\n\n'
        '[[policies]]\nrule = "ATT-1"\nfine = 30\n', encoding="utf-8",
    )
    status, out, _ = cli(capsys, "test", "town-basic", "--variant", str(amended), "--failures")
    assert status == 1
    failed = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and "迟到一次扣款20元" in failed[0]
    assert "fine=30" in out


def test_json_output_and_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    status, out, _ = cli(capsys, "test", "jianshe-street", "--format", "json", "-o", str(target))
    assert (status, out) == (0, "")
    results = json.loads(target.read_text(encoding="utf-8"))["results"]
    assert len(results) >= 10 and all(r["mismatches"] == [] and r["article"] for r in results)


def test_a_folder_runs_its_case_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case_file(tmp_path, LATE.replace("FINE", "20"), "a.cases.toml")
    (tmp_path / "sub").mkdir()
    case_file(tmp_path / "sub", LATE.replace("FINE", "20"), "b.cases.toml")
    (tmp_path / "ignored.toml").write_text("not a case file", encoding="utf-8")
    status, out, _ = cli(capsys, "test", str(tmp_path))
    assert (status, out.splitlines()[-1]) == (0, "2 cases: 2 passed, 0 failed")


@pytest.mark.parametrize(("text", "message"), [
    ("variant = 'town-basic'\n[[cases]]\nname = 'x'\nevents = []\n", "town.cases.toml:2: cases[0]: Value error, "
     "the case checks nothing"),
    ("variant = 'town-basic'\n[[cases]]\nname = 'x'\nevents = []\nnothing_else = true\nverdict = []\n",
     "town.cases.toml:6: cases[0].verdict: Extra inputs are not permitted"),
    ("variant = 'town-basic'\n[[cases]]\nname = 'x'\nevents = []\nnothing_else = true\n",
     "town.cases.toml:2: cases[0]: the case names no as_of, and the file gives none"),
    ("variant = 'town-basic'\nas_of = 2026-03-05\n[[cases]]\nname = 'x'\nnothing_else = true\nevents = [\n"
     "  { type = 'signed_in', at = '2026-03-02T09:10', staff = 'S1' },\n  { type = 'signed_in', staff = 'S1' },\n]\n",
     "town.cases.toml:8: cases[0].events[1].at: missing: this field is required"),
    ("variant = 'town-basic'\n[[cases]]\nname = 'x'\nverdicts = [{ rule = 'ATT-1', on = 'soon' }]\nevents = []\n",
     "town.cases.toml:4: cases[0].verdicts[0].on: Input should be a valid date"),
    ("variant = = 1", "town.cases.toml: not valid TOML"),
    # A number beyond what any report can hold is refused where it is written (bounds), not written out.
    (LATE.replace("FINE", "1e99999999"),
     "town.cases.toml:13: cases[0].verdicts[0].fine: Input should be less than or equal to 1000000000"),
    (LATE.replace("FINE", "1e-99999999"),
     "town.cases.toml:13: cases[0].verdicts[0].fine: Decimal input should have no more than 28 decimal places"),
])
def test_bad_case_files_are_one_line_naming_the_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str,
) -> None:
    status, out, err = cli(capsys, "test", str(case_file(tmp_path, text)))
    assert status == 2 and out == ""
    assert err.startswith(f"bianmin-rules: error: {tmp_path / message}") and err.count("\n") == 1


def test_an_unknown_name_lists_the_built_in_variants(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "test", "county")
    assert status == 2 and "the built-in variants: community-hall, county-centre" in err


def test_errors_are_typed() -> None:
    with pytest.raises(CaseFileError, match="not valid TOML"):
        parse_cases("x = ", origin="t")
    loaded = parse_cases(LATE.replace("FINE", "20").replace('"signed_in"', '"signed_on"'), origin="t")
    with pytest.raises(CaseFileError, match=re.escape("cases[0].events[0].type: unknown event type 'signed_on'")):
        list(run_cases(loaded))


@pytest.mark.parametrize("base", ["county-centre", "shandong-guideline"])
def test_new_variant_writes_a_variant_and_cases_that_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, base: str,
) -> None:
    """The new variant extends its base and changes nothing: the base's own cases pass against it, and lint
    finds what it finds in the base."""
    status, out, _ = cli(capsys, "new-variant", "my-town", "--extends", base, "--dir", str(tmp_path))
    assert status == 0 and out.count("wrote ") == 2
    variant_file, cases = tmp_path / "my-town.toml", tmp_path / "my-town.cases.toml"
    assert 'extends = "' + base + '"' in variant_file.read_text(encoding="utf-8")
    status, out, _ = cli(capsys, "test", str(cases))
    assert status == 0 and out.splitlines()[-1].endswith(" passed, 0 failed")
    assert int(out.splitlines()[-1].split()[0]) >= 10
    assert cli(capsys, "lint", str(variant_file))[0] == 0
    status, _, err = cli(capsys, "new-variant", "my-town", "--extends", base, "--dir", str(tmp_path))
    assert status == 2 and "exists already; nothing written" in err


def test_new_variant_from_a_file_names_it_relative_to_the_new_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    (tmp_path / "towns").mkdir()
    assert cli(capsys, "new-variant", "my-town", "--extends", "county-centre", "--dir", str(tmp_path / "towns"))[0] == 0
    (tmp_path / "villages").mkdir()
    status, _, _ = cli(capsys, "new-variant", "my-village", "--extends", str(tmp_path / "towns" / "my-town.toml"),
                       "--dir", str(tmp_path / "villages"))
    assert status == 0
    assert 'extends = "../towns/my-town.toml"' in (tmp_path / "villages" / "my-village.toml").read_text("utf-8")
    status, out, _ = cli(capsys, "test", str(tmp_path / "villages"))
    assert (status, out.splitlines()[-1]) == (0, "1 cases: 1 passed, 0 failed")


def test_new_variant_refuses_a_bad_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = cli(capsys, "new-variant", "My Town", "--extends", "county-centre", "--dir", str(tmp_path))
    assert status == 2 and "lower-case letters" in err and not list(tmp_path.iterdir())
