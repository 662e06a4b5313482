"""Properties of the sanction ladders (ESC-2, ATT-6, FIR-9): monotone in occurrences; removing a violation never
raises; a step counts the occurrences in its window, one per matter."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from bianmin_rules import Citation, Context, Report, Subject, SubjectKind, Variant, Verdict, VerdictKind, WorkCalendar
from bianmin_rules.core.engine import collect
from bianmin_rules.core.periods import Period
from bianmin_rules.families import BUILTIN
from bianmin_rules.families.ladders.policies import OffenceLadder
from tests.conftest import events, make_variant, run
from tests.staff_log import finding, policy

FIRST_DAY = date(2025, 6, 1)
LAST_DAY = date(2026, 12, 31)


@st.composite
def ladders(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Valid rungs: occurrences strictly increasing, levels never decreasing, any money."""
    occurrences = sorted(draw(st.sets(st.integers(1, 6), min_size=1, max_size=4)))
    levels = sorted(draw(st.lists(st.integers(1, 5), min_size=len(occurrences), max_size=len(occurrences))))
    money = st.sampled_from(["0", "100", "200"])
    return [{"occurrence": n, "tier": f"第{level}级", "level": level, "fine": draw(money),
             "bonus_share": draw(st.sampled_from(["0", "0.05"]))} for n, level in zip(occurrences, levels, strict=True)]


offences = st.lists(
    st.tuples(st.sampled_from(["S1", "S2"]), st.integers(0, (LAST_DAY - FIRST_DAY).days)), min_size=1, max_size=10)


def ladder_variant(tiers: list[dict[str, Any]], counting: str, period: str) -> Variant:
    record = policy("finding-penalty", "ATT-1", "d", "a", "q", findings=["late"])
    ladder = policy("offence-ladder", "ATT-6", "d", "a", "q", counts=["ATT-1"], once_per="verdict", tiers=tiers,
                    counting=counting, period=period, repeat_last=True)
    return make_variant(record, ladder)


def evaluate(variant: Variant, found: list[tuple[str, int]]) -> Report:
    rows = [finding("late", f"{FIRST_DAY + timedelta(days=offset)}T10:00", staff=staff, id=f"f{i}")
            for i, (staff, offset) in enumerate(found)]
    return run(variant, events(*rows), "2026-12-31")


def levels_by_finding(report: Report) -> dict[str, int]:
    """The ladder level each finding reached (0: no rung)."""
    reached: dict[str, int] = defaultdict(int)
    for verdict in report.verdicts:
        if verdict.rule == "ATT-6" and verdict.sanction:
            (event,) = verdict.occurrences[-1].evidence
            reached[event] = verdict.sanction.level
    return reached


@given(tiers=ladders(), n=st.integers(1, 20))
def test_a_rung_never_falls_as_occurrences_grow(tiers: list[dict[str, Any]], n: int) -> None:
    """ESC-2: the level of the (n+1)-th occurrence is at least that of the n-th."""
    ladder = OffenceLadder.model_validate({"kind": "offence-ladder", "rule": "ESC-2", "counts": ["TL-1"],
                                           "once_per": "case", "tiers": tiers,
                                           "source": {"document": "d", "article": "a", "quote": "q"}})
    now, then = ladder.rung(n), ladder.rung(n + 1)
    assert (now.level if now else 0) <= (then.level if then else 0)


@given(tiers=ladders(), found=offences, period=st.sampled_from(["month", "quarter", "year"]))
def test_levels_climb_with_each_occurrence_in_a_period(
    tiers: list[dict[str, Any]], found: list[tuple[str, int]], period: str,
) -> None:
    """ATT-6: for one staff member, a later occurrence in the same calendar period never gets a lower level."""
    report = evaluate(ladder_variant(tiers, "calendar", period), found)
    climbed: dict[tuple[str | None, Period], list[int]] = defaultdict(list)
    for verdict in report.verdicts:  # in report order: by day, then evidence
        if verdict.rule == "ATT-6" and verdict.sanction:
            climbed[(verdict.staff, Period.containing(period, verdict.on))].append(verdict.sanction.level)
    for levels in climbed.values():
        assert levels == sorted(levels)


@given(tiers=ladders(), found=offences, counting=st.sampled_from(["calendar", "rolling"]),
       period=st.sampled_from(["month", "quarter", "year"]), data=st.data())
def test_removing_a_violation_never_raises_a_sanction(
    tiers: list[dict[str, Any]], found: list[tuple[str, int]], counting: str, period: str, data: st.DataObject,
) -> None:
    """ESC-2, ATT-6: drop one violation — no other occurrence reaches a higher rung; calendar money never grows."""
    variant = ladder_variant(tiers, counting, period)
    dropped = data.draw(st.integers(0, len(found) - 1))
    before = evaluate(variant, found)
    after = evaluate(variant, [f if i != dropped else ("S9", f[1]) for i, f in enumerate(found)])
    was, now = levels_by_finding(before), levels_by_finding(after)
    for event, level in now.items():
        if event != f"f{dropped}":
            assert level <= was[event]
    if counting == "calendar":
        for staff in ("S1", "S2"):
            for amount in ("fine", "bonus_share"):
                assert money(after, staff, amount) <= money(before, staff, amount)


def money(report: Report, staff: str, amount: str) -> Decimal:
    """What a staff member's ladder verdicts add up to, in fines or in shares of the bonus."""
    return sum((getattr(v, amount) for v in report.verdicts if v.rule == "ATT-6" and v.staff == staff), Decimal(0))


# What one occurrence is (once_per): the violations on one matter are one occurrence, whatever rules judged them.

COUNTED = ("FIR-2", "FIR-3", "FIR-4")
CITED = Citation(document="d", article="a", quote="q")
NO_BOOKS = collect((), as_of=LAST_DAY, case_types=None, families=BUILTIN)

matters = st.lists(
    st.tuples(st.sampled_from(["S1", "S2"]), st.integers(0, (LAST_DAY - FIRST_DAY).days - 3),
              st.lists(st.tuples(st.sampled_from(COUNTED), st.integers(0, 2)), min_size=1, max_size=3)),
    min_size=1, max_size=8)
"""Matters failed: the staff member, the first day, and the verdicts judging it — each a rule and days later."""


def judged(found: list[tuple[str, int, list[tuple[str, int]]]]) -> list[Verdict]:
    """The violations judging each matter ``M<i>`` (its inquiry, case and complaint), one per rule listed."""
    verdicts = []
    for number, (staff, offset, rules) in enumerate(found):
        for index, (rule, later) in enumerate(rules):
            verdicts.append(Verdict(
                rule=rule, variant="v", source=CITED, subject=Subject(kind=SubjectKind.STAFF, id=staff),
                kind=VerdictKind.VIOLATION, on=FIRST_DAY + timedelta(days=offset + later), explanation="x",
                staff=staff, inquiry=f"M{number}", case=f"M{number}", complaint=f"M{number}",
                evidence=(f"e{number}-{index}",)))
    return verdicts


def matter_key(verdict: Verdict, once_per: str) -> object:
    """The matter a verdict counts on, by the ladder's reading: a verdict, a day, or the matter it judges."""
    return {"verdict": verdict.evidence, "day": verdict.on}.get(once_per, verdict.inquiry)


def expected_steps(verdicts: list[Verdict], ladder: OffenceLadder) -> list[tuple[str, date, int]]:
    """(staff, day, n): each occurrence's number among the occurrences in its counting window, counted by hand.

    Occurrences on the same day are numbered in some order: the numbers of a day are compared as a set.
    """
    first_day: dict[tuple[str | None, object], date] = {}
    for verdict in verdicts:
        key = (verdict.staff, matter_key(verdict, ladder.once_per))
        first_day[key] = min(verdict.on, first_day.get(key, verdict.on))
    steps = []
    for (staff, _), day in first_day.items():
        if ladder.counting == "calendar":
            period = Period.containing(ladder.period, day)
            earlier = [d for (s, _), d in first_day.items() if s == staff and period.start <= d < day]
        else:
            since = day - relativedelta(months=ladder.period.months)
            earlier = [d for (s, _), d in first_day.items() if s == staff and since < d < day]
        steps.append((staff or "", day, len(earlier)))
    same_day = Counter((staff, day) for staff, day, _ in steps)
    numbered: list[tuple[str, date, int]] = []
    for (staff, day), count in sorted(same_day.items()):
        before = next(n for s, d, n in steps if (s, d) == (staff, day))
        numbered += [(staff, day, before + k) for k in range(1, count + 1)]
    return numbered


@given(found=matters, once_per=st.sampled_from(["verdict", "inquiry", "case", "complaint", "day"]),
       counting=st.sampled_from(["calendar", "rolling"]), period=st.sampled_from(["month", "quarter", "year"]),
       data=st.data())
def test_a_step_is_the_number_of_occurrences_in_its_window_whatever_rules_judged_them(
    found: list[tuple[str, int, list[tuple[str, int]]]], once_per: str, counting: str, period: str,
    data: st.DataObject,
) -> None:
    """ESC-2, FIR-9, OTN-6: each ladder verdict's step (``quantity``) is the number of occurrences counted in its
    window up to it — one per matter under ``once_per`` — and its rung is that step's; judging each matter by
    other rules of ``counts`` changes no step."""
    ladder = OffenceLadder.model_validate({
        "kind": "offence-ladder", "rule": "ESC-2", "counts": list(COUNTED), "once_per": once_per,
        "counting": counting, "period": period, "source": CITED.model_dump(),
        "tiers": [{"occurrence": n, "tier": f"第{n}次", "level": n} for n in (1, 2, 3)]})
    verdicts = judged(found)
    context = Context(variant="v", calendar=WorkCalendar.china(), as_of=LAST_DAY, verdicts=tuple(verdicts))
    steps = [(v.staff or "", v.on, int(v.quantity or 0)) for v in ladder.evaluate(NO_BOOKS, context)]
    assert sorted(steps) == expected_steps(verdicts, ladder)
    for verdict in ladder.evaluate(NO_BOOKS, context):
        rung = ladder.rung(int(verdict.quantity or 0))
        assert rung is not None and verdict.sanction == rung.sanction
    relabelled = [(staff, offset, [(data.draw(st.sampled_from(COUNTED)), later) for _, later in rules])
                  for staff, offset, rules in found]
    again = Context(variant="v", calendar=WorkCalendar.china(), as_of=LAST_DAY, verdicts=tuple(judged(relabelled)))
    assert sorted((v.staff or "", v.on, int(v.quantity or 0)) for v in ladder.evaluate(NO_BOOKS, again)) == sorted(
        steps)
