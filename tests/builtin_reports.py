"""A built-in variant's reports on the example and the synthetic logs, each checked to be its own."""

from __future__ import annotations

from bianmin_rules import Report, Variant
from tests.variant_logs import evaluate_example_and_synthetic


def evaluate_both(variant: Variant) -> tuple[Report, Report]:
    """The example and the synthetic reports of ``variant``; every verdict names the variant and one of
    the rules its policies encode (their TL-5 extension and TL-10 warning checks included)."""
    rules = {policy.rule for policy in variant.policies}
    rules |= {sub.rule for policy in variant.policies for sub in (getattr(policy, "extension", None),
                                                                  getattr(policy, "warning", None)) if sub}
    reports = evaluate_example_and_synthetic(variant)
    for report in reports:
        assert {v.variant for v in report.verdicts} <= {variant.name}
        assert {v.rule for v in report.verdicts} <= rules
    return reports
