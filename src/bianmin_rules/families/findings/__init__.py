"""Findings (检查发现): what inspections record, and the fixed penalties for them."""
