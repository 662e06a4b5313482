"""Findings: what an inspection, a check or a verified report found about a person or a window.

Many rules are plain tallies of findings — a missing badge, chatting on duty, a fee
raised without authority, an untidy desk — each with a fixed penalty. A finding names a
code (``no_badge``, ``fee_raised`` …) that the variant's policies look up; the code list
is the variant's, not the library's.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.bounds import Units
from bianmin_rules.core.events import EventBase, Identifier, example


class FindingSource(StrEnum):
    """Who found it."""

    INSPECTION = "inspection"
    """The centre's own inspection or check (督查、检查)."""
    SUPERIOR_CIRCULAR = "superior_circular"
    """Named in a superior body's circular (上级通报)."""
    SUPERIOR_MONITORING = "superior_monitoring"
    """Seen by a superior body's monitoring (上级监控发现, ``dahe-town`` 考核制度 第三条)."""
    VERIFIED_REPORT = "verified_report"
    """A report by an applicant or the public, verified (经查实)."""
    MEDIA = "media"
    """Exposed by the media (新闻媒体曝光)."""
    ASSESSMENT = "assessment"
    """Recorded by the assessors at the end of a period (考核认定)."""


class FindingRecorded(EventBase):
    """Something found about a staff member (``staff``) or a window (``window``).

    ``quantity`` counts units of the finding where a rule charges per unit (per
    occurrence by default; e.g. per half day); ``serious`` marks a finding the finder
    judged serious (情节严重), which some rules punish more heavily.
    """

    model_config = example(
        '{"type": "finding_recorded", "id": "f1", "at": "2026-03-05T10:30:00", "window": "W-market", '
        '"staff": "S-wang", "finding": "no_badge", "by": "inspection"}'
    )

    type: Literal["finding_recorded"] = "finding_recorded"
    finding: Identifier = Field(description="What was found: a code the variant's policies name, e.g. no_badge.")
    by: FindingSource = Field(default=FindingSource.INSPECTION, description="Who found it.")
    quantity: Units = Field(default=Decimal(1), gt=0, description="How many units (occurrences, half days …).")
    serious: bool = Field(default=False, description="Judged serious (情节严重).")
    note: str | None = Field(default=None, description="What exactly was found.")
