"""Facts read back from the books say what the events filed said, field by field (the ledgers' mapping)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules.authoring.testing import events
from bianmin_rules.core.facts import DistinctIds, Texts
from bianmin_rules.families.cases.ledger import STEP_OF_EVENT as CASE_STEPS
from bianmin_rules.families.cases.ledger import CaseLedger
from bianmin_rules.families.first_inquiry.ledger import STEP_OF_EVENT as INQUIRY_STEPS
from bianmin_rules.families.first_inquiry.ledger import InquiryLedger


def filed_as(step: Any, event: Any, kind: type) -> None:
    """``step`` is the fact ``kind`` and each of its fields holds the event's value of that name (``event``: its id)."""
    assert type(step) is kind
    for field in fields(step):
        assert getattr(step, field.name) == getattr(event, "id" if field.name == "event" else field.name), field.name


@settings(max_examples=60, deadline=None)
@given(st.lists(events(*CASE_STEPS), min_size=1, max_size=8))
def test_every_case_event_is_read_back_from_its_case_file_as_filed(log: list[Any]) -> None:
    """Each case event, in a case of its own, is one step of that case's file whose fields are the event's;
    the file's receipt, completion and closing step are those steps where the event was one, built again from
    the book's columns equal to the step filed, and what the file keeps of them is theirs."""
    log = [event.model_copy(update={"id": f"e{i}", "case": f"C{i}"}) for i, event in enumerate(log)]
    ledger = CaseLedger(None)
    for event in log:
        ledger.record(event)
    files = ledger.close()
    assert list(files) == sorted(f"C{i}" for i in range(len(log)))
    for event in log:
        file = files[event.case]
        (step,) = file.steps
        filed_as(step, event, CASE_STEPS[type(event)])
        assert file.case == event.case
        assert (file.receipt == step) == (type(step).__name__ == "Receipt")
        assert file.has(type(step)) and file.of(type(step)) == (step,) and file.first(type(step)) == step
        receipt = file.receipt
        assert file.received == (receipt.at if receipt else None)
        assert (file.window, file.staff, file.case_type, file.promised_limit) == (
            (receipt.window, receipt.staff, receipt.case_type, receipt.promised_limit) if receipt else (None,) * 4)
        assert file.completed == (file.completion.at if file.completion else None)
        assert file.closed_at == (file.closed.at if file.closed else None)


@settings(max_examples=60, deadline=None)
@given(st.lists(events(*INQUIRY_STEPS), min_size=1, max_size=8))
def test_every_inquiry_event_is_read_back_from_its_inquiry_file_as_filed(log: list[Any]) -> None:
    """Each inquiry event, in an inquiry of its own, is the one step of that inquiry's file, field by field;
    the file's first question is that step where the event was one, built again from the book's columns, and
    the steps of its kind are that step alone."""
    log = [event.model_copy(update={"id": f"e{i}", "inquiry": f"Q{i}"}) for i, event in enumerate(log)]
    ledger = InquiryLedger()
    for event in log:
        ledger.record(event)
    files = ledger.close()
    for event in log:
        file = files[event.inquiry]
        (step,) = file.steps
        filed_as(step, event, INQUIRY_STEPS[type(event)])
        assert (file.asked == step) == (type(step).__name__ == "Asked")
        assert file.inquiry == event.inquiry and file.kinds == (type(step),) and file.of(type(step)) == (step,)


@settings(max_examples=60, deadline=None)
@given(st.sets(st.text(max_size=6)), st.text(max_size=6))
def test_a_table_of_texts_finds_each_text_it_holds_and_no_other(texts: set[str], other: str) -> None:
    """A table built from sorted texts gives them back in order and finds each at its place, and nothing else."""
    ordered = sorted(texts)
    table = Texts.of(ordered)
    assert len(table) == len(ordered) and list(table) == ordered
    assert [table.find(text) for text in ordered] == list(range(len(ordered)))
    assert table.find(other) == (ordered.index(other) if other in texts else None)


class FewSlots(DistinctIds):
    """Eight slots: different ids share slots, so the candidates are compared as text."""

    _MASK = 7


def finds_the_first_repeat_as_a_set_would(ids: list[str], batch: int, few: bool) -> None:
    """The ids noted ``batch`` at a time: the first repeat found is a set's, and every id is kept as noted."""
    seen: set[str] = set()
    expected = next((place for place, ident in enumerate(ids) if ident in seen or seen.add(ident)), None)
    check = FewSlots() if few else DistinctIds()
    for ident in ids:
        check.pending.append(ident)
        if len(check.pending) == batch:
            check.flush()
    assert len(check) == len(ids)
    assert check.first_repeat() == expected
    assert [check[place] for place in range(len(ids))] == ids


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab1", max_size=3), max_size=40), st.integers(1, 6), st.booleans())
def test_distinct_ids_find_the_first_repeat_as_a_set_would(ids: list[str], batch: int, few: bool) -> None:
    finds_the_first_repeat_as_a_set_would(ids, batch, few)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="ab1", max_size=4), max_size=30), st.lists(st.text(alphabet="ab1", max_size=3),
       max_size=20), st.integers(1, 6), st.booleans())
def test_distinct_ids_that_rise_then_do_not_find_the_first_repeat_as_a_set_would(
    rising: set[str], rest: list[str], batch: int, few: bool,
) -> None:
    """A log numbered in order, then not: the ids taken in while they rose are checked with those after."""
    finds_the_first_repeat_as_a_set_would([*sorted(rising), *rest], batch, few)
