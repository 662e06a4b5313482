"""Intake: what the library reads in — event logs, variant files, schedules, the built-in examples, and the
spreadsheets centres keep (case registers, time-clock exports), read into event logs.

:func:`~bianmin_rules.intake.registers.import_rows` is the pure function over a sheet's
rows; :mod:`~bianmin_rules.intake.spreadsheets` reads .xlsx and .csv registers and writes the log.
"""
