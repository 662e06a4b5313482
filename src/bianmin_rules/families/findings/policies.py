"""Fixed penalties for recorded findings: the tallies of assessment tables and flat penalties.

One :class:`FindingPenalty` covers one line of a regulation ("没有佩证上岗 … 每次扣1分",
"每次扣款20元"): the findings it counts, and what each unit costs in points, yuan and
sanction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from bianmin_rules.core.books import Books
from bianmin_rules.core.bounds import Points, Yuan
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.verdicts import Sanction, Verdict, VerdictKind, answerable
from bianmin_rules.core.words import say, word
from bianmin_rules.families.findings.events import FindingSource
from bianmin_rules.families.findings.ledger import FINDINGS, Finding


class FindingPenalty(PolicyBase):
    """A penalty for each unit of the named findings (e.g. ESC-3, SC-1, SC-4 line items).

    ``points`` and ``fine`` are charged per unit of ``quantity``. A finding marked
    serious is charged ``serious_points`` and ``serious_fine`` instead, where the text
    sets a heavier penalty ("情节严重的，扣3分"). ``sources`` limits the rule to findings
    of some finders (e.g. only a superior's circular).
    """

    kind: Literal["finding-penalty"] = "finding-penalty"
    findings: tuple[str, ...] = Field(min_length=1, description="The finding codes this line counts.")
    sources: tuple[FindingSource, ...] = Field(default=tuple(FindingSource), description="Which finders count.")
    sanction: Sanction | None = Field(default=None, description="The sanction each finding carries, if any.")
    serious_points: Points | None = Field(default=None, description="Points per unit when serious.")
    serious_fine: Yuan | None = Field(default=None, ge=0, description="Yuan per unit when serious.")
    label: str = Field(default="", description="The line of the regulation, in its words, for explanations.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        """One violation per finding of the named codes and sources."""
        for finding in books[FINDINGS]:
            if finding.finding in self.findings and finding.by in self.sources:
                yield self.judge(finding, context)

    def judge(self, finding: Finding, context: Context) -> Verdict:
        """The verdict on one finding: per-unit points and fine, heavier when serious."""
        serious = finding.serious
        points = self.serious_points if serious and self.serious_points is not None else self.points
        fine = self.serious_fine if serious and self.serious_fine is not None else self.fine
        what = word(self.label) if self.label else finding.finding
        units = "" if finding.quantity == 1 else f" × {finding.quantity}"
        severity = say("（情节严重）") if serious else ""
        return self.verdict(
            context, subject=answerable(finding.staff, finding.window), kind=VerdictKind.VIOLATION, on=finding.day,
            explanation=say("{what}{severity}{units}：{day} {found}。", what=what, severity=severity, units=units,
                            day=finding.day, found=FINDER_WORDS[finding.by]),
            points=points * finding.quantity, fine=fine * finding.quantity, sanction=self.sanction,
            evidence=(finding.event,), window=finding.window, staff=finding.staff,
            code=finding.finding, quantity=finding.quantity,
        )


FINDER_WORDS = {
    FindingSource.INSPECTION: say("经督查发现"),
    FindingSource.SUPERIOR_CIRCULAR: say("经上级通报发现"),
    FindingSource.SUPERIOR_MONITORING: say("经上级监控发现"),
    FindingSource.VERIFIED_REPORT: say("经举报查实发现"),
    FindingSource.MEDIA: say("经媒体曝光发现"),
    FindingSource.ASSESSMENT: say("经考核认定发现"),
}
