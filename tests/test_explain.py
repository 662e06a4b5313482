"""Explain: one subject's story — its events, its verdicts with rule and article, and the totals."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest
from pydantic import Field

from bianmin_rules import Variant
from bianmin_rules.cli.main import main
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.periods import Period
from bianmin_rules.intake.files import DATA, demo_events
from bianmin_rules.views.explain import describe, explain, names, subject_of
from bianmin_rules.views.render import render_explanation


def test_staff_story_in_order(county: Variant) -> None:
    """TL-4: S-li's first quarter — two supplement cases, one late, and a stray completion.

    The late case is S-li's first time-limit failure of 2026 (ESC-2, 责任追究制 2: 批评教育), and
    the quarter's completion rate is 1 of 2 (TL-12).
    """
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    assert [s.event or s.verdict.rule for s in story.steps if s.event or s.verdict] == [  # type: ignore[union-attr]
        "e001", "e002", "e003", "e004", "e011", "e012", "e013", "e021", "e014", "ESC-2", "TL-4", "TL-12"]
    (late,) = [s for s in story.steps if s.verdict is not None and s.verdict.rule == "TL-4"]
    assert "三、(二)2" in late.text and "逾期2个工作日" in late.text
    assert story.total.violations == 2


def test_period_limits_the_story(county: Variant) -> None:
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-02"))
    assert [s.event for s in story.steps] == ["e001", "e002", "e003", "e004"]
    assert story.total.violations == 0


def test_case_and_window_stories(county: Variant) -> None:
    """A window answers for the verdicts on its staff's cases (TL-1 at W-market: C2026-0102, C2026-0110; each
    the staff member's first time-limit failure, ESC-2), and has its completion rate (TL-12)."""
    case = explain(county, demo_events(), subject=subject_of("case", "C2026-0104"), as_of=date(2026, 3, 31))
    assert [s.event for s in case.steps if s.event] == ["e011", "e012", "e013", "e014"]
    window = explain(county, demo_events(), subject=subject_of("window", "W-market"), as_of=date(2026, 3, 31))
    assert [(s.verdict.rule, s.verdict.case) for s in window.steps if s.verdict] == [
        ("ESC-2", "C2026-0102"), ("TL-1", "C2026-0102"), ("ESC-2", "C2026-0110"), ("TL-1", "C2026-0110"),
        ("TL-12", None)]
    assert window.total.violations == 4


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
    assert status == 0 and out.startswith("# case:C2026-0104（county-centre，全部期间，评估日 2026-03-31）\n")
    assert "promised_limit=3个工作日" in out and "\n## 累计\n\n- 违规：2；提醒：0\n" in out
    main(["explain", log, "--variant", "county-centre", "--as-of", "2026-03-31", "--case", "C2026-0104",
          "--lang", "en"])
    out = capsys.readouterr().out
    assert out.startswith("# case:C2026-0104 under county-centre, all periods (as of 2026-03-31)\n")
    assert "\n## What it adds up to\n\n- Violations: 2; warnings: 0\n" in out
    with pytest.raises(SystemExit):
        main(["explain", log, "--variant", "county-centre", "--as-of", "2026-03-31", "--staff", "S", "--period", "Q1"])
    assert "not a period" in capsys.readouterr().err


def test_the_scorecard_arithmetic_of_a_staff_member(county: Variant) -> None:
    """SC-4 业务技能 5 (TL-9): S-li's late supplement case costs 2 of 业务技能's 20 and disqualifies the quarter
    ("（二）出现有超时件的"); one of S-li's two cases was late, a completion rate of 50% (TL-12): 50 points below
    100 at −0.5 each empties 规定时限内办结率. 20 + 18 + 20 + 16 + 0 = 74 (no evaluation recorded: 评议 scores its
    fallback 0)."""
    story = explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    quarter, year = story.cards
    assert (quarter.period.label, year.period.label) == ("2026-Q1", "2026")
    (line,) = quarter.item("skills").lines
    assert (line.points, line.rule, line.case) == (-2, "TL-4", "C2026-0104")
    assert quarter.total == 74 and not quarter.eligible
    assert [s.award for s in story.standings] == ["服务标兵"]
    text = render_explanation(story, "markdown")
    assert ("  - 业务技能（满分20）：基础分 20 - 2 = 18\n"
            "    - -2 扣分 [TL-4 · 2026-03-16 · C2026-0104] 不能在承诺时限") in text
    assert "  - 规定时限内办结率（满分10）：基础分 10 - 25 + 15 = 0\n" in text
    assert ("- **合计**：20 + 18 + 20 + 16 + 0 = 74，满分100\n- 评优资格：**无**\n"
            "- 取消资格（SC-4）（二）出现有超时件的") in text
    assert "- 未参加服务标兵 2026-Q1 排名（前6名，1个对象参加排名）：无评优资格" in text
    assert "- **合计**：2026-Q1 74 + 2026-Q2 — + 2026-Q3 — + 2026-Q4 — = 74，满分400" in text
    english = render_explanation(story, "markdown", lang="en")
    assert ("  - 业务技能 (max 20): base 20 - 2 = 18\n"
            "    - -2 Deduction [TL-4 · 2026-03-16 · C2026-0104] 不能在承诺时限") in english
    assert "  - 规定时限内办结率 (max 10): base 10 - 25 + 15 = 0\n" in english
    assert ("- **Total**: 20 + 18 + 20 + 16 + 0 = 74 of 100\n- Eligible: **no**\n"
            "- Disqualified (SC-4) （二）出现有超时件的") in english
    assert "- Not ranked in 服务标兵 2026-Q1 (top 6 of 1 ranked): ineligible" in english
    assert "- **Total**: 2026-Q1 74 + 2026-Q2 — + 2026-Q3 — + 2026-Q4 — = 74 of 400" in english


def test_a_ranked_card_and_a_period_without_cards(county: Variant) -> None:
    """SC-8: S-sun, the only eligible staff member of the quarter, ranks first and is 服务标兵."""
    story = explain(county, demo_events(), subject=subject_of("staff", "S-sun"), as_of=date(2026, 3, 31),
                    period=Period.parse("2026-Q1"))
    assert "- 服务标兵 2026-Q1（前6名，1个对象参加排名）第1名：获奖" in render_explanation(story, "markdown")
    english = render_explanation(story, "markdown", lang="en")
    assert "- Rank 1 in 服务标兵 2026-Q1 (top 6 of 1 ranked): Awarded" in english
    case = explain(county, demo_events(), subject=subject_of("case", "C2026-0104"), as_of=date(2026, 3, 31))
    assert case.cards == () and "## 考核得分" not in render_explanation(case, "markdown")
