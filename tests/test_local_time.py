"""'Today' is Rotterdam's, not the server's: a certificate whose last day is today is valid
until midnight in Rotterdam, and terms end at that moment (stored as naive UTC)."""

from datetime import UTC, date, datetime

import pytest

from core import timeutil


class _FrozenClock(datetime):
    moment = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)

    @classmethod
    def now(cls, tz=None):
        return cls.moment.astimezone(tz) if tz else cls.moment.replace(tzinfo=None)


@pytest.mark.parametrize(
    "utc, rotterdam",
    [
        (datetime(2026, 12, 2, 22, 59, tzinfo=UTC), date(2026, 12, 2)),
        (datetime(2026, 12, 2, 23, 30, tzinfo=UTC), date(2026, 12, 3)),  # winter: UTC+1
        (datetime(2026, 7, 1, 21, 59, tzinfo=UTC), date(2026, 7, 1)),
        (datetime(2026, 7, 1, 22, 0, tzinfo=UTC), date(2026, 7, 2)),  # summer: UTC+2
    ],
)
def test_today_is_the_date_in_rotterdam(app, monkeypatch, utc, rotterdam):
    monkeypatch.setattr(_FrozenClock, "moment", utc)
    monkeypatch.setattr(timeutil, "datetime", _FrozenClock)
    with app.app_context():
        assert timeutil.local_today() == rotterdam
    assert timeutil.local_today() == rotterdam  # outside the app too (commands, migrations)


def test_a_day_begins_at_rotterdam_midnight_stored_as_utc(app):
    with app.app_context():
        assert timeutil.local_midnight_utc(date(2026, 12, 3)) == datetime(2026, 12, 2, 23, 0)
        assert timeutil.local_midnight_utc(date(2026, 7, 2)) == datetime(2026, 7, 1, 22, 0)


def test_the_zone_is_the_apps_setting(app, monkeypatch):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "UTC")
    with app.app_context():
        assert timeutil.local_midnight_utc(date(2026, 12, 3)) == datetime(2026, 12, 3, 0, 0)
