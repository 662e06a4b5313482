"""Hypothesis strategies for property tests of code that uses bianmin-rules.

Install with the ``testing`` extra (``pip install 'bianmin-rules[testing]'``)::

    from hypothesis import given
    from bianmin_rules.authoring.testing import event_logs, variants

    @given(variants(), event_logs())
    def test_my_dashboard_never_crashes(variant, log):
        report = evaluate(variant, log, as_of=LOG_END)
        ...

- :func:`official_dates` and :func:`official_datetimes`: days and China-time moments
  inside the years whose official holiday schedule the calendar holds;
- :func:`events`: a valid event of any type (or of the given types), built from the
  event models' own JSON Schema, so every event type the library knows is covered;
- :func:`event_logs`: coherent logs of one centre: cases received before they are
  notified, completed or rejected, findings on staff of the centre's windows; with
  ``timed``, also what moves the rules' clocks and meets their limits;
- :func:`variants`: the built-in variants with their numeric parameters perturbed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from hypothesis import strategies as st
from pydantic import ValidationError

from bianmin_rules.core.calendar import CHINA_TZ, LAST_OFFICIAL_YEAR, WorkCalendar
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.family import Families
from bianmin_rules.core.variant import Variant
from bianmin_rules.families import BUILTIN, EVENT_ADAPTER, Event
from bianmin_rules.intake.files import builtin_variant_names, load_variant

FIRST_LOG_YEAR = 2021
"""The first year the strategies draw from: recent years with known official schedules."""

IDENTIFIER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"


def official_dates(first: date = date(FIRST_LOG_YEAR, 1, 1), last: date | None = None) -> st.SearchStrategy[date]:
    """Days within the official calendar (default: 2021 to the last official year)."""
    return st.dates(min_value=first, max_value=last or date(LAST_OFFICIAL_YEAR, 12, 31))


def working_days(first: date = date(FIRST_LOG_YEAR, 1, 1), last: date | None = None) -> st.SearchStrategy[date]:
    """Working days within the official calendar (CAL-1)."""
    calendar = WorkCalendar.china()
    return official_dates(first, last).map(lambda day: calendar.add_working_days(day, 0)).filter(
        lambda day: day.year <= LAST_OFFICIAL_YEAR
    )


def official_datetimes(
    first: date = date(FIRST_LOG_YEAR, 1, 1), last: date | None = None
) -> st.SearchStrategy[datetime]:
    """Aware China-time moments on days within the official calendar, to the minute."""
    return st.builds(
        lambda day, minute: datetime.combine(day, time(), tzinfo=CHINA_TZ) + timedelta(minutes=minute),
        official_dates(first, last),
        st.integers(min_value=0, max_value=24 * 60 - 1),
    )


def identifiers(prefix: str = "") -> st.SearchStrategy[str]:
    """Short readable ids (e.g. ``S-4``)."""
    return st.text(IDENTIFIER_ALPHABET, min_size=1, max_size=6).map(lambda text: prefix + text)


def events(*types: type[EventBase], families: Families = BUILTIN) -> st.SearchStrategy[Event]:
    """A valid event of one of ``types`` (default: any type ``families`` know; by default the library's own)."""
    chosen = types or families.events
    schema = families.event_json_schema()
    definitions = schema.get("$defs", {})
    options = [
        from_schema(definitions[model.__name__], definitions).map(partial(_validated, families, model))
        for model in chosen
    ]
    return st.one_of(options).filter(lambda event: event is not None)  # type: ignore[return-value]


def _validated(families: Families, model: type[EventBase], data: dict[str, Any]) -> Event | None:
    """The event, or None where a model validator refuses what the schema allowed."""
    try:
        return families.event_adapter.validate_python({**data, "type": model.model_fields["type"].default})
    except ValueError:
        return None


def from_schema(schema: Mapping[str, Any], definitions: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid for a (pydantic-generated) JSON Schema, drawn from readable, in-calendar ranges."""
    if "$ref" in schema:
        return from_schema(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions)
    if "anyOf" in schema:
        return st.one_of([from_schema(option, definitions) for option in schema["anyOf"]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        return _object(schema, definitions)
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {}), definitions),
            min_size=schema.get("minItems", 0), max_size=max(schema.get("minItems", 0), 3),
        )
    scalar: Scalar = SCALARS.get((str(kind), schema.get("format")), _nothing)
    return scalar(schema)


def _object(schema: Mapping[str, Any], definitions: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    return st.fixed_dictionaries(
        {name: from_schema(prop, definitions) for name, prop in properties.items() if name in required},
        optional={name: from_schema(prop, definitions) for name, prop in properties.items() if name not in required},
    )


def _strings(schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
    return st.text(IDENTIFIER_ALPHABET, min_size=max(1, schema.get("minLength", 1)), max_size=8)


def _integers(schema: Mapping[str, Any]) -> st.SearchStrategy[int]:
    low = schema.get("minimum", schema.get("exclusiveMinimum", -1) + 1 if "exclusiveMinimum" in schema else 0)
    return st.integers(min_value=low, max_value=low + 30)


def _decimals(schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
    low = Decimal(str(schema.get("minimum", schema.get("exclusiveMinimum", 0))))
    return st.decimals(min_value=low, max_value=low + 20, places=1).filter(
        lambda d: "exclusiveMinimum" not in schema or d > low
    ).map(str)


Scalar = Callable[[Mapping[str, Any]], st.SearchStrategy[Any]]


def _nothing(schema: Mapping[str, Any]) -> st.SearchStrategy[None]:
    return st.none()


SCALARS: dict[tuple[str, str | None], Scalar] = {
    ("string", None): _strings,
    ("string", "date"): lambda schema: official_dates().map(date.isoformat),
    ("string", "date-time"): lambda schema: official_datetimes().map(datetime.isoformat),
    ("string", "decimal"): _decimals,
    ("number", None): _decimals,
    ("integer", None): _integers,
    ("boolean", None): lambda schema: st.booleans(),
    ("null", None): lambda schema: st.none(),
}


PERTURBABLE = frozenset({"amount", "points", "fine", "serious_points", "serious_fine"})
"""The parameters :func:`variants` moves: limits, points and fines."""


def variants(names: tuple[str, ...] | None = None, *, spread: int = 3) -> st.SearchStrategy[Variant]:
    """Built-in variants with their limits, points and fines moved by up to ``spread``, keeping their sign."""
    chosen = names or tuple(builtin_variant_names())
    return st.sampled_from(chosen).flatmap(lambda name: perturbed(load_variant(name), spread))


def perturbed(variant: Variant, spread: int) -> st.SearchStrategy[Variant]:
    """``variant`` with each policy's limits, points and fines nudged."""
    def nudge(value: Any, draw: st.DrawFn) -> Any:
        if isinstance(value, dict):
            return {key: nudge_number(item, draw) if key in PERTURBABLE else nudge(item, draw)
                    for key, item in value.items()}
        return value

    def nudge_number(value: Any, draw: st.DrawFn) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return value
        moved = value + draw(st.integers(min_value=-spread, max_value=spread))
        return moved if (moved > 0) == (value > 0) and (moved < 0) == (value < 0) else value

    @st.composite
    def build(draw: st.DrawFn) -> Variant:
        data = variant.model_dump()
        data["policies"] = [nudge(policy, draw) for policy in data["policies"]]
        try:
            return type(variant).model_validate({**data, "families": variant.families})
        except ValidationError:
            return variant  # a nudge the variant's own checks refuse (e.g. a ladder out of order)

    return build()


@st.composite
def event_logs(
    draw: st.DrawFn, *, first: date = date(2026, 1, 1), last: date = date(2026, 12, 31), max_cases: int = 12,
    case_types: tuple[str, ...] = ("immediate", "promised", "supplement", "rejected"), timed: bool = False,
) -> list[Event]:
    """A coherent log of one centre between ``first`` and ``last``.

    Cases are received first, then (in order, each maybe) notified, completed or rejected;
    staff sign in before they sign out, on working days; inquiries are asked, maybe handed
    over, taken and answered, in that order; complaints are answered after they are made;
    findings and service evaluations concern staff of the centre's windows. Ids are unique.
    The log is in time order; shuffle it to test order independence.

    With ``timed``, the log also holds what starts, moves and meets the rules' clocks: receipt
    notices, entries in the online system, suspensions and resumptions, extensions, joint
    cases forwarded to other windows and their decisions, referrals to absent handlers,
    follow-ups, complaints of every category explained, escalated and answered late, leave
    requested (some after the fact) and approved, and monthly reports of the register — the
    matters an agenda lists (:func:`bianmin_rules.agenda`).
    """
    windows = draw(st.lists(identifiers("W"), min_size=1, max_size=3, unique=True))
    staff = {window: draw(st.lists(identifiers(f"S{window}"), min_size=1, max_size=2, unique=True))
             for window in windows}
    people = [(window, person) for window in windows for person in staff[window]]
    rows: list[dict[str, Any]] = []
    for number in range(draw(st.integers(min_value=0, max_value=max_cases))):
        window, person = draw(st.sampled_from(people))
        rows += draw(case_history(f"C{number}", window, person, first, last, case_types))
        if timed:
            rows += draw(case_clocks(rows, f"C{number}", people, last))
    for number in range(draw(st.integers(min_value=0, max_value=3))):
        rows += draw(inquiry_history(f"Q{number}", people, first, last))
        if timed:
            rows += draw(inquiry_follow_ups(rows, f"Q{number}", people, last))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        rows += draw(working_day(draw(st.sampled_from(people)), first, last))
    for number in range(draw(st.integers(min_value=0, max_value=2))):
        rows += draw(complaint_history(f"K{number}", people, first, last, timed=timed))
    if timed:
        for number in range(draw(st.integers(min_value=0, max_value=2))):
            rows += draw(leave_history(f"L{number}", draw(st.sampled_from(people)), first, last))
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            rows += draw(monthly_report(first, last))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        window, person = draw(st.sampled_from(people))
        rows.append({
            "type": "finding_recorded", "at": draw(official_datetimes(first, last)), "window": window,
            "staff": person, "finding": draw(st.sampled_from(FINDING_CODES)),
        })
    rows.sort(key=lambda row: row["at"])
    return [EVENT_ADAPTER.validate_python({"id": f"e{index}", **row}) for index, row in enumerate(rows)]


FINDING_CODES = ("late", "no_badge", "messy_desk", "untidy", "fee_rate_changed", "wrong_result")
"""Finding codes the built-in variants price (a code no policy names is simply not counted)."""


@st.composite
def working_day(draw: st.DrawFn, who: tuple[str, str], first: date, last: date) -> list[dict[str, Any]]:
    """One person's day: signed in, maybe stepping out and back, signed out — in that order."""
    window, person = who
    day = draw(working_days(first, last))
    common = {"window": window, "staff": person}
    arrive = datetime.combine(day, time(8, 30), tzinfo=CHINA_TZ) + timedelta(minutes=draw(st.integers(0, 60)))
    leave = datetime.combine(day, time(17), tzinfo=CHINA_TZ) + timedelta(minutes=draw(st.integers(0, 60)))
    rows: list[dict[str, Any]] = [{"type": "signed_in", "at": arrive, **common}]
    if draw(st.booleans()):
        out = arrive + timedelta(minutes=draw(st.integers(30, 120)))
        rows += [{"type": "post_left", "at": out, **common},
                 {"type": "post_returned", "at": out + timedelta(minutes=draw(st.integers(5, 90))), **common}]
    rows.append({"type": "signed_out", "at": leave, **common})
    return rows


@st.composite
def inquiry_history(
    draw: st.DrawFn, inquiry: str, people: list[tuple[str, str]], first: date, last: date
) -> list[dict[str, Any]]:
    """One inquiry's chain: asked, maybe referred, taken, maybe answered — in that order."""
    window, person = draw(st.sampled_from(people))
    asked = draw(official_datetimes(first, last))
    rows: list[dict[str, Any]] = [{
        "type": "inquiry_received", "at": asked, "inquiry": inquiry, "window": window, "staff": person,
        "channel": draw(st.sampled_from(["in_person", "phone"])), "remit": draw(st.sampled_from(["own", "centre"])),
    }]
    handler_window, handler = window, person
    if draw(st.booleans()):
        handler_window, handler = draw(st.sampled_from(people))
        rows.append({"type": "inquiry_referred", "at": asked + timedelta(minutes=5), "inquiry": inquiry,
                     "staff": person, "to_window": handler_window, "to_staff": handler})
    rows.append({"type": "inquiry_taken", "at": asked + timedelta(minutes=10), "inquiry": inquiry,
                 "window": handler_window, "staff": handler})
    if draw(st.booleans()):
        rows.append({"type": "inquiry_replied", "at": asked + timedelta(hours=draw(st.integers(1, 72))),
                     "inquiry": inquiry, "staff": handler})
    return [row for row in rows if row["at"].date() <= last]


@st.composite
def complaint_history(
    draw: st.DrawFn, complaint: str, people: list[tuple[str, str]], first: date, last: date, *, timed: bool = False,
) -> list[dict[str, Any]]:
    """One complaint about someone on duty, maybe answered later; with ``timed``, of any category, maybe
    explained to the complainant with a new date and escalated."""
    window, person = draw(st.sampled_from(people))
    made = draw(official_datetimes(first, last))
    form = draw(st.sampled_from(["oral", "written"]))
    category = draw(st.sampled_from(["ordinary", "complex", "major"])) if timed else "ordinary"
    rows: list[dict[str, Any]] = [{
        "type": "complaint_received", "at": made, "complaint": complaint, "staff": "S-office", "form": form,
        "category": category, "about_staff": person, "about_window": window, "complainant_name": "张三",
        "complainant_phone": "13800000000",
    }]
    if timed and draw(st.booleans()):
        explained = made + timedelta(hours=draw(st.integers(1, 200)))
        rows.append({"type": "complaint_delay_explained", "at": explained, "complaint": complaint,
                     "staff": "S-office", "new_date": explained.date() + timedelta(days=draw(st.integers(0, 20)))})
    if timed and draw(st.booleans()):
        rows.append({"type": "complaint_escalated", "at": made + timedelta(hours=draw(st.integers(1, 72))),
                     "complaint": complaint, "staff": "S-office", "written": draw(st.booleans()),
                     "to": draw(st.lists(st.sampled_from(ESCALATED_TO), min_size=1, max_size=3, unique=True))})
    if draw(st.booleans()):
        rows.append({"type": "complaint_answered", "at": made + timedelta(hours=draw(st.integers(1, 400 if timed
                                                                                               else 200))),
                     "complaint": complaint, "staff": "S-office", "form": form})
    return [row for row in rows if row["at"].date() <= last]


ESCALATED_TO = ("leadership", "discipline", "party_committee", "government")
"""The bodies the built-in variants send major complaints to (CMP-6)."""


def later_than(moment: datetime, draw: st.DrawFn, *, days: int) -> datetime:
    """A moment up to ``days`` days after ``moment``, to the minute."""
    return moment + timedelta(minutes=draw(st.integers(min_value=1, max_value=days * 24 * 60)))


@st.composite
def case_clocks(
    draw: st.DrawFn, rows: list[dict[str, Any]], case: str, people: list[tuple[str, str]], last: date,
) -> list[dict[str, Any]]:
    """What moves or meets a received case's clocks: a receipt notice, the entry in the online system,
    a suspension (maybe resumed), an extension, and for a joint case its forwards and the windows' acts."""
    received = next((row for row in rows if row.get("case") == case and row["type"] == "case_received"), None)
    if received is None:
        return []
    at, common = received["at"], {"case": case, "window": received["window"], "staff": received["staff"]}
    extra: list[dict[str, Any]] = []
    if draw(st.booleans()):
        promised = at.date() + timedelta(days=draw(st.integers(0, 30)))
        extra.append({"type": "receipt_notice_issued", "at": later_than(at, draw, days=2), "promised_date": promised,
                      **common})
    if draw(st.booleans()):
        extra.append({"type": "case_registered", "at": later_than(at, draw, days=3), **common})
    if draw(st.booleans()):
        held = later_than(at, draw, days=10)
        extra.append({"type": "case_suspended", "at": held, "reason": "补正", **common})
        if draw(st.booleans()):
            extra.append({"type": "case_resumed", "at": later_than(held, draw, days=15), **common})
    if draw(st.booleans()):
        extra.append({"type": "extension_granted", "at": later_than(at, draw, days=15), "reason": "需组织专家评审",
                      "new_limit": draw(st.integers(1, 30)), "applicant_told_in_writing": draw(st.booleans()),
                      **common})
    if received["case_type"] == "joint":
        for window, person in draw(st.lists(st.sampled_from(people), min_size=1, max_size=2, unique=True)):
            forwarded = later_than(at, draw, days=2)
            extra.append({"type": "joint_review_forwarded", "at": forwarded, "to_window": window,
                          "limit": draw(st.integers(1, 10)), **common})
            act = draw(st.sampled_from(["joint_review_decided", "joint_meeting_attended", None]))
            if act is not None:
                extra.append({"type": act, "at": later_than(forwarded, draw, days=15), "case": case, "window": window,
                              "staff": person, **({"approved": True} if act == "joint_review_decided"
                                                  else {"meeting": "inspection"})})
    return [row for row in extra if row["at"].date() <= last]


@st.composite
def inquiry_follow_ups(
    draw: st.DrawFn, rows: list[dict[str, Any]], inquiry: str, people: list[tuple[str, str]], last: date,
) -> list[dict[str, Any]]:
    """For a referred inquiry, maybe follow-ups by the first-inquiry person; maybe a referral to an absent
    handler with the matter recorded and an appointment arranged."""
    asked = next((row for row in rows if row.get("inquiry") == inquiry and row["type"] == "inquiry_received"), None)
    if asked is None:
        return []
    first, at = asked["staff"], asked["at"]
    extra: list[dict[str, Any]] = []
    if any(row.get("inquiry") == inquiry and row["type"] == "inquiry_referred" for row in rows):
        moment = at
        for _ in range(draw(st.integers(0, 2))):
            moment = later_than(moment, draw, days=10)
            extra.append({"type": "inquiry_followed_up", "at": moment, "inquiry": inquiry, "staff": first})
    if draw(st.booleans()):
        window, handler = draw(st.sampled_from(people))
        extra.append({"type": "inquiry_referred", "at": at + timedelta(minutes=2), "inquiry": inquiry, "staff": first,
                      "to_window": window, "to_staff": handler, "handler_absent": True})
        if draw(st.booleans()):
            extra.append({"type": "inquiry_recorded", "at": later_than(at, draw, days=2), "inquiry": inquiry,
                          "staff": first, "contact_recorded": draw(st.booleans())})
        if draw(st.booleans()):
            extra.append({"type": "appointment_arranged", "at": later_than(at, draw, days=2), "inquiry": inquiry,
                          "staff": first, "with_staff": handler, "appointment": later_than(at, draw, days=5),
                          "contact_given": draw(st.booleans())})
    return [row for row in extra if row["at"].date() <= last]


@st.composite
def leave_history(draw: st.DrawFn, leave: str, who: tuple[str, str], first: date, last: date) -> list[dict[str, Any]]:
    """One leave request, made before the leave or after it began, maybe approved."""
    window, person = who
    asked = draw(official_datetimes(first, last))
    start = asked + timedelta(hours=draw(st.integers(-72, 120)))
    rows: list[dict[str, Any]] = [{
        "type": "leave_requested", "at": asked, "staff": person, "window": window, "leave": leave,
        "leave_type": draw(st.sampled_from(["personal", "sick", "annual"])), "start": start,
        "end": start + timedelta(hours=draw(st.integers(4, 60))), "phoned_ahead": draw(st.booleans()),
    }]
    if draw(st.booleans()):
        rows.append({"type": "leave_approved", "at": later_than(asked, draw, days=4), "staff": person, "leave": leave,
                     "approver_role": draw(st.sampled_from(APPROVERS))})
    return [row for row in rows if row["at"].date() <= last]


APPROVERS = ("镇长", "分管领导", "主要领导", "中心主任", "窗口负责人")
"""Roles that approve leave in the built-in variants (LV-1)."""


@st.composite
def monthly_report(draw: st.DrawFn, first: date, last: date) -> list[dict[str, Any]]:
    """A village agent's monthly report of the register (REG-2), made in the following month."""
    covers = draw(official_dates(first, last)).replace(day=1)
    following = (covers + timedelta(days=31)).replace(day=draw(st.integers(1, 15)))
    made = datetime.combine(following, time(10), tzinfo=CHINA_TZ)
    row = {"type": "register_reported", "at": made, "staff": draw(st.sampled_from(["A-dongcun", "A-xicun"])),
           "act": "monthly_report", "covers": covers, "role": "village_agent"}
    return [row] if made.date() <= last else []


@st.composite
def case_history(
    draw: st.DrawFn, case: str, window: str, staff: str, first: date, last: date, case_types: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One case: received, then maybe a missing-materials notice, materials, and an ending."""
    received = draw(official_datetimes(first, last))
    case_type = draw(st.sampled_from(case_types))
    common = {"case": case, "window": window, "staff": staff}
    rows: list[dict[str, Any]] = [{
        "type": "case_received", "at": received, "case_type": case_type,
        "promised_limit": draw(st.integers(min_value=1, max_value=20)), "materials_complete": case_type != "supplement",
        **common,
    }]
    moment = received
    if case_type == "supplement":
        for kind, extra in (("missing_materials_notice", {"items": ["材料甲"]}), ("materials_completed", {})):
            moment += timedelta(minutes=draw(st.integers(min_value=1, max_value=10 * 24 * 60)))
            rows.append({"type": kind, "at": moment, **extra, **common})
    ending = draw(st.sampled_from(["open", "case_completed", "case_rejected"]))
    if ending != "open":
        moment += timedelta(minutes=draw(st.integers(min_value=1, max_value=20 * 24 * 60)))
        rows.append({"type": ending, "at": moment, **common})
    return [row for row in rows if row["at"].date() <= last]
