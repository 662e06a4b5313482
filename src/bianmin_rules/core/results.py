"""The base of what an evaluation produces by the thousand: verdicts, what they carry, scorecards' items."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar, Self

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
    (``model_fields_set``). No result ever reads it, yet in a large report it would be
    the largest single part of a verdict (docs/performance.md). A result counts all its
    fields as set, as one read back from its own JSON does, and shares one set of names
    with the other results of its class.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    _every_field: ClassVar[set[str]] = set()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._every_field = set(cls.model_fields)  # a set: model_copy copies it and adds to the copy

    def model_post_init(self, context: Any, /) -> None:
        # After validation, not in an __init__ of our own: pydantic would then call that
        # __init__ for every result it validates, from JSON too.
        object.__setattr__(self, "__pydantic_fields_set__", self._every_field)

    def differing(self, other: Self, ignored: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The names of the fields, but ``ignored``, whose values differ from ``other``'s, in the model's order.

        Values that are the very same object — a result :meth:`restated`, say — are told
        equal without comparing them.
        """
        theirs = other.__dict__
        return tuple(
            name for name, value in self.__dict__.items()
            if value is not theirs[name] and name not in ignored and value != theirs[name]
        )

    def restated(self, **changes: Any) -> Self:
        """This result with ``changes`` to fields whose values are already valid, sharing every other value.

        ``model_copy(update=...)`` without its copy of the set of field names: a what-if
        restates every verdict a policy found once under the name of each variant that
        has the same policy.
        """
        cls = type(self)
        copy = cls.__new__(cls)
        object.__setattr__(copy, "__dict__", {**self.__dict__, **changes})
        object.__setattr__(copy, "__pydantic_fields_set__", self._every_field)
        object.__setattr__(copy, "__pydantic_extra__", None)
        object.__setattr__(copy, "__pydantic_private__", None)
        return copy
