"""What the commands read and write: logs from files or standard input, reports to standard output or a file."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, cast

from bianmin_rules.cli.progress import Bar
from bianmin_rules.core.errors import EventError, OutputError
from bianmin_rules.intake.files import log_files
from bianmin_rules.intake.jsonl import EventLog, read_logs


def read_logs_of(paths: Sequence[str], bar: Bar) -> EventLog:
    """The events of the command's log files; ``-`` is standard input; the bar counts their bytes."""
    if list(paths).count("-") > 1:
        raise EventError("standard input can be read only once", source="-")
    return read_logs(bar.reading(log_files(paths, stdin=sys.stdin.buffer), paths))


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Where a command writes: standard output, or the file ``path`` (``-``: standard output).

    A file is written in full or not at all: the text goes to a temporary file beside it,
    which replaces the file only when the command has written everything. A command that
    fails leaves an earlier file of that name as it was.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, and renamed or removed
            "w", encoding="utf-8", newline="", dir=target.parent, prefix=f".{target.name}.", suffix=".part",
            delete=False,
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        with handle:
            yield cast(TextIO, handle)
        os.chmod(handle.name, file_mode(target))
        os.replace(handle.name, target)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def file_mode(target: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what the umask allows.

    The temporary file is created private (0600); the report is not.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
