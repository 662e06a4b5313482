"""Assessment inputs: applicants' evaluations and merits worth a bonus.

These are the facts the assessment tables (SC) read besides the verdicts of other rules:

- ``service_evaluated``: one applicant's evaluation of a window's service (评价器, SMS,
  questionnaire), from which the evaluation and satisfaction rates are measured (SC-5);
- ``merit_recorded``: a praise, an honour, an adopted suggestion or another deed that a
  table rewards with bonus points (SC-1, SC-2, SC-4).

Other assessors' scores, which tables weighting two assessors read (SC-7), are an input
of the tables themselves (:mod:`bianmin_rules.core.scorecards.assessors`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.bounds import Points
from bianmin_rules.core.events import EventBase, Identifier, example


class EvaluationResult(StrEnum):
    """What the applicant answered."""

    VERY_SATISFIED = "very_satisfied"
    """非常满意."""
    SATISFIED = "satisfied"
    """满意."""
    BASICALLY_SATISFIED = "basically_satisfied"
    """基本满意."""
    DISSATISFIED = "dissatisfied"
    """不满意."""
    VERY_DISSATISFIED = "very_dissatisfied"
    """非常不满意."""


class ServiceEvaluated(EventBase):
    """An applicant evaluated the service of a window (``window``) and its staff member (``staff``).

    ``case`` names the case served, if any; an evaluation rate counts the served cases
    that were evaluated (SC-5). ``verified`` marks a dissatisfied evaluation that the
    centre checked and found caused by the staff member's service (经查实), which some
    tables deduct or disqualify for.
    """

    model_config = example(
        '{"type": "service_evaluated", "id": "v1", "at": "2026-03-02T10:20:00", "window": "W-market", '
        '"staff": "S-wang", "case": "C-101", "result": "satisfied"}'
    )

    type: Literal["service_evaluated"] = "service_evaluated"
    result: EvaluationResult = Field(description="The applicant's answer.")
    case: Identifier | None = Field(default=None, description="The case served, if any.")
    verified: bool = Field(default=False, description="A dissatisfaction checked and found due to the staff.")
    channel: str | None = Field(default=None, description="How it was given (评价器, 短信, 问卷 …).")


class MeritKind(StrEnum):
    """What a merit is, in the words of the tables."""

    PRAISE = "praise"
    """被新闻媒体、上级或有关部门通报表扬."""
    HONOUR = "honour"
    """被授予先进个人荣誉称号."""
    SUGGESTION = "suggestion"
    """提出合理化建议被采纳并取得实际效果."""
    SPECIAL_HELP = "special_help"
    """为群众特事特办、排忧解难，事例典型."""
    CENTRE_HONOUR = "centre_honour"
    """积极参加各项活动，为中心争得荣誉."""
    WRITTEN_PRAISE = "written_praise"
    """服务对象书面表扬."""
    CONTRIBUTION = "contribution"
    """有创造性成果或重大贡献，经认定."""
    OTHER = "other"
    """其他在社会上产生重大先进影响的人和事."""


class MeritLevel(StrEnum):
    """The administrative level that gave the praise or honour.

    A district (区) and a county (县) are the same level of government, so the
    town-conduct-100 "本区" and the jiangxi-town "县级" are both ``county``.
    """

    COUNTY = "county"
    """区、县级."""
    CITY = "city"
    """市级."""
    PROVINCE = "province"
    """省级."""
    NATION = "nation"
    """国家级."""


class MeritRecorded(EventBase):
    """A deed that an assessment table may reward, recorded for a staff member or a window.

    ``matter`` names the deed, so that a table rewarding "one matter once" (按一件事不重复奖励)
    can tell a second praise of the same deed. ``points`` records the assessors' decision
    where a table leaves the amount to them (视情加1-5分).
    """

    model_config = example(
        '{"type": "merit_recorded", "id": "m1", "at": "2026-03-20T09:00:00", "staff": "S-wang", '
        '"merit": "praise", "level": "city", "matter": "雪夜上门办证"}'
    )

    type: Literal["merit_recorded"] = "merit_recorded"
    merit: MeritKind = Field(description="What kind of merit.")
    level: MeritLevel | None = Field(default=None, description="Who gave it: county, city, province or nation.")
    matter: str | None = Field(default=None, description="The deed, for rewarding one matter once.")
    points: Points | None = Field(default=None, gt=0, description="Points the assessors set, where at discretion.")
    note: str | None = Field(default=None, description="What was praised or honoured.")
