"""The core: events, books and ledgers, the policy protocol, verdicts and reports, the calendar and
deadlines, variants and the engine, assessment tables.
"""
