"""Matters: what a deadline rule times, stated once for its verdicts and for the agenda.

A *matter* is one thing a rule gives a due day: a case's promised limit, a one-time
notice owed, a complaint's answer, a month's report. A deadline policy states each
matter it times in one place (:meth:`~bianmin_rules.core.policy.PolicyBase.matters`):
the :class:`~bianmin_rules.core.deadlines.Clock` that counts its due day (start,
suspensions, extensions), the day it was done if it was, what is owed and who answers
for it. The policy's verdicts judge those matters; the agenda
(:func:`bianmin_rules.core.agenda.agenda`) lists those still open. Both read one clock,
so that a matter the agenda shows due on a day is judged late, and by how much, exactly
as the verdicts judge it.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, NamedTuple, TypeVar

from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.deadlines import Clock, LimitUnit, lateness
from bianmin_rules.core.verdicts import Subject
from bianmin_rules.core.words import Message

AboutT = TypeVar("AboutT")


class Matter(NamedTuple, Generic[AboutT]):
    """One thing a deadline rule times: what is owed, by whom, on which clock, and when it was done.

    ``about`` is what the rule's own judgement reads besides (the case file, the inquiry's
    chain, the complaint); the agenda does not read it. A named tuple: a large log has
    hundreds of thousands of matters.
    """

    about: AboutT
    clock: Clock
    """The limit, from which day, around which suspensions and extensions."""
    done: date | None
    """The day the matter was done (the act that meets the limit); None while it is open."""
    duty: str | Message
    """What is owed, in the words of the rule (e.g. 承诺件应在承诺时限内办结)."""
    action: str | Message
    """The act that meets the limit, in words (办结, 答复, 一次性告知 …)."""
    subject: Subject
    """Who the rule charges when the matter is late."""
    window: str | None = None
    """The window that bears the matter, where known."""
    staff: str | None = None
    """The staff member who bears the matter, where known."""
    case: str | None = None
    inquiry: str | None = None
    complaint: str | None = None
    evidence: tuple[str, ...] = ()
    """The events the matter rests on: what started the clock, what moved it, what met it."""
    late_unit: LimitUnit = LimitUnit.WORKING_DAYS
    """The unit days late are counted in (TL-9)."""
    first_day_late: bool = False
    """Is any day after the due day at least a day late (the case rules)? See :func:`.lateness`."""

    def due(self, calendar: WorkCalendar) -> date | None:
        """The last day in time, after suspensions and extensions; None while a suspension holds the clock."""
        return self.clock.due(calendar)

    def late(self, due: date, on: date, calendar: WorkCalendar) -> int:
        """How late the matter is on ``on`` against ``due``, in :attr:`late_unit`, as its rule counts (0: in time)."""
        return lateness(due, on, self.late_unit, calendar, first_day_late=self.first_day_late)
