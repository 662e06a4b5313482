"""Completion rates (办结率) and overdue counts per window and staff member per period (TL-12).

The assessment tables score them ("规定时限内办结率达到100%，得10分。办结率每减少一个百分点，
扣0.5分"); this rule only measures, as information verdicts carrying a
:class:`~bianmin_rules.core.verdicts.Measure`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import Field

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.formatting import percent
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context
from bianmin_rules.core.verdicts import Measure, RuleId, Subject, SubjectKind, Verdict, VerdictKind
from bianmin_rules.core.words import say
from bianmin_rules.families.cases.base import CaseIndex, CasePolicy, Placing, case_index
from bianmin_rules.families.cases.ledger import CASE_FILES, CaseFile

DEADLINE_RULES = ("TL-1", "TL-2", "TL-4", "TL-6", "TL-7")


class CompletionRate(CasePolicy):
    """TL-12: the share of cases completed within their limits, and the overdue cases, per period.

    A case is late when a deadline rule of ``counts`` found it late (a violation with a
    deadline trace); otherwise it was done in time. With ``basis = "closed"`` (default)
    a case counts in the period it was closed (completed or rejected: both are 办结),
    and a case still open but overdue in the period it fell due; an open case not yet
    due is not counted. With ``basis = "received"`` a case counts in the period it was
    received, once it is closed or overdue. Cases count for the window and the staff
    member who received them. Two measures per subject and period (``measures`` may keep
    one): ``completion_rate`` (in time / counted) and ``overdue_rate`` (late / counted;
    its numerator is the overdue count). A subject with no counted case in a period has
    no measure.
    """

    stage: ClassVar[int] = 1

    kind: Literal["completion-rate"] = "completion-rate"
    counts: tuple[RuleId, ...] = Field(default=DEADLINE_RULES, min_length=1, description="The deadline rules.")
    measures_periods: ClassVar[bool] = True
    period: PeriodKind = Field(default=PeriodKind.QUARTER, description="The period measured.")
    per: tuple[Literal["window", "staff"], ...] = Field(default=("window", "staff"), min_length=1)
    basis: Literal["closed", "received"] = Field(default="closed", description="Which day places a case in a period.")
    measures: tuple[Literal["completion_rate", "overdue_rate"], ...] = Field(
        default=("completion_rate", "overdue_rate"), min_length=1,
        description="The measures reported (a variant whose tables read only one may leave the other out).",
    )

    @property
    def reads_verdicts_of(self) -> frozenset[str]:
        """The deadline rules it counts."""
        return frozenset(self.counts)

    @property
    def reads(self) -> tuple[Book[Any], ...]:
        """The case files."""
        return (CASE_FILES,)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Two information verdicts per subject and period."""
        # Cases are counted by receiver, period and lateness first (a few thousand keys),
        # then per subject. A later variant whose deadline rules find other cases late, on
        # the same books, places again only the cases late in one of the two.
        overdue = self.overdue_since(context)
        index = case_index(books, context)
        key = (type(self), self.case_types, self.period, self.basis)  # what places a case, but its lateness
        earlier = index.placed(key) if type(self).admits is CasePolicy.admits else None
        if earlier is None:
            placed = self.placed(self.cases(books, context), overdue)
            index.keep_placed(key, overdue, placed)
        else:
            placed = self.placed_again(index, *earlier, overdue)
        tally: dict[tuple[str, str, date], list[int]] = defaultdict(lambda: [0, 0])
        for (window, staff, start, column), cases in placed.items():
            if not cases:
                continue  # every closed case of its receiver and period was late
            for per in self.per:
                name = window if per == "window" else staff
                if name:
                    tally[(per, name, start)][column] += cases
        for (kind, name, start), (in_time, late) in sorted(tally.items()):
            period = Period(kind=self.period, start=start)
            yield from self.rates(Subject(kind=SubjectKind(kind), id=name), period, in_time, late, context)

    def placed(self, files: Iterable[CaseFile], overdue: Mapping[str, date]) -> Counter[Placing]:
        """The closed or overdue cases counted by receiving window, staff member, the first day of their
        period, and whether they were late (column 1) or not (0)."""
        months, by_receipt = self.period.months, self.basis == "received"
        starts: dict[date, date] = {}  # the first day of each day's period, worked out once per day
        placed: Counter[Placing] = Counter()
        for file in files:
            since, closed, received = overdue.get(file.case), file.closed_on, file.received_on
            if closed is None and since is None:
                continue  # neither closed nor overdue: not counted yet
            assert received is not None
            if by_receipt:
                day = received
            elif closed is not None:
                day = closed
            else:  # open, but overdue: counted in the period it fell due
                assert since is not None
                day = since
            start = starts.get(day)
            if start is None:
                start = starts[day] = date(day.year, (day.month - 1) // months * months + 1, 1)
            placed[(file.window, file.staff, start, 0 if since is None else 1)] += 1
        return placed

    def placed_again(
        self, index: CaseIndex, late: Mapping[str, date], placed: Counter[Placing], overdue: Mapping[str, date],
    ) -> Counter[Placing]:
        """:meth:`placed` for the cases found late in ``overdue``, from what it counted with ``late`` instead (a
        variant whose same rule found other cases late, on the same books): only the cases late in one of
        the two, or since another day, are placed again."""
        placed = placed.copy()
        wanted = set(self.case_types)
        for cases, move in ((late.items() - overdue.items(), -1), (overdue.items() - late.items(), 1)):
            for case, since in cases:
                file = index.received_file(case)
                if file is None or (wanted and file.case_type not in wanted):
                    continue
                for (window, staff, start, column), cases_moved in self.placed((file,), {case: since}).items():
                    placed[(window, staff, start, column)] += move * cases_moved
                    if column and file.closed_on is not None:  # a closed case late leaves the cases in time
                        placed[(window, staff, start, 0)] -= move * cases_moved
        return placed

    def overdue_since(self, context: Context) -> dict[str, date]:
        """The cases found late by the deadline rules, with their earliest due date."""
        found: dict[str, date] = {}
        counts, violation = frozenset(self.counts), VerdictKind.VIOLATION
        for verdict in context.verdicts:
            if (verdict.rule in counts and verdict.kind is violation and verdict.case
                    and verdict.deadline is not None):
                due = verdict.deadline.due
                found[verdict.case] = min(due, found.get(verdict.case, due))
        return found

    def rates(
        self, subject: Subject, period: Period, in_time: int, late: int, context: Context
    ) -> Iterator[Verdict]:
        """The completion rate and the overdue rate of one subject in one period."""
        total = in_time + late
        on = min(period.end, context.as_of)
        completion = Measure(name="completion_rate", period=period, numerator=in_time, denominator=total)
        overdue = Measure(name="overdue_rate", period=period, numerator=late, denominator=total)
        head = say("{period} {subject}：应计办件{total}件，按时办结{in_time}件，逾期{late}件", period=period.label,
                   subject=str(subject), total=total, in_time=in_time, late=late)
        if "completion_rate" in self.measures:
            yield self.verdict(
                context, subject=subject, kind=VerdictKind.INFORMATION, on=on, measure=completion,
                explanation=say("{head}；规定时限内办结率{rate}%。", head=head, rate=percent(completion.value)),
            )
        if "overdue_rate" in self.measures:
            yield self.verdict(
                context, subject=subject, kind=VerdictKind.INFORMATION, on=on, measure=overdue,
                explanation=say("{head}；逾期率{rate}%。", head=head, rate=percent(overdue.value)),
            )
