"""The quotes of the built-in variants and their cases: the texts' words, and where a quote repairs them, marked.

The source texts are scans: "迟至U" for 迟到, "9195%" for 91—95% (the dash lost), "扣05分" for
扣0.5分, stray marks (的', 的., 的`). A quote that repairs a slip says so right after the
repaired words, "〔原文：…〕" giving what the text prints; words left out are "……"; clauses
are quoted in the text's order. With the texts at hand (tests/source_texts.py), every
quote of the variants is checked against them word for word (the cases' quotes in
tests/test_variant_cases.py).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

from bianmin_rules.intake.files import builtin_variant_names, variant_text
from tests.source_texts import MARK, as_printed, parts, seed_folder, source_texts


def quotes(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every quote of a variant's data (``quote`` keys, and the ``text`` of bands and disqualifications).

    A quote's path ends in ``;`` when its ``article`` names more than one article: its
    stretches may then follow the order of the articles named rather than the text's.
    """
    if isinstance(node, dict):
        several = "；" in str(node.get("article", ""))
        for key, value in node.items():
            if key in ("quote", "text") and isinstance(value, str):
                yield f"{path}.{key}{';' if several else ''}", value
            else:
                yield from quotes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from quotes(value, f"{path}[{index}]")


def quotes_of(name: str) -> list[tuple[str, str]]:
    """The quotes of a built-in variant and of its cases (data/variants/tests)."""
    cases = resources.files("bianmin_rules") / "data" / "variants" / "tests" / f"{name}.cases.toml"
    found = list(quotes(tomllib.loads(variant_text(name)[0])))
    if cases.is_file():
        found += [(f"cases{path}", text) for path, text in quotes(tomllib.loads(cases.read_text(encoding="utf-8")))]
    return found


SLIPS = {
    "county-centre": {"迟至U": "迟到〔原文：迟至U〕", "9195%": "91—95%〔原文：9195%〕",
                      "扣05分": "扣0.5分〔原文：扣05分〕", "60%65%": "60%—65%〔原文：60%65%〕",
                      "66%70%": "66%—70%〔原文：66%70%〕",
                      "71%80%": "71%—80%〔原文：71%80%〕", "81%90%": "81%—90%〔原文：81%90%〕"},
    "dahe-town": {"的'": "替岗的〔原文：的'〕"},
    "shouzhan-town": {"的'": "月公布”的〔原文：的'〕方式"},
    "town-basic": {"的.": "当事人的〔原文：的.〕申诉处理"},
    "town-conduct-100": {"的`": "提出的〔原文：的`〕申请事项"},
}
"""The scanning slips each variant's quotes repair, and the repair as the quote marks it."""


@pytest.mark.parametrize(("name", "slip"), [(name, slip) for name, slips in SLIPS.items() for slip in slips])
def test_a_repaired_slip_is_marked_wherever_it_is_quoted(name: str, slip: str) -> None:
    """e.g. county-centre 考核办法 一、(一) prints "项目联审会迟至U、缺席的每次扣1分": the quote reads
    "项目联审会迟到〔原文：迟至U〕、缺席的每次扣1分" — repaired, and saying so."""
    texts = [text for _, text in quotes_of(name)]
    assert any(SLIPS[name][slip] in text for text in texts)
    for text in texts:
        assert slip not in MARK.sub("", text), text  # the slip stands only inside a mark


@pytest.mark.parametrize("name", builtin_variant_names())
def test_marks_are_well_formed(name: str) -> None:
    """Every bracket of a quote is a repair mark: "〔原文：…〕", after the words it repairs."""
    for path, text in quotes_of(name):
        bare = MARK.sub("", text)
        assert "〔" not in bare and "〕" not in bare, path
        assert not text.startswith("〔"), path


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_quote_is_the_text_word_for_word(name: str) -> None:
    """Against the source texts: each stretch between "……" is printed there, once its marked repairs are undone,
    and the stretches of a quote of one article follow the text's order."""
    folder = seed_folder()
    if folder is None:
        pytest.skip("the source texts (shared/seeds) are not beside this checkout; set BIANMIN_SEEDS")
    texts = source_texts(folder)
    for path, text in quotes_of(name):
        if path.startswith("cases"):
            continue  # the cases' quotes: tests/test_variant_cases.py
        at = -1
        for part in parts(text):
            printed = as_printed(part, texts)
            assert printed is not None, (path, part)
            if not path.endswith(";"):  # one article: its clauses in the text's order
                at = texts.find(printed, at + 1)
                assert at != -1, (path, "clauses out of the text's order", part)
