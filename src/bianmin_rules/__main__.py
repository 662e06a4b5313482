"""``python -m bianmin_rules``: the command line, as ``bianmin-rules``."""

from bianmin_rules.cli.main import main

raise SystemExit(main())
