"""AB posts (AB): cover, minimum staffing, substitutes and whereabouts."""
