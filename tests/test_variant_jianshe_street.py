"""The built-in jianshe-street variant (source text 002, 建设街政务中心规章制度 2017): its numbers, by hand.

March 2026: Monday 3/2 … Friday 3/6, Monday 3/9 … Monday 3/23, Tuesday 3/24 (CAL-1).
Office hours 8:30–12:00 and 14:00–17:30 (窗口服务承诺制 二).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from bianmin_rules import CHINA_TZ, Variant, VerdictKind, load_variant
from bianmin_rules.families.notification.policies import NoticeDeadline
from tests.conftest import events, run
from tests.staff_log import signs
from tests.variant_logs import evaluate_example_and_synthetic, verdicts_of


@pytest.fixture(scope="module")
def jianshe() -> Variant:
    return load_variant("jianshe-street")


def test_dated_2017_08_08_with_its_case_types(jianshe: Variant) -> None:
    """The text is dated 2017-08-08 (发文日期); CASE-2: on the spot, within the published limit, not accepted."""
    assert jianshe.effective == date(2017, 8, 8)
    assert jianshe.case_types == {"immediate": "当场办结的事项", "promised": "按公开承诺时限办理的事项",
                                  "rejected": "不予受理的事项"}


def test_cal2_open_monday_to_friday_830_to_1200_and_1400_to_1730(jianshe: Variant) -> None:
    """CAL-2 (窗口服务承诺制 二): 上午8:30—12:00，下午14:00—17:30; the make-up Sunday 2026-01-04 is a working day."""
    calendar = jianshe.calendar()

    def at(day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=CHINA_TZ)

    monday = date(2026, 3, 2)
    assert [calendar.is_open(at(monday, t)) for t in (time(8, 29), time(8, 30), time(12, 0), time(13, 59),
                                                      time(14, 0), time(17, 29), time(17, 30))] == [
        False, True, False, False, True, True, False]
    assert calendar.is_open(at(date(2026, 1, 4), time(9))) and not calendar.is_open(at(date(2026, 3, 7), time(9)))


def test_att1_late_from_830_not_from_the_librarys_900(jianshe: Variant) -> None:
    """ATT-1 (廉政纪律 一、(六) "不迟到，不早退"): in at 08:35 is 5 minutes late here; no penalty is stated."""
    report = run(jianshe, events(*signs("2026-03-02", "08:35", "12:00", "14:00", "17:30")), "2026-03-31")
    (late,) = verdicts_of(report, "ATT-1")
    assert (late.quantity, late.points, late.fine) == (5, 0, 0)
    assert "应于08:30到岗，08:35签到，迟到5分钟" in late.explanation


def stayed(finished: bool) -> list[Any]:
    return events(*signs("2026-03-02", "08:30", "12:00", "14:00", "18:40"),
                  {"type": "service_extended", "at": "2026-03-02T17:30", "staff": "S1", "until": "2026-03-02T18:35",
                   "finished": finished, "case": "C1"})


def test_cal5_staying_until_the_applicant_leaves_is_never_held_against_anyone(jianshe: Variant) -> None:
    """CAL-5 (窗口服务承诺制 七): served until 18:35, signed out 18:40 — no verdict at all."""
    assert run(jianshe, stayed(finished=True), "2026-03-31").verdicts == ()


def test_cal5_closing_on_an_applicant_in_service_is_a_violation(jianshe: Variant) -> None:
    """CAL-5: "待服务对象离开服务大厅后，工作人员方可下班" — stopping with the matter unfinished."""
    (verdict,) = run(jianshe, stayed(finished=False), "2026-03-31").verdicts
    assert (verdict.rule, verdict.kind) == ("CAL-5", VerdictKind.VIOLATION)


def incomplete(*notices: tuple[str, bool]) -> list[Any]:
    rows: list[dict[str, Any]] = [
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "window": "W1", "staff": "S1",
         "case_type": "promised", "promised_limit": 10, "materials_complete": False}]
    rows += [{"type": "missing_materials_notice", "case": "C1", "at": at, "window": "W1", "staff": "S1",
              "items": ["户口簿"], "written": written} for at, written in notices]
    return events(*rows)


def test_otn3_five_working_days_and_written(jianshe: Variant) -> None:
    """OTN-3 (窗口服务规范 五): "应在5个工作日内一次性告知" — limit 5, a written notice."""
    notice = next(p for p in jianshe.policies if p.id == "notice-deadline")
    assert isinstance(notice, NoticeDeadline)
    assert (notice.limit.amount, notice.limit.unit.value, notice.written_only) == (5, "working_days", True)


def test_otn3_received_monday_notice_due_the_next_monday(jianshe: Variant) -> None:
    """OTN-3: received Monday 3/2; 3/3, 3/4, 3/5, 3/6, 3/9 — due 3/9. Written 3/9: in time; 3/10: a day late."""
    assert verdicts_of(run(jianshe, incomplete(("2026-03-09T16:00", True)), "2026-03-31"), "OTN-3") == []
    (late,) = verdicts_of(run(jianshe, incomplete(("2026-03-10T09:00", True)), "2026-03-31"), "OTN-3")
    assert (late.due, late.actual) == (date(2026, 3, 9), date(2026, 3, 10))
    assert late.deadline is not None and late.deadline.days_late == 1


def test_otn3_an_oral_notice_in_time_does_not_meet_the_written_requirement(jianshe: Variant) -> None:
    """OTN-3: told orally on 3/4, in writing only on 3/10 — the written notice is a day late."""
    (late,) = verdicts_of(run(jianshe, incomplete(("2026-03-04T09:00", False), ("2026-03-10T09:00", True)),
                          "2026-03-31"), "OTN-3")
    assert late.actual == date(2026, 3, 10)


def stating(*states: str, written: bool = True) -> list[Any]:
    """A case received 3/2 with incomplete materials, and its one-time notice stating ``states``."""
    return events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "window": "W1", "staff": "S1",
         "case_type": "promised", "promised_limit": 10, "materials_complete": False},
        {"type": "missing_materials_notice", "case": "C1", "at": "2026-03-02T10:10", "window": "W1", "staff": "S1",
         "items": ["户口簿"], "written": written, "states": list(states)})


def test_otn1_the_notice_states_the_conditions_too(jianshe: Variant) -> None:
    """OTN-1 (一次性告知制度 四 "一次性告知其所办理事项的条件、时限、程序、所需的全部材料"): a notice stating
    the limit, the procedure and the materials but not the conditions is incomplete."""
    full = ("conditions", "promised_limit", "procedure", "materials")
    assert verdicts_of(run(jianshe, stating(*full), "2026-03-31"), "OTN-1") == []
    (verdict,) = verdicts_of(run(jianshe, stating(*full[1:]), "2026-03-31"), "OTN-1")
    assert "未载明办理条件" in verdict.explanation


def test_otn1_the_written_rule_of_the_window_standard_governs_the_oral_one(jianshe: Variant) -> None:
    """OTN-1: 窗口服务规范 五 "应一次性书面告知其需补齐的全部材料内容" governs 一次性告知制度 七 "口头或书面":
    an oral notice of missing materials, complete in content, is incomplete in form."""
    full = ("conditions", "promised_limit", "procedure", "materials")
    (verdict,) = verdicts_of(run(jianshe, stating(*full, written=False), "2026-03-31"), "OTN-1")
    assert "未出具书面告知单" in verdict.explanation


def complaint(category: str, answered: str) -> list[Any]:
    return events(
        {"type": "complaint_received", "complaint": "K1", "at": "2026-03-02T10:00", "staff": "S1", "form": "oral",
         "category": category, "complainant_name": "张某"},
        {"type": "complaint_answered", "complaint": "K1", "at": answered, "staff": "S1", "form": "oral"},
    )


@pytest.mark.parametrize(("category", "answered", "due", "late"), [
    ("ordinary", "2026-03-02T16:00", None, None),
    ("ordinary", "2026-03-03T09:00", date(2026, 3, 2), 1),
    ("complex", "2026-03-23T16:00", None, None),
    ("complex", "2026-03-24T09:00", date(2026, 3, 23), 1),
    ("major", "2026-03-24T09:00", date(2026, 3, 23), 1),
])
def test_cmp3_at_once_or_within_fifteen_working_days(
    jianshe: Variant, category: str, answered: str, due: date | None, late: int | None,
) -> None:
    """CMP-3 (窗口服务承诺制 四): "一般的问题当即答复，需要调查了解的，在15个工作日内答复办理结果".
    Received 3/2: 3/3–3/6 (4), 3/9–3/13 (9), 3/16–3/20 (14), 3/23 (15) — due 3/23. CMP-7: no name shown."""
    found = verdicts_of(run(jianshe, complaint(category, answered), "2026-03-31"), "CMP-3")
    assert [(v.due, v.deadline.days_late if v.deadline else None) for v in found] == (
        [] if due is None else [(due, late)])
    assert all("张某" not in v.explanation for v in found)


def inquiry(channel: str, *later: dict[str, Any]) -> list[Any]:
    return events({"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S1",
                   "window": "W1", "channel": channel, "remit": "centre"}, *later)


def test_fir1_a_letter_makes_its_reader_the_first_inquiry_person(jianshe: Variant) -> None:
    """FIR-1, FIR-2 (首问、首办责任制: "来访、来电、来信"): a letter nobody acts on is S1's violation."""
    (verdict,) = run(jianshe, inquiry("letter"), "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject)) == ("FIR-2", "staff:S1")


def test_fir3_any_excuse_is_a_refusal(jianshe: Variant) -> None:
    """FIR-3 (首问、首办责任制 一: "不得以任何籍口推诿、拒绝"): "明天再来" is as forbidden as "不归我管"."""
    refused = {"type": "inquiry_refused", "inquiry": "Q1", "at": "2026-03-02T09:01", "staff": "S1",
               "words": "明天再来"}
    assert [v.rule for v in run(jianshe, inquiry("phone", refused), "2026-03-31").verdicts] == ["FIR-3", "FIR-2"]


def test_tl1_on_the_spot_includes_serving_past_the_close(jianshe: Variant) -> None:
    """TL-1 (窗口服务规范 五 "可当场办结的要当场办结"): received 3/2 16:00, done 17:50 (CAL-5): in time;
    done 3/3 09:00: one working day late."""
    def immediate(done: str) -> list[Any]:
        return events({"type": "case_received", "case": "C1", "at": "2026-03-02T16:00", "staff": "S1",
                       "case_type": "immediate"},
                      {"type": "case_completed", "case": "C1", "at": done, "staff": "S1"})

    assert run(jianshe, immediate("2026-03-02T17:50"), "2026-03-31").verdicts == ()
    (late,) = run(jianshe, immediate("2026-03-03T09:00"), "2026-03-31").verdicts
    assert (late.rule, late.deadline.days_late if late.deadline else None) == ("TL-1", 1)


def test_the_example_log_and_a_synthetic_year_evaluate(jianshe: Variant) -> None:
    """The text prices nothing in points or yuan; the example's two same-day cases finished late are TL-1's."""
    example, synthetic = evaluate_example_and_synthetic(jianshe)
    assert [v.rule for v in example.verdicts] == ["TL-1", "TL-1"]
    assert {"ATT-1", "TL-1", "TL-2", "CMP-3", "FIR-5"} <= {v.rule for v in synthetic.verdicts}
    assert all(v.points == 0 and v.fine == 0 for v in (*example.verdicts, *synthetic.verdicts))
    assert synthetic.scorecards == ()
