"""The built-in tangdaohe-town variant (source text 003): 首问首办 rules, 六件制, and the village template's blanks.

March 2026: Monday 3/2 … Friday 3/6, Saturday 3/7 and Sunday 3/8 closed, Monday 3/9 … (CAL-1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import Variant, VariantError, VerdictKind, load_variant
from tests.conftest import events, run
from tests.staff_log import finding
from tests.variant_logs import evaluate_example_and_synthetic, verdicts_of


@pytest.fixture(scope="module")
def town() -> Variant:
    return load_variant("tangdaohe-town")


def test_case2_six_case_types(town: Variant) -> None:
    """CASE-2 (六件制): 即办件、承诺件、上报件、急办件、补办件、退办件; 第十一条 names no day of effect."""
    assert list(town.case_types.values()) == ["即办件", "承诺件", "上报件", "急办件", "补办件", "退办件"]
    assert town.case_types["rejected"] == "退办件"
    assert town.effective is None


def test_otn3_the_blank_limit_is_left_out_of_the_built_in(town: Variant) -> None:
    """OTN-3 (村便民服务中心制度范本 一次性告知制度 二: "时间最长不得超过____个工作日"): no number, no policy."""
    assert [p for p in town.policies if p.rule == "OTN-3"] == []


VILLAGE = """
extends = "tangdaohe-town"
name = "some-village"
title = "某村便民服务中心"
source = {{ document = "某村便民服务中心制度" }}

[[policies]]
id = "notice-deadline"
kind = "notice-deadline"
rule = "OTN-3"
{limit}source.document = "村便民服务中心制度范本·一次性告知制度"
source.article = "二"
source.quote = "事项复杂，确实不能当场告知的，应在最短时间内告知，时间最长不得超过____个工作日。"
"""


def village(tmp_path: Path, limit: str) -> Path:
    path = tmp_path / "some-village.toml"
    path.write_text(VILLAGE.format(limit=limit), encoding="utf-8")
    return path


def test_otn3_a_village_stating_the_deadline_without_its_number_fails_to_load(tmp_path: Path, town: Variant) -> None:
    """OTN-3: a village that adopts the template's notice deadline but leaves the blank: the error names the key
    and the line of the village's own file (its first policy), not the index of the merged list."""
    with pytest.raises(VariantError) as caught:
        load_variant(village(tmp_path, limit=""))
    error = caught.value
    assert (error.key, error.line) == ("policies[0].limit", 7)
    assert len(town.policies) > 1
    assert error.variant.endswith("some-village.toml") and "Field required" in error.message
    assert str(error).endswith("some-village.toml', line 7: policies[0].limit: Field required")


def incomplete(notice_at: str) -> list[Any]:
    return events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "window": "W1", "staff": "S1",
         "case_type": "supplement", "promised_limit": 5, "materials_complete": False},
        {"type": "missing_materials_notice", "case": "C1", "at": notice_at, "window": "W1", "staff": "S1",
         "items": ["户口簿", "申请表"], "written": True},
    )


def test_otn3_a_village_supplying_the_number_loads_and_applies_it(tmp_path: Path) -> None:
    """OTN-3 filled in as 3: received Monday 3/2 with materials missing; 3/3, 3/4, 3/5 — the notice is due 3/5.
    Given 3/5: in time; given Friday 3/6: one working day late."""
    filled = load_variant(village(tmp_path, limit="limit = 3\n"))
    assert (filled.name, filled.based_on) == ("some-village", "tangdaohe-town")
    assert verdicts_of(run(filled, incomplete("2026-03-05T16:00"), "2026-03-31"), "OTN-3") == []
    (late,) = verdicts_of(run(filled, incomplete("2026-03-06T09:00"), "2026-03-31"), "OTN-3")
    assert (late.due, late.actual) == (date(2026, 3, 5), date(2026, 3, 6))
    assert late.deadline is not None and late.deadline.days_late == 1
    assert "应在3个工作日内告知" in late.explanation


def slip(written: bool) -> list[Any]:
    return events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "window": "W1", "staff": "S1",
         "case_type": "supplement", "promised_limit": 5, "materials_complete": False},
        {"type": "missing_materials_notice", "case": "C1", "at": "2026-03-02T10:10", "window": "W1", "staff": "S1",
         "items": ["户口簿", "申请表"], "written": written})


def test_otn2_the_items_to_supplement_are_listed_at_once_on_a_written_slip(town: Variant) -> None:
    """OTN-2 (工作管理制度 (二)4 "承办人要在补办件通知单上一次性列清需补办的事项"; 第五条(三) "应当一次告知需补正补全的
    材料、手续，其中行政许可事项的补正补全应当书面告知"): listed on a slip — nothing to say, not even that the slip's
    other content is unrecorded; told only by word — incomplete."""
    assert verdicts_of(run(town, slip(written=True), "2026-03-31"), "OTN-2") == []
    (oral,) = verdicts_of(run(town, slip(written=False), "2026-03-31"), "OTN-2")
    assert oral.kind is VerdictKind.VIOLATION and "未出具书面告知单" in oral.explanation


def test_tl4_a_supplement_case_counts_from_its_complete_materials(town: Variant) -> None:
    """TL-4 (补办件): received 3/2, materials complete Wednesday 3/4, 5 working days: 3/5, 3/6, 3/9, 3/10, 3/11.
    Done Thursday 3/12: one working day late."""
    log = events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T10:00", "staff": "S1", "case_type": "supplement",
         "promised_limit": 5, "materials_complete": False},
        {"type": "materials_completed", "case": "C1", "at": "2026-03-04T10:00", "staff": "S1"},
        {"type": "case_completed", "case": "C1", "at": "2026-03-12T10:00", "staff": "S1"},
    )
    (late,) = verdicts_of(run(town, log, "2026-03-31"), "TL-4")
    assert (late.due, late.deadline.days_late if late.deadline else None) == (date(2026, 3, 11), 1)


def test_fir9_tiers_follow_the_authoritys_judgement_of_the_degree(town: Variant) -> None:
    """FIR-9 (第九条): a first-handling breach judged light → 口头告诫或书面告诫; a first-inquiry breach judged
    serious → 离岗培训、调离岗位或免职; an unlawful approval judged very serious → 辞退. A breach the records
    show (an inquiry nobody acted on, FIR-2) gets no tier until it is judged."""
    log = events(
        finding("first_handling_failed", "2026-03-02T10:00"),
        finding("first_inquiry_failed", "2026-03-03T10:00", serious=True),
        finding("approval_unlawful_grave", "2026-03-04T10:00", staff="S2"),
        {"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-05T09:00", "staff": "S3", "window": "W1",
         "channel": "in_person", "remit": "centre"},
    )
    report = run(town, log, "2026-03-31")
    tiers = [(v.on.day, v.staff, v.sanction.tier) for v in report.verdicts if v.rule == "FIR-9" and v.sanction]
    assert tiers == [(2, "S1", "口头告诫或书面告诫"), (3, "S1", "离岗培训、调离岗位或免职"), (4, "S2", "辞退")]
    (unjudged,) = (v for v in report.verdicts if v.staff == "S3")
    assert (unjudged.rule, unjudged.sanction) == ("FIR-2", None)


def handed_over(consent: bool) -> list[Any]:
    return events(
        {"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S-wang", "window": "W1",
         "channel": "in_person", "remit": "own"},
        {"type": "inquiry_taken", "inquiry": "Q1", "at": "2026-03-02T09:10", "staff": "S-wang"},
        {"type": "inquiry_transferred", "inquiry": "Q1", "at": "2026-03-03T10:00", "staff": "S-wang",
         "to_staff": "S-sun", "leader_consent": consent, **({"leader": "L-chen"} if consent else {})},
    )


def test_fir6_the_designee_bears_first_handling_only_with_a_leaders_consent(town: Variant) -> None:
    """FIR-6 (首问负责制度 二 4: "经领导同意，及时移交指定人员继续办理，被移交人担负首办责任"), FIR-5:
    taken 3/2 with no promise, the reply is due 3/3; with consent S-sun answers for it, without S-wang."""
    assert [(v.rule, v.staff) for v in run(town, handed_over(consent=True), "2026-03-31").verdicts] == [
        ("FIR-5", "S-sun")]
    assert [(v.rule, v.staff) for v in run(town, handed_over(consent=False), "2026-03-31").verdicts] == [
        ("FIR-6", "S-wang"), ("FIR-5", "S-wang")]


def test_fir2_a_call_is_written_down_with_the_callers_name_and_number(town: Variant) -> None:
    """FIR-2 (首问负责制度 二 5): a call answered at once but not registered is a violation of the one who took it."""
    log = events(
        {"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S1", "window": "W1",
         "channel": "phone", "remit": "own"},
        {"type": "inquiry_replied", "inquiry": "Q1", "at": "2026-03-02T09:05", "staff": "S1"},
        {"type": "inquiry_recorded", "inquiry": "Q1", "at": "2026-03-02T09:06", "staff": "S1",
         "contact_recorded": False},
    )
    (verdict,) = run(town, log, "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.on) == ("FIR-2", "staff:S1", date(2026, 3, 3))


def test_the_example_log_and_a_synthetic_year_evaluate(town: Variant) -> None:
    """Both logs evaluate; no text prices a verdict in points or yuan, and none is tiered without a finding."""
    example, synthetic = evaluate_example_and_synthetic(town)
    assert {v.rule for v in example.verdicts} == {"REG-3", "TL-1", "TL-4"}
    assert {"TL-1", "TL-2", "TL-4", "OTN-4", "FIR-5"} <= {v.rule for v in synthetic.verdicts}
    every = (*example.verdicts, *synthetic.verdicts)
    assert all(v.points == 0 and v.fine == 0 and v.sanction is None for v in every)
