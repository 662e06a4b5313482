"""The events of proxy service (代办帮办): a request, and the proxy's visit (青石镇 代办帮办服务办法 第三条、第四条)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bianmin_rules.core.events import ChinaDateTime, EventBase, Identifier, Name, example


class ProxyRequested(EventBase):
    """The centre received a request for proxy service and named the proxy (代办员, ``staff``) who serves it.

    ``appointment`` is the time the applicant agreed for the visit, where they asked for one
    (第四条 "申请人另行约定上门时间的").
    """

    model_config = example(
        '{"type": "proxy_requested", "id": "p1", "at": "2026-03-02T10:00:00", "request": "P-1", '
        '"window": "W-proxy", "staff": "S-zhao", "matter": "高龄津贴申领"}'
    )

    type: Literal["proxy_requested"] = "proxy_requested"
    request: Identifier = Field(description="The request (代办申请).")
    staff: Name = Field(description="The proxy who serves it (代办员).")
    matter: str = Field(min_length=1, description="What the applicant asks to have done.")
    appointment: ChinaDateTime | None = Field(default=None, description="The visit time agreed, if any.")


class ProxyVisited(EventBase):
    """The proxy (``staff``) visited the applicant at home for the request (上门服务)."""

    model_config = example(
        '{"type": "proxy_visited", "id": "p2", "at": "2026-03-04T15:00:00", "request": "P-1", "staff": "S-zhao"}'
    )

    type: Literal["proxy_visited"] = "proxy_visited"
    request: Identifier = Field(description="The request served.")
    staff: Name = Field(description="The proxy who visited.")
