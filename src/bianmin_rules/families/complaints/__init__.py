"""Complaints (投诉, CMP): answers in time, in the same form, escalation, confidentiality."""
