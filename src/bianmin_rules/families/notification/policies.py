"""One-time notification (一次性告知): OTN-1 … OTN-7.

A missing-materials notice (``missing_materials_notice``) is the one-time notice of a
case; later notices are second requests. The offence ladder of OTN-6 counts the
verdicts of these rules through the generic ``offence-ladder`` (families/ladders/policies.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Count
from bianmin_rules.core.deadlines import Clock, Limit
from bianmin_rules.core.policy import Context
from bianmin_rules.core.verdicts import ZERO, Verdict, VerdictKind
from bianmin_rules.core.words import Message, counted, joined, say, zh
from bianmin_rules.families.cases.base import CaseDeadlinePolicy, CasePolicy, Timed
from bianmin_rules.families.cases.events import NoticeContent, ReturnCause
from bianmin_rules.families.cases.ledger import CaseFile, MaterialsNotice, Rejection, Return

CONTENT_WORDS = {
    NoticeContent.HANDLING_UNIT: say("承办单位"),
    NoticeContent.HANDLER: say("经办人员"),
    NoticeContent.APPLICATION_DATE: say("申报时间"),
    NoticeContent.MATTER: say("申报事项"),
    NoticeContent.PROCEDURE: say("办理程序"),
    NoticeContent.MATERIALS: say("所需材料或需补充的材料和手续"),
    NoticeContent.PROMISED_LIMIT: say("承诺时限"),
    NoticeContent.ENQUIRY: say("查询方式"),
    NoticeContent.FEES: say("收费标准"),
    NoticeContent.LEGAL_BASIS: say("办事依据"),
    NoticeContent.CONDITIONS: say("办理条件"),
}

NOTICE_FORM_CONTENTS = (
    NoticeContent.HANDLING_UNIT, NoticeContent.HANDLER, NoticeContent.APPLICATION_DATE, NoticeContent.MATTER,
    NoticeContent.PROCEDURE, NoticeContent.MATERIALS, NoticeContent.PROMISED_LIMIT, NoticeContent.ENQUIRY,
)
"""What jiangxi-town's written notice must state (一次性告知制度 3, OTN-7)."""


class SingleNotice(CasePolicy):
    """OTN-2: all missing items in one notice; asking later for an item the first notice did not list is a violation.

    The violation is charged to whoever issued the first notice; items are compared as
    written, so logs should name items consistently. An item first asked for in a
    second request and repeated in a third is charged once.
    """

    kind: Literal["single-notice"] = "single-notice"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per later notice that asks for items not listed before."""
        for file in self.cases_with(books, context, MaterialsNotice):
            notices = file.of(MaterialsNotice)
            if len(notices) < 2:
                continue
            first = notices[0]
            listed = set(first.items)
            for later in notices[1:]:
                new = [item for item in later.items if item not in listed]
                listed.update(later.items)
                if new:
                    yield self.about(
                        context, file, on=later.day, evidence=(first.event, later.event),
                        window=first.window, staff=first.staff,
                        explanation=say(
                            "{first}的一次性告知未列明“{items}”，{later}又要求补交；应当一次性告知需补齐的全部材料。",
                            first=first.day, items=joined(new), later=later.day,
                        ),
                    )


class NoticeDeadline(CaseDeadlinePolicy):
    """OTN-3: a notice that cannot be given on the spot follows within ``limit``.

    ``limit`` has no default: jianshe-street writes 5 working days (窗口服务规范 五), the
    village template leaves "不得超过____个工作日" blank, and a variant that leaves it
    blank fails to load, naming the key. It runs from the receipt of an application
    with incomplete materials; with ``written_only`` only a written notice meets it.
    """

    kind: Literal["notice-deadline"] = "notice-deadline"
    limit: Limit = Field(description="The latest notice after receipt (no default: the texts leave blanks).")
    written_only: bool = Field(default=False, description="Only a written notice meets the limit.")

    def admits(self, file: CaseFile) -> bool:
        """Cases received with incomplete materials."""
        return file.received_on is not None and not file.materials_complete

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The notice's limit from receipt."""
        receipt = file.receipt
        assert receipt is not None
        notice = next((n for n in file.of(MaterialsNotice) if n.written or not self.written_only), None)
        clock = Clock(self.limit, receipt.day, zh("收件之日"))
        yield Timed(file, clock, notice, self.duty, receipt.window, receipt.staff, action=zh("一次性告知"))

    @cached_property
    def duty(self) -> Message:
        """The duty, in words."""
        return say("申请材料不齐全的，应一次性告知需补齐的全部材料，确实不能当场告知的应在{limit}内告知",
                   limit=self.limit.words())


class RejectionReasons(CasePolicy):
    """OTN-4: a rejection (驳回件, 退回件) gives its reasons in writing."""

    kind: Literal["rejection-reasons"] = "rejection-reasons"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each rejection without written reasons."""
        for file in self.cases_with(books, context, Rejection):
            rejection = file.rejection
            if rejection is None or (rejection.written and rejection.reasons):
                continue
            missing = say("未说明理由") if not rejection.reasons else say("理由未以书面形式告知")
            yield self.about(
                context, file, on=rejection.day, evidence=(rejection.event,), window=rejection.window,
                staff=rejection.staff,
                explanation=say("{day}作退回处理，{missing}；应书面一次性告知退回原因。",
                                day=rejection.day, missing=missing),
            )


class RepeatTrips(CasePolicy):
    """OTN-5: the applicant had to come back because of a missing or incomplete notice.

    One violation per case once the applicant has made ``min_trips`` trips in all, the
    first visit included (jiangxi-town "造成服务对象2次以上往返跑的，每件扣3分";
    community-hall "致使服务对象跑二趟"; the texts do not say whether the first visit is
    a trip: the default 2 reads it as one). Only trips with one of ``causes`` count.
    With ``reimburse_travel`` (community-hall), the handler owes the applicant the
    recorded round-trip costs: a reimbursement, never a fine (SC-9). The trip's
    ``staff`` answers; else whoever gave the first notice; else whoever received the case.
    """

    kind: Literal["repeat-trips"] = "repeat-trips"
    causes: tuple[ReturnCause, ...] = Field(
        default=(ReturnCause.NO_NOTICE, ReturnCause.INCOMPLETE_NOTICE), description="The causes that count."
    )
    min_trips: Count = Field(default=2, ge=2, description="Trips in all, the first visit included.")
    reimburse_travel: bool = Field(default=False, description="The handler reimburses the recorded travel costs.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per case with enough caused trips."""
        for file in self.cases_with(books, context, Return):
            trips = [r for r in file.of(Return) if r.cause in self.causes]
            if 1 + len(trips) >= self.min_trips:
                yield self.judge(file, trips, context)

    def judge(self, file: CaseFile, trips: list[Return], context: Context) -> Verdict:
        """The verdict on one case's repeat trips."""
        reached = trips[self.min_trips - 2]
        notice = file.first(MaterialsNotice)
        staff = next((t.staff for t in trips if t.staff), notice.staff if notice else None)
        window = next((t.window for t in trips if t.window), notice.window if notice else None)
        words = counted("因未一次性告知或告知不全，服务对象往返{n}次（再次来访：{days}）", n=1 + len(trips),
                        days=joined(t.day for t in trips))
        reimbursement = ZERO
        if self.reimburse_travel:
            reimbursement = sum((t.travel_cost for t in trips if t.travel_cost is not None), Decimal(0))
            unknown = sum(1 for t in trips if t.travel_cost is None)
            words = say("{trips}；承办人应赔偿往返交通费{yuan}元", trips=words, yuan=str(reimbursement))
            if unknown:
                words = counted("{words}（另有{n}次往返的交通费未记录，未计入）", words=words, n=unknown)
        receipt = file.receipt
        assert receipt is not None
        return self.about(
            context, file, on=reached.day, evidence=(receipt.event, *(t.event for t in trips)), window=window,
            staff=staff, explanation=say("{words}。", words=words), reimbursement=reimbursement,
        )


class NoticeContentCheck(CasePolicy):
    """OTN-7 (and OTN-1): a written notice states everything the variant requires.

    ``required`` defaults to jiangxi-town's list (一次性告知制度 3: 承办单位、经办人员、申报
    时间、申报事项、规定办理程序和材料或需补充材料和手续、承诺时限和查询方式); OTN-1's lists
    (materials, procedure, limit, fees, legal basis) are other values. A notice lists the
    items to supplement, so it always states ``materials``. A notice not in writing is
    incomplete when ``require_written``. A notice whose content the log does not record
    cannot be checked: a warning by default (``when_unrecorded``), unless ``required``
    asks for nothing but the materials its items list.
    """

    kind: Literal["notice-content"] = "notice-content"
    required: tuple[NoticeContent, ...] = Field(default=NOTICE_FORM_CONTENTS, min_length=1)
    require_written: bool = Field(default=True, description="The notice must be in writing.")
    when_unrecorded: Literal["ignore", "warning"] = Field(default="warning", description="A notice without `states`.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each incomplete notice; a warning for each unrecorded one."""
        for file in self.cases_with(books, context, MaterialsNotice):
            for notice in file.of(MaterialsNotice):
                verdict = self.judge(file, notice, context)
                if verdict is not None:
                    yield verdict

    def judge(self, file: CaseFile, notice: MaterialsNotice, context: Context) -> Verdict | None:
        """The verdict on one notice, if any."""
        defects = []
        if self.require_written and not notice.written:
            defects.append(say("未出具书面告知单"))
        if notice.states is None:
            if not defects and (self.when_unrecorded == "ignore" or self.required == (NoticeContent.MATERIALS,)):
                return None
            if not defects:
                return self.about(
                    context, file, kind=VerdictKind.WARNING, on=notice.day, evidence=(notice.event,),
                    window=notice.window, staff=notice.staff,
                    explanation=say("{day}的一次性告知单未记录所载内容，无法核对是否载明全部事项。", day=notice.day),
                )
        else:
            missing = [CONTENT_WORDS[c] for c in self.required
                       if c not in notice.states and c is not NoticeContent.MATERIALS]
            if missing:
                defects.append(say("未载明{items}", items=joined(missing)))
        if not defects:
            return None
        return self.about(
            context, file, on=notice.day, evidence=(notice.event,), window=notice.window, staff=notice.staff,
            explanation=say("{day}的一次性告知单不完整：{defects}。",
                            day=notice.day, defects=joined(defects, zh("；"))),
        )
