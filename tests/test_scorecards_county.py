"""SC-3, SC-4: a full quarter (2026-Q2) of a small county centre, scored by hand.

Source text 004, 县政务服务中心部门窗口及窗口工作人员考核办法. Four windows, eight staff:

    W1: S1, S2    W2: S3, S4    W3: S5, S6    W4: S7, S8

Real events drive immediate cases (TL-1, one of them late), promised cases (TL-11),
applicants' evaluations (SC-5), findings (FEE-1, SC-3, SC-4) and a merit (SC-4 工作实绩 4).
The verdicts of the other families' rules — the verified complaint (CMP-8), late arrivals
(ATT-1), a late meeting (ATT-4) and completion rates (TL-12) — are built by hand below,
shaped as those policies emit them (a test in test_scorecards_engine.py runs the real
ones), so that the numbers stay the ones computed here.

Window table (一), by hand (items in table order; 档案 and 卫生 start at 7):

    W1  考勤 10−3 (倒扣) | 项目 10 | 规程 10 | 体外 6 | 投诉 4 | 收费 0 (−3−5−5 = −13: 3 倒扣)
        | 按时 5 | 提速 2 (23/35 = 65.71%, the gap (65, 66) → 2) | 办结 5 | 评议 5 | 满意 5
        | 档案 7 | 卫生 7                                                       = 73
    W2  项目 0 (6 × −2 = −12, 扣完为止) | 办结 4 (97.5%: 2 whole points × −0.5) | 档案 5
        | others full, 提速 0 (no promised case)                               = 71
    W3  规程 8 (S5's late case −2) | 投诉 0 (CMP-8 forfeits 4) | 按时 0 (late case)  = 73,
        disqualified: (一) complaint, (七) overdue case
    W4  评议 3 (23/24 = 95.83%, the gap (95, 96) → 3) | others full             = 82

    红旗窗口 2026-Q2: W4 82, W1 73, W2 71 (W3 ineligible).

Staff table (二), by hand (20 + 20 + 10 + 10 + 10 + 10 + 6 + 0 + 5 + 5 = 96 full marks
without the contribution bonus):

    S1 100 (+4 contribution)    S2 95.5 (messy desk −0.5)    S3 94 (completion 96%: −2)
    S4 94 (two late arrivals)   S5 94 (late case −2; ineligible: complaint, overdue)
    S6 94.5 (no badge −1, late to a meeting −0.5)    S7 96    S8 94 (评议 11/12 = 91.67% → 3)

    服务标兵: S1, S7, S2, S6, then S4, S8 and S3 tie at 94 around the cut-off (6th): the
    tie-break (工作实绩 higher first, then id) puts S4 (26) and S8 (26) before S3 (24).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Citation, Subject, SubjectKind, Variant, Verdict, VerdictKind, WorkCalendar
from bianmin_rules.core.engine import collect
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.scorecards.cards import Card, LineKind
from bianmin_rules.core.scorecards.ranking import Assessment, assess
from bianmin_rules.core.verdicts import Measure
from tests.conftest import events, run
from tests.variant_support import card_of, item_scores

AS_OF = date(2026, 6, 30)
Q2 = Period(kind=PeriodKind.QUARTER, start=date(2026, 4, 1))
YEAR = Period(kind=PeriodKind.YEAR, start=date(2026, 1, 1))
WINDOW_OF = {"S1": "W1", "S2": "W1", "S3": "W2", "S4": "W2", "S5": "W3", "S6": "W3", "S7": "W4", "S8": "W4"}
HAND = Citation(document="hand-built", article="-", quote="a verdict of a rule encoded on another branch")


def immediate(
    staff: str, number: int, *, evaluated: bool = True, completed: str = "2026-04-08T10:00",
) -> list[dict[str, Any]]:
    """An immediate case received and (by default) completed on 2026-04-08, then evaluated 满意."""
    case, window = f"{staff}-{number}", WINDOW_OF[staff]
    where = {"window": window, "staff": staff, "case": case}
    rows: list[dict[str, Any]] = [
        {"type": "case_received", "at": "2026-04-08T09:00", "case_type": "immediate", **where},
        {"type": "case_completed", "at": completed, **where},
    ]
    if evaluated:
        rows.append({"type": "service_evaluated", "at": "2026-04-08T10:05", "result": "satisfied", **where})
    return rows


def promised(number: int, limit: int, completed: str) -> list[dict[str, Any]]:
    """A promised case of S1 at W1, received Wednesday 2026-04-01 with its receipt notice (TL-3), evaluated when
    completed."""
    where = {"window": "W1", "staff": "S1", "case": f"S1-P{number}"}
    due = WorkCalendar.china().add_working_days(date(2026, 4, 1), limit)
    return [
        {"type": "case_received", "at": "2026-04-01T09:00", "case_type": "promised", "promised_limit": limit, **where},
        {"type": "receipt_notice_issued", "at": "2026-04-01T09:05", "promised_date": due.isoformat(), **where},
        {"type": "case_completed", "at": f"{completed}T15:00", **where},
        {"type": "service_evaluated", "at": f"{completed}T15:10", "result": "very_satisfied", **where},
    ]


def finding(code: str, day: str, *, window: str, staff: str | None = None) -> dict[str, Any]:
    return {"type": "finding_recorded", "at": f"{day}T10:00", "window": window, "staff": staff, "finding": code}


def the_log() -> list[Any]:
    rows: list[dict[str, Any]] = []
    for staff in WINDOW_OF:
        for number in range(12 if staff in ("S7", "S8") else 10):
            rows += immediate(staff, number, evaluated=not (staff == "S8" and number == 0))
    # S5's late immediate case: received 4/8, completed on 4/9 — one working day late (TL-1).
    rows += immediate("S5", 99, completed="2026-04-09T10:00")
    # TL-11 at W1: promised 20 working days, done in 8 (4/2, 4/3, 4/7–4/10, 4/13, 4/14 — 4/4–4/6
    # is the Qingming break): 12 saved; promised 15, done in 4 (4/2, 4/3, 4/7, 4/8): 11 saved.
    rows += promised(1, 20, "2026-04-14") + promised(2, 15, "2026-04-08")
    rows += [
        finding("fee_rate_changed", "2026-04-15", window="W1"),
        finding("fee_item_added", "2026-05-12", window="W1"),
        finding("fee_item_added", "2026-06-02", window="W1"),
        *(finding("project_not_updated", f"2026-05-{day:02d}", window="W2") for day in (6, 7, 8, 11, 12, 13)),
        finding("archive_missing", "2026-06-10", window="W2"),
        finding("archive_missing", "2026-06-11", window="W2"),
        finding("messy_desk", "2026-05-20", window="W1", staff="S2"),
        finding("no_badge", "2026-05-21", window="W3", staff="S6"),
        {"type": "merit_recorded", "at": "2026-06-15T09:00", "window": "W1", "staff": "S1", "merit": "contribution",
         "note": "窗口“容缺受理”改革方案被县政务服务和大数据发展局采纳"},
    ]
    return events(*rows)


def hand_built() -> list[Verdict]:
    """Verdicts of CMP-8, ATT-1, ATT-4 and TL-12, which other branches encode."""
    def verdict(rule: str, staff: str | None, on: str, **extra: Any) -> Verdict:
        window = extra.pop("window", WINDOW_OF.get(staff or ""))
        subject = Subject(kind=SubjectKind.STAFF, id=staff) if staff else Subject(kind=SubjectKind.WINDOW, id=window)
        return Verdict(
            rule=rule, variant="county-centre", source=HAND, subject=subject, on=date.fromisoformat(on),
            kind=extra.pop("kind", VerdictKind.VIOLATION), explanation=extra.pop("explanation", f"{rule} (hand-built)"),
            window=window, staff=staff, **extra,
        )

    def rate(subject: str, numerator: int, denominator: int) -> Verdict:
        staff = subject if subject.startswith("S") else None
        return verdict("TL-12", staff, "2026-06-30", window=None if staff else subject, kind=VerdictKind.INFORMATION,
                       measure=Measure(name="completion_rate", period=Q2, numerator=numerator, denominator=denominator))

    return [
        verdict("CMP-8", "S5", "2026-05-11", explanation="投诉经查实：S5 对申请人态度生硬"),
        verdict("ATT-1", "S4", "2026-04-13"),
        verdict("ATT-1", "S4", "2026-04-20"),
        verdict("ATT-4", "S6", "2026-05-06", code="meeting", points=Decimal("-0.5")),  # as meeting-attendance prices it
        rate("W2", 39, 40),
        rate("S3", 24, 25),
    ]


@pytest.fixture(scope="module")
def variant(county: Variant) -> Variant:
    """The built-in county-centre, but for its completion rates (TL-12), which are hand-built here.

    test_variant_county_centre.py scores the real completion rates end to end.
    """
    return without_completion_rates(county)


def without_completion_rates(county: Variant) -> Variant:
    """county-centre without its completion-rate policy (TL-12), whose rates the tests build by hand."""
    return county.model_copy(update={"policies": tuple(p for p in county.policies if p.id != "completion-rate")})


@pytest.fixture(scope="module")
def quarter(variant: Variant) -> Assessment:
    log = the_log()
    report = run(variant, log, AS_OF.isoformat())
    books = collect(log, as_of=AS_OF, case_types=variant.case_types, families=variant.families)
    verdicts = sorted([*report.verdicts, *hand_built()], key=lambda v: v.sort_key)
    return assess(variant.scorecards, verdicts, roster=books.roster, as_of=AS_OF)


def card(assessment: Assessment, table: str, subject: str, period: Period = Q2) -> Card:
    return card_of(assessment.cards, table, subject, period)


WINDOW_FULL = {
    "attendance": 10, "projects": 10, "procedure": 10, "one-door": 6, "complaints": 4, "fees": 10, "on-time": 5,
    "speed-up": 0, "completion": 5, "evaluation-rate": 5, "satisfaction-rate": 5, "archives": 7, "hygiene": 7,
}


def test_window_totals_and_items_by_hand(quarter: Assessment) -> None:
    """SC-3: every window's items as computed by hand in the module docstring."""
    expected = {
        "W1": {**WINDOW_FULL, "attendance": 7, "fees": 0, "speed-up": 2},
        "W2": {**WINDOW_FULL, "projects": 0, "completion": 4, "archives": 5},
        "W3": {**WINDOW_FULL, "procedure": 8, "complaints": 0, "on-time": 0},
        "W4": {**WINDOW_FULL, "evaluation-rate": 3},
    }
    for window, items in expected.items():
        found = card(quarter, "window", window)
        assert item_scores(found) == {k: Decimal(v) for k, v in items.items()}, window
        assert found.total == sum(Decimal(v) for v in items.values())
    assert [card(quarter, "window", w).total for w in ("W1", "W2", "W3", "W4")] == [73, 71, 73, 82]


def test_fee_overflow_is_taken_from_the_first_other_item(quarter: Assessment) -> None:
    """FEE-1, SC-3 收费管理: −3 −5 −5 = −13 against 10; the 3 it cannot absorb come off 考勤纪律 (倒扣)."""
    found = card(quarter, "window", "W1")
    fees = found.item("fees")
    assert [(line.kind, line.points) for line in fees.lines] == [
        (LineKind.DEDUCTION, Decimal(-3)), (LineKind.DEDUCTION, Decimal(-5)), (LineKind.DEDUCTION, Decimal(-5)),
        (LineKind.OVERFLOW_OUT, Decimal(3)),
    ]
    assert [line.rule for line in fees.lines[:3]] == ["FEE-1"] * 3
    (taken,) = found.item("attendance").lines
    assert (taken.kind, taken.points, taken.item) == (LineKind.OVERFLOW_IN, Decimal(-3), "fees")
    assert found.eligible  # fee violations cost points, not the award


def test_project_item_is_clamped_at_zero(quarter: Assessment) -> None:
    """SC-3 项目管理: six stale projects × −2 = −12, "扣完本项分为止": the item stops at 0."""
    projects = card(quarter, "window", "W2").item("projects")
    assert [line.points for line in projects.lines] == [Decimal(-2)] * 6 + [Decimal(2)]
    assert projects.lines[-1].kind is LineKind.CLAMP and projects.lines[-1].label == "扣完本项分为止"
    assert projects.score == 0


def test_rates_in_band_gaps_score_the_variants_decision(quarter: Assessment) -> None:
    """SC-5, TL-11: 95.83% lies in the gap (95, 96), 65.71% in (65, 66); the variant's decisions score 3 and 2."""
    (evaluation,) = card(quarter, "window", "W4").item("evaluation-rate").lines
    assert evaluation.kind is LineKind.BAND and evaluation.points == 3
    assert "23/24" in evaluation.explanation and "(95, 96)" in evaluation.explanation
    assert "按91—95%档得3分" in evaluation.explanation
    (speed_up,) = card(quarter, "window", "W1").item("speed-up").lines
    assert speed_up.rule == "TL-11" and speed_up.points == 2 and "23/35" in speed_up.explanation


def test_completion_rate_costs_half_a_point_per_whole_point(quarter: Assessment) -> None:
    """TL-12: W2 at 97.5% is 2 whole points below 100: −1; S3 at 96% is 4 below: −2 (exact Decimal)."""
    assert card(quarter, "window", "W2").item("completion").score == Decimal(4)
    (line,) = card(quarter, "staff", "S3").item("completion").lines
    assert (line.kind, line.points) == (LineKind.RATE, Decimal("-2.0"))


def test_complaint_forfeits_the_item_and_disqualifies_the_window(quarter: Assessment) -> None:
    """CMP-8, SC-3 三(一)(七): a verified complaint zeroes 无群众投诉 and, with the late case, takes away the award."""
    found = card(quarter, "window", "W3")
    (forfeit,) = found.item("complaints").lines
    assert (forfeit.kind, forfeit.points, forfeit.rule) == (LineKind.FORFEIT, Decimal(-4), "CMP-8")
    assert not found.eligible and found.rank is None and found.awards == ()
    assert [(d.id, d.verdict_rules) for d in found.disqualified] == [("complaint", ("CMP-8",)), ("overdue", ("TL-1",))]
    assert found.total == 73  # points are unchanged by the disqualification


def test_red_flag_windows_among_eligible_only(quarter: Assessment) -> None:
    """SC-3: top 6 windows per quarter are 红旗窗口 — here every eligible window."""
    (standing,) = [s for s in quarter.standings if s.scorecard == "window"]
    assert [(p.subject.id, p.score, p.rank, p.awarded) for p in standing.placings] == [
        ("W4", 82, 1, True), ("W1", 73, 2, True), ("W2", 71, 3, True)]
    assert [s.id for s in standing.ineligible] == ["W3"]
    assert standing.cut_off is None
    assert card(quarter, "window", "W4").awards == ("红旗窗口",)


def test_staff_totals_by_hand(quarter: Assessment) -> None:
    """SC-4: half-point deductions stay exact; the contribution bonus fills its 4-point item."""
    totals = {s: card(quarter, "staff", s).total for s in WINDOW_OF}
    assert totals == {"S1": 100, "S2": Decimal("95.5"), "S3": 94, "S4": 94, "S5": 94, "S6": Decimal("94.5"),
                      "S7": 96, "S8": 94}
    assert card(quarter, "staff", "S1").item("contribution").score == 4
    assert card(quarter, "staff", "S6").item("meetings").score == Decimal("9.5")
    assert card(quarter, "staff", "S8").item("evaluation-rate").score == 3  # 11/12 = 91.67%


def test_tie_at_the_sixth_place_is_broken_and_reported(quarter: Assessment) -> None:
    """SC-8: S4, S8 and S3 tie at 94 for places 5–7; 工作实绩 (26, 26, 24), then the id, decide."""
    (standing,) = [s for s in quarter.standings if s.scorecard == "staff"]
    assert [(p.subject.id, p.rank, p.awarded) for p in standing.placings] == [
        ("S1", 1, True), ("S7", 2, True), ("S2", 3, True), ("S6", 4, True), ("S4", 5, True), ("S8", 6, True),
        ("S3", 7, False)]
    assert standing.cut_off is not None
    assert "S4、S8、S3 同为94分" in standing.cut_off and "S3 未入选" in standing.cut_off
    assert [s.id for s in standing.ineligible] == ["S5"]


def test_staff_disqualification_names_its_verdicts(quarter: Assessment) -> None:
    """SC-4 四(二)(三): S5's late case and verified complaint each take away the quarter's award."""
    found = card(quarter, "staff", "S5")
    assert not found.eligible
    assert {d.id: d.verdict_rules for d in found.disqualified} == {"overdue": ("TL-1",), "complaint": ("CMP-8",)}
    assert "S5-99" in found.disqualified[0].because


def test_staff_of_a_window_never_red_flagged_cannot_be_excellent(quarter: Assessment) -> None:
    """SC-3: "一年内没有评为“红旗窗口”的窗口部门的工作人员，年终考核不能评为优秀" — so far in 2026, W3's staff."""
    barred = {s: [b.grade for b in card(quarter, "staff", s, YEAR).barred] for s in WINDOW_OF}
    assert barred == {s: (["优秀"] if WINDOW_OF[s] == "W3" else []) for s in WINDOW_OF}
    (bar,) = card(quarter, "staff", "S6", YEAR).barred
    assert "W3" in bar.because and "年度尚未结束" in bar.because


def test_year_total_sums_the_quarters_so_far(quarter: Assessment) -> None:
    """SC-10: the year's total is built from its quarters ("每年进行汇总"); only Q2 has records."""
    year = card(quarter, "window", "W1", YEAR)
    assert year.total == 73 and not year.complete
    assert [(p.period.label, p.score) for p in year.parts] == [
        ("2026-Q1", None), ("2026-Q2", 73), ("2026-Q3", None), ("2026-Q4", None)]


def test_totals_equal_the_sum_of_their_parts(quarter: Assessment) -> None:
    """Item = base + lines; category = the sum of its items; card = the sum of its categories."""
    for found in quarter.cards:
        for category in found.categories:
            for item in category.items:
                assert item.score == item.base + sum((line.points for line in item.lines), Decimal(0))
            assert category.score == sum((item.score for item in category.items), Decimal(0))
        if found.categories:
            assert found.total == sum((c.score for c in found.categories), Decimal(0))


def test_the_engine_scores_the_real_events_alone(variant: Variant, quarter: Assessment) -> None:
    """The report of evaluate() carries the cards: W1 and W4 have no hand-built verdict, so they are the same."""
    report = run(variant, the_log(), AS_OF.isoformat())
    for window in ("W1", "W4"):
        (found,) = [c for c in report.scorecards if c.subject.id == window and c.period == Q2]
        assert found.model_dump(exclude={"rank", "awards"}) == card(quarter, "window", window).model_dump(
            exclude={"rank", "awards"})
