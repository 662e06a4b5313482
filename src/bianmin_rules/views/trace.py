"""One inquiry's responsibility chain under a variant, with the verdicts that concern it (FIR).

:func:`trace_inquiry` reads the log into the same books the engine reads, derives the
inquiry's chain and applies the variant's policies, keeping the verdicts that rest on
the chain's events or concern its case; :func:`render_trace` prints it step by step
(``bianmin-rules chain``). Complaints arising from the inquiry are listed without the
complainant (CMP-7).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from bianmin_rules.core.books import collector_paused
from bianmin_rules.core.calendar import WorkCalendar
from bianmin_rules.core.engine import Judging, Progress, apply_policies, collect, no_progress
from bianmin_rules.core.errors import EvaluationError
from bianmin_rules.core.events import EventBase
from bianmin_rules.core.policy import Context
from bianmin_rules.core.variant import Variant
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.core.words import say
from bianmin_rules.families.cases.ledger import CASE_FILES
from bianmin_rules.families.complaints.ledger import COMPLAINT_FILES, ComplaintFile
from bianmin_rules.families.first_inquiry.chain import Chain, build_chain
from bianmin_rules.families.first_inquiry.ledger import INQUIRY_FILES
from bianmin_rules.views.chain import render_chain
from bianmin_rules.views.labels import Words, zh


@dataclass(frozen=True, slots=True)
class InquiryTrace:
    """An inquiry's chain, the complaints it gave rise to, and the verdicts about it."""

    variant: str
    as_of: date
    chain: Chain
    complaints: tuple[ComplaintFile, ...]
    verdicts: tuple[Verdict, ...]


class _Latest:
    """Passes events through, remembering the latest day seen."""

    def __init__(self) -> None:
        self.day: date | None = None

    def watch(self, events: Iterable[EventBase]) -> Iterator[EventBase]:
        for event in events:
            day = event.at.date()
            if self.day is None or day > self.day:
                self.day = day
            yield event


def trace_inquiry(
    variant: Variant, events: Iterable[EventBase], inquiry: str, *, as_of: date | None = None,
    calendar: WorkCalendar | None = None, progress: Progress | None = None,
) -> InquiryTrace:
    """The chain of ``inquiry`` and the verdicts of ``variant`` that concern it, as of ``as_of``.

    Pure, like :func:`bianmin_rules.evaluate`. Without ``as_of``, the day of the latest
    event in the log is used (never the clock). Raises
    :class:`~bianmin_rules.core.errors.EvaluationError` when the log has no such inquiry.
    ``progress`` is told of the reading and judging stages, as :func:`~bianmin_rules.evaluate` tells them.
    """
    with collector_paused():  # as in evaluate, and for the same reason
        return _trace(variant, events, inquiry, as_of=as_of, calendar=calendar, progress=progress or no_progress)


def _trace(
    variant: Variant, events: Iterable[EventBase], inquiry: str, *, as_of: date | None,
    calendar: WorkCalendar | None, progress: Progress,
) -> InquiryTrace:
    latest = _Latest()
    progress("reading", 0, 0)
    books = collect(
        latest.watch(events), as_of=as_of or date.max, case_types=variant.case_types, families=variant.families,
    )
    file = books[INQUIRY_FILES].get(inquiry)
    chain = build_chain(file, books[CASE_FILES]) if file is not None else None
    if chain is None:
        where = "is not in the log" if file is None else "was never received (no inquiry_received event)"
        raise EvaluationError(f"inquiry {inquiry!r} {where}")
    day = as_of or latest.day or chain.asked.day
    work_calendar = variant.calendar(calendar)
    work_calendar.is_working_day(day)  # fails early on a provisional or uncovered day, as evaluate does
    context = Context(variant=variant.name, calendar=work_calendar.allowing_provisional(), as_of=day)
    events_of_chain = set(chain.event_ids())
    case = chain.case.case if chain.case else None
    verdicts = tuple(sorted(
        (v for v in apply_policies(variant, books, context, Judging(progress, len(variant.policies)))
         if events_of_chain.intersection(v.evidence) or (case is not None and v.case == case)),
        key=lambda v: v.sort_key,
    ))
    complaints = tuple(
        f for f in books[COMPLAINT_FILES].values() if f.lodged is not None and f.lodged.inquiry == inquiry
    )
    return InquiryTrace(variant.name, day, chain, complaints, verdicts)


def render_trace(trace: InquiryTrace, lang: str = "zh") -> str:
    """The chain step by step, then the complaints and the verdicts about it, in ``lang``."""
    words = Words(lang)
    lines = [render_chain(trace.chain, words).rstrip("\n")]
    if trace.complaints:
        lines += ["", words(zh("相关投诉："))]
        for file in trace.complaints:
            lodged = file.lodged
            assert lodged is not None
            about = " ".join(x for x in (lodged.about_window, lodged.about_staff) if x) or "—"
            answered = say("，{day} 答复", day=file.answers[0].day) if file.answers else say("，尚未答复")
            lines.append("- " + words(say("投诉 {complaint}：{day} 受理，被投诉 {about}{answered}",
                                          complaint=file.complaint, day=lodged.day, about=about, answered=answered)))
    lines += ["", words(say("判定（{variant}，截至 {as_of}）：", variant=trace.variant, as_of=trace.as_of))]
    if not trace.verdicts:
        lines.append("- " + words(zh("无")))
    for v in trace.verdicts:
        lines.append(f"- {v.on} {v.rule} {v.kind.value} {v.subject}{words(zh('：'))}{words(v.message)}")
    return "\n".join(lines) + "\n"
