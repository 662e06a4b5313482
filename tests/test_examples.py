"""The examples run as their READMEs say, and print what they say they print."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from bianmin_rules import load_variant
from bianmin_rules.authoring.lint import lint_variant
from bianmin_rules.cli.main import main

ROOT = Path(__file__).parent.parent
WHATIF = ROOT / "examples" / "whatif"


def readme_commands(readme: Path) -> list[list[str]]:
    """The commands of a README's ```sh blocks, without the program's name."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", readme.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    return [shlex.split(line)[1:] for block in blocks for line in block.splitlines() if line.strip()]


def test_the_whatif_prints_its_expected_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """TL-7 at 2 working days and TL-11 read as the share of cases completed early: the README's command,
    run from the repository's root, prints expected.md."""
    monkeypatch.chdir(ROOT)
    diff, explain = readme_commands(WHATIF / "README.md")
    assert main(diff) == 0
    assert capsys.readouterr().out == (WHATIF / "expected.md").read_text(encoding="utf-8")
    assert main(explain) == 0
    assert "- **合计**：10 + 10 + 18 + 10 + 0 + 10 + 6 + 7 = 71，满分100" in capsys.readouterr().out


def test_the_amended_variant_changes_only_what_it_says() -> None:
    """The two amendments, and a clean lint: the county's accepted findings only."""
    county, amended = load_variant("county-centre"), load_variant(WHATIF / "amended.toml")
    changed = [(p.rule, p.id) for p, q in zip(county.policies, amended.policies, strict=True) if p != q]
    assert changed == [("TL-7", "rejection-decision"), ("TL-11", "speed-up-rate")]
    policies = {p.id: p for p in amended.policies}
    assert (policies["rejection-decision"].limit.amount,  # type: ignore[union-attr]
            policies["speed-up-rate"].definition) == (2, "early_share")  # type: ignore[union-attr]
    assert (amended.scorecards, amended.case_types) == (county.scorecards, county.case_types)
    assert lint_variant(WHATIF / "amended.toml").clean
