"""Tests a policy author writes in data: case files of small logs and the verdicts they must give.

A case file (TOML, ``*.cases.toml``) names the variant its cases are written for and
holds cases; each case is a small log (inline, or a JSON Lines file beside the case
file), the day of evaluation, the article it rests on, and what the report must show:
verdicts, verdicts it must not show, subject totals and scorecard lines. Only what a case
states is checked. :func:`run_case_file` runs one file; :func:`run_paths` runs files,
folders and built-in variants' own cases; a failure shows what was expected against
what the report holds, with the rule and its article. The format is described in
docs/authoring-tests.md, and :func:`case_file_schema` is its JSON Schema.

Every built-in variant ships its cases, computed by hand from its source text:
``data/variants/tests/<variant>.cases.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bianmin_rules.authoring.locate import key_lines, locate
from bianmin_rules.core.bounds import Expected
from bianmin_rules.core.edge import exists
from bianmin_rules.core.engine import evaluate
from bianmin_rules.core.errors import BOM, BOM_FOUND, BianminError, CaseFileError, EventError
from bianmin_rules.core.family import Families
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.report import Report, SubjectTotal
from bianmin_rules.core.scorecards.cards import Card, LineKind
from bianmin_rules.core.variant import Variant, key_path
from bianmin_rules.core.verdicts import RuleId, Subject, SubjectKind, Verdict, VerdictKind
from bianmin_rules.families import BUILTIN, Event
from bianmin_rules.intake.files import DATA, builtin_variant_names, is_path, load_variant, read_event_files, read_text
from bianmin_rules.intake.jsonl import describe

CASES_SUFFIX = ".cases.toml"
"""How a case file's name ends: a folder is searched for such files."""

BUILTIN_CASES = DATA / "variants" / "tests"
"""Where the built-in variants' own case files are: ``<variant>.cases.toml``."""


class Pattern(BaseModel):
    """Base of what a case expects: frozen, no unknown keys; only the keys written are checked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def stated(self) -> dict[str, Any]:
        """The keys the author wrote, with their values, in the order the model lists them."""
        return {name: getattr(self, name) for name in type(self).model_fields if name in self.model_fields_set}

    def __str__(self) -> str:
        return " ".join(f"{name}={shown(value)}" for name, value in self.stated().items())


class VerdictPattern(Pattern):
    """A verdict as a case expects it: every key written must match, the others are not looked at."""

    rule: RuleId | None = None
    subject: str | None = Field(default=None, description="kind:id, e.g. staff:S1 or window:W1.")
    kind: VerdictKind | None = None
    case: str | None = None
    window: str | None = None
    staff: str | None = None
    code: str | None = None
    on: date | None = None
    due: date | None = Field(default=None, description="The due date (the verdict's, else its deadline's).")
    actual: date | None = None
    days_late: int | None = Field(default=None, description="The deadline's days late.")
    points: Expected | None = None
    fine: Expected | None = None
    bonus_share: Expected | None = None
    reimbursement: Expected | None = None
    sanction: str | None = Field(default=None, description="The sanction tier, in the regulation's words.")
    level: int | None = Field(default=None, description="The sanction tier's level.")
    quantity: Expected | None = None
    evidence: tuple[str, ...] | None = Field(
        default=None, description="Ids of events it rests on (among others: every id listed must be there).",
    )
    explanation: str | None = Field(default=None, description="Words the explanation contains.")
    measure: str | None = Field(default=None, description="The name of a measured rate, e.g. completion_rate.")
    period: str | None = Field(default=None, description="The measured rate's period: 2026, 2026-Q1 or 2026-03.")
    numerator: int | None = Field(default=None, description="The measured rate's numerator.")
    denominator: int | None = Field(default=None, description="The measured rate's denominator.")

    def differences(self, verdict: Verdict) -> dict[str, Any]:
        """The keys this pattern states that ``verdict`` does not match, with the verdict's values."""
        actual = verdict_fields(verdict)
        found: dict[str, Any] = {}
        for name, expected in self.stated().items():
            value = actual[name]
            if name == "explanation":
                if expected not in value:
                    found[name] = value
            elif name == "evidence":
                if not set(expected) <= set(value):
                    found[name] = value
            elif value != expected:
                found[name] = value
        return found


def verdict_fields(verdict: Verdict) -> dict[str, Any]:
    """A verdict's values under the names of :class:`VerdictPattern`."""
    deadline, measure = verdict.deadline, verdict.measure
    return {
        "rule": verdict.rule, "subject": str(verdict.subject), "kind": verdict.kind, "on": verdict.on,
        "due": verdict.due if verdict.due is not None else (deadline.due if deadline else None),
        "actual": verdict.actual if verdict.actual is not None else (deadline.actual if deadline else None),
        "days_late": deadline.days_late if deadline else None,
        "points": verdict.points, "fine": verdict.fine, "bonus_share": verdict.bonus_share,
        "reimbursement": verdict.reimbursement,
        "sanction": verdict.sanction.tier if verdict.sanction else None,
        "level": verdict.sanction.level if verdict.sanction else None,
        "quantity": verdict.quantity, "case": verdict.case, "window": verdict.window, "staff": verdict.staff,
        "code": verdict.code, "evidence": verdict.evidence, "explanation": verdict.explanation,
        "measure": measure.name if measure else None, "period": measure.period.label if measure else None,
        "numerator": measure.numerator if measure else None, "denominator": measure.denominator if measure else None,
    }


class TotalPattern(Pattern):
    """A subject's totals over the report (SC-9: points and money apart); a subject without verdicts has zeros."""

    subject: str = Field(description="kind:id, e.g. staff:S1.")
    violations: int | None = None
    warnings: int | None = None
    points: Expected | None = None
    fine: Expected | None = None
    bonus_share: Expected | None = None
    reimbursement: Expected | None = None


class LinePattern(Pattern):
    """One line of a card's item: a deduction, a bonus, a band …"""

    item: str | None = None
    kind: LineKind | None = None
    rule: str | None = None
    points: Expected | None = None
    on: date | None = None


class CardPattern(Pattern):
    """One scorecard: a table's result for one subject and period, its items' scores, lines and rank."""

    scorecard: str = Field(description="The table's id, e.g. window.")
    subject: str = Field(description="kind:id, e.g. window:W1.")
    period: str = Field(description="The period's label: 2026, 2026-Q1 or 2026-03.")
    total: Expected | None = None
    score: Expected | None = None
    rank: int | None = None
    eligible: bool | None = None
    fine: Expected | None = Field(default=None, description="The money of the card (SC-9).")
    categories: dict[str, Expected] | None = Field(default=None, description="Category id → score.")
    items: dict[str, Expected] | None = Field(default=None, description="Item id → score.")
    lines: tuple[LinePattern, ...] | None = Field(default=None, description="Lines the card's items must hold.")


class Case(Pattern):
    """One case: a small log, the day, the article it rests on, and what the report must show."""

    name: str = Field(min_length=1, description="What the case shows, in a few words.")
    article: str | None = Field(default=None, description="The article of the source text the case rests on.")
    quote: str | None = Field(default=None, description="The article's words, quoted.")
    as_of: date | None = Field(default=None, description="The day of evaluation (default: the file's as_of).")
    events: tuple[dict[str, Any], ...] | None = Field(
        default=None, description="The log, inline: events as in JSON Lines; `id` defaults to e1, e2, … by position."
    )
    log: str | None = Field(default=None, description="The log as a JSON Lines file, relative to the case file.")
    compliance: bool = Field(default=False, description="Also report the rules that were met.")
    verdicts: tuple[VerdictPattern, ...] = Field(default=(), description="Verdicts the report must hold.")
    no_verdicts: tuple[VerdictPattern, ...] = Field(default=(), description="Verdicts the report must not hold.")
    nothing_else: bool = Field(
        default=False, description="No violation or warning beyond those of `verdicts`.",
    )
    totals: tuple[TotalPattern, ...] = ()
    cards: tuple[CardPattern, ...] = ()

    def rules(self) -> tuple[str, ...]:
        """The rule IDs the case's expectations name: of its verdicts, the verdicts it rules out and its card lines."""
        patterns: list[VerdictPattern | LinePattern] = [*self.verdicts, *self.no_verdicts]
        patterns += [line for card in self.cards for line in card.lines or ()]
        return tuple(dict.fromkeys(p.rule for p in patterns if p.rule))

    @model_validator(mode="after")
    def _one_log_and_something_checked(self) -> Case:
        if (self.events is None) == (self.log is None):
            raise ValueError("give the log either inline (`events`) or as a file (`log`), not both or neither")
        if not (self.verdicts or self.no_verdicts or self.nothing_else or self.totals or self.cards):
            raise ValueError("the case checks nothing: state verdicts, no_verdicts, nothing_else, totals or cards")
        return self


class CaseFile(Pattern):
    """A file of cases for one variant."""

    variant: str = Field(description="The variant the cases are written for: a built-in name or a .toml path "
                                     "relative to this file.")
    document: str | None = Field(default=None, description="The source text the cases quote.")
    as_of: date | None = Field(default=None, description="The day of evaluation of the cases that name none.")
    cases: tuple[Case, ...] = Field(min_length=1)


def case_file_schema() -> dict[str, Any]:
    """The JSON Schema of a case file (``bianmin-rules schema cases``)."""
    schema = CaseFile.model_json_schema()
    schema["title"] = "bianmin-rules case file"
    return schema


# ---------------------------------------------------------------------------------------
# Results


class Mismatch(BaseModel):
    """One thing a case expected that the report does not show."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    what: str = Field(description="verdict, no_verdicts, nothing_else, total or card, with the expectation.")
    expected: str
    actual: str


class CaseResult(BaseModel):
    """The outcome of one case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    line: int | None
    name: str
    variant: str
    rules: tuple[str, ...] = Field(description="The rules the case's expectations name.")
    article: str | None
    quote: str | None
    mismatches: tuple[Mismatch, ...] = ()

    @property
    def passed(self) -> bool:
        """Did the report show everything the case expected?"""
        return not self.mismatches

    def heading(self) -> str:
        """``file:line  name  (rules, article「quote」)``."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        cite = " ".join(part for part in (", ".join(self.rules), self.article) if part)
        if self.quote:
            cite += f"「{self.quote}」"
        return f"{place}  {self.name}" + (f"  ({cite})" if cite else "")

    def text(self) -> str:
        """The case as the command line prints it: a line, and for a failure each mismatch."""
        lines = [f"{'PASS' if self.passed else 'FAIL'} {self.heading()}"]
        for mismatch in self.mismatches:
            lines += [f"  {mismatch.what}", f"    expected: {mismatch.expected}", f"    actual:   {mismatch.actual}"]
        return "\n".join(lines)


class TestRun(BaseModel):
    """The outcome of every case run."""

    __test__ = False  # not a pytest class

    model_config = ConfigDict(frozen=True, extra="forbid")

    results: tuple[CaseResult, ...]

    @property
    def passed(self) -> int:
        """How many cases passed."""
        return sum(result.passed for result in self.results)

    @property
    def failed(self) -> int:
        """How many cases failed."""
        return len(self.results) - self.passed

    def summary(self) -> str:
        """``12 cases: 11 passed, 1 failed``."""
        return f"{len(self.results)} cases: {self.passed} passed, {self.failed} failed"

    def text(self, *, failures_only: bool = False) -> str:
        """Every case (or only the failures), then the summary."""
        shown = [r.text() for r in self.results if not (failures_only and r.passed)]
        return "\n".join([*shown, self.summary()]) + "\n"


# ---------------------------------------------------------------------------------------
# Checking one report against one case


def check(case: Case, report: Report) -> tuple[Mismatch, ...]:
    """Everything ``case`` expects that ``report`` does not show."""
    found: list[Mismatch] = []
    matched = match(case.verdicts, report.verdicts)
    for index, pattern in enumerate(case.verdicts):
        if index not in matched:
            found.append(Mismatch(what=f"verdict {index + 1}", expected=str(pattern),
                                  actual=nearest(pattern, report.verdicts)))
    for pattern in case.no_verdicts:
        hits = [v for v in report.verdicts if not pattern.differences(v)]
        if hits:
            found.append(Mismatch(what="no_verdicts", expected=f"no verdict with {pattern}",
                                  actual="; ".join(brief(v) for v in hits)))
    if case.nothing_else:
        used = set(matched.values())
        extra = [v for i, v in enumerate(report.verdicts)
                 if i not in used and v.kind in (VerdictKind.VIOLATION, VerdictKind.WARNING)]
        if extra:
            found.append(Mismatch(what="nothing_else", expected="no other violation or warning",
                                  actual="; ".join(brief(v) for v in extra)))
    found += (m for pattern in case.totals if (m := check_total(pattern, report.totals)))
    found += (m for pattern in case.cards if (m := check_card(pattern, report.scorecards)))
    return tuple(found)


def match(patterns: Sequence[VerdictPattern], verdicts: Sequence[Verdict]) -> dict[int, int]:
    """Each pattern matched to a verdict of its own (pattern index → verdict index), as many as can be.

    Two patterns never share a verdict: a case that expects two FIR-3 verdicts needs two.
    A maximum matching (augmenting paths), so that a loose pattern never takes the only
    verdict a stricter one could match.
    """
    candidates = [[j for j, v in enumerate(verdicts) if not p.differences(v)] for p in patterns]
    owner: dict[int, int] = {}  # verdict index → pattern index

    def place(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(patterns)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def nearest(pattern: VerdictPattern, verdicts: Sequence[Verdict], shown_at_most: int = 3) -> str:
    """What the report holds closest to ``pattern``: verdicts of its rule, each with the keys that differ."""
    same_rule = [v for v in verdicts if pattern.rule is None or v.rule == pattern.rule]
    if not same_rule:
        others = ", ".join(sorted({v.rule for v in verdicts})) or "none"
        return f"no {pattern.rule} verdict at all (the report's rules: {others})"
    ranked = sorted(same_rule, key=lambda v: len(pattern.differences(v)))
    parts = []
    for verdict in ranked[:shown_at_most]:
        differing = ", ".join(f"{name}={shown(value)}" for name, value in pattern.differences(verdict).items())
        parts.append(f"{brief(verdict)} — differs in {differing}")
    if len(ranked) > shown_at_most:
        parts.append(f"and {len(ranked) - shown_at_most} more")
    return "; ".join(parts)


def brief(verdict: Verdict) -> str:
    """A verdict in a few words: rule, kind, subject, day, money and points, and its article."""
    parts = [verdict.rule, verdict.kind.value, str(verdict.subject), f"on={verdict.on.isoformat()}"]
    if verdict.case:
        parts.append(f"case={verdict.case}")
    parts += [f"{name}={plain(value)}" for name, value in
              (("points", verdict.points), ("fine", verdict.fine)) if value]
    if verdict.sanction:
        parts.append(f"sanction={verdict.sanction.tier}")
    return " ".join(parts) + f" [{verdict.source.article}]"


def check_total(pattern: TotalPattern, totals: Iterable[SubjectTotal]) -> Mismatch | None:
    """The subject's totals against the pattern; a subject without verdicts has zeros."""
    total = next((t for t in totals if str(t.subject) == pattern.subject), None)
    if total is None:
        total = SubjectTotal(subject=parse_subject(pattern.subject))
    differing = {name: getattr(total, name) for name, value in pattern.stated().items()
                 if name != "subject" and getattr(total, name) != value}
    if not differing:
        return None
    return Mismatch(what=f"total of {pattern.subject}", expected=str(pattern),
                    actual=" ".join(f"{name}={shown(value)}" for name, value in differing.items()))


def check_card(pattern: CardPattern, cards: Sequence[Card]) -> Mismatch | None:
    """The card of the pattern's table, subject and period against the pattern."""
    what = f"card {pattern.scorecard} {pattern.subject} {pattern.period}"
    card = next((c for c in cards if c.scorecard == pattern.scorecard and str(c.subject) == pattern.subject
                 and c.period.label == pattern.period), None)
    if card is None:
        held = sorted({f"{c.scorecard} {c.subject} {c.period.label}" for c in cards})
        return Mismatch(what=what, expected=str(pattern),
                        actual="no such card (the report's cards: " + (", ".join(held[:8]) or "none")
                               + (" …" if len(held) > 8 else "") + ")")
    differing = card_differences(pattern, card)
    if not differing:
        return None
    return Mismatch(what=what, expected=str(pattern), actual="; ".join(differing))


def card_differences(pattern: CardPattern, card: Card) -> list[str]:
    """What differs between ``pattern`` and ``card``, in words."""
    found = []
    actual: dict[str, Any] = {"total": card.total, "score": card.score, "rank": card.rank,
                              "eligible": card.eligible, "fine": card.money.fine}
    for name, value in pattern.stated().items():
        if name in actual and actual[name] != value:
            found.append(f"{name}={shown(actual[name])}")
    for label, wanted, held in (
        ("category", pattern.categories or {}, {c.id: c.score for c in card.categories}),
        ("item", pattern.items or {}, {i.id: i.score for c in card.categories for i in c.items}),
    ):
        for key, score in wanted.items():
            if key not in held:
                found.append(f"no {label} {key!r} (the card's: {', '.join(held)})")
            elif held[key] != score:
                found.append(f"{label} {key}={plain(held[key])}")
    lines = [(item.id, line) for category in card.categories for item in category.items for line in item.lines]
    for line_pattern in pattern.lines or ():
        if not any(line_matches(line_pattern, item, line) for item, line in lines):
            found.append(f"no line with {line_pattern}")
    return found


def line_matches(pattern: LinePattern, item: str, line: Any) -> bool:
    """Does a card's line (of ``item``) match every key the pattern states?"""
    fields = {"item": item, "kind": line.kind, "rule": line.rule, "points": line.points, "on": line.on}
    return all(fields[name] == value for name, value in pattern.stated().items())


def parse_subject(text: str) -> Subject:
    """``staff:S1`` → the subject."""
    kind, _, ident = text.partition(":")
    try:
        return Subject(kind=SubjectKind(kind), id=ident)
    except ValueError:
        raise ValueError(f"not a subject (kind:id, e.g. staff:S1): {text!r}") from None


def shown(value: Any) -> str:
    """A value as a case file writes it."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, LinePattern):
        return "{" + str(value) + "}"
    if hasattr(value, "value"):  # an enum
        return str(value.value)
    return str(value)


# ---------------------------------------------------------------------------------------
# Reading and running case files


class LoadedCases:
    """A case file read and validated, with the lines its cases start on."""

    def __init__(self, cases: CaseFile, *, origin: str, folder: Path | None, lines: dict[str, int]) -> None:
        self.file = cases
        self.origin = origin
        self.folder = folder
        self.lines = lines

    def line_of(self, key: str) -> int | None:
        """The line ``key`` (or the nearest key above it) is written on."""
        place = locate(self.lines, key)
        return place[1] if place else None


def parse_cases(text: str, *, origin: str, folder: Path | None = None) -> LoadedCases:
    """A case file's text, validated; :class:`CaseFileError` names the file, line and key of the first problem."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise CaseFileError(BOM_FOUND if text.startswith(BOM) else f"not valid TOML: {exc}", file=origin) from None
    lines = key_lines(text)
    try:
        cases = CaseFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        key = key_path(first["loc"], data)
        place = locate(lines, key)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise CaseFileError(first["msg"] + more, file=origin, key=key or None,
                            line=place[1] if place else None) from None
    return LoadedCases(cases, origin=origin, folder=folder, lines=lines)


def read_cases(path: str | Path) -> LoadedCases:
    """A case file from disk."""
    path = Path(path)
    text = read_text(path, lambda why: CaseFileError(why, file=str(path)))
    return parse_cases(text, origin=str(path), folder=path.parent)


def builtin_cases(name: str) -> LoadedCases:
    """A built-in variant's own cases."""
    resource = builtin_case_file(name)
    return parse_cases(resource.read_text(encoding="utf-8"), origin=f"{name}{CASES_SUFFIX}")


def builtin_case_file(name: str) -> Traversable:
    """The package resource of a built-in variant's case file."""
    resource = BUILTIN_CASES / f"{name}{CASES_SUFFIX}"
    if name not in builtin_variant_names() or not resource.is_file():
        known = ", ".join(builtin_variant_names())
        raise CaseFileError(f"not a case file, a folder or a built-in variant (the built-in variants: {known})",
                            file=name)
    return resource


def case_events(loaded: LoadedCases, index: int, families: Families = BUILTIN) -> list[Event]:
    """The log of the ``index``-th case, of ``families``: inline events validated (ids e1, e2 … by default), or
    its file read."""
    case = loaded.file.cases[index]
    if case.log is not None:
        if loaded.folder is None:
            raise CaseFileError("a built-in case file cannot name a log file", file=loaded.origin,
                                key=f"cases[{index}].log")
        return list(read_event_files([loaded.folder / case.log], families=families))
    log: list[Event] = []
    for number, row in enumerate(case.events or (), start=1):
        key = f"cases[{index}].events[{number - 1}]"
        try:
            log.append(families.event_adapter.validate_python({"id": f"e{number}", **row}))
        except ValidationError as exc:
            field, message = describe(exc.errors(include_url=False)[0], families)
            raise CaseFileError(message, file=loaded.origin, key=f"{key}.{field}" if field else key,
                                line=loaded.line_of(key)) from None
    return log


def run_cases(
    loaded: LoadedCases, variant: Variant | None = None, families: Families = BUILTIN,
) -> Iterator[CaseResult]:
    """Run every case of ``loaded`` under ``variant`` (default: the variant the file names, read with ``families``)."""
    if variant is None:
        variant = file_variant(loaded, families)
    for index, case in enumerate(loaded.file.cases):
        as_of = case.as_of or loaded.file.as_of
        if as_of is None:
            raise CaseFileError("the case names no as_of, and the file gives none", file=loaded.origin,
                                key=f"cases[{index}]", line=loaded.line_of(f"cases[{index}]"))
        try:
            report = evaluate(variant, case_events(loaded, index, variant.families), as_of=as_of,
                              include_compliance=case.compliance)
        except (CaseFileError, EventError):
            raise
        except BianminError as exc:
            raise CaseFileError(f"the case cannot be evaluated: {exc}", file=loaded.origin, key=f"cases[{index}]",
                                line=loaded.line_of(f"cases[{index}]")) from None
        yield CaseResult(
            file=loaded.origin, line=loaded.line_of(f"cases[{index}]"), name=case.name, variant=variant.name,
            rules=case.rules(), article=case.article, quote=case.quote, mismatches=check(case, report),
        )


def file_variant(loaded: LoadedCases, families: Families = BUILTIN) -> Variant:
    """The variant a case file names, read with ``families``: a built-in name, or a path relative to the file."""
    reference = loaded.file.variant
    if is_path(reference) and loaded.folder is not None and not Path(reference).is_absolute():
        return load_variant(loaded.folder / reference, families=families)
    return load_variant(reference, families=families)


def case_files(reference: str) -> list[LoadedCases]:
    """The case files ``reference`` names: a file, a folder (its ``*.cases.toml``, recursively), a built-in variant."""
    path = Path(reference)
    if exists(path, folder=True):
        found = sorted(path.rglob(f"*{CASES_SUFFIX}"))
        if not found:
            raise CaseFileError(f"the folder holds no case files (*{CASES_SUFFIX})", file=reference)
        return [read_cases(p) for p in found]
    if exists(path) or is_path(reference):
        return [read_cases(path)]
    return [builtin_cases(reference)]


def run_paths(
    references: Iterable[str], *, variant: Variant | None = None,
    on_result: Callable[[CaseResult], None] | None = None, families: Families = BUILTIN,
) -> TestRun:
    """Run the cases of files, folders and built-in variants; ``variant`` replaces the one each file names.

    The variants the files name are read with ``families`` (default: the library's own).
    ``on_result`` is told of each case as it is run (the command line prints it).
    """
    results: list[CaseResult] = []
    for reference in references:
        for loaded in case_files(reference):
            for result in run_cases(loaded, variant, families):
                results.append(result)
                if on_result is not None:
                    on_result(result)
    return TestRun(results=tuple(results))

