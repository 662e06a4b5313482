"""The register's cadence (REG-1, community-hall 6) and monthly reporting (REG-2, town-basic (九)1).

2026: Saturday 3/7 and 2/7; Friday 4/10; Sunday 3/15; Tuesday 3/31 (CAL-1).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bianmin_rules import VerdictKind
from tests.conftest import events, make_variant, run

TOWN_BASIC = {"document": "便民服务中心管理制度 1", "article": "(九)1",
              "quote": "每月7日前各村代理员向中心报送办件记录，10日前由群众接待和咨询监督窗口进行收集整理并上报"}
COMMUNITY_HALL = {"document": "社区服务大厅规范化建设实施意见", "article": "三、6",
                  "quote": "做到每件一登记，每天一汇总，每周一督查，每月一上报"}


def monthly(role: str = "village_agent", due_day: int = 7, **params: Any) -> dict[str, Any]:
    return {"kind": "monthly-report", "rule": "REG-2", "source": TOWN_BASIC, "role": role, "due_day": due_day,
            **params}


def report(at: str, covers: str, *, staff: str | None = "A-dong", window: str | None = None,
           role: str = "village_agent", act: str = "monthly_report") -> dict[str, Any]:
    return {"type": "register_reported", "at": at, "staff": staff, "window": window, "act": act,
            "covers": covers, "role": role}


def summary(rows: list[Any]) -> list[tuple[Any, ...]]:
    return [(v.rule, str(v.subject), v.kind, v.due, v.actual) for v in rows]


# REG-2: monthly reports


def test_reg2_the_7th_on_a_saturday_moves_to_monday() -> None:
    """REG-2: February's records are due "3月7日前"; 3/7 is a Saturday, so a report on Monday 3/9 is in time."""
    log = events(report("2026-03-09T10:00", "2026-02-01"))
    assert run(make_variant(monthly()), log, "2026-03-31").verdicts == ()


def test_reg2_read_strictly_the_7th_itself_is_late() -> None:
    """REG-2 ambiguity: "7日前" read as "before the 7th" and without rolling: due Friday 3/6; 3/9 is late."""
    strict = make_variant(monthly(before_due_day=True, roll_past_holidays=False))
    (verdict,) = run(strict, events(report("2026-03-09T10:00", "2026-02-01")), "2026-03-31").verdicts
    assert summary([verdict]) == [("REG-2", "staff:A-dong", VerdictKind.VIOLATION, date(2026, 3, 6),
                                   date(2026, 3, 9))]
    assert "2026-02 的办件记录" in verdict.explanation
    trace = verdict.deadline
    assert trace is not None and (trace.start, trace.start_rule, trace.limit.amount, trace.due, trace.actual) == (
        date(2026, 2, 28), "当月最后一日", 6, date(2026, 3, 6), date(2026, 3, 9))
    assert verdict.days_late == 1  # Friday 3/6 to Monday 3/9: one working day


def test_reg2_the_centre_window_by_the_10th() -> None:
    """REG-2: the supervision window reports March by Friday 4/10; Monday 4/13 is one working day late."""
    window = make_variant(monthly(role="centre_window", due_day=10))
    log = events(report("2026-04-13T09:00", "2026-03-15", staff=None, window="W-supervision", role="centre_window"))
    (verdict,) = run(window, log, "2026-04-30").verdicts
    assert summary([verdict]) == [("REG-2", "window:W-supervision", VerdictKind.VIOLATION, date(2026, 4, 10),
                                   date(2026, 4, 13))]


def test_reg2_a_missing_month_between_reported_ones() -> None:
    """REG-2: January and March reported, February never: due 3/9 (3/7 rolled), late from 3/10."""
    log = events(report("2026-02-05T10:00", "2026-01-01"), report("2026-04-03T10:00", "2026-03-01"))
    (verdict,) = run(make_variant(monthly()), log, "2026-04-30").verdicts
    assert (verdict.due, verdict.actual, verdict.on) == (date(2026, 3, 9), None, date(2026, 3, 10))
    assert "截至2026-04-30仍未报送" in verdict.explanation


def test_reg2_a_listed_reporter_who_never_reports() -> None:
    """REG-2: with the reporters listed and a first month, silence is visible too."""
    listed = make_variant(monthly(reporters=[{"kind": "staff", "id": "A-xi"}], since="2026-01-01"))
    verdicts = run(listed, events(report("2026-02-05T10:00", "2026-01-01")), "2026-03-31").verdicts
    assert [(str(v.subject), v.due) for v in verdicts] == [
        ("staff:A-xi", date(2026, 2, 9)), ("staff:A-dong", date(2026, 3, 9)), ("staff:A-xi", date(2026, 3, 9))]


def test_reg2_other_roles_do_not_count() -> None:
    log = events(report("2026-03-20T10:00", "2026-02-01", role="centre_window"))
    assert run(make_variant(monthly()), log, "2026-03-31").verdicts == ()


# REG-1: daily summary, weekly check, monthly report


def case(case_id: str, at: str, window: str = "W1") -> dict[str, Any]:
    return {"type": "case_received", "case": case_id, "at": at, "window": window, "staff": "S1",
            "case_type": "immediate"}


def cadence(act: str, **params: Any) -> dict[str, Any]:
    return {"kind": "register-cadence", "rule": "REG-1", "source": COMMUNITY_HALL, "act": act, **params}


def hall(at: str, act: str, covers: str, window: str | None = None) -> dict[str, Any]:
    return report(at, covers, staff=None, window=window, role="hall", act=act)


def test_reg1_every_day_with_cases_is_summarised_that_day() -> None:
    """REG-1 (每天一汇总): cases on 3/2 and 3/3; 3/3 summarised only on 3/4: one working day late; 3/4 has no case."""
    log = events(case("C1", "2026-03-02T09:00"), case("C2", "2026-03-03T09:00"),
                 hall("2026-03-02T17:00", "daily_summary", "2026-03-02"),
                 hall("2026-03-04T09:00", "daily_summary", "2026-03-03"))
    (verdict,) = run(make_variant(cadence("daily_summary")), log, "2026-03-31").verdicts
    assert summary([verdict]) == [("REG-1", "centre:centre", VerdictKind.VIOLATION, date(2026, 3, 3),
                                   date(2026, 3, 4))]
    assert verdict.deadline is not None and verdict.deadline.days_late == 1


def test_reg1_weekly_check_due_by_the_monday_after_a_week_ending_sunday() -> None:
    """REG-1 (每周一督查): the week of 3/2 checked 3/6; the week of 3/9 (ends Sunday 3/15) never: due Monday 3/16."""
    log = events(case("C1", "2026-03-03T09:00"), case("C2", "2026-03-10T09:00"),
                 hall("2026-03-06T16:00", "weekly_check", "2026-03-04"))
    (verdict,) = run(make_variant(cadence("weekly_check")), log, "2026-03-31").verdicts
    assert (verdict.due, verdict.on) == (date(2026, 3, 16), date(2026, 3, 17))
    assert "2026-03-09 起的一周" in verdict.explanation


def test_reg1_one_register_per_window() -> None:
    """REG-1 with scope = window: W2's cases need W2's own summary."""
    log = events(case("C1", "2026-03-02T09:00", "W1"), case("C2", "2026-03-02T09:30", "W2"),
                 hall("2026-03-02T17:00", "daily_summary", "2026-03-02", window="W1"))
    verdicts = run(make_variant(cadence("daily_summary", scope="window")), log, "2026-03-31").verdicts
    assert [str(v.subject) for v in verdicts] == ["window:W2"]
    assert run(make_variant(cadence("daily_summary")), log, "2026-03-31").verdicts == ()


def test_reg1_monthly_report_by_the_months_last_working_day() -> None:
    """REG-1 (每月一上报, no day set): March's report is due Tuesday 3/31; 4/1 is a day late."""
    log = events(case("C1", "2026-03-10T09:00"), hall("2026-04-01T09:00", "monthly_report", "2026-03-01"))
    (verdict,) = run(make_variant(cadence("monthly_report")), log, "2026-04-30").verdicts
    assert (verdict.due, verdict.actual) == (date(2026, 3, 31), date(2026, 4, 1))


def test_reg1_compliance_on_request() -> None:
    log = events(case("C1", "2026-03-02T09:00"), hall("2026-03-02T17:00", "daily_summary", "2026-03-02"))
    report_ = run(make_variant(cadence("daily_summary")), log, "2026-03-31", include_compliance=True)
    assert [v.kind for v in report_.verdicts] == [VerdictKind.COMPLIANCE]
