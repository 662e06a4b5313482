"""Rule families as declared units, and the set of families a variant is read and judged with.

A family brings everything one group of rules needs, in one folder and one declaration
(:class:`Family`): the catalogue IDs it encodes with their titles, its event types, the
books its ledgers keep, its policy kinds, and the notes it writes about what its rules
cannot judge. :class:`Families` holds a set of them as one immutable value, and everything
that used to be kept by hand is built from it: the union of their event types (what a
line of a log may be), the union of their policy kinds (what a variant file may name),
the books the engine opens, the rules lint knows, and the notes of a report.

Every set also holds the core's own declaration, :data:`CORE`: the rules of the calendar,
the case types and the assessment tables, and the other assessors' scores the tables
weigh. The core names no family: the library's own are :data:`bianmin_rules.families.BUILTIN`,
declared by the layer above, and families of other packages are found through the
entry-point group ``bianmin_rules.families`` at the edge
(:func:`bianmin_rules.intake.families.installed_families`). Nothing here reads the
environment, and no set is kept anywhere but where a caller holds it: a variant holds the
families it was read with, and is judged with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Union

from pydantic import ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter
from pydantic_core import CoreSchema

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.errors import FamilyError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.policy import PolicyBase
from bianmin_rules.core.scorecards.assessors import ASSESSOR_SCORES, AssessmentScored
from bianmin_rules.core.verdicts import RULE_PATTERN, Verdict
from bianmin_rules.core.words import Message

StartDay = Callable[[Verdict, Books], "date | None"]
"""``starts(verdict, books)``: the day that starts the matter a verdict judges, or None for the verdict's own day."""

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")


@dataclass(frozen=True, eq=False)
class Family:
    """One rule family as a declared unit: what it encodes, reads, keeps and says.

    ``rules`` maps each catalogue ID the family encodes to its title, in catalogue order;
    ``events`` are its event types (each a model with a ``type`` literal), ``books`` the
    books its ledgers keep, ``policies`` its policy kinds (each a :class:`PolicyBase` with
    a ``kind`` literal), and ``notes(books)`` the notes it adds to every report about the
    matters its rules cannot judge (a case the log never received, say). A family may
    read the books of the families it builds on; it declares only its own.

    ``starts(verdict, books)`` names the day that starts the matter a verdict of the family
    judges (a case's receipt, an inquiry, a complaint's receipt): a variant whose rules
    change over time judges each matter by the rules in force that day. Without it, or
    where it returns None, that day is the verdict's own (:meth:`Families.start_day`).
    """

    name: str
    """The family's name, as its folder: ``cases``, ``first_inquiry``."""
    title: str
    """What it covers, in a few words, as the catalogue page heads it."""
    rules: Mapping[str, str]
    """Each rule ID it encodes, with its title."""
    events: tuple[type[EventBase], ...] = ()
    books: tuple[Book[Any], ...] = ()
    policies: tuple[type[PolicyBase], ...] = ()
    notes: Callable[[Books], Iterable[str | Message]] | None = None
    starts: StartDay | None = None

    def __post_init__(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise FamilyError("a family's name is lower case: letters, digits, - and _", family=self.name)
        for rule in self.rules:
            if not re.match(RULE_PATTERN, rule):
                raise FamilyError(f"{rule!r} is not a rule ID (two to four capitals, a dash, a number)",
                                  family=self.name)
        for event in self.events:
            tag(event, "type", family=self.name)
        for policy in self.policies:
            tag(policy, "kind", family=self.name)
        object.__setattr__(self, "rules", MappingProxyType(dict(self.rules)))


def tag(model: type[Any], field: str, *, family: str) -> str:
    """The literal ``field`` (``type`` of an event, ``kind`` of a policy) that tells ``model`` apart."""
    info = getattr(model, "model_fields", {}).get(field)
    value = info.default if info is not None else None
    if not isinstance(value, str):
        raise FamilyError(f"{model.__name__} has no {field} literal to be told apart by", family=family)
    return value


class OneOf:
    """Validates a model as one of several, told apart by a tag (pydantic's discriminated union).

    Written ``Annotated[EventBase, OneOf(...)]``, the type reads as the base class to a type
    checker and validates as the union at run time.
    """

    def __init__(self, members: tuple[type[Any], ...], discriminator: str) -> None:
        self.union: Any = Annotated[Union[members], Field(discriminator=discriminator)]  # noqa: UP007
        if len(members) == 1:
            (self.union,) = members

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return handler.generate_schema(self.union)


class Families:
    """A set of rule families, as one immutable value: a variant is read and judged with one.

    ``Families(*families)`` keeps them in the order given, with :data:`CORE` last; two
    families may not claim one name, event type, policy kind, book or rule ID
    (:class:`~bianmin_rules.core.errors.FamilyError`). Iterating gives the families.
    ``Families(*BUILTIN, MY_FAMILY)`` is the library's own families and one more.
    """

    def __init__(self, *families: Family) -> None:
        self.members: tuple[Family, ...] = (*dict.fromkeys(family for family in families if family is not CORE), CORE)
        named: dict[str, Family] = {}
        claimed: dict[tuple[str, str], str] = {}
        for family in self.members:
            if named.setdefault(family.name, family) is not family:
                raise FamilyError("two families have this name", family=family.name)
            claims = [*(("rule", rule) for rule in family.rules),
                      *(("event type", tag(event, "type", family=family.name)) for event in family.events),
                      *(("policy kind", tag(policy, "kind", family=family.name)) for policy in family.policies),
                      *(("book", book.name) for book in family.books)]
            for what, name in claims:
                other = claimed.setdefault((what, name), family.name)
                if other != family.name:
                    raise FamilyError(f"the {what} {name!r} belongs to the family {other!r} already",
                                      family=family.name)

    def by_name(self, name: str) -> Family | None:
        """The family of that name, if the set holds one."""
        return next((family for family in self.members if family.name == name), None)

    def __iter__(self) -> Iterator[Family]:
        return iter(self.members)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Families) and other.members == self.members

    def __hash__(self) -> int:
        return hash(self.members)

    def __repr__(self) -> str:
        return f"Families({', '.join(family.name for family in self.members)})"

    @cached_property
    def events(self) -> tuple[type[EventBase], ...]:
        """Every event type, family by family."""
        return tuple(event for family in self.members for event in family.events)

    @cached_property
    def event_types(self) -> Mapping[str, type[EventBase]]:
        """Every event model by its ``type`` tag, in the order of :attr:`events`."""
        return MappingProxyType({model.model_fields["type"].default: model for model in self.events})

    @cached_property
    def event_adapter(self) -> TypeAdapter[EventBase]:
        """Validates one event (a line of a log) as the model its ``type`` names.

        Its :class:`pydantic.ValidationError` never prints the input it rejected: a complaint
        line may hold the complainant's name in any field (CMP-7); the log reader's errors
        quote a value where that is safe.
        """
        union = OneOf(self.events, "type").union
        if isinstance(union, type):  # a single event type: a model, which takes no adapter config
            return TypeAdapter(union)
        adapter: TypeAdapter[EventBase] = TypeAdapter(union, config=ConfigDict(hide_input_in_errors=True))
        return adapter

    def event_json_schema(self) -> dict[str, Any]:
        """The JSON Schema of one event (a line of an event log)."""
        schema = self.event_adapter.json_schema()
        schema["title"] = "bianmin-rules event"
        return schema

    @cached_property
    def policies(self) -> tuple[type[PolicyBase], ...]:
        """Every policy kind, family by family."""
        return tuple(policy for family in self.members for policy in family.policies)

    @cached_property
    def policy_type(self) -> Any:
        """Any policy of these families as a type: validates as the kind its ``kind`` names."""
        return Annotated[PolicyBase, OneOf(self.policies, "kind")]

    @cached_property
    def policy_adapter(self) -> TypeAdapter[PolicyBase]:
        """Validates one ``[[policies]]`` entry of a variant file as the kind its ``kind`` names."""
        return TypeAdapter(self.policy_type)

    @cached_property
    def books(self) -> tuple[Book[Any], ...]:
        """Every book the families keep: the ledgers an evaluation opens."""
        return tuple(book for family in self.members for book in family.books)

    @cached_property
    def rules(self) -> Mapping[str, str]:
        """Every rule ID the families encode, with its title, family by family."""
        return MappingProxyType({rule: title for family in self.members for rule, title in family.rules.items()})

    @cached_property
    def _starts(self) -> Mapping[str, StartDay]:
        return {rule: family.starts for family in self.members if family.starts for rule in family.rules}

    def start_day(self, verdict: Verdict, books: Books) -> date:
        """The day that starts the matter ``verdict`` judges: the rules in force that day judge it.

        The day the verdict's family declares (:attr:`Family.starts`); else, for a rate
        measured over a period, the period's first day; else the verdict's own day (a
        sign-in, a day of absence, a monthly report's due day, the occurrence a ladder
        counts last).
        """
        starts = self._starts.get(verdict.rule)
        day = starts(verdict, books) if starts is not None else None
        if day is not None:
            return day
        return verdict.measure.period.start if verdict.measure is not None else verdict.on

    def notes(self, books: Books) -> Iterator[str | Message]:
        """What the families' rules cannot judge in ``books``, family by family."""
        for family in self.members:
            if family.notes is not None:
                yield from family.notes(books)

    def admit(self, books: Books, case_types: Collection[str]) -> None:
        """Raise where the books hold a case type outside ``case_types`` (CASE-2)."""
        for book in self.books:
            if book.admit is not None:
                book.admit(books[book], case_types)


def joined(sets: Iterable[Families]) -> Families:
    """One set with every family of ``sets``, in the order first met (for a log read once for several variants)."""
    distinct = list(dict.fromkeys(sets))
    if len(distinct) == 1:
        return distinct[0]
    return Families(*dict.fromkeys(family for families in distinct for family in families))


CORE = Family(
    name="core",
    title="the calendar, case types and assessment tables (考核)",
    rules={
        "CAL-1": "Working day",
        "CAL-2": "Office hours",
        "CAL-3": "Provisional years",
        "CASE-2": "Other variants' case types",
        "SC-1": "`town-conduct-100` (工作人员考核细则)",
        "SC-2": "`jiangxi-town` (中心考核制度)",
        "SC-3": "`county-centre` window table (quarterly, 100)",
        "SC-4": "`county-centre` staff table (quarterly, 100)",
        "SC-5": "Bands with gaps (`county-centre`)",
        "SC-6": "Unreachable maxima",
        "SC-7": "Weighting (`community-hall`)",
        "SC-8": "Ties",
        "SC-9": "Money is not points",
        "SC-10": "Periods",
    },
    events=(AssessmentScored,),
    books=(ASSESSOR_SCORES,),
)
"""The core's own declaration: the rules it encodes itself, and the assessors' scores its tables weigh."""
