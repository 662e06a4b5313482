"""Intake: what the library reads in — event logs, variant files, schedules, the built-in examples."""
