"""The case rules of the variants in the brief, as policy tables, each quoting its article.

These tables show that every number of the CASE, TL, OTN, JA and REG rules of
county-centre, jiangxi-town, town-basic, town-conduct-100, jianshe-street,
guangwu-street, the tangdaohe-town village template, community-hall,
shandong-guideline and shouzhan-town is expressible as a parameter; the tests build
variants from them with ``make_variant``. county-centre's own case rules are those of the
built-in file (``county_case_rules``); the tables below remain for tests of one policy.
"""

from __future__ import annotations

from typing import Any

from bianmin_rules import Variant
from tests.conftest import make_variant, only_rules

Table = dict[str, Any]


def cite(document: str, article: str, quote: str) -> dict[str, str]:
    """A citation table."""
    return {"document": document, "article": article, "quote": quote}


# -- county-centre (source text 004) -------------------------------------------------------------

SIX_TYPES = "县政务服务中心审批事项“六件”分类法操作规程"
TIME_LIMIT_RULES = "县政务服务中心全面实行首问责任制、限时办结制、责任追究制管理制度"
ASSESSMENT = "县政务服务中心部门窗口及窗口工作人员考核办法"
COUNTY_RULES = "县政务服务中心管理通则"

COUNTY_ARTICLE_23_TYPES = {
    "immediate": "即办件", "promised": "承诺件", "joint": "联办件", "reply": "答复件", "forwarded": "转报件",
}
"""CASE-2: the second, inconsistent list of the same compendium (管理通则 第二十三条)."""

COUNTY_RECEIPT_NOTICE: Table = {
    "kind": "receipt-notice", "rule": "TL-3", "case_types": ["promised"], "points": "-1",
    "source": cite(ASSESSMENT, "二、(二)3", "受理承诺件时，未向服务对象提供承诺件通知单的，每件次扣1分"),
}
COUNTY_SINGLE_NOTICE: Table = {
    "kind": "single-notice", "rule": "OTN-2",
    "source": cite(SIX_TYPES, "三、(二)1", "通知书必须一次性明确告知服务对象需补办的事项。"),
}
COUNTY_REPEAT_TRIPS: Table = {
    "kind": "repeat-trips", "rule": "OTN-5", "points": "-1",
    "source": cite(ASSESSMENT, "二、(二)2",
        "未一次性书面告知服务对象其申办事项所需全部资料的，造成服务对象多次奔跑，经查实每起扣1分"),
}
COUNTY_NOTICE_LADDER: Table = {
    "kind": "offence-ladder", "rule": "OTN-6", "counts": ["OTN-2", "OTN-5"], "once_per": "case", "period": "year",
    "per": "staff",
    "tiers": [
        {"occurrence": 1, "tier": "批评教育", "level": 1},
        {"occurrence": 2, "tier": "诫勉谈话", "level": 2},
        {"occurrence": 3, "tier": "通报批评", "level": 3},
    ],
    "source": cite(TIME_LIMIT_RULES, "一、(三)3",
        "对窗口工作人员不履行一次性告知义务，被服务对象投诉的，第一次对责任人进行批评教育，第二次对责任人进行诫勉谈话，"
        "第三次对责任人进行通报批评。"),
}
COUNTY_JOINT_LEAD: Table = {
    "kind": "joint-lead", "rule": "JA-1", "lead_rule": "receiving_window",
    "source": cite(SIX_TYPES, "四、(二)1、3", "联办件的受理窗口部门为联办牵头部门……联办牵头部门应立即通知各相关部门。"),
}
COUNTY_OUTSIDE_WINDOW: Table = {
    "kind": "outside-centre", "rule": "REG-5", "points": "-2", "charge_to": "window",
    "ways": ["accepted_outside", "certificate_outside", "charged_outside"],
    "source": cite(ASSESSMENT, "一、(三)2", "办件存在“体外循环”或两头受理的……每件扣2分"),
}
COUNTY_OUTSIDE_STAFF: Table = {
    "kind": "outside-centre", "rule": "REG-5", "points": "-2", "charge_to": "staff", "ways": ["sent_to_department"],
    "source": cite(ASSESSMENT, "二、(二)1",
        "已纳入中心受理的审批事项，工作人员要求服务对象到本部门或上级部门办理与审批事项相关事宜的，每件次扣2分"),
}
COUNTY_COMPLETION: Table = {
    "kind": "completion-rate", "rule": "TL-12", "period": "quarter",
    "source": cite(ASSESSMENT, "二、(四)2", "规定时限内办结率达到100%，得10分。办结率每减少一个百分点，扣0.5分"),
}


def county_case_rules() -> Variant:
    """county-centre's case rules (TL, OTN, JA, REG) as the built-in file states them, without the other families."""
    from bianmin_rules import load_variant

    return only_rules(load_variant("county-centre"), "TL-", "OTN-", "JA-", "REG-")


# -- jiangxi-town (source text 000, section 14) ----------------------------------------------------

JIANGXI = "便民服务中心管理制度 14（江西某镇综合便民服务中心）"
JIANGXI_CASE_TYPES = {"immediate": "即办件", "promised": "承诺办件"}

JIANGXI_PROMISED: Table = {
    "kind": "promised-limit", "rule": "TL-9", "points_per_day": "-2",
    "source": cite(JIANGXI, "二、(一)4(3)①", "办件超承诺时限的，每件每超过1天扣2分。"),
    "extension": {
        "rule": "TL-5", "require_copy_to_centre": True, "unexplained_overdue": False,
        "source": cite(JIANGXI, "一、(四)3",
            "遇特殊情况需延期办结的，延期后整个办结时间不得超过法定的最高期限，"
            "并书面告知申请人延期办结理由和延期具体时限，同时抄送行政服务中心管理机构。"),
    },
}
JIANGXI_RECEIPT_NOTICE: Table = {
    "kind": "receipt-notice", "rule": "TL-3",
    "source": cite(JIANGXI, "一、(四)2", "属承诺办件的，应向申请人出具受理通知书，并注明办结时间。"),
}
JIANGXI_REPEAT_TRIPS: Table = {
    "kind": "repeat-trips", "rule": "OTN-5", "points": "-3", "min_trips": 2,
    "source": cite(JIANGXI, "二、(一)4(3)①",
        "由于窗口工作人员没有履行一次性告知制度，造成服务对象2次以上往返跑的，每件扣3分。"),
}
JIANGXI_NOTICE_CONTENT: Table = {
    "kind": "notice-content", "rule": "OTN-7",
    "source": cite(JIANGXI, "一、(二)3",
        "一次性告知单（“退件、补办件回执单”）的内容应包括：承办单位、经办人员、申报时间、申报事项、"
        "规定办理程序和材料或需补充材料和手续、承诺时限和查询方式等。"),
}
JIANGXI_JOINT_LATE: Table = {
    "kind": "joint-review-deadline", "rule": "JA-4", "points_per_day": "-2",
    "source": cite(JIANGXI, "二、(一)4(3)①", "联办件超时办结的，责任窗口每件每超1天扣2分"),
}
JIANGXI_JOINT_REVIEW: Table = {
    "kind": "joint-review-deadline", "rule": "JA-2",
    "source": cite(JIANGXI, "一、(五)4(4)",
        "各相关审批窗口应从网上审批收件之日起，在规定的工作日内完成审批或报批工作。"),
}
JIANGXI_DEEMED: Table = {
    "kind": "deemed-approval", "rule": "JA-3",
    "source": cite(JIANGXI, "一、(五)6",
        "有关窗口受理后未在承诺时限内参加协调会议、联合踏勘和及时办结，又没有做出合理解释和书面说明，"
        "视为默认许可审批事项……由此而产生的一切后果由超时、缺席站所承担。"),
}
JIANGXI_MEETING_ABSENCE: Table = {
    "kind": "finding-penalty", "rule": "JA-4", "findings": ["joint_meeting_absent"], "points": "-2",
    "source": cite(JIANGXI, "二、(一)4(3)①", "联审会无故缺席的，每次扣2分"),
}
JIANGXI_MEETING_RULES: Table = {
    "kind": "finding-penalty", "rule": "JA-4", "findings": ["joint_meeting_rules"], "points": "-1",
    "source": cite(JIANGXI, "二、(一)4(3)①", "违反联审会有关规定的，每次扣1分"),
}
JIANGXI_REGISTRATION: Table = {
    "kind": "timely-registration", "rule": "REG-3", "points": "-2",
    "source": cite(JIANGXI, "一、(七)2", "申请人通过窗口提交申请的，应及时录入网上审批系统，不得在办结后补录。"),
}
JIANGXI_FAKED: Table = {
    "kind": "faked-completion", "rule": "REG-3", "points": "-2",
    "source": cite(JIANGXI, "二、(一)4(3)①", "实际未办结，但弄虚作假点击办结的，每件扣2分"),
}


def jiangxi_case_rules(*extra: Table) -> Variant:
    """jiangxi-town's case rules."""
    return make_variant(
        {"kind": "immediate-same-day", "rule": "TL-1",
         "source": cite(JIANGXI, "一、(四)2", "属即办件的，窗口工作人员应当场办结")},
        JIANGXI_PROMISED, JIANGXI_RECEIPT_NOTICE, JIANGXI_REPEAT_TRIPS, JIANGXI_NOTICE_CONTENT,
        JIANGXI_JOINT_REVIEW, JIANGXI_JOINT_LATE, JIANGXI_DEEMED, JIANGXI_MEETING_ABSENCE, JIANGXI_MEETING_RULES,
        JIANGXI_REGISTRATION, JIANGXI_FAKED, *extra, case_types=JIANGXI_CASE_TYPES,
    )


# -- town-basic (source text 000, section 1) -------------------------------------------------------

TOWN_BASIC = "便民服务中心管理制度 1"
TOWN_BASIC_CASE_TYPES = {"promised": "承诺件", "supplement": "补办件", "joint": "联办件", "returned": "退回件"}


def town_basic_case_rules() -> Variant:
    """town-basic: one-time notice (三(四)), time limits (三(六))."""
    return make_variant(
        {"kind": "promised-limit", "rule": "TL-2",
         "source": cite(TOWN_BASIC, "三、(六)3", "对外明确承诺了办结时限的，必须在承诺时限内办结。"),
         "extension": {"rule": "TL-5", "require_written": False, "unexplained_overdue": True,
                       "source": cite(TOWN_BASIC, "三、(六)4",
                           "因特殊原因不能按期办结的，必须向服务对象作出说明。若超过办理时限，"
                           "又无特殊理由且未事先说明的，视作当事人的申诉处理。")}},
        {"kind": "notice-content", "rule": "OTN-1",
         "required": ["materials", "procedure", "promised_limit", "fees", "legal_basis"],
         "source": cite(TOWN_BASIC, "三、(四)1",
             "窗口工作人员必须一次性明确告知办理所咨询事项需要提交的有关材料、办理程序、承诺时限、"
             "收费标准和办事的法律法规政策依据、要求。")},
        {"kind": "single-notice", "rule": "OTN-2",
         "source": cite(TOWN_BASIC, "三、(四)4",
             "对于申报材料不齐作补办件收件的事项，要在补办通知单中一次性告知服务对象所需补充的有关材料。")},
        {"kind": "rejection-reasons", "rule": "OTN-4",
         "source": cite(TOWN_BASIC, "三、(四)6",
             "对不符合批准条件作退回件处理的，要以书面形式一次性告知被服务对象退回的原因")},
        case_types=TOWN_BASIC_CASE_TYPES,
    )


# -- town-conduct-100 (source text 000, section 3) --------------------------------------------------

TOWN_CONDUCT = "便民服务中心管理制度 3"


def town_conduct_case_rules(default_limit: Table | int | None = None) -> Variant:
    """town-conduct-100: 绩 2, −10 per case over the promised limit; the usual limit 3–5 days."""
    policy: Table = {
        "kind": "promised-limit", "rule": "TL-9", "case_types": ["promised", "reported"], "points": "-10",
        "source": cite(TOWN_CONDUCT, "工作人员考核细则 四、2", "按规定时限办结。超过承诺时限的，每一件扣10分。"),
    }
    if default_limit is not None:
        policy["default_limit"] = default_limit
    return make_variant(
        {"kind": "immediate-same-day", "rule": "TL-1",
         "source": cite(TOWN_CONDUCT, "限时办结制度 1", "可当场办结的，办事人员要即收即办，现场办结。")},
        policy, case_types={"immediate": "即收即办", "promised": "承诺办结", "reported": "转报、上报"},
    )


# -- jianshe-street (source text 002) ---------------------------------------------------------------

JIANSHE = "建设街政务中心规章制度"

JIANSHE_NOTICE_DEADLINE: Table = {
    "kind": "notice-deadline", "rule": "OTN-3", "limit": 5, "written_only": True,
    "source": cite(JIANSHE, "窗口服务规范 五",
        "申请材料不齐全或不符合法定要求的，应一次性书面告知其需补齐的全部材料内容。确实不能当场告知的，"
        "应在5个工作日内一次性告知。"),
}


def jianshe_case_rules() -> Variant:
    """jianshe-street: 5-working-day one-time notice, published limits."""
    return make_variant(
        JIANSHE_NOTICE_DEADLINE,
        {"kind": "promised-limit", "rule": "TL-2",
         "source": cite(JIANSHE, "窗口服务承诺制 六",
             "证件齐全、手续完备的，按公开承诺的办理时限给予办妥，绝不拖延。")},
        case_types={"immediate": "当场办结", "promised": "承诺办理"},
    )


# -- guangwu-street (source text 000, section 13) ---------------------------------------------------

GUANGWU = "光武街道政务服务中心管理办法"
GUANGWU_CASE_TYPES = {"immediate": "即办件", "returned": "退回件", "reported": "上报件", "joint": "联办件"}
GUANGWU_FINE = cite(GUANGWU, "第三十八条", "由中心给予通报批评并扣除考核奖金100元")


def guangwu_case_rules() -> Variant:
    """guangwu-street: four case types, lead department, refusals recorded, 100-yuan deductions."""
    return make_variant(
        {"kind": "immediate-same-day", "rule": "TL-1", "source": cite(GUANGWU, "第十六条", "即办件即来即办")},
        {"kind": "promised-limit", "rule": "TL-2", "case_types": ["reported"], "fine": "100",
         "source": cite(GUANGWU, "第十六条、第三十八条(二)", "上报件必须在承诺期限内办理")},
        {"kind": "rejection-decision", "rule": "TL-7", "case_types": ["returned"],
         "source": cite(GUANGWU, "第十六条", "按即办件、退回件、上报件、联办件等进行分类处理")},
        {"kind": "joint-lead", "rule": "JA-1", "lead_rule": "first_handling_else_issuing",
         "general_windows": ["W-综合受理"],
         "source": cite(GUANGWU, "第十八条",
             "可以确定首办受理部门的由其作为牵头部门；不能确定首办受理部门的，由最终发证、发照、发文的部门作为牵头部门")},
        {"kind": "refusal-recorded", "rule": "REG-4",
         "source": cite(GUANGWU, "第十九条",
             "窗口实行否定报备制度。对申请人所提出的申请，窗口工作人员作出不予受理等决定的，须做好记录。")},
        {"kind": "outside-centre", "rule": "REG-5", "fine": "100",
         "ways": ["accepted_outside", "certificate_outside", "charged_outside"],
         "source": cite(GUANGWU, "第三十八条(三)", "应当进入中心窗口办理的事项拒不进入或进入后仍在窗口外进行办理的")},
        {"kind": "timely-registration", "rule": "REG-3",
         "source": cite(GUANGWU, "第十六条",
             "窗口工作人员受理申报材料后应立即进行审查，按规定将受理事项在行政审批系统中登记")},
        {"kind": "single-notice", "rule": "OTN-2", "fine": "100",
         "source": cite(GUANGWU, "第二十二条、第三十八条(四)",
             "对资料不齐全的，应一次性告知需提交的全部资料及规格、式样和相关要求。")},
        case_types=GUANGWU_CASE_TYPES,
    )


# -- tangdaohe-town village template (source text 003) ------------------------------------------------

VILLAGE = "村便民服务中心制度范本"
VILLAGE_CASE_TYPES = {
    "immediate": "即办件", "promised": "承诺件", "reported": "上报件", "urgent": "急办件", "supplement": "补办件",
    "returned": "退办件",
}
VILLAGE_NOTICE_DEADLINE: Table = {
    "kind": "notice-deadline", "rule": "OTN-3",
    "source": cite(VILLAGE, "一次性告知制度 二",
        "事项复杂，确实不能当场告知的，应在最短时间内告知，时间最长不得超过____个工作日。"),
}


def village_case_rules(notice_limit: int | None = None) -> Variant:
    """The village template: 六件制 and the blank notice limit (the variant must fill it in)."""
    notice = dict(VILLAGE_NOTICE_DEADLINE)
    if notice_limit is not None:
        notice["limit"] = notice_limit
    return make_variant(
        notice,
        {"kind": "promised-limit", "rule": "TL-2", "case_types": ["promised", "reported", "urgent"],
         "source": cite(VILLAGE, "限时办结制", "受理的申报件必须在公开承诺时限内办结。")},
        case_types=VILLAGE_CASE_TYPES,
    )


# -- community-hall (source text 001), shandong-guideline (000 §12), shouzhan-town (000 §10) ----------

COMMUNITY_REPEAT_TRIPS: Table = {
    "kind": "repeat-trips", "rule": "OTN-5", "min_trips": 2, "reimburse_travel": True,
    "source": cite("社区服务中心制度样式 一次性告知制度", "五",
        "能一次性告知清楚而未明确告知，致使服务对象跑二趟……除按规定追究相关人员责任外，"
        "承办人应赔偿服务对象的往返交通费。"),
}
SHANDONG_PAPER: Table = {
    "kind": "duplicate-paper", "rule": "REG-6",
    "source": cite("便民服务中心管理制度 12（山东省便民服务中心规范指引）", "第十九条",
                   "已在线收取申请材料或通过部门间数据共享能获取规范化电子材料的，不得要求申请人重复提交纸质材料。"),
}
SHOUZHAN_REFUSAL: Table = {
    "kind": "refusal-recorded", "rule": "REG-4", "require_report": True,
    "source": cite("便民服务中心管理制度 10（首占镇）", "(六)",
        "对群众申请事项决定不予受理、办理的，负责经办的窗口工作人员应当登记备案并向主管负责人报告。"),
}
