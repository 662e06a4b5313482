"""Reference documentation generated from the models themselves, so that it cannot drift."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bianmin_rules.cli.main import build_parser
from bianmin_rules.core.formatting import markdown_table
from bianmin_rules.families import BUILTIN

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

This page is generated from the models (`python -m tools.reference`); the
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
    for tag, model in BUILTIN.event_types.items():
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


CLI_INTRO = """\
# Command line

`bianmin-rules` evaluates event logs, compares variants, explains verdicts, runs a
variant's cases and counts working days. Every bad input ends with one line on stderr
naming the place (file and line, variant key, date) — a variant file's with one line per
problem, all at once — and exit status 2; a run that
succeeds exits with 0 (`evaluate --fail-on`, `lint` and `test` exit with 1 on findings);
an internal error — a bug to report, never bad input — exits with 3 ([errors.md](errors.md)).
An option is given once (`--schedule` may be repeated).
Every command that writes a report takes `-o FILE`; `-` reads a log from standard input;
the commands that read a log, and `import`, draw a progress bar on a terminal (the `cli`
extra), never in a pipe or with `--quiet`. `show` keeps the comments of a variant's files
(the `cli` extra: tomlkit).

This page is generated from the parser (`python -m tools.reference cli`); the
tests check that it is current.
"""


def cli_markdown() -> str:
    """docs/cli.md: the help of every command."""
    parser = build_parser()
    lines = [CLI_INTRO, "```text", parser.format_help().rstrip(), "```", ""]
    for name, command in sub_commands(parser):
        lines += [f"## `bianmin-rules {name}`", "", "```text", command.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


def sub_commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every sub-command of ``parser``, depth first, with its full name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                nested = list(sub_commands(command, f"{prefix}{name} "))
                yield from nested or [(f"{prefix}{name}", command)]


API_INTRO = """\
# Python API

Everything below is importable from `bianmin_rules`. Models are frozen pydantic models:
their fields are listed with their meaning. This page is generated from the docstrings
(`python -m tools.reference api`); the tests check that it is current.
"""


def api_markdown() -> str:
    """docs/api.md: every public name with its signature and docstring."""
    import bianmin_rules

    lines = [API_INTRO]
    for name in sorted(bianmin_rules.__all__, key=str.lower):
        value = getattr(bianmin_rules, name)
        if inspect.isclass(value):
            lines += class_reference(name, value)
        elif inspect.isfunction(value):
            lines += [f"## `{name}{signature(value)}`", "", inspect.getdoc(value) or "", ""]
    return "\n".join(lines)


def signature(function: Any) -> str:
    """A function's parameters as the page shows them, or ``(…)`` where Python cannot tell."""
    try:
        return str(inspect.signature(function)).replace("'", "")
    except (TypeError, ValueError):
        return "(…)"


def class_reference(name: str, cls: type) -> list[str]:
    """A class: its docstring, its fields (for models) and its public methods."""
    lines = [f"## `{name}`", "", inspect.getdoc(cls) or "", ""]
    if issubclass(cls, BaseModel):
        rows = [
            (f"`{field}`", (info.description or "").replace("\n", " "))
            for field, info in cls.model_fields.items()
        ]
        if rows:
            lines += [*markdown_table(("Field", "Meaning"), rows), ""]
    for member, function in inspect.getmembers(cls, predicate=inspect.isroutine):
        own = (getattr(function, "__module__", None) or "").startswith("bianmin_rules")
        if member.startswith(("_", "model_")) or not own:
            continue
        doc = (inspect.getdoc(function) or "").split("\n\n")[0]
        lines += [f"- `{member}{signature(function)}` — {doc}"]
    return [*lines, ""]


CATALOGUE_INTRO = """\
# Rule catalogue, as encoded

Every rule ID of the catalogue, family by family, with its title, the policy kinds (and
modules) that encode it, the built-in variants that apply it, the built-in variants'
case files that test it, and the test modules that cite it. A rule a variant applies may
be any policy kind's `rule`, a sub-rule (`extension`, `warning`), an assessment table,
or a rule a table or a ladder counts. A case file tests a rule when one of its cases
expects a verdict of the rule, rules one out, or expects a card line of it: the column
names the file's variant and how many of its cases do
(`data/variants/tests/county-centre.cases.toml`, run by `bianmin-rules test county-centre`;
see [authoring-tests.md](authoring-tests.md)).

This page is generated (`python -m tools.reference catalogue`) from the declarations of
the library's families (`bianmin_rules.families.BUILTIN`: each family's rule IDs and
titles, and the core's own), the policies' docstrings, the built-in variants and their
case files, and the tests; the tests check that it is current.
"""

RULE_ID = re.compile(r"(?<![A-Z0-9-])([A-Z]{2,4}-\d+)(?![0-9])")


def catalogue_markdown() -> str:
    """docs/catalogue.md: each rule ID, its title, what encodes it, the variants that use it, the tests that cite it."""
    kinds, modules, variants, tests = policy_kinds(), module_citations(), variant_rules(), citing_tests()
    cases = case_files()
    lines = [CATALOGUE_INTRO]
    for family in BUILTIN:
        rows = [
            (rule, name, listed(f"`{n}`" for n in encoders(rule, kinds, modules)), listed(variants.get(rule, ())),
             listed(f"{variant} ({count})" for variant, count in cases.get(rule, {}).items()),
             listed(tests.get(rule, ())))
            for rule, name in family.rules.items()
        ]
        lines += [f"## {family.name} — {family.title}", "",
                  *markdown_table(("ID", "Title", "Encoded by", "Built-in variants", "Cases", "Tests"), rows), ""]
    return "\n".join(lines)


def case_files() -> dict[str, dict[str, int]]:
    """Each rule ID, and the built-in variants whose case files test it with how many of their cases."""
    from bianmin_rules.authoring.variant_tests import builtin_cases
    from bianmin_rules.intake.files import builtin_variant_names

    found: dict[str, dict[str, int]] = {}
    for variant in builtin_variant_names():
        for case in builtin_cases(variant).file.cases:
            for rule in case.rules():
                counts = found.setdefault(rule, {})
                counts[variant] = counts.get(variant, 0) + 1
    return found


def encoders(rule: str, kinds: dict[str, list[str]], modules: dict[str, list[str]]) -> list[str]:
    """The policy kinds citing ``rule`` and the other modules citing it; a policy module only when no kind does."""
    own = kinds.get(rule, [])
    return own + [m for m in modules.get(rule, []) if not (own and is_policy_module(m))]


def is_policy_module(name: str) -> bool:
    """Is ``name`` a module of policies and what they share (not a family's events, ledger or chain)?"""
    if name == "core.duties":
        return True
    return name.startswith("families.") and not name.endswith((".events", ".ledger", ".chain"))


def listed(names: Iterable[str]) -> str:
    """Names for a table cell, or a dash when there are none."""
    return ", ".join(names) or "—"


def cited_in(text: str) -> set[str]:
    """The catalogue IDs a text cites."""
    return {rule for rule in RULE_ID.findall(text) if rule in BUILTIN.rules}


def policy_kinds() -> dict[str, list[str]]:
    """Each rule ID and the policy kinds whose docstrings cite it."""
    found: dict[str, list[str]] = {}
    for cls in BUILTIN.policies:
        for rule in sorted(cited_in(inspect.getdoc(cls) or "")):
            found.setdefault(rule, []).append(cls.model_fields["kind"].default)
    return found


def module_citations() -> dict[str, list[str]]:
    """Each rule ID and the library's modules whose docstrings cite it (not those citing rules as examples)."""
    import bianmin_rules

    found: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(bianmin_rules.__path__, "bianmin_rules."):
        name = info.name.removeprefix("bianmin_rules.")
        if info.ispkg or name in NOT_ENCODING or name.endswith(("events", "__main__")):
            continue
        for rule in sorted(cited_in(inspect.getdoc(importlib.import_module(info.name)) or "")):
            found.setdefault(rule, []).append(name)
    return found


NOT_ENCODING = ("core.extends", "core.family")
"""Modules whose docstrings cite rules only as examples (and, by their name, the events that rules read; the
packages, whose docstrings say what their folder holds)."""


def variant_rules() -> dict[str, list[str]]:
    """Each rule ID and the built-in variants that name it (as a policy, sub-rule, table or counted rule)."""
    from bianmin_rules.authoring.lint import rule_keys
    from bianmin_rules.intake.files import builtin_variant_names, load_variant

    found: dict[str, list[str]] = {}
    keys = rule_keys(BUILTIN)
    for name in builtin_variant_names():
        data = load_variant(name).model_dump(mode="json")
        for rule in sorted(named_rules(data, keys)):
            found.setdefault(rule, []).append(name)
    return found


def named_rules(node: Any, keys: frozenset[str]) -> set[str]:
    """The rule IDs under the keys that hold them, anywhere in a variant's data."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys:
                values = value if isinstance(value, list) else [value]
                found.update(v for v in values if isinstance(v, str) and v in BUILTIN.rules)
            found |= named_rules(value, keys)
    elif isinstance(node, list):
        for value in node:
            found |= named_rules(value, keys)
    return found


def citing_tests() -> dict[str, list[str]]:
    """Each rule ID and the test modules of the repository that cite it (none outside a checkout)."""
    found: dict[str, list[str]] = {}
    for path in sorted(TESTS.glob("test_*.py")):
        for rule in sorted(cited_in(path.read_text(encoding="utf-8"))):
            found.setdefault(rule, []).append(path.stem)
    return found


TESTS = Path(__file__).resolve().parents[1] / "tests"
"""The tests of the repository the package runs from."""


DOCUMENTS = {
    "events": events_markdown, "cli": cli_markdown, "api": api_markdown, "catalogue": catalogue_markdown,
}
"""Each generated page of docs/, by name: ``python -m tools.reference NAME > docs/NAME.md``."""


def write_schemas() -> list[Path]:
    """Write the schema files the package ships (``python -m tools.reference schemas``), for the library's own
    families; the files written."""
    from bianmin_rules.authoring.schema import SCHEMA_MAKERS, schema_of, schema_text, shipped_schema

    written = []
    for what in SCHEMA_MAKERS:
        path = Path(str(shipped_schema(what)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(schema_of(what, BUILTIN)), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    name = sys.argv[1] if len(sys.argv) > 1 else "events"
    if name == "schemas":
        for path in write_schemas():
            print(f"wrote {path}")
    else:
        print(DOCUMENTS[name](), end="")
