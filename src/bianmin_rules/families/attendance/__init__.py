"""Attendance (ATT, CAL): sign-in, lateness, absence, meetings and extended service."""
