"""Explain: the story of one subject in one period, in order — events, verdicts, arithmetic.

For a staff member, a window or a case, :func:`explain` lists each event that concerns
it, each verdict about it with its rule, article and the numbers it carries, and the
totals they add up to, so that a reader can follow every point lost. For a subject the
variant's assessment tables score, it adds the scorecards of the period: each category
and item with its base, each deduction or bonus with the verdict it came from, clamps
and overflow, the total, eligibility and the place in the ranking (SC).

An event concerns a subject when one of its fields names it: ``staff`` or any field
ending in ``_staff`` names a staff member, likewise ``window``/``_window``,
``case``/``_case`` and ``centre``. Fields marked confidential (CMP-7) are never shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.books import collector_paused
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.deadlines import TimeLimit
from bianmin_rules.core.engine import Progress, evaluate
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase, is_confidential
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.periods import Period
from bianmin_rules.core.report import Report, SubjectTotal, subject_totals
from bianmin_rules.core.scorecards.cards import Card, Standing
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Subject, SubjectKind, Verdict
from bianmin_rules.core.words import Arg, Joined, Message, Text, joined, say, word
from bianmin_rules.views.labels import Words, zh

HIDDEN_FIELDS = frozenset({"id", "at", "type"})


class StoryStep(BaseModel):
    """One line of the story: an event, or a verdict."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True,
    )

    day: date
    at: datetime | None = None
    event: str | None = None
    """For an event: its id."""
    verdict: Verdict | None = None
    message: Text = Field(alias="text")
    """The line, as words: an event's type and fields (:func:`describe`), or the verdict's line
    (:func:`verdict_line`); ``text`` in JSON."""

    @property
    def text(self) -> str:
        """The line in Chinese (:attr:`message` written out)."""
        return str(self.message)


class Explanation(BaseModel):
    """The story of one subject in one period, and what it adds up to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    variant: str
    subject: Subject
    period: Period | None
    as_of: date
    steps: tuple[StoryStep, ...]
    total: SubjectTotal
    cards: tuple[Card, ...] = Field(default=(), description="The subject's scorecards for periods meeting the period.")
    standings: tuple[Standing, ...] = Field(default=(), description="The rankings those cards take part in.")


def public_fields(event: EventBase) -> dict[str, object]:
    """The event's fields that may be shown: given in the log, not confidential, not the envelope."""
    return {
        name: getattr(event, name) for name in type(event).model_fields
        if name in event.model_fields_set and name not in HIDDEN_FIELDS and not is_confidential(type(event), name)
    }


def names(event: EventBase, subject: Subject) -> bool:
    """Does one of the event's fields name ``subject``?"""
    fields = event.__dict__  # where pydantic keeps them: read as a dict, not through the model's __iter__
    if subject.id not in fields.values():  # most events of a log do not: one scan in C decides
        return False
    kind = subject.kind.value
    suffix = f"_{kind}"
    return any(
        value == subject.id and isinstance(value, str) and (name == kind or name.endswith(suffix))
        for name, value in fields.items()
    )


def describe(event: EventBase) -> Message:
    """One line for an event: its type and its shown fields, as the log names them.

    Names and values are the log's own; a time limit is words (``5个工作日``), written in
    the reader's language when the line is.
    """
    kind = str(event.type)  # type: ignore[attr-defined]
    fields = public_fields(event)
    return Message("{type}: {fields}", {"type": kind, "fields": described(fields.items())}) if fields else Message(kind)


def described(fields: Iterable[tuple[str, object]]) -> Joined:
    """``name=value, …``: fields as :func:`describe` writes them."""
    return joined((Message("{name}={value}", {"name": name, "value": describe_value(value)})
                   for name, value in fields), ", ")


def describe_value(value: object) -> Arg:
    """One field's value in a few words: a limit as the texts write it, a model as its given fields."""
    if isinstance(value, tuple | list):
        return joined(("[", joined(map(describe_value, value), ", "), "]"), "")
    if isinstance(value, TimeLimit):
        return value.words()
    if isinstance(value, BaseModel):
        return joined(("{", described((k, getattr(value, k)) for k in value.model_fields_set), "}"), "")
    if isinstance(value, Decimal):
        return plain(value)
    return str(getattr(value, "value", value))


def verdict_line(verdict: Verdict) -> Message:
    """A verdict's line as words written when read: rule, article, kind, explanation and the numbers it carries.

    A verdict of rules that change over time names the day those it was judged by took effect.
    """
    numbers: list[Arg] = [
        say("{label} {amount}", label=word(label), amount=amount)
        for label, amount in ((zh("分"), verdict.points), (zh("罚款(元)"), verdict.fine),
                              (zh("年终奖比例"), verdict.bonus_share), (zh("应赔付申请人(元)"), verdict.reimbursement))
        if amount
    ]
    if verdict.sanction:
        numbers.append(say("处理：{tier}", tier=verdict.sanction.tier))
    source = verdict.source
    return say(
        "[{rule} · {document} {article}{version}] {kind}：{explanation}{details}",
        rule=verdict.rule, document=source.document, article=source.article,
        version=say(" · {day}起施行的规定", day=verdict.version) if verdict.version is not None else "",
        kind=verdict.kind.value, explanation=verdict.message,
        details=say("（{details}）", details=joined(numbers, zh("；"))) if numbers else "",
    )


def verdict_text(verdict: Verdict, words: Words | None = None) -> str:
    """A verdict's line (:func:`verdict_line`) in the language of ``words`` (default: Chinese)."""
    return (words or Words())(verdict_line(verdict))


def step_text(step: StoryStep, words: Words) -> str:
    """A step's line in the language of ``words`` (an event's names and values are its log's, as written)."""
    return words(step.message if step.verdict is None else verdict_line(step.verdict))


def explain(
    variant: Variant, events: Iterable[EventBase], *, subject: Subject, as_of: date, period: Period | None = None,
    calendar: WorkCalendar | None = None, progress: Progress | None = None,
) -> Explanation:
    """The story of ``subject`` under ``variant``, as of ``as_of``, within ``period`` (default: all).

    ``progress`` is told of the evaluation's stages, as :func:`~bianmin_rules.evaluate` tells them.

    Raises :class:`~bianmin_rules.core.errors.EvaluationError` when no event of the log names
    the subject: an empty story would pass for a spotless one.
    """
    kept: list[EventBase] = []
    # Paused through the story too: the report is hundreds of thousands of live objects,
    # and each pass of the collector would scan them all (docs/performance.md).
    with collector_paused():
        report = evaluate(
            variant, keep_matching(events, subject, kept), as_of=as_of, calendar=calendar, progress=progress,
        )
        if not kept:
            raise EvaluationError(f"no event of the log names {subject.kind.value} {subject.id!r}")
        return story(report, kept, subject=subject, period=period)


def keep_matching(events: Iterable[EventBase], subject: Subject, kept: list[EventBase]) -> Iterator[EventBase]:
    """Pass every event on, keeping aside those that name ``subject``."""
    for event in events:
        if isinstance(event, EventBase) and names(event, subject):  # anything else: the engine says what it expected
            kept.append(event)
        yield event


def story(report: Report, events: Iterable[EventBase], *, subject: Subject, period: Period | None) -> Explanation:
    """Interleave a subject's events and verdicts by day, events first within a day."""
    def within(day: date) -> bool:
        return period is None or day in period

    event_steps = [
        StoryStep(day=e.at.date(), at=e.at, event=e.id, message=describe(e))
        for e in sorted(events, key=lambda e: e.sort_key)
        if within(e.at.date()) and e.at.date() <= report.as_of
    ]
    verdicts = [v for v in report.about(subject) if within(v.on)]
    verdict_steps = [StoryStep(day=v.on, verdict=v, message=verdict_line(v)) for v in verdicts]
    steps = sorted(event_steps + verdict_steps, key=lambda s: (s.day, s.verdict is not None))
    # Every verdict about the subject counts: a window answers for its staff's cases too.
    about = [v.model_copy(update={"subject": subject}) for v in verdicts]
    (total,) = subject_totals(about) or (SubjectTotal(subject=subject),)
    cards = tuple(card for card in report.cards_of(subject) if period is None or overlaps(card.period, period))
    ranked = {(card.scorecard, card.period) for card in cards}
    standings = tuple(s for s in report.standings if (s.scorecard, s.period) in ranked)
    return Explanation(
        variant=report.variant, subject=subject, period=period, as_of=report.as_of, steps=tuple(steps), total=total,
        cards=cards, standings=standings,
    )


def overlaps(first: Period, second: Period) -> bool:
    """Do two periods share a day (a quarter and its year, a month and its quarter)?"""
    return first.start <= second.end and second.start <= first.end


def subject_of(kind: str, identifier: str) -> Subject:
    """A subject from its kind's name (staff, window, case, centre) and id."""
    return Subject(kind=SubjectKind(kind), id=identifier)
