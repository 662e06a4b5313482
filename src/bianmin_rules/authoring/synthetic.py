"""Realistic synthetic event logs of a service centre, for benchmarks and demonstrations.

:func:`generate` simulates a centre with windows and staff over the working days of a
year: the duty roster; daily sign-ins and sign-outs; leave with its approval and cover;
posts left and returned to; monthly meetings; applications of every case type with their
notices, missing materials, suspensions, extensions and endings; inquiries handed over,
taken and answered; complaints answered and investigated; inspection findings. The same
size and seed always give the same log, in time order, so that benchmarks can be
reproduced.

Nothing here is a model of any real centre's volumes: the rates are chosen to exercise
every rule, not to be representative.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.errors import CalendarRangeError

Row = dict[str, Any]

MAX_WINDOWS = 99
"""The most windows a simulated centre has (W01 … W99)."""

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
        """A centre of ``windows`` windows (``W01`` …) with ``staff_per_window`` staff each (``S01-1`` …)."""
        names = tuple(f"W{w:02d}" for w in range(1, windows + 1))
        return cls(names, {w: tuple(f"S{w[1:]}-{s}" for s in range(1, staff_per_window + 1)) for w in names})


class Simulation:
    """One run: a random source, an event counter, and the events still to come, by time."""

    def __init__(
        self, seed: int, centre: Centre, calendar: WorkCalendar, codes: Mapping[str, str] | None = None
    ) -> None:
        self.random = random.Random(seed)
        self.centre = centre
        self.calendar = calendar
        self.codes = codes or {kind: kind for kind in CASE_TYPES}
        self.pending: list[tuple[datetime, int, Row]] = []
        self.sequence = 0
        self.cases = 0
        self.inquiries = 0
        self.complaints = 0

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

    def case(self, day: date) -> None:
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
            "type": "case_received", **who, "case_type": self.codes[case_type], "promised_limit": limit,
            "statutory_limit": 20,
            "materials_complete": case_type != "supplement", "key_project": rnd.random() < 0.02,
        })
        moment = received + timedelta(minutes=5)
        if case_type in ("promised", "reported", "joint"):
            promised = self.calendar.add_working_days(day, limit)
            self.later(moment, {"type": "receipt_notice_issued", **who, "promised_date": promised.isoformat()})
        if case_type == "joint":
            self.joint_review(received, limit, who)
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
        """Completion or rejection: mostly in time (one in twenty late), sometimes still open."""
        rnd = self.random
        if rnd.random() < 0.03:
            return  # still open
        late = rnd.random() < 0.05
        if case_type == "immediate":
            end = moment + timedelta(days=1 if late else 0, minutes=rnd.randrange(5, 60))
        else:
            # Working days of the limit (3 for a rejection, TL-7), a few more when late.
            days = 3 if case_type == "rejected" else limit
            taken = days + rnd.randrange(1, 4) if late else rnd.randrange(0, days + 1)
            end = datetime.combine(self.calendar.add_working_days(moment.date(), taken), time(9)) + timedelta(
                minutes=rnd.randrange(0, 8 * 60))
            end = max(end, moment + timedelta(minutes=30))  # a case ends after its last step, never before
        if case_type == "rejected":
            self.later(end, {"type": "case_rejected", **who, "reasons": ["主件缺少"], "written": rnd.random() < 0.95})
        else:
            self.later(end, {"type": "case_completed", **who})

    def joint_review(self, received: datetime, limit: int, who: Row) -> None:
        """The lead forwards a joint case to one or two other windows at once; each decides in time."""
        rnd = self.random
        others = [w for w in self.centre.windows if w != who["window"]]
        for window in rnd.sample(others, min(len(others), rnd.choice((1, 2)))):
            self.later(received + timedelta(minutes=20), {
                "type": "joint_review_forwarded", **who, "to_window": window, "limit": limit,
            })
            decided = self.calendar.add_working_days(received.date(), rnd.randrange(0, limit + 1))
            self.later(max(datetime.combine(decided, time(15)), received + timedelta(minutes=30)), {
                "type": "joint_review_decided", "case": who["case"], "window": window,
                "staff": rnd.choice(self.centre.staff[window]), "approved": rnd.random() < 0.9,
            })

    def roster(self, first_day: date) -> None:
        """The duty roster: the first staff member of a window holds its A post, the others B posts."""
        at = datetime.combine(first_day, time(0))
        for window, staff in self.centre.staff.items():
            for number, person in enumerate(staff):
                self.later(at, {
                    "type": "post_assigned", "staff": person, "window": window, "post": "A" if number == 0 else "B",
                    "first_day": first_day.isoformat(),
                })

    def attendance(self, day: date) -> None:
        """Everyone signs in and out; a few arrive late, leave early, take leave or step out."""
        rnd = self.random
        for window, staff in self.centre.staff.items():
            for person in staff:
                who = {"staff": person, "window": window}
                if rnd.random() < 0.01:
                    self.leave(day, person, window, staff)
                    continue
                arrive = 8 * 60 + 50 + rnd.randrange(-20, 9 if rnd.random() < 0.97 else 40)
                leave = 17 * 60 + 30 + rnd.randrange(0, 25) - (30 if rnd.random() < 0.02 else 0)
                self.later(datetime.combine(day, time()) + timedelta(minutes=arrive), {"type": "signed_in", **who})
                self.later(datetime.combine(day, time()) + timedelta(minutes=leave), {"type": "signed_out", **who})
                if rnd.random() < 0.02:
                    self.step_out(day, who)

    def leave(self, day: date, person: str, window: str, staff: tuple[str, ...]) -> None:
        """A day's leave, asked for the day before, approved, with a colleague covering."""
        asked = datetime.combine(day, time(16)) - timedelta(days=1)
        substitute = next((s for s in staff if s != person), None)
        leave_id = f"L-{person}-{day.isoformat()}"
        self.later(asked, {
            "type": "leave_requested", "staff": person, "window": window, "leave": leave_id,
            "leave_type": self.random.choice(("personal", "sick", "annual")),
            "start": datetime.combine(day, time(9)).isoformat(), "end": datetime.combine(day, time(17, 30)).isoformat(),
            "days": 1, "substitute": substitute,
        })
        self.later(asked + timedelta(minutes=30), {
            "type": "leave_approved", "staff": person, "leave": leave_id, "approver_role": "中心主任",
        })
        if substitute is not None:
            self.later(datetime.combine(day, time(9)), {"type": "post_covered", "staff": substitute, "window": window,
                                                         "for_staff": person})

    def step_out(self, day: date, who: Row) -> None:
        """A short absence from the post, mostly with whereabouts posted."""
        left = self.office_moment(day)
        if self.random.random() < 0.8:
            self.later(left - timedelta(minutes=1), {
                "type": "whereabouts_posted", **who, "where": "规建办", "why": "送材料", "contact": "0000-0000000",
            })
        self.later(left, {"type": "post_left", **who, "reason": "送材料"})
        self.later(left + timedelta(minutes=self.random.randrange(10, 90)), {"type": "post_returned", **who})

    def meeting(self, day: date) -> None:
        """The monthly meeting: most attend, a few are late or absent."""
        at = datetime.combine(day, time(16))
        for window, staff in self.centre.staff.items():
            for person in staff:
                status = self.random.choices(("present", "late", "absent"), weights=(94, 4, 2))[0]
                self.later(at, {
                    "type": "meeting_attendance_recorded", "staff": person, "window": window,
                    "meeting": f"M-{day.isoformat()}", "meeting_kind": "meeting", "status": status,
                })

    def inquiry(self, day: date) -> None:
        """An inquiry: asked, sometimes handed over, taken, and answered."""
        self.inquiries += 1
        rnd = self.random
        window = rnd.choice(self.centre.windows)
        first = rnd.choice(self.centre.staff[window])
        inquiry = f"Q{day.year}-{self.inquiries:06d}"
        asked = self.office_moment(day)
        channel = rnd.choices(("in_person", "phone", "letter"), weights=(80, 18, 2))[0]
        self.later(asked, {
            "type": "inquiry_received", "inquiry": inquiry, "window": window, "staff": first, "channel": channel,
            "remit": "own" if rnd.random() < 0.7 else "centre",
        })
        handler, handler_window = first, window
        if channel == "phone":
            self.later(asked + timedelta(minutes=2), {"type": "inquiry_recorded", "inquiry": inquiry, "staff": first,
                                                      "contact_recorded": True})
        if rnd.random() < 0.3:
            handler_window = rnd.choice(self.centre.windows)
            handler = rnd.choice(self.centre.staff[handler_window])
            self.later(asked + timedelta(minutes=3), {
                "type": "inquiry_referred", "inquiry": inquiry, "staff": first, "to_window": handler_window,
                "to_staff": handler,
            })
        self.later(asked + timedelta(minutes=10), {
            "type": "inquiry_taken", "inquiry": inquiry, "window": handler_window, "staff": handler,
        })
        if rnd.random() < 0.95:
            self.later(asked + timedelta(hours=rnd.randrange(1, 30)), {
                "type": "inquiry_replied", "inquiry": inquiry, "staff": handler, "by_phone": rnd.random() < 0.5,
            })

    def complaint(self, day: date) -> None:
        """A complaint about someone on duty: answered, mostly in time, and investigated."""
        self.complaints += 1
        rnd = self.random
        window = rnd.choice(self.centre.windows)
        about = rnd.choice(self.centre.staff[window])
        complaint = f"K{day.year}-{self.complaints:05d}"
        received = self.office_moment(day)
        form = rnd.choice(("oral", "phone", "written"))
        self.later(received, {
            "type": "complaint_received", "complaint": complaint, "staff": "S-office", "form": form,
            "category": rnd.choices(("ordinary", "complex"), weights=(90, 10))[0],
            "about_staff": about, "about_window": window,
        })
        self.later(received + timedelta(days=rnd.choice((0, 1, 1, 2, 6))), {
            "type": "complaint_answered", "complaint": complaint, "staff": "S-office",
            "form": "written" if form == "written" else "oral",
        })
        self.later(received + timedelta(days=3), {
            "type": "complaint_investigated", "complaint": complaint, "staff": about, "window": window,
            "upheld": rnd.random() < 0.3, "cause": "attitude",
        })

    def finding(self, day: date) -> None:
        """An inspection finding on someone on duty."""
        window = self.random.choice(self.centre.windows)
        self.later(self.office_moment(day), {
            "type": "finding_recorded", "window": window, "staff": self.random.choice(self.centre.staff[window]),
            "finding": self.random.choice(FINDINGS),
        })


def case_codes(case_types: Collection[str]) -> dict[str, str]:
    """The code each simulated kind of case is received under, among ``case_types`` (see :func:`generate`)."""
    declared = list(case_types)
    if not declared:
        raise ValueError("no case types to receive cases under")
    fallback = "promised" if "promised" in declared else declared[0]
    return {kind: kind if kind in declared else fallback for kind in CASE_TYPES}


def generate(
    events: int, *, seed: int = 1, year: int = 2026, windows: int = 12, staff_per_window: int = 3,
    calendar: WorkCalendar | None = None, case_types: Collection[str] | None = None,
) -> Iterator[Row]:
    """``events`` events of a centre's year, in time order (fewer only for tiny ``events``).

    Each working day brings as many applications as needed to spread ``events`` over the
    year's working days, and a few inspection findings. Every row is a valid event line.
    Raises :class:`ValueError` unless ``events``, ``windows`` and ``staff_per_window`` are
    at least 1 (and ``windows`` at most :data:`MAX_WINDOWS`), and
    :class:`~bianmin_rules.core.errors.CalendarRangeError` for a year whose cases the calendar
    cannot count to their end (its last year is not simulated: December's cases end in the next).

    ``case_types`` are the codes the receipts may use, e.g. a variant's
    (``variant.case_types``), so that the variant accepts the log (CASE-2): each simulated
    kind of case keeps its code where it is among them, else is received as ``promised``
    where that is, else as the first of them. Its history stays that of its kind.
    """
    for name, value, most in (("events", events, None), ("windows", windows, MAX_WINDOWS),
                              ("staff_per_window", staff_per_window, None)):
        if value < 1 or (most is not None and value > most):
            raise ValueError(f"{name} must be from 1 to {most}" if most else f"{name} must be at least 1")
    # Promised dates of December's cases fall in the next year, whose schedule may not be out yet.
    calendar = (calendar or WorkCalendar.china()).allowing_provisional()
    if not calendar.first_year <= year < calendar.last_year:
        raise CalendarRangeError(
            f"cannot simulate {year}: the calendar covers {calendar.first_year}-{calendar.last_year}, "
            "and the cases of a year simulated end in the next"
        )
    codes = None if case_types is None else case_codes(case_types)
    simulation = Simulation(seed, Centre.of_size(windows, staff_per_window), calendar, codes)
    days = [d for d in (date(year, 1, 1) + timedelta(n) for n in range(365)) if calendar.is_working_day(d)]
    staff = windows * staff_per_window
    # Per working day, besides 2 sign-in events per person: cases (about 2.7 events each)
    # and a third as many inquiries (about 3.5 each): aim a little over the size.
    per_day = max(1, -(-(events // len(days) - 2 * staff) * 10 // 35))
    simulation.roster(days[0])
    emitted = 0
    for day in days:
        simulation.attendance(day)
        for _ in range(per_day):
            simulation.case(day)
        for _ in range(per_day // 3 + 1):
            simulation.inquiry(day)
        if simulation.random.random() < 0.3:
            simulation.complaint(day)
        if day.day <= 7 and day.weekday() == 4:  # the first Friday of the month
            simulation.meeting(day)
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
