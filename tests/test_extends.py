"""Variants written as changes to another: `extends`, overrides, removals, and printing the result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w

from bianmin_rules import Variant, VariantError, load_variant
from bianmin_rules.cli.main import main


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TOWN = """
extends = "county-centre"
name = "my-town"
title = "某镇便民服务中心"
source = { document = "某镇便民服务中心管理制度" }
remove_policies = ["TL-1"]

[[policies]]
rule = "TL-7"
limit = 5
"""


def test_a_variant_differs_from_its_parent_exactly_in_what_it_overrides(tmp_path: Path) -> None:
    """TL-7 limit 3 → 5, TL-1 removed; everything else is the county's."""
    county = load_variant("county-centre")
    town = load_variant(write(tmp_path, "town.toml", TOWN))
    assert (town.name, town.title, town.based_on) == ("my-town", "某镇便民服务中心", "county-centre")
    assert [p.id for p in town.policies] == [p.id for p in county.policies if p.rule != "TL-1"]
    (county_tl7,) = [p for p in county.policies if p.rule == "TL-7"]
    (town_tl7,) = [p for p in town.policies if p.rule == "TL-7"]  # addressed by its rule, it keeps its id
    assert town_tl7.limit.amount == 5  # type: ignore[union-attr]
    assert town_tl7.model_copy(update={"limit": county_tl7.limit}) == county_tl7  # type: ignore[union-attr]
    others = [p for p in county.policies if p.rule not in {"TL-1", "TL-7"}]
    assert [p for p in town.policies if p.rule != "TL-7"] == others
    assert (town.case_types, town.office_hours) == (county.case_types, county.office_hours)
    assert town.source.section == ""  # a table the child sets is merged key by key with the parent's


def test_a_new_policy_is_added_and_case_types_are_replaced_whole(tmp_path: Path) -> None:
    """CASE-2: a township declares its own case types (guangwu-street: four)."""
    # county-centre's rules naming the 承诺件 and 补办件 types this township does not declare go too.
    text = TOWN.replace(
        'remove_policies = ["TL-1"]', 'remove_policies = ["TL-1", "TL-2", "TL-3", "TL-4", "speed-up-rate"]') + """
[case_types]
immediate = "即办件"
returned = "退回件"
reported = "上报件"
joint = "联办件"

[[policies]]
kind = "finding-penalty"
rule = "ESC-3"
findings = ["late"]
fine = 100
source = { document = "光武街道", article = "第三十八条", quote = "扣除当月考核奖100元" }
"""
    text = text.replace("limit = 5", 'limit = 5\ncase_types = ["returned"]')
    town = load_variant(write(tmp_path, "town.toml", text))
    assert list(town.case_types) == ["immediate", "returned", "reported", "joint"]
    assert [p.rule for p in town.policies if p.id is None] == ["ESC-3"]
    assert [p.case_types for p in town.policies if p.rule == "TL-7"] == [("returned",)]  # type: ignore[attr-defined]


def test_extends_a_file_relative_to_the_child(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", "town.toml", TOWN)
    village = write(tmp_path, "village.toml", 'extends = "base/town.toml"\nname = "my-village"\ntitle = "某村"\n')
    variant = load_variant(village)
    assert (variant.name, variant.based_on) == ("my-village", "base/town.toml")
    assert [p.limit.amount for p in variant.policies if p.rule == "TL-7"] == [5]  # type: ignore[attr-defined]


def test_cycles_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", 'extends = "b.toml"\nname = "a"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\nname = "b"\n')
    with pytest.raises(VariantError, match="extends itself"):
        load_variant(tmp_path / "a.toml")


def test_removing_an_unknown_policy_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(VariantError) as caught:
        load_variant(write(tmp_path, "t.toml", TOWN.replace('["TL-1"]', '["TL-9"]')))
    assert caught.value.key == "remove_policies[0]"


def test_removing_without_extending_is_an_error(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "src/bianmin_rules/data/variants/county-centre.toml").read_text("utf-8")
    with pytest.raises(VariantError, match="only a variant that extends"):
        load_variant(write(tmp_path, "t.toml", 'remove_policies = ["TL-1"]\n' + text))


def test_ambiguous_override_asks_for_ids(tmp_path: Path) -> None:
    base = write(tmp_path, "base.toml", """
name = "base"
title = "基础"
source = { document = "d" }
case_types = { immediate = "即办件" }
[[policies]]
kind = "finding-penalty"
rule = "SC-4"
findings = ["no_badge"]
source = { document = "d", article = "a", quote = "q" }
[[policies]]
kind = "finding-penalty"
rule = "SC-4"
findings = ["littering"]
source = { document = "d", article = "a", quote = "q" }
""")
    child = write(tmp_path, "child.toml", f'extends = "{base.name}"\nname = "child"\n[[policies]]\nrule = "SC-4"\n')
    with pytest.raises(VariantError, match="give them distinct `id`s") as caught:
        load_variant(child)
    assert caught.value.key == "policies[0]"


def test_extends_needs_a_loader_when_read_from_text() -> None:
    with pytest.raises(VariantError, match="no way to load it"):
        Variant.from_toml(TOWN, origin="town")


def test_show_prints_the_resolved_variant_as_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "town.toml", TOWN)
    assert main(["show", str(path)]) == 0
    printed = capsys.readouterr().out
    assert 'based_on = "county-centre"' in printed and "limit = 5" in printed and 'rule = "TL-1"\n' not in printed
    assert Variant.from_toml(printed, origin="printed") == load_variant(path)


def test_schema_variant(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "variant"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"name", "policies", "case_types", "extends", "remove_policies"} <= schema["properties"].keys()


def test_a_rule_id_reaches_the_one_inherited_policy_of_that_rule_and_removes_all_of_it(tmp_path: Path) -> None:
    """Built-in policies carry ids; a child may still address the one TL-7 by its rule, and remove by rule ID."""
    cite = {"document": "d", "article": "a", "quote": "q"}
    base = {
        "name": "base", "title": "基础", "source": {"document": "d"},
        "case_types": {"immediate": "即办件", "rejected": "驳回件"},
        "policies": [{"id": "rejection-decision", "kind": "rejection-decision", "rule": "TL-7", "source": cite}] + [
            {"id": code, "kind": "finding-penalty", "rule": "SC-4", "findings": [code], "source": cite}
            for code in ("no_badge", "littering")],
    }
    write(tmp_path, "base.toml", tomli_w.dumps(base))
    child = write(tmp_path, "child.toml", 'extends = "base.toml"\nname = "child"\nremove_policies = ["SC-4"]\n'
                  '[[policies]]\nrule = "TL-7"\nlimit = 5\n')
    (decision,) = load_variant(child).policies
    assert (decision.id, decision.limit.amount) == ("rejection-decision", 5)  # type: ignore[union-attr]
