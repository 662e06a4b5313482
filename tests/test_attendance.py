"""ATT-1, ATT-2, LV-2, LV-3, CAL-4 and CAL-5, computed by hand from the texts.

Office hours: the library's placeholder 09:00–12:00 and 13:30–17:30 unless a test states
a variant's own (CAL-2). March 2026: Monday 3/2 … Friday 3/6; 3/7 and 3/8 closed.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import EventError, VerdictKind, read_events, to_csv
from tests.conftest import events, make_variant, run
from tests.staff_log import (
    JIANSHE_HOURS,
    SHOUZHAN_HOURS,
    approve,
    leave,
    policy,
    roster,
    signed,
    signs,
)

TOWN_BASIC = "便民服务中心管理制度 1（镇便民服务中心）"
COUNTY = "县政务服务中心部门窗口及窗口工作人员考核办法"
SHOUZHAN = "首占镇便民服务中心管理制度"

TOWN_BASIC_LATE = policy(
    "late-or-early", "ATT-1", TOWN_BASIC, "二、(一)3", "迟到或早退一次扣款20元", fine="20")
TOWN_BASIC_ABSENCE = policy(
    "absence", "ATT-2", TOWN_BASIC, "二、(一)3", "未履行请假手续的一律作旷工处理，……无故旷工一天扣款100元",
    per="day", fine="100")
COUNTY_LATE = policy("late-or-early", "ATT-1", COUNTY, "二、(三)1", "迟到、早退每次扣1分", points="-1")
COUNTY_ABSENCE = policy("absence", "ATT-2", COUNTY, "二、(三)1", "旷工每半天扣2分", points="-2")
SHOUZHAN_LATE = policy(
    "late-or-early", "ATT-1", SHOUZHAN, "第八条(一)",
    "上班时间每天签到签退四次。工作日上班时间为：上午8:00-12:00，下午14:30-17:30")
SHOUZHAN_PROCEDURE = {"retroactive_within": 1, "phone_call_required": True}
SHOUZHAN_ABSENCE = policy(
    "absence", "ATT-2", SHOUZHAN, "第八条(二)2",
    "必须在事前电话报告中心办公室，并在事后一个工作日内补办请假手续，逾期不办请假手续的，按旷工处理",
    leave=SHOUZHAN_PROCEDURE)
SHOUZHAN_RETRO = policy(
    "retroactive-leave", "LV-3", SHOUZHAN, "第八条(二)2", "在事后一个工作日内补办请假手续", leave=SHOUZHAN_PROCEDURE)


def verdicts(variant_policies: list[dict[str, object]], rows: list[dict[str, object]], as_of: str,
             **options: object) -> list[tuple[str, date, str, Decimal | None]]:
    """(rule, day, kind, quantity) of each verdict."""
    variant = make_variant(*variant_policies, **options)  # type: ignore[arg-type]
    return [(v.rule, v.on, v.kind.value, v.quantity) for v in run(variant, events(*rows), as_of).verdicts]


# ATT-1 and CAL-2: late arrival and early leave


def test_att1_shouzhan_afternoon_sign_in_six_minutes_late() -> None:
    """ATT-1, CAL-4 (shouzhan-town 第八条(一)): four sign-ins; afternoon due 14:30, signed in 14:36."""
    variant = make_variant(SHOUZHAN_LATE, office_hours=SHOUZHAN_HOURS)
    report = run(variant, events(*signs("2026-03-02", "07:58", "12:01", "14:36", "17:31")), "2026-03-31")
    (verdict,) = report.verdicts
    assert (verdict.rule, verdict.on, verdict.quantity, verdict.evidence) == (
        "ATT-1", date(2026, 3, 2), Decimal(6), ("e3",))
    assert verdict.explanation == "2026-03-02 下午应于14:30到岗，14:36签到，迟到6分钟。"


def test_att1_town_basic_twenty_yuan_each_kept_apart_from_points() -> None:
    """ATT-1 (town-basic 二、(一)3): late 09:05 and early 17:20 cost 20 yuan each, no points (SC-9)."""
    variant = make_variant(TOWN_BASIC_LATE)
    report = run(variant, events(*signs("2026-03-02", "09:05", "17:20")), "2026-03-31")
    assert [(v.explanation, v.fine, v.points) for v in report.verdicts] == [
        ("2026-03-02 上午应于09:00到岗，09:05签到，迟到5分钟。", Decimal(20), Decimal(0)),
        ("2026-03-02 下午应在岗至17:30，17:20签退，早退10分钟。", Decimal(20), Decimal(0)),
    ]
    (total,) = report.totals
    assert (total.fine, total.points) == (Decimal(40), Decimal(0))


def test_att1_guangwu_on_post_five_minutes_before_and_after() -> None:
    """ATT-1, CAL-2 (guangwu-street 第二十九条, 第三十八条(一)): due 08:55–17:35; 通报批评 and 100 yuan each."""
    guangwu = policy(
        "late-or-early", "ATT-1", "光武街道政务服务中心管理办法", "第二十九条、第三十八条(一)",
        "早5分钟上岗和迟5分钟下班……由中心给予通报批评并扣除考核奖金100元",
        on_post_before=5, stay_after=5, fine="100", sanction={"tier": "通报批评", "level": 1})
    variant = make_variant(guangwu)
    late = run(variant, events(*signs("2026-03-02", "08:57", "17:33")), "2026-03-31")
    assert [(v.quantity, v.fine, v.sanction.tier if v.sanction else None) for v in late.verdicts] == [
        (Decimal(2), Decimal(100), "通报批评"), (Decimal(2), Decimal(100), "通报批评")]
    assert "应于08:55到岗" in late.verdicts[0].explanation
    assert run(variant, events(*signs("2026-03-02", "08:55", "17:35")), "2026-03-31").verdicts == ()


def test_att1_lunch_break_needs_no_sign_out_unless_the_staff_member_signs_one() -> None:
    """ATT-1: present through the lunch break is not late; signing out at 11:55 is 5 minutes early."""
    assert verdicts([COUNTY_LATE], signs("2026-03-02", "08:50", "17:40"), "2026-03-31") == []
    assert verdicts([COUNTY_LATE], signs("2026-03-02", "08:50", "11:55", "13:20", "17:40"), "2026-03-31") == [
        ("ATT-1", date(2026, 3, 2), "violation", Decimal(5))]


def test_att1_partial_leave_moves_the_time_due() -> None:
    """ATT-1 (county-centre 二、(三)1): approved leave 09:00–10:30, signed in 10:40 — 10 minutes late, −1."""
    rows = [leave("L1", "2026-03-02T09:00", "2026-03-02T10:30", at="2026-03-01T10:00"),
            approve("L1", "2026-03-01T11:00", "中心主任"), *signs("2026-03-02", "10:40", "17:30")]
    variant = make_variant(COUNTY_LATE)
    (verdict,) = run(variant, events(*rows), "2026-03-31").verdicts
    assert (verdict.quantity, verdict.points) == (Decimal(10), Decimal(-1))
    assert "应于10:30到岗" in verdict.explanation


def test_att1_closed_days_and_make_up_saturday() -> None:
    """ATT-1, CAL-1: a Saturday sign-in at 09:30 is not late; on the make-up Saturday 2026-02-28 it is."""
    rows = [*signs("2026-03-07", "09:30", "11:00"), *signs("2026-02-28", "09:30", "17:30")]
    assert verdicts([COUNTY_LATE], rows, "2026-03-31") == [("ATT-1", date(2026, 2, 28), "violation", Decimal(30))]


# CAL-5: staying late for an applicant


def test_cal5_staying_late_for_an_applicant_is_never_counted_against_anyone() -> None:
    """CAL-5 (jianshe-street 窗口服务承诺制 七): served until 18:35, signed out 18:40 — no violation anywhere."""
    stay = policy("extended-service", "CAL-5", "建设街政务中心规章制度", "窗口服务承诺制 七",
                  "下班时所办业务仍未办理完毕的，工作人员应延长服务时间，坚持为服务对象办理完毕")
    rows = [roster("S1", "W1", "2026-03-02"), *signs("2026-03-02", "08:25", "18:40", window="W1"),
            {"type": "service_extended", "at": "2026-03-02T17:30", "staff": "S1", "window": "W1",
             "until": "2026-03-02T18:35", "case": "C1"}]
    everything = [stay, COUNTY_LATE, COUNTY_ABSENCE, policy("empty-post", "AB-1", "d", "a", "q"),
                  policy("sign-in-register", "CAL-4", "d", "a", "q", monthly=False)]
    variant = make_variant(*everything, office_hours=JIANSHE_HOURS)
    assert run(variant, events(*rows), "2026-03-03").verdicts == ()
    (compliance,) = run(variant, events(*rows), "2026-03-03", include_compliance=True).verdicts
    assert (compliance.rule, compliance.kind, compliance.case) == ("CAL-5", VerdictKind.COMPLIANCE, "C1")


def test_cal5_closing_on_an_applicant_in_service_is_a_violation() -> None:
    """CAL-5: stopping at 17:40 with the matter unfinished breaks the stay-until-done promise."""
    stay = policy("extended-service", "CAL-5", "建设街政务中心规章制度", "窗口服务承诺制 七",
                  "待服务对象离开服务大厅后，工作人员方可下班")
    rows = [{"type": "service_extended", "at": "2026-03-02T17:30", "staff": "S1", "until": "2026-03-02T17:40",
             "finished": False}]
    (verdict,) = run(make_variant(stay, office_hours=JIANSHE_HOURS), events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, verdict.kind) == ("CAL-5", VerdictKind.VIOLATION)
    assert "业务未办理完毕即停止服务下班" in verdict.explanation


# ATT-2: absence without leave, derived for staff on duty


def test_att2_county_two_points_per_half_day_on_rostered_days() -> None:
    """ATT-2 (county-centre 二、(三)1): 3/3 no record (−4), 3/4 morning only (−2); 3/5 is the day of evaluation."""
    rows = [roster("S1", "W1", "2026-03-02"), *signs("2026-03-02", "08:55", "17:31"),
            *signs("2026-03-04", "08:55", "12:00")]
    report = run(make_variant(COUNTY_ABSENCE), events(*rows), "2026-03-05")
    assert [(v.on, v.quantity, v.points, v.evidence) for v in report.verdicts] == [
        (date(2026, 3, 3), Decimal(2), Decimal(-4), ("e1",)),
        (date(2026, 3, 4), Decimal(1), Decimal(-2), ("e1",)),
    ]
    assert report.verdicts[1].explanation == "2026-03-04 下午应在岗，无签到记录，亦无有效请假：旷工1个半天。"


def test_att2_weekends_and_holidays_are_not_absence() -> None:
    """ATT-2, CAL-1: rostered over 清明 (4/4–4/6) and a weekend, nobody signs in: only working days count."""
    rows = [roster("S1", "W1", "2026-04-03", last_day="2026-04-07")]
    found = verdicts([COUNTY_ABSENCE], rows, "2026-04-30")
    assert [(day, quantity) for _, day, _, quantity in found] == [
        (date(2026, 4, 3), Decimal(2)), (date(2026, 4, 7), Decimal(2))]


def test_att2_town_basic_hundred_yuan_a_day_and_half_a_day() -> None:
    """ATT-2 (town-basic 二、(一)3): 100 yuan a day; half a day costs 50 pro rata, 100 when read as a whole day."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-03", "08:55", "12:00")]
    pro_rata = run(make_variant(TOWN_BASIC_ABSENCE), events(*rows), "2026-03-31")
    assert [(v.on, v.fine, v.points) for v in pro_rata.verdicts] == [
        (date(2026, 3, 2), Decimal(100), Decimal(0)), (date(2026, 3, 3), Decimal(50), Decimal(0))]
    whole = run(make_variant({**TOWN_BASIC_ABSENCE, "part_day": "whole_day"}), events(*rows), "2026-03-31")
    assert [v.fine for v in whole.verdicts] == [Decimal(100), Decimal(100)]


def test_att2_without_a_roster_only_between_the_first_and_last_record() -> None:
    """ATT-2: S2 signs in 3/2 and 3/6 only — absent 3/3–3/5; S3 never signs and is on no roster."""
    rows = [*signs("2026-03-02", "08:55", "17:31", staff="S2"), *signs("2026-03-06", "08:55", "17:31", staff="S2"),
            {"type": "finding_recorded", "at": "2026-03-04T10:00", "staff": "S3", "finding": "no_badge"}]
    found = verdicts([COUNTY_ABSENCE], rows, "2026-03-31")
    assert [day.day for _, day, _, _ in found] == [3, 4, 5]


def test_lv2_unapproved_leave_is_absence() -> None:
    """LV-2 (town-basic 二、(一)3) and town-conduct-100 勤 2: unapproved leave is absence, and −5 for the procedure."""
    unapproved = policy("unapproved-leave", "LV-2", "工作人员考核细则", "三、2", "不按规定程序请假的，每次扣5分",
                        points="-5")
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "08:55", "17:31"),
            leave("L1", "2026-03-03T09:00", "2026-03-03T17:30", at="2026-03-02T16:00")]
    report = run(make_variant(TOWN_BASIC_ABSENCE, unapproved), events(*rows), "2026-03-31")
    absence, procedure = report.verdicts
    assert (absence.rule, absence.fine, absence.evidence) == ("ATT-2", Decimal(100), ("e1", "e4"))
    assert "请假L1未经批准（未履行请假手续）（LV-2），按旷工处理" in absence.explanation
    assert (procedure.rule, procedure.points, procedure.on) == ("LV-2", Decimal(-5), date(2026, 3, 3))
    approved = [*rows, approve("L1", "2026-03-02T17:00", "镇长")]
    assert run(make_variant(TOWN_BASIC_ABSENCE, unapproved), events(*approved), "2026-03-31").verdicts == ()


def shouzhan_friday_leave(filed: str, *, phoned: bool = True) -> list[dict[str, object]]:
    """Away Friday 3/6 on personal business, papers filed afterwards."""
    return [roster("S1", "W1", "2026-03-06", last_day="2026-03-06"),
            leave("L1", "2026-03-06T08:00", "2026-03-06T17:30", at=filed, phoned_ahead=phoned),
            approve("L1", filed, "中心主任")]


def test_lv3_shouzhan_papers_on_the_next_working_day_are_in_time() -> None:
    """LV-3 (shouzhan-town 第八条(二)2): away Friday 3/6, papers Monday 3/9 — one working day after: in time."""
    variant = make_variant(SHOUZHAN_ABSENCE, SHOUZHAN_RETRO, office_hours=SHOUZHAN_HOURS)
    assert run(variant, events(*shouzhan_friday_leave("2026-03-09T09:00")), "2026-03-31").verdicts == ()


def test_lv3_shouzhan_papers_two_working_days_late_make_the_day_absence() -> None:
    """LV-3: papers Tuesday 3/10, after the limit (Monday 3/9) — 3/6 is absence, and LV-3 is broken."""
    variant = make_variant(SHOUZHAN_ABSENCE, SHOUZHAN_RETRO, office_hours=SHOUZHAN_HOURS)
    absence, late = run(variant, events(*shouzhan_friday_leave("2026-03-10T09:00")), "2026-03-31").verdicts
    assert (absence.rule, absence.on, absence.quantity) == ("ATT-2", date(2026, 3, 6), Decimal(2))
    assert "超过2026-03-06起1个工作日的期限（2026-03-09）" in absence.explanation
    assert (late.rule, late.kind, late.on) == ("LV-3", VerdictKind.VIOLATION, date(2026, 3, 6))


def test_lv3_the_papers_deadline_is_data_in_the_verdict_and_the_spreadsheet() -> None:
    """LV-3 (shouzhan-town 第八条(二)2 "在事后一个工作日内补办请假手续"): the leave ended Friday 3/6, so the papers
    were due Monday 3/9; filed Tuesday 3/10, one working day late — ``due``, ``actual``, the trace and the CSV's
    due/actual/days_late columns say so, not only the sentence. Filed on 3/9 and reported as compliance: in time."""
    variant = make_variant(SHOUZHAN_ABSENCE, SHOUZHAN_RETRO, office_hours=SHOUZHAN_HOURS)
    report = run(variant, events(*shouzhan_friday_leave("2026-03-10T09:00")), "2026-03-31")
    (late,) = [v for v in report.verdicts if v.rule == "LV-3"]
    assert (late.due, late.actual, late.days_late) == (date(2026, 3, 9), date(2026, 3, 10), 1)
    trace = late.deadline
    assert trace is not None and (trace.start, trace.start_rule, trace.limit.label()) == (
        date(2026, 3, 6), "请假结束之日", "1个工作日")
    (row,) = [r for r in csv.DictReader(io.StringIO(to_csv(report))) if r["rule"] == "LV-3"]
    assert (row["due"], row["actual"], row["days_late"]) == ("2026-03-09", "2026-03-10", "1")
    in_time = run(variant, events(*shouzhan_friday_leave("2026-03-09T09:00")), "2026-03-31", include_compliance=True)
    (met,) = [v for v in in_time.verdicts if v.rule == "LV-3"]
    assert (met.kind, met.due, met.actual, met.days_late) == (
        VerdictKind.COMPLIANCE, date(2026, 3, 9), date(2026, 3, 9), 0)


def test_lv3_shouzhan_no_phone_call_before() -> None:
    """LV-3: papers in time but no telephone report before the leave — still absence."""
    variant = make_variant(SHOUZHAN_ABSENCE, SHOUZHAN_RETRO, office_hours=SHOUZHAN_HOURS)
    rows = shouzhan_friday_leave("2026-03-09T09:00", phoned=False)
    assert [v.rule for v in run(variant, events(*rows), "2026-03-31").verdicts] == ["ATT-2", "LV-3"]


def test_lv3_dahe_not_back_when_leave_ends_is_absence() -> None:
    """LV-3 (dahe-town 请销假制度 第四条): leave 3/2–3/3, no extension, no sign-in on 3/4 — absence."""
    dahe = policy("absence", "ATT-2", "大河镇便民服务中心管理制度", "请销假制度 第四条",
                  "请假期满后……逾期不归的按旷工处理")
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-05"),
            leave("L1", "2026-03-02T09:00", "2026-03-03T17:30", at="2026-02-27T10:00", leave_type="sick"),
            approve("L1", "2026-02-27T11:00", "分管领导", final=False), approve("L1", "2026-02-27T15:00", "主要领导"),
            *signs("2026-03-05", "08:55", "17:31")]
    assert verdicts([dahe], rows, "2026-03-31") == [("ATT-2", date(2026, 3, 4), "violation", Decimal(2))]


# CAL-4: the sign-in register


def test_cal4_shouzhan_missing_afternoon_sign_out_and_monthly_publication() -> None:
    """CAL-4 (shouzhan-town 第八条(一) 日登记、月公布): 3 of 4 records on 3/2 — a warning; 7 of 8 in the month."""
    register = policy("sign-in-register", "CAL-4", SHOUZHAN, "第八条(一)", "上班时间每天签到签退四次",
                      scheme="each_session")
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "07:58", "12:01", "14:29"),
            *signs("2026-03-03", "07:58", "12:01", "14:29", "17:30")]
    report = run(make_variant(register, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    warning, monthly = report.verdicts
    assert (warning.kind, warning.on, warning.explanation) == (
        VerdictKind.WARNING, date(2026, 3, 2), "2026-03-02 签到签退记录不全：缺下午签退记录。")
    assert monthly.kind is VerdictKind.INFORMATION and monthly.measure is not None
    assert (monthly.measure.numerator, monthly.measure.denominator, monthly.measure.period.label) == (7, 8, "2026-03")


def test_cal4_town_basic_face_recognition_only() -> None:
    """CAL-4 (town-basic 二、(一)2 统一电子面部识别系统签到): a paper sign-in is reported."""
    register = policy("sign-in-register", "CAL-4", TOWN_BASIC, "二、(一)2", "统一电子面部识别系统签到",
                      methods=["face"], monthly=False)
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"),
            signed("in", "2026-03-02T08:55", method="paper"), signed("out", "2026-03-02T17:31", method="face")]
    (warning,) = run(make_variant(register), events(*rows), "2026-03-31").verdicts
    assert warning.explanation == "2026-03-02 签到签退记录不全：08:55的记录方式为paper。"
    assert warning.evidence == ("e2",)


def test_bad_attendance_events_are_refused_with_their_line() -> None:
    """CAL-5, LV-1: a service that stops before it starts, a leave that ends before it begins — one typed error."""
    bad_service = (b'{"type": "service_extended", "id": "x1", "at": "2026-03-02T17:30", "staff": "S1", '
                   b'"until": "2026-03-02T17:00"}\n')
    with pytest.raises(EventError, match=r"log\.jsonl:1.*until .* is before at"):
        list(read_events([bad_service], source="log.jsonl"))
    bad_leave = (b'{"type": "leave_requested", "id": "l1", "at": "2026-03-01T09:00", "staff": "S1", "leave": "L1", '
                 b'"leave_type": "sick", "start": "2026-03-03T09:00", "end": "2026-03-02T09:00"}\n')
    with pytest.raises(EventError, match=r"log\.jsonl:1.*must be after start"):
        list(read_events([bad_leave], source="log.jsonl"))
