"""Complaints (投诉): answer limits, late answers, the form of the answer, escalation, verified complaints.

CMP-1…CMP-6 and CMP-8. A complaint's handling is charged to whoever accepted it
(``staff`` of ``complaint_received``, else its window, else the centre); a verified
complaint is charged to the staff member and/or window found at fault. No verdict of
this module can name the complainant or quote the complaint (CMP-7): the complaint
files it reads do not hold them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal, NamedTuple

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.deadlines import Clock, Limit, LimitUnit, TimeLimit, limit_to_date
from bianmin_rules.core.duties import judge_matter
from bianmin_rules.core.matters import Matter
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import Sanction, Subject, SubjectKind, Verdict, VerdictKind, answerable
from bianmin_rules.core.words import Message, joined, say, zh
from bianmin_rules.families.complaints.events import ComplaintCategory, ComplaintForm, ReplyForm
from bianmin_rules.families.complaints.ledger import (
    COMPLAINT_FILES,
    Answer,
    ComplaintFile,
    DelayNotice,
    Escalation,
    Lodged,
)

FORM_WORDS = {ComplaintForm.ORAL: say("口头"), ComplaintForm.PHONE: say("电话"), ComplaintForm.WRITTEN: say("书面")}
REPLY_WORDS = {ReplyForm.ORAL: zh("{day}口头"), ReplyForm.WRITTEN: zh("{day}书面")}
CATEGORY_WORDS = {
    ComplaintCategory.ORDINARY: say("一般投诉"), ComplaintCategory.COMPLEX: say("复杂投诉"),
    ComplaintCategory.MAJOR: say("重大投诉"),
}


def lodged_complaints(
    books: Books, categories: tuple[ComplaintCategory, ...],
) -> Iterator[tuple[ComplaintFile, Lodged]]:
    """Every complaint received in one of ``categories``, with its receipt."""
    for file in books[COMPLAINT_FILES].values():
        if file.lodged is not None and file.lodged.category in categories:
            yield file, file.lodged


class Handled(NamedTuple):
    """A complaint whose handling a matter times: its file and its receipt."""

    file: ComplaintFile
    lodged: Lodged


class ComplaintPolicy(PolicyBase):
    """Shared by the complaint policies: which complaints, and the verdict on the one who handles them."""

    categories: tuple[ComplaintCategory, ...] = Field(
        default=tuple(ComplaintCategory), min_length=1, description="The categories of complaint the rule covers.",
    )

    def handling_matter(
        self, file: ComplaintFile, lodged: Lodged, clock: Clock, *, done: date | None, duty: str | Message, action: str,
        evidence: tuple[str, ...], late_unit: LimitUnit = LimitUnit.WORKING_DAYS,
    ) -> Matter[Handled]:
        """A matter of a complaint's handling, borne by whoever accepted it (受理人), else its window or centre."""
        return Matter(
            Handled(file, lodged), clock, done, duty, action, answerable(lodged.staff, lodged.window, lodged.centre),
            lodged.window, lodged.staff, complaint=file.complaint, evidence=tuple(dict.fromkeys(evidence)),
            late_unit=late_unit,
        )

    def handling_verdict(
        self, context: Context, file: ComplaintFile, lodged: Lodged, *, on: date, explanation: Message,
        evidence: tuple[str, ...], kind: VerdictKind = VerdictKind.VIOLATION, **details: object,
    ) -> Verdict:
        """A verdict on whoever accepted the complaint (受理人), else its window, else the centre."""
        return self.verdict(
            context, subject=answerable(lodged.staff, lodged.window, lodged.centre), kind=kind, on=on,
            explanation=say("投诉 {complaint}（{form}，{category}）：{explanation}", complaint=file.complaint,
                            form=FORM_WORDS[lodged.form], category=CATEGORY_WORDS[lodged.category],
                            explanation=explanation), evidence=tuple(dict.fromkeys(evidence)),
            staff=lodged.staff, window=lodged.window, complaint=file.complaint, **details,
        )


class ComplaintAnswer(ComplaintPolicy):
    """CMP-1, CMP-2, CMP-3: a complaint is answered within its limit; CMP-4 when it is late but explained.

    One policy per line of a regulation: ``categories`` and ``limit``. town-basic (七)3
    and town-conduct-100 投诉制度 6: ordinary complaints on the spot, else "当日或次日"
    (``{unit = "next_day"}``); complex ones within one week (``{unit = "week"}``).
    jiangxi-town 投诉处理 (2) and county-centre 承诺 六: 5 working days. jianshe-street
    承诺 四: ordinary at once (``same_day``), those needing investigation 15 working days.

    "次日" may fall on a closed day. Whether it then means that calendar day or the next
    working day the texts do not say: ``limit.roll_past_holidays`` decides — true (the
    default) ends the limit on the next working day, as Chinese law does for periods
    ending on a holiday (民法典 第二百零三条); false keeps the calendar day.

    Late answers (CMP-4): when the complainant was told why, on or before the due day
    ("及时向投诉人说明情况"), the complaint is tracked: a ``explained_kind`` verdict
    (default a warning), not a violation. Late without an explanation is a violation.
    """

    kind: Literal["complaint-answer"] = "complaint-answer"
    limit: Limit = Field(description="The answer limit, from the day the complaint was received.")
    late_unit: LimitUnit = Field(default=LimitUnit.WORKING_DAYS, description="The unit days late are counted in.")
    explained_kind: Literal[VerdictKind.WARNING, VerdictKind.INFORMATION] = Field(
        default=VerdictKind.WARNING, description="The verdict on a late answer explained in time (CMP-4).",
    )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict for each complaint answered late, or still unanswered past its due day."""
        for matter in self.matters(books, context):
            duty = judge_matter(context, matter)
            if duty is None:
                continue
            (file, lodged), due = matter.about, duty.due
            explained = self.explained(file, due)
            kind = duty.kind
            outcome = duty.outcome(say("答复"), context.as_of)
            if duty.late and explained is not None:
                kind = self.explained_kind
                outcome = say("{outcome}；已于{day}向投诉人说明情况，跟踪处理（CMP-4）",
                              outcome=outcome, day=explained.day)
            elif duty.late and file.delay_notices:
                outcome = say("{outcome}；{day}才向投诉人说明情况，已超时限", outcome=outcome,
                              day=file.delay_notices[0].day)
            yield self.handling_verdict(
                context, file, lodged, kind=kind, on=duty.on,
                evidence=(*matter.evidence, *((explained.event,) if explained else ())),
                explanation=say(
                    "答复时限自受理之日（{day}）起算{limit}，{due}；{outcome}。",
                    day=lodged.day, limit=self.limit.words(),
                    due=self.limit.due_words(lodged.day, due, context.calendar), outcome=outcome,
                ),
                **duty.matter_fields(matter),
            )

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Handled]]:
        """The answer owed to each complaint of ``categories``, met by its first answer."""
        for file, lodged in lodged_complaints(books, self.categories):
            answer = file.first_answer
            yield self.handling_matter(
                file, lodged, Clock(self.limit, lodged.day, zh("受理之日")), done=answer.day if answer else None,
                duty=say("投诉应自受理之日起{limit}内答复", limit=self.limit.words()), action=zh("答复"),
                late_unit=self.late_unit,
                evidence=(lodged.event, *((answer.event,) if answer else ())),
            )

    def open_matters(self, books: Books, context: Context) -> Iterator[Matter[Handled]]:
        """The complaints not yet answered, but for those explained to the complainant in time: CMP-4 tracks them."""
        calendar = context.calendar
        for matter in super().open_matters(books, context):
            due = matter.due(calendar)
            if due is None or self.explained(matter.about.file, due) is None:
                yield matter

    @staticmethod
    def explained(file: ComplaintFile, due: date) -> DelayNotice | None:
        """The first explanation of the delay to the complainant on or before ``due`` (CMP-4), if any."""
        return next((n for n in file.delay_notices if n.day <= due), None)


class ComplaintTracking(ComplaintPolicy):
    """CMP-4: a late complaint explained to the complainant is tracked to the end, not excused silently.

    town-basic (七)3, town-conduct-100 投诉制度 6, jiangxi-town 投诉处理 (2): "及时向投诉人
    说明情况，并负责此项投诉的追踪处理，直至处理完毕". When the explanation promised a new
    date, the answer is due by it; otherwise by ``within`` after the explanation, if set.
    A missed promise is a violation; a tracked complaint still open is reported as
    information, so that it stays in sight.
    """

    kind: Literal["complaint-tracking"] = "complaint-tracking"
    within: Limit | None = Field(
        default=None, description="When no new date was promised: the answer is due this long after the explanation.",
    )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """For each explained complaint: a violation if the promise was missed, information while it is open."""
        for file, lodged in lodged_complaints(books, self.categories):
            if not file.delay_notices or self.promise(file, lodged) is not None:
                continue
            notice = file.delay_notices[-1]
            if self.answer_after(file, notice) is None:
                yield self.handling_verdict(
                    context, file, lodged, kind=VerdictKind.INFORMATION, on=notice.day,
                    evidence=(lodged.event, notice.event),
                    explanation=say("{day}已向投诉人说明情况，截至{as_of}仍在跟踪处理，尚未答复。",
                                    day=notice.day, as_of=context.as_of),
                )
        for matter in self.matters(books, context):
            duty = judge_matter(context, matter)
            if duty is None:
                continue
            file, lodged = matter.about
            clock = matter.clock
            yield self.handling_verdict(
                context, file, lodged, kind=duty.kind, on=duty.on, evidence=matter.evidence,
                explanation=say("{day}向投诉人说明情况，应于{due}前答复；{outcome}。", day=clock.start, due=duty.due,
                                outcome=duty.outcome(say("答复"), context.as_of)),
                **duty.matter_fields(matter),
            )

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Handled]]:
        """For each complaint explained with a new date (or ``within``): the answer owed since the last explanation."""
        for file, lodged in lodged_complaints(books, self.categories):
            promise = self.promise(file, lodged)
            if promise is not None:
                yield promise

    def promise(self, file: ComplaintFile, lodged: Lodged) -> Matter[Handled] | None:
        """The answer owed after the last explanation of the delay; None without one, or without a date to keep."""
        if not file.delay_notices:
            return None
        notice = file.delay_notices[-1]
        limit = limit_to_date(notice.day, notice.new_date) if notice.new_date else self.within
        if limit is None:
            return None
        answer = self.answer_after(file, notice)
        return self.handling_matter(
            file, lodged, Clock(limit, notice.day, zh("说明情况之日")), done=answer.day if answer else None,
            duty=say("投诉逾期已向投诉人说明情况，应跟踪处理，按说明的时间答复"), action=zh("答复"),
            evidence=(lodged.event, notice.event, *((answer.event,) if answer else ())),
        )

    @staticmethod
    def answer_after(file: ComplaintFile, notice: DelayNotice) -> Answer | None:
        """The first answer given since ``notice``."""
        return next((a for a in file.answers if a.at >= notice.at), None)


class ComplaintReplyForm(ComplaintPolicy):
    """CMP-5: a written complaint is answered in writing.

    town-conduct-100 投诉制度 7: "口头投诉以口头答复为主。书面投诉必须书面答复" — only the
    written answer to a written complaint is mandatory (an oral complaint is answered
    "mainly" orally, which forbids nothing). county-centre 承诺 六 answers every complaint
    in writing: ``written_for = ["oral", "phone", "written"]``.
    """

    kind: Literal["complaint-reply-form"] = "complaint-reply-form"
    written_for: tuple[ComplaintForm, ...] = Field(
        default=(ComplaintForm.WRITTEN,), min_length=1, description="Complaints of these forms get a written answer.",
    )

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each answered complaint of ``written_for`` with no written answer."""
        for file, lodged in lodged_complaints(books, self.categories):
            if lodged.form not in self.written_for or not file.answers:
                continue
            written = next((a for a in file.answers if a.form is ReplyForm.WRITTEN), None)
            if written is not None:
                if context.include_compliance:
                    yield self.handling_verdict(
                        context, file, lodged, kind=VerdictKind.COMPLIANCE, on=written.day,
                        evidence=(lodged.event, written.event), explanation=say("已于{day}书面答复。", day=written.day),
                    )
                continue
            last = file.answers[-1]
            forms = joined(say(REPLY_WORDS[a.form], day=a.day) for a in file.answers)
            yield self.handling_verdict(
                context, file, lodged, on=last.day, evidence=(lodged.event, *(a.event for a in file.answers)),
                explanation=say("{form}投诉须书面答复，实际仅{forms}答复。", form=FORM_WORDS[lodged.form], forms=forms),
            )


class MajorComplaintEscalation(ComplaintPolicy):
    """CMP-6: a major complaint is reported in writing to the leadership and the discipline body.

    town-basic (七)4: "重大投诉事项应及时向党委、政府和上级纪检监察部门汇报";
    town-conduct-100 投诉制度 7: "向“中心”领导和上级纪检部门汇报"; jiangxi-town 投诉处理
    (3): "向分管领导汇报". ``report_to`` lists the bodies, as the codes the
    ``complaint_escalated`` events use; each must get a written report within
    ``within`` (the texts say 及时: one working day is this library's reading).
    """

    kind: Literal["major-complaint-escalation"] = "major-complaint-escalation"
    categories: tuple[ComplaintCategory, ...] = Field(default=(ComplaintCategory.MAJOR,), min_length=1)
    report_to: tuple[str, ...] = Field(
        default=("leadership", "discipline"), min_length=1, description="The bodies each major complaint goes to.",
    )
    written: bool = Field(default=True, description="Must the report be in writing?")
    within: Limit = Field(default=TimeLimit(amount=1), description="How soon after receipt.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A violation for each major complaint not reported in time to every body named."""
        report = say("书面汇报") if self.written else say("汇报")
        for matter in self.matters(books, context):
            duty = judge_matter(context, matter)
            if duty is None:
                continue
            file, lodged = matter.about
            due = duty.due
            first = self.first_reports(file)
            late = [body for body, e in first.items() if e is None or e.day > due]
            outcome = (say("届满日{due}前未向{bodies}{report}", due=due, bodies=joined(late), report=report) if late
                       else say("已按时汇报"))
            if matter.done is not None and late:
                outcome = say("{outcome}，至{done}方全部汇报", outcome=outcome, done=matter.done)
            yield self.handling_verdict(
                context, file, lodged, kind=duty.kind, on=duty.on, evidence=matter.evidence,
                explanation=say("重大投诉应于{limit}内{report}{bodies}；{outcome}。", limit=self.within.words(),
                                report=report, bodies=joined(self.report_to), outcome=outcome),
                **duty.matter_fields(matter),
            )

    def matters(self, books: Books, context: Context) -> Iterator[Matter[Handled]]:
        """The reports owed for each major complaint: done once every body named has had one."""
        for file, lodged in lodged_complaints(books, self.categories):
            first = self.first_reports(file)
            done = None if None in first.values() else max(e.day for e in first.values() if e is not None)
            yield self.handling_matter(
                file, lodged, Clock(self.within, lodged.day, zh("受理之日")), done=done,
                duty=self.duty_words(), action=zh("汇报"),
                evidence=(lodged.event, *dict.fromkeys(e.event for e in first.values() if e is not None)),
            )

    def duty_words(self) -> Message:
        """The duty, in words: to whom, within what limit, in writing where the rule asks for it."""
        limit, bodies = self.within.words(), joined(self.report_to)
        if self.written:
            return say("重大投诉应于{limit}内书面汇报{bodies}", limit=limit, bodies=bodies)
        return say("重大投诉应于{limit}内汇报{bodies}", limit=limit, bodies=bodies)

    def first_reports(self, file: ComplaintFile) -> dict[str, Escalation | None]:
        """Each body of ``report_to`` and the first report it had (in writing, where required)."""
        reports = [e for e in file.escalations if e.written or not self.written]
        return {body: next((e for e in reports if body in e.to), None) for body in self.report_to}


class VerifiedComplaint(PolicyBase):
    """CMP-8: a verified complaint (经查实) with someone at fault costs them points, money or an award.

    town-conduct-100 能 2: a wrong answer that caused a complaint −3 (``causes =
    ["wrong_answer"]``); jiangxi-town 服务质量 ②: −5 per verified complaint with the staff at
    fault; county-centre: the window's 4-point item is zeroed and the staff member loses
    the quarter's award — the assessment tables do that from these verdicts, so the
    county variant charges both (``charge = ["staff", "window"]``) with no points here.
    The verdict's ``code`` is the investigation's ``cause``, so that a table line can
    price one cause (town-conduct-100 能 2: ``codes = ["wrong_answer"]``).
    """

    kind: Literal["verified-complaint"] = "verified-complaint"
    charge: tuple[Literal[SubjectKind.STAFF, SubjectKind.WINDOW], ...] = Field(
        default=(SubjectKind.STAFF,), min_length=1, description="Who is charged: the staff at fault, their window.",
    )
    causes: tuple[str, ...] | None = Field(default=None, description="Only these causes count (None: any cause).")
    sanction: Sanction | None = Field(default=None, description="The sanction each verified complaint carries.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per verified complaint and charged subject found at fault."""
        for file in books[COMPLAINT_FILES].values():
            for finding in file.investigations:
                if not finding.upheld or (self.causes is not None and finding.cause not in self.causes):
                    continue
                cause = say("（{cause}）", cause=finding.cause) if finding.cause else ""
                lodged = file.lodged
                evidence = (*((lodged.event,) if lodged else ()), finding.event)
                for kind in self.charge:
                    at_fault = finding.staff if kind is SubjectKind.STAFF else finding.window
                    if at_fault is None:
                        continue
                    yield self.verdict(
                        context, subject=Subject(kind=kind, id=at_fault), kind=VerdictKind.VIOLATION,
                        on=finding.day, evidence=evidence, staff=finding.staff, window=finding.window,
                        sanction=self.sanction, code=finding.cause, complaint=file.complaint,
                        explanation=say("投诉 {complaint} 于{day}经查实{cause}，{at_fault} 有过错。",
                                        complaint=file.complaint, day=finding.day, cause=cause, at_fault=at_fault),
                    )
