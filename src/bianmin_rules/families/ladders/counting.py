"""Counting earlier verdicts: which violations a ladder or a disqualification counts, and against whom.

Policies of stage 1 (ladders, severity tiers, ATT-8) count the violation verdicts of
stage 0. A :class:`Selector` names the rule counted and, optionally, narrows it to
verdicts that rest on findings of some codes or some finders (a superior's circular, an
inspection), which it looks up in the books' findings by the verdict's evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from bianmin_rules.core.books import Books
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import PolicyBase
from bianmin_rules.core.verdicts import Occurrence, RuleId, SubjectKind, Verdict, VerdictKind
from bianmin_rules.core.words import Joined, Message, joined, say
from bianmin_rules.families.findings.events import FindingSource
from bianmin_rules.families.findings.ledger import FINDINGS, Finding


class Selector(BaseModel):
    """The violations of one rule to count, optionally only those resting on some findings.

    ``findings`` keeps only verdicts that rest on a finding of one of these codes;
    ``finders`` only those resting on a finding by one of these finders. Left empty,
    neither narrows anything. In a variant file a bare rule ID (``"ATT-1"``) is a
    selector without filters.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: RuleId
    findings: tuple[str, ...] = Field(default=(), description="Only verdicts resting on findings of these codes.")
    finders: tuple[FindingSource, ...] = Field(
        default=(), description="Only verdicts resting on findings by these finders."
    )

    def admits(self, verdict: Verdict, findings: Mapping[str, Finding]) -> bool:
        """Does this selector count ``verdict``?"""
        if verdict.kind is not VerdictKind.VIOLATION or verdict.rule != self.rule:
            return False
        if not (self.findings or self.finders):
            return True
        rested = [findings[event] for event in verdict.evidence if event in findings]
        return any(
            (not self.findings or f.finding in self.findings) and (not self.finders or f.by in self.finders)
            for f in rested
        )


def _bare_rule_is_a_selector(value: Any) -> Any:
    return {"rule": value} if isinstance(value, str) else value


SelectorField = Annotated[Selector, BeforeValidator(_bare_rule_is_a_selector, json_schema_input_type=str | Selector)]
"""A :class:`Selector`, or a bare rule ID."""


def findings_by_event(books: Books) -> dict[str, Finding]:
    """Every finding, by the id of the event that recorded it."""
    return {finding.event: finding for finding in books[FINDINGS]}


def counted(verdicts: Iterable[Verdict], selectors: Iterable[Selector], books: Books) -> list[Verdict]:
    """The violations any of ``selectors`` counts, in report order (by day, then rule …)."""
    chosen = tuple(selectors)
    findings = findings_by_event(books) if any(s.findings or s.finders for s in chosen) else {}
    # Only the selectors of a verdict's own rule can admit it: looking them up by rule, rather
    # than asking every selector of every verdict.
    by_rule: dict[str, list[Selector]] = {}
    for selector in chosen:
        by_rule.setdefault(selector.rule, []).append(selector)
    every = {s.rule for s in chosen if not (s.findings or s.finders)}  # rules counted whatever their findings
    violation = VerdictKind.VIOLATION
    found = [
        v for v in verdicts
        if v.kind is violation and (v.rule in every or any(s.admits(v, findings) for s in by_rule.get(v.rule, ())))
    ]
    return sorted(found, key=lambda v: v.sort_key)


def counted_against(verdict: Verdict, per: SubjectKind) -> str | None:
    """Who a verdict counts against when occurrences are counted per ``per``; None if nobody."""
    if verdict.subject.kind is per:
        return verdict.subject.id
    related = {SubjectKind.STAFF: verdict.staff, SubjectKind.WINDOW: verdict.window, SubjectKind.CASE: verdict.case}
    return related.get(per)


@lru_cache(maxsize=1024)
def period_containing(kind: PeriodKind, day: date) -> Period:
    """:meth:`Period.containing`, remembered: counting asks it once or twice per verdict counted, of few days."""
    return Period.containing(kind, day)


def occurrence(verdict: Verdict) -> Occurrence:
    """The record of a counted verdict: its rule, day and evidence (valid already: the verdict's)."""
    return Occurrence.of_valid(rule=verdict.rule, on=verdict.on, evidence=verdict.evidence)


def occurrence_list(verdicts: Iterable[Verdict]) -> Joined:
    """``2026-03-02（ATT-1，e1）、2026-03-09（ATT-1，e5）`` — counted verdicts for explanations."""
    return joined(occurrence_words(v.on, (v.rule,), v.evidence) for v in verdicts)


def occurrence_words(on: date, rules: Iterable[str], evidence: tuple[str, ...]) -> Message:
    """``2026-03-02（FIR-3、FIR-2，e1、e2）``: one occurrence, its rules and its events."""
    return say("{on}（{rules}，{evidence}）", on=on, rules=joined(rules),
               evidence=joined(evidence) if evidence else say("无事件"))


class PenaltyPerTier(PolicyBase):
    """A policy whose text sets the penalty per status, rung or tier, never one flat amount.

    A flat ``points`` or ``fine`` on such a policy would be ambiguous, so it is refused.
    """

    @model_validator(mode="after")
    def _no_flat_penalty(self) -> PenaltyPerTier:
        if self.points or self.fine:
            raise ValueError(f"{self.rule}: state the points and money of each status or tier, not one flat amount")
        return self
