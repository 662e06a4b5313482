"""Builders for attendance, leave and post events and for conduct policies, used by the conduct tests.

March 2026: Monday 3/2 to Friday 3/6, Saturday 3/7 and Sunday 3/8 closed; Saturday
2026-02-28 is a make-up working day (CAL-1).
"""

from __future__ import annotations

from typing import Any

from tests.conftest import cited

SHOUZHAN_HOURS = {"sessions": [{"start": "08:00", "end": "12:00"}, {"start": "14:30", "end": "17:30"}]}
"""``shouzhan-town`` 第八条(一): 上午8:00-12:00, 下午14:30-17:30 (CAL-2)."""

JIANSHE_HOURS = {"sessions": [{"start": "08:30", "end": "12:00"}, {"start": "14:00", "end": "17:30"}]}
"""``jianshe-street`` 窗口服务承诺制 二: 上午8:30-12:00, 下午14:00-17:30 (CAL-2)."""

Row = dict[str, Any]


def policy(kind: str, rule: str, document: str, article: str, quote: str, **params: Any) -> Row:
    """A policy table with its citation (:func:`tests.conftest.cited`, the source given word by word)."""
    return cited(kind, rule, (document, article, quote), **params)


def signed(direction: str, at: str, staff: str = "S1", **extra: Any) -> Row:
    """A sign-in (``in``) or sign-out (``out``)."""
    return {"type": f"signed_{direction}", "at": at, "staff": staff, **extra}


def signs(day: str, *times: str, staff: str = "S1", **extra: Any) -> list[Row]:
    """Alternating sign-ins and sign-outs on one day: ``signs("2026-03-02", "08:00", "12:00")``."""
    return [signed("in" if i % 2 == 0 else "out", f"{day}T{t}", staff, **extra) for i, t in enumerate(times)]


def roster(staff: str, window: str, first_day: str, **extra: Any) -> Row:
    """A duty-roster entry."""
    return {"type": "post_assigned", "at": f"{first_day}T00:00", "staff": staff, "window": window,
            "first_day": first_day, **extra}


def post(kind: str, at: str, staff: str = "S1", window: str = "W1", **extra: Any) -> Row:
    """A post record: ``left``, ``returned`` or ``covered``."""
    return {"type": f"post_{kind}", "at": at, "staff": staff, "window": window, **extra}


def leave(leave_id: str, start: str, end: str, *, at: str, staff: str = "S1", leave_type: str = "personal",
          **extra: Any) -> Row:
    """A leave request."""
    return {"type": "leave_requested", "at": at, "staff": staff, "leave": leave_id, "leave_type": leave_type,
            "start": start, "end": end, **extra}


def approve(leave_id: str, at: str, role: str, staff: str = "S1", **extra: Any) -> Row:
    """An approval of a leave request."""
    return {"type": "leave_approved", "at": at, "staff": staff, "leave": leave_id, "approver_role": role, **extra}


def finding(code: str, at: str, staff: str = "S1", window: str = "W1", **extra: Any) -> Row:
    """An inspection finding."""
    return {"type": "finding_recorded", "at": at, "staff": staff, "window": window, "finding": code, **extra}
