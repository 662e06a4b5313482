"""The scorecard engine in the variant and the report: weighting (SC-7), money (SC-9), errors, determinism, output."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter

from bianmin_rules import (
    Citation,
    EvaluationError,
    Report,
    ScoringError,
    Subject,
    SubjectKind,
    Variant,
    VariantError,
    Verdict,
    VerdictKind,
    load_variant,
    to_markdown,
)
from bianmin_rules.core.engine import collect
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.scorecards.cards import Line, LineKind, Money
from bianmin_rules.core.scorecards.ranking import assess
from bianmin_rules.core.scorecards.scoring import Concerning, VerdictIndex, kind_of, verdict_line
from bianmin_rules.core.scorecards.tables import ScorecardTable, VerdictSelector
from bianmin_rules.core.verdicts import ZERO, Measure
from bianmin_rules.core.words import Message
from bianmin_rules.views.render import render_diff, to_scorecards_csv
from bianmin_rules.views.whatif import diff
from tests.conftest import events, make_variant, run
from tests.test_scorecards_county import hand_built, the_log, without_completion_rates

SOURCE = {
    "document": "社区便民服务大厅管理制度", "article": "一",
    "quote": "生活服务类服务项目工作人员的绩效考核，社区考核权重为70%，所属单位考核权重为30%。",
}
Q1 = Period(kind=PeriodKind.QUARTER, start=date(2026, 1, 1))


def table(**fields: Any) -> dict[str, Any]:
    """A small staff table: one category of two items, 纪律 (10) and 服务 (10, overflowing into 纪律)."""
    return {
        "name": "staff", "title": "工作人员考核", "rule": "SC-4", "source": SOURCE, "subject": "staff",
        "period": "quarter", "maximum": 20,
        "categories": [{"id": "work", "title": "工作", "maximum": 20, "items": [
            {"id": "discipline", "title": "纪律", "maximum": 10, "rules": [
                {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["late"], "points": "-1", "label": "迟到每次扣1分"},
            ]},
            {"id": "service", "title": "服务", "maximum": 10, "overflow_into": ["discipline"], "rules": [
                {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["rude"], "points": "-4",
                 "label": "态度差每次扣4分"},
                {"kind": "forfeit", "rules": ["CMP-8"], "label": "被投诉经查实的此项不得分"},
            ]},
        ]}],
        **fields,
    }


FINDINGS = {"kind": "finding-penalty", "rule": "SC-4", "findings": ["late", "rude"], "source": SOURCE}


def finding(code: str, day: str, staff: str = "S1", **extra: Any) -> dict[str, Any]:
    return {"type": "finding_recorded", "at": f"{day}T10:00", "window": "W1", "staff": staff, "finding": code, **extra}


def test_sc7_two_assessors_weighted_70_30() -> None:
    """SC-7 (community-hall): community 70%, home unit 30%: 0.7 × 19 + 0.3 × 80 = 37.3; a missing score is reported."""
    weighting = {"rule": "SC-7", "source": SOURCE, "own": "0.7", "assessors": {"home_unit": "0.3"}}
    variant = make_variant(FINDINGS, scorecards=[table(rankings=[{"award": "先进", "top": 1}], weighting=weighting)])
    log = events(
        finding("late", "2026-02-02"),
        finding("late", "2026-02-03", staff="S2"),
        {"type": "assessment_scored", "at": "2026-04-03T09:00", "staff": "S1", "assessor": "home_unit",
         "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 80},
    )
    report = run(variant, log, "2026-04-30")
    s1, s2 = (c for c in report.scorecards if c.period == Q1)
    assert s1.weighted is not None and s1.weighted.total == Decimal("37.3") and s1.score == Decimal("37.3")
    assert [(s.assessor, s.score, s.weight) for s in s1.weighted.scores] == [
        ("本考核表", Decimal(19), Decimal("0.7")), ("home_unit", Decimal(80), Decimal("0.3"))]
    assert s2.score is None and "缺少 home_unit" in s2.notes[0]
    (standing,) = report.standings
    assert [s.id for s in standing.winners] == ["S1"] and [s.id for s in standing.unscored] == ["S2"]


def test_sc7_a_score_given_twice_is_an_error() -> None:
    score = {"type": "assessment_scored", "at": "2026-04-03T09:00", "staff": "S1", "assessor": "home_unit",
             "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 80}
    with pytest.raises(EvaluationError, match=r"event 'e2': home_unit scored staff:S1 for 2026-Q1 twice"):
        run(make_variant(), events(score, score), "2026-04-30")


def test_sc9_money_is_summed_apart_from_points() -> None:
    """SC-9: two late arrivals cost 20 yuan each (ATT-1 town-basic) and 1 point each: 40 yuan, 8 of 10 points."""
    fined = {**FINDINGS, "findings": ["late"], "fine": "20"}
    report = run(make_variant(fined, scorecards=[table()]), events(
        finding("late", "2026-02-02"), finding("late", "2026-02-03")), "2026-03-31")
    (quarter,) = report.scorecards
    assert quarter.money.fine == 40 and quarter.item("discipline").score == 8 and quarter.total == 18


def test_overflow_then_a_forfeit_keeps_the_overflow() -> None:
    """SC-3 倒扣 with a forfeit: −12 on 服务 passes 2 to 纪律; a verified complaint then zeroes nothing more."""
    variant = make_variant(FINDINGS, scorecards=[table()])
    log = events(*(finding("rude", f"2026-02-0{d}") for d in (2, 3, 4)))
    complaint = Verdict(
        rule="CMP-8", variant="test-variant", source=Citation(**SOURCE),
        subject=Subject(kind=SubjectKind.STAFF, id="S1"), kind=VerdictKind.VIOLATION, on=date(2026, 2, 10),
        explanation="投诉经查实", window="W1", staff="S1",
    )
    report = run(variant, log, "2026-03-31")
    roster = Roster.of([(date(2026, 2, 2), "W1", "S1")])
    (card,) = assess(variant.scorecards, [*report.verdicts, complaint], roster=roster, as_of=date(2026, 3, 31)).cards
    service = card.item("service")
    assert [(line.kind, line.points) for line in service.lines] == [
        (LineKind.DEDUCTION, Decimal(-4))] * 3 + [(LineKind.FORFEIT, Decimal(0)), (LineKind.OVERFLOW_OUT, Decimal(2))]
    assert card.item("discipline").score == 8 and card.total == 8


def test_overflow_no_item_can_absorb_is_noted() -> None:
    """SC-3: when every named item is exhausted, what is left is noted on the card, never silently dropped."""
    variant = make_variant(FINDINGS, scorecards=[table()])
    log = events(*(finding("late", f"2026-02-{d:02d}") for d in range(2, 14)),
                 *(finding("rude", f"2026-03-0{d}") for d in (2, 3, 4)))
    card = run(variant, log, "2026-03-31").scorecards[0]
    assert card.total == 0
    assert card.notes == ("「服务」倒扣后仍有2分无处可扣（其它项均已扣完）。",)


def test_the_same_verdicts_in_any_order_give_the_same_cards(county: Variant) -> None:
    """Determinism: cards, ranks and notes do not depend on the order of the verdicts."""
    log = the_log()
    report = run(without_completion_rates(county), log, "2026-06-30")
    verdicts = [*report.verdicts, *hand_built()]
    roster = collect(
        log, as_of=date(2026, 6, 30), case_types=county.case_types, families=county.families,
    ).roster
    expected = assess(county.scorecards, verdicts, roster=roster, as_of=date(2026, 6, 30))
    ordered = sorted(verdicts, key=lambda v: v.sort_key)
    assert assess(county.scorecards, ordered, roster=roster, as_of=date(2026, 6, 30), ordered=True) == expected
    for seed in range(3):
        random.Random(seed).shuffle(verdicts)
        assert assess(county.scorecards, verdicts, roster=roster, as_of=date(2026, 6, 30)) == expected


def test_two_verdicts_measuring_one_rate_are_an_error() -> None:
    """SC-5: a table never picks one of two rates for the same subject and period."""
    data = table()
    data["categories"][0]["items"][1]["rules"] = [{
        "kind": "per-point-below", "measure": "completion_rate", "points": "-0.5", "if_missing": "base",
        "label": "办结率",
    }]
    rate = Verdict(
        rule="TL-12", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.STAFF, id="S1"),
        kind=VerdictKind.INFORMATION, on=date(2026, 3, 31), explanation="办结率",
        measure=Measure(name="completion_rate", period=Q1, numerator=9, denominator=10),
    )
    with pytest.raises(ScoringError) as caught:
        assess([ScorecardTable.model_validate(data)], [rate, rate.model_copy(update={"rule": "TL-2"})],
               roster=Roster(), as_of=date(2026, 3, 31))
    assert str(caught.value).endswith(
        "2 verdicts measure completion_rate for staff:S1 over 2026-Q1: TL-12 办结率, TL-2 办结率")


@pytest.mark.parametrize(("change", "key", "message"), [
    (lambda t: t["categories"][0]["items"][1].update(overflow_into=["nowhere"]),
     "scorecards[0]", "overflows into 'nowhere'"),
    (lambda t: t.update(rankings=[{"award": "先进", "top": 1, "tie_break": ["deductions"]}]),
     "scorecards[0].rankings[0]", "must end with 'subject'"),
    (lambda t: t["categories"][0].update(maximum=25), "scorecards[0].categories[0]", "is not the sum"),
    (lambda t: t["categories"][0]["items"][0]["rules"][0].update(per="day", points=None),
     "scorecards[0].categories[0].items[0].rules[0]", "needs points"),
    (lambda t: t["categories"][0]["items"][0].update(base=12), "scorecards[0].categories[0].items[0]",
     "the base 12 exceeds the maximum 10"),
    (lambda t: t.update(requirements=[{"rule": "SC-3", "text": "-", "scorecard": "window", "award": "红旗窗口",
                                       "grade": "优秀"}], rollups=[{"period": "year"}]),
     "", "no ranking of the variant gives"),
])
def test_a_wrong_table_is_reported_with_its_key(change: Any, key: str, message: str) -> None:
    data = table()
    change(data)
    with pytest.raises(VariantError, match=message) as caught:
        make_variant(scorecards=[data])
    assert (caught.value.key or "") == key


def test_report_with_scorecards_round_trips_through_json() -> None:
    variant = make_variant(FINDINGS, scorecards=[table(rankings=[{"award": "先进", "top": 1}])])
    report = run(variant, events(finding("late", "2026-02-02")), "2026-03-31")
    (card,) = report.cards_of(Subject(kind=SubjectKind.STAFF, id="S1"))
    assert card.total == 19 and card.awards == ("先进",)
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_markdown_and_csv_show_every_line_with_its_verdict() -> None:
    """The card shows base, each deduction with its rule, day and words, the clamp, the total and the rank."""
    variant = make_variant(FINDINGS, scorecards=[table(rankings=[{"award": "先进", "top": 1}])])
    report = run(variant, events(*(finding("rude", f"2026-02-0{d}") for d in (2, 3, 4))), "2026-03-31")
    markdown = to_markdown(report)
    assert "### 工作人员考核 · staff:S1 · 2026-Q1" in markdown
    assert "得分 **8** / 20 · 有评优资格 · 第1名 · 奖项：先进" in markdown
    assert "Total **8** / 20 · eligible · rank 1 · award: 先进" in to_markdown(report, lang="en")
    assert "|  |  |  |  | -4 | SC-4 2026-02-02：态度差每次扣4分 |  |" in markdown
    assert "|  |  |  |  | -2 | ←service：倒扣——「服务」不够扣的分数，从本项倒扣2分。 |  |" in markdown
    rows = list(csv.DictReader(io.StringIO(to_scorecards_csv(report))))
    service = [r for r in rows if r["item"] == "服务" and r["period"] == "2026-Q1"]
    assert [(r["entry"], r["points"], r["score"]) for r in service] == [
        ("item", "", "0"), ("deduction", "-4", ""), ("deduction", "-4", ""), ("deduction", "-4", ""),
        ("overflow_out", "2", "")]
    assert {(r["total"], r["eligible"], r["rank"], r["awards"]) for r in service} == {("8", "True", "1", "先进")}


def test_tl9_per_day_late_and_att2_per_half_day() -> None:
    """TL-9 (jiangxi-town: 每件每超过1天扣2分) from the deadline trace; ATT-2 (旷工每半天扣2分) from the quantity."""
    data = table()
    data["categories"][0]["items"][0]["rules"] = [
        {"kind": "per-verdict", "rules": ["TL-1"], "points": "-2", "per": "day", "label": "每件每超过1天扣2分"},
        {"kind": "per-verdict", "rules": ["ATT-2"], "points": "-2", "per": "half_day", "label": "旷工每半天扣2分"},
    ]
    immediate = {"kind": "immediate-same-day", "rule": "TL-1", "source": SOURCE}
    absences = {**FINDINGS, "rule": "ATT-2", "findings": ["absent_half_days"]}
    where = {"window": "W1", "staff": "S1", "case": "C1"}
    log = events(
        {"type": "case_received", "at": "2026-03-02T09:00", "case_type": "immediate", **where},  # Monday
        {"type": "case_completed", "at": "2026-03-04T10:00", **where},                           # 2 working days late
        finding("absent_half_days", "2026-03-10", quantity="3"),
    )
    card = run(make_variant(immediate, absences, scorecards=[data]), log, "2026-03-31").scorecards[0]
    lines = card.item("discipline").lines
    assert [(line.rule, line.points) for line in lines] == [("TL-1", Decimal(-4)), ("ATT-2", Decimal(-6))]
    assert lines[0].explanation.endswith("（2 × -2分）") and lines[1].explanation.endswith("（3 × -2分）")


def test_sc4_serious_graft_takes_away_the_year_award_only(county: Variant) -> None:
    """SC-4 二(一)8: "情节严重的，扣3分，并取消年终评优资格": the quarter stays eligible, the year does not."""
    log = events(finding("graft", "2026-02-10", by="verified_report", serious=True))
    report = run(county, log, "2026-03-31")
    quarter, year = report.cards_of(Subject(kind=SubjectKind.STAFF, id="S1"))
    assert quarter.item("conduct").score == 17 and quarter.eligible
    assert not year.eligible and [d.id for d in year.disqualified] == ["serious-graft"]
    (window_quarter, _) = report.cards_of(Subject(kind=SubjectKind.WINDOW, id="W1"))
    assert [d.id for d in window_quarter.disqualified] == ["graft"]  # 三(二): the window loses the quarter


def test_cmp8_a_complaint_charged_to_staff_and_window_counts_once_per_card() -> None:
    """CMP-8 (jiangxi-town 服务质量 ②, −5 per verified complaint): charged to both S1 and W1, each card loses 5."""
    complaints = {"kind": "verified-complaint", "rule": "CMP-8", "charge": ["staff", "window"], "source": SOURCE}
    data = table(subject="staff")
    data["categories"][0]["items"][0]["rules"] = [
        {"kind": "per-verdict", "rules": ["CMP-8"], "points": "-5", "label": "投诉经查实每人次扣5分"}]
    windows = {**table(name="window", subject="window"), "categories": data["categories"]}
    log = events(
        {"type": "complaint_received", "at": "2026-03-03T10:00", "complaint": "K1", "window": "W0", "staff": "S0",
         "form": "written", "about_staff": "S1", "about_window": "W1"},
        {"type": "complaint_investigated", "at": "2026-03-06T10:00", "complaint": "K1", "staff": "S1", "window": "W1",
         "upheld": True},
    )
    report = run(make_variant(complaints, scorecards=[data, windows]), log, "2026-03-31")
    assert len(report.violations()) == 2  # one verdict per charged subject
    for subject in (Subject(kind=SubjectKind.STAFF, id="S1"), Subject(kind=SubjectKind.WINDOW, id="W1")):
        (card,) = report.cards_of(subject)
        assert [line.points for line in card.item("discipline").lines] == [Decimal(-5)], subject


@pytest.mark.parametrize("name", ["county-centre", "jiangxi-town",
                                  "town-conduct-100"])
def test_tables_print_to_and_read_back_from_a_variant_file(name: str) -> None:
    """The tables are data: a variant printed as TOML reads back equal, scorecards included."""
    variant = load_variant(name)
    assert variant.scorecards and Variant.from_toml(variant.to_toml(), origin=name) == variant


def test_the_conduct_families_verdicts_score_on_the_county_tables(county: Variant) -> None:
    """SC-3, SC-4 with the real ATT-3, ATT-4 and CMP-8 policies, each charged where county-centre charges it.

    S1 of W1 leaves the post at 09:00 on 2026-03-02 and does not come back: 7 office hours, two
    half days. The staff table charges −1 per departure (ATT-3 二、(三)1), the window table −1 per
    half day (一、(一)): −2. S1 is late for a meeting (−0.5, staff) and misses a joint review
    (−1, window). A complaint about S1 at W1 is upheld: W1's 4-point item is forfeited, and both
    lose the quarter's award. Neither card takes the other's price.
    """
    cite = {"source": SOURCE}
    policies = (
        {"kind": "leaving-post", "rule": "ATT-3", "points": "-1", **cite},
        {"kind": "leaving-post", "rule": "ATT-3", "id": "window-leaving", "points": "-1", "per": "half_day",
         "at_least_half_days": "1", "charge": "window", **cite},
        {"kind": "meeting-attendance", "rule": "ATT-4", "kinds": ["meeting", "study"], "late_points": "-0.5",
         "early_points": "-0.5", "absent_points": "-1", **cite},
        {"kind": "meeting-attendance", "rule": "ATT-4", "id": "joint-review", "kinds": ["joint_review"],
         "statuses": ["late", "absent"], "charge": "window", **cite},
        {"kind": "verified-complaint", "rule": "CMP-8", "charge": ["staff", "window"], **cite},
    )
    variant = Variant.model_validate({**county.model_dump(), "policies": list(policies)})  # county's tables
    at_w1 = {"window": "W1", "staff": "S1"}
    log = events(
        {"type": "post_left", "at": "2026-03-02T09:00", **at_w1},
        {"type": "meeting_attendance_recorded", "at": "2026-03-04T15:00", "meeting": "M1", "meeting_kind": "meeting",
         "status": "late", **at_w1},
        {"type": "meeting_attendance_recorded", "at": "2026-03-05T15:00", "meeting": "J1",
         "meeting_kind": "joint_review", "status": "absent", **at_w1},
        {"type": "complaint_received", "at": "2026-03-09T10:00", "complaint": "K1", "window": "W0", "staff": "S0",
         "form": "written", "about_staff": "S1", "about_window": "W1"},
        {"type": "complaint_investigated", "at": "2026-03-12T10:00", "complaint": "K1", "upheld": True, **at_w1},
    )
    report = run(variant, log, "2026-03-31")
    staff, _ = report.cards_of(Subject(kind=SubjectKind.STAFF, id="S1"))
    window, _ = report.cards_of(Subject(kind=SubjectKind.WINDOW, id="W1"))
    assert [(line.rule, line.points) for line in window.item("attendance").lines] == [
        ("ATT-3", Decimal(-2)), ("ATT-4", Decimal(-1))]
    assert window.item("complaints").score == 0
    assert [(line.rule, line.points) for line in staff.item("attendance-rules").lines] == [("ATT-3", Decimal(-1))]
    assert [(line.rule, line.points) for line in staff.item("meetings").lines] == [("ATT-4", Decimal("-0.5"))]
    assert [d.id for d in staff.disqualified] == ["complaint"] and [d.id for d in window.disqualified] == ["complaint"]


def test_whatif_shows_how_scores_and_ranks_move(county: Variant) -> None:
    """SC-5 as a what-if: resolving the gap (95, 96) at 5 instead of 3 lifts W4 by 2 points, nothing else."""
    amended = county.model_dump(mode="json")
    for category in amended["scorecards"][0]["categories"]:
        for item in category["items"]:
            for rule in item["rules"]:
                for band in rule.get("table", {}).get("bands", []):
                    if (band["decision"] or "").startswith("已过95%"):
                        band["points"] = 5
    amended["name"] = "county-amended"
    log = the_log()
    result = diff(run(county, log, "2026-06-30"), run(Variant.model_validate(amended), log, "2026-06-30"))
    changed = {(d.scorecard, d.subject.id, d.period.label) for d in result.scorecards}
    assert changed == {("window", "W4", "2026-Q2"), ("window", "W4", "2026")}
    quarter = next(d for d in result.scorecards if d.period.label == "2026-Q2")
    assert quarter.before is not None and quarter.after is not None
    assert quarter.after.total - quarter.before.total == 2 and result.verdicts == ()
    markdown = render_diff(result, "markdown")
    assert "## 考核变化" in markdown and "| window | window:W4 | 2026-Q2 |" in markdown
    assert "window,window:W4,2026-Q2" in render_diff(result, "csv")


def test_sc7_weighting_limited_to_some_windows() -> None:
    """SC-7 (community-hall): only the life-service windows have a home unit. A window table weighting
    W1 alone: W1's 19 becomes 0.7 × 19 + 0.3 × 80 = 37.3; W2 keeps its own 19, with no note."""
    weighting = {"rule": "SC-7", "source": SOURCE, "own": "0.7", "assessors": {"home_unit": "0.3"}, "windows": ["W1"]}
    window_table = {**table(weighting=weighting), "subject": "window"}
    log = events(
        finding("late", "2026-02-02"), {**finding("late", "2026-02-03", staff="S2"), "window": "W2"},
        {"type": "assessment_scored", "at": "2026-04-03T09:00", "window": "W1", "assessor": "home_unit",
         "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 80},
    )
    w1, w2 = (c for c in run(make_variant(FINDINGS, scorecards=[window_table]), log, "2026-04-30").scorecards
              if c.period == Q1)
    assert (w1.subject.id, w1.score) == ("W1", Decimal("37.3"))
    assert (w2.subject.id, w2.weighted, w2.score, w2.notes) == ("W2", None, Decimal(19), ())


@pytest.mark.parametrize("points", [Decimal("-2"), Decimal("0.5"), Decimal(0)])
def test_a_verdict_line_made_of_valid_values_is_the_line_validated(points: Decimal) -> None:
    verdict = Verdict(
        rule="TL-2", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.STAFF, id="S1"),
        kind=VerdictKind.VIOLATION, on=date(2026, 3, 2), explanation="x", evidence=("e1", "e2"), case="C1",
    )
    by_keyword = Line(
        kind=kind_of(points), points=points, label="每件次扣2分", rule=verdict.rule, on=verdict.on,
        explanation="超期", evidence=verdict.evidence, case=verdict.case,
    )
    line = verdict_line(points, "每件次扣2分", verdict, by_keyword.message)
    assert line == by_keyword
    assert (type(line.message), line.item, line.explanation) == (Message, None, "超期")
    assert TypeAdapter(Line).dump_json(line) == TypeAdapter(Line).dump_json(by_keyword)


@pytest.mark.parametrize(("numerator", "denominator", "count", "points"), [
    (973, 1000, "whole", "-1"), (973, 1000, "exact", "-1.35"), (973, 1000, "started", "-1.5"),
    (199, 200, "whole", "0"), (199, 200, "exact", "-0.25"), (199, 200, "started", "-0.5"),
    (1, 1, "started", "0"),
])
def test_tl12_points_below_the_target_counted_whole_exactly_or_begun(
    numerator: int, denominator: int, count: str, points: str,
) -> None:
    """TL-12 ("每减少1个百分点，扣0.5分"): 97.3% is 2.7 points below 100 — 2 whole points (−1), exactly 2.7 (−1.35)
    or 3 begun (−1.5); 99.5% is 0.5 below — no whole point, −0.25 exactly, one begun (−0.5); 100% costs nothing."""
    data = table()
    data["categories"][0]["items"][1]["rules"] = [{
        "kind": "per-point-below", "measure": "completion_rate", "points": "-0.5", "count": count,
        "if_missing": "base", "label": "办结率",
    }]
    rate = Verdict(
        rule="TL-12", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.STAFF, id="S1"),
        kind=VerdictKind.INFORMATION, on=date(2026, 3, 31), explanation="办结率",
        measure=Measure(name="completion_rate", period=Q1, numerator=numerator, denominator=denominator),
    )
    (card,) = assess([ScorecardTable.model_validate(data)], [rate], roster=Roster(), as_of=date(2026, 3, 31)).cards
    assert card.item("service").score == 10 + Decimal(points)


def test_sc3_county_window_one_time_notice_costs_two_points_once_per_case() -> None:
    """SC-3, OTN-2, OTN-5 (county-centre 考核办法, window table 办件管理: "出现没有一次性告知…的，每件次扣2分"): C1's
    first notice of 3/2 missed the deed, asked for on 3/3 when the applicant came back — OTN-2 and OTN-5 on one
    case, one line naming the other rule; C2's applicant came back on 3/4: 10 − 2 − 2 = 6."""
    at = {"window": "W1", "staff": "S1"}
    rows = [{"type": "case_received", "at": "2026-03-02T09:10", "case": "C1", "case_type": "supplement",
             "materials_complete": False, **at},
            {"type": "missing_materials_notice", "at": "2026-03-02T09:20", "case": "C1", "items": ["id_card"], **at},
            {"type": "applicant_returned", "at": "2026-03-03T15:00", "case": "C1", "cause": "no_notice", **at},
            {"type": "missing_materials_notice", "at": "2026-03-03T15:10", "case": "C1", "items": ["deed"], **at},
            {"type": "case_received", "at": "2026-03-04T09:10", "case": "C2", "case_type": "supplement",
             "materials_complete": False, **at},
            {"type": "applicant_returned", "at": "2026-03-04T15:00", "case": "C2", "cause": "no_notice", **at}]
    report = run(load_variant("county-centre"), events(*rows), "2026-03-31")
    card = next(c for c in report.scorecards if c.scorecard == "window" and c.subject.id == "W1")
    item = card.item("procedure")
    assert item.score == 6
    assert [(line.points, line.rule, line.case) for line in item.lines] == [
        (Decimal(-2), "OTN-2", "C1"), (Decimal(-2), "OTN-5", "C2")]
    assert item.lines[0].explanation.endswith("（同一办件另有OTN-5，每件只计一次）")


def test_sc5_a_staff_member_is_disqualified_by_the_rates_of_the_window_served() -> None:
    """SC-5 (county-centre 考核办法 三(五): "所在窗口评议率和群众满意率未达93%的"): S1 served W1 in Q1, whose
    evaluation rate is 90% (satisfaction 95%): S1 loses the quarter; W2's 80% does not concern S1, nor S2 of W3."""
    data = table()
    data["disqualifications"] = [{
        "id": "window-rates", "rule": "SC-5", "text": "（五）所在窗口评议率和群众满意率未达93%的",
        "when": {"kind": "measure-below", "measures": ["evaluation_rate", "satisfaction_rate"], "below": 93,
                 "of": "window"},
    }]

    def verdict(subject: Subject, **fields: Any) -> Verdict:
        return Verdict(rule="SC-4", variant="v", source=Citation(**SOURCE), subject=subject, on=date(2026, 2, 2),
                       explanation="记录", **fields)

    def rate(window: str, name: str, numerator: int) -> Verdict:
        return verdict(Subject(kind=SubjectKind.WINDOW, id=window), kind=VerdictKind.INFORMATION,
                       measure=Measure(name=name, period=Q1, numerator=numerator, denominator=100))

    served = [verdict(Subject(kind=SubjectKind.STAFF, id=staff), kind=VerdictKind.COMPLIANCE, window=window,
                      staff=staff) for staff, window in (("S1", "W1"), ("S2", "W3"))]
    rates = [rate("W1", "evaluation_rate", 90), rate("W1", "satisfaction_rate", 95), rate("W2", "evaluation_rate", 80)]
    cards = assess([ScorecardTable.model_validate(data)], [*served, *rates], roster=Roster(),
                   as_of=date(2026, 3, 31)).cards
    by_staff = {card.subject.id: card for card in cards}
    assert sorted(by_staff) == ["S1", "S2"]
    assert by_staff["S2"].eligible
    (disqualified,) = by_staff["S1"].disqualified
    assert (disqualified.id, disqualified.rule, disqualified.verdict_rules) == ("window-rates", "SC-5", ("SC-4",))
    assert disqualified.because == "window:W1 evaluation_rate 90% 未达93%"


def test_sc10_a_year_of_quarters_averaged_or_summed_over_the_parts_it_counts() -> None:
    """SC-10, SC-4: S1 is late 2/2, 2/3 and 3/4 (Q1: 20 − 3 = 17, and "迟到2次以上的" loses the quarter), rude on 5/4
    (Q2: 16), late on 7/6 (Q3: 19), with no record in Q4. The year as the mean of its quarters: (17 + 16 + 19) / 3,
    out of 20, ineligible for Q1's sake, Q4 noted; as the sum of Q2 and Q3 only: 35 out of 40, eligible."""
    twice = [{"id": "twice-late", "rule": "SC-4", "text": "迟到2次以上的",
              "when": {"kind": "verdicts", "rules": ["SC-4"], "codes": ["late"], "at_least": 2}}]
    rollups = [{"period": "year", "combine": "mean"}, {"period": "year", "parts": [2, 3]}]
    variant = make_variant(FINDINGS, scorecards=[table(disqualifications=twice, rollups=rollups)])
    log = events(finding("late", "2026-02-02"), finding("late", "2026-02-03"), finding("late", "2026-03-04"),
                 finding("rude", "2026-05-04"), finding("late", "2026-07-06"))
    cards = run(variant, log, "2026-12-31").cards_of(Subject(kind=SubjectKind.STAFF, id="S1"))
    q1, q2, q3, mean, summed = cards
    assert [(c.total, c.eligible) for c in (q1, q2, q3)] == [(17, False), (16, True), (19, True)]
    (cause,) = q1.disqualified
    assert cause.because == ("达2次即取消：2026-02-02 SC-4 late：2026-02-02 经督查发现。；2026-02-03 SC-4 late："
                             "2026-02-03 经督查发现。（另有1项同类记录）")
    assert (mean.total, mean.score, mean.maximum, mean.eligible) == (Decimal(52) / 3, Decimal(52) / 3, 20, False)
    assert [(p.period.start.month, p.score, p.eligible) for p in mean.parts] == [
        (1, 17, False), (4, 16, True), (7, 19, True), (10, None, None)]
    assert [d.because for d in mean.disqualified] == [f"2026-Q1：{cause.because}"]
    assert [str(note) for note in mean.notes] == ["2026-Q4 无考核记录，不计入。"]
    assert (summed.total, summed.score, summed.maximum, summed.eligible) == (35, 35, 40, True)
    assert [p.period.start.month for p in summed.parts] == [4, 7]


SATISFACTION_BANDS = [  # county-centre window table, 群众满意率 (SC-5), with one band the text does not state
    {"low": 100, "high": 100, "points": 10, "text": "满意率达100%，得10分"},
    {"low": 90, "high": 100, "high_closed": False, "points": 9, "text": "满意率90%以上（含90%）、100%以下，得9分"},
    {"low": 80, "high": 90, "high_closed": False, "points": 7, "decision": "文本未列此档，按7分计"},
    {"high": 80, "high_closed": False, "points": 5, "text": "满意率80%以下，得5分"},
]


def measured(name: str, numerator: int, denominator: int, rule: str = "SC-5") -> Verdict:
    """A rate of staff S1 for Q1, measured by ``rule`` on 3/31 from evidence e7."""
    return rate_of(SubjectKind.STAFF, "S1", name, numerator, "e7", denominator=denominator, rule=rule)


def one_rule_card(rule: dict[str, Any], verdicts: list[Verdict], base: int = 10) -> Any:
    """The Q1 card of S1 on the staff table whose 服务 item (10, base ``base``) holds only ``rule``."""
    data = table()
    data["categories"][0]["items"][1].update(base=base, rules=[rule])
    (card,) = scored(data, verdicts)
    return card


@pytest.mark.parametrize(("numerator", "points", "words"), [
    (263, 7, "满意率 = 87.6667%（263/300），不取整（按精确值），落入 [80, 90)，得7分；"
             "档外处理：文本未列此档，按7分计。"),
    (285, 9, "满意率 = 95%（285/300），不取整（按精确值），落入 [90, 100)"
             "「满意率90%以上（含90%）、100%以下，得9分」，得9分。"),
])
def test_sc5_satisfaction_band_sets_the_item_and_cites_the_rate(numerator: int, points: int, words: str) -> None:
    """SC-5 (county-centre window table, 群众满意率 "满意率90%以上（含90%）、100%以下，得9分 …"): on a base of 2,
    263/300 = 87.67% falls in 80–90% (a band the variant added: 7 points), 285/300 = 95% in 90–100% (9 points);
    the band sets the item's score, so the line is the band's points less the base, cited to SC-5's rate (the rate
    of the same name TL-12 measured does not count: the rule names SC-5 only)."""
    rule = {"kind": "band", "measure": "满意率", "rules": ["SC-5"], "if_missing": "base", "label": "群众满意率",
            "table": {"bands": SATISFACTION_BANDS}}
    card = one_rule_card(rule, [measured("满意率", numerator, 300), measured("满意率", 300, 300, rule="TL-12")], base=2)
    (line,) = card.item("service").lines
    assert card.item("service").score == points
    assert (line.kind, line.points, line.rule, line.on, line.evidence) == (
        LineKind.BAND, Decimal(points - 2), "SC-5", date(2026, 3, 31), ("e7",))
    assert line.explanation == words


@pytest.mark.parametrize(("if_missing", "score"), [("6", 6), ("base", 10)])
def test_a_rate_not_measured_scores_what_the_table_states(if_missing: str, score: int) -> None:
    """SC-5 / TL-12 tables state what an item scores when no rate was measured (a window with no case in the
    quarter): a stated 6 points on a base of 10 is a line of −4; "base" keeps the 10. S1's only rate is TL-12's,
    and the rule counts SC-5's only."""
    rule = {"kind": "band", "measure": "满意率", "rules": ["SC-5"], "if_missing": if_missing, "label": "群众满意率",
            "table": {"bands": SATISFACTION_BANDS}}
    card = one_rule_card(rule, [measured("满意率", 270, 300, rule="TL-12")])
    (line,) = card.item("service").lines
    assert card.item("service").score == score
    assert (line.kind, line.points) == (LineKind.MISSING, Decimal(score - 10))
    assert line.explanation == f"本期没有测得满意率，按考核表规定计{score}分。"


def test_a_rate_the_table_requires_and_nobody_measured_is_an_error() -> None:
    """A table whose rule says ``if_missing = "error"`` expects a rate for every subject: none is an error naming
    the card and the item."""
    rule = {"kind": "per-point-below", "measure": "completion_rate", "points": "-0.5", "if_missing": "error",
            "label": "办结率"}
    with pytest.raises(ScoringError, match=r"no completion_rate was measured, and the table requires one") as caught:
        one_rule_card(rule, [measured("满意率", 270, 300)])
    assert "scorecard 'staff': staff:S1 2026-Q1: item 'service'" in str(caught.value)


def test_tl12_the_rate_line_cites_the_rate_and_counts_the_points_below() -> None:
    """TL-12 ("每减少1个百分点，扣0.5分"): 2,919/3,000 = 97.3% is 2 whole points below 100, −1 on 服务, cited to
    the TL-12 rate that measured it."""
    rule = {"kind": "per-point-below", "measure": "completion_rate", "rules": ["TL-12"], "points": "-0.5",
            "if_missing": "base", "label": "办结率"}
    card = one_rule_card(rule, [measured("completion_rate", 2919, 3000, rule="TL-12")])
    (line,) = card.item("service").lines
    assert (line.kind, line.points, line.rule, line.on, line.evidence) == (
        LineKind.RATE, Decimal(-1), "TL-12", date(2026, 3, 31), ("e7",))
    assert line.explanation == "completion_rate = 97.3%（2919/3000），低于100%计2个百分点，每个百分点-0.5分。"


def test_sc3_items_are_capped_at_their_maximum_and_emptied_at_zero() -> None:
    """SC-3 ("加、扣分至每小项分数加满封顶或扣完为止"): on 纪律 (10, base 8, +2 a praise) two praises make 12, capped
    at 10 by a line of −2 ("加满封顶"); one praise makes exactly 10, nothing capped; on 服务 (10, −4 a rude
    reply, no 倒扣 here) three make −2, brought back to 0 by a line of +2 ("扣完为止"); an uncapped bonus item keeps
    all it earns."""
    praised = {**FINDINGS, "findings": ["late", "rude", "praise"]}
    data = table()
    discipline, service = data["categories"][0]["items"]
    discipline.update(base=8, rules=[
        {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["praise"], "points": "2", "label": "表扬每次加2分"}])
    service.pop("overflow_into")
    data["categories"].append({"id": "bonus", "title": "加分项目", "items": [{"id": "bonus", "title": "加分", "rules": [
        {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["praise"], "points": "2", "label": "表扬每次加2分"}]}]})
    log = events(finding("praise", "2026-02-02"), finding("praise", "2026-02-03"),
                 *(finding("rude", f"2026-02-0{d}") for d in (4, 5, 6)), finding("praise", "2026-02-02", staff="S2"))
    cards = {c.subject.id: c for c in run(make_variant(praised, scorecards=[data]), log, "2026-03-31").scorecards}
    s1, s2 = cards["S1"], cards["S2"]
    capped = s1.item("discipline").lines[-1]
    assert (s1.item("discipline").score, capped.kind, capped.points, capped.label, capped.explanation) == (
        10, LineKind.CLAMP, Decimal(-2), "加满封顶", "12分超过满分10分，封顶。")
    emptied = s1.item("service").lines[-1]
    assert (s1.item("service").score, emptied.kind, emptied.points, emptied.label, emptied.explanation) == (
        0, LineKind.CLAMP, Decimal(2), "扣完为止", "扣至-2分，本项扣完为止，记0分。")
    assert s1.item("bonus").score == 4 and s1.total == 14
    assert s2.item("discipline").score == 10 and [line.kind for line in s2.item("discipline").lines] == [
        LineKind.BONUS]


def rates_disqualify(of: str, verdicts: list[Verdict]) -> dict[str, Any]:
    """The Q1 cards by staff of the staff table losing the quarter when a rate is below 93% (SC-5 三(五))."""
    data = table()
    data["disqualifications"] = [{
        "id": "rates", "rule": "SC-5", "text": "（五）所在窗口评议率和群众满意率未达93%的",
        "when": {"kind": "measure-below", "measures": ["evaluation_rate", "satisfaction_rate"], "below": 93, "of": of},
    }]
    return {card.subject.id: card for card in scored(data, verdicts)}


def served(staff: str, window: str) -> Verdict:
    return Verdict(rule="SC-4", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.STAFF,
                   id=staff), kind=VerdictKind.COMPLIANCE, on=date(2026, 2, 2), explanation="记录", window=window,
                   staff=staff)


def rate_of(kind: SubjectKind, who: str, name: str, numerator: int, evidence: str, *, denominator: int = 100,
            rule: str = "SC-5") -> Verdict:
    """A rate of ``who`` for Q1, measured by ``rule`` on 3/31 from ``evidence``."""
    return Verdict(rule=rule, variant="v", source=Citation(**SOURCE), subject=Subject(kind=kind, id=who),
                   kind=VerdictKind.INFORMATION, on=date(2026, 3, 31), explanation=name, evidence=(evidence,),
                   measure=Measure(name=name, period=Q1, numerator=numerator, denominator=denominator))


def test_sc5_window_rates_below_93_percent_each_named_and_93_itself_passes() -> None:
    """SC-5 (county-centre 考核办法 三(五): "所在窗口评议率和群众满意率未达93%的"): "未达93%" is below 93, so W1's
    satisfaction of exactly 93% passes and only its evaluation rate of 90% costs S1 the quarter, on W1's evidence
    for it; both of W2's rates (80%, 85%) are below, and S2's disqualification names both, on the evidence of both."""
    window = SubjectKind.WINDOW
    by_staff = rates_disqualify("window", [
        served("S1", "W1"), served("S2", "W2"),
        rate_of(window, "W1", "evaluation_rate", 90, "e1"), rate_of(window, "W1", "satisfaction_rate", 93, "e2"),
        rate_of(window, "W2", "evaluation_rate", 80, "e3"), rate_of(window, "W2", "satisfaction_rate", 85, "e4")])
    (one,) = by_staff["S1"].disqualified
    assert (one.because, one.evidence) == ("window:W1 evaluation_rate 90% 未达93%", ("e1",))
    (both,) = by_staff["S2"].disqualified
    assert both.because == "window:W2 evaluation_rate 80% 未达93%；window:W2 satisfaction_rate 85% 未达93%"
    assert both.evidence == ("e3", "e4") and both.verdict_rules == ("SC-5",)


def test_sc5_a_staff_members_own_rates_when_the_table_reads_the_subjects() -> None:
    """SC-5 with ``of = "subject"``: S1's own satisfaction rate of 92% is below 93% — S1 loses the quarter although
    W1, where S1 served, scores 99%; S2's own 95% passes although W2's is 50%."""
    staff, window = SubjectKind.STAFF, SubjectKind.WINDOW
    by_staff = rates_disqualify("subject", [
        served("S1", "W1"), served("S2", "W2"),
        rate_of(staff, "S1", "satisfaction_rate", 92, "e1"), rate_of(window, "W1", "satisfaction_rate", 99, "e2"),
        rate_of(staff, "S2", "satisfaction_rate", 95, "e3"), rate_of(window, "W2", "satisfaction_rate", 50, "e4")])
    assert [d.because for d in by_staff["S1"].disqualified] == ["staff:S1 satisfaction_rate 92% 未达93%"]
    assert by_staff["S2"].eligible


def test_two_rates_of_one_name_for_a_window_are_an_error_naming_the_card() -> None:
    """A window measured twice for one rate in one quarter cannot be read: an error naming the card, not a guess."""
    window = SubjectKind.WINDOW
    with pytest.raises(ScoringError, match=r"2 verdicts measure evaluation_rate for window:W1") as caught:
        rates_disqualify("window", [served("S1", "W1"), rate_of(window, "W1", "evaluation_rate", 90, "e1"),
                                    rate_of(window, "W1", "evaluation_rate", 95, "e2")])
    assert "scorecard 'staff': staff:S1 2026-Q1" in str(caught.value)


def test_sc4_a_yearly_table_loses_its_award_for_the_period_and_for_the_year() -> None:
    """SC-4 on a yearly table: "迟到2次以上的" takes away the period's award and a rude reply
    ("情节严重的 … 取消年终评优资格") the year's; on a year's card both apply — S1 (late twice, rude once)
    loses it for both reasons, S2 (rude once) for the year's only, S3 (late once) keeps it.
    Scored on 12/31, the year is complete."""
    disqualifications = [
        {"id": "twice-late", "rule": "SC-4", "text": "迟到2次以上的",
         "when": {"kind": "verdicts", "rules": ["SC-4"], "codes": ["late"], "at_least": 2}},
        {"id": "rude", "rule": "SC-4", "text": "情节严重的，取消年终评优资格", "scope": "year",
         "when": {"kind": "verdicts", "rules": ["SC-4"], "codes": ["rude"], "at_least": 1}},
    ]
    variant = make_variant(FINDINGS, scorecards=[table(period="year", disqualifications=disqualifications)])
    log = events(finding("late", "2026-02-02"), finding("late", "2026-05-04"), finding("rude", "2026-08-03"),
                 finding("rude", "2026-03-02", staff="S2"), finding("late", "2026-03-02", staff="S3"))
    cards = {c.subject.id: c for c in run(variant, log, "2026-12-31").scorecards}
    assert [d.id for d in cards["S1"].disqualified] == ["twice-late", "rude"]
    assert [d.id for d in cards["S2"].disqualified] == ["rude"]
    assert cards["S3"].eligible and cards["S3"].complete and cards["S3"].total == 19


def test_sc3_what_an_item_cannot_absorb_is_taken_from_the_next_in_its_words() -> None:
    """SC-3 ("本项分不够扣，可在其它项得分中倒扣"): three rude replies take 12 of 服务's 10; the 2 it cannot absorb
    leave it on a line of +2 saying so, and 纪律 gives them up: 10 − 2 = 8, the card 8 of 20."""
    log = events(*(finding("rude", f"2026-02-0{d}") for d in (2, 3, 4)))
    (card,) = run(make_variant(FINDINGS, scorecards=[table()]), log, "2026-03-31").scorecards
    passed = card.item("service").lines[-1]
    assert (card.item("service").score, passed.kind, passed.points) == (0, LineKind.OVERFLOW_OUT, Decimal(2))
    assert passed.label == "本项分不够扣，在其它项得分中倒扣"
    assert passed.explanation == "本项扣至-2分，不足的2分转由其它项倒扣。"
    assert (card.item("discipline").score, card.total) == (8, 8)


def test_sc5_a_rate_no_band_holds_or_measured_twice_is_an_error_naming_the_card() -> None:
    """SC-5: a rate of 85% where the table's bands leave 80–90% to nobody is never scored by a guess, and neither is
    a rate measured twice for one quarter: each is an error naming the card and the item."""
    stated = [band for band in SATISFACTION_BANDS if "decision" not in band]
    rule = {"kind": "band", "measure": "满意率", "if_missing": "base", "label": "群众满意率",
            "table": {"bands": stated}}
    place = "scorecard 'staff': staff:S1 2026-Q1: item 'service'"
    with pytest.raises(ScoringError, match=r"满意率: .*85") as gap:
        one_rule_card(rule, [measured("满意率", 85, 100)])
    with pytest.raises(ScoringError, match=r"2 verdicts measure 满意率 for staff:S1 over 2026-Q1") as twice:
        one_rule_card(rule, [measured("满意率", 95, 100), measured("满意率", 99, 100, rule="TL-12")])
    assert place in str(gap.value) and place in str(twice.value)


def test_sc5_a_yearly_table_reads_the_years_rates_for_the_years_award() -> None:
    """SC-5 on a yearly table whose rate condition takes away the year's award: S1's satisfaction for 2026 of 90% is
    below 93% — no year's award; S2's 96% keeps it."""
    data = table(period="year")
    data["disqualifications"] = [{
        "id": "rates", "rule": "SC-5", "text": "群众满意率未达93%的", "scope": "year",
        "when": {"kind": "measure-below", "measures": ["satisfaction_rate"], "below": 93, "of": "subject"},
    }]
    year = Period(kind=PeriodKind.YEAR, start=date(2026, 1, 1))
    rates = [Verdict(rule="SC-5", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.STAFF,
                     id=staff), kind=VerdictKind.INFORMATION, on=date(2026, 12, 31), explanation="满意率",
                     measure=Measure(name="satisfaction_rate", period=year, numerator=numerator, denominator=100))
             for staff, numerator in (("S1", 90), ("S2", 96))]
    cards = assess([ScorecardTable.model_validate(data)], rates, roster=Roster(), as_of=date(2026, 12, 31)).cards
    by_staff = {card.subject.id: card for card in cards}
    assert [d.because for d in by_staff["S1"].disqualified] == ["staff:S1 satisfaction_rate 90% 未达93%"]
    assert by_staff["S2"].eligible


@pytest.mark.parametrize(("points", "left"), [("-5", "0"), ("-4.75", "0.5")])
def test_sc3_only_a_deduction_below_zero_is_taken_from_the_next_item(points: str, left: str) -> None:
    """SC-3 ("本项分不够扣，可在其它项得分中倒扣"): two rude replies at 5 points each leave 服务 on exactly 0, at 4.75
    each on 0.5 — nothing it cannot absorb, so no 倒扣 line and 纪律 keeps its 10."""
    data = table()
    data["categories"][0]["items"][1]["rules"][0]["points"] = points
    log = events(finding("rude", "2026-02-02"), finding("rude", "2026-02-03"))
    (card,) = run(make_variant(FINDINGS, scorecards=[data]), log, "2026-03-31").scorecards
    assert card.item("service").score == Decimal(left)
    assert [line.kind for line in card.item("service").lines] == [LineKind.DEDUCTION, LineKind.DEDUCTION]
    assert card.item("discipline").score == 10


# Lines, caps, money and longer periods, each checked against a card worked out by hand


def fact(rule: str, day: str, explanation: str, *, who: str = "S1", kind: SubjectKind = SubjectKind.STAFF,
         **fields: Any) -> Verdict:
    """A violation charged to ``who`` on ``day``, as a rule of stage 0 reports it."""
    return Verdict(rule=rule, variant="v", source=Citation(**SOURCE), subject=Subject(kind=kind, id=who),
                   kind=VerdictKind.VIOLATION, on=date.fromisoformat(day), explanation=explanation, **fields)


def scored(data: dict[str, Any], verdicts: list[Verdict], as_of: str = "2026-03-31",
           roster: Roster | None = None) -> list[Any]:
    """The cards of one table over hand-made verdicts."""
    return list(assess([ScorecardTable.model_validate(data)], verdicts, roster=roster or Roster(),
                       as_of=date.fromisoformat(as_of)).cards)


def discipline_rules(*rules: dict[str, Any]) -> dict[str, Any]:
    """The staff table with 纪律 (10) holding ``rules`` only."""
    data = table()
    data["categories"][0]["items"][0]["rules"] = list(rules)
    return data


def test_sc4_a_line_counted_once_for_all_its_verdicts_names_the_first() -> None:
    """SC-4 (county-centre staff table "经认定有创造性成果或重大贡献，得4分", ``per = "once"``): contributions
    recognised on 3/2 (case C1) and 3/9 (C2) give 4 points once (纪律, base 6: 10), on one line naming the first —
    its rule, day, case, evidence and words — and how many more there were."""
    rule = {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["contribution"], "points": "4", "per": "once",
            "label": "经认定有创造性成果或重大贡献，得4分"}
    data = discipline_rules(rule)
    data["categories"][0]["items"][0]["base"] = 6
    (card,) = scored(data, [
        fact("SC-4", "2026-03-02", "3月2日经认定有重大贡献", code="contribution", case="C1", evidence=("e1",)),
        fact("SC-4", "2026-03-09", "3月9日经认定有重大贡献", code="contribution", case="C2", evidence=("e2",))])
    (line,) = card.item("discipline").lines
    assert (line.kind, line.points, line.rule, line.on, line.case, line.evidence) == (
        LineKind.BONUS, Decimal(4), "SC-4", date(2026, 3, 2), "C1", ("e1",))
    assert line.explanation == "3月2日经认定有重大贡献（另有1项同类记录）"


@pytest.mark.parametrize(("days", "words"), [(("02",), "投诉经查实（3/2）"),
                                             (("02", "03", "04"), "投诉经查实（3/2）（另有2项同类记录）")])
def test_sc4_a_forfeit_names_the_verdict_that_caused_it(days: tuple[str, ...], words: str) -> None:
    """SC-4 (county-centre staff table: "被投诉经查实的此项不得分"): one verified complaint (CMP-8) on 3/2 zeroes 服务
    on a line naming it — rule, day, case, evidence, its words alone; three name the first and count the rest."""
    complaints = [fact("CMP-8", f"2026-03-{day}", f"投诉经查实（3/{int(day)}）", case=f"C{day}", evidence=(f"e{day}",))
                  for day in days]
    (card,) = scored(table(), complaints)
    (line,) = card.item("service").lines
    assert (line.kind, line.points, line.rule, line.on, line.case, line.evidence) == (
        LineKind.FORFEIT, Decimal(-10), "CMP-8", date(2026, 3, 2), "C02", ("e02",))
    assert line.explanation == words


def test_sc3_a_line_with_a_cap_takes_no_more_than_it_and_says_so() -> None:
    """SC-3 ("加、扣分至每小项分数加满封顶或扣完为止") for one line: −2 a late arrival, at most 3 on the line: three
    late arrivals take 2, then the 1 left, then nothing (a note of 0); +1 a praise, at most 1.5: two praises add 1
    and 0.5. 纪律 (base 8): 8 − 3 + 1.5 = 6.5."""
    data = discipline_rules(
        {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["late"], "points": "-2", "cap": "3",
         "label": "迟到每次扣2分，最多扣3分"},
        {"kind": "per-verdict", "rules": ["SC-4"], "codes": ["praise"], "points": "1", "cap": "1.5",
         "label": "表扬每次加1分，最多加1.5分"})
    data["categories"][0]["items"][0]["base"] = 8
    late = [fact("SC-4", f"2026-03-0{day}", f"迟到（3/{day}）", code="late", evidence=(f"e{day}",))
            for day in (2, 3, 4)]
    praised = [fact("SC-4", f"2026-03-0{day}", f"表扬（3/{day}）", code="praise", evidence=(f"p{day}",))
               for day in (5, 6)]
    (card,) = scored(data, [*late, *praised])
    lines = card.item("discipline").lines
    assert [(line.kind, line.points) for line in lines] == [
        (LineKind.DEDUCTION, Decimal(-2)), (LineKind.DEDUCTION, Decimal(-1)), (LineKind.NOTE, Decimal(0)),
        (LineKind.BONUS, Decimal(1)), (LineKind.BONUS, Decimal("0.5"))]
    assert [line.explanation for line in lines] == [
        "迟到（3/2）", "迟到（3/3）（本行以3分为限，计1分）", "迟到（3/4）（本行以3分为限，计0分）",
        "表扬（3/5）", "表扬（3/6）（本行以1.5分为限，计0.5分）"]
    assert card.item("discipline").score == Decimal("6.5")


def test_sc4_a_line_of_two_rules_lists_their_verdicts_by_day() -> None:
    """SC-4 (county-centre staff table 考勤纪律, "迟到、早退每次扣1分；擅自离岗，每次扣1分"): one line over ATT-1 and
    ATT-3 lists S1's departure of 3/2, late arrival of 3/3 and departure of 3/4 in the order they happened."""
    rule = {"kind": "per-verdict", "rules": ["ATT-1", "ATT-3"], "points": "-1", "label": "迟到、擅自离岗每次扣1分"}
    verdicts = [fact("ATT-3", "2026-03-02", "离岗", evidence=("e1",)),
                fact("ATT-1", "2026-03-03", "迟到", evidence=("e2",)),
                fact("ATT-3", "2026-03-04", "离岗", evidence=("e3",))]
    (card,) = scored(discipline_rules(rule), verdicts)
    assert [(line.rule, line.on.day) for line in card.item("discipline").lines] == [
        ("ATT-3", 2), ("ATT-1", 3), ("ATT-3", 4)]


def test_sc3_facts_resting_on_no_event_each_count() -> None:
    """SC-3: verdicts without evidence cannot be told apart as one fact charged twice: two late arrivals recorded
    without events cost 2 points, and a third, with its event, 1 more."""
    rule = {"kind": "per-verdict", "rules": ["ATT-1"], "points": "-1", "label": "迟到每次扣1分"}
    verdicts = [fact("ATT-1", "2026-03-02", "迟到"), fact("ATT-1", "2026-03-03", "迟到"),
                fact("ATT-1", "2026-03-04", "迟到", evidence=("e3",))]
    (card,) = scored(discipline_rules(rule), verdicts)
    assert card.item("discipline").score == 7


@pytest.mark.parametrize(("per", "verdict", "lacking"), [
    ("half_day", fact("ATT-2", "2026-03-10", "旷工", evidence=("e1", "e2")), "quantity"),
    ("day", fact("TL-2", "2026-03-10", "超期", evidence=("e1", "e2")), "days late"),
])
def test_a_line_priced_per_unit_of_a_verdict_without_units_is_an_error_naming_the_card(
    per: str, verdict: Verdict, lacking: str,
) -> None:
    """ATT-2 ("旷工每半天扣2分") and TL-9 ("每超过1天扣2分") price units: a verdict that carries no half days, or no
    days late, cannot be priced — an error naming the line's unit, the verdict and the card, never a guess."""
    rule = {"kind": "per-verdict", "rules": [verdict.rule], "points": "-2", "per": per, "label": "每单位扣2分"}
    with pytest.raises(ScoringError) as caught:
        scored(discipline_rules(rule), [verdict])
    assert str(caught.value) == (
        f"scorecard 'staff': staff:S1 2026-Q1: item 'discipline': the line charges per {per}, but verdict "
        f"{verdict.rule} of 2026-03-10 (e1, e2) carries no {lacking}")


def test_tl9_a_case_late_priced_per_half_day_is_not_priced_by_its_days_late() -> None:
    """A TL-1 verdict (an immediate case done 2 working days late) carries days late, not half days: a line
    pricing TL-1 per half day is an error, not −2 × 2."""
    data = discipline_rules({"kind": "per-verdict", "rules": ["TL-1"], "points": "-2", "per": "half_day",
                             "label": "每半天扣2分"})
    where = {"window": "W1", "staff": "S1", "case": "C1"}
    log = events({"type": "case_received", "at": "2026-03-02T09:00", "case_type": "immediate", **where},
                 {"type": "case_completed", "at": "2026-03-04T10:00", **where})
    immediate = {"kind": "immediate-same-day", "rule": "TL-1", "source": SOURCE}
    with pytest.raises(ScoringError, match=r"verdict TL-1 of 2026-03-04 \(e1, e2\) carries no quantity"):
        run(make_variant(immediate, scorecards=[data]), log, "2026-03-31")


def test_sc9_fines_bonus_shares_and_money_owed_are_summed_for_the_subject_charged() -> None:
    """SC-9 ("Fines and bonus deductions in yuan … and percentages of an annual bonus are kept apart from assessment
    points"): S1's two verdicts fine 20 and 30 yuan, take 10% and 5% of the annual bonus and owe the applicant 100
    and 50 yuan: 50 yuan, 15%, 150 yuan; W1's verdict, though it names S1, is W1's money."""
    verdicts = [
        fact("ATT-1", "2026-03-02", "迟到", evidence=("e1",), fine=Decimal(20), bonus_share=Decimal("0.1"),
             reimbursement=Decimal(100)),
        fact("ATT-1", "2026-03-03", "迟到", evidence=("e2",), fine=Decimal(30), bonus_share=Decimal("0.05"),
             reimbursement=Decimal(50)),
        fact("AB-6", "2026-03-04", "空岗", who="W1", kind=SubjectKind.WINDOW, evidence=("e3",), staff="S1",
             fine=Decimal(100), bonus_share=Decimal("0.2"), reimbursement=Decimal(10)),
    ]
    (card,) = scored(table(), verdicts)
    assert (card.money.fine, card.money.bonus_share, card.money.reimbursement) == (50, Decimal("0.15"), 150)


def test_sc4_one_verdict_enough_to_disqualify_is_named_alone() -> None:
    """SC-4 (county-centre staff table 三(三): "被服务对象投诉经查实的"): one verified complaint is enough — the reason
    names it (no count of times), its rule and its events."""
    data = table()
    data["disqualifications"] = [{"id": "complaint", "rule": "SC-4", "text": "被服务对象投诉经查实的",
                                  "when": {"kind": "verdicts", "rules": ["CMP-8"], "at_least": 1}}]
    (card,) = scored(data, [fact("CMP-8", "2026-03-02", "投诉经查实", evidence=("e1", "e2"))])
    (cause,) = card.disqualified
    assert (cause.because, cause.verdict_rules, cause.evidence) == (
        "2026-03-02 CMP-8 投诉经查实", ("CMP-8",), ("e1", "e2"))


def test_sc5_a_staff_member_on_the_roster_only_is_scored_and_judged_by_the_window_served() -> None:
    """SC-5 (county-centre 三(五) "所在窗口评议率和群众满意率未达93%的") and SC-10 (every subject active in the
    period is scored): S2 is on W1's roster in February with no verdict of its own — a card of full marks, lost to
    W1's 90%; S1's finding names no window, and S1 keeps the quarter."""
    roster = Roster.of([(date(2026, 2, 2), "W1", "S2")])
    data = table()
    data["disqualifications"] = [{
        "id": "rates", "rule": "SC-5", "text": "（五）所在窗口评议率和群众满意率未达93%的",
        "when": {"kind": "measure-below", "measures": ["evaluation_rate"], "below": 93, "of": "window"}}]
    verdicts = [fact("SC-4", "2026-02-03", "迟到", code="late", evidence=("e1",), staff="S1"),
                rate_of(SubjectKind.WINDOW, "W1", "evaluation_rate", 90, "e2")]
    by_staff = {card.subject.id: card for card in scored(data, verdicts, roster=roster)}
    assert sorted(by_staff) == ["S1", "S2"]
    assert (by_staff["S2"].total, [d.because for d in by_staff["S2"].disqualified]) == (
        20, ["window:W1 evaluation_rate 90% 未达93%"])
    assert by_staff["S1"].eligible and by_staff["S1"].total == 19


def test_sc10_a_monthly_table_scores_every_month_up_to_the_day_of_evaluation() -> None:
    """SC-10 (jiangxi-town, dahe-town: monthly scores): late on 2/2 and on Sunday 3/1, evaluated on 3/1: February
    (complete, 19) and March, begun that day (incomplete, 19)."""
    cards = scored(table(period="month"), [fact("SC-4", "2026-02-02", "迟到", code="late", evidence=("e1",)),
                                           fact("SC-4", "2026-03-01", "迟到", code="late", evidence=("e2",))],
                   as_of="2026-03-01")
    assert [(c.period.start, c.complete, c.total) for c in cards] == [
        (date(2026, 2, 1), True, 19), (date(2026, 3, 1), False, 19)]
    assert [(c.categories[0].maximum, c.item("discipline").maximum) for c in cards] == [(20, 10), (20, 10)]


def test_sc3_what_one_item_cannot_absorb_is_taken_from_the_next_named_in_turn() -> None:
    """SC-3 ("本项分不够扣，可在其它项得分中倒扣"), 服务 passing on to 纪律 then 卫生: −13 on 服务 leaves 3 to pass on;
    纪律, down to 1, gives 1 and 卫生 the other 2 (10 → 8)."""
    data = table(maximum=30)
    category = data["categories"][0]
    category["maximum"] = 30
    category["items"][1]["overflow_into"] = ["discipline", "hygiene"]
    category["items"][1]["rules"][0]["points"] = "-6.5"
    category["items"][0]["rules"][0]["points"] = "-9"
    category["items"].append({"id": "hygiene", "title": "卫生", "maximum": 10, "rules": []})
    verdicts = [fact("SC-4", "2026-03-02", "迟到", code="late", evidence=("e1",)),
                *(fact("SC-4", f"2026-03-0{d}", "态度差", code="rude", evidence=(f"e{d}",)) for d in (3, 4))]
    (card,) = scored(data, verdicts)
    assert [(i.id, i.score, [line.points for line in i.lines if line.kind is LineKind.OVERFLOW_IN])
            for i in card.categories[0].items] == [
        ("discipline", 0, [Decimal(-1)]), ("service", 0, []), ("hygiene", 8, [Decimal(-2)])]
    assert card.notes == ()


@pytest.mark.parametrize(("late", "rude", "scores", "taken", "note"), [
    ("-1", "-11", (8, 0), [Decimal(-1)], ()),
    ("-10", "-12", (0, 0), [], ("「服务」倒扣后仍有2分无处可扣（其它项均已扣完）。",)),
    ("-9", "-12", (0, 0), [Decimal(-1)], ("「服务」倒扣后仍有1分无处可扣（其它项均已扣完）。",)),
])
def test_sc3_one_point_passed_on_is_taken_and_one_left_over_is_noted(
    late: str, rude: str, scores: tuple[int, int], taken: list[Decimal], note: tuple[str, ...],
) -> None:
    """SC-3 倒扣 of a single point: 服务 at −1 gives it to 纪律 (late once: 9 → 8); with 纪律 already at 0, nothing
    is taken (no line of 0) and the 2 are noted; with 纪律 at 1, it gives that 1 and the other 1 is noted."""
    data = table()
    data["categories"][0]["items"][0]["rules"][0]["points"] = late
    data["categories"][0]["items"][1]["rules"][0]["points"] = rude
    verdicts = [fact("SC-4", "2026-03-02", "迟到", code="late", evidence=("e1",)),
                fact("SC-4", "2026-03-03", "态度差", code="rude", evidence=("e2",))]
    (card,) = scored(data, verdicts)
    discipline = card.item("discipline")
    assert (discipline.score, card.item("service").score) == scores
    assert [line.points for line in discipline.lines if line.kind is LineKind.OVERFLOW_IN] == taken
    assert card.notes == note


YEARLY_RUDE = {"id": "rude", "rule": "SC-4", "text": "情节严重的，取消年终评优资格", "scope": "year",
               "when": {"kind": "verdicts", "rules": ["SC-4"], "codes": ["rude"], "at_least": 1}}
TWICE_LATE = {"id": "twice-late", "rule": "SC-4", "text": "迟到2次以上的",
              "when": {"kind": "verdicts", "rules": ["SC-4"], "codes": ["late"], "at_least": 2}}


@pytest.mark.parametrize(("disqualifications", "ids"), [([YEARLY_RUDE], ["rude"]),
                                                        ([TWICE_LATE, YEARLY_RUDE], ["twice-late", "rude"])])
def test_sc4_sc10_a_year_of_quarters_loses_its_award_for_a_fact_of_any_quarter(
    disqualifications: list[dict[str, Any]], ids: list[str],
) -> None:
    """SC-4 ("情节严重的 … 取消年终评优资格"), SC-10 (a year of quarters): S1 is late on 2/2 and 2/3 (Q1 lost, where
    the table says so) and rude on 8/3, in the third quarter: the year's card reads the whole year and loses the
    award for the rude reply — and for Q1's sake too, where Q1 was lost; fined 20 yuan in Q1 and 30 in Q3, the
    year's money is 50. Scored on 12/31, the year is complete."""
    data = table(disqualifications=disqualifications, rollups=[{"period": "year"}])
    verdicts = [fact("SC-4", "2026-02-02", "迟到", code="late", evidence=("e1",), fine=Decimal(20)),
                fact("SC-4", "2026-02-03", "迟到", code="late", evidence=("e2",)),
                fact("SC-4", "2026-08-03", "态度差", code="rude", evidence=("e3",), fine=Decimal(30))]
    *quarters, year = scored(data, verdicts, as_of="2026-12-31")
    assert [q.eligible for q in quarters] == ["twice-late" not in ids, True]
    assert ([d.id for d in year.disqualified], year.money.fine, year.complete) == (ids, 50, True)


def test_sc10_a_quarter_of_months_keeps_the_years_disqualifications_for_the_year() -> None:
    """SC-10 (monthly scores rolled up into a quarter), SC-4 ("取消年终评优资格"): a rude reply in February takes away
    the year's award, not the quarter's: the quarter of months (February's 16 alone) stays eligible."""
    data = table(period="month", disqualifications=[YEARLY_RUDE], rollups=[{"period": "quarter"}])
    cards = scored(data, [fact("SC-4", "2026-02-02", "态度差", code="rude", evidence=("e1",))])
    (quarter,) = [c for c in cards if c.period.kind is PeriodKind.QUARTER]
    assert quarter.eligible and quarter.total == 16


def test_sc10_every_part_begun_without_a_record_is_noted_on_the_year() -> None:
    """SC-10: scored on 10/1, the first day of Q4, S1's only record being in Q1: the year notes Q2, Q3 and Q4, which
    has begun, as without a record."""
    data = table(rollups=[{"period": "year"}])
    *_, year = scored(data, [fact("SC-4", "2026-02-02", "迟到", code="late", evidence=("e1",))], as_of="2026-10-01")
    assert [str(note) for note in year.notes] == [f"2026-Q{q} 无考核记录，不计入。" for q in (2, 3, 4)]
    assert not year.complete


def test_sc10_years_are_rolled_up_in_order() -> None:
    """SC-10: records in November 2025 and February 2026 give a card for each year, 2025 first."""
    data = table(rollups=[{"period": "year"}])
    cards = scored(data, [fact("SC-4", "2025-11-03", "迟到", code="late", evidence=("e1",)),
                          fact("SC-4", "2026-02-02", "迟到", code="late", evidence=("e2",))], as_of="2026-12-31")
    assert [c.period.label for c in cards if c.period.kind is PeriodKind.YEAR] == ["2025", "2026"]


def test_sc5_a_year_of_quarters_reads_the_years_rate_of_every_window_served() -> None:
    """SC-5 ("所在窗口…群众满意率未达93%的"), read for the year's award: S1 served W2 in the third quarter only, and
    W2's satisfaction for 2026 is 90% — S1's year is lost for it; the quarters are not."""
    data = table(rollups=[{"period": "year"}])
    data["disqualifications"] = [{
        "id": "rates", "rule": "SC-5", "text": "所在窗口群众满意率未达93%的", "scope": "year",
        "when": {"kind": "measure-below", "measures": ["satisfaction_rate"], "below": 93, "of": "window"}}]
    year = Period(kind=PeriodKind.YEAR, start=date(2026, 1, 1))
    rate = Verdict(rule="SC-5", variant="v", source=Citation(**SOURCE), subject=Subject(kind=SubjectKind.WINDOW,
                   id="W2"), kind=VerdictKind.INFORMATION, on=date(2026, 12, 31), explanation="满意率",
                   evidence=("e9",), measure=Measure(name="satisfaction_rate", period=year, numerator=90,
                                                     denominator=100))
    verdicts = [fact("SC-4", "2026-02-02", "迟到", code="late", evidence=("e1",), staff="S1"),
                fact("SC-4", "2026-08-03", "迟到", code="late", evidence=("e2",), staff="S1", window="W2"), rate]
    cards = scored(data, verdicts, as_of="2026-12-31")
    assert [c.eligible for c in cards if c.subject.id == "S1" and c.period.kind is PeriodKind.QUARTER] == [True, True]
    (annual,) = [c for c in cards if c.subject.id == "S1" and c.period.kind is PeriodKind.YEAR]
    assert [d.because for d in annual.disqualified] == ["window:W2 satisfaction_rate 90% 未达93%"]


def test_sc7_staff_weighted_only_where_they_served_a_listed_window() -> None:
    """SC-7 (community-hall: only the life-service windows have a home unit), on the staff table: S1 served W1 and
    is weighted (0.7 × 19 + 0.3 × 80 = 37.3); S3 served W1 too and has no home unit score — noted, no total;
    S2 served W2 only and keeps its own 19."""
    weighting = {"rule": "SC-7", "source": SOURCE, "own": "0.7", "assessors": {"home_unit": "0.3"}, "windows": ["W1"]}
    log = events(
        finding("late", "2026-02-02"), {**finding("late", "2026-02-03", staff="S2"), "window": "W2"},
        finding("late", "2026-02-04", staff="S3"),
        {"type": "assessment_scored", "at": "2026-04-03T09:00", "staff": "S1", "assessor": "home_unit",
         "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 80},
    )
    cards = run(make_variant(FINDINGS, scorecards=[table(weighting=weighting)]), log, "2026-04-30").scorecards
    by_staff = {c.subject.id: c for c in cards if c.period == Q1}
    assert by_staff["S1"].score == Decimal("37.3")
    assert (by_staff["S2"].weighted, by_staff["S2"].score) == (None, 19)
    assert (by_staff["S3"].score, [str(n) for n in by_staff["S3"].notes]) == (
        None, ["缺少 home_unit 对本期的评分：加权总分无法计算，不参加排名。"])


def test_sc7_sc10_a_year_with_a_quarter_left_unweighted_has_no_score() -> None:
    """SC-7, SC-10: the home unit scored S1's first quarter (80) but not the second: the year sums the quarters'
    own totals (19 + 19), but has no weighted score to rank by."""
    weighting = {"rule": "SC-7", "source": SOURCE, "own": "0.7", "assessors": {"home_unit": "0.3"}}
    log = events(
        finding("late", "2026-02-02"), finding("late", "2026-05-04"),
        {"type": "assessment_scored", "at": "2026-04-03T09:00", "staff": "S1", "assessor": "home_unit",
         "period": {"kind": "quarter", "start": "2026-01-01"}, "score": 80},
    )
    variant = make_variant(FINDINGS, scorecards=[table(weighting=weighting, rollups=[{"period": "year"}])])
    *_, year = run(variant, log, "2026-06-30").scorecards
    assert (year.period.label, year.total, year.score) == ("2026", 38, None)


def test_a_card_tells_facts_apart_and_sums_money_rule_by_rule_as_over_all_its_verdicts() -> None:
    """A card reads its verdicts by rule, tells a rule's facts apart only where two rest on the same evidence,
    and sums the money only of the rules that charge some: the verdicts and money of the plain way, which
    tells every verdict's fact apart and sums every verdict's money."""
    staff, window = Subject(kind=SubjectKind.STAFF, id="S1"), Subject(kind=SubjectKind.WINDOW, id="W1")

    def verdict(rule: str, subject: Subject, day: int, evidence: tuple[str, ...], fine: str | None = None) -> Verdict:
        return Verdict(  # without a fine, the default: ZERO
            rule=rule, variant="v", source=Citation(**SOURCE), subject=subject, kind=VerdictKind.VIOLATION,
            on=date(2026, 3, day), explanation=f"{rule} {day}", evidence=evidence, window="W1", staff="S1",
            **({} if fine is None else {"fine": Decimal(fine)}),
        )

    verdicts = [  # in report order
        verdict("CMP-8", staff, 2, ("e1",), "50"), verdict("CMP-8", window, 2, ("e1",), "80"),  # one fact, twice
        verdict("TL-2", window, 3, ("e2",)), verdict("CMP-8", window, 4, ("e3",), "80"),
        verdict("ATT-1", staff, 5, ()), verdict("ATT-1", staff, 5, ()), verdict("SC-4", staff, 6, ("e4",), "0.00"),
        verdict("CMP-8", window, 7, ("e5",), "80"), verdict("CMP-8", staff, 7, ("e5",), "50"),
    ]
    index = VerdictIndex(verdicts, PeriodKind.QUARTER, Roster(), ordered=True)
    quarter = Period.parse("2026-Q1")
    for subject in (staff, window):
        plain: list[Verdict] = []
        told: dict[tuple[object, ...], int] = {}
        for found in verdicts:  # every verdict's fact, the card's own verdict of a fact kept
            fact = (found.rule, found.code, found.on, found.evidence, found.case, found.window, found.staff)
            if found.evidence and fact in told:
                if found.subject == subject and plain[told[fact]].subject != subject:
                    plain[told[fact]] = found
                continue
            told[fact] = len(plain)
            plain.append(found)
        about = Concerning(subject, index.about(subject, quarter), index.priced)
        selector = VerdictSelector(rules=("TL-2", "CMP-8", "ATT-1", "SC-4"))
        assert about.selected(selector) == plain
        charged = [v for v in plain if v.subject == subject]
        assert about.money() == Money(fine=sum((v.fine for v in charged), ZERO))
        assert str(about.money().fine) == str(sum((v.fine for v in charged), ZERO))
    assert index.priced == {"CMP-8", "SC-4"}
