"""``bianmin-rules show``: a variant as its files write it — their comments kept — with every parameter it applies.

docs/cli.md (show) says what it prints for a built-in variant and for a file that extends another.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules import Variant, load_variant
from bianmin_rules.authoring.commented import commented_toml
from bianmin_rules.cli.main import main
from bianmin_rules.core.errors import MissingExtraError
from bianmin_rules.intake.files import DATA, builtin_variant_names, variant_text
from tests.test_tutorial import appears_in_order


def shown(capsys: pytest.CaptureFixture[str], reference: str) -> str:
    assert main(["show", reference]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("name", builtin_variant_names())
def test_show_of_a_built_in_keeps_every_comment_and_reads_back_the_same(
    capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    printed = shown(capsys, name)
    written = (DATA / "variants" / f"{name}.toml").read_text(encoding="utf-8")
    assert appears_in_order(comment_lines(written), [line.strip() for line in printed.splitlines()]) == []
    assert Variant.from_toml(printed, origin="printed") == load_variant(name)


def test_show_states_every_parameter_the_variant_applies(capsys: pytest.CaptureFixture[str]) -> None:
    """county-centre's TL-1 writes no points, fine, charge_to: the printed copy states the defaults it applies."""
    printed = tomllib.loads(shown(capsys, "county-centre"))
    (immediate,) = [p for p in printed["policies"] if p["id"] == "immediate-same-day"]
    assert (immediate["points"], immediate["fine"], immediate["charge_to"]) == (0, 0, "staff")
    assert "points" not in tomllib.loads(variant_text("county-centre")[0])["policies"][0]


TOWN = '''# my-town.toml — 某镇, as changes to the county's rules.
extends = "county-centre"
name = "my-town"
title = "某镇便民服务中心"
source = { document = "某镇便民服务中心管理制度" }
remove_policies = ["TL-1"]

# TL-7: the county says 3 working days; our text says 2.
[[policies]]
rule = "TL-7"
limit = 2  # 第七条

# OTN-3: our text leaves the number blank; the centre applies 5.
[[policies]]
id = "notice-deadline"
kind = "notice-deadline"
rule = "OTN-3"
limit = 5
source = { document = "某镇便民服务中心管理制度", article = "第八条", quote = "确实不能当场告知的……" }
'''


def test_show_of_a_child_lays_it_over_the_parent_with_both_files_comments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    path = tmp_path / "my-town.toml"
    path.write_text(TOWN, encoding="utf-8")
    printed = shown(capsys, str(path))
    lines = [line.strip() for line in printed.splitlines()]
    assert lines[0] == "# my-town.toml — 某镇, as changes to the county's rules."
    assert Variant.from_toml(printed, origin="printed") == load_variant(path)
    county = (DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8")
    assert appears_in_order(comment_lines(county)[:20], lines) == []
    # The child's comment stands above the county's TL-7 entry it changes; its end-of-line comment stays.
    tl7 = lines.index('id = "rejection-decision"')
    assert lines[tl7 - 2:tl7] == ["# TL-7: the county says 3 working days; our text says 2.", "[[policies]]"]
    assert "limit = 2  # 第七条" in lines[tl7:tl7 + 8]
    # The new policy comes after the county's last, with its comment, before the scorecards' own.
    new = lines.index('id = "notice-deadline"')
    assert lines[new - 2] == "# OTN-3: our text leaves the number blank; the centre applies 5."
    assert new < lines.index("[[scorecards]]")
    assert 'id = "immediate-same-day"' not in lines and 'based_on = "county-centre"' in lines


CHANGES = st.lists(st.sampled_from([
    ("rejection-decision", "limit", 2), ("promised-limit", "points", -1), ("absence", "fine", 50),
    ("complaint-answer", "fine", 10), ("late-or-early", "points", -1), ("green-channel", "fraction", 0.4),
]), unique_by=lambda change: change[0], max_size=4)


REMOVALS = st.lists(st.sampled_from(["TL-1", "ATT-4", "fee-findings", "OTN-5"]), unique=True, max_size=2)


@settings(max_examples=15, deadline=None)
@given(changes=CHANGES, removed=REMOVALS)
def test_any_child_shows_as_itself_with_its_comments(changes: list[tuple[str, str, object]], removed: list[str],
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    """Property: whatever the child changes and removes (the county's first policy among them), what show prints
    reads back as the child, and holds the comment the child writes above each change."""
    text = 'extends = "county-centre"\nname = "child"\n' + (f"remove_policies = {removed!r}\n" if removed else "")
    text = text.replace("'", '"')
    for policy, key, value in changes:
        text += f"\n# change {policy}\n[[policies]]\nid = \"{policy}\"\n{key} = {value}\n"
    path = tmp_path_factory.mktemp("child") / "child.toml"
    path.write_text(text, encoding="utf-8")
    variant = load_variant(path)
    printed = commented_toml(variant, text, origin=str(path), read=variant_text)
    assert Variant.from_toml(printed, origin="printed") == variant
    for policy, _, _ in changes:
        assert f"# change {policy}" in printed


def test_without_tomlkit_show_prints_the_variant_without_comments_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(*args: object, **kwargs: object) -> str:
        raise MissingExtraError(module="tomlkit", extra="cli", purpose="Keeping a variant file's comments")

    monkeypatch.setattr("bianmin_rules.cli.main.commented_toml", missing)
    assert main(["show", "town-basic"]) == 0
    out, err = capsys.readouterr()
    assert out == load_variant("town-basic").to_toml()
    assert err.startswith("bianmin-rules: comments left out: Keeping a variant file's comments needs the optional "
                          "package 'tomlkit': pip install 'bianmin-rules[cli]'")
