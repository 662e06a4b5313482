"""The TOML locator: every dotted key of a variant file and the line it is written on."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import load_variant
from bianmin_rules.authoring.locate import key_lines, locate
from bianmin_rules.core.variant import join, key_parts, key_text
from bianmin_rules.intake.files import DATA

COUNTY = (DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8")
TL7 = "policies[{}]".format(*[i for i, p in enumerate(load_variant("county-centre").policies) if p.rule == "TL-7"])
"""The key of county-centre's one TL-7 policy."""


def line(text: str, number: int) -> str:
    return text.split("\n")[number - 1]  # TOML lines end at \n only (not at \x85 or \u2028)


def test_keys_of_county_centre() -> None:
    """Arrays of tables are counted per parent; inline tables and arrays give their elements' lines."""
    lines = key_lines(COUNTY)
    assert line(COUNTY, lines[TL7]) == "[[policies]]"
    assert line(COUNTY, lines[f"{TL7}.limit"]) == "limit = 3"
    assert line(COUNTY, lines["scorecards[1]"]) == "[[scorecards]]"
    assert line(COUNTY, lines["scorecards[0].categories[4].items[1].rules[0].table"]) == (
        "[scorecards.categories.items.rules.table]")
    assert "low = 65" in line(COUNTY, lines["scorecards[0].categories[4].items[1].rules[0].table.bands[3]"])
    assert '"joint_review"' in line(COUNTY, lines["scorecards[0].categories[0].items[0].rules[1]"])
    assert line(COUNTY, lines["case_types.rejected"]) == 'rejected = "驳回件"'


def test_every_key_of_county_centre_is_found() -> None:
    data = tomllib.loads(COUNTY)
    lines = key_lines(COUNTY)
    assert [key for key in leaf_keys(data) if key not in lines] == []


def test_a_missing_key_is_placed_at_its_table() -> None:
    lines = key_lines(COUNTY)
    assert locate(lines, f"{TL7}.limit.amount") == (f"{TL7}.limit", lines[f"{TL7}.limit"])
    assert locate(lines, "policies[1].limit") == ("policies[1]", lines["policies[1]"])
    assert locate(lines, "effective") is None


def test_strings_and_comments_hide_their_brackets() -> None:
    text = '''# [[policies]] in a comment
a = """
[[policies]]
b = 1
"""
c = 'x = [1'  # [not, a, table]
d = "quote \\" [x]"
e = \'\'\'
[[e]]\'\'\'

[[policies]]
"quoted.key" = 1
dotted.inner = [
  1,  # one
  { k = "v" },
]
'''
    assert tomllib.loads(text)["policies"][0]["dotted"]["inner"][1] == {"k": "v"}
    lines = key_lines(text)
    assert lines["policies[0]"] == 11
    assert lines["policies[0].quoted.key"] == 12
    assert (lines["policies[0].dotted.inner[0]"], lines["policies[0].dotted.inner[1].k"]) == (14, 15)
    assert "policies[1]" not in lines and "e" in lines


def test_a_table_under_an_array_of_tables_belongs_to_its_last_element() -> None:
    text = "[[a]]\nx = 1\n[[a]]\n[a.b]\ny = 2\n[[a.c]]\n[[a.c]]\nz = 3\n"
    lines = key_lines(text)
    assert (lines["a[1].b.y"], lines["a[1].c[1].z"]) == (5, 8)
    assert "a[0].b" not in lines


def test_key_parts_round_trip() -> None:
    key = "scorecards[0].categories[3].items[1]"
    assert key_parts(key) == ("scorecards", 0, "categories", 3, "items", 1)
    assert key_text(key_parts(key)) == key
    assert join("", "a") == "a" and join("a", 2) == "a[2]"


def leaf_keys(node: Any, path: str = "") -> Iterator[str]:
    """Every key of parsed TOML data, tables and arrays included."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for name, value in items:
        key = join(path, name)
        yield key
        yield from leaf_keys(value, key)


NAMES = st.text(alphabet="abcdefgh_-", min_size=1, max_size=6)
SCALARS = st.one_of(st.integers(), st.booleans(), st.text(max_size=8), st.just("[[x]] # \"]"))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(NAMES, inner, max_size=3)),
    max_leaves=12,
)


@given(st.dictionaries(NAMES, VALUES, min_size=1, max_size=4))
def test_every_key_of_any_file_is_found_on_its_line(data: dict[str, Any]) -> None:
    """Whatever a writer makes of the data (arrays of tables, inline tables, multi-line arrays), each key is found."""
    text = tomli_w.dumps(data)
    lines = key_lines(text)
    for key in leaf_keys(data):
        assert key in lines, (key, text)
        last = key_parts(key)[-1]
        if isinstance(last, str):
            assert last in line(text, lines[key]), (key, text)
