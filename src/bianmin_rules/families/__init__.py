"""The rule families: one folder per family, with its events, ledger, policies, rule IDs and notes."""
