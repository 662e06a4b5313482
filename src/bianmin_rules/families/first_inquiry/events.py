"""First inquiry and first handling (首问 / 首办, FIR): the responsibility chain of one inquiry.

Every event names its inquiry and the staff member who acted (``staff``). The chain
starts with ``inquiry_received``: the staff member asked first — in person, by phone or
by letter — is the first-inquiry person (首问责任人, FIR-1), whether or not the matter
is in their remit. It moves on through records, referrals, a leader's advice, the
taking of the matter by a handler (首办责任人, FIR-5), transfers (FIR-6), follow-ups
(FIR-8), and ends with a reply or a documented discharge (FIR-7).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from bianmin_rules.core.bounds import Day
from bianmin_rules.core.events import ChinaDateTime, EventBase, Identifier, Name, example


class Channel(StrEnum):
    """How the inquiry reached the first-inquiry person (FIR-1)."""

    IN_PERSON = "in_person"
    """来访: the applicant came to the centre."""
    PHONE = "phone"
    """来电: by telephone."""
    LETTER = "letter"
    """来信: by letter."""


class Remit(StrEnum):
    """Whose business the matter is, as judged when it was asked (FIR-2)."""

    OWN = "own"
    """In the first-inquiry person's own remit: they handle it."""
    CENTRE = "centre"
    """Another window's or staff member's remit inside the centre: they take the applicant there."""
    OUTSIDE = "outside"
    """Outside the centre: they explain and name the competent body and its contact."""
    UNCLEAR = "unclear"
    """Unclear: they ask a leader."""


class DischargeReason(StrEnum):
    """Why a matter may be closed without being handled (FIR-7, FIR-2)."""

    NOT_ALLOWED = "not_allowed"
    """Laws or policy do not allow it; discharged once explained patiently (village template 二 6)."""
    LEADER_INSTRUCTION = "leader_instruction"
    """It needed a leader's instruction; discharged once the leader was asked and the applicant told."""
    OUTSIDE_CENTRE = "outside_centre"
    """Not the centre's business; discharged once the competent body and its contact were named."""


class InquiryEvent(EventBase):
    """An event in the chain of one inquiry; ``staff`` is the staff member who acted."""

    inquiry: Identifier = Field(description="The inquiry (咨询/来访/来电/来信) the event belongs to.")
    staff: Name = Field(description="The staff member who acted.")


class InquiryReceived(InquiryEvent):
    """A staff member was the first to be asked (首问, FIR-1): ``staff`` is the first-inquiry person.

    ``remit`` says whose business the matter is; ``matter`` names it in a few words (it is
    shown in the chain printout, so it should not name the applicant).
    """

    model_config = example(
        '{"type": "inquiry_received", "id": "q1", "at": "2026-03-02T09:05:00", "inquiry": "Q-7", '
        '"window": "W-civil", "staff": "S-wang", "channel": "in_person", "remit": "centre", "matter": "低保申请"}'
    )

    type: Literal["inquiry_received"] = "inquiry_received"
    channel: Channel = Field(description="in_person, phone or letter.")
    remit: Remit = Field(description="own, centre, outside or unclear.")
    matter: str | None = Field(default=None, max_length=200, description="The matter asked about, in a few words.")


class InquiryRecorded(InquiryEvent):
    """The matter was written down (记录/登记在册), e.g. a phone inquiry (FIR-2) or for an absent handler (FIR-4).

    ``contact_recorded`` says whether the caller's name and number were written down too;
    the library keeps only that yes or no, never the name or the number.
    """

    model_config = example(
        '{"type": "inquiry_recorded", "id": "q2", "at": "2026-03-02T09:08:00", "inquiry": "Q-7", '
        '"staff": "S-wang", "contact_recorded": true}'
    )

    type: Literal["inquiry_recorded"] = "inquiry_recorded"
    contact_recorded: bool = Field(default=True, description="Were the caller's name and number recorded?")


class InquiryReferred(InquiryEvent):
    """The applicant was taken or sent to the window or staff member whose business it is (引导/转办, FIR-2).

    ``handler_absent`` marks a referral to a handler who is out (FIR-4): the first-inquiry
    person must then record the matter, arrange a time with the handler and give the
    applicant the handler's contact.
    """

    model_config = example(
        '{"type": "inquiry_referred", "id": "q3", "at": "2026-03-02T09:10:00", "inquiry": "Q-7", '
        '"staff": "S-wang", "to_window": "W-social", "to_staff": "S-zhou"}'
    )

    type: Literal["inquiry_referred"] = "inquiry_referred"
    to_window: Name | None = Field(default=None, description="The window referred to.")
    to_staff: Name | None = Field(default=None, description="The staff member referred to (具体接待人员).")
    handler_absent: bool = Field(default=False, description="Was the handler out at the time (FIR-4)?")


class AppointmentArranged(InquiryEvent):
    """The first-inquiry person contacted an absent handler and fixed a time (FIR-4).

    ``with_staff`` is the handler; ``contact_given`` says whether the applicant was given
    the handler's contact.
    """

    model_config = example(
        '{"type": "appointment_arranged", "id": "q4", "at": "2026-03-02T09:20:00", "inquiry": "Q-7", '
        '"staff": "S-wang", "with_staff": "S-zhou", "appointment": "2026-03-03T09:00:00", "contact_given": true}'
    )

    type: Literal["appointment_arranged"] = "appointment_arranged"
    with_staff: Name = Field(description="The handler the time was fixed with.")
    appointment: ChinaDateTime | None = Field(default=None, description="The time fixed.")
    contact_given: bool = Field(description="Was the applicant given the handler's contact?")


class LeaderConsulted(InquiryEvent):
    """A leader was asked for advice or instruction (请示领导, FIR-2, FIR-7)."""

    model_config = example(
        '{"type": "leader_consulted", "id": "q5", "at": "2026-03-02T10:00:00", "inquiry": "Q-8", '
        '"staff": "S-wang", "leader": "L-chen"}'
    )

    type: Literal["leader_consulted"] = "leader_consulted"
    leader: Identifier | None = Field(default=None, description="The leader asked.")


class InquiryRefused(InquiryEvent):
    """A staff member turned the applicant away; ``words`` are the words recorded (FIR-3)."""

    model_config = example(
        '{"type": "inquiry_refused", "id": "q6", "at": "2026-03-02T10:05:00", "inquiry": "Q-9", '
        '"staff": "S-li", "words": "这个不归我管"}'
    )

    type: Literal["inquiry_refused"] = "inquiry_refused"
    words: str = Field(default="", max_length=200, description="What was said, as recorded.")


class InquiryTaken(InquiryEvent):
    """A staff member took the matter to handle it (接办/受理): the first to do so is the first-handling person (FIR-5).

    ``case`` links the case file when the matter became a case; its completion or
    rejection is then the end of the handling. ``promised_date`` is the completion date
    promised to the applicant, if any.
    """

    model_config = example(
        '{"type": "inquiry_taken", "id": "q7", "at": "2026-03-02T09:30:00", "inquiry": "Q-7", '
        '"window": "W-social", "staff": "S-zhou", "case": "C-301"}'
    )

    type: Literal["inquiry_taken"] = "inquiry_taken"
    case: Identifier | None = Field(default=None, description="The case the matter became, if any.")
    promised_date: Day | None = Field(default=None, description="The completion date promised, if any.")


class InquiryTransferred(InquiryEvent):
    """The holder handed the matter to a designated person (移交, FIR-6).

    First-handling responsibility moves to ``to_staff`` only with a leader's consent.
    """

    model_config = example(
        '{"type": "inquiry_transferred", "id": "q8", "at": "2026-03-04T15:00:00", "inquiry": "Q-7", '
        '"staff": "S-zhou", "to_staff": "S-sun", "leader_consent": true, "leader": "L-chen"}'
    )

    type: Literal["inquiry_transferred"] = "inquiry_transferred"
    to_staff: Name = Field(description="The person designated to carry on.")
    to_window: Name | None = Field(default=None, description="Their window.")
    leader_consent: bool = Field(description="Did a leader consent to the transfer?")
    leader: Identifier | None = Field(default=None, description="The leader who consented.")


class InquiryFollowedUp(InquiryEvent):
    """The first-inquiry person checked on a matter they referred (督办, FIR-8)."""

    model_config = example(
        '{"type": "inquiry_followed_up", "id": "q9", "at": "2026-03-05T10:00:00", "inquiry": "Q-7", '
        '"staff": "S-wang"}'
    )

    type: Literal["inquiry_followed_up"] = "inquiry_followed_up"


class InquiryDischarged(InquiryEvent):
    """The matter was closed without being handled, for a documented reason (FIR-7).

    The discharge counts only when its conditions hold: ``explained`` for
    ``not_allowed``; a leader consulted before and ``applicant_told`` for
    ``leader_instruction``; ``competent_body`` named and ``contact_given`` for
    ``outside_centre``.
    """

    model_config = example(
        '{"type": "inquiry_discharged", "id": "q10", "at": "2026-03-02T10:30:00", "inquiry": "Q-8", '
        '"staff": "S-wang", "reason": "leader_instruction", "applicant_told": true}'
    )

    type: Literal["inquiry_discharged"] = "inquiry_discharged"
    reason: DischargeReason = Field(description="not_allowed, leader_instruction or outside_centre.")
    explained: bool = Field(default=False, description="Was the reason explained to the applicant?")
    applicant_told: bool = Field(default=False, description="Was the applicant told the leader's answer?")
    competent_body: str | None = Field(default=None, max_length=200, description="The competent body named.")
    contact_given: bool = Field(default=False, description="Was its contact given?")


class InquiryReplied(InquiryEvent):
    """The applicant was answered, or told the result of the handling (答复/回复结果, FIR-5)."""

    model_config = example(
        '{"type": "inquiry_replied", "id": "q11", "at": "2026-03-09T16:00:00", "inquiry": "Q-7", '
        '"staff": "S-sun", "by_phone": true}'
    )

    type: Literal["inquiry_replied"] = "inquiry_replied"
    by_phone: bool = Field(default=False, description="Told by phone or text message rather than in person.")


INQUIRY_EVENTS: tuple[type[InquiryEvent], ...] = (
    InquiryReceived, InquiryRecorded, InquiryReferred, AppointmentArranged, LeaderConsulted, InquiryRefused,
    InquiryTaken, InquiryTransferred, InquiryFollowedUp, InquiryDischarged, InquiryReplied,
)
"""Every event type of an inquiry chain, in the order of the union."""

