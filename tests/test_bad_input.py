"""Bad input, kind by kind: one typed error naming the place, or a documented decision — never a traceback,
never a wrong answer with exit status 0.

Each test is one kind of bad input a new user or a careless integrator gives; docs/errors.md lists
them with the error each gets. tests/test_fuzz.py searches for kinds not yet listed here.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from bianmin_rules import (
    BianminError,
    CalendarRangeError,
    EvaluationError,
    EventError,
    VariantError,
    WorkCalendar,
    evaluate,
    load_variant,
    read_events,
    read_logs,
)
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.cli.main import EXIT_BAD_INPUT, EXIT_FINDINGS, main
from bianmin_rules.core.bounds import FIRST_EVENT_YEAR, LAST_EVENT_YEAR
from bianmin_rules.core.errors import ScheduleError
from bianmin_rules.families import Variant, event_json_schema
from bianmin_rules.intake.files import DATA, load_schedule, variant_text
from tests.conftest import cited, events, make_variant

DEMO_LOG = str(DATA / "examples" / "county-centre.jsonl")
COUNTY_ARGS = ("--variant", "county-centre", "--as-of", "2026-03-31")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line: its exit status (argparse's too), standard output and standard error."""
    try:
        status = main(list(args))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The one line a command refusing bad input prints; it exits 2 and prints nothing else."""
    status, out, err = cli(capsys, *args)
    assert (status, out) == (EXIT_BAD_INPUT, ""), err
    assert "Traceback" not in err and "internal error" not in err
    return err.strip().splitlines()[-1]


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def event_line(**fields: Any) -> str:
    """A case receipt as a JSON line, with fields changed."""
    row = {"type": "case_received", "id": "e1", "at": "2026-03-02T09:00:00", "case": "C1", "case_type": "promised",
           "window": "W1", "staff": "S1", "promised_limit": 5} | fields
    return json.dumps(row, ensure_ascii=False)


def examples_of_every_type() -> list[dict[str, Any]]:
    """The documented example line of every event type."""
    schema = event_json_schema()
    return [definition["examples"][0] for definition in schema["$defs"].values() if "examples" in definition]


def test_errors_md_lists_the_inputs_of_every_error() -> None:
    """docs/errors.md: every error with the input that causes it (the base classes have none of their own)."""
    page = (Path(__file__).parent.parent / "docs" / "errors.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", page, flags=re.MULTILINE)[1:]
    bases = ("`BianminError`", "`CalendarError`")
    without = [s.splitlines()[0] for s in sections
               if s.startswith("`") and "**Inputs:**" not in s and not s.startswith(bases)]
    assert without == []


# -- tracebacks that became typed errors -----------------------------------------------------------

EDGE_MOMENTS = ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"]


@pytest.mark.parametrize("moment", EDGE_MOMENTS)
@pytest.mark.parametrize("example", examples_of_every_type(), ids=lambda e: e["type"])
def test_a_moment_at_the_ends_of_the_calendar_is_refused_in_every_event_type(
    moment: str, example: dict[str, Any],
) -> None:
    """Converted to China time such a moment leaves the calendar (it overflowed): the line and field are named."""
    line = json.dumps(example | {"at": moment})
    with pytest.raises(EventError) as caught:
        list(read_events(["", line], source="log.jsonl"))
    assert (caught.value.line, caught.value.field) == (2, "at")
    assert str(caught.value).startswith("log.jsonl:2: field 'at': lies outside the years an event may be dated in")


@pytest.mark.parametrize("moment", [datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
                                    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))])
def test_the_calendar_refuses_a_moment_with_no_china_time(moment: datetime) -> None:
    calendar = WorkCalendar.china()
    for call in (lambda: calendar.is_open(moment), lambda: calendar.next_opening(moment),
                 lambda: calendar.open_time_between(moment, datetime(2026, 1, 5, tzinfo=UTC)),
                 lambda: calendar.open_time_between(datetime(2026, 1, 5, tzinfo=UTC), moment)):
        with pytest.raises(CalendarRangeError, match="has no date in China time"):
            call()


@pytest.mark.parametrize("as_of", [date(1, 1, 1), date(9999, 12, 31), date(1999, 12, 31)])
def test_evaluate_refuses_a_day_outside_the_calendar(county: Variant, as_of: date) -> None:
    with pytest.raises(CalendarRangeError, match="outside the years the calendar covers"):
        evaluate(county, [], as_of=as_of)


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"type": "merit_recorded", "staff": "S1", "merit": "praise", "level": "city", "points": "1e99999999"},
     "points", "less than or equal to 1000"),
    ({"type": "finding_recorded", "staff": "S1", "finding": "late", "quantity": "1" + "0" * 1_000_000},
     "quantity", "less than or equal to 1000"),
    ({"type": "finding_recorded", "staff": "S1", "finding": "late", "quantity": "0." + "1" * 1_000_000},
     "quantity", "no more than 2 decimal places"),
    ({"type": "applicant_returned", "case": "C1", "cause": "incomplete_notice", "travel_cost": "NaN"},
     "travel_cost", "finite number"),
    ({"type": "case_received", "case": "C1", "case_type": "promised", "promised_limit": 10**9},
     "promised_limit.amount", "less than or equal to 366"),
    ({"type": "extension_granted", "case": "C1", "reason": "x", "new_limit": {"amount": 60, "unit": "week"}},
     "new_limit", "longer than 366 days"),
])
def test_absurd_numbers_in_a_log_are_refused_with_line_and_field(
    fields: dict[str, Any], field: str, words: str,
) -> None:
    """Bounds (core/bounds.py): a number of a million digits is bad input, not a decimal.Overflow later."""
    line = json.dumps({"id": "e1", "at": "2026-03-02T09:00:00"} | fields)
    with pytest.raises(EventError) as caught:
        list(read_events([line], source="log.jsonl"))
    assert (caught.value.line, caught.value.field) == (1, field)
    assert words in str(caught.value) and len(str(caught.value)) < 300


def test_absurd_numbers_in_a_variant_are_refused_with_the_key() -> None:
    """A leave band up to 10²⁶ days (LV-1) or a deduction of a million points (TL-2)."""
    source = ("某镇制度", "第十二条", "……")
    band = cited("leave-approval", "LV-1", source, table=[{"up_to": 1e26, "approvers": ["主任"]}])
    with pytest.raises(VariantError, match=r"policies\[0\]\.table\[0\]\.up_to: Input should be less than or equal"):
        make_variant(band)
    points = cited("promised-limit", "TL-2", source, points=-(10**6))
    with pytest.raises(VariantError, match=r"policies\[0\]\.points: Input should be greater than or equal to -1000"):
        make_variant(points)


def numbers_of(schema: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every number or integer a JSON Schema declares, with its path."""
    found = []
    if isinstance(schema, dict):
        if schema.get("type") in ("number", "integer"):
            found.append((path, schema))
        for key, value in schema.items():
            found += numbers_of(value, f"{path}.{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += numbers_of(value, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("schema", [event_json_schema(), Variant.json_schema()], ids=["events", "variant"])
def test_every_number_a_log_or_a_variant_can_state_has_both_bounds(schema: dict[str, Any]) -> None:
    """The class, not the instance: a number field added without bounds fails here (core/bounds.py)."""
    numbers = numbers_of(schema)
    assert len(numbers) >= 10
    unbounded = [path for path, number in numbers
                 if not ({"minimum", "exclusiveMinimum"} & set(number)
                         and {"maximum", "exclusiveMaximum"} & set(number))]
    assert unbounded == []


@pytest.mark.parametrize("command", ["show", "lint"])
def test_a_variant_file_that_is_not_utf8_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    command: str) -> None:
    path = write(tmp_path, "latin.toml", 'name = "镇"'.encode("gb18030"))
    assert refused(capsys, command, path).endswith(
        "variant '" + path + "': not UTF-8 text (byte 0xd5 at offset 8): save it as UTF-8")


def test_a_schedule_file_that_is_not_utf8_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "2027.toml", b"\xff\xfe year = 2027")
    line = refused(capsys, "calendar", "add", "2026-12-30", "3", "--schedule", path)
    assert line == f"bianmin-rules: error: schedule {path}: not UTF-8 text (byte 0xff at offset 0): save it as UTF-8"


CHILD = '''extends = "county-centre"
name = "my-town"
title = "某镇便民服务中心"
source = {{ document = "某镇便民服务中心管理制度" }}
{line}
'''


@pytest.mark.parametrize(("line", "key", "words"), [
    ("policies = 5", "policies", "must be an array of tables"),
    ('policies = "all"', "policies", "must be an array of tables"),
    ("policies = [1]", "policies[0]", "must be a table"),
    ('policies = [["TL-1"]]', "policies[0]", "must be a table"),
    ('remove_policies = "TL-1"', "remove_policies", "must be an array of policy ids or rule IDs"),
    ("remove_policies = [1]", "remove_policies[0]", "must be a policy id or a rule ID"),
    ("extends = 5", "extends", "must name a variant or a file"),
])
@pytest.mark.parametrize("command", ["evaluate", "show", "diff", "lint"])
def test_a_child_variant_of_the_wrong_shape_is_refused_before_it_is_merged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, line: str, key: str, words: str, command: str,
) -> None:
    """``remove_policies = "TL-1"`` was read letter by letter; ``policies = 5`` crashed the merge."""
    text = CHILD.format(line=line)
    if line.startswith("extends"):
        text = text.replace('extends = "county-centre"\n', "")
    path = write(tmp_path, "town.toml", text)
    args = {"evaluate": ("evaluate", DEMO_LOG, "--variant", path, "--as-of", "2026-03-31"),
            "show": ("show", path), "lint": ("lint", path),
            "diff": ("diff", DEMO_LOG, "--variant", "county-centre", "--against", path, "--as-of", "2026-03-31")}
    number = text.splitlines().index(line) + 1
    expected = f"bianmin-rules: error: variant '{path}', line {number}: {key}: {words}"
    assert refused(capsys, *args[command]) == expected + (
        ', e.g. ["TL-1"]' if words.startswith("must be an array of policy") else
        ", written [[policies]]" if words.startswith("must be an array of tables") else
        " (a policy with its rule and parameters)" if words == "must be a table" else
        " (a string)")


@pytest.mark.parametrize(("text", "key"), [
    ('name = "x"\ntitle = "t"\nsource = { document = "d" }\ncase_types = { a = "b" }\npolicies = 5\n', "policies"),
    ('name = "x"\ntitle = "t"\nsource = { document = "d" }\ncase_types = { a = "b" }\npolicies = []\nrule = {}\n',
     "rule"),
])
def test_lint_reports_a_file_of_the_wrong_shape_as_findings_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, key: str,
) -> None:
    """Findings exit 1, bad input 2; a bug would exit 3 (an internal error), never 1."""
    status, out, err = cli(capsys, "lint", write(tmp_path, "town.toml", text))
    assert (status, err) == (EXIT_FINDINGS, "")
    assert re.search(rf"town\.toml:\d+: error: invalid: {key}: ", out)


def test_a_crash_is_an_internal_error_never_findings(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import bianmin_rules.cli.main as cli_main

    def broken(*args: object, **options: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_main, "lint_variant", broken)
    status, out, err = cli(capsys, "lint", "county-centre")
    assert (status, out) == (3, "")
    assert err.startswith("bianmin-rules: internal error: RuntimeError: a bug") and err.count("\n") == 1


@pytest.mark.parametrize(("name", "words"), [
    ("a" * 300, "no such built-in variant"),
    ("a" * 300 + ".toml", "cannot read the file (File name too long)"),
    ("town\x00.toml", "cannot read the file (the path contains a NUL character)"),
    ("town\x00", "no such built-in variant"),
])
def test_a_variant_name_that_no_file_can_have_is_refused(capsys: pytest.CaptureFixture[str], name: str,
                                                         words: str) -> None:
    assert words in refused(capsys, "evaluate", DEMO_LOG, "--variant", name, "--as-of", "2026-03-31")


@pytest.mark.parametrize("args", [("example", "a" * 300), ("test", "a" * 300), ("example", "../variants/town-basic")])
def test_a_built_in_name_that_no_file_can_have_is_refused(capsys: pytest.CaptureFixture[str],
                                                           args: tuple[str, ...]) -> None:
    """Built-in examples and case files are looked up by name, never as a path into the package."""
    assert "built-in variant" in refused(capsys, *args)


def test_an_event_file_with_a_nul_in_its_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, "evaluate", "log\x00.jsonl", *COUNTY_ARGS).endswith(
        "cannot read the file (the path contains a NUL character)")


@pytest.mark.parametrize(("args", "words"), [
    (("explain", DEMO_LOG, *COUNTY_ARGS, "--case", ""), "argument --case: an id cannot be empty"),
    (("generate", "--windows", "0"), "argument --windows: must be from 1 to 99, not 0"),
    (("generate", "--year", "0"), "cannot simulate 0: the calendar covers 2001-2031"),
    (("generate", "--events", "-5"), "argument --events: must be at least 1, not -5"),
    (("generate", "--events", "0"), "argument --events: must be at least 1, not 0"),
])
def test_arguments_out_of_range_are_refused(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                            words: str) -> None:
    """``generate --events 0`` wrote twenty thousand events; ``--windows 0`` and ``--year 0`` crashed."""
    status, out, err = cli(capsys, *args)
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert words in err and "Traceback" not in err


# -- wrong answers with exit status 0 ---------------------------------------------------------------


def test_tl2_a_completion_dated_before_its_receipt_is_refused(county: Variant) -> None:
    """TL-2: completed "before" it was received, a late case counted as done on time and its overdue verdict
    vanished. The completion contradicts the case's order: the error names it."""
    log = events(
        {"type": "case_completed", "case": "C1", "at": "2026-03-01T10:00", "window": "W1", "staff": "S1"},
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "W1", "staff": "S1",
         "case_type": "promised", "promised_limit": 5},
    )
    with pytest.raises(EvaluationError) as caught:
        evaluate(county, log, as_of=date(2026, 3, 31))
    assert str(caught.value) == (
        "event 'e1': dated before case 'C1' was received (event 'e2'); every event of it follows its receipt")


def test_reg6_materials_received_online_may_precede_the_receipt(county: Variant) -> None:
    """REG-6: the online system receives materials before the window receives the case; that order is real."""
    log = events(
        {"type": "materials_received_online", "case": "C1", "at": "2026-03-01T20:15", "items": ["身份证"]},
        {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "window": "W1", "staff": "S1",
         "case_type": "promised", "promised_limit": 5},
    )
    assert evaluate(county, log, as_of=date(2026, 3, 31)).events_read == 2


@pytest.mark.parametrize(("first", "then"), [
    ({"type": "inquiry_taken", "inquiry": "Q1", "window": "W1", "staff": "S1"},
     {"type": "inquiry_received", "inquiry": "Q1", "window": "W1", "staff": "S1", "channel": "in_person",
      "remit": "own"}),
    ({"type": "complaint_answered", "complaint": "K1", "staff": "S1", "form": "oral"},
     {"type": "complaint_received", "complaint": "K1", "staff": "S1", "form": "oral", "category": "ordinary"}),
])
def test_fir_cmp_an_answer_before_the_question_is_refused(county: Variant, first: dict[str, Any],
                                                          then: dict[str, Any]) -> None:
    """FIR-1, CMP-1: an inquiry taken, a complaint answered before it was received contradicts the log."""
    log = events(first | {"at": "2026-03-02T09:00"}, then | {"at": "2026-03-02T10:00"})
    with pytest.raises(EvaluationError, match=r"dated before .* was received"):
        evaluate(county, log, as_of=date(2026, 3, 31))


def test_sc5_lint_of_county_centre_without_its_lowest_band_is_not_clean(tmp_path: Path) -> None:
    """SC-5, TL-11: an accepted gap no longer hides a new one at the same key; an open gap is an error that no
    entry accepts, since evaluation may stop on it."""
    data = tomllib.loads(variant_text("county-centre")[0])
    table = data["scorecards"][0]["categories"][4]["items"][1]["rules"][0]["table"]
    table["bands"] = table["bands"][1:]  # "低于59%以下" removed
    report = lint_variant(write(tmp_path, "county.toml", tomli_w.dumps(data)))
    assert not report.clean
    open_gap = [f for f in report.unaccepted if f.code == "band-gap"]
    assert [(f.severity.value, f.which) for f in open_gap] == [("error", "[0, 60)")]


def test_an_accepted_finding_must_be_named_precisely(tmp_path: Path) -> None:
    """An entry that names the wrong gap accepts nothing: the gap stays visible, the entry is stale."""
    text = CHILD.format(line='''
[[lint.accept]]
code = "band-gap"
key = "scorecards[0].categories[5].items[1].rules[0].table"
which = ["[90, 91)", "(96, 97)"]
reason = "决定带补齐"
''')
    report = lint_variant(write(tmp_path, "town.toml", text))
    table = "scorecards[0].categories[5].items[1].rules[0].table"
    assert [(f.which, f.accepted is not None) for f in report.findings if f.key == table] == [
        ("[90, 91)", True), ("(95, 96)", False)]
    (stale,) = [f for f in report.findings if f.code == "stale-accept"]
    assert (stale.which, stale.line) == ("(96, 97)", 6)
    assert "which lint does not find; lint finds there: '[90, 91)', '(95, 96)'" in stale.message


def test_explain_of_a_subject_the_log_never_names_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """An empty story passed for a spotless one."""
    assert refused(capsys, "explain", DEMO_LOG, *COUNTY_ARGS, "--staff", "S-nobody") == (
        "bianmin-rules: error: no event of the log names staff 'S-nobody'")


# -- decided and documented (docs/errors.md, "Decisions") -------------------------------------------


def test_a_key_given_twice_in_an_event_line_counts_its_last_value() -> None:
    """As Python's json and JavaScript read it; refusing it would cost a fifth of the reading time."""
    line = event_line()[:-1] + ', "promised_limit": 7}'
    (event,) = read_events([line])
    assert event.promised_limit.amount == 7  # type: ignore[union-attr]


def test_a_key_given_twice_in_a_variant_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "town.toml", CHILD.format(line='name = "again"'))
    with pytest.raises(VariantError, match="not valid TOML: Cannot overwrite a value"):
        load_variant(path)


@pytest.mark.parametrize("option", [("--variant", "town-basic"), ("--as-of", "2026-03-30"),
                                    ("--format", "json", "--format", "csv")])
def test_an_option_given_twice_is_refused(capsys: pytest.CaptureFixture[str], option: tuple[str, ...]) -> None:
    """The last one silently won; ``--schedule``, which may be repeated, is the exception."""
    status, out, err = cli(capsys, "evaluate", DEMO_LOG, *COUNTY_ARGS, *option)
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert f"argument {option[0]}: given twice: give it once" in err


def test_an_unknown_rule_id_is_refused_by_evaluation_and_reported_once_by_lint(tmp_path: Path) -> None:
    text = CHILD.format(line='''
[[policies]]
id = "new"
kind = "promised-limit"
rule = "TL-99"
source = { document = "某镇制度", article = "第九条", quote = "……" }''')
    path = write(tmp_path, "town.toml", text)
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    assert str(caught.value).startswith(
        f"variant '{path}', line 9: policies[0].rule: 'TL-99' is not a rule of the catalogue; did you mean ")
    found = [(f.code, f.line) for f in lint_variant(path).unaccepted]
    assert found == [("unknown-rule", 9)]


def test_tl7_a_limit_over_the_statutory_cap_is_evaluated_as_written_and_lint_warns(tmp_path: Path) -> None:
    """TL-7: "最迟不超过三个工作日" caps the county's text; a township's own text may say 5 (README's example).
    Evaluation applies the 5 days; lint warns until the variant accepts it, naming the value."""
    text = CHILD.format(line='[[policies]]\nrule = "TL-7"\nlimit = 5')
    path = write(tmp_path, "town.toml", text)
    town = load_variant(path)
    assert next(p for p in town.policies if p.rule == "TL-7").limit.amount == 5  # type: ignore[attr-defined]
    (warning,) = lint_variant(path).unaccepted
    assert (warning.code, warning.severity.value, warning.which) == ("over-statutory-cap", "warning", "5个工作日")
    accepted = text + ('\n[[lint.accept]]\ncode = "over-statutory-cap"\nkey = "policies[5].limit"\n'
                       'which = ["5个工作日"]\nreason = "本镇制度第七条：五个工作日。"\n')
    (cap,) = [f for f in lint_variant(write(tmp_path, "town.toml", accepted)).findings if f.rule == "TL-7"]
    assert cap.accepted == "本镇制度第七条：五个工作日。"


# -- errors that say where --------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "field"), [
    ({"at": "1999-12-31T09:00:00"}, "at"),
    ({"at": "2100-01-01T09:00:00"}, "at"),
    ({"type": "receipt_notice_issued", "promised_date": "2000-12-31"}, "promised_date"),
])
def test_a_day_outside_the_years_of_events_names_the_line_and_field(fields: dict[str, Any], field: str) -> None:
    line = event_line(**fields)
    if "promised_date" in fields:
        line = json.dumps({"type": "receipt_notice_issued", "id": "e1", "at": "2026-03-02T09:00:00", "case": "C1",
                           "promised_date": fields["promised_date"]})
    with pytest.raises(EventError) as caught:
        list(read_events([line], source="log.jsonl"))
    assert (caught.value.line, caught.value.field) == (1, field)
    assert f"{FIRST_EVENT_YEAR}–{LAST_EVENT_YEAR}" in str(caught.value)


def test_a_schedule_error_names_the_file_and_line(tmp_path: Path) -> None:
    text = ('year = 2027\nsource = "国务院办公厅通知"\nholidays = []\n'
            "make_up_working_days = [\n  2027-01-03,\n  2027-01-04,\n]\n")
    number = 6  # 2027-01-04 is a Monday
    path = write(tmp_path, "2027.toml", text)
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    assert (caught.value.source, caught.value.line, caught.value.key) == (path, number, "make_up_working_days[1]")
    assert str(caught.value).startswith(f"schedule {path}:{number}: make_up_working_days[1]: 2027-01-04 is a Monday")


@pytest.mark.parametrize(("name", "content", "call", "error"), [
    ("log.jsonl", "\ufeff" + event_line() + "\n", lambda p: list(read_events(Path(p).read_bytes().split(b"\n"),
                                                                             source=p)), EventError),
    ("town.toml", "\ufeff" + CHILD.format(line=""), load_variant, VariantError),
    ("2027.toml", "\ufeffyear = 2027\n", load_schedule, ScheduleError),
])
def test_a_byte_order_mark_is_named(tmp_path: Path, name: str, content: str, call: Any,
                                    error: type[BianminError]) -> None:
    """It read as "not valid JSON at line 1 column 1"."""
    with pytest.raises(error, match=re.escape("starts with a byte-order mark (BOM): save it as UTF-8 without a BOM")):
        call(write(tmp_path, name, content))


def test_a_child_variants_error_names_the_authors_file_line_and_key(tmp_path: Path) -> None:
    """Not the merged index (policies[47]) of the variant as resolved."""
    text = CHILD.format(line='''
[[policies]]          # the county's TL-7, except:
rule = "TL-7"
limit = -5''')
    path = write(tmp_path, "town.toml", text)
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    error = caught.value
    assert (error.file, error.line, error.key) == (path, 8, "policies[0].limit.amount")
    assert str(error) == (f"variant '{path}', line 8: policies[0].limit.amount: "
                          "Input should be greater than or equal to 0")


def test_an_inherited_entry_is_named_in_the_parent_that_writes_it(tmp_path: Path) -> None:
    """The child changes nothing of the parent's entry that fails: the parent's file and line are named."""
    parent = CHILD.format(line='[[policies]]\nid = "mine"\nkind = "promised-limit"\nrule = "TL-2"\npoints = "x"\n'
                                'source = { document = "某镇制度", article = "第二条", quote = "……" }')
    write(tmp_path, "parent.toml", parent)
    path = write(tmp_path, "child.toml", 'extends = "parent.toml"\nname = "child"\n')
    with pytest.raises(VariantError) as caught:
        load_variant(path)
    parent_path = str(tmp_path / "parent.toml")
    assert (caught.value.file, caught.value.line, caught.value.key) == (parent_path, 9, "policies[0].points")


# -- API misuse -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "words"), [
    (lambda v: evaluate(v, [], as_of="2026-03-31"), r"as_of must be a datetime.date, e.g. date\(2026, 3, 31\)"),
    (lambda v: evaluate(v, None, as_of=date(2026, 3, 31)), "events must be an iterable of events"),
    (lambda v: evaluate(v, [None], as_of=date(2026, 3, 31)), r"events\[0\] must be an event \(EventBase\)"),
    (lambda v: evaluate("county-centre", [], as_of=date(2026, 3, 31)), "variant must be a Variant"),
    (lambda v: WorkCalendar.china().add_working_days(date(2026, 3, 2), 1.5),
     r"the number of working days must be an int, not float \(1.5\)"),
    (lambda v: WorkCalendar.china().add_working_days("2026-03-02", 1), "the day must be a datetime.date, not str"),
    (lambda v: WorkCalendar.china().is_working_day(datetime(2026, 3, 2)), "use as_china_time"),
    (lambda v: list(read_events([5])), "line 1 of <events> must be str or bytes, not int"),
    (lambda v: read_events(None), r"the lines of <events> must be an iterable of lines .*, not NoneType"),
    (lambda v: read_events('{"type": "signed_in"}'), r"the lines of <events> must be .*text.splitlines\(\)\), not str"),
    (lambda v: list(read_logs([("a.jsonl", None)])), "the lines of a.jsonl must be an iterable of lines"),
    (lambda v: load_variant(None), r"the variant must be a built-in name or a path \(str or Path\), not NoneType"),
])
def test_api_misuse_raises_a_type_error_saying_what_was_expected(county: Variant, call: Any, words: str) -> None:
    with pytest.raises(TypeError, match=words):
        call(county)


def test_a_none_among_the_events_is_not_skipped(county: Variant) -> None:
    """Its place in the stream is named: the events before it were read."""
    log = [*events({"type": "signed_in", "at": "2026-03-02T08:50", "window": "W1", "staff": "S1"}), None]
    with pytest.raises(TypeError, match=r"events\[1\] must be an event"):
        evaluate(county, log, as_of=date(2026, 3, 31))
