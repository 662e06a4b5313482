"""The judge every case deadline goes through: one clock, one trace, one way to count lateness.

A :class:`CaseDeadlinePolicy` names, for each case it covers, the limits to judge
(:class:`Timed`: a :class:`~bianmin_rules.core.deadlines.Clock`, the step that met it, who
answers for it): its verdicts judge them, and the agenda lists those not yet met (as
:class:`~bianmin_rules.core.matters.Matter`). The judgement is shared: the due date after suspensions (TL-8) and
extensions (TL-5), lateness in the variant's unit with per-case and per-day penalties
(TL-9), early warnings (TL-10), and compliance verdicts on request. A verdict's
explanation narrates the count so that a reader can redo it by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Points, WholeDays, Yuan
from bianmin_rules.core.deadlines import (
    WARNING_DAYS,
    Clock,
    ClockStart,
    Count,
    DeadlineTrace,
    LimitUnit,
    Schedule,
    TimeLimit,
    amount_words,
    late_words,
    lateness,
)
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import ZERO, ChargeTo, Citation, RuleId, Verdict, VerdictKind, charged
from bianmin_rules.core.words import Message, as_message, say, word, zh
from bianmin_rules.families.cases.ledger import (
    CASE_FILES,
    KIND_BITS,
    CaseBook,
    CaseFile,
    MaterialsDone,
    Receipt,
    Step,
    file_of,
)

_RECEIPT, _DAY_AFTER_RECEIPT = ClockStart.RECEIPT, ClockStart.DAY_AFTER_RECEIPT
"""Looked up once: reading an enum member off its class is an attribute search, on every case."""


def start_of(
    file: CaseFile, start: ClockStart, receipt: Receipt | None = None,
) -> tuple[Step, str | Message, bool] | None:
    """The step that starts a case's clock, the words for it, and whether its day is counted (TL-4).

    None when the clock has not started: a clock counted from complete materials waits
    for them. ``receipt`` is the file's, where the caller has it already.
    """
    receipt = receipt or file.receipt
    if receipt is None:
        return None
    if start is _DAY_AFTER_RECEIPT:
        return receipt, zh("受理之日"), False
    if start is _RECEIPT:
        return receipt, zh("受理之日（当日计入）"), True
    if receipt.materials_complete:
        return receipt, zh("受理之日（收件时材料齐全）"), False
    complete = file.first(MaterialsDone)
    return None if complete is None else (complete, zh("补齐材料之日"), False)


def clock_start(file: CaseFile, start: ClockStart) -> tuple[date, bool] | None:
    """The day :func:`start_of` starts the clock from, and whether that day is counted, read off the file."""
    received = file.received_on
    if received is None:
        return None
    if start is _DAY_AFTER_RECEIPT:
        return received, False
    if start is _RECEIPT:
        return received, True
    if file.materials_complete:
        return received, False
    done = file.first(MaterialsDone)
    return None if done is None else (done.day, False)


class SubRule(BaseModel):
    """A rule judged together with a deadline, with its own catalogue ID, article and penalty."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: RuleId
    source: Citation
    points: Points = Field(default=ZERO, description="Signed points per violation.")
    fine: Yuan = Field(default=ZERO, ge=0, description="Yuan per violation.")


class EarlyWarning(SubRule):
    """TL-10: a warning for each open matter due within ``within`` working days of ``as_of``.

    The texts set no threshold; the library's default is 2 working days.
    """

    within: WholeDays = Field(default=WARNING_DAYS, ge=0, description="Warn when due within this many working days.")


class Timed(NamedTuple):
    """One limit of one case to judge: its clock, the step that met it, and who answers for it."""

    file: CaseFile
    clock: Clock
    done: Step | None
    duty: str | Message
    """The duty, in words, e.g. 即办件应当场或当天办结 (a word of the catalogue, or a variant's own)."""
    window: str | None
    staff: str | None
    evidence: tuple[str, ...] = ()
    """The events the clock rests on besides the receipt and the step that met it."""
    action: str = zh("完成")
    """What meeting the limit is called, for explanations: 完成, 作出决定, 发出告知 …"""


class Judged(NamedTuple):
    """A settled deadline: its schedule, the day it was met (if it was), and the days late."""

    timed: Timed
    schedule: Schedule
    due: date
    actual: date | None
    on: date
    late: int
    """0 when in time, else at least 1: a matter done on a closed day after its due day is late by a day."""


Placing = tuple[str | None, str | None, date, int]
"""Where a rule places a case: its receiving window and staff member, the first day of a period, a column."""


class CaseIndex:
    """The received case files of one set of books, by case type and by kind of step.

    A variant judges the same cases under a dozen rules; each rule used to scan every
    case file of the log for its own types. The index scans once and hands each rule its
    share, in case-id order.
    """

    def __init__(self, cases: Mapping[str, CaseFile]) -> None:
        self.received: Sequence[CaseFile] = (cases.received() if isinstance(cases, CaseBook)
                                             else tuple(f for f in cases.values() if f.received_on is not None))
        by_type: defaultdict[str | None, list[CaseFile]] = defaultdict(list)
        for file in self.received:
            by_type[file.case_type].append(file)
        self._by_type = {case_type: tuple(files) for case_type, files in by_type.items()}
        self._of_types: dict[tuple[str, ...], tuple[CaseFile, ...]] = {}
        self._holding: dict[type[Step], tuple[CaseFile, ...]] = {}
        self._placed: dict[Hashable, tuple[Mapping[str, date], Counter[Placing]]] = {}

    def of_types(self, types: tuple[str, ...]) -> Sequence[CaseFile]:
        """The received files of these case types (every type when empty), in case-id order."""
        if not types:
            return self.received
        if len(types) == 1:
            return self._by_type.get(types[0], ())
        files = self._of_types.get(types)
        if files is None:
            wanted = set(types)
            files = self._of_types[types] = tuple(
                f for f in self.received if f.case_type in wanted
            )
        return files

    def received_file(self, case: str) -> CaseFile | None:
        """The received file of ``case`` (None if the log did not receive it), found by bisection on the case ids."""
        return file_of(self.received, case)

    def placed(self, key: Hashable) -> tuple[Mapping[str, date], Counter[Placing]] | None:
        """The cases found late and the counts of cases placed by a rule reading these files under ``key`` (what
        decides its placing but for the late cases), as :meth:`keep_placed` kept them; None if none were kept."""
        return self._placed.get(key)

    def keep_placed(self, key: Hashable, late: Mapping[str, date], placed: Counter[Placing]) -> None:
        """Keep the cases found late and the counts of cases placed by a rule reading these files under ``key``,
        for a later variant whose same rule finds other cases late (neither is changed once kept)."""
        self._placed[key] = (late, placed)

    def holding(self, kind: type[Step]) -> tuple[CaseFile, ...]:
        """The received files that hold a step of ``kind``, in case-id order."""
        files = self._holding.get(kind)
        if files is None:
            bit = KIND_BITS[kind]
            files = self._holding[kind] = tuple(f for f in self.received if f.kinds & bit)
        return files


def case_index(books: Books, context: Context) -> CaseIndex:
    """The :class:`CaseIndex` of ``books``, built once for all the rules reading ``context``."""
    return context.derived.of(books[CASE_FILES], CaseIndex)


def borne_by(file: CaseFile, window: str | None, staff: str | None) -> tuple[str | None, str | None]:
    """The window and staff member who bear a matter of ``file``: those named, else who received the case.

    A window named without a staff member (a participating window of a joint case that has
    not decided) is not given the receiving staff member of another window.
    """
    if window is None:
        return file.window, staff or file.staff
    return window, staff or (file.staff if window == file.window else None)


class CasePolicy(PolicyBase):
    """A rule about the cases of some types, charged to the staff member or the window."""

    case_types: tuple[str, ...] = Field(default=(), description="The case-type codes the rule applies to (empty: all).")
    charge_to: ChargeTo = Field(default=ChargeTo.STAFF, description="Who answers: the staff member or the window.")

    def covers(self, file: CaseFile) -> bool:
        """Whether the rule applies to the case: received, of a covered type, and admitted."""
        return (file.received_on is not None and (not self.case_types or file.case_type in self.case_types)
                and self.admits(file))

    def admits(self, file: CaseFile) -> bool:
        """A further condition on a received case of a covered type (none by default)."""
        return True

    def cases(self, books: Books, context: Context) -> list[CaseFile]:
        """The covered cases, in case-id order."""
        typed = case_index(books, context).of_types(self.case_types)
        if type(self).admits is CasePolicy.admits:
            return list(typed)
        return [f for f in typed if self.admits(f)]

    def cases_with(self, books: Books, context: Context, kind: type[Step]) -> list[CaseFile]:
        """The covered cases that hold a step of ``kind``, in case-id order.

        The same as the covered cases less those without such a step, which a rule about
        that step can skip unread.
        """
        types = self.case_types
        holding = case_index(books, context).holding(kind)
        typed = [f for f in holding if f.case_type in types] if types else holding
        return [f for f in typed if self.admits(f)]

    def about(
        self, context: Context, file: CaseFile, *, on: date, explanation: Message, evidence: tuple[str, ...],
        kind: VerdictKind = VerdictKind.VIOLATION, window: str | None = None, staff: str | None = None,
        valid: bool = False, **details: Any,
    ) -> Verdict:
        """A verdict about ``file`` charged to ``window``/``staff`` (default: who received the case).

        ``valid``: ``details`` are values valid already (:meth:`~bianmin_rules.core.policy.PolicyBase.valid_verdict`).
        """
        window, staff = borne_by(file, window, staff)
        return (self.valid_verdict if valid else self.verdict)(
            context, subject=charged(self.charge_to, window=window, staff=staff, case=file.case), kind=kind, on=on,
            explanation=say("办件 {case}：{explanation}", case=file.case, explanation=explanation),
            evidence=evidence, case=file.case, window=window, staff=staff, **details,
        )


class CaseDeadlinePolicy(CasePolicy):
    """Shared judgement of case deadlines (TL-1 … TL-10, OTN-3, JA-2, REG-3).

    ``case_types`` limits the rule to those case types (empty: every type). A late
    matter costs ``points`` plus ``points_per_day`` for each day late, counted in
    ``late_unit`` (TL-9: "每超过1天" does not say which day; working days by default),
    charged to the staff member or the window (``charge_to``). ``warning`` adds the
    early warnings of TL-10.
    """

    late_unit: LimitUnit = Field(
        default=LimitUnit.WORKING_DAYS, description="The unit days late are counted in (TL-9)."
    )
    points_per_day: Points = Field(default=ZERO, description="Signed points per day late, besides `points` (TL-9).")
    warning: EarlyWarning | None = Field(default=None, description="Early warnings before the due date (TL-10).")

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The limits of one case this rule judges: what its verdicts judge and the agenda lists."""
        raise NotImplementedError

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every covered case's limits, judged."""
        for file in self.cases(books, context):
            yield from self.judge_file(file, context)

    def limits(self, books: Books, context: Context) -> Iterator[Timed]:
        """Every limit of every covered case (:meth:`timed`), in case-id order."""
        for file in self.cases(books, context):
            yield from self.timed(file, context)

    def matters(self, books: Books, context: Context) -> Iterator[Matter[CaseFile]]:
        """Every limit of every covered case, as a matter."""
        return map(self.matter, self.limits(books, context))

    def open_matters(self, books: Books, context: Context) -> Iterator[Matter[CaseFile]]:
        """The limits not yet met; only those are made matters."""
        return (self.matter(timed) for timed in self.limits(books, context) if timed.done is None)

    def matter(self, timed: Timed) -> Matter[CaseFile]:
        """A limit as a matter: charged as :meth:`about` charges its verdicts."""
        file = timed.file
        window, staff = borne_by(file, timed.window, timed.staff)
        return Matter(
            file, timed.clock, timed.done.day if timed.done is not None else None, timed.duty, timed.action,
            charged(self.charge_to, window=window, staff=staff, case=file.case), window, staff, case=file.case,
            evidence=self.evidence_of(timed), late_unit=self.late_unit, first_day_late=True,
        )

    @property
    def warns_within(self) -> int | None:
        """The TL-10 threshold of :attr:`warning`, if the rule warns."""
        return None if self.warning is None else self.warning.within

    def closed_within(self, file: CaseFile, limit: TimeLimit, context: Context) -> bool:
        """Whether the case was closed within ``limit`` from its receipt, compliance unreported.

        A rule whose only clock is ``limit`` from the day of receipt (that day not itself
        counted, no suspensions), met by the closing and without side verdicts, has
        nothing to say about such a case: it may pass it over without a clock.
        """
        closed_on, received_on = file.closed_on, file.received_on
        if closed_on is None or received_on is None or context.include_compliance:
            return False
        # Closed on the day of receipt: within any limit, as no due date comes before it.
        return closed_on <= received_on or closed_on <= limit.due_date(received_on, context.calendar)

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """The verdicts on one case: by default, the judgement of each of its limits."""
        for timed in self.timed(file, context):
            yield from self.judge(timed, context)

    def judge(self, timed: Timed, context: Context) -> Iterator[Verdict]:
        """A violation if the limit was missed, a warning if it is close, compliance on request."""
        judged = self.settle(timed, context)
        if judged is None:
            return
        yield from self.side_verdicts(judged, context)
        if judged.actual is None and judged.late == 0:
            yield from self.warn(judged, context)
        elif judged.late:
            yield self.deadline_verdict(judged, context, VerdictKind.VIOLATION)
        elif context.include_compliance:
            yield self.deadline_verdict(judged, context, VerdictKind.COMPLIANCE)

    def settle(self, timed: Timed, context: Context) -> Judged | None:
        """The due date and the lateness of one limit, when a verdict may follow; else None.

        None while a suspension holds the clock, and for a limit met in time that no
        verdict concerns — most limits of a log, so the full schedule (with its
        suspension and extension traces) is only worked out when it will be shown.
        """
        clock, calendar = timed.clock, context.calendar
        due = clock.due(calendar)
        if due is None:
            return None
        done = timed.done
        actual = done.day if done is not None else None
        on = actual if actual is not None else context.as_of
        late = lateness(due, on, self.late_unit, calendar, first_day_late=True)
        if not (late or context.include_compliance or self.may_warn(due, actual, context)
                or self.has_side_verdicts(timed, late)):
            return None
        return Judged(timed, clock.settle(calendar), due, actual, on, late)

    def may_warn(self, due: date, actual: date | None, context: Context) -> bool:
        """Whether an open limit is within the early-warning threshold (TL-10)."""
        warning = self.warning
        return (actual is None and warning is not None
                and context.calendar.working_days_between(context.as_of, due) <= warning.within)

    def has_side_verdicts(self, timed: Timed, late: int) -> bool:
        """Whether :meth:`side_verdicts` may find anything for this limit (none by default)."""
        return False

    def side_verdicts(self, judged: Judged, context: Context) -> Iterator[Verdict]:
        """Verdicts of rules judged together with the deadline (none by default)."""
        return iter(())

    def deadline_verdict(self, judged: Judged, context: Context, kind: VerdictKind) -> Verdict:
        """The verdict on one limit, with its trace and, when late, its penalty."""
        timed = judged.timed
        action = word(timed.action)
        if judged.actual is None:
            outcome = say("截至{on}尚未{action}，已逾期{late}", on=judged.on, action=action,
                          late=late_words(judged.late, self.late_unit))
        elif judged.late:
            outcome = say("实际于{actual}{action}，逾期{late}", actual=judged.actual, action=action,
                          late=late_words(judged.late, self.late_unit))
        else:
            outcome = say("实际于{actual}{action}，未超时限", actual=judged.actual, action=action)
        details: dict[str, Any] = {}
        if kind is VerdictKind.VIOLATION:
            details["points"] = self.points + self.points_per_day * judged.late
        trace = self.trace(judged)
        return self.about(
            context, timed.file, kind=kind, on=judged.on,
            explanation=say("{duty}。{count}；{outcome}。",
                            duty=as_message(timed.duty), count=Count(trace), outcome=outcome),
            deadline=trace, due=judged.due, actual=judged.actual, evidence=self.evidence(judged),
            window=timed.window, staff=timed.staff, valid=True, **details,
        )

    def warn(self, judged: Judged, context: Context) -> Iterator[Verdict]:
        """TL-10: an open limit due within the warning threshold."""
        warning = self.warning
        if warning is None or not self.may_warn(judged.due, judged.actual, context):
            return
        left = context.calendar.working_days_between(context.as_of, judged.due)
        timed = judged.timed
        trace = self.trace(judged)
        verdict = self.about(
            context, timed.file, kind=VerdictKind.WARNING, on=context.as_of,
            explanation=say(
                "{duty}。{count}；截至{as_of}尚未{action}，距届满还有{left}（预警线{within}）。",
                duty=as_message(timed.duty), count=Count(trace), as_of=context.as_of, action=word(timed.action),
                left=amount_words(left, LimitUnit.WORKING_DAYS),
                within=amount_words(warning.within, LimitUnit.WORKING_DAYS),
            ),
            deadline=trace, due=judged.due, evidence=self.evidence(judged),
            window=timed.window, staff=timed.staff,
        )
        yield under(verdict, warning)

    def met_on(self, timed: Timed, day: date, context: Context) -> dict[str, Any]:
        """``timed``'s limit judged as met on ``day``, as verdict fields: ``due``, ``actual`` and the ``deadline``.

        For a verdict about the limit whose act is not the one that met it (an entry after the
        completion, a deemed approval escaped by attending); the clock must not be held.
        """
        schedule = timed.clock.settle(context.calendar)
        due = schedule.due
        assert due is not None, "a held clock has no due date"
        late = lateness(due, day, self.late_unit, context.calendar, first_day_late=True)
        trace = timed.clock.trace(schedule, actual=day, days_late=late, late_unit=self.late_unit)
        return {"due": due, "actual": day, "deadline": trace}

    def trace(self, judged: Judged) -> DeadlineTrace:
        """The deadline trace of a settled limit."""
        return judged.timed.clock.trace(
            judged.schedule, actual=judged.actual, days_late=judged.late, late_unit=self.late_unit
        )

    def evidence(self, judged: Judged) -> tuple[str, ...]:
        """The events a deadline verdict rests on: receipt, the clock's own, and the step that met it."""
        return self.evidence_of(judged.timed)

    @staticmethod
    def evidence_of(timed: Timed) -> tuple[str, ...]:
        """The events a limit rests on: receipt, the clock's own, and the step that met it."""
        receipt = timed.file.receipt_event
        ids = [receipt] if receipt else []
        ids += timed.evidence
        if timed.done is not None:
            ids.append(timed.done.event)
        return tuple(dict.fromkeys(ids))


def under(verdict: Verdict, sub: SubRule) -> Verdict:
    """``verdict`` restated under a sub-rule's ID and article (and, for a violation, its penalty)."""
    changes: dict[str, Any] = {"rule": sub.rule, "source": sub.source}
    if verdict.kind is VerdictKind.VIOLATION:
        changes |= {"points": sub.points, "fine": sub.fine}
    return verdict.model_copy(update=changes)
