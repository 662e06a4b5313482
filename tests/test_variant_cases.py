"""Every built-in variant's own cases (data/variants/tests/*.cases.toml): each passes, each rests on its text.

The cases are computed by hand from the source texts; this module runs them all, checks
that each variant has at least ten, that each names its article and quotes it, that each
quote is the source text's own words, and that every file is valid against the case
file's JSON Schema.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal

import jsonschema
import pytest

from bianmin_rules import builtin_variant_names
from bianmin_rules.authoring.variant_tests import BUILTIN_CASES, builtin_cases, case_file_schema, run_cases
from tests.source_texts import as_printed, parts, seed_folder, source_texts


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_case_of_the_variant_passes(name: str) -> None:
    failures = [result.text() for result in run_cases(builtin_cases(name)) if not result.passed]
    assert failures == []


@pytest.mark.parametrize("name", builtin_variant_names())
def test_at_least_ten_cases_each_with_its_article_and_quote(name: str) -> None:
    loaded = builtin_cases(name)
    assert loaded.file.variant == name
    assert len(loaded.file.cases) >= 10
    assert all(case.article and case.quote for case in loaded.file.cases)


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_quote_is_the_source_texts_own_words(name: str) -> None:
    """Each part of a quote (parts are cut at ……) is found in the source texts, as printed there (a repair
    of a scanning slip, marked 〔原文：…〕, undone)."""
    folder = seed_folder()
    if folder is None:
        pytest.skip("the source texts (shared/seeds) are not beside this checkout; set BIANMIN_SEEDS")
    texts = source_texts(folder)
    missing = [
        (case.name, part) for case in builtin_cases(name).file.cases
        for part in parts(case.quote or "") if as_printed(part, texts) is None
    ]
    assert missing == []


@pytest.mark.parametrize("path", sorted(p.name for p in BUILTIN_CASES.iterdir() if p.name.endswith(".toml")))
def test_every_case_file_is_valid_against_the_json_schema(path: str) -> None:
    data = tomllib.loads((BUILTIN_CASES / path).read_text(encoding="utf-8"), parse_float=Decimal)
    jsonschema.validate(plain(data), case_file_schema())


def plain(value: object) -> object:
    """TOML values as JSON has them: dates as ISO text, decimals as numbers."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def test_every_built_in_variant_has_a_case_file() -> None:
    files = {p.name.removesuffix(".cases.toml") for p in BUILTIN_CASES.iterdir() if p.name.endswith(".cases.toml")}
    assert files == set(builtin_variant_names())
