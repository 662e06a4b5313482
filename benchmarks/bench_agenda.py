"""The agenda against evaluate: the same log, side by side, runs alternating.

    python benchmarks/bench_agenda.py                  # one million events, three pairs of runs
    python benchmarks/bench_agenda.py --pairs 5
    python benchmarks/bench_agenda.py --events 200000
    python benchmarks/bench_agenda.py --log my.jsonl   # a log of your own, as of its latest day

The synthetic county-centre log of ``bench_throughput.py`` (the same seed) is written to a
temporary file first (not timed), or ``--log`` names one. Each pair times, each in a fresh
interpreter and one after the other, ``evaluate(load_variant("county-centre"), …)`` and
``agenda(load_variant("county-centre"), …)`` as of the log's latest day, the log streamed
from the file by both. A run reports its wall time, its CPU time, the part of the wall
time after the log was read and filed (evaluate: judging and scoring; agenda: asking every
policy for its open matters), and its peak memory. The runs alternate so that a shared
machine's load falls on both alike; the figures are given as ranges, with the load
average before and after. The exit status is 1 when the agenda's fastest run took longer
than evaluate's fastest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_throughput import latest_day, write_synthetic

RUN = """
import json, resource, sys, time
from datetime import date
from bianmin_rules import agenda, evaluate, load_variant, read_event_files

what, path, as_of = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
variant = load_variant("county-centre")
marks = {}

def progress(stage, done, total):
    marks.setdefault(stage, time.perf_counter())

start, cpu = time.perf_counter(), time.process_time()
if what == "evaluate":
    result = evaluate(variant, read_event_files([path]), as_of=as_of, progress=progress)
    found = len(result.verdicts)
else:
    result = agenda(variant, read_event_files([path]), as_of=as_of, progress=progress)
    found = len(result.items)
end = time.perf_counter()
print(json.dumps({
    "seconds": end - start, "cpu": time.process_time() - cpu, "after_reading": end - marks["judging"],
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "events": result.events_read + result.events_after_as_of, "found": found,
}))
"""

Run = dict[str, float]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=3, help="pairs of runs, evaluate then agenda (default: 3)")
    parser.add_argument("--log", type=Path, help="this JSON Lines log instead of a synthetic one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        log = args.log or write_synthetic(Path(folder) / "log.jsonl", events=args.events, seed=args.seed)
        as_of = latest_day(log)
        load_before = os.getloadavg()
        runs: dict[str, list[Run]] = {"evaluate": [], "agenda": []}
        for _ in range(max(1, args.pairs)):
            for what, done in runs.items():
                done.append(timed(what, log, as_of))
        load_after = os.getloadavg()
    first = runs["evaluate"][0]
    print(f"events          : {first['events']:,.0f} (as of {as_of})")
    print(f"verdicts        : {first['found']:,.0f}")
    print(f"agenda items    : {runs['agenda'][0]['found']:,.0f}")
    print(f"load average    : {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after ({os.cpu_count()} cores)")
    for what, done in runs.items():
        print(f"\n{what} ({len(done)} runs)")
        for name, key, unit in (("wall time", "seconds", "s"), ("CPU time", "cpu", "s"),
                                ("after reading", "after_reading", "s"), ("peak memory", "peak_mb", "MB")):
            values = sorted(run[key] for run in done)
            print(f"  {name:<14}: {values[0]:.2f}–{values[-1]:.2f} {unit}")
    ratios = sorted(a["seconds"] / e["seconds"] for e, a in zip(runs["evaluate"], runs["agenda"], strict=True))
    print(f"\nagenda / evaluate, pair by pair: {ratios[0]:.2f}–{ratios[-1]:.2f}")
    fastest = {what: min(run["seconds"] for run in done) for what, done in runs.items()}
    return 0 if fastest["agenda"] <= fastest["evaluate"] else 1


def timed(what: str, log: Path, as_of: str) -> Run:
    """One run of ``evaluate`` or ``agenda`` on ``log`` in a fresh interpreter."""
    run = subprocess.run([sys.executable, "-c", RUN, what, str(log), as_of], check=True, capture_output=True, text=True)
    result: Run = json.loads(run.stdout)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
