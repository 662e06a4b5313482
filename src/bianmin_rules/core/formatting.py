"""How numbers and tables are written for readers: in explanations, reports, scorecards and docs.

One way to write a decimal, one to write it with its sign, one to write a rate, and one
Markdown table, so that a number or a table reads the same wherever it appears: a score
of 81 is ``81``, never ``81.0``, and nothing is ``-0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal


def plain(value: Decimal) -> str:
    """A decimal as the tables write it: no trailing zeros, no exponent (``-2``, ``0.5``), never ``-0``.

    Written for every number of a JSON report (hundreds of thousands in a large one): zero
    and the plain text of a decimal are told apart without normalising it.
    """
    if not value:
        return "0"
    text = str(value)
    if "E" in text:
        return format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal, places: int = 2) -> str:
    """A rate in percent, rounded to ``places`` decimals and written as :func:`plain` writes it: ``81``, ``66.67``."""
    return plain(round(value, places))


def signed(value: Decimal) -> str:
    """A number with its sign, as a change or a card's line shows it: ``+2``, ``-0.5``, ``0``."""
    return f"+{plain(value)}" if value > 0 else plain(value)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """A Markdown table, one line per row as the rows come; pipes inside cells are escaped."""
    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    yield line(header)
    yield line(["---"] * len(header))
    yield from map(line, rows)
