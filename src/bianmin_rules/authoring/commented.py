"""A variant printed as TOML with its authors' comments (``bianmin-rules show``), read and written by tomlkit.

:meth:`~bianmin_rules.core.variant.Variant.to_toml` prints what the model holds: every
parameter, no comment. The files hold more: why a number was read so, what the text
leaves open. :func:`commented_toml` prints the variant from its files, with their
comments, as the model applies it:

- a file that extends none is printed as written, with every parameter it leaves to its
  default added to its table (after the keys the file writes);
- a file that ``extends`` another is laid over it as :mod:`~bianmin_rules.core.extends`
  does, in the documents themselves: the parent's file with its comments, the keys the
  child sets (with their end-of-line comments), the child's new entries whole, the
  comment lines above a child's entry placed above the entry it changes, the removed
  policies gone, ``based_on`` set, and the child's opening comment on top; then the
  defaults as above.

What it prints reads back as the same variant; were it ever not to, the model's own
TOML is printed instead. It needs tomlkit (the ``cli`` extra).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from bianmin_rules.core.edge import require
from bianmin_rules.core.extends import addresses, entry_key, rule_of
from bianmin_rules.core.variant import Variant, toml_ready

TextReader = Callable[[str, str], tuple[str, str]]
"""``read(reference, referrer)``: the text of the variant ``reference`` names, and its origin."""

MERGED = ("policies", "scorecards")
"""The lists of tables a child merges entry by entry."""


def commented_toml(variant: Variant, text: str, *, origin: str, read: TextReader) -> str:
    """``variant`` (read from ``text``, its file) as TOML with its files' comments and every parameter it applies.

    ``read`` reads the files it extends (:func:`bianmin_rules.intake.files.variant_text`).
    """
    tomlkit = require("tomlkit", extra="cli", purpose="Keeping a variant file's comments")
    document = resolved_document(tomlkit, text, origin, read)
    fill_defaults(tomlkit, document, variant.file_data())
    printed = tomlkit.dumps(document)
    same = type(variant).from_toml(printed, origin=origin, families=variant.families) == variant
    return printed if same else variant.to_toml()


def resolved_document(tomlkit: Any, text: str, origin: str, read: TextReader) -> Any:
    """The document of the file ``text``, laid over the documents of the files it extends."""
    child = tomlkit.parse(text)
    reference = child.get("extends")
    if not isinstance(reference, str):
        return child
    parent_text, parent_origin = read(reference, origin)
    base = resolved_document(tomlkit, parent_text, parent_origin, read)
    overlay(tomlkit, base, child)
    base["based_on"] = reference
    return tomlkit.parse(leading_comment(child) + tomlkit.dumps(base))


def overlay(tomlkit: Any, base: Any, child: Any) -> None:
    """Lay the child's document over the base's, in place, as :func:`~bianmin_rules.core.extends.overlay` does."""
    for key, item in child.items():
        if key in ("extends", "remove_policies"):
            continue
        old = base.get(key)
        if key in MERGED and old is not None and is_array_of_tables(tomlkit, item, old):
            merge_entries(tomlkit, base, key, item, comments_above(child, key))
        elif isinstance(old, tomlkit.items.Table) and isinstance(item, tomlkit.items.Table | tomlkit.items.InlineTable):
            base[key] = replaced_table(tomlkit, old, item)
        else:
            base[key] = item
    removed = set(child.get("remove_policies", []))
    if removed and "policies" in base:
        entries = base["policies"]
        for index in reversed(range(len(entries))):
            plain = entries[index].unwrap()
            if entry_key(plain) in removed or rule_of(plain) in removed:
                put_above(tomlkit, base, "policies", index, comment_lines(entries[index], remove=True), last=True)
                del entries[index]


def replaced_table(tomlkit: Any, old: Any, item: Any) -> Any:
    """The child's table (``[source]`` or ``source = {…}``) as a ``[table]`` where the parent's stood, keeping the
    comment lines that end the parent's: those above what follows it."""
    table = tomlkit.table()
    for name, value in item.items():
        table[name] = value
    table.value.body.extend((None, line) for line in comment_lines(old))
    return table


def is_array_of_tables(tomlkit: Any, *items: Any) -> bool:
    """Are the items all arrays of tables (``[[policies]]``), not arrays written inline?"""
    return all(isinstance(item, tomlkit.items.AoT) for item in items)


def merge_entries(tomlkit: Any, document: Any, key: str, child: Any, first_comments: list[Any]) -> None:
    """The child's entries laid over the document's list ``key``: an entry that addresses an inherited one sets its
    keys; a new one is added after the last, with the comment lines above it (``first_comments``: above the
    first)."""
    base = document[key]
    after = comment_lines(base[len(base) - 1], remove=True) if len(base) else []  # above what follows the list
    for index, entry in enumerate(child):
        comments = comment_lines(child[index - 1]) if index > 0 else first_comments
        plain = entry.unwrap()
        name = entry_key(plain)
        olds = [i for i, old in enumerate(base) if name is not None and entry_key(old.unwrap()) == name]
        olds = olds or [i for i, old in enumerate(base) if addresses(plain, old.unwrap())]
        if len(olds) == 1:
            target = olds[0]
            put_above(tomlkit, document, key, target, comments)
            for field, value in entry.items():
                base[target][field] = value
        else:
            if len(base):
                put_before_end(tomlkit, base[len(base) - 1], comments, last=True)
            added = copy.deepcopy(entry)
            comment_lines(added, remove=True)
            base.append(added)
    if len(base):
        put_before_end(tomlkit, base[len(base) - 1], after, last=True)


def comments_above(document: Any, key: str) -> list[Any]:
    """The comment lines (and blank lines) just above a document's key: above a list's first ``[[header]]``."""
    items: list[Any] = []
    for name, item in document.body:
        if name is None:
            items.append(item)
        elif name.key == key:
            return items
        else:
            items = []
    return []


def put_above(tomlkit: Any, document: Any, key: str, index: int, items: list[Any], *, last: bool = False) -> None:
    """Comment lines above the ``index``-th entry of the document's list ``key``: at the end of the entry before,
    or above the list's first header."""
    if index > 0:
        put_before_end(tomlkit, document[key][index - 1], items, last=last)
    elif items:
        insert_above_key(document, key, items)


def insert_above_key(document: Any, key: str, items: list[Any]) -> None:
    """Lines in the document just above ``key`` (tomlkit offers no public way: its body, and the index of its keys,
    are shifted as its own insertion does)."""
    body = document.body
    at = next(i for i, (name, _) in enumerate(body) if name is not None and name.key == key)
    shift = len(items)
    for name, where in document._map.items():
        document._map[name] = (tuple(i + shift if i >= at else i for i in where) if isinstance(where, tuple)
                               else where + shift if where >= at else where)
    body[at:at] = [(None, item) for item in items]


def comment_lines(table: Any, *, remove: bool = False) -> list[Any]:
    """The comment lines and blank lines that end a table: in a file, those above the next entry's header."""
    body = table.value.body
    end = len(body)
    while end > 0 and body[end - 1][0] is None:
        end -= 1
    trailing = [item for _, item in body[end:]]
    if remove:
        del body[end:]
    return trailing


def put_before_end(tomlkit: Any, table: Any, items: list[Any], *, last: bool = False) -> None:
    """Add comment lines at the end of a table (above the next header); ``last``: after the lines already there."""
    if not items:
        return
    body = table.value.body
    if not last:  # the parent's own lines above the entry stay first, without the blank line that ends them
        while body and body[-1][0] is None and isinstance(body[-1][1], tomlkit.items.Whitespace):
            body.pop()
    if body and not isinstance(body[-1][1], tomlkit.items.Whitespace):
        body.append((None, tomlkit.items.Whitespace("\n")))
    while items and isinstance(items[0], tomlkit.items.Whitespace):
        items = items[1:]
    body.extend((None, item) for item in items)


def leading_comment(document: Any) -> str:
    """The comment lines a file opens with, as text."""
    lines = []
    for key, item in document.body:
        if key is not None:
            break
        lines.append(item.as_string())
    return "".join(lines)


def fill_defaults(tomlkit: Any, node: Any, values: Any) -> None:
    """Add to every table of ``node`` the keys of ``values`` (the model's) it does not write, before its comments."""
    if isinstance(values, dict) and hasattr(node, "items") and not isinstance(node, str):
        missing = {key: value for key, value in values.items() if key not in node}
        for key, value in values.items():
            if key in node:
                fill_defaults(tomlkit, node[key], value)
        if missing:
            add_keys(tomlkit, node, missing)
    elif isinstance(values, list) and isinstance(node, list) and len(values) == len(node):
        for item, value in zip(node, values, strict=True):
            fill_defaults(tomlkit, item, value)


def add_keys(tomlkit: Any, node: Any, values: dict[str, Any]) -> None:
    """Add keys to a table (or the document) after its own keys and before the comment lines that end it."""
    if isinstance(node, tomlkit.items.InlineTable):
        for key, value in values.items():
            node[key] = toml_ready(value)
        return
    container = node if isinstance(node, tomlkit.TOMLDocument) else node.value
    body = container.body
    end = len(body)
    while end > 0 and body[end - 1][0] is None:
        end -= 1
    trailing = body[end:]
    del body[end:]
    for key, value in values.items():
        node[key] = toml_ready(value)
    body.extend(trailing)
