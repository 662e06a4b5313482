"""The base of what an evaluation produces by the thousand: verdicts, what they carry, scorecards' items."""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from itertools import compress
from typing import Annotated, Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer

from bianmin_rules.core.formatting import plain

Number = Annotated[Decimal, PlainSerializer(plain, when_used="json")]
"""A decimal (points, yuan, a score) written canonically in JSON: ``81``, not ``81.0``; ``0``, never ``-0.0``.

The value itself is kept exact, as computed; only its written form is canonical, the
same as every text and table of a report writes it (:func:`~bianmin_rules.core.formatting.plain`).
"""


@lru_cache(maxsize=1024)
def whole(n: int) -> Decimal:
    """The whole number ``n`` as a :data:`Number`, one object per number: a count many verdicts carry alike."""
    return Decimal(n)


class Result(BaseModel):
    """A frozen model made in large numbers, every field of which counts as set, its field names shared.

    pydantic keeps, per instance, a set of the names of the fields it was given
    (``model_fields_set``). No result ever reads it, yet in a large report it would be
    the largest single part of a verdict (docs/performance.md). A result counts all its
    fields as set, as one read back from its own JSON does, and shares one set of names
    with the other results of its class.

    pydantic also keeps the field values in a dict of their own per instance, names and
    all. A result's dict shares its table of names with the other results of its class
    (a copy of one whose names are shared, as the instances of a plain class share
    theirs) and holds only its values. Where that is no smaller (a class of few fields; an
    interpreter that does not share names), the dict is pydantic's own. Either is an
    ordinary dict to every reader.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        names = _shared_names(cls.model_fields)
        defaults = names.copy() if names is not None else dict.fromkeys(cls.model_fields)
        defaults.update((name, field.default) for name, field in cls.model_fields.items()
                        if not field.is_required() and field.default_factory is None)
        _KINDS[cls] = _Kind(
            every_field=set(cls.model_fields),  # a set: model_copy copies it and adds to the copy
            names=names,
            defaults=defaults,
            required=frozenset(name for name, field in cls.model_fields.items()
                               if field.is_required() or field.default_factory is not None),
        )

    def model_post_init(self, context: Any, /) -> None:
        # After validation, not in an __init__ of our own: pydantic would then call that
        # __init__ for every result it validates, from JSON too.
        kind = _KINDS[type(self)]
        object.__setattr__(self, "__pydantic_fields_set__", kind.every_field)
        if kind.names is not None:
            values = kind.names.copy()  # the names' table shared, a row of values of its own
            values.update(self.__dict__)
            object.__setattr__(self, "__dict__", values)

    def __eq__(self, other: object) -> bool:
        # pydantic's own comparison, less what a result cannot have (generic origins, private or extra
        # values): the same class and equal fields.
        if isinstance(other, BaseModel):
            return type(other) is type(self) and self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = BaseModel.__hash__  # defining __eq__ would otherwise leave results unhashable

    def differing(
        self, other: Self, ignored: frozenset[str] = frozenset(), equal: Callable[[Any, Any], bool] | None = None,
    ) -> tuple[str, ...]:
        """The names of the fields, but ``ignored``, whose values differ from ``other``'s, in the model's order.

        Values that are the very same object — a result :meth:`restated`, say — are told
        equal without comparing them; others by ``equal`` (``==`` by default).
        """
        equal = equal or operator.eq
        mine, theirs = self.__dict__, other.__dict__
        if type(other) is type(self):  # the values of one class's results are in the order of its fields
            unshared = list(compress(mine, map(operator.is_not, mine.values(), theirs.values())))
        else:
            unshared = [name for name, value in mine.items() if value is not theirs[name]]
        return tuple(name for name in unshared if name not in ignored and not equal(mine[name], theirs[name]))

    @classmethod
    def of_valid(cls, **values: Any) -> Self:
        """A result of ``values`` that are valid already (taken from other results), not validated again.

        The fields not given take their defaults. For what is made by the ten thousand of
        results that were validated when made (a what-if's changes), where validating
        each again would cost more than the rest of making it.
        """
        kind = _KINDS[cls]
        if not values.keys() >= kind.required:
            raise TypeError(f"{cls.__name__} needs {', '.join(sorted(kind.required - values.keys()))}")
        fields = kind.defaults.copy()  # in the model's order, the names' table shared where it can be
        fields.update(values)
        return _holding(cls, fields)

    def restated(self, **changes: Any) -> Self:
        """This result with ``changes`` to fields whose values are already valid, sharing every other value.

        ``model_copy(update=...)`` without its copy of the set of field names: a what-if
        restates every verdict a policy found once under the name of each variant that
        has the same policy.
        """
        return self.restated_with(changes)

    def restated_with(self, changes: Mapping[str, Any]) -> Self:
        """:meth:`restated` of ``changes`` given as a mapping (made by the thousand: no keywords unpacked)."""
        values = self.__dict__.copy()  # shares the names' table, as the original does
        values.update(changes)
        return _holding(type(self), values)


class _Kind:
    """What the results of one class share: the names of their fields (one set, and the table of names their
    dicts share, if any), their defaults and the fields they need.

    Kept beside the class, not on it: a class attribute of a model is looked up through pydantic's
    metaclass, at several times the cost of a dict's item, and results are made by the ten thousand.
    """

    __slots__ = ("defaults", "every_field", "names", "required")

    def __init__(self, *, every_field: set[str], names: dict[str, Any] | None, defaults: dict[str, Any],
                 required: frozenset[str]) -> None:
        self.every_field = every_field
        self.names = names
        self.defaults = defaults
        self.required = required


_KINDS: dict[type[Result], _Kind] = {}
"""What the results of each class share, by class."""


R = TypeVar("R", bound=Result)


def _holding(cls: type[R], fields: dict[str, Any]) -> R:
    """A result of ``cls`` holding ``fields`` (every field, in the model's order) as pydantic would, unvalidated."""
    result = _new(cls)
    _set(result, "__dict__", fields)
    _set_fields_set(result, _KINDS[cls].every_field)
    _set_extra(result, None)
    _set_private(result, None)
    return result


# What :func:`_holding` calls, looked up once: a what-if makes tens of thousands of results of valid values.
_new = object.__new__
_set = object.__setattr__
_set_fields_set = vars(BaseModel)["__pydantic_fields_set__"].__set__
_set_extra = vars(BaseModel)["__pydantic_extra__"].__set__
_set_private = vars(BaseModel)["__pydantic_private__"].__set__


def _shared_names(names: Iterable[str]) -> dict[str, Any] | None:
    """A dict of ``names`` (values None) whose table of names its copies share — the attributes of an instance
    of a class of its own, set in the order given — if a copy is smaller than a dict of its own; else None."""
    holder = type("Fields", (), {})()
    for name in names:
        setattr(holder, name, None)
    shared = holder.__dict__
    own = dict(zip(shared, shared.values(), strict=True))  # built key by key, as pydantic builds its own
    return shared if sys.getsizeof(shared.copy()) < sys.getsizeof(own) else None
