"""``python -m bianmin_rules.cli``: the command line."""

from bianmin_rules.cli.main import main

raise SystemExit(main())
