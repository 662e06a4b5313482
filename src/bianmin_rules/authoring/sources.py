"""The files of a variant's ``extends`` chain, read and located.

A variant that extends another is validated as resolved, the child laid over its
parents, so a problem is found at a key of the resolved variant — ``policies[47].limit``
— that no author wrote. A :class:`Chain` keeps each file's data and the lines of its
keys, and places a resolved key in the file that writes it, as that file writes it:
``my-town.toml:15: policies[0].limit``. Lint places its findings so, and
:func:`bianmin_rules.intake.files.load_variant` its errors.

A key is placed in the child where the child writes it — an entry it adds, or the keys
it sets on an inherited entry — and otherwise in the parent that does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from bianmin_rules.authoring.locate import key_lines, locate
from bianmin_rules.core.errors import VariantError, VariantProblem
from bianmin_rules.core.extends import addresses, entry_key, resolve_extends
from bianmin_rules.core.variant import Part, key_parts, key_text, parse_toml

Data = dict[str, Any]

SourceReader = Callable[[str, str], tuple[str, str]]
"""``read(reference, referrer)``: the text of the variant ``reference`` names, and its origin."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file of the ``extends`` chain: where it comes from, its data and the lines of its keys."""

    origin: str
    data: Data
    lines: dict[str, int]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a key of the resolved variant is written: the file, the key in that file, its line."""

    file: str
    key: str
    line: int | None


def read_source(text: str, origin: str) -> Source:
    """A variant file's text, parsed and located; a :class:`VariantError` if it is not TOML."""
    return Source(origin, parse_toml(text, origin=origin), key_lines(text))


class Chain:
    """A variant file and the files it extends, as they are read."""

    def __init__(self, text: str, *, origin: str, read_parent: SourceReader | None = None) -> None:
        self.origin = origin
        self.sources = [read_source(text, origin)]
        self._read_parent = read_parent

    def resolve(self) -> Data:
        """The variant's data with its ``extends`` chain laid out; an error of the chain names its file and line."""
        data = self.sources[0].data
        if "extends" not in data and "remove_policies" not in data:
            return data
        try:
            return resolve_extends(data, origin=self.origin, load_parent=self._load_parent)
        except VariantError as exc:
            raise self.written(exc) from None

    def _load_parent(self, reference: str, referrer: str) -> tuple[Data, str]:
        if self._read_parent is None:
            raise VariantError("extends another variant, but no way to load it was given", variant=referrer,
                               key="extends")
        try:
            text, origin = self._read_parent(reference, referrer)
        except VariantError as exc:  # a parent that cannot be read is corrected at the line that names it
            raise VariantError(f"{reference!r}: {exc.message}", variant=referrer, key="extends") from None
        parent = read_source(text, origin)
        self.sources.append(parent)
        return parent.data, parent.origin

    def written(self, error: VariantError) -> VariantError:
        """An error about keys of one file of the chain (``error.variant``), with that file's lines."""
        source = next((s for s in self.sources if s.origin == error.variant), None)

        def where(problem: VariantProblem) -> VariantProblem:
            located = locate(source.lines, problem.key) if source is not None and problem.key else None
            return replace(problem, file=error.variant, line=located[1] if located else None)

        return error.each_placed(self.origin, where)

    def placed(self, error: VariantError, resolved: Data) -> VariantError:
        """An error about keys of the resolved variant, each placed in the file that writes it."""

        def where(problem: VariantProblem) -> VariantProblem:
            if problem.key is None:
                return problem
            place = self.place(problem.key, resolved)
            return VariantProblem(problem.message, place.key, place.file, place.line)

        return error.each_placed(self.origin, where)

    def place(self, key: str, resolved: Data) -> Place:
        """The file of the chain that writes a key of the resolved variant, the key there, and its line."""
        source, local = owner(key_parts(key), resolved, self.sources)
        located = locate(source.lines, key_text(local))
        return Place(source.origin, key_text(local) or key, located[1] if located else None)


def owner(parts: tuple[Part, ...], resolved: Data, chain: list[Source]) -> tuple[Source, tuple[Part, ...]]:
    """The file of the ``extends`` chain that writes a resolved key, and the key in that file.

    The child first: the file that sets the key itself, else the first that holds its entry.
    """
    if len(chain) == 1:
        return chain[0], parts
    fallback: tuple[Source, tuple[Part, ...]] | None = None
    for source in chain:
        local, exact = translate(parts, resolved, source.data)
        if local is not None and exact:
            return source, local
        if local is not None and fallback is None:
            fallback = source, local
    return fallback or (chain[-1], parts)


def translate(parts: tuple[Part, ...], resolved: Data, data: Data) -> tuple[tuple[Part, ...] | None, bool]:
    """A resolved key in one file of the chain, and whether that file sets it (not just holds its entry).

    Lists of tables (``[[policies]]``) are merged entry by entry (by ``id``, else ``rule``),
    so an entry's index differs from file to file; every other value is the file's own.
    """
    if not parts or not isinstance(parts[0], str) or parts[0] not in data:
        return None, False
    head, written, merged = parts[0], data[parts[0]], resolved.get(parts[0])
    if len(parts) < 2 or not isinstance(parts[1], int) or not (isinstance(written, list) and isinstance(merged, list)):
        return parts, True
    if parts[1] >= len(merged):
        return None, False
    entry = merged[parts[1]]
    index = position(entry, written)
    if index is None:
        return None, False
    local = (head, index, *parts[2:])
    own = entry is written[index] or len(parts) == 2 or (
        isinstance(parts[2], str) and isinstance(written[index], dict) and parts[2] in written[index])
    return local, own


def position(entry: Any, written: list[Any]) -> int | None:
    """Where a resolved entry is written in a file's list: the same table, else the one with its key."""
    for index, candidate in enumerate(written):
        if candidate is entry:
            return index
    name = entry_key(entry) if isinstance(entry, dict) else None
    matches = [i for i, candidate in enumerate(written) if isinstance(candidate, dict) and entry_key(candidate) == name]
    if not matches and isinstance(entry, dict):  # a child's entry may reach an inherited one by its rule
        matches = [i for i, candidate in enumerate(written)
                   if isinstance(candidate, dict) and addresses(candidate, entry)]
    return matches[0] if name is not None and len(matches) == 1 else None
