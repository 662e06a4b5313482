"""The agenda: every open matter the variant's rules time, with its due day and who bears it.

What a window's staff and the centre's supervisor ask each morning (004 二: "对每天各部门
窗口的办理事项、办结时限、收费标准、责任人等，进行动态管理，掌握各审批事项的办结情况"):
what is open, when is each due, and who answers for it. :func:`agenda` reads a log as
:func:`~bianmin_rules.core.engine.evaluate` reads it and asks every policy for the matters
it times that are still open (:meth:`~bianmin_rules.core.policy.PolicyBase.open_matters`),
the very matters its verdicts judge: a matter listed as due on a day is not late on that
day and is late, as the verdicts count it, on the next working day.

Pure like :func:`~bianmin_rules.core.engine.evaluate`: no I/O, no clock; ``as_of`` is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from itertools import groupby
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.books import collector_paused
from bianmin_rules.core.bounds import LIMIT_DAYS
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.deadlines import (
    WARNING_DAYS,
    DeadlineTrace,
    LimitUnit,
    TimeLimit,
    adjustment_words,
    amount_words,
    late_words,
    started_words,
)
from bianmin_rules.core.engine import Judging, Progress, check_arguments, collect, no_progress
from bianmin_rules.core.errors import EvaluationError, wrong_type
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.results import Result
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Citation, RuleId, Subject, SubjectKind
from bianmin_rules.core.words import Message, Text, as_message, joined, say, zh

ALL = "all"
"""``within=ALL``: every open matter, however far off its due day."""


class Horizon(StrEnum):
    """Where an agenda's horizon (``within``) comes from."""

    GIVEN = "given"
    """The caller's ``within``."""
    WARNING = "warning"
    """The variant's early-warning threshold (TL-10); the largest, where several rules warn."""
    DEFAULT = "default"
    """The variant warns under no rule (no TL-10): the library's TL-10 default, two working days."""
    ALL = "all"
    """No horizon: every open matter."""


class AgendaItem(Result):
    """One open matter: what is owed, by whom, by which day, under which rule and article.

    ``days_left`` counts the working days after ``as_of`` up to the due day (0: due on
    ``as_of``); when the matter is late it is minus the days late, as the rule counts them
    in ``late_unit`` (the verdict of the next evaluation says the same). A matter whose
    clock a suspension holds (TL-8) has no due day yet: ``held_since`` says since when.
    ``adjusted`` says, in words, how suspensions and extensions (TL-5) moved the due day.

    Its words are data, as a verdict's are: :attr:`message` is the sentence with the facts
    it tells, written when read — :attr:`explanation` in Chinese, the views in the reader's
    language. In JSON it is the Chinese ``explanation``.
    """

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    rule: RuleId
    source: Citation
    subject: Subject = Field(description="Who the rule charges when the matter is late.")
    window: str | None = Field(description="The window that bears the matter, where known.")
    staff: str | None = Field(description="The staff member who bears the matter, where known.")
    case: str | None = None
    inquiry: str | None = None
    complaint: str | None = None
    duty: Text = Field(description="What is owed, in the words of the rule.")
    action: Text = Field(description="The act that meets the limit, in words.")
    limit: TimeLimit
    start: date = Field(description="The day the clock started.")
    start_rule: Text = Field(description="What started the clock, in words.")
    due: date | None = Field(description="The last day in time; None while a suspension holds the clock.")
    days_left: int | None = Field(
        description="Working days after as_of to the due day; minus the days late once late; None while held."
    )
    overdue: bool = Field(description="Late as of as_of, as the rule counts lateness.")
    late_unit: LimitUnit = Field(description="The unit the rule counts days late in.")
    held_since: date | None = Field(default=None, description="While a suspension holds the clock: since when.")
    adjusted: Text | None = Field(
        default=None, description="How suspensions (TL-8) and extensions (TL-5) moved the due day, in words.",
    )
    deadline: DeadlineTrace | None = Field(
        default=None, description="The trace a verdict on the matter would carry as of as_of (none while held).",
    )
    evidence: tuple[str, ...] = Field(default=(), description="Ids of the events the matter rests on.")
    message: Text = Field(alias="explanation", description="The matter, its count and its status (in JSON: Chinese).")
    provisional: bool = Field(default=False, description="Rests on a year without an official calendar (CAL-3).")

    @property
    def explanation(self) -> str:
        """The matter and its count in Chinese (:attr:`message` written out)."""
        return str(self.message)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """By window and staff member (unnamed last), then late and due first, held matters last, then rule."""
        return (
            self.window is None, self.window or "", self.staff is None, self.staff or "", self.due is None,
            self.due or date.max, self.rule, self.case or "", self.inquiry or "", self.complaint or "",
            self.subject.kind, self.subject.id, self.start,
        )


class Tally(NamedTuple):
    """Open matters by how soon they fall due."""

    overdue: int
    """Late as of the day."""
    due_today: int
    """Due on the day itself (or past a due day that was a closed day, not yet late)."""
    due_soon: int
    """Due later, within the horizon."""
    held: int
    """Held by a suspension: no due day yet."""

    @classmethod
    def of(cls, items: Iterable[AgendaItem], as_of: date) -> Tally:
        """The tally of ``items`` as of ``as_of``."""
        counts = [0, 0, 0, 0]
        for item in items:
            due = item.due
            counts[3 if due is None else 0 if item.overdue else 1 if due <= as_of else 2] += 1
        return cls(*counts)

    @property
    def total(self) -> int:
        """Every matter counted."""
        return sum(self)


class Agenda(BaseModel):
    """The open matters of one log under one variant as of one day, due within the horizon."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    variant: str = Field(description="The variant's name.")
    as_of: date = Field(description="The day of the agenda: the matters open on it.")
    within: int | None = Field(description="The horizon in working days after as_of; None: every open matter.")
    horizon: Horizon = Field(description="Where the horizon comes from.")
    window: str | None = Field(default=None, description="Only the matters this window bears, when given.")
    staff: str | None = Field(default=None, description="Only the matters this staff member bears, when given.")
    provisional: bool = Field(description="Some day lies in a year without an official calendar (CAL-3).")
    events_read: int = Field(ge=0, description="Events dated on or before as_of, read.")
    events_after_as_of: int = Field(ge=0, description="Events dated after as_of, left out.")
    items: tuple[AgendaItem, ...] = Field(
        description="Overdue, due within the horizon, or held: by window and staff member, then by due day.",
    )
    later: int = Field(ge=0, description="Open matters due after the horizon, left out.")
    notes: tuple[Text, ...] = Field(default=(), description="What the rules could not time.")

    def tally(self) -> Tally:
        """How many of the listed matters are late, due today, due later within the horizon, and held."""
        return Tally.of(self.items, self.as_of)

    def groups(self) -> Iterator[tuple[tuple[str | None, str | None], tuple[AgendaItem, ...]]]:
        """The items by window and staff member, in agenda order."""
        for key, items in groupby(self.items, key=lambda item: (item.window, item.staff)):
            yield key, tuple(items)

    def overdue(self) -> tuple[AgendaItem, ...]:
        """The matters already late."""
        return tuple(item for item in self.items if item.overdue)

    def held(self) -> tuple[AgendaItem, ...]:
        """The matters whose clock a suspension holds."""
        return tuple(item for item in self.items if item.due is None)


def agenda(
    variant: Variant, events: Iterable[EventBase], *, as_of: date, within: int | Literal["all"] | None = None,
    window: str | None = None, staff: str | None = None, calendar: WorkCalendar | None = None,
    progress: Progress | None = None,
) -> Agenda:
    """Every matter ``variant``'s rules time that is open on ``as_of``, due within ``within`` working days.

    The matters are those the policies' verdicts judge (:meth:`PolicyBase.open_matters
    <bianmin_rules.core.policy.PolicyBase.open_matters>`): cases by type and clock, notices
    owed, inquiry follow-ups, complaint answers, registrations, register reports, leave
    approvals. Listed: the matters already late, those due within ``within`` working days
    after ``as_of`` (0: due today), and those a suspension holds; the others are counted
    in :attr:`Agenda.later`. ``within`` defaults to the variant's early-warning threshold
    (TL-10), or to the library's two working days when the variant warns under no rule;
    ``"all"`` lists every open matter. ``window`` and ``staff`` keep the matters that window
    or staff member bears (a staff member's own morning list); naming one no event of the
    log names is an :class:`~bianmin_rules.core.errors.EvaluationError`, as an empty list
    would pass for a clear one.

    Pure like :func:`~bianmin_rules.core.engine.evaluate`, and raises what it raises on bad
    input and the :class:`TypeError` it raises on a wrong call; a ``within`` below 0 or beyond
    a year's working days (366) is an :class:`~bianmin_rules.core.errors.EvaluationError`.
    ``progress`` is told of the ``reading`` and ``judging`` stages as ``evaluate`` tells them.
    """
    check_arguments((variant,), events, as_of, calendar)
    days, horizon = horizon_of(variant, within)
    told = progress or no_progress
    work_calendar = variant.calendar(calendar)
    work_calendar.is_working_day(as_of)  # fails early on a provisional or uncovered as_of
    context = Context(
        variant=variant.name, calendar=work_calendar.allowing_provisional(), as_of=as_of, policies=variant.policies,
    )
    with collector_paused():
        told("reading", 0, 0)
        books = collect(events, as_of=as_of, case_types=variant.case_types, families=variant.families)
        judging = Judging(told, len(variant.policies))
        items: list[AgendaItem] = []
        later = 0
        check_named(books.roster, window=window, staff=staff)
        for policy in variant.policies:
            for matter in policy.open_matters(books, context):
                if (window is not None and matter.window != window) or (staff is not None and matter.staff != staff):
                    continue
                item = agenda_item(policy, matter, context, days)
                if item is None:
                    later += 1
                else:
                    items.append(item)
            judging.policy_done()
        notes = tuple(variant.families.notes(books))
        read, after = books.events_read, books.events_after_as_of
        del books  # freed while the collector is paused, as evaluate does
        items.sort(key=lambda item: item.sort_key)  # still paused: resumed, the collector would scan the caller's log
        return Agenda(
            variant=variant.name, as_of=as_of, within=days, horizon=horizon, window=window, staff=staff,
            provisional=context.calendar.is_provisional(as_of) or any(item.provisional for item in items),
            events_read=read, events_after_as_of=after, items=tuple(items), later=later, notes=notes,
        )


def check_named(roster: Roster, *, window: str | None, staff: str | None) -> None:
    """Raise an :class:`EvaluationError` for a ``window`` or ``staff`` no event of the log names."""
    for kind, name in ((SubjectKind.WINDOW, window), (SubjectKind.STAFF, staff)):
        if name is not None and not any((kind, name) in active for active in roster.active.values()):
            raise EvaluationError(f"no event of the log names {kind.value} {name!r}")


def horizon_of(variant: Variant, within: int | Literal["all"] | None) -> tuple[int | None, Horizon]:
    """The horizon in working days (None: every matter) and where it comes from."""
    if within == ALL:
        return None, Horizon.ALL
    if within is None:
        warned = [days for days in (policy.warns_within for policy in variant.policies) if days is not None]
        return (max(warned), Horizon.WARNING) if warned else (WARNING_DAYS, Horizon.DEFAULT)
    if not isinstance(within, int) or isinstance(within, bool):
        raise wrong_type("within", "a number of working days (int), 'all' or None", within)
    if not 0 <= within <= LIMIT_DAYS:
        raise EvaluationError(f"agenda: within must be from 0 to {LIMIT_DAYS} working days, or 'all', not {within}")
    return within, Horizon.GIVEN


def agenda_item(policy: PolicyBase, matter: Matter[Any], context: Context, within: int | None) -> AgendaItem | None:
    """``matter`` as an item of the agenda as of ``context.as_of``; None when it is due after the horizon."""
    clock, calendar, as_of = matter.clock, context.calendar, context.as_of
    due = clock.due(calendar)
    ahead = calendar.working_days_between(as_of, due) if due is not None and due > as_of else 0
    if within is not None and ahead > within:
        return None
    schedule = clock.settle(calendar)
    adjusted = adjustment_words(schedule, clock.limit, clock.statutory)
    count = [started_words(clock.limit, clock.start, clock.start_rule), *adjusted]
    action = as_message(matter.action)
    late = 0
    trace = held_since = None
    status: Message
    if due is None:
        held_since = max(pause.suspended for pause in schedule.suspensions if pause.resumed is None)
        status = say("{held_since}起中止，时限停止计算", held_since=held_since)
    else:
        late = matter.late(due, as_of, calendar)
        trace = clock.trace(schedule, actual=None, days_late=late, late_unit=matter.late_unit)
        count.append(say("届满日为{due}", due=due) if adjusted else clock.limit.due_words(clock.start, due, calendar))
        if late:
            status = say("截至{on}尚未{action}，已逾期{late}", on=as_of, action=action,
                         late=late_words(late, matter.late_unit))
        elif ahead:
            status = say("截至{on}尚未{action}，距届满还有{left}", on=as_of, action=action,
                         left=amount_words(ahead, LimitUnit.WORKING_DAYS))
        elif due == as_of:
            status = say("截至{on}尚未{action}，今日届满", on=as_of, action=action)
        else:
            status = say("截至{on}尚未{action}，届满日已过，下一个工作日起计为逾期", on=as_of, action=action)
    return AgendaItem(
        rule=policy.rule, source=policy.source, subject=matter.subject, window=matter.window, staff=matter.staff,
        case=matter.case, inquiry=matter.inquiry, complaint=matter.complaint, duty=matter.duty,
        action=action, limit=clock.limit, start=clock.start, start_rule=clock.start_rule, due=due,
        days_left=None if due is None else (-late if late else ahead), overdue=late > 0, late_unit=matter.late_unit,
        held_since=held_since, adjusted=joined(adjusted, zh("，")) if adjusted else None, deadline=trace,
        evidence=matter.evidence,
        message=say("{duty}。{count}；{outcome}。", duty=as_message(matter.duty), count=joined(count, zh("，")),
                    outcome=status),
        provisional=calendar.is_provisional(as_of) or (due is not None and calendar.is_provisional(due)),
    )
