"""Time limits for handling cases (限时办结): TL-1 … TL-10.

Every policy here judges its limits through :class:`CaseDeadlinePolicy`: the clock
(start rule, suspensions TL-8, extensions capped at the statutory limit TL-5), lateness
and its penalty in the variant's unit (TL-9), and early warnings (TL-10).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Share
from bianmin_rules.core.deadlines import (
    EXTENSION_WORDS,
    SAME_DAY,
    Clock,
    ClockStart,
    ExtensionRequest,
    ExtensionStatus,
    Limit,
    TimeLimit,
    count_due,
    fraction_of,
    limit_to_date,
)
from bianmin_rules.core.duties import duty_done
from bianmin_rules.core.policy import Context
from bianmin_rules.core.verdicts import Verdict, VerdictKind
from bianmin_rules.core.words import Message, joined, say, word, zh
from bianmin_rules.families.cases.base import (
    CaseDeadlinePolicy,
    Judged,
    SubRule,
    Timed,
    case_index,
    clock_start,
    start_of,
    under,
)
from bianmin_rules.families.cases.ledger import (
    KIND_BITS,
    CaseFile,
    Explanation,
    Extension,
    PromiseNotice,
    Rejection,
    Suspension,
)

_HELD_OR_EXTENDED = KIND_BITS[Suspension] | KIND_BITS[Extension]


class ImmediateSameDay(CaseDeadlinePolicy):
    """TL-1: an immediate case (即办件) is completed on the spot, the same day.

    Working past closing time for an applicant still present is the same day (CAL-5).
    """

    kind: Literal["immediate-same-day"] = "immediate-same-day"
    case_types: tuple[str, ...] = ("immediate",)

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every immediate case judged, but for those closed on the day of receipt.

        Those met the same-day limit, which ends on that very day, and no verdict
        concerns them unless compliance is reported: most immediate cases (87% of a
        synthetic log), passed over without a clock.
        """
        for file in self.cases(books, context):
            if not self.closed_within(file, SAME_DAY, context):
                yield from self.judge_file(file, context)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The same-day limit from receipt."""
        receipt = file.receipt
        assert receipt is not None
        clock = Clock(SAME_DAY, receipt.day, zh("受理之日"))
        yield Timed(file, clock, file.closed, zh("即办件应当场或当天办结"), receipt.window, receipt.staff)


class ExtensionCheck(SubRule):
    """TL-5: extensions only for special reasons, never past the statutory maximum, told in writing.

    A violation for each extension that would carry the due date past the statutory
    limit (the due date stops at the statutory one), that came after the due date had
    passed (it does not move the due date), that was not told to the applicant in
    writing (``require_written``) or not copied to the centre
    (``require_copy_to_centre``, jiangxi-town 按时办结 3). A warning for an extension of a
    case whose statutory limit is unknown. With ``unexplained_overdue`` (town-basic 限时办结
    4), an overdue case with no explanation or extension before its due date is "视作当事人
    的申诉处理": a complaint-grade violation; explained only after the due date, a violation.
    """

    require_written: bool = Field(default=True, description="The applicant must be told in writing.")
    require_copy_to_centre: bool = Field(default=False, description="The notice must be copied to the centre.")
    unexplained_overdue: bool = Field(default=True, description="Judge overdue cases for a prior explanation.")


class _PromisedBase(CaseDeadlinePolicy):
    """A promised limit (承诺时限) counted from the start rule, with extensions (TL-2, TL-4, TL-5)."""

    start: ClockStart = Field(default=ClockStart.DAY_AFTER_RECEIPT, description="When the limit starts to run.")
    default_limit: Limit | None = Field(
        default=None, description="The limit of a case promised none (no library default: the texts differ)."
    )
    statutory_fallback: bool = Field(
        default=False, description="A case promised no limit is held to its statutory limit (法定或者承诺的时限)."
    )
    require_limit: bool = Field(default=True, description="A case with no promised limit or date is a violation.")
    extension: ExtensionCheck | None = Field(default=None, description="The TL-5 checks of extensions.")
    duty: str = Field(default=zh("承诺件应在承诺时限内办结"), description="The duty, in words, for explanations.")

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """The limit judged; a violation when the clock could run but no limit was ever set (TL-2)."""
        if self.plainly_met(file, context):
            return
        timed = self.promised(file)
        if timed is not None:
            yield from self.judge(timed, context)
        elif self.require_limit and start_of(file, self.start) is not None:
            yield self.without_limit(file, context)

    def plainly_met(self, file: CaseFile, context: Context) -> bool:
        """Whether the case was closed within the receipt's promised limit, never suspended or extended.

        No verdict concerns such a case unless compliance is reported: most promised
        cases, told apart here without a clock.
        The due date is the one :meth:`promised` gives a clock of that limit alone.
        """
        closed_on, limit = file.closed_on, file.promised_limit
        if closed_on is None or limit is None or context.include_compliance or file.kinds & _HELD_OR_EXTENDED:
            return False
        begun = clock_start(file, self.start)
        if begun is None:
            return False
        day, counted = begun
        due = count_due(limit, day, context.calendar, counts_start_day=counted)
        return due is not None and closed_on <= due

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The promised limit, when the clock has started and a limit was set."""
        timed = self.promised(file)
        if timed is not None:
            yield timed

    def promised(self, file: CaseFile) -> Timed | None:
        """The receipt's promised limit from the start rule, else the date of the receipt notice (TL-3)."""
        receipt = file.receipt
        begun = start_of(file, self.start, receipt)
        if receipt is None or begun is None:
            return None
        step, words, counted = begun
        evidence: tuple[str, ...] = (step.event,)
        limit = receipt.promised_limit
        if limit is None:
            notice = file.first(PromiseNotice)
            if notice is not None:
                step, counted, evidence = receipt, False, (notice.event,)
                words = say("受理之日（受理通知书承诺{promised}办结）", promised=notice.promised_date)
                limit = limit_to_date(receipt.day, notice.promised_date)
            elif self.statutory_fallback and receipt.statutory_limit is not None:
                limit, words = receipt.statutory_limit, say("{start}（未承诺时限，按法定时限）", start=words)
            elif self.default_limit is not None:
                limit, words = self.default_limit, say("{start}（未单独承诺，按一般办理时限）", start=words)
            else:
                return None
        extensions = file.of(Extension)
        requests: tuple[ExtensionRequest, ...] = ()
        if extensions:
            requests = tuple(ExtensionRequest(e.day, e.new_limit) for e in extensions)
            evidence += tuple(e.event for e in extensions)
        clock = Clock(limit, step.day, words, counted, file.pauses(), requests, receipt.statutory_limit)
        return Timed(file, clock, file.closed, self.duty, receipt.window, receipt.staff, evidence)

    def without_limit(self, file: CaseFile, context: Context) -> Verdict:
        """TL-2: the case was never told a definite completion time."""
        receipt = file.receipt
        assert receipt is not None
        return self.about(
            context, file, on=receipt.day, evidence=(receipt.event,),
            explanation=say("{duty}，但收件时未定承诺时限，也未出具写明办结日期的受理通知书。", duty=word(self.duty)),
        )

    def has_side_verdicts(self, timed: Timed, late: int) -> bool:
        """TL-5 checks: when the case was extended or is late."""
        return self.extension is not None and bool(timed.clock.extensions or late)

    def side_verdicts(self, judged: Judged, context: Context) -> Iterator[Verdict]:
        """The TL-5 checks of the case's extensions and of its lateness."""
        check = self.extension
        if check is None:
            return
        file = judged.timed.file
        steps = file.of(Extension)
        for step, trace in zip(steps, judged.schedule.extensions, strict=True):
            yield from self.check_extension(judged, step, trace.status, check, context)
        if judged.late and check.unexplained_overdue:
            yield from self.check_explained(judged, check, context)

    def check_extension(
        self, judged: Judged, step: Extension, status: ExtensionStatus, check: ExtensionCheck, context: Context
    ) -> Iterator[Verdict]:
        """One extension: within the statutory limit, in time, in writing, copied to the centre."""
        clock = judged.timed.clock
        defects: list[Message] = []
        if status is ExtensionStatus.CAPPED and clock.statutory is not None:
            defects.append(say(
                "延期至{limit}后整个办结时间超过法定最高期限{statutory}（法定届满日{due}）",
                limit=step.new_limit.words(), statutory=clock.statutory.words(),
                due=str(judged.schedule.statutory_due)))
        if status is ExtensionStatus.TOO_LATE:
            defects.append(EXTENSION_WORDS[status])
        if check.require_written and not step.applicant_told_in_writing:
            defects.append(say("未书面告知申请人延期理由和延期时限"))
        if check.require_copy_to_centre and not step.copied_to_centre:
            defects.append(say("未抄送中心管理机构"))
        if not defects and status is not ExtensionStatus.UNCAPPED:
            return
        kind = VerdictKind.VIOLATION if defects else VerdictKind.WARNING
        words = joined(defects, zh("；")) if defects else say("办件未登记法定时限，无法核对延期是否超过法定最高期限")
        yield self.extension_verdict(
            judged, check, context, kind=kind, on=step.day, evidence=(step.event,),
            explanation=say("{day}以“{reason}”为由延期：{defects}。", day=step.day, reason=step.reason, defects=words),
        )

    def check_explained(self, judged: Judged, check: ExtensionCheck, context: Context) -> Iterator[Verdict]:
        """An overdue case: explained to the applicant before its due date, or handled as a complaint."""
        file = judged.timed.file
        told = [s for s in (*file.of(Explanation), *file.of(Extension)) if s.day <= judged.on]
        if any(s.day <= judged.due for s in told):
            return
        if told:
            first = min(told, key=lambda s: s.order)
            words = say("逾期后才于{day}向服务对象说明原因，未事先说明", day=first.day)
            evidence: tuple[str, ...] = (first.event,)
        else:
            words = say("逾期既无特殊理由又未事先向服务对象说明，视作当事人的申诉处理")
            evidence = ()
        yield self.extension_verdict(
            judged, check, context, kind=VerdictKind.VIOLATION, on=judged.on, evidence=evidence,
            explanation=say("届满日为{due}，{words}。", due=judged.due, words=words),
        )

    def extension_verdict(
        self, judged: Judged, check: ExtensionCheck, context: Context, *, kind: VerdictKind, on: date,
        evidence: tuple[str, ...], explanation: Message,
    ) -> Verdict:
        """A TL-5 verdict about the case of ``judged``."""
        timed = judged.timed
        verdict = self.about(
            context, timed.file, kind=kind, on=on, explanation=explanation, due=judged.due, actual=judged.actual,
            deadline=self.trace(judged), evidence=(*self.evidence(judged)[:1], *evidence), window=timed.window,
            staff=timed.staff,
        )
        return under(verdict, check)


class PromisedLimit(_PromisedBase):
    """TL-2 (with TL-3, TL-5, TL-8, TL-9): a promised case is completed within its promised limit.

    The limit is the receipt's ``promised_limit``; without one, the date written in the
    receipt notice (TL-3); without either, the receipt's ``statutory_limit`` where
    ``statutory_fallback`` is set (``shouzhan-town`` 第十条(五) "在法定或者承诺的时限内办结");
    else ``default_limit`` where the variant sets one
    (town-conduct-100 限时办结制度 2: "一般办理限时为3—5日", the unit unstated — the
    variant writes the amount and the unit it reads); else, with ``require_limit``, the
    case was never told a definite completion time: a violation. Reported-upward cases
    (上报件) are "按承诺件管理" (CASE-1) and may be listed in ``case_types``.
    """

    kind: Literal["promised-limit"] = "promised-limit"
    case_types: tuple[str, ...] = ("promised",)


class SupplementClock(_PromisedBase):
    """TL-4: a supplement case's limit counts from the day its materials are complete."""

    kind: Literal["supplement-clock"] = "supplement-clock"
    case_types: tuple[str, ...] = ("supplement",)
    start: ClockStart = ClockStart.MATERIALS_COMPLETE
    require_limit: bool = False
    duty: str = zh("补办件的办事时限从补齐材料之日起计算")


class ReceiptNotice(CaseDeadlinePolicy):
    """TL-3: a promised case gets a written receipt notice stating its completion date.

    The notice is due ``within`` the receipt (default: the same day, "收件后，须打印填写 …
    受理通知书交服务对象"); a notice whose date lies after the due date of the promised
    limit is a violation too, whose ``due`` is that due date and ``actual`` the date promised.
    """

    kind: Literal["receipt-notice"] = "receipt-notice"
    case_types: tuple[str, ...] = ("promised",)
    within: Limit = Field(default=SAME_DAY, description="When the notice is due after receipt.")

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """The notice judged, but for one given on the day of receipt and promising a date the limit allows.

        Such a notice met its limit (no due date comes before the day its clock starts)
        and no verdict concerns it unless compliance is reported: nearly every notice of
        a synthetic log, passed over without a clock.
        """
        received, notice = file.received_on, file.first(PromiseNotice)
        if received is not None and notice is not None and notice.day <= received and not context.include_compliance:
            latest = self.latest_promise(file, context)
            if latest is None or notice.promised_date <= latest:
                return
        yield from super().judge_file(file, context)

    def latest_promise(self, file: CaseFile, context: Context) -> date | None:
        """The latest date a notice may promise: the due date of the promised limit, if there is one."""
        limit, received = file.promised_limit, file.received_on
        return None if limit is None or received is None else limit.due_date(received, context.calendar)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The notice's own limit from receipt."""
        receipt = file.receipt
        assert receipt is not None
        clock = Clock(self.within, receipt.day, zh("受理之日"))
        yield Timed(file, clock, file.first(PromiseNotice), zh("承诺件须出具写明承诺办结时限的受理通知书"),
                    receipt.window, receipt.staff, action=zh("出具受理通知书"))

    def judge(self, timed: Timed, context: Context) -> Iterator[Verdict]:
        """The notice's limit, and the date it promises."""
        yield from super().judge(timed, context)
        yield from self.check_date(timed, context)

    def check_date(self, timed: Timed, context: Context) -> Iterator[Verdict]:
        """A notice promising a date later than the promised limit allows."""
        file, notice = timed.file, timed.done
        receipt = file.receipt
        if not isinstance(notice, PromiseNotice) or receipt is None or receipt.promised_limit is None:
            return
        limit = receipt.promised_limit
        latest = self.latest_promise(file, context)
        if latest is None or notice.promised_date <= latest:
            return
        promise = duty_done(context, due=latest, done=notice.promised_date, unit=self.late_unit)
        yield self.about(
            context, file, on=notice.day, evidence=(receipt.event, notice.event),
            **promise.fields(limit, receipt.day, zh("受理之日")),
            explanation=say(
                "受理通知书承诺{promised}办结，晚于承诺时限{limit}自受理之日（{receipt}）起算的届满日{latest}。",
                promised=notice.promised_date, limit=limit.words(), receipt=receipt.day, latest=latest,
            ),
        )


class GreenChannel(CaseDeadlinePolicy):
    """TL-6: a key project's limit is compressed to at most ``fraction`` of its statutory limit.

    "压缩到行政法规规定的办结时限的一半以上" is read as "to half or less" (the default
    fraction 0.5); the compressed limit is rounded down to whole units, suspensions
    (TL-8) stop it, extensions do not lengthen it. The text regulates the limit itself
    ("审批的时限要压缩到…"; "缩短的时限对外公布"): a key project promised a longer limit — on
    receipt, or in its receipt notice — is a violation on the day of the promise, whether
    or not the case is then done in time; that verdict's ``code`` is ``promise``, so that
    a table pricing overdue cases can leave it out. A key project whose statutory limit is
    not recorded cannot be judged: a warning says so.
    """

    kind: Literal["green-channel"] = "green-channel"
    fraction: Share = Field(default=Decimal("0.5"), gt=0, le=1, description="The share of the statutory limit.")
    start: ClockStart = Field(default=ClockStart.DAY_AFTER_RECEIPT, description="When the limit starts to run.")

    def admits(self, file: CaseFile) -> bool:
        """Key projects (``key_project``)."""
        return file.received_on is not None and file.key_project

    def cases(self, books: Books, context: Context) -> list[CaseFile]:
        """The covered cases: key projects are few, and found without a call per case."""
        return [f for f in case_index(books, context).of_types(self.case_types) if f.key_project]

    def judge_file(self, file: CaseFile, context: Context) -> Iterator[Verdict]:
        """The compressed limit judged, or a warning that it cannot be computed."""
        receipt = file.receipt
        assert receipt is not None
        if receipt.statutory_limit is None:
            yield self.about(
                context, file, kind=VerdictKind.WARNING, on=receipt.day, evidence=(receipt.event,),
                explanation=say("重点项目未登记法定时限，无法计算绿色通道时限。"),
            )
            return
        yield from self.check_promise(file, receipt.statutory_limit, context)
        yield from super().judge_file(file, context)

    def check_promise(self, file: CaseFile, statutory: TimeLimit, context: Context) -> Iterator[Verdict]:
        """A violation when the limit promised (on receipt, else in the notice) ends after the compressed one."""
        receipt = file.receipt
        assert receipt is not None
        calendar, compressed = context.calendar, fraction_of(statutory, self.fraction)
        latest = compressed.due_date(receipt.day, calendar)
        notice = file.first(PromiseNotice)
        evidence: tuple[str, ...]
        if receipt.promised_limit is not None:
            promised = receipt.promised_limit
            on, evidence, due = receipt.day, (receipt.event,), promised.due_date(receipt.day, calendar)
            words = say("收件时承诺时限{limit}（届满日{due}）", limit=promised.words(), due=due)
        elif notice is not None:
            on, evidence, due = notice.day, (receipt.event, notice.event), notice.promised_date
            words = say("受理通知书承诺{due}办结", due=due)
        else:
            return
        if due <= latest:
            return
        yield self.about(
            context, file, on=on, evidence=evidence, due=latest, code="promise",
            explanation=say("{duty}，即{limit}，自受理之日（{receipt}）起算届满日为{latest}；{promise}，超过压缩后的时限。",
                            duty=self.duty_of(statutory), limit=compressed.words(), receipt=receipt.day, latest=latest,
                            promise=words),
        )

    def duty_of(self, statutory: TimeLimit) -> Message:
        """The duty, in words."""
        return say("重点项目绿色通道：办结时限压缩到法定时限{limit}的{fraction}以内", limit=statutory.words(),
                   fraction=f"{self.fraction:%}")

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The compressed limit from the start rule."""
        receipt = file.receipt
        begun = start_of(file, self.start, receipt)
        if receipt is None or begun is None or receipt.statutory_limit is None:
            return
        step, words, counted = begun
        statutory = receipt.statutory_limit
        clock = Clock(
            limit=fraction_of(statutory, self.fraction), start=step.day, start_rule=words, counts_start_day=counted,
            pauses=file.pauses(), statutory=statutory,
        )
        yield Timed(file, clock, file.closed, self.duty_of(statutory), receipt.window, receipt.staff, (step.event,))


class RejectionDecision(CaseDeadlinePolicy):
    """TL-7: an ineligible application is rejected on the spot, a complex one within 3 working days."""

    kind: Literal["rejection-decision"] = "rejection-decision"
    case_types: tuple[str, ...] = ("rejected",)
    limit: Limit = Field(default=TimeLimit(amount=3), description="The latest decision (default 3 working days).")

    def cases(self, books: Books, context: Context) -> list[CaseFile]:
        """A case classed as to be rejected, or any case that was rejected.

        A case classed as to be rejected must be decided within the limit even if the
        decision is still missing.
        """
        types, rejected = self.case_types, KIND_BITS[Rejection]
        return [f for f in case_index(books, context).received if f.case_type in types or f.kinds & rejected]

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """Every covered case judged, but for those closed within the limit, passed over without a clock."""
        for file in self.cases(books, context):
            if not self.closed_within(file, self.limit, context):
                yield from self.judge_file(file, context)

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The decision limit from receipt."""
        receipt = file.receipt
        assert receipt is not None
        clock = Clock(self.limit, receipt.day, zh("收件之日"))
        yield Timed(file, clock, file.closed, self.duty, receipt.window, receipt.staff, action=zh("作出决定"))

    @cached_property
    def duty(self) -> Message:
        """The duty, in words."""
        return say("驳回件明显不符合条件的应当场告知，复杂的最迟于收件后{limit}内作出决定", limit=self.limit.words())
