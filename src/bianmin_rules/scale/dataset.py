"""The output of a batch: a Parquet dataset partitioned by centre, and its summary.

::

    OUT/
      verdicts/centre=ID/part-0.parquet     one folder per centre in each table
      totals/centre=ID/part-0.parquet
      cards/centre=ID/part-0.parquet
      card_lines/centre=ID/part-0.parquet
      standings/centre=ID/part-0.parquet
      summary.parquet                       one row per centre of the manifest
      _centres/ID.json                      what each centre's output was written from

Every file is written under a hidden name and then renamed into place, so that a
reader, or a batch interrupted and run again, never meets half a file. A centre's
record (``_centres/ID.json``) is written after its tables: a centre is done when its
record holds the digest of its inputs. Readers skip ``_`` and ``.`` names.

``OUT`` is a local folder or an fsspec URL that every worker can reach.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from bianmin_rules.core.errors import OutputError
from bianmin_rules.scale.arrow import DECIMAL, TABLES, schema
from bianmin_rules.scale.outcome import CentreOutcome, Status

RECORDS = "_centres"
SUMMARY = "summary.parquet"
PARTITION = "centre"

SUMMARY_SCHEMA = schema(
    ("centre", pa.string()),
    ("status", pa.string()),
    ("error", pa.string()),
    ("variant", pa.string()),
    ("as_of", pa.date32()),
    ("events_read", pa.int64()),
    ("events_after_as_of", pa.int64()),
    ("verdicts", pa.int64()),
    ("violations", pa.int64()),
    ("warnings", pa.int64()),
    ("violations_by_rule", pa.map_(pa.string(), pa.int64())),
    ("fine", DECIMAL),
    ("bonus_share", DECIMAL),
    ("reimbursement", DECIMAL),
    ("provisional", pa.bool_()),
    ("fingerprint", pa.string()),
    ("seconds", pa.float64()),
    ("worker_peak_mb", pa.float64()),
)
"""The summary's columns: the fields of :class:`CentreOutcome`, in its order (the error after the status)."""


class Dataset:
    """A batch's output folder (local or fsspec URL): its tables, records and summary."""

    def __init__(self, out: str | Path) -> None:
        self.fs, self.root = url_to_fs(str(out))
        self.out = str(out)

    # -- paths ---------------------------------------------------------------------------

    def path(self, *parts: str) -> str:
        """A path inside the dataset."""
        return "/".join((self.root.rstrip("/"), *parts))

    def partition(self, table: str, centre: str) -> str:
        """The folder of one centre in one table."""
        return self.path(table, f"{PARTITION}={centre}")

    # -- writing -------------------------------------------------------------------------

    def claim(self) -> None:
        """Make the folder, or check that it is a batch's: never write among files of another kind."""
        if not self.fs.exists(self.root):
            self.fs.makedirs(self.root, exist_ok=True)
            return
        if not self.fs.isdir(self.root):
            raise OutputError(f"{self.out}: the output exists and is not a folder")
        names = {Path(entry.rstrip("/")).name for entry in self.fs.ls(self.root, detail=False)}
        if names and RECORDS not in names:
            raise OutputError(
                f"{self.out}: the folder holds files and is not a batch's output (it has no {RECORDS}/); "
                "give an empty or new folder"
            )

    def write_centre(self, centre: str, tables: Mapping[str, pa.Table]) -> None:
        """Write each of a centre's tables into its partition, each file atomically."""
        for name, table in tables.items():
            self.write_atomically(self.partition(name, centre) + "/part-0.parquet", table)

    def write_record(self, outcome: CentreOutcome) -> None:
        """Write what a centre's output was written from (or why it failed): the last file of a centre."""
        self.write_atomically(self.path(RECORDS, f"{outcome.centre}.json"), outcome.model_dump_json(indent=2))

    def write_summary(self, outcomes: Sequence[CentreOutcome]) -> None:
        """Write the summary table: one row per centre."""
        self.write_atomically(self.path(SUMMARY), summary_table(outcomes))

    def write_atomically(self, path: str, content: pa.Table | str) -> None:
        """Write ``content`` to a hidden file beside ``path``, then rename it into place.

        As :func:`bianmin_rules.core.edge.written` does for a local file, through fsspec:
        on an object store, where a file appears whole when it is written, the move is a copy.
        """
        folder, name = path.rsplit("/", 1)
        self.fs.makedirs(folder, exist_ok=True)
        hidden = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        try:
            with self.fs.open(hidden, "wb") as handle:
                if isinstance(content, str):
                    handle.write(content.encode("utf-8"))
                else:
                    pq.write_table(content, handle)
            self.fs.mv(hidden, path)
        finally:
            if self.fs.exists(hidden):
                self.fs.rm(hidden)

    def remove_centre(self, centre: str) -> None:
        """Remove a centre's tables (not its record): no stale rows of a centre that failed or left."""
        for table in TABLES:
            folder = self.partition(table, centre)
            if self.fs.exists(folder):
                self.fs.rm(folder, recursive=True)

    def prune(self, keep: Iterable[str]) -> list[str]:
        """Remove the tables and records of the centres not in ``keep``; the ids removed."""
        kept = set(keep)
        gone = sorted(self.stored_centres() - kept)
        for centre in gone:
            self.remove_centre(centre)
            record = self.path(RECORDS, f"{centre}.json")
            if self.fs.exists(record):
                self.fs.rm(record)
        return gone

    # -- reading -------------------------------------------------------------------------

    def record(self, centre: str) -> CentreOutcome | None:
        """What the centre's output was last written from, if anything."""
        path = self.path(RECORDS, f"{centre}.json")
        try:
            with self.fs.open(path, "rb") as handle:
                return CentreOutcome.model_validate_json(handle.read())
        except FileNotFoundError:
            return None
        except ValueError:  # a record of another version of the library: evaluate again
            return None

    def done(self, centre: str, fingerprint: str) -> CentreOutcome | None:
        """The centre's record, when its output was written from inputs of this ``fingerprint`` and is all there."""
        record = self.record(centre)
        if record is None or record.status is Status.FAILED or record.fingerprint != fingerprint:
            return None
        if not all(self.fs.exists(self.partition(table, centre) + "/part-0.parquet") for table in TABLES):
            return None
        return record

    def stored_centres(self) -> set[str]:
        """The centres the folder holds tables or records of."""
        found: set[str] = set()
        records = self.path(RECORDS)
        if self.fs.exists(records):
            found.update(
                Path(entry).name.removesuffix(".json") for entry in self.fs.ls(records, detail=False)
                if entry.endswith(".json") and not Path(entry).name.startswith(".")
            )
        for table in TABLES:
            folder = self.path(table)
            if self.fs.exists(folder):
                found.update(
                    name.removeprefix(f"{PARTITION}=")
                    for name in (Path(entry.rstrip("/")).name for entry in self.fs.ls(folder, detail=False))
                    if name.startswith(f"{PARTITION}=")
                )
        return found


def summary_table(outcomes: Sequence[CentreOutcome]) -> pa.Table:
    """The summary as an Arrow table, one row per outcome."""
    rows: list[dict[str, Any]] = [outcome.model_dump() for outcome in outcomes]
    for row in rows:
        row["status"] = str(row["status"])
        row["violations_by_rule"] = list(row["violations_by_rule"].items())
    return pa.Table.from_pylist(rows, schema=SUMMARY_SCHEMA)


def open_table(out: str | Path, table: str) -> ds.Dataset:
    """One table of a batch's output as a pyarrow dataset, its ``centre`` column read as text.

    ``open_table(out, "verdicts").to_table().to_pandas()``; with a filter,
    ``.to_table(filter=pyarrow.compute.field("centre") == "dahe")``. Read this way, an id
    such as ``001`` stays text (a reader guessing the partition's type would take it
    for the number 1).
    """
    if table not in TABLES:
        raise ValueError(f"no table {table!r}; the tables are: {', '.join(TABLES)}")
    dataset = Dataset(out)
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    return ds.dataset(dataset.path(table), filesystem=dataset.fs, format="parquet", partitioning=partitioning,
                      schema=TABLES[table].append(pa.field(PARTITION, pa.string())))


def read_summary(out: str | Path) -> pa.Table:
    """The summary table of a batch's output."""
    dataset = Dataset(out)
    with dataset.fs.open(dataset.path(SUMMARY), "rb") as handle:
        return pq.read_table(handle)
