"""Rule families as declared units: the unions, the books, the catalogue and the notes are built from them,
and a family of another package is read, judged, linted and found like a built-in one.

The outside family of these tests, ``desk``, encodes one line of an invented township text,
某镇便民服务中心窗口工作规范 第三条: "窗口桌面应保持整洁，物品摆放有序。" (ZM-1): each desk
check that finds a window's desk untidy costs the staff member checked one point.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import Field

from bianmin_rules import (
    Book,
    Books,
    Context,
    EvaluationError,
    EventBase,
    Families,
    Family,
    FamilyError,
    PolicyBase,
    Variant,
    VariantError,
    Verdict,
    VerdictKind,
    evaluate,
    installed_families,
    lint_text,
    load_variant,
    read_events,
)
from bianmin_rules.cli.main import main
from bianmin_rules.core.events import Name, example
from bianmin_rules.core.verdicts import answerable
from bianmin_rules.families import BUILTIN
from bianmin_rules.intake import families as installed

AS_OF = date(2026, 3, 31)
RULE = "ZM-1"
QUOTE = "窗口桌面应保持整洁，物品摆放有序。"
SOURCE = {"document": "某镇便民服务中心窗口工作规范", "article": "第三条", "quote": QUOTE}


class DeskChecked(EventBase):
    """An inspector checked a window's desk (``staff``: who sits at it)."""

    model_config = example('{"type": "desk_checked", "id": "d1", "at": "2026-03-02T09:00:00", "window": "W-1", '
                           '"staff": "S-1", "tidy": false}')

    type: Literal["desk_checked"] = "desk_checked"
    staff: Name = Field(description="Who sits at the desk.")
    tidy: bool = Field(description="Was it tidy?")


@dataclass(frozen=True, slots=True)
class Check:
    """One desk check, as the ledger keeps it."""

    at: datetime
    event: str
    window: str | None
    staff: str
    tidy: bool


class DeskLedger:
    """Files desk checks; closes into one tuple in time order."""

    handles: tuple[type[EventBase], ...] = (DeskChecked,)

    def __init__(self) -> None:
        self._checks: list[Check] = []

    def record(self, event: DeskChecked) -> None:
        self._checks.append(Check(event.at, event.id, event.window, event.staff, event.tidy))

    def close(self) -> tuple[Check, ...]:
        return tuple(sorted(self._checks, key=lambda check: (check.at, check.event)))


DESK_CHECKS: Book[tuple[Check, ...]] = Book("desk_checks", DeskLedger)


class TidyDesk(PolicyBase):
    """ZM-1: a desk found untidy is a violation of whoever sits at it."""

    kind: Literal["tidy-desk"] = "tidy-desk"
    windows: tuple[str, ...] = Field(min_length=1, description="The windows whose desks are checked.")

    def evaluate(self, books: Books, context: Context) -> Iterator[Verdict]:
        for check in books[DESK_CHECKS]:
            if not check.tidy and check.window in self.windows:
                yield self.verdict(
                    context, subject=answerable(check.staff), kind=VerdictKind.VIOLATION, on=check.at.date(),
                    explanation=f"{check.at.date()} 检查发现桌面不整洁。", evidence=(check.event,),
                    window=check.window, staff=check.staff,
                )


def unchecked_windows(books: Books) -> Iterator[str]:
    """A note when no desk was checked at all."""
    if not books[DESK_CHECKS]:
        yield "窗口桌面：日志中没有检查记录，无法检查 ZM-1。"


DESK = Family(
    name="desk", title="window desks (桌面)", rules={RULE: "Tidy desk"}, events=(DeskChecked,),
    books=(DESK_CHECKS,), policies=(TidyDesk,), notes=unchecked_windows,
)
WITH_DESK = Families(*BUILTIN, DESK)

TOWN = """\
extends = "county-centre"
name = "desk-town"
title = "某镇便民服务中心"
source = { document = "某镇便民服务中心窗口工作规范" }

[[policies]]
kind = "tidy-desk"
rule = "ZM-1"
points = -1
windows = ["W-civil"]
source = { document = "某镇便民服务中心窗口工作规范", article = "第三条", quote = "窗口桌面应保持整洁，物品摆放有序。" }
"""

LOG = [
    '{"type": "case_received", "id": "c1", "at": "2026-03-02T09:00:00", "case": "C-1", "case_type": "immediate", '
    '"window": "W-civil", "staff": "S-li"}',
    '{"type": "case_completed", "id": "c2", "at": "2026-03-02T10:00:00", "case": "C-1", "window": "W-civil", '
    '"staff": "S-li"}',
    '{"type": "desk_checked", "id": "d1", "at": "2026-03-03T09:00:00", "window": "W-civil", "staff": "S-li", '
    '"tidy": false}',
    '{"type": "desk_checked", "id": "d2", "at": "2026-03-04T09:00:00", "window": "W-civil", "staff": "S-li", '
    '"tidy": true}',
    '{"type": "desk_checked", "id": "d3", "at": "2026-03-05T09:00:00", "window": "W-tax", "staff": "S-wu", '
    '"tidy": false}',
]


def tidy_desk(**fields: Any) -> TidyDesk:
    return TidyDesk(rule=RULE, source=SOURCE, points=Decimal(-1), windows=("W-civil",), **fields)


def desk_town(families: Families = WITH_DESK) -> Variant:
    county = load_variant("county-centre")
    return Variant(**{**dict(county), "name": "desk-town", "policies": (*county.policies, tidy_desk()),
                      "families": families})


def test_the_built_in_families_declare_each_catalogue_rule_once() -> None:
    """The 84 rules of the catalogue, each declared by one family: the core keeps the calendar's, the case
    types' (CASE-2) and the tables' (SC); a ladder family keeps the ladders other texts write (OTN-6, FIR-9)."""
    assert len(BUILTIN.rules) == sum(len(family.rules) for family in BUILTIN) == 84
    assert list(BUILTIN.by_name("ladders").rules) == ["OTN-6", "FIR-9", "ATT-6", "ATT-7", "ESC-1", "ESC-2"]
    assert list(BUILTIN.by_name("core").rules)[:4] == ["CAL-1", "CAL-2", "CAL-3", "CASE-2"]
    assert [family.name for family in BUILTIN][-1] == "core"


def test_the_unions_and_the_schema_are_built_from_the_families() -> None:
    """One more family, one more event type in the log's schema and one more policy kind a file may name."""
    assert "desk_checked" not in BUILTIN.event_types
    assert list(WITH_DESK.event_types)[-2:] == ["desk_checked", "assessment_scored"]  # the core's last
    assert len(WITH_DESK.event_types) == len(BUILTIN.event_types) + 1
    refs = [option["$ref"] for option in WITH_DESK.event_json_schema()["oneOf"]]
    assert "#/$defs/DeskChecked" in refs and len(refs) == len(WITH_DESK.events)
    kinds = Variant.json_schema(WITH_DESK)["$defs"]
    assert "TidyDesk" in kinds and "TidyDesk" not in Variant.json_schema()["$defs"]


def test_a_variant_holds_a_policy_of_an_outside_family() -> None:
    """A PolicyBase of any family is accepted as it is; the variant is judged with the families it holds."""
    variant = desk_town()
    assert isinstance(variant.policies[-1], TidyDesk) and variant.families == WITH_DESK
    alone = desk_town(BUILTIN)  # accepted too, but no family of its own keeps the desk checks
    with pytest.raises(EvaluationError, match="no family evaluated keeps the book 'desk_checks'"):
        evaluate(alone, [], as_of=AS_OF)


def test_a_variant_file_names_an_outside_kind_among_its_families() -> None:
    variant = Variant.from_toml(TOWN, origin="desk-town.toml", load_parent=county_data, families=WITH_DESK)
    assert variant.policies[-1] == tidy_desk(id=None) and variant.families == WITH_DESK
    assert Variant.from_toml(variant.to_toml(), origin="printed", families=WITH_DESK) == variant
    with pytest.raises(VariantError) as caught:
        Variant.from_toml(TOWN, origin="desk-town.toml", load_parent=county_data)
    assert caught.value.key == f"policies[{len(variant.policies) - 1}].kind" and "'tidy-desk'" in caught.value.message


def county_data(reference: str, origin: str) -> tuple[dict[str, Any], str]:
    return load_variant("county-centre").model_dump(mode="json", exclude_none=True), reference


def test_an_outside_family_is_evaluated_like_a_built_in_one() -> None:
    """ZM-1 第三条: the untidy desk of W-civil costs S-li one point; W-tax's is not a window the variant checks.
    The family's note comes after the built-in families' notes, and only where its book is empty."""
    report = evaluate(desk_town(), read_events(LOG, families=WITH_DESK), as_of=AS_OF)
    (zm,) = [v for v in report.verdicts if v.rule == RULE]
    assert (zm.subject.id, zm.on, zm.points, zm.evidence, zm.source.article) == (
        "S-li", date(2026, 3, 3), Decimal(-1), ("d1",), "第三条")
    assert report.notes == ()
    empty = evaluate(desk_town(), read_events(LOG[:2], families=WITH_DESK), as_of=AS_OF)
    assert empty.notes == ("窗口桌面：日志中没有检查记录，无法检查 ZM-1。",)


def test_lint_knows_an_outside_family() -> None:
    """A blank parameter of the outside kind is a finding on its line; an undeclared rule ID is unknown."""
    blank = TOWN.replace('windows = ["W-civil"]\n', "")
    report = lint_text(blank, origin="desk-town.toml", read_parent=county_text, families=WITH_DESK)
    (finding,) = report.unaccepted
    assert (finding.rule, finding.code, finding.file, finding.line) == (RULE, "blank", "desk-town.toml", 6)
    other = TOWN.replace('"ZM-1"', '"ZM-2"')
    unknown = lint_text(other, origin="t.toml", read_parent=county_text, families=WITH_DESK)
    assert [(f.code, f.line) for f in unknown.unaccepted] == [("unknown-rule", 8)]
    without = lint_text(TOWN, origin="t.toml", read_parent=county_text)
    assert [(f.code, f.line) for f in without.unaccepted] == [("invalid", 7), ("unknown-rule", 8)]


def county_text(reference: str, referrer: str) -> tuple[str, str]:
    from bianmin_rules.intake.files import variant_text

    return variant_text(reference, referrer)


@pytest.mark.parametrize(("family", "message"), [
    (Family(name="cases", title="", rules={}), "two families have this name"),
    (Family(name="copy", title="", rules={"TL-1": "Immediate cases"}), "the rule 'TL-1' belongs to the family 'cases'"),
    (Family(name="copy", title="", rules={}, events=(BUILTIN.event_types["case_received"],)),
     "the event type 'case_received' belongs to the family 'cases'"),
    (Family(name="copy", title="", rules={}, books=(Book("cases", DeskLedger),)), "the book 'cases'"),
])
def test_two_families_cannot_claim_one_thing(family: Family, message: str) -> None:
    with pytest.raises(FamilyError, match=message):
        Families(*BUILTIN, family)


def test_a_family_declares_rule_ids_and_tagged_models() -> None:
    with pytest.raises(FamilyError, match="'zm-1' is not a rule ID"):
        Family(name="desk", title="", rules={"zm-1": "Tidy desk"})
    with pytest.raises(FamilyError, match="PolicyBase has no kind literal"):
        Family(name="desk", title="", rules={}, policies=(PolicyBase,))


def entry(value: str) -> EntryPoint:
    return EntryPoint(name="desk", value=value, group=installed.GROUP)


def test_installed_families_are_found_through_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(installed, "entry_points", lambda group: [])
    assert installed_families() is BUILTIN
    monkeypatch.setattr(installed, "entry_points", lambda group: [entry("tests.test_families:DESK")])
    assert installed_families() == WITH_DESK
    monkeypatch.setattr(installed, "entry_points", lambda group: [entry("tests.test_families:TidyDesk")])
    with pytest.raises(FamilyError, match=r"'tests\.test_families:TidyDesk' is a ModelMetaclass, not a Family"):
        installed_families()
    monkeypatch.setattr(installed, "entry_points", lambda group: [entry("tests.no_such_module:FAMILY")])
    with pytest.raises(FamilyError, match=r"cannot load 'tests\.no_such_module:FAMILY' \(ModuleNotFoundError"):
        installed_families()


def test_the_command_line_reads_the_installed_families(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """``bianmin-rules evaluate`` reads a log and a variant file of an installed outside family; a broken
    entry point is one line and status 2."""
    monkeypatch.setattr(installed, "entry_points", lambda group: [entry("tests.test_families:DESK")])
    (tmp_path / "town.toml").write_text(TOWN, encoding="utf-8")
    (tmp_path / "log.jsonl").write_text("\n".join(LOG) + "\n", encoding="utf-8")
    status = main(["evaluate", str(tmp_path / "log.jsonl"), "--variant", str(tmp_path / "town.toml"),
                   "--as-of", "2026-03-31", "--format", "csv"])
    rows = [line for line in capsys.readouterr().out.splitlines() if ",ZM-1," in line]
    assert status == 0 and rows == [
        "2026-03-03,ZM-1,violation,staff:S-li,,W-civil,S-li,-1,0,0,0,,,,,d1,某镇便民服务中心窗口工作规范 第三条,"
        "2026-03-03 检查发现桌面不整洁。,False,"]  # no version: the rules are in force always
    assert main(["schema", "events"]) == 0 and '"desk_checked"' in capsys.readouterr().out
    monkeypatch.setattr(installed, "entry_points", lambda group: [entry("tests.no_such_module:FAMILY")])
    assert main(["lint", "county-centre"]) == 2
    assert capsys.readouterr().err.startswith("bianmin-rules: error: family 'desk': cannot load")
