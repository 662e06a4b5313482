"""Many centres at once: a manifest of centres evaluated on Dask into a Parquet dataset.

Install with the ``scale`` extra (``pip install 'bianmin-rules[scale]'``)::

    from bianmin_rules.scale import evaluate_many, open_table, read_manifest

    batch = evaluate_many(read_manifest("province.toml"), "out/")
    for outcome in batch.failures:
        print(outcome.centre, outcome.error)
    verdicts = open_table("out/", "verdicts").to_table().to_pandas()

Each centre is evaluated alone, as :func:`bianmin_rules.evaluate` would; the output is
partitioned by centre (see :mod:`bianmin_rules.scale.dataset`) and readable by pandas,
DuckDB, Spark or a BI tool. The core library never imports this package.
"""

from __future__ import annotations

from bianmin_rules.scale import extra  # noqa: F401  (first: without the extra, one line naming it)
from bianmin_rules.scale.batch import Batch, Progress, evaluate_many
from bianmin_rules.scale.dataset import open_table, read_summary
from bianmin_rules.scale.manifest import Centre, Manifest, read_manifest
from bianmin_rules.scale.outcome import CentreOutcome, Status, describe

__all__ = [
    "Batch",
    "Centre",
    "CentreOutcome",
    "Manifest",
    "Progress",
    "Status",
    "describe",
    "evaluate_many",
    "open_table",
    "read_manifest",
    "read_summary",
]
