"""Statutory caps: the longest limits and largest shares the texts allow, for lint.

A variant sets its numbers, but some numbers the texts themselves cap: a variant that
sets more contradicts the text it cites. Each :class:`Cap` names the rule, the policy
kind and parameter it bounds, the maximum, and the words that state it:

| rule | policy kind · parameter | maximum | the text |
| --- | --- | --- | --- |
| TL-6 | `green-channel` · `fraction` | 0.5 | 004 (二)严格实行限时办结制: "压缩到行政法规规定的办结时限的一半以上" |
| TL-7 | `rejection-decision` · `limit` | 3 working days | 004 驳回件 管理 1: "最迟不超过三个工作日" |
| OTN-3 | `notice-deadline` · `limit` | 5 working days | 002 窗口服务规范 五: "应在5个工作日内一次性告知" |
| CMP-1 | `complaint-answer` (rule CMP-1) · `limit` | next day | 000 §1 (七)3, §3 投诉制度 6: "当日或次日" |
| CMP-2 | `complaint-answer` (rule CMP-2) · `limit` | one week | 000 §3 投诉制度 6: "在一周之内作出答复" |
| CMP-3 | `complaint-answer` (rule CMP-3) · `limit` | 15 working days | 002 承诺 四: "在15个工作日内" (the longest) |

OTN-3's 5 working days are also the Administrative Licensing Law's (行政许可法 第三十二条,
counted in working days by 第八十二条); the village template's "最长不得超过____个工作日"
is a blank below that ceiling. CMP-3 groups three texts (jiangxi-town and county-centre:
5 working days; jianshe-street: 15 for matters needing investigation): the cap is the
longest any of them allows.

Limits in different units are compared day by day: a limit exceeds its cap when, for
some start day of the calendar's last official year, it ends later.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bianmin_rules.core.calendar import LAST_OFFICIAL_YEAR, WorkCalendar
from bianmin_rules.core.deadlines import LimitUnit, TimeLimit
from bianmin_rules.core.errors import CalendarError
from bianmin_rules.core.policy import PolicyBase

START_DAYS = 300
"""How many start days of the reference year a comparison across units tries (January to October)."""


@dataclass(frozen=True, slots=True)
class Cap:
    """The most a parameter may be: ``maximum``, stated by ``words`` in ``where``."""

    rule: str
    kind: str
    parameter: str
    maximum: TimeLimit | Decimal
    words: str
    where: str
    rules: tuple[str, ...] = ()
    """Only policies that cite one of these rules (empty: any policy of the kind)."""

    def applies_to(self, policy: PolicyBase) -> bool:
        """Is ``policy`` of the kind (and rule) this cap bounds?"""
        return getattr(policy, "kind", None) == self.kind and (not self.rules or policy.rule in self.rules)

    @property
    def shown(self) -> str:
        """The maximum, in the words of the regulations."""
        return self.maximum.label() if isinstance(self.maximum, TimeLimit) else format(self.maximum, "f")


CAPS: tuple[Cap, ...] = (
    Cap("TL-6", "green-channel", "fraction", Decimal("0.5"), "审批的时限要压缩到行政法规规定的办结时限的一半以上",
        "县政务服务中心管理制度汇编 (二)严格实行限时办结制"),
    Cap("TL-7", "rejection-decision", "limit", TimeLimit(amount=3), "但最迟不超过三个工作日",
        "县政务服务中心审批事项“六件”分类法操作规程 五、(二)1"),
    Cap("OTN-3", "notice-deadline", "limit", TimeLimit(amount=5), "确实不能当场告知的,应在5个工作日内一次性告知",
        "建设街政务中心 窗口服务规范 五（行政许可法 第三十二条）"),
    Cap("CMP-1", "complaint-answer", "limit", TimeLimit(unit=LimitUnit.NEXT_DAY),
        "不能现场答复的,要在当日或次日给予答复", "便民服务中心管理制度 (七)3；投诉制度 6", rules=("CMP-1",)),
    Cap("CMP-2", "complaint-answer", "limit", TimeLimit(amount=1, unit=LimitUnit.WEEK),
        "对比较复杂或涉及两个以上单位需要协调处理的投诉……在一周之内作出答复", "便民服务中心投诉制度 6",
        rules=("CMP-2",)),
    Cap("CMP-3", "complaint-answer", "limit", TimeLimit(amount=15), "需要调查了解的，在15个工作日内答复办理结果",
        "建设街政务中心 承诺 四（CMP-3 诸文本中最长的时限）", rules=("CMP-3",)),
)
"""Every cap lint checks, by rule."""


def breaches(policy: PolicyBase, calendar: WorkCalendar) -> Iterator[tuple[Cap, str]]:
    """The caps ``policy`` exceeds, each with how, in words."""
    for cap in CAPS:
        if not cap.applies_to(policy):
            continue
        value = getattr(policy, cap.parameter, None)
        how = exceeds(value, cap.maximum, calendar)
        if how is not None:
            yield cap, how


def exceeds(value: object, maximum: TimeLimit | Decimal, calendar: WorkCalendar) -> str | None:
    """How ``value`` goes past ``maximum``, or None when it does not (or cannot be compared)."""
    if isinstance(maximum, Decimal):
        over = isinstance(value, Decimal) and value > maximum
        return f"{format(value, 'f')} > {format(maximum, 'f')}" if over else None
    if not isinstance(value, TimeLimit):
        return None
    if value.counted_unit is maximum.counted_unit and value.roll_past_holidays == maximum.roll_past_holidays:
        return f"{value.label()} > {maximum.label()}" if value.counted_amount > maximum.counted_amount else None
    later = first_later_day(value, maximum, calendar)
    if later is None:
        return None
    start, due, capped = later
    return f"{value.label()} from {start} ends on {due}, {maximum.label()} on {capped}"


def first_later_day(value: TimeLimit, maximum: TimeLimit, calendar: WorkCalendar) -> tuple[date, date, date] | None:
    """The first start day on which ``value`` ends after ``maximum``, with both ends; None if there is none."""
    first = date(LAST_OFFICIAL_YEAR, 1, 1)
    for offset in range(START_DAYS):
        start = first + timedelta(days=offset)
        try:
            due, capped = value.due_date(start, calendar), maximum.due_date(start, calendar)
        except CalendarError:  # past the last official year: nothing to compare on that day
            continue
        if due > capped:
            return start, due, capped
    return None
