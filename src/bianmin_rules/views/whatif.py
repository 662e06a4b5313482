"""What-if: the differences between two reports on the same events.

An auditor evaluates one log under two variants — two townships, or a variant and an
amended copy — and asks what changed: which verdicts appear or disappear, which change
(and in which fields), how each subject's points and money move, and how each scorecard's
total, eligibility, rank and awards move (SC). Every change names the rule that caused it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter, is_not
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.books import collector_paused
from bianmin_rules.core.periods import Period
from bianmin_rules.core.report import Report, SubjectTotal
from bianmin_rules.core.results import Number, Result
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.core.verdicts import Citation, Measure, Sanction, Subject, Verdict
from bianmin_rules.core.words import Texts, Written

IDENTITY_FIELDS = ("rule", "kind", "subject", "case", "on", "evidence")
"""What makes two verdicts of two reports "the same finding": the rest may change."""

IGNORED_FIELDS = frozenset({"variant", "version"})
"""Fields that differ between any two variants (or two versions of one) and say nothing about the finding."""


class Change(StrEnum):
    """How a verdict differs between the two reports."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class VerdictChange(Result):
    """One verdict that only one report has, or that both have with different details."""

    change: Change
    rule: str
    subject: Subject
    case: str | None
    on: date
    fields: tuple[str, ...] = Field(default=(), description="For a changed verdict: the fields that differ.")
    before: Verdict | None = None
    after: Verdict | None = None


class SubjectDelta(BaseModel):
    """How one subject's totals move from the first report to the second."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    subject: Subject
    before: SubjectTotal
    after: SubjectTotal
    rules: tuple[str, ...] = Field(description="The rules whose verdicts on this subject changed.")

    def delta(self, field: str) -> Decimal:
        """After minus before, for one of the totals' fields."""
        return Decimal(getattr(self.after, field)) - Decimal(getattr(self.before, field))


class CardState(BaseModel):
    """What a scorecard concludes: its total, ranked score, eligibility, rank and awards."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    total: Number
    score: Number | None
    eligible: bool
    rank: int | None
    awards: tuple[str, ...]

    @classmethod
    def of(cls, card: Card) -> CardState:
        """The state of one card."""
        return cls(total=card.total, score=card.score, eligible=card.eligible, rank=card.rank, awards=card.awards)


class CardDelta(BaseModel):
    """One scorecard (table, subject, period) whose conclusion differs; none on the side that has no card."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scorecard: str
    subject: Subject
    period: Period
    before: CardState | None
    after: CardState | None


class ReportDiff(BaseModel):
    """Everything that differs between two reports on the same events."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: str = Field(description="The first report's variant.")
    after: str = Field(description="The second report's variant.")
    as_of: date
    verdicts: tuple[VerdictChange, ...]
    subjects: tuple[SubjectDelta, ...]
    scorecards: tuple[CardDelta, ...] = Field(default=(), description="Scorecards whose conclusion differs.")

    @property
    def empty(self) -> bool:
        """True when the two reports find exactly the same."""
        return not self.verdicts and not self.subjects and not self.scorecards


identity = attrgetter(*IDENTITY_FIELDS)
"""The key that pairs a verdict with its counterpart in the other report: its :data:`IDENTITY_FIELDS`."""


FIELD_NAMES = {name: field.alias or name for name, field in Verdict.model_fields.items()}
"""A verdict's fields by the names its JSON gives them."""


def changed_fields(
    before: Verdict, after: Verdict, equal: Callable[[Any, Any], bool] | None = None,
) -> tuple[str, ...]:
    """The fields in which two paired verdicts differ, as JSON names them (``explanation``).

    A verdict that a policy equal in both variants found is the same finding restated:
    its values are the very same objects, told equal without comparing them; the others
    are compared by ``equal`` (:class:`Alike` within a diff).
    """
    return tuple(FIELD_NAMES[name] for name in before.differing(after, IGNORED_FIELDS, equal))


class Alike:
    """Two values equal as ``==`` tells them; words by their Chinese texts (:meth:`Texts.same`).

    Words are equal when their texts are: the changed verdicts of a diff share much of
    their sentences (a ladder's period, its run of occurrences), each part written once
    here, and two sentences of one message id are told apart at their first part that
    differs, without writing them out.
    """

    def __init__(self) -> None:
        self._texts = Texts()

    def __call__(self, first: object, second: object) -> bool:
        if isinstance(first, Written) and isinstance(second, Written):
            return self._texts.same(first, second)
        if type(first) is type(second) and type(first) in BY_FIELDS:
            return bool(first.__dict__ == second.__dict__)
        return bool(first == second)


BY_FIELDS = frozenset({Subject, Citation, Sanction, Measure})
"""What a verdict holds that is a model of fields alone (frozen, no extra or private values, no cached reading):
two of one class are equal when their fields are, as pydantic finds, without its general comparison."""


def diff(before: Report, after: Report) -> ReportDiff:
    """What changes from ``before`` to ``after``: verdicts added, removed and changed, and totals.

    Both reports should come from the same events and ``as_of``; a report never differs
    from itself (``diff(r, r).empty``).
    """
    if before.as_of != after.as_of:
        raise ValueError(f"the reports are as of different days ({before.as_of} and {after.as_of})")
    with collector_paused():  # a key or a change for every verdict, with both reports alive
        changes = list(verdict_changes(before.verdicts, after.verdicts))
        return ReportDiff(
            before=before.variant, after=after.variant, as_of=before.as_of,
            verdicts=tuple(changes), subjects=tuple(subject_deltas(before, after, changes)),
            scorecards=tuple(card_deltas(before.scorecards, after.scorecards)),
        )


def card_deltas(before: Iterable[Card], after: Iterable[Card]) -> Iterable[CardDelta]:
    """The scorecards whose total, score, eligibility, rank or awards differ, in the first report's order."""
    old = {(c.scorecard, c.subject, c.period): CardState.of(c) for c in before}
    new = {(c.scorecard, c.subject, c.period): CardState.of(c) for c in after}
    for key in [*old, *(k for k in new if k not in old)]:
        first, second = old.get(key), new.get(key)
        if first != second:
            yield CardDelta(scorecard=key[0], subject=key[1], period=key[2], before=first, after=second)


def verdict_changes(before: Sequence[Verdict], after: Sequence[Verdict]) -> Iterable[VerdictChange]:
    """Pair the verdicts by identity; report the unpaired ones and the paired ones that differ.

    Two reports whose verdicts are the same, one for one in the same order (a variant
    against a copy of itself: the second restates the first's), have no change: told at
    once, without grouping either.
    """
    if len(before) == len(after) and not any(
        first.differing(second, IGNORED_FIELDS) for first, second in zip(before, after, strict=True)
    ):
        return
    old = group_by_identity(before)
    new = group_by_identity(after)
    alike = Alike()
    found: list[tuple[Verdict, list[VerdictChange]]] = []  # each group's changes, and a verdict of the group
    for key, olds in old.items():
        news = new.get(key, [])
        if len(olds) == 1 == len(news) and restated(olds[0], news[0]):  # most groups: one finding found again
            continue
        changes = changes_within(olds, news, alike)
        if changes:
            found.append((olds[0], changes))
    for key, news in new.items():
        if key not in old:
            found.append((news[0], changes_within([], news)))
    spelling = Spelling()
    found.sort(key=lambda group: spelling(identity(group[0])))
    for _, changes in found:
        yield from changes


def restated(first: Verdict, second: Verdict) -> bool:
    """Is ``second`` ``first`` itself, or ``first`` restated under another variant's name: every other value the
    very same object (:meth:`Result.restated`)? Told at C speed; a pair this does not tell alike is compared."""
    mine, theirs = first.__dict__, second.__dict__
    return type(first) is type(second) and sum(map(is_not, mine.values(), theirs.values())) == (
        mine["variant"] is not theirs["variant"])


class Spelling:
    """``repr(key)`` of an identity key, each of its values spelt once: the order of the changes.

    The verdicts of a report share their subjects, days and rules, whose ``repr`` (a
    model's, for a subject) costs more than the rest of pairing a verdict.
    """

    def __init__(self) -> None:
        self._spelt: dict[int, tuple[object, str]] = {}

    def __call__(self, key: tuple[object, ...]) -> str:
        return "(" + ", ".join(map(self.spell, key)) + ("," if len(key) == 1 else "") + ")"

    def spell(self, value: object) -> str:
        """``repr(value)``, remembered while ``value`` lives (the entry holds it) unless Python writes it at once."""
        if type(value) in WRITTEN_AT_ONCE:
            return repr(value)
        entry = self._spelt.get(id(value))
        if entry is None or entry[0] is not value:
            entry = self._spelt[id(value)] = (value, repr(value))
        return entry[1]


WRITTEN_AT_ONCE = frozenset({str, date, tuple, type(None)})
"""Types whose ``repr`` is quicker written again than looked up: a text, a day, a tuple of texts, None."""


def changes_within(
    olds: list[Verdict], news: list[Verdict], equal: Callable[[Any, Any], bool] | None = None,
) -> list[VerdictChange]:
    """The changes between two groups of verdicts of one identity, paired in their order (compared by ``equal``).

    A list, not a generator: there is a group for almost every verdict, most of one verdict a side.
    """
    changes = []
    for first, second in zip(olds, news, strict=False):
        fields = changed_fields(first, second, equal)
        if fields:
            changes.append(change_of(Change.CHANGED, first, fields=fields, before=first, after=second))
    if len(olds) != len(news):
        changes.extend(change_of(Change.REMOVED, extra, before=extra) for extra in olds[len(news):])
        changes.extend(change_of(Change.ADDED, extra, after=extra) for extra in news[len(olds):])
    return changes


def group_by_identity(verdicts: Iterable[Verdict]) -> dict[tuple[object, ...], list[Verdict]]:
    """The verdicts by their :func:`identity`, in their order within each group.

    Keyed by the identity's plain values (a subject's kind and id, not the subject model,
    whose hash pydantic computes in Python for every lookup).
    """
    groups: dict[tuple[object, ...], list[Verdict]] = {}
    for verdict in verdicts:
        subject = verdict.subject
        key = (verdict.rule, verdict.kind, subject.kind, subject.id, verdict.case, verdict.on, verdict.evidence)
        groups.setdefault(key, []).append(verdict)
    return groups


def change_of(change: Change, verdict: Verdict, **details: object) -> VerdictChange:
    """A change named by ``verdict``'s rule, subject, case and day; ``details`` are its before, after and fields."""
    return VerdictChange.of_valid(
        change=change, rule=verdict.rule, subject=verdict.subject, case=verdict.case, on=verdict.on,
        **details,
    )


def subject_deltas(before: Report, after: Report, changes: list[VerdictChange]) -> Iterable[SubjectDelta]:
    """The subjects whose totals differ, with the rules that moved them."""
    old = {total.subject: total for total in before.totals}
    new = {total.subject: total for total in after.totals}
    rules: dict[Subject, set[str]] = {}
    for change in changes:
        rules.setdefault(change.subject, set()).add(change.rule)
    for subject in sorted(old.keys() | new.keys(), key=str):
        first = old.get(subject, SubjectTotal(subject=subject))
        second = new.get(subject, SubjectTotal(subject=subject))
        if first == second:
            continue
        yield SubjectDelta(subject=subject, before=first, after=second, rules=tuple(sorted(rules.get(subject, ()))))
