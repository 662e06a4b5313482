"""Reports in Chinese are the same, byte for byte, whatever language the views can also speak.

Every built-in variant is evaluated on its example log (as of the demo day and at the
year's end) and on the synthetic year, with compliance verdicts, and each JSON report —
its verdicts' explanations, its notes, its scorecards' lines — is compared with the
digest recorded in ``tests/data/chinese-reports.json``. The digests were recorded from
the reports as they were written before verdicts kept their explanations as data; a
change to a report's words must be deliberate: record the digests anew with
``python -m tests.test_reports_in_chinese`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bianmin_rules import evaluate, load_variant, read_events
from bianmin_rules.intake.files import DEMO_AS_OF, builtin_variant_names, example_text
from bianmin_rules.views.render import to_json
from tests.variant_logs import SYNTHETIC_AS_OF, declared_only, synthetic_events

DIGESTS = Path(__file__).parent / "data" / "chinese-reports.json"

RUNS = (("example", date.fromisoformat(DEMO_AS_OF)), ("example", SYNTHETIC_AS_OF), ("synthetic", SYNTHETIC_AS_OF))


def digests(name: str) -> Iterator[tuple[str, str]]:
    """``(run, sha256 of the JSON report)`` for each run of one built-in variant."""
    variant = load_variant(name)
    for log, as_of in RUNS:
        if log == "example":
            events = list(read_events(example_text(name).split("\n"), source=f"{name}.jsonl"))
        else:
            events = declared_only(synthetic_events(), variant.case_types)
        report = evaluate(variant, events, as_of=as_of, include_compliance=True)
        yield f"{name} {log} {as_of}", hashlib.sha256(to_json(report).encode()).hexdigest()


@pytest.mark.parametrize("name", builtin_variant_names())
def test_the_chinese_report_of_every_builtin_variant_is_unchanged(name: str) -> None:
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert dict(digests(name)) == {key: value for key, value in recorded.items() if key.split()[0] == name}


if __name__ == "__main__":
    found = {key: value for name in builtin_variant_names() for key, value in digests(name)}
    DIGESTS.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
