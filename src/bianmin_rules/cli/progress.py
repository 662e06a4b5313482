"""The progress bar of the commands that read or write a log: the stage, and the share of bytes read.

Drawn with tqdm (the ``cli`` extra) on standard error, and only on a terminal: a command
whose standard error is a file or a pipe, or that is given ``--quiet``, writes nothing
of it. Without tqdm installed a terminal shows no bar either; the command works the same.

A bar per stage, cleared when the stage ends: ``reading`` (bytes of the log files, with
the percentage when their size is known), then the engine's ``judging`` (policies) and
``scoring``, then ``writing``. ``import`` shows ``reading`` (the register's bytes, counted
when the library has read it) and ``writing``. The engine is told nothing of the bar: it calls the
callback (:class:`~bianmin_rules.core.engine.Progress`) this object is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, BinaryIO, TextIO

from bianmin_rules.core.engine import Progress

CHUNK = 1 << 20
"""Bytes read between two updates of the bar."""


def tqdm_class() -> Any:
    """tqdm's bar class, or None when the ``cli`` extra is not installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm


class Bar:
    """A progress bar on ``stream`` when it is a terminal and not ``quiet``; otherwise nothing at all.

    Call it as the engine's progress callback; wrap each log file with :meth:`reading`;
    call :meth:`stage` for a stage of the command's own (``writing``), and :meth:`close`
    at the end (or use it as a context manager).
    """

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        self.stream = stream
        self.enabled = not quiet and stream.isatty() and tqdm_class() is not None
        self.name = ""
        self.bar: Any = None
        self.total_bytes: int | None = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, stage: str, done: int, total: int) -> None:
        """The engine's progress callback (:class:`~bianmin_rules.core.engine.Progress`)."""
        if not self.enabled or stage == "reading":  # reading is counted in bytes, by reading()
            return
        if stage != self.name:
            self.stage(stage, total=total or None, unit="policy" if stage == "judging" else "step")
        self.bar.n = done
        self.bar.refresh()

    def counting(self, unit: str) -> Progress:
        """A progress callback that draws every stage it is told of, counted in ``unit`` (an import's rows)."""
        def told(stage: str, done: int, total: int) -> None:
            if not self.enabled:
                return
            if stage != self.name:
                self.stage(stage, total=total or None, unit=unit)
            self.bar.total = total or None
            self.bar.n = done
            self.bar.refresh()
        return told

    def stage(self, name: str, *, total: int | None = None, unit: str = "it", scale: bool = False) -> None:
        """Start a stage: the previous bar is cleared, a new one drawn with ``name`` in front."""
        if not self.enabled:
            return
        self.close()
        self.name = name
        self.bar = tqdm_class()(
            total=total, desc=name, unit=unit, unit_scale=scale, unit_divisor=1024 if scale else 1000,
            file=self.stream, leave=False, dynamic_ncols=True, mininterval=0.2,
        )

    def advance(self, count: int) -> None:
        """``count`` more of the stage's units done."""
        if self.bar is not None:
            self.bar.update(count)

    def close(self) -> None:
        """Clear the bar of the current stage."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.name = ""

    def reading(self, sources: Iterable[tuple[str, BinaryIO]], paths: Sequence[str]) -> Iterator[tuple[str, Any]]:
        """The log files as the JSON Lines reader takes them, counting their bytes on a ``reading`` bar.

        Not on a terminal, each file is handed on as it is: the reader iterates the file
        object itself, with nothing in between.
        """
        if not self.enabled:
            yield from sources
            return
        self.stage("reading", total=total_size(paths), unit="B", scale=True)
        for name, handle in sources:
            yield name, self._counted(handle)

    def _counted(self, handle: IO[bytes]) -> Iterator[bytes]:
        pending = 0
        for line in handle:
            pending += len(line)
            if pending >= CHUNK:
                self.advance(pending)
                pending = 0
            yield line
        self.advance(pending)


def total_size(paths: Sequence[str]) -> int | None:
    """The bytes of all the files, or None when one is unknown (standard input from a pipe, say)."""
    total = 0
    for path in paths:
        try:
            info = os.fstat(0) if path == "-" else os.stat(path)
        except OSError:
            return None
        if path == "-" and not stat.S_ISREG(info.st_mode):
            return None
        total += info.st_size
    return total

