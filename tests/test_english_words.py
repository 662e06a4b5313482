"""Words for people in English (``--lang en``) where they were Chinese only, the Chinese unchanged.

A story's verdict lines in its workbook and page, the agenda's matters (their duty, count
and status), the words for how suspensions (TL-8) and extensions (TL-5) moved a due day,
and the import's summary and skipped cells. What stays Chinese in English is data: the
regulations' documents, articles and quotes, a variant's own words, and the log's names.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bianmin_rules import Variant, agenda, builtin_variant_names, load_variant, to_html, to_xlsx
from bianmin_rules.cli.main import main
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.intake.files import demo_events, example_text
from bianmin_rules.intake.jsonl import read_events
from bianmin_rules.views.explain import Explanation, explain, step_text, subject_of, verdict_text
from bianmin_rules.views.labels import Words
from bianmin_rules.views.tables import AGENDA, agenda_row, cell_text
from tests.conftest import events, only_rules, run
from tests.test_views_html import browser, opened  # noqa: F401 (the browser fixture)

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENGLISH, CHINESE_WORDS = Words("en"), Words("zh")


def without(text: str, *data: str | None) -> str:
    """``text`` less the data it quotes (names, documents, articles), longest first."""
    for value in sorted(filter(None, data), key=len, reverse=True):
        text = text.replace(value, "")
    return text


def data_of(verdict: Verdict) -> tuple[str | None, ...]:
    """What a verdict's line quotes as it is: the regulation's document and article, the variant's sanction."""
    return (verdict.source.document, verdict.source.article, verdict.sanction.tier if verdict.sanction else None)


@pytest.fixture(scope="module")
def county() -> Variant:
    return load_variant("county-centre")


@pytest.fixture(scope="module")
def story(county: Variant) -> Explanation:
    """S-li's first quarter (the demo log): ESC-2 批评教育, TL-4 two working days late, TL-12 completion rate."""
    return explain(county, demo_events(), subject=subject_of("staff", "S-li"), as_of=date(2026, 3, 31))


# A story's verdict lines: 三、(二)2 补办件 (TL-4), in the workbook and the page.


def test_a_story_workbook_in_english_writes_each_verdict_line_from_the_catalogue(
    story: Explanation, tmp_path: Path,
) -> None:
    to_xlsx(story, tmp_path / "story-en.xlsx", lang="en")
    to_xlsx(story, tmp_path / "story-zh.xlsx")
    english = openpyxl.load_workbook(tmp_path / "story-en.xlsx")["Story"]
    chinese = openpyxl.load_workbook(tmp_path / "story-zh.xlsx")["经过"]
    header = [cell.value for cell in english[1]]
    rule, text = header.index("Rule"), header.index("Explanation")
    verdicts = {v.rule: v for v in (s.verdict for s in story.steps) if v is not None}
    lines = {row[rule]: row[text] for row in english.iter_rows(min_row=2, values_only=True) if row[rule]}
    assert set(lines) == set(verdicts) == {"ESC-2", "TL-4", "TL-12"}
    assert "late" in lines["TL-4"] and "due on" in lines["TL-4"] and "violation:" in lines["TL-4"]
    for name, line in lines.items():
        assert not CHINESE.search(without(line, *data_of(verdicts[name]))), line
    # The Chinese workbook keeps the story's own Chinese lines, byte for byte.
    assert [row[text] for row in chinese.iter_rows(min_row=2, values_only=True) if row[rule]] == [
        step.text for step in story.steps if step.verdict is not None]


def test_a_verdict_line_in_chinese_is_the_story_text(story: Explanation) -> None:
    """三、(二)2: the TL-4 line names the article and the two working days late, as it always has."""
    (late,) = [s for s in story.steps if s.verdict is not None and s.verdict.rule == "TL-4"]
    assert late.verdict is not None
    assert verdict_text(late.verdict) == verdict_text(late.verdict, CHINESE_WORDS) == late.text
    assert "三、(二)2" in late.text and "逾期2个工作日" in late.text and "] violation：" in late.text


def test_a_story_event_line_writes_its_time_limit_in_the_readers_language(story: Explanation) -> None:
    """三、(二)2 补办件 C2026-0003, received 2026-02-12 with a promised limit of 5 (working days, as a bare number
    means): the event's line says "5个工作日" in Chinese and "5 working days" in English; the log's own names and
    values (the matter 建筑工程施工许可) stay as written."""
    (received,) = [s for s in story.steps if s.event == "e001"]
    line = ("case_received: window=W-build, staff=S-li, case=C2026-0003, case_type=supplement, "
            "matter=建筑工程施工许可, promised_limit={limit}, materials_complete=False")
    assert step_text(received, CHINESE_WORDS) == str(received.text) == line.format(limit="5个工作日")
    assert step_text(received, ENGLISH) == line.format(limit="5 working days")


def test_a_story_page_in_english_shows_the_english_verdict_lines(
    browser: Any, story: Explanation, tmp_path: Path,  # noqa: F811 (the fixture imported above)
) -> None:
    page, heard = opened(browser, to_html(story, lang="en"), tmp_path, "story-en")
    shown = page.locator("section#story").inner_text()
    for step in story.steps:
        if step.verdict is not None:
            assert verdict_text(step.verdict, ENGLISH) in shown
            assert str(step.text) not in shown
    assert heard == []


# The agenda: every matter's duty, count and status, 二 "对每天各部门窗口的办理事项、办结时限 … 进行动态管理".


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_agenda_matter_reads_in_english(name: str) -> None:
    """Each built-in variant's matters on its example log as of 2026-04-01: the words columns of the agenda
    table (duty, start, limit, adjustments, explanation) hold no Chinese but a duty the variant file words."""
    variant = load_variant(name)
    listed = agenda(variant, read_events(io.StringIO(example_text(name))), as_of=date(2026, 4, 1), within="all")
    columns = [i for i, column in enumerate(AGENDA.columns)
               if column.id in ("duty", "start_rule", "limit", "adjusted", "explanation")]
    for item in listed.items:
        row = agenda_row(item)
        own = str(item.duty) if ENGLISH(item.duty) == str(item.duty) else None  # the variant's words, as written
        for i in columns:
            text = cell_text(row[i], AGENDA.columns[i], ENGLISH)
            assert not CHINESE.search(without(text, own)), (AGENDA.columns[i].id, text)
        assert CHINESE.search(item.explanation)  # the Chinese stays Chinese


def test_an_agenda_matter_in_both_languages(county: Variant) -> None:
    """TL-2 承诺件 (二、(二)3), 5 working days from Monday 3/2: due 3/9, one working day late on 3/10;
    a case suspended on 3/3 is held (TL-8)."""
    promised = only_rules(county, "TL-2")
    log = events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "W-land", "staff": "S-li",
         "case_type": "promised", "promised_limit": 5},
        {"type": "case_received", "case": "C2", "at": "2026-03-02T09:00", "window": "W-land", "staff": "S-li",
         "case_type": "promised", "promised_limit": 5},
        {"type": "case_suspended", "case": "C2", "at": "2026-03-03T09:00", "window": "W-land", "staff": "S-li",
         "reason": "补正"},
    )
    late, held = agenda(promised, log, as_of=date(2026, 3, 10)).items
    assert late.explanation == ("承诺件应在承诺时限内办结。时限自受理之日（2026-03-02）起算5个工作日，"
                                "届满日为2026-03-09；截至2026-03-10尚未完成，已逾期1个工作日。")
    assert ENGLISH(late.message) == (
        "A promised case is completed within its promised limit. A limit of 5 working days from the day of "
        "acceptance (2026-03-02), due on 2026-03-09; not yet done as of 2026-03-10, 1 working day late.")
    assert "2026-03-03起中止，时限停止计算" in held.explanation
    assert "suspended from 2026-03-03, the clock stopped" in ENGLISH(held.message)
    assert ENGLISH(held.adjusted or "") == "first due on 2026-03-09, suspended from 2026-03-03"
    assert not CHINESE.search(ENGLISH(late.message)) and not CHINESE.search(ENGLISH(held.message))


# TL-8 中止 and TL-5 延期: one set of words for the agenda and the verdict.


def test_the_agenda_and_the_verdict_tell_a_moved_due_day_in_the_same_words(county: Variant) -> None:
    """TL-5: extended on 3/6 to 10 working days (statutory 20): due 3/16, not 3/9. The agenda on 3/12 and
    the verdict on 3/17 (one working day late) say how, in the same words, in Chinese and in English."""
    promised = only_rules(county, "TL-2")
    log = events(
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "W-land", "staff": "S-li",
         "case_type": "promised", "promised_limit": 5, "statutory_limit": 20},
        {"type": "extension_granted", "case": "C1", "at": "2026-03-06T16:00", "window": "W-land", "staff": "S-li",
         "reason": "需组织专家评审", "new_limit": 10, "applicant_told_in_writing": True},
    )
    (item,) = agenda(promised, log, as_of=date(2026, 3, 12)).items
    (verdict,) = [v for v in run(promised, log, "2026-03-17").verdicts if v.rule == "TL-2"]
    assert item.adjusted is not None
    assert item.adjusted == ("原届满日为2026-03-09，2026-03-06延期至10个工作日（届满日顺延），"
                             "法定时限20个工作日届满日为2026-03-30")
    assert str(item.adjusted) in verdict.explanation
    english = ENGLISH(item.adjusted)
    assert english.startswith("first due on 2026-03-09, extended on 2026-03-06 to ") and "10 working days" in english
    assert english in ENGLISH(verdict.message) and not CHINESE.search(english)


# The import: its summary lines and the skipped cells' file.

HEADERS = "办件编号,事项名称,办件类型,受理时间,办结时间,承诺时限(工作日),窗口,经办人"
ROWS = "C-1,许可,即办件,2026-03-02 09:00,,,W-market,S-wang\nC-2,许可,即办件,2026-03-02,,,W-market,S-wang\n"


def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str], *lang: str) -> tuple[list[str], list[str]]:
    """Import a register with one bad row (C-2 has no time of receipt): the lines on stderr, the skipped file."""
    register = tmp_path / "register.csv"
    register.write_text(f"{HEADERS}\n{ROWS}", encoding="utf-8-sig")
    log = tmp_path / "events.jsonl"
    assert main(["import", str(register), "-o", str(log), "--skip-bad", *lang]) == 0
    skipped = (tmp_path / "events.jsonl.skipped.csv").read_text(encoding="utf-8-sig").splitlines()
    return capsys.readouterr().err.splitlines(), skipped


def test_the_import_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, skipped = imported(tmp_path, capsys, "--lang", "en")
    assert skipped[0] == "Sheet,Row,Column,Column letter,Expected"
    assert err[-2] == f"bianmin-rules: the bad cells are listed in {tmp_path / 'events.jsonl'}.skipped.csv"
    assert err[-1] == "bianmin-rules: 1 event from 1 of 2 rows; 1 row with 1 bad cells skipped"


def test_the_import_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, skipped = imported(tmp_path, capsys, "--lang", "zh")
    assert skipped[0] == "工作表,行,列,列号,应为"
    assert err[-2] == f"bianmin-rules: 有误的单元格列在{tmp_path / 'events.jsonl'}.skipped.csv"
    assert err[-1] == "bianmin-rules: 从2行中的1行读出1个事件；跳过1行，共1个有误的单元格"


def test_the_import_without_a_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As before: the lines for whoever runs the import in English, the file for the centre's staff in Chinese."""
    err, skipped = imported(tmp_path, capsys)
    assert skipped[0] == "工作表,行,列,列号,应为"
    assert err[-1] == "bianmin-rules: 1 event from 1 of 2 rows; 1 row with 1 bad cells skipped"
