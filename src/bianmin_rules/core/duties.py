"""What the conduct policies share: judging one duty against its deadline.

A *duty* is something that must be done by a due date — answer a complaint, record a
phone inquiry, follow up a referral, hand in a monthly report. :func:`judge_duty`
compares the day it was done (or the day of evaluation, while it is not done) with the
due date and returns a :class:`Duty` a verdict can be built from. A missed duty is
attributed to the day after its due date, the first day it was late, so that the
verdict's day does not move with the day of evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bianmin_rules.core.deadlines import DeadlineTrace, LimitUnit, TimeLimit, days_late, late_words
from bianmin_rules.core.policy import Context
from bianmin_rules.core.verdicts import VerdictKind
from bianmin_rules.core.words import Message, say


@dataclass(frozen=True, slots=True)
class Duty:
    """A duty judged against its due date."""

    due: date
    done: date | None
    late: int
    """Days after ``due`` (in ``unit``) that it was done, or that it is still open as of the evaluation."""
    unit: LimitUnit

    @property
    def kind(self) -> VerdictKind:
        """A violation when late, else compliance."""
        return VerdictKind.VIOLATION if self.late else VerdictKind.COMPLIANCE

    @property
    def on(self) -> date:
        """The day the verdict is attributed to: the day it was done, or the first day it was late."""
        return self.done if self.done is not None else self.due + timedelta(days=1)

    def outcome(self, act: Message, as_of: date) -> Message:
        """The result in words: ``于2026-03-05{act}，逾期2个工作日`` or ``截至2026-03-31仍未{act}``.

        ``act`` is what was to be done, as a verb (``say("答复")``).
        """
        if self.done is None:
            return say("截至{as_of}仍未{act}，已逾期{late}", as_of=as_of, act=act,
                       late=late_words(self.late, self.unit))
        if self.late:
            return say("于{done}{act}，逾期{late}", done=self.done, act=act, late=late_words(self.late, self.unit))
        return say("于{done}{act}，未超时限", done=self.done, act=act)

    def trace(self, limit: TimeLimit, start: date, start_rule: str | Message) -> DeadlineTrace:
        """The deadline trace a reader can check by hand."""
        return DeadlineTrace(
            limit=limit, start=start, start_rule=start_rule, due=self.due, actual=self.done,
            days_late=self.late, late_unit=self.unit,
        )

    def fields(self, limit: TimeLimit, start: date, start_rule: str | Message) -> dict[str, Any]:
        """The verdict fields of a judged deadline: ``due``, ``actual`` and the ``deadline`` trace."""
        return {"due": self.due, "actual": self.done, "deadline": self.trace(limit, start, start_rule)}


def duty_done(context: Context, *, due: date, done: date, unit: LimitUnit = LimitUnit.WORKING_DAYS) -> Duty:
    """A duty done on ``done``, judged against ``due`` whether it was late or not."""
    return Duty(due=due, done=done, late=days_late(due, done, unit, context.calendar), unit=unit)


def judge_duty(
    context: Context, *, due: date, done: date | None, unit: LimitUnit = LimitUnit.WORKING_DAYS,
) -> Duty | None:
    """The duty as it stands on ``context.as_of``; None while it is open and not yet due.

    A duty due on the day of evaluation is not yet late (docs/design.md). Returns a duty
    done in time only when compliance verdicts are wanted, and None otherwise.
    """
    judged = done if done is not None else context.as_of
    if done is None and judged <= due:
        return None
    late = days_late(due, judged, unit, context.calendar)
    if late == 0 and (done is None or not context.include_compliance):
        return None  # still open but not a whole day late in `unit` (e.g. over a weekend), or in time
    return Duty(due=due, done=done, late=late, unit=unit)

