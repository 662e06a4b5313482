"""The engine: a pure function from a variant, an event log and a day to a report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from bianmin_rules.core.books import Books, collect, collector_paused
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.policy import Context, Derived
from bianmin_rules.core.report import Report, subject_totals
from bianmin_rules.core.scorecards.ranking import assess
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.families.cases.ledger import undeclared_case_type
from bianmin_rules.families.complaints.ledger import unjudged_complaints
from bianmin_rules.families.first_inquiry.chain import unjudged_inquiries

STAGES = ("reading", "judging", "scoring")
"""The stages of an evaluation, in order, as a progress callback is told of them."""


class Progress(Protocol):
    """A caller's callback told how an evaluation goes: ``(stage, done, total)``.

    ``reading`` is told once as the log starts to be read (``0, 0``: the engine does not
    know how long a stream is; a caller that does counts it as it hands the events on),
    ``judging`` after each policy of each variant (``done`` of ``total``), ``scoring``
    before and after the scorecards (``0, 1`` then ``1, 1``). The callback is the
    caller's: it may draw a bar, the engine itself does no I/O.
    """

    def __call__(self, stage: str, done: int, total: int) -> None: ...


def no_progress(stage: str, done: int, total: int) -> None:
    """The callback of an evaluation nobody watches."""


def evaluate(
    variant: Variant, events: Iterable[EventBase], *, as_of: date, calendar: WorkCalendar | None = None,
    include_compliance: bool = False, progress: Progress | None = None,
) -> Report:
    """Apply ``variant`` to ``events`` as they stand on ``as_of``.

    Pure: no I/O, no clock; ``events`` is read once (it may be a stream) and never
    changed. Events dated after ``as_of`` are left out and counted. The report does not
    depend on the order of the events: every ledger orders facts by time, then event id.

    ``calendar`` replaces the default China calendar (e.g. one with a newly loaded year's
    schedule, or one that allows provisional years); the variant's office hours are
    applied to it. ``include_compliance`` also reports the rules that were met.
    ``progress``, when given, is told of each stage as it goes (:class:`Progress`).

    The variant's assessment tables score the verdicts into one card per subject and
    period, with rankings (:mod:`bianmin_rules.core.scorecards`).

    Raises :class:`~bianmin_rules.core.errors.ProvisionalCalendarError` when ``as_of`` lies in
    a year without an official schedule and the calendar does not allow provisional
    results (CAL-3), :class:`~bianmin_rules.core.errors.EvaluationError` when the events
    contradict the variant, and :class:`~bianmin_rules.core.errors.ScoringError` when a table
    cannot score without guessing (e.g. a rate in an unresolved band gap). Days after
    ``as_of`` are counted provisionally where needed (a due date early next year, say):
    they never make a violation, since nothing after ``as_of`` is judged, and any verdict
    that shows one is marked provisional.
    """
    (report,) = evaluate_all(
        (variant,), events, as_of=as_of, calendar=calendar, include_compliance=include_compliance, progress=progress,
    )
    return report


def evaluate_all(
    variants: Sequence[Variant], events: Iterable[EventBase], *, as_of: date, calendar: WorkCalendar | None = None,
    include_compliance: bool = False, progress: Progress | None = None,
) -> tuple[Report, ...]:
    """Apply each of ``variants`` to one log, read once: the reports :func:`evaluate` gives each alone.

    For what-if on a large log (:func:`~bianmin_rules.views.whatif.diff`): the events are read
    and filed once, for the case types of all the variants, and each variant is judged
    on the same books. A variant that does not declare a case type the log receives
    fails as it would alone (CASE-2); where the variants declare different case types,
    the error names the earliest such receipt. Raises what :func:`evaluate` raises; of a
    log several variants reject, the first error found. ``progress`` counts the policies of
    all the variants as one ``judging`` stage.
    """
    told = progress or no_progress
    calendars = [variant.calendar(calendar) for variant in variants]
    for work_calendar in calendars:
        work_calendar.is_working_day(as_of)  # fails early on a provisional or uncovered as_of
    # Variants that declare the same case types check each receipt as it is read, so a
    # bad log fails at its first bad line; others check the books once they are collected.
    declared = {frozenset(variant.case_types) for variant in variants}
    shared = declared.pop() if len(declared) == 1 else None
    with collector_paused():
        told("reading", 0, 0)
        books = collect(events, as_of=as_of, case_types=shared)
        reports = []
        judging = Judging(told, sum(len(variant.policies) for variant in variants))
        for variant, work_calendar in zip(variants, calendars, strict=True):
            if shared is None:
                check_case_types(books, variant)
            reports.append(judge(variant, books, Context(
                variant=variant.name, calendar=work_calendar.allowing_provisional(), as_of=as_of,
                include_compliance=include_compliance,
            ), judging))
        # Freed while the collector is still paused: resumed with the books alive, its
        # next pass would scan their millions of objects once more (1M events: −0.85 s).
        del books
    return tuple(reports)


def check_case_types(books: Books, variant: Variant) -> None:
    """Fail on the earliest receipt of a case type ``variant`` does not declare (CASE-2)."""
    undeclared = [
        file.receipt for file in books.cases.values()
        if file.receipt is not None and file.receipt.case_type not in variant.case_types
    ]
    if undeclared:
        first = min(undeclared, key=lambda receipt: (receipt.at, receipt.event))
        raise undeclared_case_type(first.case_type, variant.case_types, event_id=first.event)


class Judging:
    """The ``judging`` stage told policy by policy, over every variant of one evaluation."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        progress("judging", 0, total)

    def policy_done(self) -> None:
        self.done += 1
        self.progress("judging", self.done, self.total)


def judge(variant: Variant, books: Books, context: Context, judging: Judging | None = None) -> Report:
    """The report on ``books``: the verdicts of the variant's policies, and its scorecards."""
    as_of = context.as_of
    verdicts = sorted(apply_policies(variant, books, context, judging), key=lambda v: v.sort_key)
    told = judging.progress if judging else no_progress
    told("scoring", 0, 1)
    assessment = assess(
        variant.scorecards, verdicts, roster=books.roster, as_of=as_of, assessor_scores=books.assessment.scores,
    )
    told("scoring", 1, 1)
    return Report(
        variant=variant.name,
        as_of=as_of,
        provisional=context.calendar.is_provisional(as_of) or any(v.provisional for v in verdicts),
        events_read=books.events_read,
        events_after_as_of=books.events_after_as_of,
        verdicts=tuple(verdicts),
        totals=subject_totals(verdicts),
        notes=notes_of(books),
        scorecards=assessment.cards,
        standings=assessment.standings,
    )


def apply_policies(
    variant: Variant, books: Books, context: Context, judging: Judging | None = None,
) -> list[Verdict]:
    """Run the policies stage by stage; each stage sees the verdicts of the stages before it."""
    verdicts: list[Verdict] = []
    for stage in sorted({policy.stage for policy in variant.policies}):
        staged = replace(context, verdicts=tuple(verdicts), derived=Derived(), policies=variant.policies)
        for policy in variant.policies:
            if policy.stage == stage:
                verdicts.extend(policy.evaluate(books, staged))
                if judging is not None:
                    judging.policy_done()
    return verdicts


def notes_of(books: Books) -> tuple[str, ...]:
    """What the rules cannot judge in ``books``: the cases, inquiries and complaints the log never received."""
    return (*unjudged_cases(books), *unjudged_inquiries(books.inquiries), *unjudged_complaints(books.complaints))


def unjudged_cases(books: Books) -> Iterable[str]:
    """A note for each case the log never received: its time limits cannot be checked."""
    for file in books.cases.values():
        if file.receipt is None:
            yield f"办件 {file.case}：日志中没有收件记录，无法检查其时限（事件 {file.steps[0].event} 等）。"
