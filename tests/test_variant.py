"""Variant files: built-in lookup, and one clear error naming the key of a malformed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bianmin_rules import Variant, VariantError, builtin_variant_names, load_variant
from bianmin_rules.intake.files import DATA

COUNTY = (DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8")


def position(rule: str) -> int:
    """Where county-centre's one policy of ``rule`` stands in its list."""
    (index,) = [i for i, p in enumerate(load_variant("county-centre").policies) if p.rule == rule]
    return index


def error_of(text: str) -> VariantError:
    with pytest.raises(VariantError) as caught:
        Variant.from_toml(text, origin="my-town.toml")
    return caught.value


def test_county_centre_is_built_in() -> None:
    """CASE-1: county-centre declares the six case types of the 六件分类法."""
    assert "county-centre" in builtin_variant_names()
    county = load_variant("county-centre")
    assert list(county.case_types.values()) == ["即办件", "承诺件", "补办件", "联办件", "驳回件", "上报件"]
    assert [p.rule for p in county.policies][:6] == ["TL-1", "TL-2", "TL-3", "TL-4", "TL-6", "TL-7"]
    assert all(p.id for p in county.policies)  # every policy can be addressed by a variant extending it
    assert [t.name for t in county.scorecards] == ["window", "staff"]


def test_a_file_loads_like_a_built_in(tmp_path: Path) -> None:
    path = tmp_path / "county-copy.toml"
    path.write_text(COUNTY, encoding="utf-8")
    assert load_variant(path) == load_variant("county-centre")
    assert load_variant(str(path)) == load_variant("county-centre")


def test_unknown_built_in_lists_the_known_ones() -> None:
    with pytest.raises(VariantError, match=r"no such built-in variant; expected one of: .*county-centre"):
        load_variant("atlantis")


def test_missing_file() -> None:
    with pytest.raises(VariantError, match="cannot read the file"):
        load_variant("no/such/file.toml")


def test_not_toml() -> None:
    assert "not valid TOML" in str(error_of("name = "))


def test_missing_key_is_named() -> None:
    error = error_of(COUNTY.replace('title = "县政务服务中心"\n', ""))
    assert (error.variant, error.key) == ("my-town.toml", "title")


def test_bad_parameter_names_the_policy_and_key() -> None:
    error = error_of(COUNTY.replace("limit = 3", "limit = -3"))
    key = f"policies[{position('TL-7')}].limit.amount"
    assert error.key == key
    assert str(error).startswith(f"variant 'my-town.toml': {key}: ")


def test_unknown_policy_kind() -> None:
    error = error_of(COUNTY.replace('kind = "supplement-clock"', 'kind = "supplement-klok"'))
    assert error.key == f"policies[{position('TL-4')}].kind" and "supplement-klok" in error.message


def test_unknown_parameter() -> None:
    error = error_of(COUNTY.replace("limit = 3", "limt = 3"))
    assert error.key == f"policies[{position('TL-7')}].limt"


def test_policy_case_types_must_be_declared() -> None:
    """CASE-2: a policy may only name case types the variant declares."""
    error = error_of(COUNTY.replace('case_types = ["immediate"]', 'case_types = ["urgent"]'))
    assert "names case type 'urgent'" in error.message and error.key == "policies[0].case_types"


def test_a_bare_number_limit_is_working_days() -> None:
    county = load_variant("county-centre")
    assert county.policies[position("TL-7")].limit.unit == "working_days"  # type: ignore[union-attr]
