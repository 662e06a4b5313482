"""The built-in shandong-guideline variant (source text 000, 便民服务中心管理制度 12), checked against its text.

A provincial guideline with few rules a log can show (REG-6, OTN-2), written to be
extended by a township's variant, which adds what the guideline leaves to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bianmin_rules import Variant, VariantError, builtin_variant_names, load_variant
from tests.builtin_reports import evaluate_both
from tests.conftest import events, run
from tests.staff_log import finding


@pytest.fixture(scope="module")
def shandong() -> Variant:
    return load_variant("shandong-guideline")


def test_builtin_names_its_source_and_kinds_of_matter(shandong: Variant) -> None:
    """CASE-2 (第二条 政务服务事项、便民服务事项); no hours, date or table in the text."""
    assert "shandong-guideline" in builtin_variant_names()
    assert shandong.source.section.startswith("便民服务中心管理制度 12")
    assert shandong.case_types == {"government_service": "政务服务事项", "convenience_service": "便民服务事项"}
    assert (shandong.effective, shandong.office_hours, shandong.scorecards) == (None, None, ())
    assert [p.id for p in shandong.policies] == ["duplicate-paper", "online-first-forced", "channel-parity",
                                                 "single-notice"]
    assert Variant.from_toml(shandong.to_toml(), origin="printed") == shandong


def received(case_type: str = "government_service") -> dict[str, Any]:
    return {"type": "case_received", "at": "2026-03-02T09:00", "case": "C1", "staff": "S1", "window": "W1",
            "case_type": case_type}


def test_reg6_no_paper_copy_of_what_came_online_or_by_sharing(shandong: Variant) -> None:
    """REG-6 (第十九条 已在线收取……或通过部门间数据共享能获取……不得要求申请人重复提交纸质材料)."""
    rows = [{"type": "materials_received_online", "at": "2026-03-01T20:00", "case": "C1", "items": ["身份证"]},
            received(),
            {"type": "paper_copies_demanded", "at": "2026-03-02T09:10", "case": "C1", "staff": "S1", "window": "W1",
             "items": ["身份证", "户口簿", "申请表"], "obtainable_by_sharing": ["户口簿"]}]
    (verdict,) = run(shandong, events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, verdict.staff, verdict.explanation) == (
        "REG-6", "S1",
        "办件 C1：2026-03-02要求重复提交纸质材料：“身份证”已在线收取，“户口簿”可通过部门间数据共享获取。")


def test_reg6_forcing_online_first_and_refusing_the_counter_are_findings(shandong: Variant) -> None:
    """REG-6 (第十九条 不得强制要求其先到线上预约或在线提交申请材料; 并行提供线上线下办理方式)."""
    rows = [finding("online_booking_forced", "2026-03-02T10:00"),
            finding("offline_channel_refused", "2026-03-03T10:00"), finding("late", "2026-03-04T09:20")]
    report = run(shandong, events(*rows), "2026-03-31")
    assert [(v.rule, v.code, v.on.day) for v in report.verdicts] == [
        ("REG-6", "online_booking_forced", 2), ("REG-6", "offline_channel_refused", 3)]


def test_otn2_tell_everything_at_once(shandong: Variant) -> None:
    """OTN-2 (第二十二条 做到一次告知): a second notice asking for an item the first did not list."""
    rows = [received("convenience_service"),
            {"type": "missing_materials_notice", "at": "2026-03-02T09:10", "case": "C1", "staff": "S1",
             "items": ["身份证"]},
            {"type": "missing_materials_notice", "at": "2026-03-04T09:10", "case": "C1", "staff": "S2",
             "items": ["身份证", "结婚证"]}]
    (verdict,) = run(shandong, events(*rows), "2026-03-31").verdicts
    assert (verdict.rule, verdict.staff, verdict.evidence) == ("OTN-2", "S1", ("e2", "e3"))


TOWNSHIP = """
extends = "shandong-guideline"
name = "some-township"
title = "某镇便民服务中心"
source = { document = "某镇便民服务中心管理制度" }
remove_policies = ["channel-parity"]

[case_types]
immediate = "即办件"
promised = "承诺件"

[[policies]]
id = "time-limit"
kind = "promised-limit"
rule = "TL-2"
source = { document = "某镇便民服务中心管理制度", article = "第五条", quote = "承诺件在承诺时限内办结。" }
"""


def test_a_township_extends_the_guideline_with_what_it_leaves_open(tmp_path: Path) -> None:
    """第二十五条 leaves 限时办结 and the rest to the townships: a township extends the guideline, declares
    its own case types (which replace the guideline's), keeps REG-6 and OTN-2, and adds TL-2."""
    path = tmp_path / "township.toml"
    path.write_text(TOWNSHIP, encoding="utf-8")
    township = load_variant(path)
    assert (township.based_on, list(township.case_types)) == ("shandong-guideline", ["immediate", "promised"])
    assert [p.id for p in township.policies] == ["duplicate-paper", "online-first-forced", "single-notice",
                                                 "time-limit"]
    path.write_text(TOWNSHIP.replace('"TL-2"', '"TL-2"\ncase_types = ["supplement"]'), encoding="utf-8")
    with pytest.raises(VariantError, match="names case type 'supplement'"):
        load_variant(path)


def test_the_example_and_a_synthetic_log_evaluate(shandong: Variant) -> None:
    """The example and synthetic logs (whose cases are none of the guideline's kinds) evaluate without error;
    none of their findings is one the guideline names."""
    for report in evaluate_both(shandong):
        assert report.verdicts == ()
