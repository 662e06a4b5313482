"""The mechanisms that keep a large log fast and small give the results the plain way gives.

Each test pins one mechanism (a memo, a shared object, an index) against the
straightforward computation it stands for; docs/performance.md says what each buys.
"""

from __future__ import annotations

import gc
import json
import pickle
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from bianmin_rules import (
    CHINA_TZ,
    Report,
    Verdict,
    as_china_time,
    evaluate,
    load_variant,
    read_event_files,
    read_events,
    trace_inquiry,
)
from bianmin_rules.core.deadlines import DeadlineTrace
from bianmin_rules.core.events import event_time
from bianmin_rules.core.policy import Context, Derived
from bianmin_rules.core.report import subject_totals
from bianmin_rules.core.verdicts import Subject
from bianmin_rules.core.words import Texts, Written, as_message, counted, joined, say, say_in, word
from bianmin_rules.families.cases.events import CaseCompleted, CaseReceived
from bianmin_rules.families.cases.ledger import CaseFile
from bianmin_rules.families.first_inquiry.events import InquiryReceived
from bianmin_rules.intake.files import DATA
from bianmin_rules.views import trace
from bianmin_rules.views.labels import Words
from bianmin_rules.views.whatif import Alike, Change, VerdictChange


def test_event_times_are_china_time_and_one_minute_is_one_object() -> None:
    """Events of the same minute share one datetime; each is the plain conversion's value."""
    first, second, utc = read_events([
        '{"type": "case_completed", "id": "e1", "at": "2026-03-02T09:00", "case": "C1"}',
        '{"type": "case_completed", "id": "e2", "at": "2026-03-02T09:00", "case": "C2"}',
        '{"type": "case_completed", "id": "e3", "at": "2026-03-02T01:00Z", "case": "C3"}',
    ])
    assert first.at is second.at
    assert first.at == as_china_time(datetime(2026, 3, 2, 9)) == utc.at
    assert utc.at.tzinfo is CHINA_TZ and utc.at.utcoffset() == timedelta(hours=8)


def test_the_second_of_two_equal_wall_clock_times_keeps_its_own_offset() -> None:
    """1986-09-14 01:30 happened twice in Asia/Shanghai (daylight saving ended at 02:00).

    The naive times with fold 0 and fold 1 compare equal, so a memo keyed on them alone
    would give the second the first's offset; each must convert on its own. No event may
    be dated in 1986 (the calendar starts in 2001): the event reader refuses it before it
    reaches the memo.
    """
    earlier = as_china_time(datetime(1986, 9, 14, 1, 30))
    later = as_china_time(datetime(1986, 9, 14, 1, 30, fold=1))
    assert earlier.utcoffset() == timedelta(hours=9)
    assert later.utcoffset() == timedelta(hours=8) and later.fold == 1
    for moment in (datetime(1986, 9, 14, 1, 30), datetime(1986, 9, 14, 1, 30, fold=1)):
        with pytest.raises(PydanticCustomError, match="2001–2099"):
            event_time(moment)
    assert event_time(datetime(2026, 9, 13, 17, 30, tzinfo=UTC)).utcoffset() == timedelta(hours=8)


def test_derived_values_are_computed_once_per_source_object() -> None:
    """Context.derived gives the derivation's value, computes it once per source, and tells equal sources apart."""
    calls: list[list[str]] = []

    def index(source: list[str]) -> list[str]:
        calls.append(source)
        return sorted(source)

    derived = Derived()
    books, equal_books = ["b", "a"], ["b", "a"]
    assert derived.of(books, index) == ["a", "b"]
    assert derived.of(books, index) is derived.of(books, index)
    assert derived.of(equal_books, index) == ["a", "b"]
    assert calls == [books, equal_books]
    assert Derived().of(books, index) == ["a", "b"] and len(calls) == 3  # nothing shared between contexts


def demo_report() -> Report:
    """The built-in example log of a county centre, evaluated under county-centre."""
    return evaluate(load_variant("county-centre"), read_event_files([DATA / "examples" / "county-centre.jsonl"]),
                    as_of=date(2026, 3, 31))


def case_files_alive() -> int:
    gc.collect()
    return sum(isinstance(o, CaseFile) for o in gc.get_objects())


def test_nothing_derived_outlives_the_evaluation() -> None:
    """No case index or inquiry chain keeps the books alive once evaluate has returned."""
    before = case_files_alive()
    report = demo_report()
    assert any(v.case for v in report.verdicts)
    assert case_files_alive() == before


def test_names_are_one_string_each_whether_read_from_json_or_built_in_python() -> None:
    """Windows, staff and case types repeat through a log: every event holds the same string object per name."""
    first, second = read_events([
        '{"type": "case_received", "id": "e1", "at": "2026-03-02T09:00", "case": "C1", "window": "W-1", '
        '"staff": "S-wang", "case_type": "promised"}',
        '{"type": "case_received", "id": "e2", "at": "2026-03-02T09:05", "case": "C2", "window": "W-1", '
        '"staff": "S-wang", "case_type": "promised"}',
    ])
    assert first.staff is second.staff and first.window is second.window
    assert isinstance(first, CaseReceived) and isinstance(second, CaseReceived)
    assert first.case_type is second.case_type
    built = CaseCompleted(id="e3", at=datetime(2026, 3, 2, 10), case="C1", staff="".join(["S-", "wang"]))
    assert built.staff is sys.intern("S-wang")


def test_verdicts_share_one_set_of_field_names_and_count_every_field_as_set() -> None:
    """A verdict from the engine holds no set of its own: all of them share their class's, with every field."""
    report = demo_report()
    first, second = report.verdicts[:2]
    assert first.model_fields_set is second.model_fields_set == set(Verdict.model_fields)
    traces = [v.deadline for v in report.verdicts if v.deadline is not None]
    assert traces and traces[0].model_fields_set == set(DeadlineTrace.model_fields)
    copied = first.model_copy(update={"message": "changed"})
    assert copied.explanation == "changed" and second.model_fields_set == set(Verdict.model_fields)
    read_back = Report.model_validate_json(report.model_dump_json())
    assert read_back == report and read_back.verdicts[0].model_fields_set is first.model_fields_set


def test_the_books_are_freed_before_the_collector_resumes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resumed with the books alive, the collector's next pass would scan all their objects (1M events: 1 s)."""
    alive_when_resumed: list[int] = []
    resume = gc.enable

    def enable() -> None:
        alive_when_resumed.append(sum(isinstance(o, CaseFile) for o in gc.get_objects()))
        resume()

    before = case_files_alive()
    monkeypatch.setattr(gc, "enable", enable)
    demo_report()
    assert alive_when_resumed == [before]


def test_tracing_an_inquiry_collects_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """``chain`` reads a whole log as evaluate does, and like it pauses the collector, then resumes it."""
    paused: list[bool] = []
    collect = trace.collect

    def watched(*args: Any, **kwargs: Any) -> Any:
        paused.append(not gc.isenabled())
        return collect(*args, **kwargs)

    monkeypatch.setattr(trace, "collect", watched)
    log = DATA / "examples" / "township.jsonl"
    inquiry = next(e.inquiry for e in read_event_files([log]) if isinstance(e, InquiryReceived))
    assert gc.isenabled()
    trace_inquiry(load_variant("county-centre"), read_event_files([log]), inquiry)
    assert paused == [True] and gc.isenabled()


def test_a_verdict_keeps_its_values_as_pydantic_would() -> None:
    """A verdict's values, in a dict sharing its names with the other verdicts', read, compare, copy, pickle and
    write as a model's own: in the order of its fields, the same JSON after a round trip, a restated copy
    differing in what was restated only."""
    report = demo_report()
    deadlines = [v for v in report.verdicts if v.deadline is not None]
    assert deadlines
    for verdict in [*report.verdicts[:20], *deadlines[:20]]:
        assert list(verdict.__dict__) == list(Verdict.model_fields)
        unpickled = pickle.loads(pickle.dumps(verdict))
        assert unpickled == verdict and unpickled.model_dump_json() == verdict.model_dump_json()
        read_back = Verdict.model_validate_json(verdict.model_dump_json())
        assert read_back == verdict and read_back.model_dump_json() == verdict.model_dump_json()
        restated = verdict.restated(variant="其他")
        assert restated.differing(verdict) == ("variant",) and restated.variant == "其他"
        assert json.loads(restated.model_dump_json()) == json.loads(verdict.model_dump_json()) | {"variant": "其他"}
        assert verdict.variant == "county-centre"
        copied = verdict.model_copy(update={"staff": "S-其他"})
        assert copied.staff == "S-其他" and copied.differing(verdict) == ("staff",)
    trace = deadlines[0].deadline
    assert trace is not None and list(trace.__dict__) == list(DeadlineTrace.model_fields)


def test_a_result_of_valid_values_is_the_one_validation_makes() -> None:
    """A what-if's changes are made of values taken from validated verdicts, without validating them again
    (``Result.of_valid``): the same model, defaults and JSON as validation gives; a missing field is refused."""
    verdict = demo_report().verdicts[0]
    given = {"change": Change.CHANGED, "rule": verdict.rule, "subject": verdict.subject, "case": verdict.case,
             "on": verdict.on, "before": verdict}
    made = VerdictChange.of_valid(**given)
    validated = VerdictChange(**given)
    assert made == validated and made.model_dump_json() == validated.model_dump_json()
    assert list(made.__dict__) == list(VerdictChange.model_fields) and made.fields == () and made.after is None
    assert pickle.loads(pickle.dumps(made)) == validated
    with pytest.raises(TypeError, match="on"):
        VerdictChange.of_valid(**{name: value for name, value in given.items() if name != "on"})


def test_verdicts_made_like_another_are_those_validation_makes() -> None:
    """A ladder's later verdicts on a rung are made like its first (``PolicyBase.verdict_like``): each is the
    verdict ``verdict`` builds and validates from the same values, and one on a day of a year without an
    official calendar is provisional (CAL-3)."""
    county = load_variant("county-centre")
    ladder = next(p for p in county.policies if p.rule == "ESC-2")
    report = demo_report()
    found = [v for v in report.verdicts if v.rule == "ESC-2"]
    assert len({v.sanction for v in found}) < len(found)  # some rung reached more than once
    context = Context(variant=report.variant, calendar=county.calendar(None).allowing_provisional(),
                      as_of=report.as_of)
    first = found[0]
    for verdict in found:
        values = {name: getattr(verdict, name) for name in ("subject", "on", "quantity", "occurrences", "evidence",
                                                            "case", "inquiry", "complaint", "window", "staff")}
        plain_way = ladder.verdict(context, kind=verdict.kind, explanation=verdict.message, sanction=verdict.sanction,
                                   fine=verdict.fine, bonus_share=verdict.bonus_share, **values)
        assert plain_way == verdict
        if verdict.sanction == first.sanction:
            assert ladder.verdict_like(first, context, message=verdict.message, **values) == verdict
    later = ladder.verdict_like(first, context, on=date(2027, 1, 4))
    assert later.provisional and not first.provisional and later.on == date(2027, 1, 4)


def test_words_many_verdicts_say_alike_read_as_words_said_once() -> None:
    """Words without arguments, and counts with nothing else, read the same however often said, each count in its
    own plural form: 1 working day, 3 working days (TL-1's 当天, TL-2's promised limits)."""
    english = Words("en")
    for _ in range(2):
        assert [english(counted("{n}个工作日", n=n)) for n in (1, 3, 1)] == [
            "1 working day", "3 working days", "1 working day"]
        assert [str(counted("{n}个工作日", n=n)) for n in (1, 3)] == ["1个工作日", "3个工作日"]
        assert english(say("当天")) == "the same day" and str(say("当天")) == "当天"
        assert english(as_message("受理之日")) == english(word("受理之日")) == "the day of acceptance"
    assert english(say_in("register act", "汇总")) == "summarised" and english(say("汇总")) == "Totals"
    message = say_in("register act", "汇总")
    assert message.context == "register act" and not message.counted and counted("{n}周", n=2).counted


def test_texts_written_once_are_the_texts_words_write() -> None:
    """A what-if compares the sentences of changed verdicts by their Chinese texts, each part written once
    (``Texts``): the texts are ``str()``'s, and words are alike exactly when they are equal."""
    period = say("{year}年内", year=2026)
    listing = joined([say("{on}（{rule}）", on=date(2026, 3, 2), rule="TL-7"), counted("{n}个工作日", n=3)])
    sentences = [
        say("{within}第{n}次：此前{listing}，扣{points}分。", within=period, n=n, listing=listing,
            points=Decimal(points))
        for n, points in ((2, "1.0"), (3, "1"), (2, "1"))
    ]
    texts = Texts()
    assert [texts.text(s) for s in sentences] == [str(s) for s in sentences]
    assert texts.text(say_in("register act", "汇总")) == "汇总"
    assert [texts.same(sentences[0], other) for other in sentences] == [True, False, True]
    alike = Alike()
    assert [alike(sentences[0], other) for other in sentences] == [s == sentences[0] for s in sentences]
    assert [alike(sentences[0], other) for other in sentences] == [True, False, True]
    assert alike(Decimal("1.0"), Decimal(1)) and not alike(period, "2026年")


PIECES = st.sampled_from(["", "1", "12", "2", 1, 12, Decimal("1.0"), Decimal(2), date(2026, 1, 2)])
TEMPLATES = ("{a}{b}", "{a}、{b}", "第{a}次{b}", "{b}{a}", "{a}{a}", "{a:>3}{b}")
WORDS = st.recursive(PIECES, lambda inner: st.one_of(
    st.builds(lambda template, a, b: say(template, a=a, b=b), st.sampled_from(TEMPLATES), inner, inner),
    st.builds(joined, st.lists(inner, max_size=3), st.sampled_from(["、", ""])),
), max_leaves=5)


@settings(max_examples=max(500, settings.default.max_examples))  # small words: the draws must meet
@given(WORDS, WORDS)
def test_sentences_told_apart_part_by_part_are_told_apart_as_their_texts(first: Any, second: Any) -> None:
    """``Texts.same`` tells two sentences of one message id apart at their first differing part: exactly when
    their texts differ, where one part's text begins another's too (``{a}{b}`` of ``1``, ``2`` and of ``12``,
    ``""``)."""
    first, second = (w if isinstance(w, Written) else say("{a}", a=w) for w in (first, second))  # words, not a value
    texts = Texts()
    assert texts.same(first, second) == (texts.text(first) == texts.text(second)) == (first == second)
    assert texts.text(first) == str(first)


def test_totals_of_equal_subjects_held_apart_are_one_subjects_totals() -> None:
    """Totals are summed per subject object first: equal subjects that are other objects still make one total."""
    report = demo_report()
    apart = [v.model_copy(update={"subject": Subject(kind=v.subject.kind, id=v.subject.id)}) if n % 2 else v
             for n, v in enumerate(report.verdicts)]
    assert subject_totals(apart) == report.totals
    assert len({id(v.subject) for v in apart}) > len({id(v.subject) for v in report.verdicts})
