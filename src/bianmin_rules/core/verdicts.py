"""Verdicts: what a policy concludes about a subject, citing the rule and article it applies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.bounds import Count
from bianmin_rules.core.deadlines import DeadlineTrace
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.periods import Period
from bianmin_rules.core.results import Number, Result
from bianmin_rules.core.words import Text

RULE_PATTERN = r"^[A-Z]{2,4}-\d+$"
"""What a catalogue rule ID looks like: a family prefix and a number, e.g. TL-4."""

RuleId = Annotated[str, Field(pattern=RULE_PATTERN, description="A catalogue rule ID, e.g. TL-4.")]
"""A rule ID, as a catalogue writes it; a variant naming one its families do not hold is refused
(:class:`~bianmin_rules.core.variant.Variant`)."""

ZERO = Decimal(0)


class VerdictKind(StrEnum):
    """What a verdict says."""

    VIOLATION = "violation"
    """A rule was broken."""
    WARNING = "warning"
    """Nothing is broken yet, but something needs attention (e.g. a case close to its due date)."""
    COMPLIANCE = "compliance"
    """A rule was checked and met."""
    INFORMATION = "information"
    """A fact worth reporting that is neither (e.g. a measured rate)."""


class SubjectKind(StrEnum):
    """Who or what a verdict is about."""

    STAFF = "staff"
    WINDOW = "window"
    CENTRE = "centre"
    CASE = "case"
    DEPARTMENT = "department"
    """A department with one or more windows (AB-2)."""


class Subject(BaseModel):
    """The subject a verdict is charged to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SubjectKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.id}"


CENTRE = "centre"
"""The id of the centre as a subject when a fact names neither a staff member nor a window."""


@lru_cache(maxsize=4096)
def subject(kind: SubjectKind, name: str) -> Subject:
    """A subject; the few staff members and windows of a log are built once, not once per verdict."""
    return Subject(kind=kind, id=name)


def answerable(staff: str | None, window: str | None = None, centre: str | None = None) -> Subject:
    """Who answers for a fact: the staff member named, else the window, else the centre."""
    if staff:
        return subject(SubjectKind.STAFF, staff)
    if window:
        return subject(SubjectKind.WINDOW, window)
    return subject(SubjectKind.CENTRE, centre or CENTRE)


def named_subject(staff: str | None, window: str | None, *, event: str) -> Subject:
    """The staff member named, else the window; a fact that names neither is an error."""
    if not (staff or window):
        raise EvaluationError("the event names neither a staff member nor a window", event_id=event)
    return answerable(staff, window)


class ChargeTo(StrEnum):
    """Who a rule charges: the staff member or the window (a case rule, TL-9, JA-4; an attendance rule)."""

    STAFF = "staff"
    WINDOW = "window"


def charged(to: ChargeTo, *, window: str | None, staff: str | None, case: str | None) -> Subject:
    """The subject charged: the one asked for if known, else the other, else the case, else the centre."""
    first, second = (staff, window) if to is ChargeTo.STAFF else (window, staff)
    kinds = _ORDER[to]
    if first:
        return subject(kinds[0], first)
    if second:
        return subject(kinds[1], second)
    return subject(SubjectKind.CASE, case) if case else subject(SubjectKind.CENTRE, "centre")


_ORDER = {
    ChargeTo.STAFF: (SubjectKind.STAFF, SubjectKind.WINDOW),
    ChargeTo.WINDOW: (SubjectKind.WINDOW, SubjectKind.STAFF),
}


class Citation(BaseModel):
    """Where a rule comes from: the document, the article, and the article's words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document: str = Field(description="The regulation, e.g. 县政务服务中心审批事项“六件”分类法操作规程.")
    article: str = Field(description="The article or clause, e.g. 一、(二)1.")
    quote: str = Field(description="The words of the article, quoted.")


class Sanction(BaseModel):
    """A sanction tier (批评教育, 通报批评 …) with its rank on the variant's ladder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tier: str = Field(description="The tier in the words of the regulation.")
    level: Count = Field(ge=1, description="Its rank: a higher level is a heavier sanction.")


class Measure(BaseModel):
    """A rate measured over a period (completion rate, satisfaction rate …), in percent.

    Measures travel as information verdicts so that assessment tables read one kind of
    input; ``value`` is ``100 × numerator / denominator``, exact.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="What is measured, e.g. completion_rate.")
    period: Period
    numerator: int = Field(ge=0)
    denominator: int = Field(gt=0)

    @property
    def value(self) -> Decimal:
        """The rate in percent."""
        return Decimal(100 * self.numerator) / Decimal(self.denominator)


class Occurrence(Result):
    """An earlier verdict that a count rests on (a sanction ladder, a disqualification)."""

    rule: RuleId = Field(description="The rule of the verdict counted (the first, when several were counted as one).")
    on: date = Field(description="The day that verdict is attributed to.")
    evidence: tuple[str, ...] = Field(default=(), description="The ids of the events it rests on.")
    also: tuple[RuleId, ...] = Field(
        default=(), description="The other rules whose verdicts on the same matter were counted as this occurrence.",
    )


class Verdict(Result):
    """One finding of one policy about one subject.

    Points are signed (a deduction is negative); money is in yuan, kept apart from
    points (SC-9): ``fine`` is deducted from the subject's pay or assessment bonus,
    ``bonus_share`` is a fraction of the annual bonus, and ``reimbursement`` is owed
    to the applicant (OTN-5), never counted as a fine.

    A verdict that judges a deadline carries its ``deadline`` trace, and ``due`` and
    ``actual`` as the trace has them; :attr:`days_late` reads the trace's count.

    Its words are data: :attr:`message` is the sentence's message id with the facts it
    needs, written when read — :attr:`explanation` in Chinese, the views in the reader's
    language. In JSON it is the Chinese ``explanation``.
    """

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    rule: RuleId
    variant: str
    source: Citation
    subject: Subject
    kind: VerdictKind
    on: date = Field(description="The day the verdict is attributed to (for periods and ladders).")
    message: Text = Field(alias="explanation", description="A short explanation in Chinese.")
    points: Number = Field(default=ZERO, description="Signed assessment points.")
    fine: Number = Field(default=ZERO, ge=0, description="Money deducted, in yuan.")
    bonus_share: Number = Field(default=ZERO, ge=0, le=1, description="Fraction of the annual bonus deducted.")
    reimbursement: Number = Field(default=ZERO, ge=0, description="Yuan owed to the applicant.")
    sanction: Sanction | None = None
    deadline: DeadlineTrace | None = Field(default=None, description="How a due date was reached.")
    due: date | None = Field(default=None, description="For a verdict on a deadline: the last day in time.")
    actual: date | None = Field(default=None, description="For a verdict on a deadline: the day it was done, if done.")
    measure: Measure | None = Field(default=None, description="For a measured rate: what, over which period.")
    quantity: Number | None = Field(
        default=None, description="How much of the offence, in the unit its explanation names (half days absent …)."
    )
    occurrences: tuple[Occurrence, ...] = Field(
        default=(), description="For a verdict reached by counting: the verdicts counted, earliest first."
    )
    evidence: tuple[str, ...] = Field(default=(), description="Ids of the events the verdict rests on.")
    case: str | None = None
    inquiry: str | None = Field(default=None, description="For a first-inquiry verdict: the inquiry (咨询) concerned.")
    complaint: str | None = Field(default=None, description="For a complaint verdict: the complaint (投诉) concerned.")
    lead: str | None = Field(
        default=None, description="For a joint case (联办件): its lead window (牵头部门), as the JA-1 rule names it.",
    )
    window: str | None = None
    staff: str | None = None
    provisional: bool = Field(default=False, description="Rests on a year without an official calendar (CAL-3).")
    code: str | None = Field(default=None, description="A finer key within the rule (e.g. a finding code).")
    version: date | None = Field(
        default=None, exclude_if=lambda day: day is None,
        description="For a rule whose parameters change over time: the day the parameters it was judged by took "
        "effect (absent: the variant's values are in force always).",
    )

    @property
    def explanation(self) -> str:
        """The explanation in Chinese (:attr:`message` written out)."""
        return str(self.message)

    @property
    def days_late(self) -> int | None:
        """For a verdict on a deadline: the days after ``due`` it was done, or is still open (its trace's count)."""
        return self.deadline.days_late if self.deadline is not None else None

    @property
    def sort_key(self) -> tuple[date, str, str, str, str, tuple[str, ...], str]:
        """The order of verdicts in a report: by day, rule, subject, case, evidence, kind.

        A subject sorts as its ``kind:id`` text would (no kind's name begins another's), and
        a kind as its value: both without building a string per verdict.
        """
        # The fields read as the items of the model's dicts: a report sorts tens of thousands of verdicts, and
        # pydantic's attribute hook makes each attribute of a model cost several times a dict's item.
        fields = self.__dict__
        subject = fields["subject"].__dict__
        return (fields["on"], fields["rule"], subject["kind"], subject["id"], fields["case"] or "", fields["evidence"],
                fields["kind"])

    def concerns(self, subject: Subject) -> bool:
        """Is ``subject`` the subject of this verdict, or its case, window or staff member?"""
        if subject == self.subject:
            return True
        related = {SubjectKind.CASE: self.case, SubjectKind.WINDOW: self.window, SubjectKind.STAFF: self.staff}
        return related.get(subject.kind) == subject.id
