"""Regulations in time: dated values, periods in force, amendments, each matter judged by the rules of its start day.

The cases are the county's and the township's own rules, amended mid-year:

- TL-7, county-centre 五、(二)1: a complex application is rejected "最迟不超过三个工作日";
  from 1 July the township cuts it to two working days.
- TL-1, county-centre 五、(一): an immediate case (即办件) is done the same day; an
  amendment drops the rule from 1 July.
- FEE-1, town-conduct-100 四、1: "不严格执行收费标准，发现一次扣10分"; amended to 5 points.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest

from bianmin_rules import (
    Citation,
    NoValueInForceError,
    Subject,
    SubjectKind,
    Variant,
    VariantError,
    Verdict,
    VerdictKind,
    WorkCalendar,
    installed_families,
    load_variant,
)
from bianmin_rules.authoring.dated import dated_problems
from bianmin_rules.authoring.lint import lint_text
from bianmin_rules.cli.main import main
from bianmin_rules.core.calendar import YearSchedule
from bianmin_rules.core.periods import Period, PeriodKind
from bianmin_rules.core.roster import Roster
from bianmin_rules.core.scorecards.ranking import assess_in_time
from bianmin_rules.core.verdicts import Measure
from bianmin_rules.intake.files import variant_text as variant_text_of
from bianmin_rules.views.explain import explain
from bianmin_rules.views.outputs import to_html, to_xlsx
from bianmin_rules.views.render import render_explanation, to_csv, to_markdown
from bianmin_rules.views.tables import report_tables
from tests.conftest import cited, events, make_variant, run
from tests.test_calendar import HYPOTHETICAL_2027

TL7 = ("县政务服务中心审批事项“六件”分类法操作规程", "五、(二)1", "但最迟不超过三个工作日。")


def receive(case: str, at: str, case_type: str = "rejected") -> dict[str, object]:
    return {"type": "case_received", "case": case, "at": at, "window": "W1", "staff": "S1", "case_type": case_type}


def rejected(case: str, at: str) -> dict[str, object]:
    return {"type": "case_rejected", "case": case, "at": at, "window": "W1", "staff": "S1", "reasons": ["不符合条件"]}


def tl7(limit: object, **extra: object) -> Variant:
    return make_variant(cited("rejection-decision", "TL-7", TL7, case_types=["rejected"], limit=limit, **extra))


CUT = tl7({"2026-01-01": 3, "2026-07-01": 2})
"""TL-7 as the township amends it: three working days, two from 1 July 2026."""


def test_tl7_a_case_received_before_the_cut_keeps_three_working_days() -> None:
    """TL-7: received Tue 2026-06-30 under 三个工作日: 7/1, 7/2, 7/3 — rejected Fri 7/3 is in time."""
    log = events(receive("C1", "2026-06-30T10:00"), rejected("C1", "2026-07-03T16:00"))
    assert run(CUT, log, "2026-08-31").verdicts == ()


def test_tl7_a_case_received_on_the_day_of_the_cut_has_two_working_days() -> None:
    """TL-7 as amended: received Wed 2026-07-01, due Fri 7/3 (7/2, 7/3); rejected Mon 7/6 is a working day late."""
    log = events(receive("C2", "2026-07-01T10:00"), rejected("C2", "2026-07-06T09:00"))
    (verdict,) = run(CUT, log, "2026-08-31").verdicts
    assert (verdict.case, verdict.due, verdict.actual) == ("C2", date(2026, 7, 3), date(2026, 7, 6))
    assert verdict.version == date(2026, 7, 1)  # judged by the rules in force from 1 July


def test_tl7_a_late_case_before_the_cut_records_the_version_it_was_judged_by() -> None:
    """TL-7: received Mon 2026-03-02, three working days → due Thu 3/5; rejected Fri 3/6 is late (1 January rules)."""
    log = events(receive("C3", "2026-03-02T10:00"), rejected("C3", "2026-03-06T09:00"))
    (verdict,) = run(CUT, log, "2026-08-31").verdicts
    assert (verdict.due, verdict.version) == (date(2026, 3, 5), date(2026, 1, 1))


def late_cases() -> list[Any]:
    """C3 late under the 1 January rules (due 3/5, rejected 3/6), C2 late under the 1 July rules (due 7/3, 7/6)."""
    return events(receive("C3", "2026-03-02T10:00"), rejected("C3", "2026-03-06T09:00"),
                  receive("C2", "2026-07-01T10:00"), rejected("C2", "2026-07-06T09:00"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tl7_markdown_shows_the_day_each_verdicts_rules_took_effect(lang: str) -> None:
    """TL-7 (五、(二)1) amended on 1 July: each verdict's row names its version, under 施行日期 (In force from)."""
    text = to_markdown(run(CUT, late_cases(), "2026-08-31"), lang=lang)
    header = next(line for line in text.splitlines() if line.startswith(("| 日期 | 规则", "| Day | Rule")))
    assert ("施行日期" if lang == "zh" else "In force from") in header
    rows = {line.split("|")[5].strip(): line for line in text.splitlines() if "| TL-7 |" in line}
    assert "| 2026-01-01 |" in rows["C3"] and "| 2026-07-01 |" in rows["C2"]


def test_markdown_of_a_variant_in_force_always_has_no_version_column() -> None:
    """A plain limit (三个工作日): no version, and the verdicts table is as it always was."""
    assert "施行日期" not in to_markdown(run(tl7(3), late_cases(), "2026-08-31"))


def test_csv_workbook_and_html_carry_each_verdicts_version(tmp_path: Path) -> None:
    """The combined CSV, the tables (CSV files, workbook, HTML): a ``version`` column, the day, empty for none."""
    report = run(CUT, late_cases(), "2026-08-31")
    combined = list(csv.DictReader(io.StringIO(to_csv(report).split("\n\n")[0])))
    assert [(row["case"], row["version"]) for row in combined] == [("C3", "2026-01-01"), ("C2", "2026-07-01")]
    (verdicts,) = [t for t in report_tables(report) if t.spec.id == "verdicts"]
    at = verdicts.spec.column_ids.index("version")
    assert [row[at] for row in verdicts.rows()] == [date(2026, 1, 1), date(2026, 7, 1)]
    path = tmp_path / "report.xlsx"
    to_xlsx(report, path)
    sheet = openpyxl.load_workbook(path)["违规明细"]
    header = [c.value for c in sheet[1]]
    column = header.index("施行日期")
    assert [str(row[column].value)[:10] for row in sheet.iter_rows(min_row=2)] == ["2026-01-01", "2026-07-01"]
    page = to_html(report, lang="en")
    assert "In force from" in page and "2026-07-01" in page


def test_a_card_scored_by_an_amended_table_names_its_version_in_markdown_and_the_card_table() -> None:
    """town-conduct-100's monthly staff table with FEE-1 (四、1) cut from 1 July: July's card says which table."""
    amended = town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"}, period="month")
    report = run(amended, fee_findings("2026-06-15", "2026-07-15"), "2026-07-31")
    text = to_markdown(report)
    assert "按2026-07-01起施行的考核表" in text and "按2026-01-01起施行的考核表" in text
    assert "scored by the table in force from 2026-07-01" in to_markdown(report, lang="en")
    story = explain(amended, fee_findings("2026-06-15", "2026-07-15"), subject=Subject(kind=SubjectKind.STAFF, id="S1"),
                    as_of=date(2026, 7, 31))
    assert "按2026-07-01起施行的考核表" in render_explanation(story, "markdown")
    (cards,) = [t for t in report_tables(report) if t.spec.id == "cards"]
    ids = cards.spec.column_ids
    name, subject, version = (ids.index(column) for column in ("scorecard", "subject", "version"))
    assert {row[version] for row in cards.rows() if (row[name], row[subject]) == ("staff", "S1")} == {
        date(2026, 1, 1), date(2026, 7, 1)}


def test_a_matter_started_before_the_first_dated_value_is_an_error_naming_the_policy_and_the_day() -> None:
    """A case received on 2025-12-30, before any TL-7 limit is given, is not judged by a guess."""
    log = events(receive("C0", "2025-12-30T10:00"), rejected("C0", "2025-12-31T10:00"))
    with pytest.raises(NoValueInForceError) as error:
        run(CUT, log, "2026-08-31")
    assert (error.value.rule, error.value.day, error.value.first) == ("TL-7", date(2025, 12, 30), date(2026, 1, 1))
    assert "TL-7 (policies[0].limit)" in str(error.value) and "'C0'" in str(error.value)


def test_a_matter_before_the_first_of_two_dated_values_given_from_different_days_is_an_error() -> None:
    """TL-7 with its limit given from 1 January and its points from 1 March: a case of 30 December has neither."""
    variant = tl7({"2026-01-01": 3}, points={"2026-03-01": -1})
    log = events(receive("C0", "2025-12-30T10:00"), rejected("C0", "2025-12-31T10:00"))
    with pytest.raises(NoValueInForceError) as error:
        run(variant, log, "2026-08-31")
    assert (error.value.key, error.value.day, error.value.first) == ("policies[0].limit", date(2025, 12, 30),
                                                                      date(2026, 1, 1))
    february = events(receive("C1", "2026-02-02T10:00"), rejected("C1", "2026-02-03T10:00"))
    with pytest.raises(NoValueInForceError, match=r"policies\[0\]\.points.*2026-02-02, before 2026-03-01"):
        run(variant, february, "2026-08-31")


def test_a_policy_is_judged_only_on_matters_started_in_its_period_in_force() -> None:
    """TL-7 in force from 1 July only: the late case received in March is not judged, the one of July is."""
    variant = tl7(3, in_force={"from": date(2026, 7, 1)})
    log = events(receive("C3", "2026-03-02T10:00"), rejected("C3", "2026-03-06T09:00"),
                 receive("C4", "2026-07-01T10:00"), rejected("C4", "2026-07-07T09:00"))
    (verdict,) = run(variant, log, "2026-08-31").verdicts
    assert (verdict.case, verdict.due, verdict.version) == ("C4", date(2026, 7, 6), date(2026, 7, 1))


def test_cal2_the_placeholder_hours_note_counts_policies_no_longer_in_force_at_the_end() -> None:
    """CAL-2: county-centre states no office hours; its attendance rules, in force until 2027, judge a 2026 sign-in
    against the placeholder sessions, and the report says so as the plain variant's does."""
    county = load_variant("county-centre")
    data = tomllib.loads(county.to_toml())
    for entry in data["policies"]:
        entry["in_force"] = {"until": "2027-01-01"}
    ending = Variant.from_data(data, origin="county-centre-until-2027")
    log = events({"type": "signed_in", "at": "2026-03-02T09:20", "window": "W1", "staff": "S1"},
                 {"type": "signed_out", "at": "2026-03-02T17:30", "window": "W1", "staff": "S1"})
    notes = run(county, log, "2026-03-31").note_messages
    assert any("占位时间" in str(note) for note in notes)
    assert run(ending, log, "2026-03-31").note_messages == notes


def test_a_value_the_same_on_every_date_is_one_version() -> None:
    """A limit split at a day where it does not change is the same rule: one version, from its first day."""
    split = tl7({"2026-01-01": 3, "2026-07-01": 3})
    log = events(receive("C5", "2026-07-01T10:00"), rejected("C5", "2026-07-07T09:00"))
    assert run(split, log, "2026-08-31").verdicts == run(tl7({"2026-01-01": 3}), log, "2026-08-31").verdicts


def test_show_on_a_day_gives_the_plain_variant_in_force() -> None:
    """`Variant.on`: the limit of that day, plain; a variant without dates is the same every day."""
    assert CUT.on(date(2026, 6, 30)).policies[0].limit.amount == 3  # type: ignore[attr-defined]
    assert CUT.on(date(2026, 7, 1)).policies[0].limit.amount == 2  # type: ignore[attr-defined]
    with pytest.raises(NoValueInForceError, match=r"TL-7 \(policies\[0\]\.limit\): no value is in force on 2025-12-31"):
        CUT.on(date(2025, 12, 31))  # no limit given that day: not a variant without TL-7
    county = load_variant("county-centre")
    assert county.on(date(2020, 1, 1)) is county


def test_a_dated_variant_prints_its_dates_and_reads_back_equal() -> None:
    """`show` prints the dated table as written; read back, the variant is the same."""
    text = CUT.to_toml()
    assert "[policies.limit]\n2026-01-01 = 3\n2026-07-01 = 2\n" in text
    assert Variant.from_toml(text, origin="printed") == CUT


@pytest.mark.parametrize(("limit", "message"), [
    ({"2026-13-01": 3}, "policies[0].limit.2026-13-01: 2026-13-01 is not a day of the calendar"),
    ({"2026-01-01": {"2026-02-01": 3}}, "a dated value holds dated values itself"),
])
def test_a_malformed_dated_value_is_refused_at_its_key(limit: object, message: str) -> None:
    with pytest.raises(VariantError, match=message.replace("[", r"\[").replace("]", r"\]")):
        tl7(limit)


def test_a_malformed_period_in_force_is_refused() -> None:
    with pytest.raises(VariantError, match=r"policies\[0\]\.in_force\.until: ends on 2026-01-01"):
        tl7(3, in_force={"from": date(2026, 7, 1), "until": date(2026, 1, 1)})
    with pytest.raises(VariantError, match=r"policies\[0\]\.rule: `rule` names the entry"):
        make_variant(cited("rejection-decision", {"2026-01-01": "TL-7"}, TL7, limit=3))  # type: ignore[arg-type]


def test_a_version_invalid_on_its_day_is_refused_naming_the_day() -> None:
    """A limit of −1 from 1 July is refused at its key, saying from which day."""
    with pytest.raises(VariantError, match=r"policies\[0\]\.limit.*from 2026-07-01"):
        tl7({"2026-01-01": 3, "2026-07-01": -1})


# Amendments: a file that extends another and states its own `effective` day.

AMENDMENT = """
extends = "county-centre"
name = "county-centre"
title = "县政务服务中心"
effective = 2026-07-01
remove_policies = ["TL-1"]

[[policies]]
rule = "TL-7"
limit = 2
"""


def immediate(case: str, received: str, done: str) -> list[dict[str, object]]:
    return [receive(case, received, "immediate"),
            {"type": "case_completed", "case": case, "at": done, "window": "W1", "staff": "S1"}]


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Variant:
    path = tmp_path_factory.mktemp("amendment") / "amended.toml"
    path.write_text(AMENDMENT, encoding="utf-8")
    return load_variant(path)


def test_an_amendment_applies_from_its_day_and_the_base_before_it(amended: Variant) -> None:
    """TL-1 (即办件 当场办结) dropped and TL-7 cut to two working days, both from 2026-07-01.

    An immediate case received 6/30 and done 7/1 is a working day late under TL-1; one
    received 7/1 and done 7/2 is no longer judged. A rejected case received 6/30 keeps
    three working days (due 7/3); one received 7/1 has two (due 7/3, rejected 7/6: late).
    """
    log = events(*immediate("I1", "2026-06-30T10:00", "2026-07-01T10:00"),
                 *immediate("I2", "2026-07-01T10:00", "2026-07-02T10:00"),
                 receive("R1", "2026-06-30T10:00"), rejected("R1", "2026-07-03T16:00"),
                 receive("R2", "2026-07-01T10:00"), rejected("R2", "2026-07-06T09:00"))
    verdicts = run(amended, log, "2026-08-31").verdicts
    found = {(v.rule, v.case, v.version) for v in verdicts if v.rule in {"TL-1", "TL-7"}}
    assert found == {("TL-1", "I1", None), ("TL-7", "R2", date(2026, 7, 1))}
    assert amended.amended == (date(2026, 7, 1),) and amended.effective == date(2026, 7, 1)


def test_an_amendment_of_an_amendment_addresses_the_entries_in_force_on_its_day(
    amended: Variant, tmp_path: Path,
) -> None:
    """A second amendment from 2027-01-01 sets TL-7 to four days: the county's three, July's two, then four."""
    first = tmp_path / "first.toml"
    first.write_text(AMENDMENT, encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text(f'extends = "{first}"\neffective = 2027-01-01\n[[policies]]\nrule = "TL-7"\nlimit = 4\n',
                      encoding="utf-8")
    variant = load_variant(second)
    limits = [(day, [p.limit.amount for p in variant.on(day).policies if p.rule == "TL-7"])  # type: ignore[attr-defined]
              for day in (date(2026, 6, 30), date(2026, 7, 1), date(2027, 1, 1))]
    assert limits == [(date(2026, 6, 30), [3]), (date(2026, 7, 1), [2]), (date(2027, 1, 1), [4])]
    assert variant.amended == (date(2026, 7, 1), date(2027, 1, 1))


def test_an_extends_without_effective_still_replaces_on_every_day(tmp_path: Path) -> None:
    """Without `effective`, a child is a variant of its own: its TL-7 is in force always, as before."""
    path = tmp_path / "town.toml"
    path.write_text(AMENDMENT.replace("effective = 2026-07-01\n", ""), encoding="utf-8")
    town = load_variant(path)
    assert town.timeline is None
    assert [p.limit.amount for p in town.policies if p.rule == "TL-7"] == [2]  # type: ignore[attr-defined]


# Assessment tables: a period is scored under the table in force on its first day.

def fee_findings(*days: str) -> list[Any]:
    return events(*({"type": "finding_recorded", "at": f"{day}T10:00", "window": "W1", "staff": "S1",
                     "finding": "fee_standard_ignored"} for day in days))


def town_conduct(points: object, period: str | None = None) -> Variant:
    """town-conduct-100 with the FEE-1 line of its staff table (四、1, 扣10分) given ``points``."""
    data = tomllib.loads(load_variant("town-conduct-100").to_toml())
    (table,) = [t for t in data["scorecards"] if t["name"] == "staff"]
    (line,) = [r for c in table["categories"] for i in c["items"] for r in i["rules"] if r.get("rules") == ["FEE-1"]]
    line["points"] = points
    if period is not None:
        table["period"] = period
    return Variant.from_data(data, origin="town-conduct-amended")


def staff_total(variant: Variant, log: list[Any], period_start: date) -> object:
    report = run(variant, log, "2026-12-31")
    (card,) = [c for c in report.scorecards if c.subject.id == "S1" and c.period.start == period_start]
    return card.total


def test_a_yearly_table_amended_mid_year_scores_the_year_under_the_table_of_its_first_day() -> None:
    """FEE-1 (四、1, 扣10分) cut to 5 points from 2026-07-01: the 2026 table is the one in force on 1 January.

    Two findings (June, July) cost 10 points each: 100 − 20 = 80 in the 绩 category's terms.
    """
    log = fee_findings("2026-06-15", "2026-07-15")
    amended = town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"})
    assert staff_total(amended, log, date(2026, 1, 1)) == staff_total(town_conduct("-10"), log, date(2026, 1, 1))


def test_a_monthly_table_amended_on_a_month_start_scores_each_month_under_its_own_table() -> None:
    """The same table counted by month: June's finding costs 10 points, July's 5 (四、1 as amended)."""
    log = fee_findings("2026-06-15", "2026-07-15")
    amended = town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"}, period="month")
    june, july = staff_total(amended, log, date(2026, 6, 1)), staff_total(amended, log, date(2026, 7, 1))
    assert (june - july) == -5  # type: ignore[operator]


# TL-11, county-centre window table 一、(五)2 (提速办结, quarterly, 100 points): "承诺件提速达……
# 81%—90%得8分，91%-100%得10分". An amendment from 1 July 2026 gives 10 points from 81%.

def speed_up_amended(bands: list[dict[str, Any]]) -> dict[str, Any]:
    """The 提速办结 bands as written (from 2026-01-01), and from 2026-07-01 the amended ones: the bands up to
    81% as before, then one band "81%-100%得10分" in place of 81%—90% (8) and 91%-100% (10)."""
    kept = [band for band in bands if "high" in band and band["high"] <= 81]
    amended = {"low": 81, "high": 100, "points": 10, "text": "81%-100%得10分"}
    return {"2026-01-01": bands, "2026-07-01": [*kept, amended]}


def county_speed_up(amended: Any) -> Variant:
    """county-centre with the bands of its window table's 提速办结 item (TL-11) as ``amended`` gives them."""
    data = tomllib.loads(load_variant("county-centre").to_toml())
    (table,) = [t for t in data["scorecards"] if t["name"] == "window"]
    (band,) = [r for c in table["categories"] for i in c["items"] if i["id"] == "speed-up" for r in i["rules"]]
    band["table"]["bands"] = amended(band["table"]["bands"])
    return Variant.from_data(data, origin="county-centre-amended")


def speed_up_rates(*quarters: date, rate: int = 85) -> list[Any]:
    """One window's speed-up rate (TL-11) of ``rate``% in each quarter, as the speed-up-rate policy measures it."""
    found = []
    for start in quarters:
        quarter = Period(kind=PeriodKind.QUARTER, start=start)
        found.append(Verdict(
            rule="TL-11", variant="county-centre", source=Citation(document="-", article="一、(五)2", quote="-"),
            subject=Subject(kind=SubjectKind.WINDOW, id="W1"), kind=VerdictKind.INFORMATION, on=quarter.end,
            explanation="承诺件提速率", window="W1",
            measure=Measure(name="speedup_rate", period=quarter, numerator=rate, denominator=100),
        ))
    return found


QUARTERS_2026 = (date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1))


def window_cards(variant: Variant, verdicts: list[Any]) -> dict[str, Any]:

    assert variant.timeline is not None
    assessment = assess_in_time(variant.timeline.tables, verdicts, roster=Roster(), as_of=date(2026, 12, 31))
    return {str(c.period.start) if c.period.kind == "quarter" else c.period.kind.value: c
            for c in assessment.cards if c.scorecard == "window" and c.subject.id == "W1"}


def test_tl11_bands_amended_mid_year_score_q1_q2_by_the_old_bands_and_q3_q4_by_the_new() -> None:
    """TL-11 (一、(五)2): a rate of 85% is 8 points under "81%—90%得8分", 10 under the amended "81%-100%得10分".

    Q1 and Q2 begin before 1 July: 8 points each, by the bands in force from 2026-01-01;
    Q3 and Q4 begin on and after it: 10 points each, by the amended bands.
    """
    amended = county_speed_up(speed_up_amended)
    cards = window_cards(amended, speed_up_rates(*QUARTERS_2026))
    quarters = [cards[str(start)] for start in QUARTERS_2026]
    assert [c.item("speed-up").score for c in quarters] == [8, 8, 10, 10]
    assert [c.version for c in quarters] == [date(2026, 1, 1), date(2026, 1, 1), date(2026, 7, 1), date(2026, 7, 1)]


def test_tl11_a_year_spanning_the_amendment_sums_its_quarters_as_each_was_scored() -> None:
    """SC-10 (年度汇总): the 2026 year card sums the four quarter cards as scored — 8 + 8 + 10 + 10 for 提速办结.

    The year is combined under the rollup of the table in force on its first day (version
    2026-01-01); its total is the unamended year's plus 2 + 2, the Q3 and Q4 gains.
    """
    amended = county_speed_up(speed_up_amended)
    plain = county_speed_up(lambda old: {"2026-01-01": old})
    rates = speed_up_rates(*QUARTERS_2026)
    cards, before = window_cards(amended, rates), window_cards(plain, rates)
    year = cards["year"]
    assert year.total == sum(cards[str(start)].total for start in QUARTERS_2026)
    assert year.total == before["year"].total + 4
    assert [part.score for part in year.parts] == [cards[str(start)].score for start in QUARTERS_2026]
    assert year.version == date(2026, 1, 1)


def test_a_scorecard_period_before_the_first_value_of_its_table_is_an_error_naming_table_period_and_day() -> None:
    """A rate of 2025's fourth quarter under bands given from 2026-01-01 only: the rules of that quarter are unknown."""
    amended = county_speed_up(speed_up_amended)
    with pytest.raises(NoValueInForceError, match=r"SC-3 \(scorecards\[0\]\.categories\[4\]\.items\[1\]"
                       r"\.rules\[0\]\.table\.bands\).*table 'window' started on 2025-10-01, before 2026-01-01"):
        window_cards(amended, speed_up_rates(date(2025, 10, 1)))


def test_the_engine_refuses_a_scorecard_period_before_its_table_has_a_value() -> None:
    """Through the engine: a finding of December 2025 opens a year the dated FEE-1 line (四、1) does not cover."""
    amended = town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"})
    with pytest.raises(NoValueInForceError, match=r"table 'staff' started on 2025-01-01, before 2026-01-01"):
        run(amended, fee_findings("2025-12-15", "2026-07-15"), "2026-12-31")


def test_a_table_not_in_force_on_a_periods_first_day_gives_that_period_no_card() -> None:
    """Tables in force from 1 July (in_force) score the quarters from Q3: no card for Q1 and Q2, nor an error.

    The staff table requires the window table's award (SC-3), so both are brought into force together.
    """
    data = tomllib.loads(load_variant("county-centre").to_toml())
    for table in data["scorecards"]:
        table["in_force"] = {"from": "2026-07-01"}
    cards = window_cards(Variant.from_data(data, origin="county-centre-from-july"), speed_up_rates(*QUARTERS_2026))
    assert sorted(cards) == ["2026-07-01", "2026-10-01"]
    assert cards["2026-07-01"].version == date(2026, 7, 1)


# A scorecard line in force: FEE-1 (town-conduct-100 四、1, "发现一次扣10分") removed from 1 July and a
# line of 5 points added in its place.

def fee_lines_replaced(period: str | None = None) -> dict[str, Any]:
    """town-conduct-100's data with the staff table's FEE-1 line in force until 1 July, a 5-point line from then."""
    data = tomllib.loads(load_variant("town-conduct-100").to_toml())
    (table,) = [t for t in data["scorecards"] if t["name"] == "staff"]
    if period is not None:
        table["period"] = period
    for category in table["categories"]:
        for item in category["items"]:
            for index, line in enumerate(item["rules"]):
                if line.get("rules") == ["FEE-1"]:
                    amended = {**line, "points": "-5", "in_force": {"from": "2026-07-01"}}
                    item["rules"][index:index + 1] = [{**line, "in_force": {"until": "2026-07-01"}}, amended]
                    return data
    raise AssertionError("no FEE-1 line")


def test_a_line_removed_and_a_line_added_mid_year_score_each_month_by_the_lines_in_force() -> None:
    """FEE-1 (四、1): June's finding costs 10 points by the old line, July's 5 by the line added on 1 July.

    The same as the line's points dated (``{2026-01-01 = -10, 2026-07-01 = -5}``), month by month.
    """
    log = fee_findings("2026-06-15", "2026-07-15")
    lines = Variant.from_data(fee_lines_replaced("month"), origin="fee-lines")
    dated = town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"}, period="month")
    for month in (date(2026, 6, 1), date(2026, 7, 1)):
        assert staff_total(lines, log, month) == staff_total(dated, log, month)
    june, july = staff_total(lines, log, date(2026, 6, 1)), staff_total(lines, log, date(2026, 7, 1))
    assert (june - july) == -5  # type: ignore[operator]
    assert [len(v.variant.scorecards) for v in lines.versions] == [len(lines.scorecards)] * 2


def test_a_line_in_force_is_shown_by_show_on_and_accepted_by_the_schema() -> None:
    """`show --on` gives the line in force that day, plain; the JSON Schema accepts a line's ``in_force``."""
    data = fee_lines_replaced()
    variant = Variant.from_data(data, origin="fee-lines")

    def fee_points(plain: Variant) -> list[Any]:
        (table,) = [t for t in plain.scorecards if t.name == "staff"]
        return [str(r.points) for i in table.items for r in i.rules if getattr(r, "rules", ()) == ("FEE-1",)]

    assert (fee_points(variant.on(date(2026, 6, 30))), fee_points(variant.on(date(2026, 7, 1)))) == (["-10"], ["-5"])
    jsonschema.validate(json.loads(json.dumps(data, default=str)), Variant.json_schema())


def test_a_lines_malformed_period_in_force_is_refused_at_its_key() -> None:
    data = fee_lines_replaced()
    (table,) = [t for t in data["scorecards"] if t["name"] == "staff"]
    (line,) = [r for c in table["categories"] for i in c["items"] for r in i["rules"]
               if r.get("in_force") == {"from": "2026-07-01"}]
    line["in_force"] = {"from": "2026-07-01", "until": "2026-03-01"}
    with pytest.raises(VariantError, match=r"scorecards\[\d+\]\.categories\[\d+\]\.items\[\d+\]\.rules\[\d+\]"
                       r"\.in_force\.until: ends on 2026-03-01"):
        Variant.from_data(data, origin="fee-lines")


def test_lint_a_rate_measured_by_quarter_changing_inside_a_quarter() -> None:
    """TL-12 (一、(六)1, 办结率 per quarter): the cases it counts amended on 15 August, inside Q3; on 1 October, not."""
    data = tomllib.loads(load_variant("county-centre").to_toml())
    (index,) = [i for i, p in enumerate(data["policies"]) if p["kind"] == "completion-rate"]
    counts = data["policies"][index]["counts"]
    data["policies"][index]["counts"] = {"2026-01-01": counts, "2026-08-15": counts[:-1], "2026-10-01": counts}
    found = [(f.rule, f.place, f.which) for f in dated_problems(data, kinds=installed_families().policy_kinds)
             if f.code == "change-inside-period"]
    assert found == [("TL-12", f"policies[{index}]", "2026-08-15")]


def test_lint_a_line_added_inside_the_period_of_a_yearly_table() -> None:
    """SC-10: the yearly staff table gains its 5-point line on 1 July, inside 2026."""
    findings = [f for f in dated_problems(fee_lines_replaced()) if f.code == "change-inside-period"]
    assert [(f.rule, f.which) for f in findings] == [("SC-10", "2026-07-01")]


# Tools: show --on, diff --on/--against-on, the JSON Schema.

def test_cli_show_on_a_day_prints_the_plain_variant(amended: Variant, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "amended.toml"
    path.write_text(AMENDMENT, encoding="utf-8")
    assert main(["show", str(path), "--on", "2026-07-01"]) == 0
    shown = tomllib.loads(capsys.readouterr().out)
    assert [p["limit"]["amount"] for p in shown["policies"] if p["rule"] == "TL-7"] == [2]
    assert "TL-1" not in {p["rule"] for p in shown["policies"]} and "in_force" not in json.dumps(shown, default=str)
    assert main(["show", str(path), "--on", "2026-06-30"]) == 0
    shown = tomllib.loads(capsys.readouterr().out)
    assert [p["limit"]["amount"] for p in shown["policies"] if p["rule"] == "TL-7"] == [3]


def test_cli_show_and_diff_on_a_day_before_a_dated_value_refuse_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """TL-7 given from 1 January 2026 only: the rules of 31 December 2025 are unknown, not a variant without TL-7."""
    path = tmp_path / "cut.toml"
    path.write_text(CUT.to_toml(), encoding="utf-8")
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(receive("C3", "2026-03-02T10:00")) + "\n", encoding="utf-8")
    for args in (["show", str(path)], ["diff", str(log), "--variant", str(path), "--as-of", "2026-08-31",
                                       "--against-on", "2026-07-01"]):
        assert main([*args, "--on", "2025-12-31"]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert "TL-7 (policies[0].limit): no value is in force on 2025-12-31, before 2026-01-01" in line


def test_cli_diff_judges_the_same_cases_under_the_rules_of_two_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """The auditor's question: the case of March, rejected on its third working day, is late under July's rules."""
    path = tmp_path / "amended.toml"
    path.write_text(AMENDMENT, encoding="utf-8")
    log = tmp_path / "log.jsonl"
    rows = [receive("C3", "2026-03-02T10:00"), rejected("C3", "2026-03-05T09:00")]
    log.write_text("".join(json.dumps({"id": f"e{i}", **r}) + "\n" for i, r in enumerate(rows)), encoding="utf-8")
    assert main(["diff", str(log), "--variant", str(path), "--on", "2026-06-30", "--against-on", "2026-07-01",
                 "--as-of", "2026-03-31", "--format", "json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert (compared["before"], compared["after"]) == ("county-centre@2026-06-30", "county-centre@2026-07-01")
    changed = [(c["change"], c["rule"], c["case"]) for c in compared["verdicts"] if c["rule"].startswith("TL-")]
    assert ("added", "TL-7", "C3") in changed  # and the completion rates move with it (TL-12)


def test_cli_diff_needs_something_to_compare_with(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "x.jsonl", "--variant", "county-centre", "--as-of", "2026-03-31"]) == 2
    assert "--against" in capsys.readouterr().err


def test_the_json_schema_accepts_dated_values_and_periods_in_force() -> None:
    schema = Variant.json_schema()
    dated = json.loads(json.dumps(tomllib.loads(CUT.to_toml()), default=str))
    dated["policies"][0]["in_force"] = {"from": "2026-01-01"}
    jsonschema.validate(dated, schema)
    dated["policies"][0]["limit"] = {"from July": 2}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dated, schema)


# Lint: the file's dates, and each version as the engine reads it.

def lint_findings(variant_text: str, **options: Any) -> list[tuple[str | None, str, str, str]]:
    report = lint_text(variant_text, origin="dated.toml", read_parent=variant_text_of, **options)
    return [(f.rule, f.code, f.key, f.which) for f in report.findings]


def test_lint_a_dated_variant_in_order_is_clean() -> None:
    assert lint_findings(CUT.to_toml()) == []


def test_lint_dated_values_out_of_order() -> None:
    text = CUT.to_toml().replace("2026-01-01 = 3\n2026-07-01 = 2\n", "2026-07-01 = 2\n2026-01-01 = 3\n")
    assert lint_findings(text) == [("TL-7", "dated-order", "policies[0].limit", "")]


def test_lint_a_value_a_version_refuses_names_the_entry_and_the_day() -> None:
    """A limit of −1 from 1 July: the July version is invalid, found at the key the file writes."""
    text = CUT.to_toml().replace("2026-07-01 = 2\n", "2026-07-01 = -1\n")
    report = lint_text(text, origin="dated.toml")
    (finding,) = [f for f in report.findings if f.code == "invalid"]
    assert finding.key.startswith("policies[0].limit") and "in force from 2026-07-01" in finding.message


def test_lint_a_policy_in_force_on_no_day_of_the_year() -> None:
    text = tl7(3, in_force={"from": date(2025, 1, 1), "until": date(2026, 1, 1)}).to_toml()
    assert lint_findings(text, year=2026) == [("TL-7", "never-in-force", "policies[0]", "2026")]
    assert lint_findings(text, year=2025) == []
    never = tl7({"2026-04-01": 3}, in_force={"until": date(2026, 3, 1)}).to_toml()
    assert lint_findings(never) == [("TL-7", "never-in-force", "policies[0]", "always")]


def test_lint_a_table_changed_inside_its_period() -> None:
    """SC-10: the yearly staff table of town-conduct-100 amended on 1 July changes inside 2026."""
    findings = lint_findings(town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"}).to_toml())
    assert [f for f in findings if f[1] == "change-inside-period"] == [
        ("SC-10", "change-inside-period", f"scorecards[{staff_table()}]", "2026-07-01"),
    ]
    monthly = lint_findings(town_conduct({"2026-01-01": "-10", "2026-07-01": "-5"}, period="month").to_toml())
    assert not [f for f in monthly if f[1] == "change-inside-period"]


def test_lint_a_quarterly_table_amended_inside_its_yearly_rollup() -> None:
    """SC-10: the county window table (quarterly, summed by year) amended on 1 July: a quarter begins, the year not."""
    found = [f for f in dated_problems(tomllib.loads(county_speed_up(speed_up_amended).to_toml()))
             if f.code == "change-inside-period"]
    assert [(f.rule, f.place, f.which) for f in found] == [("SC-10", "scorecards[0]", "2026-07-01")]
    assert "inside the year that begins on 2026-01-01" in found[0].message


def staff_table() -> int:
    return [t.name for t in load_variant("town-conduct-100").scorecards].index("staff")


def test_lint_an_amendment_dated_before_its_base(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(tl7(3).to_toml().replace('title = "测试中心"', 'title = "测试中心"\neffective = 2026-01-01'),
                    encoding="utf-8")
    amendment = f'extends = "{base}"\neffective = 2025-07-01\n[[policies]]\nrule = "TL-7"\nlimit = 2\n'
    found = lint_findings(amendment)
    assert ("amendment-before-base" in {code for _, code, _, _ in found})
    assert (None, "amendment-before-base", "effective", "2025-07-01") in found


# The worked example of docs/in-time.md: CMP-3 (county-centre 承诺 六, “5个工作日内给予书面答复”) cut to
# three working days from 2026-07-01.

CMP3_CUT = """
extends = "county-centre"
name = "county-centre"
title = "县政务服务中心"
effective = 2026-07-01

[[policies]]
id = "complaint-answer"
limit = 3
"""


def complaint(name: str, received: str, answered: str) -> list[dict[str, object]]:
    return [{"type": "complaint_received", "complaint": name, "at": received, "window": "W-complaints",
             "staff": "S-he", "form": "written", "category": "ordinary", "about_staff": "S-li"},
            {"type": "complaint_answered", "complaint": name, "at": answered, "staff": "S-he", "form": "written"}]


def test_cmp3_each_complaint_is_answered_within_the_limit_of_the_day_it_was_received(tmp_path: Path) -> None:
    """CMP-3: K-1 received Tue 6/30 has five working days (7/1, 7/2, 7/3, 7/6, 7/7): answered 7/6, in time.
    K-2 received Wed 7/1 has three (7/2, 7/3, 7/6): answered Tue 7/7, a working day late, under the July rules."""
    path = tmp_path / "township.toml"
    path.write_text(CMP3_CUT, encoding="utf-8")
    log = events(*complaint("K-1", "2026-06-30T10:00", "2026-07-06T16:00"),
                 *complaint("K-2", "2026-07-01T10:00", "2026-07-07T16:00"))
    (verdict,) = [v for v in run(load_variant(path), log, "2026-07-31").verdicts if v.rule == "CMP-3"]
    assert (verdict.complaint, verdict.due, verdict.actual, verdict.days_late, verdict.version) == (
        "K-2", date(2026, 7, 6), date(2026, 7, 7), 1, date(2026, 7, 1))


def test_an_amendment_and_a_new_years_schedule_combine(tmp_path: Path) -> None:
    """CMP-3 cut to three working days from 2027-01-01, counted over a 2027 schedule loaded as data (CAL-3).

    K-3, received Thu 2026-12-31, keeps five working days counted across 元旦 (1/1–1/3):
    1/4, 1/5, 1/6, 1/7, 1/8 — answered Fri 1/8, in time. K-4, received Mon 2027-02-01, has
    three: 2/2, 2/3, 2/4 — answered Mon 2/22, after 春节 (2/5–2/12): 2/15–2/19, the make-up
    Saturday 2/20 and 2/22 are seven working days late.
    """
    path = tmp_path / "township.toml"
    path.write_text(CMP3_CUT.replace("2026-07-01", "2027-01-01"), encoding="utf-8")
    calendar = WorkCalendar.china().with_schedule(YearSchedule.from_toml(HYPOTHETICAL_2027))
    log = events(*complaint("K-3", "2026-12-31T10:00", "2027-01-08T16:00"),
                 *complaint("K-4", "2027-02-01T10:00", "2027-02-22T16:00"))
    report = run(load_variant(path), log, "2027-03-31", calendar=calendar)
    (verdict,) = [v for v in report.verdicts if v.rule == "CMP-3"]
    assert (verdict.complaint, verdict.due, verdict.days_late, verdict.version) == (
        "K-4", date(2027, 2, 4), 7, date(2027, 1, 1))
    assert not report.provisional


def test_a_rule_id_in_a_dated_value_is_checked_against_the_catalogue() -> None:
    data = tomllib.loads(town_conduct("-10").to_toml())
    (table,) = [t for t in data["scorecards"] if t["name"] == "staff"]
    line = table["categories"][0]["items"][0]["rules"][0]
    line["rules"] = {"2026-01-01": line["rules"], "2026-07-01": ["XX-99"]}
    with pytest.raises(VariantError, match=r"\.rules\.2026-07-01\[0\]: 'XX-99' is not a rule of the catalogue"):
        Variant.from_data(data, origin="town-conduct-amended")


def test_lint_two_values_for_one_day_and_a_key_that_is_not_a_day() -> None:
    """Data given in Python may name one day twice (as text and as a date); TOML itself refuses a repeated key."""
    data = tomllib.loads(CUT.to_toml())
    data["policies"][0]["limit"] = {"2026-01-01": 3, date(2026, 1, 1): 4}
    assert [(f.code, f.which) for f in dated_problems(data) if f.code.startswith("dated")] == [
        ("dated-duplicate", "2026-01-01")]
    data["policies"][0]["limit"] = {"2026-01-01": 3, "2026-02-30": 2}
    assert [(f.code, f.place) for f in dated_problems(data)] == [("misdated", "policies[0].limit.2026-02-30")]
