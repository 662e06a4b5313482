"""Spreadsheets: importing a large case register, and writing the workbook of a large report.

    python benchmarks/bench_sheets.py                        # 100,000 rows; the 1M-event report
    python benchmarks/bench_sheets.py --rows 20000 --events 200000
    python benchmarks/bench_sheets.py --repeat 3             # three runs of each: the range
    python benchmarks/bench_sheets.py --only import --against main --repeat 2   # beside main, by turns

The register is a synthetic case register of ``--rows`` rows (every case type, date cells,
supplement and notice times), written first as a workbook and as a CSV file (not timed).
The workbook carries its used range (``<dimension>``) as Excel and WPS write it; without
it openpyxl reads the whole sheet once more to size it. The report is that of a synthetic
county-centre log of ``--events`` events under county-centre, as ``bench_throughput.py``
evaluates it. Each timed run is a fresh interpreter:

- ``import xlsx`` / ``import csv``: ``bianmin-rules import FILE -o events.jsonl``; wall
  time, CPU time (the steadier figure on a shared machine) and the process's peak
  memory. With ``--against REVISION``, the same command of that revision's library runs
  by turns with this tree's (``sidebyside.py``).
- ``workbook``: the log is evaluated (not timed), then ``to_xlsx`` writes the report's
  workbook; the time of the writing, the peak memory before it (the report) and after
  it. Written in openpyxl's write-only mode, the workbook adds little to the report.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from bianmin_rules.authoring.synthetic import generate
from sidebyside import Tree, trees

HEADERS = ["办件编号", "事项名称", "办件类型", "受理时间", "办结时间", "承诺时限(工作日)", "窗口", "经办人",
           "材料齐全时间", "告知时间", "告知材料"]

WORKBOOK = """
import json, resource, sys, time
from datetime import date
from bianmin_rules import evaluate, load_variant, read_event_files, to_xlsx
variant = load_variant("county-centre")
report = evaluate(variant, read_event_files([sys.argv[1]]), as_of=date.fromisoformat(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
to_xlsx(report, sys.argv[3], variant=variant)
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "report_mb": before, "peak_mb": after, "verdicts": len(report.verdicts),
                  "card_lines": sum(len(i.lines) + 1 for c in report.scorecards for g in c.categories
                                    for i in g.items)}))
"""

Run = dict[str, float]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the register (default: 100000)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events of the report's log (default: 1M)")
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times; report the range")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("import", "workbook"), help="run only this part")
    parser.add_argument("--against", metavar="REVISION", help="also import with the library of REVISION, by turns")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.only != "workbook":
            bench_import(work, rows=args.rows, seed=args.seed, repeat=args.repeat, against=args.against)
        if args.only != "import":
            bench_workbook(work, events=args.events, seed=args.seed, repeat=args.repeat)
    return 0


def bench_import(work: Path, *, rows: int, seed: int, repeat: int, against: str | None) -> None:
    """Import the register from a workbook and from a CSV file, with this library and the one at ``against``."""
    register = list(register_rows(rows, seed=seed))
    write_workbook(register, work / "register.xlsx")
    write_csv(register, work / "register.csv")
    del register
    with trees(against) as chosen:
        for suffix in ("xlsx", "csv"):
            runs: dict[str, list[tuple[float, float, float]]] = {tree.label: [] for tree in chosen}
            for _ in range(max(1, repeat)):
                for tree in chosen:  # by turns: the trees meet the same neighbours
                    runs[tree.label].append(imported(work / f"register.{suffix}", work / "events.jsonl", tree))
            lines = sum(1 for _ in (work / "events.jsonl").open(encoding="utf-8"))
            for name, found in runs.items():
                seconds, cpu, peaks = ([run[i] for run in found] for i in range(3))
                print(f"import {suffix:4} ({name}): {rows:,} rows → {lines:,} events in {spread(seconds, 's')} "
                      f"(CPU {spread(cpu, 's')}, {rows / max(cpu):,.0f}–{rows / min(cpu):,.0f} rows per CPU "
                      f"second), peak {spread(peaks, 'MB')}")


def imported(register: Path, log: Path, tree: Tree) -> tuple[float, float, float]:
    """One ``bianmin-rules import`` of ``tree`` in a fresh interpreter: its wall time, CPU time and peak memory (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "bianmin_rules", "import", str(register), "-o", str(log)],
                               env=tree.environment(), stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the import of {register} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def spread(values: list[float], unit: str) -> str:
    """A range of measurements, or the one."""
    low, high = min(values), max(values)
    return f"{low:,.1f} {unit}" if round(low, 1) == round(high, 1) else f"{low:,.1f}–{high:,.1f} {unit}"


def bench_workbook(work: Path, *, events: int, seed: int, repeat: int) -> None:
    """Evaluate a synthetic log, then write its report's workbook."""
    log = work / "log.jsonl"
    with log.open("w", encoding="utf-8") as out:
        for row in generate(events, seed=seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    as_of = latest_day(log)
    run = fastest(repeat, lambda: timed(WORKBOOK, str(log), as_of, str(work / "report.xlsx")))
    size = (work / "report.xlsx").stat().st_size / 1e6
    print(f"workbook   : {events:,} events, {run['verdicts']:,.0f} verdicts, {run['card_lines']:,.0f} "
          f"scorecard rows → {size:.1f} MB in {run['seconds']:.1f} s; peak {run['report_mb']:.0f} MB with "
          f"the report, {run['peak_mb']:.0f} MB after writing")


def register_rows(count: int, *, seed: int) -> Iterator[list[object]]:
    """A synthetic case register: a year of cases of every type at 12 windows of 3 staff each."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 9, 0)
    kinds = ["即办件", "承诺件", "补办件", "联办件", "驳回件", "上报件"]
    for number in range(count):
        received = start + timedelta(days=rng.randrange(340), minutes=rng.randrange(480))
        kind = rng.choice(kinds)
        window = rng.randrange(12)
        done = received + (timedelta(minutes=40) if kind == "即办件" else timedelta(days=rng.randrange(1, 20)))
        supplement = kind == "补办件"
        yield [
            f"C2026-{number:06d}", "不动产登记", kind, received, done,
            None if kind == "即办件" else rng.choice([3, 5, 10]), f"W-{window}", f"S-{window}-{rng.randrange(3)}",
            received + timedelta(days=2) if supplement else None,
            received + timedelta(minutes=10) if supplement else None, "身份证明、申请表" if supplement else None,
        ]


def write_workbook(rows: list[list[object]], path: Path) -> None:
    """The register as a workbook, times as date-and-time cells (openpyxl, write-only)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    with_used_range(path, f"A1:{openpyxl.utils.get_column_letter(len(HEADERS))}{len(rows) + 1}")


def with_used_range(path: Path, used: str) -> None:
    """The workbook's sheet with its ``<dimension>``, which Excel and WPS write and openpyxl's write-only mode does
    not: a reader then knows the sheet's size without reading it through."""
    import zipfile

    with zipfile.ZipFile(path) as old:
        members = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetPr>", f'</sheetPr><dimension ref="{used}"/>'.encode(), 1)
            new.writestr(info, data)


def write_csv(rows: list[list[object]], path: Path) -> None:
    """The register as a CSV file for Excel, times as ``2026-03-02 09:05``."""
    def cell(value: object) -> object:
        return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else value

    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows([cell(value) for value in row] for row in rows)


def latest_day(log: Path) -> str:
    """The latest day of the log's events (ISO), as ``bench_throughput.py`` evaluates it."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_throughput import latest_day as latest

    return latest(log)


def timed(script: str, *arguments: str) -> Run:
    """One run of ``script`` in a fresh interpreter; what it prints as JSON."""
    run = subprocess.run([sys.executable, "-c", script, *arguments], check=True, capture_output=True, text=True)
    result: Run = json.loads(run.stdout)
    return result


def fastest(repeat: int, run: Callable[[], Run]) -> Run:
    """The fastest of ``repeat`` runs."""
    return min((run() for _ in range(max(1, repeat))), key=lambda result: result["seconds"])


if __name__ == "__main__":
    raise SystemExit(main())
