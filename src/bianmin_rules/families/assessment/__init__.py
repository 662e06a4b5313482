"""Assessment inputs (SC): evaluations, merits, other assessors' scores and the speed-up rate."""
