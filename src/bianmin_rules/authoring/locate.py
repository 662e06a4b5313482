"""Where a key of a TOML file is written: dotted keys to line numbers.

``tomllib`` gives values, not positions. Lint and error messages need to point an author
at the line of ``policies[12].table`` or ``scorecards[0].categories[3].items[1]``, so
:func:`key_lines` reads the structure of the text — table headers, arrays of tables
(``[[policies]]``, counted per parent), keys (bare, quoted, dotted), inline tables and
arrays, strings of every kind and comments — and maps every dotted key to the line it
starts on. It reads only the structure and checks nothing: run it on text that
``tomllib`` parsed (on text that did not, it gives what it could read).

Keys are written as a variant's keys are (:func:`bianmin_rules.core.variant.key_text`):
``name``, then ``.name`` for a table's key and ``[i]`` for the i-th element of an array.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bianmin_rules.core.variant import join, key_parts, key_text

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
SCALAR_END = ",]}#\n"


def key_lines(text: str) -> dict[str, int]:
    """Every dotted key of a TOML text and the line (from 1) it is written on."""
    return _Scanner(text).scan()


def locate(lines: Mapping[str, int], key: str) -> tuple[str, int] | None:
    """The nearest written key at or above ``key`` and its line; none when not even the first step is written.

    A key the file leaves out (a missing parameter) is placed at the table that should
    hold it.
    """
    parts = key_parts(key)
    while parts:
        written = key_text(parts)
        if written in lines:
            return written, lines[written]
        parts = parts[:-1]
    return None


class _Scanner:
    """A reader of a TOML text's structure, one character at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[str, int] = {}
        self.arrays: dict[str, int] = {}
        """How many tables each array of tables (by its concrete key) holds so far."""

    def scan(self) -> dict[str, int]:
        table = ""
        while self.pos < len(self.text):
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                break
            if self.text.startswith("[[", self.pos):
                table = self.header(array=True)
            elif self.peek() == "[":
                table = self.header(array=False)
            else:
                self.key_value(table)
            self.skip_blank(newlines=False)
        return self.lines

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        end = min(self.pos + count, len(self.text))
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def skip_blank(self, *, newlines: bool) -> None:
        """Skip spaces, comments and (with ``newlines``) line ends."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.advance()
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    def mark(self, key: str, line: int) -> None:
        self.lines.setdefault(key, line)

    def mark_all(self, path: str, parts: list[str], line: int) -> str:
        """Mark each step of a dotted key below ``path``; the full key."""
        for part in parts:
            path = join(path, part)
            self.mark(path, line)
        return path

    def header(self, *, array: bool) -> str:
        """A ``[table]`` or ``[[array]]`` header: the concrete key of the table it opens."""
        line = self.line
        self.advance(2 if array else 1)
        parts = self.key() or [""]
        self.skip_blank(newlines=False)
        self.advance(2 if array else 1)
        concrete = ""
        for part in parts[:-1]:
            concrete = join(concrete, part)
            if concrete in self.arrays:
                concrete = join(concrete, self.arrays[concrete] - 1)
            self.mark(concrete, line)
        concrete = join(concrete, parts[-1])
        self.mark(concrete, line)
        if not array:
            return concrete
        index = self.arrays.get(concrete, 0)
        self.arrays[concrete] = index + 1
        element = join(concrete, index)
        self.mark(element, line)
        return element

    def key(self) -> list[str]:
        """A key, bare, quoted or dotted, as its parts."""
        parts = []
        while True:
            self.skip_blank(newlines=False)
            char = self.peek()
            if char in "\"'":
                start = self.pos
                self.string()
                parts.append(self.text[start + 1:self.pos - 1])
            else:
                match = BARE_KEY.match(self.text, self.pos)
                if match is None:
                    break
                parts.append(match.group())
                self.advance(match.end() - self.pos)
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                break
            self.advance()
        return parts

    def key_value(self, table: str) -> None:
        """``key = value`` in ``table``."""
        line = self.line
        parts = self.key()
        path = self.mark_all(table, parts, line)
        self.skip_blank(newlines=False)
        if not parts or self.peek() != "=":  # not TOML: skip the line
            self.skip_line()
            return
        self.advance()
        self.skip_blank(newlines=False)
        self.value(path)

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.advance((len(self.text) if end < 0 else end) - self.pos)

    def value(self, path: str) -> None:
        """One value; the elements of arrays and the keys of inline tables are marked under ``path``."""
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in SCALAR_END:
                self.advance()

    def string(self) -> None:
        """A basic, literal or multi-line string, escapes included."""
        quote = self.peek()
        triple = quote * 3
        if self.text.startswith(triple, self.pos):
            self.advance(3)
            end = self.closing(triple)
            # A multi-line string may end with up to two extra quotes before its closing three.
            while self.text.startswith(quote, end + 3):
                end += 1
            self.advance(end + 3 - self.pos)
            return
        self.advance()
        end = self.closing(quote)
        self.advance(end + 1 - self.pos)

    def closing(self, delimiter: str) -> int:
        """Where ``delimiter`` closes the string begun before ``pos`` (escapes count in basic strings)."""
        index = self.pos
        while True:
            end = self.text.find(delimiter, index)
            if end < 0:
                return len(self.text)
            if delimiter[0] == '"' and _escaped(self.text, end):
                index = end + 1
                continue
            return end

    def array(self, path: str) -> None:
        self.advance()
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() in ("]", ""):
                self.advance()
                return
            start = self.pos
            element = join(path, index)
            self.mark(element, self.line)
            self.value(element)
            index += 1
            self.skip_blank(newlines=True)
            stuck = self.peek() != "]" and self.pos == start  # not TOML: step over the character
            if self.peek() == "," or stuck:
                self.advance()

    def inline_table(self, path: str) -> None:
        self.advance()
        while True:
            self.skip_blank(newlines=True)
            if self.peek() in ("}", ""):
                self.advance()
                return
            line = self.line
            parts = self.key()
            if not parts:  # not TOML: give up on this table
                return
            key = self.mark_all(path, parts, line)
            self.skip_blank(newlines=False)
            if self.peek() == "=":
                self.advance()
                self.skip_blank(newlines=False)
                self.value(key)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()
            elif self.peek() != "}":  # not TOML: give up on this table
                return


def _escaped(text: str, index: int) -> bool:
    """Is the character at ``index`` escaped by an odd number of backslashes?"""
    count = 0
    while index > count and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1
