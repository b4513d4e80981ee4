"""One notion of "now": naive UTC, stored the same way on SQLite and PostgreSQL; and one of
"today": the date where the programme works (the app's time zone), not the server's."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/Amsterdam"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _zone() -> ZoneInfo:
    name = current_app.config["BABEL_DEFAULT_TIMEZONE"] if has_app_context() else DEFAULT_ZONE
    return ZoneInfo(name)


def local_today() -> date:
    """Today in Rotterdam (BABEL_DEFAULT_TIMEZONE): a certificate whose last day is today is
    valid until midnight there, whatever the server's own clock says."""
    return datetime.now(_zone()).date()


def local_date(moment: datetime) -> date:
    """The date in the app's time zone of `moment` (naive UTC, as stored): a rejection at
    23:30 UTC on 3 December happened on 4 December in Rotterdam."""
    return moment.replace(tzinfo=UTC).astimezone(_zone()).date()


def local_midnight_utc(day: date) -> datetime:
    """The moment `day` begins in the app's time zone, as naive UTC (how moments are stored)."""
    return datetime.combine(day, time(), tzinfo=_zone()).astimezone(UTC).replace(tzinfo=None)


def local_to_utc(local: datetime) -> datetime:
    """A moment typed in the app's time zone (naive), as stored: naive UTC."""
    return local.replace(tzinfo=_zone()).astimezone(UTC).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    """A stored moment (naive UTC) in the app's time zone, naive: for a form's field."""
    return moment.replace(tzinfo=UTC).astimezone(_zone()).replace(tzinfo=None)
