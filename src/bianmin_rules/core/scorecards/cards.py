"""Scorecards: what a table gave one subject for one period, line by line, and the rankings.

Every number on a card can be checked by hand: an item's score is its base plus its
lines (each deduction or bonus with the verdict it came from, the band a rate fell in,
the clamp, the overflow given or taken), a category's score is the sum of its items, and
the total the sum of its categories. Money is summed apart from points (SC-9).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass

from bianmin_rules.core.periods import Period
from bianmin_rules.core.results import Number, Result
from bianmin_rules.core.verdicts import ZERO, Subject
from bianmin_rules.core.words import NOTHING, Message, Text


class Frozen(BaseModel):
    """Base of the card models: frozen, no unknown keys."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True,
    )


class LineKind(StrEnum):
    """What a line of an item is."""

    DEDUCTION = "deduction"
    BONUS = "bonus"
    NOTE = "note"
    """A counted verdict that changes nothing (e.g. past a cap)."""
    BAND = "band"
    """The score of the band a rate fell in."""
    RATE = "rate"
    """A deduction per point below a target rate."""
    MISSING = "missing"
    """No rate was measured: the table's stated fallback."""
    FORFEIT = "forfeit"
    """The item is zeroed."""
    CLAMP = "clamp"
    """Back into [0, maximum] (加满封顶或扣完为止)."""
    OVERFLOW_OUT = "overflow_out"
    """What this item could not absorb, passed on (倒扣)."""
    OVERFLOW_IN = "overflow_in"
    """Taken from this item for another (倒扣)."""


@dataclass(
    frozen=True, slots=True,
    config=ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True),
)
class Line:
    """One addition to or deduction from an item, and where it came from.

    A slotted dataclass rather than a model: a card has a line per verdict it counts, and
    a large report holds hundreds of thousands of them.
    """

    kind: LineKind
    points: Number = Field(description="Signed points this line adds.")
    label: str = Field(description="The table's words for the line.")
    rule: str | None = Field(default=None, description="The rule ID of the verdict counted, if any.")
    on: date | None = None
    message: Text = Field(
        default=NOTHING, alias="explanation",
        description="The verdict's explanation or the computation: words written in the reader's language.",
    )
    evidence: tuple[str, ...] = ()
    case: str | None = None
    item: str | None = Field(default=None, description="For overflow: the other item.")

    @property
    def explanation(self) -> str:
        """The explanation in Chinese (:attr:`message` written out)."""
        return str(self.message)

    @classmethod
    def of_valid(
        cls, kind: LineKind, points: Decimal, label: str, rule: str | None, on: date | None, message: Message,
        evidence: tuple[str, ...], case: str | None,
    ) -> Line:
        """The line of these values, valid already (taken from a verdict and its table), not validated again.

        There is a line per counted verdict; its values are the verdict's own, the table's
        words and points, and a message: validating them again would cost more than the
        rest of making the line.
        """
        line = _new(cls)
        _set_kind(line, kind)
        _set_points(line, points)
        _set_label(line, label)
        _set_rule(line, rule)
        _set_on(line, on)
        _set_message(line, message)
        _set_evidence(line, evidence)
        _set_case(line, case)
        _set_item(line, None)
        return line


# What :meth:`Line.of_valid` calls, looked up once: the slots' own setters (a frozen line refuses ``setattr``).
_new = object.__new__
_set_kind, _set_points, _set_label, _set_rule, _set_on, _set_message, _set_evidence, _set_case, _set_item = (
    vars(Line)[name].__set__
    for name in ("kind", "points", "label", "rule", "on", "message", "evidence", "case", "item")
)


class ItemCard(Result):
    """One sub-item's score: ``score == base + sum(line.points)``."""

    id: str
    title: str
    maximum: Number | None
    base: Number
    lines: tuple[Line, ...] = ()
    score: Number


class CategoryCard(Result):
    """One category's score: the sum of its items."""

    id: str
    title: str
    maximum: Number | None
    score: Number
    items: tuple[ItemCard, ...]


class Money(Frozen):
    """Money charged to the subject in the period, kept apart from points (SC-9)."""

    fine: Number = ZERO
    bonus_share: Number = ZERO
    reimbursement: Number = ZERO

    def __add__(self, other: Money) -> Money:
        return Money(
            fine=self.fine + other.fine, bonus_share=self.bonus_share + other.bonus_share,
            reimbursement=self.reimbursement + other.reimbursement,
        )


class Disqualified(Frozen):
    """Why a subject is ineligible: the disqualification and the verdicts or rates that caused it."""

    id: str
    rule: str
    text: str
    message: Text = Field(alias="because", description="What triggered it: words in the reader's language.")
    verdict_rules: tuple[str, ...] = Field(default=(), description="The rule IDs of the verdicts that caused it.")
    evidence: tuple[str, ...] = ()

    @property
    def because(self) -> str:
        """What triggered it, in Chinese (:attr:`message` written out)."""
        return str(self.message)


class AssessorScore(Frozen):
    """One assessor's score and weight (SC-7)."""

    assessor: str
    score: Number | None
    weight: Number


class Weighted(Frozen):
    """The weighted total of several assessors (SC-7); ``total`` is none while a score is missing."""

    rule: str
    scores: tuple[AssessorScore, ...]
    total: Number | None


class Part(Frozen):
    """A part of a longer period's total (a month of a quarter, a quarter of a year)."""

    period: Period
    score: Number | None = Field(description="The part's score; none when the subject has no card for it.")
    eligible: bool | None = Field(description="Was the subject eligible in the part? None when absent.")


class Bar(Frozen):
    """A grade the subject cannot get (SC-3: no 优秀 for staff of a window never red-flagged)."""

    grade: str
    rule: str
    text: str
    message: Text = Field(alias="because", description="Why: words in the reader's language.")

    @property
    def because(self) -> str:
        """Why, in Chinese (:attr:`message` written out)."""
        return str(self.message)


class Card(Frozen):
    """A table's result for one subject and one period.

    ``total`` is the sum of the categories (or, for a longer period, the parts combined);
    ``score`` is what the rankings read: the weighted total where the table weights
    several assessors, else the total.
    """

    scorecard: str
    title: str
    rule: str
    subject: Subject
    period: Period
    complete: bool = Field(description="Has the period ended by as_of?")
    maximum: Number
    categories: tuple[CategoryCard, ...] = ()
    parts: tuple[Part, ...] = ()
    total: Number
    weighted: Weighted | None = None
    score: Number | None
    money: Money = Field(default_factory=Money)
    eligible: bool = True
    disqualified: tuple[Disqualified, ...] = ()
    rank: int | None = None
    awards: tuple[str, ...] = ()
    barred: tuple[Bar, ...] = ()
    notes: tuple[Text, ...] = ()
    version: date | None = Field(
        default=None, exclude_if=lambda day: day is None,
        description="For a table that changes over time: the day the table this period was scored by took effect "
        "(absent: the table is in force always).",
    )

    def item(self, item_id: str) -> ItemCard:
        """One item of the card by id."""
        for category in self.categories:
            for item in category.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def category(self, category_id: str) -> CategoryCard:
        """One category of the card by id."""
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)


class Placing(Frozen):
    """One subject's place in a ranking."""

    subject: Subject
    score: Number
    rank: int
    awarded: bool


class Standing(Frozen):
    """A ranking for one period: the eligible subjects in order, the winners and the cut-off (SC-8)."""

    scorecard: str
    award: str
    rule: str
    period: Period
    complete: bool
    top: int
    tie_break: tuple[str, ...]
    placings: tuple[Placing, ...]
    ineligible: tuple[Subject, ...] = Field(default=(), description="Scored but disqualified: not ranked.")
    unscored: tuple[Subject, ...] = Field(default=(), description="No score (an assessor's score missing).")
    cut_off: Text | None = Field(default=None, description="A note when a tie straddles the cut-off.")

    @property
    def winners(self) -> tuple[Subject, ...]:
        """The subjects who get the award."""
        return tuple(p.subject for p in self.placings if p.awarded)
