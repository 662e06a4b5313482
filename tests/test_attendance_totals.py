"""ATT-4 (meetings and study), ATT-5 (cumulative leave) and ATT-8 (quarterly disqualification), by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import VariantError
from tests.conftest import events, make_variant, run
from tests.staff_log import approve, finding, leave, policy, roster, signs

COUNTY = "县政务服务中心部门窗口及窗口工作人员考核办法"


def meeting(status: str, at: str, kind: str = "study", staff: str = "S1", **extra: object) -> dict[str, object]:
    return {"type": "meeting_attendance_recorded", "at": at, "staff": staff, "meeting": f"M-{at[:10]}",
            "meeting_kind": kind, "status": status, **extra}


# ATT-4


def test_att4_town_conduct_study_absent_minus_two_late_minus_one() -> None:
    """ATT-4 (town-conduct-100 考核细则 一、1): 无故不参加学习 −2, 迟到、早退 −1; excused absence not counted."""
    study = policy("meeting-attendance", "ATT-4", "工作人员考核细则", "一、1",
                   "无故不参加学习的，每次扣2分；迟到、早退的，每次扣1分",
                   kinds=["study"], absent_points="-2", late_points="-1", early_points="-1")
    rows = [meeting("absent", "2026-03-03T15:00"), meeting("late", "2026-03-10T15:00"),
            meeting("absent", "2026-03-17T15:00", excused=True), meeting("present", "2026-03-24T15:00"),
            meeting("absent", "2026-03-25T15:00", kind="meeting")]
    report = run(make_variant(study), events(*rows), "2026-03-31")
    assert [(v.on.day, v.points) for v in report.verdicts] == [(3, Decimal(-2)), (10, Decimal(-1))]
    assert report.verdicts[1].explanation == "2026-03-10 study（M-2026-03-10）迟到。"


def test_att4_county_window_joint_review_charged_to_the_window() -> None:
    """ATT-4 (county-centre 考核办法 一、(一)): 项目联审会迟到、缺席的每次扣1分 — charged to the window."""
    review = policy("meeting-attendance", "ATT-4", COUNTY, "一、(一)", "项目联审会迟到、缺席的每次扣1分",
                    kinds=["joint_review"], statuses=["late", "absent"], absent_points="-1", late_points="-1",
                    charge="window")
    rows = [meeting("late", "2026-03-03T15:00", kind="joint_review", window="W-land"),
            meeting("early", "2026-03-04T15:00", kind="joint_review", window="W-land")]
    (verdict,) = run(make_variant(review), events(*rows), "2026-03-31").verdicts
    assert (str(verdict.subject), verdict.points, verdict.staff) == ("window:W-land", Decimal(-1), "S1")


def test_att4_per_status_penalties_refuse_a_flat_amount() -> None:
    """ATT-4: the points are per status; a flat ``points`` would be ambiguous and is refused."""
    with pytest.raises(VariantError, match="state the points and money of each status"):
        make_variant(policy("meeting-attendance", "ATT-4", "d", "a", "q", points="-1"))


# ATT-5


def sick_and_personal(personal_days: str) -> list[dict[str, object]]:
    return [leave("L1", "2026-03-02T09:00", "2026-03-13T17:30", at="2026-02-27T09:00", leave_type="sick", days="10"),
            approve("L1", "2026-02-27T10:00", "主要领导"),
            leave("L2", "2026-06-01T09:00", "2026-06-08T17:30", at="2026-05-28T09:00", days=personal_days),
            approve("L2", "2026-05-28T10:00", "主要领导"),
            leave("L3", "2026-07-01T09:00", "2026-07-03T17:30", at="2026-06-28T09:00", leave_type="annual",
                  days="3"),
            approve("L3", "2026-06-28T10:00", "主要领导")]


def test_att5_county_sick_and_personal_leave_over_fifteen_days() -> None:
    """ATT-5 (county-centre 二、(三)1): 病事假全年累计超过15天，扣2分 — 10 + 6 = 16 days; annual leave not counted."""
    rule = policy("cumulative-leave", "ATT-5", COUNTY, "二、(三)1", "病事假全年累计超过15天，扣2分", points="-2")
    (verdict,) = run(make_variant(rule), events(*sick_and_personal("6")), "2026-12-31").verdicts
    assert (verdict.on, verdict.quantity, verdict.points) == (date(2026, 6, 1), Decimal(16), Decimal(-2))
    assert verdict.evidence == ("e1", "e3")


def test_att5_exactly_fifteen_days_is_not_over() -> None:
    """ATT-5: "超过15天" — 10 + 5 = 15 days is not over the limit."""
    rule = policy("cumulative-leave", "ATT-5", COUNTY, "二、(三)1", "病事假全年累计超过15天，扣2分", points="-2")
    assert run(make_variant(rule), events(*sick_and_personal("5")), "2026-12-31").verdicts == ()


# ATT-8


ATT8 = policy("quarterly-disqualification", "ATT-8", COUNTY, "四、(一)",
              "窗口工作人员迟到、早退或上班时间睡觉，每月各项合计次数达3次以上，或旷工2次、1次旷工1天以上的",
              lapses=["ATT-1", {"rule": "SC-4", "findings": ["asleep"]}])
LATE = policy("late-or-early", "ATT-1", COUNTY, "二、(三)1", "迟到、早退每次扣1分", points="-1")
ABSENT = policy("absence", "ATT-2", COUNTY, "二、(三)1", "旷工每半天扣2分", points="-2")
CHAT_OR_SLEEP = policy("finding-penalty", "SC-4", COUNTY, "二、(三)1", "上班时间有聊天串岗、打瞌睡……每次扣1分",
                       findings=["asleep", "chatting"], points="-1")


def test_att8_three_lapses_in_a_month_disqualify_for_the_quarter() -> None:
    """ATT-8: late 3/2, asleep 3/10 (a finding), early 3/16 — the third lapse of March disqualifies for Q1."""
    rows = [*signs("2026-03-02", "09:10", "17:30"), finding("asleep", "2026-03-10T15:00"),
            finding("chatting", "2026-03-12T15:00"), *signs("2026-03-16", "08:50", "17:00")]
    report = run(make_variant(LATE, CHAT_OR_SLEEP, ATT8), events(*rows), "2026-03-31")
    (verdict,) = [v for v in report.verdicts if v.rule == "ATT-8"]
    assert (verdict.on, verdict.sanction.tier if verdict.sanction else None) == (date(2026, 3, 16), "取消当季评优资格")
    assert [(o.rule, o.on.day) for o in verdict.occurrences] == [("ATT-1", 2), ("SC-4", 10), ("ATT-1", 16)]
    assert verdict.explanation.startswith("2026-Q1 3月迟到、早退、睡觉合计3次：")


def test_att8_lapses_in_different_months_do_not_add_up() -> None:
    """ATT-8: two lapses in February and one in March — never 3 in one month."""
    rows = [*signs("2026-02-02", "09:10", "17:30"), *signs("2026-02-03", "09:10", "17:30"),
            *signs("2026-03-02", "09:10", "17:30")]
    report = run(make_variant(LATE, ATT8), events(*rows), "2026-03-31")
    assert [v.rule for v in report.verdicts] == ["ATT-1", "ATT-1", "ATT-1"]


@pytest.mark.parametrize(("absent_days", "disqualified"), [
    (["2026-03-03"], True),  # one absence of a whole day: "1次旷工1天以上"
    (["2026-03-03-am", "2026-03-05-am"], True),  # two half days: "旷工2次"
    (["2026-03-03-am"], False),  # one half day
])
def test_att8_absences(absent_days: list[str], disqualified: bool) -> None:
    """ATT-8: one absence of a day or more, or two absences, disqualify; one half day does not."""
    rows: list[dict[str, object]] = [roster("S1", "W1", "2026-03-02", last_day="2026-03-06")]
    for day in ("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"):
        if day in absent_days:
            continue
        rows += signs(day, "13:20", "17:30") if f"{day}-am" in absent_days else signs(day, "08:55", "17:30")
    report = run(make_variant(ABSENT, ATT8), events(*rows), "2026-03-31")
    assert any(v.rule == "ATT-8" for v in report.verdicts) is disqualified


def test_att8_monthly_governs_lateness_only_two_absences_in_two_months_of_a_quarter_disqualify() -> None:
    """ATT-8 (county-centre 四、(一) "迟到、早退或上班时间睡觉，每月各项合计次数达3次以上，或旷工2次…"):
    "每月" closes with the first clause; half a day absent on 2/3 and on 3/3 are "旷工2次" in Q1."""
    rows: list[dict[str, object]] = []
    for day in ("2026-02-03", "2026-03-03"):
        rows += [roster("S1", "W1", day, last_day=day), *signs(day, "13:20", "17:30")]
    report = run(make_variant(ABSENT, ATT8), events(*rows), "2026-03-31")
    (verdict,) = [v for v in report.verdicts if v.rule == "ATT-8"]
    assert verdict.on == date(2026, 3, 3) and verdict.explanation.startswith("2026-Q1 旷工2次：")
