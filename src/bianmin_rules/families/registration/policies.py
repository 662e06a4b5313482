"""Registration and where cases are handled: REG-3, REG-4, REG-5, REG-6."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.deadlines import SAME_DAY, Clock, Limit
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import ChargeTo, Verdict, VerdictKind, charged
from bianmin_rules.core.words import Message, joined, say, zh
from bianmin_rules.families.cases.base import CaseDeadlinePolicy, CasePolicy, Timed
from bianmin_rules.families.cases.ledger import (
    CaseFile,
    Completion,
    FalseCompletion,
    OnlineMaterials,
    PaperDemand,
    Registration,
)
from bianmin_rules.families.registration.events import OutsideWay
from bianmin_rules.families.registration.ledger import OUTSIDE, REFUSALS, Entry


class TimelyRegistration(CaseDeadlinePolicy):
    """REG-3: a case received at a window enters the online system on receipt, never after completion.

    "应及时录入网上审批系统，不得在办结后补录" (jiangxi-town 网上办理制度 2): the entry is due
    ``within`` the receipt ("及时" is not quantified; default the same day, as guangwu-street
    第十六条 "受理申报材料后应立即 … 在行政审批系统中登记"). An entry after the completion is a
    violation even on the same day; its verdict carries the entry's deadline all the same.
    Cases received online are registered by receipt.
    """

    kind: Literal["timely-registration"] = "timely-registration"
    within: Limit = Field(
        default=SAME_DAY, description="The latest entry after receipt."
    )

    def admits(self, file: CaseFile) -> bool:
        """Cases received at a window (not online)."""
        return file.received_on is not None and not file.online

    def timed(self, file: CaseFile, context: Context) -> Iterator[Timed]:
        """The entry's limit from receipt."""
        receipt = file.receipt
        assert receipt is not None
        clock = Clock(self.within, receipt.day, zh("收件之日"))
        duty = zh("窗口收件应及时录入网上审批系统，不得在办结后补录")
        yield Timed(
            file, clock, file.first(Registration), duty, receipt.window, receipt.staff, action=zh("录入网上审批系统")
        )

    def judge(self, timed: Timed, context: Context) -> Iterator[Verdict]:
        """An entry after completion; otherwise the entry's limit."""
        entry, completion = timed.done, timed.file.completion
        if entry is not None and completion is not None and entry.order > completion.order:
            yield self.about(
                context, timed.file, on=entry.day, evidence=(completion.event, entry.event), window=entry.window,
                staff=entry.staff, **self.met_on(timed, entry.day, context),
                explanation=say("{completed}办结后才于{entered}录入网上审批系统（办结后补录）。",
                                completed=completion.day, entered=entry.day),
            )
            return
        yield from super().judge(timed, context)


class FakedCompletion(CasePolicy):
    """REG-3: "实际未办结，但弄虚作假点击办结的" — a completion found false.

    Charged to whoever recorded the completion, once per completion found false
    (jiangxi-town 业务管理: −2 per case). The case itself is open again for every time
    limit (``completion_found_false``).
    """

    kind: Literal["faked-completion"] = "faked-completion"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each completion recorded before a finding that it was false."""
        for file in self.cases_with(books, context, FalseCompletion):
            voided: list[Completion] = []
            for step in file.steps:
                if isinstance(step, Completion):
                    voided.append(step)
                elif isinstance(step, FalseCompletion):
                    yield from (self.judge(file, completion, step, context) for completion in voided)
                    voided.clear()

    def judge(self, file: CaseFile, completion: Completion, found: FalseCompletion, context: Context) -> Verdict:
        """The verdict on one false completion."""
        return self.about(
            context, file, on=found.day, evidence=(completion.event, found.event), window=completion.window,
            staff=completion.staff,
            explanation=say("{completed}在系统中点击办结，{found}查实实际未办结（弄虚作假点击办结）。",
                            completed=completion.day, found=found.day),
        )


def entry_violation(policy: PolicyBase, to: ChargeTo, entry: Entry, context: Context, explanation: Message) -> Verdict:
    """A violation about a refusal or an outside handling, charged as ``to`` says."""
    return policy.verdict(
        context, subject=charged(to, window=entry.window, staff=entry.staff, case=entry.case),
        kind=VerdictKind.VIOLATION, on=entry.day, explanation=explanation, evidence=(entry.event,), case=entry.case,
        window=entry.window, staff=entry.staff,
    )


class RefusalRecorded(PolicyBase):
    """REG-4: every refusal to accept or handle is recorded (and, where required, reported).

    guangwu-street 第十九条 "作出不予受理等决定的，须做好记录"; shouzhan-town (六) "应当登记备案并
    向主管负责人报告" (``require_report``).
    """

    kind: Literal["refusal-recorded"] = "refusal-recorded"
    require_report: bool = Field(default=False, description="Refusals must also be reported to the supervisor.")
    charge_to: ChargeTo = Field(default=ChargeTo.STAFF, description="Who answers.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each refusal not recorded (or not reported)."""
        for refusal in books[REFUSALS]:
            defects = []
            if not refusal.recorded:
                defects.append(say("未登记备案"))
            if self.require_report and not refusal.reported:
                defects.append(say("未向主管负责人报告"))
            if not defects:
                continue
            what = say("“{matter}”", matter=refusal.matter) if refusal.matter else say("申请")
            yield entry_violation(
                self, self.charge_to, refusal, context,
                say("{day}对{what}作出不予受理或不予办理的决定，{defects}（否定报备）。",
                    day=refusal.day, what=what, defects=joined(defects)),
            )


OUTSIDE_WORDS = {
    OutsideWay.ACCEPTED_OUTSIDE: say("在部门另行受理已进驻中心的事项（两头受理）"),
    OutsideWay.CERTIFICATE_OUTSIDE: say("在窗口受理、在单位发证"),
    OutsideWay.CHARGED_OUTSIDE: say("在中心办证、在部门收费"),
    OutsideWay.SENT_TO_DEPARTMENT: say("要求服务对象到本部门或上级部门办理已纳入中心受理的事项"),
}


class OutsideCentre(PolicyBase):
    """REG-5: handling outside the centre (体外循环), one violation per occurrence.

    county-centre window 办件管理 2 (−2 per case, the ways ``accepted_outside``,
    ``certificate_outside``, ``charged_outside``), staff 业务技能 1 (−2 per case,
    ``sent_to_department``); guangwu-street 第三十八条(三) (100 yuan). ``ways`` picks which
    count.
    """

    kind: Literal["outside-centre"] = "outside-centre"
    ways: tuple[OutsideWay, ...] = Field(default=tuple(OutsideWay), min_length=1, description="The ways that count.")
    charge_to: ChargeTo = Field(default=ChargeTo.WINDOW, description="Who answers.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each matter handled outside in one of ``ways``."""
        for entry in books[OUTSIDE]:
            if entry.way in self.ways:
                what = say("{day}{way}（体外循环）。", day=entry.day, way=OUTSIDE_WORDS[entry.way])
                yield entry_violation(
                    self, self.charge_to, entry, context,
                    say("办件 {case}：{explanation}", case=entry.case, explanation=what) if entry.case else what,
                )


class DuplicatePaper(CasePolicy):
    """REG-6: no paper copies of materials already received online or obtainable by data sharing.

    shandong-guideline 第十九条: "已在线收取申请材料或通过部门间数据共享能获取规范化电子材料的，
    不得要求申请人重复提交纸质材料". Items are compared as written.
    """

    kind: Literal["duplicate-paper"] = "duplicate-paper"

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each demand that includes such items."""
        for file in self.cases_with(books, context, PaperDemand):
            online: set[str] = set()
            for step in file.steps:
                if isinstance(step, OnlineMaterials):
                    online.update(step.items)
                elif isinstance(step, PaperDemand):
                    verdict = self.judge(file, step, online, context)
                    if verdict is not None:
                        yield verdict

    def judge(self, file: CaseFile, demand: PaperDemand, online: set[str], context: Context) -> Verdict | None:
        """The verdict on one demand for paper copies, if it repeats any material."""
        received = [i for i in demand.items if i in online]
        shared = [i for i in demand.items if i in demand.obtainable_by_sharing and i not in online]
        if not received and not shared:
            return None
        parts = []
        if received:
            parts.append(say("“{items}”已在线收取", items=joined(received)))
        if shared:
            parts.append(say("“{items}”可通过部门间数据共享获取", items=joined(shared)))
        return self.about(
            context, file, on=demand.day, evidence=(demand.event,), window=demand.window, staff=demand.staff,
            explanation=say("{day}要求重复提交纸质材料：{parts}。", day=demand.day, parts=joined(parts, zh("，"))),
        )
