"""Rankings (SC-8) and yearly consequences (SC-3), and :func:`assess`, which runs every table.

A ranking orders the eligible subjects of one period by score, breaking ties by the
table's explicit keys (ending with the subject id, so the order never depends on chance)
and gives the award to the first N. When the N-th and the (N+1)-th have the same score,
the standing says so and names who got in by the tie-break.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from bianmin_rules.core.dated import ALWAYS, Course, Span, Unvalued, unvalued_on
from bianmin_rules.core.errors import NoValueInForceError
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.scorecards.assessors import AssessorScore, ScoreKey
from bianmin_rules.core.scorecards.cards import Bar, Card, LineKind, Placing, Standing
from bianmin_rules.core.scorecards.scoring import Earlier, Scorer, combine
from bianmin_rules.core.scorecards.tables import AwardRequirement, Combine, Ranking, ScorecardTable
from bianmin_rules.core.verdicts import ZERO, Subject, SubjectKind, Verdict
from bianmin_rules.core.words import Message, joined, say

LOST = (LineKind.DEDUCTION, LineKind.RATE, LineKind.FORFEIT, LineKind.OVERFLOW_IN, LineKind.BAND, LineKind.MISSING)
"""Lines whose negative points count as points lost for the ``deductions`` tie-break."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """The cards of every table and the rankings."""

    cards: tuple[Card, ...]
    standings: tuple[Standing, ...]
    scored: Earlier | None = field(default=None, compare=False, repr=False)
    """What a later scoring of the same books may take unchanged cards from (not part of its value)."""


def assess(
    tables: Sequence[ScorecardTable], verdicts: Sequence[Verdict], *, roster: Roster, as_of: date,
    assessor_scores: Mapping[ScoreKey, AssessorScore] | None = None, earlier: Earlier | None = None,
    ordered: bool = False,
) -> Assessment:
    """Score every table over ``verdicts``, rank, and apply the yearly consequences.

    ``roster`` says who was active when (and where staff served); subjects concerned by
    some verdict of a period are scored for it too. ``earlier``: a scoring of the same
    books whose unchanged cards are taken again (:class:`~bianmin_rules.core.scorecards.scoring.Earlier`).
    ``ordered``: ``verdicts`` are in report order already (a report's), not sorted again;
    in any other order, the cards are the same. Pure: no input is changed.
    """
    courses = [Course(index, ((ALWAYS, table),)) for index, table in enumerate(tables)]
    return assess_in_time(courses, verdicts, roster=roster, as_of=as_of, assessor_scores=assessor_scores,
                          earlier=earlier, ordered=ordered)


def assess_in_time(
    courses: Sequence[Course], verdicts: Sequence[Verdict], *, roster: Roster, as_of: date,
    assessor_scores: Mapping[ScoreKey, AssessorScore] | None = None, earlier: Earlier | None = None,
    ordered: bool = False,
) -> Assessment:
    """:func:`assess` of tables that change over time: each one's course, the table in force over each span of days.

    Each period is scored under the table in force on its first day, and its card names
    that table's day (``version``) when the table changes over time. A longer period (a
    year rolled up from quarters) combines its parts as each was scored, under the rollup,
    rankings and requirements of the table in force on its own first day. A period that
    begins before the first value of one of its table's dated values is an error
    (:class:`~bianmin_rules.core.errors.NoValueInForceError`); one that begins where the
    table is not in force (``in_force``) has no card. ``ordered`` as for :func:`assess`.
    """
    scorer = Scorer(verdicts=verdicts, roster=roster, as_of=as_of, assessor_scores=assessor_scores or {},
                    earlier=earlier, ordered=ordered)
    period_cards: list[Card] = []
    always = [course.spans[0][1] for course in courses if [span for span, _ in course.spans] == [ALWAYS]]
    tables = [table for table in always if isinstance(table, ScorecardTable)]  # a later scoring may take them again
    scored: list[tuple[Card, ScorecardTable]] = []
    standings: list[Standing] = []
    for course in courses:
        in_force = [(span, table) for span, table in course.spans if isinstance(table, ScorecardTable)]
        cards: list[Card] = []
        owners: list[ScorecardTable] = []
        unvalued: list[tuple[Span, Unvalued]] = []  # the spans before the first value, checked by the first table
        for span, state in course.spans:
            if isinstance(state, Unvalued):
                unvalued.append((span, state))
            elif isinstance(state, ScorecardTable):
                found = scorer.period_cards(state)
                period_cards += found
                refuse_unvalued(state, course.index, unvalued, found)
                unvalued = []
                kept = [dated(card, span) for card in found if span.holds(card.period.start)]
                cards += kept
                owners += [state] * len(kept)
        for span, table in in_force:
            for rollup in table.rollups:
                kept = [dated(card, span) for card in scorer.rollup_cards(table, rollup, cards)
                        if span.holds(card.period.start)]
                cards += kept
                owners += [table] * len(kept)
        course_standings = [standing for span, table in in_force for ranking in table.rankings
                            for standing in rank(table, ranking, cards) if span.holds(standing.period.start)]
        scored += zip(with_places(cards, course_standings), owners, strict=True)
        standings += course_standings
    return Assessment(
        cards=tuple(apply_requirements(card, table, standings, scorer) for card, table in scored),
        standings=tuple(standings),
        scored=Earlier(tables, period_cards, scorer) if len(tables) == len(courses) else None,  # all in force always
    )


def dated(card: Card, span: Span) -> Card:
    """The card with the day the table it was scored by took effect (none for a table in force always)."""
    return card if span.since is None else card.model_copy(update={"version": span.since})


def refuse_unvalued(
    table: ScorecardTable, index: int, unvalued: Sequence[tuple[Span, Unvalued]], cards: Sequence[Card],
) -> None:
    """A period that begins before the first value of one of its table's dated values cannot be scored."""
    for card in cards:
        missing = unvalued_on(unvalued, card.period.start)
        if missing is not None:
            raise NoValueInForceError(
                rule=table.rule, key=f"scorecards[{index}].{missing.key}",
                matter=f"the {card.period.kind.value} {card.period} of table {table.name!r}", day=card.period.start,
                first=missing.first,
            )


def rank(table: ScorecardTable, ranking: Ranking, cards: Sequence[Card]) -> list[Standing]:
    """The standings of one ranking, one per period."""
    kind = table.ranking_period(ranking)
    parts = {(c.subject, c.period): c for c in cards if c.period.kind is table.period}
    by_period: dict[Period, list[Card]] = defaultdict(list)
    for card in cards:
        if card.period.kind is kind:
            by_period[card.period].append(card)
    standings = []
    for period in sorted(by_period, key=lambda p: p.start):
        group = by_period[period]
        ranked = [c for c in group if c.eligible and c.score is not None]
        ranked.sort(key=lambda c: order_key(c, ranking.tie_break, table, parts))
        placings = tuple(
            Placing(subject=c.subject, score=c.score, rank=i, awarded=i <= ranking.top)
            for i, c in enumerate(ranked, start=1) if c.score is not None
        )
        standings.append(Standing(
            scorecard=table.name, award=ranking.award, rule=ranking.rule, period=period,
            complete=all(c.complete for c in group), top=ranking.top, tie_break=ranking.tie_break,
            placings=placings, ineligible=tuple(c.subject for c in group if not c.eligible),
            unscored=tuple(c.subject for c in group if c.eligible and c.score is None),
            cut_off=cut_off_note(placings, ranking),
        ))
    return standings


PartCards = Mapping[tuple[Subject, Period], Card]
"""The table's period cards by (subject, period): the parts of longer periods."""


def order_key(card: Card, keys: Iterable[str], table: ScorecardTable, parts: PartCards) -> tuple[object, ...]:
    """Sort key: higher score first, then the tie-break keys in order."""
    assert card.score is not None
    found: list[object] = [-card.score]
    for key in keys:
        if key == "subject":
            found.append(card.subject.id)
        elif key == "deductions":
            found.append(measure_parts(card, table, parts, points_lost))
        else:
            found.append(-measure_parts(card, table, parts, partial(part_score, key=key)))
    return tuple(found)


def measure_parts(card: Card, table: ScorecardTable, parts: PartCards, measure: Callable[[Card], Decimal]) -> Decimal:
    """A measure of a card, or for a longer period the parts' measures combined as the rollup says."""
    if card.categories:
        return measure(card)
    how = next((r.combine for r in table.rollups if r.period is card.period.kind), Combine.SUM)
    found = [parts[(card.subject, p.period)] for p in card.parts if (card.subject, p.period) in parts]
    return combine(how, [measure(c) for c in found])


def part_score(card: Card, key: str) -> Decimal:
    """The score of the category or item a tie-break key names (``category:<id>``, ``item:<id>``)."""
    what, _, ident = key.partition(":")
    return card.category(ident).score if what == "category" else card.item(ident).score


def points_lost(card: Card) -> Decimal:
    """The points the card's deductions took (for the ``deductions`` tie-break)."""
    return -sum(
        (line.points for c in card.categories for i in c.items for line in i.lines
         if line.kind in LOST and line.points < 0),
        ZERO,
    )


def cut_off_note(placings: Sequence[Placing], ranking: Ranking) -> Message | None:
    """A note when subjects with the same score straddle the cut-off (SC-8)."""
    if len(placings) <= ranking.top or placings[ranking.top - 1].score != placings[ranking.top].score:
        return None
    score = placings[ranking.top].score
    tied = [p for p in placings if p.score == score]
    return say(
        "第{top}名处并列：{tied} 同为{score}分；按并列排序规则（{order}），{inside} 入选，{outside} 未入选。",
        top=ranking.top, tied=joined(p.subject.id for p in tied), score=score, order=" > ".join(ranking.tie_break),
        inside=joined(p.subject.id for p in tied if p.awarded),
        outside=joined(p.subject.id for p in tied if not p.awarded),
    )


def with_places(cards: Sequence[Card], standings: Sequence[Standing]) -> list[Card]:
    """The cards with their rank (in the first ranking that ranks them) and awards."""
    places: dict[tuple[Subject, Period], list[tuple[Standing, Placing]]] = defaultdict(list)
    for standing in standings:
        for placing in standing.placings:
            places[(placing.subject, standing.period)].append((standing, placing))
    placed = []
    for card in cards:
        found = places.get((card.subject, card.period))
        if not found:
            placed.append(card)
            continue
        placed.append(card.model_copy(update={
            "rank": found[0][1].rank, "awards": tuple(s.award for s, p in found if p.awarded),
        }))
    return placed


def apply_requirements(card: Card, table: ScorecardTable, standings: Sequence[Standing], scorer: Scorer) -> Card:
    """Bar the grades whose required award the subject's window never won in the year (SC-3)."""
    if card.period.kind is not PeriodKind.YEAR or not table.requirements:
        return card
    if card.subject.kind is SubjectKind.WINDOW:
        windows = {card.subject.id}
    else:
        windows = scorer.windows_of(table, card.subject.id, card.period)
    bars, notes = [], []
    for requirement in table.requirements:
        if not windows:
            notes.append(say("无法确定{subject}所在窗口，未检查「{requirement}」。", subject=card.subject.id,
                             requirement=requirement.text))
            continue
        if not windows & won(requirement, card.period, standings):
            bars.append(bar(requirement, card, windows, scorer.as_of))
    if not bars and not notes:
        return card
    return card.model_copy(update={"barred": (*card.barred, *bars), "notes": (*card.notes, *notes)})


def won(requirement: AwardRequirement, year: Period, standings: Iterable[Standing]) -> set[str]:
    """The subjects (ids) that won the required award at some time in ``year``."""
    return {
        placing.subject.id
        for standing in standings
        if standing.scorecard == requirement.scorecard and standing.award == requirement.award
        and standing.period.start in year
        for placing in standing.placings if placing.awarded
    }


def bar(requirement: AwardRequirement, card: Card, windows: set[str], as_of: date) -> Bar:
    """The bar on a grade, saying which windows never won the award."""
    so_far = "" if card.complete else say("（截至{as_of}，年度尚未结束）", as_of=as_of)
    return Bar(
        grade=requirement.grade, rule=requirement.rule, text=requirement.text,
        message=say("{year}年内所在窗口（{windows}）未评为{award}{so_far}。", year=str(card.period),
                    windows=joined(sorted(windows)), award=requirement.award, so_far=so_far),
    )
