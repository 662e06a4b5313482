"""Explain: one subject's story — its events, its verdicts with rule and article, and the totals."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest
from pydantic import Field

from bianmin_rules import Variant
from bianmin_rules.cli import main
from bianmin_rules.events import EventBase
from bianmin_rules.explain import describe, explain, names, subject_of
from bianmin_rules.io import DATA, demo_events
from bianmin_rules.periods import Period
from bianmin_rules.render import render_explanation


def test_staff_story_in_order(county: Variant) -> None:
    """TL-4: S-li's first quarter — two supplement cases, one late, and a stray completion."""
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    assert [s.event or s.verdict.rule for s in story.steps if s.event or s.verdict] == [  # type: ignore[union-attr]
        "e001", "e002", "e003", "e004", "e011", "e012", "e013", "e021", "e014", "TL-4"]
    last = story.steps[-1]
    assert last.verdict is not None and "三、(二)2" in last.text and "逾期2个工作日" in last.text
    assert story.total.violations == 1


def test_period_limits_the_story(county: Variant) -> None:
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-02"))
    assert [s.event for s in story.steps] == ["e001", "e002", "e003", "e004"]
    assert story.total.violations == 0


def test_case_and_window_stories(county: Variant) -> None:
    """A window answers for the verdicts on its staff's cases (TL-1 at W-market: C2026-0102, C2026-0110)."""
    case = explain(county, demo_events(), subject=subject_of("case", "C2026-0104"), as_of=date(2026, 3, 31))
    assert [s.event for s in case.steps if s.event] == ["e011", "e012", "e013", "e014"]
    window = explain(county, demo_events(), subject=subject_of("window", "W-market"), as_of=date(2026, 3, 31))
    assert [s.verdict.case for s in window.steps if s.verdict] == ["C2026-0102", "C2026-0110"]
    assert window.total.violations == 2


class Whisper(EventBase):
    type: Literal["whisper"] = "whisper"
    to_staff: str
    secret: str = Field(json_schema_extra={"confidential": True})


def test_confidential_fields_are_never_shown() -> None:
    """CMP-7: a field marked confidential is left out of every description."""
    event = Whisper(id="w1", at="2026-03-02T09:00", to_staff="S-li", secret="张三 13800000000")  # type: ignore[arg-type]
    assert describe(event) == "whisper: to_staff=S-li"
    assert names(event, subject_of("staff", "S-li"))


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    log = str(DATA / "examples" / "county-centre.jsonl")
    status = main(["explain", log, "--variant", "county-centre", "--as-of", "2026-03-31", "--case", "C2026-0104"])
    out = capsys.readouterr().out
    assert status == 0 and out.startswith("# case:C2026-0104 under county-centre, all periods (as of 2026-03-31)")
    assert "promised_limit=3个工作日" in out
    with pytest.raises(SystemExit):
        main(["explain", log, "--variant", "county-centre", "--as-of", "2026-03-31", "--staff", "S", "--period", "Q1"])
    assert "not a period" in capsys.readouterr().err


def test_the_scorecard_arithmetic_of_a_staff_member(county: Variant) -> None:
    """SC-4 业务技能 5 (TL-9): S-li's late supplement case costs 2 of 业务技能's 20 and disqualifies the quarter
    ("（二）出现有超时件的"); 20 + 18 + 20 + 26 + 0 = 84 (no rates measured: 评议 scores its fallback 0)."""
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    quarter, year = story.cards
    assert (quarter.period.label, year.period.label) == ("2026-Q1", "2026")
    (line,) = quarter.item("skills").lines
    assert (line.points, line.rule, line.case) == (-2, "TL-4", "C2026-0104")
    assert quarter.total == 84 and not quarter.eligible
    assert [s.award for s in story.standings] == ["服务标兵"]
    text = render_explanation(story, "markdown")
    assert ("  - 业务技能 (max 20): base 20 - 2 = 18\n"
            "    - -2 deduction [TL-4 · 2026-03-16 · C2026-0104] 不能在承诺时限") in text
    assert ("- **Total**: 20 + 18 + 20 + 26 + 0 = 84 of 100\n- Eligible: **no**\n"
            "- Disqualified (SC-4) （二）出现有超时件的") in text
    assert "- Not ranked in 服务标兵 2026-Q1 (top 6 of 1 ranked): ineligible" in text
    assert "- **Total**: 2026-Q1 84 + 2026-Q2 — + 2026-Q3 — + 2026-Q4 — = 84 of 400" in text


def test_a_ranked_card_and_a_period_without_cards(county: Variant) -> None:
    """SC-8: S-sun, the only eligible staff member of the quarter, ranks first and is 服务标兵."""
    story = explain(county, demo_events(), subject=subject_of("staff", "S-sun"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    assert "- Rank 1 in 服务标兵 2026-Q1 (top 6 of 1 ranked): awarded" in render_explanation(story, "markdown")
    case = explain(county, demo_events(), subject=subject_of("case", "C2026-0104"), as_of=date(2026, 3, 31))
    assert case.cards == () and "## Scorecards" not in render_explanation(case, "markdown")
