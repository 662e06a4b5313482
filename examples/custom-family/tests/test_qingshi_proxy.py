"""The family `proxy` of 青石镇 (代办帮办服务办法, REGULATION.md), installed beside bianmin-rules.

Its policy gets what a built-in one gets: the variant file that names it is read and
linted, the log that holds its events is evaluated, explained and compared under an
amended variant, and the assessment table counts its verdicts.

The log (events.jsonl), by hand, March 2026 (no holiday that month; CAL-1: the day of
the request is not counted), under 第四条 "2个工作日内上门服务":

- P-1, requested Mon 03-02, due Wed 03-04, visited 03-04: in time.
- P-2, requested Thu 03-05, due Mon 03-09, visited Tue 03-10: one working day late.
- P-3, requested Fri 03-06 with a visit agreed for Thu 03-12, visited 03-12: in time.
- P-4, requested Fri 03-20, due Tue 03-24, not visited by 03-31: late since 03-25, five
  working days (25, 26, 27, 30, 31).
- P-9, a visit to a request the log never received: a note, no verdict.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bianmin_rules import (
    Report,
    Variant,
    diff,
    evaluate,
    explain,
    installed_families,
    lint_text,
    lint_variant,
    load_variant,
    read_event_files,
)
from bianmin_rules.core.verdicts import Subject, SubjectKind
from bianmin_rules.intake.files import variant_text
from qingshi_proxy import FAMILY, HomeVisitDeadline

HERE = Path(__file__).resolve().parent.parent
VARIANT = HERE / "qingshi-town.toml"
LOG = HERE / "events.jsonl"
AS_OF = date(2026, 3, 31)
ZHAO = Subject(kind=SubjectKind.STAFF, id="S-zhao")


@pytest.fixture(scope="module")
def variant() -> Variant:
    return load_variant(VARIANT, families=installed_families())


def report_under(variant: Variant) -> Report:
    return evaluate(variant, read_event_files([LOG], families=variant.families), as_of=AS_OF)


def test_the_family_is_found_through_the_entry_point_group() -> None:
    families = installed_families()
    assert families.by_name("proxy") is FAMILY and "proxy_requested" in families.event_types


def test_the_variant_extends_town_basic_with_the_proxy_rule(variant: Variant) -> None:
    (visit,) = [p for p in variant.policies if p.rule == "DB-1"]
    assert isinstance(visit, HomeVisitDeadline) and visit.limit.amount == 2 and visit.source.article == "第四条"
    assert variant.based_on == "town-basic" and len(variant.policies) == len(load_variant("town-basic").policies) + 1


def test_late_visits_are_violations_of_the_proxy(variant: Variant) -> None:
    """第四条: P-2 one working day late, P-4 five and not yet visited; P-1 and P-3 (as agreed) in time."""
    report = report_under(variant)
    late = [(v.on, v.subject.id, v.due, v.actual, v.deadline.days_late if v.deadline else None, v.evidence)
            for v in report.verdicts if v.rule == "DB-1"]
    assert late == [
        (date(2026, 3, 10), "S-zhao", date(2026, 3, 9), date(2026, 3, 10), 1, ("p3", "p5")),
        (date(2026, 3, 25), "S-zhao", date(2026, 3, 24), None, 5, ("p8",)),
    ]
    assert report.notes == ("代办 P-9：日志中没有代办申请记录（proxy_requested），无法检查上门时限（事件 p7 等）。",)


def test_the_table_counts_the_rule_of_the_outside_family(variant: Variant) -> None:
    """第五条 (DB-2): 100 points a quarter, −1 per visit not made in time: S-zhao 98, S-qian 100."""
    report = report_under(variant)
    totals = {card.subject.id: card.total for card in report.scorecards if card.scorecard == "proxy"}
    assert totals["S-zhao"] == Decimal(98) and totals["S-qian"] == Decimal(100)
    (card,) = [c for c in report.cards_of(ZHAO) if c.scorecard == "proxy"]
    assert [(line.points, line.rule) for line in card.item("on-time").lines] == [(Decimal(-1), "DB-1")] * 2


def test_explain_tells_the_proxys_story(variant: Variant) -> None:
    """The events that name S-zhao, the two DB-1 verdicts with their article, and the table's 98."""
    story = explain(variant, read_event_files([LOG], families=variant.families), subject=ZHAO, as_of=AS_OF)
    texts = [step.text for step in story.steps]
    assert texts[0] == "proxy_requested: window=W-proxy, staff=S-zhao, request=P-1, matter=高龄津贴申领"
    # 青石镇's file amends town-basic from its effective day: DB-1 is in force from 2026-01-01, and says so.
    judged = "[DB-1 · 青石镇便民服务中心代办帮办服务办法 第四条 · 2026-01-01起施行的规定] violation"
    assert sum(text.startswith(judged) for text in texts) == 2
    assert [card.total for card in story.cards if card.scorecard == "proxy"] == [Decimal(98)]


def test_diff_shows_what_a_three_day_limit_would_change(variant: Variant, tmp_path: Path) -> None:
    """Amended to 3 working days, P-2 (due 03-10) is in time; P-4 (due 03-25) is still late, from 03-26."""
    amended = tmp_path / "amended.toml"
    amended.write_text(
        f'extends = "{VARIANT}"\nname = "qingshi-amended"\n\n[[policies]]\nid = "home-visit"\nlimit = 3\n',
        encoding="utf-8",
    )
    after = report_under(load_variant(amended, families=variant.families))
    changes = diff(report_under(variant), after)
    assert [(c.change.value, c.rule, c.on) for c in changes.verdicts] == [
        ("removed", "DB-1", date(2026, 3, 10)), ("removed", "DB-1", date(2026, 3, 25)),
        ("added", "DB-1", date(2026, 3, 26)),
    ]
    (card,) = [c for c in changes.scorecards if c.scorecard == "proxy"]
    assert (card.subject, card.before and card.before.total, card.after and card.after.total) == (ZHAO, 98, 99)


def test_lint_reads_the_outside_kind_like_a_built_in_one(variant: Variant) -> None:
    """The file lints clean; without its limit, 第四条's blank is a finding on the policy's line."""
    assert lint_variant(VARIANT, families=variant.families).clean
    text = VARIANT.read_text(encoding="utf-8").replace("limit = 2\n", "")
    report = lint_text(text, origin=str(VARIANT), read_parent=variant_text, families=variant.families)
    (blank,) = report.unaccepted
    line = text.splitlines().index('id = "home-visit"')  # the [[policies]] header, one line above, from 1
    assert (blank.rule, blank.code, blank.key.endswith(".limit"), blank.line) == ("DB-1", "blank", True, line)


def test_the_command_line_finds_the_family_and_evaluates_the_log() -> None:
    command = [sys.executable, "-m", "bianmin_rules.cli", "evaluate", str(LOG), "--variant", str(VARIANT),
               "--as-of", "2026-03-31", "--format", "csv"]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    verdicts = [row.split(",")[:4] for row in result.stdout.splitlines() if row.split(",")[1:2] == ["DB-1"]]
    assert verdicts == [
        ["2026-03-10", "DB-1", "violation", "staff:S-zhao"], ["2026-03-25", "DB-1", "violation", "staff:S-zhao"],
    ]
