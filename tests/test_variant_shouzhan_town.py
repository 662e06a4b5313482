"""The built-in shouzhan-town variant (source text 000, 便民服务中心管理制度 10, 首占镇), checked against its text.

Office hours 08:00–12:00 and 14:30–17:30 (第八条(一)). March 2026: Monday 3/2 … Friday
3/6, Monday 3/9, Tuesday 3/10.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VerdictKind, builtin_variant_names, load_variant
from bianmin_rules.families.attendance.policies import SignInRegister
from bianmin_rules.families.ladders.policies import OffenceLadder
from bianmin_rules.families.leave.policies import RetroactiveLeave
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.staff_log import approve, finding, leave, roster, signs


@pytest.fixture(scope="module")
def shouzhan() -> Variant:
    return load_variant("shouzhan-town")


def ladder(report: Report) -> list[tuple[date, str, Decimal, Decimal]]:
    """(day, tier, yuan, share of the annual bonus) of the ATT-6 ladders' verdicts."""
    return [(v.on, v.sanction.tier, v.fine, v.bonus_share) for v in report.verdicts if v.rule == "ATT-6" and v.sanction]


def test_builtin_names_its_source_hours_and_case_type(shouzhan: Variant) -> None:
    """CAL-2 (第八条(一) 上午8:00-12:00，下午14:30-17:30); CASE-2: the text names no case types."""
    assert "shouzhan-town" in builtin_variant_names()
    assert shouzhan.source.section.startswith("便民服务中心管理制度 10")
    assert [(s.start, s.end) for s in shouzhan.office_hours.sessions] == [
        (time(8), time(12)), (time(14, 30), time(17, 30))]
    assert list(shouzhan.case_types) == ["promised"]
    assert (shouzhan.effective, shouzhan.scorecards) == (None, ())
    assert Variant.from_toml(shouzhan.to_toml(), origin="printed") == shouzhan


def test_numbers_of_the_text(shouzhan: Variant) -> None:
    """ATT-6 (第十条(九)): 200 yuan, 5%, dismissal; circular: 200 yuan and 5%, dismissal. CAL-4 (第八条(一)):
    four records a day. LV-3 (第八条(二)2): one working day."""
    policies = {p.id: p for p in shouzhan.policies}
    inspection, circular = policies["inspection-ladder"], policies["circular-ladder"]
    assert isinstance(inspection, OffenceLadder) and isinstance(circular, OffenceLadder)
    assert [(t.occurrence, t.fine, t.bonus_share, t.tier) for t in inspection.tiers] == [
        (1, Decimal(200), Decimal(0), "扣发200元"), (2, Decimal(0), Decimal("0.05"), "扣发全年年度奖金的5%"),
        (3, Decimal(0), Decimal(0), "辞退")]
    assert [(t.occurrence, t.fine, t.bonus_share, t.tier) for t in circular.tiers] == [
        (1, Decimal(200), Decimal("0.05"), "扣发工资200元并扣发全年年度奖金的5%"), (2, Decimal(0), Decimal(0), "辞退")]
    register, retro = policies["sign-in-register"], policies["retroactive-leave"]
    assert isinstance(register, SignInRegister) and register.scheme == "each_session"
    assert isinstance(retro, RetroactiveLeave) and retro.leave.retroactive_within is not None
    assert retro.leave.retroactive_within.amount == 1 and retro.leave.phone_call_required
    # Every policy that reads leave reads it the same way.
    assert len({p.leave for p in shouzhan.policies if hasattr(p, "leave")}) == 1


def test_att6_inspection_ladder_money_bonus_dismissal_per_calendar_year(shouzhan: Variant) -> None:
    """ATT-6 (第十条(九)): found by inspections — 2025-12 late (first of 2025); 2026: phone → 200 yuan,
    left the post (等) → 5% of the annual bonus, chatting → 辞退, late again → 辞退 (the last rung repeats)."""
    rows = [finding("late", "2025-12-15T08:20"), finding("phone", "2026-03-02T10:00"),
            finding("left_post", "2026-03-09T15:00"), finding("chatting", "2026-04-08T10:00"),
            finding("late", "2026-05-11T08:20")]
    report = run(shouzhan, events(*rows), "2026-06-30")
    assert ladder(report) == [
        (date(2025, 12, 15), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 3, 2), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 3, 9), "扣发全年年度奖金的5%", Decimal(0), Decimal("0.05")),
        (date(2026, 4, 8), "辞退", Decimal(0), Decimal(0)),
        (date(2026, 5, 11), "辞退", Decimal(0), Decimal(0)),
    ]
    (total,) = report.totals
    assert (total.fine, total.bonus_share, total.points) == (Decimal(400), Decimal("0.05"), Decimal(0))


def test_att6_a_superiors_circular_climbs_its_own_ladder(shouzhan: Variant) -> None:
    """ATT-6 (第十条(九) 情节严重被上级相关部门通报的): an inspection finding and two circulars —
    200 yuan; 200 yuan of wages and 5%; dismissal. Lateness read from the sign-ins climbs neither."""
    rows = [finding("late", "2026-03-02T08:20"), finding("chatting", "2026-03-20T10:00", by="superior_circular"),
            finding("phone", "2026-04-08T10:00", by="superior_circular"), *signs("2026-03-03", "08:20", "17:30")]
    report = run(shouzhan, events(*rows), "2026-06-30")
    assert ladder(report) == [
        (date(2026, 3, 2), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 3, 20), "扣发工资200元并扣发全年年度奖金的5%", Decimal(200), Decimal("0.05")),
        (date(2026, 4, 8), "辞退", Decimal(0), Decimal(0)),
    ]
    (late,) = [v for v in report.verdicts if v.rule == "ATT-1"]
    assert (late.on, late.quantity, late.fine) == (date(2026, 3, 3), Decimal(20), Decimal(0))


def friday_leave(filed: str, *, phoned: bool = True) -> list[dict[str, Any]]:
    """S1, alone at W1, away Friday 3/6; papers filed afterwards, approved in order."""
    return [roster("S1", "W1", "2026-03-06", last_day="2026-03-06"),
            leave("L1", "2026-03-06T08:00", "2026-03-06T17:30", at=filed, phoned_ahead=phoned),
            approve("L1", filed, "分管领导", final=False), approve("L1", filed, "中心主任")]


def test_lv3_papers_one_working_day_after_the_leave(shouzhan: Variant) -> None:
    """LV-3, ATT-2 (第八条(二)2 事后一个工作日内补办): papers Monday 3/9 are in time; Tuesday 3/10 make
    Friday absence. Either way S1 was alone at W1 without a substitute (AB-4, 第八条(二)1) and the
    window stood empty its 7 office hours (AB-1, 第十条(七))."""
    in_time = run(shouzhan, events(*friday_leave("2026-03-09T09:00")), "2026-03-31")
    assert [(v.rule, v.quantity) for v in in_time.verdicts] == [("AB-1", Decimal(420)), ("AB-4", Decimal(1))]
    late = run(shouzhan, events(*friday_leave("2026-03-10T09:00")), "2026-03-31")
    assert [v.rule for v in late.verdicts] == ["AB-1", "AB-4", "ATT-2", "LV-3"]
    absence = next(v for v in late.verdicts if v.rule == "ATT-2")
    assert "超过2026-03-06起1个工作日的期限（2026-03-09）" in absence.explanation
    unphoned = run(shouzhan, events(*friday_leave("2026-03-09T09:00", phoned=False)), "2026-03-31")
    assert [v.rule for v in unphoned.verdicts] == ["AB-1", "AB-4", "ATT-2", "LV-3"]


def test_cal4_four_records_a_day_published_monthly(shouzhan: Variant) -> None:
    """CAL-4 (第八条(一) 每天签到签退四次，日登记、月公布): 3 records on 3/2, 4 on 3/3 — 7 of 8."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-03"), *signs("2026-03-02", "07:58", "12:01", "14:29"),
            *signs("2026-03-03", "07:58", "12:01", "14:29", "17:30")]
    report = run(shouzhan, events(*rows), "2026-04-01")
    register = [v for v in report.verdicts if v.rule == "CAL-4"]
    assert [(v.kind, v.on) for v in register] == [(VerdictKind.WARNING, date(2026, 3, 2)),
                                                  (VerdictKind.INFORMATION, date(2026, 3, 31))]
    measure = register[1].measure
    assert measure is not None and (measure.numerator, measure.denominator) == (7, 8)


def case(**fields: Any) -> list[dict[str, Any]]:
    """A case received Monday 3/2 and completed Tuesday 3/10."""
    who = {"case": "C1", "staff": "S1", "window": "W1"}
    return [{"type": "case_received", "at": "2026-03-02T09:00", "case_type": "promised", **who, **fields},
            {"type": "case_completed", "at": "2026-03-10T09:00", **who}]


def test_tl2_statutory_limit_where_none_was_promised(shouzhan: Variant) -> None:
    """TL-2 (第十条(五) 在法定或者承诺的时限内办结): no promise, statutory 5 working days — due Monday 3/9,
    done Tuesday 3/10: 1 day late. Promised 7: in time. Neither: never told a definite time."""
    (late,) = run(shouzhan, events(*case(statutory_limit=5)), "2026-03-31").verdicts
    assert (late.rule, late.due, late.deadline and late.deadline.days_late) == ("TL-2", date(2026, 3, 9), 1)
    assert "未承诺时限，按法定时限" in late.explanation
    assert run(shouzhan, events(*case(statutory_limit=5, promised_limit=7)), "2026-03-31").verdicts == ()
    (untold,) = run(shouzhan, events(*case()), "2026-03-31").verdicts
    assert "未定承诺时限" in untold.explanation


def test_otn1_notice_tells_basis_conditions_procedure_limit_and_materials(shouzhan: Variant) -> None:
    """OTN-1 (第十条(四) 依据、条件、程序、时限和所需提交的材料): a notice without the conditions is
    incomplete; an oral one is fine (the text does not require writing)."""
    told = ["legal_basis", "procedure", "promised_limit", "materials"]
    rows = [*case(promised_limit=7)[:1],
            {"type": "missing_materials_notice", "at": "2026-03-02T09:10", "case": "C1", "staff": "S1",
             "items": ["身份证"], "written": False, "states": told}]
    (verdict,) = run(shouzhan, events(*rows), "2026-03-05").verdicts
    assert (verdict.rule, verdict.explanation) == (
        "OTN-1", "办件 C1：2026-03-02的一次性告知单不完整：未载明办理条件。")
    rows[1]["states"] = [*told, "conditions"]
    assert run(shouzhan, events(*rows), "2026-03-05").verdicts == ()


def test_reg4_a_refusal_is_recorded_and_reported(shouzhan: Variant) -> None:
    """REG-4 (第十条(六) 应当登记备案并向主管负责人报告): recorded but not reported is a violation."""
    rows = [{"type": "application_refused", "at": "2026-03-02T10:00", "staff": "S1", "window": "W1",
             "recorded": True, "reported": False}]
    (verdict,) = run(shouzhan, events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, "未向主管负责人报告" in verdict.explanation) == ("REG-4", True)


def test_the_example_and_a_synthetic_log_evaluate(shouzhan: Variant) -> None:
    """The built-in example log and a synthetic one evaluate under shouzhan-town without error."""
    _, synthetic = evaluate_both(shouzhan)
    assert {"ATT-1", "ATT-6", "CAL-4", "TL-2"} <= {v.rule for v in synthetic.verdicts}
