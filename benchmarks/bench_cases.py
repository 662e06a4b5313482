"""The cost of the case rules: a synthetic log under county-centre, with and without them.

    python benchmarks/bench_cases.py                  # 200,000 events
    python benchmarks/bench_cases.py --events 1000000

The log (``bianmin_rules.authoring.synthetic``) is read once into memory; the books are gathered
once; then the policies of the built-in county-centre variant (TL-1, TL-4, TL-7) and of
county-centre with every case rule of tests/case_variants.py (TL-1 … TL-12, OTN, JA,
REG) are applied to them, and the CPU time of each policy is printed. The throughput of
the whole pipeline (reading, validating, gathering) is benchmarks/bench_throughput.py's.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.case_variants import county_case_rules

from bianmin_rules import EVENT_ADAPTER, Variant, load_variant
from bianmin_rules.authoring.synthetic import generate
from bianmin_rules.core.books import Books
from bianmin_rules.core.engine import collect
from bianmin_rules.core.policy import Context
from bianmin_rules.families.cases.ledger import CASE_FILES

AS_OF = date(2026, 12, 31)


def apply(variant: Variant, books: Books) -> float:
    """Apply the variant's policies stage by stage; print each one's CPU time; return the total."""
    context = Context(variant=variant.name, calendar=variant.calendar().allowing_provisional(), as_of=AS_OF)
    verdicts: list[object] = []
    total = 0.0
    for stage in sorted({p.stage for p in variant.policies}):
        staged = replace(context, verdicts=tuple(verdicts))  # type: ignore[arg-type]
        for policy in (p for p in variant.policies if p.stage == stage):
            started = time.process_time()
            found = list(policy.evaluate(books, staged))
            spent = time.process_time() - started
            total += spent
            verdicts.extend(found)
            print(f"  {policy.kind:24} {policy.rule:6} {spent * 1000:8.0f} ms  {len(found):7,} verdicts")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    log = [EVENT_ADAPTER.validate_python(row) for row in generate(args.events, seed=1)]
    builtin, full = load_variant("county-centre"), county_case_rules()
    books = collect(log, as_of=AS_OF, case_types=full.case_types, families=full.families)
    print(f"{len(log):,} events, {len(books[CASE_FILES]):,} cases")
    for name, variant in (("county-centre", builtin), ("county-centre with every case rule", full)):
        print(f"{name}:")
        print(f"  total {apply(variant, books):.2f} s CPU")


if __name__ == "__main__":
    main()
