"""What-if comparisons: the same log under two variants (TL-7 with an amended limit)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Variant, evaluate_all
from bianmin_rules.cli.main import main
from bianmin_rules.core.books import Books
from bianmin_rules.core.engine import Judgements, collect
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.periods import Period
from bianmin_rules.core.policy import Context, PolicyBase
from bianmin_rules.core.scorecards.cards import Card
from bianmin_rules.core.scorecards.scoring import Scorer
from bianmin_rules.core.scorecards.tables import ScorecardTable
from bianmin_rules.core.verdicts import Citation, Measure, Sanction, Subject, SubjectKind, VerdictKind
from bianmin_rules.families.cases import base as cases_base
from bianmin_rules.families.cases.completion import CompletionRate
from bianmin_rules.families.cases.policies import ImmediateSameDay, RejectionDecision
from bianmin_rules.families.joint.policies import DeemedApproval, JointLead
from bianmin_rules.families.ladders.policies import OffenceLadder
from bianmin_rules.intake.files import DATA, demo_events
from bianmin_rules.views.render import render_diff
from bianmin_rules.views.whatif import BY_FIELDS, Alike, Change, ReportDiff, Spelling, diff, restated
from tests.conftest import run

COUNTY_TOML = (DATA / "variants" / "county-centre.toml").read_text(encoding="utf-8")
AMENDED_TOML = COUNTY_TOML.replace('name = "county-centre"', 'name = "county-amended"').replace(
    "limit = 3", "limit = 2"
)


@pytest.fixture
def amended() -> Variant:
    """county-centre with TL-7's rejection limit cut from 3 to 2 working days."""
    return Variant.from_toml(AMENDED_TOML, origin="county-amended")


def whatif(county: Variant, amended: Variant) -> ReportDiff:
    return diff(run(county, demo_events(), "2026-03-31"), run(amended, demo_events(), "2026-03-31"))


def test_a_report_does_not_differ_from_itself(county: Variant) -> None:
    report = run(county, demo_events(), "2026-03-31")
    assert diff(report, report).empty


def test_a_shorter_rejection_limit_as_computed_by_hand(county: Variant, amended: Variant) -> None:
    """TL-7 at 2 working days: C2026-0005 (received 2/12) is due 2/14 and 2 days late; C2026-0106
    (received Friday 3/20, rejected 3/25) becomes late: due 3/24. It is S-zhao's second time-limit
    failure of the year (ESC-2: 通报批评), and S-zhao's and W-land's completion rates fall (TL-12:
    0 of 2, 1 of 3)."""
    result = whatif(county, amended)
    assert [(c.change, c.before.rule if c.before else c.after.rule if c.after else None, c.case, c.fields)
            for c in result.verdicts] == [
        (Change.ADDED, "ESC-2", "C2026-0106", ()),
        (Change.CHANGED, "TL-12", None, ("explanation", "measure")),
        (Change.CHANGED, "TL-12", None, ("explanation", "measure")),
        (Change.CHANGED, "TL-7", "C2026-0005", ("explanation", "deadline", "due")),
        (Change.ADDED, "TL-7", "C2026-0106", ()),
    ]
    ladder, _, _, changed, added = result.verdicts
    assert ladder.after is not None and ladder.after.sanction is not None
    assert ladder.after.sanction.tier == "通报批评，并追究有关领导的行政责任"
    assert changed.before is not None and changed.after is not None
    assert (changed.before.due, changed.after.due) == (date(2026, 2, 24), date(2026, 2, 14))
    assert added.after is not None and added.after.due == date(2026, 3, 24)
    rates = {str(c.after.subject): c.after.measure for c in result.verdicts[1:3] if c.after}
    assert {k: (m.numerator, m.denominator) for k, m in rates.items() if m} == {
        "staff:S-zhao": (0, 2), "window:W-land": (1, 3)}
    (zhao,) = result.subjects
    assert zhao.subject == Subject(kind=SubjectKind.STAFF, id="S-zhao")
    assert (zhao.delta("violations"), zhao.rules) == (Decimal(2), ("ESC-2", "TL-12", "TL-7"))


def test_reports_of_different_days_are_not_compared(county: Variant) -> None:
    with pytest.raises(ValueError, match="different days"):
        diff(run(county, demo_events(), "2026-03-31"), run(county, demo_events(), "2026-03-30"))


def test_rendered_in_every_format(county: Variant, amended: Variant) -> None:
    result = whatif(county, amended)
    markdown = render_diff(result, "markdown")
    assert "| 变化 | TL-7 | staff:S-zhao | C2026-0005 | 2026-02-25 | due=2026-02-24; days_late=1 |" in markdown
    english = render_diff(result, "markdown", lang="en")
    assert "| Change | TL-7 | staff:S-zhao | C2026-0005 | 2026-02-25 | due=2026-02-24; days_late=1 |" in english
    assert ReportDiff.model_validate_json(render_diff(result, "json")) == result
    verdict_rows, scorecard_rows = render_diff(result, "csv").split("\n\n")  # two sections, as the report's CSV
    rows = list(csv.DictReader(io.StringIO(verdict_rows)))
    assert [(r["change"], r["case"]) for r in rows] == [
        ("added", "C2026-0106"), ("changed", ""), ("changed", ""), ("changed", "C2026-0005"), ("added", "C2026-0106")]
    assert scorecard_rows.startswith("scorecard,subject,period,total,score,eligible,rank,awards")


def test_cli_diff(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    amended_file = tmp_path / "amended.toml"
    amended_file.write_text(AMENDED_TOML, encoding="utf-8")
    log = str(DATA / "examples" / "county-centre.jsonl")
    status = main(["diff", log, "--variant", "county-centre", "--against", str(amended_file), "--as-of", "2026-03-31"])
    out = capsys.readouterr().out
    assert status == 0 and out.startswith("# 假设比较：county-centre → county-amended（评估日 2026-03-31）\n")
    main(["diff", log, "--variant", "county-centre", "--against", "county-centre", "--as-of", "2026-03-31"])
    assert "无差异。" in capsys.readouterr().out
    main(["diff", log, "--variant", "county-centre", "--against", str(amended_file), "--as-of", "2026-03-31",
          "--lang", "en"])
    assert capsys.readouterr().out.startswith("# What-if: county-centre → county-amended as of 2026-03-31\n")


class Judged:
    """Counts how often the policies of some kinds are judged (by rule and id), while they judge as before."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *kinds: type[PolicyBase]) -> None:
        self.counts: Counter[str] = Counter()
        for kind in kinds:
            original = kind.evaluate

            def counted(policy: PolicyBase, books: Books, context: Context, original: Any = original) -> Any:
                self.counts[policy.id or policy.rule] += 1
                return original(policy, books, context)

            monkeypatch.setattr(kind, "evaluate", counted)


def test_a_policy_equal_in_both_variants_is_judged_once(
    county: Variant, amended: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only TL-7 changes (三个工作日 → 两个): TL-1 is judged once for both variants, TL-7 twice, and the
    stage-1 ladder that counts TL-7's verdicts (ESC-2) twice; the ladders that count none of them (OTN-6,
    FIR-9) once. Each report is the one its variant gives alone."""
    judged = Judged(monkeypatch, ImmediateSameDay, RejectionDecision, OffenceLadder)
    both = evaluate_all((county, amended), demo_events(), as_of=date(2026, 3, 31))
    assert judged.counts == {"immediate-same-day": 1, "rejection-decision": 2, "time-limit-ladder": 2,
                             "notice-ladder": 1, "first-inquiry-ladder": 1, "first-inquiry-warnings": 1}
    alone = (run(county, demo_events(), "2026-03-31"), run(amended, demo_events(), "2026-03-31"))
    assert both == alone
    assert [r.model_dump_json() for r in both] == [r.model_dump_json() for r in alone]


def test_a_variant_against_a_copy_of_itself_is_judged_once(county: Variant, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy under another name: every rule of both stages is judged once, and the copy's verdicts name the copy."""
    copy = county.model_copy(update={"name": "county-copy"})
    judged = Judged(monkeypatch, ImmediateSameDay, RejectionDecision, OffenceLadder)
    first, second = evaluate_all((county, copy), demo_events(), as_of=date(2026, 3, 31))
    assert set(judged.counts.values()) == {1}
    assert {v.variant for v in second.verdicts} == {"county-copy"}
    alone = run(copy, demo_events(), "2026-03-31")
    assert second.model_dump_json() == alone.model_dump_json()
    assert diff(first, second).empty


def test_a_ladder_judged_again_holds_the_values_of_the_one_judged_first(county: Variant, amended: Variant) -> None:
    """The amended county judges ESC-2 again (TL-7's verdicts changed) with the county's own ladder, equal in both:
    a verdict found alike in both holds the very rule, citation and sanction, and is told alike at once."""
    first, second = evaluate_all((county, amended), demo_events(), as_of=date(2026, 3, 31))
    before = {(v.subject, v.on, v.evidence): v for v in first.verdicts if v.rule == "ESC-2"}
    after = [v for v in second.verdicts if v.rule == "ESC-2" and (v.subject, v.on, v.evidence) in before]
    assert after
    for verdict in after:
        earlier = before[(verdict.subject, verdict.on, verdict.evidence)]
        assert verdict.rule is earlier.rule and verdict.source is earlier.source
        assert verdict.sanction is earlier.sanction
    again = [v for v in second.verdicts if v.rule == "TL-1"]
    assert all(restated(v, w) for v, w in zip([v for v in first.verdicts if v.rule == "TL-1"], again, strict=True))
    assert not restated(first.verdicts[0], first.verdicts[0].restated(variant="x", on=date(2026, 1, 1)))


def test_only_the_cards_whose_inputs_changed_are_scored_again(
    county: Variant, amended: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """TL-7 at 2 working days changes S-zhao's verdicts (W-land) and W-land's completion rate (TL-12): the
    amended county scores again W-land's card, S-zhao's, and S-sun's, whose window's rates the staff table
    reads (考核办法: 所在窗口评议率和群众满意率未达93%的); the other five cards are the county's, taken
    again. Each report is the one its variant gives alone."""
    scored: list[str] = []
    card = Scorer.card

    def counted(scorer: Scorer, table: ScorecardTable, subject: Subject, period: Period) -> Card:
        scored.append(subject.id)
        return card(scorer, table, subject, period)

    monkeypatch.setattr(Scorer, "card", counted)
    both = evaluate_all((county, amended), demo_events(), as_of=date(2026, 3, 31))
    first = ["W-build", "W-land", "W-market", "S-chen", "S-li", "S-sun", "S-wang", "S-zhao"]
    assert scored == [*first, "W-land", "S-sun", "S-zhao"]
    monkeypatch.setattr(Scorer, "card", card)
    assert both == (run(county, demo_events(), "2026-03-31"), run(amended, demo_events(), "2026-03-31"))


def test_joint_rules_are_judged_again_when_the_lead_rule_they_consult_differs(
    county: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """JA-3 names each case's lead as the variant's JA-1 rule does (guangwu-street 第十八条's way here):
    equal in both variants itself, it is judged for each."""
    policies = tuple(
        p.model_copy(update={"lead_rule": "first_handling_else_issuing"}) if isinstance(p, JointLead) else p
        for p in county.policies
    )
    other = county.model_copy(update={"name": "county-lead", "policies": policies})
    judged = Judged(monkeypatch, DeemedApproval, ImmediateSameDay)
    both = evaluate_all((county, other), demo_events(), as_of=date(2026, 3, 31))
    assert judged.counts == {"deemed-approval": 2, "immediate-same-day": 1}
    assert both == (run(county, demo_events(), "2026-03-31"), run(other, demo_events(), "2026-03-31"))


def test_a_restated_verdict_differs_in_nothing_but_what_was_restated(county: Variant) -> None:
    """A verdict under another variant's name is the same finding: the comparison sees only the name
    (which a what-if ignores), and a value equal but not the same object is no difference either."""
    verdict = next(v for v in run(county, demo_events(), "2026-03-31").verdicts if v.deadline is not None)
    restated = verdict.restated(variant="county-copy")
    assert restated.variant == "county-copy" and restated.deadline is verdict.deadline
    assert verdict.differing(restated) == ("variant",)
    assert verdict.differing(restated, frozenset({"variant"})) == ()
    rebuilt = type(verdict).model_validate_json(verdict.model_dump_json())
    assert rebuilt.deadline is not verdict.deadline and verdict.differing(rebuilt) == ()
    later = verdict.restated(on=date(2026, 12, 31))
    assert verdict.differing(later) == ("on",)


SUBJECTS = [Subject(kind=SubjectKind.STAFF, id="S01-1"), Subject(kind=SubjectKind.WINDOW, id="W01")]


@given(st.lists(st.tuples(
    st.sampled_from(["TL-7", "ESC-2"]), st.sampled_from(list(VerdictKind)), st.sampled_from(SUBJECTS),
    st.none() | st.sampled_from(["C1", "C'2"]), st.dates(), st.lists(st.text(max_size=3), max_size=2).map(tuple),
), max_size=12))
def test_changes_are_ordered_as_the_text_of_their_identity(keys: list[tuple[object, ...]]) -> None:
    """The changes of a diff come in the order of ``repr`` of their identity, its values spelt once each."""
    spelling = Spelling()
    assert [spelling(key) for key in keys] == [repr(key) for key in keys]
    assert spelling(("TL-7",)) == repr(("TL-7",))


def test_books_are_freed_once_no_rule_left_reads_them(county: Variant, monkeypatch: pytest.MonkeyPatch) -> None:
    """The offence ladders (ESC-2 …) count verdicts and read the findings (and, where one complaint is one
    occurrence, the complaints and inquiries): by the time they are judged, the case files — last read by the
    completion rates (TL-12) — are freed, and the report is the one of an evaluation that frees nothing."""
    released: list[set[str]] = []
    evaluate = OffenceLadder.evaluate

    def judged(self: OffenceLadder, books: Books, context: Context) -> Any:
        released.append(set(books.released))
        return evaluate(self, books, context)

    monkeypatch.setattr(OffenceLadder, "evaluate", judged)
    report = run(county, demo_events(), "2026-03-31")
    assert released and all("cases" in names and "findings" not in names for names in released)
    monkeypatch.setattr(OffenceLadder, "evaluate", evaluate)
    books = collect(demo_events(), as_of=date(2026, 3, 31), case_types=None, families=county.families)
    kept = Judgements(books).report(county, Context(variant=county.name, calendar=county.calendar(None),
                                                   as_of=date(2026, 3, 31)))
    assert not books.released
    assert kept.model_dump_json() == report.model_dump_json()


def test_what_a_stage_derives_from_the_books_is_derived_once_for_both_variants(
    county: Variant, amended: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The case index depends on the case files alone: TL-7 judged again for the amended variant (stage 0), and
    TL-12 which counts TL-7's verdicts (stage 1), take the index the county's stages built; the reports are those
    of two evaluations."""
    built: list[object] = []

    class Counted(cases_base.CaseIndex):
        def __init__(self, cases: Any) -> None:
            built.append(self)
            super().__init__(cases)

    monkeypatch.setattr(cases_base, "CaseIndex", Counted)
    alone = run(county, demo_events(), "2026-03-31")
    once = len(built)
    both = evaluate_all((county, amended), demo_events(), as_of=date(2026, 3, 31))
    assert once == 2 and len(built) == 2 * once  # one per stage, for one variant or two
    assert both[0] == alone and both[1] == run(amended, demo_events(), "2026-03-31")


def test_a_rule_reading_a_book_it_does_not_declare_finds_it_freed(
    county: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """TL-12 declaring that it reads no book: the case files are freed before it counts them, and the
    evaluation fails saying so rather than counting no case."""
    monkeypatch.setattr(CompletionRate, "reads", property(lambda self: ()))
    with pytest.raises(EvaluationError, match="'cases' was freed"):
        run(county, demo_events(), "2026-03-31")


def test_one_verdict_changed_among_as_many_is_found(county: Variant) -> None:
    """Two reports with as many verdicts, in the same order, one of them with other points: that one changes."""
    report = run(county, demo_events(), "2026-03-31")
    first = report.verdicts[0]
    changed = first.model_copy(update={"points": first.points - 1})
    other = report.model_copy(update={"verdicts": (changed, *report.verdicts[1:])})
    (change,) = diff(report, other).verdicts
    assert (change.change, change.fields, change.before, change.after) == (Change.CHANGED, ("points",), first, changed)


FIELD_MODELS = [
    Subject(kind=SubjectKind.STAFF, id="S01-1"), Subject(kind=SubjectKind.WINDOW, id="S01-1"),
    Citation(document="县政务服务中心管理制度汇编", article="五、(二)1", quote="最迟不超过三个工作日"),
    Citation(document="县政务服务中心管理制度汇编", article="五、(二)1", quote="最迟不超过两个工作日"),
    Sanction(tier="批评教育", level=1), Sanction(tier="通报批评", level=2), Sanction(tier="批评教育", level=2),
    Measure(name="completion_rate", period=Period.parse("2026-Q1"), numerator=1, denominator=3),
    Measure(name="completion_rate", period=Period.parse("2026-Q2"), numerator=1, denominator=3),
]


@given(st.sampled_from(FIELD_MODELS), st.sampled_from(FIELD_MODELS))
def test_models_of_fields_alone_compare_in_a_diff_as_pydantic_compares_them(first: Any, second: Any) -> None:
    """A diff tells a verdict's subject, citation, sanction and measure apart by their fields
    (:data:`BY_FIELDS`), as ``==`` does: they hold their fields and nothing else."""
    assert {type(model) for model in FIELD_MODELS} == BY_FIELDS
    for model in (first, second):
        assert set(model.__dict__) == set(type(model).model_fields) and model.__pydantic_private__ is None
        assert model.model_config.get("frozen") and model.model_config.get("extra") == "forbid"
    alike, copy = Alike(), type(second).model_validate(second.model_dump())
    assert alike(first, copy) == (first == second) and alike(second, copy)


def test_tl12_of_a_later_variant_places_again_only_what_its_deadline_rules_change(
    county: Variant, amended: Variant, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The amended county's TL-12 starts from the county's counts on the same books (TL-7 finds other cases
    late), and its completion rates are those it finds on its own."""
    again: list[CompletionRate] = []
    placed_again = CompletionRate.placed_again

    def counted(self: CompletionRate, *args: Any) -> Any:
        again.append(self)
        return placed_again(self, *args)

    monkeypatch.setattr(CompletionRate, "placed_again", counted)
    both = evaluate_all([county, amended], demo_events(), as_of=date(2026, 3, 31))
    alone = run(amended, demo_events(), "2026-03-31")
    assert len(again) == 1
    rates = [[v for v in report.verdicts if v.rule == "TL-12"] for report in (both[0], both[1], alone)]
    assert rates[1] == rates[2] and rates[1]
    assert [v.measure for v in rates[0]] != [v.measure for v in rates[1]]  # TL-7's limit moves the rates
