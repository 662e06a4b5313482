"""Variants: one centre's rule set, as data.

A variant names its source, its office hours, the case types it declares and the
policies it composes with their parameters. It is read from TOML text and validated
here; nothing in a variant file is ever executed. The ``kind`` of each ``[[policies]]``
entry is looked up among the policy kinds of the variant's families (the library's own
by default, :class:`bianmin_rules.Variant`); the variant keeps those families, and is
judged with them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any, Self

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializeAsAny,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import ErrorDetails

from bianmin_rules.core.calendar import DEFAULT_OFFICE_HOURS, OfficeHours, WorkCalendar
from bianmin_rules.core.dated import (
    ALWAYS,
    DATED_LISTS,
    Course,
    MisdatedError,
    Timeline,
    Unvalued,
    Version,
    changes,
    dated_schema,
    entries,
    is_dated,
    is_timed,
    merged,
    misdated,
    refuse_fixed,
    resolved,
    spans_of,
)
from bianmin_rules.core.errors import BOM, BOM_FOUND, NoValueInForceError, VariantError, VariantProblem, did_you_mean
from bianmin_rules.core.extends import ParentLoader, resolve_extends
from bianmin_rules.core.family import Families
from bianmin_rules.core.policy import PolicyBase
from bianmin_rules.core.scorecards.tables import ScorecardTable
from bianmin_rules.core.verdicts import RULE_PATTERN, RuleId


class VariantSource(BaseModel):
    """The regulation a variant encodes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document: str = Field(description="The regulation's title.")
    section: str = Field(default="", description="The part of the document encoded.")


class AcceptedFinding(BaseModel):
    """Lint findings the variant knows about and accepts, with the reason (see docs/lint.md).

    It accepts the findings with its ``code`` at its ``key`` (the dotted key lint prints,
    in the variant as resolved), only those of ``rule`` when it names one, and of those
    only the ones ``which`` names — the gap, the overlap, the reachable score, the value
    that the finding is about — so that a different finding at the same key stays
    visible. A finding that evaluation refuses or may stop on (an error) cannot be
    accepted. An entry, or a ``which`` of it, that no longer matches is itself reported
    (``stale-accept``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$", description="The finding's code, e.g. band-gap.")
    key: str = Field(min_length=1, description="Where it is found: the dotted key lint prints.")
    rule: RuleId | None = Field(default=None, description="Only findings about this rule (default: any).")
    which: tuple[str, ...] = Field(
        default=(), description="The findings accepted, as lint names them: a gap `[90, 91)`, a score `94 of 100` …",
    )
    reason: str = Field(min_length=1, description="Why the variant accepts it: the text's own words, a decision.")


class LintSettings(BaseModel):
    """What ``bianmin-rules lint`` should know about the variant: the findings it accepts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    accept: tuple[AcceptedFinding, ...] = Field(default=(), description="Known findings, each with its reason.")


class UndeclaredCaseTypeError(ValueError):
    """Policies name case types the variant does not declare (CASE-2); ``places`` holds each (message, key)."""

    def __init__(self, places: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for message, _ in places))
        self.places = places


def read_policy(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> PolicyBase:
    """A policy as given (any :class:`PolicyBase`, of any family), or read by its ``kind`` among the families'."""
    if isinstance(value, PolicyBase):
        return value
    families = info.data.get("families")
    if not isinstance(families, Families):
        raise ValueError("no families to read the policy's kind with")  # the families themselves are invalid
    return families.policy_adapter.validate_python(value, context=info.context)


AnyPolicy = Annotated[SerializeAsAny[PolicyBase], WrapValidator(read_policy)]
"""A policy of any family: a variant file's entry is read as the kind it names among the variant's families."""


UNVALUED_TABLES = "unvalued_tables"
"""The validation context's key for the names of the tables a version has no value of yet (its days are unknown)."""


class Variant(BaseModel):
    """A centre's rule set: policies with parameters, case types, office hours.

    ``families`` are the rule families its policies come from and its events are judged
    with. They are not part of the file: a variant printed (:meth:`to_toml`) and read back
    with the same families is equal to itself. This model names no family itself:
    :class:`bianmin_rules.Variant` is the same with the library's own as its default.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    families: SkipJsonSchema[Families] = Field(
        exclude=True, repr=False, description="The rule families its policies come from (not written in the file).",
    )
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="The variant's id, e.g. county-centre.")
    title: str = Field(description="The centre, in Chinese.")
    source: VariantSource
    effective: date | None = Field(
        default=None,
        description="The day the regulation took effect, if known. In a file that `extends` another: the day this "
        "amendment of it takes effect (docs/in-time.md).",
    )
    based_on: str | None = Field(default=None, description="The variant this one extends (set when resolving).")
    amended: tuple[date, ...] = Field(
        default=(), description="The days its amendments took effect, in order (set when resolving `extends`).",
    )
    office_hours: OfficeHours | None = Field(
        default=None,
        description="Opening sessions (CAL-2); none where the text states none: the library's placeholder sessions "
        "apply, and every report that counts against them says so.",
    )
    case_types: dict[str, str] = Field(
        min_length=1, description="Case-type code -> its name in the regulation (CASE-1, CASE-2)."
    )
    policies: tuple[AnyPolicy, ...] = Field(description="The rules the variant applies.")
    scorecards: tuple[ScorecardTable, ...] = Field(default=(), description="The assessment tables (SC).")
    lint: LintSettings = Field(
        default_factory=LintSettings, description="What `bianmin-rules lint` should know: the findings accepted."
    )
    timeline: SkipJsonSchema[Timeline | None] = Field(
        default=None, exclude=True, repr=False,
        description="For a variant that dates its values or its policies' periods in force: its versions over "
        "time. Its policies and tables are then those of its last version (see :meth:`on`).",
    )

    @model_validator(mode="after")
    def _policies_use_declared_case_types(self) -> Variant:
        undeclared = [
            (f"policies[{index}] ({policy.rule}) names case type {code!r}, which [case_types] does not declare",
             f"policies[{index}].case_types")
            for index, policy in enumerate(self.policies)
            for code in getattr(policy, "case_types", ())
            if code not in self.case_types
        ]
        if undeclared:
            raise UndeclaredCaseTypeError(undeclared)
        return self

    @model_validator(mode="after")
    def _scorecards_refer_to_each_other(self, info: ValidationInfo) -> Variant:
        awards = {table.name: {r.award for r in table.rankings} for table in self.scorecards}
        if len(awards) != len(self.scorecards):
            raise ValueError("two scorecards share a name")
        # A version of a dated variant before the first value of a table: the table is unknown, not absent.
        unvalued = (info.context or {}).get(UNVALUED_TABLES, frozenset())
        for index, table in enumerate(self.scorecards):
            for requirement in table.requirements:
                if requirement.scorecard in unvalued:
                    continue
                if requirement.award not in awards.get(requirement.scorecard, set()):
                    raise ValueError(
                        f"scorecards[{index}] requires the award {requirement.award!r} of scorecard "
                        f"{requirement.scorecard!r}, which no ranking of the variant gives"
                    )
        return self

    @property
    def versions(self) -> tuple[Version, ...]:
        """The plain variants it is over time, each with the days it is in force (a plain variant: itself, always)."""
        if self.timeline is None:
            return (Version(ALWAYS, self),)
        return self.timeline.versions

    def on(self, day: date) -> Variant:
        """The variant as in force on ``day``: plain values, and only the policies and tables in force that day.

        A plain variant is the same on every day. Raises
        :class:`~bianmin_rules.core.errors.NoValueInForceError` when a policy or table has a
        dated value that starts after ``day``: nothing says what it was that day, and a
        variant without it would be passed off as the rules of that day.
        """
        if self.timeline is None:
            return self
        for name, index, missing in self.timeline.unvalued(day):
            rule = self.timeline.data[name][index].get("rule", "")
            raise NoValueInForceError(rule=str(rule), key=f"{name}[{index}].{missing.key}", matter=None, day=day,
                                      first=missing.first)
        return self.timeline.on(day).variant

    def file_data(self) -> dict[str, Any]:
        """The variant as a file's data, with ``extends`` resolved: every parameter it applies, with its dates,
        as TOML values."""
        if self.timeline is not None:
            data = {key: value for key, value in self.timeline.data.items() if key != "families"}
        else:
            data = self.model_dump(exclude_none=True)
            if not self.lint.accept:
                del data["lint"]
            if not self.amended:
                del data["amended"]
        data["policies"] = [{"kind": p["kind"], **p} for p in data["policies"]]  # the kind first, for reading
        ready: dict[str, Any] = toml_ready(data)
        return ready

    def to_toml(self) -> str:
        """The variant as a TOML file, with ``extends`` resolved: every parameter it applies, with its dates (no
        comments: see :func:`bianmin_rules.authoring.commented.commented_toml`)."""
        return tomli_w.dumps(self.file_data())

    @classmethod
    def json_schema(cls, families: Families | None = None) -> dict[str, Any]:
        """The JSON Schema of a variant as resolved (every required key, whole policies), naming ``extends`` and
        ``remove_policies`` besides.

        Its ``policies`` are the policy kinds of ``families`` (default: the model's own default).
        Editors check files against
        :func:`~bianmin_rules.authoring.schema.variant_file_schema`, derived from it, in which
        a file that ``extends`` another may leave keys out.
        """
        families = families or cls.default_families()
        policies = cls.model_fields["policies"]
        spelled = create_model(
            cls.__name__, __base__=cls,
            policies=(tuple[families.policy_type, ...], Field(description=policies.description)),  # type: ignore[name-defined]
        )
        schema = dated_schema(spelled.model_json_schema())
        schema["title"] = "bianmin-rules variant"
        schema["properties"]["extends"] = {
            "type": "string",
            "description": "The variant this one is written as changes to: a built-in name or a path.",
        }
        schema["properties"]["remove_policies"] = {
            "type": "array", "items": {"type": "string"},
            "description": "In a variant that extends another: the ids (or rule IDs) of inherited policies to drop.",
        }
        return schema

    def calendar(self, base: WorkCalendar | None = None) -> WorkCalendar:
        """The variant's calendar: ``base`` (default: China's) with the variant's office hours (or the placeholder)."""
        return (base or WorkCalendar.china()).with_office_hours(self.office_hours or DEFAULT_OFFICE_HOURS)

    @classmethod
    def from_toml(
        cls, text: str, *, origin: str, load_parent: ParentLoader | None = None, families: Families | None = None,
    ) -> Self:
        """Read a variant from TOML text; ``origin`` names it in errors (a built-in name or a path).

        A variant that ``extends`` another needs ``load_parent`` (see
        :func:`bianmin_rules.intake.files.load_variant`, which supplies one). Its policy
        kinds are those of ``families`` (default: the model's default families).
        """
        return cls.from_data(parse_toml(text, origin=origin), origin=origin, load_parent=load_parent,
                             families=families)

    @classmethod
    def default_families(cls) -> Families:
        """The families a variant of this model is read with when none are given."""
        default = cls.model_fields["families"].get_default(call_default_factory=True)
        if not isinstance(default, Families):
            raise TypeError(f"{cls.__name__} has no default families: give the families whose policy kinds it reads")
        return default

    @classmethod
    def from_data(
        cls, data: dict[str, Any], *, origin: str, load_parent: ParentLoader | None = None,
        families: Families | None = None,
    ) -> Self:
        """Validate a variant from parsed data; every problem of it in one :class:`VariantError`.

        Its policy kinds are those of ``families`` (default: the model's default families).
        A rule ID the file names that the families' catalogue does not hold is refused at
        its key (checked on the file's data: a policy object of another family, given to
        the model itself, is the caller's to vouch for).
        """
        if "extends" in data or "remove_policies" in data:
            if load_parent is None and "extends" in data:
                raise VariantError("extends another variant, but no way to load it was given", variant=origin,
                                   key="extends")
            data = resolve_extends(data, origin=origin, load_parent=load_parent or refuse_parent)
        if families is None:
            given = data.get("families")
            families = given if isinstance(given, Families) else cls.default_families()
        data = {**data, "families": families}
        unknown = [VariantProblem(unknown_rule(rule, families), key) for key, rule in
                   named_rules(data, rule_keys(families)) if rule not in families.rules]
        try:
            variant = cls._timed(data, origin) if is_timed(data) else cls._validated(data, origin)
        except VariantError as exc:  # a misspelt rule ID is said once, with the nearest IDs
            named = {problem.key for problem in unknown}
            raise VariantError.of([*(p for p in exc.problems if p.key not in named), *unknown],
                                  variant=origin) from None
        if unknown:
            raise VariantError.of(unknown, variant=origin)
        return variant

    @classmethod
    def _validated(
        cls, data: dict[str, Any], origin: str, places: dict[str, list[int]] | None = None, day: date | None = None,
        context: dict[str, Any] | None = None,
    ) -> Self:
        """The model of ``data``; every problem of it in one :class:`VariantError`, each at its key.

        For a version of a dated variant, ``places`` gives the index in the file of each
        entry of its lists, and ``day`` the day it is in force from.
        """
        try:
            return cls.model_validate(data, context=context)
        except ValidationError as exc:
            errors = exc.errors()
            if places:  # each entry's index in the file, not in the version's list
                errors = [{**error, "loc": in_file(error["loc"], places)} for error in errors]
            when = "" if places is None else f" (in force {'from ' + str(day) if day else 'before its dates'})"
            problems = validation_problems(errors, data, data["families"])
            raise VariantError.of([replace(p, message=p.message + when) for p in problems], variant=origin) from None

    @classmethod
    def _timed(cls, data: dict[str, Any], origin: str) -> Self:
        """A variant that dates its values or periods in force: its last version, with its :class:`Timeline`.

        Each version is validated as a plain variant; an error names the entry's key in
        the file and the day its version begins.
        """
        days: set[date] = set()
        for name in DATED_LISTS:
            for index, entry in enumerate(entries(data, name)):
                if isinstance(entry, dict):
                    try:
                        refuse_fixed(entry)
                        days |= changes(entry)
                    except MisdatedError as exc:
                        raise misdated(exc, origin=origin, key=f"{name}[{index}]") from None
        spans = spans_of(sorted(days))
        versions: list[Version] = []
        states: dict[str, list[list[Any]]] = {name: [[] for _ in entries(data, name)] for name in DATED_LISTS}
        for span in spans:
            version_data = dict(data)
            places: dict[str, list[int]] = {}
            plain: dict[str, list[Any]] = {}
            for name in DATED_LISTS:
                if name in data:
                    plain[name] = [resolved(entry, span.since) for entry in entries(data, name)]
                    places[name] = [index for index, entry in enumerate(plain[name]) if isinstance(entry, dict)]
                    version_data[name] = [plain[name][index] for index in places[name]]
            unvalued = frozenset(entry.get("name") for entry, state in zip(entries(data, "scorecards"),
                                                                         plain.get("scorecards", []), strict=True)
                                 if isinstance(state, Unvalued) and isinstance(entry, dict))
            variant = cls._validated(version_data, origin, places, span.since, {UNVALUED_TABLES: unvalued})
            versions.append(Version(span, variant))
            for name, models in (("policies", variant.policies), ("scorecards", variant.scorecards)):
                in_force = dict(zip(places.get(name, []), models, strict=True))
                for index, entry in enumerate(plain.get(name, [])):
                    states[name][index].append(in_force.get(index, entry if isinstance(entry, Unvalued) else None))
        courses = tuple(
            Course(index, merged([
                (span, state, version.variant.policies if getattr(state, "consults", ()) else None)
                for span, state, version in zip(spans, course, versions, strict=True)
            ]))
            for index, course in enumerate(states["policies"])
        )
        tables = tuple(Course(index, merged([(span, state, None) for span, state in zip(spans, course, strict=True)]))
                       for index, course in enumerate(states["scorecards"]))
        timeline = Timeline(
            data={key: value for key, value in data.items() if key != "families"}, versions=tuple(versions),
            courses=courses, tables=tables,
        )
        return variant.model_copy(update={"timeline": timeline})  # the last version


def in_file(loc: tuple[int | str, ...], places: dict[str, list[int]]) -> tuple[int | str, ...]:
    """The location of a version's validation error with the entry's index in the file's list."""
    if len(loc) > 1 and loc[0] in places and isinstance(loc[1], int):
        return (loc[0], places[str(loc[0])][loc[1]], *loc[2:])
    return loc


def validation_problems(errors: list[ErrorDetails], data: dict[str, Any], families: Families) -> list[VariantProblem]:
    """Every problem a validation of the variant's ``data`` found, each at its key."""
    problems = []
    for error in errors:
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, UndeclaredCaseTypeError):
            problems += [VariantProblem(message, key) for message, key in cause.places]
        else:
            problems.append(VariantProblem(validation_message(error, families), error_key(error, data)))
    return problems


def error_key(error: ErrorDetails, data: dict[str, Any]) -> str:
    """The dotted key of a validation error of the variant's ``data``; a misspelt ``kind`` at the kind itself."""
    key = key_path(error["loc"], data)
    if error["type"] == "union_tag_invalid":
        key = join(key, str(error["ctx"]["discriminator"]).strip("'"))
    return key


def validation_message(error: ErrorDetails, families: Families) -> str:
    """What a validation error of a variant file says: pydantic's words, but a misspelt policy kind or parameter
    answered with the nearest names."""
    if error["type"] == "union_tag_invalid" and error["ctx"].get("discriminator") == "'kind'":
        kind = str(error["ctx"]["tag"])
        return f"unknown policy kind {kind!r}; " + did_you_mean(
            kind, families.policy_kinds, listed="`bianmin-rules schema variant`")
    loc = error["loc"]
    policy_key = len(loc) == 4 and loc[0] == "policies" and loc[2] in families.policy_kinds
    if error["type"] == "extra_forbidden" and policy_key:
        kind, key = str(loc[2]), str(loc[3])
        return f"{key!r} is not a parameter of {kind}; " + did_you_mean(
            key, families.policy_kinds[kind].model_fields, listed="`bianmin-rules schema variant`")
    if error["type"] == "union_tag_not_found" and error["ctx"].get("discriminator") == "'kind'":
        return ("names no `kind`: a new policy states its kind; an entry that changes an inherited policy "
                "names it by its `id` or `rule`")
    return error["msg"]


def unknown_rule(rule: str, families: Families) -> str:
    """What is said of a rule ID a variant file names that the families' catalogue does not hold."""
    return f"{rule!r} is not a rule of the catalogue; " + did_you_mean(rule, families.rules, listed="docs/catalogue.md")


def refuse_parent(reference: str, origin: str) -> tuple[dict[str, Any], str]:
    """The parent loader of a variant that names none: never called."""
    raise VariantError("no way to load a parent was given", variant=origin, key="extends")


def toml_ready(value: Any) -> Any:
    """Plain TOML values: decimals as numbers, enums as their values, tuples as arrays."""
    if isinstance(value, dict):
        return {key.isoformat() if isinstance(key, date) else key: toml_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [toml_ready(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def parse_toml(text: str, *, origin: str) -> dict[str, Any]:
    """Parsed TOML, or a :class:`VariantError` naming the variant."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VariantError(BOM_FOUND if text.startswith(BOM) else f"not valid TOML: {exc}", variant=origin) from None


Part = str | int
"""One step of a dotted key: a table's key or an array's index."""

KEY_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def join(path: str, part: Part) -> str:
    """``path`` one step further: ``a`` + ``b`` → ``a.b``; ``a`` + 2 → ``a[2]``."""
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


def key_text(parts: Iterable[Part]) -> str:
    """The dotted key of a sequence of steps."""
    text = ""
    for part in parts:
        text = join(text, part)
    return text


def key_parts(key: str) -> tuple[Part, ...]:
    """The steps of a dotted key: ``policies[2].limit`` → ``("policies", 2, "limit")``."""
    return tuple(int(m.group(1)) if m.group(1) is not None else m.group(2) for m in KEY_PART.finditer(key))


def key_path(loc: Iterable[int | str], data: Any) -> str:
    """The dotted key of a validation error (``policies[1].case_types``), skipping union tags."""
    parts: list[Part] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        elif isinstance(node, dict) and node.get("kind") == step:
            continue  # the tag of a discriminated union, not a key of the file
        else:
            node = node.get(step) if isinstance(node, dict) else None  # None: a key missing from the file
        parts.append(step)
    return key_text(parts)


@lru_cache(maxsize=16)
def rule_keys(families: Families) -> frozenset[str]:
    """The keys of a variant file whose values are rule IDs (``rule``, ``rules``, ``counts`` …), from its schema.

    The schema is that of a variant of ``families``, whose policy kinds bring keys of their own.
    """
    found: set[str] = set()

    def holds_rule(prop: Any) -> bool:
        if not isinstance(prop, dict):
            return False
        options = [prop, prop.get("items"), *prop.get("anyOf", ())]
        return any(isinstance(o, dict) and o.get("pattern") == RULE_PATTERN for o in options)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if holds_rule(prop) or any(holds_rule(o) for o in prop.get("anyOf", ())):
                    found.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Variant.json_schema(families))
    return frozenset(found)


def named_rules(data: Any, keys: frozenset[str], path: str = "") -> Iterator[tuple[str, str]]:
    """Every rule ID a variant's data names at one of ``keys``, with the dotted key that names it."""
    items: Iterable[tuple[Part, Any]]
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list | tuple):
        items = enumerate(data)
    else:
        return
    for name, value in items:
        key = join(path, name)
        if isinstance(name, str) and name in keys:
            dated = value.items() if is_dated(value) else ((None, value),)  # each of its dated values
            for day, given in dated:
                place = key if day is None else join(key, str(day))
                if isinstance(given, str):
                    yield place, given
                elif isinstance(given, list | tuple):
                    yield from ((join(place, i), v) for i, v in enumerate(given) if isinstance(v, str))
        yield from named_rules(value, keys, key)
