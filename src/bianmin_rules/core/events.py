"""What every event has in common: an id, a China-time timestamp and the subjects it concerns."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from bianmin_rules.core.bounds import FIRST_EVENT_YEAR, LAST_EVENT_YEAR, in_event_years, outside_event_years
from bianmin_rules.core.calendar import CHINA_TZ, as_china_time


def china_time_of_event(value: datetime) -> datetime:
    """:func:`~bianmin_rules.core.calendar.as_china_time`, for a moment in the years an event may be dated in.

    A moment outside them is a validation error naming no value
    (:func:`~bianmin_rules.core.bounds.outside_event_years`); the years are checked
    before the conversion too, which would overflow at the ends of the calendar.
    """
    if value.tzinfo is None:  # China wall-clock time already, as a log writes it: only its year to check
        if not FIRST_EVENT_YEAR <= value.year <= LAST_EVENT_YEAR:
            raise outside_event_years()
        return value.replace(tzinfo=CHINA_TZ)
    if not FIRST_EVENT_YEAR - 1 <= value.year <= LAST_EVENT_YEAR + 1:
        raise outside_event_years()
    local = as_china_time(value)
    in_event_years(local.date())
    return local


_shared_china_time = lru_cache(maxsize=4096)(china_time_of_event)


def event_time(value: datetime) -> datetime:
    """:func:`china_time_of_event`, remembered for the timestamps seen last.

    A log repeats the same minutes thousands of times (a busy day has a few hundred
    distinct ones): the memo spares the conversion, and the events of one minute share
    one datetime, which the ledgers keep for every fact. It is bounded and holds only
    results of a pure function (a refused moment raises, and is not remembered). A naive
    time marked ``fold=1`` (the second of two equal wall-clock times) compares equal to
    its ``fold=0`` twin, so it bypasses the memo.
    """
    if value.fold:
        return china_time_of_event(value)
    return _shared_china_time(value)


class _ChinaTime:
    """How :data:`ChinaDateTime` is validated: parsed as a datetime, then :func:`event_time`.

    A time read from JSON never has ``fold=1``, so JSON input calls the memo itself: a C
    function that pydantic calls without a Python frame. Python input, which may carry
    a fold, goes through :func:`event_time`.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        parsed = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_after_validator_function(_shared_china_time, parsed),
            python_schema=core_schema.no_info_after_validator_function(event_time, parsed),
        )


ChinaDateTime = Annotated[datetime, _ChinaTime]
"""A timestamp in China Standard Time: naive values are read as Asia/Shanghai, aware ones converted.

It must lie in the years an event may be dated in (:mod:`bianmin_rules.core.bounds`)."""

Identifier = Annotated[str, Field(min_length=1, max_length=200)]
"""The id of an event or of a subject (centre, window, staff member, case)."""

class _Interned:
    """How :data:`Name` is validated: as an :data:`Identifier`, then shared.

    Strings read from JSON are shared already: pydantic's JSON parser hands out one
    string object per distinct short string (``cache_strings``), so JSON input is not
    interned again. Python input is interned.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        checked = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=checked, python_schema=core_schema.no_info_after_validator_function(sys.intern, checked),
        )


Name = Annotated[Identifier, _Interned]
"""An :data:`Identifier` that names a window, a staff member or a case type, shared.

A large log repeats a few names millions of times; shared as they are read, the
events hold one string per name and so do the facts the ledgers keep of them.
"""


def example(line: str) -> ConfigDict:
    """The model configuration that shows ``line`` (one JSON event) as the model's example.

    The examples appear in the JSON Schema and in docs/events.md, and the tests validate each.
    """
    return ConfigDict(json_schema_extra={"examples": [json.loads(line)]})


def confidential(description: str, **options: Any) -> Any:
    """A field whose value the library accepts but never shows (CMP-7).

    Its value is left out of ``repr``, error messages never quote it nor any other value
    of its line (:attr:`EventBase.confidential_line`, :func:`bianmin_rules.intake.jsonl.describe`),
    ``explain`` never lists it, and the ledgers do not keep it, so no verdict or report can
    contain it. The event itself still serialises it: an event written back is the
    centre's own register, unchanged.
    """
    return Field(default=None, description=description, repr=False,
                 json_schema_extra={"confidential": True}, **options)


def is_confidential(model: type[BaseModel], name: str) -> bool:
    """Is ``name`` a field of ``model`` marked :func:`confidential`?"""
    field = model.model_fields.get(name)
    extra = field.json_schema_extra if field is not None else None
    return isinstance(extra, dict) and extra.get("confidential") is True


def stray_confidential(event: BaseModel) -> tuple[str, str] | None:
    """A field of ``event`` whose text holds the value of one of its confidential fields, and that field.

    A register exported with a column shifted, or a name typed into the wrong column,
    puts the complainant's name or phone where the library shows values (an id, a staff
    member, a window): such a line cannot be shown anywhere, so it is refused (CMP-7).
    Only plain text fields are read; codes (enums), dates and numbers cannot hold a name.
    """
    model = type(event)
    secrets = [(name, value) for name in model.model_fields
               if is_confidential(model, name) and isinstance(value := getattr(event, name), str) and value]
    if not secrets:
        return None
    for name, value in event:
        if type(value) is str and not is_confidential(model, name):
            for secret_field, secret in secrets:
                if secret in value:
                    return name, secret_field
    return None


class EventBase(BaseModel):
    """Fields shared by every event.

    ``window`` and ``staff`` name the window and staff member the event concerns, as the
    centre's own systems identify them; ``centre`` is optional and only needed when one
    log mixes several centres.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    activity: ClassVar[bool] = True
    """Does the event show its window and staff member at work? The roster counts them active (SC-10)."""

    confidential_line: ClassVar[bool] = False
    """Errors about a line of this type quote none of its values (CMP-7): a register's row
    may hold the complainant's name or phone in any column, shifted or mistyped."""

    id: Identifier = Field(description="Unique id of the event within the log.")
    at: ChinaDateTime = Field(description="When it happened (China Standard Time).")
    centre: Identifier | None = Field(default=None, description="The service centre.")
    window: Name | None = Field(default=None, description="The window concerned.")
    staff: Name | None = Field(default=None, description="The staff member concerned.")

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """The order in which the engine reads events: by time, then by id (ties are broken by id)."""
        return (self.at, self.id)
