"""county-centre (source text 004, 县政务服务中心管理制度汇编): the built-in file, end to end.

A quarter (2026-Q2) of a small centre, every fact a real event, evaluated under the built-in
variant and scored on its two tables (考核办法 一 and 二). Three windows:

    W1: S1 (cases), S2 (attendance)     W2: S3     W3: S4

Computed by hand (Qingming 4/4–4/6; Labour Day 5/1–5/5 with the make-up Saturday 5/9):

- S1, W1. G1, a key project (上报件) received Wed 4/1, statutory 20 working days: the green
  channel halves it to 10 (TL-6), due 4/16. Promised 15 days on receipt (to 4/23), more than
  the compressed limit: a TL-6 violation on 4/1 itself (限时办结制 一、(二) regulates the
  limit). Done Mon 4/20, 2 working days late. P1, promised 5 days from Mon 4/13, due 4/20,
  done 4/22: 2 days late (TL-2). P2, promised 10 from 4/14, done 4/15 in time but without a
  receipt notice (TL-3). 17 immediate cases in time. P3, promised 5 from Wed 6/24 (due 7/1),
  open: warned (TL-10). ESC-2 (责任追究制 2, "对不实行限时办结，延误办结时限的"), counted by
  case: G1 — its promise and its lateness — is S1's first failure (批评教育, from 4/1), P1 the
  second (通报批评，并追究有关领导的行政责任). The tables price overdue cases only: G1's promise
  costs no points there. TL-12: 18 of 20 closed cases in time, 90%.
  TL-11: P1 saved 0 of 5 promised days, P2 9 of 10: 9/15 = 60%.
  S1 refused inquiry Q2 with "不清楚" (FIR-3), then referred it; the applicant complained
  (not upheld). A verified report of another first-inquiry failure, with a bad impact,
  followed (FIR-2). FIR-9: 责任追究制 1 gives 批评教育 then 通报批评，年度考核不合格; 首问责任制 五
  gives 责令书面检查 then 黄牌警告, and the bad impact 不称职/不合格.
- S2, W1. Signed in every working day but 6/3 (absent a whole day: 2 half days, ATT-2); late
  on 5/6, 5/7, 5/8 (ATT-1; three in a month: ATT-8); off post 10 minutes without permission
  on 5/20 with whereabouts posted (ATT-3 staff); late for the centre's meeting (ATT-4, −0.5).
- S3, W2. Inquiry Q1 became supplement case C-S; the applicant came back because the notice
  was incomplete (OTN-5). A complaint arising from Q1 was upheld (CMP-8: W2's 4 points
  forfeited, 行政效能告诫或通报批评) — and makes the repeat trip a failure "被服务对象投诉的"
  (OTN-6: 批评教育). S3 sent an applicant to the department (REG-5), left the post on 6/9 from
  09:00 to the close without permission or whereabouts (7 office hours: two half days;
  ATT-3, AB-5), missed a joint review (ATT-4, window), and took 8 days' sick and 8 days'
  personal leave (16 > 15, ATT-5).
- S4, W3: two immediate cases in time.

Window table (一):
    W1  考勤 10 | 项目 10 | 规程 10−2−2 = 6 | 体外 6 | 投诉 4 | 收费 10 | 按时 0 | 提速 2 (60%)
        | 办结 5−5 = 0 (90%: 10 points below) | 评议 0 | 满意 0 | 档案 7 | 卫生 7           = 62
        ineligible: (七) overdue cases
    W2  考勤 10−2−1 = 7 | 项目 10 | 规程 8 | 体外 4 | 投诉 0 | 收费 10 | 按时 5 | 提速 0 | 办结 5
        | 评议 0 | 满意 0 | 档案 7 | 卫生 7                                              = 63
        ineligible: (一) verified complaint
    W3  all full but 提速, 评议, 满意 (no rate measured)                                 = 74
        红旗窗口
Staff table (二):
    S1  思想 20 | 业务 20−1−2−2 = 15 | 考勤 10 | 会议 10 | 准确 10 | 办结 5 | 满意 6 | 贡献 0
        | 评议 0 | 满意率 0                                                              = 76, ineligible (二)
    S2  考勤 10−3−1−4 = 2 | 会议 9.5 | 办结 10 (no case: base)                          = 77.5, ineligible ATT-8
    S3  业务 20−1−2 = 17 | 考勤 10−2−1 = 7                                               = 80, ineligible (三)
    S4                                                                                 = 86, 服务标兵
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VerdictKind, WorkCalendar, load_variant
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.families.attendance.policies import QuarterlyDisqualification
from bianmin_rules.families.cases.policies import GreenChannel, PromisedLimit
from bianmin_rules.families.ladders.policies import OffenceLadder, OnePer
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.variant_support import card_of, case, item_scores

AS_OF = "2026-06-30"
Q2 = Period(kind=PeriodKind.QUARTER, start=date(2026, 4, 1))
Row = dict[str, Any]


@pytest.fixture(scope="module")
def county() -> Variant:
    return load_variant("county-centre")


# -- the numbers of the text -------------------------------------------------------------------


def test_numbers_of_the_text(county: Variant) -> None:
    """TL-6 (限时办结制 (二): 一半), TL-10 (二: the library's 2 working days), ATT-8 (考核办法 四(一): 3 a month,
    2 absences, 1 day), OTN-6 (责任追究制 3: complained about), the tables' 100 points each (SC-3, SC-4)."""
    assert Variant.from_toml(county.to_toml(), origin="printed") == county  # data only, printed back whole
    policies = {p.id: p for p in county.policies}
    green = policies["green-channel"]
    assert isinstance(green, GreenChannel) and green.fraction == Decimal("0.5")
    promised = policies["promised-limit"]
    assert isinstance(promised, PromisedLimit) and promised.warning is not None and promised.warning.within == 2
    assert promised.case_types == ("promised", "reported", "joint")
    disqualification = policies["quarterly-disqualification"]
    assert isinstance(disqualification, QuarterlyDisqualification)
    assert (disqualification.lapses_per_month, disqualification.absence_times,
            disqualification.long_absence_days) == (3, 2, 1)
    ladder = policies["notice-ladder"]
    assert isinstance(ladder, OffenceLadder) and ladder.once_per is OnePer.COMPLAINT
    assert [t.tier for t in ladder.tiers] == ["批评教育", "诫勉谈话", "通报批评"]
    assert [(t.name, t.maximum) for t in county.scorecards] == [("window", 100), ("staff", 100)]
    assert all(p.id and p.source.quote for p in county.policies)


# -- the quarter, event by event ----------------------------------------------------------------


def at(window: str, staff: str) -> Row:
    return {"window": window, "staff": staff}


def s1_cases() -> list[Row]:
    w1 = at("W1", "S1")
    rows = case("G1", "2026-04-01T09:00", "reported", w1, ("case_completed", "2026-04-20T10:00", {}),
                promised_limit=15, statutory_limit=20, key_project=True)
    rows += case("P1", "2026-04-13T09:00", "promised", w1,
                 ("receipt_notice_issued", "2026-04-13T09:05", {"promised_date": "2026-04-20"}),
                 ("case_completed", "2026-04-22T10:00", {}), promised_limit=5)
    rows += case("P2", "2026-04-14T09:00", "promised", w1, ("case_completed", "2026-04-15T10:00", {}),
                 promised_limit=10)
    rows += case("P3", "2026-06-24T09:00", "promised", w1,
                 ("receipt_notice_issued", "2026-06-24T09:05", {"promised_date": "2026-07-01"}), promised_limit=5)
    for n in range(17):
        rows += case(f"I{n}", "2026-04-08T09:00", "immediate", w1, ("case_completed", "2026-04-08T11:00", {}))
    return rows


def s1_inquiries() -> list[Row]:
    w1 = at("W1", "S1")
    return [
        {"type": "inquiry_received", "at": "2026-05-25T10:00", "inquiry": "Q2", "channel": "in_person",
         "remit": "centre", **w1},
        {"type": "inquiry_refused", "at": "2026-05-25T10:01", "inquiry": "Q2", "staff": "S1", "words": "这个我不清楚"},
        {"type": "inquiry_referred", "at": "2026-05-25T10:05", "inquiry": "Q2", "staff": "S1", "to_window": "W2"},
        {"type": "complaint_received", "at": "2026-05-26T10:00", "complaint": "K2", "form": "phone",
         "about_staff": "S1", "about_window": "W1", "inquiry": "Q2", **at("W0", "S0")},
        {"type": "complaint_answered", "at": "2026-05-27T10:00", "complaint": "K2", "form": "written", "staff": "S0"},
        {"type": "complaint_investigated", "at": "2026-05-28T10:00", "complaint": "K2", "upheld": False, **w1},
        {"type": "finding_recorded", "at": "2026-06-05T10:00", "finding": "first_inquiry_failed",
         "by": "verified_report", "serious": True, **w1},
    ]


def working_days(first: date, last: date) -> Iterator[date]:
    calendar = WorkCalendar.china()
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            yield day
        day += timedelta(days=1)


def s2_attendance() -> list[Row]:
    w1 = at("W1", "S2")
    rows: list[Row] = []
    for day in working_days(date(2026, 4, 1), date(2026, 6, 29)):
        if day == date(2026, 6, 3):
            continue  # absent the whole day
        arrival = "09:10" if day in (date(2026, 5, 6), date(2026, 5, 7), date(2026, 5, 8)) else "08:55"
        rows += [{"type": "signed_in", "at": f"{day}T{arrival}", **w1},
                 {"type": "signed_out", "at": f"{day}T17:35", **w1}]
    rows += [
        {"type": "whereabouts_posted", "at": "2026-05-20T09:59", "where": "县行政审批局", "why": "取章", **w1},
        {"type": "post_left", "at": "2026-05-20T10:00", **w1},
        {"type": "post_returned", "at": "2026-05-20T10:10", **w1},
        {"type": "meeting_attendance_recorded", "at": "2026-06-12T15:00", "meeting": "M-06", "meeting_kind": "meeting",
         "status": "late", **w1},
    ]
    return rows


def leave(name: str, leave_type: str, start: str, end: str, days: int) -> list[Row]:
    w2 = at("W2", "S3")
    return [{"type": "leave_requested", "at": f"{start}T08:00", "leave": name, "leave_type": leave_type,
             "start": f"{start}T09:00", "end": f"{end}T17:30", "days": days, **w2},
            {"type": "leave_approved", "at": f"{start}T08:30", "leave": name, "approver_role": "分管领导",
             "staff": "S3"}]


def s3_rows() -> list[Row]:
    w2 = at("W2", "S3")
    rows: list[Row] = [
        {"type": "inquiry_received", "at": "2026-05-11T09:00", "inquiry": "Q1", "channel": "in_person", "remit": "own",
         **w2},
        {"type": "inquiry_taken", "at": "2026-05-11T09:05", "inquiry": "Q1", "case": "C-S", **w2},
    ]
    rows += case("C-S", "2026-05-11T09:10", "supplement", w2,
                 ("missing_materials_notice", "2026-05-11T09:15", {"items": ["营业执照副本"]}),
                 ("applicant_returned", "2026-05-12T10:00", {"cause": "incomplete_notice"}),
                 ("materials_completed", "2026-05-12T10:30", {}), ("case_completed", "2026-05-13T10:00", {}),
                 promised_limit=5, materials_complete=False)
    rows += [
        {"type": "complaint_received", "at": "2026-05-14T10:00", "complaint": "K1", "form": "written",
         "about_staff": "S3", "about_window": "W2", "inquiry": "Q1", **at("W0", "S0")},
        {"type": "complaint_answered", "at": "2026-05-18T10:00", "complaint": "K1", "form": "written", "staff": "S0"},
        {"type": "complaint_investigated", "at": "2026-05-20T10:00", "complaint": "K1", "upheld": True,
         "cause": "attitude", **w2},
        {"type": "handled_outside_centre", "at": "2026-06-02T10:00", "way": "sent_to_department", **w2},
        {"type": "post_left", "at": "2026-06-09T09:00", **w2},
        {"type": "post_returned", "at": "2026-06-09T17:30", **w2},
        {"type": "meeting_attendance_recorded", "at": "2026-06-10T15:00", "meeting": "J-06",
         "meeting_kind": "joint_review", "status": "absent", **w2},
    ]
    return rows + leave("L1", "sick", "2026-04-20", "2026-04-29", 8) + leave("L2", "personal", "2026-06-15",
                                                                               "2026-06-24", 8)


def s4_cases() -> list[Row]:
    w3 = at("W3", "S4")
    rows: list[Row] = []
    for n in range(2):
        rows += case(f"J{n}", "2026-04-09T09:00", "immediate", w3, ("case_completed", "2026-04-09T10:00", {}))
    return rows


@pytest.fixture(scope="module")
def quarter(county: Variant) -> Report:
    return run(county, events(*s1_cases(), *s1_inquiries(), *s2_attendance(), *s3_rows(), *s4_cases()), AS_OF)


def found(report: Report, rule: str, subject: str | None = None) -> list[tuple[str, Any, Any]]:
    """(subject, day, case or tier) of a rule's verdicts."""
    return [(str(v.subject), v.on, v.sanction.tier if v.sanction else v.case) for v in report.verdicts
            if v.rule == rule and (subject is None or str(v.subject) == subject)]


def test_time_limits_and_their_ladder(quarter: Report) -> None:
    """TL-6 (限时办结制 (二)), TL-2 (承诺件 二(二)3), TL-3 (二(二)1), TL-10 (二), ESC-2 (责任追究制 2)."""
    late = {v.case: (v.rule, v.due, v.deadline.days_late if v.deadline else None) for v in quarter.violations()
            if v.rule in {"TL-2", "TL-6"} and v.deadline}
    assert late == {"G1": ("TL-6", date(2026, 4, 16), 2), "P1": ("TL-2", date(2026, 4, 20), 2)}
    (promise,) = [v for v in quarter.violations() if v.code == "promise"]
    assert (promise.rule, promise.case, promise.on, promise.due) == ("TL-6", "G1", date(2026, 4, 1), date(2026, 4, 16))
    assert found(quarter, "TL-3") == [("staff:S1", date(2026, 6, 30), "P2")]  # never issued: as of 6/30
    (warning,) = [v for v in quarter.verdicts if v.kind is VerdictKind.WARNING]
    assert (warning.rule, warning.case, warning.due) == ("TL-10", "P3", date(2026, 7, 1))
    assert found(quarter, "ESC-2") == [("staff:S1", date(2026, 4, 1), "批评教育"),
                                       ("staff:S1", date(2026, 4, 22), "通报批评，并追究有关领导的行政责任")]


def test_completion_and_speed_up_rates(quarter: Report) -> None:
    """TL-12 (考核办法 一(六)1, 二(四)2): W1 and S1 18/20; W2 and S3 1/1; W3 and S4 2/2. TL-11: W1 9/15."""
    rates = {(v.rule, str(v.subject)): (v.measure.numerator, v.measure.denominator)
             for v in quarter.verdicts if v.measure is not None and v.rule in {"TL-11", "TL-12"}}
    assert rates == {("TL-12", "window:W1"): (18, 20), ("TL-12", "staff:S1"): (18, 20),
                     ("TL-12", "window:W2"): (1, 1), ("TL-12", "staff:S3"): (1, 1),
                     ("TL-12", "window:W3"): (2, 2), ("TL-12", "staff:S4"): (2, 2), ("TL-11", "window:W1"): (9, 15)}


def test_first_inquiry_ladders(quarter: Report) -> None:
    """FIR-3 (首问责任制 二), FIR-9: the complained-about refusal and the verified report climb both ladders."""
    assert found(quarter, "FIR-3") == [("staff:S1", date(2026, 5, 25), None)]
    assert found(quarter, "FIR-9") == [
        ("staff:S1", date(2026, 5, 25), "批评教育"), ("staff:S1", date(2026, 5, 25), "责令书面检查"),
        ("staff:S1", date(2026, 6, 5), "通报批评，年度考核不合格"), ("staff:S1", date(2026, 6, 5), "黄牌警告"),
        ("staff:S1", date(2026, 6, 5), "年度考核定为“不称职”或“不合格”档次")]


def test_attendance(quarter: Report) -> None:
    """ATT-1, ATT-2, ATT-3, ATT-4, ATT-5, ATT-8 (考核办法 一(一), 二(三), 四(一)) and AB-5 (政务公开制度 三(八))."""
    assert [d for _, d, _ in found(quarter, "ATT-1")] == [date(2026, 5, 6), date(2026, 5, 7), date(2026, 5, 8)]
    (absence,) = [v for v in quarter.verdicts if v.rule == "ATT-2"]
    assert (absence.on, absence.quantity) == (date(2026, 6, 3), 2)
    assert sorted((str(v.subject), v.on, v.points) for v in quarter.verdicts if v.rule == "ATT-3") == [
        ("staff:S2", date(2026, 5, 20), 0), ("staff:S3", date(2026, 6, 9), 0), ("window:W2", date(2026, 6, 9), -2)]
    assert sorted((str(v.subject), v.code, v.points) for v in quarter.verdicts if v.rule == "ATT-4") == [
        ("staff:S2", "meeting", Decimal("-0.5")), ("window:W2", "joint_review", -1)]
    assert found(quarter, "ATT-5") == [("staff:S3", date(2026, 6, 15), None)]
    assert found(quarter, "ATT-8") == [("staff:S2", date(2026, 5, 8), "取消当季评优资格")]
    assert found(quarter, "AB-5") == [("staff:S3", date(2026, 6, 9), None)]


def test_complaint_notice_and_one_door(quarter: Report) -> None:
    """CMP-8 (管理通则 第三十五条), OTN-5 and OTN-6 (责任追究制 3), REG-5 (考核办法 一(三)2, 二(二)1)."""
    assert found(quarter, "CMP-8") == [("staff:S3", date(2026, 5, 20), "行政效能告诫或通报批评"),
                                       ("window:W2", date(2026, 5, 20), None)]
    assert found(quarter, "OTN-5") == [("staff:S3", date(2026, 5, 12), "C-S")]
    assert found(quarter, "OTN-6") == [("staff:S3", date(2026, 5, 12), "批评教育")]
    assert sorted(str(v.subject) for v in quarter.verdicts if v.rule == "REG-5") == ["staff:S3", "window:W2"]
    assert not [v for v in quarter.violations() if v.rule in {"CMP-3", "CMP-5", "OTN-2", "OTN-4", "FIR-2"}
                and v.staff != "S1"]


def card(report: Report, table: str, subject: str) -> Card:
    return card_of(report.scorecards, table, subject, Q2)


WINDOW_FULL = {
    "attendance": 10, "projects": 10, "procedure": 10, "one-door": 6, "complaints": 4, "fees": 10, "on-time": 5,
    "speed-up": 0, "completion": 5, "evaluation-rate": 0, "satisfaction-rate": 0, "archives": 7, "hygiene": 7,
}
STAFF_FULL = {
    "conduct": 20, "skills": 20, "attendance-rules": 10, "meetings": 10, "accuracy": 10, "completion": 10,
    "result-satisfaction": 6, "contribution": 0, "evaluation-rate": 0, "satisfaction-rate": 0,
}


def test_window_cards_by_hand(quarter: Report) -> None:
    """SC-3: the window table, item by item, as in the module docstring; W3 is the only 红旗窗口."""
    expected = {
        "W1": {**WINDOW_FULL, "procedure": 6, "on-time": 0, "speed-up": 2, "completion": 0},
        "W2": {**WINDOW_FULL, "attendance": 7, "procedure": 8, "one-door": 4, "complaints": 0},
        "W3": WINDOW_FULL,
    }
    for window, items in expected.items():
        assert item_scores(card(quarter, "window", window)) == {k: Decimal(v) for k, v in items.items()}, window
    assert [card(quarter, "window", w).total for w in ("W1", "W2", "W3")] == [62, 63, 74]
    assert [d.id for d in card(quarter, "window", "W1").disqualified] == ["overdue"]
    assert [d.id for d in card(quarter, "window", "W2").disqualified] == ["complaint"]
    assert card(quarter, "window", "W3").awards == ("红旗窗口",)


def test_staff_cards_by_hand(quarter: Report) -> None:
    """SC-4: the staff table, item by item; S4 is the only 服务标兵."""
    expected = {
        "S1": {**STAFF_FULL, "skills": 15, "completion": 5},
        "S2": {**STAFF_FULL, "attendance-rules": 2, "meetings": Decimal("9.5")},
        "S3": {**STAFF_FULL, "skills": 17, "attendance-rules": 7},
        "S4": STAFF_FULL,
    }
    for staff, items in expected.items():
        assert item_scores(card(quarter, "staff", staff)) == {k: Decimal(v) for k, v in items.items()}, staff
    assert [card(quarter, "staff", s).total for s in ("S1", "S2", "S3", "S4")] == [76, Decimal("77.5"), 80, 86]
    assert {s: [d.id for d in card(quarter, "staff", s).disqualified] for s in ("S1", "S2", "S3")} == {
        "S1": ["overdue"], "S2": ["attendance"], "S3": ["complaint"]}
    assert card(quarter, "staff", "S4").awards == ("服务标兵",)


def test_one_fact_charged_to_window_and_staff_counts_once_on_the_window(quarter: Report) -> None:
    """REG-5: S3's sending the applicant away is a window verdict and a staff verdict; W2 loses 2, not 4."""
    one_door = card(quarter, "window", "W2").item("one-door")
    assert [line.points for line in one_door.lines] == [Decimal(-2)]


# -- any log ------------------------------------------------------------------------------------


def test_the_example_and_a_synthetic_log_evaluate(county: Variant) -> None:
    """The built-in example and 20,000 synthetic events (every case type of the 六件 declared) evaluate; the
    synthetic year is scored on both tables."""
    _, synthetic = evaluate_both(county)
    assert {"TL-1", "TL-2", "TL-12", "ESC-2", "ATT-1", "CMP-8"} <= {v.rule for v in synthetic.verdicts}
    assert {c.scorecard for c in synthetic.scorecards} == {"window", "staff"}


# -- readings of the tables -------------------------------------------------------------------


def notice_rows(*, came_back: bool) -> list[Row]:
    """A supplement case whose first notice (3/2) missed an item asked for on 3/4, with or without a trip back."""
    who = at("W1", "S1")
    rows: list[Row] = [
        {"type": "case_received", "at": "2026-03-02T09:00", "case": "C1", "case_type": "supplement",
         "materials_complete": False, **who},
        {"type": "missing_materials_notice", "at": "2026-03-02T09:10", "case": "C1", "items": ["营业执照副本"], **who},
        {"type": "missing_materials_notice", "at": "2026-03-04T10:00", "case": "C1", "items": ["场地租赁合同"], **who},
    ]
    if came_back:
        rows.append({"type": "applicant_returned", "at": "2026-03-04T09:30", "case": "C1",
                     "cause": "incomplete_notice", **who})
    return rows


@pytest.mark.parametrize("came_back", [False, True])
def test_a_first_notice_that_missed_an_item_costs_the_window_2_once_per_case(county: Variant, came_back: bool) -> None:
    """OTN-2 with the window table's 办件管理 1 ("出现没有一次性告知和出现超期办件的，每件次扣2分"): the first
    notice missed an item — a failed one-time notice, whether or not the applicant came back (OTN-5); a case
    found by both rules costs 2 once. The staff table prices only "造成服务对象多次奔跑" (业务技能 2)."""
    report = run(county, events(*notice_rows(came_back=came_back)), "2026-03-31")
    assert {v.rule for v in report.violations()} >= ({"OTN-2", "OTN-5"} if came_back else {"OTN-2"})
    window = card_of(report.scorecards, "window", "W1", Period(kind=PeriodKind.QUARTER, start=date(2026, 1, 1)))
    assert window.item("procedure").score == 8
    staff = card_of(report.scorecards, "staff", "S1", Period(kind=PeriodKind.QUARTER, start=date(2026, 1, 1)))
    notice_lines = [line for line in staff.item("skills").lines if line.rule in {"OTN-2", "OTN-5"}]
    assert [line.points for line in notice_lines] == ([Decimal(-1)] if came_back else [])
