"""A report's tables as Arrow tables, with one fixed schema per table for every centre."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pyarrow as pa

from bianmin_rules.report import Report

DECIMAL_PLACES = 18
DECIMAL = pa.decimal128(38, DECIMAL_PLACES)
"""Points and money: exact to 18 decimal places (see :func:`exact`)."""

QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)



def schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    """A table's columns, in order."""
    return pa.schema(columns)


TABLES: dict[str, pa.Schema] = {
    "verdicts": schema(
        ("on", pa.date32()), ("rule", pa.string()), ("kind", pa.string()), ("subject", pa.string()),
        ("case", pa.string()), ("window", pa.string()), ("staff", pa.string()), ("points", DECIMAL),
        ("fine", DECIMAL), ("bonus_share", DECIMAL), ("reimbursement", DECIMAL), ("explanation", pa.string()),
        ("provisional", pa.bool_()),
    ),
    "totals": schema(
        ("subject", pa.string()), ("violations", pa.int64()), ("warnings", pa.int64()), ("points", DECIMAL),
        ("fine", DECIMAL), ("bonus_share", DECIMAL), ("reimbursement", DECIMAL),
    ),
    "cards": schema(
        ("scorecard", pa.string()), ("period", pa.string()), ("subject", pa.string()), ("total", DECIMAL),
        ("score", DECIMAL), ("eligible", pa.bool_()), ("rank", pa.int64()),
    ),
    "standings": schema(
        ("scorecard", pa.string()), ("award", pa.string()), ("period", pa.string()), ("rank", pa.int64()),
        ("subject", pa.string()), ("score", DECIMAL), ("awarded", pa.bool_()),
    ),
}
"""Each table's columns and types: the same for every centre, so that the partitions read as one."""


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


def arrow_table(schema: pa.Schema, rows: Iterable[Sequence[Any]]) -> pa.Table:
    """Rows (tuples in the schema's order) as an Arrow table of ``schema``."""
    columns: list[list[Any]] = [[] for _ in schema.names]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(exact(value) if isinstance(value, Decimal) else value)
    return pa.Table.from_arrays(
        [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)], schema=schema
    )


def report_tables(report: Report) -> dict[str, pa.Table]:
    """The report's verdicts, totals, cards and standings as Arrow tables."""
    rows: dict[str, Iterable[Sequence[Any]]] = {
        "verdicts": (
            (v.on, v.rule, v.kind.value, str(v.subject), v.case, v.window, v.staff, v.points, v.fine,
             v.bonus_share, v.reimbursement, v.explanation, v.provisional)
            for v in report.verdicts
        ),
        "totals": (
            (str(t.subject), t.violations, t.warnings, t.points, t.fine, t.bonus_share, t.reimbursement)
            for t in report.totals
        ),
        "cards": (
            (c.scorecard, str(c.period), str(c.subject), c.total, c.score, c.eligible, c.rank)
            for c in report.scorecards
        ),
        "standings": (
            (s.scorecard, s.award, str(s.period), p.rank, str(p.subject), p.score, p.awarded)
            for s in report.standings for p in s.placings
        ),
    }
    return {name: arrow_table(TABLES[name], rows[name]) for name in TABLES}

