"""The working-day calendar and office hours of a service centre (CAL-1, CAL-2, CAL-3).

Every deadline of the library ("N 个工作日") is counted here, on one immutable
:class:`WorkCalendar`:

* CAL-1 — a working day is Monday–Friday, minus the statutory holidays, plus the
  official make-up working days (调休上班) that the State Council's annual notice puts
  on a Saturday or Sunday. The day of the triggering event is not counted: "within N
  working days" ends at the close of the N-th working day after it
  (:meth:`WorkCalendar.add_working_days`).
* CAL-2 — office hours: the sessions of a centre's working day
  (:class:`OfficeHours`), and the office time between two moments.
* CAL-3 — a year whose official schedule the calendar does not hold is *provisional*:
  counting into it raises :class:`~bianmin_rules.core.errors.ProvisionalCalendarError`
  unless the caller opted in, and a newly published schedule can be loaded as data
  (:meth:`YearSchedule.from_toml`, :meth:`WorkCalendar.with_schedule`).

The official schedules come from ``holidays.China`` (which carries the State Council
notices up to :data:`LAST_OFFICIAL_YEAR`), overridden year by year by any loaded
:class:`YearSchedule`. The module does no I/O: it parses TOML *text*, never files.

Performance: the working days of every covered year are precomputed once into a sorted
tuple of ordinals and a byte mask, so every query is an O(1) or O(log n) lookup rather
than a walk over the days (see ``docs/calendar.md``).
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Self
from zoneinfo import ZoneInfo

from holidays import country_holidays
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bianmin_rules.core.errors import (
    BOM,
    BOM_FOUND,
    CalendarError,
    CalendarRangeError,
    ProvisionalCalendarError,
    ScheduleError,
    shown,
    wrong_type,
)

__all__ = [
    "CHINA_TZ",
    "DEFAULT_OFFICE_HOURS",
    "FIRST_YEAR",
    "LAST_OFFICIAL_YEAR",
    "PROVISIONAL_HORIZON",
    "HolidayPeriod",
    "OfficeHours",
    "OfficeSession",
    "WorkCalendar",
    "YearSchedule",
    "as_china_time",
]

CHINA_TZ: ZoneInfo = ZoneInfo("Asia/Shanghai")
"""The time zone of every centre: office hours are Asia/Shanghai wall-clock times."""

LAST_OFFICIAL_YEAR: int = 2026
"""The last year whose official schedule (holidays and make-up working days) the installed
``holidays.China`` holds and the tests verify against the State Council notice (CAL-3)."""

FIRST_YEAR: int = 2001
"""The first year the calendar covers: ``holidays.China`` is checked against the State
Council notices from 2001 on, so earlier years could not be counted with confidence."""

PROVISIONAL_HORIZON: int = 5
"""How many years after the last official year the calendar covers at all. Those years
are provisional (CAL-3): counted from ``holidays.China``'s own estimate, only on opt-in."""


def as_china_time(value: datetime) -> datetime:
    """Return ``value`` as an aware Asia/Shanghai datetime.

    A naive datetime is read as Asia/Shanghai wall-clock time (the centres' own clock);
    an aware one is converted to it, keeping the instant. An instant with no China time
    (``9999-12-31T23:59-12:00`` is already the year 10000 in China) raises
    :class:`~bianmin_rules.core.errors.CalendarRangeError`.
    """
    if not isinstance(value, datetime):
        raise wrong_type("the moment", "a datetime.datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=CHINA_TZ)
    try:
        return value.astimezone(CHINA_TZ)
    except OverflowError:
        raise CalendarRangeError(
            f"{value.isoformat()} has no date in China time: it lies past an end of the calendar"
        ) from None


class _KeyedValueError(ValueError):
    """A validation failure that knows the key (relative to the model) it concerns.

    Pydantic reports errors of a model validator at the model itself; carrying the key
    lets :meth:`YearSchedule.from_toml` name e.g. ``holidays[1].last`` exactly.
    """

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}")


class HolidayPeriod(BaseModel):
    """One holiday break of a State Council notice: the days ``first`` to ``last``, inclusive.

    The period is the whole break as the notice states it (e.g. 春节 2026-02-15 to
    2026-02-23), weekends included; every day in it is a rest day.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="The festival, as the notice names it, e.g. 春节.")
    first: date = Field(description="The first rest day of the break.")
    last: date = Field(description="The last rest day of the break (inclusive).")

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.first > self.last:
            raise _KeyedValueError(
                "last", f"{self.last.isoformat()} is before first ({self.first.isoformat()})"
            )
        return self

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` falls inside the break."""
        return isinstance(day, date) and self.first <= day <= self.last


class YearSchedule(BaseModel):
    """The official holiday schedule of one year, as the State Council's notice gives it (CAL-3).

    Load a newly published notice as data, without a new release of the library::

        schedule = YearSchedule.from_toml(text)
        calendar = WorkCalendar.china().with_schedule(schedule)

    The schedule governs every day of its calendar year: Monday–Friday are working days
    except inside a holiday period; Saturday and Sunday are rest days except the listed
    make-up working days. All its dates must lie inside ``year``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1, le=9999, description="The year the notice schedules.")
    source: str = Field(
        min_length=1, description="The notice, e.g. 国务院办公厅关于2026年部分节假日安排的通知."
    )
    holidays: tuple[HolidayPeriod, ...] = Field(description="The holiday breaks.")
    make_up_working_days: tuple[date, ...] = Field(
        default=(), description="Saturdays and Sundays declared working days (调休上班)."
    )

    @model_validator(mode="after")
    def _check_dates(self) -> Self:
        for i, period in enumerate(self.holidays):
            for key in ("first", "last"):
                day: date = getattr(period, key)
                if day.year != self.year:
                    raise _KeyedValueError(
                        f"holidays[{i}].{key}", f"{day.isoformat()} is not in {self.year}"
                    )
        ordered = sorted(enumerate(self.holidays), key=lambda item: item[1].first)
        for (_, earlier), (j, later) in pairwise(ordered):
            if later.first <= earlier.last:
                raise _KeyedValueError(
                    f"holidays[{j}].first",
                    f"{later.name} ({later.first.isoformat()}) overlaps {earlier.name} "
                    f"({earlier.first.isoformat()} to {earlier.last.isoformat()})",
                )
        seen: set[date] = set()
        for i, day in enumerate(self.make_up_working_days):
            key = f"make_up_working_days[{i}]"
            if day.year != self.year:
                raise _KeyedValueError(key, f"{day.isoformat()} is not in {self.year}")
            if day.weekday() < 5:
                raise _KeyedValueError(
                    key,
                    f"{day.isoformat()} is a {day.strftime('%A')}; make-up working days are "
                    "Saturdays or Sundays (weekdays are working days anyway)",
                )
            if day in seen:
                raise _KeyedValueError(key, f"{day.isoformat()} is listed twice")
            seen.add(day)
            for period in self.holidays:
                if day in period:
                    raise _KeyedValueError(
                        key, f"{day.isoformat()} lies inside the holiday period {period.name}"
                    )
        return self

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` (a day of :attr:`year`) is a working day under this schedule (CAL-1)."""
        if day.year != self.year:
            raise CalendarRangeError(f"{day.isoformat()} is not in the {self.year} schedule")
        if day.weekday() >= 5:
            return day in self.make_up_working_days
        return not any(day in period for period in self.holidays)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<schedule>") -> YearSchedule:
        """Parse a schedule from TOML text (the format of ``data/calendar/2026.toml``).

        Pure: the caller reads the file; ``source`` names it in errors. Bad content
        raises one :class:`~bianmin_rules.core.errors.ScheduleError` whose one-line message
        names the key, e.g. ``schedule 2027.toml: holidays[1].last: ...``.
        """
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ScheduleError(BOM_FOUND if text.startswith(BOM) else f"not valid TOML: {exc}",
                                source=source) from None
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            key, message = _first_problem(exc)
            raise ScheduleError(message, source=source, key=key) from None


def _first_problem(exc: ValidationError) -> tuple[str, str]:
    """The first bad key of a pydantic error and what is wrong there, in one line."""
    errors = exc.errors()
    first = errors[0]
    parts: list[str] = []
    for part in first["loc"]:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    message = first["msg"]
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, _KeyedValueError):
        # The key is relative to the model the validator ran on (its loc).
        parts.append(f".{cause.key}" if parts else cause.key)
        message = cause.message
    elif first["type"] != "missing" and isinstance(first["input"], str | int | float):
        message += f" (got {shown(first['input'])})"
    key = "".join(parts) or "<top level>"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return key, f"{message}{more}"


class OfficeSession(BaseModel):
    """One opening session of a working day, ``[start, end)`` in Asia/Shanghai wall-clock time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: time = Field(description="Opening time (inclusive).")
    end: time = Field(description="Closing time (exclusive).")

    @model_validator(mode="after")
    def _check_times(self) -> Self:
        for key in ("start", "end"):
            if getattr(self, key).tzinfo is not None:
                # Sessions are wall-clock times of the centre; a zone would be ambiguous.
                raise _KeyedValueError(key, "must be a time without a time zone")
        if self.start >= self.end:
            raise _KeyedValueError(
                "end", f"{self.end.isoformat()} is not after start ({self.start.isoformat()})"
            )
        return self

    @property
    def duration(self) -> timedelta:
        """The length of the session."""
        return _since_midnight(self.end) - _since_midnight(self.start)


class OfficeHours(BaseModel):
    """The opening sessions of every working day of a centre (CAL-2).

    The default, 09:00–12:00 and 13:30–17:30, is a placeholder chosen by the library,
    not taken from any regulation; a variant states its own, e.g. ``shouzhan-town``
    08:00–12:00 and 14:30–17:30.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sessions: tuple[OfficeSession, ...] = Field(
        default=(
            OfficeSession(start=time(9, 0), end=time(12, 0)),
            OfficeSession(start=time(13, 30), end=time(17, 30)),
        ),
        min_length=1,
        description="The sessions in order, not overlapping.",
    )

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        for i in range(1, len(self.sessions)):
            before, session = self.sessions[i - 1], self.sessions[i]
            if session.start < before.end:
                raise _KeyedValueError(
                    f"sessions[{i}].start",
                    f"{session.start.isoformat()} is before the end of the previous session "
                    f"({before.end.isoformat()}); sessions must be in order, not overlapping",
                )
        return self

    @classmethod
    def of(cls, *spans: tuple[time, time]) -> OfficeHours:
        """Build office hours from ``(start, end)`` pairs.

        Example: ``OfficeHours.of((time(8), time(12)), (time(14, 30), time(17, 30)))``.
        """
        return cls(sessions=tuple(OfficeSession(start=s, end=e) for s, e in spans))

    @property
    def daily_open_time(self) -> timedelta:
        """The total office time of one working day."""
        return sum((s.duration for s in self.sessions), timedelta())

    @property
    def opening(self) -> time:
        """The start of the first session."""
        return self.sessions[0].start

    @property
    def closing(self) -> time:
        """The end of the last session (the close of business)."""
        return self.sessions[-1].end


DEFAULT_OFFICE_HOURS: OfficeHours = OfficeHours()
"""09:00–12:00 and 13:30–17:30: the library's default, not from a regulation (CAL-2)."""


def _since_midnight(clock: time) -> timedelta:
    return timedelta(
        hours=clock.hour, minutes=clock.minute, seconds=clock.second,
        microseconds=clock.microsecond,
    )


_WHOLE_DAY = timedelta(days=1)


def _check_day(day: object) -> None:
    """Raise a :class:`TypeError` unless ``day`` is a date (a datetime is not: its date may not be China's)."""
    if isinstance(day, datetime):
        raise wrong_type("the day", "a date (for a datetime, use as_china_time(moment).date())", day)
    if not isinstance(day, date):
        raise wrong_type("the day", "a datetime.date", day)


def _check_steps(n: object) -> None:
    """Raise a :class:`TypeError` unless ``n`` is a whole number of working days."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise wrong_type("the number of working days", "an int", n)

_MEMO_SIZE = 1 << 16
"""The most entries each memo of a calendar keeps (it starts afresh when full)."""


@dataclass(frozen=True, slots=True)
class _Index:
    """The precomputed working days of the covered years (immutable).

    ``mask[o - base]`` is 1 iff the day of ordinal ``o`` is a working day (O(1)
    membership); ``days`` holds the ordinals of all working days in ascending order, so
    counting and stepping are ``bisect`` lookups (O(log n)).
    """

    first_year: int
    last_year: int
    base: int
    mask: bytes
    days: tuple[int, ...]


@lru_cache(maxsize=32)
def _build_index(last_official_year: int, schedules: tuple[YearSchedule, ...]) -> _Index:
    """Compute the working days of FIRST_YEAR..last_official_year + PROVISIONAL_HORIZON.

    A memo of a pure function (bounded, so loading many schedules cannot grow it without
    limit): ``WorkCalendar.china()`` is then cheap to call again and again.
    """
    last_year = last_official_year + PROVISIONAL_HORIZON
    # Built in one go: a notice may put make-up days in the previous December
    # (e.g. 2001-12-29 from the 2002 notice), which holidays records only when the
    # later year is populated too.
    china = country_holidays("CN", years=range(FIRST_YEAR, last_year + 1))
    closed = set(china.keys())
    make_up = set(china.weekend_workdays)
    if LAST_OFFICIAL_YEAR not in {s.year for s in schedules} and not any(
        day.year == LAST_OFFICIAL_YEAR for day in make_up
    ):
        # An older holidays release lacks the notice: its estimate would pass for official.
        raise CalendarError(
            f"the installed holidays package has no official {LAST_OFFICIAL_YEAR} schedule "
            f"(no make-up working days); upgrade it to a release carrying that year's notice"
        )
    by_year = {s.year: s for s in schedules}
    base = date(FIRST_YEAR, 1, 1).toordinal()
    end = date(last_year, 12, 31).toordinal()
    mask = bytearray(end - base + 1)
    for ordinal in range(base, end + 1):
        day = date.fromordinal(ordinal)
        schedule = by_year.get(day.year)
        if schedule is not None:
            working = schedule.is_working_day(day)
        elif day.weekday() >= 5:
            working = day in make_up
        else:
            working = day not in closed
        mask[ordinal - base] = working
    days = tuple(o for o in range(base, end + 1) if mask[o - base])
    return _Index(first_year=FIRST_YEAR, last_year=last_year, base=base, mask=bytes(mask),
                  days=days)


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkCalendar:
    """The working days (CAL-1) and office hours (CAL-2) of a centre; immutable.

    Build it with :meth:`china`; derive variants with :meth:`with_schedule`,
    :meth:`with_office_hours` and :meth:`allowing_provisional`, which return new
    calendars. Every date method accepts a :class:`~datetime.date` (not a datetime: use
    ``as_china_time(moment).date()``); every datetime method reads naive datetimes as
    Asia/Shanghai and returns aware Asia/Shanghai datetimes.

    Errors (CAL-3): a date in a year after :attr:`last_official_year` — given, or as a
    result — raises :class:`~bianmin_rules.core.errors.ProvisionalCalendarError` unless
    :attr:`allow_provisional` is true; a date before :attr:`first_year` or after
    ``last_official_year + PROVISIONAL_HORIZON`` raises
    :class:`~bianmin_rules.core.errors.CalendarRangeError`.
    """

    _index: _Index = field(repr=False, compare=False)
    _schedules: tuple[YearSchedule, ...] = field(default=(), repr=False)
    last_official_year: int
    """The last year whose official schedule the calendar holds."""
    allow_provisional: bool = False
    """Whether dates after :attr:`last_official_year` are counted (provisionally) or refused."""
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS
    """The sessions of every working day."""
    _added: dict[tuple[date, int], date] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """A bounded memo of :meth:`add_working_days`: a log counts the same few limits from
    the same few hundred days, again and again."""
    _between: dict[tuple[date, date], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """A bounded memo of :meth:`working_days_between`, likewise."""

    # -- construction -----------------------------------------------------------------

    @classmethod
    def china(
        cls, *, allow_provisional: bool = False, office_hours: OfficeHours | None = None
    ) -> WorkCalendar:
        """The mainland China calendar, official up to :data:`LAST_OFFICIAL_YEAR`.

        Cheap to call repeatedly: the working-day index is built once and shared.
        """
        return cls(
            _index=_build_index(LAST_OFFICIAL_YEAR, ()),
            last_official_year=LAST_OFFICIAL_YEAR,
            allow_provisional=allow_provisional,
            office_hours=DEFAULT_OFFICE_HOURS if office_hours is None else office_hours,
        )

    def with_schedule(self, schedule: YearSchedule) -> WorkCalendar:
        """A new calendar in which ``schedule.year`` is official (CAL-3).

        The schedule replaces ``holidays.China``'s data (or an earlier loaded schedule)
        for that year. Loading the year after :attr:`last_official_year` extends it;
        loading a later year raises :class:`CalendarError`, since the years in between
        would stay unofficial (load them in order).
        """
        year = schedule.year
        if year < self.first_year:
            raise CalendarRangeError(
                f"cannot load the {year} schedule: the calendar starts in {self.first_year}"
            )
        if year > self.last_official_year + 1:
            raise CalendarError(
                f"cannot load the {year} schedule: the last official year is "
                f"{self.last_official_year}; load {self.last_official_year + 1} first"
            )
        schedules = tuple(
            sorted(
                (*(s for s in self._schedules if s.year != year), schedule),
                key=lambda s: s.year,
            )
        )
        last_official_year = max(self.last_official_year, year)
        return replace(
            self,
            _index=_build_index(last_official_year, schedules),
            _schedules=schedules,
            last_official_year=last_official_year,
        )

    def with_office_hours(self, hours: OfficeHours) -> WorkCalendar:
        """A new calendar with other office hours (CAL-2)."""
        return replace(self, office_hours=hours)

    def allowing_provisional(self, allow: bool = True) -> WorkCalendar:
        """A new calendar that counts (or refuses) provisional years (CAL-3)."""
        return replace(self, allow_provisional=allow)

    # -- coverage ---------------------------------------------------------------------

    @property
    def first_year(self) -> int:
        """The first year the calendar covers."""
        return self._index.first_year

    @property
    def last_year(self) -> int:
        """The last year the calendar covers (provisionally): last official year + 5."""
        return self._index.last_year

    @property
    def schedules(self) -> tuple[YearSchedule, ...]:
        """The schedules loaded with :meth:`with_schedule`, by year."""
        return self._schedules

    def is_provisional(self, day: date) -> bool:
        """Whether ``day`` lies after the last official year (CAL-3); never raises."""
        return day.year > self.last_official_year

    def _ordinal(self, day: date) -> int:
        """The ordinal of ``day`` once it is known to be countable; else raise."""
        if day.__class__ is not date:
            _check_day(day)
        year = day.year
        if year > self.last_official_year or year < self._index.first_year:
            self._refuse(day)
        return day.toordinal()

    def _refuse(self, day: date) -> None:
        year = day.year
        if year < self._index.first_year or year > self._index.last_year:
            raise CalendarRangeError(
                f"{day.isoformat()} lies outside the years the calendar covers "
                f"({self._index.first_year}-{self._index.last_year}; years after "
                f"{self.last_official_year} only provisionally)"
            )
        if year > self.last_official_year and not self.allow_provisional:
            raise ProvisionalCalendarError(day, self.last_official_year)

    # -- working days (CAL-1) ---------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day: Mon–Fri minus holidays plus make-up days (CAL-1)."""
        index = self._index
        return index.mask[self._ordinal(day) - index.base] == 1

    def add_working_days(self, day: date, n: int) -> date:
        """Step ``n`` working days from ``day`` (CAL-1).

        * ``n > 0``: the n-th working day strictly after ``day`` — the day a limit of
          "N working days" triggered on ``day`` ends (the triggering day is not counted);
        * ``n < 0``: the |n|-th working day strictly before ``day``;
        * ``n == 0``: ``day`` itself if it is a working day, else the next working day
          (as ``holidays``' ``get_nth_working_day(day, 0)``).
        """
        # Memoised: the lookup costs a fifth of the count (a datetime never matches a
        # date key, so it still reaches the check below and raises).
        if n.__class__ is not int:
            _check_steps(n)
        memo = self._added
        result = memo.get((day, n))
        if result is None:
            result = self._add_working_days(day, n)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[(day, n)] = result
        return result

    def _add_working_days(self, day: date, n: int) -> date:
        days = self._index.days
        ordinal = self._ordinal(day)
        if n > 0:
            i = bisect_right(days, ordinal) + n - 1
        elif n < 0:
            i = bisect_left(days, ordinal) + n
        else:
            i = bisect_left(days, ordinal)
        if not 0 <= i < len(days):
            raise CalendarRangeError(
                f"{n} working days from {day.isoformat()} leaves the years the calendar "
                f"covers ({self._index.first_year}-{self._index.last_year})"
            )
        result = date.fromordinal(days[i])
        if result.year > self.last_official_year and not self.allow_provisional:
            raise ProvisionalCalendarError(result, self.last_official_year)
        return result

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day`` (``add_working_days(day, 1)``)."""
        return self.add_working_days(day, 1)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]`` (CAL-1 convention).

        ``start`` itself is not counted, ``end`` is. If ``end < start`` the result is
        minus the count in ``(end, start]``, so that
        ``working_days_between(a, b) == -working_days_between(b, a)``.
        """
        memo = self._between
        result = memo.get((start, end))
        if result is None:
            days = self._index.days
            result = bisect_right(days, self._ordinal(end)) - bisect_right(days, self._ordinal(start))
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[(start, end)] = result
        return result

    # -- office time (CAL-2) ----------------------------------------------------------

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=CHINA_TZ)

    def is_open(self, moment: datetime) -> bool:
        """Whether the centre is open at ``moment``: a working day, inside a session."""
        local = as_china_time(moment)
        if not self.is_working_day(local.date()):
            return False
        clock = local.time()
        return any(s.start <= clock < s.end for s in self.office_hours.sessions)

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` (in Asia/Shanghai) if the centre is open then, else the next session start."""
        local = as_china_time(moment)
        day = local.date()
        sessions = self.office_hours.sessions
        if self.is_working_day(day):
            clock = local.time()
            for session in sessions:
                if clock < session.end:
                    return local if clock >= session.start else self._at(day, session.start)
        return self._at(self.next_working_day(day), sessions[0].start)

    def close_of_business(self, day: date) -> datetime:
        """The end of the last session of ``day``, the moment a deadline on ``day`` expires.

        For a day that is not a working day, the close of business of the next working
        day (a limit cannot expire on a closed day).
        """
        return self._at(self.add_working_days(day, 0), self.office_hours.closing)

    def opening_intervals(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The sessions of ``day`` as aware ``(start, end)`` pairs; ``()`` on a closed day."""
        if not self.is_working_day(day):
            return ()
        return tuple(
            (self._at(day, s.start), self._at(day, s.end)) for s in self.office_hours.sessions
        )

    def _open_within_day(self, day: date, since: timedelta, until: timedelta) -> timedelta:
        """Office time of ``day`` inside ``[since, until)`` (offsets from midnight)."""
        if not self.is_working_day(day):
            return timedelta()
        total = timedelta()
        for session in self.office_hours.sessions:
            lo = max(since, _since_midnight(session.start))
            hi = min(until, _since_midnight(session.end))
            if hi > lo:
                total += hi - lo
        return total

    def open_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The office time inside ``[start, end)``: lunch breaks and closed days do not count.

        Zero if ``end <= start``. Asia/Shanghai has kept one UTC offset since 1991, so
        wall-clock differences are real durations.
        """
        lo, hi = as_china_time(start), as_china_time(end)
        if hi <= lo:
            return timedelta()
        first, last = lo.date(), hi.date()
        since = _since_midnight(lo.time())
        until = _since_midnight(hi.time())
        if first == last:
            return self._open_within_day(first, since, until)
        total = self._open_within_day(first, since, _WHOLE_DAY)
        # Whole days strictly between: counted from the index, not walked.
        before_last = last - timedelta(days=1)
        if before_last > first:
            whole_days = self.working_days_between(first, before_last)
            total += whole_days * self.office_hours.daily_open_time
        if until:
            # Only consult the last day if some of it lies inside the interval.
            total += self._open_within_day(last, timedelta(), until)
        return total

