"""Proxy service (代办帮办) of 青石镇便民服务中心: a rule family of its own for bianmin-rules.

It brings two event types (a request, a visit), one book (the proxy files), one policy
kind (``home-visit-deadline``, DB-1, 第四条) and a note for visits to requests the log never
received. DB-2 (第五条, the proxies' quarterly table) is written in a variant file as an
assessment table that counts DB-1's verdicts. bianmin-rules finds :data:`FAMILY` through
the entry-point group ``bianmin_rules.families`` (see pyproject.toml).
"""

from bianmin_rules import Family
from qingshi_proxy.events import ProxyRequested, ProxyVisited
from qingshi_proxy.ledger import PROXY_FILES, unjudged_requests
from qingshi_proxy.policies import HomeVisitDeadline

FAMILY = Family(
    name="proxy",
    title="proxy service (代办帮办, 青石镇)",
    rules={
        "DB-1": "Home visit within 2 working days, or as agreed (第四条)",
        "DB-2": "The proxies' quarterly table (第五条)",
    },
    events=(ProxyRequested, ProxyVisited),
    books=(PROXY_FILES,),
    policies=(HomeVisitDeadline,),
    notes=unjudged_requests,
)
"""The declaration bianmin-rules reads."""

__all__ = ["FAMILY", "HomeVisitDeadline", "ProxyRequested", "ProxyVisited"]
