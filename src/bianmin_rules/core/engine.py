"""The engine: a pure function from a variant, an event log and a day to a report.

It knows the families only through their declarations: it opens one ledger for each
book the variant's families declare (:func:`collect`), runs the variant's policies on
the books, scores the verdicts with the variant's assessment tables, and adds the notes
the families write about what their rules cannot judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from bianmin_rules.core.books import Books, Ledger, Release, collector_paused
from bianmin_rules.core.calendar import DEFAULT_OFFICE_HOURS, WorkCalendar
from bianmin_rules.core.dated import Span, Timeline, Unvalued, unvalued_on
from bianmin_rules.core.errors import EvaluationError, NoValueInForceError, wrong_type
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.family import Families, joined
from bianmin_rules.core.policy import Context, Derived, PolicyBase
from bianmin_rules.core.report import Report, SubjectTotal, subject_totals
from bianmin_rules.core.roster import RosterLedger
from bianmin_rules.core.scorecards.assessors import ASSESSOR_SCORES
from bianmin_rules.core.scorecards.ranking import Assessment, assess, assess_in_time
from bianmin_rules.core.scorecards.scoring import Earlier
from bianmin_rules.core.scorecards.tables import ScorecardTable
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Verdict, VerdictKind
from bianmin_rules.core.words import Joined, Message, say

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
    The events are filed in the books of the variant's families (``variant.families``).

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
    and filed once, in the books of all the variants' families, for the case types of all
    the variants, and each variant is judged on the same books. A variant that does not
    declare a case type the log receives fails as it would alone (CASE-2); where the
    variants declare different case types, the error names the earliest such receipt.
    Raises what :func:`evaluate` raises; of a log several variants reject, the first error
    found. ``progress`` counts the policies of all the variants as one ``judging`` stage.
    """
    check_arguments(variants, events, as_of, calendar)
    told = progress or no_progress
    calendars: list[WorkCalendar] = []
    for variant in variants:
        work_calendar = variant.calendar(calendar)
        work_calendar.is_working_day(as_of)  # fails early on a provisional or uncovered as_of
        work_calendar = work_calendar.allowing_provisional()
        # Variants of equal calendars share one, and its memo of counted days.
        calendars.append(next((c for c in calendars if c == work_calendar), work_calendar))
    # Variants that declare the same case types check each receipt as it is read, so a
    # bad log fails at its first bad line; others check the books once they are collected.
    declared = {frozenset(variant.case_types) for variant in variants}
    shared = declared.pop() if len(declared) == 1 else None
    families = joined(variant.families for variant in variants)
    with collector_paused():
        told("reading", 0, 0)
        books = collect(events, as_of=as_of, case_types=shared, families=families)
        if shared is None:
            for variant in variants:
                variant.families.admit(books, variant.case_types)
        notes = [tuple(variant.families.notes(books)) for variant in variants]
        judgements = Judgements(books, release(books, variants), variants=variants)
        reports = []
        judging = Judging(told, sum(len(entries(variant)) for variant in variants))
        for variant, work_calendar, noted in zip(variants, calendars, notes, strict=True):
            reports.append(judgements.report(variant, Context(
                variant=variant.name, calendar=work_calendar, as_of=as_of, include_compliance=include_compliance,
            ), judging, notes=noted))
        # Freed while the collector is still paused: resumed with the books alive, its
        # next pass would scan their millions of objects once more.
        del books, judgements
    return tuple(reports)


def release(books: Books, variants: Sequence[Variant]) -> Release | None:
    """What frees each book once the last rule of ``variants`` that reads it is judged; None where a variant
    changes over time (its courses read the books to the end)."""
    if any(variant.timeline is not None for variant in variants):
        return None
    reads = [policy.reads for variant in variants for _, policies in stages(variant) for policy in policies]
    freeing = Release(books, [None if r is None else {book.name for book in r} for r in reads],
                      keep={ASSESSOR_SCORES.name})
    freeing.unread()
    return freeing


def stages(variant: Variant) -> list[tuple[int, list[PolicyBase]]]:
    """The variant's policies stage by stage, in the order they are judged."""
    return [(stage, [p for p in variant.policies if p.stage == stage])
            for stage in sorted({policy.stage for policy in variant.policies})]


def check_arguments(
    variants: Sequence[Variant], events: Iterable[EventBase], as_of: date, calendar: WorkCalendar | None,
) -> None:
    """Raise a :class:`TypeError` saying what was expected for an argument of the wrong type.

    The events themselves are checked one by one as they are read (:func:`collect`).
    """
    if not isinstance(variants, Sequence):
        raise wrong_type("variants", "a sequence of Variants", variants)
    for variant in variants:
        if not isinstance(variant, Variant):
            raise wrong_type("variant", "a Variant (see load_variant)", variant)
    if not isinstance(events, Iterable) or isinstance(events, str | bytes):
        raise wrong_type("events", "an iterable of events (see read_events)", events)
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise wrong_type("as_of", "a datetime.date, e.g. date(2026, 3, 31)", as_of)
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise wrong_type("calendar", "a WorkCalendar or None", calendar)


def collect(
    events: Iterable[EventBase], *, as_of: date, case_types: Iterable[str] | None, families: Families,
) -> Books:
    """Read a log once and gather its facts; events after ``as_of`` are counted and left out.

    The facts are filed in the books ``families`` declare. Raises
    :class:`~bianmin_rules.core.errors.EvaluationError` on two events with one id and on a
    receipt of a case type not among ``case_types`` (CASE-2; None admits every case
    type, for a caller that checks them afterwards).
    """
    admitted = None if case_types is None else frozenset(case_types)
    ledgers: dict[str, Ledger[Any]] = {
        book.name: book.ledger(admitted) if book.admit is not None else book.ledger() for book in families.books
    }
    roster = RosterLedger()
    filing: dict[type[EventBase], Callable[[Any], None]] = {}
    for ledger in ledgers.values():
        filers: Mapping[type[EventBase], Callable[[Any], None]] = getattr(ledger, "filers", {})
        filing.update((kind, filers.get(kind, ledger.record)) for kind in ledger.handles)
    # The roster's sightings are noted here rather than by RosterLedger.record: one call
    # fewer per event, and the day is computed once for both uses.
    sighted = roster.sightings.add
    seen: set[str] = set()
    check_ids = not getattr(events, "ids_unique", False)  # a JSON Lines reader has checked them
    read = later = 0
    for event in events:
        try:
            fields = event.__dict__  # pydantic keeps the fields here: a dict read, no search of the model's classes
            day = fields["at"].date()
        except (AttributeError, KeyError):
            raise wrong_type(f"events[{read + later}]", "an event (EventBase)", event) from None
        if check_ids:
            if event.id in seen:
                raise EvaluationError("two events have this id", event_id=event.id)
            seen.add(event.id)
        if day > as_of:
            later += 1
            continue
        read += 1
        kind = type(event)
        record = filing.get(kind)
        if record is not None:
            record(event)
        if kind.activity:  # an assessor's score of a period, say, shows nobody at work
            sighted((day, fields["window"], fields["staff"]))
    facts = {name: ledger.close() for name, ledger in ledgers.items()}
    return Books(facts=facts, roster=roster.close(), events_read=read, events_after_as_of=later)


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
    """The report on ``books``: the verdicts of the variant's policies, its scorecards, its families' notes."""
    return Judgements(books).report(variant, context, judging)


def apply_policies(
    variant: Variant, books: Books, context: Context, judging: Judging | None = None,
) -> list[Verdict]:
    """Run the policies stage by stage; each stage sees the verdicts of the stages before it."""
    _, verdicts = Judgements(books).found(variant, context, judging)
    return verdicts()


class Judgements:
    """The policies judged on one set of books, each once for every variant that has it.

    A policy is a frozen value that keeps no state: on the same books it finds the same
    verdicts wherever what it reads besides is the same — the calendar, the day, whether
    compliance is reported, the verdicts of the earlier stages it reads
    (:attr:`~bianmin_rules.core.policy.PolicyBase.reads_verdicts_of`: a ladder, those of the
    rules it counts) and the policies it consults
    (:attr:`~bianmin_rules.core.policy.PolicyBase.consults`). A what-if judges
    every variant on one set of books (:func:`evaluate_all`): a policy met again in the
    same circumstances gives the verdicts it found the first time, under the second
    variant's name. A variant whose policies all match an earlier variant's, in the same
    order, takes that variant's verdicts in report order and their totals, and its
    scorecards too where its tables are the same. Otherwise its scoring takes again the
    earlier variant's cards whose inputs are the same findings, of the tables both have
    (:class:`~bianmin_rules.core.scorecards.scoring.Earlier`).

    What the policies of a stage derive from the books (a case index, the inquiries'
    chains) depends on the books alone: where a variant still to be judged, of the
    ``variants`` these books are judged for in turn, has other policies, it takes what the
    same stage of the variant before it derived; the rest is freed with its stage.
    """

    def __init__(self, books: Books, freeing: Release | None = None, *, variants: Sequence[Variant] = ()) -> None:
        self._books = books
        self._release = freeing
        self._judged: list[_Judged] = []
        self._outcomes: list[_Outcome] = []
        self._variants = variants
        self._started = 0  # the reports begun
        self._sharing = False  # does a variant still to come have other policies than the one being judged?
        self._derived: dict[int, Derived] = {}

    def report(
        self, variant: Variant, context: Context, judging: Judging | None = None, *,
        notes: tuple[str | Message, ...] | None = None,
    ) -> Report:
        """The report of ``variant`` on the books, as :func:`judge` gives it (``notes``: its families', if taken
        before the books were freed)."""
        books, name = self._books, context.variant
        self._started += 1
        self._sharing = any(later.policies != variant.policies for later in self._variants[self._started:])
        if variant.timeline is not None:
            return timed_report(variant, variant.timeline, books, context, judging)
        if notes is None:
            notes = tuple(variant.families.notes(books))
        lineage, found = self.found(variant, context, judging)
        outcome = next((o for o in self._outcomes if o.lineage == lineage), None)
        if outcome is None:
            verdicts = sorted(found(), key=lambda v: v.sort_key)
            outcome = _Outcome(lineage, name, verdicts, subject_totals(verdicts), [])
            self._outcomes.append(outcome)
        else:
            verdicts = restated(outcome.verdicts, outcome.variant, name)
        told = judging.progress if judging else no_progress
        told("scoring", 0, 1)
        assessment = next((a for tables, a in outcome.assessments if tables == variant.scorecards), None)
        if assessment is None:
            assessment = assess(
                variant.scorecards, verdicts, roster=books.roster, as_of=context.as_of,
                assessor_scores=books[ASSESSOR_SCORES], earlier=self._earlier(), ordered=True,
            )
            outcome.assessments.append((variant.scorecards, assessment))
        told("scoring", 1, 1)
        return Report(
            variant=name,
            as_of=context.as_of,
            provisional=context.calendar.is_provisional(context.as_of) or any(v.provisional for v in verdicts),
            events_read=books.events_read,
            events_after_as_of=books.events_after_as_of,
            verdicts=tuple(verdicts),
            totals=outcome.totals,
            note_messages=(*placeholder_hours(variant, verdicts), *notes),
            scorecards=assessment.cards,
            standings=assessment.standings,
        )

    def found(
        self, variant: Variant, context: Context, judging: Judging | None = None,
    ) -> tuple[tuple[int, ...], Callable[[], list[Verdict]]]:
        """Which judgements the variant's policies give, stage by stage, and a function giving their verdicts.

        Each stage sees the verdicts of the stages before it, in the order of the policies;
        a policy judged before in the same circumstances is not judged again.
        """
        name = context.variant
        lineage: list[int] = []
        consulted: dict[tuple[str, ...], tuple[PolicyBase, ...]] = {}

        def verdicts() -> list[Verdict]:
            return [v for n in lineage for v in self._judged[n].under(name)]

        for stage, policies in stages(variant):
            earlier = tuple(lineage)
            staged: Context | None = None
            for policy in policies:
                kinds = policy.consults
                if kinds not in consulted:
                    consulted[kinds] = tuple(p for p in variant.policies if getattr(p, "kind", None) in kinds)
                seen = self._seen(policy, earlier)
                number = self._number(policy, context, consulted[kinds], seen)
                if number is None:
                    if staged is None:  # the earlier verdicts under this variant's name, made once per stage
                        staged = replace(context, verdicts=tuple(verdicts()), derived=self._stage_derived(stage))
                    own = replace(staged, policies=consulted[kinds])
                    policy = self._same(policy)
                    number = len(self._judged)
                    self._judged.append(_Judged(policy, own, seen, list(policy.evaluate(self._books, own))))
                lineage.append(number)
                if self._release is not None:
                    for freed in self._release.judged():
                        if staged is not None:
                            staged.derived.forget(freed)
                if judging is not None:
                    judging.policy_done()
            if not self._sharing:
                self._derived.pop(stage, None)  # freed with the stage of the last variant, judged again or not
        return tuple(lineage), verdicts

    def _stage_derived(self, stage: int) -> Derived:
        """What ``stage`` derives from the books, kept where a variant still to come has other policies."""
        derived = self._derived.get(stage)
        if derived is None:
            derived = Derived()
            if self._sharing:
                self._derived[stage] = derived
        return derived

    def _earlier(self) -> Earlier | None:
        """The latest scoring of these books, to take again its cards whose inputs are unchanged."""
        return next((a.scored for outcome in reversed(self._outcomes) for _, a in reversed(outcome.assessments)), None)

    def _seen(self, policy: PolicyBase, earlier: tuple[int, ...]) -> tuple[int, ...]:
        """Of the ``earlier`` judgements, those whose verdicts ``policy`` reads (``reads_verdicts_of``)."""
        rules = policy.reads_verdicts_of
        if rules is None:
            return earlier
        return tuple(number for number in earlier if not rules.isdisjoint(self._judged[number].rules))

    def _same(self, policy: PolicyBase) -> PolicyBase:
        """``policy``, or an equal one judged before in other circumstances: a policy keeps no state, and
        its verdicts then hold the very values (rule, citation, sanctions) the earlier one's do, told
        alike by identity when two reports are compared."""
        return next((judged.policy for judged in self._judged if judged.policy == policy), policy)

    def _number(
        self, policy: PolicyBase, context: Context, consulted: tuple[PolicyBase, ...], seen: tuple[int, ...],
    ) -> int | None:
        """The number of the judgement of ``policy`` in these circumstances, if it was judged before."""
        for number, judged in enumerate(self._judged):
            if (judged.seen == seen and judged.as_of == context.as_of
                    and judged.include_compliance == context.include_compliance and judged.policy == policy
                    and judged.consulted == consulted and judged.calendar == context.calendar):
                return number
        return None


class _Judged:
    """One policy's verdicts and the circumstances it found them in: the earlier judgements whose verdicts it read.

    Of its context it keeps what decides its verdicts, not the context itself: that
    holds its stage's derived indexes (:class:`~bianmin_rules.core.policy.Derived`),
    which are freed with the stage. ``rules`` are the rules of its verdicts.
    """

    __slots__ = ("_under", "as_of", "calendar", "consulted", "include_compliance", "policy", "rules", "seen",
                 "variant")

    def __init__(self, policy: PolicyBase, context: Context, seen: tuple[int, ...], verdicts: list[Verdict]) -> None:
        self.policy = policy
        self.seen = seen
        self.rules = frozenset(verdict.rule for verdict in verdicts)
        self.variant = context.variant
        self.as_of = context.as_of
        self.calendar = context.calendar
        self.include_compliance = context.include_compliance
        self.consulted = context.policies
        self._under = {context.variant: verdicts}

    def under(self, variant: str) -> list[Verdict]:
        """The verdicts under the name of ``variant``."""
        verdicts = self._under.get(variant)
        if verdicts is None:
            verdicts = self._under[variant] = restated(self._under[self.variant], self.variant, variant)
        return verdicts


class _Outcome(NamedTuple):
    """The verdicts of one lineage of judgements in report order, their totals, and the scorecards made of them."""

    lineage: tuple[int, ...]
    variant: str
    verdicts: list[Verdict]
    totals: tuple[SubjectTotal, ...]
    assessments: list[tuple[tuple[ScorecardTable, ...], Assessment]]


def restated(verdicts: list[Verdict], variant: str, under: str) -> list[Verdict]:
    """``verdicts`` of ``variant`` under the name ``under`` (the same list when the names agree)."""
    if under == variant:
        return verdicts
    return [verdict.restated(variant=under) for verdict in verdicts]



def timed_report(variant: Variant, timeline: Timeline, books: Books, context: Context,
                 judging: Judging | None = None) -> Report:
    """The report of a variant that changes over time (:attr:`Variant.timeline`): each matter under the rules
    in force on its start day, each scorecard period under the tables in force at its start."""
    as_of = context.as_of
    found = apply_courses(timeline, variant.families, books, context, judging)
    verdicts = sorted(found, key=lambda v: v.sort_key)
    told = judging.progress if judging else no_progress
    told("scoring", 0, 1)
    assessment = assess_in_time(
        timeline.tables, verdicts, roster=books.roster, as_of=as_of, assessor_scores=books[ASSESSOR_SCORES],
        ordered=True,
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
        note_messages=(*placeholder_hours(variant, verdicts), *variant.families.notes(books)),
        scorecards=assessment.cards,
        standings=assessment.standings,
    )


def entries(variant: Variant) -> tuple[object, ...]:
    """The policy entries of a variant: its policies, or the courses of a variant that changes over time."""
    return variant.policies if variant.timeline is None else variant.timeline.courses


def apply_courses(
    timeline: Timeline, families: Families, books: Books, context: Context, judging: Judging | None = None,
) -> list[Verdict]:
    """The policies of a variant that changes over time, each matter judged by the rules in force on its start day.

    Stage by stage as :func:`apply_policies`: each plain policy of a course is run over
    the books with the policies of its version, and keeps the verdicts on the matters
    that start in its span (:meth:`~bianmin_rules.core.family.Families.start_day`), each
    marked with the day its parameters took effect. A matter that starts on a day before
    the first value of one of its policy's dated values is an error
    (:class:`~bianmin_rules.core.errors.NoValueInForceError`).
    """
    verdicts: list[Verdict] = []
    for stage in sorted({type(course.policy).stage for course in timeline.courses}):
        earlier, derived = tuple(verdicts), Derived()
        for course in timeline.courses:
            if type(course.policy).stage != stage:
                continue
            unvalued: list[tuple[Span, Unvalued]] = []  # the spans before the first value, checked by the first policy
            for span, policy in course.spans:
                if isinstance(policy, Unvalued):
                    unvalued.append((span, policy))
                    continue
                if policy is None:
                    continue
                version = timeline.on(span.since) if span.since is not None else timeline.versions[0]
                consulted = tuple(p for p in version.variant.policies if getattr(p, "kind", None) in policy.consults)
                staged = replace(context, verdicts=earlier, derived=derived, policies=consulted,
                                 include_compliance=context.include_compliance or bool(unvalued))
                found = policy.evaluate(books, staged)
                if span.since is None and span.until is None:
                    verdicts.extend(found)
                    continue
                for verdict in found:
                    day = families.start_day(verdict, books)
                    missing = unvalued_on(unvalued, day)
                    if missing is not None:
                        raise NoValueInForceError(
                            rule=policy.rule, key=f"policies[{course.index}].{missing.key}", matter=matter(verdict),
                            day=day, first=missing.first,
                        )
                    if span.holds(day) and (context.include_compliance or verdict.kind is not VerdictKind.COMPLIANCE):
                        verdicts.append(verdict if span.since is None else
                                        verdict.model_copy(update={"version": span.since}))
                unvalued = []
            if judging is not None:
                judging.policy_done()
    return verdicts


def matter(verdict: Verdict) -> str:
    """The matter a verdict judges, in a few words: its case, inquiry or complaint, else its subject."""
    return next((f"{name} {value!r}" for name in ("case", "inquiry", "complaint")
                 if (value := getattr(verdict, name)) is not None), str(verdict.subject))


def placeholder_hours(variant: Variant, verdicts: Iterable[Verdict]) -> Iterable[Message]:
    """A note when office hours the variant's text does not state decide verdicts of the report (CAL-2).

    Lateness, absence, time off post and days of leave, and the points and money they
    cost, are then counted against the library's placeholder sessions, not the centre's:
    the report says so when it holds a verdict under a rule the variant judges against
    office hours.
    """
    if variant.office_hours is not None:
        return
    policies = [p for version in variant.versions for p in version.variant.policies]  # of every day, not the last
    rules = {policy.rule for policy in policies if policy.reads_office_hours}
    if any(verdict.rule in rules for verdict in verdicts):
        sessions = Joined(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in DEFAULT_OFFICE_HOURS.sessions)
        yield say("办公时间：原文未规定作息时间，本报告的迟到、早退、旷工、离岗、空岗和请假天数及其扣分、扣款，"
                  "均按本库的占位时间（{sessions}）计算，并非该单位的作息时间；请在变体文件的 [office_hours] 中写明"
                  "（CAL-2）。", sessions=sessions)
