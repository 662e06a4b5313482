"""Properties of the FIR, CMP and REG rules that must hold for any log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules import EVENT_ADAPTER, SubjectKind, Variant, to_json
from bianmin_rules.core.engine import collect
from bianmin_rules.families import BUILTIN
from bianmin_rules.families.cases.ledger import CASE_FILES
from bianmin_rules.families.first_inquiry.chain import Phase, build_chain
from bianmin_rules.families.first_inquiry.ledger import INQUIRY_FILES, Handed, Taken
from tests.conftest import events, make_variant, run

CITE = {"document": "test", "article": "1", "quote": "…"}
STAFF = st.sampled_from(["S1", "S2", "S3", "S4"])

ALL_RULES = make_variant(
    {"kind": "first-inquiry-guidance", "rule": "FIR-2", "source": CITE, "settle_within": {"unit": "same_day"}},
    {"kind": "phone-inquiry-record", "rule": "FIR-2", "source": CITE},
    {"kind": "forbidden-refusal", "rule": "FIR-3", "source": CITE},
    {"kind": "absent-handler", "rule": "FIR-4", "source": CITE},
    {"kind": "first-handling-reply", "rule": "FIR-5", "source": CITE},
    {"kind": "transfer-consent", "rule": "FIR-6", "source": CITE},
    {"kind": "discharge-conditions", "rule": "FIR-7", "source": CITE},
    {"kind": "referral-follow-up", "rule": "FIR-8", "source": CITE, "within": 5},
    {"kind": "complaint-answer", "rule": "CMP-1", "source": CITE, "limit": {"unit": "next_day"}},
    {"kind": "complaint-tracking", "rule": "CMP-4", "source": CITE, "within": 3},
    {"kind": "complaint-reply-form", "rule": "CMP-5", "source": CITE},
    {"kind": "major-complaint-escalation", "rule": "CMP-6", "source": CITE},
    {"kind": "verified-complaint", "rule": "CMP-8", "source": CITE},
    {"kind": "register-cadence", "rule": "REG-1", "source": CITE, "act": "daily_summary"},
    {"kind": "monthly-report", "rule": "REG-2", "source": CITE, "role": "village_agent", "due_day": 7},
)


@st.composite
def inquiry_step(draw: st.DrawFn) -> dict[str, Any]:
    """One random step of an inquiry chain (without its time)."""
    staff = draw(STAFF)
    kind = draw(st.sampled_from([
        "inquiry_recorded", "inquiry_referred", "appointment_arranged", "leader_consulted", "inquiry_refused",
        "inquiry_taken", "inquiry_transferred", "inquiry_followed_up", "inquiry_discharged", "inquiry_replied",
    ]))
    extra: dict[str, Any] = {
        "inquiry_referred": {"to_staff": draw(STAFF), "handler_absent": draw(st.booleans())},
        "appointment_arranged": {"with_staff": draw(STAFF), "contact_given": draw(st.booleans())},
        "inquiry_refused": {"words": draw(st.sampled_from(["不知道", "请稍等", ""]))},
        "inquiry_transferred": {"to_staff": draw(STAFF), "leader_consent": draw(st.booleans())},
        "inquiry_discharged": {"reason": draw(st.sampled_from(["not_allowed", "leader_instruction", "outside_centre"])),
                               "explained": draw(st.booleans()), "applicant_told": draw(st.booleans())},
    }.get(kind, {})
    return {"type": kind, "inquiry": "Q1", "staff": staff, **extra}


@st.composite
def chain_log(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A random inquiry chain over a few working days, steps hours apart."""
    first = {"type": "inquiry_received", "inquiry": "Q1", "staff": draw(STAFF),
             "channel": draw(st.sampled_from(["in_person", "phone", "letter"])),
             "remit": draw(st.sampled_from(["own", "centre", "outside", "unclear"]))}
    steps = draw(st.lists(inquiry_step(), max_size=10))
    start = datetime(2026, 3, 2, 9, 0)
    gaps = draw(st.lists(st.integers(min_value=0, max_value=30), min_size=len(steps), max_size=len(steps)))
    rows, at = [{**first, "at": start.isoformat()}], start
    for step, gap in zip(steps, gaps, strict=True):
        at += timedelta(hours=gap)
        rows.append({**step, "at": at.isoformat()})
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=chain_log())
def test_responsibility_moves_only_by_taking_or_a_consented_transfer(rows: list[dict[str, Any]]) -> None:
    """FIR-1, FIR-5, FIR-6: the first-inquiry person holds the inquiry until someone takes it; afterwards it
    moves only with a leader's consent; phases never go back."""
    books = collect(events(*rows), as_of=date(2026, 12, 31), case_types=["immediate"], families=BUILTIN)
    chain = build_chain(books[INQUIRY_FILES]["Q1"], books[CASE_FILES])
    assert chain is not None
    order = [Phase.INQUIRY, Phase.HANDLING, Phase.CLOSED]
    phase, holder = Phase.INQUIRY, chain.first
    for link in chain.links:
        assert order.index(link.phase) >= order.index(phase)
        if link.phase is Phase.INQUIRY:
            assert link.responsible == chain.first
        moved = link.responsible not in (holder, None)
        if moved:
            step = link.step
            assert (isinstance(step, Taken) and phase is Phase.INQUIRY) or (
                isinstance(step, Handed) and step.leader_consent)
        if isinstance(link.step, Handed) and not link.step.leader_consent:
            assert link.responsible in (holder, None)
        phase = link.phase
        holder = link.responsible or holder


@settings(max_examples=40, deadline=None)
@given(rows=chain_log())
def test_fir_verdicts_are_countable_per_staff_member(rows: list[dict[str, Any]]) -> None:
    """FIR-9 counts FIR verdicts by rule per person: every FIR verdict is on a staff member, with its rule ID."""
    for verdict in run(ALL_RULES, events(*rows), "2026-03-31").verdicts:
        assert verdict.subject.kind is SubjectKind.STAFF
        assert verdict.rule in {"FIR-2", "FIR-3", "FIR-4", "FIR-5", "FIR-6", "FIR-7", "FIR-8"}
        assert verdict.evidence and verdict.evidence[0] == "e1"  # every verdict rests on the first question


MIXED_LOG = [
    {"type": "inquiry_received", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S1", "channel": "phone",
     "remit": "centre"},
    {"type": "inquiry_referred", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S1", "to_staff": "S2"},
    {"type": "inquiry_taken", "inquiry": "Q1", "at": "2026-03-02T09:00", "staff": "S2", "case": "C1"},
    {"type": "inquiry_transferred", "inquiry": "Q1", "at": "2026-03-03T10:00", "staff": "S2", "to_staff": "S3",
     "leader_consent": False},
    {"type": "case_received", "case": "C1", "at": "2026-03-02T09:00", "staff": "S2", "case_type": "immediate"},
    {"type": "case_completed", "case": "C1", "at": "2026-03-04T10:00", "staff": "S2"},
    {"type": "inquiry_replied", "inquiry": "Q1", "at": "2026-03-09T10:00", "staff": "S2"},
    {"type": "complaint_received", "complaint": "K1", "at": "2026-03-06T10:00", "staff": "S5", "form": "written",
     "category": "major", "complainant_name": "某某"},
    {"type": "complaint_answered", "complaint": "K1", "at": "2026-03-10T10:00", "staff": "S5", "form": "oral"},
    {"type": "register_reported", "at": "2026-04-08T10:00", "staff": "A1", "act": "monthly_report",
     "covers": "2026-03-01", "role": "village_agent"},
    {"type": "register_reported", "at": "2026-03-02T17:00", "act": "daily_summary", "covers": "2026-03-02"},
]


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(len(MIXED_LOG))))
def test_the_report_does_not_depend_on_the_order_of_the_log(order: list[int]) -> None:
    """Ledgers order facts by time, then event id: any order of the same events gives the same report."""
    numbered = [{"id": f"e{i:02d}", **row} for i, row in enumerate(MIXED_LOG)]
    expected = to_json(run(ALL_RULES, events_with_ids(numbered), "2026-04-30"))
    shuffled = [numbered[i] for i in order]
    assert to_json(run(ALL_RULES, events_with_ids(shuffled), "2026-04-30")) == expected


def events_with_ids(rows: list[dict[str, Any]]) -> list[Any]:
    return [EVENT_ADAPTER.validate_python(row) for row in rows]


def test_a_variant_of_every_conduct_policy_prints_and_reads_back() -> None:
    """Every FIR, CMP and REG parameter can be written in a variant file (`bianmin-rules show` prints it back)."""
    variant = make_variant(
        *ALL_RULES.model_dump()["policies"],
        {"kind": "monthly-report", "id": "REG-2-window", "rule": "REG-2", "source": CITE, "role": "centre_window",
         "due_day": 10, "reporters": [{"kind": "window", "id": "W-9"}], "since": "2026-01-01",
         "before_due_day": True},
        {"kind": "verified-complaint", "id": "CMP-8-window", "rule": "CMP-8", "source": CITE,
         "charge": ["staff", "window"], "causes": ["wrong_answer"], "points": "-3",
         "sanction": {"tier": "批评教育", "level": 1}},
    )
    assert Variant.from_toml(variant.to_toml(), origin="printed") == variant
