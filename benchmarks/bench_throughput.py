"""Throughput: evaluate a synthetic county-centre log from JSON Lines to a full report.

    python benchmarks/bench_throughput.py                 # one million events
    python benchmarks/bench_throughput.py --events 200000
    python benchmarks/bench_throughput.py --repeat 3      # best of three runs
    python benchmarks/bench_throughput.py --profile       # and where the time goes

The log is written to a temporary file first (not timed); the timed run reads it line by
line, as the command line does, and builds the complete report (verdicts, totals and
scorecards) under the built-in county-centre variant, as of the log's last day. It
prints the wall time, the CPU time, events per second and the peak memory of the
evaluating process, which runs in a fresh interpreter so that the generator's memory
does not count. With ``--repeat N`` the log is evaluated N times, each in a fresh
interpreter, and the fastest run is reported (a shared machine's neighbours only ever
slow a run down).
Targets (one core): 1,000,000 events in 15 s or less, under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bianmin_rules.synthetic import generate

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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="evaluate this many times; report the fastest run")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary (slows the run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "log.jsonl"
        last = ""
        with log.open("w", encoding="utf-8") as out:
            for row in generate(args.events, seed=args.seed):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                last = row["at"]
        # As of the log's last day: a later day would find everyone on the roster absent since.
        runs = [evaluate(log, profile=args.profile, as_of=last[:10]) for _ in range(max(1, args.repeat))]
    result = min(runs, key=lambda run: run["seconds"])
    rate = result["events"] / result["seconds"]
    print(f"events          : {result['events']:,}")
    print(f"verdicts        : {result['verdicts']:,}")
    print(f"wall time       : {result['seconds']:.2f} s" + (f" (fastest of {len(runs)})" if len(runs) > 1 else ""))
    print(f"CPU time        : {result['cpu']:.2f} s")
    print(f"throughput      : {rate:,.0f} events/s")
    print(f"peak memory     : {result['peak_mb']:.0f} MB")
    if args.events >= 1_000_000 and not args.profile:
        scaled = result["seconds"] * 1_000_000 / result["events"]
        print(f"targets         : {scaled:.1f} s of {TARGET_SECONDS:.0f} s, "
              f"{result['peak_mb']:.0f} MB of {TARGET_MEGABYTES:.0f} MB")
        return 0 if scaled <= TARGET_SECONDS and result["peak_mb"] <= TARGET_MEGABYTES else 1
    return 0


def evaluate(log: Path, *, profile: bool, as_of: str) -> dict[str, float]:
    """One timed evaluation of ``log`` in a fresh interpreter; its profile, if asked for, is printed."""
    run = subprocess.run(
        [sys.executable, "-c", EVALUATE, str(log), "1" if profile else "0", as_of],
        check=True, capture_output=True, text=True,
    )
    if profile:
        print(run.stderr)
    result: dict[str, float] = json.loads(run.stdout)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
