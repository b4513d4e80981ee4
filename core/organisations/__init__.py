"""Organisations taking part in Warm Rotterdam, and who works for which."""
