"""Sanction ladders and severity tiers: ESC-1, ESC-2, ESC-3, FIR-9, OTN-6, ATT-6, ATT-7, by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bianmin_rules import Variant, VariantError, Verdict, builtin_variant_names, load_variant
from bianmin_rules.families.ladders.policies import OffenceLadder
from tests.conftest import events, make_variant, only_rules, run
from tests.staff_log import finding, policy, signs

COUNTY_DUTY = "县政务服务中心全面实行首问责任制、限时办结制、责任追究制管理制度"
SHOUZHAN = "首占镇便民服务中心管理制度"
DOCS = Path(__file__).parent.parent / "docs"


def rung(tier: str, level: int, occurrence: int, **money: str) -> dict[str, object]:
    return {"occurrence": occurrence, "tier": tier, "level": level, **money}


def sanctions(report_verdicts: tuple[Verdict, ...], rule: str) -> list[tuple[date, str, Decimal, Decimal]]:
    """(day, tier, fine, bonus share) of a ladder's verdicts."""
    return [(v.on, v.sanction.tier, v.fine, v.bonus_share) for v in report_verdicts if v.rule == rule and v.sanction]


# ESC-2: county-centre's three ladders


TL_LADDER = policy(
    "offence-ladder", "ESC-2", COUNTY_DUTY, "一、(三)2",
    "对不实行限时办结，延误办结时限的，第一次对当事人给予批评教育，第二次给予责任人通报批评，并追究有关领导的行政责任，"
    "第三次则给予责任人年度考核不合格的处分",
    counts=["TL-1"], once_per="case", tiers=[rung("批评教育", 1, 1), rung("通报批评，并追究有关领导的行政责任", 2, 2),
                            rung("年度考核不合格", 3, 3)])
TL1 = policy("immediate-same-day", "TL-1", "县政务服务中心审批事项“六件”分类法操作规程", "一、(二)1",
             "即办件必须即收即办，当场把受理事项办结", case_types=["immediate"])


def late_immediate_cases(*days: str) -> list[dict[str, object]]:
    """An immediate case received on each day and completed the next day: one TL-1 violation each."""
    rows: list[dict[str, object]] = []
    for i, day in enumerate(days):
        next_day = date.fromisoformat(day) + timedelta(days=1)
        rows += [{"type": "case_received", "case": f"C{i}", "at": f"{day}T10:00", "staff": "S1", "window": "W1",
                  "case_type": "immediate"},
                 {"type": "case_completed", "case": f"C{i}", "at": f"{next_day}T10:00", "staff": "S1", "window": "W1"}]
    return rows


def test_esc2_third_time_limit_failure_within_the_year() -> None:
    """ESC-2 (county-centre 责任追究制 2): three late immediate cases in 2026 — 批评教育, 通报批评, 年度考核不合格."""
    log = events(*late_immediate_cases("2026-01-05", "2026-02-02", "2026-03-02"))
    report = run(make_variant(TL1, TL_LADDER), log, "2026-03-31")
    assert [(day.month, tier) for day, tier, _, _ in sanctions(report.verdicts, "ESC-2")] == [
        (1, "批评教育"), (2, "通报批评，并追究有关领导的行政责任"), (3, "年度考核不合格")]
    third = [v for v in report.verdicts if v.rule == "ESC-2"][-1]
    assert [(o.rule, o.on, o.evidence) for o in third.occurrences] == [
        ("TL-1", date(2026, 1, 6), ("e1", "e2")), ("TL-1", date(2026, 2, 3), ("e3", "e4")),
        ("TL-1", date(2026, 3, 3), ("e5", "e6"))]
    assert third.evidence == ("e1", "e2", "e3", "e4", "e5", "e6")
    assert third.explanation == (
        "2026年内第3次（TL-1，2026-03-03）："
        "此前2026-01-06（TL-1，e1、e2）、2026-02-03（TL-1，e3、e4）；→ 年度考核不合格。")


def test_esc2_third_failure_outside_the_counting_year_starts_over() -> None:
    """ESC-2: late cases in 2025-11, 2025-12 and 2026-01 — the third is the first of 2026 (calendar year)."""
    log = events(*late_immediate_cases("2025-11-03", "2025-12-01", "2026-01-05"))
    report = run(make_variant(TL1, TL_LADDER), log, "2026-03-31")
    assert [tier for _, tier, _, _ in sanctions(report.verdicts, "ESC-2")] == [
        "批评教育", "通报批评，并追究有关领导的行政责任", "批评教育"]


def test_esc2_rolling_year_counts_across_the_new_year() -> None:
    """ESC-2 with ``counting = "rolling"``: the same three fall within twelve months of each other."""
    rolling = {**TL_LADDER, "counting": "rolling"}
    log = events(*late_immediate_cases("2025-11-03", "2025-12-01", "2026-01-05"))
    report = run(make_variant(TL1, rolling), log, "2026-03-31")
    assert sanctions(report.verdicts, "ESC-2")[-1][1] == "年度考核不合格"
    assert [v.explanation for v in report.verdicts if v.rule == "ESC-2"][-1].startswith("截至2026-01-06的一年内第3次")


def test_esc2_fourth_failure_stays_on_the_last_rung_unless_the_ladder_ends() -> None:
    """ESC-2: the last rung applies to every later occurrence; with ``repeat_last`` false the ladder ends."""
    log = events(*late_immediate_cases("2026-01-05", "2026-02-02", "2026-03-02", "2026-03-09"))
    report = run(make_variant(TL1, TL_LADDER), log, "2026-03-31")
    assert sanctions(report.verdicts, "ESC-2")[-1][1] == "年度考核不合格"
    ended = run(make_variant(TL1, {**TL_LADDER, "repeat_last": False}), log, "2026-03-31")
    assert len(sanctions(ended.verdicts, "ESC-2")) == 3


def complaint_findings(code: str, *days: str) -> list[dict[str, object]]:
    return [finding(code, f"{day}T10:00", by="verified_report") for day in days]


def test_fir9_county_first_inquiry_failures_complained_about() -> None:
    """FIR-9 (county-centre 责任追究制 1): 1st 批评教育; 2nd 通报批评 and annual assessment 不合格."""
    record = policy("finding-penalty", "FIR-2", COUNTY_DUTY, "一、(一)", "首问责任人对服务对象提出的服务事项……",
                    findings=["first_inquiry_failed"], sources=["verified_report"])
    ladder = policy("offence-ladder", "FIR-9", COUNTY_DUTY, "一、(三)1",
                    "被服务对象投诉的，第一次对责任人进行批评教育，第二次对责任人通报批评，并且给予年度考核不合格的处分",
                    counts=["FIR-2"], finders=["verified_report"], once_per="complaint",
                    tiers=[rung("批评教育", 1, 1), rung("通报批评，年度考核不合格", 2, 2)])
    log = events(*complaint_findings("first_inquiry_failed", "2026-03-02", "2026-04-01"))
    report = run(make_variant(record, ladder), log, "2026-04-30")
    assert [tier for _, tier, _, _ in sanctions(report.verdicts, "FIR-9")] == ["批评教育", "通报批评，年度考核不合格"]


def test_otn6_county_one_time_notice_ladder() -> None:
    """OTN-6 (county-centre 责任追究制 3): 1st 批评教育, 2nd 诫勉谈话, 3rd 通报批评."""
    record = policy("finding-penalty", "OTN-1", COUNTY_DUTY, "一、(三)3",
                    "窗口工作人员不履行一次性告知义务，被服务对象投诉的", findings=["no_one_time_notice"])
    ladder = policy("offence-ladder", "OTN-6", COUNTY_DUTY, "一、(三)3",
                    "第一次对责任人进行批评教育，第二次对责任人进行诫勉谈话，第三次对责任人进行通报批评",
                    counts=["OTN-1"], once_per="verdict",
                    tiers=[rung("批评教育", 1, 1), rung("诫勉谈话", 2, 2), rung("通报批评", 3, 3)])
    log = events(*complaint_findings("no_one_time_notice", "2026-03-02", "2026-03-09", "2026-03-16"))
    report = run(make_variant(record, ladder), log, "2026-03-31")
    assert [tier for _, tier, _, _ in sanctions(report.verdicts, "OTN-6")] == ["批评教育", "诫勉谈话", "通报批评"]


# ATT-6: shouzhan-town's money–bonus–dismissal ladder and its separate circular ladder


SHOUZHAN_RECORD = policy("finding-penalty", "ATT-1", SHOUZHAN, "第十条(九)",
                         "违反工作纪律（迟到、早退、玩手机、聚众聊天等）",
                         findings=["late", "early", "phone", "chatting"])
SHOUZHAN_INSPECTION = policy(
    "offence-ladder", "ATT-6", SHOUZHAN, "第十条(九)",
    "在各级效能建设、明察暗访中被发现违反工作纪律……第一次扣发200元，第二次扣发全年年度奖金的5%，第三次予以辞退",
    counts=["ATT-1"], finders=["inspection"], once_per="day",
    tiers=[rung("扣发200元", 1, 1, fine="200"), rung("扣发全年年度奖金的5%", 2, 2, bonus_share="0.05"),
           rung("辞退", 3, 3)])
SHOUZHAN_CIRCULAR = policy(
    "offence-ladder", "ATT-6", SHOUZHAN, "第十条(九)",
    "情节严重被上级相关部门通报的，第一次扣发工资200元并扣发全年年度奖金的5%，第二次予以辞退",
    counts=["ATT-1"], finders=["superior_circular"], once_per="day",
    tiers=[rung("扣发工资200元并扣发全年年度奖金的5%", 2, 1, fine="200", bonus_share="0.05"), rung("辞退", 3, 2)])


def test_att6_shouzhan_inspection_ladder_money_bonus_dismissal() -> None:
    """ATT-6 (shouzhan-town 第十条(九)): 200 yuan, then 5% of the annual bonus, then dismissal; money apart."""
    rows = [finding("late", "2026-03-02T08:20"), finding("phone", "2026-04-08T10:00"),
            finding("chatting", "2026-05-12T15:00")]
    report = run(make_variant(SHOUZHAN_RECORD, SHOUZHAN_INSPECTION), events(*rows), "2026-06-30")
    assert sanctions(report.verdicts, "ATT-6") == [
        (date(2026, 3, 2), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 4, 8), "扣发全年年度奖金的5%", Decimal(0), Decimal("0.05")),
        (date(2026, 5, 12), "辞退", Decimal(0), Decimal(0)),
    ]
    assert "扣发全年年度奖金的5%" in report.verdicts[3].explanation
    (total,) = report.totals
    assert (total.fine, total.bonus_share, total.points) == (Decimal(200), Decimal("0.05"), Decimal(0))


def test_att6_superior_circular_has_its_own_ladder() -> None:
    """ATT-6: an inspection finding and a circular are each a first occurrence, on their own ladders."""
    rows = [finding("late", "2026-03-02T08:20"), finding("chatting", "2026-03-20T10:00", by="superior_circular"),
            finding("phone", "2026-04-08T10:00", by="superior_circular")]
    variant = make_variant(SHOUZHAN_RECORD, SHOUZHAN_INSPECTION, SHOUZHAN_CIRCULAR)
    assert sanctions(run(variant, events(*rows), "2026-06-30").verdicts, "ATT-6") == [
        (date(2026, 3, 2), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 3, 20), "扣发工资200元并扣发全年年度奖金的5%", Decimal(200), Decimal("0.05")),
        (date(2026, 4, 8), "辞退", Decimal(0), Decimal(0)),
    ]


def test_att6_only_findings_count_not_the_sign_in_records() -> None:
    """ATT-6: lateness read from the sign-in records (ATT-1 too) is not a finding by an inspection."""
    late = policy("late-or-early", "ATT-1", SHOUZHAN, "第八条(一)", "上午8:00-12:00，下午14:30-17:30")
    rows = [*signs("2026-03-02", "08:20", "17:30"), finding("late", "2026-03-03T08:20")]
    report = run(make_variant(late, SHOUZHAN_RECORD, SHOUZHAN_INSPECTION), events(*rows), "2026-03-31")
    assert [(day.day, tier) for day, tier, _, _ in sanctions(report.verdicts, "ATT-6")] == [(3, "扣发200元")]


# ATT-7: dahe-town's three strikes and the award veto


def test_att7_dahe_third_finding_is_referred_to_the_discipline_commission() -> None:
    """ATT-7 (dahe-town 考勤制度 第三条): 记入考勤记录薄并警告当事人，一人三次以上 → 移送镇纪委问责处理."""
    record = policy("finding-penalty", "ATT-1", "大河镇便民服务中心管理制度", "考勤制度 第二条",
                    "不得无故迟到、早退，上班期间不得打游戏、上网聊天", findings=["late", "games"],
                    sources=["inspection"])
    ladder = policy("offence-ladder", "ATT-7", "大河镇便民服务中心管理制度", "考勤制度 第三条",
                    "发现违反本规定的情形，及时记入考勤记录薄并警告当事人，一人三次以上违反本规定的，移送镇纪委问责处理",
                    counts=["ATT-1"], once_per="verdict", tiers=[rung("警告", 1, 1), rung("移送镇纪委问责处理", 2, 3)])
    veto = policy("finding-penalty", "ATT-7", "大河镇便民服务中心管理制度", "考核制度 第三条",
                  "上班期间打游戏、上网聊天、听音乐、嬉闹、看电影，被巡查、上级监控发现，年终评优评先一票否决",
                  findings=["games"], sanction={"tier": "年终评优评先一票否决", "level": 2})
    rows = [finding("late", "2026-03-02T08:40"), finding("games", "2026-03-10T10:00"),
            finding("late", "2026-03-16T08:40", staff="S2"), finding("late", "2026-04-01T08:40")]
    report = run(make_variant(record, ladder, veto), events(*rows), "2026-04-30")
    assert [(v.on.isoformat(), v.staff, v.sanction.tier if v.sanction else None) for v in report.verdicts
            if v.rule == "ATT-7"] == [
        ("2026-03-02", "S1", "警告"), ("2026-03-10", "S1", "警告"), ("2026-03-10", "S1", "年终评优评先一票否决"),
        ("2026-03-16", "S2", "警告"), ("2026-04-01", "S1", "移送镇纪委问责处理")]


# FIR-9 and ESC-1: tiers by severity and by offence


def test_fir9_tangdaohe_light_serious_very_serious() -> None:
    """FIR-9 (tangdaohe-town 第九条): 情节较轻 → 口头告诫、书面告诫; 严重 → 离岗培训、调离岗位、免职;
    特别严重 → 辞退."""
    document = "汤道河镇便民服务中心首问首办负责制度"
    record = policy("finding-penalty", "FIR-2", document, "第四条", "首问负责人……领办导办",
                    findings=["first_inquiry_failed", "first_inquiry_failed_grave"])
    tiers = policy("severity-tiers", "FIR-9", document, "第九条",
                   "情节较轻的，给予口头告诫、书面告诫处理；情节严重的，给予离岗培训、调离岗位、免职处理；情节特别严重的，给予辞退处理",
                   offences=[
                       {"label": "情节较轻", "counts": ["FIR-2"], "findings": ["first_inquiry_failed"],
                        "serious": False, "tier": "口头告诫或书面告诫", "level": 1},
                       {"label": "情节严重", "counts": ["FIR-2"], "findings": ["first_inquiry_failed"],
                        "serious": True, "tier": "离岗培训、调离岗位或免职", "level": 2},
                       {"label": "情节特别严重", "counts": ["FIR-2"], "findings": ["first_inquiry_failed_grave"],
                        "tier": "辞退", "level": 3}])
    rows = [finding("first_inquiry_failed", "2026-03-02T10:00"),
            finding("first_inquiry_failed", "2026-03-03T10:00", serious=True),
            finding("first_inquiry_failed_grave", "2026-03-04T10:00", staff="S2")]
    report = run(make_variant(record, tiers), events(*rows), "2026-03-31")
    assert [(v.on.day, v.sanction.tier if v.sanction else None) for v in report.verdicts if v.rule == "FIR-9"] == [
        (2, "口头告诫或书面告诫"), (3, "离岗培训、调离岗位或免职"), (4, "辞退")]
    assert report.verdicts[1].explanation == "情节较轻：2026-03-02（FIR-2，e1） → 口头告诫或书面告诫。"


def test_esc1_town_conduct_three_tier_lists_and_repeated_complaints() -> None:
    """ESC-1 (town-conduct-100 责任追究制度 3): (1)① left the post → 批评教育; (2)① absence delaying a case →
    通报批评、调离窗口; (3)③ 多次受到投诉 — a ladder on verified complaints, from the second on → 党纪政纪处分."""
    document = "便民服务中心管理制度 3 责任追究制度"
    leaving = policy("leaving-post", "ATT-3", document, "3(1)①", "工作人员未请假擅自离开本工作岗位的")
    delay = policy("finding-penalty", "ATT-2", document, "3(2)①", "无故旷工……致使正在办理的事项被耽误的",
                   findings=["absence_delayed_case"])
    complaint = policy("finding-penalty", "CMP-8", document, "3(3)③", "工作作风和服务态度差，多次受到投诉的",
                       findings=["verified_complaint"])
    tiers = policy("severity-tiers", "ESC-1", document, "3", "视情节轻重，给予行政处罚或党纪政纪处分", offences=[
        {"label": "(1)①未请假擅自离开本工作岗位", "counts": ["ATT-3"], "tier": "批评教育", "level": 1},
        {"label": "(2)①无故旷工致使正在办理的事项被耽误", "counts": ["ATT-2"], "findings": ["absence_delayed_case"],
         "tier": "通报批评，调离窗口工作岗位", "level": 2}])
    repeated = policy("offence-ladder", "ESC-1", document, "3(3)③", "工作作风和服务态度差，多次受到投诉的",
                      counts=["CMP-8"], once_per="verdict", tiers=[rung("党纪政纪处分", 3, 2)])
    rows = [{"type": "post_left", "at": "2026-03-02T10:00", "staff": "S1", "window": "W1"},
            {"type": "post_returned", "at": "2026-03-02T10:30", "staff": "S1", "window": "W1"},
            finding("absence_delayed_case", "2026-03-05T17:00"),
            finding("verified_complaint", "2026-03-10T10:00"), finding("verified_complaint", "2026-03-20T10:00")]
    report = run(make_variant(leaving, delay, complaint, tiers, repeated), events(*rows), "2026-03-31")
    assert [(v.on.day, v.sanction.tier if v.sanction else None) for v in report.verdicts if v.rule == "ESC-1"] == [
        (2, "批评教育"), (5, "通报批评，调离窗口工作岗位"), (20, "党纪政纪处分")]


# ESC-3: guangwu-street's flat penalty needs no ladder


def test_esc3_guangwu_flat_penalty_for_every_listed_violation() -> None:
    """ESC-3 (guangwu-street 第三十八条): each listed violation → 通报批评 and 100 yuan, however often;
    serious consequences → 行政处分 (a severity tier on the serious finding)."""
    article = "第三十八条"
    document = "光武街道政务服务中心管理办法"
    flat = policy("finding-penalty", "ESC-3", document, article,
                  "窗口部门违反中心管理规定，有下列情形之一的，由中心给予通报批评并扣除考核奖金100元",
                  findings=["not_in_uniform", "no_receipt", "perfunctory"], fine="100",
                  sanction={"tier": "通报批评", "level": 1})
    serious = policy("severity-tiers", "ESC-3", document, article, "造成严重后果的，由相关职能部门对直接责任人行政处分",
                     offences=[{"label": "造成严重后果", "counts": ["ESC-3"], "serious": True, "tier": "行政处分",
                                "level": 2}])
    rows = [finding("not_in_uniform", "2026-03-02T09:00"), finding("not_in_uniform", "2026-03-03T09:00"),
            finding("no_receipt", "2026-03-04T09:00", serious=True)]
    report = run(make_variant(flat, serious), events(*rows), "2026-03-31")
    assert [(v.on.day, v.sanction.tier if v.sanction else None, v.fine) for v in report.verdicts] == [
        (2, "通报批评", Decimal(100)), (3, "通报批评", Decimal(100)), (4, "通报批评", Decimal(100)),
        (4, "行政处分", Decimal(0))]


# Validation


def test_a_ladder_never_goes_down() -> None:
    """ESC-2: a later rung lighter than an earlier one is refused, naming the key."""
    bad = {**TL_LADDER, "tiers": [rung("通报批评", 2, 1), rung("批评教育", 1, 2)]}
    with pytest.raises(VariantError, match=r"policies\[0\].*may not be lighter"):
        make_variant(bad)


def test_a_ladder_states_money_per_rung() -> None:
    """ATT-6: money belongs to a rung; a flat fine on the ladder is refused."""
    with pytest.raises(VariantError, match="of each status or tier"):
        make_variant({**SHOUZHAN_INSPECTION, "fine": "200"})


def test_att6_ladder_as_written_in_a_variant_file() -> None:
    """ATT-6: the TOML of docs/ladders.md loads, with the money of each rung exact."""
    text = (DOCS / "ladders.md").read_text(encoding="utf-8")
    snippet = text.split("```toml\n", 1)[1].split("```", 1)[0]
    variant = Variant.from_toml(
        'name = "shouzhan-town"\ntitle = "首占镇便民服务中心"\n[source]\ndocument = "000 §10"\n'
        '[case_types]\nimmediate = "即办件"\n' + snippet, origin="docs/ladders.md")
    ladder = variant.policies[1]
    assert isinstance(ladder, OffenceLadder)
    assert [(t.fine, t.bonus_share) for t in ladder.tiers] == [
        (Decimal(200), Decimal(0)), (Decimal(0), Decimal("0.05")), (Decimal(0), Decimal(0))]


def test_fir9_county_ladder_counts_the_first_inquiry_verdicts() -> None:
    """FIR-9 (county-centre 责任追究制 1) over FIR-3 verdicts: refusing with "不归我管" twice → 批评教育, then
    通报批评 and 年度考核不合格."""
    refusal = policy("forbidden-refusal", "FIR-3", "县政务服务中心首问责任制", "二",
                     "不得以“不知道”或“不清楚”等用语答复，推诿责任")
    ladder = policy("offence-ladder", "FIR-9", COUNTY_DUTY, "一、(三)1",
                    "第一次对责任人进行批评教育，第二次对责任人通报批评", counts=["FIR-3"], once_per="inquiry",
                    tiers=[rung("批评教育", 1, 1), rung("通报批评，年度考核不合格", 2, 2)])
    rows: list[dict[str, object]] = []
    for n, day in enumerate(("2026-03-02", "2026-03-09"), start=1):
        rows += [{"type": "inquiry_received", "at": f"{day}T09:05", "inquiry": f"Q{n}", "window": "W1", "staff": "S1",
                  "channel": "in_person", "remit": "centre"},
                 {"type": "inquiry_refused", "at": f"{day}T09:06", "inquiry": f"Q{n}", "staff": "S1",
                  "words": "这个不归我管"}]
    report = run(make_variant(refusal, ladder), events(*rows), "2026-03-31")
    assert [(day.day, tier) for day, tier, _, _ in sanctions(report.verdicts, "FIR-9")] == [
        (2, "批评教育"), (9, "通报批评，年度考核不合格")]
    second = [v for v in report.verdicts if v.rule == "FIR-9"][-1]
    assert [o.rule for o in second.occurrences] == ["FIR-3", "FIR-3"]


def refusals(*inquiries: str) -> list[dict[str, object]]:
    """Two forbidden refusals by S1, one per inquiry, on 3/2 and 3/9."""
    rows: list[dict[str, object]] = []
    for inquiry, day in zip(inquiries, ("2026-03-02", "2026-03-09"), strict=True):
        rows += [{"type": "inquiry_received", "at": f"{day}T09:05", "inquiry": inquiry, "window": "W1", "staff": "S1",
                  "channel": "in_person", "remit": "centre"},
                 {"type": "inquiry_refused", "at": f"{day}T09:06", "inquiry": inquiry, "staff": "S1",
                  "words": "不清楚"}]
    return rows


COMPLAINED_LADDER = policy(
    "offence-ladder", "FIR-9", COUNTY_DUTY, "一、(三)1",
    "首问责任人不履行规定的服务责任……被服务对象投诉的，第一次对责任人进行批评教育，第二次对责任人通报批评",
    counts=["FIR-3"], once_per="complaint", tiers=[rung("批评教育", 1, 1), rung("通报批评，年度考核不合格", 2, 2)])
REFUSAL = policy("forbidden-refusal", "FIR-3", "县政务服务中心首问责任制", "二", "不得以“不知道”或“不清楚”等用语答复")


def test_fir9_county_counts_only_the_failures_complained_about() -> None:
    """FIR-9 (county-centre 责任追究制 1, "被服务对象投诉的"): two refusals, a complaint arising from the second
    inquiry only: one occurrence, 批评教育 on 3/9."""
    complaint = {"type": "complaint_received", "at": "2026-03-10T10:00", "complaint": "K1", "window": "W0",
                 "staff": "S0", "form": "phone", "about_staff": "S1", "inquiry": "Q2"}
    report = run(make_variant(REFUSAL, COMPLAINED_LADDER), events(*refusals("Q1", "Q2"), complaint), "2026-03-31")
    assert [(day.day, tier) for day, tier, _, _ in sanctions(report.verdicts, "FIR-9")] == [(9, "批评教育")]
    unfiltered = run(make_variant(REFUSAL, {**COMPLAINED_LADDER, "once_per": "inquiry"}),
                     events(*refusals("Q1", "Q2"), complaint), "2026-03-31")
    assert len(sanctions(unfiltered.verdicts, "FIR-9")) == 2


def test_otn6_a_complaint_reaches_the_case_its_inquiry_became_and_a_verified_report_counts() -> None:
    """OTN-6 (county-centre 责任追究制 3): a complaint arising from inquiry Q1, which became case C1, makes C1's
    repeat trips count; a verified report (finding by ``verified_report``) counts too; C2 was never complained
    about. 1st 批评教育, 2nd 诫勉谈话."""
    trips = policy("repeat-trips", "OTN-5", "考核办法", "二、(二)2", "造成服务对象多次奔跑，经查实每起扣1分")
    reports = policy("finding-penalty", "OTN-5", "考核办法", "二、(二)2", "经查实", findings=["no_one_time_notice"],
                     sources=["verified_report"])
    ladder = policy("offence-ladder", "OTN-6", COUNTY_DUTY, "一、(三)3", "被服务对象投诉的，第一次……", counts=["OTN-5"],
                    once_per="complaint",
                    tiers=[rung("批评教育", 1, 1), rung("诫勉谈话", 2, 2), rung("通报批评", 3, 3)])
    at_w1 = {"window": "W1", "staff": "S1"}
    rows: list[dict[str, object]] = [
        {"type": "inquiry_received", "at": "2026-03-02T09:00", "inquiry": "Q1", "channel": "in_person",
         "remit": "own", **at_w1},
        {"type": "inquiry_taken", "at": "2026-03-02T09:05", "inquiry": "Q1", "case": "C1", **at_w1},
    ]
    for case, day in (("C1", "02"), ("C2", "03")):
        rows += [{"type": "case_received", "at": f"2026-03-{day}T09:10", "case": case, "case_type": "supplement",
                  "materials_complete": False, **at_w1},
                 {"type": "applicant_returned", "at": f"2026-03-{day}T15:00", "case": case, "cause": "no_notice",
                  **at_w1}]
    rows += [{"type": "complaint_received", "at": "2026-03-04T10:00", "complaint": "K1", "window": "W0", "staff": "S0",
              "form": "oral", "about_staff": "S1", "inquiry": "Q1"},
             finding("no_one_time_notice", "2026-03-05T10:00", by="verified_report")]
    report = run(make_variant(trips, reports, ladder), events(*rows), "2026-03-31")
    assert [(day.day, tier) for day, tier, _, _ in sanctions(report.verdicts, "OTN-6")] == [
        (2, "批评教育"), (5, "诫勉谈话")]


def test_esc2_past_the_top_rung_a_verdict_lists_the_occurrences_up_to_it() -> None:
    """ESC-2 (county-centre 责任追究制 2): the 5th late case in a year is still 年度考核不合格; its verdict
    lists the first two earlier occurrences (what reached the top rung) and counts the rest."""
    record = policy("finding-penalty", "TL-2", "县政务服务中心", "限时办结制", "不实行限时办结，延误办结时限",
                    findings=["late_case"])
    ladder = policy("offence-ladder", "ESC-2", "县政务服务中心", "责任追究制 2",
                    "第一次批评教育，第二次通报批评，第三次年度考核不合格", counts=["TL-2"], once_per="verdict",
                    tiers=[rung("批评教育", 1, 1), rung("通报批评", 2, 2), rung("年度考核不合格", 3, 3)])
    rows = [finding("late_case", f"2026-03-0{day}T10:00") for day in range(2, 7)]
    report = run(make_variant(record, ladder), events(*rows), "2026-04-30")
    fifth = [v for v in report.verdicts if v.rule == "ESC-2"][-1]
    assert fifth.sanction is not None and fifth.sanction.tier == "年度考核不合格"
    assert [o.on.isoformat() for o in fifth.occurrences] == ["2026-03-02", "2026-03-03", "2026-03-06"]
    assert fifth.explanation == ("2026年内第5次（TL-2，2026-03-06）：此前2026-03-02（TL-2，e1）、2026-03-03（TL-2，e2）"
                                 "等共4次；→ 年度考核不合格。")


# What one occurrence is, in each built-in ladder's text (once_per)


def test_fir9_county_one_refusal_that_drew_one_complaint_is_one_occurrence() -> None:
    """FIR-9 (county-centre 责任追究制 1 "被服务对象投诉的，第一次对责任人进行批评教育，第二次对责任人通报批评"; 首问
    责任制 五 "被…举报，经查实…责令书面检查；屡违者给予黄牌警告"): S1 turns Q1 away with "不清楚" on Monday 3/2
    (FIR-3) and guides nobody that day (FIR-2, on 3/3); the applicant complains twice about it (K1 on 3/4, K2 on
    3/6). One failure, one complaint's matter: each ladder's first step only — never 通报批评 or 黄牌警告."""
    rows = [{"type": "inquiry_received", "at": "2026-03-02T09:05", "inquiry": "Q1", "window": "W1", "staff": "S1",
             "channel": "in_person", "remit": "centre"},
            {"type": "inquiry_refused", "at": "2026-03-02T09:06", "inquiry": "Q1", "staff": "S1", "words": "不清楚"},
            *({"type": "complaint_received", "at": at, "complaint": name, "window": "W0", "staff": "S0",
               "form": "phone", "about_staff": "S1", "inquiry": "Q1"}
              for name, at in (("K1", "2026-03-04T10:00"), ("K2", "2026-03-06T10:00")))]
    report = run(only_rules(load_variant("county-centre"), "FIR-"), events(*rows), "2026-03-31")
    assert [(v.rule, v.on) for v in report.verdicts if v.rule in ("FIR-2", "FIR-3")] == [
        ("FIR-3", date(2026, 3, 2)), ("FIR-2", date(2026, 3, 3))]
    ladders = [v for v in report.verdicts if v.rule == "FIR-9"]
    assert sorted(v.sanction.tier for v in ladders if v.sanction) == ["批评教育", "责令书面检查"]
    assert {(v.on, v.quantity, v.complaint) for v in ladders} == {(date(2026, 3, 2), 1, None)}
    assert [(o.rule, o.also) for o in ladders[0].occurrences] == [("FIR-3", ("FIR-2",))]


def test_att6_shouzhan_what_one_inspection_found_is_one_time() -> None:
    """ATT-6 (shouzhan-town 第十条(九) "被发现违反工作纪律……第一次扣发200元，第二次扣发全年年度奖金的5%"): one
    inspection on 3/2 finds S1 late and on the phone — one time found, 200 yuan; another on 3/9 finds S1 chatting —
    the second time, 5% of the annual bonus."""
    rows = [finding("late", "2026-03-02T08:20", by="inspection"), finding("phone", "2026-03-02T10:00", by="inspection"),
            finding("chatting", "2026-03-09T15:00", by="inspection")]
    report = run(only_rules(load_variant("shouzhan-town"), "ATT-6"), events(*rows), "2026-03-31")
    assert [(v.on, v.sanction.tier, v.fine, v.bonus_share) for v in report.verdicts if v.sanction] == [
        (date(2026, 3, 2), "扣发200元", Decimal(200), Decimal(0)),
        (date(2026, 3, 9), "扣发全年年度奖金的5%", Decimal(0), Decimal("0.05"))]
    assert [v.explanation for v in report.verdicts if v.sanction] == [
        "2026年内第1次（ATT-6，2026-03-02）：→ 扣发200元。",
        "2026年内第2次（ATT-6，2026-03-09）：此前2026-03-02（ATT-6，e1、e2）；→ 扣发全年年度奖金的5%。"]


def test_att6_shouzhan_circular_says_its_money_once_as_the_article_does() -> None:
    """ATT-6 (shouzhan-town 第十条(九) "情节严重被上级相关部门通报的，第一次扣发工资200元并扣发全年年度奖金的5%"): a
    circular naming S1 on 3/20 is the first — the sentence reads as the article, each sum once, and the verdict
    carries 200 yuan and 5% of the annual bonus apart."""
    rows = [finding("chatting", "2026-03-20T10:00", by="superior_circular")]
    report = run(only_rules(load_variant("shouzhan-town"), "ATT-6"), events(*rows), "2026-03-31")
    (verdict,) = [v for v in report.verdicts if v.sanction]
    assert (verdict.fine, verdict.bonus_share) == (Decimal(200), Decimal("0.05"))
    assert verdict.explanation == "2026年内第1次（ATT-6，2026-03-20）：→ 扣发工资200元并扣发全年年度奖金的5%。"


def test_a_rung_whose_words_leave_the_money_unsaid_states_it() -> None:
    """A rung whose words name only its sanction ("通报批评", with a fine of 100 yuan, the pair guangwu-street
    第三十八条 writes "给予通报批评并扣除考核奖金100元") says the money after them; words naming the same sum say it
    once; another sum ("1100元" is not "100元") leaves it unsaid. So with a share of the annual bonus (shouzhan-town
    第十条(九) "扣发全年年度奖金的5%")."""
    fine, share = {"fine": "100"}, {"bonus_share": "0.05"}
    for words, money, said in (("通报批评", fine, "→ 通报批评，扣款100元。"),
                               ("通报批评并罚款1100元", fine, "→ 通报批评并罚款1100元，扣款100元。"),
                               ("通报批评并扣除考核奖金100元", fine, "→ 通报批评并扣除考核奖金100元。"),
                               ("通报批评", share, "→ 通报批评，扣发全年年度奖金的5%。"),
                               ("扣发全年年度奖金的5%", share, "→ 扣发全年年度奖金的5%。")):
        ladder = policy("offence-ladder", "ATT-6", SHOUZHAN, "第十条(九)", "第一次", counts=["ATT-1"], once_per="day",
                        tiers=[rung(words, 1, 1, **money)])
        report = run(make_variant(SHOUZHAN_RECORD, ladder), events(finding("late", "2026-03-02T08:20")), "2026-03-31")
        (verdict,) = [v for v in report.verdicts if v.sanction]
        assert str(verdict.explanation).endswith(said), words


def test_esc1_town_conduct_a_complaint_upheld_twice_is_one_complaint() -> None:
    """ESC-1 (town-conduct-100 责任追究制度 3(3)③ "工作作风和服务态度差，多次受到投诉的" → 党纪政纪处分): K1 upheld on
    3/10 and, reinvestigated, again on 3/20 is one complaint; K2 upheld on 3/25 is the second — 党纪政纪处分 then."""
    rows = [*({"type": "complaint_received", "at": f"2026-03-{day}T10:00", "complaint": name, "staff": "S0",
               "window": "W0", "form": "written", "about_staff": "S1"} for name, day in (("K1", "03"), ("K2", "16"))),
            *({"type": "complaint_investigated", "at": f"2026-03-{day}T10:00", "complaint": name, "staff": "S1",
               "window": "W1", "upheld": True} for name, day in (("K1", "10"), ("K1", "20"), ("K2", "25")))]
    report = run(only_rules(load_variant("town-conduct-100"), "CMP-8", "ESC-1"), events(*rows), "2026-03-31")
    assert [(v.complaint, v.on) for v in report.verdicts if v.rule == "CMP-8"] == [
        ("K1", date(2026, 3, 10)), ("K1", date(2026, 3, 20)), ("K2", date(2026, 3, 25))]
    assert [(v.on, v.quantity, v.sanction.tier) for v in report.verdicts if v.rule == "ESC-1" and v.sanction] == [
        (date(2026, 3, 25), 2, "党纪政纪处分")]
    (ladder,) = [v for v in report.verdicts if v.rule == "ESC-1"]
    assert (ladder.complaint, ladder.window, ladder.staff) == ("K2", "W1", "S1")


def test_esc2_county_a_case_late_under_two_limits_is_one_delay() -> None:
    """ESC-2 (county-centre 责任追究制 2 "对不实行限时办结，延误办结时限的，第一次…批评教育，第二次…通报批评"): key
    project G1 (上报件, statutory 20 working days, promised 15) received Wed 4/1, done Thu 4/30: late under the green
    channel's 10 days (TL-6, due 4/16) and its promise (TL-2, due 4/23), a promise itself too long for the green
    channel (TL-6 限时办结制 一、(二)) — one case, 批评教育 once."""
    rows = [{"type": "case_received", "at": "2026-04-01T09:00", "case": "G1", "window": "W1", "staff": "S1",
             "case_type": "reported", "key_project": True, "statutory_limit": 20, "promised_limit": 15},
            {"type": "case_completed", "at": "2026-04-30T16:00", "case": "G1", "window": "W1", "staff": "S1"}]
    report = run(only_rules(load_variant("county-centre"), "TL-2", "TL-6", "ESC-2"), events(*rows), "2026-05-29")
    assert sorted((v.rule, v.code or "") for v in report.verdicts if v.rule in ("TL-2", "TL-6")) == [
        ("TL-2", ""), ("TL-6", ""), ("TL-6", "promise")]
    (ladder,) = [v for v in report.verdicts if v.rule == "ESC-2"]
    assert (ladder.sanction is not None and ladder.sanction.tier, ladder.quantity, ladder.case) == ("批评教育", 1, "G1")


def test_every_built_in_ladder_states_what_one_occurrence_is() -> None:
    """ESC-2, FIR-9, OTN-6, ATT-6, ATT-7, ESC-1: each built-in ladder states ``once_per`` (docs/ladders.md gives
    each reading with its quote)."""
    readings = {(name, p.id): p.once_per.value for name in builtin_variant_names()
                for p in load_variant(name).policies if isinstance(p, OffenceLadder)}
    assert readings == {
        ("county-centre", "notice-ladder"): "complaint", ("county-centre", "first-inquiry-ladder"): "complaint",
        ("county-centre", "first-inquiry-warnings"): "complaint", ("county-centre", "time-limit-ladder"): "case",
        ("dahe-town", "three-strikes"): "verdict", ("shouzhan-town", "inspection-ladder"): "day",
        ("shouzhan-town", "circular-ladder"): "day", ("town-basic", "first-inquiry-ladder"): "inquiry",
        ("town-conduct-100", "first-inquiry-ladder"): "inquiry", ("town-conduct-100", "uncorrected"): "inquiry",
        ("town-conduct-100", "repeated-complaints"): "complaint"}
    text = (DOCS / "ladders.md").read_text(encoding="utf-8")
    assert all(f"`once_per = \"{reading}\"`" in text for reading in set(readings.values()))


@pytest.mark.parametrize(("charge", "bearer"), [("staff", ("staff", "S1")), ("window", ("window", "W1"))])
def test_esc3_guangwu_serious_consequences_sanction_the_person_directly_responsible(
        charge: str, bearer: tuple[str, str]) -> None:
    """ESC-3 (guangwu-street 第三十八条): "造成严重后果的，由相关职能部门对直接责任人行政处分" — the tier goes to the
    staff member the violation names (charge = staff), or to its window; the sanction's verdict keeps the case's
    window, staff, fine and the occurrence it counts. Of two lines that match, the heavier tier wins."""
    article, document = "第三十八条", "光武街道政务服务中心管理办法"
    flat = policy("finding-penalty", "ESC-3", document, article, "窗口部门违反中心管理规定……扣除考核奖金100元",
                  findings=["no_receipt"], fine="100")
    serious = policy("severity-tiers", "ESC-3", document, article, "造成严重后果的……行政处分", charge=charge, offences=[
        {"label": "违反中心管理规定", "counts": ["ESC-3"], "tier": "通报批评", "level": 1, "fine": "50"},
        {"label": "造成严重后果", "counts": ["ESC-3"], "serious": True, "tier": "行政处分", "level": 2, "fine": "200"}])
    rows = [finding("no_receipt", "2026-03-04T09:00", serious=True)]
    report = run(make_variant(flat, serious), events(*rows), "2026-03-31")
    (tier,) = [v for v in report.verdicts if v.sanction]
    counted = next(v for v in report.verdicts if not v.sanction)
    assert (tier.subject.kind.value, tier.subject.id) == bearer
    assert (tier.sanction.tier, tier.sanction.level, tier.fine) == ("行政处分", 2, Decimal(200))
    assert (tier.window, tier.staff, tier.case, tier.evidence) == ("W1", "S1", counted.case, counted.evidence)
    assert [o.rule for o in tier.occurrences] == ["ESC-3"]
    assert tier.explanation == f"造成严重后果：2026-03-04（ESC-3，{counted.evidence[0]}） → 行政处分。"


# Counting periods named, complaints read once, tiers charged where the verdict names no one


@pytest.mark.parametrize(("period", "words"), [("quarter", "2026年第2季度内"), ("month", "2026年5月内")])
def test_esc2_a_ladder_counted_by_quarter_or_month_names_its_period(period: str, words: str) -> None:
    """ESC-2 (the texts never state the counting period; a variant may choose a quarter or a month): an immediate
    case received Monday 5/4 and done 5/5 is the first failure of 2026's second quarter, or of May 2026."""
    log = events(*late_immediate_cases("2026-05-04"))
    report = run(make_variant(TL1, {**TL_LADDER, "period": period}), log, "2026-05-31")
    (ladder,) = [v for v in report.verdicts if v.rule == "ESC-2"]
    assert ladder.explanation == f"{words}第1次（TL-1，2026-05-05）：→ 批评教育。"


def test_fir9_every_inquiry_complained_about_counts_though_one_drew_two_complaints() -> None:
    """FIR-9 (county-centre 责任追究制 1, "被服务对象投诉的"): Q1 drew K1 (3/4) and K2 (3/5), a complaint names an
    inquiry the log does not hold (3/6), Q2 drew K3 (3/10), K5 is investigated with no record of its lodging: both
    refusals were complained about — 批评教育 on 3/2,
    通报批评 on 3/9."""
    def complaint(name: str, day: str, inquiry: str) -> dict[str, object]:
        return {"type": "complaint_received", "at": f"2026-03-{day}T10:00", "complaint": name, "window": "W0",
                "staff": "S0", "form": "phone", "about_staff": "S1", "inquiry": inquiry}
    rows = [*refusals("Q1", "Q2"), complaint("K1", "04", "Q1"), complaint("K2", "05", "Q1"),
            complaint("K9", "06", "Q9"), complaint("K3", "10", "Q2"),
            {"type": "complaint_investigated", "at": "2026-03-11T10:00", "complaint": "K5", "staff": "S1",
             "window": "W1", "upheld": True}]
    report = run(make_variant(REFUSAL, COMPLAINED_LADDER), events(*rows), "2026-03-31")
    assert [(day.day, tier) for day, tier, _, _ in sanctions(report.verdicts, "FIR-9")] == [
        (2, "批评教育"), (9, "通报批评，年度考核不合格")]


def test_esc3_a_tier_charged_to_staff_stays_with_the_window_when_the_finding_names_no_one() -> None:
    """ESC-3 (guangwu-street 第三十八条, "对直接责任人行政处分"): a serious finding against window W1 that names no
    staff member: the tier stays with the window the violation is charged to."""
    article, document = "第三十八条", "光武街道政务服务中心管理办法"
    flat = policy("finding-penalty", "ESC-3", document, article, "窗口部门违反中心管理规定……扣除考核奖金100元",
                  findings=["no_receipt"], fine="100")
    serious = policy("severity-tiers", "ESC-3", document, article, "造成严重后果的……行政处分", charge="staff",
                     offences=[{"label": "造成严重后果", "counts": ["ESC-3"], "serious": True, "tier": "行政处分",
                                "level": 2}])
    row = {"type": "finding_recorded", "at": "2026-03-04T09:00", "window": "W1", "finding": "no_receipt",
           "serious": True}
    report = run(make_variant(flat, serious), events(row), "2026-03-31")
    (tier,) = [v for v in report.verdicts if v.sanction]
    assert (tier.subject.kind.value, tier.subject.id, tier.staff) == ("window", "W1", None)


def test_esc1_a_tier_on_a_late_case_keeps_the_case() -> None:
    """ESC-1 over TL-1: an immediate case C0 received 3/2, done 3/3: the tier's verdict names the case it is about."""
    tiers = policy("severity-tiers", "ESC-1", "便民服务中心管理制度 3 责任追究制度", "3", "视情节轻重，给予行政处罚",
                   offences=[{"label": "延误办结时限", "counts": ["TL-1"], "tier": "批评教育", "level": 1}])
    report = run(make_variant(TL1, tiers), events(*late_immediate_cases("2026-03-02")), "2026-03-31")
    (tier,) = [v for v in report.verdicts if v.rule == "ESC-1"]
    assert (tier.case, tier.window, tier.staff, tier.evidence) == ("C0", "W1", "S1", ("e1", "e2"))


LATE_CASES = policy("finding-penalty", "TL-2", "县政务服务中心", "限时办结制", "不实行限时办结，延误办结时限",
                    findings=["late_case", "late_reply"])


def counted_ladder(**params: object) -> dict[str, object]:
    """ESC-2's three rungs over TL-2, each occurrence a violation unless said otherwise."""
    return policy("offence-ladder", "ESC-2", "县政务服务中心", "责任追究制 2",
                  "第一次批评教育，第二次通报批评，第三次年度考核不合格",
                  **{"counts": ["TL-2"], "once_per": "verdict",
                     "tiers": [rung("批评教育", 1, 1), rung("通报批评", 2, 2), rung("年度考核不合格", 3, 3)], **params})


def ladder_numbers(rows: list[dict[str, object]], **params: object) -> list[tuple[date, Decimal | None]]:
    report = run(make_variant(LATE_CASES, counted_ladder(**params)), events(*rows), "2026-04-30")
    return [(v.on, v.quantity) for v in report.verdicts if v.rule == "ESC-2"]


def test_esc2_a_calendar_month_starts_counting_on_its_first_day() -> None:
    """ESC-2 counted by calendar month: late cases found 2/27, Sunday 3/1 and 3/2 — 3/1 is March's first, 3/2 its
    second."""
    rows = [finding("late_case", f"2026-{day}T10:00") for day in ("02-27", "03-01", "03-02")]
    assert ladder_numbers(rows, period="month") == [
        (date(2026, 2, 27), 1), (date(2026, 3, 1), 1), (date(2026, 3, 2), 2)]
    report = run(make_variant(LATE_CASES, counted_ladder(period="month")), events(*rows), "2026-04-30")
    assert [v.explanation for v in report.verdicts if v.rule == "ESC-2"][-1] == (
        "2026年3月内第2次（TL-2，2026-03-02）：此前2026-03-01（TL-2，e2）；→ 通报批评。")


def test_esc2_a_rolling_month_leaves_out_the_day_a_month_before() -> None:
    """ESC-2 counted over the month before each occurrence: 2/2, 2/3, 3/2, 3/3 — on 3/2 the month back reaches past
    2/2 (2/3 counts), on 3/3 past 2/3: each of March's is the second."""
    rows = [finding("late_case", f"2026-{day}T10:00") for day in ("02-02", "02-03", "03-02", "03-03")]
    assert [n for _, n in ladder_numbers(rows, period="month", counting="rolling")] == [1, 2, 2, 2]


def test_esc2_a_ladder_narrowed_to_some_findings_counts_those_only() -> None:
    """ESC-2 counting only ``late_case`` findings: a ``late_reply`` of 3/2 is not counted; 3/3 is the first."""
    rows = [finding("late_reply", "2026-03-02T10:00"), finding("late_case", "2026-03-03T10:00")]
    assert ladder_numbers(rows, findings=["late_case"]) == [(date(2026, 3, 3), 1)]


@pytest.mark.parametrize("once_per", ["inquiry", "case"])
def test_esc2_a_violation_about_no_inquiry_or_case_is_an_occurrence_of_its_own(once_per: str) -> None:
    """ESC-2 counting per inquiry or per case: findings of 3/2 and 3/3 about neither are two occurrences."""
    rows = [finding("late_case", f"2026-03-0{day}T10:00") for day in (2, 3)]
    assert ladder_numbers(rows, once_per=once_per) == [(date(2026, 3, 2), 1), (date(2026, 3, 3), 2)]


def test_fir9_two_refusals_of_one_inquiry_are_one_occurrence() -> None:
    """FIR-9 counting per inquiry (town-basic 首问责任制): S1 refuses Q1 twice on 3/2 — one occurrence, resting on
    the inquiry and both refusals."""
    ladder = {**COMPLAINED_LADDER, "once_per": "inquiry"}
    rows = [*refusals("Q1", "Q2")[:2],
            {"type": "inquiry_refused", "at": "2026-03-02T09:30", "inquiry": "Q1", "staff": "S1", "words": "不知道"}]
    report = run(make_variant(REFUSAL, ladder), events(*rows), "2026-03-31")
    (first,) = [v for v in report.verdicts if v.rule == "FIR-9"]
    assert (first.quantity, first.inquiry, first.window, first.staff) == (1, "Q1", "W1", "S1")
    assert [(o.rule, o.on, o.evidence) for o in first.occurrences] == [("FIR-3", date(2026, 3, 2), ("e1", "e2", "e3"))]


def test_esc1_only_violations_fall_into_a_tier() -> None:
    """ESC-1 over TL-1, compliance reported too: C0 done late (3/2 → 3/3) is tiered; C1, done the day it came (3/4),
    complies with TL-1 and falls into no tier."""
    tiers = policy("severity-tiers", "ESC-1", "便民服务中心管理制度 3 责任追究制度", "3", "视情节轻重，给予行政处罚",
                   offences=[{"label": "延误办结时限", "counts": ["TL-1"], "tier": "批评教育", "level": 1}])
    rows = [*late_immediate_cases("2026-03-02"),
            {"type": "case_received", "case": "C1", "at": "2026-03-04T10:00", "staff": "S1", "window": "W1",
             "case_type": "immediate"},
            {"type": "case_completed", "case": "C1", "at": "2026-03-04T11:00", "staff": "S1", "window": "W1"}]
    report = run(make_variant(TL1, tiers), events(*rows), "2026-03-31", include_compliance=True)
    assert [(v.case, v.kind.value) for v in report.verdicts if v.rule == "TL-1"] == [
        ("C0", "violation"), ("C1", "compliance")]
    assert [v.case for v in report.verdicts if v.rule == "ESC-1"] == ["C0"]


def test_fir9_two_complaints_about_one_refusal_are_the_matter_of_the_earliest() -> None:
    """FIR-9 (county-centre 责任追究制 1, "被服务对象投诉的，第一次对责任人进行批评教育，第二次对责任人通报批评"),
    counted per complaint over the refusals and the complaints upheld (CMP-8): S1 turns Q1 away with "不清楚" on
    3/2; K1 (3/4) and K2 (3/5) both complain about it, and K1 is upheld on 3/9. The refusal is K1's matter, the
    earliest complaint about its inquiry, as the upheld complaint is: one occurrence, 批评教育 — never 通报批评."""
    upheld = policy("verified-complaint", "CMP-8", COUNTY_DUTY, "一、(三)1", "被服务对象投诉的")
    ladder = {**COMPLAINED_LADDER, "counts": ["FIR-3", "CMP-8"]}
    rows = [*refusals("Q1", "Q2")[:2],
            *({"type": "complaint_received", "at": f"2026-03-0{day}T10:00", "complaint": name, "window": "W0",
               "staff": "S0", "form": "phone", "about_staff": "S1", "inquiry": "Q1"} for name, day in (("K1", 4),
                                                                                                       ("K2", 5))),
            {"type": "complaint_investigated", "at": "2026-03-09T10:00", "complaint": "K1", "staff": "S1",
             "window": "W1", "upheld": True}]
    report = run(make_variant(REFUSAL, upheld, ladder), events(*rows), "2026-03-31")
    assert [(v.rule, v.on.day) for v in report.verdicts if v.rule in ("FIR-3", "CMP-8")] == [("FIR-3", 2),
                                                                                               ("CMP-8", 9)]
    (first,) = [v for v in report.verdicts if v.rule == "FIR-9"]
    assert (first.on.day, first.quantity, first.sanction and first.sanction.tier) == (2, 1, "批评教育")
    assert [(o.rule, o.also) for o in first.occurrences] == [("FIR-3", ("CMP-8",))]


def test_esc3_guangwu_a_tier_on_a_late_joint_case_names_its_lead() -> None:
    """ESC-3 over JA-2 (guangwu-street 第三十八条(二) "在法定期限、承诺期限内办结而拖延不办理" → 通报批评,
    100 yuan; 第十八条: "不能确定首办受理部门的，由最终发证、发照、发文的部门作为牵头部门"): C1 came in online,
    W-建设 issues its certificate and forwards it to W-消防 on Monday 3/2 (3 working days: due 3/5), which decides
    on 3/10. The tier on W-消防's delay names the case's lead, W-建设, as every verdict about a joint case does
    (JA-1)."""
    rows = [{"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "case_type": "joint", "online": True,
             "issuing_window": "W-建设"},
            {"type": "joint_review_forwarded", "case": "C1", "at": "2026-03-02T10:00", "window": "W-建设",
             "to_window": "W-消防", "limit": 3},
            {"type": "joint_review_decided", "case": "C1", "at": "2026-03-10T16:00", "window": "W-消防",
             "approved": True}]
    report = run(only_rules(load_variant("guangwu-street"), "JA-", "ESC-3"), events(*rows), "2026-03-31")
    (late,) = [v for v in report.verdicts if v.rule == "JA-2"]
    (tier,) = [v for v in report.verdicts if v.rule == "ESC-3" and v.sanction]
    assert (late.lead, late.on, late.days_late) == ("W-建设", date(2026, 3, 10), 3)
    assert (str(tier.subject), tier.case, tier.lead, tier.sanction.tier, tier.fine) == (
        "window:W-消防", "C1", "W-建设", "通报批评", Decimal(100))


def test_esc3_guangwu_a_window_left_empty_all_day_rests_on_no_event() -> None:
    """ESC-3 over AB-6 (guangwu-street 第三十条 "上班期间窗口不空岗", 第三十八条(一) → 通报批评): S1, on W1's
    roster from Wednesday 3/4, never comes: W1 is empty the whole office day (judged on 3/5), a violation no event
    records — its tier says so."""
    rows = [{"type": "post_assigned", "at": "2026-03-04T00:00", "staff": "S1", "window": "W1",
             "first_day": "2026-03-04"}]
    report = run(only_rules(load_variant("guangwu-street"), "AB-6", "ESC-3"), events(*rows), "2026-03-05")
    (empty,) = [v for v in report.verdicts if v.rule == "AB-6"]
    (tier,) = [v for v in report.verdicts if v.rule == "ESC-3"]
    assert (str(empty.subject), empty.on, empty.evidence) == ("window:W1", date(2026, 3, 4), ())
    assert tier.explanation == ("第三十八条(一) 上班期间早退、迟到、擅自离岗，上班期间窗口出现空岗："
                                "2026-03-04（AB-6，无事件） → 通报批评。")
