"""Terms the keurmerk counts in: a last day, and half a year (the longest repair, suspension
or consultation)."""

from datetime import date, datetime, timedelta

from core.api import local_midnight_utc

HALF_YEAR = timedelta(days=183)


def day_after(last_day: date) -> datetime:
    """The moment a term whose last day is `last_day` is over: midnight after it, in
    Rotterdam (as naive UTC, the way moments are stored)."""
    return local_midnight_utc(last_day + timedelta(days=1))
