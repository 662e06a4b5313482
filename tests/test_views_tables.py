"""A report and a comparison as tables of typed rows: the one shape the CSV, workbook and HTML views read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bianmin_rules import Report, Variant, load_variant
from bianmin_rules.core.words import Message
from bianmin_rules.intake.files import DATA, demo_events, read_event_files
from bianmin_rules.views.labels import Words
from bianmin_rules.views.tables import (
    DIFF_TABLES,
    REPORT_TABLES,
    ColumnType,
    Row,
    Table,
    cell_text,
    diff_tables,
    report_tables,
)
from bianmin_rules.views.whatif import diff
from tests.conftest import run

PYTHON_TYPES: dict[ColumnType, type | tuple[type, ...]] = {
    ColumnType.TEXT: (str, Message), ColumnType.CODE: (str, Message), ColumnType.INT: int, ColumnType.DECIMAL: Decimal,
    ColumnType.DATE: date, ColumnType.BOOL: bool,
}


def rows_by_id(table: Table) -> list[dict[str, object]]:
    return [dict(zip(table.spec.column_ids, row, strict=True)) for row in table.rows()]


def tables_of(tables: tuple[Table, ...]) -> dict[str, list[dict[str, object]]]:
    return {table.spec.id: rows_by_id(table) for table in tables}


@pytest.fixture(scope="module")
def demo(county: Variant) -> Report:
    return run(county, demo_events(), "2026-03-31")


def assert_typed(table: Table) -> None:
    for row in table.rows():
        assert len(row) == len(table.spec.columns), table.spec.id
        for column, cell in zip(table.spec.columns, row, strict=True):
            expected = PYTHON_TYPES[column.type]
            assert cell is None or (isinstance(cell, expected) and not (
                column.type is ColumnType.INT and isinstance(cell, bool))), (table.spec.id, column.id, cell)


def test_every_cell_has_its_column_type(county: Variant) -> None:
    """Every table of the township log's report under county-centre, and of a comparison with the
    amended what-if variant: each row as long as the columns, each cell empty or of its column's type."""
    township = DATA / "examples" / "township.jsonl"
    report = run(county, read_event_files([township]), "2026-04-01")
    amended = load_variant("examples/whatif/amended.toml")
    other = run(amended, read_event_files([township]), "2026-04-01")
    for table in (*report_tables(report, county), *diff_tables(diff(report, other))):
        assert_typed(table)
    assert [t.spec for t in report_tables(report)] == list(REPORT_TABLES)
    assert [t.spec for t in diff_tables(diff(report, other))] == list(DIFF_TABLES)


def test_a_late_rejection_as_a_row(demo: Report) -> None:
    """C2026-0005, received Thursday 2026-02-12, must be decided within 3 working days (county
    六件分类法 五、(二)1): 2/13, Saturday 2/14 (a make-up working day) and 2/24 after the Spring
    Festival; decided 2/25, one working day late."""
    (row,) = [r for r in rows_by_id(report_tables(demo)[1]) if r["rule"] == "TL-7"]
    assert row == row | {
        "on": date(2026, 2, 25), "kind": "violation", "subject_kind": "staff", "subject": "S-zhao",
        "case": "C2026-0005", "window": "W-land", "due": date(2026, 2, 24), "actual": date(2026, 2, 25),
        "days_late": 1, "late_unit": "working_days", "points": Decimal(0), "sanction": None,
        "article": "五、(二)1", "evidence": "e005 e006", "provisional": False,
    }


def test_totals_count_each_subjects_violations(demo: Report) -> None:
    """Each of the four staff members with a late case has the time-limit violation and its ESC-2
    批评教育 (the first failure of the year); S-sun finished in time."""
    totals = {(r["subject_kind"], r["subject"]): r["violations"] for r in tables_of(report_tables(demo))["totals"]}
    assert totals == {
        ("staff", "S-chen"): 2, ("staff", "S-li"): 2, ("staff", "S-sun"): 0, ("staff", "S-wang"): 2,
        ("staff", "S-zhao"): 2, ("window", "W-build"): 0, ("window", "W-land"): 0, ("window", "W-market"): 0,
    }


def test_a_card_and_its_lines(demo: Report) -> None:
    """W-build's 红旗窗口 card for 2026-Q1: 62 of 100, ineligible for the overdue C2026-0104
    (考核办法 三(七)), and its 按操作规程办理 item: 10 − 2 for the overdue case = 8."""
    tables = tables_of(report_tables(demo))
    w_build = {"scorecard": "window", "subject": "W-build", "period": "2026-Q1"}
    (card,) = [r for r in tables["cards"] if r == r | w_build]
    assert (card["total"], card["maximum"], card["eligible"], card["rank"]) == (Decimal(62), Decimal(100), False, None)
    assert "C2026-0104" in str(card["withheld"])
    lines = [r for r in tables["card_lines"] if r == r | w_build and r["item"] == "按操作规程办理"]
    assert [(r["entry"], r["base"], r["points"], r["score"], r["rule"]) for r in lines] == [
        ("item", Decimal(10), None, Decimal(8), None),
        ("deduction", None, Decimal(-2), None, "TL-4"),
    ]
    (total,) = [r for r in tables["card_lines"] if r == r | w_build and r["entry"] == "total"]
    assert total["score"] == Decimal(62)


def test_a_ranking_lists_who_was_not_ranked_and_why(demo: Report) -> None:
    """Every window of the demo had an overdue case: none is ranked for 红旗窗口, each is ineligible."""
    standings = [r for r in tables_of(report_tables(demo))["standings"] if r["award"] == "红旗窗口"]
    assert [(r["subject"], r["status"], r["rank"], r["awarded"]) for r in standings] == [
        ("W-build", "ineligible", None, False), ("W-land", "ineligible", None, False),
        ("W-market", "ineligible", None, False),
    ]


def test_the_about_table_names_variant_source_day_and_placeholders(demo: Report, county: Variant) -> None:
    about = [(r["item"], r["value"]) for r in tables_of(report_tables(demo, county))["about"]]
    assert ("方案", "county-centre") in about
    assert ("依据文件", f"县政务服务中心管理制度汇编：{county.source.section}") in about
    assert ("评估日", "2026-03-31") in about
    assert ("暂定日历（CAL-3）", "否") in about
    # The county compendium states no office hours: the library's default is a placeholder (CAL-2).
    assert ("办公时间", "09:00–12:00、13:30–17:30") in about
    assert ("占位", "制度未规定办公时间，按程序默认时间计算（CAL-2）") in about
    assert ("备注", demo.notes[0]) in about


def test_a_comparison_has_before_after_and_change_in_separate_numeric_columns(county: Variant) -> None:
    """The what-if example: W-civil's 红旗窗口 card falls from 83 to 71 (−2 for the overdue C-11,
    −5 按时办结, −5 办结率) and it loses its eligibility (examples/whatif/README.md)."""
    township = DATA / "examples" / "township.jsonl"
    before = run(county, read_event_files([township]), "2026-04-01")
    after = run(load_variant("examples/whatif/amended.toml"), read_event_files([township]), "2026-04-01")
    cards = tables_of(diff_tables(diff(before, after)))["cards"]
    (civil,) = [r for r in cards if r["subject"] == "W-civil" and r["period"] == "2026-Q1"]
    assert (civil["total_before"], civil["total_after"], civil["total_change"]) == (Decimal(83), Decimal(71),
                                                                                    Decimal(-12))
    assert (civil["eligible_before"], civil["eligible_after"]) == (True, False)


def test_a_verdict_added_by_a_comparison_is_told_in_the_readers_language(county: Variant) -> None:
    """The what-if example's new TL-7 verdict on C-11 (examples/whatif/README.md): in Chinese as the report has
    it, in English from the catalogue."""
    township = DATA / "examples" / "township.jsonl"
    before = run(county, read_event_files([township]), "2026-04-01")
    after = run(load_variant("examples/whatif/amended.toml"), read_event_files([township]), "2026-04-01")
    table = diff_tables(diff(before, after))[1]
    (row,) = [r for r in rows_by_id(table) if r["rule"] == "TL-7" and r["case"] == "C-11"]
    (added,) = [v for v in after.verdicts if v.rule == "TL-7" and v.case == "C-11"]
    assert row["before"] is None and row["after"] == added.explanation
    column = next(c for c in table.spec.columns if c.id == "after")
    english = cell_text(row["after"], column, Words("en"))  # type: ignore[arg-type]
    assert english.startswith("Case C-11: ") and "2 working days" in english


def test_rows_are_made_afresh_each_time(demo: Report) -> None:
    table = report_tables(demo)[1]
    first: list[Row] = list(table.rows())
    assert list(table.rows()) == first and len(first) == len(demo.verdicts)
