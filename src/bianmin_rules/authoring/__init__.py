"""Authoring: lint, key positions, statutory caps, and the strategies and logs that test variants."""
