"""What discharges the first-inquiry person (FIR-2, FIR-4, FIR-8, FIR-9), variant by variant, by hand.

A first-inquiry person who did what the variant's text asks is discharged: no FIR verdict,
and no step on a first-inquiry ladder. Each scenario below is the text's own course, quoted
in its docstring, run under the built-in variant as of 2026-03-31.

March 2026: Monday 3/2 … Friday 3/6, Monday 3/9 (CAL-1).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bianmin_rules import Report, Variant, VerdictKind, load_variant
from bianmin_rules.families.first_inquiry.policies import FirstInquiryGuidance, Settlement
from tests.conftest import events, only_rules, run

Row = dict[str, Any]


def asked(at: str, *, channel: str = "in_person", remit: str = "centre", staff: str = "S-wang") -> Row:
    return {"type": "inquiry_received", "inquiry": "Q1", "at": at, "staff": staff, "window": "W-front",
            "channel": channel, "remit": remit}


def act(kind: str, at: str, staff: str = "S-wang", **extra: Any) -> Row:
    return {"type": kind, "inquiry": "Q1", "at": at, "staff": staff, **extra}


def first_inquiry(variant: str, *rows: Row) -> Report:
    """The first-inquiry rules of a built-in variant (FIR-2 … FIR-9) applied to ``rows``, as of 3/31."""
    return run(only_rules(load_variant(variant), "FIR-"), events(*rows), "2026-03-31")


def violations(report: Report) -> list[tuple[str, str, date]]:
    return [(v.rule, str(v.subject), v.on) for v in report.verdicts if v.kind is VerdictKind.VIOLATION]


BOOKED = (
    asked("2026-03-02T09:00"),
    act("inquiry_recorded", "2026-03-02T09:05"),
    act("inquiry_referred", "2026-03-02T09:10", to_window="W-social", to_staff="S-zhou", handler_absent=True),
    act("appointment_arranged", "2026-03-02T09:20", with_staff="S-zhou", appointment="2026-03-04T09:00",
        contact_given=True),
    act("inquiry_taken", "2026-03-04T09:00", "S-zhou"),
    act("inquiry_replied", "2026-03-04T10:00", "S-zhou"),
)
"""town-basic (五)4: the handler out, the matter recorded (before the referral), the handler contacted, a time
booked and the handler's contact given, all on Monday 3/2; the handler takes it and answers at the time booked."""


def test_town_basic_a_matter_booked_for_an_absent_handler_discharges_the_first_inquiry_person() -> None:
    """town-basic 三、(五)4: "遇有相关窗口工作人员不在……首问责任人要负责接待，记录办理事项和要求，主动联系承办人
    以确定办理要求及预约办理时间，并提供具体承办人员的联系方式".

    Nobody took the matter on 3/2, yet the first-inquiry person did what the text asks: no FIR-2 (the same-day
    "直接落实具体接待人员" does not apply to a matter rightly booked), no FIR-4 (the record made before the
    referral counts), no FIR-8 (answered on 3/4, within 5 working days of the referral), no FIR-9 step.
    """
    assert violations(first_inquiry("town-basic", *BOOKED)) == []


def test_town_basic_a_booking_without_the_handlers_contact_is_one_failure_and_one_step() -> None:
    """town-basic 三、(五)4 ("并提供具体承办人员的联系方式") and (五)6 ("一经查实，给予批评教育和内部告诫；对屡教
    不改…"): the contact not given, the matter is neither booked (FIR-4, due 3/2, on 3/3) nor settled that day
    (FIR-2: settled only when S-zhou took it on 3/4, 2 working days late). One inquiry's failure is one
    occurrence, dated on its first verdict: FIR-9 gives 批评教育和内部告诫 once on 3/3, not "屡教不改" for
    the second rule it broke.
    """
    rows = [*BOOKED[:3], {**BOOKED[3], "contact_given": False}, *BOOKED[4:]]
    report = first_inquiry("town-basic", *rows)
    assert violations(report) == [
        ("FIR-4", "staff:S-wang", date(2026, 3, 3)), ("FIR-9", "staff:S-wang", date(2026, 3, 3)),
        ("FIR-2", "staff:S-wang", date(2026, 3, 4))]
    (ladder,) = [v for v in report.verdicts if v.rule == "FIR-9"]
    assert ladder.sanction is not None and ladder.sanction.tier == "批评教育和内部告诫"
    assert ladder.quantity == 1 and ladder.inquiry == "Q1"
    assert [(o.rule, o.also) for o in ladder.occurrences] == [("FIR-4", ("FIR-2",))]
    assert ladder.explanation == "2026年内第1次（FIR-4、FIR-2，2026-03-03）：→ 批评教育和内部告诫。"


def test_town_basic_a_second_inquiry_failed_is_the_repeat() -> None:
    """town-basic 三、(五)6 "对屡教不改…依照有关规定进行处理": a second inquiry failed (Q2, nobody guided on 3/9)
    after the first is the second occurrence."""
    first = [*BOOKED[:3], {**BOOKED[3], "contact_given": False}, *BOOKED[4:]]
    second = [{**asked("2026-03-09T09:00"), "inquiry": "Q2"}]
    report = first_inquiry("town-basic", *first, *second)
    assert [(v.on, v.sanction.tier) for v in report.verdicts if v.rule == "FIR-9" and v.sanction] == [
        (date(2026, 3, 3), "批评教育和内部告诫"), (date(2026, 3, 10), "屡教不改，依照有关规定进行处理")]


def test_town_conduct_a_leader_asked_the_same_day_discharges_the_first_inquiry_person() -> None:
    """town-conduct-100 首问责任制度 1: "对需要请示汇报的事项，应及时向有关领导请示汇报并告知办事人后方为首问
    办结". Asked on 3/2, the leader consulted the same day; the leader's answer takes until Wednesday 3/4, when
    the applicant is told and the matter discharged: no FIR-2 (the leader was asked in time), no FIR-7."""
    rows = [asked("2026-03-02T09:00", remit="unclear"),
            act("leader_consulted", "2026-03-02T09:30", leader="L-chen"),
            act("inquiry_discharged", "2026-03-04T10:00", reason="leader_instruction", applicant_told=True)]
    assert violations(first_inquiry("town-conduct-100", *rows)) == []


def test_town_conduct_a_referral_nobody_takes_is_still_unsettled() -> None:
    """town-conduct-100 首问责任制度 1 "应及时将办事群众引导给具体经办人员处，直到有人办理为止": a referral alone
    does not discharge; nobody took the matter on 3/2 (FIR-2 on 3/3, 批评教育 once)."""
    rows = [asked("2026-03-02T09:00"), act("inquiry_referred", "2026-03-02T09:10", to_window="W-social")]
    report = first_inquiry("town-conduct-100", *rows)
    assert violations(report) == [("FIR-2", "staff:S-wang", date(2026, 3, 3)),
                                  ("FIR-9", "staff:S-wang", date(2026, 3, 3))]
    assert "有人接办、答复、免责办结或请示领导" in report.verdicts[0].explanation


SCENARIOS: list[tuple[str, str, tuple[Row, ...]]] = [
    ("town-basic", "三、(五)3 对不属于自已职责范围内的事情，要负责介绍到相关窗口，直接落实具体接待人员", (
        asked("2026-03-02T09:00"),
        act("inquiry_referred", "2026-03-02T09:05", to_window="W-social", to_staff="S-zhou"),
        act("inquiry_taken", "2026-03-02T09:30", "S-zhou"),
        act("inquiry_replied", "2026-03-03T10:00", "S-zhou"))),
    ("town-basic", "三、(五)4 预约办理时间，并提供具体承办人员的联系方式", BOOKED),
    ("town-conduct-100", "首问责任制度 1、2、3 依照程序规定办理……及时向群众回复反馈所办理事项的结果", (
        asked("2026-03-02T09:00", remit="own"),
        act("inquiry_taken", "2026-03-02T09:05", promised_date="2026-03-04"),
        act("inquiry_replied", "2026-03-05T09:00", by_phone=True))),
    ("county-centre", "首问责任制 四 对来电者……弄清何人、何事、何时……应当做好记录，并及时转告领导或有关人员", (
        asked("2026-03-02T09:00", channel="phone"),
        act("inquiry_recorded", "2026-03-02T09:05", contact_recorded=True),
        act("inquiry_referred", "2026-03-02T09:10", to_window="W-social"))),
    ("dahe-town", "工作管理制度 第一条 不属于职责范围内的，告知其询问部门及其联系方式", (
        asked("2026-03-02T09:00", remit="outside"),
        act("inquiry_discharged", "2026-03-02T09:10", reason="outside_centre", competent_body="县自然资源局",
            contact_given=True))),
    ("guangwu-street", "第二十一条 对不属于本窗口职责范围内的事项，应指引申请人到相关业务窗口办理", (
        asked("2026-03-02T09:00"), act("inquiry_referred", "2026-03-02T09:05", to_window="W-social"))),
    ("shouzhan-town", "第十条(三) 应当负责答复、办理或者引导、转办", (
        asked("2026-03-02T09:00", remit="own"), act("inquiry_replied", "2026-03-02T09:20"))),
    ("jiangxi-town", "首问责任制度 3 对属于业务不明确或首问责任人不清楚承办站所的，首问责任人要及时请示领导", (
        asked("2026-03-02T09:00", remit="unclear"), act("leader_consulted", "2026-03-02T09:30", leader="L-chen"),
        act("inquiry_referred", "2026-03-03T09:00", to_window="W-land"))),
    ("jianshe-street", "首问、首办责任制 三 对于确实无法立即解答的问题，要向服务对象说明情况，并在事后及时主动联系", (
        asked("2026-03-02T09:00", channel="letter", remit="own"),
        act("inquiry_taken", "2026-03-02T10:00", promised_date="2026-03-05"),
        act("inquiry_replied", "2026-03-06T09:00", by_phone=True))),
    ("tangdaohe-town", "第四条(二) 应负责领办导办到具体承办人员；村范本 一 5 来电……登记在册", (
        asked("2026-03-02T09:00", channel="phone"),
        act("inquiry_recorded", "2026-03-02T09:02", contact_recorded=True),
        act("inquiry_referred", "2026-03-02T09:05", to_window="W-civil", to_staff="S-he"),
        act("inquiry_taken", "2026-03-02T09:30", "S-he"),
        act("inquiry_replied", "2026-03-03T09:00", "S-he", by_phone=True))),
    ("community-hall", "附 一次性告知制度 二 不属于本人业务范围的，要明确告知他人应找哪个部门或哪位同志办理", (
        asked("2026-03-02T09:00", channel="phone"),
        act("inquiry_referred", "2026-03-02T09:05", to_window="W-civil", to_staff="S-he"))),
]


@pytest.mark.parametrize(("name", "article", "rows"), SCENARIOS, ids=[f"{n}: {a[:12]}" for n, a, _ in SCENARIOS])
def test_the_first_inquiry_person_who_did_what_the_text_asks_is_discharged(
    name: str, article: str, rows: tuple[Row, ...],
) -> None:
    """Each variant's own course for the first-inquiry person (the article quoted in the case's id): no FIR
    verdict, no ladder step."""
    assert violations(first_inquiry(name, *rows)) == []


@pytest.mark.parametrize("name", ["town-basic", "town-conduct-100"])
def test_a_variant_that_checks_the_settlement_states_what_settles(name: str) -> None:
    """FIR-2 with ``settle_within``: the built-in file states ``settled_by`` — town-basic adds (五)4's booking,
    town-conduct-100 the leader asked (首问责任制度 1)."""
    variant: Variant = load_variant(name)
    (guidance,) = [p for p in variant.policies if isinstance(p, FirstInquiryGuidance)]
    assert guidance.settle_within is not None and "settled_by" in guidance.model_fields_set
    extra = {"town-basic": Settlement.BOOKED, "town-conduct-100": Settlement.LEADER_ASKED}[name]
    assert set(guidance.settled_by) == {Settlement.TAKEN, Settlement.CLOSED, extra}
