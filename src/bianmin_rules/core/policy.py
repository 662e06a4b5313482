"""The policy protocol: a small object that reads the books and yields verdicts.

A policy is a frozen pydantic model whose fields are its parameters, so that a variant
file can state them as data and a what-if can change them. It keeps no state between
calls: the same books and context always give the same verdicts.

A deadline policy also states the matters it times (:meth:`PolicyBase.matters`): its
verdicts judge them, and the agenda lists those still open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.bounds import Points, Yuan
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.verdicts import ZERO, Citation, RuleId, Subject, Verdict, VerdictKind
from bianmin_rules.core.words import Message, as_message

SourceT = TypeVar("SourceT")
DerivedT = TypeVar("DerivedT")


class Derived:
    """What several policies of one evaluation derive alike from the books, derived once.

    A variant judges the same case files under a dozen rules and the same inquiries
    under eight: an index of the cases by type, the responsibility chain of each
    inquiry. Each :class:`Context` carries its own (the engine gives every stage a new
    one, so that what the first stage derived is freed before the next builds its
    verdicts; a what-if keeps it for the same stage of a later variant with other
    policies); nothing outlives the evaluation.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[tuple[int, Callable[[Any], Any]], tuple[object, Any]] = {}

    def of(self, source: SourceT, derive: Callable[[SourceT], DerivedT]) -> DerivedT:
        """``derive(source)``, computed on the first call for this ``source`` object and remembered.

        The entry holds ``source`` itself, so it is found again only for that very
        object (books are immutable).
        """
        key = (id(source), derive)
        entry = self._values.get(key)
        if entry is None or entry[0] is not source:
            entry = self._values[key] = (source, derive(source))
        value: DerivedT = entry[1]
        return value

    def forget(self, source: object) -> None:
        """Drop what was derived from ``source`` (books freed while the stage goes on)."""
        self._values = {key: entry for key, entry in self._values.items() if entry[0] is not source}


@dataclass(frozen=True, slots=True)
class Context:
    """What a policy may know besides the books: the variant, the calendar and the day of evaluation."""

    variant: str
    """The name of the variant being applied."""
    calendar: WorkCalendar
    """The one calendar every date goes through."""
    as_of: date
    """The day of evaluation: open matters are judged as they stand on this day."""
    include_compliance: bool = False
    """Also report rules that were checked and met."""
    verdicts: tuple[Verdict, ...] = ()
    """For policies of a later stage: the verdicts of the earlier stages."""
    policies: tuple[PolicyBase, ...] = ()
    """The variant's policies of the kinds the policy reading this context consults
    (:attr:`PolicyBase.consults`): a rule that reads a term another rule defines finds it
    there (the lead department of a joint case is JA-1's)."""
    derived: Derived = field(default_factory=Derived, compare=False, repr=False)
    """What the policies reading this context derive alike from the books, derived once."""


@runtime_checkable
class Policy(Protocol):
    """What the engine needs of a policy."""

    rule: str
    stage: ClassVar[int]

    def evaluate(self, books: Books, context: Context) -> Iterable[Verdict]:
        """The verdicts this policy finds in ``books``."""
        ...

    def open_matters(self, books: Books, context: Context) -> Iterable[Matter[Any]]:
        """The matters this policy times that are still open on ``context.as_of`` (the agenda's)."""
        ...

    @property
    def warns_within(self) -> int | None:
        """The working days before a due day at which this policy warns (TL-10), if it does."""
        ...


class PolicyBase(BaseModel):
    """Base of the library's policies: the rule it encodes, its source, and its penalty.

    Subclasses add a ``kind`` literal (the name a variant file uses) and their own
    parameters. ``points`` (signed) and ``fine`` are what the rule's own text attaches
    to one violation; assessment tables may score the verdicts differently.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: ClassVar[int] = 0
    """Policies of stage 0 read the books; later stages also read earlier verdicts."""
    consults: ClassVar[tuple[str, ...]] = ()
    """The kinds of the variant's other policies whose terms this rule reads: the engine
    hands it those policies, and only those, in :attr:`Context.policies`. What a policy
    finds depends on nothing else but the books, the calendar, the day, the earlier
    verdicts and these policies, which is what lets a what-if judge a policy equal in
    two variants once (:func:`~bianmin_rules.core.engine.evaluate_all`). A variant that
    changes over time judges such a rule with the policies of each version in turn."""

    reads_office_hours: ClassVar[bool] = False
    """Does the rule count against the office hours (lateness, absence, time off post, days of leave, CAL-2)?"""

    measures_periods: ClassVar[bool] = False
    """Does the rule measure a rate over each period of its ``period`` (TL-12, SC-5 …)? Such a rate is one
    matter of its whole period, judged by the rules in force on the period's first day."""

    id: str | None = Field(
        default=None, description="How a variant extending this one addresses the policy (default: its rule ID)."
    )
    rule: RuleId
    source: Citation
    points: Points = Field(default=ZERO, description="Signed points per violation (a deduction is negative).")
    fine: Yuan = Field(default=ZERO, ge=0, description="Yuan deducted per violation.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """The verdicts this policy finds in ``books``."""
        raise NotImplementedError

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Any]]:
        """Every matter this policy times, open or done, as the books stand on ``context.as_of`` (none by default).

        A deadline policy states here each thing it gives a due day (a case's limit, an
        answer owed, a report due) and its verdicts judge these very matters, so that the
        agenda, which lists the open ones (:meth:`open_matters`), and the verdicts read one
        due date.
        """
        return iter(())

    def open_matters(self, books: Books, context: Context) -> Iterator[Matter[Any]]:
        """The matters of :meth:`matters` not done on ``context.as_of``: what the agenda lists of this policy.

        A policy may pass over more here where its rule does not hold the open matter's lateness
        against anyone (a complaint whose delay was explained in time is tracked by CMP-4).
        """
        return (matter for matter in self.matters(books, context) if matter.done is None)

    @property
    def warns_within(self) -> int | None:
        """The working days before a due day at which this policy warns (TL-10), if it does (None by default)."""
        return None

    @property
    def reads_verdicts_of(self) -> frozenset[str] | None:
        """The rules whose earlier verdicts this rule reads (a policy of a later stage); None (the default): any.

        A what-if judges a policy of a later stage once for two variants when the verdicts
        of these rules are the same in both (:func:`~bianmin_rules.core.engine.evaluate_all`):
        a ladder counting TL-7 is judged again when TL-7 changed, not when TL-11 did.
        """
        return None

    @property
    def reads(self) -> tuple[Book[Any], ...] | None:
        """The books this rule reads; None (the default): it may read any.

        An evaluation frees each book once the last rule that reads it has been judged
        (:class:`~bianmin_rules.core.books.Release`): a rule of a later stage that reads
        few books (a ladder counting verdicts) says which, so that the others are freed
        before it builds its verdicts. A rule that reads a book it does not name here
        finds it freed, and the evaluation fails saying so.
        """
        return None

    def verdict(
        self, context: Context, *, subject: Subject, kind: VerdictKind, on: date, explanation: str | Message,
        **details: Any,
    ) -> Verdict:
        """A verdict of this policy; a violation carries the policy's points and fine.

        The verdict is provisional when any of its days lies in a year without an official
        calendar (CAL-3).
        """
        if kind is VerdictKind.VIOLATION:
            details = {"points": self.points, "fine": self.fine, **details}
        return Verdict(
            rule=self.rule, variant=context.variant, source=self.source, subject=subject, kind=kind,
            on=on, message=explanation, provisional=rests_on_provisional(context, on, details), **details,
        )

    def valid_verdict(
        self, context: Context, *, subject: Subject, kind: VerdictKind, on: date, explanation: str | Message,
        **details: Any,
    ) -> Verdict:
        """The verdict :meth:`verdict` gives, of ``details`` that are values of the kinds a verdict holds already.

        For a rule that finds verdicts by the thousand (a case deadline rule), whose
        details are a day, a decimal of points, a tuple of event ids, a validated trace …:
        the verdict is not validated again
        (:meth:`Result.of_valid <bianmin_rules.core.results.Result.of_valid>`).
        """
        if kind is VerdictKind.VIOLATION:
            details = {"points": self.points, "fine": self.fine, **details}
        return Verdict.of_valid(
            rule=self.rule, variant=context.variant, source=self.source, subject=subject, kind=kind,
            on=on, message=as_message(explanation), provisional=rests_on_provisional(context, on, details), **details,
        )

    def verdict_like(self, verdict: Verdict, context: Context, **changes: Any) -> Verdict:
        """A verdict of this policy like ``verdict`` (one it found in ``context``) but for ``changes``.

        For a rule that finds verdicts alike by the thousand (a ladder past its top rung:
        the same rule, tier and money, another day, count and list): the values changed
        are of the kinds a verdict holds already — a day, words, a count, the records and
        events of validated verdicts — and are not validated again. It is provisional as
        :meth:`verdict` tells.
        """
        provisional, fields = context.calendar.is_provisional, verdict.__dict__  # its fields read as a dict's items
        due, actual = changes.get("due", fields["due"]), changes.get("actual", fields["actual"])
        changes["provisional"] = (provisional(changes.get("on", fields["on"])) or (due is not None and provisional(due))
                                  or (actual is not None and provisional(actual)))
        return verdict.restated_with(changes)


def rests_on_provisional(context: Context, on: date, details: Mapping[str, Any]) -> bool:
    """Whether a verdict on ``on`` (with the ``due`` and ``actual`` days of ``details``) rests on a year without an
    official calendar (CAL-3)."""
    calendar = context.calendar
    return calendar.is_provisional(on) or any(
        isinstance(day, date) and calendar.is_provisional(day) for day in (details.get("due"), details.get("actual"))
    )
