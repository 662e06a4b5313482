"""What-if: a diff of two variants against one evaluation, on a synthetic county-centre log.

    python benchmarks/bench_whatif.py                           # one million events
    python benchmarks/bench_whatif.py --events 200000 --repeat 3
    python benchmarks/bench_whatif.py --against main --repeat 3  # this tree beside main

The log is written to a temporary file first (not timed), or ``--log`` names one. Then,
alternately, each in a fresh interpreter and each through the library as the command
line calls it (the log streamed line by line, as of its latest day):

- ``evaluate``: ``evaluate(county-centre, log)`` — the complete report;
- ``diff``: ``diff(*evaluate_all([county-centre, amended], log))`` — the county's rules
  against ``examples/whatif/amended.toml``, which changes two of its 47 policies;
- ``diff, itself``: the county's rules against a variant of the very same rules.

Each prints its wall time, CPU time and peak memory as ranges over ``--repeat`` runs, and
each diff's time as a multiple of the evaluation's, run by run (a diff and the evaluation
next to it met the same neighbours). Targets, in CPU time: a diff within 1.3 evaluations,
a diff of a variant against itself within 1.1; the exit status is 1 when this tree's
middle CPU ratio misses one (wall times on a shared machine are the neighbours' as much
as the run's own).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sidebyside import Run, arguments, latest_day, python, span, trees, write_synthetic

AMENDED = Path(__file__).resolve().parent.parent / "examples" / "whatif" / "amended.toml"

TARGETS = {"diff": 1.3, "diff, itself": 1.1}

RUN = """
import json, resource, sys, time
from datetime import date
from bianmin_rules import evaluate, evaluate_all, load_variant, read_event_files
from bianmin_rules.views.whatif import diff

kind, path, amended, as_of = sys.argv[1], sys.argv[2], sys.argv[3], date.fromisoformat(sys.argv[4])
county = load_variant("county-centre")
other = load_variant(amended) if kind == "diff" else county.model_copy(update={"name": "county-again"})
start, cpu = time.perf_counter(), time.process_time()
if kind == "evaluate":
    verdicts = len(evaluate(county, read_event_files([path]), as_of=as_of).verdicts)
else:
    verdicts = len(diff(*evaluate_all([county, other], read_event_files([path]), as_of=as_of)).verdicts)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "verdicts": verdicts}))
"""

KINDS = ("evaluate", "diff", "diff, itself")


def main() -> int:
    parser = arguments(__doc__)
    args = parser.parse_args()
    runs: dict[tuple[str, str], list[Run]] = {}
    with tempfile.TemporaryDirectory() as folder, trees(args.against) as compared:
        log = args.log or write_synthetic(Path(folder) / "log.jsonl", events=args.events, seed=args.seed)
        as_of = latest_day(log)
        for _ in range(max(1, args.repeat)):
            for tree in compared:
                for kind in KINDS:
                    run = python(RUN, ["diff-itself" if kind == "diff, itself" else kind, str(log), str(AMENDED),
                                       as_of], tree)
                    runs.setdefault((tree.label, kind), []).append(run)
    met = True
    for tree in compared:
        evaluations = runs[(tree.label, "evaluate")]
        print(f"\n{tree.label}" + (f" ({len(evaluations)} runs each)" if len(evaluations) > 1 else ""))
        for kind in KINDS:
            measured = runs[(tree.label, kind)]
            line = (f"  {kind:<13}: {span([r['seconds'] for r in measured], '.2f')} s, "
                    f"CPU {span([r['cpu'] for r in measured], '.2f')} s, "
                    f"peak {span([r['peak_mb'] for r in measured], '.0f')} MB")
            if kind in TARGETS:
                ratios = [r["seconds"] / e["seconds"] for r, e in zip(measured, evaluations, strict=True)]
                cpu = [r["cpu"] / e["cpu"] for r, e in zip(measured, evaluations, strict=True)]
                line += f"; {span(ratios, '.2f')}× the evaluation (CPU {span(cpu, '.2f')}×)"
                if tree is compared[0] and sorted(cpu)[len(cpu) // 2] > TARGETS[kind]:
                    line += f" — target {TARGETS[kind]}× missed"
                    met = False
            line += f"; {measured[0]['verdicts']:,.0f} " + ("verdicts" if kind == "evaluate" else "changes")
            print(line)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
