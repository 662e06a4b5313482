"""The case register (台账) and its periodic acts: daily summary, weekly check, monthly report (REG-1, REG-2).

The register itself is the case log (every ``case_received`` …); these events record
what is done with it periodically. The reporter is ``staff`` (e.g. a village agent), else
``window`` (e.g. the centre's supervision window), else ``centre``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.bounds import Day
from bianmin_rules.core.events import EventBase, Identifier, example


class RegisterAct(StrEnum):
    """What was done with the register, and so the period it covers."""

    DAILY_SUMMARY = "daily_summary"
    """每天一汇总: the day's summary; covers one day."""
    WEEKLY_CHECK = "weekly_check"
    """每周一督查: the week's check; covers one week, Monday to Sunday."""
    MONTHLY_REPORT = "monthly_report"
    """每月一上报 / 报送办件记录: the month's report; covers one calendar month."""


class RegisterReported(EventBase):
    """A periodic act on the register was done: ``act`` says which, ``covers`` is a day in the period it covers.

    ``role`` names the capacity the reporter acts in, as a code the variant uses (for
    town-basic: ``village_agent`` reporting by the 7th, ``centre_window`` by the 10th).
    """

    model_config = example(
        '{"type": "register_reported", "id": "r1", "at": "2026-04-06T16:00:00", "staff": "A-dongcun", '
        '"act": "monthly_report", "covers": "2026-03-01", "role": "village_agent"}'
    )

    type: Literal["register_reported"] = "register_reported"
    act: RegisterAct = Field(description="daily_summary, weekly_check or monthly_report.")
    covers: Day = Field(description="A day in the period covered (the day, its week or its month).")
    role: Identifier | None = Field(default=None, description="The capacity the reporter acts in, e.g. village_agent.")
