"""The staff's day: sign-ins, leave requests and approvals, meetings, extended service, posts.

The rules of the ATT, LV, AB and CAL-4/CAL-5 families read these events (see
docs/attendance.md); they are all filed in the staff files. Every event names the staff
member it concerns (``staff``). A window is on post while at least one staff member is
at it: sign-ins put a staff member on post at their window and sign-outs take them off;
the events of posts (the duty roster, leaving and returning, covering, whereabouts) add
what happens in between.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from bianmin_rules.core.bounds import Day, Days
from bianmin_rules.core.events import ChinaDateTime, EventBase, Identifier, Name, example


class StaffEvent(EventBase):
    """An event about one staff member, who must be named."""

    staff: Name = Field(description="The staff member concerned.")


Session = Literal["morning", "afternoon"]
"""The session a sign-in belongs to, where the sign-in system records it."""


class SignRecord(StaffEvent):
    """A sign-in system's record (CAL-4): ``session`` where the system names it, ``method`` how it was made.

    Without a ``session`` the library takes the session the record arrives for or
    leaves. ``method`` is e.g. ``face``, ``fingerprint`` or ``paper``; ``window``
    defaults to the staff member's rostered window.
    """

    session: Session | None = Field(default=None, description="The session the record is for, if recorded.")
    method: Identifier | None = Field(default=None, description="How the record was made, e.g. face.")


class SignedIn(SignRecord):
    """A staff member signed in (签到): arrived for the day or for a session (CAL-4)."""

    model_config = example(
        '{"type": "signed_in", "id": "s1", "at": "2026-03-02T07:58:00", "staff": "S-wang", '
        '"window": "W-market", "session": "morning", "method": "face"}'
    )

    type: Literal["signed_in"] = "signed_in"


class SignedOut(SignRecord):
    """A staff member signed out (签退): left at the end of the day or of a session (CAL-4)."""

    model_config = example(
        '{"type": "signed_out", "id": "s2", "at": "2026-03-02T12:01:00", "staff": "S-wang", '
        '"window": "W-market", "session": "morning", "method": "face"}'
    )

    type: Literal["signed_out"] = "signed_out"


class LeaveType(StrEnum):
    """The kind of leave asked for."""

    SICK = "sick"
    """病假."""
    PERSONAL = "personal"
    """事假."""
    ANNUAL = "annual"
    """年休假 and other statutory leave."""
    OFFICIAL = "official"
    """因公外出, 出差, 下村: away on official business."""
    OTHER = "other"


class LeaveRequested(StaffEvent):
    """A leave request (请假) for the time ``start`` to ``end`` (LV-1, LV-2, LV-3, AB-4).

    ``leave`` identifies the request; approvals name it. ``days`` is the duration as
    written on the request, which approval tables read; without it the duration is
    the office time between ``start`` and ``end`` in working days. A request made after
    ``start`` is retroactive (补办); ``phoned_ahead`` records that the absence was
    reported by telephone before it began. ``substitute`` names the colleague found to
    cover the post (顶岗人员, AB-4).
    """

    model_config = example(
        '{"type": "leave_requested", "id": "l1", "at": "2026-03-03T16:00:00", "staff": "S-wang", '
        '"window": "W-market", "leave": "L-2026-031", "leave_type": "personal", '
        '"start": "2026-03-05T08:00:00", "end": "2026-03-05T17:30:00", "substitute": "S-li"}'
    )

    type: Literal["leave_requested"] = "leave_requested"
    leave: Identifier = Field(description="The request's id, which approvals name.")
    leave_type: LeaveType = Field(description="sick, personal, annual, official or other.")
    start: ChinaDateTime = Field(description="When the leave begins.")
    end: ChinaDateTime = Field(description="When the leave ends (the staff member is due back).")
    days: Days | None = Field(default=None, gt=0, description="The duration in days as the request states it.")
    substitute: Identifier | None = Field(default=None, description="The colleague who covers the post.")
    phoned_ahead: bool = Field(default=False, description="Reported by telephone before the leave began.")
    medical_record: bool = Field(default=False, description="A hospital record supports a sick leave.")

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> LeaveRequested:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must be after start ({self.start.isoformat()})")
        return self


class LeaveApproved(StaffEvent):
    """One approval of a leave request by the holder of a role (LV-1).

    Where a table asks for a chain (分管领导 reviews, 主要领导 approves), each link is
    one event; ``final`` marks the approval that grants the leave (准假). A review that
    does not grant it has ``final`` false.
    """

    model_config = example(
        '{"type": "leave_approved", "id": "l2", "at": "2026-03-04T09:00:00", "staff": "S-wang", '
        '"leave": "L-2026-031", "approver_role": "中心主任"}'
    )

    type: Literal["leave_approved"] = "leave_approved"
    leave: Identifier = Field(description="The leave request approved.")
    approver_role: Identifier = Field(description="The approver's role, in the words of the regulation.")
    final: bool = Field(default=True, description="This approval grants the leave.")


MeetingStatus = Literal["present", "late", "early", "absent"]
"""How a staff member attended a meeting: on time, late, left early, or not at all."""


class MeetingAttendanceRecorded(StaffEvent):
    """How a staff member attended a meeting, study session or training (ATT-4).

    ``meeting_kind`` is a code the variant's policies name (``meeting``, ``study``,
    ``training``, ``joint_review`` …); ``excused`` marks an absence with a reason
    accepted in advance (无故 means without one).
    """

    model_config = example(
        '{"type": "meeting_attendance_recorded", "id": "m1", "at": "2026-03-06T15:00:00", '
        '"staff": "S-wang", "meeting": "M-2026-03", "meeting_kind": "study", "status": "late"}'
    )

    type: Literal["meeting_attendance_recorded"] = "meeting_attendance_recorded"
    meeting: Identifier = Field(description="The meeting.")
    meeting_kind: Identifier = Field(default="meeting", description="A code the variant names, e.g. study.")
    status: MeetingStatus = Field(description="present, late, early or absent.")
    excused: bool = Field(default=False, description="An absence excused in advance.")


class ServiceExtended(StaffEvent):
    """A staff member was serving an applicant when the session closed (CAL-5).

    ``until`` is when the staff member stopped; ``finished`` is true when the matter
    was done and the applicant had left, false when the staff member closed on an
    applicant still being served. ``by_appointment`` is true when the applicant had
    agreed the extended service with the window beforehand (dahe-town 第十条 "事先与服务
    窗口约定").
    """

    model_config = example(
        '{"type": "service_extended", "id": "x1", "at": "2026-03-02T17:30:00", "staff": "S-wang", '
        '"window": "W-market", "until": "2026-03-02T18:10:00", "case": "C-101"}'
    )

    type: Literal["service_extended"] = "service_extended"
    until: ChinaDateTime = Field(description="When the staff member stopped serving.")
    finished: bool = Field(default=True, description="The matter was done and the applicant had left.")
    case: Identifier | None = Field(default=None, description="The case being served, if any.")
    by_appointment: bool = Field(default=False, description="Agreed with the window beforehand (预约).")

    @model_validator(mode="after")
    def _stops_after_it_starts(self) -> ServiceExtended:
        if self.until < self.at:
            raise ValueError(f"until ({self.until.isoformat()}) is before at ({self.at.isoformat()})")
        return self


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
    first_day: Day | None = Field(default=None, description="The first day on duty (default: the day of at).")
    last_day: Day | None = Field(default=None, description="The last day on duty (default: open-ended).")

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
