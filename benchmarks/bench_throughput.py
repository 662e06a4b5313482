"""Throughput: evaluate a synthetic county-centre log from JSON Lines to a full report.

    python benchmarks/bench_throughput.py                 # one million events
    python benchmarks/bench_throughput.py --events 200000
    python benchmarks/bench_throughput.py --repeat 3      # best of three runs
    python benchmarks/bench_throughput.py --profile       # and where the time goes
    python benchmarks/bench_throughput.py --log sign-ins.jsonl   # a log of your own

The log is written to a temporary file first (not timed), or ``--log`` names one, which
is evaluated as of its latest day. Two runs are timed, each in a fresh interpreter so
that the generator's memory does not count:

- ``evaluate``: the library call. The log is read line by line, as the command line
  reads it, into ``evaluate(load_variant("county-centre"), …)``, which builds the
  complete report (verdicts, totals and scorecards).
- ``command line``: ``bianmin-rules evaluate --format json`` as a user runs it, from the
  interpreter's start to the last byte of the JSON report written to a file.

Each prints its wall time, CPU time, events per second and peak memory. With
``--repeat N`` each is run N times and the fastest run is reported (a shared machine's
neighbours only ever slow a run down). Targets (one core): 1,000,000 events in 15 s or
less, under 500 MB; the exit status is 1 when a run of a million events misses one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bianmin_rules import as_china_time
from bianmin_rules.authoring.synthetic import generate

TARGET_SECONDS = 15.0
TARGET_MEGABYTES = 500.0

EVALUATE = """
import cProfile, json, pstats, resource, sys, time
from datetime import date
from bianmin_rules import evaluate, load_variant, read_event_files

path, profile, as_of = sys.argv[1], sys.argv[2] == "1", date.fromisoformat(sys.argv[3])
variant = load_variant("county-centre")
profiler = cProfile.Profile() if profile else None
start, cpu = time.perf_counter(), time.process_time()
if profiler:
    profiler.enable()
report = evaluate(variant, read_event_files([path]), as_of=as_of)
if profiler:
    profiler.disable()
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if profiler:
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak,
                  "events": report.events_read + report.events_after_as_of, "verdicts": len(report.verdicts)}))
"""

Run = dict[str, float]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times; report the fastest run")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of evaluate (slows it)")
    parser.add_argument("--log", type=Path, help="evaluate this JSON Lines log instead of a synthetic one")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        log = args.log or write_synthetic(Path(folder) / "log.jsonl", events=args.events, seed=args.seed)
        # As of the log's latest day: a later day would find everyone on the roster absent since.
        as_of = latest_day(log)
        library = fastest(repeat, lambda: evaluate(log, profile=args.profile, as_of=as_of))
        runs = {"evaluate": library}
        if not args.profile:
            report = Path(folder) / "report.json"
            runs["command line"] = fastest(repeat, lambda: command_line(log, report, as_of=as_of))
    print(f"events          : {library['events']:,.0f}")
    print(f"verdicts        : {library['verdicts']:,.0f}")
    met = True
    for name, run in runs.items():
        met = show(name, run, events=library["events"], repeat=repeat) and met
    return 0 if met else 1


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


def fastest(repeat: int, run: Callable[[], Run]) -> Run:
    """The fastest of ``repeat`` runs."""
    return min((run() for _ in range(repeat)), key=lambda result: result["seconds"])


def show(name: str, run: Run, *, events: float, repeat: int) -> bool:
    """Print one run's figures; False when a run of a million events or more misses a target."""
    print(f"\n{name}" + (f" (fastest of {repeat})" if repeat > 1 else ""))
    print(f"  wall time     : {run['seconds']:.2f} s")
    print(f"  CPU time      : {run['cpu']:.2f} s")
    print(f"  throughput    : {events / run['seconds']:,.0f} events/s")
    print(f"  peak memory   : {run['peak_mb']:.0f} MB")
    if events < 1_000_000:
        return True
    scaled = run["seconds"] * 1_000_000 / events
    print(f"  targets       : {scaled:.1f} s of {TARGET_SECONDS:.0f} s, "
          f"{run['peak_mb']:.0f} MB of {TARGET_MEGABYTES:.0f} MB")
    return scaled <= TARGET_SECONDS and run["peak_mb"] <= TARGET_MEGABYTES


def evaluate(log: Path, *, profile: bool, as_of: str) -> Run:
    """One timed call of ``evaluate`` on ``log`` in a fresh interpreter; its profile, if asked for, is printed."""
    run = subprocess.run(
        [sys.executable, "-c", EVALUATE, str(log), "1" if profile else "0", as_of],
        check=True, capture_output=True, text=True,
    )
    if profile:
        print(run.stderr)
    result: Run = json.loads(run.stdout)
    return result


def command_line(log: Path, report: Path, *, as_of: str) -> Run:
    """One run of ``bianmin-rules evaluate --format json``, start-up and writing included.

    ``os.wait4`` gives the resources of this one process, not of every child so far.
    """
    command = [sys.executable, "-m", "bianmin_rules.cli", "evaluate", "--variant", "county-centre",
               "--as-of", as_of, "--format", "json", str(log)]
    with report.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the command failed with status {process.returncode}: {' '.join(command)}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


if __name__ == "__main__":
    raise SystemExit(main())
