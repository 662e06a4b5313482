"""The chain view: one inquiry's responsibility chain in words, step by step (首问 / 首办, FIR).

:func:`render_chain` prints the chain the FIR policies read
(:mod:`bianmin_rules.families.first_inquiry.chain`): each step with when, who, what, and
who is responsible after it, then how the chain ended — in Chinese, or in the language of
the ``words`` given, from the label catalogue.
"""

from __future__ import annotations

from bianmin_rules.core.words import Message, say, word
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
from bianmin_rules.views.labels import Words, zh

PHASE_WORDS = {Phase.INQUIRY: zh("首问"), Phase.HANDLING: zh("首办")}
"""The phases of the chain, as the texts name them."""
CHANNEL_WORDS = {Channel.IN_PERSON: zh("来访"), Channel.PHONE: zh("来电"), Channel.LETTER: zh("来信")}
"""How an inquiry came in."""
REMIT_WORDS = {
    Remit.OWN: zh("属本人职责"), Remit.CENTRE: zh("属中心其他窗口职责"), Remit.OUTSIDE: zh("不属本中心职责"),
    Remit.UNCLEAR: zh("职责不明确"),
}
"""Whose duty the matter is (FIR-1)."""
REASON_WORDS = {
    DischargeReason.NOT_ALLOWED: zh("法律政策不允许办理"),
    DischargeReason.LEADER_INSTRUCTION: zh("请示领导后答复"),
    DischargeReason.OUTSIDE_CENTRE: zh("不属本中心职责，告知主管机关"),
}
"""Why a discharge may end the chain (FIR-7)."""


def action(link: Link) -> Message:
    """What happened at a link, in words."""
    if link.step is not None:
        return describe(link.step)
    if isinstance(link.closing, Rejection):
        return say("办件 {case} 驳回", case=link.case or "")
    return say("办件 {case} 办结", case=link.case or "")


def describe(step: InquiryStep) -> Message:
    """What a step did, in words."""
    if isinstance(step, Asked):
        matter = say("「{matter}」", matter=step.matter) if step.matter else ""
        return say("首问：{channel}咨询{matter}，{remit}", channel=word(CHANNEL_WORDS[step.channel]), matter=matter,
                   remit=word(REMIT_WORDS[step.remit]))
    if isinstance(step, Recorded):
        return say("记录事项及来电人姓名、电话") if step.contact_recorded else say("记录事项（未记来电人姓名、电话）")
    if isinstance(step, Referred):
        target = " ".join(x for x in (step.to_window, step.to_staff) if x) or word(zh("（未指明）"))
        absent = say("（承办人不在岗）") if step.handler_absent else ""
        return say("引导至 {target}{absent}", target=target, absent=absent)
    if isinstance(step, Arranged):
        when = say("约定 {at}", at=f"{step.appointment:%Y-%m-%d %H:%M}") if step.appointment else say("未约定时间")
        if step.contact_given:
            return say("联系承办人 {staff}，{when}，已告知承办人联系方式", staff=step.with_staff, when=when)
        return say("联系承办人 {staff}，{when}，未告知承办人联系方式", staff=step.with_staff, when=when)
    if isinstance(step, LeaderAsked):
        return say("请示领导 {leader}", leader=step.leader) if step.leader else say("请示领导")
    if isinstance(step, Refused):
        return say("以「{words}」回绝", words=step.words) if step.words else say("回绝")
    if isinstance(step, Taken):
        taken = say("接办 办件 {case}", case=step.case) if step.case else say("接办")
        if step.promised_date:
            return say("{taken}，承诺 {day} 办结", taken=taken, day=step.promised_date)
        return taken
    if isinstance(step, Handed):
        consent = say("未经领导同意")
        if step.leader_consent:
            consent = say("经领导 {leader} 同意", leader=step.leader) if step.leader else say("经领导同意")
        return say("移交 {staff}（{consent}）", staff=step.to_staff, consent=consent)
    if isinstance(step, FollowedUp):
        return say("督办")
    if isinstance(step, Discharged):
        return say("免责办结：{reason}", reason=word(REASON_WORDS[step.reason]))
    assert isinstance(step, Replied)
    return say("答复服务对象（电话/短信）") if step.by_phone else say("答复服务对象")


def responsible_words(link: Link) -> Message:
    """Who is responsible after a link, with the phase: ``S-wang（首问）`` or ``—（已结束）``."""
    if link.responsible is None:
        return say("—（已结束）")
    return say("{staff}（{phase}）", staff=link.responsible, phase=word(PHASE_WORDS[link.phase]))


def render_chain(chain: Chain, words: Words | None = None) -> str:
    """The chain as text, one numbered line per step: when, who, what, and who is responsible after it."""
    words = words or Words()
    lines = [
        words(say("咨询 {inquiry} 的首问首办责任链", inquiry=chain.inquiry)),
        words(say("首问责任人：{staff}（{channel}，{at}）", staff=chain.first,
                  channel=word(CHANNEL_WORDS[chain.asked.channel]), at=f"{chain.asked.at:%Y-%m-%d %H:%M}")),
    ]
    if chain.case is not None:
        lines.append(words(say("关联办件：{case}", case=chain.case.case)))
    lines.append("")
    for number, link in enumerate(chain.links, start=1):
        effect = words(say("（{effect}）", effect=link.effect)) if link.effect else ""
        after = words(say("责任人：{staff}", staff=responsible_words(link)))
        what = words(action(link)) + effect
        lines.append(f"{number}. {link.at:%Y-%m-%d %H:%M}  {link.actor or '—'}  {what}  → {after}")
    end = chain.end
    lines.append("")
    if end is None:
        last = chain.links[-1]
        lines.append(words(say("结果：责任链尚未结束，现由 {staff} 负责。", staff=responsible_words(last))))
    else:
        lines.append(words(say("结果：{at} {action}，责任链结束。", at=f"{end.at:%Y-%m-%d %H:%M}", action=action(end))))
    return "\n".join(lines) + "\n"
