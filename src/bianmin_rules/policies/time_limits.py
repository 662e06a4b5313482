"""Time limits for handling cases (限时办结): TL-1, TL-4, TL-7."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from bianmin_rules.deadlines import DeadlineTrace, Limit, LimitUnit, TimeLimit, days_late
from bianmin_rules.ledgers import Books, CaseFile
from bianmin_rules.ledgers.cases import MaterialsDone, Step
from bianmin_rules.policy import Context, PolicyBase
from bianmin_rules.verdicts import Subject, SubjectKind, Verdict, VerdictKind


def case_subject(file: CaseFile) -> Subject:
    """Who answers for a case: the staff member who received it, else its window, else the case."""
    if file.staff:
        return Subject(kind=SubjectKind.STAFF, id=file.staff)
    if file.window:
        return Subject(kind=SubjectKind.WINDOW, id=file.window)
    return Subject(kind=SubjectKind.CASE, id=file.case)


class CaseDeadlinePolicy(PolicyBase):
    """Shared judgement of one case against one deadline."""

    case_types: tuple[str, ...] = Field(min_length=1, description="The case-type codes the rule applies to.")
    late_unit: LimitUnit = Field(
        default=LimitUnit.WORKING_DAYS, description="The unit days late are counted in (TL-9)."
    )

    def judge(
        self, context: Context, file: CaseFile, *, limit: TimeLimit, start: Step, start_rule: str,
        done: Step | None, what: str,
    ) -> Iterator[Verdict]:
        """A violation if ``done`` came after the due date, or if the case is still open past it."""
        due = limit.due_date(start.day, context.calendar)
        actual = done.day if done else None
        judged_on = actual if actual is not None else context.as_of
        if actual is None and judged_on <= due:
            return
        late = days_late(due, judged_on, self.late_unit, context.calendar)
        if late == 0 and not context.include_compliance:
            return
        trace = DeadlineTrace(
            limit=limit, start=start.day, start_rule=start_rule, due=due, actual=actual,
            days_late=late, late_unit=self.late_unit,
        )
        unit = "个工作日" if self.late_unit is LimitUnit.WORKING_DAYS else "日"
        if late == 0:
            kind, outcome = VerdictKind.COMPLIANCE, f"实际于{actual}完成，未超时限"
        elif actual is None:
            kind, outcome = VerdictKind.VIOLATION, f"截至{judged_on}尚未完成，已逾期{late}{unit}"
        else:
            kind, outcome = VerdictKind.VIOLATION, f"实际于{actual}完成，逾期{late}{unit}"
        explanation = (
            f"办件 {file.case}：{what}。时限自{start_rule}（{start.day}）起算{limit.label()}，"
            f"届满日为{due}；{outcome}。"
        )
        evidence = tuple(dict.fromkeys(s.event for s in (file.receipt, start, done) if s is not None))
        yield self.verdict(
            context, subject=case_subject(file), kind=kind, on=judged_on, explanation=explanation,
            deadline=trace, due=due, actual=actual, evidence=evidence,
            case=file.case, window=file.window, staff=file.staff,
        )


class ImmediateSameDay(CaseDeadlinePolicy):
    """TL-1: an immediate case (即办件) is completed on the spot, the same day."""

    kind: Literal["immediate-same-day"] = "immediate-same-day"
    case_types: tuple[str, ...] = ("immediate",)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every immediate case not completed on the day it was received."""
        limit = TimeLimit(amount=0, unit=LimitUnit.SAME_DAY)
        for file in books.cases.values():
            receipt = file.receipt
            if receipt is None or receipt.case_type not in self.case_types:
                continue
            yield from self.judge(
                context, file, limit=limit, start=receipt, start_rule="受理之日",
                done=file.closed, what="即办件应当场或当天办结",
            )


class SupplementClock(CaseDeadlinePolicy):
    """TL-4: a supplement case's limit counts from the day its materials are complete."""

    kind: Literal["supplement-clock"] = "supplement-clock"
    case_types: tuple[str, ...] = ("supplement",)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every supplement case completed late, counting from the day the materials were complete."""
        for file in books.cases.values():
            receipt = file.receipt
            if receipt is None or receipt.case_type not in self.case_types:
                continue
            complete = file.first(MaterialsDone)
            if complete is None or receipt.promised_limit is None:
                continue  # the clock has not started, or there is no limit to count
            yield from self.judge(
                context, file, limit=receipt.promised_limit, start=complete, start_rule="补齐材料之日",
                done=file.completion, what="补办件的办事时限从补齐材料之日起计算",
            )


class RejectionDecision(CaseDeadlinePolicy):
    """TL-7: an ineligible application is rejected on the spot, a complex one within 3 working days."""

    kind: Literal["rejection-decision"] = "rejection-decision"
    case_types: tuple[str, ...] = ("rejected",)
    limit: Limit = Field(default=TimeLimit(amount=3), description="The latest decision (default 3 working days).")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every rejection decided later than the limit after receipt.

        A case is judged when it was rejected, or when its type is one of ``case_types``
        (a case classed as to be rejected must be decided within the limit even if the
        decision is still missing).
        """
        for file in books.cases.values():
            receipt = file.receipt
            if receipt is None:
                continue
            if file.rejection is None and receipt.case_type not in self.case_types:
                continue
            yield from self.judge(
                context, file, limit=self.limit, start=receipt, start_rule="收件之日",
                done=file.closed, what="驳回件最迟于收件后三个工作日内作出决定",
            )
