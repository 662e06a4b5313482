"""Many centres on Dask: each centre evaluated alone, on a worker, into its partition of the output.

The unit of work is the centre. The client sends the calendar to the cluster once and
submits one task per centre; each task loads its centre's variant (once per worker and
batch), reads its log, evaluates it and writes the centre's tables and record itself
(see :mod:`bianmin_rules.scale.dataset`), returning a line of the summary. A centre that
fails is reported with its id and error; the others complete and are kept.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from distributed import Client, Future, LocalCluster, as_completed

from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.errors import BatchError, OutputError
from bianmin_rules.intake.files import load_schedule
from bianmin_rules.scale.dataset import Dataset
from bianmin_rules.scale.manifest import Centre, Manifest
from bianmin_rules.scale.outcome import CentreOutcome, Status, failed
from bianmin_rules.scale.work import Job, calendar_digest, error_text, run_centre

WORK = "bianmin_rules.scale.work"
"""What a local cluster's workers import as they start, rather than on their first centre."""

Progress = Callable[[CentreOutcome, int, int], None]
"""Told of each centre as it is done: its outcome, how many are done, how many there are."""


@dataclass(frozen=True, slots=True)
class Batch:
    """What a batch did: one outcome per centre of the manifest, in its order."""

    out: str
    outcomes: tuple[CentreOutcome, ...]
    removed: tuple[str, ...] = ()
    """Centres the output held that the manifest no longer names: their tables were removed."""

    @property
    def failures(self) -> tuple[CentreOutcome, ...]:
        """The centres that failed."""
        return tuple(outcome for outcome in self.outcomes if outcome.failed)

    def summary(self) -> str:
        """One line: how many centres were evaluated, unchanged and failed, and where the output is."""
        counts = Counter(outcome.status for outcome in self.outcomes)
        removed = f"; removed, no longer in the manifest: {', '.join(self.removed)}" if self.removed else ""
        return (
            f"{len(self.outcomes)} centres into {self.out}: {counts[Status.EVALUATED]} evaluated, "
            f"{counts[Status.UNCHANGED]} unchanged, {counts[Status.FAILED]} failed{removed}"
        )


def evaluate_many(
    manifest: Manifest, out: str | Path, *, scheduler: str | Client | None = None, workers: int | None = None,
    progress: Progress | None = None,
) -> Batch:
    """Evaluate every centre of ``manifest`` on Dask into the Parquet dataset ``out``.

    ``scheduler`` is the address of a running Dask scheduler, or a connected
    :class:`distributed.Client`; by default a local cluster of ``workers`` worker
    processes (default: one per core) is started and stopped. Every worker must reach
    the logs, the variant files and ``out`` (a local folder or an fsspec URL).

    Each centre's rows are those :func:`bianmin_rules.evaluate` gives that centre alone.
    A centre whose inputs are those its output was written from is not evaluated again
    (its outcome says ``unchanged``): a batch that was interrupted resumes where it
    stopped. Centres the output holds that the manifest does not name are removed from
    it. Raises :class:`~bianmin_rules.core.errors.OutputError` when ``out`` cannot be
    written or is not a batch's output, :class:`~bianmin_rules.core.errors.BatchError`
    when the scheduler cannot be reached, and
    :class:`~bianmin_rules.core.errors.CalendarError` for a bad schedule file; a centre
    that fails is reported in its outcome.
    """
    dataset = Dataset(out)
    with writing(dataset):
        dataset.claim()
    schedules = tuple(load_schedule(path) for path in manifest.schedules)
    calendar = WorkCalendar.china(allow_provisional=manifest.allow_provisional)
    for schedule in schedules:
        calendar = calendar.with_schedule(schedule)
    outcomes: dict[str, CentreOutcome] = {}
    alike = calendar_digest(allow_provisional=manifest.allow_provisional, schedules=schedules)
    batch = uuid.uuid4().hex
    with connected(scheduler, workers) as client:
        shared_calendar = client.scatter(calendar, hash=False)
        futures: dict[Future[CentreOutcome], Centre] = {
            client.submit(run_centre, Job(centre, batch, alike, dataset), shared_calendar, pure=False): centre
            for centre in manifest.centres
        }
        for future in as_completed(futures):
            centre = futures.pop(future)
            try:
                outcome: CentreOutcome = future.result()
            except Exception as exc:  # a worker died, or an error the library does not expect
                outcome = failed_here(dataset, centre, error_text(exc))
            outcomes[centre.id] = outcome
            if progress is not None:
                progress(outcome, len(outcomes), len(manifest.centres))
    ordered = tuple(outcomes[centre.id] for centre in manifest.centres)
    with writing(dataset):
        removed = dataset.prune(keep=outcomes)
        dataset.write_summary(ordered)
    return Batch(out=str(out), outcomes=ordered, removed=tuple(removed))


def failed_here(dataset: Dataset, centre: Centre, error: str) -> CentreOutcome:
    """A centre failed outside its task: its tables are removed and its record names the error."""
    outcome = failed(centre.id, variant=centre.variant, as_of=centre.as_of, error=error)
    with writing(dataset):
        dataset.remove_centre(centre.id)
        dataset.write_record(outcome)
    return outcome


@contextmanager
def writing(dataset: Dataset) -> Iterator[None]:
    """Turn a failure to write the output (a full disk, no permission) into the one error of the batch."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{dataset.out}: cannot write the output ({exc})") from None


@contextmanager
def connected(scheduler: str | Client | None, workers: int | None) -> Iterator[Client]:
    """A client of the given cluster, or of a local one started for the batch and stopped after it."""
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc})") from None
        with client:
            yield client
        return
    with LocalCluster(
        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR, preload=[WORK],
    ) as cluster, Client(cluster) as client:
        yield client

