"""What every event has in common: an id, a China-time timestamp and the subjects it concerns."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bianmin_rules.calendar import as_china_time

ChinaDateTime = Annotated[datetime, AfterValidator(as_china_time)]
"""A timestamp in China Standard Time: naive values are read as Asia/Shanghai, aware ones converted."""

Identifier = Annotated[str, Field(min_length=1, max_length=200)]
"""The id of an event or of a subject (centre, window, staff member, case)."""


def example(line: str) -> ConfigDict:
    """The model configuration that shows ``line`` (one JSON event) as the model's example.

    The examples appear in the JSON Schema and in docs/events.md, and the tests validate each.
    """
    return ConfigDict(json_schema_extra={"examples": [json.loads(line)]})


class EventBase(BaseModel):
    """Fields shared by every event.

    ``window`` and ``staff`` name the window and staff member the event concerns, as the
    centre's own systems identify them; ``centre`` is optional and only needed when one
    log mixes several centres.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Identifier = Field(description="Unique id of the event within the log.")
    at: ChinaDateTime = Field(description="When it happened (China Standard Time).")
    centre: Identifier | None = Field(default=None, description="The service centre.")
    window: Identifier | None = Field(default=None, description="The window concerned.")
    staff: Identifier | None = Field(default=None, description="The staff member concerned.")

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """The order in which the engine reads events: by time, then by id (ties are broken by id)."""
        return (self.at, self.id)
