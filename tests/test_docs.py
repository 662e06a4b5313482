"""The generated reference stays current, and every documented example is valid."""

from __future__ import annotations

from pathlib import Path

from bianmin_rules.events import EVENT_ADAPTER, event_types
from bianmin_rules.reference import events_markdown

DOCS = Path(__file__).parent.parent / "docs"


def test_events_reference_is_current() -> None:
    """docs/events.md is generated: run `python -m bianmin_rules.reference > docs/events.md`."""
    assert (DOCS / "events.md").read_text(encoding="utf-8") == events_markdown()


def test_every_event_type_has_a_valid_example() -> None:
    for tag, model in event_types().items():
        (example,) = model.model_config["json_schema_extra"]["examples"]  # type: ignore[index]
        assert EVENT_ADAPTER.validate_python(example).type == tag  # type: ignore[union-attr]
