"""Joint approval (联办 / 并联审批): forwarding to participating windows, their decisions (JA).

The lead window (``window`` of the forwarding event) forwards a case to each
participating window with that window's own review limit; each participating window
decides, attends the coordination meeting or joint inspection, or explains in writing
(JA-2, JA-3). The case's suspensions (TL-8) stop every participating window's clock.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bianmin_rules.core.deadlines import Limit
from bianmin_rules.core.events import Name, example
from bianmin_rules.families.cases.events import CaseEvent


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
