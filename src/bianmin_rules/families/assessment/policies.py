"""Inputs of the assessment tables: measured rates (TL-11, SC-5) and merit bonuses (SC-1, SC-2).

Tables read verdicts only. These policies turn the books into the verdicts the tables
need besides other rules' violations:

- :class:`SpeedUpRate` (TL-11): the speed-up rate of promised cases per window (or staff
  member) and period, as a measure;
- :class:`ServiceEvaluation` (SC-5): the evaluation rate and the satisfaction rate per
  window and staff member and period, as measures, and a violation for every dissatisfied
  evaluation found to be the staff member's fault;
- :class:`MeritBonus` (SC-1, SC-2, SC-4): bonus points for praise, honours, adopted
  suggestions and other recorded merits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Points
from bianmin_rules.core.deadlines import TimeLimit
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.formatting import percent
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.roster import SubjectKey
from bianmin_rules.core.verdicts import Measure, Subject, SubjectKind, Verdict, VerdictKind, named_subject
from bianmin_rules.core.words import Message, say, word
from bianmin_rules.families.assessment.events import EvaluationResult, MeritKind, MeritLevel
from bianmin_rules.families.assessment.ledger import ASSESSMENT, Merit
from bianmin_rules.families.cases.base import case_index
from bianmin_rules.families.cases.ledger import CASE_FILES, CaseFile

SubjectKinds = tuple[Literal[SubjectKind.WINDOW, SubjectKind.STAFF], ...]


def subjects_of(window: str | None, staff: str | None, kinds: Iterable[SubjectKind]) -> list[SubjectKey]:
    """The window and staff named, among ``kinds``, as (kind, id) keys (cheap to hash once per fact).

    Called once per case file: no mapping is built per call.
    """
    found: list[SubjectKey] = []
    for kind in kinds:
        ident = window if kind is SubjectKind.WINDOW else staff if kind is SubjectKind.STAFF else None
        if ident:
            found.append((kind, ident))
    return found


Tallies = dict[tuple[SubjectKey, date], "Tally"]
"""Rates being counted, by subject and the first day of their period (plain keys: hashed once per fact)."""


@dataclass
class Tally:
    """A rate being counted for one subject and period, with the events it rests on."""

    numerator: int = 0
    denominator: int = 0
    evidence: list[str] = field(default_factory=list)


class RateVerdicts(PolicyBase):
    """Shared: a policy that measures rates per subject and period."""

    measures_periods: ClassVar[bool] = True

    period: PeriodKind = Field(default=PeriodKind.QUARTER, description="The period each rate covers (SC-10).")

    def periods(self) -> Callable[[date], Period]:
        """A function from a day to its period, cached per month (one call per case or evaluation)."""
        cache: dict[tuple[int, int], Period] = {}

        def period_of(day: date) -> Period:
            key = (day.year, day.month)
            if key not in cache:
                cache[key] = Period.containing(self.period, day)
            return cache[key]

        return period_of

    def rates(self, context: Context, name: str, tallies: Tallies, explanation: Message) -> Iterator[Verdict]:
        """One information verdict per subject and period with something to count, in period and subject order."""
        for ((kind, ident), start), tally in sorted(tallies.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if tally.denominator:
                period = Period(kind=self.period, start=start)
                yield self.rate(context, name, Subject(kind=kind, id=ident), period, tally, explanation)

    def rate(
        self, context: Context, name: str, subject: Subject, period: Period, tally: Tally, explanation: Message,
    ) -> Verdict:
        """An information verdict carrying the measured rate."""
        measure = Measure(name=name, period=period, numerator=tally.numerator, denominator=tally.denominator)
        shown = percent(measure.value)
        return self.verdict(
            context, subject=subject, kind=VerdictKind.INFORMATION, on=min(period.end, context.as_of),
            explanation=say(
                "{period} {subject}：{measured}，{name} = {rate}%（{numerator}/{denominator}）。", period=str(period),
                subject=str(subject), measured=explanation, name=name, rate=shown, numerator=tally.numerator,
                denominator=tally.denominator,
            ),
            measure=measure, evidence=tuple(tally.evidence),
            window=subject.id if subject.kind is SubjectKind.WINDOW else None,
            staff=subject.id if subject.kind is SubjectKind.STAFF else None,
        )


class SpeedUpDefinition(StrEnum):
    """What "承诺件提速" measures; the text never says (TL-11)."""

    TIME_SAVED = "time_saved"
    """Working days saved over working days promised, summed over the cases completed (default)."""
    EARLY_SHARE = "early_share"
    """The share of promised cases completed before their promised due date."""


class SpeedUpRate(RateVerdicts):
    """TL-11: the speed-up rate of promised cases (承诺件提速), per window or staff member and period.

    The county window table scores it in bands (限时承诺 2: 60%–65% → 2 … 91%–100% → 10). The
    text never defines it, so ``definition`` says what is measured:

    - ``time_saved`` (default): for the promised cases completed in the period, the
      working days saved against the promise (never below zero for one case) over the
      working days promised, both counted from the day of receipt (CAL-1);
    - ``early_share``: the cases completed before their promised due date over all
      completed.

    A case counts in the period of its completion. Rounding belongs to the band table
    that scores the rate, not to the measure, which is exact.
    """

    kind: Literal["speed-up-rate"] = "speed-up-rate"
    definition: SpeedUpDefinition = Field(default=SpeedUpDefinition.TIME_SAVED, description="What is measured.")
    case_types: tuple[str, ...] = Field(default=("promised",), min_length=1, description="The promised case types.")
    subjects: SubjectKinds = Field(default=(SubjectKind.WINDOW,), min_length=1, description="Measured per whom.")
    measure: str = Field(default="speedup_rate", description="The measure's name, as the tables read it.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One rate per subject and period with at least one promised day counted."""
        tallies: Tallies = defaultdict(Tally)
        period_of = self.periods()
        promise_of = self.promises(context)
        for file in case_index(books, context).of_types(self.case_types):
            counted = self.count(file, context, period_of, promise_of)
            if counted is None:
                continue
            numerator, denominator, period, event = counted
            for subject in subjects_of(file.window, file.staff, self.subjects):
                tally = tallies[(subject, period.start)]
                tally.numerator += numerator
                tally.denominator += denominator
                tally.evidence.append(event)
        what = say("提前办结的承诺件数/办结的承诺件数") if self.definition is SpeedUpDefinition.EARLY_SHARE else (
            say("承诺件节省的工作日/承诺的工作日")
        )
        yield from self.rates(context, self.measure, tallies, say("承诺件提速率（{what}）", what=what))

    @staticmethod
    def promises(context: Context) -> Callable[[TimeLimit, date], tuple[date, int]]:
        """A function from a promised limit and a day of receipt to the due date and the working days promised.

        Remembered per limit and day for one evaluation: the cases of a log share a few
        limits and a few hundred days.
        """
        cache: dict[tuple[TimeLimit, date], tuple[date, int]] = {}

        def promise_of(limit: TimeLimit, received: date) -> tuple[date, int]:
            key = (limit, received)
            if key not in cache:
                due = limit.due_date(received, context.calendar)
                cache[key] = due, context.calendar.working_days_between(received, due)
            return cache[key]

        return promise_of

    def count(
        self, file: CaseFile, context: Context, period_of: Callable[[date], Period],
        promise_of: Callable[[TimeLimit, date], tuple[date, int]],
    ) -> tuple[int, int, Period, str] | None:
        """(numerator, denominator, period, completion event) of one completed promised case.

        ``promise_of``: :meth:`promises` of the context, shared by the cases of one evaluation.
        """
        received, done, limit = file.received_on, file.completed_on, file.promised_limit
        if received is None or done is None or file.case_type not in self.case_types or limit is None:
            return None
        event = file.completion_event
        assert event is not None
        due, promised = promise_of(limit, received)
        period = period_of(done)
        if self.definition is SpeedUpDefinition.EARLY_SHARE:
            return int(done < due), 1, period, event
        used = context.calendar.working_days_between(received, done)
        return max(0, promised - used), promised, period, event


class ServedCases(StrEnum):
    """Which cases an evaluation rate counts as served in a period."""

    CLOSED = "closed"
    """Cases completed or rejected in the period (default: an applicant evaluates once served)."""
    RECEIVED = "received"
    """Cases received in the period."""


DEFAULT_SATISFIED = (EvaluationResult.VERY_SATISFIED, EvaluationResult.SATISFIED, EvaluationResult.BASICALLY_SATISFIED)


class ServiceEvaluation(RateVerdicts):
    """SC-5: the evaluation rate (评议率) and satisfaction rate (满意率) per window and staff member.

    - evaluation rate: of the cases the subject served in the period (``served``), the
      share that some applicant evaluated (up to the day of evaluation);
    - satisfaction rate: of the evaluations given in the period, the share whose result
      is one of ``satisfied`` (by default 非常满意, 满意 and 基本满意).

    A period in which the log records no evaluation at all gets no rates (the centre kept
    no evaluation records then; a rate of 0% would claim that nobody evaluated), unless
    ``measure_without_evaluations`` is set; the tables then score their ``if_missing``.

    Every dissatisfied evaluation marked ``verified`` (经查实 the staff member's fault) is
    also a violation with the code ``dissatisfied_code``, which the county tables deduct
    (staff 工作实绩 3) and disqualify for (window 三(九), staff 四(六)).
    """

    kind: Literal["service-evaluation"] = "service-evaluation"
    subjects: SubjectKinds = Field(default=(SubjectKind.WINDOW, SubjectKind.STAFF), min_length=1)
    satisfied: tuple[EvaluationResult, ...] = Field(default=DEFAULT_SATISFIED, min_length=1)
    served: ServedCases = Field(default=ServedCases.CLOSED, description="Which cases count as served.")
    evaluation_rate: str = Field(default="evaluation_rate", description="Its measure name; empty: not measured.")
    satisfaction_rate: str = Field(default="satisfaction_rate", description="Its measure name; empty: not measured.")
    dissatisfied_code: str = Field(default="dissatisfied", description="The code of verified dissatisfactions.")
    measure_without_evaluations: bool = Field(
        default=False, description="Measure rates (of 0%) in periods with no evaluation recorded at all.",
    )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """The rates per subject and period, then the verified dissatisfactions."""
        if self.evaluation_rate:
            yield from self.evaluation_rates(books, context, self.evaluation_rate)
        if self.satisfaction_rate:
            yield from self.satisfaction_rates(books, context, self.satisfaction_rate)
        yield from self.dissatisfactions(books, context)

    def evaluation_rates(self, books: Books, context: Context, name: str) -> Iterator[Verdict]:
        """Served cases that were evaluated, over served cases."""
        evaluated = {e.case for e in books[ASSESSMENT].evaluations if e.case}
        period_of = self.periods()
        recorded = {period_of(e.day).start for e in books[ASSESSMENT].evaluations}
        tallies: Tallies = defaultdict(Tally)
        by_closing = self.served is ServedCases.CLOSED
        for file in books[CASE_FILES].values():
            served = file.closed_on if by_closing else file.received_on
            if served is None:
                continue
            period = period_of(served)
            if period.start not in recorded and not self.measure_without_evaluations:
                continue
            for subject in subjects_of(file.window, file.staff, self.subjects):
                tally = tallies[(subject, period.start)]
                tally.denominator += 1
                if file.case in evaluated:
                    step = file.closed if by_closing else file.receipt
                    assert step is not None
                    tally.numerator += 1
                    tally.evidence.append(step.event)
        yield from self.rates(context, name, tallies, say("已评价的办件数/办件数"))

    def satisfaction_rates(self, books: Books, context: Context, name: str) -> Iterator[Verdict]:
        """Satisfied evaluations over all evaluations given in the period."""
        tallies: Tallies = defaultdict(Tally)
        period_of = self.periods()
        for evaluation in books[ASSESSMENT].evaluations:
            period = period_of(evaluation.day)
            for subject in subjects_of(evaluation.window, evaluation.staff, self.subjects):
                tally = tallies[(subject, period.start)]
                tally.denominator += 1
                tally.evidence.append(evaluation.event)
                tally.numerator += evaluation.result in self.satisfied
        yield from self.rates(context, name, tallies, say("满意的评价数/评价总数"))

    def dissatisfactions(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation per verified dissatisfied evaluation, charged to the staff member (else the window)."""
        for evaluation in books[ASSESSMENT].evaluations:
            if evaluation.result in self.satisfied or not evaluation.verified:
                continue
            subject = named_subject(evaluation.staff, evaluation.window, event=evaluation.event)
            yield self.verdict(
                context, subject=subject, kind=VerdictKind.VIOLATION, on=evaluation.day,
                explanation=say("{day} 服务质量评价为「{result}」，经查实属工作人员服务质量问题。", day=evaluation.day,
                                result=RESULT_WORDS[evaluation.result]),
                evidence=(evaluation.event,), case=evaluation.case, window=evaluation.window,
                staff=evaluation.staff, code=self.dissatisfied_code,
            )


RESULT_WORDS = {
    EvaluationResult.VERY_SATISFIED: say("非常满意"),
    EvaluationResult.SATISFIED: say("满意"),
    EvaluationResult.BASICALLY_SATISFIED: say("基本满意"),
    EvaluationResult.DISSATISFIED: say("不满意"),
    EvaluationResult.VERY_DISSATISFIED: say("非常不满意"),
}

LEVEL_WORDS = {
    MeritLevel.COUNTY: say("区县级"), MeritLevel.CITY: say("市级"), MeritLevel.PROVINCE: say("省级"),
    MeritLevel.NATION: say("国家级"),
}


class Repeat(StrEnum):
    """Which praise counts when one matter is praised more than once ("按一件事不重复奖励")."""

    HIGHEST = "highest"
    """The one worth the most points (the earliest among equals)."""
    FIRST = "first"
    """The earliest."""


class Discretion(BaseModel):
    """The range of points the assessors may set (视情加1-5分); ``high`` none when the text sets none."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: Points = Field(default=Decimal(0), ge=0)
    high: Points | None = None

    def admits(self, points: Decimal | None) -> bool:
        """Are ``points`` given and within the range?"""
        return points is not None and self.low <= points and (self.high is None or points <= self.high)

    def __str__(self) -> str:
        return f"{self.low}–{self.high}" if self.high is not None else f"at least {self.low}"


class MeritBonus(PolicyBase):
    """SC-1, SC-2, SC-4: bonus points for recorded merits (praise, honours, adopted suggestions …).

    Per merit, the bonus is ``by_level[level]`` where the table sets points by level
    (county/city/province/nation), else the flat ``points``; where the table leaves the
    amount to the assessors (视情加1-5分), ``discretion`` is the allowed range and each
    merit event must carry its points within it. A merit at a level the table does not
    reward earns nothing, and says so. With ``once_per_matter`` one deed earns one bonus,
    chosen by ``repeat``; the others are reported with zero points.
    """

    kind: Literal["merit-bonus"] = "merit-bonus"
    merits: tuple[MeritKind, ...] = Field(min_length=1, description="The kinds of merit this line rewards.")
    by_level: dict[MeritLevel, Points] = Field(default_factory=dict, description="Points per level.")
    discretion: Discretion | None = Field(default=None, description="The assessors' range of points.")
    once_per_matter: bool = Field(default=False, description="One bonus per deed (按一件事不重复奖励).")
    repeat: Repeat = Field(default=Repeat.HIGHEST, description="Which of a deed's merits counts.")
    label: str = Field(default="", description="The line of the regulation, for explanations.")

    @model_validator(mode="after")
    def _one_way_to_price(self) -> MeritBonus:
        if self.discretion is not None and self.by_level:
            raise ValueError("set either by_level or discretion, not both")
        return self

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One information verdict per merit of the named kinds, with its bonus."""
        merits = [m for m in books[ASSESSMENT].merits if m.merit in self.merits]
        counted = self.counted(merits)
        for merit in merits:
            subject = named_subject(merit.staff, merit.window, event=merit.event)
            points, why = self.price(merit)
            if merit.event in counted and counted[merit.event] != merit.event:
                points, why = Decimal(0), say("同一事项已奖励（事件 {event}），不重复奖励", event=counted[merit.event])
            level = LEVEL_WORDS[merit.level] if merit.level else ""
            matter = say("「{matter}」", matter=merit.matter) if merit.matter else ""
            yield self.verdict(
                context, subject=subject, kind=VerdictKind.INFORMATION, on=merit.day,
                explanation=say("{day} {line}：{level}{matter}，{why}。", day=merit.day,
                                line=word(self.label) if self.label else merit.merit.value, level=level, matter=matter,
                                why=why),
                points=points, evidence=(merit.event,), window=merit.window, staff=merit.staff,
                code=merit.merit.value,
            )

    def price(self, merit: Merit) -> tuple[Decimal, Message]:
        """A merit's bonus before the one-matter rule, and why."""
        if self.discretion is not None:
            if merit.points is None or not self.discretion.admits(merit.points):
                raise EvaluationError(
                    f"this merit is rewarded at the assessors' discretion ({self.discretion} points): "
                    f"the event must carry points in that range, not {merit.points}",
                    event_id=merit.event,
                )
            return merit.points, say("视情加{points}分", points=str(merit.points))
        if not self.by_level:
            return self.points, say("加{points}分", points=str(self.points))
        if merit.level is None:
            raise EvaluationError(
                "this merit is rewarded by level: the event must name its level", event_id=merit.event,
            )
        if merit.level not in self.by_level:
            return Decimal(0), say("该级别不在加分范围内，不加分")
        return self.by_level[merit.level], say("加{points}分", points=str(self.by_level[merit.level]))

    def counted(self, merits: list[Merit]) -> dict[str, str]:
        """For each merit of a repeated deed, the event of the one merit that counts."""
        if not self.once_per_matter:
            return {}
        deeds: dict[tuple[str | None, str | None, str], list[Merit]] = defaultdict(list)
        for merit in merits:
            if merit.matter:
                deeds[(merit.staff, merit.window, merit.matter)].append(merit)
        chosen = {}
        for group in deeds.values():
            # max() keeps the first of equals, so among equal prices the earliest merit counts
            best = group[0] if self.repeat is Repeat.FIRST else max(group, key=lambda m: self.price(m)[0])
            chosen.update({m.event: best.event for m in group})
        return chosen
