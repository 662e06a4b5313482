"""CMP-7 (town-conduct-100 投诉制度 3: "对投诉人及投诉事项予以保密"; 社区便民服务工作制度 三: "严格保密制度").

The complainant's name and phone and the content of a complaint are accepted as input
and never appear in any output: verdicts, every report format, the chain printout, the
command line, and error messages.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bianmin_rules import (
    EVENT_ADAPTER,
    BianminError,
    EvaluationError,
    EventError,
    Report,
    ReportDiff,
    Subject,
    SubjectKind,
    Variant,
    diff,
    evaluate,
    read_events,
    report_tables,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_scorecards_csv,
    to_xlsx,
)
from bianmin_rules.cli.main import main
from bianmin_rules.intake.jsonl import describe
from bianmin_rules.intake.mappings import Mapping
from bianmin_rules.intake.registers import import_rows
from bianmin_rules.views.csv_files import write_csv_files
from bianmin_rules.views.explain import explain
from bianmin_rules.views.render import render_diff, render_explanation
from bianmin_rules.views.trace import render_trace, trace_inquiry
from tests.conftest import events, make_variant, run

NAME, PHONE, CONTENT = "钟秀兰", "13912345678", "窗口人员态度恶劣拒不办理"
SECRETS = (NAME, PHONE, CONTENT)

CITE = {"document": "便民服务中心管理制度 3 投诉制度", "article": "3", "quote": "对投诉人及投诉事项予以保密"}

VARIANT_POLICIES = (
    {"kind": "complaint-answer", "rule": "CMP-1", "source": CITE, "limit": {"unit": "next_day"}},
    {"kind": "complaint-tracking", "rule": "CMP-4", "source": CITE},
    {"kind": "complaint-reply-form", "rule": "CMP-5", "source": CITE},
    {"kind": "major-complaint-escalation", "rule": "CMP-6", "source": CITE},
    {"kind": "verified-complaint", "rule": "CMP-8", "source": CITE, "charge": ["staff", "window"]},
    {"kind": "first-inquiry-guidance", "rule": "FIR-2", "source": CITE},
)


def complaint_rows(name: str = NAME, phone: str = PHONE, content: str = CONTENT) -> list[dict[str, Any]]:
    secret = {"complainant_name": name, "complainant_phone": phone, "content": content}
    return [
        {"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S-li", "channel": "in_person",
         "remit": "own"},
        {"type": "complaint_received", "complaint": "K1", "at": "2026-03-02T10:00", "staff": "S-he",
         "form": "written", "category": "major", "about_staff": "S-li", "about_window": "W-market",
         "inquiry": "Q1", **secret},
        {"type": "complaint_received", "complaint": "K2", "at": "2026-03-02T11:00", "staff": "S-he",
         "form": "phone", **secret},
        {"type": "complaint_answered", "complaint": "K1", "at": "2026-03-05T10:00", "staff": "S-he", "form": "oral"},
        {"type": "complaint_delay_explained", "complaint": "K2", "at": "2026-03-03T10:00", "staff": "S-he"},
        {"type": "complaint_investigated", "complaint": "K1", "at": "2026-03-06T10:00", "staff": "S-li",
         "window": "W-market", "upheld": True},
    ]


def assert_secret(text: str, secrets: tuple[str, ...] = SECRETS) -> None:
    for secret in secrets:
        assert secret not in text


def test_cmp7_the_events_accept_the_identity_and_do_not_show_it() -> None:
    """CMP-7: the value is accepted (a centre passes its register as it is) but left out of repr and str."""
    event = EVENT_ADAPTER.validate_python({"id": "k1", **complaint_rows()[1]})
    assert event.complainant_name == NAME  # type: ignore[union-attr]
    assert_secret(repr(event) + str(event) + repr([event]))


def test_cmp7_no_report_format_reveals_the_complainant() -> None:
    """CMP-7: verdicts of every complaint rule, in Markdown, JSON and CSV, never name the complainant."""
    report = run(make_variant(*VARIANT_POLICIES), events(*complaint_rows()), "2026-03-31")
    assert {v.rule for v in report.verdicts} >= {"CMP-1", "CMP-4", "CMP-5", "CMP-6", "CMP-8"}
    for text in (to_markdown(report), to_json(report), to_csv(report), repr(report)):
        assert_secret(text)


def test_cmp7_the_chain_printout_lists_the_complaint_without_the_complainant() -> None:
    """CMP-7: the chain of the inquiry the complaint arose from shows the complaint, not who made it."""
    trace = trace_inquiry(make_variant(*VARIANT_POLICIES), events(*complaint_rows()), "Q1", as_of=date(2026, 3, 31))
    text = render_trace(trace)
    assert "投诉 K1：2026-03-02 受理，被投诉 W-market S-li，2026-03-05 答复" in text
    assert_secret(text + repr(trace))


@pytest.mark.parametrize("staff", ["S-li", "S-he"])
def test_cmp7_the_story_of_the_staff_complained_about_or_receiving(staff: str) -> None:
    """CMP-7: `explain` shows the complaint events of a staff member without the complainant."""
    story = explain(make_variant(*VARIANT_POLICIES), events(*complaint_rows()),
                    subject=Subject(kind=SubjectKind.STAFF, id=staff), as_of=date(2026, 3, 31))
    assert any("K1" in step.text for step in story.steps)
    for fmt in ("markdown", "json"):
        assert_secret(render_explanation(story, fmt))


def test_cmp7_errors_never_quote_a_confidential_value() -> None:
    """CMP-7: a bad complainant field is named, its value is not."""
    line = json.dumps({"id": "k1", **complaint_rows()[1], "complainant_phone": 13912345678}, ensure_ascii=False)
    with pytest.raises(EventError) as caught:
        list(read_events([line], source="complaints.jsonl"))
    assert caught.value.field == "complainant_phone"
    assert "confidential" in str(caught.value)
    assert_secret(str(caught.value))


def test_cmp7_errors_about_other_fields_of_the_line_do_not_quote_them_either() -> None:
    """CMP-7: an error about any field of a complaint line names the field and what was expected, never the value.

    A register's column may be shifted: the complainant's name can stand in `form`.
    """
    line = json.dumps({"id": "k1", **complaint_rows()[1], "form": NAME}, ensure_ascii=False)
    with pytest.raises(EventError) as caught:
        list(read_events([line]))
    assert caught.value.field == "form" and "Input should be 'oral', 'phone' or 'written'" in str(caught.value)
    assert_secret(str(caught.value))


def test_cmp7_a_line_of_another_type_still_quotes_its_bad_value() -> None:
    """Outside complaint lines, an error quotes the value it rejects, as a reader needs it."""
    line = json.dumps({"id": "q1", **complaint_rows()[0], "channel": "fax"})
    with pytest.raises(EventError) as caught:
        list(read_events([line]))
    assert caught.value.field == "channel" and "(got 'fax')" in str(caught.value)


@pytest.mark.parametrize("field", ["id", "complaint", "staff", "window", "about_staff", "about_window", "inquiry",
                                   "centre"])
def test_cmp7_a_complaint_line_holding_the_name_in_another_field_is_refused(field: str) -> None:
    """CMP-7 "对投诉人及投诉事项予以保密": the complainant's name typed into a field the library shows
    (a shifted column) would be printed as an id or a staff member: the line is refused, naming the field."""
    row = {"id": "k1", **complaint_rows()[1], field: f"{NAME}-1"}
    with pytest.raises(EventError) as caught:
        list(read_events([json.dumps(row, ensure_ascii=False)], source="register.jsonl"))
    assert caught.value.field == field
    assert "holds the text of the confidential field 'complainant_name'" in str(caught.value)
    assert_secret(str(caught.value))


def test_cmp7_an_unknown_type_on_a_complaint_line_is_not_quoted() -> None:
    """CMP-7: the name shifted into `type` makes an unknown type; the error does not repeat it."""
    line = json.dumps({"id": "k1", **complaint_rows()[1], "type": NAME}, ensure_ascii=False)
    with pytest.raises(EventError) as caught:
        list(read_events([line]))
    assert caught.value.field == "type"
    assert str(caught.value).startswith("<events>:1: field 'type': unknown event type;")
    assert_secret(str(caught.value))


def test_cmp7_pydantic_errors_of_the_event_adapter_hide_their_input() -> None:
    """CMP-7: a system validating events itself gets errors that do not print the rejected value."""
    with pytest.raises(ValidationError) as caught:
        EVENT_ADAPTER.validate_python({"id": "k1", **complaint_rows()[1], "category": NAME})
    assert_secret(str(caught.value))


def test_cmp7_an_error_about_a_whole_line_does_not_quote_the_line() -> None:
    """CMP-7: an error about an event as a whole (its input is every field of the line) quotes nothing."""
    line = {"id": "k1", **complaint_rows()[1]}
    error: Any = {"type": "value_error", "loc": ("complaint_received",), "msg": "Value error, inconsistent",
                  "input": line}
    assert describe(error) == (None, "Value error, inconsistent")


def test_cmp7_evaluation_errors_do_not_name_the_complainant() -> None:
    """CMP-7: a complaint received twice is an error naming the complaint and the event, nothing more."""
    rows = complaint_rows()
    with pytest.raises(EvaluationError) as caught:
        run(make_variant(*VARIANT_POLICIES), events(rows[1], rows[1]), "2026-03-31")
    assert "complaint 'K1' is received twice" in str(caught.value)
    assert_secret(str(caught.value))


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_cmp7_command_line_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    """CMP-7: `evaluate` in every format and `chain` print no identity."""
    variant_file = tmp_path / "variant.toml"
    variant_file.write_text(variant_toml(), encoding="utf-8")
    log = tmp_path / "events.jsonl"
    log.write_text("\n".join(json.dumps({"id": f"e{i}", **row}, ensure_ascii=False)
                             for i, row in enumerate(complaint_rows())), encoding="utf-8")
    assert main(["evaluate", str(log), "--variant", str(variant_file), "--as-of", "2026-03-31", "--format", fmt]) == 0
    assert main(["chain", str(log), "--inquiry", "Q1", "--variant", str(variant_file)]) == 0
    out, err = capsys.readouterr()
    assert "CMP-8" in out and "首问责任人：S-li" in out
    assert_secret(out + err)


def test_cmp7_command_line_error_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """CMP-7: the one error line of the command line names the field, not the value."""
    log = tmp_path / "events.jsonl"
    log.write_text(json.dumps({"id": "k1", **complaint_rows()[1], "complainant_name": [NAME]}, ensure_ascii=False),
                   encoding="utf-8")
    assert main(["evaluate", str(log), "--variant", "county-centre", "--as-of", "2026-03-31"]) == 2
    _, err = capsys.readouterr()
    assert "field 'complainant_name'" in err
    assert_secret(err)


def variant_toml(*replacing: dict[str, Any]) -> str:
    """The test variant as a file; ``replacing`` puts other policies in place of the first (the answer limit)."""
    lines = ['name = "confidential"', 'title = "测试"', 'source = { document = "test" }',
             "[case_types]", 'immediate = "即办件"']
    for table in (*replacing, *VARIANT_POLICIES[len(replacing):]):
        lines.append("[[policies]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in table.items()
                  if not isinstance(value, dict)]
        lines += [f"{key} = {{ {', '.join(f'{k} = {json.dumps(v, ensure_ascii=False)}' for k, v in value.items())} }}"
                  for key, value in table.items() if isinstance(value, dict)]
    return "\n".join(lines) + "\n"


HANGUL = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=2, max_size=8)
PHONES = st.from_regex(r"\A1[3-9]\d{9}\Z")

RECEIVED = (1, 2)
"""The rows of complaint_rows() that receive a complaint: they hold the identities."""

PLACES = [(row, field) for row in RECEIVED for field in (*complaint_rows()[row], "id", "centre")] + [
    (row, field) for row in (3, 4, 5) for field in (*complaint_rows()[row], "id")
] + [(4, "new_date")]
"""Every field of every complaint line (and the fields a line may leave out)."""

HOW = ("whole", "prefix", "suffix", "list", "number")
"""How an identity is placed: as the value, inside it, as a list, or as a JSON number."""


def placed(identity: str, how: str, value: object) -> object:
    """``identity`` put into a field whose value was ``value``."""
    if how == "whole":
        return identity
    if how == "prefix":
        return f"{identity}{value if isinstance(value, str) else ''}"
    if how == "suffix":
        return f"{value if isinstance(value, str) else 'x'}-{identity}"
    if how == "list":
        return [identity]
    return int(identity) if identity.isdigit() else {"value": identity}


def everything_printed(variant_file: Path, log: Path, variant: Any) -> list[str]:
    """Every output of the library on ``log``: each report format, scorecards, stories, the chain, a comparison,
    and the command line's output and error stream for each command; or the error raised."""
    texts: list[str] = []
    try:
        with log.open("rb") as handle:
            rows = list(read_events(handle, source=str(log)))
        as_of = date(2026, 3, 31)
        report = evaluate(variant, rows, as_of=as_of)
        stricter = evaluate(make_variant(*VARIANT_POLICIES[1:], STRICT), rows, as_of=as_of)
        texts += [to_markdown(report), to_json(report), to_csv(report), to_scorecards_csv(report), repr(report),
                  to_html(report, variant=variant), workbook_text(report, variant)]
        comparison = diff(report, stricter)
        texts += [render_diff(comparison, fmt) for fmt in ("markdown", "json", "csv")]
        texts += [to_html(comparison, lang="en"), workbook_text(comparison, None)]
        for subject in (Subject(kind=SubjectKind.STAFF, id="S-he"), Subject(kind=SubjectKind.STAFF, id="S-li"),
                        Subject(kind=SubjectKind.WINDOW, id="W-market")):
            story = explain(variant, rows, subject=subject, as_of=as_of)
            texts += [render_explanation(story, fmt) for fmt in ("markdown", "json")] + [to_html(story)]
        texts.append(render_trace(trace_inquiry(variant, rows, "Q1", as_of=as_of)))
        for path in write_csv_files(report_tables(report, variant), variant_file.parent / "tables"):
            texts.append(path.read_text(encoding="utf-8-sig"))
    except BianminError as exc:
        texts.append(str(exc))
    strict_file = variant_file.with_name("strict.toml")
    strict_file.write_text(variant_toml(STRICT), encoding="utf-8")
    common = ["--variant", str(variant_file), "--as-of", "2026-03-31"]
    page = variant_file.with_name("report.html")
    commands = [
        *(["evaluate", str(log), *common, "--format", fmt] for fmt in ("markdown", "json", "csv")),
        ["evaluate", str(log), *common, "--format", "html", "-o", str(page)],
        ["chain", str(log), "--inquiry", "Q1", "--variant", str(variant_file)],
        ["explain", str(log), *common, "--staff", "S-he"],
        ["explain", str(log), *common, "--window", "W-market", "--format", "json"],
        *(["diff", str(log), *common, "--against", str(strict_file), "--format", fmt]
          for fmt in ("markdown", "json", "csv")),
    ]
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
        assert status in (0, 2), argv
        texts += [out.getvalue(), err.getvalue()]
    if page.exists():
        texts.append(page.read_text(encoding="utf-8"))
    return texts


def workbook_text(model: Report | ReportDiff, variant: Variant | None) -> str:
    """Every string an Excel workbook of ``model`` holds: the XML of its sheets and shared strings."""
    buffer = io.BytesIO()
    to_xlsx(model, buffer, variant=variant)
    with zipfile.ZipFile(buffer) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))


STRICT = {"kind": "complaint-answer", "rule": "CMP-1", "source": CITE, "limit": {"unit": "same_day"}}
"""A stricter answer limit, the other side of a comparison."""


@pytest.mark.parametrize(("row", "field"), PLACES)
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HANGUL, phone=PHONES, content=HANGUL, which=st.sampled_from(("name", "phone", "content")),
       how=st.sampled_from(HOW))
def test_cmp7_property_no_output_or_error_contains_an_identity_wherever_it_stands(
    row: int, field: str, name: str, phone: str, content: str, which: str, how: str,
) -> None:
    """CMP-7 ("对投诉人及投诉事项予以保密", town-conduct-100 投诉制度 3), for any name, phone and content,
    placed in any field of a complaint line — as its value, inside it, as a list or a number, making
    the line good or bad: no report format, scorecard, story, chain, comparison, command-line
    output or error contains any of them.

    Identities stand on the lines of the complaints they belong to (the received complaints
    hold them in their confidential fields); on another complaint line (an answer, an
    explanation, an investigation) they are placed only where they make the line bad: a good
    line of another complaint carries no identity the library could know.
    """
    identity = {"name": name, "phone": phone, "content": content}[which]
    rows = [{"id": f"e{i}", **r} for i, r in enumerate(complaint_rows(name, phone, content))]
    rows[row][field] = placed(identity, how, rows[row].get(field))
    if row not in RECEIVED:
        try:
            EVENT_ADAPTER.validate_python(rows[row])
        except ValidationError:
            pass
        else:
            assume(False)  # a good line of another kind: it holds no identity of its own
    variant = make_variant(*VARIANT_POLICIES)
    with tempfile.TemporaryDirectory() as folder:
        variant_file, log = Path(folder) / "variant.toml", Path(folder) / "events.jsonl"
        variant_file.write_text(variant_toml(), encoding="utf-8")
        log.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
        for text in everything_printed(variant_file, log, variant):
            assert_secret(text, (name, phone, content))


REGISTER_HEADER = ["投诉编号", "登记时间", "方式", "投诉人", "电话", "内容", "被投诉人", "受理窗口", "受理人"]
REGISTER_MAPPING = Mapping(kind="events", type="complaint_received", columns={
    "complaint": "投诉编号", "at": "登记时间", "form": "方式", "complainant_name": "投诉人",
    "complainant_phone": "电话", "content": "内容", "about_staff": "被投诉人", "window": "受理窗口", "staff": "受理人",
}, values={"form": {"来信": "written", "来电": "phone", "来访": "oral"}})


@settings(max_examples=40, deadline=None)
@given(name=HANGUL, phone=PHONES, content=HANGUL, which=st.sampled_from(("name", "phone", "content")),
       column=st.integers(0, len(REGISTER_HEADER) - 1), how=st.sampled_from(("whole", "prefix", "suffix")))
def test_cmp7_property_a_complaint_register_never_quotes_an_identity(
    name: str, phone: str, content: str, which: str, column: int, how: str,
) -> None:
    """CMP-7, for a complaint register imported from a spreadsheet (`bianmin-rules import` with a mapping): any
    name, phone or content put in any cell — a column shifted — is in no problem the import reports, and a row
    accepted holds it only in a confidential field."""
    identity = {"name": name, "phone": phone, "content": content}[which]
    row: list[object] = ["K-1", "2026-03-02 10:00", "来信", name, phone, content, "S-li", "W-complaints", "S-he"]
    row[column] = str(placed(identity, how, row[column]))
    intake = import_rows([REGISTER_HEADER, row], REGISTER_MAPPING, sheet="投诉登记")
    assert_secret(" ".join(map(str, intake.problems)), (name, phone, content))
    for event in intake.events:
        assert_secret(repr(event), (name, phone, content))
