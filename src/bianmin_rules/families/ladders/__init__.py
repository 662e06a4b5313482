"""Sanction ladders and severity tiers (ESC): occurrences counted into tiers."""
