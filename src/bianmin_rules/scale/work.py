"""One centre's work, as a worker does it: load its variant, read its log, evaluate it, write its partition.

A worker loads each variant once per batch, however many centres name it: a province's
manifest may name thousands of variant files, which the client would otherwise load
one after the other. A centre is skipped when the digest of its inputs — the bytes of its log files, its
variant with ``extends`` resolved, its ``as_of``, the calendar, the library's version —
is the one its output was written from. The log is read twice when it has changed (once
for the digest, once to evaluate), so that a worker never holds a log's bytes.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import BinaryIO

import fsspec

from bianmin_rules import __version__
from bianmin_rules.core.calendar import WorkCalendar, YearSchedule
from bianmin_rules.core.engine import evaluate
from bianmin_rules.core.errors import BianminError, EventError
from bianmin_rules.core.variant import Variant
from bianmin_rules.intake.files import load_variant
from bianmin_rules.intake.jsonl import read_logs
from bianmin_rules.scale.arrow import report_tables
from bianmin_rules.scale.dataset import Dataset
from bianmin_rules.scale.manifest import Centre
from bianmin_rules.scale.outcome import CentreOutcome, Status, evaluated, failed

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs to know of one centre besides the calendar (sent once for all)."""

    centre: Centre
    batch: str
    """The batch's own id: a worker's variants are loaded afresh for each batch."""
    alike: str
    """The digest of the inputs every centre shares (:func:`calendar_digest`)."""
    dataset: Dataset


def calendar_digest(*, allow_provisional: bool, schedules: Sequence[YearSchedule]) -> str:
    """The digest of what decides every centre's output alike: the library's version and the calendar."""
    return digest({
        "library": __version__, "holidays": version("holidays"), "allow_provisional": allow_provisional,
        "schedules": [schedule.model_dump(mode="json") for schedule in schedules],
    })


@lru_cache(maxsize=64)
def loaded(reference: str, batch: str) -> tuple[Variant, str]:
    """A variant and its digest (with ``extends`` resolved: every parameter it applies), once per batch."""
    variant = load_variant(reference)
    return variant, digest(variant.to_toml())


def digest(inputs: object) -> str:
    """The SHA-256 of ``inputs`` as canonical JSON."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def log_digest(logs: Iterable[str]) -> str:
    """The digest of the bytes of a log's files, in order (as stored: a compressed file's bytes)."""
    digest = hashlib.sha256()
    for log in logs:
        of_file = hashlib.sha256()
        with open_log(log, compression=None) as handle:
            while chunk := handle.read(1 << 20):
                of_file.update(chunk)
        digest.update(of_file.digest())
    return digest.hexdigest()


def run_centre(job: Job, calendar: WorkCalendar) -> CentreOutcome:
    """Evaluate one centre and write its partition and record, unless its output is current.

    A bad log or variant, or a file that cannot be read, fails this centre alone: its
    earlier tables are removed (no stale rows stay) and its record names the error.
    """
    start = time.perf_counter()
    centre, dataset = job.centre, job.dataset
    fingerprint = ""
    try:
        variant, variant_digest = loaded(centre.variant, job.batch)
        fingerprint = digest([job.alike, variant_digest, centre.as_of.isoformat(), log_digest(centre.logs)])
        done = dataset.done(centre.id, fingerprint)
        if done is not None:
            return done.model_copy(update={"status": Status.UNCHANGED})
        report = evaluate(variant, read_logs(opened(centre.logs)), as_of=centre.as_of, calendar=calendar)
        dataset.write_centre(centre.id, report_tables(report))
        outcome = evaluated(centre.id, report, fingerprint=fingerprint)
    except (BianminError, OSError) as exc:
        outcome = failed(centre.id, variant=centre.variant, as_of=centre.as_of, error=error_text(exc),
                         fingerprint=fingerprint)
        dataset.remove_centre(centre.id)
    outcome = outcome.model_copy(update={"seconds": time.perf_counter() - start, "worker_peak_mb": peak_mb()})
    dataset.write_record(outcome)
    return outcome


def opened(logs: Iterable[str]) -> Iterator[tuple[str, Iterable[bytes]]]:
    """Each log file as (name, open file), through fsspec (``s3://…``; ``.gz`` and the like decompressed)."""
    for log in logs:
        with open_log(log, compression="infer") as handle:
            yield log, handle


def open_log(log: str, *, compression: str | None) -> BinaryIO:
    """A log file opened for reading, or an :class:`EventError` naming it."""
    try:
        handle: BinaryIO = fsspec.open(log, "rb", compression=compression).open()
    except OSError as exc:
        raise EventError(f"cannot read the file ({exc.strerror or exc})", source=log) from None
    return handle


def error_text(exc: BaseException) -> str:
    """One line for a centre's error: the library's own (a variant's problems joined by ``; ``), else the kind of
    error and its message."""
    if isinstance(exc, BianminError):
        return "; ".join(str(exc).splitlines())
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def peak_mb() -> float | None:
    """The peak resident memory of this process so far, in MB (where the system tells it)."""
    if resource is None:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
