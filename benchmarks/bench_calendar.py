"""Benchmark: WorkCalendar.add_working_days against holidays' get_nth_working_day (CAL-1).

Run from the project root::

    python benchmarks/bench_calendar.py

It draws 20,000 seeded random inputs (n from 1 to 60, dates 2021-01-01..2026-10-09, so
every result stays in the official year 2026 at the latest), checks that both give the
same date for every input, times both (median of several repeats, per call) and prints
the speed-up. Exit status 1 on any mismatch or a speed-up under 20x.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

import holidays

from bianmin_rules.core.calendar import WorkCalendar

SEED = 20260214
INPUTS = 20_000
REPEATS = 3
REQUIRED_SPEEDUP = 20.0
FIRST_DAY = date(2021, 1, 1)
# The latest day from which 60 working days still end in 2026: 2026-10-10 (a make-up
# Saturday) is the 60th working day before 2027-01-01. A later start (e.g. 2026-10-31)
# would land in 2027, which WorkCalendar.china() rightly refuses as provisional (CAL-3).
LAST_DAY = date(2026, 10, 9)


def draw_inputs() -> list[tuple[date, int]]:
    """The seeded random (date, n) pairs."""
    rng = random.Random(SEED)
    span = (LAST_DAY - FIRST_DAY).days
    return [
        (FIRST_DAY + timedelta(days=rng.randint(0, span)), rng.randint(1, 60))
        for _ in range(INPUTS)
    ]


def per_call(run: Callable[[], object], calls: int) -> float:
    """Median seconds per call over REPEATS runs of ``run`` (which makes ``calls`` calls)."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) / calls)
    return statistics.median(timings)


def main() -> int:
    """Check, time, report; return the exit status."""
    inputs = draw_inputs()
    reference = holidays.country_holidays("CN", years=range(FIRST_DAY.year, LAST_DAY.year + 1))
    mismatches = [
        (day, n, ours, theirs)
        for day, n in inputs
        if (ours := WorkCalendar.china().add_working_days(day, n))
        != (theirs := reference.get_nth_working_day(day, n))
    ]
    for day, n, ours, theirs in mismatches[:10]:
        print(f"MISMATCH add_working_days({day}, {n}): ours {ours}, holidays {theirs}")
    if mismatches:
        print(f"{len(mismatches)} of {len(inputs)} inputs differ")
        return 1
    print(f"{len(inputs)} inputs: identical results")


    def ours() -> list[date]:
        # A new calendar each run: it remembers the days it added, and a run of the same
        # inputs again would time the memo rather than the count.
        calendar = WorkCalendar.china()
        return [calendar.add_working_days(d, n) for d, n in inputs]

    ours_s = per_call(ours, len(inputs))
    theirs_s = per_call(
        lambda: [reference.get_nth_working_day(d, n) for d, n in inputs], len(inputs)
    )
    speedup = theirs_s / ours_s
    print(f"WorkCalendar.add_working_days : {ours_s * 1e6:8.2f} us/call")
    print(f"holidays.get_nth_working_day  : {theirs_s * 1e6:8.2f} us/call")
    print(f"speed-up                      : {speedup:8.1f}x (required {REQUIRED_SPEEDUP:.0f}x)")
    if speedup < REQUIRED_SPEEDUP:
        print("FAIL: speed-up under the requirement")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
