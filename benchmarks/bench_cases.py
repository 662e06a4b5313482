"""Evaluate a large generated event log under the case rules: time and peak memory.

    python benchmarks/bench_cases.py [EVENTS]      (default 1,000,000 events)

The log is written to a temporary JSON Lines file and streamed back through
``read_event_files``, as the command line does; the variant is county-centre with
every case rule of the brief (the tables of ``tests/case_variants.py``). About one case
in seven events: receipts, notices, registrations, suspensions, returns and completions,
mostly in time.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bianmin_rules import WorkCalendar, evaluate, read_event_files  # noqa: E402
from tests import case_variants  # noqa: E402

AS_OF = date(2026, 12, 31)
CALENDAR = WorkCalendar.china()


def case_events(rnd: random.Random, number: int) -> Iterator[dict[str, object]]:
    """The events of one generated case."""
    received = datetime(2026, 1, 5, 9) + timedelta(days=rnd.randrange(300), minutes=rnd.randrange(400))
    case, window, staff = f"C{number:07d}", f"W{number % 40}", f"S{number % 300}"
    kind = rnd.choice(["immediate", "immediate", "promised", "promised", "supplement", "rejected", "reported"])
    common = {"case": case, "window": window, "staff": staff}

    def event(kind_: str, moment: datetime, **fields: object) -> dict[str, object]:
        return {"type": kind_, "at": moment.isoformat(timespec="minutes"), **common, **fields}

    limit = rnd.randrange(3, 15)
    yield event("case_received", received, case_type=kind, promised_limit=limit, statutory_limit=20,
                materials_complete=kind != "supplement", key_project=rnd.random() < 0.01)
    yield event("case_registered", received + timedelta(minutes=3))
    if kind in ("promised", "reported"):
        promised = CALENDAR.add_working_days(received.date(), limit)
        yield event("receipt_notice_issued", received + timedelta(minutes=5), promised_date=promised.isoformat())
    if kind == "supplement":
        yield event("missing_materials_notice", received + timedelta(minutes=5), items=["总平面图", "租赁合同"],
                    states=["materials", "procedure", "promised_limit"])
        yield event("materials_completed", received + timedelta(days=2))
        if rnd.random() < 0.05:
            yield event("applicant_returned", received + timedelta(days=1), cause="incomplete_notice")
    if rnd.random() < 0.03:
        yield event("case_suspended", received + timedelta(days=1), reason="等待申请人")
        yield event("case_resumed", received + timedelta(days=3))
    if kind == "rejected":
        yield event("case_rejected", received + timedelta(hours=2), reasons=["不符合条件"])
    elif rnd.random() < 0.97:
        days = 0 if kind == "immediate" else rnd.randrange(0, 8)
        yield event("case_completed", received + timedelta(days=days, hours=rnd.randrange(3)))


def write_log(path: Path, count: int) -> int:
    """Write about ``count`` events; returns how many cases."""
    rnd = random.Random(20260101)
    written = cases = 0
    with path.open("w", encoding="utf-8") as out:
        while written < count:
            for row in case_events(rnd, cases):
                written += 1
                out.write(json.dumps({"id": f"e{written}", **row}, ensure_ascii=False) + "\n")
            cases += 1
    return cases


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    variant = case_variants.county_case_rules()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        cases = write_log(path, count)
        started = time.perf_counter()
        report = evaluate(variant, read_event_files([path]), as_of=AS_OF)
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.events_read} events, {cases} cases, {len(variant.policies)} policies")
    print(f"evaluated in {elapsed:.1f} s; {len(report.verdicts)} verdicts; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
