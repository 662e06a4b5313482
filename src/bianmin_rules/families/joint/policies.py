"""Joint approval (联办件 / 并联审批): JA-1 … JA-4.

The lead of a joint case (牵头部门) is named once, by the variant's JA-1 rule
(:class:`JointLead`: the receiving window, or guangwu-street 第十八条's first-handling
department else the issuing one), and every verdict of these rules about the case names
that lead (``lead``) — never a window that only forwarded it. The lead forwards a joint
case to each participating window
(``joint_review_forwarded``), whose own limit runs from that day, around the case's
suspensions (TL-8). A window that neither decided, attended the coordination meeting
or joint inspection, nor explained in writing within its limit bears the deemed
approval (JA-3); a late window is charged per case and per day (JA-4, through
``points_per_day`` of ``joint-review-deadline``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, ClassVar, Literal

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.deadlines import ONE_DAY, SAME_DAY, Clock, Limit, Pause
from bianmin_rules.core.facts import ORDER
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import ChargeTo, Verdict, VerdictKind
from bianmin_rules.core.words import joined, say, word, zh
from bianmin_rules.families.cases.base import CaseDeadlinePolicy, Timed
from bianmin_rules.families.cases.ledger import Attendance, CaseFile, Forward, JointDecision, JointExplanation, Step

LeadRule = Literal["receiving_window", "first_handling_else_issuing"]
"""How a text names the lead of a joint case (JA-1)."""

LEAD_RULE_WORDS = {
    "receiving_window": say("受理窗口部门为联办牵头部门"),
    "first_handling_else_issuing": say("可以确定首办受理部门的由其牵头，不能确定的由最终发证部门牵头"),
}


def lead_by(rule: LeadRule, general_windows: tuple[str, ...], file: CaseFile) -> str | None:
    """The lead window of ``file`` under ``rule``, if it can be named.

    ``receiving_window``: the window that received it. ``first_handling_else_issuing``:
    the receiving window, unless it is one of ``general_windows`` (a comprehensive window
    receiving for others is not a first-handling department) or unknown; then the window
    issuing the final certificate (the receipt's ``issuing_window``).
    """
    if file.received_on is None:
        return None
    if rule == "receiving_window":
        return file.window
    if file.window is not None and file.window not in general_windows:
        return file.window
    return file.issuing_window


def lead_policies(policies: tuple[PolicyBase, ...]) -> tuple[JointLead, ...]:
    """The ``joint-lead`` policies among a variant's ``policies``, in order (found once per evaluation stage)."""
    return tuple(p for p in policies if isinstance(p, JointLead))


class JointPolicy(CaseDeadlinePolicy):
    """A joint-approval rule (JA-1 … JA-4): charged to windows, and naming each case's lead in its verdicts."""

    charge_to: ChargeTo = ChargeTo.WINDOW
    consults: ClassVar[tuple[str, ...]] = ("joint-lead",)
    """Every JA rule names a case's lead as the variant's JA-1 rule does."""

    def lead_policy(self, context: Context, file: CaseFile) -> JointLead | None:
        """The variant's JA-1 rule for ``file``: its first ``joint-lead`` policy covering the case's type."""
        return next((p for p in context.derived.of(context.policies, lead_policies) if p.covers(file)), None)

    def lead(self, context: Context, file: CaseFile) -> str | None:
        """The lead window of ``file``, as the variant's JA-1 rule names it (without one: the receiving window)."""
        rule = self.lead_policy(context, file)
        if rule is None:
            return lead_by("receiving_window", (), file)
        return lead_by(rule.lead_rule, rule.general_windows, file)

    def about(self, context: Context, file: CaseFile, **details: Any) -> Verdict:
        """A verdict about ``file`` that names its lead (``lead``)."""
        return super().about(context, file, lead=self.lead(context, file), **details)


class JointLead(JointPolicy):
    """JA-1: the lead department of a joint case, and its duty to forward at once.

    ``lead_rule`` picks the lead: ``receiving_window`` (county-centre 联办件 管理 1: the
    receiving window leads) or ``first_handling_else_issuing`` (guangwu-street 第十八条:
    the first-handling department if one can be named, else the department issuing the
    final certificate — the receipt's ``issuing_window``). A receiving window listed in
    ``general_windows`` (a comprehensive window that receives for others) is not a
    first-handling department. The lead forwards the case to every participating
    window within ``forward_within`` of receipt (default the same day: "立即通知各相关
    部门"); the last forward is the one that completes it. A joint case whose lead
    cannot be named gets a warning.
    """

    kind: Literal["joint-lead"] = "joint-lead"
    case_types: tuple[str, ...] = ("joint",)
    lead_rule: LeadRule = Field(default="receiving_window", description="How the text names the lead.")
    general_windows: tuple[str, ...] = Field(default=(), description="Windows that receive for others (综合受理).")
    forward_within: Limit = Field(
        default=SAME_DAY, description="Forward to all participants within this."
    )

    def lead_policy(self, context: Context, file: CaseFile) -> JointLead:
        """The variant's JA-1 rule for ``file``: this one, unless an earlier JA-1 policy covers the case."""
        return super().lead_policy(context, file) or self

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """The lead's forwarding judged, or a warning that no lead can be named."""
        received = file.received_on
        assert received is not None
        if self.lead(context, file) is None:
            receipt = file.receipt
            assert receipt is not None
            yield self.about(
                context, file, kind=VerdictKind.WARNING, on=receipt.day, evidence=(receipt.event,),
                explanation=say("联办件无法确定牵头部门（{rule}），受理窗口与发证窗口均未登记。",
                                rule=LEAD_RULE_WORDS[self.lead_policy(context, file).lead_rule]),
            )
            return
        forwards = file.of(Forward)
        if forwards and forwards[-1].day <= received and not context.include_compliance:
            # Forwarded to all on the day of receipt: in time under any limit, as no due date
            # comes before the day its clock starts; most joint cases, passed over unworded.
            return
        yield from super().judge_file(file, context)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The forwarding limit from receipt, met by the last forward; none while no lead can be named."""
        receipt, lead = file.receipt, self.lead(context, file)
        if receipt is None or lead is None:
            return
        forwards = file.of(Forward)
        clock = Clock(self.forward_within, receipt.day, zh("受理之日"))
        to = joined(dict.fromkeys(f.to_window for f in forwards)) if forwards else say("无")
        rule = self.lead_policy(context, file).lead_rule
        duty = say("联办件由{lead}牵头（{rule}），应立即通知各相关部门（已通知：{to}）", lead=lead,
                   rule=LEAD_RULE_WORDS[rule], to=to)
        staff = receipt.staff if lead == receipt.window else None
        yield Timed(file, clock, forwards[-1] if forwards else None, duty, lead, staff, action=zh("通知全部相关部门"))


def participations(file: CaseFile) -> Iterator[tuple[Forward, JointDecision | None]]:
    """Each participating window's first forward, with its first decision after it."""
    seen: set[str] = set()
    decisions = file.of(JointDecision)
    for forward in file.of(Forward):
        if forward.to_window in seen:
            continue
        seen.add(forward.to_window)
        after = forward.order
        decision = next((d for d in decisions if d.window == forward.to_window and d.order > after), None)
        yield forward, decision


class _JointClocks(JointPolicy):
    """The review limit of every participating window, from the day it received the case (JA-2)."""

    def admits(self, file: CaseFile) -> bool:
        """Cases that were forwarded to at least one window."""
        return file.has(Forward)

    def cases(self, books: Books, context: Context) -> list[CaseFile]:
        """The covered cases, found among those forwarded."""
        return self.cases_with(books, context, Forward)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """One limit per participating window, met by its decision."""
        lead, pauses = self.lead(context, file), file.pauses()
        for forward, decision in participations(file):
            yield window_limit(file, forward, decision, window_clock(forward, pauses), lead)


def window_clock(forward: Forward, pauses: tuple[Pause, ...]) -> Clock:
    """A participating window's clock: its limit from the day it received the case, around suspensions."""
    return Clock(forward.limit, forward.day, zh("收到联办件之日"), False, pauses)


def window_limit(
    file: CaseFile, forward: Forward, done: Step | None, clock: Clock, lead: str | None, *,
    action: str = zh("提出审批意见"),
) -> Timed:
    """A participating window's limit, met by ``done`` (its decision, or for JA-3 its first act); ``lead`` is the
    case's lead window (JA-1)."""
    duty = say(
        "并联审批：{window}应自收件之日起{limit}内{action}（{lead}）", window=forward.to_window,
        limit=forward.limit.words(), action=word(action),
        lead=say("牵头窗口{lead}", lead=lead) if lead else say("牵头部门无法确定"),
    )
    staff = done.staff if done else None
    return Timed(file, clock, done, duty, forward.to_window, staff, (forward.event,), action=action)


class JointReviewDeadline(_JointClocks):
    """JA-2 (and JA-4): each participating window decides within its limit from receipt.

    Judged per window, charged to it. With ``points_per_day`` (jiangxi-town: "联办件超时
    办结的，责任窗口每件每超1天扣2分") the variant encodes JA-4's lateness under rule JA-4:
    "联办件中未按要求办理的，视为超时默认" — an undecided window is late as of ``as_of``.
    """

    kind: Literal["joint-review-deadline"] = "joint-review-deadline"


class DeemedApproval(_JointClocks):
    """JA-3: deemed approval (行政默认) borne by the window that let its limit pass.

    For a complete application (materials complete when forwarded), a participating
    window that within its limit neither decided, nor attended the coordination meeting
    or joint inspection, nor explained in writing: the application is deemed approved
    the day after the due date, and that window bears the consequences (jiangxi-town 并联
    审批 6; county-centre 第二十六条).
    """

    kind: Literal["deemed-approval"] = "deemed-approval"

    def windows(self, file: CaseFile) -> Iterator[tuple[Forward, Clock, Step | None]]:
        """Each participating window of a complete application, its clock, and its first act.

        Only windows that received the case once its materials were complete; the act is the
        window's first decision, attendance or written explanation after the forward, on any day.
        """
        complete = file.materials_complete_on
        if complete is None:
            return
        completed, pauses, acts = complete.order, file.pauses(), self.acts(file)
        for forward, _ in participations(file):
            if completed <= forward.order:
                yield forward, window_clock(forward, pauses), self.first_act(acts, forward)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """Each window's limit, met by its first act (:meth:`windows`)."""
        lead = cache(lambda: self.lead(context, file))
        for forward, clock, act in self.windows(file):
            yield window_limit(file, forward, act, clock, lead(), action=zh("提出审批意见、参加协调或书面说明"))

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """Each window of :meth:`windows` judged for deemed approval, but for those that acted in time."""
        calendar = context.calendar
        lead = cache(lambda: self.lead(context, file))  # named when a window is judged: most are passed over
        for forward, clock, act in self.windows(file):
            if act is not None and not context.include_compliance:
                due = clock.due(calendar)
                if due is None or act.day <= due:
                    continue  # acted in time (or still held): nothing is deemed; most windows
            yield from self.deem(forward, window_limit(file, forward, act, clock, lead()), context)

    def deem(self, forward: Forward, timed: Timed, context: Context) -> Iterator[Verdict]:
        """The deemed approval, if the window let its limit pass without acting."""
        judged = self.settle(timed, context)
        if judged is None or judged.due >= context.as_of:
            return
        file, window, acted = timed.file, timed.window, timed.done
        if acted is not None and not judged.late:
            if context.include_compliance:
                yield self.about(
                    context, file, kind=VerdictKind.COMPLIANCE, on=acted.day, window=window, staff=acted.staff,
                    evidence=(forward.event, acted.event), **self.met_on(timed, acted.day, context),
                    explanation=say("{window}于{day}在时限内办理或说明，不适用行政默认。", window=str(window),
                                    day=acted.day),
                )
            return
        on = judged.due + ONE_DAY
        yield self.about(
            context, file, on=on, window=window, staff=None, due=judged.due, actual=judged.actual,
            deadline=self.trace(judged), evidence=self.evidence(judged),
            explanation=say(
                "{window}于{day}收到联办件，时限{limit}，届满日为{due}；届满前既未参加协调会议或联合踏勘、未提出审批意见，"
                "也未作出书面说明，视为默认许可，由此产生的一切后果由{window}承担。",
                window=str(window), day=forward.day,
                limit=forward.limit.words(), due=judged.due,
            ),
        )

    @staticmethod
    def acts(file: CaseFile) -> list[Step]:
        """The decisions, attendances and explanations of the participating windows, in the order of the file."""
        acts: list[Step] = [*file.of(JointDecision), *file.of(Attendance), *file.of(JointExplanation)]
        acts.sort(key=ORDER)  # in the order of the file's steps: by time, then event id
        return acts

    @staticmethod
    def first_act(acts: list[Step], forward: Forward) -> Step | None:
        """The window's first decision, attendance or written explanation (of ``acts``) since the forward."""
        since, window = forward.order, forward.to_window
        for step in acts:
            if ((not isinstance(step, JointExplanation) or step.written) and step.window == window
                    and step.order >= since):
                return step
        return None
