"""Properties of whole evaluations, over logs and variants drawn by the shipped strategies."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bianmin_rules import EVENT_ADAPTER, EvaluationError, Event, Report, Variant, evaluate, evaluate_all, load_variant
from bianmin_rules.authoring.testing import event_logs, events, official_datetimes, perturbed, variants
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.views.render import render, render_diff_pieces, render_pieces
from bianmin_rules.views.whatif import diff

AS_OF = date(2026, 12, 31)
COUNTY = load_variant("county-centre")


@given(event_logs(), st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_order_of_events(log: list[Event], rnd: random.Random) -> None:
    shuffled = log[:]
    rnd.shuffle(shuffled)
    assert evaluate(COUNTY, shuffled, as_of=AS_OF) == evaluate(COUNTY, log, as_of=AS_OF)


@given(event_logs(), st.integers(min_value=0, max_value=40))
def test_splitting_the_log_changes_nothing(log: list[Event], cut: int) -> None:
    """A log split into two files and read one after the other is the same log."""
    assert evaluate(COUNTY, log[cut:] + log[:cut], as_of=AS_OF) == evaluate(COUNTY, log, as_of=AS_OF)


@given(st.data())
def test_reports_round_trip_through_json_and_never_differ_from_themselves(data: st.DataObject) -> None:
    variant: Variant = data.draw(variants())
    log: list[Event] = data.draw(event_logs(case_types=tuple(variant.case_types)))  # CASE-2: the variant's own types
    report = evaluate(variant, log, as_of=AS_OF)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert diff(report, report).empty
    assert evaluate(variant, log, as_of=AS_OF) == report


@given(st.data())
def test_variants_judged_on_one_reading_give_the_reports_each_gives_alone(data: st.DataObject) -> None:
    """What-if reads the log once (``evaluate_all``): each report is the one ``evaluate`` gives its variant.

    The log has the first variant's case types; where the second does not declare one of
    them (CASE-2), both ways fail.
    """
    first: Variant = data.draw(variants())
    second: Variant = data.draw(variants())
    log: list[Event] = data.draw(event_logs(case_types=tuple(first.case_types)))
    try:
        alone = (evaluate(first, log, as_of=AS_OF), evaluate(second, log, as_of=AS_OF))
    except EvaluationError:
        with pytest.raises(EvaluationError):
            evaluate_all((first, second), log, as_of=AS_OF)
        return
    assert evaluate_all((first, second), log, as_of=AS_OF) == alone


@st.composite
def amendments(draw: st.DrawFn, variant: Variant) -> Variant:
    """``variant`` amended: its limits, points and fines moved, and perhaps one of its policies or tables left out."""
    amended = draw(perturbed(variant, 4))
    update: dict[str, object] = {"name": f"{variant.name}-amended"}
    for field in ("policies", "scorecards"):
        whole: tuple[object, ...] = getattr(amended, field)
        if whole and draw(st.booleans()):
            left_out = draw(st.integers(min_value=0, max_value=len(whole) - 1))
            update[field] = whole[:left_out] + whole[left_out + 1:]
    return amended.model_copy(update=update)


@settings(max_examples=max(120, settings.default.max_examples))  # amendments the sharing gets wrong are few
@given(st.data())
def test_a_what_if_of_an_amended_variant_is_the_diff_of_two_evaluations(data: st.DataObject) -> None:
    """A built-in variant against itself amended: ``evaluate_all`` shares what the two judge alike (a policy,
    a ladder, a scorecard), yet its reports, and their diff, are those of two evaluations each on its own."""
    variant: Variant = data.draw(variants(spread=0))
    amended = data.draw(amendments(variant))
    log: list[Event] = data.draw(event_logs(case_types=tuple(variant.case_types)))
    both = evaluate_all((variant, amended), log, as_of=AS_OF)
    alone = (evaluate(variant, log, as_of=AS_OF), evaluate(amended, log, as_of=AS_OF))
    assert both == alone
    assert diff(*both) == diff(*alone)
    assert diff(*both).model_dump_json() == diff(*alone).model_dump_json()


@given(st.data())
def test_the_json_written_piece_by_piece_is_pydantics_own(data: st.DataObject) -> None:
    """Each verdict, card or change is written by itself, in its place: the text is the whole dump."""
    variant: Variant = data.draw(variants())
    log: list[Event] = data.draw(event_logs(case_types=tuple(variant.case_types)))
    report, with_compliance = (evaluate(variant, log, as_of=AS_OF, include_compliance=c) for c in (False, True))
    assert "".join(render_pieces(report, "json")) == report.model_dump_json(indent=2) + "\n"
    comparison = diff(report, with_compliance)  # the compliance verdicts added
    assert "".join(render_diff_pieces(comparison, "json")) == comparison.model_dump_json(indent=2) + "\n"


@given(events())
def test_every_event_type_round_trips_through_json(event: Event) -> None:
    from bianmin_rules import EVENT_ADAPTER

    assert EVENT_ADAPTER.validate_json(event.model_dump_json()) == event


@st.composite
def log_and_one_more_finding(draw: st.DrawFn) -> tuple[list[Event], list[Event]]:
    """A log, and the same log with one more priced finding on someone it names."""
    log = draw(event_logs())
    named = [(e.window, e.staff) for e in log if e.staff and e.window]
    assume(named)
    window, staff = draw(st.sampled_from(named))
    at = draw(official_datetimes(date(2026, 1, 1), date(2026, 12, 31)))
    extra = EVENT_ADAPTER.validate_python({
        "type": "finding_recorded", "id": "extra", "at": at, "window": window, "staff": staff,
        "finding": draw(st.sampled_from(["no_badge", "messy_desk", "wrong_result", "late"])),
    })
    return log, [*log, extra]


@given(log_and_one_more_finding())
def test_one_more_violation_never_raises_a_score_nor_lowers_a_sanction(logs: tuple[list[Event], list[Event]]) -> None:
    """A card of a period is compared with the card of the same period made of the same parts:
    a finding in a quarter the subject had no card for adds that quarter to the year."""
    before, after = (evaluate(COUNTY, log, as_of=AS_OF) for log in logs)
    totals = {card_key(c): c.total for c in before.scorecards}
    for card in after.scorecards:
        if card_key(card) in totals:
            assert card.total <= totals[card_key(card)]
    heavier = heaviest_sanctions(after)
    assert all(heavier.get(subject, 0) >= level for subject, level in heaviest_sanctions(before).items())


def card_key(card: Card) -> tuple[object, ...]:
    scored_parts = tuple(part.period for part in card.parts if part.score is not None)
    return (card.scorecard, card.subject, card.period, scored_parts)


def heaviest_sanctions(report: Report) -> dict[object, int]:
    heaviest: dict[object, int] = {}
    for verdict in report.verdicts:
        if verdict.sanction is not None:
            heaviest[verdict.subject] = max(heaviest.get(verdict.subject, 0), verdict.sanction.level)
    return heaviest


@given(event_logs())
def test_scorecard_totals_are_the_sum_of_their_parts_and_stay_in_range(log: list[Event]) -> None:
    for card in evaluate(COUNTY, log, as_of=AS_OF).scorecards:
        if not card.categories:
            continue
        assert card.total == sum(category.score for category in card.categories)
        for category in card.categories:
            assert category.score == sum(item.score for item in category.items)
            for item in category.items:
                assert item.score == item.base + sum(line.points for line in item.lines)
                if item.maximum is not None:
                    assert 0 <= item.score <= item.maximum


@given(event_logs())
def test_no_output_contains_a_complainants_identity(log: list[Event]) -> None:
    """CMP-7: the logs name complainants (张三, 13800000000); no rendering of the report does."""
    report = evaluate(COUNTY, log, as_of=AS_OF)
    for fmt in ("markdown", "json", "csv"):
        text = render(report, fmt)
        assert "张三" not in text and "13800000000" not in text
