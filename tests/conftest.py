"""Shared helpers: build events from short dicts, load built-in variants once."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from bianmin_rules import EVENT_ADAPTER, Event, Report, Variant, evaluate, load_variant

# Property tests: a quick default profile for everyday runs and CI, and a deep one
# (HYPOTHESIS_PROFILE=deep) for long searches.
settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def events(*rows: dict[str, Any]) -> list[Event]:
    """Events from dicts; ``id`` defaults to the position (e1, e2, …)."""
    return [EVENT_ADAPTER.validate_python({"id": f"e{i}", **row}) for i, row in enumerate(rows, start=1)]


def run(variant: Variant, log: Iterable[Event], as_of: str, **options: Any) -> Report:
    """Evaluate ``log`` as of an ISO day."""
    return evaluate(variant, log, as_of=date.fromisoformat(as_of), **options)


@pytest.fixture(scope="session")
def county() -> Variant:
    """The built-in county-centre variant (source text 004)."""
    return load_variant("county-centre")


def only_rules(variant: Variant, *rules: str) -> Variant:
    """``variant`` with only its policies of ``rules``: rule IDs (``"TL-1"``) or families (``"OTN-"``).

    Its case types, office hours and tables stay; tests of one family read that family's
    verdicts without the others' (a ladder over them, a rate measured from them).
    """
    families = tuple(r for r in rules if r.endswith("-"))
    kept = [p for p in variant.policies if p.rule in rules or p.rule.startswith(families)]
    return variant.model_copy(update={"policies": tuple(kept)})


def make_variant(*policies: dict[str, Any], case_types: dict[str, str] | None = None, **fields: Any) -> Variant:
    """A variant for a test: the given policy tables, and county-centre's case types by default."""
    data: dict[str, Any] = {
        "name": "test-variant",
        "title": "测试中心",
        "source": {"document": "test"},
        "case_types": case_types or dict(load_variant("county-centre").case_types),
        "policies": list(policies),
        **fields,
    }
    return Variant.from_data(data, origin="test-variant")


def cited(kind: str, rule: str, source: tuple[str, str, str], **params: Any) -> dict[str, Any]:
    """A policy table for :func:`make_variant`: its kind, rule, source (document, article, quote) and parameters."""
    document, article, quote = source
    return {"kind": kind, "rule": rule, "source": {"document": document, "article": article, "quote": quote},
            **params}
