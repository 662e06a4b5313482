"""A variant file's errors, as its author meets them: every problem at once, at the author's own line and key,
and the nearest names for a misspelt kind, event type, variant or rule ID.

docs/errors.md (VariantError) describes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import EventError, VariantError, load_variant, read_events
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.cli.main import EXIT_BAD_INPUT, main
from bianmin_rules.core.errors import VariantProblem, close_names, did_you_mean
from bianmin_rules.families import BUILTIN
from bianmin_rules.intake.files import DATA

DEMO_LOG = str(DATA / "examples" / "county-centre.jsonl")

TOWN = '''extends = "county-centre"
name = "my-town"

# TL-7: a limit that is not a number of days.
[[policies]]
rule = "TL-7"
limit = "two days"

[[policies]]
id = "notice"
kind = "notice-deadlin"
rule = "OTN-3"

[[policies]]
id = "stray"
rule = "tl-7"
'''
"""Three entries, four problems: a wrong value (line 7), a misspelt kind (line 11), an entry that is neither new
(no kind) nor an inherited one's (its id is new), naming a rule ID in the wrong case (lines 14 and 16)."""

EXPECTED = [
    (7, "policies[0].limit", "Input should be a valid dictionary or instance of TimeLimit"),
    (11, "policies[1].kind", "unknown policy kind 'notice-deadlin'; did you mean 'notice-deadline'"),
    (14, "policies[2]", "names no `kind`: a new policy states its kind"),
    (16, "policies[2].rule", "'tl-7' is not a rule of the catalogue; did you mean 'TL-7'"),
]


def town(tmp_path: Path) -> str:
    path = tmp_path / "my-town.toml"
    path.write_text(TOWN, encoding="utf-8")
    return str(path)


def test_every_problem_of_a_child_file_is_reported_at_its_own_line_and_key(tmp_path: Path) -> None:
    """Not the first problem only, and never the merged list's index (county-centre has 47 policies)."""
    path = town(tmp_path)
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    error = caught.value
    found = [(p.line, p.key, p.file) for p in error.problems]
    assert found == [(line, key, path) for line, key, _ in EXPECTED]
    for problem, (_, _, words) in zip(error.problems, EXPECTED, strict=True):
        assert problem.message.startswith(words)
    assert (error.key, error.line, error.message) == ("policies[0].limit", 7, error.problems[0].message)
    assert str(error).split("\n") == [problem.text(path) for problem in error.problems]
    assert str(error).split("\n")[0] == (
        f"variant '{path}', line 7: policies[0].limit: Input should be a valid dictionary or instance of TimeLimit")


@pytest.mark.parametrize("command", ["evaluate", "show", "diff", "explain", "test"])
def test_the_command_line_prints_every_problem_one_a_line_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str,
) -> None:
    path = town(tmp_path)
    args = {
        "evaluate": ["evaluate", DEMO_LOG, "--variant", path, "--as-of", "2026-03-31"],
        "show": ["show", path],
        "diff": ["diff", DEMO_LOG, "--variant", "county-centre", "--against", path, "--as-of", "2026-03-31"],
        "explain": ["explain", DEMO_LOG, "--variant", path, "--as-of", "2026-03-31", "--staff", "S-li"],
        "test": ["test", "county-centre", "--variant", path],
    }[command]
    assert main(args) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == len(EXPECTED)
    for line, (number, key, words) in zip(lines, EXPECTED, strict=True):
        assert line.startswith(f"bianmin-rules: error: variant '{path}', line {number}: {key}: {words}")


def test_lint_still_reports_each_problem_as_a_finding(tmp_path: Path) -> None:
    """Lint's findings are its own: keys of the variant as resolved, each with the author's line."""
    report = lint_variant(town(tmp_path))
    mine = sorted((f.line, f.code) for f in report.unaccepted)
    assert mine == [(7, "invalid"), (11, "invalid"), (14, "invalid"), (16, "unknown-rule")]
    assert any("did you mean 'notice-deadline'" in f.message for f in report.unaccepted)


def test_every_shape_problem_of_a_child_is_reported_before_merging(tmp_path: Path) -> None:
    path = tmp_path / "town.toml"
    path.write_text('extends = "county-centre"\npolicies = [1, "TL-1"]\nremove_policies = [5]\n', encoding="utf-8")
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    assert [(p.line, p.key) for p in caught.value.problems] == [
        (2, "policies[0]"), (2, "policies[1]"), (3, "remove_policies[0]")]


def test_every_unknown_policy_to_remove_is_named_with_the_nearest_ids(tmp_path: Path) -> None:
    path = tmp_path / "town.toml"
    path.write_text('extends = "county-centre"\nremove_policies = ["notice-reprts", "TL-1", "zzz"]\n',
                    encoding="utf-8")
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    first, second = caught.value.problems
    assert (first.key, second.key) == ("remove_policies[0]", "remove_policies[2]")
    assert "did you mean 'notice-reports'" in first.message
    assert "nothing close" in second.message and "bianmin-rules show" in second.message


def test_a_misspelt_built_in_variant_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "county-center"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == (
        "bianmin-rules: error: variant 'county-center': no such built-in variant; did you mean 'county-centre'?\n")


def test_a_misspelt_parent_suggests_the_nearest_at_the_extends_line(tmp_path: Path) -> None:
    path = tmp_path / "town.toml"
    path.write_text('name = "town"\nextends = "town-basics"\n', encoding="utf-8")
    with pytest.raises(VariantError, match=r"did you mean 'town-basic'") as caught:
        load_variant(path)
    assert caught.value.key == "extends" and caught.value.line == 2


def test_a_misspelt_event_type_suggests_the_nearest() -> None:
    line = '{"type": "case_recieved", "id": "e1", "at": "2026-03-02T09:00"}'
    with pytest.raises(EventError) as caught:
        list(read_events([line]))
    assert caught.value.field == "type"
    assert caught.value.message.startswith("unknown event type 'case_recieved'; did you mean 'case_received'")


def test_an_event_type_near_nothing_points_at_the_schema_instead_of_listing_every_type() -> None:
    with pytest.raises(EventError) as caught:
        list(read_events(['{"type": "zzzzzz", "id": "e1", "at": "2026-03-02T09:00"}']))
    message = caught.value.message
    assert "bianmin-rules schema events" in message and "case_received" not in message


def test_did_you_mean_lists_a_short_list_whole_and_points_at_a_long_one() -> None:
    assert did_you_mean("x", ["a-b", "c-d"], listed="L") == "expected one of: a-b, c-d"
    many = [f"name-{n}" for n in range(20)]
    assert did_you_mean("x", many, listed="L") == "nothing close among the 20 known; L lists them"
    assert did_you_mean("nam-1", ["name-1", "other"], listed="L") == "did you mean 'name-1'?"


@given(st.sampled_from(sorted(BUILTIN.policy_kinds)), st.data())
def test_a_kind_with_one_letter_dropped_is_suggested(kind: str, data: st.DataObject) -> None:
    """Property: whatever letter of a policy kind is dropped, the kind is among the names suggested."""
    index = data.draw(st.integers(0, len(kind) - 1))
    assert kind in close_names(kind[:index] + kind[index + 1:], BUILTIN.policy_kinds)


@given(st.sampled_from(sorted(BUILTIN.rules)))
def test_a_rule_id_in_lower_case_is_suggested_first(rule: str) -> None:
    assert close_names(rule.lower(), BUILTIN.rules)[0] == rule


def test_a_problem_without_a_key_names_the_file_only() -> None:
    assert VariantProblem("not valid TOML").text("a.toml") == "variant 'a.toml': not valid TOML"
    assert VariantProblem("m", "k", "p.toml", 3).text("a.toml") == "variant 'a.toml', file 'p.toml', line 3: k: m"


def test_a_misspelt_parameter_suggests_the_nearest(tmp_path: Path) -> None:
    path = tmp_path / "town.toml"
    path.write_text('extends = "county-centre"\nname = "town"\n\n[[policies]]\nrule = "TL-7"\nlimt = 2\n',
                    encoding="utf-8")
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    assert (caught.value.key, caught.value.line) == ("policies[0].limt", 6)
    assert caught.value.message == "'limt' is not a parameter of rejection-decision; did you mean 'limit'?"


def test_a_batch_names_every_problem_of_a_centres_variant_on_its_one_line(tmp_path: Path) -> None:
    """A batch's summary holds one line per centre (docs/batch.md): the problems are joined there."""
    pytest.importorskip("dask")
    from bianmin_rules.scale.work import error_text

    with pytest.raises(VariantError) as caught:
        load_variant(town(tmp_path))
    line = error_text(caught.value)
    assert "\n" not in line and line.split("; variant ")[1].startswith(f"'{tmp_path / 'my-town.toml'}', line 11")
    assert line.count(f"variant '{tmp_path / 'my-town.toml'}'") == len(EXPECTED)


def test_with_lang_zh_each_problem_line_is_led_by_the_chinese_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    path = town(tmp_path)
    assert main(["evaluate", DEMO_LOG, "--variant", path, "--as-of", "2026-03-31", "--lang", "zh"]) == EXIT_BAD_INPUT
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(EXPECTED)
    for line, (number, key, _) in zip(lines, EXPECTED, strict=True):
        assert line.startswith(f"bianmin-rules: 错误：变体文件有误：variant '{path}', line {number}: {key}: ")
