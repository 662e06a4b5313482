"""Reference documentation generated from the models themselves, so that it cannot drift."""

from __future__ import annotations

import inspect
import json
from typing import Any

from bianmin_rules.events import event_types
from bianmin_rules.render import markdown_table

EVENTS_INTRO = """\
# Events

An event log is a JSON Lines file: one JSON object per line, one event per object.
Every event has a `type` (which picks the model below), a unique `id`, and a timestamp
`at`. Timestamps are China Standard Time: a naive timestamp (`2026-03-02T09:10:00`) is
read as Asia/Shanghai, an aware one (`2026-03-02T01:10:00Z`) is converted. `centre`,
`window` and `staff` name the subjects an event concerns.

A time limit (`TimeLimit`) is either a bare number of working days (`5`) or an object
`{"amount": 20, "unit": "calendar_days"}` whose unit is one of `working_days`,
`calendar_days`, `same_day`, `next_day` and `week` (see docs/calendar.md for how each
is counted).

A bad line stops the reading with one error naming the file, the line, the field and
what was expected. Two events with the same `id` are an error, also across files.
`bianmin-rules schema events` prints the JSON Schema of one line.

This page is generated from the models (`python -m bianmin_rules.reference`); the
tests check that it is current.
"""


def schema_type(prop: dict[str, Any]) -> str:
    """A short, readable type for one JSON Schema property."""
    if "anyOf" in prop:
        return " or ".join(schema_type(option) for option in prop["anyOf"])
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "const" in prop:
        return json.dumps(prop["const"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"array of {schema_type(prop.get('items', {}))}"
    return str(prop.get("format", kind))


def events_markdown() -> str:
    """docs/events.md: every event type, its fields and a one-line JSON example."""
    lines = [EVENTS_INTRO]
    for tag, model in event_types().items():
        schema = model.model_json_schema()
        required = set(schema.get("required", ()))
        rows = [
            (f"`{name}`", schema_type(prop), "yes" if name in required else "no", prop.get("description", ""))
            for name, prop in schema["properties"].items()
            if name != "type"
        ]
        example = model.model_config.get("json_schema_extra", {})["examples"][0]  # type: ignore[index]
        lines += [
            f"## `{tag}`",
            "",
            inspect.cleandoc(model.__doc__ or ""),
            "",
            *markdown_table(("Field", "Type", "Required", "Meaning"), rows),
            "",
            "```json",
            json.dumps(example, ensure_ascii=False),
            "```",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(events_markdown(), end="")
