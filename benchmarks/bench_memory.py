"""Memory: what the books of a synthetic county-centre log take, book by book, and the evaluation's peak.

    python benchmarks/bench_memory.py                           # one million events
    python benchmarks/bench_memory.py --events 200000
    python benchmarks/bench_memory.py --against main --repeat 2  # this tree beside main

The log is written to a temporary file first (not timed), or ``--log`` names one. Then,
alternately for each tree, each in a fresh interpreter:

- ``books``: the log read and filed (``collect``) with the county-centre variant's
  families; the resident memory after start-up and after filing, and the size of each
  book's facts — every object reachable from them and not from the variant, counted
  once (``sys.getsizeof``), with the event ids apart;
- ``evaluate``: the complete evaluation, as ``bench_throughput.py`` times it: its wall
  time and the peak resident memory of its process.

The figures are ranges over ``--repeat`` runs. Target: a peak under 300 MB for one
million events; the exit status is 1 when this tree's highest peak misses it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench_throughput import EVALUATE
from sidebyside import Run, arguments, latest_day, python, span, trees, write_synthetic

TARGET_MEGABYTES = 300.0

BOOKS = """
import gc, json, resource, sys
from datetime import date
from bianmin_rules import load_variant, read_event_files
from bianmin_rules.core.engine import collect

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20

def size(root, seen):
    total, ids, stack = 0, 0, [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, type):
            continue
        seen.add(id(item))
        bytes_ = sys.getsizeof(item)
        total += bytes_
        if isinstance(item, dict):
            stack.extend(item.keys()); stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif hasattr(item, "__slots__") or hasattr(item, "__dict__"):
            for name in (n for cls in type(item).__mro__ for n in getattr(cls, "__slots__", ())):
                if hasattr(item, name):
                    value = getattr(item, name)
                    if name == "event" and isinstance(value, str):
                        ids += sys.getsizeof(value)
                    stack.append(value)
            stack.extend(getattr(item, "__dict__", {}).values())
    return total, ids

path, as_of = sys.argv[1], date.fromisoformat(sys.argv[2])
variant = load_variant("county-centre")
gc.collect()
start = resident()
gc.disable()
books = collect(read_event_files([path]), as_of=as_of, case_types=variant.case_types, families=variant.families)
filed = resident()
seen = set()
size(variant, seen)  # shared with the variant (names, limits): not the books'
sizes = {name: size(facts, seen) for name, facts in books.facts.items()}
print(json.dumps({"start_mb": start, "filed_mb": filed,
                  **{f"book {name}": total / 2**20 for name, (total, _) in sizes.items()},
                  "ids_mb": sum(ids for _, ids in sizes.values()) / 2**20,
                  "books_mb": sum(total for total, _ in sizes.values()) / 2**20}))
"""


def main() -> int:
    parser = arguments(__doc__)
    args = parser.parse_args()
    books: dict[str, list[Run]] = {}
    evaluations: dict[str, list[Run]] = {}
    with tempfile.TemporaryDirectory() as folder, trees(args.against) as compared:
        log = args.log or write_synthetic(Path(folder) / "log.jsonl", events=args.events, seed=args.seed)
        as_of = latest_day(log)
        for _ in range(max(1, args.repeat)):
            for tree in compared:
                books.setdefault(tree.label, []).append(python(BOOKS, [str(log), as_of], tree))
                evaluations.setdefault(tree.label, []).append(python(EVALUATE, [str(log), "0", as_of], tree))
    met = True
    for tree in compared:
        measured, runs = books[tree.label], evaluations[tree.label]
        events = runs[0]["events"]
        print(f"\n{tree.label}" + (f" ({len(runs)} runs each)" if len(runs) > 1 else ""))
        print(f"  start-up          : {span([r['start_mb'] for r in measured], '.0f')} MB resident")
        print(f"  read and filed    : {span([r['filed_mb'] for r in measured], '.0f')} MB resident")
        print(f"  the books         : {span([r['books_mb'] for r in measured], '.0f')} MB, "
              f"{span([r['books_mb'] * 2**20 / events for r in measured], '.0f')} bytes an event")
        for name in sorted(key for key in measured[0] if key.startswith("book ")):
            print(f"    {name[5:]:<16}: {span([r[name] for r in measured], '.1f')} MB")
        print(f"    of which ids    : {span([r['ids_mb'] for r in measured], '.1f')} MB")
        print(f"  evaluate          : {span([r['seconds'] for r in runs], '.2f')} s, "
              f"CPU {span([r['cpu'] for r in runs], '.2f')} s, peak {span([r['peak_mb'] for r in runs], '.0f')} MB")
        if tree is compared[0] and events >= 1_000_000 and max(r["peak_mb"] for r in runs) > TARGET_MEGABYTES:
            print(f"  target            : a peak under {TARGET_MEGABYTES:.0f} MB missed")
            met = False
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
