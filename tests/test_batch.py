"""Many centres on Dask: each centre's rows are what `evaluate` gives it alone; failures stay with their centre;
a re-run skips what is unchanged and resumes what was interrupted.

The tests share one local cluster of two worker processes and evaluate small logs.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import dask
import duckdb
import pyarrow.compute as pc
import pytest
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

from bianmin_rules import Report, VerdictKind, builtin_variant_names, evaluate, load_variant, read_events, scale
from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.cli.main import main
from bianmin_rules.core.errors import ManifestError, OutputError
from bianmin_rules.scale import (
    Centre,
    CentreOutcome,
    Manifest,
    Status,
    evaluate_many,
    open_table,
    read_manifest,
    read_summary,
)
from bianmin_rules.scale.arrow import DECIMAL, TABLES, arrow_table, exact, schema
from bianmin_rules.views import tables as views
from tests.test_confidentiality import NAME, assert_secret, complaint_rows, variant_toml


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One local cluster for the module: two worker processes of one thread, as the batch starts by default."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as connected:
        yield connected


def write_log(path: Path, variant: str, *, events: int = 800, seed: int = 1) -> Path:
    """A small synthetic log of a centre whose receipts ``variant`` declares (CASE-2)."""
    rows = generate(events, seed=seed, windows=3, case_types=load_variant(variant).case_types)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def alone(variant: str, log: Path, as_of: date) -> Report:
    """What `evaluate` gives one centre alone."""
    with log.open("rb") as lines:
        return evaluate(load_variant(variant), read_events(lines, source=str(log)), as_of=as_of)


def typed_rows(report: Report, table: str) -> list[dict[str, Any]]:
    """A report's rows of one table as every view reads them (:mod:`bianmin_rules.views.tables`), by column id.

    Decimals are as stored: exact to 18 places.
    """
    (found,) = (t for t in views.report_tables(report) if t.spec.id == table)
    return [
        dict(zip(found.spec.column_ids, (exact(cell) if isinstance(cell, Decimal) else cell for cell in row),
                 strict=True))
        for row in found.rows()
    ]


def rows_of(out: Path, table: str, centre: str) -> list[dict[str, Any]]:
    """One centre's rows of one table of the dataset, read back with pyarrow, in file order."""
    read = open_table(out, table).to_table(filter=pc.field("centre") == centre)
    return read.drop_columns(["centre"]).to_pylist()


def write_manifest(folder: Path, text: str) -> Path:
    path = folder / "province.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three centres under three variants, their logs beside the manifest."""
    folder = tmp_path_factory.mktemp("province")
    (folder / "logs").mkdir()
    write_log(folder / "logs" / "dahe.jsonl", "dahe-town", seed=1)
    write_log(folder / "logs" / "county.jsonl", "county-centre", seed=2)
    write_log(folder / "logs" / "shouzhan.jsonl", "shouzhan-town", seed=3)
    return write_manifest(folder, """
as_of = 2026-03-31

[[centres]]
id = "大河镇"
variant = "dahe-town"
logs = ["logs/dahe.jsonl"]

[[centres]]
id = "001"
variant = "county-centre"
logs = ["logs/county.jsonl"]

[[centres]]
id = "shouzhan"
variant = "shouzhan-town"
logs = ["logs/shouzhan.jsonl"]
as_of = 2026-06-30
""")


# -- each centre's rows are what evaluate gives it alone -------------------------------------------------------


@st.composite
def centres(draw: st.DrawFn) -> list[tuple[str, int, int, date]]:
    """Two or three centres: a built-in variant, a seed, a size and a day of evaluation each."""
    return draw(st.lists(
        st.tuples(
            st.sampled_from(builtin_variant_names()), st.integers(1, 10_000), st.integers(50, 600),
            st.dates(date(2026, 1, 15), date(2026, 12, 31)),
        ),
        min_size=2, max_size=3,
    ))


@settings(max_examples=5)
@given(centres())
def test_each_centres_rows_equal_what_evaluate_gives_it_alone(client: Client, drawn: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        manifest = Manifest(centres=tuple(
            Centre(id=f"c{n}", variant=variant, logs=(str(write_log(root / f"c{n}.jsonl", variant, events=size,
                                                                     seed=seed)),), as_of=as_of)
            for n, (variant, seed, size, as_of) in enumerate(drawn)
        ))
        batch = evaluate_many(manifest, root / "out", scheduler=client)
        assert [o.status for o in batch.outcomes] == [Status.EVALUATED] * len(drawn)
        for centre in manifest.centres:
            report = alone(centre.variant, Path(centre.logs[0]), centre.as_of)
            for table in TABLES:
                assert rows_of(root / "out", table, centre.id) == typed_rows(report, table), (centre.id, table)


def test_the_rows_read_back_are_the_reports_values_exactly(client: Client, province: Path, tmp_path: Path) -> None:
    """Points and money are decimals read back exactly; days are days; a centre's verdicts are all its own."""
    evaluate_many(read_manifest(province), tmp_path, scheduler=client)
    report = alone("county-centre", province.parent / "logs" / "county.jsonl", date(2026, 3, 31))
    read = rows_of(tmp_path, "verdicts", "001")
    assert [(r["rule"], r["on"], r["points"], r["fine"]) for r in read] == [
        (v.rule, v.on, v.points, v.fine) for v in report.verdicts
    ]
    totals = rows_of(tmp_path, "totals", "001")
    assert [(r["subject_kind"], r["subject"], r["violations"], r["points"]) for r in totals] == [
        (t.subject.kind.value, t.subject.id, t.violations, t.points) for t in report.totals
    ]
    cards = rows_of(tmp_path, "cards", "001")
    assert [(r["subject"], r["period"], r["total"]) for r in cards] == [
        (c.subject.id, c.period.label, c.total) for c in report.scorecards
    ]
    fines = [r["fine"] for r in rows_of(tmp_path, "verdicts", "shouzhan") if r["fine"]]
    assert fines and set(fines) == {Decimal(200)}  # 首站镇: 200 yuan for each absence past the first (ATT-6)


def test_decimals_are_stored_exactly_to_18_places() -> None:
    """A half point, a twentieth of a bonus, a fen stay exact; a quotient that never ends is rounded at 18 places."""
    values = [Decimal("-0.5"), Decimal("0.05"), Decimal("1234567.89"), Decimal("0.000000000000000001"),
              Decimal(2) / Decimal(3)]
    table = arrow_table(schema(("points", DECIMAL)), [(value,) for value in values])
    assert table.column("points").to_pylist() == [*values[:4], Decimal("0.666666666666666667")]


def test_duckdb_reads_the_dataset_as_one_table_per_kind(client: Client, province: Path, tmp_path: Path) -> None:
    evaluate_many(read_manifest(province), tmp_path, scheduler=client)
    per_centre = dict(duckdb.sql(
        f"select centre, count(*) from read_parquet('{tmp_path}/verdicts/*/*.parquet') group by centre"
    ).fetchall())
    expected = {
        "大河镇": alone("dahe-town", province.parent / "logs" / "dahe.jsonl", date(2026, 3, 31)),
        "001": alone("county-centre", province.parent / "logs" / "county.jsonl", date(2026, 3, 31)),
        "shouzhan": alone("shouzhan-town", province.parent / "logs" / "shouzhan.jsonl", date(2026, 6, 30)),
    }
    assert per_centre == {centre: len(report.verdicts) for centre, report in expected.items()}
    [(fine,)] = duckdb.sql(
        f"select sum(fine) from read_parquet('{tmp_path}/totals/*/*.parquet') where centre = 'shouzhan'"
    ).fetchall()
    assert fine == sum(t.fine for t in expected["shouzhan"].totals) > 0  # 首站镇: money deducted, exactly
    summary = duckdb.sql(f"select centre, events_read, violations_by_rule from '{tmp_path}/summary.parquet'")
    for centre, events_read, by_rule in summary.fetchall():
        report = expected[centre]
        assert events_read == report.events_read
        assert by_rule == dict(Counter(v.rule for v in report.verdicts if v.kind is VerdictKind.VIOLATION))


def test_the_summary_has_a_row_per_centre_in_manifest_order(client: Client, province: Path, tmp_path: Path) -> None:
    batch = evaluate_many(read_manifest(province), tmp_path, scheduler=client)
    summary = read_summary(tmp_path).to_pylist()
    assert [row["centre"] for row in summary] == ["大河镇", "001", "shouzhan"]
    report = alone("shouzhan-town", province.parent / "logs" / "shouzhan.jsonl", date(2026, 6, 30))
    row = summary[2]
    assert row["status"] == "evaluated" and row["error"] is None and row["variant"] == "shouzhan-town"
    assert (row["as_of"], row["events_read"], row["verdicts"]) == (date(2026, 6, 30), report.events_read,
                                                                     len(report.verdicts))
    assert row["fine"] == sum(t.fine for t in report.totals)
    assert row["provisional"] is False
    assert set(summary[0]) == set(CentreOutcome.model_fields)  # every field of an outcome is a column
    assert batch.summary() == f"3 centres into {tmp_path}: 3 evaluated, 0 unchanged, 0 failed"


# -- a bad centre fails alone -----------------------------------------------------------------------------------


def test_bad_centres_are_reported_and_the_others_kept(client: Client, tmp_path: Path) -> None:
    write_log(tmp_path / "good.jsonl", "county-centre")
    (tmp_path / "bad.jsonl").write_text('{"id": "e1", "type": "case_received", "at": "2026-03-02T09:00"}\n',
                                        encoding="utf-8")
    manifest = write_manifest(tmp_path, """
as_of = 2026-03-31
[[centres]]
id = "good"
variant = "county-centre"
logs = ["good.jsonl"]
[[centres]]
id = "bad-log"
variant = "county-centre"
logs = ["bad.jsonl"]
[[centres]]
id = "no-log"
variant = "county-centre"
logs = ["missing.jsonl"]
[[centres]]
id = "bad-variant"
variant = "no-such-town"
logs = ["good.jsonl"]
[[centres]]
id = "undeclared"
variant = "shandong-guideline"
logs = ["good.jsonl"]
""")
    batch = evaluate_many(read_manifest(manifest), tmp_path / "out", scheduler=client)
    errors = {o.centre: o.error for o in batch.failures}
    assert set(errors) == {"bad-log", "no-log", "bad-variant", "undeclared"}
    assert errors["bad-log"] == f"{tmp_path / 'bad.jsonl'}:1: field 'case': missing: this field is required"
    assert errors["no-log"] == f"{tmp_path / 'missing.jsonl'}: cannot read the file (No such file or directory)"
    assert errors["bad-variant"].startswith("variant 'no-such-town': no such built-in variant")
    assert "is not declared by the variant (it declares: convenience_service" in str(errors["undeclared"])  # CASE-2
    assert rows_of(tmp_path / "out", "verdicts", "good")
    assert {row["centre"] for row in read_summary(tmp_path / "out").to_pylist() if row["error"]} == set(errors)


def test_the_command_line_names_the_failures_and_exits_2(
    client: Client, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = province.read_text(encoding="utf-8").replace('"logs/', f'"{province.parent}/logs/')
    manifest = write_manifest(tmp_path, text + '\n[[centres]]\nid = "lost"\nvariant = "dahe-town"\nlogs = ["x"]\n')
    out_folder = tmp_path / "out"
    status = main(["batch", str(manifest), "-o", str(out_folder), "--scheduler", client.scheduler.address])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == f"4 centres into {out_folder}: 3 evaluated, 0 unchanged, 1 failed\n"
    assert err.splitlines()[-1] == "bianmin-rules: error: 1 of 4 centres failed: lost"
    assert f"] lost: failed: {tmp_path / 'x'}: cannot read the file" in err
    assert sum(line.startswith("[") for line in err.splitlines()) == 4  # one progress line per centre

    quiet = main(["batch", str(manifest), "-o", str(out_folder), "--scheduler", client.scheduler.address, "-q"])
    out, err = capsys.readouterr()
    assert quiet == 2 and out == f"4 centres into {out_folder}: 0 evaluated, 3 unchanged, 1 failed\n"
    assert [line.split("] ")[1][:13] for line in err.splitlines() if line.startswith("[")] == ["lost: failed:"]


def test_a_day_after_the_official_calendar_fails_unless_provisional_results_are_allowed(
    client: Client, tmp_path: Path
) -> None:
    """CAL-3: 2027 has no official schedule; allowed, the results are marked provisional."""
    log = write_log(tmp_path / "log.jsonl", "county-centre")
    centres = (Centre(id="a", variant="county-centre", logs=(str(log),), as_of=date(2027, 1, 15)),)
    refused = evaluate_many(Manifest(centres=centres), tmp_path / "refused", scheduler=client)
    assert "after 2026, the last year whose official holiday schedule" in str(refused.outcomes[0].error)
    allowed = evaluate_many(Manifest(centres=centres, allow_provisional=True), tmp_path / "allowed", scheduler=client)
    assert allowed.outcomes[0].provisional and read_summary(tmp_path / "allowed").to_pylist()[0]["provisional"]


def test_cmp7_no_table_record_summary_or_line_of_a_batch_names_the_complainant(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CMP-7 (town-conduct-100 投诉制度 3: "对投诉人及投诉事项予以保密"): neither a centre's rows nor the error of a
    centre whose complaint line is bad show the complainant or the complaint."""
    (tmp_path / "variant.toml").write_text(variant_toml(), encoding="utf-8")
    rows = complaint_rows()
    (tmp_path / "good.jsonl").write_text("".join(
        json.dumps({"id": f"e{n}", **row}, ensure_ascii=False) + "\n" for n, row in enumerate(rows)
    ), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"id": "k1", **rows[1], "complainant_name": [NAME]}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    manifest = write_manifest(tmp_path, "as_of = 2026-03-31\n" + "".join(
        f'[[centres]]\nid = "{centre}"\nvariant = "variant.toml"\nlogs = ["{centre}.jsonl"]\n'
        for centre in ("good", "bad")
    ))
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--scheduler", client.scheduler.address]) == 2
    shown = capsys.readouterr()
    read = [open_table(out, table).to_table().to_pylist() for table in TABLES]
    assert any(row["rule"] == "CMP-8" for row in read[0])  # the verdicts about the complaint are there
    records = "".join(path.read_text(encoding="utf-8") for path in (out / "_centres").glob("*.json"))
    summary = read_summary(out).to_pylist()
    assert "field 'complainant_name'" in str(summary)
    assert_secret(str(read) + records + str(summary) + shown.out + shown.err)


# -- re-runs ----------------------------------------------------------------------------------------------------


def stamps(out: Path) -> dict[str, int]:
    """Every file of the dataset and when it was last written."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.parquet") if "summary" not in p.name}


def test_a_rerun_skips_the_centres_whose_inputs_have_not_changed(
    client: Client, province: Path, tmp_path: Path
) -> None:
    manifest = read_manifest(province)
    evaluate_many(manifest, tmp_path, scheduler=client)
    before = stamps(tmp_path)
    again = evaluate_many(manifest, tmp_path, scheduler=client)
    assert [o.status for o in again.outcomes] == [Status.UNCHANGED] * 3
    assert stamps(tmp_path) == before  # nothing written again
    assert again.outcomes[1].verdicts == len(rows_of(tmp_path, "verdicts", "001"))

    # A later day for one centre, another variant for a second: those two are evaluated again.
    changed = Manifest(centres=(
        manifest.centres[0].model_copy(update={"as_of": date(2026, 4, 30)}),
        manifest.centres[1].model_copy(update={"variant": "town-conduct-100"}),
        manifest.centres[2],
    ))
    assert [o.status for o in evaluate_many(changed, tmp_path, scheduler=client).outcomes] == [
        Status.EVALUATED, Status.EVALUATED, Status.UNCHANGED]
    assert rows_of(tmp_path, "verdicts", "001") == typed_rows(
        alone("town-conduct-100", Path(manifest.centres[1].logs[0]), date(2026, 3, 31)), "verdicts")


def test_a_changed_log_is_evaluated_again(client: Client, tmp_path: Path) -> None:
    log = write_log(tmp_path / "log.jsonl", "county-centre", seed=5)
    manifest = Manifest(centres=(Centre(id="a", variant="county-centre", logs=(str(log),), as_of=date(2026, 12, 31)),))
    first = evaluate_many(manifest, tmp_path / "out", scheduler=client).outcomes[0]
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    log.write_text("".join(lines[:-100]), encoding="utf-8")
    second = evaluate_many(manifest, tmp_path / "out", scheduler=client).outcomes[0]
    assert second.status is Status.EVALUATED and second.events_read == first.events_read - 100
    assert second.fingerprint != first.fingerprint


def test_a_centre_that_fails_on_a_rerun_leaves_no_stale_rows(client: Client, tmp_path: Path) -> None:
    log = write_log(tmp_path / "log.jsonl", "county-centre")
    manifest = Manifest(centres=(Centre(id="a", variant="county-centre", logs=(str(log),), as_of=date(2026, 3, 31)),))
    evaluate_many(manifest, tmp_path / "out", scheduler=client)
    assert rows_of(tmp_path / "out", "verdicts", "a")
    with log.open("a", encoding="utf-8") as more:
        more.write("not json\n")
    outcome = evaluate_many(manifest, tmp_path / "out", scheduler=client).outcomes[0]
    assert outcome.failed and outcome.error == f"{log}:801: not valid JSON (expected ident at line 1 column 2)"
    assert not (tmp_path / "out" / "verdicts" / "centre=a").exists()


def test_centres_no_longer_in_the_manifest_are_removed(client: Client, province: Path, tmp_path: Path) -> None:
    manifest = read_manifest(province)
    evaluate_many(manifest, tmp_path, scheduler=client)
    fewer = Manifest(centres=manifest.centres[1:])
    batch = evaluate_many(fewer, tmp_path, scheduler=client)
    assert batch.removed == ("大河镇",)
    assert {path.name for path in (tmp_path / "verdicts").iterdir()} == {"centre=001", "centre=shouzhan"}
    assert [row["centre"] for row in read_summary(tmp_path).to_pylist()] == ["001", "shouzhan"]


def test_an_interrupted_batch_resumes_without_redoing_or_losing_work(
    client: Client, tmp_path: Path
) -> None:
    """The command line is killed once some centres are written; run again, it does only the rest."""
    ids = [f"t{n:02d}" for n in range(10)]
    for n, centre in enumerate(ids):
        write_log(tmp_path / f"{centre}.jsonl", "county-centre", seed=n, events=1000)
    manifest = write_manifest(tmp_path, "as_of = 2026-06-30\n" + "".join(
        f'[[centres]]\nid = "{centre}"\nvariant = "county-centre"\nlogs = ["{centre}.jsonl"]\n' for centre in ids
    ))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "bianmin_rules.cli", "batch", str(manifest), "-o", str(out),
               "--scheduler", client.scheduler.address]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    first = process.stderr.readline()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()
    done = {path.stem for path in (out / "_centres").glob("*.json")}
    assert first.startswith("[ 1/10] ") and 1 <= len(done) < len(ids) and not (out / "summary.parquet").exists()

    resumed = evaluate_many(read_manifest(manifest), out, scheduler=client)
    status = {o.centre: o.status for o in resumed.outcomes}
    assert all(status[centre] is Status.UNCHANGED for centre in done)  # what was written is not done again
    assert set(status.values()) <= {Status.UNCHANGED, Status.EVALUATED} and len(status) == len(ids)
    for outcome in resumed.outcomes:
        assert len(rows_of(out, "verdicts", outcome.centre)) == outcome.verdicts > 0
    kept = min(done)
    expected = typed_rows(alone("county-centre", tmp_path / f"{kept}.jsonl", date(2026, 6, 30)), "verdicts")
    assert rows_of(out, "verdicts", kept) == expected


# -- logs and output through fsspec -----------------------------------------------------------------------------


def test_logs_and_output_as_urls_and_a_log_split_and_compressed(client: Client, tmp_path: Path) -> None:
    whole = write_log(tmp_path / "whole.jsonl", "jiangxi-town", events=900)
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "first.jsonl").write_text("".join(lines[:400]), encoding="utf-8")
    with gzip.open(tmp_path / "rest.jsonl.gz", "wt", encoding="utf-8") as rest:
        rest.writelines(lines[400:])
    logs = (f"file://{tmp_path / 'first.jsonl'}", f"file://{tmp_path / 'rest.jsonl.gz'}")
    manifest = Manifest(centres=(Centre(id="jx", variant="jiangxi-town", logs=logs, as_of=date(2026, 5, 31)),))
    batch = evaluate_many(manifest, f"file://{tmp_path / 'out'}", scheduler=client)
    assert not batch.failures
    expected = typed_rows(alone("jiangxi-town", whole, date(2026, 5, 31)), "verdicts")
    assert rows_of(tmp_path / "out", "verdicts", "jx") == expected


# -- the manifest and the output folder -------------------------------------------------------------------------


def test_the_manifest_reads_paths_from_its_own_folder(province: Path) -> None:
    manifest = read_manifest(province)
    assert [c.id for c in manifest.centres] == ["大河镇", "001", "shouzhan"]
    assert manifest.centres[0].logs == (str(province.parent / "logs" / "dahe.jsonl"),)
    assert [c.as_of for c in manifest.centres] == [date(2026, 3, 31), date(2026, 3, 31), date(2026, 6, 30)]
    assert manifest.centres[1].variant == "county-centre"  # a built-in name is not a path


@pytest.mark.parametrize(("text", "key", "message"), [
    ('[[centres]]\nid = "a"\nvariant = "x"\nlogs = ["a.jsonl"]\n', "centres[0].as_of",
     "missing: give the centre an as_of, or the manifest one for every centre"),
    ('as_of = 2026-03-31\n[[centres]]\nid = "a"\nvariant = "x"\nlogs = ["a"]\n[[centres]]\nid = "a"\nvariant = "x"\n'
     'logs = ["b"]\n', "centres[1].id", "'a' is the id of centres[0] already"),
    ('as_of = 2026-03-31\n[[centres]]\nid = "Dahe"\nvariant = "x"\nlogs = ["a"]\n[[centres]]\nid = "dahe"\n'
     'variant = "x"\nlogs = ["b"]\n', "centres[1].id",
     "'dahe' is the id, but for case ('Dahe'), of centres[0] already"),
    ('as_of = 2026-03-31\n[[centres]]\nid = "a/b"\nvariant = "x"\nlogs = ["a"]\n', "centres[0].id",
     "'a/b' cannot name a folder: no / \\ = % ? # : * \" < > |, no leading dot or space"),
    ('as_of = 2026-03-31\n[[centres]]\nid = "a"\nvariant = "x"\nlogs = []\n', "centres[0].logs",
     "Tuple should have at least 1 item after validation, not 0"),
    ('as_of = "soon"\n[[centres]]\nid = "a"\nvariant = "x"\nlogs = ["a"]\n', "as_of",
     "Input should be a valid date or datetime, input is too short"),
    ('as_of = 2026-03-31\ncentre = "a"\n[[centres]]\nid = "a"\nvariant = "x"\nlogs = ["a"]\n', "centre",
     "Extra inputs are not permitted"),
])
def test_a_bad_manifest_is_one_error_naming_the_key(tmp_path: Path, text: str, key: str, message: str) -> None:
    path = write_manifest(tmp_path, text)
    with pytest.raises(ManifestError) as caught:
        read_manifest(path)
    assert (caught.value.key, caught.value.message) == (key, message)
    assert str(caught.value) == f"manifest {str(path)!r}: {key}: {message}"


def test_a_manifest_that_is_not_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_manifest(tmp_path, "[[centres]\n")
    assert main(["batch", str(path), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(f"bianmin-rules: error: manifest {str(path)!r}: not valid TOML:")
    assert not (tmp_path / "out").exists()


def test_the_batch_writes_only_into_a_folder_of_its_own(client: Client, province: Path, tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"")
    with pytest.raises(OutputError, match="the folder holds files and is not a batch's output"):
        evaluate_many(read_manifest(province), tmp_path, scheduler=client)
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.docx"]


def test_an_output_that_cannot_be_written_is_one_error(
    province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_bytes(b"")
    out = tmp_path / "file" / "out"
    assert main(["batch", str(province), "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"bianmin-rules: error: {out}: cannot write the output")


def test_a_scheduler_that_cannot_be_reached_is_one_error(
    province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        status = main(["batch", str(province), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"])
    assert status == 2
    assert capsys.readouterr().err.startswith("bianmin-rules: error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")


# -- the example and the docs ---------------------------------------------------------------------------------

EXAMPLE = Path(__file__).parent.parent / "examples" / "province" / "manifest.toml"


def test_the_example_province(client: Client, tmp_path: Path) -> None:
    """examples/province: the township under the county's rules and under the amendments of examples/whatif/,
    whose README works the numbers out by hand: W-civil 83 → 71 and no longer ranked, W-social 90 → 94."""
    batch = evaluate_many(read_manifest(EXAMPLE), tmp_path, scheduler=client)
    assert [(o.centre, o.status, o.events_read) for o in batch.outcomes] == [
        ("县政务服务中心", Status.EVALUATED, 21), ("示例镇", Status.EVALUATED, 95),
        ("百分制乡镇", Status.EVALUATED, 95), ("山东示范中心", Status.EVALUATED, 14),
        ("示例镇-修订", Status.EVALUATED, 95),
    ]
    windows = duckdb.sql(
        f"select centre, subject, total, rank from read_parquet('{tmp_path}/cards/*/*.parquet') "
        "where scorecard = 'window' and period = '2026-Q1' and subject in ('W-civil', 'W-social') order by all"
    ).fetchall()
    assert windows == [
        ("示例镇", "W-civil", Decimal(83), 2), ("示例镇", "W-social", Decimal(90), 1),
        ("示例镇-修订", "W-civil", Decimal(71), None), ("示例镇-修订", "W-social", Decimal(94), 1),
    ]


def test_the_batch_page_names_the_whole_api() -> None:
    page = (Path(__file__).parent.parent / "docs" / "batch.md").read_text(encoding="utf-8")
    for name in scale.__all__:
        assert f"`{name}" in page, name


# -- the core without the extra ---------------------------------------------------------------------------------

WITHOUT_EXTRA = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"dask", "distributed", "pyarrow", "fsspec"}:
            raise ImportError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Refuse())
import pkgutil, importlib, bianmin_rules
from bianmin_rules.cli.main import main
for info in pkgutil.walk_packages(bianmin_rules.__path__, "bianmin_rules."):
    if not info.name.startswith("bianmin_rules.scale") and not info.name.endswith("__main__"):
        importlib.import_module(info.name)
assert main(["demo"]) == 0
sys.exit(main(["batch", "manifest.toml", "-o", "out"]))
"""


def test_the_core_installs_and_runs_without_the_scale_extra() -> None:
    run = subprocess.run([sys.executable, "-c", WITHOUT_EXTRA], capture_output=True, text=True, check=False)
    assert run.returncode == 2, run.stderr
    assert "# county-centre 评估报告" in run.stdout
    assert run.stderr == (
        "bianmin-rules: error: evaluating many centres on Dask needs the optional package 'distributed': "
        "pip install 'bianmin-rules[scale]'\n"
    )
