"""docs/tutorial.md (and lint.md, in-time.md) work as written: files written, commands run, output as shown.

A ```toml block whose first line is a comment naming a file (``# my-town.toml …``) is
written to that file, and so is a block whose fence names it (```` ```jsonl log.jsonl ````);
in a ```console block, each ``$ bianmin-rules …`` line is run (``> FILE`` writes its
output to a file; ``# exits N`` states its exit status, 0 if not said) and every line
shown after it must appear in its output, in that order (``…`` stands for lines left out).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bianmin_rules.cli.main import main

DOCS = Path(__file__).parent.parent / "docs"
FENCE = re.compile(r"^```(\w+)(?: (\S+))?\n(.*?)^```$", re.MULTILINE | re.DOTALL)
FILE_COMMENT = re.compile(r"^# (\S+\.toml)\b")
EXIT_COMMENT = re.compile(r"\s+# exits (\d+)$")


@dataclass
class Command:
    args: list[str]
    output: str | None
    status: int
    shown: list[str] = field(default_factory=list)


def steps(text: str) -> Iterator[tuple[str, str] | Command]:
    """The files to write (name, content) and the commands to run, in the order of the page."""
    for match in FENCE.finditer(text):
        language, name, body = match.groups()
        if name is not None:
            yield name, body
        elif language == "toml" and (named := FILE_COMMENT.match(body)):
            yield named.group(1), body
        elif language == "console":
            yield from commands(body)


def commands(block: str) -> Iterator[Command]:
    command: Command | None = None
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command
            command = parse(line[2:])
        elif command is not None and line.strip() and line != "…":
            command.shown.append(line)
    if command is not None:
        yield command


def parse(line: str) -> Command:
    status = 0
    if (said := EXIT_COMMENT.search(line)) is not None:
        status, line = int(said.group(1)), line[:said.start()]
    words = shlex.split(line)
    assert words[0] == "bianmin-rules", line
    output = None
    if ">" in words:
        at = words.index(">")
        words, output = words[:at], words[at + 1]
    return Command(args=words[1:], output=output, status=status)


def appears_in_order(shown: list[str], lines: list[str]) -> list[str]:
    """The shown lines that the output does not hold in that order."""
    missing, position = [], 0
    for expected in shown:
        try:
            position = lines.index(expected, position) + 1
        except ValueError:
            missing.append(expected)
    return missing


@pytest.mark.parametrize("page", ["tutorial.md", "lint.md", "in-time.md"])
def test_the_page_runs_as_written(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """Every file and command of the page, in order; lint.md's example runs on the tutorial's first my-town.toml."""
    monkeypatch.chdir(tmp_path)
    text = (DOCS / page).read_text(encoding="utf-8")
    if page == "lint.md":
        name, first = next(s for s in steps((DOCS / "tutorial.md").read_text(encoding="utf-8")) if isinstance(s, tuple))
        Path(name).write_text(first, encoding="utf-8")
    ran = 0
    for step in steps(text):
        if isinstance(step, tuple):
            Path(step[0]).write_text(step[1], encoding="utf-8")
            continue
        status = main(step.args)
        out = capsys.readouterr().out
        if step.output:
            Path(step.output).write_text(out, encoding="utf-8")
        assert (step.args, status) == (step.args, step.status)
        assert appears_in_order(step.shown, out.splitlines()) == [], step.args
        ran += 1
    assert ran >= {"tutorial.md": 8, "in-time.md": 4}.get(page, 1)
