"""A synthetic province: many centres evaluated on a local Dask cluster, against one process doing the same work.

    python benchmarks/bench_province.py                          # 200 centres of 50,000 events
    python benchmarks/bench_province.py --centres 40 --events 20000 --repeat 2
    python benchmarks/bench_province.py --keep /tmp/province     # keep the logs and reuse them next time

Each centre's variant is drawn (seeded) from the built-in variants, and its log is a
synthetic year of ``--events`` events whose case types that variant declares
(:func:`bianmin_rules.authoring.synthetic.generate`; a window of three staff for every 4,000 events,
at most twelve), evaluated as of 2026-12-31. Writing the logs
is not timed. Then, alternately, each run in a fresh interpreter:

- ``one process``: :func:`~bianmin_rules.scale.evaluate_many` on a cluster of one worker
  thread inside the process itself — every centre read, evaluated and written one after
  the other, by the same code;
- ``cluster``: the same on a local cluster of ``--workers`` worker processes (default: one
  per core), as ``bianmin-rules batch`` starts it; the cluster's start (its workers
  importing the library) is timed apart.

Each prints its wall time, its CPU time (for the cluster, its workers' and its own), the
peak resident memory of its process and, for the cluster, the largest peak of a worker
process and how much of the workers' wall time they spent on a CPU (on a machine shared
with other work, less than all of it). Then the output's size, and a re-run on the
cluster's output, where every centre is unchanged and only the logs are hashed. With
``--repeat N`` each is run N times and the range is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bianmin_rules import builtin_variant_names, load_variant
from bianmin_rules.authoring.synthetic import generate

AS_OF = "2026-12-31"

RUN = """
import json, resource, sys, time
from contextlib import ExitStack
from distributed import Client, LocalCluster
from bianmin_rules.scale import Status, evaluate_many, read_manifest
from bianmin_rules.scale.batch import connected

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

manifest, out, workers = read_manifest(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with ExitStack() as stack:
    start = time.perf_counter()
    if workers:
        client = stack.enter_context(connected(None, workers))
    else:
        cluster = stack.enter_context(LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                                   dashboard_address=":0", silence_logs=50))
        client = stack.enter_context(Client(cluster))
    up = time.perf_counter()
    before, own = client.run(cpu) if workers else {}, cpu()
    batch = evaluate_many(manifest, out, scheduler=client)
    done = time.perf_counter()
    after = client.run(cpu) if workers else {}
    spent = cpu() - own + sum(after[worker] - before[worker] for worker in after)
outcomes = batch.outcomes
print(json.dumps({
    "start": up - start, "seconds": done - up, "cpu": spent,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": max(o.worker_peak_mb or 0 for o in outcomes),
    "events": sum(o.events_read + o.events_after_as_of for o in outcomes),
    "verdicts": sum(o.verdicts for o in outcomes), "failed": len(batch.failures),
    "unchanged": sum(o.status is Status.UNCHANGED for o in outcomes),
}))
"""

Run = dict[str, float]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--centres", type=int, default=200)
    parser.add_argument("--events", type=int, default=50_000, help="events per centre")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes of the cluster")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times, alternately")
    parser.add_argument("--keep", type=Path, help="write the logs here (and reuse them if they are there)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "province"
        manifest = write_province(folder, centres=args.centres, events=args.events, seed=args.seed)
        runs: dict[str, list[Run]] = {"one process": [], "cluster": []}
        out = Path(scratch) / "out"
        for _ in range(max(1, args.repeat)):
            for name, workers in (("one process", 0), ("cluster", args.workers)):
                shutil.rmtree(out, ignore_errors=True)
                runs[name].append(run(manifest, out, workers))
        size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
        rerun = run(manifest, out, args.workers)
    first = runs["cluster"][0]
    print(f"centres         : {args.centres:,} of {args.events:,} events, {args.workers} worker processes")
    print(f"events          : {first['events']:,.0f}")
    print(f"verdicts        : {first['verdicts']:,.0f}")
    for name, measured in runs.items():
        print(f"\n{name}")
        print(f"  wall time     : {spread(measured, 'seconds', '{:.1f} s')}")
        print(f"  CPU time      : {spread(measured, 'cpu', '{:.1f} s')}, "
              f"{spread(measured, 'cpu', '{:.0f} µs', lambda c: c / first['events'] * 1e6)} an event")
        print(f"  events/s      : {spread(measured, 'seconds', '{:,.0f}', lambda s: first['events'] / s)}")
        print(f"  peak memory   : {spread(measured, 'peak_mb', '{:.0f} MB')} (the process)")
        if name == "cluster":
            print(f"  cluster start : {spread(measured, 'start', '{:.1f} s')}")
            print(f"  worker peak   : {spread(measured, 'worker_peak_mb', '{:.0f} MB')}")
            busy = [run["cpu"] / (run["seconds"] * args.workers) for run in measured]
            print(f"  busy          : {min(busy):.0%}–{max(busy):.0%} of the workers' wall time on a CPU")
    ratios = [one["seconds"] / many["seconds"] for one, many in zip(runs["one process"], runs["cluster"], strict=True)]
    print(f"\nspeed-up        : {min(ratios):.2f}–{max(ratios):.2f}× (one process / cluster, run by run)")
    print(f"output          : {size / 1e6:.1f} MB, {size / first['events']:.1f} bytes an event, "
          f"{size / max(first['verdicts'], 1):.0f} bytes a verdict")
    print(f"re-run          : {rerun['seconds']:.1f} s, {rerun['unchanged']:.0f} centres unchanged")
    return 1 if any(r["failed"] for rs in runs.values() for r in rs) else 0


def spread(measured: list[Run], key: str, form: str, of: Any = None) -> str:
    """The range of one figure over the runs."""
    values = sorted((of or (lambda value: value))(run[key]) for run in measured)
    low, high = form.format(values[0]), form.format(values[-1])
    return low if low == high else f"{low} – {high}"


def run(manifest: Path, out: Path, workers: int) -> Run:
    """One batch in a fresh interpreter: on one thread of its own process (``workers == 0``), or a local cluster."""
    done = subprocess.run([sys.executable, "-c", RUN, str(manifest), str(out), str(workers)],
                          check=True, capture_output=True, text=True)
    result: Run = json.loads(done.stdout)
    return result


def write_province(folder: Path, *, centres: int, events: int, seed: int) -> Path:
    """The logs and manifest of a synthetic province (kept when they were written with these parameters)."""
    manifest = folder / "manifest.toml"
    stamp = folder / "parameters.json"
    parameters = {"centres": centres, "events": events, "seed": seed}
    if manifest.exists() and stamp.exists() and json.loads(stamp.read_text()) == parameters:
        return manifest
    folder.mkdir(parents=True, exist_ok=True)
    chance = random.Random(seed)
    names = builtin_variant_names()
    plan = [(f"c{n:05d}", chance.choice(names), seed * 100_000 + n) for n in range(centres)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(write_log, *zip(*((folder / f"{centre}.jsonl", variant, events, log_seed)
                                        for centre, variant, log_seed in plan), strict=True)))
    manifest.write_text(f"as_of = {AS_OF}\n" + "".join(centre_entry(centre, variant) for centre, variant, _ in plan),
                        encoding="utf-8")
    stamp.write_text(json.dumps(parameters))
    return manifest


def centre_entry(centre: str, variant: str) -> str:
    return f'\n[[centres]]\nid = "{centre}"\nvariant = "{variant}"\nlogs = ["{centre}.jsonl"]\n'


def write_log(path: Path, variant: str, events: int, seed: int) -> None:
    """One centre's synthetic year, with the case types its variant declares.

    A window (three staff) for every 4,000 events, at most twelve: the staff's sign-ins
    leave room for cases all year long, so that nobody is absent for want of events.
    """
    rows = generate(events, seed=seed, windows=max(1, min(12, events // 4_000)),
                    case_types=load_variant(variant).case_types)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(lines(rows))


def lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    return (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


if __name__ == "__main__":
    raise SystemExit(main())
