"""The chain view: one inquiry's responsibility chain in words, step by step (首问 / 首办, FIR).

:func:`render_chain` prints the chain the FIR policies read
(:mod:`bianmin_rules.families.first_inquiry.chain`): each step with when, who, what, and
who is responsible after it, then how the chain ended.
"""

from __future__ import annotations

from bianmin_rules.families.cases.ledger import Rejection
from bianmin_rules.families.first_inquiry.chain import Chain, Link, Phase
from bianmin_rules.families.first_inquiry.events import Channel, DischargeReason, Remit
from bianmin_rules.families.first_inquiry.ledger import (
    Arranged,
    Asked,
    Discharged,
    FollowedUp,
    Handed,
    InquiryStep,
    LeaderAsked,
    Recorded,
    Referred,
    Refused,
    Replied,
    Taken,
)

PHASE_WORDS = {Phase.INQUIRY: "首问", Phase.HANDLING: "首办"}
CHANNEL_WORDS = {Channel.IN_PERSON: "来访", Channel.PHONE: "来电", Channel.LETTER: "来信"}
REMIT_WORDS = {
    Remit.OWN: "属本人职责", Remit.CENTRE: "属中心其他窗口职责", Remit.OUTSIDE: "不属本中心职责",
    Remit.UNCLEAR: "职责不明确",
}
REASON_WORDS = {
    DischargeReason.NOT_ALLOWED: "法律政策不允许办理",
    DischargeReason.LEADER_INSTRUCTION: "请示领导后答复",
    DischargeReason.OUTSIDE_CENTRE: "不属本中心职责，告知主管机关",
}


def action(link: Link) -> str:
    """What happened at a link, in words."""
    if link.step is not None:
        return describe(link.step)
    return f"办件 {link.case} {'驳回' if isinstance(link.closing, Rejection) else '办结'}"


def describe(step: InquiryStep) -> str:
    """What a step did, in words."""
    if isinstance(step, Asked):
        matter = f"「{step.matter}」" if step.matter else ""
        return f"首问：{CHANNEL_WORDS[step.channel]}咨询{matter}，{REMIT_WORDS[step.remit]}"
    if isinstance(step, Recorded):
        return "记录事项及来电人姓名、电话" if step.contact_recorded else "记录事项（未记来电人姓名、电话）"
    if isinstance(step, Referred):
        target = " ".join(x for x in (step.to_window, step.to_staff) if x) or "（未指明）"
        return f"引导至 {target}" + ("（承办人不在岗）" if step.handler_absent else "")
    if isinstance(step, Arranged):
        when = f"约定 {step.appointment:%Y-%m-%d %H:%M}" if step.appointment else "未约定时间"
        told = "已告知" if step.contact_given else "未告知"
        return f"联系承办人 {step.with_staff}，{when}，{told}承办人联系方式"
    if isinstance(step, LeaderAsked):
        return f"请示领导 {step.leader}" if step.leader else "请示领导"
    if isinstance(step, Refused):
        return f"以「{step.words}」回绝" if step.words else "回绝"
    if isinstance(step, Taken):
        parts = ["接办"] + ([f"办件 {step.case}"] if step.case else [])
        promise = f"，承诺 {step.promised_date} 办结" if step.promised_date else ""
        return " ".join(parts) + promise
    if isinstance(step, Handed):
        consent = "未经领导同意"
        if step.leader_consent:
            consent = f"经领导 {step.leader} 同意" if step.leader else "经领导同意"
        return f"移交 {step.to_staff}（{consent}）"
    if isinstance(step, FollowedUp):
        return "督办"
    if isinstance(step, Discharged):
        return f"免责办结：{REASON_WORDS[step.reason]}"
    assert isinstance(step, Replied)
    return "答复服务对象" + ("（电话/短信）" if step.by_phone else "")


def responsible_words(link: Link) -> str:
    """Who is responsible after a link, with the phase: ``S-wang（首问）`` or ``—（已结束）``."""
    if link.responsible is None:
        return "—（已结束）"
    return f"{link.responsible}（{PHASE_WORDS[link.phase]}）"


def render_chain(chain: Chain) -> str:
    """The chain as text, one numbered line per step: when, who, what, and who is responsible after it."""
    lines = [
        f"咨询 {chain.inquiry} 的首问首办责任链",
        f"首问责任人：{chain.first}（{CHANNEL_WORDS[chain.asked.channel]}，{chain.asked.at:%Y-%m-%d %H:%M}）",
    ]
    if chain.case is not None:
        lines.append(f"关联办件：{chain.case.case}")
    lines.append("")
    for number, link in enumerate(chain.links, start=1):
        effect = f"（{link.effect}）" if link.effect else ""
        lines.append(
            f"{number}. {link.at:%Y-%m-%d %H:%M}  {link.actor or '—'}  {action(link)}{effect}"
            f"  → 责任人：{responsible_words(link)}"
        )
    end = chain.end
    lines.append("")
    if end is None:
        last = chain.links[-1]
        lines.append(f"结果：责任链尚未结束，现由 {responsible_words(last)} 负责。")
    else:
        lines.append(f"结果：{end.at:%Y-%m-%d %H:%M} {action(end)}，责任链结束。")
    return "\n".join(lines) + "\n"
