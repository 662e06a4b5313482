"""Every attendance, leave, post and ladder policy, with every parameter set, prints to a variant file
and reads back unchanged (ATT-1 … ATT-8, LV-1 … LV-3, AB-1 … AB-6, CAL-4, CAL-5, ESC-1, ESC-2, ATT-6)."""

from __future__ import annotations

from bianmin_rules import Variant
from tests.conftest import make_variant
from tests.staff_log import SHOUZHAN_HOURS, policy

PROCEDURE = {"approval_required": True, "retroactive_within": {"amount": 1, "unit": "working_days"},
             "retroactive_from": "start", "phone_call_required": True}
SANCTION = {"tier": "通报批评", "level": 1}
EVERY_POLICY = [
    policy("late-or-early", "ATT-1", "d", "a", "q", on_post_before=5, stay_after=5, grace=1, fine="100",
           sanction=SANCTION, leave=PROCEDURE),
    policy("absence", "ATT-2", "d", "a", "q", per="day", part_day="whole_day", fine="100", leave=PROCEDURE),
    policy("sign-in-register", "CAL-4", "d", "a", "q", scheme="each_session", methods=["face"], monthly=False,
           leave=PROCEDURE),
    policy("extended-service", "CAL-5", "d", "a", "q"),
    policy("meeting-attendance", "ATT-4", "d", "a", "q", kinds=["study"], statuses=["absent", "late"],
           absent_points="-2", late_points="-1", early_points="-0.5", excused_counts=True, charge="window"),
    policy("cumulative-leave", "ATT-5", "d", "a", "q", leave_types=["sick"], over_days="15", period="quarter",
           points="-2"),
    policy("quarterly-disqualification", "ATT-8", "d", "a", "q",
           lapses=["ATT-1", {"rule": "SC-4", "findings": ["asleep"], "finders": ["inspection"]}],
           absences=["ATT-2"], lapses_per_month=3, absence_times=2, long_absence_days="1",
           sanction={"tier": "取消当季评优资格", "level": 1}),
    policy("leave-approval", "LV-1", "d", "a", "q", on_overlap="first", ordered=False, sick_leave_needs_record=True,
           table=[{"up_to": "0.5", "approvers": ["分管领导"]}, {"at_least": 1, "under": 3, "approvers": ["甲", "乙"]},
                  {"over": 3, "approvers": ["主要领导"]}]),
    policy("unapproved-leave", "LV-2", "d", "a", "q", points="-5"),
    policy("retroactive-leave", "LV-3", "d", "a", "q", leave=PROCEDURE),
    policy("empty-post", "AB-6", "d", "a", "q", scope="ab_pair", min_minutes=10, sanction=SANCTION,
           bad_impact_findings=["bad_impact"], bad_impact_sanction={"tier": "移送镇纪委问责处理", "level": 2}),
    policy("leave-substitute", "AB-4", "d", "a", "q", only_when_alone=True, per="day", part_day="whole_day",
           points="-2"),
    policy("whereabouts", "AB-5", "d", "a", "q", required=["where", "why"], grace_minutes=5),
    policy("leaving-post", "ATT-3", "d", "a", "q", per="half_day", at_least_half_days="1", rounding="up",
           charge="window", sanction=SANCTION, points="-1"),
    policy("offence-ladder", "ATT-6", "d", "a", "q", counts=["ATT-1"], findings=["late"], finders=["inspection"],
           once_per="day",
           tiers=[{"occurrence": 1, "tier": "扣发200元", "level": 1, "fine": "200"},
                  {"occurrence": 2, "tier": "扣发全年年度奖金的5%", "level": 2, "bonus_share": "0.05"}],
           period="month", counting="rolling", per="window", repeat_last=False),
    policy("severity-tiers", "ESC-1", "d", "a", "q", offences=[
        {"label": "情节严重", "counts": ["FIR-2"], "findings": ["x"], "finders": ["verified_report"], "serious": True,
         "tier": "调离岗位", "level": 2, "fine": "50"}]),
]


def test_every_attendance_and_ladder_policy_prints_and_reads_back() -> None:
    """Every parameter can be written in a variant file (`bianmin-rules show` prints it back)."""
    variant = make_variant(*EVERY_POLICY, office_hours=SHOUZHAN_HOURS)
    assert Variant.from_toml(variant.to_toml(), origin="printed") == variant
