"""Posts at the windows: the duty roster, leaving and returning, covering, whereabouts (AB).

A window is on post while at least one staff member is at it. Sign-ins put a staff
member on post at their window and sign-outs take them off; these events add what
happens in between (see docs/attendance.md).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from bianmin_rules.core.events import Identifier, Name, example
from bianmin_rules.families.attendance.events import StaffEvent


class WindowEvent(StaffEvent):
    """An event about one staff member at one window; both must be named."""

    window: Name = Field(description="The window concerned.")


class PostAssigned(WindowEvent):
    """The duty roster (值班表, AB岗): a staff member is on duty at a window from ``first_day``.

    A staff member with an assignment is on duty on every working day from
    ``first_day`` (default: the day of ``at``) to ``last_day`` (default: open-ended);
    absence without leave is derived on those days only (ATT-2). ``post`` is A or B
    where the window runs AB posts (AB-1, AB-3); ``department`` groups windows that
    must keep one person on duty between them (AB-2).
    """

    model_config = example(
        '{"type": "post_assigned", "id": "r1", "at": "2026-03-01T00:00:00", "staff": "S-wang", '
        '"window": "W-market", "post": "A", "department": "市场监管所", "first_day": "2026-03-01"}'
    )

    type: Literal["post_assigned"] = "post_assigned"
    post: Literal["A", "B"] | None = Field(default=None, description="A or B where the window runs AB posts.")
    department: Identifier | None = Field(default=None, description="The department the window belongs to.")
    first_day: date | None = Field(default=None, description="The first day on duty (default: the day of at).")
    last_day: date | None = Field(default=None, description="The last day on duty (default: open-ended).")

    @model_validator(mode="after")
    def _days_in_order(self) -> PostAssigned:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValueError(f"last_day ({self.last_day}) is before first_day ({self.first_day})")
        return self


class PostLeft(WindowEvent):
    """A staff member left the window during the day (离岗) (AB-1, ATT-3, AB-5).

    ``permitted_by`` names the role that allowed it (e.g. 大厅负责人); without it the
    post was left without permission (擅离岗位).
    """

    model_config = example(
        '{"type": "post_left", "id": "p1", "at": "2026-03-02T10:05:00", "staff": "S-wang", '
        '"window": "W-market", "reason": "送材料到规建办"}'
    )

    type: Literal["post_left"] = "post_left"
    permitted_by: Identifier | None = Field(default=None, description="The role that permitted it, if any.")
    reason: str | None = Field(default=None, description="Why, as recorded.")


class PostReturned(WindowEvent):
    """A staff member came back to the window."""

    model_config = example(
        '{"type": "post_returned", "id": "p2", "at": "2026-03-02T10:40:00", "staff": "S-wang", '
        '"window": "W-market"}'
    )

    type: Literal["post_returned"] = "post_returned"


class PostCovered(WindowEvent):
    """A substitute (``staff``) took over the window (顶岗, 补岗) for ``for_staff`` (AB-1, AB-4).

    The cover lasts until ``for_staff`` comes back to the window (which sends the
    substitute back where they were), or until the substitute leaves it or signs out.
    """

    model_config = example(
        '{"type": "post_covered", "id": "p3", "at": "2026-03-02T10:06:00", "staff": "S-li", '
        '"window": "W-market", "for_staff": "S-wang"}'
    )

    type: Literal["post_covered"] = "post_covered"
    for_staff: Name | None = Field(default=None, description="The staff member covered for.")


class WhereaboutsPosted(StaffEvent):
    """A note of a temporary absence posted at the window (去向公示, AB-5): where, why, how to reach."""

    model_config = example(
        '{"type": "whereabouts_posted", "id": "p4", "at": "2026-03-02T10:04:00", "staff": "S-wang", '
        '"window": "W-market", "where": "规建办", "why": "送材料", "contact": "13800000000"}'
    )

    type: Literal["whereabouts_posted"] = "whereabouts_posted"
    where: str | None = Field(default=None, description="Where the staff member went (去向).")
    why: str | None = Field(default=None, description="Why (事由).")
    contact: str | None = Field(default=None, description="How to reach them (联系方式).")
