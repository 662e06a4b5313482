"""Case files (案卷): the facts of each case, gathered from its events in any order.

A ledger keeps only the facts the rules read, not the events themselves, so that a log
of millions of events can be evaluated while it streams past. Steps are ordered by time,
then by event id, whatever the order they arrived in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import TypeVar

from bianmin_rules.deadlines import TimeLimit
from bianmin_rules.errors import EvaluationError
from bianmin_rules.events import (
    CaseCompleted,
    CaseEvent,
    CaseReceived,
    CaseRejected,
    CaseResumed,
    CaseSuspended,
    CaseTransferred,
    EventBase,
    ExtensionGranted,
    MaterialsCompleted,
    MissingMaterialsNotice,
    ReceiptNoticeIssued,
)


@dataclass(frozen=True, slots=True)
class Step:
    """One dated step in a case file: when, which event, and who acted."""

    at: datetime
    event: str
    window: str | None
    staff: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the step."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class Receipt(Step):
    """The case was received (CASE-1)."""

    case_type: str
    promised_limit: TimeLimit | None
    statutory_limit: TimeLimit | None
    materials_complete: bool
    key_project: bool
    online: bool


@dataclass(frozen=True, slots=True)
class PromiseNotice(Step):
    """A written receipt notice with the promised date (TL-3)."""

    promised_date: date


@dataclass(frozen=True, slots=True)
class MaterialsNotice(Step):
    """A notice of missing materials (OTN-2)."""

    items: tuple[str, ...]
    written: bool


@dataclass(frozen=True, slots=True)
class MaterialsDone(Step):
    """The materials became complete (TL-4)."""


@dataclass(frozen=True, slots=True)
class Suspension(Step):
    """The clock stopped (TL-8)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Resumption(Step):
    """The clock ran again (TL-8)."""


@dataclass(frozen=True, slots=True)
class Extension(Step):
    """The limit was extended (TL-5)."""

    reason: str
    new_limit: TimeLimit
    applicant_told_in_writing: bool


@dataclass(frozen=True, slots=True)
class Completion(Step):
    """The case was completed."""


@dataclass(frozen=True, slots=True)
class Rejection(Step):
    """The case was rejected (TL-7, OTN-4)."""

    reasons: tuple[str, ...]
    written: bool


@dataclass(frozen=True, slots=True)
class Transfer(Step):
    """The case moved to another window or staff member."""

    to_window: str | None
    to_staff: str | None


StepT = TypeVar("StepT", bound=Step)

STEP_OF_EVENT: dict[type[CaseEvent], type[Step]] = {
    CaseReceived: Receipt,
    ReceiptNoticeIssued: PromiseNotice,
    MissingMaterialsNotice: MaterialsNotice,
    MaterialsCompleted: MaterialsDone,
    CaseSuspended: Suspension,
    CaseResumed: Resumption,
    ExtensionGranted: Extension,
    CaseCompleted: Completion,
    CaseRejected: Rejection,
    CaseTransferred: Transfer,
}

_COMMON = {f.name for f in fields(Step)}
_PAYLOAD: dict[type[Step], tuple[str, ...]] = {
    step: tuple(f.name for f in fields(step) if f.name not in _COMMON) for step in STEP_OF_EVENT.values()
}


def step_of(event: CaseEvent) -> Step:
    """The case-file step that records ``event``."""
    step = STEP_OF_EVENT[type(event)]
    payload = {name: getattr(event, name) for name in _PAYLOAD[step]}
    return step(at=event.at, event=event.id, window=event.window, staff=event.staff, **payload)


@dataclass(frozen=True, slots=True)
class CaseFile:
    """Everything the log says about one case, each kind of step in time order."""

    case: str
    receipt: Receipt | None
    steps: tuple[Step, ...]
    _by_kind: Mapping[type[Step], tuple[Step, ...]] = field(repr=False, compare=False)

    @classmethod
    def from_steps(cls, case: str, steps: Iterable[Step]) -> CaseFile:
        """Order the steps and file them; a case received twice is an error."""
        ordered = tuple(sorted(steps, key=lambda s: (s.at, s.event)))
        by_kind: dict[type[Step], list[Step]] = defaultdict(list)
        for step in ordered:
            by_kind[type(step)].append(step)
        receipts = by_kind.get(Receipt, [])
        if len(receipts) > 1:
            raise EvaluationError(
                f"case {case!r} is received twice (first in event {receipts[0].event!r})",
                event_id=receipts[1].event,
            )
        receipt = receipts[0] if receipts else None
        assert receipt is None or isinstance(receipt, Receipt)
        return cls(case, receipt, ordered, {kind: tuple(group) for kind, group in by_kind.items()})

    def of(self, kind: type[StepT]) -> tuple[StepT, ...]:
        """The steps of one kind, in time order."""
        return self._by_kind.get(kind, ())  # type: ignore[return-value]

    def first(self, kind: type[StepT]) -> StepT | None:
        """The earliest step of one kind, if any."""
        found = self.of(kind)
        return found[0] if found else None

    @property
    def completion(self) -> Completion | None:
        """When the case was completed, if it was."""
        return self.first(Completion)

    @property
    def rejection(self) -> Rejection | None:
        """When the case was rejected, if it was."""
        return self.first(Rejection)

    @property
    def closed(self) -> Step | None:
        """The step that closed the case: its completion or its rejection, whichever came first."""
        ends = [s for s in (self.completion, self.rejection) if s is not None]
        return min(ends, key=lambda s: (s.at, s.event)) if ends else None

    @property
    def window(self) -> str | None:
        """The window that received the case."""
        return self.receipt.window if self.receipt else None

    @property
    def staff(self) -> str | None:
        """The staff member who received the case (首办责任人)."""
        return self.receipt.staff if self.receipt else None


class CaseLedger:
    """Gathers case events into case files; checks case types against the variant (CASE-2)."""

    handles: tuple[type[EventBase], ...] = tuple(STEP_OF_EVENT)

    def __init__(self, case_types: Iterable[str]) -> None:
        self._case_types = frozenset(case_types)
        self._steps: dict[str, list[Step]] = defaultdict(list)

    def record(self, event: CaseEvent) -> None:
        """File one case event."""
        if isinstance(event, CaseReceived) and event.case_type not in self._case_types:
            known = ", ".join(sorted(self._case_types))
            raise EvaluationError(
                f"case type {event.case_type!r} is not declared by the variant (it declares: {known})",
                event_id=event.id,
            )
        self._steps[event.case].append(step_of(event))

    def close(self) -> dict[str, CaseFile]:
        """The case files, by case id, in case-id order."""
        return {case: CaseFile.from_steps(case, self._steps[case]) for case in sorted(self._steps)}
