"""Registration and decisions on record (REG): timely entry, refusals, matters outside the centre."""
