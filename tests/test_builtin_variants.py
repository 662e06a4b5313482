"""Every built-in variant loads, lints to its documented findings, evaluates the shared example log, and
does not differ from itself. The shared log covers every family of events."""

from __future__ import annotations

from datetime import date

import pytest

from bianmin_rules import Event, Variant, VariantError, builtin_variant_names, evaluate, load_variant, read_event_files
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.families import BUILTIN
from bianmin_rules.intake.files import DATA
from bianmin_rules.views.whatif import diff

RULES = BUILTIN.rules
TOWNSHIP = DATA / "examples" / "township.jsonl"
AS_OF = date(2026, 4, 1)


def township_events(variant: Variant) -> list[Event]:
    """The shared example log, without the cases of types the variant does not declare.

    Each variant declares its own case types (CASE-2) and a case of an undeclared type
    stops the evaluation by design, so those cases are dropped with every event naming them.
    """
    events = list(read_event_files([TOWNSHIP]))
    undeclared = {
        e.case for e in events if e.type == "case_received" and e.case_type not in variant.case_types
    }
    return [e for e in events if getattr(e, "case", None) not in undeclared]


@pytest.mark.parametrize("name", builtin_variant_names())
def test_loads(name: str) -> None:
    """The file loads, names itself, and every policy cites a rule of the catalogue with its words."""
    variant = load_variant(name)
    assert variant.name == name and variant.title and variant.policies
    assert all(p.rule in RULES and p.source.quote for p in variant.policies)


@pytest.mark.parametrize("name", builtin_variant_names())
def test_lints_to_its_documented_findings(name: str) -> None:
    """Every finding is accepted in the file's [[lint.accept]], and every accept entry still finds its finding."""
    report = lint_variant(name)
    assert [str(f) for f in report.unaccepted] == []
    assert not [f for f in report.findings if f.code == "stale-accept"]
    accepted = {(f.code, f.key) for f in report.findings if f.accepted}
    assert accepted == {(a.code, a.key) for a in load_variant(name).lint.accept}


@pytest.mark.parametrize("name", builtin_variant_names())
def test_evaluates_the_shared_example_log(name: str) -> None:
    variant = load_variant(name)
    events = township_events(variant)
    report = evaluate(variant, events, as_of=AS_OF)
    assert report.events_read + report.events_after_as_of == len(events)
    assert {v.variant for v in report.verdicts} <= {name} and all(v.rule in RULES for v in report.verdicts)


@pytest.mark.parametrize("name", builtin_variant_names())
def test_every_verdict_on_a_deadline_carries_it_as_data(name: str) -> None:
    """A verdict that judges a deadline carries ``due``, ``actual`` and its trace, which agree (days late is the
    trace's): on the shared log, with compliance reported, no verdict has a due day without its trace, or the
    other way round."""
    variant = load_variant(name)
    report = evaluate(variant, township_events(variant), as_of=AS_OF, include_compliance=True)
    for verdict in report.verdicts:
        trace = verdict.deadline
        if trace is None:
            assert (verdict.due, verdict.actual, verdict.days_late) == (None, None, None), verdict
        else:
            assert (verdict.due, verdict.actual, verdict.days_late) == (trace.due, trace.actual, trace.days_late)


@pytest.mark.parametrize("name", builtin_variant_names())
def test_a_variant_does_not_differ_from_itself(name: str) -> None:
    variant = load_variant(name)
    report = evaluate(variant, township_events(variant), as_of=AS_OF)
    assert diff(report, report).empty


@pytest.mark.parametrize("name", [n for n in builtin_variant_names() if load_variant(n).scorecards])
def test_the_shared_log_is_scored_by_the_tables(name: str) -> None:
    """The variants with assessment tables (county-centre, jiangxi-town, town-conduct-100 …) score the log."""
    variant = load_variant(name)
    report = evaluate(variant, township_events(variant), as_of=AS_OF)
    assert report.scorecards


FAMILIES = {
    "cases": {"case_received", "missing_materials_notice", "materials_completed", "case_suspended", "case_resumed",
              "extension_granted", "receipt_notice_issued", "delay_explained", "case_completed", "case_rejected"},
    "joint review": {"joint_review_forwarded", "joint_meeting_attended", "joint_review_decided"},
    "registration": {"case_registered", "handled_outside_centre", "application_refused"},
    "inquiries": {"inquiry_received", "inquiry_referred", "inquiry_taken", "inquiry_transferred", "inquiry_replied"},
    "complaints": {"complaint_received", "complaint_answered", "complaint_investigated"},
    "attendance": {"post_assigned", "signed_in", "signed_out", "leave_requested", "leave_approved"},
    "posts": {"post_left", "post_covered", "post_returned", "whereabouts_posted"},
    "meetings": {"meeting_attendance_recorded"},
    "findings": {"finding_recorded"},
    "assessment": {"service_evaluated", "merit_recorded", "assessment_scored"},
    "registers": {"register_reported"},
}


def test_the_shared_log_covers_every_family_of_events() -> None:
    events = list(read_event_files([TOWNSHIP]))
    types = {e.type for e in events}
    assert {family: sorted(needed - types) for family, needed in FAMILIES.items() if needed - types} == {}
    assert 60 <= len(events) <= 120
    case_types = {e.case_type for e in events if e.type == "case_received"}
    assert case_types == {"immediate", "promised", "supplement", "joint", "rejected", "reported"}


@pytest.mark.parametrize("name", builtin_variant_names())
def test_a_malformed_copy_gives_one_error_naming_the_key(name: str) -> None:
    """The printed variant with its first policy's rule ID misspelt: one VariantError naming that key."""
    variant = load_variant(name)
    text = variant.to_toml()
    rule = variant.policies[0].rule
    broken = text.replace(f'rule = "{rule}"', f'rule = "{rule.lower()}"', 1)
    with pytest.raises(VariantError) as caught:
        Variant.from_toml(broken, origin=f"{name}-copy.toml")
    assert caught.value.key == "policies[0].rule"
    assert str(caught.value).startswith(f"variant '{name}-copy.toml': policies[0].rule: ")
    assert "\n" not in str(caught.value)
