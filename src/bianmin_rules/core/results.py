"""The base of what an evaluation produces by the thousand: verdicts, what they carry, scorecards' items."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, PlainSerializer

from bianmin_rules.core.formatting import plain

Number = Annotated[Decimal, PlainSerializer(plain, when_used="json")]
"""A decimal (points, yuan, a score) written canonically in JSON: ``81``, not ``81.0``; ``0``, never ``-0.0``.

The value itself is kept exact, as computed; only its written form is canonical, the
same as every text and table of a report writes it (:func:`~bianmin_rules.core.formatting.plain`).
"""


class Result(BaseModel):
    """A frozen model made in large numbers, every field of which counts as set.

    pydantic keeps, per instance, a set of the names of the fields it was given
    (``model_fields_set``). No result ever reads it, yet in a large report it is the
    largest single part of a verdict (1M events: 60 MB of the verdicts' 150 MB). A result
    counts all its fields as set, as one read back from its own JSON does, and shares
    one set of names with the other results of its class.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    _every_field: ClassVar[set[str]] = set()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._every_field = set(cls.model_fields)  # a set: model_copy copies it and adds to the copy

    def model_post_init(self, context: Any, /) -> None:
        # After validation, not in an __init__ of our own: pydantic would then call that
        # __init__ for every result it validates, from JSON too (a 1M-event report read
        # back: 0.85 s -> 1.23 s).
        object.__setattr__(self, "__pydantic_fields_set__", self._every_field)
