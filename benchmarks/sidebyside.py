"""What the benchmarks share: a synthetic log, fresh interpreters, and this tree measured beside another.

A benchmark on a machine shared with other work is only fair side by side: the code of
this checkout and of another revision (``--against main``) run alternately, each in a
fresh interpreter, and each figure is given as the range of its runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from bianmin_rules import as_china_time
from bianmin_rules.authoring.synthetic import generate

Run = dict[str, float]


@dataclass(frozen=True)
class Tree:
    """The code a run imports: this checkout's (``path`` None) or the ``src`` folder of another revision."""

    label: str
    path: Path | None = None

    def environment(self) -> dict[str, str]:
        """The environment of a run that imports this tree's ``bianmin_rules``."""
        environment = dict(os.environ)
        if self.path is not None:
            environment["PYTHONPATH"] = str(self.path)
        return environment


@contextmanager
def trees(against: str | None) -> Iterator[list[Tree]]:
    """This checkout and, when ``against`` names a revision, its source unpacked beside it."""
    if against is None:
        yield [Tree("this tree")]
        return
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", against, "src"], check=True, capture_output=True,
                                 cwd=Path(__file__).resolve().parent.parent).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        yield [Tree("this tree"), Tree(against, Path(folder) / "src")]


def arguments(description: str | None) -> argparse.ArgumentParser:
    """The options of every benchmark of a county-centre log: its size and seed, runs, a log of its own, a revision."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times; print the range")
    parser.add_argument("--log", type=Path, help="use this JSON Lines log instead of a synthetic one")
    parser.add_argument("--against", metavar="REVISION",
                        help="also run the code of this git revision (e.g. main), alternately with this tree's")
    return parser


def write_synthetic(log: Path, *, events: int, seed: int) -> Path:
    """Write a synthetic county-centre log of ``events`` events to ``log``."""
    with log.open("w", encoding="utf-8") as out:
        for row in generate(events, seed=seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return log


def latest_day(log: Path) -> str:
    """The latest day, in China time, of the events of ``log`` (ISO)."""
    with log.open("rb") as lines:
        times = (datetime.fromisoformat(json.loads(line)["at"]) for line in lines if line.strip())
        return max(as_china_time(at).date() for at in times).isoformat()


def python(code: str, arguments: Sequence[str], tree: Tree, *, show_errors: bool = False) -> Run:
    """Run ``code`` in a fresh interpreter importing ``tree``; its last line of output is its figures, as JSON."""
    run = subprocess.run([sys.executable, "-c", code, *arguments], check=False, capture_output=True, text=True,
                         env=tree.environment())
    if run.returncode:
        raise SystemExit(f"a run of {tree.label} failed:\n{run.stderr}")
    if show_errors:
        print(run.stderr)
    result: Run = json.loads(run.stdout.splitlines()[-1])
    return result


def span(values: Sequence[float], form: str) -> str:
    """The range of ``values``, each written with ``form``: ``9.1–10.2`` (one figure when they agree)."""
    low, high = format(min(values), form), format(max(values), form)
    return low if low == high else f"{low}–{high}"
