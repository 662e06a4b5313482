"""First inquiry and first handling (首问 / 首办, FIR): the responsibility chain of each inquiry."""
