"""Write a synthetic county-centre log (JSON Lines): the generator the throughput benchmark uses.

    python benchmarks/generate_log.py --events 1000000 > log.jsonl
    bianmin-rules evaluate --variant county-centre --as-of 2026-11-06 log.jsonl > report.md

The same as ``bianmin-rules generate``, whose options it takes (``--events``, ``--seed``,
``--year``, ``--windows``); :func:`bianmin_rules.authoring.synthetic.generate` gives the rows to Python.
"""

from __future__ import annotations

import sys

from bianmin_rules.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main(["generate", *sys.argv[1:]]))
