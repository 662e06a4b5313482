"""What the commands read and write: logs from files or standard input, reports to standard output or a file."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO, cast

from bianmin_rules.cli.progress import Bar
from bianmin_rules.core.edge import written
from bianmin_rules.core.errors import EventError, OutputError
from bianmin_rules.core.family import Families
from bianmin_rules.intake.files import log_files
from bianmin_rules.intake.jsonl import EventLog, read_logs


def read_logs_of(paths: Sequence[str], bar: Bar, families: Families) -> EventLog:
    """The events of the command's log files, of ``families``; ``-`` is standard input; the bar counts their bytes."""
    if list(paths).count("-") > 1:
        raise EventError("standard input can be read only once", source="-")
    return read_logs(bar.reading(log_files(paths, stdin=sys.stdin.buffer), paths), families=families)


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Where a command writes: standard output, or the file ``path`` (``-``: standard output).

    A file is written whole or not at all (:func:`~bianmin_rules.core.edge.written`): a
    command that fails leaves an earlier file of that name as it was.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    named_file(path)
    try:
        with written(path, "w") as handle:
            yield cast(TextIO, handle)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    except ValueError:  # a NUL in the path
        raise OutputError(f"{path!r}: cannot be written (the path contains a NUL character)") from None


def named_file(path: str) -> None:
    """Raise an :class:`OutputError` for an output path that names no file (``-o ''``)."""
    if not path:
        raise OutputError(f"{path!r}: cannot be written (no file name)")
