"""A year of sign-ins: 1,000 staff signing in and out four times every working day of 2026.

    python benchmarks/sign_in_log.py > sign-ins.jsonl        # 993,000 events
    bianmin-rules evaluate --variant county-centre --as-of 2026-12-31 sign-ins.jsonl > report.md

A log of another shape than ``bianmin-rules generate``'s (mostly cases): almost every
event is an attendance record, so the attendance ledger and rules carry the load. Staff
sign in five minutes before each session and out five minutes after it (the library's
default office hours); one record in a hundred is ten minutes late.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, timedelta

from bianmin_rules import WorkCalendar
from bianmin_rules.core.calendar import DEFAULT_OFFICE_HOURS

STAFF = 1_000
YEAR = 2026
MARGIN = timedelta(minutes=5)
LATE = timedelta(minutes=10)


def main() -> None:
    calendar = WorkCalendar.china()
    chance = random.Random(1)
    write = sys.stdout.write
    number = 0

    def event(at: str, kind: str, staff: int, **fields: str) -> None:
        nonlocal number
        write(json.dumps({"id": f"e{number:07d}", "at": at, "type": kind, "staff": f"S{staff:04d}",
                          "window": f"W{staff // 3:03d}", **fields}) + "\n")
        number += 1

    first = date(YEAR, 1, 1)
    for staff in range(STAFF):
        event(f"{first}T00:00", "post_assigned", staff, post="AB"[staff % 2], first_day=str(first))
    day = first
    while day.year == YEAR:
        if calendar.is_working_day(day):
            for staff in range(STAFF):
                for session in DEFAULT_OFFICE_HOURS.sessions:
                    for moment, kind, offset in ((session.start, "signed_in", -MARGIN),
                                                 (session.end, "signed_out", MARGIN)):
                        shift = LATE if chance.random() < 0.01 else timedelta()
                        at = datetime.combine(day, moment) + offset + shift
                        event(at.isoformat(timespec="minutes"), kind, staff)
        day += timedelta(days=1)


if __name__ == "__main__":
    main()
