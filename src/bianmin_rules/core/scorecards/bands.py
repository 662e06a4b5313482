"""Band tables: points by the band a measured rate falls in (SC-5, TL-11, SC-2).

The regulations write bands as "91–95% 得3分, 96%以上得5分, 未达90%的不得分". Read as
intervals of exact rates, such bands leave gaps ([90, 91) and (95, 96)) and sometimes
overlap. A :class:`BandTable` therefore says, as data:

- how a rate is rounded before it is looked up (``rounding``; exact by default);
- its hit policy (``hit``): ``unique`` — a rate in two bands is an error — or ``first`` —
  the first band that holds the rate wins, which resolves overlaps by order;
- each band's interval with its open or closed ends, and the words it encodes;
- for every gap the text leaves, a band marked with the variant's ``decision`` (why it
  scores what it scores). A rate in a gap that no decision covers is never scored: it is
  an error (:class:`BandError`).

:func:`band_gaps` and :func:`band_overlaps` list what the text leaves open, for lint.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.core.bounds import Points, Rate
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.words import Message, say


class RoundingMode(StrEnum):
    """How a rate is rounded to its places."""

    HALF_UP = "half_up"
    """四舍五入."""
    HALF_EVEN = "half_even"
    """Banker's rounding."""
    DOWN = "down"
    """Truncate toward zero (a rate is never rounded up into a better band)."""
    UP = "up"
    """Away from zero."""
    FLOOR = "floor"
    """Toward −∞."""
    CEILING = "ceiling"
    """Toward +∞."""


DECIMAL_MODES = {
    RoundingMode.HALF_UP: ROUND_HALF_UP, RoundingMode.HALF_EVEN: ROUND_HALF_EVEN, RoundingMode.DOWN: ROUND_DOWN,
    RoundingMode.UP: ROUND_UP, RoundingMode.FLOOR: ROUND_FLOOR, RoundingMode.CEILING: ROUND_CEILING,
}


class Rounding(BaseModel):
    """How a value is rounded before lookup: ``places`` decimals (None: exact, not rounded)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    places: int | None = Field(default=None, ge=0, le=6, description="Decimal places kept; none: exact.")
    mode: RoundingMode = Field(default=RoundingMode.HALF_UP, description="How the last place is rounded.")

    def apply(self, value: Decimal) -> Decimal:
        """``value`` rounded (or unchanged when exact)."""
        if self.places is None:
            return value
        return value.quantize(Decimal(1).scaleb(-self.places), rounding=DECIMAL_MODES[self.mode])

    @property
    def step(self) -> Decimal | None:
        """The smallest difference between two rounded values (None when exact)."""
        return None if self.places is None else Decimal(1).scaleb(-self.places)

    def label(self) -> Message:
        """How the rate is rounded, in words."""
        if self.places is None:
            return say("不取整（按精确值）")
        return say("保留{places}位小数（{mode}）", places=self.places, mode=self.mode.value)


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of values between two ends, each end open or closed; a missing end is infinite."""

    low: Decimal | None
    high: Decimal | None
    low_closed: bool = True
    high_closed: bool = True

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Decimal):
            return False
        if self.low is not None and (value < self.low or (value == self.low and not self.low_closed)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_closed)))

    @property
    def empty(self) -> bool:
        """Does the interval hold no value at all?"""
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed))

    def __str__(self) -> str:
        low = "-∞" if self.low is None else plain(self.low)
        high = "+∞" if self.high is None else plain(self.high)
        return f"{'[' if self.low_closed and self.low is not None else '('}{low}, {high}" + (
            "]" if self.high_closed and self.high is not None else ")"
        )

    def intersection(self, other: Interval) -> Interval:
        """The values in both."""
        low, low_closed = _inner((self.low, self.low_closed), (other.low, other.low_closed), low=True)
        high, high_closed = _inner((self.high, self.high_closed), (other.high, other.high_closed), low=False)
        return Interval(low, high, low_closed, high_closed)

    def grid_point(self, step: Decimal | None) -> Decimal | None:
        """A value of the interval on the rounding grid (multiples of ``step``), if any; any value if exact."""
        if self.empty:
            return None
        if step is None:
            return self.low if self.low is not None and self.low_closed else _inside(self)
        start = self.low if self.low is not None else _inside(self)
        candidate = (start / step).to_integral_value(rounding=ROUND_CEILING) * step
        if candidate == self.low and not self.low_closed:
            candidate += step
        return candidate if candidate in self else None


def _inside(interval: Interval) -> Decimal:
    """Some value strictly inside a non-empty interval."""
    if interval.low is None:
        return (interval.high or Decimal(0)) - 1
    if interval.high is None:
        return interval.low + 1
    return (interval.low + interval.high) / 2


End = tuple[Decimal | None, bool]
"""One end of an interval: its value (None: infinite) and whether it is closed."""


def _inner(a: End, b: End, *, low: bool) -> End:
    """The tighter of two ends: the later start (``low``) or the earlier end; closed only if both are."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] != b[0]:
        return a if (a[0] > b[0]) == low else b
    return (a[0], a[1] and b[1])


class HitPolicy(StrEnum):
    """What a band table does when a rate lies in more than one band."""

    UNIQUE = "unique"
    """Every rate lies in at most one band; a rate in two is an error."""
    FIRST = "first"
    """The first band (in the table's order) that holds the rate wins."""


class Band(BaseModel):
    """One band: an interval of (rounded) rates and the points it scores.

    ``low`` and ``high`` are the ends (missing: unbounded); ``low_closed`` and
    ``high_closed`` say whether the ends belong to the band. ``text`` quotes the words
    the band encodes. ``decision`` is set only on a band the text does not state, which
    the variant adds to resolve a gap: it says why the gap scores these points.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: Rate | None = None
    high: Rate | None = None
    low_closed: bool = True
    high_closed: bool = True
    points: Points
    text: str = Field(default="", description="The words of the regulation this band encodes.")
    decision: str | None = Field(default=None, description="The variant's resolution of a gap (not in the text).")

    @model_validator(mode="after")
    def _not_empty(self) -> Band:
        if self.interval.empty:
            raise ValueError(f"the band {self.interval} holds no value")
        return self

    @property
    def interval(self) -> Interval:
        """The rates this band holds."""
        return Interval(self.low, self.high, self.low_closed, self.high_closed)


@dataclass(frozen=True, slots=True)
class BandHit:
    """How a value was scored: the value, its rounding, the band and its points."""

    value: Decimal
    rounded: Decimal
    index: int
    band: Band

    @property
    def points(self) -> Decimal:
        """The band's points."""
        return self.band.points


class BandError(ValueError):
    """A value no band scores (a gap) or that two bands of a ``unique`` table score (an overlap)."""


class BandTable(BaseModel):
    """Bands over a measured rate, with their rounding and hit policy (SC-5)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    domain_low: Rate = Field(default=Decimal(0), description="The least value a rate can take.")
    domain_high: Rate = Field(default=Decimal(100), description="The greatest value a rate can take.")
    rounding: Rounding = Field(default_factory=Rounding, description="How a rate is rounded before lookup.")
    hit: HitPolicy = Field(default=HitPolicy.UNIQUE, description="What a rate in two bands scores.")
    bands: tuple[Band, ...] = Field(min_length=1)

    def score(self, value: Decimal) -> BandHit:
        """The band ``value`` falls in, after rounding; :class:`BandError` on a gap or overlap."""
        rounded = self.rounding.apply(value)
        hits = [i for i, band in enumerate(self.bands) if rounded in band.interval]
        shown = plain(rounded) + ("" if rounded == value else f"（由 {plain(value)} {self.rounding.label()}）")
        if not hits:
            raise BandError(f"{shown} falls in no band: a gap the table leaves, which the variant must resolve")
        if len(hits) > 1 and self.hit is HitPolicy.UNIQUE:
            overlapping = ", ".join(str(self.bands[i].interval) for i in hits)
            raise BandError(f"{shown} falls in several bands ({overlapping}) of a table whose hit policy is unique")
        return BandHit(value=value, rounded=rounded, index=hits[0], band=self.bands[hits[0]])

    @property
    def domain(self) -> Interval:
        """Every value a rate can take."""
        return Interval(self.domain_low, self.domain_high)

    @property
    def best(self) -> Decimal:
        """The most points any band scores."""
        return max(band.points for band in self.bands)


@dataclass(frozen=True, slots=True)
class Gap:
    """A part of the domain the text's bands leave unscored."""

    interval: Interval
    reachable: bool
    """Can a rounded rate fall in it at all?"""
    resolved_by: tuple[int, ...]
    """The decision bands that cover some of it (by index)."""
    open_parts: tuple[Interval, ...]
    """The parts that a rounded rate can reach and no decision covers: scoring them is an error."""

    @property
    def resolved(self) -> bool:
        """Is every reachable part of the gap covered by a decision?"""
        return not self.open_parts


@dataclass(frozen=True, slots=True)
class Overlap:
    """Values two bands both hold."""

    first: int
    second: int
    interval: Interval


def uncovered(intervals: list[Interval], domain: Interval) -> list[Interval]:
    """The parts of a finite ``domain`` that no interval holds, in order."""
    assert domain.low is not None and domain.high is not None
    clipped = [i.intersection(domain) for i in intervals]
    ordered = sorted((i for i in clipped if not i.empty), key=lambda i: (i.low, not i.low_closed))
    gaps: list[Interval] = []
    covered_to, end_covered = domain.low, not domain.low_closed  # every value below covered_to is covered
    for interval in ordered:
        assert interval.low is not None and interval.high is not None
        gap = Interval(covered_to, interval.low, not end_covered, not interval.low_closed)
        if not gap.empty:
            gaps.append(gap)
        if interval.high > covered_to:
            covered_to, end_covered = interval.high, interval.high_closed
        elif interval.high == covered_to:
            end_covered = end_covered or interval.high_closed
    tail = Interval(covered_to, domain.high, not end_covered, domain.high_closed)
    if not tail.empty:
        gaps.append(tail)
    return gaps


def band_gaps(table: BandTable) -> tuple[Gap, ...]:
    """The gaps the text's bands (those without a ``decision``) leave in the domain.

    Each gap says whether a rounded rate can fall in it, which decision bands cover it,
    and which reachable parts stay open.
    """
    step = table.rounding.step
    stated = [band.interval for band in table.bands if band.decision is None]
    decisions = [(i, band.interval) for i, band in enumerate(table.bands) if band.decision is not None]
    found = []
    for gap in uncovered(stated, table.domain):
        covering = tuple(i for i, interval in decisions if not gap.intersection(interval).empty)
        left = uncovered([interval for _, interval in decisions], gap)
        found.append(Gap(
            interval=gap, reachable=gap.grid_point(step) is not None, resolved_by=covering,
            open_parts=tuple(part for part in left if part.grid_point(step) is not None),
        ))
    return tuple(found)


def band_overlaps(table: BandTable) -> tuple[Overlap, ...]:
    """Every pair of bands that hold a common value, with the values they share."""
    found = []
    for i, first in enumerate(table.bands):
        for j in range(i + 1, len(table.bands)):
            shared = first.interval.intersection(table.bands[j].interval)
            if not shared.empty:
                found.append(Overlap(first=i, second=j, interval=shared))
    return tuple(found)
