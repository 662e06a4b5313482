"""Lint: every finding of a variant file at once, with its rule, code, key, file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from bianmin_rules import VariantError, WorkCalendar, load_variant
from bianmin_rules.authoring.caps import CAPS, breaches
from bianmin_rules.authoring.lint import Finding, LintReport, lint_text, lint_variant, rule_keys
from bianmin_rules.authoring.locate import key_lines
from bianmin_rules.authoring.testing import variants
from bianmin_rules.cli.main import main
from bianmin_rules.core.policy import PolicyBase
from bianmin_rules.families import BUILTIN, Variant
from tests.conftest import make_variant

CITE = {"document": "d", "article": "a", "quote": "q"}
CALENDAR = WorkCalendar.china()

TOWN = """\
extends = "county-centre"
name = "my-town"
title = "某镇便民服务中心"
source = { document = "某镇便民服务中心管理制度" }

[[policies]]
rule = "TL-7"
limit = 5

[[policies]]
kind = "notice-deadline"
rule = "OTN-3"
source = { document = "村便民服务中心制度范本", article = "二", quote = "时间最长不得超过____个工作日。" }

[[policies]]
kind = "immediate-same-day"
id = "urgent-same-day"
rule = "TL-1"
case_types = ["urgent"]
source = { document = "d", article = "a", quote = "q" }

[[policies]]
kind = "green-channel"
rule = "TL-6"
fraction = 0.6
source = { document = "d", article = "a", quote = "q" }

[[policies]]
kind = "finding-penalty"
rule = "XX-9"
findings = ["late"]
source = { document = "d", article = "a", quote = "q" }

[[policies]]
kind = "leave-approval"
rule = "LV-1"
table = [
  { up_to = 1, approvers = ["窗口负责人"] },
  { over = 1, up_to = 2, approvers = ["窗口负责人", "分管领导"] },
]
source = { document = "d", article = "a", quote = "q" }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def brief(findings: tuple[Finding, ...]) -> list[tuple[Any, ...]]:
    return [(f.rule, f.code, f.key, f.file.rsplit("/", 1)[-1], f.line) for f in findings]


def test_county_centre_accepts_exactly_its_texts_findings() -> None:
    """SC-5, TL-11 and SC-6: the gaps of the text's bands (each resolved) and the unreachable 档案/卫生 maxima."""
    report = lint_variant("county-centre")
    assert report.clean and report.findings
    assert {(f.rule, f.code) for f in report.findings} == {
        ("TL-11", "band-gap"), ("SC-5", "band-gap"), ("SC-6", "unreachable-maximum")}
    speed_up = [f for f in report.findings if f.rule == "TL-11"]
    assert [f.message.split(" between")[0] for f in speed_up] == [
        "gap [59, 60)", "gap (65, 66)", "gap (70, 71)", "gap (80, 81)", "gap (90, 91)"]
    assert {f.line for f in speed_up} == {county_line(SPEED_UP)} and "按60%—65%档" in speed_up[1].message


def test_every_problem_of_a_child_file_at_once(tmp_path: Path) -> None:
    """A file that does not load (OTN-3 left blank, CASE-2 an undeclared type) is linted all the same: every
    problem with its rule, its key in the resolved variant and its line in the file that writes it."""
    report = lint_variant(write(tmp_path, "town.toml", TOWN))
    with pytest.raises(VariantError):
        Variant.from_toml(TOWN, origin="town", load_parent=lambda *_: ({}, ""))
    county = load_variant("county-centre").policies
    tl7, tl6 = (next(i for i, p in enumerate(county) if p.rule == rule) for rule in ("TL-7", "TL-6"))
    new = len(county)  # the child's new policies come after the county's; its TL-6 reaches the county's one
    assert brief(report.unaccepted) == [
        ("TL-7", "over-statutory-cap", f"policies[{tl7}].limit", "town.toml", 8),
        ("OTN-3", "blank", f"policies[{new}].limit", "town.toml", 10),
        ("CASE-2", "undeclared-case-type", f"policies[{new + 1}].case_types[0]", "town.toml", 19),
        ("TL-6", "over-statutory-cap", f"policies[{tl6}].fraction", "town.toml", 25),
        (None, "unknown-rule", f"policies[{new + 2}].rule", "town.toml", 30),
        ("LV-1", "approval-gap", f"policies[{new + 3}].table", "town.toml", 37),
    ]
    blank, undeclared = report.unaccepted[1:3]
    assert "no default" in blank.message and "'urgent'" in undeclared.message
    inherited = [f for f in report.findings if f.accepted]
    assert len(inherited) == 18 and {f.file for f in inherited} == {"county-centre"}  # county's accepts carry over


def test_a_childs_own_lint_table_replaces_the_parents_and_stale_entries_are_reported(tmp_path: Path) -> None:
    text = TOWN.split("\n[[policies]]")[0] + """
[[lint.accept]]
code = "band-gap"
key = "scorecards[0].categories[5].items[1].rules[0].table"
which = ["[90, 91)", "(95, 96)"]
reason = "决定带补齐"

[[lint.accept]]
code = "band-gap"
key = "policies[0]"
reason = "没有这一项"
"""
    report = lint_variant(write(tmp_path, "town.toml", text))
    stale = [f for f in report.findings if f.code == "stale-accept"]
    assert brief(tuple(stale)) == [(None, "stale-accept", "lint.accept[1]", "town.toml", 12)]
    assert len([f for f in report.findings if f.accepted]) == 2  # one entry, both gaps of one table
    assert len(report.unaccepted) == 18 - 2 + 1


TABLE = "scorecards[0].categories[5].items[1].rules[0].table"
SPEED_UP = "scorecards[0].categories[4].items[1].rules[0].table"


def county_line(key: str) -> int:
    """The line of county-centre's file that writes ``key``."""
    return key_lines(county_text())[key]


def test_an_unresolved_gap_and_an_overlap() -> None:
    """SC-5: a gap without a decision band is open (an error); "95%以上" overlaps "91—95%" under `unique`."""
    lines = county_text().splitlines(keepends=True)
    lines.remove(next(line for line in lines if "decision = \"已达90%但未达91%" in line))  # the first table's
    text = "".join(lines).replace("{ low = 96, points = 5,", "{ low = 95, points = 5,", 1)
    report = lint_text(text, origin="county-copy")
    errors = [f for f in report.findings if f.severity.value == "error"]
    line = key_lines(text)[TABLE]
    assert [(f.code, f.key, f.line, f.message) for f in errors] == [
        ("band-gap", TABLE, line, "gap [90, 91) between the text's bands, unresolved: a rate in [90, 91) stops the "
                                  "evaluation"),
        ("band-overlap", TABLE, line, "bands[1] and bands[3] overlap on [95, 95] under hit policy unique"),
        ("band-overlap", TABLE, line, "bands[2] and bands[3] overlap on (95, 96) under hit policy unique"),
    ]


def test_an_approval_overlap_resolved_by_order_is_information() -> None:
    """LV-1: two bands covering one duration: a warning, or information when the first band listed wins."""
    table = [{"up_to": 1, "approvers": ["分管领导"]}, {"at_least": 1, "approvers": ["分管领导", "主要领导"]}]
    for on_overlap, severity in (("report", "warning"), ("first", "info")):
        policy = {"kind": "leave-approval", "rule": "LV-1", "source": CITE, "table": table, "on_overlap": on_overlap}
        report = lint_text(variant_toml(policy), origin="t")
        assert [(f.code, f.key, f.severity.value) for f in report.findings] == [
            ("approval-overlap", "policies[0].table[1]", severity)]


@pytest.mark.parametrize(("kind", "rule", "parameter", "allowed", "beyond"), [
    ("green-channel", "TL-6", "fraction", "0.5", "0.51"),
    ("rejection-decision", "TL-7", "limit", 3, 4),
    ("notice-deadline", "OTN-3", "limit", 5, 6),
    ("complaint-answer", "CMP-1", "limit", 1, 2),
    ("complaint-answer", "CMP-2", "limit", {"amount": 7, "unit": "calendar_days"}, 5),
    ("complaint-answer", "CMP-3", "limit", {"unit": "week", "amount": 2}, 16),
])
def test_parameters_beyond_the_caps_the_texts_state(
    kind: str, rule: str, parameter: str, allowed: object, beyond: object,
) -> None:
    """TL-6 一半以上; TL-7 最迟不超过三个工作日; OTN-3 5个工作日内; CMP-1 当日或次日; CMP-2 一周之内;
    CMP-3 15个工作日内 (jianshe-street, the longest). Five working days can end after a week (from 2026-02-12,
    across the Spring Festival: 2/25 against 2/24)."""
    def breached(value: object) -> list[str]:
        variant = make_variant({"kind": kind, "rule": rule, "source": CITE, parameter: value})
        policy: PolicyBase = variant.policies[0]
        return [cap.rule for cap, _ in breaches(policy, CALENDAR)]

    assert breached(allowed) == []
    assert breached(beyond) == [rule]


def test_a_complaint_limit_of_another_rule_is_not_capped() -> None:
    """CMP-4 … are not answer limits; the caps bind only the rules they name."""
    variant = make_variant({"kind": "complaint-answer", "rule": "CMP-4", "source": CITE, "limit": 30})
    assert list(breaches(variant.policies[0], CALENDAR)) == []
    assert {cap.rule for cap in CAPS} == {"TL-6", "TL-7", "OTN-3", "CMP-1", "CMP-2", "CMP-3"}


def test_rule_ids_are_checked_wherever_a_file_names_one() -> None:
    """Every key the schema types as a rule ID: a policy's rule, a ladder's counts, a table's rules."""
    assert {"rule", "rules", "counts"} <= rule_keys(BUILTIN)
    text = county_text().replace('rules = ["ATT-4"], codes = ["joint_review"]', 'rules = ["ATT-44"], codes = ["j"]')
    (finding,) = [f for f in lint_text(text, origin="c").findings if f.code == "unknown-rule"]
    assert (finding.code, finding.key) == ("unknown-rule", "scorecards[0].categories[0].items[0].rules[1].rules[0]")


def test_unreadable_files_raise(tmp_path: Path) -> None:
    with pytest.raises(VariantError, match="not valid TOML"):
        lint_text("name = ", origin="broken")
    with pytest.raises(VariantError, match="no such built-in variant"):
        lint_variant(write(tmp_path, "t.toml", 'extends = "atlantis"\n'))


def test_cli_lint_exit_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """0 when every finding is accepted, 1 when one is not, 2 when the file cannot be read."""
    assert main(["lint", "county-centre"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("county-centre: 18 findings, 18 accepted, 0 not accepted\n")
    assert f"county-centre:{county_line(SPEED_UP)}: info: TL-11 band-gap [59, 60): {SPEED_UP}: gap [59, 60)" in out
    town = write(tmp_path, "town.toml", TOWN)
    assert main(["lint", str(town), "--format", "json"]) == 1
    report = LintReport.model_validate_json(capsys.readouterr().out)
    assert len(report.unaccepted) == 6
    assert main(["lint", str(tmp_path / "missing.toml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def county_text() -> str:
    from bianmin_rules.intake.files import DATA

    return (DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8").split("\n# Lint (")[0]


def variant_toml(*policies: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps({
        "name": "t", "title": "测试", "source": {"document": "d"}, "case_types": {"immediate": "即办件"},
        "policies": list(policies),
    })


@settings(max_examples=15)
@given(variants())
def test_any_printed_variant_lints_with_every_finding_on_a_line_of_its_file(variant: Variant) -> None:
    """Built-in variants with limits, points and fines moved: lint never fails on them, places every finding on
    a line of the printed file, and reports TL-7's cap exactly when the rejection limit passes 3 working days."""
    text = variant.to_toml()
    report = lint_text(text, origin="printed")
    lines = len(text.splitlines())
    assert all(f.line is not None and 1 <= f.line <= lines for f in report.findings)
    over = {f.rule for f in report.findings if f.code == "over-statutory-cap"}
    limits = [p.limit.amount for p in variant.policies if p.kind == "rejection-decision"]  # type: ignore[union-attr]
    assert ("TL-7" in over) == any(amount > 3 for amount in limits)


def test_the_schema_allows_lint_accept_entries(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["schema", "variant"]) == 0
    schema = json.loads(capsys.readouterr().out)
    accept = schema["$defs"]["AcceptedFinding"]
    assert "lint" in schema["properties"] and set(accept["required"]) == {"code", "key", "reason"}
