"""The HTML report, opened in a real headless browser (Debian's Chromium, through Playwright).

The page must draw every chart, sort its tables, log nothing to the console and ask for
nothing from the network. A screenshot of each page is kept in the folder named by
``BIANMIN_ARTIFACTS`` (default ``artifacts/``), as the CI run's artefact.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import Report, Variant, agenda, diff, explain, load_variant, to_html
from bianmin_rules.core.verdicts import Subject, SubjectKind
from bianmin_rules.intake.files import DATA, demo_events, read_event_files
from tests.conftest import run

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("BIANMIN_ARTIFACTS", "artifacts"))
TOWNSHIP = DATA / "examples" / "township.jsonl"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium from Debian, headless; never a browser Playwright downloads. CI must have it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        playwright_missing = True
    else:
        playwright_missing = False
    if playwright_missing or not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must install Playwright and Debian's chromium (see .ci/run)")
        pytest.skip("Playwright or /usr/bin/chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def opened(browser: Any, html: str, tmp_path: Path, name: str) -> tuple[Any, list[str]]:
    """The page loaded from a file, with everything it logged or asked the network for."""
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    heard: list[str] = []
    page.on("console", lambda message: heard.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: heard.append(f"page error: {error}"))
    page.on("request", lambda request: None if request.url.startswith("file://") else heard.append(
        f"request: {request.url}"))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, heard


def keep_screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def drawn_charts(page: Any) -> list[dict[str, Any]]:
    """Each chart's caption, its size on the page, and how many bars it draws with a visible area."""
    result: list[dict[str, Any]] = page.evaluate("""() =>
        Array.from(document.querySelectorAll("figure.chart")).map(figure => {
            const svg = figure.querySelector("svg");
            const box = svg.getBoundingClientRect();
            const bars = Array.from(svg.querySelectorAll(".series rect, .series path")).filter(mark => {
                const b = mark.getBoundingClientRect();
                return b.width > 0 && b.height > 0;
            });
            return {title: figure.querySelector("figcaption").textContent, width: box.width,
                    height: box.height, bars: bars.length};
        })""")
    return result


@pytest.fixture(scope="module")
def demo() -> tuple[Report, Variant]:
    county = load_variant("county-centre")
    return run(county, demo_events(), "2026-03-31"), county


def test_the_demo_report_draws_its_charts_and_logs_nothing(browser: Any, demo: tuple[Report, Variant],
                                                           tmp_path: Path) -> None:
    """The demo: the two assessment tables' scores per period, violations per rule and month,
    and the days late (three late by 1 working day, one by 2: TL-1, TL-4, TL-7)."""
    report, county = demo
    page, heard = opened(browser, to_html(report, variant=county), tmp_path, "report")
    keep_screenshot(page, "html-report")
    charts = drawn_charts(page)
    assert [c["title"] for c in charts] == [
        "部门窗口考核（红旗窗口）：各期得分", "窗口工作人员考核（服务标兵）：各期得分",
        "每月各规则违规次数", "逾期天数分布",
    ]
    assert all(c["width"] > 300 and c["height"] > 150 and c["bars"] > 0 for c in charts), charts
    assert heard == []
    assert page.evaluate("document.documentElement.lang") == "zh-CN"


def test_a_table_sorts_by_a_clicked_column(browser: Any, demo: tuple[Report, Variant], tmp_path: Path) -> None:
    report, county = demo
    page, heard = opened(browser, to_html(report, variant=county), tmp_path, "sorting")
    table = page.locator("section#totals table")
    header = table.locator("th", has_text="违规次数")

    def column() -> list[str]:
        index = table.locator("th").all_inner_texts().index(header.inner_text())
        cells: list[str] = table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()
        return cells

    header.locator("button").click()
    assert column() == sorted(column(), key=int) and header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert column() == sorted(column(), key=int, reverse=True) and header.get_attribute("aria-sort") == "descending"
    assert column()[0] == "2" and heard == []


def test_the_report_in_english(browser: Any, demo: tuple[Report, Variant], tmp_path: Path) -> None:
    report, county = demo
    page, heard = opened(browser, to_html(report, variant=county, lang="en"), tmp_path, "english")
    assert page.locator("h2").first.inner_text() == "Charts"
    assert "Violations per rule and month" in [c["title"] for c in drawn_charts(page)]
    assert page.evaluate("document.documentElement.lang") == "en" and heard == []


def test_a_comparison_shows_what_moved(browser: Any, tmp_path: Path) -> None:
    """The what-if example: W-civil's and S-chen's cards fall (83 → 71, 96 → 84)."""
    county, amended = load_variant("county-centre"), load_variant("examples/whatif/amended.toml")
    result = diff(run(county, read_event_files([TOWNSHIP]), "2026-04-01"),
                  run(amended, read_event_files([TOWNSHIP]), "2026-04-01"))
    page, heard = opened(browser, to_html(result), tmp_path, "diff")
    keep_screenshot(page, "html-diff")
    charts = drawn_charts(page)
    # The county prices through its tables: verdicts move no points, so there is no chart of points.
    assert [c["title"] for c in charts] == ["各对象违规次数变化", "各考核得分变化"]
    assert all(c["bars"] > 0 for c in charts) and heard == []
    assert "W-civil" in page.locator("section#cards").inner_text()


def test_a_story_shows_its_steps_and_scores(browser: Any, tmp_path: Path) -> None:
    county = load_variant("county-centre")
    story = explain(county, demo_events(), subject=Subject(kind=SubjectKind.STAFF, id="S-li"),
                    as_of=run(county, [], "2026-03-31").as_of)
    page, heard = opened(browser, to_html(story), tmp_path, "story")
    keep_screenshot(page, "html-explain")
    assert all(c["bars"] > 0 for c in drawn_charts(page)) and drawn_charts(page)
    assert "C2026-0104" in page.locator("section#story").inner_text()
    assert heard == []


def test_an_agenda_shows_what_falls_due_window_by_window(browser: Any, tmp_path: Path) -> None:
    """county-centre on the township log as of 2026-04-01, every open matter: the figures, the chart per window,
    a section per window, and nothing logged or fetched."""
    county = load_variant("county-centre")
    listed = agenda(county, read_event_files([TOWNSHIP]), as_of=date(2026, 4, 1), within="all")
    tally = listed.tally()
    page, heard = opened(browser, to_html(listed, variant=county), tmp_path, "agenda")
    keep_screenshot(page, "html-agenda")
    figures = dict(zip(page.locator(".figure dt").all_inner_texts(), page.locator(".figure dd").all_inner_texts(),
                       strict=True))
    assert (figures["已逾期"], figures["中止中"]) == (str(tally.overdue), str(tally.held))
    (chart,) = drawn_charts(page)
    assert chart["title"] == "各窗口待办事项" and chart["bars"] > 0
    windows = sorted({item.window or "—" for item in listed.items})
    assert page.locator("section[id^=agenda-] h2").all_inner_texts() == [f"窗口 {w}" for w in windows]
    rows = page.locator("section[id^=agenda-] tbody tr").count()
    assert rows == len(listed.items) > 0 and heard == []
