"""jiangxi-town (source text 000, 便民服务中心管理制度 14): the built-in file, checked against its text by hand.

The tables' bands, clamps, bonuses and rankings are tested with findings and merits in
test_scorecards_variants.py; here the policies that feed them from the books. March 2026:
Monday 3/2 to Friday 3/6, 3/9 to 3/13.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VerdictKind, load_variant
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.families.cases.policies import PromisedLimit
from bianmin_rules.families.leave.policies import LeaveApproval
from bianmin_rules.families.notification.policies import RepeatTrips
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.variant_support import card_of
from tests.variant_support import case as shared_case

Row = dict[str, Any]
S1 = {"window": "W1", "staff": "S1"}
MARCH = Period(kind=PeriodKind.MONTH, start=date(2026, 3, 1))


@pytest.fixture(scope="module")
def jiangxi() -> Variant:
    return load_variant("jiangxi-town")


def test_numbers_of_the_text(jiangxi: Variant) -> None:
    """TL-5 (按时办结 3: 书面告知…同时抄送行政服务中心管理机构), OTN-5 (2次以上往返跑), LV-1 (半天以内;
    1天（含1天）以上: the half day to one day between is a gap), SC-2 (30 + 20 + 40 + 10 and bonuses, monthly)."""
    assert Variant.from_toml(jiangxi.to_toml(), origin="printed") == jiangxi  # data only, printed back whole
    policies = {p.id: p for p in jiangxi.policies}
    promised = policies["promised-limit"]
    assert isinstance(promised, PromisedLimit) and promised.extension is not None
    assert (promised.extension.require_written, promised.extension.require_copy_to_centre) == (True, True)
    trips = policies["repeat-trips"]
    assert isinstance(trips, RepeatTrips) and trips.min_trips == 2
    leave = policies["leave-approval"]
    assert isinstance(leave, LeaveApproval)
    gaps = [(g.low, g.low_inclusive, g.high, g.high_inclusive) for g in leave.gaps()]
    assert gaps == [(Decimal("0.5"), False, 1, False)]
    staff, window = jiangxi.scorecards
    assert (staff.period, window.period) == ("month", "month")
    assert [(c.id, c.maximum) for c in staff.categories] == [
        ("discipline", 30), ("service", 20), ("business", 40), ("evaluation", 10), ("bonus", None)]
    assert all(p.id and p.source.quote for p in jiangxi.policies)


def case(name: str, received: str, case_type: str, *steps: tuple[str, str, Row], **extra: Any) -> list[Row]:
    return shared_case(name, received, case_type, S1, *steps, **extra)


def march_log() -> list[Row]:
    """S1 at W1 in March 2026.

    C1 promised 3 working days from Mon 3/2 (due 3/5), done Mon 3/9: 2 days late (3/6, 3/9).
    C2 (immediate) entered in the online system only after it was done. C3: the applicant had
    to come back (no one-time notice). A day's leave on 3/10, approved by both leaders, with no
    one covering. Late on 3/11. A verified complaint on 3/12. Nine applicants satisfied, one not.
    """
    registered = ("case_registered", "2026-03-02T09:05", {})
    rows = case("C1", "2026-03-02T09:00", "promised", registered,
                ("receipt_notice_issued", "2026-03-02T09:10", {"promised_date": "2026-03-05"}),
                ("case_completed", "2026-03-09T10:00", {}), promised_limit=3)
    rows += case("C2", "2026-03-02T09:00", "immediate", ("case_completed", "2026-03-02T10:00", {}),
                 ("case_registered", "2026-03-02T11:00", {}))
    rows += case("C3", "2026-03-02T09:00", "promised", registered,
                 ("receipt_notice_issued", "2026-03-02T09:10", {"promised_date": "2026-03-09"}),
                 ("applicant_returned", "2026-03-03T09:00", {"cause": "no_notice"}),
                 ("case_completed", "2026-03-04T10:00", {}), promised_limit=5)
    rows += [
        {"type": "leave_requested", "at": "2026-03-09T09:00", "leave": "L1", "leave_type": "personal",
         "start": "2026-03-10T09:00", "end": "2026-03-10T17:30", "days": 1, **S1},
        {"type": "leave_approved", "at": "2026-03-09T10:00", "leave": "L1", "approver_role": "分管领导", "final": False,
         **S1},
        {"type": "leave_approved", "at": "2026-03-09T11:00", "leave": "L1", "approver_role": "主要领导", **S1},
        {"type": "signed_in", "at": "2026-03-11T09:05", "method": "fingerprint", **S1},
        {"type": "signed_out", "at": "2026-03-11T17:35", "method": "fingerprint", **S1},
        {"type": "complaint_received", "at": "2026-03-12T09:00", "complaint": "K1", "form": "written",
         "about_staff": "S1", "about_window": "W1", "window": "W0", "staff": "S0"},
        {"type": "complaint_answered", "at": "2026-03-13T09:00", "complaint": "K1", "form": "written", "staff": "S0"},
        {"type": "complaint_investigated", "at": "2026-03-13T16:00", "complaint": "K1", "upheld": True, **S1},
    ]
    rows += [{"type": "service_evaluated", "at": f"2026-03-{day:02d}T16:00", "result": result, **S1}
             for day, result in [(d, "satisfied") for d in range(2, 11)] + [(11, "dissatisfied")]]
    return rows


@pytest.fixture(scope="module")
def march(jiangxi: Variant) -> Report:
    return run(jiangxi, events(*march_log()), "2026-04-01")


def card(report: Report, table: str, subject: str) -> Card:
    return card_of(report.scorecards, table, subject, MARCH)


def test_the_verdicts_of_march(march: Report) -> None:
    """TL-2/TL-9 2 days late; REG-3 entered after completion; OTN-5; AB-6 a day without cover; ATT-1; CMP-8.

    W1 has S1 alone and no roster: it was empty for the 5 minutes S1 was late (AB-1, 按时办结 1: 设置AB岗); on
    the day of leave nobody recorded anything at W1, so the window is not judged that day (docs/attendance.md).
    """
    found = [(v.rule, v.case or "", v.on) for v in march.violations()]
    assert found == [
        ("REG-3", "C2", date(2026, 3, 2)), ("OTN-5", "C3", date(2026, 3, 3)), ("TL-2", "C1", date(2026, 3, 9)),
        ("AB-6", "", date(2026, 3, 10)), ("AB-1", "", date(2026, 3, 11)), ("ATT-1", "", date(2026, 3, 11)),
        ("CMP-8", "", date(2026, 3, 13))]
    (late,) = [v for v in march.violations() if v.rule == "TL-2"]
    assert late.deadline is not None and late.deadline.days_late == 2 and "个工作日" in late.explanation


def test_staff_and_window_cards_of_march_by_hand(march: Report) -> None:
    """SC-2: 工作纪律 30−1−2 = 27; 服务质量 20−5 = 15; 办件管理 20−2×2−2−3 = 11; 网上办理 20; 满意率 9/10 = 90% → 9:
    82 for S1 and for W1, both disqualified for March by the verified complaint ((6)①)."""
    for table, subject in (("staff", "S1"), ("window", "W1")):
        found = card(march, table, subject)
        assert {i.id: i.score for c in found.categories for i in c.items} == {
            "discipline": 27, "service": 15, "cases": 11, "online": 20, "satisfaction": 9, "bonus": 0}, subject
        assert found.total == 82 and [d.id for d in found.disqualified] == ["complaint"]
    cases = card(march, "staff", "S1").item("cases")
    assert [(line.rule, line.points) for line in cases.lines] == [
        ("OTN-5", Decimal(-3)), ("TL-2", Decimal(-4)), ("REG-3", Decimal(-2))]


def test_ja4_ja3_a_joint_review_late_is_charged_to_its_window(jiangxi: Variant) -> None:
    """JA-2/JA-4 (并联审批 4(4); 按时办结 6): W2 had 2 working days from Mon 3/2 (due 3/4), decided Thu 3/5: one day
    late, −2 on W2's card; JA-3 (并联审批 6): no decision, attendance or written explanation in time — deemed
    approved, borne by W2, whose leader in charge and responsible staff member are held to account (并联审批 7
    "在规定时限内无异议又不反馈审批结果的…追究分管领导和直接责任人的行政责任")."""
    rows = case("J1", "2026-03-02T09:00", "joint", ("case_registered", "2026-03-02T09:05", {}),
                ("joint_review_forwarded", "2026-03-02T10:00", {"to_window": "W2", "limit": 2}))
    rows.append({"type": "joint_review_decided", "at": "2026-03-05T10:00", "case": "J1", "window": "W2",
                 "staff": "S2", "approved": True})
    report = run(jiangxi, events(*rows), "2026-04-01")
    assert sorted((v.rule, str(v.subject), v.sanction.tier if v.sanction else "") for v in report.violations()) == [
        ("JA-3", "window:W2", ""), ("JA-3", "window:W2", "追究分管领导和直接责任人的行政责任"),
        ("JA-4", "window:W2", "")]
    (line,) = card(report, "window", "W2").item("cases").lines
    assert (line.rule, line.points) == ("JA-4", Decimal(-2))


def test_ja3_a_joint_delay_judged_at_fault_holds_the_leader_to_account(jiangxi: Variant) -> None:
    """并联审批 7 ("对推诿、扯皮不负责任、失职渎职或服务态度恶劣造成未在承诺或规定时限内完成的，追究分管领导和
    直接责任人的行政责任"): the cause is the centre's judgement, recorded as a finding; the tier follows, no points."""
    rows = [{"type": "finding_recorded", "at": "2026-03-06T10:00", "window": "W2", "staff": "S2",
             "finding": "joint_delay_at_fault"}]
    report = run(jiangxi, events(*rows), "2026-03-31")
    assert [(v.rule, v.code, v.sanction.tier if v.sanction else None, v.points) for v in report.violations()] == [
        ("JA-3", "joint_delay_at_fault", None, 0), ("JA-3", None, "追究分管领导和直接责任人的行政责任", 0)]
    assert report.violations()[1].explanation.startswith("推诿、扯皮不负责任、失职渎职或服务态度恶劣造成")


def test_fir5_the_result_is_told_within_a_working_day_of_completion(jiangxi: Variant) -> None:
    """FIR-5 (按时办结 5 "办结后，通过电话或短信形式及时告知申请人"): Q1 became case C1, done Thu 3/5; told by text
    message on Mon 3/9 — due Fri 3/6 (one working day, "及时"), a working day late. Q2's C2, done the same day, was
    told by phone on 3/6: in time."""
    rows: list[dict[str, object]] = []
    for n, told in ((1, "2026-03-09T09:00"), (2, "2026-03-06T09:00")):
        rows += [
            {"type": "inquiry_received", "at": "2026-03-02T09:00", "inquiry": f"Q{n}", "channel": "in_person",
             "remit": "own", "window": "W1", "staff": "S1"},
            {"type": "inquiry_taken", "at": "2026-03-02T09:05", "inquiry": f"Q{n}", "window": "W1", "staff": "S1",
             "case": f"C{n}"},
            *case(f"C{n}", "2026-03-02T09:10", "promised", ("case_completed", "2026-03-05T10:00", {}),
                  promised_limit=5),
            {"type": "inquiry_replied", "at": told, "inquiry": f"Q{n}", "staff": "S1", "by_phone": True}]
    late = [v for v in run(jiangxi, events(*rows), "2026-03-31").violations() if v.rule == "FIR-5"]
    assert [(v.case, v.due, v.actual) for v in late] == [("C1", date(2026, 3, 6), date(2026, 3, 9))]


def test_cal5_holiday_and_lunch_service_failures_are_recorded_findings(jiangxi: Variant) -> None:
    """CAL-5 (错时延时制度 2 "窗口人员无条件为其提供服务"; 3 "可与办事人员预约，在中午休息时间照常上班"): no event
    shows a holiday request or an appointment, so the centre records the failure; no points (no table prices them)."""
    rows = [{"type": "finding_recorded", "at": "2026-04-05T10:00", "window": "W1", "staff": "S1",
             "finding": "holiday_service_refused"},
            {"type": "finding_recorded", "at": "2026-04-08T12:30", "window": "W1", "staff": "S1",
             "finding": "appointment_missed"}]
    report = run(jiangxi, events(*rows), "2026-04-30")
    assert [(v.rule, v.code, v.points) for v in report.violations()] == [
        ("CAL-5", "holiday_service_refused", 0), ("CAL-5", "appointment_missed", 0)]


def test_lv1_a_leave_in_the_gap_is_a_warning_naming_it(jiangxi: Variant) -> None:
    """LV-1: three quarters of a day is neither "半天以内" nor "1天（含1天）以上": a warning, no guessed approver."""
    rows = [{"type": "leave_requested", "at": "2026-03-02T09:00", "leave": "L1", "leave_type": "personal",
             "start": "2026-03-03T09:00", "end": "2026-03-03T15:00", "days": "0.75", **S1},
            {"type": "leave_approved", "at": "2026-03-02T10:00", "leave": "L1", "approver_role": "分管领导", **S1}]
    (warning,) = [v for v in run(jiangxi, events(*rows), "2026-04-01").verdicts if v.kind is VerdictKind.WARNING]
    assert warning.rule == "LV-1" and "未规定" in warning.explanation


def test_the_example_and_a_synthetic_log_evaluate(jiangxi: Variant) -> None:
    """The example and 20,000 synthetic events, without the case types jiangxi-town does not declare (CASE-2);
    the months are scored on both tables."""
    _, synthetic = evaluate_both(jiangxi)
    assert {"TL-1", "TL-2", "REG-3", "ATT-1", "CMP-8"} <= {v.rule for v in synthetic.verdicts}
    assert {c.scorecard for c in synthetic.scorecards} == {"window", "staff"}
