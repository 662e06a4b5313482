"""The home-visit rule of 青石镇 代办帮办服务办法 第四条 (DB-1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from bianmin_rules import Books, Context, PolicyBase, Verdict
from bianmin_rules.core.deadlines import Limit
from bianmin_rules.core.duties import judge_duty
from bianmin_rules.core.verdicts import answerable
from bianmin_rules.core.words import say
from qingshi_proxy.ledger import PROXY_FILES


class HomeVisitDeadline(PolicyBase):
    """DB-1: the proxy visits the applicant within ``limit`` of the request, or at the time agreed.

    青石镇 代办帮办服务办法 第四条: "代办员接到代办申请后，应当在2个工作日内上门服务；
    申请人另行约定上门时间的，按照约定时间上门。" The limit runs from the day of the
    request (not counted, CAL-1); a visit agreed for a later day is due on that day. A visit
    late, or none by the day of evaluation after the due day, is a violation of the proxy.
    """

    kind: Literal["home-visit-deadline"] = "home-visit-deadline"
    limit: Limit = Field(description="The visit limit from the day of the request; a number = working days.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """A verdict for each request visited late, or not visited past its due day."""
        for file in books[PROXY_FILES].values():
            requested = file.requested
            if requested is None:
                continue
            agreed = requested.appointment.date() if requested.appointment is not None else None
            due = agreed or self.limit.due_date(requested.day, context.calendar)
            visit = file.visits[0] if file.visits else None
            duty = judge_duty(context, due=due, done=visit.day if visit else None)
            if duty is None:
                continue
            when = (f"约定于{agreed}上门" if agreed
                    else f"自申请之日（{requested.day}）起{self.limit.label()}内上门，届满日为{due}")
            outcome = duty.outcome(say("上门服务"), context.as_of)
            yield self.verdict(
                context, subject=answerable(requested.staff, requested.window), kind=duty.kind, on=duty.on,
                explanation=f"代办申请 {file.request}（{requested.matter}）：应{when}；{outcome}。",
                deadline=duty.trace(self.limit, requested.day, "代办申请之日"), due=duty.due, actual=duty.done,
                evidence=(requested.event, *((visit.event,) if visit else ())),
                window=requested.window, staff=requested.staff,
            )
