"""The JSON Schema of a variant file as its author writes it, for editors and CI checks.

A variant is validated as resolved — a child laid over the variants it ``extends`` — but
an author writes the child: its ``[[policies]]`` entries change an inherited policy by
naming its ``id`` or ``rule`` and only the parameters that differ, it declares no
``case_types`` of its own, and it may ``remove_policies``. :func:`variant_file_schema`
describes both kinds of file, derived from the model's own schema
(:meth:`~bianmin_rules.core.variant.Variant.json_schema`) by a few structural steps, so
that a field added to a policy, or a new form of a value, appears in it unchanged:

- every key of the model is a property, with its description (an editor completes and
  explains it), and ``extends`` and ``remove_policies`` besides;
- a file without ``extends`` must hold every required key, and each policy must be a
  whole policy of the kind it names (``kind`` required);
- a file with ``extends`` requires nothing: each entry of a list of tables
  (``[[policies]]``, ``[[scorecards]]``) may be a change, with the keys of its kind (when
  it names one) but none of them required, and an entry names its ``id`` or ``rule``.
  Tables inside an entry (a ``source``, a ``limit``) replace the inherited ones whole,
  so they stay complete.

:data:`SCHEMAS` is the folder of the schema files shipped with the package, made for
the library's own families (``python -m tools.reference schemas`` writes them; a test
checks that they are current). ``bianmin-rules schema variant`` prints the schema for
the families installed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from bianmin_rules.authoring.variant_tests import case_file_schema
from bianmin_rules.core.family import Families
from bianmin_rules.families import BUILTIN, Variant

Schema = dict[str, Any]

SCHEMAS: Traversable = resources.files("bianmin_rules") / "data" / "schemas"
"""The schema files shipped with the package: ``variant.schema.json``, ``cases.schema.json``, ``events.schema.json``."""


def schema_of(what: str, families: Families = BUILTIN) -> Schema:
    """The JSON Schema of an event (``events``), a variant file (``variant``) or a case file (``cases``)."""
    return SCHEMA_MAKERS[what](families)


def schema_text(schema: Schema) -> str:
    """A schema as its file holds it (and ``bianmin-rules schema`` prints it): indented JSON, Chinese as written."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def shipped_schema(what: str) -> Traversable:
    """The schema file shipped with the package for ``what`` (``events``, ``variant`` or ``cases``)."""
    if what not in SCHEMA_MAKERS:
        raise ValueError(f"no schema of {what!r}: one of {', '.join(SCHEMA_MAKERS)}")
    return SCHEMAS / f"{what}.schema.json"


CHANGEABLE = {"policies": "PolicyChange", "scorecards": "ScorecardTableChange"}
"""The lists of tables a child merges entry by entry, and the name of the schema of one changed entry."""


def variant_file_schema(families: Families = BUILTIN) -> Schema:
    """The JSON Schema of a variant file as written: whole, or as changes to the variant it ``extends``.

    Its policy kinds are those of ``families`` (default: the library's own).
    """
    schema = copy.deepcopy(Variant.json_schema(families))
    definitions: Schema = schema["$defs"]
    properties: Schema = schema["properties"]
    whole: Schema = {"required": schema.pop("required", []), "properties": {"remove_policies": False}}
    for key, change in CHANGEABLE.items():
        items = properties[key]["items"]
        if key == "policies":
            items = {**items, "required": ["kind"]}  # the discriminator, which a JSON Schema validator ignores
            definitions[change] = policy_change(items, definitions)
        else:
            definitions[change] = partial(resolve(items, definitions))
        whole["properties"][key] = {"items": items}
        properties[key] = {**properties[key], "items": {"$ref": f"#/$defs/{change}"}}
    schema["if"] = {"required": ["extends"]}
    schema["else"] = whole
    schema["description"] = (
        "A variant file of bianmin-rules: whole, or (with `extends`) as changes to another variant — "
        "entries of [[policies]] address an inherited policy by `id` or `rule` and give only what differs."
    )
    return schema


def policy_change(union: Schema, definitions: Schema) -> Schema:
    """One ``[[policies]]`` entry of a child: a new policy, or the keys of an inherited one that change.

    With a ``kind`` it has that kind's keys, none required; without one, any key of any
    kind. It names its ``id`` or its ``rule``.
    """
    refs: dict[str, str] = union["discriminator"]["mapping"]
    kinds = {name: definitions[ref.rsplit("/", 1)[-1]] for name, ref in refs.items()}
    every_key = sorted({key for kind in kinds.values() for key in kind["properties"]})
    shared = {key: prop for key, prop in next(iter(kinds.values()))["properties"].items()
              if all(key in kind["properties"] for kind in kinds.values()) and key != "kind"}
    return {
        "type": "object",
        "title": "Policy or change to an inherited policy",
        "description": "A new policy (with its `kind`), or the parameters that change in the inherited policy "
                       "this entry addresses by its `id`, else its `rule`.",
        "properties": {"kind": {"enum": list(kinds), "description": "The policy's kind."}, **shared},
        "propertyNames": {"enum": every_key},
        "anyOf": [{"required": ["id"]}, {"required": ["rule"]}],
        "allOf": [
            {"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]}, "then": keys_of(refs[name], kind)}
            for name, kind in kinds.items()
        ],
    }


def keys_of(ref: str, model: Schema) -> Schema:
    """The keys of the table ``ref`` names, each checked as there, none required (pointers, not copies)."""
    return {
        "properties": {key: {"$ref": f"{ref}/properties/{key}"} for key in model["properties"]},
        "additionalProperties": False,
    }


def resolve(node: Schema, definitions: Schema) -> Schema:
    """The schema a ``$ref`` names (or the node itself)."""
    ref = node.get("$ref")
    return definitions[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else node


def partial(model: Schema) -> Schema:
    """A table's schema with nothing required: a child gives only the keys it changes."""
    return {key: value for key, value in model.items() if key != "required"}


SCHEMA_MAKERS: dict[str, Callable[[Families], Schema]] = {
    "events": lambda families: families.event_json_schema(),
    "variant": variant_file_schema,
    "cases": lambda families: case_file_schema(),
}
"""Each schema, by the name ``bianmin-rules schema`` and the shipped file give it."""
