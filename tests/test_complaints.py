"""Complaints (投诉, CMP-1…CMP-6, CMP-8), computed by hand from the texts.

2026 calendar (CAL-1): Friday 2/13 is followed by the make-up working Saturday 2/14, then
the Spring Festival break 2/15–2/23; 3/7–3/8 is a weekend; National Day runs 10/1–10/7.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Variant, VerdictKind
from tests.conftest import cited, events, make_variant, run

SOURCES = {
    "CMP-1": ("便民服务中心管理制度 1", "(七)3", "不能现场答复的，要在当日或次日给予答复"),
    "CMP-2": ("便民服务中心管理制度 3 投诉制度", "6", "在一周之内作出答复"),
    "CMP-3": ("便民服务中心管理制度 14 投诉问责制度", "3.(2)", "在受理之日起五个工作日内向投诉人作出答复"),
    "CMP-4": ("便民服务中心管理制度 3 投诉制度", "6", "要及时向投诉人说明情况，并负责此项投诉的追踪处理，直至处理完毕"),
    "CMP-5": ("便民服务中心管理制度 3 投诉制度", "7", "口头投诉以口头答复为主。书面投诉必须书面答复"),
    "CMP-6": ("便民服务中心管理制度 1", "(七)4", "重大投诉事项应及时向党委、政府和上级纪检监察部门汇报"),
    "CMP-8": ("便民服务中心管理制度 14 考评细则", "(2)②", "受到服务对象投诉，经查实，窗口工作人员有过错的"),
}


def policy(kind: str, rule: str, **params: Any) -> dict[str, Any]:
    return cited(kind, rule, SOURCES[rule], **params)


def received(at: str, *, complaint: str = "K1", form: str = "oral", category: str = "ordinary",
             **extra: Any) -> dict[str, Any]:
    return {"type": "complaint_received", "complaint": complaint, "at": at, "staff": "S-he",
            "window": "W-complaints", "form": form, "category": category, "about_staff": "S-li", **extra}


def answered(at: str, form: str = "oral", complaint: str = "K1") -> dict[str, Any]:
    return {"type": "complaint_answered", "complaint": complaint, "at": at, "staff": "S-he", "form": form}


def explained(at: str, **extra: Any) -> dict[str, Any]:
    return {"type": "complaint_delay_explained", "complaint": "K1", "at": at, "staff": "S-he", **extra}


NEXT_DAY = policy("complaint-answer", "CMP-1", categories=["ordinary"], limit={"unit": "next_day"})


def answer_verdicts(variant: Variant, *rows: dict[str, Any], as_of: str = "2026-03-31") -> list[tuple[Any, ...]]:
    return [(v.rule, v.kind, v.due, v.actual, v.deadline.days_late if v.deadline else None)
            for v in run(variant, events(*rows), as_of).verdicts]


# CMP-1: ordinary complaints, the same or the next day


def test_cmp1_answered_the_next_day_is_in_time() -> None:
    """CMP-1 (town-basic (七)3): received Monday 3/2, answered Tuesday 3/3."""
    assert answer_verdicts(make_variant(NEXT_DAY), received("2026-03-02T10:00"), answered("2026-03-03T16:00")) == []


def test_cmp1_answered_on_the_spot_is_in_time() -> None:
    """CMP-1: "现场给予答复"."""
    assert answer_verdicts(make_variant(NEXT_DAY), received("2026-03-02T10:00"), answered("2026-03-02T10:20")) == []


def test_cmp1_answered_two_days_later_is_one_working_day_late() -> None:
    """CMP-1: received 3/2, due 3/3, answered 3/4; charged to whoever accepted the complaint."""
    report = run(make_variant(NEXT_DAY), events(received("2026-03-02T10:00"), answered("2026-03-04T09:00")),
                 "2026-03-31")
    (verdict,) = report.verdicts
    assert (verdict.rule, verdict.kind, verdict.due, verdict.actual) == (
        "CMP-1", VerdictKind.VIOLATION, date(2026, 3, 3), date(2026, 3, 4))
    assert verdict.deadline is not None and verdict.deadline.days_late == 1
    assert (str(verdict.subject), verdict.evidence) == ("staff:S-he", ("e1", "e2"))
    assert verdict.explanation.startswith("投诉 K1（口头，一般投诉）：")


def test_cmp1_next_day_on_a_weekend_defaults_to_the_next_working_day() -> None:
    """CMP-1 ambiguity: received Friday 3/6, 次日 is Saturday 3/7; by default it rolls to Monday 3/9."""
    rows = (received("2026-03-06T15:00"), answered("2026-03-09T09:00"))
    assert answer_verdicts(make_variant(NEXT_DAY), *rows) == []
    strict = policy("complaint-answer", "CMP-1", categories=["ordinary"],
                    limit={"unit": "next_day", "roll_past_holidays": False})
    assert answer_verdicts(make_variant(strict), *rows) == [
        ("CMP-1", VerdictKind.VIOLATION, date(2026, 3, 7), date(2026, 3, 9), 1)]


def test_cmp1_the_explanation_states_that_a_closed_next_day_rolled_to_the_next_working_day() -> None:
    """CMP-1 (town-basic (七)3 "要在当日或次日给予答复"): received Friday 3/6, never answered; the
    explanation itself, not only the trace, says that 次日 3/7 is closed and the limit ran to Monday 3/9."""
    (verdict,) = run(make_variant(NEXT_DAY), events(received("2026-03-06T15:00")), "2026-03-31").verdicts
    assert ("答复时限自受理之日（2026-03-06）起算次日，次日（2026-03-07）不是工作日，顺延至下一个工作日"
            "（民法典第二百零三条），届满日为2026-03-09；") in verdict.explanation


def test_cmp1_a_next_day_that_is_a_working_day_is_stated_plainly() -> None:
    """CMP-1: received Monday 3/2, answered 3/4: 次日 3/3 is a working day, and the explanation says no more."""
    (verdict,) = run(make_variant(NEXT_DAY), events(received("2026-03-02T10:00"), answered("2026-03-04T09:00")),
                     "2026-03-31").verdicts
    assert "起算次日，届满日为2026-03-03；" in verdict.explanation and "顺延" not in verdict.explanation


def test_cmp1_next_day_is_the_make_up_saturday_before_spring_festival() -> None:
    """CMP-1: received Friday 2/13; 次日 2/14 is a make-up working day, so it is due then; 2/24 is 1 day late."""
    assert answer_verdicts(make_variant(NEXT_DAY), received("2026-02-13T15:00"), answered("2026-02-24T09:00")) == [
        ("CMP-1", VerdictKind.VIOLATION, date(2026, 2, 14), date(2026, 2, 24), 1)]


def test_cmp1_unanswered_is_late_from_the_day_after_the_due_day() -> None:
    """CMP-1: received 3/2, never answered: due 3/3, attributed to 3/4, 20 working days late on 3/31."""
    (verdict,) = run(make_variant(NEXT_DAY), events(received("2026-03-02T10:00")), "2026-03-31").verdicts
    assert (verdict.on, verdict.actual) == (date(2026, 3, 4), None)
    assert verdict.deadline is not None and verdict.deadline.days_late == 20
    assert "截至2026-03-31仍未答复" in verdict.explanation


def test_cmp1_covers_only_its_categories() -> None:
    """CMP-1 is the rule for ordinary complaints; a complex one is CMP-2's."""
    assert answer_verdicts(make_variant(NEXT_DAY), received("2026-03-02T10:00", category="complex"),
                           answered("2026-03-06T09:00")) == []


# CMP-2: complex complaints, one week


WEEK = policy("complaint-answer", "CMP-2", categories=["complex"], limit={"unit": "week", "amount": 1})


def test_cmp2_one_week() -> None:
    """CMP-2 (town-conduct-100 投诉制度 6): received 3/2, due 3/9; answered 3/10 is one working day late."""
    assert answer_verdicts(make_variant(WEEK), received("2026-03-02T10:00", category="complex"),
                           answered("2026-03-09T17:00")) == []
    assert answer_verdicts(make_variant(WEEK), received("2026-03-02T10:00", category="complex"),
                           answered("2026-03-10T09:00")) == [
        ("CMP-2", VerdictKind.VIOLATION, date(2026, 3, 9), date(2026, 3, 10), 1)]


def test_cmp2_a_week_ending_in_the_national_day_break() -> None:
    """CMP-2: received 2026-09-30; a week later, 10/7, is a holiday: due 10/8 (by default)."""
    assert answer_verdicts(make_variant(WEEK), received("2026-09-30T10:00", category="complex"),
                           answered("2026-10-08T10:00"), as_of="2026-10-31") == []


def test_cmp2_a_week_ending_on_national_day_says_so() -> None:
    """CMP-2 (town-conduct-100 投诉制度 6 "在一周之内作出答复"): received 9/30; the week's last day is a holiday."""
    (verdict,) = run(make_variant(WEEK), events(received("2026-09-30T10:00", category="complex")),
                     "2026-10-31").verdicts
    assert "1周的最后一日（2026-10-07）不是工作日，顺延至下一个工作日（民法典第二百零三条），届满日为2026-10-08" in (
        verdict.explanation)


# CMP-3: the other variants' limits


def test_cmp3_jiangxi_five_working_days_across_spring_festival() -> None:
    """CMP-3 (jiangxi-town 投诉处理 (2)): received Thursday 2/12; 2/13, 2/14, 2/24, 2/25, 2/26: due 2/26."""
    five = make_variant(policy("complaint-answer", "CMP-3", limit=5))
    assert answer_verdicts(five, received("2026-02-12T10:00"), answered("2026-02-26T17:00")) == []
    assert answer_verdicts(five, received("2026-02-12T10:00"), answered("2026-02-27T09:00")) == [
        ("CMP-3", VerdictKind.VIOLATION, date(2026, 2, 26), date(2026, 2, 27), 1)]


def test_cmp3_jianshe_fifteen_working_days_for_matters_needing_investigation() -> None:
    """CMP-3 (jianshe-street 承诺 四): received 3/2; 15 working days end on 3/23; ordinary questions at once."""
    jianshe = make_variant(
        policy("complaint-answer", "CMP-3", categories=["ordinary"], limit={"unit": "same_day", "amount": 0}),
        policy("complaint-answer", "CMP-3", categories=["complex"], limit=15),
    )
    assert answer_verdicts(jianshe, received("2026-03-02T10:00", category="complex"), answered("2026-03-23T16:00"),
                           received("2026-03-02T11:00", complaint="K2"),
                           answered("2026-03-03T09:00", complaint="K2")) == [
        ("CMP-3", VerdictKind.VIOLATION, date(2026, 3, 2), date(2026, 3, 3), 1)]


# CMP-4: late with and without a recorded explanation


def test_cmp4_late_but_explained_in_time_is_tracked_not_a_violation() -> None:
    """CMP-4: told on the due day 3/3 why the answer is late, answered 3/5: a warning, tracked."""
    report = run(make_variant(NEXT_DAY), events(received("2026-03-02T10:00"), explained("2026-03-03T16:00"),
                                                answered("2026-03-05T10:00")), "2026-03-31")
    (verdict,) = report.verdicts
    assert (verdict.rule, verdict.kind, verdict.points) == ("CMP-1", VerdictKind.WARNING, Decimal(0))
    assert "已于2026-03-03向投诉人说明情况，跟踪处理（CMP-4）" in verdict.explanation
    assert verdict.evidence == ("e1", "e3", "e2")


def test_cmp4_an_explanation_after_the_due_day_does_not_excuse() -> None:
    """CMP-4: "及时向投诉人说明情况" — told only on 3/4, after the due day 3/3: a violation."""
    (verdict,) = run(make_variant(NEXT_DAY), events(received("2026-03-02T10:00"), explained("2026-03-04T09:00"),
                                                    answered("2026-03-05T10:00")), "2026-03-31").verdicts
    assert verdict.kind is VerdictKind.VIOLATION and "2026-03-04才向投诉人说明情况" in verdict.explanation


def test_cmp4_explained_kind_may_be_information() -> None:
    """CMP-4: a variant may report tracked complaints as information instead of warnings."""
    info = policy("complaint-answer", "CMP-1", categories=["ordinary"], limit={"unit": "next_day"},
                  explained_kind="information")
    (verdict,) = run(make_variant(info), events(received("2026-03-02T10:00"), explained("2026-03-03T16:00")),
                     "2026-03-31").verdicts
    assert verdict.kind is VerdictKind.INFORMATION


TRACKING = policy("complaint-tracking", "CMP-4")


def test_cmp4_tracking_the_promised_new_date() -> None:
    """CMP-4 (直至处理完毕): the explanation promised an answer by 3/11; answered 3/12 is a violation."""
    rows = (received("2026-03-02T10:00"), explained("2026-03-03T16:00", new_date="2026-03-11"))
    assert [v.kind for v in run(make_variant(TRACKING), events(*rows, answered("2026-03-11T10:00")),
                                "2026-03-31").verdicts] == []
    (late,) = run(make_variant(TRACKING), events(*rows, answered("2026-03-12T10:00")), "2026-03-31").verdicts
    assert (late.rule, late.kind, late.due, late.actual, late.days_late) == (
        "CMP-4", VerdictKind.VIOLATION, date(2026, 3, 11), date(2026, 3, 12), 1)
    trace = late.deadline  # from the explanation on 3/3 to the date it promised
    assert trace is not None and (trace.start, trace.start_rule, trace.limit.label()) == (
        date(2026, 3, 3), "说明情况之日", "8日")


def test_cmp4_tracking_an_open_complaint_without_a_new_date_is_kept_in_sight() -> None:
    """CMP-4: explained but no new date and still open: an information verdict, not silence."""
    (verdict,) = run(make_variant(TRACKING), events(received("2026-03-02T10:00"), explained("2026-03-03T16:00")),
                     "2026-03-31").verdicts
    assert (verdict.kind, verdict.on) == (VerdictKind.INFORMATION, date(2026, 3, 3))
    assert "仍在跟踪处理" in verdict.explanation


# CMP-5: the same form


@pytest.mark.parametrize(("form", "answers", "expected"), [
    ("written", ["oral"], ["CMP-5"]),
    ("written", ["oral", "written"], []),
    ("oral", ["oral"], []),
    ("oral", ["written"], []),
    ("phone", ["oral"], []),
])
def test_cmp5_written_complaints_get_written_answers(form: str, answers: list[str], expected: list[str]) -> None:
    """CMP-5 (town-conduct-100 投诉制度 7): only the written answer to a written complaint is mandatory."""
    rows = [received("2026-03-02T10:00", form=form),
            *(answered(f"2026-03-0{3 + i}T10:00", a) for i, a in enumerate(answers))]
    assert [v.rule for v in run(make_variant(policy("complaint-reply-form", "CMP-5")), events(*rows),
                                "2026-03-31").verdicts] == expected


def test_cmp5_county_answers_every_complaint_in_writing() -> None:
    """CMP-5 with county-centre 承诺 六 ("5个工作日内给予书面答复"): a phone complaint answered orally."""
    county = make_variant(policy("complaint-reply-form", "CMP-5", written_for=["oral", "phone", "written"]))
    (verdict,) = run(county, events(received("2026-03-02T10:00", form="phone"), answered("2026-03-03T10:00")),
                     "2026-03-31").verdicts
    assert "电话投诉须书面答复，实际仅2026-03-03口头答复" in verdict.explanation


# CMP-6: major complaints


ESCALATION = policy("major-complaint-escalation", "CMP-6")


def escalated(at: str, to: list[str], written: bool = True) -> dict[str, Any]:
    return {"type": "complaint_escalated", "complaint": "K1", "at": at, "staff": "S-he", "to": to, "written": written}


def test_cmp6_reported_in_writing_to_both_bodies_by_the_next_working_day() -> None:
    """CMP-6 (town-basic (七)4): received Friday 3/6, reported Monday 3/9 (one working day) to both."""
    rows = (received("2026-03-06T10:00", category="major", form="written"),
            escalated("2026-03-09T09:00", ["leadership", "discipline"]))
    assert run(make_variant(ESCALATION), events(*rows), "2026-03-31").verdicts == ()


def test_cmp6_missing_body_and_oral_reports_are_violations() -> None:
    """CMP-6: reported to the leadership in writing, to the discipline body only orally."""
    rows = (received("2026-03-02T10:00", category="major", form="written"),
            escalated("2026-03-02T15:00", ["leadership"]), escalated("2026-03-02T16:00", ["discipline"], written=False))
    (verdict,) = run(make_variant(ESCALATION), events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, verdict.due, verdict.actual, verdict.on) == (
        "CMP-6", date(2026, 3, 3), None, date(2026, 3, 4))
    assert "届满日2026-03-03前未向discipline书面汇报" in verdict.explanation


def test_cmp6_a_late_report_is_reported_with_its_day() -> None:
    """CMP-6: the discipline body got the written report only on 3/5, two days after the due day 3/3."""
    rows = (received("2026-03-02T10:00", category="major", form="written"),
            escalated("2026-03-02T15:00", ["leadership"]), escalated("2026-03-05T09:00", ["discipline"]))
    (verdict,) = run(make_variant(ESCALATION), events(*rows), "2026-03-31").verdicts
    assert (verdict.actual, verdict.on, verdict.evidence) == (date(2026, 3, 5), date(2026, 3, 5), ("e1", "e2", "e3"))
    assert (verdict.due, verdict.days_late) == (date(2026, 3, 3), 2)
    assert verdict.deadline is not None and (verdict.deadline.start, verdict.deadline.limit.label()) == (
        date(2026, 3, 2), "1个工作日")
    assert "至2026-03-05方全部汇报" in verdict.explanation


def test_cmp6_ordinary_complaints_need_no_escalation() -> None:
    assert run(make_variant(ESCALATION), events(received("2026-03-02T10:00")), "2026-03-31").verdicts == ()


# CMP-8: verified complaints


def investigated(upheld: bool = True, **extra: Any) -> dict[str, Any]:
    return {"type": "complaint_investigated", "complaint": "K1", "at": "2026-03-06T10:00", "staff": "S-li",
            "window": "W-market", "upheld": upheld, **extra}


def test_cmp8_jiangxi_five_points_per_verified_complaint_with_staff_at_fault() -> None:
    """CMP-8 (jiangxi-town 服务质量 ②): −5 to the staff member at fault."""
    jiangxi = make_variant(policy("verified-complaint", "CMP-8", points="-5"))
    (verdict,) = run(jiangxi, events(received("2026-03-02T10:00"), investigated()), "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.points, verdict.on) == (
        "CMP-8", "staff:S-li", Decimal(-5), date(2026, 3, 6))
    assert verdict.evidence == ("e1", "e2")


def test_cmp8_county_charges_staff_and_window_for_the_tables_to_score() -> None:
    """CMP-8 (county-centre 办件管理 3 and 四(三)): one verdict on the window, one on the staff member."""
    county = make_variant(policy("verified-complaint", "CMP-8", charge=["staff", "window"]))
    verdicts = run(county, events(received("2026-03-02T10:00"), investigated()), "2026-03-31").verdicts
    assert sorted(str(v.subject) for v in verdicts) == ["staff:S-li", "window:W-market"]
    assert all(v.points == 0 and v.kind is VerdictKind.VIOLATION for v in verdicts)


def test_cmp8_only_the_named_causes_and_only_upheld_complaints() -> None:
    """CMP-8 (town-conduct-100 能 2: "出现解答错误，并造成投诉的，一次扣3分")."""
    wrong_answer = make_variant(policy("verified-complaint", "CMP-8", points="-3", causes=["wrong_answer"]))
    log = events(received("2026-03-02T10:00"), investigated(cause="attitude"), investigated(cause="wrong_answer"),
                 investigated(upheld=False, cause="wrong_answer"))
    assert [v.evidence for v in run(wrong_answer, log, "2026-03-31").verdicts] == [("e1", "e3")]


# Who answers for a complaint's handling


def test_the_complaint_is_charged_to_the_window_or_centre_when_no_one_is_named() -> None:
    """CMP-1: without a receiving staff member, the window; without a window either, the centre."""
    rows = [{**received("2026-03-02T10:00"), "staff": None},
            {**received("2026-03-02T10:00", complaint="K2"), "staff": None, "window": None, "centre": "C-town"}]
    subjects = [str(v.subject) for v in run(make_variant(NEXT_DAY), events(*rows), "2026-03-31").verdicts]
    assert subjects == ["centre:C-town", "window:W-complaints"]


def test_a_complaint_never_received_is_noted() -> None:
    report = run(make_variant(NEXT_DAY), events(answered("2026-03-03T10:00")), "2026-03-31")
    assert report.verdicts == () and "投诉 K1" in report.notes[0]


def test_cmp8_the_cause_is_the_verdicts_code_for_the_tables() -> None:
    """CMP-8 (town-conduct-100 能 2): the investigation's cause is the verdict's code, so a table line can price
    one cause (``codes = ["wrong_answer"]``); a complaint without a cause has none."""
    variant = make_variant(policy("verified-complaint", "CMP-8"))
    log = events(received("2026-03-02T10:00"), investigated(cause="wrong_answer"), investigated())
    assert [v.code for v in run(variant, log, "2026-03-31").verdicts] == ["wrong_answer", None]
