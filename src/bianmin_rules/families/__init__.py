"""The library's rule families: one folder per family, each with its events, ledger, policies, rule IDs and notes.

Each family's ``__init__`` declares it (``FAMILY``); :data:`BUILTIN` is the library's own
families as one :class:`~bianmin_rules.core.family.Families` value, in this order. The
event union (:data:`Event`), the policy kinds a variant file may name, the books the
engine opens, the rules lint knows and the catalogue page are all built from it, and
:class:`Variant` is the core's variant model with these families as its default. A
family of another package joins them through the entry-point group
``bianmin_rules.families`` (see docs/families.md).
"""

from typing import Annotated, Any

from pydantic import Field, TypeAdapter
from pydantic.json_schema import SkipJsonSchema

from bianmin_rules.core import variant
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.family import Families, OneOf
from bianmin_rules.families import (
    assessment,
    attendance,
    cases,
    complaints,
    findings,
    first_inquiry,
    joint,
    ladders,
    leave,
    notification,
    posts,
    registers,
    registration,
)

BUILTIN = Families(
    cases.FAMILY,
    findings.FAMILY,
    notification.FAMILY,
    joint.FAMILY,
    registration.FAMILY,
    first_inquiry.FAMILY,
    complaints.FAMILY,
    registers.FAMILY,
    attendance.FAMILY,
    leave.FAMILY,
    posts.FAMILY,
    ladders.FAMILY,
    assessment.FAMILY,
)
"""The library's own families, and the core's declaration last."""

Event = Annotated[EventBase, OneOf(BUILTIN.events, "type")]
"""Any event the library's families know, told apart by its ``type`` (an :class:`EventBase` to a type checker)."""

EVENT_ADAPTER: TypeAdapter[EventBase] = BUILTIN.event_adapter
"""Validates one event from JSON text (``validate_json``) or Python data (``validate_python``)."""


class Variant(variant.Variant):
    """A centre's rule set: policies with parameters, case types, office hours.

    The model of :class:`bianmin_rules.core.variant.Variant`, with the library's own
    families (:data:`BUILTIN`) as its default: ``Variant.from_toml(text, origin=…)`` reads
    the built-in policy kinds, and ``families=`` reads those of others too.
    """

    families: SkipJsonSchema[Families] = Field(
        default_factory=lambda: BUILTIN, exclude=True, repr=False,
        description="The rule families its policies come from (not written in the file; default: the library's own).",
    )


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema of one event (a line of an event log) of the library's families."""
    return BUILTIN.event_json_schema()


__all__ = ["BUILTIN", "EVENT_ADAPTER", "Event", "Variant", "event_json_schema"]
