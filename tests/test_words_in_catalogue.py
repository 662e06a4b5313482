"""Every Chinese word the library writes for people is a word of the catalogue (docs/languages.md).

The sources are read as Python: a string literal holding Chinese must be a message id
(the first argument of ``zh``, ``say``, ``counted`` or ``say_in``, which Babel extracts
and the catalogue translates), a docstring or a field's description, or English text
glossing a Chinese term (more Latin letters than Chinese characters, as in
``"complaints (投诉)"``). What remains is data, not words: the headers and values of the
registers centres export, the date formats they write, the articles the caps quote, the
names in generated logs — each listed below with why it stays as it is.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bianmin_rules

PACKAGE = Path(bianmin_rules.__file__).parent

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
"""Chinese characters and Chinese punctuation (、。「」 and the full-width ：；（）)."""

LATIN = re.compile(r"[A-Za-z]")

MARKS = frozenset({"zh", "say", "counted", "say_in"})
"""The calls Babel extracts a message id from (``pybabel extract -k zh -k say …``)."""

DATA_FILES = {
    "core/words.py": "the catalogue's own module: the separators of a list, each translated when written",
    "intake/mappings.py": "the headers and values of the registers centres export (办件编号, 即办件, 签到 …)",
    "intake/registers.py": "the same headers, read from a register's cells, and the notice items a row lacks",
    "intake/dates.py": "the ways registers write a day and a time (2026年3月2日 9时5分)",
    "authoring/caps.py": "the articles the statutory caps quote, with their documents",
    "authoring/synthetic.py": "the names and reasons of a generated log (data, as a log's own are)",
    "authoring/testing.py": "the names and reasons of the Hypothesis strategies' logs",
}
"""Whole modules whose Chinese literals are data the library reads or generates, not words it writes."""

ALLOWED = {
    ("families/first_inquiry/policies.py", "不知道"): "a forbidden phrase, matched in the log's own words",
    ("families/first_inquiry/policies.py", "不清楚"): "a forbidden phrase, matched in the log's own words",
    ("families/first_inquiry/policies.py", "不归我管"): "a forbidden phrase, matched in the log's own words",
    ("families/first_inquiry/policies.py", "」「"): "quotation marks between forbidden phrases quoted from the log",
    ("families/ladders/policies.py", "元"): "a sum as a rung's own words name it (扣发200元), matched, never shown",
    ("views/render.py", "：「"): "a rule's citation: its article quoted in Chinese",
    ("views/render.py", "」"): "a rule's citation: its article quoted in Chinese",
    ("views/agenda.py", "「"): "a rule's citation: its article quoted in Chinese",
    ("views/agenda.py", "」"): "a rule's citation: its article quoted in Chinese",
    ("authoring/variant_tests.py", "「"): "a case's citation, quoting its article in Chinese",
    ("authoring/variant_tests.py", "」"): "a case's citation, quoting its article in Chinese",
    ("core/scorecards/bands.py", "（由 "): "an error (English) quoting the table's own rounding words",
    ("core/scorecards/bands.py", "）"): "an error (English) quoting the table's own rounding words",
    ("views/scorecards.py", "："): "the combined CSV of scorecards, for programs: its words are Chinese",
    ("views/scorecards.py", "不能评为"): "the combined CSV of scorecards, for programs: its words are Chinese",
}
"""Single literals outside the catalogue, each with its reason."""


def unmarked_chinese(path: Path) -> list[tuple[int, str]]:
    """The Chinese string literals of one module that are neither marked, documentation, nor English glosses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):  # docstrings, of modules, classes, functions and attributes
            exempt.update(id(s.value) for s in body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in MARKS:
                exempt.update(id(arg) for arg in node.args[:2])
            for keyword in node.keywords:
                if keyword.arg in ("description", "json_schema_extra"):
                    exempt.update(id(sub) for sub in ast.walk(keyword.value))
    return [
        (node.lineno, node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt
        and CHINESE.search(node.value) and len(LATIN.findall(node.value)) <= len(CHINESE.findall(node.value))
    ]


def test_every_chinese_word_of_the_sources_is_in_the_catalogue() -> None:
    """A Chinese literal outside ``zh``/``say``/``counted``/``say_in`` would reach an English reader untranslated."""
    found = [
        f"{relative}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if (relative := path.relative_to(PACKAGE).as_posix()) not in DATA_FILES
        for line, text in unmarked_chinese(path)
        if (relative, text) not in ALLOWED
    ]
    assert found == [], "mark these words with zh()/say() and translate them (docs/languages.md):\n" + "\n".join(found)


def test_the_allow_list_names_only_what_is_there() -> None:
    """An entry of the allow-list that no longer matches a literal is removed, so the list stays true."""
    present = {
        (relative, text)
        for relative in {relative for relative, _ in ALLOWED}
        for _, text in unmarked_chinese(PACKAGE / relative)
    }
    assert set(ALLOWED) <= present
    assert all((PACKAGE / relative).is_file() for relative in DATA_FILES)


def test_the_scan_finds_an_unmarked_word(tmp_path: Path) -> None:
    """The scan itself: an f-string of Chinese words is found; a marked message, a docstring and a gloss are not."""
    module = tmp_path / "module.py"
    module.write_text(
        '"""模块说明。"""\n'
        'def f(days):\n'
        '    """函数说明。"""\n'
        '    a = say("逾期{days}日", days=days)\n'
        '    b = "complaints (投诉) are answered in writing"\n'
        '    return f"已逾期{days}日", a, b\n',
        encoding="utf-8",
    )
    assert sorted(unmarked_chinese(module)) == [(6, "已逾期"), (6, "日")]
