"""Inquiry files: the steps of each inquiry's chain, gathered in any order (FIR).

Each event becomes a compact step; at close the steps of one inquiry are ordered by
time, then event id. The responsibility chain itself — who is responsible after each
step — is derived from a file by :func:`bianmin_rules.families.first_inquiry.chain.build_chain`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

from bianmin_rules.core.books import Book, Books
from bianmin_rules.core.facts import FileLedger, fact, in_order, only_one
from bianmin_rules.core.verdicts import Verdict
from bianmin_rules.core.words import Message, say
from bianmin_rules.families.first_inquiry.events import (
    AppointmentArranged,
    Channel,
    DischargeReason,
    InquiryDischarged,
    InquiryEvent,
    InquiryFollowedUp,
    InquiryReceived,
    InquiryRecorded,
    InquiryReferred,
    InquiryRefused,
    InquiryReplied,
    InquiryTaken,
    InquiryTransferred,
    LeaderConsulted,
    Remit,
)


@fact
class InquiryStep:
    """One step of an inquiry: when, which event, and who acted."""

    at: datetime
    event: str
    staff: str
    window: str | None

    @property
    def day(self) -> date:
        """The China-time calendar day of the step."""
        return self.at.date()


@fact
class Asked(InquiryStep):
    """The first question (FIR-1): ``staff`` is the first-inquiry person."""

    channel: Channel
    remit: Remit
    matter: str | None


@fact
class Recorded(InquiryStep):
    """The matter was written down (FIR-2, FIR-4)."""

    contact_recorded: bool


@fact
class Referred(InquiryStep):
    """The applicant was taken or sent to another window or person (FIR-2, FIR-4)."""

    to_window: str | None
    to_staff: str | None
    handler_absent: bool


@fact
class Arranged(InquiryStep):
    """A time was fixed with an absent handler (FIR-4)."""

    with_staff: str
    appointment: datetime | None
    contact_given: bool


@fact
class LeaderAsked(InquiryStep):
    """A leader was consulted (FIR-2, FIR-7)."""

    leader: str | None


@fact
class Refused(InquiryStep):
    """The applicant was turned away with these words (FIR-3)."""

    words: str


@fact
class Taken(InquiryStep):
    """A staff member took the matter to handle it (FIR-5)."""

    case: str | None
    promised_date: date | None


@fact
class Handed(InquiryStep):
    """The matter was transferred to a designated person (FIR-6)."""

    to_staff: str
    to_window: str | None
    leader_consent: bool
    leader: str | None


@fact
class FollowedUp(InquiryStep):
    """The first-inquiry person checked on a referred matter (FIR-8)."""


@fact
class Discharged(InquiryStep):
    """The matter was closed without handling, for a documented reason (FIR-7)."""

    reason: DischargeReason
    explained: bool
    applicant_told: bool
    competent_body: str | None
    contact_given: bool


@fact
class Replied(InquiryStep):
    """The applicant was answered or told the result (FIR-5)."""

    by_phone: bool


STEP_OF_EVENT: dict[type[InquiryEvent], type[InquiryStep]] = {
    InquiryReceived: Asked,
    InquiryRecorded: Recorded,
    InquiryReferred: Referred,
    AppointmentArranged: Arranged,
    LeaderConsulted: LeaderAsked,
    InquiryRefused: Refused,
    InquiryTaken: Taken,
    InquiryTransferred: Handed,
    InquiryFollowedUp: FollowedUp,
    InquiryDischarged: Discharged,
    InquiryReplied: Replied,
}

@fact
class InquiryFile:
    """Everything the log says about one inquiry, in time order."""

    inquiry: str
    asked: Asked | None
    steps: tuple[InquiryStep, ...]

    @classmethod
    def from_steps(cls, inquiry: str, steps: Iterable[InquiryStep]) -> InquiryFile:
        """Order the steps; an inquiry received twice is an error (it has one first-inquiry person, FIR-1)."""
        ordered = in_order(steps)
        asked = only_one(ordered, Asked, f"inquiry {inquiry!r}")
        return cls(inquiry, asked, tuple(ordered))


class InquiryLedger(FileLedger[InquiryFile]):
    """Gathers inquiry events into inquiry files."""

    def __init__(self) -> None:
        super().__init__(STEP_OF_EVENT, key="inquiry", build=InquiryFile.from_steps)


INQUIRY_FILES: Book[Mapping[str, InquiryFile]] = Book("inquiries", InquiryLedger)
"""The inquiry files (first inquiry and first handling), by inquiry id."""


def unjudged_inquiries(books: Books) -> Iterator[Message]:
    """A note for each inquiry the log never received: it has no first-inquiry person (FIR-1)."""
    for file in books[INQUIRY_FILES].values():
        if file.asked is None:
            yield say("咨询 {inquiry}：日志中没有首问记录（inquiry_received），无法确定首问责任人（事件 {event} 等）。",
                      inquiry=file.inquiry, event=file.steps[0].event)


def inquiry_asked(verdict: Verdict, books: Books) -> date | None:
    """The day that starts an inquiry's matters: its first question (FIR-1), where the verdict names one."""
    file = books[INQUIRY_FILES].get(verdict.inquiry) if verdict.inquiry is not None else None
    return file.asked.day if file is not None and file.asked is not None else None
