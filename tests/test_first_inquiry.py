"""First inquiry and first handling (首问 / 首办, FIR-1…FIR-8), computed by hand from the texts.

March 2026: Monday 3/2 … Friday 3/6, Monday 3/9. 清明 2026: Saturday 4/4 to Monday 4/6
are closed, Friday 4/3 and Tuesday 4/7 are working days (CAL-1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import EvaluationError, Variant, VerdictKind
from bianmin_rules.cli.main import main
from bianmin_rules.core.engine import collect
from bianmin_rules.families import BUILTIN
from bianmin_rules.families.cases.ledger import CASE_FILES
from bianmin_rules.families.first_inquiry.chain import Phase, build_chain
from bianmin_rules.families.first_inquiry.ledger import INQUIRY_FILES
from bianmin_rules.views.chain import render_chain
from bianmin_rules.views.trace import render_trace, trace_inquiry
from tests.conftest import cited, events, make_variant, run

SOURCES = {
    "FIR-2": ("便民服务中心管理制度 3 首问责任制度", "1", "直到有人办理为止"),
    "FIR-3": ("便民服务中心管理制度 14 首问责任制度", "(一)3", "不能使用“不知道”、“不清楚”、“不归我管”等语言予以回绝"),
    "FIR-4": ("便民服务中心管理制度 1", "(五)4", "记录办理事项和要求，主动联系承办人以确定办理要求及预约办理时间"),
    "FIR-5": ("汤道河镇便民服务中心首问首办负责制度", "第五条(二)", "办结后及时向服务对象回复办理结果"),
    "FIR-6": ("村便民服务中心制度范本 首问负责制度", "二 4", "经领导同意，及时移交指定人员继续办理"),
    "FIR-7": ("村便民服务中心制度范本 首问负责制度", "二 6", "解释清楚后，视为完成答复，不再承担首问责任人的责任"),
    "FIR-8": ("便民服务中心管理制度 1", "(五)5", "首问责任人对转办的事情仍需进行督办，直到事情办理结束"),
}


def policy(kind: str, rule: str, **params: Any) -> dict[str, Any]:
    return cited(kind, rule, SOURCES[rule], **params)


def variant(*tables: dict[str, Any]) -> Variant:
    return make_variant(*tables)


def asked(at: str, *, inquiry: str = "Q1", staff: str = "S-wang", channel: str = "in_person",
          remit: str = "centre", **extra: Any) -> dict[str, Any]:
    return {"type": "inquiry_received", "inquiry": inquiry, "at": at, "staff": staff, "window": "W-front",
            "channel": channel, "remit": remit, **extra}


def act(kind: str, at: str, staff: str, *, inquiry: str = "Q1", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "inquiry": inquiry, "at": at, "staff": staff, **extra}


# FIR-1: who is the first-inquiry person


def test_fir1_the_first_person_asked_bears_the_inquiry_whatever_the_remit() -> None:
    """FIR-1 (town-basic (五)1): the staff member asked first is the first-inquiry person, in remit or not."""
    log = events(asked("2026-03-02T09:00", remit="outside"), act("inquiry_referred", "2026-03-02T09:05", "S-li",
                                                                 to_window="W-tax"))
    books = collect(log, as_of=date(2026, 3, 31), case_types=["immediate"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None and chain.first == "S-wang"
    assert [link.responsible for link in chain.links] == ["S-wang", "S-wang"]


def test_a_chain_read_alone_keeps_its_own_steps_not_the_book_it_was_read_from() -> None:
    """FIR-1…FIR-8: the chain a printout or a trace reads is the inquiry's steps and its linked case, equal to what
    the books hold, in a book of its own: it outlives the books."""
    log = events(asked("2026-03-02T09:00"), asked("2026-03-02T09:01", inquiry="Q2", staff="S-li"),
                 act("inquiry_taken", "2026-03-02T09:05", "S-wang", case="C1"),
                 {"type": "case_received", "case": "C1", "at": "2026-03-02T09:06", "window": "W-front",
                  "staff": "S-wang", "case_type": "immediate"})
    books = collect(log, as_of=date(2026, 3, 31), case_types=["immediate"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None and chain.steps == books[INQUIRY_FILES]["Q1"].steps
    assert chain.case == books[CASE_FILES]["C1"]
    assert chain.book is not books[INQUIRY_FILES] and list(chain.book) == ["Q1"]


def test_fir1_channels_are_the_variants_phone_counts_only_where_the_text_says_so() -> None:
    """FIR-1: town-basic counts applicants who come to the centre; county-centre 首问责任制 一 counts callers too."""
    log = events(asked("2026-03-02T09:00", channel="phone"))
    in_person_only = variant(policy("first-inquiry-guidance", "FIR-2", channels=["in_person"]))
    with_phone = variant(policy("first-inquiry-guidance", "FIR-2", channels=["in_person", "phone"]))
    assert run(in_person_only, log, "2026-03-31").verdicts == ()
    assert [v.rule for v in run(with_phone, log, "2026-03-31").verdicts] == ["FIR-2"]


def test_fir1_an_inquiry_received_twice_is_an_error() -> None:
    """FIR-1: an inquiry has exactly one first-inquiry person."""
    log = events(asked("2026-03-02T09:00"), asked("2026-03-02T09:30", staff="S-li"))
    with pytest.raises(EvaluationError, match="received twice"):
        run(variant(policy("first-inquiry-guidance", "FIR-2")), log, "2026-03-31")


def test_fir1_a_step_dated_before_the_first_question_is_an_error_one_at_its_minute_is_not() -> None:
    """FIR-1: every step of an inquiry follows its first question; a reply "before" it contradicts the log, and
    the error names both events. A reply in the very minute of the question is in order, and in time."""
    fir2 = variant(policy("first-inquiry-guidance", "FIR-2"))
    with pytest.raises(EvaluationError) as caught:
        run(fir2, events(act("inquiry_replied", "2026-03-02T08:59", "S-wang"), asked("2026-03-02T09:00")),
            "2026-03-31")
    assert str(caught.value) == (
        "event 'e1': dated before inquiry 'Q1' was received (event 'e2'); every event of it follows its receipt")
    same = events(act("inquiry_replied", "2026-03-02T09:00", "S-wang"), asked("2026-03-02T09:00"))
    assert run(fir2, same, "2026-03-31").verdicts == ()


def test_fir1_steps_without_a_first_question_are_noted_not_judged() -> None:
    """FIR-1: a log that starts mid-chain names no first-inquiry person; the report says so."""
    report = run(variant(policy("first-inquiry-guidance", "FIR-2")),
                 events(act("inquiry_replied", "2026-03-02T10:00", "S-li")), "2026-03-31")
    assert report.verdicts == ()
    assert report.notes and "咨询 Q1" in report.notes[0] and "e1" in report.notes[0]


# FIR-2: guidance


def test_fir2_no_guidance_at_all_is_a_violation_of_the_first_person() -> None:
    """FIR-2 (town-conduct-100 首问责任制度 1): asked 3/2, nothing done: due 3/2 (same day), late from 3/3."""
    (verdict,) = run(variant(policy("first-inquiry-guidance", "FIR-2")), events(asked("2026-03-02T09:00")),
                     "2026-03-31").verdicts
    assert (verdict.rule, verdict.kind, str(verdict.subject)) == ("FIR-2", VerdictKind.VIOLATION, "staff:S-wang")
    assert (verdict.due, verdict.actual, verdict.on) == (date(2026, 3, 2), None, date(2026, 3, 3))
    assert verdict.deadline is not None and verdict.deadline.days_late == 21  # working days 3/3 … 3/31
    assert verdict.evidence == ("e1",) and verdict.explanation.startswith("咨询 Q1：")


def test_fir2_a_referral_the_same_day_is_guidance() -> None:
    """FIR-2: "应及时将办事群众引导给具体经办人员处"."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_referred", "2026-03-02T09:05", "S-wang", to_staff="S-zhou"))
    assert run(variant(policy("first-inquiry-guidance", "FIR-2")), log, "2026-03-31").verdicts == ()


def test_fir2_a_referral_to_nowhere_is_not_guidance() -> None:
    """FIR-2 (town-basic (五)3: "要负责介绍到相关窗口，直接落实具体接待人员"): a referral names where to go."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_referred", "2026-03-02T09:05", "S-wang"))
    assert [v.rule for v in run(variant(policy("first-inquiry-guidance", "FIR-2")), log, "2026-03-31").verdicts] == [
        "FIR-2"]


def test_fir2_a_refusal_is_not_guidance() -> None:
    """FIR-2: turning the applicant away moves nothing on."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_refused", "2026-03-02T09:01", "S-wang", words="下午再来"))
    assert [v.rule for v in run(variant(policy("first-inquiry-guidance", "FIR-2")), log, "2026-03-31").verdicts] == [
        "FIR-2"]


def test_fir2_guidance_after_the_qingming_break_is_one_working_day_late() -> None:
    """FIR-2: asked Friday 2026-04-03 at 17:20, referred Tuesday 4/7 (4/4–4/6 closed): one working day late."""
    log = events(asked("2026-04-03T17:20"), act("inquiry_referred", "2026-04-07T09:00", "S-wang", to_staff="S-zhou"))
    (verdict,) = run(variant(policy("first-inquiry-guidance", "FIR-2")), log, "2026-04-30").verdicts
    assert (verdict.due, verdict.actual, verdict.on) == (date(2026, 4, 3), date(2026, 4, 7), date(2026, 4, 7))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1
    assert "逾期1个工作日" in verdict.explanation


def test_fir2_until_someone_handles_it_a_referral_nobody_takes_is_a_violation() -> None:
    """FIR-2 ("直到有人办理为止"): with settle_within, a referral that nobody takes by the day's end is not enough."""
    fir2 = variant(policy("first-inquiry-guidance", "FIR-2", settle_within={"unit": "same_day", "amount": 0}))
    rows = [asked("2026-03-02T09:00"), act("inquiry_referred", "2026-03-02T09:05", "S-wang", to_staff="S-zhou")]
    (verdict,) = run(fir2, events(*rows), "2026-03-31").verdicts
    assert str(verdict.subject) == "staff:S-wang" and "直到有人办理为止" in verdict.explanation
    taken = events(*rows, act("inquiry_taken", "2026-03-02T09:20", "S-zhou"))
    assert run(fir2, taken, "2026-03-31").verdicts == ()


def test_fir2_not_yet_late_on_the_day_of_evaluation() -> None:
    """FIR-2: an inquiry asked on the day of evaluation is not late yet."""
    assert run(variant(policy("first-inquiry-guidance", "FIR-2")), events(asked("2026-03-31T09:00")),
               "2026-03-31").verdicts == ()


@pytest.mark.parametrize(("kind", "channel", "step"), [
    ("first-inquiry-guidance", "in_person", act("inquiry_referred", "2026-04-02T16:00", "S-wang", to_staff="S-zhou")),
    ("phone-inquiry-record", "phone", act("inquiry_recorded", "2026-04-02T16:00", "S-wang", contact_recorded=True)),
])
def test_fir2_a_duty_done_in_time_is_a_compliance_verdict_only_when_compliance_is_reported(
    kind: str, channel: str, step: dict[str, Any],
) -> None:
    """FIR-2 ("当天"): asked Thursday 2026-04-02 at 10:00, acted on at 16:00 the same day: in time, reported as
    compliance when asked for and else not at all; acted on Friday 4/3 instead, one working day late either way."""
    fir2 = variant(policy(kind, "FIR-2"))
    log = events(asked("2026-04-02T10:00", channel=channel), step)
    assert run(fir2, log, "2026-04-30").verdicts == ()
    (verdict,) = run(fir2, log, "2026-04-30", include_compliance=True).verdicts
    assert (verdict.rule, verdict.kind, verdict.due, verdict.actual) == (
        "FIR-2", VerdictKind.COMPLIANCE, date(2026, 4, 2), date(2026, 4, 2))
    late = events(asked("2026-04-02T10:00", channel=channel), {**step, "at": "2026-04-03T09:00"})
    for options in ({}, {"include_compliance": True}):
        (verdict,) = run(fir2, late, "2026-04-30", **options).verdicts
        assert (verdict.kind, verdict.due, verdict.actual) == (
            VerdictKind.VIOLATION, date(2026, 4, 2), date(2026, 4, 3))
        assert verdict.deadline is not None and verdict.deadline.days_late == 1


# FIR-2 (phone): the record of a phone inquiry


@pytest.mark.parametrize(("record", "expected"), [
    ({"contact_recorded": True}, []),
    ({"contact_recorded": False}, ["FIR-2"]),
    (None, ["FIR-2"]),
])
def test_fir2_a_phone_inquiry_is_recorded_with_the_callers_name_and_number(
    record: dict[str, Any] | None, expected: list[str],
) -> None:
    """FIR-2 (village template 一 5): "将来电反映的事项、来电人姓名、联系电话登记在册"."""
    rows = [asked("2026-03-02T09:00", channel="phone")]
    if record is not None:
        rows.append(act("inquiry_recorded", "2026-03-02T09:02", "S-wang", **record))
    report = run(variant(policy("phone-inquiry-record", "FIR-2")), events(*rows), "2026-03-31")
    assert [v.rule for v in report.verdicts] == expected


def test_fir2_phone_record_does_not_apply_to_visitors() -> None:
    """FIR-2 (phone): an in-person inquiry needs no telephone register."""
    assert run(variant(policy("phone-inquiry-record", "FIR-2")), events(asked("2026-03-02T09:00")),
               "2026-03-31").verdicts == ()


# FIR-3: forbidden refusals


def test_fir3_a_forbidden_phrase_is_a_violation_of_the_one_who_said_it() -> None:
    """FIR-3 (jiangxi-town (一)3): "不归我管" may not be used to turn an applicant away."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_refused", "2026-03-02T09:01", "S-li", words="这事不归我管"))
    (verdict,) = run(variant(policy("forbidden-refusal", "FIR-3")), log, "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.on) == ("FIR-3", "staff:S-li", date(2026, 3, 2))
    assert "不归我管" in verdict.explanation and verdict.evidence == ("e1", "e2")


def test_fir3_the_variant_lists_the_phrases() -> None:
    """FIR-3: county-centre 首问责任制 二 names "不知道" and "不清楚" only."""
    county = variant(policy("forbidden-refusal", "FIR-3", phrases=["不知道", "不清楚"]))
    log = events(asked("2026-03-02T09:00"), act("inquiry_refused", "2026-03-02T09:01", "S-li", words="不归我管"),
                 act("inquiry_refused", "2026-03-02T09:02", "S-li", words="我不清楚"))
    assert [v.evidence for v in run(county, log, "2026-03-31").verdicts] == [("e1", "e3")]


def test_fir3_any_refusal_where_the_text_forbids_every_excuse() -> None:
    """FIR-3 (jianshe-street 首问、首办责任制 一: "不得以任何籍口推诿、拒绝"): any refusal counts."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_refused", "2026-03-02T09:01", "S-li", words="明天再说"))
    assert run(variant(policy("forbidden-refusal", "FIR-3")), log, "2026-03-31").verdicts == ()
    assert [v.rule for v in run(variant(policy("forbidden-refusal", "FIR-3", any_refusal=True)), log,
                                "2026-03-31").verdicts] == ["FIR-3"]


# FIR-4: the handler is absent


def absent(*later: dict[str, Any]) -> list[Any]:
    return events(asked("2026-03-02T09:00"),
                  act("inquiry_referred", "2026-03-02T09:05", "S-wang", to_staff="S-zhou", handler_absent=True),
                  *later)


def test_fir4_recorded_and_arranged_the_same_day_is_in_order() -> None:
    """FIR-4 (town-basic (五)4): record, contact the handler, fix a time, give the handler's contact."""
    log = absent(act("inquiry_recorded", "2026-03-02T09:06", "S-wang"),
                 act("appointment_arranged", "2026-03-02T09:15", "S-wang", with_staff="S-zhou",
                     appointment="2026-03-03T09:00", contact_given=True))
    assert run(variant(policy("absent-handler", "FIR-4")), log, "2026-03-31").verdicts == ()


def test_fir4_recorded_but_not_arranged() -> None:
    """FIR-4: a record alone is half the duty; the verdict names what is missing."""
    log = absent(act("inquiry_recorded", "2026-03-02T09:06", "S-wang"))
    (verdict,) = run(variant(policy("absent-handler", "FIR-4")), log, "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.due, verdict.on) == (
        "FIR-4", "staff:S-wang", date(2026, 3, 2), date(2026, 3, 3))
    assert "未联系承办人预约办理时间并告知其联系方式" in verdict.explanation
    assert "记录办理事项、" not in verdict.explanation


def test_fir4_an_appointment_without_the_handlers_contact_does_not_count() -> None:
    """FIR-4: "并提供具体承办人员的联系方式"."""
    log = absent(act("inquiry_recorded", "2026-03-02T09:06", "S-wang"),
                 act("appointment_arranged", "2026-03-02T09:15", "S-wang", with_staff="S-zhou", contact_given=False))
    assert [v.rule for v in run(variant(policy("absent-handler", "FIR-4")), log, "2026-03-31").verdicts] == ["FIR-4"]


def test_fir4_arranged_the_next_working_day_is_late() -> None:
    """FIR-4: arranged on 3/3 instead of 3/2: done, one working day late."""
    log = absent(act("inquiry_recorded", "2026-03-02T09:06", "S-wang"),
                 act("appointment_arranged", "2026-03-03T10:00", "S-wang", with_staff="S-zhou", contact_given=True))
    (verdict,) = run(variant(policy("absent-handler", "FIR-4")), log, "2026-03-31").verdicts
    assert (verdict.actual, verdict.on) == (date(2026, 3, 3), date(2026, 3, 3))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1


# FIR-5: the first-handling person replies with the result


def handled(*later: dict[str, Any], case: str | None = "C1", **taken: Any) -> list[Any]:
    rows = [asked("2026-03-02T09:00", remit="own"),
            act("inquiry_taken", "2026-03-02T09:10", "S-wang", **({"case": case} if case else {}), **taken)]
    return events(*rows, *later)


def case_completed(at: str) -> dict[str, Any]:
    return {"type": "case_completed", "case": "C1", "at": at, "staff": "S-wang", "window": "W-front"}


def case_received() -> dict[str, Any]:
    return {"type": "case_received", "case": "C1", "at": "2026-03-02T09:10", "staff": "S-wang", "window": "W-front",
            "case_type": "promised", "promised_limit": 5}


def test_fir5_reply_the_working_day_after_completion_is_in_time() -> None:
    """FIR-5 (tangdaohe-town 第五条(二)): case completed Thursday 3/5, result replied Friday 3/6."""
    log = handled(case_received(), case_completed("2026-03-05T16:00"),
                  act("inquiry_replied", "2026-03-06T10:00", "S-wang", by_phone=True))
    assert run(variant(policy("first-handling-reply", "FIR-5")), log, "2026-03-31").verdicts == ()


def test_fir5_reply_after_the_weekend_is_one_working_day_late() -> None:
    """FIR-5: completed Thursday 3/5, due Friday 3/6, replied Monday 3/9: one working day late."""
    log = handled(case_received(), case_completed("2026-03-05T16:00"),
                  act("inquiry_replied", "2026-03-09T10:00", "S-wang"))
    (verdict,) = run(variant(policy("first-handling-reply", "FIR-5")), log, "2026-03-31").verdicts
    assert (verdict.rule, verdict.due, verdict.actual, verdict.case) == (
        "FIR-5", date(2026, 3, 6), date(2026, 3, 9), "C1")
    assert verdict.deadline is not None and verdict.deadline.start_rule == "办件办结之日"
    assert verdict.deadline.days_late == 1


def test_fir5_a_reply_before_the_case_is_completed_is_not_the_result() -> None:
    """FIR-5: an answer on 3/3 while the case runs until 3/5 is not "回复办理结果"."""
    log = handled(case_received(), act("inquiry_replied", "2026-03-03T10:00", "S-wang"),
                  case_completed("2026-03-05T16:00"))
    (verdict,) = run(variant(policy("first-handling-reply", "FIR-5")), log, "2026-03-31").verdicts
    assert (verdict.due, verdict.actual, verdict.on) == (date(2026, 3, 6), None, date(2026, 3, 7))


def test_fir5_an_open_case_has_no_reply_due_yet() -> None:
    """FIR-5: while the linked case runs, its own time limits apply, not the reply."""
    assert run(variant(policy("first-handling-reply", "FIR-5")), handled(case_received()), "2026-03-31").verdicts == ()


def test_fir5_without_a_case_the_promised_date_starts_the_reply_clock() -> None:
    """FIR-5 (第五条(二) "按规定时限要求对办结日期作出承诺"): promised 3/10, reply due 3/11."""
    (verdict,) = run(variant(policy("first-handling-reply", "FIR-5")),
                     handled(case=None, promised_date="2026-03-10"), "2026-03-31").verdicts
    assert (verdict.due, verdict.on) == (date(2026, 3, 11), date(2026, 3, 12))
    assert verdict.deadline is not None and verdict.deadline.start_rule == "承诺办结之日"


def test_fir5_without_a_case_or_promise_the_matter_was_to_be_done_at_once() -> None:
    """FIR-5 (town-conduct-100 首问责任制度 2: "能立即办理的应立即办理"): taken 3/2, reply due 3/3."""
    (verdict,) = run(variant(policy("first-handling-reply", "FIR-5")), handled(case=None), "2026-03-31").verdicts
    assert verdict.due == date(2026, 3, 3) and verdict.deadline is not None
    assert verdict.deadline.start_rule == "接办之日"


# FIR-6: transfers


def transferred(consent: bool) -> list[Any]:
    return handled(act("inquiry_transferred", "2026-03-03T10:00", "S-wang", to_staff="S-sun",
                       leader_consent=consent, **({"leader": "L-chen"} if consent else {})), case=None)


def test_fir6_a_transfer_with_consent_moves_first_handling_responsibility() -> None:
    """FIR-6 (village template 二 4): the designee "担负首办责任" and answers for the late reply."""
    fir = variant(policy("transfer-consent", "FIR-6"), policy("first-handling-reply", "FIR-5"))
    (verdict,) = run(fir, transferred(consent=True), "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject)) == ("FIR-5", "staff:S-sun")


def test_fir6_a_transfer_without_consent_is_a_violation_and_moves_nothing() -> None:
    """FIR-6: without a leader's consent the transferor stays responsible, also for the reply."""
    fir = variant(policy("transfer-consent", "FIR-6"), policy("first-handling-reply", "FIR-5"))
    verdicts = run(fir, transferred(consent=False), "2026-03-31").verdicts
    assert [(v.rule, str(v.subject)) for v in verdicts] == [("FIR-6", "staff:S-wang"), ("FIR-5", "staff:S-wang")]
    assert "仍由 S-wang 承担" in verdicts[0].explanation


# FIR-7: discharge


def test_fir7_a_leader_instruction_discharge_needs_the_leader_asked_and_the_applicant_told() -> None:
    """FIR-7 (town-conduct-100 首问责任制度 1: "请示汇报并告知办事人后方为首问办结")."""
    discharge = act("inquiry_discharged", "2026-03-02T11:00", "S-wang", reason="leader_instruction",
                    applicant_told=True)
    fir = variant(policy("discharge-conditions", "FIR-7"), policy("first-inquiry-guidance", "FIR-2",
                                                                  settle_within={"unit": "same_day"}))
    without_leader = run(fir, events(asked("2026-03-02T09:00", remit="unclear"), discharge), "2026-03-31").verdicts
    assert [(v.rule, v.on) for v in without_leader] == [("FIR-7", date(2026, 3, 2)), ("FIR-2", date(2026, 3, 3))]
    assert "未请示领导" in without_leader[0].explanation
    with_leader = events(asked("2026-03-02T09:00", remit="unclear"),
                         act("leader_consulted", "2026-03-02T10:00", "S-wang", leader="L-chen"), discharge)
    assert run(fir, with_leader, "2026-03-31").verdicts == ()


@pytest.mark.parametrize(("fields", "faults"), [
    ({"reason": "not_allowed", "explained": True}, []),
    ({"reason": "not_allowed"}, ["未向服务对象解释清楚"]),
    ({"reason": "outside_centre", "competent_body": "县不动产登记中心", "contact_given": True}, []),
    ({"reason": "outside_centre", "competent_body": "县不动产登记中心"}, ["未告知其联系方式"]),
])
def test_fir7_discharge_conditions(fields: dict[str, Any], faults: list[str]) -> None:
    """FIR-7 (village template 二 6) and FIR-2 (tangdaohe-town 第四条(三): 主管机关的名称和联系方式)."""
    log = events(asked("2026-03-02T09:00"), act("inquiry_discharged", "2026-03-02T09:30", "S-wang", **fields))
    verdicts = run(variant(policy("discharge-conditions", "FIR-7")), log, "2026-03-31").verdicts
    assert [fault for v in verdicts for fault in faults if fault in v.explanation] == faults
    assert len(verdicts) == (1 if faults else 0)


# FIR-8: follow-up of a referred matter


def referred(*later: dict[str, Any], **taken: Any) -> list[Any]:
    return events(asked("2026-03-02T09:00"),
                  act("inquiry_referred", "2026-03-02T09:05", "S-wang", to_staff="S-zhou"),
                  act("inquiry_taken", "2026-03-02T09:30", "S-zhou", **taken), *later)


FIR8 = policy("referral-follow-up", "FIR-8", within=5)


def test_fir8_follow_ups_within_each_interval_until_the_reply() -> None:
    """FIR-8 (town-basic (五)5): referred 3/2 (next due 3/9), followed up 3/6 (due 3/13), 3/12; answered 3/13."""
    log = referred(act("inquiry_followed_up", "2026-03-06T10:00", "S-wang"),
                   act("inquiry_followed_up", "2026-03-12T10:00", "S-wang"),
                   act("inquiry_replied", "2026-03-13T10:00", "S-zhou"))
    assert run(variant(FIR8), log, "2026-03-31").verdicts == ()


def test_fir8_no_follow_up_before_the_matter_ended_late() -> None:
    """FIR-8: referred 3/2, due 3/9, never followed up; answered 3/20: nine working days without a follow-up."""
    log = referred(act("inquiry_replied", "2026-03-20T10:00", "S-zhou"))
    (verdict,) = run(variant(FIR8), log, "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.due, verdict.on) == (
        "FIR-8", "staff:S-wang", date(2026, 3, 9), date(2026, 3, 10))
    assert verdict.deadline is not None and verdict.deadline.days_late == 9  # 3/10 … 3/20
    assert "截至2026-03-20仍未督办" in verdict.explanation


def test_fir8_a_late_follow_up_is_reported_with_its_day() -> None:
    """FIR-8: followed up 3/6, then 3/16 — the second gap ends 3/13: one working day late."""
    log = referred(act("inquiry_followed_up", "2026-03-06T10:00", "S-wang"),
                   act("inquiry_followed_up", "2026-03-16T10:00", "S-wang"))
    (verdict,) = run(variant(FIR8), log, "2026-03-17").verdicts
    assert (verdict.due, verdict.actual) == (date(2026, 3, 13), date(2026, 3, 16))
    assert verdict.deadline is not None and verdict.deadline.start_rule == "上次督办之日"


def test_fir8_finished_when_the_linked_case_is_completed() -> None:
    """FIR-8: "直到事情办理结束" — the case's completion on 3/6 ends the follow-up duty."""
    log = referred(case_received(), case_completed("2026-03-06T16:00"), case="C1")
    assert run(variant(FIR8), log, "2026-03-31").verdicts == ()


# A chain with two hand-overs and a discharge, step by step


def two_handovers() -> list[dict[str, Any]]:
    return [
        asked("2026-03-02T09:00", matter="残疾人补贴"),
        act("inquiry_referred", "2026-03-02T09:05", "S-wang", to_window="W-social", to_staff="S-zhou"),
        act("inquiry_taken", "2026-03-02T09:30", "S-zhou", window="W-social"),
        act("inquiry_transferred", "2026-03-03T15:00", "S-zhou", to_staff="S-sun", leader_consent=True,
            leader="L-chen"),
        act("inquiry_transferred", "2026-03-04T10:00", "S-sun", to_staff="S-liu", leader_consent=False),
        act("leader_consulted", "2026-03-05T09:00", "S-sun", leader="L-chen"),
        act("inquiry_discharged", "2026-03-05T11:00", "S-sun", reason="leader_instruction", applicant_told=True),
    ]


ALL_FIR = (
    policy("first-inquiry-guidance", "FIR-2", settle_within={"unit": "same_day"}),
    policy("transfer-consent", "FIR-6"), policy("discharge-conditions", "FIR-7"),
    policy("first-handling-reply", "FIR-5"), FIR8,
)


def test_chain_with_two_handovers_and_a_discharge() -> None:
    """FIR-2, FIR-5…FIR-8: referral → taken by S-zhou → consented transfer to S-sun → unconsented transfer
    (nothing moves) → leader asked → discharge (FIR-7): only the unconsented transfer is a violation."""
    log = events(*two_handovers())
    books = collect(log, as_of=date(2026, 3, 31), case_types=["immediate"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None
    assert [(link.phase, link.responsible) for link in chain.links] == [
        (Phase.INQUIRY, "S-wang"), (Phase.INQUIRY, "S-wang"), (Phase.HANDLING, "S-zhou"),
        (Phase.HANDLING, "S-sun"), (Phase.HANDLING, "S-sun"), (Phase.HANDLING, "S-sun"), (Phase.CLOSED, None)]
    assert chain.end is not None and chain.end.event == "e7"
    assert chain.holder_on(date(2026, 3, 4)) == "S-sun"
    verdicts = run(variant(*ALL_FIR), log, "2026-03-31").verdicts
    assert [(v.rule, str(v.subject), v.on) for v in verdicts] == [("FIR-6", "staff:S-sun", date(2026, 3, 4))]


def test_chain_steps_are_the_steps_of_its_links() -> None:
    """FIR-2, FIR-3, FIR-7 read the chain's steps rather than its links: the same steps, in the same order,
    with the closing of the linked case (a link without a step) between them."""
    log = handled(case_received(), act("inquiry_replied", "2026-03-04T10:00", "S-wang"),
                  case_completed("2026-03-05T16:00"),
                  act("inquiry_refused", "2026-03-05T17:00", "S-li", words="不知道"),
                  act("inquiry_replied", "2026-03-06T10:00", "S-wang"))
    books = collect(log, as_of=date(2026, 3, 31), case_types=["promised"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None and chain.case is not None
    assert [link.step is None for link in chain.links] == [False, False, False, True, False, False]
    assert tuple(link.step for link in chain.links if link.step is not None) == chain.steps
    assert [(link.day, link.event) for link in chain.links if link.step is not None] == [
        (step.day, step.event) for step in chain.steps]


def test_chain_printout_step_by_step() -> None:
    """The printout: when, who, what, and who is responsible after each step."""
    books = collect(events(*two_handovers()), as_of=date(2026, 3, 31), case_types=["immediate"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None
    assert render_chain(chain).splitlines() == [
        "咨询 Q1 的首问首办责任链",
        "首问责任人：S-wang（来访，2026-03-02 09:00）",
        "",
        "1. 2026-03-02 09:00  S-wang  首问：来访咨询「残疾人补贴」，属中心其他窗口职责  → 责任人：S-wang（首问）",
        "2. 2026-03-02 09:05  S-wang  引导至 W-social S-zhou  → 责任人：S-wang（首问）",
        "3. 2026-03-02 09:30  S-zhou  接办  → 责任人：S-zhou（首办）",
        "4. 2026-03-03 15:00  S-zhou  移交 S-sun（经领导 L-chen 同意）（S-sun 担负首办责任）  → 责任人：S-sun（首办）",
        "5. 2026-03-04 10:00  S-sun  移交 S-liu（未经领导同意）（未经领导同意，责任不转移，仍由 S-sun 承担）"
        "  → 责任人：S-sun（首办）",
        "6. 2026-03-05 09:00  S-sun  请示领导 L-chen  → 责任人：S-sun（首办）",
        "7. 2026-03-05 11:00  S-sun  免责办结：请示领导后答复（首问、首办责任解除）  → 责任人：—（已结束）",
        "",
        "结果：2026-03-05 11:00 免责办结：请示领导后答复，责任链结束。",
    ]


def test_trace_lists_the_verdicts_about_the_inquiry_only() -> None:
    """The chain command's trace: the FIR-6 verdict of Q1, not the FIR-2 verdict of another inquiry."""
    log = events(*two_handovers(), asked("2026-03-02T10:00", inquiry="Q2", staff="S-li"))
    trace = trace_inquiry(variant(*ALL_FIR), log, "Q1")
    assert trace.as_of == date(2026, 3, 5)  # the latest event of the log
    assert [v.rule for v in trace.verdicts] == ["FIR-6"]
    text = render_trace(trace)
    assert "判定（test-variant，截至 2026-03-05）：" in text and "FIR-6 violation staff:S-sun" in text


def test_trace_of_an_unknown_inquiry_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="'Q9' is not in the log"):
        trace_inquiry(variant(*ALL_FIR), events(*two_handovers()), "Q9")


def test_chain_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`bianmin-rules chain`: the printout on stdout; an unknown inquiry is one error line, exit status 2."""
    log = tmp_path / "events.jsonl"
    log.write_text("\n".join(event.model_dump_json() for event in events(*two_handovers())), encoding="utf-8")
    variant = tmp_path / "fir.toml"
    variant.write_text(
        'name = "fir"\ntitle = "测试"\nsource = { document = "test" }\n[case_types]\nimmediate = "即办件"\n'
        '[[policies]]\nkind = "transfer-consent"\nrule = "FIR-6"\n'
        'source = { document = "村便民服务中心制度范本", article = "二 4", quote = "经领导同意" }\n',
        encoding="utf-8",
    )
    assert main(["chain", str(log), "--inquiry", "Q1", "--variant", str(variant), "--as-of", "2026-03-31"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("咨询 Q1 的首问首办责任链\n") and "判定（fir，截至 2026-03-31）：" in out
    main(["chain", str(log), "--inquiry", "Q1", "--variant", str(variant), "--as-of", "2026-03-31", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["The first-inquiry chain of inquiry Q1", "First asked: S-wang (visit, 2026-03-02 09:00)"]
    assert lines[6] == ("4. 2026-03-03 15:00  S-zhou  handed to S-sun (with leader L-chen's consent) (S-sun becomes "
                        "the first handler)  → responsible: S-sun (first handling)")
    assert "Verdicts (fir, as of 2026-03-31):" in lines
    assert main(["chain", str(log), "--inquiry", "Q9", "--variant", str(variant)]) == 2
    _, err = capsys.readouterr()
    assert err == "bianmin-rules: error: inquiry 'Q9' is not in the log\n"
