"""Case types (CASE-1, CASE-2): each variant declares its set; each type is judged by its own rule."""

from __future__ import annotations

from datetime import date

import pytest

from bianmin_rules import EvaluationError, VariantError, VerdictKind, evaluate_all, load_variant
from tests import case_variants as cv
from tests.conftest import events, make_variant, run


def receive(case: str, at: str, case_type: str, **extra: object) -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": "S1", "case_type": case_type,
            **extra}


def step(kind: str, case: str, at: str, **extra: object) -> dict[str, object]:
    return {"type": kind, "case": case, "at": at, "window": "W1", "staff": "S1", **extra}


def test_case1_each_of_the_six_types_is_judged_by_its_rule() -> None:
    """CASE-1 (county-centre “六件”分类法): one late case of each type, each caught by its own rule.

    即办件 done the next day (TL-1); 承诺件 and 上报件 ("按承诺件…管理") past 5 working days
    (TL-2); 补办件 past 5 working days from its complete materials (TL-4); 联办件 never
    forwarded (JA-1); 驳回件 decided on the 4th working day without written reasons
    (TL-7).
    """
    rows = [
        receive("I", "2026-03-02T09:00", "immediate"), step("case_completed", "I", "2026-03-03T09:00"),
        receive("P", "2026-03-02T09:00", "promised", promised_limit=5),
        step("receipt_notice_issued", "P", "2026-03-02T09:05", promised_date="2026-03-09"),
        step("case_completed", "P", "2026-03-10T09:00"),
        receive("R", "2026-03-02T09:00", "reported", promised_limit=5), step("case_completed", "R", "2026-03-10T09:00"),
        receive("S", "2026-03-02T09:00", "supplement", promised_limit=5, materials_complete=False),
        step("missing_materials_notice", "S", "2026-03-02T09:05", items=["总平面图"]),
        step("materials_completed", "S", "2026-03-04T09:00"), step("case_completed", "S", "2026-03-12T09:00"),
        receive("J", "2026-03-02T09:00", "joint", promised_limit=10),
        receive("X", "2026-03-02T09:00", "rejected"),
        step("case_rejected", "X", "2026-03-06T09:00", reasons=["不符合规划"]),
    ]
    report = run(cv.county_case_rules(), events(*rows), "2026-03-13")
    found = {(v.case, v.rule) for v in report.violations()}
    assert found == {("I", "TL-1"), ("P", "TL-2"), ("R", "TL-2"), ("S", "TL-4"), ("J", "JA-1"), ("X", "TL-7")}
    (supplement,) = [v for v in report.violations() if v.case == "S"]
    assert (supplement.due, supplement.deadline.start if supplement.deadline else None) == (
        date(2026, 3, 11), date(2026, 3, 4))


def test_case2_a_type_the_variant_does_not_know_is_a_clear_error() -> None:
    """CASE-2 (guangwu-street 第十六条: 即办件、退回件、上报件、联办件): no 承诺件 there."""
    log = events(receive("C1", "2026-03-02T09:00", "promised"))
    with pytest.raises(EvaluationError, match=r"event 'e1': case type 'promised' is not declared by the variant "
                                              r"\(it declares: immediate, joint, reported, returned\)"):
        run(cv.guangwu_case_rules(), log, "2026-03-31")


def test_case2_several_variants_read_once_fail_as_each_would_alone() -> None:
    """CASE-2 with ``evaluate_all``: the log is read once for both, and guangwu-street, which has no
    承诺件, fails on the earliest 承诺件 received (e2 at 09:00, not e1 at 10:00), naming its own types."""
    log = events(receive("C2", "2026-03-02T10:00", "promised"), receive("C1", "2026-03-02T09:00", "promised"),
                 receive("C3", "2026-03-02T11:00", "immediate"))
    with pytest.raises(EvaluationError, match=r"event 'e2': case type 'promised' is not declared by the variant "
                                              r"\(it declares: immediate, joint, reported, returned\)"):
        evaluate_all((load_variant("county-centre"), cv.guangwu_case_rules()), log, as_of=date(2026, 3, 31))
    county, again = evaluate_all((load_variant("county-centre"),) * 2, log, as_of=date(2026, 3, 31))
    assert county == again == run(load_variant("county-centre"), log, "2026-03-31")


def test_case2_village_template_six_types_include_urgent() -> None:
    """CASE-2 (tangdaohe-town 村便民服务中心制度范本 六件制): 急办件 exists and is judged like a promised case."""
    rows = [receive("C1", "2026-03-02T09:00", "urgent", promised_limit=1),
            step("case_completed", "C1", "2026-03-04T09:00")]
    (verdict,) = run(cv.village_case_rules(notice_limit=3), events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, verdict.due) == ("TL-2", date(2026, 3, 3))


def test_case2_county_second_list_is_another_declared_set() -> None:
    """CASE-2 (county-centre 管理通则 第二十三条: 即办件、承诺件、联办件、答复件、转报件): declared as its own set."""
    variant = make_variant(
        {"kind": "promised-limit", "rule": "TL-2", "case_types": ["promised", "forwarded", "reply"],
         "source": cv.cite(cv.COUNTY_RULES, "第二十三条",
                           "分别按即办件、承诺件、联办件、答复件和转报件等五种类型按期办结。")},
        case_types=cv.COUNTY_ARTICLE_23_TYPES,
    )
    rows = [receive("C1", "2026-03-02T09:00", "reply", promised_limit=2),
            step("case_completed", "C1", "2026-03-05T09:00")]
    assert [v.rule for v in run(variant, events(*rows), "2026-03-31").violations()] == ["TL-2"]
    with pytest.raises(EvaluationError, match="'supplement' is not declared"):
        run(variant, events(receive("C2", "2026-03-02T09:00", "supplement")), "2026-03-31")


def test_case2_a_policy_default_naming_an_undeclared_type_fails_to_load() -> None:
    """CASE-2: promised-limit covers 承诺件 by default; guangwu has none, so the variant must name its types."""
    with pytest.raises(VariantError, match=r"policies\[0\] \(TL-2\) names case type 'promised'"):
        make_variant({"kind": "promised-limit", "rule": "TL-2", "source": cv.GUANGWU_FINE},
                     case_types=cv.GUANGWU_CASE_TYPES)


def test_every_variant_of_the_brief_loads_its_case_rules() -> None:
    """CASE, TL, OTN, JA, REG numbers of each variant are expressible; the village blank must be filled (OTN-3)."""
    for build in (cv.county_case_rules, cv.jiangxi_case_rules, cv.town_basic_case_rules, cv.town_conduct_case_rules,
                  cv.jianshe_case_rules, cv.guangwu_case_rules):
        assert build().policies
    assert cv.village_case_rules(notice_limit=3).policies
    with pytest.raises(VariantError) as caught:
        cv.village_case_rules()
    assert caught.value.key == "policies[0].limit"


def test_rejected_immediate_case_is_closed_the_same_day() -> None:
    """TL-1, TL-7 (county-centre 驳回件 管理 1: "凡明显不符合条件的，应当场告知"): a same-day rejection closes it."""
    rows = [receive("C1", "2026-03-02T09:00", "immediate"),
            step("case_rejected", "C1", "2026-03-02T10:00", reasons=["主件缺少"])]
    report = run(cv.county_case_rules(), events(*rows), "2026-03-31", include_compliance=True)
    assert {(v.rule, v.kind) for v in report.verdicts if v.kind is not VerdictKind.INFORMATION} == {
        ("TL-1", VerdictKind.COMPLIANCE), ("TL-7", VerdictKind.COMPLIANCE)}
