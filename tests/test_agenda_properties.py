"""One truth with evaluate: the agenda lists the very matters the verdicts judge, with the same due days.

Over every built-in variant (perturbed) and the library's logs with every timed matter
(``event_logs(timed=True)``: suspensions, extensions, joint opinions, follow-ups, complaints
explained and escalated, leave, monthly reports):

1. a matter listed as due on day d, with no further events, is no violation as of d, and is
   one, late by one working day, as of the next working day;
2. every violation of a deadline as of D was on the agenda on every earlier day it was open;
3. a matter closed on time never appears on the agenda after its closing.

A matter is known by its rule, the subject it charges, and its case, inquiry or complaint
(a register's or a leave's matter, which has none, by the day its clock starts).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import (
    Agenda,
    AgendaItem,
    Event,
    PolicyBase,
    Report,
    Variant,
    Verdict,
    VerdictKind,
    WorkCalendar,
    agenda,
    evaluate,
)
from bianmin_rules.authoring.testing import event_logs, official_dates, variants
from bianmin_rules.core.deadlines import days_late

CALENDAR = WorkCalendar.china(allow_provisional=True)
"""Days after the last official year are counted provisionally: a due day in late December has a next working day."""

FIRST_DAY, LAST_DAY = date(2026, 1, 5), date(2026, 12, 28)
DAYS = official_dates(FIRST_DAY, LAST_DAY)

Key = tuple[object, ...]


def key(rule: str, subject: object, case: str | None, inquiry: str | None, complaint: str | None, start: date) -> Key:
    """What a matter is known by: its rule and subject, and its case, inquiry or complaint, else its clock's start."""
    return (rule, subject, case, inquiry, complaint, None if case or inquiry or complaint else start)


def item_key(item: AgendaItem) -> Key:
    return key(item.rule, item.subject, item.case, item.inquiry, item.complaint, item.start)


def verdict_key(verdict: Verdict) -> Key:
    assert verdict.deadline is not None
    return key(verdict.rule, verdict.subject, verdict.case, verdict.inquiry, verdict.complaint, verdict.deadline.start)


def timed_rules(variant: Variant) -> frozenset[str]:
    """The rules of the policies that time matters (that state them: ``PolicyBase.matters``)."""
    return frozenset(p.rule for p in variant.policies if type(p).matters is not PolicyBase.matters)


def judges_lateness(verdict: Verdict, rules: frozenset[str]) -> bool:
    """A violation of a deadline rule: late, dated the day the matter was done, or still open.

    Verdicts that show a trace for what it says of another act are left out: a receipt notice
    promising too late a date (dated the notice), an extension's defects or an overdue case not
    explained under TL-5 (a rule judged with TL-2's matter, whose own verdict is TL-2's).
    """
    return (verdict.rule in rules and verdict.kind is VerdictKind.VIOLATION and verdict.deadline is not None
            and verdict.deadline.days_late > 0 and verdict.actual in (None, verdict.on))


class Timeline:
    """One log under one variant, evaluated and put on the agenda day by day (each day once)."""

    def __init__(self, variant: Variant, log: list[Event]) -> None:
        self.variant, self.log = variant, log
        self.evaluated = cache(self._evaluate)
        self.listed = cache(self._listed)

    def _evaluate(self, day: date, until: date, compliance: bool = False) -> Report:
        """The report as of ``day`` on the events up to ``until``."""
        kept = [event for event in self.log if event.at.date() <= until]
        return evaluate(self.variant, kept, as_of=day, calendar=CALENDAR, include_compliance=compliance)

    def _listed(self, day: date) -> Agenda:
        return agenda(self.variant, self.log, as_of=day, within="all", calendar=CALENDAR)

    def keys(self, day: date) -> set[Key]:
        return {item_key(item) for item in self.listed(day).items}


@st.composite
def timelines(draw: st.DrawFn, names: tuple[str, ...] | None = None) -> tuple[Timeline, date]:
    """A variant, a log, and a day: mostly a few days after a matter began, when it falls due."""
    variant: Variant = draw(variants(names))
    log: list[Event] = draw(event_logs(case_types=tuple(variant.case_types), timed=True))
    day = draw(DAYS)
    beginnings = [event for event in log if event.type in BEGINNINGS]
    if beginnings and draw(st.integers(0, 3)):
        day = min(draw(st.sampled_from(beginnings)).at.date() + timedelta(days=draw(st.integers(0, 6))), LAST_DAY)
    return Timeline(variant, log), max(day, FIRST_DAY)


BEGINNINGS = frozenset({
    "case_received", "materials_completed", "joint_review_forwarded", "case_completed", "inquiry_received",
    "inquiry_referred", "inquiry_followed_up", "complaint_received", "complaint_delay_explained", "leave_requested",
})
"""Events that start a clock."""


@given(timelines())
def test_a_matter_due_on_a_day_is_not_late_that_day_and_late_by_one_working_day_the_next(
    drawn: tuple[Timeline, date],
) -> None:
    """The log as it stands on ``as_of``, nothing after, evaluated on each due day listed and the next working day."""
    timeline, as_of = drawn
    due_days = sorted({item.due for item in timeline.listed(as_of).items if item.due is not None and item.due >= as_of})
    for due in due_days[:6]:
        items = [item for item in timeline.listed(as_of).items if item.due == due]
        following = CALENDAR.add_working_days(due, 1)
        on_due = {verdict_key(v) for v in timeline.evaluated(due, as_of).violations() if v.deadline}
        late: dict[Key, list[Verdict]] = {}
        for verdict in timeline.evaluated(following, as_of).violations():
            if verdict.deadline is not None:
                late.setdefault(verdict_key(verdict), []).append(verdict)
        for item in items:
            assert item_key(item) not in on_due, (item, due)
            found = late.get(item_key(item), [])
            assert any(
                v.due == due and v.days_late == days_late(due, following, v.deadline.late_unit, CALENDAR)
                for v in found if v.deadline is not None
            ), (item, following, found)
            assert CALENDAR.working_days_between(due, following) == 1


@given(timelines())
def test_every_deadline_violation_was_on_the_agenda_every_earlier_day_it_was_open(
    drawn: tuple[Timeline, date],
) -> None:
    """Open on a day: the log of that day already held the matter, not met — evaluated as of ``as_of`` on that
    log alone, it is the same violation, still open.

    (What a later event alone brings under a rule was not open before it: a case rejected after the fact
    under TL-7, a forward to one more window under JA-1, a reporter first seen in a late report under REG-2.)
    """
    timeline, as_of = drawn
    rules = timed_rules(timeline.variant)
    for verdict in timeline.evaluated(as_of, as_of).verdicts:
        trace = verdict.deadline
        if trace is None or not judges_lateness(verdict, rules):
            continue
        ends = min(verdict.actual or as_of, as_of)  # open up to, not including, this day
        for day in sorted(d for d in {trace.start, trace.due, ends - timedelta(days=1)} if trace.start <= d < ends):
            held = {verdict_key(v) for v in timeline.evaluated(as_of, day).verdicts
                    if judges_lateness(v, rules) and v.actual is None}
            if verdict_key(verdict) in held:
                assert verdict_key(verdict) in timeline.keys(day), (verdict, day)


@given(timelines())
def test_a_matter_closed_on_time_never_appears_after_its_closing(
    drawn: tuple[Timeline, date],
) -> None:
    """Every deadline met in time (a compliance verdict as of ``as_of``) is off the agenda from the day it was met."""
    timeline, as_of = drawn
    for verdict in timeline.evaluated(as_of, as_of, True).verdicts:
        trace = verdict.deadline
        if verdict.kind is not VerdictKind.COMPLIANCE or trace is None or verdict.actual is None:
            continue
        closed = verdict.actual
        for day in sorted({closed, min(closed + timedelta(days=1), as_of), as_of}):
            listed = [item for item in timeline.listed(day).items
                      if item_key(item) == verdict_key(verdict) and item.start_rule == trace.start_rule]
            assert listed == [], (verdict, day)


@given(timelines(("county-centre",)))
def test_every_early_warning_is_on_the_agenda_of_the_day(drawn: tuple[Timeline, date]) -> None:
    """TL-10: what county-centre warns of on a day is on that day's agenda, whose horizon is its warning
    threshold — on the day drawn, and on the working day before each due day then ahead."""
    timeline, as_of = drawn
    ahead = sorted({item.due for item in timeline.listed(as_of).items if item.due is not None and item.due > as_of})
    for day in sorted({as_of, *(min(CALENDAR.add_working_days(due, -1), LAST_DAY) for due in ahead[:3])}):
        listed = {(item.case, item.due) for item in agenda(
            timeline.variant, timeline.log, as_of=day, calendar=CALENDAR).items}
        for warning in timeline.evaluated(day, day).verdicts:
            if warning.rule == "TL-10":
                assert (warning.case, warning.due) in listed, warning


@given(timelines())
def test_every_open_matter_found_late_is_one_a_policy_states(drawn: tuple[Timeline, date]) -> None:
    """Anything a policy gives a due day is on the agenda: a violation of a matter still open, late against
    its due day, judges a deadline that a policy stating its matters judges too (TL-5's overdue case not
    explained is TL-2's matter), so the agenda of an earlier day listed it."""
    timeline, as_of = drawn
    rules = timed_rules(timeline.variant)
    violations = timeline.evaluated(as_of, as_of).violations()
    stated = {(v.case, v.inquiry, v.complaint, v.due) for v in violations if v.rule in rules}
    for verdict in violations:
        if verdict.deadline is not None and verdict.actual is None and verdict.deadline.days_late > 0:
            assert verdict.rule in rules or (verdict.case, verdict.inquiry, verdict.complaint, verdict.due) in stated, (
                verdict)
