"""Days and times as centres type them into spreadsheets.

A cell may hold a date cell or a date-and-time cell of Excel (read as ``date`` or
``datetime``), a time cell (``time``), an Excel serial number (``46083.375`` is
2026-03-02 09:00), or text: ``2026/3/2 9:05``, ``2026-03-02 09:05``, ``2026-03-02T09:05:00``,
``2026.3.2 9:05``, ``2026年3月2日 9时5分`` (seconds may follow). A day without a time where
the rule needs one is an error, never midnight.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

EXCEL_EPOCH = datetime(1899, 12, 30)
"""Day 0 of Excel's serial numbers (the 1900 date system, as Excel counts it)."""

SERIALS = (1, 2958465)
"""The serial numbers Excel shows as days: 1900-01-01 to 9999-12-31."""

_DAY = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
_TIME = r"(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}(?:\.\d+)?)\s*秒?)?\s*分?"
MOMENT = re.compile(rf"{_DAY}(?:\s*T?\s*{_TIME})?")
CLOCK = re.compile(_TIME)

EXAMPLES = "2026-03-02 09:05, 2026/3/2 9:05 or 2026年3月2日 9时5分"
"""How the expectation reads in an error."""


class MomentError(ValueError):
    """A cell is not a day, or not a time, as expected: the message says what was expected."""


def moment(value: object, *, time_needed: bool = True) -> datetime | date:
    """A cell as a day and time (a ``datetime``), or a day alone (a ``date``) where no time is needed."""
    found = _moment(value)
    if time_needed and not isinstance(found, datetime):
        raise MomentError(f"a day and a time, e.g. {EXAMPLES}; the cell has a day without a time")
    return found


def _moment(value: object) -> datetime | date:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return serial(value)
    if isinstance(value, str):
        text = value.strip()
        match = MOMENT.fullmatch(text)
        if match is not None:
            return from_match(match)
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return serial(float(text))
    raise MomentError(f"a day and a time, e.g. {EXAMPLES}")


def from_match(match: re.Match[str]) -> datetime | date:
    """The day (and time) a pattern matched; an impossible one (2026-02-30, 25:00) is an error."""
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["H"] is None:
            return day
        return datetime.combine(day, clock_of(match))
    except ValueError as exc:
        raise MomentError(f"a day and a time that exist ({exc})") from None


def clock_of(match: re.Match[str]) -> time:
    """The time a pattern matched, to the second."""
    seconds = float(match["S"] or 0)
    return time(int(match["H"]), int(match["M"]), int(seconds))


def serial(number: float) -> datetime | date:
    """An Excel serial number: the whole part counts days, the fraction the time of day."""
    if not SERIALS[0] <= number < SERIALS[1] + 1:
        raise MomentError(f"a day and a time, e.g. {EXAMPLES} (or an Excel date serial)")
    moment = EXCEL_EPOCH + timedelta(days=number)
    moment = (moment + timedelta(seconds=0.5)).replace(microsecond=0)  # a serial's float, to the second
    return moment.date() if number == int(number) else moment


def time_of_day(value: object) -> time:
    """A cell as a time of day: a time cell, text such as ``9:05`` or ``9时5分``, or a fraction of a day."""
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, float) and 0 <= value < 1:
        return (EXCEL_EPOCH + timedelta(days=value, seconds=0.5)).time().replace(microsecond=0)
    if isinstance(value, str):
        match = CLOCK.fullmatch(value.strip())
        if match is not None:
            try:
                return clock_of(match)
            except ValueError as exc:
                raise MomentError(f"a time of day that exists ({exc})") from None
    raise MomentError("a time of day, e.g. 09:05 or 9时5分")
