"""Attendance (考勤, ATT-1 … ATT-5, ATT-8, CAL-4, CAL-5): sign-in, lateness, absence, meetings, extended service.

Its staff files keep the whole of the staff's day, leave and posts included, which the
leave and posts families read.
"""

from bianmin_rules.core.family import Family
from bianmin_rules.families.attendance.events import (
    LeaveApproved,
    LeaveRequested,
    MeetingAttendanceRecorded,
    PostAssigned,
    PostCovered,
    PostLeft,
    PostReturned,
    ServiceExtended,
    SignedIn,
    SignedOut,
    WhereaboutsPosted,
)
from bianmin_rules.families.attendance.ledger import ATTENDANCE
from bianmin_rules.families.attendance.policies import (
    Absence,
    CumulativeLeave,
    ExtendedService,
    LateOrEarly,
    MeetingAttendance,
    QuarterlyDisqualification,
    SignInRegister,
)

FAMILY = Family(
    name="attendance",
    title="attendance (考勤)",
    rules={
        "CAL-4": "Sign-in",
        "CAL-5": "Extended service",
        "ATT-1": "Late or early leave",
        "ATT-2": "Absence without leave (旷工)",
        "ATT-3": "Leaving the post without permission",
        "ATT-4": "Meetings and study",
        "ATT-5": "Cumulative leave",
        "ATT-8": "Quarterly disqualification (`county-centre` 四(一))",
    },
    events=(
        PostAssigned, SignedIn, SignedOut, LeaveRequested, LeaveApproved, PostLeft, PostReturned, PostCovered,
        WhereaboutsPosted, MeetingAttendanceRecorded, ServiceExtended,
    ),
    books=(ATTENDANCE,),
    policies=(
        LateOrEarly, Absence, SignInRegister, ExtendedService, MeetingAttendance, CumulativeLeave,
        QuarterlyDisqualification,
    ),
)
"""The declaration the core reads."""
