"""Cases and their time limits (限时办结, TL; case types, CASE): the case file and the deadline rules."""
