"""How numbers are written for readers: in explanations, reports, scorecards and lint.

One way to write a decimal and one to write it with its sign, so that a number reads
the same wherever it appears.
"""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal) -> str:
    """A decimal as the tables write it: no trailing zeros, no exponent (``-2``, ``0.5``)."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def signed(value: Decimal) -> str:
    """A number with its sign, as a change or a card's line shows it: ``+2``, ``-0.5``, ``0``."""
    return f"+{plain(value)}" if value > 0 else plain(value)
