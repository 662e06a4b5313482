"""town-basic (source text 000, 便民服务中心管理制度 1): the built-in file, checked against its text by hand.

March 2026: Monday 3/2 to Friday 3/6; Saturday 3/7 and Sunday 3/8 closed. The text gives
no office hours: the library's 09:00–12:00 and 13:30–17:30 apply.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VariantError, VerdictKind, load_variant
from bianmin_rules.families.attendance.policies import Absence, LateOrEarly
from bianmin_rules.families.leave.policies import LeaveApproval
from bianmin_rules.families.registers.policies import MonthlyReport
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.variant_support import case as shared_case

Row = dict[str, Any]
S1 = {"window": "W1", "staff": "S1"}


@pytest.fixture(scope="module")
def town() -> Variant:
    return load_variant("town-basic")


def rules(report: Report, kind: VerdictKind = VerdictKind.VIOLATION) -> list[tuple[str, date, Decimal]]:
    return [(v.rule, v.on, v.fine) for v in report.verdicts if v.kind is kind]


def test_numbers_of_the_text(town: Variant) -> None:
    """ATT-1 20 yuan, ATT-2 100 yuan a day (二、(一)3); LV-1 三天以内 镇长, 三天以上 党委书记; REG-2 the 7th and the
    10th (三、(九)1); CASE-2: no 即办件."""
    assert Variant.from_toml(town.to_toml(), origin="printed") == town  # data only, printed back whole
    policies = {p.id: p for p in town.policies}
    late, absence, leave = policies["late-or-early"], policies["absence"], policies["leave-approval"]
    assert isinstance(late, LateOrEarly) and late.fine == 20 and late.points == 0
    assert isinstance(absence, Absence) and (absence.per, absence.fine, absence.part_day) == ("day", 100, "pro_rata")
    assert isinstance(leave, LeaveApproval) and leave.sick_leave_needs_record
    assert [(b.up_to, b.over, b.approvers) for b in leave.table] == [(3, None, ("镇长",)), (None, 3, ("党委书记",))]
    reports = [p for p in town.policies if isinstance(p, MonthlyReport)]
    assert [(p.role, p.due_day) for p in reports] == [("village_agent", 7), ("centre_window", 10)]
    assert list(town.case_types) == ["promised", "supplement", "joint", "rejected"]
    assert town.scorecards == () and all(p.id and p.source.quote for p in town.policies)


def sign(day: str, *times: str) -> list[Row]:
    return [{"type": "signed_in" if i % 2 == 0 else "signed_out", "at": f"{day}T{t}", "method": "face", **S1}
            for i, t in enumerate(times)]


def test_att1_att2_late_is_20_yuan_and_half_a_day_absent_is_50(town: Variant) -> None:
    """ATT-1 (迟到一次扣款20元): in at 09:10 on 3/2. ATT-2 (旷工一天扣款100元, half a day pro rata): no morning on 3/3.

    S1 is W1's only staff member: W1 was empty 10 minutes on 3/2 and the morning of 3/3 (AB-1, 三、(八)2).
    """
    log = events(*sign("2026-03-02", "09:10", "17:35"), *sign("2026-03-03", "13:20", "17:35"),
                 *sign("2026-03-04", "08:55", "17:35"))
    report = run(town, log, "2026-03-05")
    assert rules(report) == [("AB-1", date(2026, 3, 2), Decimal(0)), ("ATT-1", date(2026, 3, 2), Decimal(20)),
                             ("AB-1", date(2026, 3, 3), Decimal(0)), ("ATT-2", date(2026, 3, 3), Decimal(50))]
    assert [v.quantity for v in report.violations() if v.rule == "AB-1"] == [10, 180]  # minutes
    assert rules(report, VerdictKind.WARNING) == []  # every record made by face recognition (CAL-4)


def test_cal4_a_record_made_otherwise_is_reported(town: Variant) -> None:
    """CAL-4 (统一电子面部识别系统签到): a paper sign-in is a warning."""
    log = events({"type": "signed_in", "at": "2026-03-02T08:55", "method": "paper", **S1},
                 {"type": "signed_out", "at": "2026-03-02T17:35", "method": "face", **S1})
    assert [(v.rule, v.on) for v in run(town, log, "2026-03-03").verdicts if v.kind is VerdictKind.WARNING] == [
        ("CAL-4", date(2026, 3, 2))]


def leave(name: str, days: int, approver: str, leave_type: str = "personal", **extra: Any) -> list[Row]:
    return [{"type": "leave_requested", "at": "2026-03-02T08:00", "leave": name, "leave_type": leave_type,
             "start": "2026-03-09T09:00", "end": "2026-03-13T17:30", "days": days, **S1, **extra},
            {"type": "leave_approved", "at": "2026-03-02T09:00", "leave": name, "approver_role": approver, **S1}]


def test_lv1_three_days_by_the_mayor_four_by_the_party_secretary(town: Variant) -> None:
    """LV-1 (三天以内由镇长审批，三天以上由党委书记审批；因病请假必须凭医院病历卡核实)."""
    log = events(*leave("L1", 3, "镇长"), *leave("L2", 4, "镇长"), *leave("L3", 4, "党委书记"),
                 *leave("L4", 1, "镇长", leave_type="sick"))
    found = [(v.rule, v.evidence[0]) for v in run(town, log, "2026-03-05").violations()]
    assert found == [("LV-1", "e3"), ("LV-1", "e7")]  # L2 approved by the wrong role; L4 without the record


def case(name: str, case_type: str, *steps: tuple[str, str, Row], **extra: Any) -> list[Row]:
    """A case received by S1 at W1 on Monday 3/2, then its steps."""
    return shared_case(name, "2026-03-02T09:00", case_type, S1, *steps, **extra)


def test_tl2_tl5_overdue_without_explanation_is_handled_as_a_complaint(town: Variant) -> None:
    """TL-2, TL-5 (三、(六)3–4): promised 3 working days from 3/2 (due 3/5), done 3/9 without a word: 2 days late
    (3/6, 3/9), "视作当事人的申诉处理" — the TL-5 verdict carries the same deadline. C2, explained on 3/4, is only
    late."""
    log = events(*case("C1", "promised", ("case_completed", "2026-03-09T10:00", {}), promised_limit=3),
                 *case("C2", "promised", ("delay_explained", "2026-03-04T10:00", {"reason": "需现场踏勘"}),
                       ("case_completed", "2026-03-09T10:00", {}), promised_limit=3))
    found = [(v.rule, v.case, v.days_late) for v in run(town, log, "2026-03-31").violations()
             if v.rule in {"TL-2", "TL-5"}]
    assert found == [("TL-2", "C1", 2), ("TL-2", "C2", 2), ("TL-5", "C1", 2)]
    (complaint,) = [v for v in run(town, log, "2026-03-31").violations() if v.rule == "TL-5"]
    assert "申诉" in complaint.explanation


def test_tl3_an_accepted_matter_gets_a_written_promise_of_its_limit(town: Variant) -> None:
    """TL-3 (三、(六)2 "窗口对受理承办的事项必须向申请人作出书面承诺，明确办理时限"): C1 got its written promise on
    the day; C2 (joint) never did; C3, a 补办件 whose limit runs only once its materials are complete, is not held
    to a promise on receipt."""
    log = events(
        *case("C1", "promised", ("receipt_notice_issued", "2026-03-02T09:05", {"promised_date": "2026-03-09"}),
              promised_limit=5),
        *case("C2", "joint", promised_limit=5),
        *case("C3", "supplement", promised_limit=5, materials_complete=False))
    assert [(v.rule, v.case, v.due) for v in run(town, log, "2026-03-31").violations() if v.rule == "TL-3"] == [
        ("TL-3", "C2", date(2026, 3, 2))]


def test_otn1_the_notice_of_missing_materials_is_a_written_slip(town: Variant) -> None:
    """OTN-1 (三、(四)4 "要在补办通知单中一次性告知服务对象所需补充的有关材料"): told at once, every item of 三、(四)1
    covered, but not in writing — incomplete."""
    told = ["materials", "procedure", "promised_limit", "fees", "legal_basis"]
    log = events(*case("C1", "supplement", ("missing_materials_notice", "2026-03-02T09:10",
                                             {"items": ["身份证"], "states": told, "written": False}),
                       promised_limit=5, materials_complete=False))
    (verdict,) = [v for v in run(town, log, "2026-03-31").violations() if v.rule == "OTN-1"]
    assert "未出具书面告知单" in verdict.explanation


def test_fir8_has_no_interval_in_the_text_and_is_left_out_until_a_centre_states_one(tmp_path: Path) -> None:
    """FIR-8 (三、(五)5 "首问责任人对转办的事情仍需进行督办，直到事情办理结束"): no interval, so no policy; a centre
    extending town-basic states its own, and without `within` its file does not load. With 5 working days: a
    referral on 3/2, taken at W2 the same day but never followed up, is late from 3/10, and the FIR-9 ladder
    counts it ((五)6)."""
    assert "FIR-8" not in {p.rule for p in load_variant("town-basic").policies}
    table = ('extends = "town-basic"\nname = "some-town"\ntitle = "某镇"\nsource = { document = "某镇制度" }\n'
             '[[policies]]\nid = "referral-follow-up"\nkind = "referral-follow-up"\nrule = "FIR-8"\n'
             'channels = ["in_person"]\nsource = { document = "便民服务中心管理制度 1", article = "三、(五)5", '
             'quote = "首问责任人对转办的事情仍需进行督办，直到事情办理结束。" }\n')
    blank = tmp_path / "blank.toml"
    blank.write_text(table, encoding="utf-8")
    with pytest.raises(VariantError, match=r"policies\[\d+\]\.within: Field required"):
        load_variant(blank)
    stated = tmp_path / "stated.toml"
    stated.write_text(table + "within = 5\n", encoding="utf-8")
    rows = [{"type": "inquiry_received", "at": "2026-03-02T10:00", "inquiry": "Q1", "channel": "in_person",
             "remit": "centre", **S1},
            {"type": "inquiry_referred", "at": "2026-03-02T10:05", "inquiry": "Q1", "staff": "S1", "to_window": "W2"},
            {"type": "inquiry_taken", "at": "2026-03-02T10:30", "inquiry": "Q1", "staff": "S2", "window": "W2"}]
    report = run(load_variant(stated), events(*rows), "2026-03-31")
    (lapse,) = [v for v in report.violations() if v.rule == "FIR-8"]
    assert (lapse.due, lapse.on) == (date(2026, 3, 9), date(2026, 3, 10))
    assert [v.sanction.tier for v in report.violations() if v.rule == "FIR-9" and v.sanction] == ["批评教育和内部告诫"]


def test_tl4_a_supplement_case_counts_from_complete_materials_and_needs_a_limit(town: Variant) -> None:
    """TL-4 (this variant's reading of 三、(六)1 for 补办件): C1 promised 2 days, materials complete Wed 3/4, due
    Fri 3/6, done 3/6 — in time; C2 was never told a limit."""
    log = events(*case("C1", "supplement", ("materials_completed", "2026-03-04T10:00", {}),
                       ("case_completed", "2026-03-06T10:00", {}), promised_limit=2, materials_complete=False),
                 *case("C2", "supplement", ("case_completed", "2026-03-03T10:00", {})))
    assert [(v.rule, v.case) for v in run(town, log, "2026-03-31").violations()] == [("TL-4", "C2")]


def test_otn_notice_and_rejection(town: Variant) -> None:
    """OTN-2 (三、(四)4: 一次性告知): a second request for an item not in the first notice; OTN-4 (三、(四)6: 书面形式):
    a rejection given orally."""
    log = events(*case("C1", "supplement", ("missing_materials_notice", "2026-03-02T09:10", {"items": ["身份证"]}),
                       ("missing_materials_notice", "2026-03-03T09:10", {"items": ["户口簿"]}),
                       promised_limit=5, materials_complete=False),
                 *case("C2", "rejected",
                       ("case_rejected", "2026-03-02T10:00", {"reasons": ["不符合条件"], "written": False})))
    assert sorted((v.rule, v.case) for v in run(town, log, "2026-03-31").violations()) == [
        ("OTN-2", "C1"), ("OTN-4", "C2")]


def test_cmp1_next_day_on_a_saturday_is_the_monday(town: Variant) -> None:
    """CMP-1 (当日或次日给予答复): received Friday 3/6, answered Monday 3/9 — in time (the next working day)."""
    base = {"complaint": "K1", "window": "W0", "staff": "S0"}
    log = events({"type": "complaint_received", "at": "2026-03-06T16:00", "form": "oral", **base},
                 {"type": "complaint_answered", "at": "2026-03-09T10:00", "form": "oral", **base})
    assert run(town, log, "2026-03-31").verdicts == ()


def test_fir3_fir9_every_refusal_and_the_repeat(town: Variant) -> None:
    """FIR-3 (不得以任何理由将当事人推出本窗口了事), FIR-9 ((五)6): two inquiries left unhandled the same day
    (FIR-2): 批评教育和内部告诫, then 屡教不改."""
    rows: list[Row] = []
    for n, day in ((1, "02"), (2, "03")):
        rows += [{"type": "inquiry_received", "at": f"2026-03-{day}T10:00", "inquiry": f"Q{n}", "channel": "in_person",
                  "remit": "centre", **S1},
                 {"type": "inquiry_refused", "at": f"2026-03-{day}T10:01", "inquiry": f"Q{n}", "staff": "S1",
                  "words": "请到别的窗口问"}]
    report = run(town, events(*rows), "2026-03-31")
    assert [v.rule for v in report.violations() if v.rule == "FIR-3"] == ["FIR-3", "FIR-3"]
    assert [v.sanction.tier for v in report.violations() if v.rule == "FIR-9" and v.sanction] == [
        "批评教育和内部告诫", "屡教不改，依照有关规定进行处理"]


def test_the_example_and_a_synthetic_log_evaluate(town: Variant) -> None:
    """The example and 20,000 synthetic events, without the case types town-basic does not declare (CASE-2)."""
    _, synthetic = evaluate_both(town)
    assert {"TL-2", "ATT-1", "CAL-4", "CMP-1"} <= {v.rule for v in synthetic.verdicts}
    assert {v.fine for v in synthetic.verdicts if v.rule == "ATT-1"} == {20}
