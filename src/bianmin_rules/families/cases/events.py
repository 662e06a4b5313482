"""The steps of a case: from receipt to completion, rejection or transfer (CASE, TL, OTN, JA, REG).

Each event names its case; ``window`` and ``staff`` name who acted. The case type is a
code the variant declares (``immediate``, ``promised``, ``supplement`` …, CASE-1, CASE-2).
Every step of a case is filed in its case file, whichever family's rules read it, so the
steps of joint approval (``joint_review_*``, ``joint_meeting_attended``: the lead window
forwards the case to each participating window with that window's own review limit, and
each decides, attends the coordination meeting or joint inspection, or explains in
writing, JA-2, JA-3) and of registration (``case_registered``,
``materials_received_online``, ``paper_copies_demanded``, REG-3, REG-6) are declared here
too. A case's suspensions (TL-8) stop every participating window's clock.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.bounds import Day, Yuan
from bianmin_rules.core.deadlines import Limit
from bianmin_rules.core.events import EventBase, Identifier, Name, example


class CaseEvent(EventBase):
    """An event in the life of one case."""

    case: Identifier = Field(description="The case (办件) the event belongs to.")


class CaseReceived(CaseEvent):
    """A window received an application (收件/受理) and classified it (CASE-1).

    ``promised_limit`` is the matter's published handling limit (承诺时限); a bare number
    means working days. ``statutory_limit`` is the limit set by law (法定时限), the cap for
    extensions (TL-5) and the base of the green channel (TL-6). ``materials_complete``
    is false for a supplement case whose clock waits for the materials (TL-4).
    """

    model_config = example(
        '{"type": "case_received", "id": "e1", "at": "2026-03-02T09:10:00", "case": "C-101", '
        '"window": "W-market", "staff": "S-wang", "case_type": "promised", "matter": "食品经营许可", '
        '"promised_limit": 10, "statutory_limit": 20}'
    )

    type: Literal["case_received"] = "case_received"
    case_type: Name = Field(description="A case-type code the variant declares, e.g. `promised`.")
    matter: str | None = Field(default=None, description="The matter applied for (事项).")
    promised_limit: Limit | None = Field(default=None, description="承诺时限; a number = working days.")
    statutory_limit: Limit | None = Field(default=None, description="法定时限; a number = working days.")
    materials_complete: bool = Field(default=True, description="Were all materials handed in at receipt?")
    key_project: bool = Field(default=False, description="A key investment project on the green channel (TL-6).")
    online: bool = Field(default=False, description="Received through the online system.")
    issuing_window: Name | None = Field(
        default=None, description="The window issuing the final certificate (发证窗口), which may lead (JA-1)."
    )


class ReceiptNoticeIssued(CaseEvent):
    """A written receipt notice (受理通知书) stating the promised completion date (TL-3)."""

    model_config = example(
        '{"type": "receipt_notice_issued", "id": "e2", "at": "2026-03-02T09:15:00", '
        '"case": "C-101", "staff": "S-wang", "promised_date": "2026-03-16"}'
    )

    type: Literal["receipt_notice_issued"] = "receipt_notice_issued"
    promised_date: Day = Field(description="The completion date promised in writing.")


class NoticeContent(StrEnum):
    """What a written one-time notice states (OTN-1, OTN-7)."""

    HANDLING_UNIT = "handling_unit"
    """承办单位."""
    HANDLER = "handler"
    """经办人员."""
    APPLICATION_DATE = "application_date"
    """申报时间."""
    MATTER = "matter"
    """申报事项."""
    PROCEDURE = "procedure"
    """办理程序."""
    MATERIALS = "materials"
    """所需材料, or the materials and formalities to supplement."""
    PROMISED_LIMIT = "promised_limit"
    """承诺时限."""
    ENQUIRY = "enquiry"
    """查询方式: how to enquire."""
    FEES = "fees"
    """收费标准."""
    LEGAL_BASIS = "legal_basis"
    """办事依据: the legal basis."""
    CONDITIONS = "conditions"
    """办理条件: the conditions the applicant must meet (``shouzhan-town`` 第十条(四))."""


class MissingMaterialsNotice(CaseEvent):
    """A notice listing the materials still to be supplied (一次性告知书, OTN-2).

    The first notice of a case is *the* one-time notice; a later one that lists an item
    the first did not is a second request (OTN-2). ``states`` records what the notice
    says besides the items (OTN-7); leave it out when the log does not know.
    """

    model_config = example(
        '{"type": "missing_materials_notice", "id": "e3", "at": "2026-03-02T09:20:00", '
        '"case": "C-102", "staff": "S-li", "items": ["营业执照副本", "场地租赁合同"]}'
    )

    type: Literal["missing_materials_notice"] = "missing_materials_notice"
    items: tuple[Identifier, ...] = Field(min_length=1, description="Every missing item, as listed.")
    written: bool = Field(default=True, description="Given in writing?")
    states: tuple[NoticeContent, ...] | None = Field(
        default=None, description="What the written notice states (OTN-7); null when not recorded."
    )


class MaterialsCompleted(CaseEvent):
    """The applicant handed in every missing item; a supplement case's clock starts (TL-4)."""

    model_config = example(
        '{"type": "materials_completed", "id": "e4", "at": "2026-03-05T14:00:00", '
        '"case": "C-102", "staff": "S-li"}'
    )

    type: Literal["materials_completed"] = "materials_completed"


class CaseSuspended(CaseEvent):
    """The clock stops, e.g. while the applicant delays (TL-8)."""

    model_config = example(
        '{"type": "case_suspended", "id": "e5", "at": "2026-03-06T10:00:00", "case": "C-103", '
        '"staff": "S-li", "reason": "申请人补正现场条件"}'
    )

    type: Literal["case_suspended"] = "case_suspended"
    reason: str = Field(min_length=1, description="Why the case is suspended.")


class CaseResumed(CaseEvent):
    """The clock runs again after a suspension (TL-8)."""

    model_config = example(
        '{"type": "case_resumed", "id": "e6", "at": "2026-03-12T10:00:00", "case": "C-103", '
        '"staff": "S-li"}'
    )

    type: Literal["case_resumed"] = "case_resumed"


class ExtensionGranted(CaseEvent):
    """An extension of the limit for a special reason (TL-5).

    ``new_limit`` is the whole limit after the extension, counted from the same start.
    The due date never moves past the statutory limit of the case; an extension that
    would is itself a violation.
    """

    model_config = example(
        '{"type": "extension_granted", "id": "e7", "at": "2026-03-13T16:00:00", "case": "C-103", '
        '"staff": "S-li", "reason": "需组织专家评审", "new_limit": 20, '
        '"applicant_told_in_writing": true}'
    )

    type: Literal["extension_granted"] = "extension_granted"
    reason: str = Field(min_length=1, description="The special reason.")
    new_limit: Limit = Field(description="The whole limit after the extension.")
    applicant_told_in_writing: bool = Field(description="Was the applicant told in writing?")
    copied_to_centre: bool = Field(default=False, description="Was the notice copied to the centre (抄送)?")


class DelayExplained(CaseEvent):
    """The applicant was told why the case cannot be finished in time (TL-5, 事先说明).

    Given before the due date, it keeps an overdue case from being handled as the
    applicant's complaint (town-basic 限时办结 4).
    """

    model_config = example(
        '{"type": "delay_explained", "id": "e11", "at": "2026-03-13T15:00:00", "case": "C-103", '
        '"staff": "S-li", "reason": "需等待上级部门批复"}'
    )

    type: Literal["delay_explained"] = "delay_explained"
    reason: str = Field(min_length=1, description="The special reason given.")
    written: bool = Field(default=False, description="Given in writing?")


class CaseCompleted(CaseEvent):
    """The case was decided and completed (办结)."""

    model_config = example(
        '{"type": "case_completed", "id": "e8", "at": "2026-03-16T11:00:00", "case": "C-101", '
        '"window": "W-market", "staff": "S-wang"}'
    )

    type: Literal["case_completed"] = "case_completed"


class CompletionFoundFalse(CaseEvent):
    """A completion recorded in the system was found false: the case was not actually done (REG-3).

    Every completion of the case recorded before this event is void: the case is open
    again for every time limit, and whoever recorded the completion answers for it.
    """

    model_config = example(
        '{"type": "completion_found_false", "id": "e12", "at": "2026-03-20T10:00:00", "case": "C-101", '
        '"staff": "S-inspector", "note": "系统显示办结，证照尚未制发"}'
    )

    type: Literal["completion_found_false"] = "completion_found_false"
    note: str | None = Field(default=None, description="What was found.")


class CaseRejected(CaseEvent):
    """The application was rejected (驳回/退回), with the reasons given (TL-7, OTN-4)."""

    model_config = example(
        '{"type": "case_rejected", "id": "e9", "at": "2026-03-04T10:00:00", "case": "C-104", '
        '"staff": "S-zhao", "reasons": ["主件缺少"], "written": true}'
    )

    type: Literal["case_rejected"] = "case_rejected"
    reasons: tuple[str, ...] = Field(default=(), description="The reasons stated.")
    written: bool = Field(default=True, description="Were the reasons given in writing?")


class CaseTransferred(CaseEvent):
    """The case moved from one window or staff member (``window``/``staff``) to another."""

    model_config = example(
        '{"type": "case_transferred", "id": "e10", "at": "2026-03-03T09:00:00", "case": "C-105", '
        '"window": "W-market", "staff": "S-wang", "to_window": "W-health", "to_staff": "S-zhou"}'
    )

    type: Literal["case_transferred"] = "case_transferred"
    to_window: Name | None = Field(default=None, description="The receiving window.")
    to_staff: Name | None = Field(default=None, description="The receiving staff member.")


class ReturnCause(StrEnum):
    """Why the applicant had to come back (OTN-5)."""

    NO_NOTICE = "no_notice"
    """No one-time notice was given (未履行一次性告知)."""
    INCOMPLETE_NOTICE = "incomplete_notice"
    """The notice left something out (告知不全)."""
    OTHER = "other"
    """Any other reason (the applicant's own choice, a new matter …)."""


class ApplicantReturned(CaseEvent):
    """The applicant came back to the centre for the case (OTN-5: 往返跑).

    One event per trip after the first visit. ``staff``, when given, is the staff member
    whose missing or incomplete notice caused the trip. ``travel_cost`` is the
    applicant's round-trip cost of this trip, when known (community-hall reimburses it).
    """

    model_config = example(
        '{"type": "applicant_returned", "id": "e13", "at": "2026-03-04T09:00:00", "case": "C-102", '
        '"staff": "S-li", "cause": "incomplete_notice", "travel_cost": "24.00"}'
    )

    type: Literal["applicant_returned"] = "applicant_returned"
    cause: ReturnCause = Field(description="Why the applicant had to come back.")
    travel_cost: Yuan | None = Field(default=None, ge=0, description="The round trip's cost in yuan, if known.")


class JointReviewForwarded(CaseEvent):
    """The lead window forwarded a joint case to a participating window (抄告相关, JA-2).

    The participating window's limit runs from this moment: forwarding goes through the
    online approval system, so the window receives the case when it is sent
    (jiangxi-town 并联审批 4(4): "从网上审批收件之日起").
    """

    model_config = example(
        '{"type": "joint_review_forwarded", "id": "j1", "at": "2026-03-02T10:00:00", "case": "C-201", '
        '"window": "W-invest", "staff": "S-gao", "to_window": "W-fire", "limit": 5}'
    )

    type: Literal["joint_review_forwarded"] = "joint_review_forwarded"
    to_window: Name = Field(description="The participating window.")
    limit: Limit = Field(description="Its review limit from receipt; a number = working days.")


class JointReviewDecided(CaseEvent):
    """A participating window (``window``) gave its review decision and reported it (JA-2)."""

    model_config = example(
        '{"type": "joint_review_decided", "id": "j2", "at": "2026-03-06T16:00:00", "case": "C-201", '
        '"window": "W-fire", "staff": "S-lin", "approved": true}'
    )

    type: Literal["joint_review_decided"] = "joint_review_decided"
    approved: bool = Field(description="Approved (同意) or not.")


class JointMeetingAttended(CaseEvent):
    """A participating window (``window``) attended the coordination meeting or joint inspection (JA-3)."""

    model_config = example(
        '{"type": "joint_meeting_attended", "id": "j3", "at": "2026-03-04T09:30:00", "case": "C-201", '
        '"window": "W-fire", "staff": "S-lin", "meeting": "inspection"}'
    )

    type: Literal["joint_meeting_attended"] = "joint_meeting_attended"
    meeting: Literal["meeting", "inspection"] = Field(
        default="meeting", description="协调会议 (meeting) or 联合踏勘 (inspection)."
    )


class JointReviewExplained(CaseEvent):
    """A participating window (``window``) explained why it could not decide in time (JA-3)."""

    model_config = example(
        '{"type": "joint_review_explained", "id": "j4", "at": "2026-03-09T11:00:00", "case": "C-201", '
        '"window": "W-fire", "staff": "S-lin", "reason": "需上级消防部门现场核查", "written": true}'
    )

    type: Literal["joint_review_explained"] = "joint_review_explained"
    reason: str = Field(min_length=1, description="The explanation.")
    written: bool = Field(default=True, description="A written explanation (书面说明)?")


class CaseRegistered(CaseEvent):
    """A case received at a window was entered in the online approval system (REG-3).

    ``at`` is when it was entered; the receipt's own ``at`` is when it was received.
    """

    model_config = example(
        '{"type": "case_registered", "id": "r1", "at": "2026-03-02T09:20:00", "case": "C-101", '
        '"window": "W-market", "staff": "S-wang"}'
    )

    type: Literal["case_registered"] = "case_registered"


class MaterialsReceivedOnline(CaseEvent):
    """The online system received these materials of the case (REG-6)."""

    model_config = example(
        '{"type": "materials_received_online", "id": "r2", "at": "2026-03-01T20:15:00", "case": "C-301", '
        '"items": ["身份证", "户口簿"]}'
    )

    type: Literal["materials_received_online"] = "materials_received_online"
    items: tuple[Identifier, ...] = Field(min_length=1, description="The items received online.")


class PaperCopiesDemanded(CaseEvent):
    """A window demanded paper copies of materials (REG-6).

    ``obtainable_by_sharing`` lists the demanded items the window could have obtained by
    data sharing between departments, as the log's source knows it.
    """

    model_config = example(
        '{"type": "paper_copies_demanded", "id": "r3", "at": "2026-03-02T10:00:00", "case": "C-301", '
        '"window": "W-social", "staff": "S-xu", "items": ["身份证", "户口簿"], "obtainable_by_sharing": []}'
    )

    type: Literal["paper_copies_demanded"] = "paper_copies_demanded"
    items: tuple[Identifier, ...] = Field(min_length=1, description="The items demanded on paper.")
    obtainable_by_sharing: tuple[Identifier, ...] = Field(
        default=(), description="Items obtainable through data sharing (部门间数据共享)."
    )
