"""Sanction ladders and severity tiers (ESC-1, ESC-2, ESC-3, FIR-9, OTN-6, ATT-6, ATT-7).

Two ways the regulations escalate a sanction:

* **By occurrence** — :class:`OffenceLadder`: the n-th occurrence counted within a
  period reaches a tier ("第一次批评教育，第二次通报批评，第三次年度考核不合格"), and where
  the text says so, money (``fine`` in yuan, ``bonus_share`` of the annual bonus). What
  one occurrence is — a violation, an inquiry, a case, a complaint, a day — each ladder
  states (``once_per``): the violations on one matter are one occurrence.
* **By offence** — :class:`SeverityTiers`: which offence (or how serious a finding)
  falls into which tier ("情节较轻的…情节严重的…", the three lists of
  ``town-conduct-100`` 责任追究制度 3).

Both are policies of stage 1: they count the violation verdicts of the other policies,
and every verdict they give lists what led to it (``occurrences``, earliest first, and
their evidence): past the top rung, the occurrences up to it, and how many
there were in all. A flat penalty per violation (ESC-3, ``guangwu-street``
第三十八条) needs neither: it is a ``finding-penalty`` (or any policy's ``fine`` and
``sanction``), see docs/ladders.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any, ClassVar, Literal, NamedTuple

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bianmin_rules.core import words as w
from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.bounds import Count, Share, Yuan
from bianmin_rules.core.formatting import plain
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.policy import Context
from bianmin_rules.core.results import whole
from bianmin_rules.core.verdicts import (
    ZERO,
    Occurrence,
    RuleId,
    Sanction,
    Subject,
    SubjectKind,
    Verdict,
    VerdictKind,
    subject,
)
from bianmin_rules.core.words import Joined, Message, joined, say, word
from bianmin_rules.families.complaints.ledger import COMPLAINT_FILES
from bianmin_rules.families.findings.events import FindingSource
from bianmin_rules.families.findings.ledger import FINDINGS, Finding
from bianmin_rules.families.first_inquiry.ledger import INQUIRY_FILES, Taken
from bianmin_rules.families.ladders.counting import (
    PenaltyPerTier,
    Selector,
    counted,
    counted_against,
    findings_by_event,
    occurrence,
    occurrence_list,
    occurrence_words,
    period_containing,
)


@lru_cache(maxsize=256)
def rung_sanction(tier: str, level: int) -> Sanction:
    """A sanction; the few rungs of a variant's ladders, each judged once per evaluation, share theirs."""
    return Sanction(tier=tier, level=level)


class LadderTier(BaseModel):
    """One rung: from the ``occurrence``-th violation on, this tier (and this money)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    occurrence: Count = Field(ge=1, description="The occurrence the rung starts at (1 = the first).")
    tier: str = Field(description="The sanction, in the words of the regulation.")
    level: Count = Field(ge=1, description="Its rank on the variant's ladder: higher is heavier.")
    fine: Yuan = Field(default=ZERO, ge=0, description="Yuan deducted.")
    bonus_share: Share = Field(default=ZERO, ge=0, le=1, description="Fraction of the annual bonus deducted.")

    @property
    def sanction(self) -> Sanction:
        """The rung's sanction (one for every rung of the same tier and level)."""
        return rung_sanction(self.tier, self.level)

    def names(self, amount: str) -> bool:
        """Do the rung's words name ``amount`` ("200元", "5%") already, as "扣发200元" does (ATT-6 第十条(九))?

        A longer number ending in the same digits ("1200元") is another sum.
        """
        return re.search(rf"(?<![\d.]){re.escape(amount)}", self.tier) is not None


class CountedPolicy(PenaltyPerTier):
    """A stage-1 policy: it counts the verdicts of stage 0; its penalties are per rung or tier."""

    stage: ClassVar[int] = 1


class OnePer(StrEnum):
    """What one occurrence on a ladder is (``once_per``), and so how violations on one matter merge.

    A rule's text counts failures ("第一次…第二次"), complaints ("被服务对象投诉的，第一次") or
    times found ("被发现…第一次"), never the verdicts of the library's rules: one failure
    can break several rules (a refusal is FIR-3, and the same inquiry left unguided is
    FIR-2). The violations a ladder counts are merged into occurrences by their matter; an
    occurrence is dated on its earliest violation.
    """

    VERDICT = "verdict"
    """Every counted violation is one occurrence (each recorded finding, each case late)."""
    INQUIRY = "inquiry"
    """The violations about one inquiry (咨询) are one occurrence; a violation about none is one of its own."""
    CASE = "case"
    """The violations about one case (办件) are one occurrence; a violation about none is one of its own."""
    COMPLAINT = "complaint"
    """Only violations an applicant complained about count (see :class:`Complained`); those one
    complaint is about are one occurrence, and complaints about the same matter are one."""
    DAY = "day"
    """The violations charged to one subject on one day are one occurrence (one inspection's findings)."""


class Counted(NamedTuple):
    """One occurrence on a ladder: the counted violations on one matter, earliest first.

    ``on`` is the earliest one's day, ``rules`` the rules that judged it (in the order their
    violations came) and ``evidence`` the events they rest on, worked out once.
    """

    verdicts: tuple[Verdict, ...]
    on: date
    rules: tuple[str, ...]
    evidence: tuple[str, ...]

    @classmethod
    def of(cls, verdicts: Sequence[Verdict]) -> Counted:
        """The occurrence made of ``verdicts``, earliest first."""
        first = verdicts[0]
        if len(verdicts) == 1:
            return cls((first,), first.on, (first.rule,), first.evidence)
        return cls(tuple(verdicts), first.on, tuple(dict.fromkeys(v.rule for v in verdicts)),
                   tuple(dict.fromkeys(e for v in verdicts for e in v.evidence)))

    @property
    def first(self) -> Verdict:
        """The earliest violation: its case, inquiry, window and staff member are the occurrence's."""
        return self.verdicts[0]

    def record(self) -> Occurrence:
        """The occurrence as a ladder verdict lists it."""
        if len(self.verdicts) == 1:  # the record of its verdict (its rule, day and events, valid already)
            return Occurrence.of_valid(rule=self.rules[0], on=self.on, evidence=self.evidence)
        first, *others = self.rules
        return Occurrence(rule=first, on=self.on, evidence=self.evidence, also=tuple(others))

    def words(self) -> Message:
        """``2026-03-02（FIR-3、FIR-2，e1、e2）`` — the occurrence in an explanation."""
        return occurrence_words(self.on, self.rules, self.evidence)


class Shown(NamedTuple):
    """The occurrences a verdict lists before its own, as it states them: their records, their events and their
    words, one after another."""

    records: tuple[Occurrence, ...]
    evidence: tuple[str, ...]
    words: Joined


class Listed(NamedTuple):
    """The occurrences of one subject, counted against ``subject``: their records, index for index, and what is
    listed of them, made once each."""

    occurrences: Sequence[Counted]
    subject: Subject
    records: list[Occurrence]
    words: dict[int, Message]
    """The words of each occurrence listed: only a period's first ones are (past the top rung, every later
    verdict lists the same)."""
    runs: dict[tuple[int, int], Shown]
    """Each run of occurrences listed, made once."""

    @classmethod
    def of(cls, occurrences: Sequence[Counted], subject: Subject) -> Listed:
        """The listing of ``occurrences``: their records now, their words when listed."""
        return cls(occurrences, subject, [o.record() for o in occurrences], {}, {})

    def shown(self, first: int, last: int) -> Shown:
        """``occurrences[first:last]`` as a verdict lists them."""
        run = self.runs.get((first, last))
        if run is None:
            occurrences = self.occurrences[first:last]
            run = self.runs[first, last] = Shown(
                tuple(self.records[first:last]), tuple(e for o in occurrences for e in o.evidence),
                joined(self.said(i) for i in range(first, last)),
            )
        return run

    def said(self, i: int) -> Message:
        """The words of ``occurrences[i]``."""
        words = self.words.get(i)
        if words is None:
            words = self.words[i] = self.occurrences[i].words()
        return words


@dataclass(slots=True)
class Rung:
    """A rung as its verdicts say it, in one evaluation: the tier and its words, its sanction, the money its words
    leave unsaid ("扣发200元" says its 200 yuan, "通报批评" none), how its ladder counts (the period, calendar or
    rolling, and the occurrence of the top rung: a verdict lists the occurrences up to it), and the first
    verdict found on it."""

    tier: LadderTier
    words: str
    sanction: Sanction
    fine: str | Message
    bonus: str | Message
    period: PeriodKind
    calendar: bool
    top: int
    found: Verdict | None = None

    @classmethod
    def of(cls, tier: LadderTier, ladder: OffenceLadder) -> Rung:
        """The rung of ``tier`` on ``ladder``, before any verdict reaches it."""
        percent = plain(tier.bonus_share * 100)
        fine = (say("，扣款{yuan}元", yuan=str(tier.fine))
                if tier.fine and not tier.names(f"{plain(tier.fine)}元") else "")
        bonus = (say("，扣发全年年度奖金的{percent}%", percent=percent)
                 if tier.bonus_share and not tier.names(f"{percent}%") else "")
        return cls(tier, tier.tier, tier.sanction, fine, bonus, ladder.period, ladder.counting == "calendar",
                   ladder.tiers[-1].occurrence)


class OffenceLadder(CountedPolicy):
    """ESC-2, FIR-9, OTN-6, ATT-6, ATT-7: the n-th occurrence within a period reaches a tier.

    ``counts``: the rules whose violations are counted; ``findings`` and ``finders``
    narrow them to violations resting on findings of some codes or by some finders
    (``shouzhan-town``'s separate ladder for a superior's circular counts
    ``finders = ["superior_circular"]``). ``once_per``: what one occurrence is in the
    ladder's text — a violation, an inquiry, a case, a complaint or a day (:class:`OnePer`);
    the violations on one matter are one occurrence, whatever rules judged them. It has
    no default: every ladder states its reading. ``per``: whom occurrences are counted
    against (a staff member by default). ``period``: the counting period — the texts never
    state it, so a calendar year by default (ESC-2); ``counting = "rolling"`` counts the
    occurrences in the period's length before each one instead. ``tiers``: the rungs, by
    increasing occurrence and never decreasing level; the last applies to every later
    occurrence unless ``repeat_last`` is false. One violation per occurrence that reaches
    a rung, listing the occurrences counted, with the occurrence's number as ``quantity``.
    """

    kind: Literal["offence-ladder"] = "offence-ladder"
    counts: tuple[RuleId, ...] = Field(min_length=1, description="The rules whose violations are counted.")
    findings: tuple[str, ...] = Field(default=(), description="Only violations resting on these finding codes.")
    finders: tuple[FindingSource, ...] = Field(default=(), description="Only violations found by these finders.")
    once_per: OnePer = Field(
        description="What one occurrence is: verdict, inquiry, case, complaint or day (violations on one merge).",
    )
    tiers: tuple[LadderTier, ...] = Field(min_length=1, description="The rungs, by occurrence.")
    period: PeriodKind = Field(default=PeriodKind.YEAR, description="The counting period (default: a year).")
    counting: Literal["calendar", "rolling"] = Field(
        default="calendar", description="Calendar periods, or the period's length before each occurrence."
    )
    per: SubjectKind = Field(default=SubjectKind.STAFF, description="Whom occurrences are counted against.")
    repeat_last: bool = Field(default=True, description="The last rung applies to every later occurrence.")

    @model_validator(mode="after")
    def _a_ladder_climbs(self) -> OffenceLadder:
        for lower, upper in pairwise(self.tiers):
            if upper.occurrence <= lower.occurrence:
                raise ValueError(f"tiers must be in order of occurrence: {upper.occurrence} after {lower.occurrence}")
            if upper.level < lower.level:
                raise ValueError(f"a later rung may not be lighter: {upper.tier!r} after {lower.tier!r}")
        return self

    @property
    def reads_verdicts_of(self) -> frozenset[str]:
        """The rules it counts."""
        return frozenset(self.counts)

    @property
    def reads(self) -> tuple[Book[Any], ...]:
        """The findings (by code or finder), and what was complained about where one complaint is one occurrence."""
        if self.once_per is OnePer.COMPLAINT:
            return Complained.reads
        return (FINDINGS,)

    def rung(self, n: int) -> LadderTier | None:
        """The rung the n-th occurrence reaches, if any."""
        if not self.repeat_last and n > self.tiers[-1].occurrence:
            return None
        reached = [tier for tier in self.tiers if tier.occurrence <= n]
        return reached[-1] if reached else None

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per occurrence that reaches a rung."""
        selectors = [Selector(rule=rule, findings=self.findings, finders=self.finders) for rule in self.counts]
        rungs = {tier.occurrence: Rung.of(tier, self) for tier in self.tiers}
        reached: dict[int, Rung | None] = {}  # the rung each count reaches, found once per count
        for key, occurrences in self.occurrences(counted(context.verdicts, selectors, books), books):
            # Each occurrence's record and words are made once and shared by every later verdict
            # that lists it, not once per listing.
            listed = Listed.of(occurrences, subject(self.per, key))
            for n, first, i in self.windows(occurrences):
                if n not in reached:
                    tier = self.rung(n)
                    reached[n] = None if tier is None else rungs[tier.occurrence]
                rung = reached[n]
                if rung is not None:
                    yield self.climb(n, listed, first, i, rung, context)

    def occurrences(self, chosen: Sequence[Verdict], books: Books) -> list[tuple[str, list[Counted]]]:
        """The occurrences of each subject counted against, earliest first: ``chosen`` merged by matter.

        ``chosen`` is in report order, so each subject's matters come in the order of their
        earliest violation.
        """
        matter = self.matter_of(books)
        against: dict[str, dict[object, list[Verdict]]] = defaultdict(dict)
        for verdict in chosen:
            key, of = counted_against(verdict, self.per), matter(verdict)
            if key is not None and of is not None:
                against[key].setdefault(of, []).append(verdict)
        return [(key, [Counted.of(group) for group in groups.values()]) for key, groups in sorted(against.items())]

    def matter_of(self, books: Books) -> Callable[[Verdict], object | None]:
        """The matter a counted violation is about, under ``once_per``; None: not counted (not complained about)."""
        if self.once_per is OnePer.INQUIRY:
            return lambda v: ("inquiry", v.inquiry) if v.inquiry else id(v)
        if self.once_per is OnePer.CASE:
            return lambda v: ("case", v.case) if v.case else id(v)
        if self.once_per is OnePer.DAY:
            return lambda v: v.on
        if self.once_per is OnePer.COMPLAINT:
            return Complained.of(books).about
        return id

    def windows(self, occurrences: Sequence[Counted]) -> Iterator[tuple[int, int, int]]:
        """``(n, first, i)`` for each occurrence ``occurrences[i]``: its number in the counting period.

        The occurrences counted with it are ``occurrences[first:i]`` (indexes, not copies: a
        copy per occurrence grows with the square of the offences).
        """
        first, period, calendar = 0, self.period, self.counting == "calendar"
        for i, current in enumerate(occurrences):
            if calendar:
                start = period_containing(period, current.on).start
                while occurrences[first].on < start:
                    first += 1
            else:
                since = current.on - relativedelta(months=period.months)
                while occurrences[first].on <= since:
                    first += 1
            yield i - first + 1, first, i

    def climb(self, n: int, listed: Listed, first: int, i: int, rung: Rung, context: Context) -> Verdict:
        """The verdict for the n-th occurrence, ``listed.occurrences[i]``, counted with those from ``first`` on.

        ``listed`` holds the records and words of the subject's occurrences, index for index; ``rung`` is the
        one reached.
        """
        current = listed.occurrences[i]
        if rung.calendar:
            within = words_within(rung.period, current.on)
        else:
            within = say("截至{on}的{period}内", on=current.on, period=PERIOD_WORDS[rung.period])
        # Past the top rung, the period's first occurrences up to it are what the sanction rests
        # on; listing every earlier one on every later verdict would grow with the square of
        # the offences.
        earlier = i - first
        last_shown = min(i, first + rung.top - 1)
        shown = listed.shown(first, last_shown)
        more = w.counted("等共{n}次", n=earlier) if earlier > last_shown - first else ""
        before = say("此前{occurrences}{more}；", occurrences=shown.words, more=more) if earlier else ""
        judged = current.first
        found: dict[str, Any] = {
            "subject": listed.subject, "on": current.on,
            "message": say("{within}第{n}次（{rules}，{on}）：{before}→ {tier}{fine}{bonus}。", within=within, n=n,
                           rules=joined(current.rules), on=current.on, before=before, tier=rung.words,
                           fine=rung.fine, bonus=rung.bonus),
            "quantity": whole(n), "occurrences": (*shown.records, listed.records[i]),
            "evidence": shown.evidence + current.evidence,
            "case": judged.case, "inquiry": judged.inquiry, "complaint": judged.complaint, "window": judged.window,
            "staff": judged.staff,
        }
        # A rung's verdicts differ in the occurrence, its count and its list, never in the rung's sanction and money.
        if rung.found is not None:
            return self.verdict_like(rung.found, context, **found)
        message, tier = found.pop("message"), rung.tier
        rung.found = self.verdict(context, kind=VerdictKind.VIOLATION, explanation=message, sanction=rung.sanction,
                                  fine=tier.fine, bonus_share=tier.bonus_share, **found)
        return rung.found


@dataclass(frozen=True, slots=True)
class Complained:
    """What applicants complained about (被服务对象投诉的, 被…举报，经查实), read once from the books.

    A violation was complained about when it is about a complaint itself (a verified
    complaint, CMP-8), when it concerns an inquiry a complaint arose from
    (``complaint_received.inquiry``) or the case that inquiry became
    (``inquiry_taken.case``), or when it rests on a finding by a verified report. Its
    complaint is then that complaint (the earliest, when several arose from one matter),
    or that report.
    """

    inquiries: Mapping[str, str]
    """The earliest complaint arising from each inquiry."""
    cases: Mapping[str, str]
    """The earliest complaint arising from the inquiry each case came from."""
    reports: frozenset[str]
    """The events of findings by a verified report."""

    reads: ClassVar[tuple[Book[Any], ...]] = (FINDINGS, COMPLAINT_FILES, INQUIRY_FILES)
    """The books :meth:`of` reads."""

    @classmethod
    def of(cls, books: Books) -> Complained:
        """The matters complained about, and their complaints."""
        reports = frozenset(f.event for f in books[FINDINGS] if f.by is FindingSource.VERIFIED_REPORT)
        lodged = sorted(
            (file.lodged.at, file.lodged.event, file.complaint, file.lodged.inquiry)
            for file in books[COMPLAINT_FILES].values() if file.lodged and file.lodged.inquiry
        )
        inquiries: dict[str, str] = {}
        cases: dict[str, str] = {}
        for *_, complaint, inquiry in lodged:
            if inquiry is None or inquiry in inquiries:
                continue
            inquiries[inquiry] = complaint
            for step in books[INQUIRY_FILES][inquiry].steps if inquiry in books[INQUIRY_FILES] else ():
                if isinstance(step, Taken) and step.case:
                    cases.setdefault(step.case, complaint)
        return cls(inquiries, cases, reports)

    def about(self, verdict: Verdict) -> str | None:
        """The complaint ``verdict``'s matter drew (``report:`` and the finding's event for a report); None if none."""
        if verdict.complaint:
            return verdict.complaint
        if verdict.inquiry and verdict.inquiry in self.inquiries:
            return self.inquiries[verdict.inquiry]
        if verdict.case and verdict.case in self.cases:
            return self.cases[verdict.case]
        report = next((e for e in verdict.evidence if e in self.reports), None)
        return f"report:{report}" if report is not None else None


PERIOD_WORDS = {PeriodKind.MONTH: say("一个月"), PeriodKind.QUARTER: say("一个季度"), PeriodKind.YEAR: say("一年")}


@lru_cache(maxsize=1024)
def words_within(kind: PeriodKind, day: date) -> Message:
    """:func:`period_words` of the period of ``kind`` holding ``day``, looked up by the day (a ladder asks it for
    every verdict, of few days) without hashing the period."""
    return period_words(period_containing(kind, day))


@lru_cache(maxsize=256)
def period_words(period: Period) -> Message:
    """``2026年内``, ``2026年第1季度内``, ``2026年3月内``: one message per period, shared by its verdicts."""
    start = period.start
    if period.kind is PeriodKind.YEAR:
        return say("{year}年内", year=start.year)
    if period.kind is PeriodKind.QUARTER:
        return say("{year}年第{quarter}季度内", year=start.year, quarter=(start.month - 1) // 3 + 1)
    return say("{year}年{month}月内", year=start.year, month=start.month)


class TieredOffence(BaseModel):
    """One line of a severity list: which violations fall into which tier.

    ``counts`` names the rules; ``findings`` and ``finders`` narrow them as for a
    ladder; ``serious`` (when set) requires the finding the violation rests on to be
    judged serious (true) or not (false).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(description="The line, in the words of the regulation, e.g. ①未请假擅自离开本工作岗位.")
    counts: tuple[RuleId, ...] = Field(min_length=1, description="The rules whose violations fall here.")
    findings: tuple[str, ...] = Field(default=(), description="Only violations resting on these finding codes.")
    finders: tuple[FindingSource, ...] = Field(default=(), description="Only violations found by these finders.")
    serious: bool | None = Field(default=None, description="Only serious (true) or only not serious (false).")
    tier: str = Field(description="The sanction, in the words of the regulation.")
    level: Count = Field(ge=1, description="Its rank: higher is heavier.")
    fine: Yuan = Field(default=ZERO, ge=0, description="Yuan deducted.")

    @property
    def selectors(self) -> tuple[Selector, ...]:
        """What the line counts, as selectors."""
        return tuple(Selector(rule=rule, findings=self.findings, finders=self.finders) for rule in self.counts)

    def matches(self, verdict: Verdict, selectors: Sequence[Selector], findings: Mapping[str, Finding]) -> bool:
        """Does ``verdict`` fall under this line (whose ``selectors`` are given, made once)?"""
        if not any(s.admits(verdict, findings) for s in selectors):
            return False
        if self.serious is None:
            return True
        serious = any(findings[e].serious for e in verdict.evidence if e in findings)
        return serious is self.serious


class SeverityTiers(CountedPolicy):
    """ESC-1, FIR-9 (``tangdaohe-town``): each offence falls into a tier by what it is or how serious.

    ``tangdaohe-town`` 首问首办负责制度 第九条: 情节较轻 → 口头告诫、书面告诫; 情节严重 →
    离岗培训、调离岗位、免职; 情节特别严重 → 辞退. ``town-conduct-100`` 责任追究制度 3:
    three lists (批评教育; 通报批评 and 调离窗口; 党纪政纪处分). Every counted violation
    gets the heaviest tier of the lines it matches (the first listed among equals); a
    violation no line matches gets none.

    ``charge``: who bears the tier — the counted violation's own subject (the default),
    or its ``staff`` member or ``window`` where it names one (``guangwu-street``
    第三十八条 fines the 窗口部门 but sanctions the 直接责任人 for serious consequences).
    A violation that names no one of that kind stays with its own subject.
    """

    kind: Literal["severity-tiers"] = "severity-tiers"
    offences: tuple[TieredOffence, ...] = Field(min_length=1, description="The lines of the lists.")
    charge: Literal["subject", "staff", "window"] = Field(
        default="subject", description="Who bears the tier: the counted violation's subject, staff member or window."
    )

    @property
    def reads_verdicts_of(self) -> frozenset[str]:
        """The rules its lines count."""
        return frozenset(rule for line in self.offences for rule in line.counts)

    @property
    def reads(self) -> tuple[Book[Any], ...]:
        """The findings, by the counted violations' evidence."""
        return (FINDINGS,)

    def charged(self, verdict: Verdict) -> Subject:
        """The subject a counted violation's tier is charged to."""
        if self.charge == "subject":
            return verdict.subject
        kind = SubjectKind(self.charge)
        key = counted_against(verdict, kind)
        return Subject(kind=kind, id=key) if key is not None else verdict.subject

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per counted violation that some line matches."""
        findings = findings_by_event(books)
        # The lines that count each rule, in the order listed: a verdict is matched against those only.
        by_rule: dict[str, list[tuple[TieredOffence, tuple[Selector, ...]]]] = defaultdict(list)
        for line in self.offences:
            for rule in dict.fromkeys(line.counts):
                by_rule[rule].append((line, line.selectors))
        for verdict in sorted((v for v in context.verdicts if v.rule in by_rule), key=lambda v: v.sort_key):
            lines = [line for line, selectors in by_rule[verdict.rule] if line.matches(verdict, selectors, findings)]
            if not lines:
                continue
            line = max(lines, key=lambda candidate: candidate.level)  # max keeps the first of equals
            yield self.verdict(
                context, subject=self.charged(verdict), kind=VerdictKind.VIOLATION, on=verdict.on,
                explanation=say("{line}：{occurrences} → {tier}。", line=word(line.label),
                                occurrences=occurrence_list([verdict]), tier=line.tier),
                sanction=Sanction(tier=line.tier, level=line.level), fine=line.fine,
                occurrences=(occurrence(verdict),), evidence=verdict.evidence,
                case=verdict.case, window=verdict.window, staff=verdict.staff, lead=verdict.lead,
            )
