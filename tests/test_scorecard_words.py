"""The sentences the scorecards compute (SC-3 clamps and overflow, workings, notes) are words of the catalogue."""

from __future__ import annotations

import json
import re
from datetime import date

from bianmin_rules import evaluate, load_variant
from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.core.scorecards.cards import LineKind
from bianmin_rules.core.scorecards.scoring import more
from bianmin_rules.intake.jsonl import read_events
from bianmin_rules.views.labels import Words

HAN = re.compile(r"[\u4e00-\u9fff]")
COMPUTED = (LineKind.CLAMP, LineKind.OVERFLOW_OUT, LineKind.OVERFLOW_IN, LineKind.MISSING, LineKind.RATE)


def test_computed_line_workings_have_no_chinese_in_english() -> None:
    """SC-3 (加满封顶或扣完为止、倒扣): a clamp's and a rate's working in English with --lang en, Chinese by default."""
    log = read_events(json.dumps(row) for row in generate(3000, seed=1))
    report = evaluate(load_variant("county-centre"), log, as_of=date(2026, 12, 31))
    english = Words("en")
    computed = [line for card in report.scorecards for category in card.categories
                for item in category.items for line in item.lines if line.kind in COMPUTED]
    assert computed, "the synthetic log gives clamped items"
    for line in computed:
        assert not HAN.search(english(line.message)), english(line.message)
        assert line.explanation == str(line.message) and HAN.search(line.explanation)


def test_more_counts_the_other_verdicts_in_either_language() -> None:
    """SC-5: the first verdict is shown, the others counted — （另有2项同类记录） in Chinese, without Han in English."""
    assert more([object(), object(), object()]) == "（另有2项同类记录）"  # type: ignore[list-item]
    assert not HAN.search(Words("en")(more([object(), object()])))  # type: ignore[list-item,arg-type]
