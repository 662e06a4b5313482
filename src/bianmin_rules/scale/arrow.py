"""A report's tables as Arrow tables: the tables every view reads, with one fixed schema each.

The rows are those of :mod:`bianmin_rules.views.tables` — the same columns, types and
order as the workbook and the CSV files — and a column's id names it. Codes stay codes
(``violation``, ``staff``); each column keeps its Chinese header, and each table its
title, in the Parquet file's metadata (``header``, ``title``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pyarrow as pa

from bianmin_rules.core.report import Report
from bianmin_rules.views import tables as views
from bianmin_rules.views.tables import ColumnType, TableSpec

DECIMAL_PLACES = 18
DECIMAL = pa.decimal128(38, DECIMAL_PLACES)
"""Points and money: exact to 18 decimal places (see :func:`exact`), with 20 digits before the point."""

QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.TEXT: pa.string(),
    ColumnType.CODE: pa.string(),
    ColumnType.INT: pa.int64(),
    ColumnType.DECIMAL: DECIMAL,
    ColumnType.DATE: pa.date32(),
    ColumnType.BOOL: pa.bool_(),
}
"""The Arrow type of each type of column."""

DATASET_TABLES = (views.VERDICTS, views.TOTALS, views.CARDS, views.CARD_LINES, views.STANDINGS)
"""The report's tables a batch writes: all but ``about``, which the batch's summary says for every centre."""


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """A table's columns as an Arrow schema: the column ids, their types, the headers and title as metadata."""
    return pa.schema(
        [pa.field(column.id, ARROW_TYPES[column.type], metadata={"header": column.header}) for column in spec.columns],
        metadata={"title": spec.title},
    )


def schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    """A schema from (name, type) pairs, in order."""
    return pa.schema(columns)


TABLES: dict[str, pa.Schema] = {spec.id: arrow_schema(spec) for spec in DATASET_TABLES}
"""Each table's schema, by id: the same for every centre, so that the partitions read as one table."""


def exact(value: Decimal) -> Decimal:
    """``value`` as stored: unchanged when it has at most 18 decimal places.

    Every number a regulation writes, and every sum of them, has far fewer. Only a
    quotient that does not end (an average of three quarters, a fraction of a day) has
    more; it was already rounded at 28 significant digits, and is stored rounded
    (half-even) at 18 places.
    """
    if value.as_tuple().exponent >= -DECIMAL_PLACES:  # type: ignore[operator]
        return value
    return value.quantize(QUANTUM, rounding=ROUND_HALF_EVEN)


def arrow_table(table_schema: pa.Schema, rows: Iterable[Sequence[Any]]) -> pa.Table:
    """Rows (tuples in the schema's order) as an Arrow table of ``table_schema``."""
    columns = list(zip(*rows, strict=True)) or [() for _ in table_schema.names]
    arrays = [arrow_array(values, field.type) for values, field in zip(columns, table_schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=table_schema)


def arrow_array(values: Sequence[Any], kind: pa.DataType) -> pa.Array[Any]:
    """One column's values as an Arrow array; words (a verdict's explanation, a note) as their Chinese text;
    decimals with more than 18 places through :func:`exact`."""
    if kind == pa.string():
        values = [value if value is None or isinstance(value, str) else str(value) for value in values]
    try:
        return pa.array(values, type=kind)
    except pa.ArrowInvalid:  # a decimal would lose places: only a quotient that never ends has them
        if kind != DECIMAL:
            raise
        return pa.array([None if value is None else exact(value) for value in values], type=kind)


def report_tables(report: Report) -> dict[str, pa.Table]:
    """The report's :data:`DATASET_TABLES` as Arrow tables, by id."""
    return {
        table.spec.id: arrow_table(TABLES[table.spec.id], table.rows())
        for table in views.report_tables(report) if table.spec.id in TABLES
    }
