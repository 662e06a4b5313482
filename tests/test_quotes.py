"""The quotes of the built-in variants: the words of the texts, and where a quote repairs them, marked.

The source texts are scans: "迟至U" for 迟到, "9195%" for 91—95% (the dash lost), "扣05分" for
扣0.5分, stray marks (的', 的., 的`). A quote that repairs a slip says so right after the
repaired words, "〔原文：…〕" giving what the text prints; words left out are "……"; clauses
are quoted in the text's order. With the texts at hand (``BIANMIN_SEEDS``, the folder of
the five source files), every quote is checked against them word for word.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules.io import builtin_variant_names, variant_text

MARK = re.compile(r"〔原文：([^〔〕]+)〕")


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
    return list(quotes(tomllib.loads(variant_text(name)[0])))


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


SEEDS = os.environ.get("BIANMIN_SEEDS")


def normal(text: str) -> str:
    """Text compared as the scans print it: half-width punctuation, straight quotes, no spaces."""
    text = unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", "", text)


def as_printed(fragment: str, source: str) -> str | None:
    """``fragment`` with each repair undone: the shortest stretch before a mark that its original replaces."""
    done, rest = "", fragment
    while (mark := MARK.search(rest)) is not None:
        original, before = mark.group(1), done + rest[:mark.start()]
        for cut in range(len(original) + 4):
            candidate = before[:len(before) - cut] + original
            if normal(candidate) in source:
                break
        else:
            return None
        done, rest = candidate, rest[mark.end():]
    return normal(done + rest).strip("。，；、:：")


@pytest.mark.skipif(not SEEDS, reason="set BIANMIN_SEEDS to the folder of the five source texts")
@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_quote_is_the_text_word_for_word(name: str) -> None:
    """Against the source texts: each stretch between "……" is printed there, once its marked repairs are undone,
    and the stretches of a quote of one article follow the text's order."""
    assert SEEDS is not None
    source = normal("".join(p.read_text(encoding="utf-8") for p in sorted(Path(SEEDS).glob("*.txt"))))
    for path, text in quotes_of(name):
        at = -1
        for fragment in filter(None, (f.strip() for f in re.split(r"……|…", text))):
            printed = as_printed(fragment, source)
            assert printed is not None and printed in source, (path, fragment)
            if not path.endswith(";"):  # one article: its clauses in the text's order
                at = source.find(printed, at + 1)
                assert at != -1, (path, "clauses out of the text's order", fragment)
