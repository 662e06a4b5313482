"""Throughput: evaluate a synthetic county-centre log from JSON Lines to a full report.

    python benchmarks/bench_throughput.py                 # one million events
    python benchmarks/bench_throughput.py --events 200000
    python benchmarks/bench_throughput.py --repeat 3      # three runs each: the range
    python benchmarks/bench_throughput.py --against main --repeat 3 --only evaluate
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
``--repeat N`` each is run N times and the range is printed; with ``--against main`` the
code of that revision runs too, alternately with this tree's, on the same log — the only
fair comparison on a machine shared with other work. Targets (one core): 1,000,000 events
in 15 s or less, under 500 MB, by the fastest run; the exit status is 1 when a run of a
million events misses one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sidebyside import Run, Tree, arguments, latest_day, python, span, trees, write_synthetic

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

def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of evaluate (slows it)")
    parser.add_argument("--only", choices=("evaluate", "command line"), help="time only this run")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    names = [args.only] if args.only else ["evaluate"] if args.profile else ["evaluate", "command line"]
    with tempfile.TemporaryDirectory() as folder, trees(args.against) as compared:
        log = args.log or write_synthetic(Path(folder) / "log.jsonl", events=args.events, seed=args.seed)
        # As of the log's latest day: a later day would find everyone on the roster absent since.
        as_of = latest_day(log)
        runs: dict[tuple[str, str], list[Run]] = {}
        for _ in range(repeat):
            for tree in compared:
                for name in names:
                    if name == "evaluate":
                        run = evaluate(log, profile=args.profile, as_of=as_of, tree=tree)
                    else:
                        run = command_line(log, Path(folder) / "report.json", as_of=as_of, tree=tree)
                    runs.setdefault((tree.label, name), []).append(run)
        first = next(iter(runs.values()))[0]
        events = first.get("events") or sum(1 for line in log.open("rb") if line.strip())
    print(f"events          : {events:,.0f}")
    if "verdicts" in first:
        print(f"verdicts        : {first['verdicts']:,.0f}")
    met = True
    for (label, name), measured in runs.items():
        met = show(f"{name}, {label}", measured, events=events) and met
    return 0 if met else 1


def show(name: str, runs: list[Run], *, events: float) -> bool:
    """Print the range of some runs' figures; False when a run of a million events or more misses a target."""
    print(f"\n{name}" + (f" ({len(runs)} runs)" if len(runs) > 1 else ""))
    print(f"  wall time     : {span([r['seconds'] for r in runs], '.2f')} s")
    print(f"  CPU time      : {span([r['cpu'] for r in runs], '.2f')} s")
    print(f"  throughput    : {span([events / r['seconds'] for r in runs], ',.0f')} events/s")
    print(f"  peak memory   : {span([r['peak_mb'] for r in runs], '.0f')} MB")
    if events < 1_000_000:
        return True
    best = min(runs, key=lambda r: r["seconds"])
    scaled = best["seconds"] * 1_000_000 / events
    print(f"  targets       : {scaled:.1f} s of {TARGET_SECONDS:.0f} s (fastest run), "
          f"{best['peak_mb']:.0f} MB of {TARGET_MEGABYTES:.0f} MB")
    return scaled <= TARGET_SECONDS and best["peak_mb"] <= TARGET_MEGABYTES


def evaluate(log: Path, *, profile: bool, as_of: str, tree: Tree) -> Run:
    """One timed call of ``evaluate`` on ``log`` in a fresh interpreter; its profile, if asked for, is printed."""
    return python(EVALUATE, [str(log), "1" if profile else "0", as_of], tree, show_errors=profile)


def command_line(log: Path, report: Path, *, as_of: str, tree: Tree) -> Run:
    """One run of ``bianmin-rules evaluate --format json``, start-up and writing included.

    ``os.wait4`` gives the resources of this one process, not of every child so far.
    """
    command = [sys.executable, "-m", "bianmin_rules.cli", "evaluate", "--variant", "county-centre",
               "--as-of", as_of, "--format", "json", str(log)]
    with report.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, env=tree.environment())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the command failed with status {process.returncode}: {' '.join(command)}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


if __name__ == "__main__":
    raise SystemExit(main())
