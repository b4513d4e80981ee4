"""Signals from the neighbourhood (signalen uit de wijk): raised, weighed, passed on, closed."""
