"""Introductions to a vacancy, the placement that may follow, and the induction."""
