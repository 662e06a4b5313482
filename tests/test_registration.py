"""Registration and handling outside the centre: REG-3, REG-4, REG-5, REG-6."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bianmin_rules import Report
from tests import case_variants as cv
from tests.conftest import events, make_variant, run


def receive(case: str, at: str, case_type: str = "immediate", **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": "S1", "case_type": case_type,
            **extra}


def step(kind: str, case: str, at: str, staff: str = "S1", **extra: object) -> dict[str, object]:
    return {"type": kind, "case": case, "at": at, "window": "W1", "staff": staff, **extra}


def of(report: Report, rule: str) -> list[tuple[str | None, str, Decimal, date]]:
    return [(v.case, str(v.subject), v.points, v.on) for v in report.verdicts if v.rule == rule]


# REG-3 (jiangxi-town 网上办理制度 2; 业务管理: 不及时登记、弄虚作假点击办结, −2 each)


def test_reg3_entry_after_completion_and_late_entry() -> None:
    """REG-3: C1 entered the next day (late); C2 entered after its completion the same day; C3 online; C4 never."""
    rows = [receive("C1", "2026-03-02T09:00"), step("case_completed", "C1", "2026-03-02T09:30"),
            step("case_registered", "C1", "2026-03-03T09:00"),
            receive("C2", "2026-03-02T09:00"), step("case_completed", "C2", "2026-03-02T10:00"),
            step("case_registered", "C2", "2026-03-02T15:00"),
            receive("C3", "2026-03-02T09:00", online=True), step("case_completed", "C3", "2026-03-02T10:00"),
            receive("C4", "2026-03-02T09:00"), step("case_completed", "C4", "2026-03-02T11:00"),
            receive("C5", "2026-03-02T09:00"), step("case_registered", "C5", "2026-03-02T09:05"),
            step("case_completed", "C5", "2026-03-02T11:00")]
    report = run(make_variant(cv.JIANGXI_REGISTRATION, case_types=cv.JIANGXI_CASE_TYPES), events(*rows), "2026-03-06")
    assert of(report, "REG-3") == [("C2", "staff:S1", Decimal(-2), date(2026, 3, 2)),
                                   ("C1", "staff:S1", Decimal(-2), date(2026, 3, 3)),
                                   ("C4", "staff:S1", Decimal(-2), date(2026, 3, 6))]
    assert "办结后补录" in report.verdicts[0].explanation
    after = report.verdicts[0]  # due the day of receipt (及时: the same day), entered that day: after, not late
    assert (after.due, after.actual, after.days_late) == (date(2026, 3, 2), date(2026, 3, 2), 0)
    assert "尚未录入网上审批系统" in report.verdicts[2].explanation


def test_reg3_faked_completion_is_charged_and_the_case_is_open_again() -> None:
    """REG-3: S1 clicked 办结 on 3/2; found false on 3/5; truly done 3/6.

    The faked completion costs S1 −2 (charged to who recorded it), and TL-1 judges the
    real completion: received Monday 3/2, done Friday 3/6, 4 working days late.
    """
    rows = [receive("C1", "2026-03-02T09:00"), step("case_registered", "C1", "2026-03-02T09:01"),
            step("case_completed", "C1", "2026-03-02T10:00"),
            step("completion_found_false", "C1", "2026-03-05T10:00", staff="S-inspector"),
            step("case_completed", "C1", "2026-03-06T10:00", staff="S2")]
    report = run(cv.jiangxi_case_rules(), events(*rows), "2026-03-31")
    assert of(report, "REG-3") == [("C1", "staff:S1", Decimal(-2), date(2026, 3, 5))]
    (late,) = [v for v in report.verdicts if v.rule == "TL-1"]
    assert (late.actual, late.deadline.days_late if late.deadline else None) == (date(2026, 3, 6), 4)
    assert late.evidence == ("e1", "e5")


# REG-4 否定报备 (guangwu-street 第十九条; shouzhan-town (六))


def refusal(at: str, *, recorded: bool, reported: bool) -> dict[str, object]:
    return {"type": "application_refused", "at": at, "window": "W1", "staff": "S1", "matter": "临时建筑许可",
            "recorded": recorded, "reported": reported}


def test_reg4_unrecorded_refusals() -> None:
    """REG-4: guangwu requires a record; shouzhan also a report to the supervisor."""
    rows = [refusal("2026-03-02T09:00", recorded=False, reported=False),
            refusal("2026-03-03T09:00", recorded=True, reported=False)]
    guangwu = run(cv.guangwu_case_rules(), events(*rows), "2026-03-31")
    assert [(v.rule, v.on) for v in guangwu.verdicts] == [("REG-4", date(2026, 3, 2))]
    assert "未登记备案" in guangwu.verdicts[0].explanation
    shouzhan = run(make_variant(cv.SHOUZHAN_REFUSAL), events(*rows), "2026-03-31")
    assert [v.on for v in shouzhan.verdicts] == [date(2026, 3, 2), date(2026, 3, 3)]
    assert "未向主管负责人报告" in shouzhan.verdicts[1].explanation


# REG-5 体外循环 (county-centre window 办件管理 2, staff 业务技能 1; guangwu-street 第三十八条(三))


def outside(at: str, way: str, case: str | None = "C1") -> dict[str, object]:
    return {"type": "handled_outside_centre", "at": at, "window": "W1", "staff": "S1", "case": case, "way": way}


def test_reg5_county_window_and_staff_deductions() -> None:
    """REG-5: accepted at the department → window −2; applicant sent to the department → staff −2."""
    rows = [outside("2026-03-02T09:00", "accepted_outside"), outside("2026-03-03T09:00", "sent_to_department", None)]
    report = run(make_variant(cv.COUNTY_OUTSIDE_WINDOW, cv.COUNTY_OUTSIDE_STAFF), events(*rows), "2026-03-31")
    assert of(report, "REG-5") == [("C1", "window:W1", Decimal(-2), date(2026, 3, 2)),
                                   (None, "staff:S1", Decimal(-2), date(2026, 3, 3))]
    assert "体外循环" in report.verdicts[0].explanation


def test_reg5_guangwu_one_hundred_yuan() -> None:
    """REG-5, ESC-3 (guangwu-street 第三十八条(三)): 100 yuan from the assessment bonus."""
    report = run(cv.guangwu_case_rules(), events(outside("2026-03-02T09:00", "charged_outside")), "2026-03-31")
    (verdict,) = report.verdicts
    assert (verdict.fine, verdict.points) == (Decimal(100), Decimal(0))


# REG-6 (shandong-guideline 第十九条): no paper copies of what was received online


def test_reg6_paper_copies_of_materials_received_online_or_shared() -> None:
    """REG-6: 身份证 was received online on 3/1, 结婚证 can be shared; 户口簿 came online after the demand."""
    rows = [receive("C1", "2026-03-02T09:00", "promised", online=True),
            step("materials_received_online", "C1", "2026-03-01T20:00", items=["身份证"]),
            step("paper_copies_demanded", "C1", "2026-03-02T10:00", items=["身份证", "户口簿"]),
            step("paper_copies_demanded", "C1", "2026-03-02T10:05", staff="S2", items=["结婚证"],
                 obtainable_by_sharing=["结婚证"]),
            step("paper_copies_demanded", "C1", "2026-03-02T10:10", items=["房产证"]),
            step("materials_received_online", "C1", "2026-03-02T11:00", items=["户口簿"])]
    report = run(make_variant(cv.SHANDONG_PAPER), events(*rows), "2026-03-31")
    assert [(str(v.subject), v.evidence) for v in report.verdicts] == [("staff:S1", ("e3",)), ("staff:S2", ("e4",))]
    assert "“身份证”已在线收取" in report.verdicts[0].explanation and "户口簿" not in report.verdicts[0].explanation
    assert "“结婚证”可通过部门间数据共享获取" in report.verdicts[1].explanation
