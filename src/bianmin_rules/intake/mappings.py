"""What a register's columns mean: the built-in case register and time-clock export, and mapping files.

A centre's case register (办件台账) and its time clock's sign-in export are recognised by
their headers, without a mapping file. Another export is read through a mapping file
(TOML) that names the columns and values it uses for the built-in ones::

    kind = "case-register"        # or "time-clock", or "events" (one event of `type` per row)
    sheet = "2026年台账"           # only this sheet (default: every sheet with the headers)
    header_row = 2                # where the headers are (default: found in the first ten rows)

    [columns]                     # the built-in header = this export's header
    "办件编号" = "业务流水号"
    "受理时间" = "收件时间"

    [values."办件类型"]            # this export's value = the value meant
    "即办" = "immediate"
    "承诺" = "promised"

For ``kind = "events"``, ``[columns]`` maps each field of the event type to a header,
``[fixed]`` gives fields the same value on every row, and ``type`` names the event type.
"""

from __future__ import annotations

import tomllib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bianmin_rules.core.errors import RegisterError
from bianmin_rules.families import BUILTIN

Kind = Literal["case-register", "time-clock", "events"]


class Mapping(BaseModel):
    """How one export's columns and values map onto a built-in register or onto an event type's fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind = Field(description="case-register, time-clock, or events (one event of `type` per row).")
    sheet: str | None = Field(default=None, description="Read only this sheet (default: every sheet that fits).")
    header_row: int | None = Field(default=None, ge=1, description="The row of the headers (default: found).")
    columns: dict[str, str] = Field(
        default_factory=dict, description="The built-in header (or, for events, the field) = this export's header."
    )
    values: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Per built-in header (or field): this export's value = the value meant."
    )
    type: str | None = Field(default=None, description="For events: the event type of every row.")
    fixed: dict[str, Any] = Field(default_factory=dict, description="For events: fields with one value on every row.")

    @model_validator(mode="after")
    def _events_name_their_type(self) -> Mapping:
        if self.kind == "events":
            if self.type not in BUILTIN.event_types:
                raise ValueError(f"type: expected one of the event types ({', '.join(BUILTIN.event_types)})")
        elif self.type is not None or self.fixed:
            raise ValueError("type and fixed are for kind = \"events\" only")
        return self


CASE_REGISTER = Mapping(kind="case-register")
"""The case register (办件台账) as centres export it, recognised by its headers."""

TIME_CLOCK = Mapping(kind="time-clock")
"""A time clock's sign-in export (工号 or 姓名, 日期, 时间), recognised by its headers."""

ALIASES = {
    "打卡时间": "时间", "签到时间": "时间", "打卡日期": "日期", "考勤日期": "日期", "员工编号": "工号",
    "人员编号": "工号", "类型": "打卡类型", "签到类型": "打卡类型", "承诺时限": "承诺时限(工作日)",
    "法定时限": "法定时限(工作日)", "经办人员": "经办人", "受理窗口": "窗口",
}
"""Other headers exports use for the built-in ones."""

CASE_TYPES = {"即办件": "immediate", "承诺件": "promised", "补办件": "supplement", "联办件": "joint",
              "驳回件": "rejected", "上报件": "reported"}
"""The six case types of the 六件分类法 (CASE-1), by the names registers use."""

REJECTED = frozenset({"不予受理", "不予许可", "驳回", "退回", "不予办理", "不予批准"})
COMPLETED = frozenset({"办结", "已办结", "准予许可", "准予", "通过", "完成", "批准"})
SIGN_IN = frozenset({"签到", "上班", "上班打卡", "in"})
SIGN_OUT = frozenset({"签退", "下班", "下班打卡", "out"})


def header_key(text: object) -> str:
    """A header as it is compared: no spaces, ASCII parentheses (（工作日） and (工作日) are one)."""
    return "".join(str(text).split()).replace("（", "(").replace("）", ")")


def parse_mapping(text: str, *, source: str) -> Mapping:
    """A mapping file's text; a bad key or value is a :class:`~bianmin_rules.errors.RegisterError`."""
    try:
        return Mapping.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise RegisterError(f"{source}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = ".".join(str(part) for part in error["loc"]) or "(file)"
        raise RegisterError(f"{source}: {key}: {error['msg']}") from None
