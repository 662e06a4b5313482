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
from operator import attrgetter, is_not, itemgetter
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


Key = tuple[object, ...]
"""A verdict's identity in plain values: :func:`identity`."""

identity: Callable[[Verdict], Key] = attrgetter("rule", "kind", "subject.kind", "subject.id", "case", "on", "evidence")
"""The key that pairs a verdict with its counterpart in the other report: its :data:`IDENTITY_FIELDS`, the subject
by its kind and id (not the subject model, whose hash pydantic computes in Python)."""


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
    return tuple(map(FIELD_NAMES.__getitem__, before.differing(after, IGNORED_FIELDS, equal)))


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
        kind = type(first)
        if kind is type(second):
            if kind in PLAIN:
                return bool(first == second)
            if kind in BY_FIELDS:
                return bool(first.__dict__ == second.__dict__)
        if isinstance(first, Written) and isinstance(second, Written):
            return self._texts.same(first, second)
        return bool(first == second)


PLAIN = frozenset({str, int, Decimal, date, tuple, type(None)})
"""What a verdict holds that ``==`` compares at C speed (a tuple: of ids, or of values compared as ``==`` does)."""


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
        changes = verdict_changes(before.verdicts, after.verdicts)
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


def verdict_changes(before: Sequence[Verdict], after: Sequence[Verdict]) -> list[VerdictChange]:
    """Pair the verdicts by identity; report the unpaired ones and the paired ones that differ.

    Two reports whose verdicts are the same, one for one in the same order (a variant
    against a copy of itself: the second restates the first's), have no change: told at
    once, without grouping either. The changes come in the order of the text of their
    identity (:class:`Spelling`), those of one identity in the order :func:`changes_within` gives.
    """
    if len(before) == len(after) and not any(
        first.differing(second, IGNORED_FIELDS) for first, second in zip(before, after, strict=True)
    ):
        return []
    old, new = group_by_identity(before), group_by_identity(after)
    alike = Alike()
    found: list[tuple[Key, VerdictChange]] = []
    for key, olds in old.items():
        news = new.get(key, ())
        if len(olds) == 1 == len(news):  # most groups: one finding in each report, found again or changed
            first, second = olds[0], news[0]
            if not restated(first, second) and (fields := changed_fields(first, second, alike)):
                found.append((key, change_of(Change.CHANGED, first, fields=fields, before=first, after=second)))
        else:
            found.extend((key, change) for change in changes_within(olds, news, alike))
    found.extend((key, change_of(Change.ADDED, verdict, after=verdict))
                 for key, news in new.items() if key not in old for verdict in news)
    spelling = Spelling()
    found.sort(key=lambda keyed: spelling(keyed[0]))
    return [change for _, change in found]


def restated(first: Verdict, second: Verdict) -> bool:
    """Is ``second`` ``first`` itself, or ``first`` restated under another variant's name: every other value the
    very same object (:meth:`Result.restated`)? Told at C speed; a pair this does not tell alike is compared.
    A verdict judged again says its sentence anew: one whose sentence is another object is told at once."""
    mine, theirs = first.__dict__, second.__dict__
    return type(first) is type(second) and mine["message"] is theirs["message"] and sum(
        map(is_not, mine.values(), theirs.values())) == (mine["variant"] is not theirs["variant"])


def group_by_identity(verdicts: Sequence[Verdict]) -> dict[Key, Sequence[Verdict]]:
    """The verdicts by their :func:`identity`, in their order within each group (most groups: one verdict)."""
    keys = list(map(identity, verdicts))
    groups: dict[Key, Sequence[Verdict]] = dict(zip(keys, zip(verdicts), strict=True))
    if len(groups) < len(verdicts):  # an identity found more than once
        several: dict[Key, list[Verdict]] = {}
        for key, verdict in zip(keys, verdicts, strict=True):
            several.setdefault(key, []).append(verdict)
        groups = dict(several)
    return groups


class Spelling:
    """The order of the changes: ``repr`` of the identity of each (its values in :data:`IDENTITY_FIELDS`' order).

    ``repr`` of each value of an :func:`identity`, spelt once: a text, a kind, a day or
    a tuple of event ids spells a value that no other's spelling begins, so two identities'
    texts compare as the spellings of their values do one after another; and a subject's,
    ``Subject(kind=…, id=…)``, as its kind's and its id's do. The evidence, last and the
    longest to spell, is spelt only where the values before it are the same (:class:`Unspelt`).
    """

    def __init__(self) -> None:
        self._spelt = tuple(Spelt() for _ in range(6))  # one per value of a key: a field's values are of one type

    def __call__(self, key: Key) -> tuple[object, ...]:
        """The key's spelling, which sorts as its text."""
        return (*map(dict.__getitem__, self._spelt, key), Unspelt(key[6]))  # type: ignore[arg-type]


class Spelt(dict[object, str]):
    """``repr`` of values, each written once (a lookup at C speed once written)."""

    def __missing__(self, value: object) -> str:
        spelt = self[value] = repr(value)
        return spelt


class Unspelt(tuple[str, ...]):
    """A tuple of ids that sorts as its ``repr``, written only when compared with another it does not equal."""

    __slots__ = ()

    def __lt__(self, other: tuple[str, ...]) -> bool:
        return repr(self) < repr(other)


def changes_within(
    olds: Sequence[Verdict], news: Sequence[Verdict], equal: Callable[[Any, Any], bool] | None = None,
) -> list[VerdictChange]:
    """The changes between two groups of verdicts of one identity, paired in their order (compared by ``equal``)."""
    changes = []
    for first, second in zip(olds, news, strict=False):
        fields = changed_fields(first, second, equal)
        if fields:
            changes.append(change_of(Change.CHANGED, first, fields=fields, before=first, after=second))
    if len(olds) != len(news):
        changes.extend(change_of(Change.REMOVED, extra, before=extra) for extra in olds[len(news):])
        changes.extend(change_of(Change.ADDED, extra, after=extra) for extra in news[len(olds):])
    return changes


def change_of(
    change: Change, verdict: Verdict, *, fields: tuple[str, ...] = (), before: Verdict | None = None,
    after: Verdict | None = None,
) -> VerdictChange:
    """A change named by ``verdict``'s rule, subject, case and day, with the fields that differ, before and after."""
    rule, subject, case, on = NAMING(verdict.__dict__)
    return VerdictChange.of_valid(
        change=change, rule=rule, subject=subject, case=case, on=on, fields=fields, before=before, after=after,
    )


NAMING = itemgetter("rule", "subject", "case", "on")
"""What names a change, of a verdict's values: read from its dict at once."""


def subject_deltas(before: Report, after: Report, changes: list[VerdictChange]) -> Iterable[SubjectDelta]:
    """The subjects whose totals differ, with the rules that moved them."""
    old = {total.subject: total for total in before.totals}
    new = {total.subject: total for total in after.totals}
    rules: dict[tuple[object, str], set[str]] = {}  # by the subject's kind and id: a model's hash is computed in Python
    for kind, name, rule in set(map(attrgetter("subject.kind", "subject.id", "rule"), changes)):
        rules.setdefault((kind, name), set()).add(rule)
    for subject in sorted(old.keys() | new.keys(), key=str):
        first = old.get(subject, SubjectTotal(subject=subject))
        second = new.get(subject, SubjectTotal(subject=subject))
        if first == second:
            continue
        moved = rules.get((subject.kind, subject.id), ())
        yield SubjectDelta(subject=subject, before=first, after=second, rules=tuple(sorted(moved)))
