"""The JSON Schemas editors check files against: shipped current, and true to the files as authors write them.

A variant file that ``extends`` another leaves out what it inherits (case types, whole policies); the schema
of ``bianmin-rules schema variant`` accepts it, and every variant file of the tutorial, the docs, the README,
the examples and the built-in variants validates against it (docs/tutorial.md, "Editor support").
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules.authoring.schema import SCHEMA_MAKERS, schema_of, schema_text, shipped_schema, variant_file_schema
from bianmin_rules.cli.main import main
from bianmin_rules.families import BUILTIN
from bianmin_rules.intake.files import DATA, builtin_variant_names

ROOT = Path(__file__).parent.parent
VALIDATOR = jsonschema.Draft202012Validator(variant_file_schema())


def plain(value: Any) -> Any:
    """TOML values as an editor's TOML-to-JSON reading has them: dates as ISO text, decimals as numbers."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def problems(data: dict[str, Any]) -> list[str]:
    """What the variant schema finds wrong with a file's data, one message each."""
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"[:300] for e in VALIDATOR.iter_errors(plain(data))]


@pytest.mark.parametrize("what", sorted(SCHEMA_MAKERS))
def test_the_shipped_schema_is_the_one_the_library_makes(what: str) -> None:
    """Run `python -m tools.reference schemas` after changing a model."""
    assert shipped_schema(what).read_text(encoding="utf-8") == schema_text(schema_of(what, BUILTIN))


@pytest.mark.parametrize("what", sorted(SCHEMA_MAKERS))
def test_each_schema_is_a_valid_json_schema(what: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema_of(what))


def test_schema_variant_prints_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line's families are the library's own here (no other family is installed in the suite)."""
    assert main(["schema", "variant"]) == 0
    assert capsys.readouterr().out == shipped_schema("variant").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_built_in_variant_validates(name: str) -> None:
    assert problems(tomllib.loads((DATA / "variants" / f"{name}.toml").read_text(encoding="utf-8"))) == []


def toml_blocks() -> list[tuple[str, str]]:
    """Every ```toml block of the docs and the README that is (part of) a variant file, with where it stands."""
    keys = set(variant_file_schema()["properties"])
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for number, match in enumerate(re.finditer(r"^```toml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)):
            try:
                data = tomllib.loads(match.group(1))
            except tomllib.TOMLDecodeError:
                continue  # a sketch with … in place of a value
            if data and set(data) <= keys:
                found.append((f"{page.relative_to(ROOT)}#{number}", match.group(1)))
    return found


DOC_BLOCKS = toml_blocks()


def test_the_docs_hold_variant_files_to_check() -> None:
    """The tutorial's two versions of my-town.toml, the README's, and the snippets of lint.md and ladders.md."""
    places = [place for place, _ in DOC_BLOCKS]
    assert sum(place.startswith("docs/tutorial.md") for place in places) >= 3
    assert any(place.startswith("README.md") for place in places)
    assert any(place.startswith("docs/lint.md") for place in places)


@pytest.mark.parametrize(("place", "text"), DOC_BLOCKS, ids=[place for place, _ in DOC_BLOCKS])
def test_every_variant_file_of_the_docs_validates(place: str, text: str) -> None:
    """A snippet (a few [[policies]], a [[lint.accept]]) is checked as part of a file that extends another."""
    data = tomllib.loads(text)
    if "extends" not in data and "case_types" not in data:
        data = {"extends": "county-centre", **data}
    assert problems(data) == []


EXAMPLE_VARIANTS = ["examples/whatif/amended.toml"]


@pytest.mark.parametrize("path", EXAMPLE_VARIANTS)
def test_every_example_variant_validates(path: str) -> None:
    """examples/custom-family's variant names a kind of its own family: its own tests check it."""
    assert problems(tomllib.loads((ROOT / path).read_text(encoding="utf-8"))) == []


def test_the_examples_hold_no_other_variant_file() -> None:
    variants = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "examples").rglob("*.toml"))
                if "name" in tomllib.loads(p.read_text(encoding="utf-8")) and "policies" in p.read_text("utf-8")]
    assert sorted(variants) == sorted([*EXAMPLE_VARIANTS, "examples/custom-family/qingshi-town.toml"])


TOWN = {
    "extends": "county-centre", "name": "my-town", "title": "某镇",
    "policies": [{"rule": "TL-7", "limit": 2}, {"id": "notice-deadline", "limit": 5}],
    "remove_policies": ["TL-1"],
}


def test_a_child_needs_no_case_types_and_writes_only_what_changes() -> None:
    assert problems(TOWN) == []


def test_a_whole_file_needs_its_case_types_and_whole_policies() -> None:
    whole = {key: value for key, value in TOWN.items() if key not in ("extends", "remove_policies")}
    found = problems(whole)
    assert any("'case_types' is a required property" in p for p in found)
    assert any("'source' is a required property" in p or "'kind' is a required property" in p for p in found)


def test_only_a_child_removes_policies() -> None:
    county = tomllib.loads((DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8"))
    assert problems({**county, "remove_policies": ["TL-1"]}) != []


@pytest.mark.parametrize(("entry", "words"), [
    ({"rule": "TL-7", "limt": 2}, "'limt'"),
    ({"rule": "TL-7", "kind": "rejection-decision", "findings": ["x"]}, "findings"),
    ({"id": "x", "kind": "notice-deadlin", "rule": "OTN-3"}, "notice-deadlin"),
    ({"limit": 2}, "is not valid under any of the given schemas"),
    ({"rule": "TL-7", "kind": "rejection-decision", "limit": -1}, "-1"),
    ({"rule": "TL-7", "source": {"document": "某镇制度"}}, "policies.0.source: "),
])
def test_a_child_entry_is_still_checked(entry: dict[str, Any], words: str) -> None:
    """A misspelt key, a key another kind has, a misspelt kind, an entry addressing nothing, a value out of bounds
    (in an entry that names its kind: without one, the kind is the inherited policy's, which the schema cannot
    know), and a table that replaces the inherited one whole (a `source` without
    its article, neither a citation nor dated citations)."""
    found = problems({"extends": "county-centre", "policies": [entry]})
    assert any(words in p for p in found), found


COUNTY = tomllib.loads((DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8"))


@given(st.data())
def test_any_change_to_inherited_policies_validates(data: st.DataObject) -> None:
    """Property: a child that restates any of the keys of any of the county's policies (addressed by id) is valid."""
    chosen = data.draw(st.lists(st.sampled_from(COUNTY["policies"]), max_size=4, unique_by=lambda p: p["id"]))
    entries = [
        {"id": policy["id"], **{key: policy[key] for key in data.draw(st.sets(st.sampled_from(sorted(policy))))}}
        for policy in chosen
    ]
    assert problems({"extends": "county-centre", "policies": entries}) == []


@given(st.sampled_from(["name", "title", "source", "case_types", "policies"]))
def test_a_whole_file_missing_a_required_key_is_refused_and_valid_as_a_child(key: str) -> None:
    """Property: what a whole file must state, a child may leave to the variant it extends."""
    without = {k: v for k, v in COUNTY.items() if k != key}
    assert problems(without) != []
    assert problems({"extends": "county-centre", **without}) == []


def test_the_shipped_schema_names_the_editor_keys() -> None:
    schema = json.loads(shipped_schema("variant").read_text(encoding="utf-8"))
    assert {"extends", "remove_policies", "case_types", "policies", "lint"} <= set(schema["properties"])
    assert set(schema["$defs"]["PolicyChange"]["properties"]["kind"]["enum"]) == set(BUILTIN.policy_kinds)
