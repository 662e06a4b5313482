"""The generated reference stays current, every documented example is valid, every error is documented."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from tools.reference import DOCUMENTS

import bianmin_rules.core.errors
from bianmin_rules.families import BUILTIN, EVENT_ADAPTER

DOCS = Path(__file__).parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_reference_is_current(name: str) -> None:
    """docs/events.md, docs/cli.md, docs/api.md and docs/catalogue.md are generated:
    run `python -m tools.reference NAME > docs/NAME.md`."""
    assert (DOCS / f"{name}.md").read_text(encoding="utf-8") == DOCUMENTS[name]()


def test_every_event_type_has_a_valid_example() -> None:
    for tag, model in BUILTIN.event_types.items():
        (example,) = model.model_config["json_schema_extra"]["examples"]  # type: ignore[index]
        assert EVENT_ADAPTER.validate_python(example).type == tag  # type: ignore[union-attr]


def test_every_error_is_documented() -> None:
    errors_page = (DOCS / "errors.md").read_text(encoding="utf-8")
    for name, cls in inspect.getmembers(bianmin_rules.core.errors, inspect.isclass):
        if issubclass(cls, bianmin_rules.core.errors.BianminError):
            assert f"## `{name}`" in errors_page, name
