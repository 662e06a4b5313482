"""Leave (请销假): LV-1 approval authority by duration, LV-2 unapproved leave, LV-3 retroactive leave.

An approval table maps durations to the chain of roles that must approve. Each band
states its bounds in the words of its text — ``up_to`` for "以内"/"含", ``over`` for
"超过", ``at_least`` and ``under`` for the other two readings — so that a variant makes
its reading of "以上" explicit. The gaps and overlaps of a table are reported, never
guessed: :func:`table_gaps` and :func:`table_overlaps` give them to lint, and
:class:`LeaveApproval` warns about a leave whose duration falls into one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Days
from bianmin_rules.core.deadlines import SAME_DAY, Clock, LimitUnit
from bianmin_rules.core.duties import duty_done, judge_matter
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import ZERO, Verdict, VerdictKind
from bianmin_rules.core.words import Message, as_message, joined, say, zh
from bianmin_rules.families.attendance.events import LeaveType
from bianmin_rules.families.attendance.ledger import ATTENDANCE, Leave
from bianmin_rules.families.attendance.policies import staff_subject
from bianmin_rules.families.attendance.presence import LeaveProcedure, days_label, leave_days


@dataclass(frozen=True, slots=True)
class Span:
    """A range of durations in days: a lower bound (at least 0) and an upper bound (None: no end)."""

    low: Decimal
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool

    def __contains__(self, days: object) -> bool:
        if not isinstance(days, Decimal):
            return False
        above = days >= self.low if self.low_inclusive else days > self.low
        below = self.high is None or (days <= self.high if self.high_inclusive else days < self.high)
        return above and below

    @property
    def label(self) -> str:
        """The range in Chinese: ``超过2天``, ``超过0.5天、不满1天``, ``恰为3天``."""
        return str(self.words)

    @property
    def words(self) -> Message:
        """The range in words for people (:attr:`label`)."""
        if self.high == self.low:
            return say("恰为{days}天", days=days_label(self.low))
        parts = []
        if self.low or self.low_inclusive:
            low = days_label(self.low)
            parts.append(say("不少于{days}天", days=low) if self.low_inclusive else say("超过{days}天", days=low))
        if self.high is not None:
            high = days_label(self.high)
            parts.append(say("至多{days}天", days=high) if self.high_inclusive else say("不满{days}天", days=high))
        return as_message(joined(parts)) if parts else say("任何天数")


class ApprovalBand(BaseModel):
    """One row of an approval table: a range of durations and the roles that must approve, in order.

    The range is ``over`` (exclusive) or ``at_least`` (inclusive) to ``up_to``
    (inclusive) or ``under`` (exclusive); a missing bound is open (from 0, to no end).
    ``approvers`` lists the chain: reviewers first, the role that grants the leave last.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    over: Days | None = Field(default=None, ge=0, description="Durations above this (超过).")
    at_least: Days | None = Field(default=None, ge=0, description="Durations from this on (不少于).")
    up_to: Days | None = Field(default=None, gt=0, description="Durations up to this, included (以内, 含).")
    under: Days | None = Field(default=None, gt=0, description="Durations below this (不满).")
    approvers: tuple[str, ...] = Field(min_length=1, description="The roles that approve, in order.")

    @model_validator(mode="after")
    def _bounds(self) -> ApprovalBand:
        if self.over is not None and self.at_least is not None:
            raise ValueError("state one lower bound: over or at_least")
        if self.up_to is not None and self.under is not None:
            raise ValueError("state one upper bound: up_to or under")
        span = self.span
        if span.high is not None and (span.high < span.low or (span.high == span.low and not (
                span.low_inclusive and span.high_inclusive))):
            raise ValueError(f"the band is empty: {span.low} to {span.high}")
        return self

    @property
    def span(self) -> Span:
        """The durations the band covers."""
        low = self.at_least if self.at_least is not None else (self.over or ZERO)
        high = self.up_to if self.up_to is not None else self.under
        return Span(low, self.at_least is not None, high, self.up_to is not None)


Bound = tuple[Decimal, bool]
"""A point on the duration axis and whether the point itself is included."""


def table_gaps(table: Sequence[ApprovalBand]) -> list[Span]:
    """The durations above 0 that no band of ``table`` covers, in order (LV-1, for lint too)."""
    gaps: list[Span] = []
    reached: Bound | None = (ZERO, True)  # durations up to and including 0 need no band
    for span in sorted((b.span for b in table), key=lambda s: (s.low, not s.low_inclusive)):
        if reached is None:
            break
        value, included = reached
        if span.low > value or (span.low == value and not included and not span.low_inclusive):
            gaps.append(Span(value, not included, span.low, not span.low_inclusive))
        reached = further(reached, span)
    if reached is not None:
        gaps.append(Span(reached[0], not reached[1], None, False))
    return gaps


def further(reached: Bound, span: Span) -> Bound | None:
    """How far the covered durations reach once ``span`` is added (None: without end)."""
    if span.high is None:
        return None
    value, included = reached
    if span.high > value or (span.high == value and span.high_inclusive):
        return span.high, span.high_inclusive or (span.high == value and included)
    return reached


def table_overlaps(table: Sequence[ApprovalBand]) -> list[tuple[int, int]]:
    """The pairs of bands (by index) that both cover some duration."""
    return [(i, j) for (i, a), (j, b) in combinations(enumerate(table), 2) if spans_meet(a.span, b.span)]


def spans_meet(a: Span, b: Span) -> bool:
    """Do two ranges share a duration?"""
    first, second = sorted((a, b), key=lambda s: (s.low, not s.low_inclusive))
    if first.high is None:
        return True
    return second.low < first.high or (second.low == first.high and second.low_inclusive and first.high_inclusive)


def follows_chain(chain: Sequence[str], roles: Sequence[str], ordered: bool) -> bool:
    """Did ``roles`` (the approvals in time order) include every role of ``chain`` (in its order)?"""
    if not ordered:
        return set(chain) <= set(roles)
    remaining = iter(roles)
    return all(role in remaining for role in chain)


class LeaveApproval(PolicyBase):
    """LV-1: leave is approved by the roles its duration requires.

    ``table``: the variant's bands (``town-basic``: up to 3 days 镇长, over 3 days
    党委书记; ``community-hall`` 第二篇: up to 1 day 窗口负责人, over 1 up to 2 days
    窗口负责人 then 分管领导, over 2 days not stated; ``jiangxi-town``: up to half a day
    分管领导, 1 day or more 分管领导 then 主要领导, in between not stated; ``shouzhan-town``:
    分管领导 then 中心主任; ``dahe-town``: 分管领导 then 主要领导). A granted leave
    whose duration falls in a gap of the table, or in two bands when ``on_overlap`` is
    ``report``, gets a warning naming the gap or the bands; an approval chain missing a
    role (or out of order, with ``ordered``) is a violation. ``sick_leave_needs_record``
    (``town-basic``: "因病请假必须凭医院病历卡核实") makes a sick leave without a hospital
    record a violation. A leave not (yet) granted is not judged here: taken without
    approval, it is LV-2's.
    """

    reads_office_hours: ClassVar[bool] = True

    kind: Literal["leave-approval"] = "leave-approval"
    table: tuple[ApprovalBand, ...] = Field(min_length=1, description="Durations and the roles that approve them.")
    on_overlap: Literal["report", "first"] = Field(
        default="report", description="A duration in two bands: warn, or use the first band listed."
    )
    ordered: bool = Field(default=True, description="The approvals must follow the chain's order.")
    sick_leave_needs_record: bool = Field(default=False, description="A sick leave needs a hospital record.")

    def gaps(self) -> list[Span]:
        """The durations the table leaves without an approver."""
        return table_gaps(self.table)

    def overlaps(self) -> list[tuple[int, int]]:
        """The bands of the table that overlap."""
        return table_overlaps(self.table)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict on every granted leave (one still under review is not judged yet)."""
        for file in books[ATTENDANCE].staff.values():
            for leave in file.leaves:
                if leave.granted is not None:
                    yield from self.judge(leave, leave_days(leave, context.calendar), context)
                if self.sick_leave_needs_record and leave.leave_type is LeaveType.SICK and not leave.medical_record:
                    yield self.charge(leave, context, VerdictKind.VIOLATION, say("病假未凭医院病历核实。"))

    def judge(self, leave: Leave, days: Decimal, context: Context) -> Iterator[Verdict]:
        """The verdict on one leave's approval chain."""
        what = say("请假{leave}共{days}天", leave=leave.leave, days=days_label(days))
        bands = [band for band in self.table if days in band.span]
        if not bands:
            gap = next((g for g in self.gaps() if days in g), None)
            if gap is None:
                return  # no office time at all (a leave over a weekend): the table has nothing to approve
            yield self.charge(leave, context, VerdictKind.WARNING, say(
                "{leave}，落在审批权限表未规定的区间（{gap}）：制度未规定由谁审批，不作判断。",
                leave=what, gap=gap.words))
            return
        if len(bands) > 1 and self.on_overlap == "report":
            ranges = joined((say("{range}由{approvers}审批", range=b.span.words, approvers=joined(b.approvers))
                             for b in bands), zh("；"))
            yield self.charge(leave, context, VerdictKind.WARNING, say(
                "{leave}，审批权限表的两档同时适用（{bands}）：制度未定以哪档为准，不作判断。",
                leave=what, bands=ranges))
            return
        chain = bands[0].approvers
        roles = [a.role for a in leave.approvals]
        done = joined(roles)
        if follows_chain(chain, roles, self.ordered):
            if context.include_compliance:
                yield self.charge(leave, context, VerdictKind.COMPLIANCE,
                                  say("{leave}，已由{done}依次审批。", leave=what, done=done))
            return
        yield self.charge(leave, context, VerdictKind.VIOLATION, say(
            "{leave}，应由{chain}审批，实际审批为{done}。", leave=what, chain=" → ".join(chain), done=done))

    def charge(self, leave: Leave, context: Context, kind: VerdictKind, explanation: Message) -> Verdict:
        """A verdict about one leave request."""
        return self.verdict(
            context, subject=staff_subject(leave.staff), kind=kind, on=leave.start.date(),
            explanation=explanation, evidence=leave.evidence, staff=leave.staff, window=leave.window,
        )


class UnapprovedLeave(PolicyBase):
    """LV-2: leave taken without approval is absence (``town-basic`` (一)3; ``town-conduct-100`` 勤 2: −5).

    Approval is owed by the day the leave begins. A violation for every leave that has
    begun before the day of evaluation without an approval that grants it, late by the
    calendar days since it began; an approval granted since cures it. The absence itself
    (its half days and their penalty) is ATT-2's, which excuses nothing with such a leave.
    """

    kind: Literal["unapproved-leave"] = "unapproved-leave"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per unapproved leave that has begun."""
        for matter in self.matters(books, context):
            if matter.done is not None:
                continue  # granted, if only since it began
            duty = judge_matter(context, matter)
            if duty is None:
                continue
            leave = matter.about
            yield self.verdict(
                context, subject=matter.subject, kind=duty.kind, on=leave.start.date(), evidence=matter.evidence,
                staff=leave.staff, window=leave.window, **duty.matter_fields(matter),
                explanation=say("请假{leave}（{start}起）未经批准即离岗，未履行请假手续，按旷工处理。",
                                leave=leave.leave, start=leave.start.date()),
            )

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Leave]]:
        """The approval owed for every leave request by the day the leave begins."""
        for file in books[ATTENDANCE].staff.values():
            for leave in file.leaves:
                granted = leave.granted
                yield Matter(
                    leave, Clock(SAME_DAY, leave.start.date(), zh("请假开始之日")),
                    granted.at.date() if granted else None,
                    say("请假{leave}应在请假开始前经批准", leave=leave.leave), zh("批准"),
                    staff_subject(leave.staff), leave.window, leave.staff, evidence=leave.evidence,
                    late_unit=LimitUnit.CALENDAR_DAYS,
                )


class RetroactiveLeave(PolicyBase):
    """LV-3: leave requested after the fact — reported by phone before, papers filed in time.

    ``shouzhan-town`` 第八条(二)2: phone the centre office before, complete the papers
    within one working day after, otherwise absence (``leave.retroactive_within = 1``,
    ``leave.phone_call_required = true``); ``dahe-town`` 请销假制度 三: papers after
    returning, no limit. A violation for every retroactive request that breaks the
    procedure; compliance, on request, for the others. The absence is ATT-2's, with
    the same ``leave`` procedure.
    """

    kind: Literal["retroactive-leave"] = "retroactive-leave"
    leave: LeaveProcedure = Field(default_factory=LeaveProcedure, description="The procedure for retroactive leave.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict on every leave requested after it began, with its papers' deadline where there is one."""
        for file in books[ATTENDANCE].staff.values():
            for leave in file.leaves:
                if not leave.retroactive:
                    continue
                defect = self.leave.defect(leave, context.calendar)
                late = defect is not None and defect.rule == "LV-3"
                if not late and not context.include_compliance:
                    continue
                outcome = (say("{reason}，按旷工处理", reason=defect.reason) if defect is not None and late
                           else say("补办手续符合规定"))
                yield self.verdict(
                    context, subject=staff_subject(leave.staff),
                    kind=VerdictKind.VIOLATION if late else VerdictKind.COMPLIANCE, on=leave.start.date(),
                    evidence=leave.evidence, staff=leave.staff, window=leave.window,
                    explanation=say("请假{leave}（{start}起）于{filed}事后补办：{outcome}。", leave=leave.leave,
                                    start=leave.start.date(), filed=leave.at.date(), outcome=outcome),
                    **self.filing_deadline(leave, context),
                )

    def filing_deadline(self, leave: Leave, context: Context) -> dict[str, Any]:
        """The papers' deadline as verdict fields (``due``, ``actual``, ``deadline``); none without a limit."""
        filing = self.leave.filing(leave, context.calendar)
        if filing is None:
            return {}
        duty = duty_done(context, due=filing.due, done=leave.at.date(), unit=filing.limit.counted_unit)
        return duty.fields(filing.limit, filing.start, filing.start_rule)
