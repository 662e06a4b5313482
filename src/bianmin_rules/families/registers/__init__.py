"""The register (台账, REG): daily entries, weekly checks and monthly reports."""
