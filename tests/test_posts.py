"""AB-1 … AB-6 and ATT-3: windows left empty, A and B away at once, leave without a substitute,
whereabouts, leaving the post — computed by hand in office time only (CAL-2)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from bianmin_rules import SubjectKind
from tests.conftest import events, make_variant, run
from tests.staff_log import SHOUZHAN_HOURS, approve, finding, leave, policy, post, roster, signs

SHOUZHAN = "首占镇便民服务中心管理制度"
DAHE = "大河镇便民服务中心管理制度"
EMPTY = policy("empty-post", "AB-1", SHOUZHAN, "第十条(七)",
               "在工作日内A岗因各种事由不在岗的，B岗应顶岗，避免出现断岗、脱岗")


def spells(variant_policies: list[dict[str, object]], rows: list[dict[str, object]], as_of: str = "2026-03-31",
           **options: object) -> list[tuple[str, date, str, Decimal | None]]:
    """(rule, day, subject, minutes) of each verdict."""
    variant = make_variant(*variant_policies, office_hours=SHOUZHAN_HOURS, **options)  # type: ignore[arg-type]
    return [(v.rule, v.on, str(v.subject), v.quantity) for v in run(variant, events(*rows), as_of).verdicts]


def test_ab1_empty_window_over_the_lunch_break_is_one_spell_of_office_time() -> None:
    """AB-1 (shouzhan-town 第十条(七)): left 11:30, back 14:45 — 11:30–12:00 and 14:30–14:45, 45 minutes, not 3 h 15."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"), *signs("2026-03-02", "07:55", "17:35"),
            post("left", "2026-03-02T11:30"), post("returned", "2026-03-02T14:45")]
    variant = make_variant(EMPTY, office_hours=SHOUZHAN_HOURS)
    (verdict,) = run(variant, events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, str(verdict.subject), verdict.quantity, verdict.evidence) == (
        "AB-1", "window:W1", Decimal(45), ("e4", "e5"))
    assert verdict.explanation == "2026-03-02 窗口W1无人在岗：11:30–12:00、14:30–14:45，办公时间共45分钟。"


def test_ab1_lunch_break_itself_is_not_empty_window_time() -> None:
    """AB-1: signing out at 12:00 and back in at 14:30 leaves no office time uncovered."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"),
            *signs("2026-03-02", "07:55", "12:00", "14:30", "17:35")]
    assert spells([EMPTY], rows) == []


def test_ab1_closed_days_are_not_empty_but_the_make_up_saturday_is() -> None:
    """AB-1, CAL-1: rostered, nobody comes — Saturday 3/7 counts nothing; make-up Saturday 2/28 counts 7 hours."""
    rows = [roster("S1", "W1", "2026-02-28", last_day="2026-02-28"),
            roster("S2", "W2", "2026-03-07", last_day="2026-03-08")]
    assert spells([EMPTY], rows) == [("AB-1", date(2026, 2, 28), "window:W1", Decimal(420))]


def test_ab1_cover_keeps_the_window_staffed_and_leaves_the_substitutes_own_empty() -> None:
    """AB-1: S1 leaves W1 10:00; S2 comes from W2 to cover 10:05; S1 back 10:40 sends S2 back to W2."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"),
            roster("S2", "W2", "2026-03-02", last_day="2026-03-02"),
            *signs("2026-03-02", "07:55", "17:35", window="W1"),
            *signs("2026-03-02", "07:55", "17:35", staff="S2", window="W2"),
            post("left", "2026-03-02T10:00"), post("covered", "2026-03-02T10:05", staff="S2", for_staff="S1"),
            post("returned", "2026-03-02T10:40")]
    assert spells([EMPTY], rows) == [
        ("AB-1", date(2026, 3, 2), "window:W1", Decimal(5)), ("AB-1", date(2026, 3, 2), "window:W2", Decimal(35))]
    assert spells([{**EMPTY, "min_minutes": 10}], rows) == [("AB-1", date(2026, 3, 2), "window:W2", Decimal(35))]
    report = run(make_variant(EMPTY, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [v.evidence for v in report.verdicts] == [("e7", "e8"), ("e8", "e9")]  # left, cover; cover, return


def test_ab1_with_a_roster_only_rostered_windows_must_be_staffed() -> None:
    """AB-1: S1 (rostered at W1, on post all day) helps at the unrostered W9 for an hour — W9 is no window to staff."""
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02"),
            roster("S2", "W1", "2026-03-02", last_day="2026-03-02"),
            *signs("2026-03-02", "07:55", "17:35", window="W1"), *signs("2026-03-02", "07:55", "17:35", staff="S2"),
            post("covered", "2026-03-02T10:00", window="W9"), post("returned", "2026-03-02T11:00")]
    assert spells([EMPTY], rows) == []


def test_ab6_guangwu_empty_window_costs_a_hundred_yuan_and_public_criticism() -> None:
    """AB-6 (guangwu-street 第三十八条(一)): 上班期间窗口出现空岗 → 通报批评、扣除考核奖金100元 per spell."""
    guangwu = policy("empty-post", "AB-6", "光武街道政务服务中心管理办法", "第三十八条(一)",
                     "上班期间窗口出现空岗的，由中心给予通报批评并扣除考核奖金100元",
                     fine="100", sanction={"tier": "通报批评", "level": 1})
    rows = [*signs("2026-03-02", "07:55", "17:35", window="W1"),
            post("left", "2026-03-02T09:00"), post("returned", "2026-03-02T09:20"),
            post("left", "2026-03-02T15:00"), post("returned", "2026-03-02T15:10")]
    report = run(make_variant(guangwu, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [(v.quantity, v.fine, v.points) for v in report.verdicts] == [
        (Decimal(20), Decimal(100), Decimal(0)), (Decimal(10), Decimal(100), Decimal(0))]
    assert {v.sanction.tier for v in report.verdicts if v.sanction} == {"通报批评"}


def test_ab6_dahe_referral_on_bad_impact() -> None:
    """AB-6 (dahe-town 考勤制度 第四条): 离岗后无人替岗 → 责令改正; 造成不良影响 → 移送镇纪委问责处理."""
    dahe = policy("empty-post", "AB-6", DAHE, "考勤制度 第四条",
                  "离岗后无人替岗的，中心责令其改正，造成不良影响和后果的，移送镇纪委问责处理",
                  sanction={"tier": "责令改正", "level": 1}, bad_impact_findings=["bad_impact"],
                  bad_impact_sanction={"tier": "移送镇纪委问责处理", "level": 2})
    rows = [*signs("2026-03-02", "07:55", "17:35", window="W1"), post("left", "2026-03-02T09:00"),
            post("returned", "2026-03-02T09:30"), *signs("2026-03-03", "07:55", "17:35", window="W1"),
            post("left", "2026-03-03T09:00"), post("returned", "2026-03-03T09:30"),
            finding("bad_impact", "2026-03-03T16:00", note="群众等候半小时无人办理")]
    report = run(make_variant(dahe, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [(v.on.day, v.sanction.tier if v.sanction else None) for v in report.verdicts] == [
        (2, "责令改正"), (3, "移送镇纪委问责处理")]
    assert "造成不良影响" in report.verdicts[1].explanation


def test_ab2_a_department_keeps_one_person_on_duty() -> None:
    """AB-2 (town-basic (八)2): W1 and W2 of one department both empty 10:00–10:30 — one spell for the department."""
    department = policy("empty-post", "AB-2", "便民服务中心管理制度 1（镇便民服务中心）", "三、(八)2",
                        "同一镇直部门窗口，因特殊情况需离岗的，至少有一人在窗口值班服务", scope="department")
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02", department="民政办"),
            roster("S2", "W2", "2026-03-02", last_day="2026-03-02", department="民政办"),
            *signs("2026-03-02", "07:55", "17:35"), *signs("2026-03-02", "07:55", "17:35", staff="S2"),
            post("left", "2026-03-02T10:00"), post("returned", "2026-03-02T11:00"),
            post("left", "2026-03-02T09:30", staff="S2", window="W2"),
            post("returned", "2026-03-02T10:30", staff="S2", window="W2")]
    assert spells([department], rows) == [("AB-2", date(2026, 3, 2), "department:民政办", Decimal(30))]


def test_ab3_a_and_b_away_at_the_same_time() -> None:
    """AB-3 (dahe-town 第五条 不得同时外出): A away 10:00–11:00, B (at W2) away 10:30–10:45 — 15 minutes."""
    pair = policy("empty-post", "AB-3", DAHE, "三、第五条", "不得在工作时间内出现同时外出", scope="ab_pair")
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-02", post="A"),
            roster("S2", "W1", "2026-03-02", last_day="2026-03-02", post="B"),
            *signs("2026-03-02", "07:55", "17:35"), *signs("2026-03-02", "07:55", "17:35", staff="S2", window="W2"),
            post("left", "2026-03-02T10:00"), post("returned", "2026-03-02T11:00"),
            post("left", "2026-03-02T10:30", staff="S2", window="W2"),
            post("returned", "2026-03-02T10:45", staff="S2", window="W2")]
    found = run(make_variant(pair, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31").verdicts
    assert [(v.quantity, str(v.subject)) for v in found] == [(Decimal(15), "window:W1")]
    assert "A岗S1与B岗S2同时不在岗" in found[0].explanation


def leave_rows(substitute: str | None = None) -> list[dict[str, object]]:
    extra = {"substitute": substitute} if substitute else {}
    return [roster("S1", "W1", "2026-03-02"),
            leave("L1", "2026-03-03T08:00", "2026-03-04T17:30", at="2026-03-02T09:00", window="W1", **extra),
            approve("L1", "2026-03-02T10:00", "中心主任")]


def test_ab4_shouzhan_no_leave_when_nobody_is_left_at_the_window() -> None:
    """AB-4 (shouzhan-town 第八条(二)1): alone at W1, leave granted without a substitute — a violation."""
    rule = policy("leave-substitute", "AB-4", SHOUZHAN, "第八条(二)1",
                  "窗口无人留守的不得请假，确需请假的，需自行调整找到顶岗人员后报中心主任", only_when_alone=True)
    assert spells([rule], leave_rows()) == [("AB-4", date(2026, 3, 3), "staff:S1", Decimal(2))]
    assert spells([rule], leave_rows("S2")) == []
    colleague = [*leave_rows(), roster("S3", "W1", "2026-03-02")]
    assert spells([rule], colleague) == []


def test_ab4_community_hall_always_needs_a_substitute() -> None:
    """AB-4 (community-hall 考勤 (五)): every leave needs a temporary substitute, colleague or not."""
    rule = policy("leave-substitute", "AB-4", "综合服务大厅管理制度（第二篇）", "一、(五)",
                  "上述各种外出及请假情况，必须安排临时顶岗人员")
    colleague = [*leave_rows(), roster("S3", "W1", "2026-03-02")]
    assert spells([rule], colleague) == [("AB-4", date(2026, 3, 3), "staff:S1", Decimal(2))]


def test_ab6_jiangxi_two_points_a_day_without_a_substitute() -> None:
    """AB-6 (jiangxi-town 工作纪律 ⑦): 请假有人顶岗不扣分，无人顶岗每天扣2分 — covered on 3/4 only: −2."""
    rule = policy("leave-substitute", "AB-6", "江西某镇综合便民服务中心管理制度", "二、(一)4(1)⑦",
                  "请假有人顶岗不扣分，无人顶岗每天扣2分", per="day", points="-2")
    uncovered = run(make_variant(rule, office_hours=SHOUZHAN_HOURS), events(*leave_rows()), "2026-03-31")
    assert [(v.points, v.quantity) for v in uncovered.verdicts] == [(Decimal(-4), Decimal(2))]
    rows = [*leave_rows(), post("covered", "2026-03-04T08:00", staff="S2", for_staff="S1")]
    (verdict,) = run(make_variant(rule, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31").verdicts
    assert (verdict.points, verdict.explanation) == (Decimal(-2), "请假L1获准，但2026-03-03无人顶岗（共1天）。")


WHEREABOUTS = policy("whereabouts", "AB-5", DAHE, "三、第六条",
                     "临时离开时，应将去向、事由、联系方式等在窗口进行公示")


def note(at: str, **fields: str) -> dict[str, object]:
    return {"type": "whereabouts_posted", "at": at, "staff": "S1", "window": "W1", **fields}


def test_ab5_dahe_whereabouts_where_why_and_how_to_reach() -> None:
    """AB-5 (dahe-town 第六条): no note, an incomplete note, a complete note."""
    rows = [post("left", "2026-03-02T09:00"), post("returned", "2026-03-02T09:20"),
            note("2026-03-02T10:00", where="规建办", why="送材料"), post("left", "2026-03-02T10:01"),
            post("returned", "2026-03-02T10:20"),
            note("2026-03-02T11:00", where="规建办", why="送材料", contact="13800000000"),
            post("left", "2026-03-02T11:00"), post("returned", "2026-03-02T11:20")]
    report = run(make_variant(WHEREABOUTS, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [v.explanation for v in report.verdicts] == [
        "2026-03-02 09:00临时离岗，未公示去向。", "2026-03-02 10:01临时离岗，公示不全，缺联系方式。"]
    assert report.verdicts[1].evidence == ("e4", "e3")


def test_ab5_county_needs_where_and_why_only_and_not_during_lunch() -> None:
    """AB-5 (county-centre 政务公开制度 三(八) 公布去向及事由): no contact needed;
    leaving at 12:30 is not office time."""
    county = {**WHEREABOUTS, "required": ["where", "why"]}
    rows = [note("2026-03-02T10:00", where="国土所", why="踏勘"), post("left", "2026-03-02T10:01"),
            post("returned", "2026-03-02T11:00"), post("left", "2026-03-02T12:30")]
    assert spells([county], rows) == []


COUNTY = "县政务服务中心部门窗口及窗口工作人员考核办法"


def test_att3_county_staff_minus_one_per_departure_without_permission() -> None:
    """ATT-3 (county-centre 二、(三)1 擅自离岗，每次扣1分): permitted departures do not count."""
    rule = policy("leaving-post", "ATT-3", COUNTY, "二、(三)1", "擅自离岗，每次扣1分", points="-1")
    rows = [*signs("2026-03-02", "07:55", "17:35"), post("left", "2026-03-02T09:00"),
            post("returned", "2026-03-02T09:20"), post("left", "2026-03-02T10:00", permitted_by="中心主任"),
            post("returned", "2026-03-02T10:20")]
    report = run(make_variant(rule, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [(v.points, v.quantity, v.explanation) for v in report.verdicts] == [
        (Decimal(-1), Decimal(20), "2026-03-02 09:00未经批准离岗，09:20返回，离岗办公时间20分钟。")]


def test_att3_county_window_one_point_per_half_day_beyond_half_a_day() -> None:
    """ATT-3 (county-centre 一、(一) 擅自脱岗半天以上，每次每半天扣1分): a half day is 3.5 of 7 office hours.

    On shouzhan-town hours, away 09:00–16:00 is 3 h + 1.5 h = 4.5 h, one whole half day: −1 to the window
    (two half days begun: −2 when rounding up); away 2 hours: nothing.
    """
    rule = policy("leaving-post", "ATT-3", COUNTY, "一、(一)", "擅自脱岗半天以上，每次每半天扣1分", points="-1",
                  per="half_day", at_least_half_days=1, charge="window")
    rows = [post("left", "2026-03-02T09:00"), post("returned", "2026-03-02T16:00"),
            post("left", "2026-03-03T09:00"), post("returned", "2026-03-03T11:00")]
    variant = make_variant(rule, office_hours=SHOUZHAN_HOURS)
    (verdict,) = run(variant, events(*rows), "2026-03-31").verdicts
    assert (verdict.subject.kind, verdict.points, verdict.quantity) == (SubjectKind.WINDOW, Decimal(-1), Decimal(270))
    up = run(make_variant({**rule, "rounding": "up"}, office_hours=SHOUZHAN_HOURS), events(*rows), "2026-03-31")
    assert [v.points for v in up.verdicts] == [Decimal(-2)]


def test_attendance_reports_do_not_depend_on_the_order_of_the_log() -> None:
    """AB-1, ATT-1, ATT-2, AB-4: shuffled logs (covers, leave, sign-ins at equal times) give the same report."""
    variant = make_variant(EMPTY, policy("late-or-early", "ATT-1", "d", "a", "q"),
                           policy("absence", "ATT-2", "d", "a", "q", points="-2"),
                           policy("leave-substitute", "AB-4", "d", "a", "q"), office_hours=SHOUZHAN_HOURS)
    rows = [roster("S1", "W1", "2026-03-02", last_day="2026-03-04"),
            roster("S2", "W2", "2026-03-02", last_day="2026-03-04"),
            *signs("2026-03-02", "08:05", "17:35", window="W1"),
            *signs("2026-03-02", "08:05", "17:35", staff="S2", window="W2"),
            post("left", "2026-03-02T10:00"), post("covered", "2026-03-02T10:00", staff="S2", for_staff="S1"),
            post("returned", "2026-03-02T10:40"),
            leave("L1", "2026-03-03T08:00", "2026-03-03T17:30", at="2026-03-02T09:00"),
            approve("L1", "2026-03-02T10:00", "中心主任"), *signs("2026-03-04", "07:55", "12:00", staff="S2")]
    log = events(*rows)
    expected = run(variant, log, "2026-03-31")
    assert len(expected.verdicts) > 5
    for seed in range(5):
        shuffled = log[:]
        random.Random(seed).shuffle(shuffled)
        assert run(variant, shuffled, "2026-03-31") == expected
