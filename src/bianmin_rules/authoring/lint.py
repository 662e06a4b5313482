"""Lint: what a variant file leaves open, contradicts or cannot deliver, each with its place.

:func:`lint_text` reads a variant file's text (and, for one that ``extends`` another, its
parents') and reports every finding at once, each with the catalogue ID it concerns, a
short code, the dotted key in the variant as resolved, the file and line where that key
is written, and a message:

| code | rule | what |
| --- | --- | --- |
| `invalid` | the entry's rule | a value the variant model refuses (a wrong type, an unknown key or kind) |
| `blank` | the policy's rule (OTN-3 …) | a parameter with no default left out: a blank of the text not filled in |
| `undeclared-case-type` | CASE-2 | a policy covers a case type `[case_types]` does not declare |
| `unknown-rule` | — | a rule ID that is not in the catalogue |
| `over-statutory-cap` | TL-6, TL-7, OTN-3, CMP-1…3 | a parameter beyond the cap a text states (see :mod:`~.caps`) |
| `approval-gap`, `approval-overlap` | LV-1 | durations no band of a leave-approval table covers, or two cover |
| `band-gap`, `band-overlap` | SC-5, TL-11 … | a gap or an overlap the text's bands leave (resolved or not) |
| `unreachable-maximum` | SC-6 | an item, category or table whose maximum no input reaches |
| `no-year-total` | SC-10 | a year-scope disqualification on a table without a year total |
| `stale-accept` | — | a `[[lint.accept]]` entry that matches no finding |
| `dated-order`, `dated-duplicate`, `misdated` | the entry's rule | dated values out of order, given twice, not days |
| `change-inside-period` | SC-10 | a table that changes inside one of its periods |
| `never-in-force` | the policy's rule | a policy in force on no day (of the year linted) |
| `amendment-before-base` | — | an amendment dated before its base, or before an earlier amendment |

A variant that changes over time (:mod:`bianmin_rules.core.dated`) is checked on each of
its versions, each finding once, at the key the file writes it
(:mod:`~bianmin_rules.authoring.dated`).

A file that does not validate is still linted: each validation error is a finding with
its key and line, and every other check runs on the parts that do validate. A variant
accepts the findings it knows about in ``[[lint.accept]]`` (code, key, ``which``,
reason); a report is clean when every finding is accepted. An error — what evaluation
refuses or may stop on — is never accepted, so a file that lints clean loads, and its
tables never stop an evaluation. Only a file that cannot be read at all — not TOML, of
the wrong shape, or an ``extends`` that cannot be resolved — raises a
:class:`VariantError`.

Keys are those of the resolved variant (``bianmin-rules show``). For a variant that
extends another, a finding is placed in the file that writes the key: the child where
it sets it, else the parent that does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bianmin_rules.authoring.caps import breaches
from bianmin_rules.authoring.dated import dated_problems, versions
from bianmin_rules.authoring.scorecards import LintFinding, Severity, lint_table
from bianmin_rules.authoring.sources import Chain, SourceReader
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.deadlines import TimeLimit
from bianmin_rules.core.family import Families
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.policy import PolicyBase
from bianmin_rules.core.scorecards.tables import ScorecardTable
from bianmin_rules.core.variant import (
    AcceptedFinding,
    Part,
    UndeclaredCaseTypeError,
    Variant,
    error_key,
    key_parts,
    named_rules,
    rule_keys,
    unknown_rule,
    validation_message,
)
from bianmin_rules.families import BUILTIN
from bianmin_rules.families.leave.policies import LeaveApproval
from bianmin_rules.intake.files import variant_text

Data = dict[str, Any]



class Finding(BaseModel):
    """One thing lint found: its rule, code, place (key, file, line), message, and whether it is accepted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str | None = Field(description="The catalogue ID it concerns (none: the file as a whole).")
    code: str = Field(description="What kind of finding, e.g. band-gap (see docs/lint.md).")
    key: str = Field(description="The dotted key in the resolved variant.")
    file: str = Field(description="The variant file the key is written in (a built-in name or a path).")
    line: int | None = Field(description="The line of that file; none when the file does not write the key.")
    severity: Severity
    message: str
    which: str = Field(
        default="", description="Which finding of its code at its key, as `[[lint.accept]]` names it (`which`).",
    )
    accepted: str | None = Field(default=None, description="The variant's reason, when it accepts the finding.")

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        rule = f"{self.rule} " if self.rule else ""
        which = f" {self.which}" if self.which else ""
        text = f"{place}: {self.severity.value}: {rule}{self.code}{which}: {self.key}: {self.message}"
        return text + (f"\n    accepted: {self.accepted}" if self.accepted else "")


class LintReport(BaseModel):
    """Every finding of one variant file, in file order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    variant: str = Field(description="The file linted (a built-in name or a path).")
    findings: tuple[Finding, ...]

    @property
    def unaccepted(self) -> tuple[Finding, ...]:
        """The findings the variant does not accept."""
        return tuple(f for f in self.findings if f.accepted is None)

    @property
    def clean(self) -> bool:
        """Is every finding accepted?"""
        return not self.unaccepted

    def summary(self) -> str:
        """One line: how many findings, how many accepted."""
        total, open_ = len(self.findings), len(self.unaccepted)
        return f"{self.variant}: {total} findings, {total - open_} accepted, {open_} not accepted"


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding before it is placed in a file."""

    rule: str | None
    code: str
    key: str
    severity: Severity
    message: str
    which: str = ""
    accepted: str | None = None


def lint_variant(name_or_path: str | Path, *, families: Families = BUILTIN, year: int | None = None) -> LintReport:
    """Lint a built-in variant or a variant file, and the files it extends; ``families`` and ``year`` as
    :func:`lint_text`."""
    text, origin = variant_text(str(name_or_path))
    return lint_text(text, origin=origin, read_parent=variant_text, families=families, year=year)


def lint_text(
    text: str, *, origin: str, read_parent: SourceReader | None = None, calendar: WorkCalendar | None = None,
    families: Families = BUILTIN, year: int | None = None,
) -> LintReport:
    """Lint a variant file's text; ``origin`` names it, ``read_parent`` reads the files it extends.

    The policy kinds and rule IDs it knows are those of ``families`` (default: the
    library's own); ``year``, when given, is the year to be evaluated: a policy in force
    on no day of it is a finding (``never-in-force``). Raises :class:`VariantError` only
    when the file cannot be read as a variant at all (not TOML; an ``extends`` that cannot be resolved).
    """
    chain = Chain(text, origin=origin, read_parent=read_parent)
    data = chain.resolve()
    effective = [source.data.get("effective") for source in chain.sources]
    found = accept(list(problems(data, calendar or WorkCalendar.china(), families, year, effective)), data)
    placed = [place(problem, data, chain) for problem in found]
    order = {source.origin: index for index, source in enumerate(chain.sources)}
    placed.sort(key=lambda f: (order[f.file], f.line or 0))
    return LintReport(variant=origin, findings=tuple(placed))


def problems(
    data: Data, calendar: WorkCalendar, families: Families, year: int | None = None,
    effective: list[Any] | None = None,
) -> Iterator[Problem]:
    """Every check, on the resolved variant data: its dates, then each of its versions, each finding once.

    ``effective`` is the ``effective`` day of each file of its ``extends`` chain, the variant first.
    """
    yield from map(problem_of, dated_problems(data, year, effective, families.policy_kinds))
    seen: set[tuple[str, str, str]] = set()
    for version in versions(data):
        for problem in version_problems(version.data, calendar, families):
            key = version.in_file(problem.key)
            if (problem.code, key, problem.which) not in seen:
                seen.add((problem.code, key, problem.which))
                when = f" (in force from {version.since})" if version.since and problem.code == "invalid" else ""
                yield replace(problem, key=key, message=problem.message + when)


def version_problems(data: Data, calendar: WorkCalendar, families: Families) -> Iterator[Problem]:
    """Every check of a plain variant's data."""
    policies = validated(data, "policies", families.policy_adapter.validate_python)
    yield from validation_problems(data, families)
    yield from case_type_problems(data, policies)
    yield from unknown_rules(data, families)
    yield from cap_problems(policies, calendar)
    yield from approval_problems(policies)
    for index, table in validated(data, "scorecards", ScorecardTable.model_validate):
        yield from map(problem_of, lint_table(table, f"scorecards[{index}]"))


def problem_of(found: LintFinding) -> Problem:
    """A finding of the tables' or the dates' checks, as a problem."""
    return Problem(found.rule, found.code, found.place, found.severity, found.message, found.which)


def validated(data: Data, key: str, validate: Callable[[Any], Any]) -> list[tuple[int, Any]]:
    """The entries of the list ``key`` that validate on their own, with their index."""
    entries = data.get(key)
    if not isinstance(entries, list):
        return []
    found = []
    for index, entry in enumerate(entries):
        try:
            found.append((index, validate(entry)))
        except ValidationError:
            continue  # reported once, by the validation of the whole variant
    return found


def validation_problems(data: Data, families: Families) -> Iterator[Problem]:
    """Every validation error of the variant as a problem (undeclared case types come from their own check)."""
    rules = families.rules
    try:
        Variant.model_validate({**data, "families": families})
    except ValidationError as exc:
        for error in exc.errors():
            if isinstance(error.get("ctx", {}).get("error"), UndeclaredCaseTypeError):
                continue
            key = error_key(error, data)
            parts = key_parts(key)
            if error["type"] == "missing" and is_parameter(parts):
                yield Problem(rule_at(data, parts, rules), "blank", key, Severity.ERROR, (
                    f"{parts[-1]} is not given and has no default: fill in the number the text leaves blank "
                    "(or the one the centre applies)"
                ))
            else:
                yield Problem(rule_at(data, parts, rules), "invalid", key or "(file)", Severity.ERROR,
                              validation_message(error, families))


def is_parameter(parts: tuple[Part, ...]) -> bool:
    """Does the key name a parameter of a policy (not its citation or its kind)?"""
    return len(parts) >= 3 and parts[0] == "policies" and parts[2] not in ("rule", "source", "kind")


def rule_at(data: Data, parts: Iterable[Part], rules: Collection[str]) -> str | None:
    """The rule ID of the innermost entry on the way to a key (a policy, a sub-rule, a table)."""
    parts = tuple(parts)
    rule = "CASE-2" if parts[:1] == ("case_types",) else None
    node: Any = data
    for part in (*parts, None):
        if isinstance(node, dict) and isinstance(node.get("rule"), str) and node["rule"] in rules:
            rule = node["rule"]
        node = child(node, part)
    return rule


def child(node: Any, part: Part | None) -> Any:
    """The value at one step into ``node``; None where there is none."""
    if isinstance(part, int) and isinstance(node, list):
        return node[part] if part < len(node) else None
    if isinstance(part, str) and isinstance(node, dict):
        return node.get(part)
    return None


def case_type_problems(data: Data, policies: list[tuple[int, PolicyBase]]) -> Iterator[Problem]:
    """CASE-2: every case type a policy covers, written or by default, that the variant does not declare."""
    declared = data.get("case_types")
    if not isinstance(declared, dict):
        return
    entries = data.get("policies")
    if not isinstance(entries, list):
        return  # reported by the validation of the whole variant
    models = dict(policies)
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        written = entry.get("case_types")
        written = written if isinstance(written, list) else []
        policy = models.get(index)
        codes = getattr(policy, "case_types", ()) if policy is not None else written
        for code in codes:
            if not isinstance(code, str) or code in declared:
                continue
            by_default = code not in written
            key = f"policies[{index}].case_types" + ("" if by_default else f"[{written.index(code)}]")
            rule = entry.get("rule")
            yield Problem("CASE-2", "undeclared-case-type", key, Severity.ERROR, (
                f"{rule} covers the case type {code!r}{' by default' if by_default else ''}, which [case_types] "
                f"does not declare (declared: {', '.join(declared)})"
            ))


def unknown_rules(data: Data, families: Families) -> Iterator[Problem]:
    """Every rule ID the file names that the families' catalogue does not hold."""
    for key, rule in named_rules(data, rule_keys(families)):
        if rule not in families.rules:
            yield Problem(None, "unknown-rule", key, Severity.ERROR, unknown_rule(rule, families))


def cap_problems(policies: list[tuple[int, PolicyBase]], calendar: WorkCalendar) -> Iterator[Problem]:
    """Parameters beyond the caps the texts state (TL-6, TL-7, OTN-3, CMP-1 … CMP-3)."""
    for index, policy in policies:
        for cap, how in breaches(policy, calendar):
            value = getattr(policy, cap.parameter)
            yield Problem(cap.rule, "over-statutory-cap", f"policies[{index}].{cap.parameter}", Severity.WARNING, (
                f"{cap.parameter} {how}: {cap.where} caps it at {cap.shown} (“{cap.words}”)"
            ), value.label() if isinstance(value, TimeLimit) else plain(value))


def approval_problems(policies: list[tuple[int, PolicyBase]]) -> Iterator[Problem]:
    """LV-1: durations a leave-approval table leaves without an approver, or gives two."""
    for index, policy in policies:
        if not isinstance(policy, LeaveApproval):
            continue
        for gap in policy.gaps():
            yield Problem("LV-1", "approval-gap", f"policies[{index}].table", Severity.WARNING, (
                f"no band says who approves leave of {gap.label}: such a leave gets a warning, never an approver"
            ), gap.label)
        for first, second in policy.overlaps():
            resolved = policy.on_overlap == "first"
            yield Problem("LV-1", "approval-overlap", f"policies[{index}].table[{second}]",
                          Severity.INFO if resolved else Severity.WARNING, (
                              f"table[{first}] and table[{second}] both cover some durations"
                              + (", resolved by on_overlap = first" if resolved else ": such a leave gets a warning")
                          ), f"table[{first}] and table[{second}]")


def accepted_entries(data: Data) -> list[tuple[int, AcceptedFinding]]:
    """The ``[[lint.accept]]`` entries that validate, with their index."""
    settings = data.get("lint")
    if not isinstance(settings, dict):
        return []
    return validated(settings, "accept", AcceptedFinding.model_validate)


def accept(found: list[Problem], data: Data) -> list[Problem]:
    """Mark the problems the variant accepts; report the entries, and the ``which`` of them, that accept nothing."""
    entries = accepted_entries(data)
    used: dict[int, set[str]] = {index: set() for index, _ in entries}
    marked = []
    for problem in found:
        matches = [(index, entry) for index, entry in entries if accepts(entry, problem)]
        for index, _ in matches:
            used[index].add(problem.which)
        marked.append(replace(problem, accepted=matches[0][1].reason) if matches else problem)
    for index, entry in entries:
        missing = [which for which in entry.which if which not in used[index]]
        if used[index] and not missing:
            continue
        marked.append(Problem(entry.rule, "stale-accept", f"lint.accept[{index}]", Severity.WARNING,
                              stale(entry, missing, found), ", ".join(missing)))
    return marked


def accepts(entry: AcceptedFinding, problem: Problem) -> bool:
    """Does the entry accept the problem: the same code and key, the same rule if the entry names one,
    a ``which`` the entry names (none when the finding has none), and not an error?"""
    return (
        (entry.code, entry.key) == (problem.code, problem.key) and entry.rule in (None, problem.rule)
        and (problem.which in entry.which if problem.which else not entry.which)
        and problem.severity is not Severity.ERROR
    )


def stale(entry: AcceptedFinding, missing: list[str], found: list[Problem]) -> str:
    """What is wrong with an entry that accepts less than it says, and what lint finds at its key instead."""
    named = f"{entry.code} at {entry.key}" + (f" ({', '.join(missing)})" if missing else "")
    there = [p for p in found if (p.code, p.key) == (entry.code, entry.key) and entry.rule in (None, p.rule)]
    if any(p.severity is Severity.ERROR for p in there):
        return f"accepts {named}, but lint finds an error there, which evaluation refuses or may stop on: resolve it"
    found_there = "; lint finds there: " + ", ".join(repr(p.which) for p in there) if there else ""
    return f"accepts {named}, which lint does not find{found_there}: correct or remove the entry"


def place(problem: Problem, resolved: Data, chain: Chain) -> Finding:
    """The problem with the file and line that write its key."""
    where = chain.place(problem.key, resolved)
    return Finding(
        rule=problem.rule, code=problem.code, key=problem.key, file=where.file, line=where.line,
        severity=problem.severity, message=problem.message, which=problem.which, accepted=problem.accepted,
    )
