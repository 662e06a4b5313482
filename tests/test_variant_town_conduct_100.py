"""town-conduct-100 (source text 000, 便民服务中心管理制度 3): the built-in file, checked against its text by hand.

The 考核细则 (SC-1) is scored per year; its table is tested with findings and merits in
test_scorecards_variants.py. Here: the policies that feed it from the books, and the three
tiers of 责任追究制度 (ESC-1). March 2026: Monday 3/2 to Friday 3/6, 3/9 to 3/13.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, load_variant
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.families.cases.policies import PromisedLimit
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.variant_support import card_of, case

Row = dict[str, Any]
S1 = {"window": "W1", "staff": "S1"}
YEAR = Period(kind=PeriodKind.YEAR, start=date(2026, 1, 1))


@pytest.fixture(scope="module")
def conduct() -> Variant:
    return load_variant("town-conduct-100")


def year_card(report: Report) -> Card:
    return card_of(report.scorecards, "staff", "S1", YEAR)


def lines(card: Card, item: str) -> list[tuple[str, Decimal]]:
    return [(line.rule or "", line.points) for line in card.item(item).lines]


def test_numbers_of_the_text(conduct: Variant) -> None:
    """TL-2 (限时办结制度 2: 一般办理限时为3—5日, read as 5 working days); SC-1 five items of 20 (考核细则)."""
    assert Variant.from_toml(conduct.to_toml(), origin="printed") == conduct  # data only, printed back whole
    (promised,) = [p for p in conduct.policies if isinstance(p, PromisedLimit)]
    assert promised.default_limit is not None and (promised.default_limit.amount, promised.default_limit.unit) == (
        5, "working_days")
    (table,) = conduct.scorecards
    assert [(c.title, c.maximum) for c in table.categories] == [
        ("德", 20), ("能", 20), ("勤", 20), ("绩", 20), ("廉", 20), ("加分", None)]
    assert table.period == "year" and all(p.id and p.source.quote for p in conduct.policies)


def test_tl2_a_promise_the_log_does_not_record_is_the_usual_limit(conduct: Variant) -> None:
    """TL-2, 绩 2 (超过承诺时限的，每一件扣10分): C1 received Mon 3/2 with no recorded promise, so 5 working days
    (due 3/9); done 3/10, 1 day late: −10. C2, promised 2, done in 2: nothing."""
    log = events(*case("C1", "2026-03-02T09:00", "promised", S1, ("case_completed", "2026-03-10T10:00", {})),
                 *case("C2", "2026-03-02T09:00", "promised", S1, ("case_completed", "2026-03-04T10:00", {}),
                       promised_limit=2))
    report = run(conduct, log, "2026-12-31")
    (late,) = report.violations()
    assert (late.rule, late.case, late.due, late.deadline.days_late if late.deadline else None) == (
        "TL-2", "C1", date(2026, 3, 9), 1)
    assert "按一般办理时限" in late.explanation
    assert lines(year_card(report), "ji") == [("TL-2", Decimal(-10))]


def complaint(name: str, day: str, cause: str) -> list[Row]:
    office = {"window": "W0", "staff": "S0"}
    return [{"type": "complaint_received", "at": f"{day}T09:00", "complaint": name, "form": "oral",
             "about_staff": "S1", **office},
            {"type": "complaint_answered", "at": f"{day}T11:00", "complaint": name, "form": "oral", **office},
            {"type": "complaint_investigated", "at": f"{day}T16:00", "complaint": name, "upheld": True,
             "cause": cause, **S1}]


def test_tl2_the_usual_limit_is_counted_in_working_days_across_national_day(conduct: Variant) -> None:
    """TL-2 (限时办结制度 2 "一般办理限时为3—5日", no unit; read with 行政许可法 第八十二条 "以工作日计算"):
    received Wed 9/30 with no recorded promise; 10/1–10/7 are closed, so the fifth working day is Tue 10/13
    (10/8, 10/9, the make-up Saturday 10/10, 10/12, 10/13). Done 10/13: in time; 5 calendar days would
    have ended inside the holiday."""
    log = events(*case("C1", "2026-09-30T09:00", "promised", S1, ("case_completed", "2026-10-13T16:00", {})))
    assert run(conduct, log, "2026-12-31").violations() == ()
    late = events(*case("C1", "2026-09-30T09:00", "promised", S1, ("case_completed", "2026-10-14T09:00", {})))
    (verdict,) = run(conduct, late, "2026-12-31").violations()
    assert verdict.due == date(2026, 10, 13) and "5个工作日" in verdict.explanation


def test_otn1_the_notice_of_missing_materials_is_a_written_slip(conduct: Variant) -> None:
    """OTN-1 (一次性告知制度 2 "要在补办通知单中一次性告知服务对象所需补充的有关材料"): told at once, every item of
    一次性告知制度 1 covered, but not in writing — incomplete; the same notice on a slip is complete."""
    told = ["materials", "procedure", "promised_limit", "fees", "legal_basis"]
    found = []
    for written in (False, True):
        log = events(*case("C1", "2026-03-02T09:00", "supplement", S1,
                           ("missing_materials_notice", "2026-03-02T09:10",
                            {"items": ["身份证"], "states": told, "written": written}),
                           promised_limit=5, materials_complete=False))
        found.append([v.explanation for v in run(conduct, log, "2026-03-31").violations() if v.rule == "OTN-1"])
    assert len(found[0]) == 1 and "未出具书面告知单" in found[0][0] and found[1] == []


def test_cmp8_only_a_wrong_answer_costs_3_and_a_second_complaint_climbs_to_the_third_tier(conduct: Variant) -> None:
    """CMP-8 (能 2: 出现解答错误，并造成投诉的，一次扣3分); ESC-1 (3)③ (多次受到投诉: the second) → 党纪政纪处分."""
    report = run(conduct, events(*complaint("K1", "2026-03-02", "attitude"),
                                 *complaint("K2", "2026-03-04", "wrong_answer")), "2026-12-31")
    assert [(v.rule, v.code) for v in report.violations() if v.rule == "CMP-8"] == [
        ("CMP-8", "attitude"), ("CMP-8", "wrong_answer")]
    assert lines(year_card(report), "neng") == [("CMP-8", Decimal(-3))]
    assert [(v.on, v.sanction.tier) for v in report.violations() if v.rule == "ESC-1" and v.sanction] == [
        (date(2026, 3, 4), "党纪政纪处分")]


def test_esc1_leaving_the_post_twice_and_judged_items(conduct: Variant) -> None:
    """ESC-1 (1)① 批评教育 for each departure without leave; (2)④ the second one, 经批评教育仍未改正 → 通报批评，
    调离窗口工作岗位; (3)⑦ serious graft → 党纪政纪处分 and 退回原单位 (廉); (2)③ a judged finding."""
    rows: list[Row] = [
        {"type": "post_left", "at": "2026-03-02T10:00", **S1},
        {"type": "post_returned", "at": "2026-03-02T10:30", **S1},
        {"type": "post_left", "at": "2026-03-05T10:00", **S1},
        {"type": "post_returned", "at": "2026-03-05T10:30", **S1},
        {"type": "finding_recorded", "at": "2026-03-06T10:00", "finding": "graft", "serious": True, **S1},
        {"type": "finding_recorded", "at": "2026-03-09T10:00", "finding": "serious_errors", **S1},
    ]
    report = run(conduct, events(*rows), "2026-12-31")
    assert [(v.on.day, v.sanction.tier) for v in report.violations() if v.rule == "ESC-1" and v.sanction] == [
        (2, "批评教育"), (5, "通报批评，调离窗口工作岗位"), (5, "批评教育"), (6, "党纪政纪处分，退回原单位"),
        (9, "通报批评，调离窗口工作岗位")]
    assert lines(year_card(report), "lian") == [("SC-1", Decimal(-10))]


def test_attendance_lines_of_the_table(conduct: Variant) -> None:
    """德 1 (study: absent −2, late −1), 勤 1 (late −2), 勤 2 (leave without approval −5), 勤 3 (meeting late −1)."""
    meeting = {"type": "meeting_attendance_recorded", **S1}
    rows: list[Row] = [
        {**meeting, "at": "2026-03-03T15:00", "meeting": "X1", "meeting_kind": "study", "status": "absent"},
        {**meeting, "at": "2026-03-10T15:00", "meeting": "X2", "meeting_kind": "study", "status": "late"},
        {**meeting, "at": "2026-03-11T15:00", "meeting": "M1", "meeting_kind": "meeting", "status": "early"},
        {"type": "signed_in", "at": "2026-03-02T09:05", **S1}, {"type": "signed_out", "at": "2026-03-02T17:35", **S1},
        {"type": "leave_requested", "at": "2026-03-02T16:00", "leave": "L1", "leave_type": "personal",
         "start": "2026-03-03T09:00", "end": "2026-03-03T17:30", "substitute": "S2", **S1},
    ]
    card = year_card(run(conduct, events(*rows), "2026-12-31"))
    assert lines(card, "de") == [("ATT-4", Decimal(-2)), ("ATT-4", Decimal(-1))]
    assert lines(card, "qin") == [("ATT-1", Decimal(-2)), ("LV-2", Decimal(-5)), ("ATT-4", Decimal(-1))]


def test_the_example_and_a_synthetic_log_evaluate(conduct: Variant) -> None:
    """The example and 20,000 synthetic events evaluate; the year cards are scored."""
    _, synthetic = evaluate_both(conduct)
    assert {"TL-1", "TL-2", "ATT-1", "CMP-8", "ESC-1"} <= {v.rule for v in synthetic.verdicts}
    assert synthetic.scorecards
