"""Realistic synthetic event logs of a service centre, for benchmarks and demonstrations.

:func:`generate` simulates a centre with windows and staff over the working days of a
year: applications of every case type with their notices, missing materials,
suspensions, extensions and endings, and inspection findings. The same size and seed
always give the same log, in time order, so that benchmarks can be reproduced.

Nothing here is a model of any real centre's volumes: the rates are chosen to exercise
every rule, not to be representative.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from bianmin_rules.calendar import WorkCalendar

Row = dict[str, Any]

CASE_TYPES = ("immediate", "immediate", "immediate", "promised", "promised", "supplement", "joint", "rejected",
              "reported")
FINDINGS = ("late", "early_leave", "no_badge", "untidy_desk", "chatting", "fee_raised")


@dataclass(frozen=True, slots=True)
class Centre:
    """The windows of the simulated centre and the staff of each."""

    windows: tuple[str, ...]
    staff: dict[str, tuple[str, ...]]

    @classmethod
    def of_size(cls, windows: int, staff_per_window: int) -> Centre:
        names = tuple(f"W{w:02d}" for w in range(1, windows + 1))
        return cls(names, {w: tuple(f"S{w[1:]}-{s}" for s in range(1, staff_per_window + 1)) for w in names})


class Simulation:
    """One run: a random source, an event counter, and the events still to come, by time."""

    def __init__(self, seed: int, centre: Centre) -> None:
        self.random = random.Random(seed)
        self.centre = centre
        self.pending: list[tuple[datetime, int, Row]] = []
        self.sequence = 0
        self.cases = 0

    def later(self, at: datetime, row: Row) -> None:
        """Schedule an event."""
        self.sequence += 1
        heapq.heappush(self.pending, (at, self.sequence, row))

    def due_before(self, moment: datetime) -> Iterator[Row]:
        """The scheduled events up to ``moment``, in time order."""
        while self.pending and self.pending[0][0] < moment:
            at, _, row = heapq.heappop(self.pending)
            yield {"at": at.isoformat(timespec="minutes"), **row}

    def office_moment(self, day: date) -> datetime:
        """A random minute of the office day (09:00–17:30)."""
        return datetime.combine(day, time(9)) + timedelta(minutes=self.random.randrange(8 * 60 + 30))

    def case(self, day: date, calendar: WorkCalendar) -> None:
        """One application and its history."""
        self.cases += 1
        rnd = self.random
        window = rnd.choice(self.centre.windows)
        staff = rnd.choice(self.centre.staff[window])
        who = {"case": f"C{day.year}-{self.cases:06d}", "window": window, "staff": staff}
        case_type = rnd.choice(CASE_TYPES)
        received = self.office_moment(day)
        limit = rnd.choice((3, 5, 7, 10, 15, 20))
        self.later(received, {
            "type": "case_received", **who, "case_type": case_type, "promised_limit": limit, "statutory_limit": 20,
            "materials_complete": case_type != "supplement", "key_project": rnd.random() < 0.02,
        })
        moment = received + timedelta(minutes=5)
        if case_type in ("promised", "reported", "joint"):
            promised = calendar.add_working_days(day, limit)
            self.later(moment, {"type": "receipt_notice_issued", **who, "promised_date": promised.isoformat()})
        if case_type == "supplement":
            self.later(moment, {"type": "missing_materials_notice", **who, "items": ["身份证明", "申请表"]})
            moment += timedelta(days=rnd.randrange(1, 6), hours=rnd.randrange(0, 5))
            self.later(moment, {"type": "materials_completed", **who})
        if rnd.random() < 0.03:
            moment += timedelta(days=1)
            self.later(moment, {"type": "case_suspended", **who, "reason": "申请人补正"})
            moment += timedelta(days=rnd.randrange(1, 8))
            self.later(moment, {"type": "case_resumed", **who})
        if rnd.random() < 0.02:
            moment += timedelta(days=1)
            self.later(moment, {
                "type": "extension_granted", **who, "reason": "需专家评审", "new_limit": limit + 10,
                "applicant_told_in_writing": rnd.random() < 0.9,
            })
        self.ending(case_type, moment, limit, who)

    def ending(self, case_type: str, moment: datetime, limit: int, who: Row) -> None:
        """Completion or rejection: mostly in time, sometimes late, sometimes still open."""
        rnd = self.random
        if rnd.random() < 0.03:
            return  # still open
        if case_type == "immediate":
            late = rnd.random() < 0.05
            end = moment + timedelta(days=1 if late else 0, minutes=rnd.randrange(5, 60))
        else:
            end = moment + timedelta(days=rnd.randrange(0, int(limit * 1.6) + 1), minutes=rnd.randrange(5, 300))
        if case_type == "rejected":
            self.later(end, {"type": "case_rejected", **who, "reasons": ["主件缺少"], "written": rnd.random() < 0.95})
        else:
            self.later(end, {"type": "case_completed", **who})

    def finding(self, day: date) -> None:
        """An inspection finding on someone on duty."""
        window = self.random.choice(self.centre.windows)
        self.later(self.office_moment(day), {
            "type": "finding_recorded", "window": window, "staff": self.random.choice(self.centre.staff[window]),
            "finding": self.random.choice(FINDINGS),
        })


def generate(
    events: int, *, seed: int = 1, year: int = 2026, windows: int = 12, staff_per_window: int = 3,
    calendar: WorkCalendar | None = None,
) -> Iterator[Row]:
    """``events`` events of a centre's year, in time order (fewer only for tiny ``events``).

    Each working day brings as many applications as needed to spread ``events`` over the
    year's working days, and a few inspection findings. Every row is a valid event line.
    """
    # Promised dates of December's cases fall in the next year, whose schedule may not be out yet.
    calendar = (calendar or WorkCalendar.china()).allowing_provisional()
    simulation = Simulation(seed, Centre.of_size(windows, staff_per_window))
    days = [d for d in (date(year, 1, 1) + timedelta(n) for n in range(365)) if calendar.is_working_day(d)]
    per_day = -(-events * 2 // (len(days) * 5))  # a case brings 2.7 events on average: aim a little over
    emitted = 0
    for day in days:
        for _ in range(per_day):
            simulation.case(day, calendar)
        if simulation.random.random() < 0.5:
            simulation.finding(day)
        for row in simulation.due_before(datetime.combine(day, time())):
            yield {"id": f"e{emitted:08d}", **row}
            emitted += 1
            if emitted == events:
                return
    for row in simulation.due_before(datetime.max):
        yield {"id": f"e{emitted:08d}", **row}
        emitted += 1
        if emitted == events:
            return
