"""Scoring: from verdicts to one card per subject and period, then longer periods and weights.

The order of work for one card, which every card shows line by line:

1. each item starts at its base;
2. its rules add lines in table order: fixed amounts per verdict, per day, per half day
   or once; the points of the band a rate falls in; a deduction per point below a
   target; a forfeit that zeroes the item;
3. the item is brought back into ``[0, maximum]`` (a clamp line) — except that a
   deduction an item with ``overflow_into`` cannot absorb is passed on (倒扣, SC-3);
4. what was passed on is taken from the named items, in order, each down to zero at
   most; anything left that no item can absorb is noted on the card;
5. the categories and the total are sums; money is summed apart (SC-9);
6. the other assessors' scores are weighted in (SC-7);
7. disqualifications mark the card ineligible, naming what caused them.

Longer periods (a quarter of months, a year of quarters) combine their parts' totals
(SC-10). Rankings and yearly consequences are in :mod:`bianmin_rules.core.scorecards.ranking`.
All arithmetic is Decimal: a half-point deduction stays exact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from operator import attrgetter, itemgetter

from bianmin_rules.core.errors import ScoringError
from bianmin_rules.core.formatting import percent
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.roster import Roster, SubjectKey, month_index
from bianmin_rules.core.scorecards.assessors import AssessorScore, ScoreKey
from bianmin_rules.core.scorecards.bands import BandError
from bianmin_rules.core.scorecards.cards import AssessorScore as WeightedScore
from bianmin_rules.core.scorecards.cards import (
    Card,
    CategoryCard,
    Disqualified,
    ItemCard,
    Line,
    LineKind,
    Money,
    Part,
    Weighted,
)
from bianmin_rules.core.scorecards.tables import (
    BandRule,
    Category,
    Charged,
    Combine,
    Disqualification,
    Forfeit,
    Item,
    MeasureBelow,
    MeasureOf,
    MeasureRule,
    Per,
    PerPointBelow,
    PerVerdict,
    Rollup,
    Scope,
    ScorecardTable,
    ShortfallCount,
    VerdictCondition,
    VerdictSelector,
)
from bianmin_rules.core.verdicts import ZERO, Subject, SubjectKind, Verdict
from bianmin_rules.core.words import Message, as_message, counted, joined, say, zh

Filed = dict[str, list[tuple[int, Verdict]]]
"""The verdicts concerning one subject in one period, by rule, each with its position in report order."""


class VerdictIndex:
    """The verdicts by subject and period of one kind, and by rule, built in one pass.

    Keys are plain tuples — (kind, id) for a subject, the first day for a period of the
    index's kind — because they are hashed once per verdict and looked up once per card.
    A card reads its verdicts rule by rule (:class:`Concerning`): they are filed so.
    """

    def __init__(self, verdicts: Iterable[Verdict], kind: PeriodKind, roster: Roster, *, ordered: bool = False) -> None:
        self.kind = kind
        self.roster = roster
        self._periods: dict[int, Period] = {}
        self._starts: dict[date, date] = {}  # a day's period, by its first day
        self._about: dict[tuple[SubjectKey, date], Filed] = defaultdict(dict)
        self._measures: dict[tuple[SubjectKey, str, date], list[Verdict]] = defaultdict(list)
        self._measured: dict[tuple[SubjectKey, date], list[Verdict]] = defaultdict(list)
        self._present: dict[date, set[SubjectKey]] = defaultdict(set)
        self._postings: dict[tuple[str, date], set[str]] = defaultdict(set)
        self.priced: set[str] = set()
        """The rules of the verdicts (not measures) that charge money: fine, bonus share or reimbursement."""
        # Cards never depend on the order verdicts come in: filed in report order, every list is
        # in report order (one sort key per verdict, not one per list it is filed in; none where
        # they come in report order already, ``ordered``).
        for position, verdict in enumerate(verdicts if ordered else sorted(verdicts, key=lambda v: v.sort_key)):
            self._file(position, verdict)

    def period_of(self, day: date) -> Period:
        """The period of this index's kind that ``day`` falls in (cached per month)."""
        month = month_index(day)
        period = self._periods.get(month)
        if period is None:
            period = self._periods[month] = Period.containing(self.kind, day)
        return period

    def _file(self, position: int, verdict: Verdict) -> None:
        if verdict.measure is not None:
            measured = verdict.measure.period
            if measured.kind is self.kind:
                key = key_of(verdict.subject)
                self._measures[(key, verdict.measure.name, measured.start)].append(verdict)
                self._measured[(key, measured.start)].append(verdict)
                self._present[measured.start].add(key)
            return
        start = self._starts.get(verdict.on)
        if start is None:
            start = self._starts[verdict.on] = self.period_of(verdict.on).start
        present, rule, entry, about = self._present[start], verdict.rule, (position, verdict), self._about
        for key in concerned(verdict):
            filed = about[(key, start)]
            found = filed.get(rule)
            if found is None:
                filed[rule] = [entry]
            else:
                found.append(entry)
            present.add(key)
        if verdict.staff and verdict.window:
            self._postings[(verdict.staff, start)].add(verdict.window)
        if verdict.fine is not ZERO or verdict.bonus_share is not ZERO or verdict.reimbursement is not ZERO:
            self.priced.add(verdict.rule)  # ZERO adds nothing to a sum, not even a digit after the point

    def about(self, subject: Subject, period: Period) -> Filed:
        """The verdicts (not measures) concerning ``subject`` in ``period``, by rule (not to be changed)."""
        return self._about.get((key_of(subject), period.start), {})

    def measures(self, subject: Subject, name: str, period: Period) -> list[Verdict]:
        """The verdicts measuring ``name`` for exactly ``subject`` over exactly ``period``."""
        return self._measures.get((key_of(subject), name, period.start), [])

    def same_inputs(self, other: VerdictIndex, subject: Subject, period: Period) -> bool:
        """Are the verdicts about ``subject`` in ``period``, its measures and its postings the same findings in
        ``other`` (an index of another variant's verdicts on the same books)?"""
        key, start = key_of(subject), period.start
        return (same_filed(self._about.get((key, start), {}), other._about.get((key, start), {}))
                and same_findings(self._measured.get((key, start), []), other._measured.get((key, start), []))
                and self._postings.get((subject.id, start)) == other._postings.get((subject.id, start)))

    def subjects(self, kind: SubjectKind, period: Period) -> list[Subject]:
        """Subjects of ``kind`` active in ``period`` (in the roster or concerned by a verdict), by id."""
        keys = self.roster.subjects(kind, period) | {k for k in self._present.get(period.start, ()) if k[0] is kind}
        return [Subject(kind=kind, id=ident) for _, ident in sorted(keys)]

    def windows_of(self, staff: str, period: Period) -> set[str]:
        """The windows ``staff`` served in during ``period``."""
        return self.roster.windows_of(staff, period) | self._postings.get((staff, period.start), set())

    def periods(self, as_of: date) -> list[Period]:
        """Every period of this index's kind from the first fact to the one holding ``as_of``."""
        months = [*self.roster.active, *(month_index(start) for start in self._present)]
        if not months:
            return []
        first = min(months)
        period = Period.containing(self.kind, date(first // 12, first % 12 + 1, 1))
        found = []
        while period.start <= as_of:
            found.append(period)
            period = period.next()
        return found


class Concerning:
    """The verdicts concerning one subject in one period, grouped by rule so that each line reads only its own.

    One fact charged to several subjects — a verified complaint charged to the staff member
    and to their window (CMP-8) — is one verdict per subject with the same rule, code, day,
    evidence, case, window and staff. A card counts it once: the verdict charged to the
    card's own subject if there is one (it carries that subject's price), else the first.
    A rule's verdicts are told fact by fact when a line first reads them: a card reads the
    rules of its table, not every rule a verdict about its subject comes from.
    """

    def __init__(self, subject: Subject, verdicts: Filed, priced: Collection[str]) -> None:
        self.subject = key_of(subject)
        self.priced = priced
        """The rules whose verdicts may charge money (:attr:`VerdictIndex.priced`): the others charge none."""
        self._found = verdicts
        self._by_rule: Filed = {}

    def charged(self, verdict: Verdict) -> bool:
        """Is ``verdict`` charged to this card's subject itself?"""
        return key_of(verdict.subject) == self.subject

    def of_rule(self, rule: str) -> list[tuple[int, Verdict]]:
        """The verdicts of ``rule``, each fact once, with their positions in report order."""
        kept = self._by_rule.get(rule)
        if kept is None:
            kept = self._by_rule[rule] = self.once_each(self._found.get(rule, []))
        return kept

    def once_each(self, found: list[tuple[int, Verdict]]) -> list[tuple[int, Verdict]]:
        """Of one rule's verdicts, each fact once (a fact keeps the position of its first verdict)."""
        if len(set(map(EVIDENCE, map(SECOND, found)))) == len(found):
            return found  # no two verdicts with the same evidence: no fact twice
        kept: list[tuple[int, Verdict]] = []
        where: dict[tuple[object, ...], int] = {}
        for position, verdict in found:
            fact = FACT(verdict)
            if not fact[3]:  # no evidence, nothing to tell two facts apart by: each verdict counts
                kept.append((position, verdict))
                continue
            at = where.get(fact)
            if at is None:
                where[fact] = len(kept)
                kept.append((position, verdict))
            elif self.charged(verdict) and not self.charged(kept[at][1]):
                kept[at] = (kept[at][0], verdict)
        return kept

    def selected(self, selector: VerdictSelector) -> list[Verdict]:
        """The verdicts ``selector`` counts, in report order."""
        found = [entry for rule in selector.rules for entry in self.of_rule(rule)]
        if len(selector.rules) > 1:
            found.sort(key=FIRST)
        chosen = selector.among(map(SECOND, found))
        return [v for v in chosen if self.charged(v)] if selector.charged_to is Charged.SUBJECT else chosen

    def money(self) -> Money:
        """The money charged to the subject itself (SC-9), each fact once."""
        fine = share = owed = ZERO
        for rule in [rule for rule in self._found if rule in self.priced]:
            for _, verdict in self.of_rule(rule):
                if self.charged(verdict):
                    fine += verdict.fine
                    share += verdict.bonus_share
                    owed += verdict.reimbursement
        return Money(fine=fine, bonus_share=share, reimbursement=owed)


FIRST, SECOND = itemgetter(0), itemgetter(1)
RULE, EVIDENCE = attrgetter("rule"), attrgetter("evidence")

FACT = attrgetter("rule", "code", "on", "evidence", "case", "window", "staff")
"""What one fact charged to several subjects has alike in each of its verdicts (:class:`Concerning`)."""


def key_of(subject: Subject) -> SubjectKey:
    """A subject as a plain tuple."""
    return (subject.kind, subject.id)


def concerned(verdict: Verdict) -> list[SubjectKey]:
    """The subjects a verdict concerns, each once: its subject, its window, its staff member."""
    found = [key_of(verdict.subject)]
    if verdict.window and (window := (SubjectKind.WINDOW, verdict.window)) != found[0]:
        found.append(window)
    if verdict.staff and (staff := (SubjectKind.STAFF, verdict.staff)) != found[0]:
        found.append(staff)
    return found


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier scoring on the same books and day, whose cards a scoring of the same tables may take again.

    ``cards`` are those of each table's own period, before rankings, scored by ``scorer``.
    A card of a table equal in both whose inputs are the same findings in both — the
    verdicts about its subject in its period, its subject's measures and, for a staff
    member, the windows they served in and, where the table reads them, those windows'
    rates — is the same card: a what-if scores again only the cards whose inputs changed.
    """

    tables: Sequence[ScorecardTable]
    cards: Sequence[Card]
    scorer: Scorer


RESTATED = frozenset({"variant"})
"""What a verdict restated under another variant's name differs in (:meth:`Result.restated`): nothing a card reads."""


def same_filed(first: Filed, second: Filed) -> bool:
    """Are the verdicts of each rule the same findings in both (:func:`same_findings`)? Told apart by their
    rules and numbers first, which is where a what-if's changes mostly show."""
    return (first.keys() == second.keys() and all(len(found) == len(second[rule]) for rule, found in first.items())
            and all(same_findings(list(map(SECOND, found)), list(map(SECOND, second[rule])))
                    for rule, found in first.items()))


def same_findings(first: Sequence[Verdict], second: Sequence[Verdict]) -> bool:
    """Are two lists of verdicts the same findings, one for one, but for the variant they were found under?"""
    return len(first) == len(second) and all(
        one is other or not one.differing(other, RESTATED) for one, other in zip(first, second, strict=True)
    )


@dataclass
class Scorer:
    """Scores the tables of one variant over one set of verdicts (taking unchanged cards from ``earlier``)."""

    verdicts: Sequence[Verdict]
    roster: Roster
    as_of: date
    assessor_scores: Mapping[ScoreKey, AssessorScore] = field(default_factory=dict)
    earlier: Earlier | None = None
    ordered: bool = False
    """``verdicts`` come in report order (:attr:`Verdict.sort_key`): filed without sorting them again."""
    _indexes: dict[PeriodKind, VerdictIndex] = field(default_factory=dict)

    def index(self, kind: PeriodKind) -> VerdictIndex:
        """The verdict index for periods of ``kind`` (built once)."""
        if kind not in self._indexes:
            self._indexes[kind] = VerdictIndex(self.verdicts, kind, self.roster, ordered=self.ordered)
        return self._indexes[kind]

    def about(
        self, table: ScorecardTable, subject: Subject, period: Period, rules: Iterable[str] | None = None,
    ) -> Filed:
        """The verdicts concerning ``subject`` in ``period``, by rule (of ``rules`` only, if given) — a longer
        period read from the table's own periods."""
        index = self.index(table.period)
        if period.kind is table.period and rules is None:
            return index.about(subject, period)
        parts = [index.about(subject, part) for part in period.parts(table.period)]
        wanted = dict.fromkeys(rule for part in parts for rule in part) if rules is None else rules
        found = {rule: [entry for part in parts for entry in part.get(rule, ())] for rule in wanted}
        return {rule: entries for rule, entries in found.items() if entries}

    def windows_of(self, table: ScorecardTable, staff: str, period: Period) -> set[str]:
        """The windows ``staff`` served in during ``period`` (a longer one read from the table's periods)."""
        index = self.index(table.period)
        parts = (period,) if period.kind is table.period else period.parts(table.period)
        return set().union(*(index.windows_of(staff, part) for part in parts))

    def period_cards(self, table: ScorecardTable) -> list[Card]:
        """The cards of the table's own period: one per active subject and period."""
        index = self.index(table.period)
        kind = SubjectKind(table.subject)
        earlier = self.earlier_cards(table)
        return [
            self.unchanged_card(table, subject, period, earlier) or self.card(table, subject, period)
            for period in index.periods(self.as_of)
            for subject in index.subjects(kind, period)
        ]

    # Cards scored before ------------------------------------------------------

    def earlier_cards(self, table: ScorecardTable) -> dict[tuple[Subject, Period], Card]:
        """The earlier scoring's cards of ``table``, by subject and period: none unless it scored the same table."""
        if self.earlier is None:
            return {}
        same = [earlier for earlier in self.earlier.tables if earlier.name == table.name]
        if same != [table]:
            return {}
        return {(card.subject, card.period): card for card in self.earlier.cards if card.scorecard == table.name}

    def unchanged_card(
        self, table: ScorecardTable, subject: Subject, period: Period, earlier: Mapping[tuple[Subject, Period], Card],
    ) -> Card | None:
        """The earlier card of ``subject`` in ``period``, if what it reads is the same findings now."""
        card = earlier.get((subject, period))
        if card is None or self.earlier is None:
            return None
        before, now = self.earlier.scorer.index(table.period), self.index(table.period)
        if not now.same_inputs(before, subject, period):
            return None
        if subject.kind is SubjectKind.STAFF and any(
            isinstance(rule.when, MeasureBelow) and rule.when.of is MeasureOf.WINDOW for rule in table.disqualifications
        ) and not all(now.same_inputs(before, Subject(kind=SubjectKind.WINDOW, id=window), period)
                      for window in now.windows_of(subject.id, period)):
            return None
        return card

    # One card ------------------------------------------------------------------

    def card(self, table: ScorecardTable, subject: Subject, period: Period) -> Card:
        """The card of one subject for one period of the table."""
        place = f"scorecard {table.name!r}: {subject} {period}"
        about = Concerning(subject, self.about(table, subject, period), self.index(table.period).priced)
        work = {item.id: ItemWork(item) for item in table.items}
        for item in table.items:
            self.score_item(work[item.id], subject, period, about, f"{place}: item {item.id!r}")
        notes = pass_overflow(table, work)
        categories = tuple(category_card(category, work) for category in table.categories)
        total = sum((c.score for c in categories), ZERO)
        weighted, weight_notes = self.weigh(table, subject, period, total)
        disqualified = tuple(self.disqualifications(table, subject, period, about, Scope.PERIOD))
        if period.kind is PeriodKind.YEAR:
            disqualified += tuple(self.disqualifications(table, subject, period, about, Scope.YEAR))
        return Card(
            scorecard=table.name, title=table.title, rule=table.rule, subject=subject, period=period,
            complete=period.end <= self.as_of, maximum=table.maximum, categories=categories, total=total,
            weighted=weighted, score=weighted.total if weighted else total,
            money=about.money(), eligible=not disqualified, disqualified=disqualified,
            notes=(*notes, *weight_notes),
        )

    def score_item(self, work: ItemWork, subject: Subject, period: Period, about: Concerning, place: str) -> None:
        """Add the item's rule lines, then clamp it (or pass on what it cannot absorb)."""
        for rule in work.item.rules:
            if isinstance(rule, PerVerdict):
                work.add(per_verdict_lines(rule, about, place))
            elif isinstance(rule, Forfeit):
                work.add(forfeit_lines(rule, about, work.running))
            else:
                work.add(self.measure_lines(rule, work, subject, period, place))
        work.settle()

    def measure(
        self, subject: Subject, name: str, period: Period, rules: tuple[str, ...], place: str,
    ) -> Verdict | None:
        """The one verdict measuring ``name`` for ``subject`` over ``period``, if any."""
        found = [
            v for v in self.index(period.kind).measures(subject, name, period)
            if not rules or v.rule in rules
        ]
        if len(found) > 1:
            ids = ", ".join(f"{v.rule} {v.explanation}" for v in found)
            raise ScoringError(f"{len(found)} verdicts measure {name} for {subject} over {period}: {ids}", place=place)
        return found[0] if found else None

    def measure_lines(
        self, rule: MeasureRule, work: ItemWork, subject: Subject, period: Period, place: str,
    ) -> list[Line]:
        """The line of a band or per-point rule, or the stated fallback when no rate was measured."""
        verdict = self.measure(subject, rule.measure, period, rule.rules, place)
        if verdict is None or verdict.measure is None:
            if rule.if_missing == "error":
                raise ScoringError(f"no {rule.measure} was measured, and the table requires one", place=place)
            score = work.base if rule.if_missing == "base" else rule.if_missing
            return [Line(
                kind=LineKind.MISSING, points=score - work.base, label=rule.label,
                explanation=say("本期没有测得{measure}，按考核表规定计{score}分。", measure=rule.measure, score=score),
            )]
        value = verdict.measure.value
        fraction = f"{verdict.measure.numerator}/{verdict.measure.denominator}"
        shown = say("{measure} = {percent}%（{fraction}）", measure=rule.measure, percent=percent(value, 4),
                    fraction=fraction)
        if isinstance(rule, BandRule):
            try:
                hit = rule.table.score(value)
            except BandError as exc:
                raise ScoringError(f"{rule.measure}: {exc}", place=place) from None
            decided = say("；档外处理：{decision}", decision=hit.band.decision) if hit.band.decision else ""
            text = say("「{text}」", text=hit.band.text) if hit.band.text else ""
            band = str(hit.band.interval.intersection(rule.table.domain))
            banded = say("{shown}，{rounding}，落入 {band}{text}，得{points}分{decided}。", shown=shown,
                         rounding=rule.table.rounding.label(), band=band, text=text, points=hit.points,
                         decided=decided)
            return [Line(
                kind=LineKind.BAND, points=hit.points - work.base, label=rule.label, rule=verdict.rule,
                on=verdict.on, evidence=verdict.evidence, explanation=banded,
            )]
        assert isinstance(rule, PerPointBelow)
        below = shortfall(rule.target - value, rule.count)
        return [Line(
            kind=LineKind.RATE, points=rule.points * below, label=rule.label, rule=verdict.rule, on=verdict.on,
            evidence=verdict.evidence,
            explanation=say("{shown}，低于{target}%计{below}个百分点，每个百分点{points}分。", shown=shown,
                            target=rule.target, below=below, points=rule.points),
        )]

    # Weights and disqualifications --------------------------------------------

    def weigh(
        self, table: ScorecardTable, subject: Subject, period: Period, own: Decimal,
    ) -> tuple[Weighted | None, list[Message]]:
        """The weighted total of the table and the other assessors (SC-7)."""
        if table.weighting is None or not self.weighted(table, subject, period):
            return None, []
        scores = [WeightedScore(assessor=zh("本考核表"), score=own, weight=table.weighting.own)]
        notes = []
        for assessor, weight in table.weighting.assessors.items():
            given = self.assessor_scores.get((assessor, subject, period))
            scores.append(WeightedScore(assessor=assessor, score=given.score if given else None, weight=weight))
            if given is None:
                notes.append(say("缺少 {assessor} 对本期的评分：加权总分无法计算，不参加排名。", assessor=assessor))
        total = None if notes else sum((s.weight * s.score for s in scores if s.score is not None), ZERO)
        return Weighted(rule=table.weighting.rule, scores=tuple(scores), total=total), notes

    def weighted(self, table: ScorecardTable, subject: Subject, period: Period) -> bool:
        """Does the table's weighting apply to ``subject`` (a window listed, or staff who served at one)?"""
        assert table.weighting is not None
        windows = set(table.weighting.windows)
        if not windows:
            return True
        if subject.kind is SubjectKind.WINDOW:
            return subject.id in windows
        return bool(windows & self.windows_of(table, subject.id, period))

    def disqualifications(
        self, table: ScorecardTable, subject: Subject, period: Period, about: Concerning, scope: Scope,
    ) -> Iterable[Disqualified]:
        """The disqualifications of ``scope`` that hold for the subject in the period."""
        for rule in table.disqualifications:
            if rule.scope is not scope:
                continue
            if isinstance(rule.when, VerdictCondition):
                found = verdicts_disqualify(rule, rule.when, about)
            else:
                found = self.rate_disqualifies(rule, rule.when, subject, period, table)
            if found is not None:
                yield found

    def rate_disqualifies(
        self, rule: Disqualification, when: MeasureBelow, subject: Subject, period: Period, table: ScorecardTable,
    ) -> Disqualified | None:
        """Disqualified when any named rate of the subject (or its windows) is below the threshold."""
        if when.of is MeasureOf.WINDOW and subject.kind is SubjectKind.STAFF:
            windows = sorted(self.windows_of(table, subject.id, period))
            whose = [Subject(kind=SubjectKind.WINDOW, id=w) for w in windows]
        else:
            whose = [subject]
        low = []
        place = f"scorecard {table.name!r}: {subject} {period}"
        for measured in whose:
            for name in when.measures:
                verdict = self.measure(measured, name, period, (), place)
                if verdict is not None and verdict.measure is not None and verdict.measure.value < when.below:
                    low.append(verdict)
        if not low:
            return None
        because = as_message(joined((
            say("{subject} {measure} {rate}% 未达{below}%", subject=str(v.subject), measure=v.measure.name,
                rate=percent(v.measure.value), below=when.below)
            for v in low if v.measure is not None
        ), zh("；")))
        return Disqualified(
            id=rule.id, rule=rule.rule, text=rule.text, message=because,
            verdict_rules=tuple(dict.fromkeys(v.rule for v in low)),
            evidence=low[0].evidence if len(low) == 1 else tuple(e for v in low for e in v.evidence),
        )

    # Longer periods -------------------------------------------------------------

    def rollup_cards(self, table: ScorecardTable, rollup: Rollup, cards: list[Card]) -> list[Card]:
        """The cards of a longer period, from the table's period cards."""
        by_key = {(c.subject, c.period): c for c in cards if c.period.kind is table.period}
        longer: dict[Period, set[Subject]] = defaultdict(set)
        for subject, period in by_key:
            longer[Period.containing(rollup.period, period.start)].add(subject)
        found = []
        for period in sorted(longer, key=lambda p: p.start):
            parts = selected_parts(period, table.period, rollup)
            for subject in sorted(longer[period], key=lambda s: s.id):
                of_subject = [(p, by_key.get((subject, p))) for p in parts]
                found.append(self.rollup_card(table, rollup, subject, period, of_subject))
        return found

    def rollup_card(
        self, table: ScorecardTable, rollup: Rollup, subject: Subject, period: Period,
        parts: list[tuple[Period, Card | None]],
    ) -> Card:
        """One subject's card for a longer period."""
        present = [card for _, card in parts if card is not None]
        totals = [card.total for card in present]
        scores = [card.score for card in present]
        notes = [say("{period} 无考核记录，不计入。", period=str(p))
                 for p, card in parts if card is None and p.start <= self.as_of]
        disqualified: list[Disqualified] = []
        if rollup.ineligible_if_any_part:
            disqualified += [
                d.model_copy(update={"message": say("{period}：{because}", period=str(card.period),
                                                     because=d.message)})
                for card in present for d in card.disqualified
            ]
        yearly = [rule.when for rule in table.disqualifications if rule.scope is Scope.YEAR]
        if period.kind is PeriodKind.YEAR and yearly:
            # Only a table with yearly disqualifications needs the year's verdicts gathered again, and
            # only those of the rules they count (a card counts one fact once within its rule).
            counted = {rule for when in yearly if isinstance(when, VerdictCondition) for rule in when.rules}
            about = Concerning(subject, self.about(table, subject, period, counted), self.index(table.period).priced)
            disqualified += self.disqualifications(table, subject, period, about, Scope.YEAR)
        known = [s for s in scores if s is not None]
        score = combine(rollup.combine, known) if len(known) == len(scores) else None
        money = sum((card.money for card in present), Money())
        return Card(
            scorecard=table.name, title=table.title, rule=table.rule, subject=subject, period=period,
            complete=period.end <= self.as_of,
            maximum=table.maximum * (len(parts) if rollup.combine is Combine.SUM else 1),
            parts=tuple(Part(period=p, score=card.score if card else None, eligible=card.eligible if card else None)
                        for p, card in parts),
            total=combine(rollup.combine, totals), score=score, money=money,
            eligible=not disqualified, disqualified=tuple(disqualified), notes=tuple(notes),
        )


def category_card(category: Category, work: Mapping[str, ItemWork]) -> CategoryCard:
    """A finished category: its items and their sum."""
    items = tuple(work[item.id].card() for item in category.items)
    return CategoryCard.of_valid(
        id=category.id, title=category.title, maximum=category.maximum, items=items,
        score=sum((item.score for item in items), ZERO),
    )


def selected_parts(period: Period, part_kind: PeriodKind, rollup: Rollup) -> list[Period]:
    """The parts of ``period`` the rollup counts, in order."""
    parts = list(period.parts(part_kind))
    if rollup.parts is None:
        return parts
    return [parts[i - 1] for i in rollup.parts]


def combine(how: Combine, values: list[Decimal]) -> Decimal:
    """The sum or mean of ``values`` (zero when there are none)."""
    total = sum(values, ZERO)
    if how is Combine.MEAN and values:
        return total / len(values)
    return total


class ItemWork:
    """An item while it is being scored: its base, lines so far, and what it passes on."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.base = item.starting
        self.lines: list[Line] = []
        self.owed = ZERO
        self.running = self.base
        """The score so far: the base plus every line."""

    def add(self, lines: Iterable[Line]) -> None:
        """Add lines."""
        for line in lines:
            self.lines.append(line)
            self.running += line.points

    def settle(self) -> None:
        """Back into ``[0, maximum]``; below zero with ``overflow_into``, pass the rest on (倒扣)."""
        running, maximum, words = self.running, self.item.maximum, self.item.clamp
        if maximum is not None and running > maximum:
            self.add([Line(kind=LineKind.CLAMP, points=maximum - running, label=words or zh("加满封顶"),
                           explanation=say("{running}分超过满分{maximum}分，封顶。", running=running,
                                           maximum=maximum))])
        elif running < 0 and self.item.overflow_into:
            self.owed = -running
            self.add([Line(kind=LineKind.OVERFLOW_OUT, points=-running, label=zh("本项分不够扣，在其它项得分中倒扣"),
                           explanation=say("本项扣至{running}分，不足的{owed}分转由其它项倒扣。", running=running,
                                           owed=-running))])
        elif running < 0:
            self.add([Line(kind=LineKind.CLAMP, points=-running, label=words or zh("扣完为止"),
                           explanation=say("扣至{running}分，本项扣完为止，记0分。", running=running))])

    def card(self) -> ItemCard:
        """The finished item (of the table's valid values and the lines scored)."""
        return ItemCard.of_valid(
            id=self.item.id, title=self.item.title, maximum=self.item.maximum, base=self.base,
            lines=tuple(self.lines), score=self.running,
        )


def pass_overflow(table: ScorecardTable, work: Mapping[str, ItemWork]) -> list[Message]:
    """Take what overflowing items could not absorb from their named items, in order (SC-3)."""
    notes = []
    for item in table.items:
        source = work[item.id]
        for target_id in item.overflow_into:
            if source.owed <= 0:
                break
            target = work[target_id]
            taken = min(source.owed, max(target.running, ZERO))
            if taken > 0:
                target.add([Line(kind=LineKind.OVERFLOW_IN, points=-taken, label=zh("倒扣"), item=item.id,
                                 explanation=say("「{item}」不够扣的分数，从本项倒扣{taken}分。", item=item.title,
                                                 taken=taken))])
                source.owed -= taken
        if source.owed > 0:
            notes.append(say("「{item}」倒扣后仍有{owed}分无处可扣（其它项均已扣完）。", item=item.title,
                             owed=source.owed))
    return notes


def units(verdict: Verdict, per: Per, place: str) -> Decimal:
    """How many units a verdict counts for a per-unit amount."""
    if per in (Per.OCCURRENCE, Per.ONCE, Per.CASE):
        return ONE
    if per is Per.DAY and verdict.deadline is not None:
        return Decimal(verdict.deadline.days_late)
    if verdict.quantity is None:
        raise ScoringError(
            f"the line charges per {per.value}, but verdict {verdict.rule} of {verdict.on} "
            f"({', '.join(verdict.evidence)}) carries no {'days late' if per is Per.DAY else 'quantity'}",
            place=place,
        )
    return verdict.quantity


ONE = Decimal(1)
"""One unit: a verdict counted once."""


def per_verdict_lines(rule: PerVerdict, about: Concerning, place: str) -> list[Line]:
    """A line per selected verdict (or one line for all, per ``once``), within the rule's cap."""
    selected = about.selected(rule)
    if not selected:
        return []
    if rule.per is Per.ONCE:
        assert rule.points is not None
        first = selected[0]
        return [Line(
            kind=kind_of(rule.points), points=rule.points, label=rule.label, rule=first.rule, on=first.on,
            explanation=say("{explanation}{more}", explanation=first.message, more=more(selected)),
            evidence=first.evidence, case=first.case,
        )]
    others: dict[str, list[Verdict]] = {}
    if rule.per is Per.CASE:
        selected, others = once_per_case(selected)
    left = rule.cap
    fixed = rule.points * ONE if rule.per in (Per.OCCURRENCE, Per.CASE) and rule.points is not None else None
    if fixed is not None and left is None and not others:  # each verdict's line: the same points, its own words
        return [verdict_line(fixed, rule.label, v, v.message) for v in selected]
    lines = []
    for verdict in selected:
        if fixed is not None:  # the same points for every verdict: one unit each
            points = fixed
        else:
            count = units(verdict, rule.per, place)
            points = verdict.points if rule.points is None else rule.points * count
        explanation: Message = verdict.message
        if verdict.case in others:
            explanation = say("{explanation}（同一办件另有{rules}，每件只计一次）", explanation=explanation,
                              rules=joined(o.rule for o in others[verdict.case]))
        if left is not None:
            allowed = min(abs(points), left)
            if allowed != abs(points):
                explanation = say("{explanation}（本行以{cap}分为限，计{allowed}分）", explanation=explanation,
                                  cap=rule.cap or ZERO, allowed=allowed)
                points = allowed if points > 0 else -allowed
            left -= allowed
        if rule.per in (Per.DAY, Per.HALF_DAY, Per.UNIT) and rule.points is not None:
            explanation = say("{explanation}（{count} × {points}分）", explanation=explanation, count=count,
                              points=rule.points)
        lines.append(verdict_line(points, rule.label, verdict, explanation))
    return lines


def once_per_case(selected: list[Verdict]) -> tuple[list[Verdict], dict[str, list[Verdict]]]:
    """The first selected verdict of each case (a verdict without a case counts alone), and each case's others."""
    kept: list[Verdict] = []
    others: dict[str, list[Verdict]] = {}
    for verdict in selected:
        case = verdict.case
        if case is not None and case in others:
            others[case].append(verdict)
            continue
        if case is not None:
            others[case] = []
        kept.append(verdict)
    return kept, {case: rest for case, rest in others.items() if rest}


def verdict_line(points: Decimal, label: str, verdict: Verdict, explanation: Message) -> Line:
    """The line of one counted verdict: its points, the table's words, and where it came from.

    Its values are valid already (:meth:`Line.of_valid`): there is a line per counted verdict.
    """
    return Line.of_valid(kind_of(points), points, label, verdict.rule, verdict.on, explanation, verdict.evidence,
                         verdict.case)


def kind_of(points: Decimal) -> LineKind:
    """A deduction, a bonus, or a note (zero points)."""
    if points < 0:
        return LineKind.DEDUCTION
    return LineKind.BONUS if points > 0 else LineKind.NOTE


def forfeit_lines(rule: Forfeit, about: Concerning, running: Decimal) -> list[Line]:
    """Zero the item if any selected verdict concerns the subject in the period."""
    selected = about.selected(rule)
    if not selected:
        return []
    first = selected[0]
    return [Line(
        kind=LineKind.FORFEIT, points=-max(running, ZERO), label=rule.label, rule=first.rule, on=first.on,
        explanation=say("{explanation}{more}", explanation=first.message, more=more(selected)),
            evidence=first.evidence, case=first.case,
    )]


def more(selected: list[Verdict], shown: int = 1) -> Message | str:
    """A note of how many more verdicts than those shown counted (the first is enough to cause it)."""
    rest = len(selected) - shown
    return counted("（另有{n}项同类记录）", n=rest) if rest > 0 else ""


def shortfall(points_below: Decimal, count: ShortfallCount) -> Decimal:
    """The percentage points below the target, counted as the table says."""
    if points_below <= 0:
        return ZERO
    if count is ShortfallCount.WHOLE:
        return points_below.to_integral_value(rounding=ROUND_FLOOR)
    if count is ShortfallCount.STARTED:
        return points_below.to_integral_value(rounding=ROUND_CEILING)
    return points_below


def verdicts_disqualify(
    rule: Disqualification, when: VerdictCondition, about: Concerning,
) -> Disqualified | None:
    """Disqualified when enough selected verdicts concern the subject."""
    found = about.selected(when)
    if len(found) < when.at_least:
        return None
    trigger = found[:when.at_least]  # the verdicts that reached the threshold name the cause
    count = counted("达{n}次即取消：", n=when.at_least) if when.at_least > 1 else ""
    causes = joined((say("{on} {rule} {explanation}", on=v.on, rule=v.rule, explanation=v.message) for v in trigger),
                    zh("；"))
    return Disqualified(
        id=rule.id, rule=rule.rule, text=rule.text,
        message=say("{count}{causes}{more}", count=count, causes=causes, more=more(found, len(trigger))),
        verdict_rules=tuple(dict.fromkeys(map(RULE, found))),
        evidence=tuple(e for v in trigger for e in v.evidence),
    )
