"""Assessment periods (SC-10): months, quarters and years, as the regulations count them.

Monthly scores, quarterly awards, yearly totals, and the counting windows of sanction
ladders ("within a year") are all :class:`Period` values. A period begins on the first day
of a month, so its end and the next one are counted in whole months.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator

from bianmin_rules.core.bounds import Day

MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}
LABEL = re.compile(r"(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?")


class PeriodKind(StrEnum):
    """How long a period is."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def months(self) -> int:
        """How many calendar months a period of this kind spans: 1, 3 or 12."""
        return MONTHS_IN[self]


class Period(BaseModel):
    """One calendar month, quarter or year, named by its first day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PeriodKind
    start: Day

    @model_validator(mode="after")
    def _starts_on_a_boundary(self) -> Period:
        months = self.kind.months
        if self.start.day != 1 or (self.start.month - 1) % months:
            raise ValueError(f"a {self.kind.value} starts on the first day of its first month, not {self.start}")
        return self

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: date) -> Period:
        """The period of ``kind`` that ``day`` falls in."""
        kind = PeriodKind(kind)
        months = kind.months
        first_month = (day.month - 1) // months * months + 1
        return cls(kind=kind, start=date(day.year, first_month, 1))

    @classmethod
    def parse(cls, label: str) -> Period:
        """The period a label names: ``2026``, ``2026-Q1`` or ``2026-03``."""
        match = LABEL.fullmatch(label.strip())
        if match is None:
            raise ValueError(f"not a period (expected 2026, 2026-Q1 or 2026-03): {label!r}")
        year, quarter, month = match.group("year", "quarter", "month")
        if quarter:
            return cls(kind=PeriodKind.QUARTER, start=date(int(year), 3 * int(quarter) - 2, 1))
        if month:
            return cls(kind=PeriodKind.MONTH, start=date(int(year), int(month), 1))
        return cls(kind=PeriodKind.YEAR, start=date(int(year), 1, 1))

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        return self._after - timedelta(days=1)

    @property
    def _after(self) -> date:
        """The first day after the period: the first day of the month its last month is followed by."""
        month = self.start.month - 1 + self.kind.months
        return date(self.start.year + month // 12, month % 12 + 1, 1)

    @property
    def label(self) -> str:
        """``2026``, ``2026-Q1`` or ``2026-03``."""
        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def next(self) -> Period:
        """The period right after this one."""
        return Period(kind=self.kind, start=self._after)

    def parts(self, kind: PeriodKind | str) -> tuple[Period, ...]:
        """The shorter periods this one is made of, e.g. the quarters of a year."""
        part = Period(kind=PeriodKind(kind), start=self.start)
        if part.kind.months > self.kind.months:
            raise ValueError(f"a {self.kind.value} is not made of {part.kind.value}s")
        return tuple(periods_between(part.kind, self.start, self.end))

    def __str__(self) -> str:
        return self.label


def periods_between(kind: PeriodKind | str, first: date, last: date) -> Iterator[Period]:
    """Every period of ``kind`` that overlaps the days ``first`` to ``last``, in order."""
    period = Period.containing(kind, first)
    while period.start <= last:
        yield period
        period = period.next()
