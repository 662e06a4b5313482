"""Reading JSON Lines event logs: streaming, time zones, and one precise error per bad line."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from bianmin_rules import CHINA_TZ, DuplicateEventError, EventError, read_events, read_logs
from bianmin_rules.families.cases.events import CaseReceived

RECEIVED = {"type": "case_received", "id": "e1", "at": "2026-03-02T09:00:00", "case": "C1", "case_type": "immediate"}


def line(**changes: object) -> str:
    return json.dumps({**RECEIVED, **changes}, ensure_ascii=False)


def first_error(*lines: str) -> EventError:
    with pytest.raises(EventError) as caught:
        list(read_events(lines, source="log.jsonl"))
    return caught.value


def test_reads_lines_of_text_or_bytes_and_skips_blank_lines() -> None:
    log = [line(), "", "   ", line(id="e2").encode()]
    assert [e.id for e in read_events(log)] == ["e1", "e2"]


def test_naive_timestamps_are_china_time_and_aware_ones_are_converted() -> None:
    """CAL-2: 09:00 naive is 09:00 in Asia/Shanghai; 01:00Z is 09:00 there too."""
    naive, aware = read_events([line(), line(id="e2", at="2026-03-02T01:00:00Z")])
    assert naive.at == aware.at == datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TZ)
    assert naive.at.utcoffset() == timedelta(hours=8)


def test_reading_streams() -> None:
    """An endless log yields its first events without reading the rest."""
    endless: Iterator[str] = (line(id=f"e{n}") for n in itertools.count())
    first_two = list(itertools.islice(read_events(endless), 2))
    assert [e.id for e in first_two] == ["e0", "e1"]
    assert isinstance(first_two[0], CaseReceived)


def test_bad_json_names_the_line() -> None:
    error = first_error(line(), '{"type": "case_received", ')
    assert (error.source, error.line, error.field) == ("log.jsonl", 2, None)
    assert str(error).startswith("log.jsonl:2: not valid JSON")


def test_unknown_event_type_lists_the_known_ones() -> None:
    error = first_error(line(type="case_recieved"))
    assert (error.line, error.field) == (1, "type")
    assert "unknown event type 'case_recieved'" in str(error) and "case_received" in str(error)


def test_missing_type() -> None:
    error = first_error(json.dumps({"id": "e1", "at": "2026-03-02T09:00:00"}))
    assert error.field == "type" and "missing" in error.message


def test_missing_field_is_named() -> None:
    data = dict(RECEIVED)
    del data["case_type"]
    error = first_error(json.dumps(data))
    assert str(error) == "log.jsonl:1: field 'case_type': missing: this field is required"


def test_invalid_field_says_what_was_expected() -> None:
    error = first_error(json.dumps({
        "type": "receipt_notice_issued", "id": "e1", "at": "2026-03-02T09:00", "case": "C1",
        "promised_date": "next week",
    }))
    assert error.field == "promised_date"
    assert "valid date" in error.message and "'next week'" in error.message


def test_nested_field_path() -> None:
    error = first_error(line(promised_limit={"amount": 5, "unit": "fortnights"}))
    assert error.field == "promised_limit.unit"


def test_unknown_field_is_refused() -> None:
    error = first_error(line(colour="red"))
    assert error.field == "colour" and "not a field" in error.message


def test_not_an_object() -> None:
    error = first_error("[1, 2]")
    assert error.line == 1 and "JSON object" in error.message


def test_duplicate_ids_name_the_second_line() -> None:
    with pytest.raises(DuplicateEventError) as caught:
        list(read_events([line(), line(case="C2"), line()], source="log.jsonl"))
    assert (caught.value.line, caught.value.event_id) == (2, "e1")


def test_a_duplicate_id_far_down_the_log_names_its_file_line_and_id() -> None:
    """The ids are checked once the last line is read, in batches: the error still names the second line."""
    first = [line(id=f"e{i}") for i in range(1, 5001)]
    second = [line(id=f"f{i}") if i != 7000 else line(id="e3") for i in range(1, 9001)]
    second[10:10] = ["", "  "]  # blank lines before it are counted in its line number
    with pytest.raises(DuplicateEventError) as caught:
        list(read_logs([("a.jsonl", first), ("b.jsonl", second)]))
    error = caught.value
    assert (error.source, error.line, error.event_id) == ("b.jsonl", 7002, "e3")


def test_a_bad_line_after_a_duplicate_id_is_reported_first() -> None:
    """The ids are checked once the log is read: a line that is not an event, further down, stops it before."""
    error = first_error(line(), line(), line(id="e3", case_type=7))
    assert not isinstance(error, DuplicateEventError) and (error.line, error.field) == (3, "case_type")


def test_duplicate_ids_across_files() -> None:
    with pytest.raises(DuplicateEventError) as caught:
        list(read_logs([("a.jsonl", [line()]), ("b.jsonl", [line()])]))
    assert str(caught.value).startswith("b.jsonl:1: event 'e1'")
