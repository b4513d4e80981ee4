# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12's dates with the clock frozen (time-machine), not the data moved: a certificate is
valid until midnight in Rotterdam on its last day and expired the minute after, on the register
and on its verification page, whether or not `workflows tick` has run; a suspension starts on
the day it is decided and its maximum counts from that day."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine

from core.extensions import db
from core.workflow import engine_of
from core.workflow.maintenance import tick
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.certification.rules import WORKFLOW
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    certify,
    framework_id,
    havensteder,
    people,
    reported,
    suspend,
)
from tests.test_keurmerk_validity import certified, facts, public  # noqa: F401

ROTTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day, hour, minute=0):
    """A moment in Rotterdam's own time."""
    return datetime.combine(day, time(hour, minute), tzinfo=ROTTERDAM)


def test_valid_until_midnight_in_rotterdam_on_the_last_day_then_expired_without_a_tick(
    app, certified
):
    state, valid_from, valid_until, _deadline = facts(app, certified)
    assert state == "gecertificeerd"
    with time_machine.travel(at(valid_from + timedelta(days=400), 12), tick=False):
        assert "<strong>geldig</strong>" in public(app, certified)
    with time_machine.travel(at(valid_until, 23, 30), tick=False):  # 22:30 UTC: still the day
        assert "<strong>geldig</strong>" in public(app, certified)
        with app.app_context():
            assert tick(engine_of()).fired == []
    with time_machine.travel(at(valid_until + timedelta(days=1), 0, 30), tick=False):
        # 23:30 UTC on the last day: a server counting in UTC would still say valid
        assert facts(app, certified)[0] == "gecertificeerd"  # nothing has run
        assert "<strong>verlopen</strong>" in public(app, certified)
        listed = app.test_client().get("/keurmerk/register").text
        assert "verlopen" in listed.split("<tbody>")[1]
        with app.app_context():
            assert tick(engine_of()).fired  # the deadline is Rotterdam's midnight
        assert facts(app, certified)[0] == "verlopen"
        assert "<strong>verlopen</strong>" in public(app, certified)


def test_a_suspension_counts_from_its_day_and_ends_in_withdrawal_after_half_a_year(
    app, certified, people
):
    _state, valid_from, valid_until, _deadline = facts(app, certified)
    decided = valid_from + timedelta(days=200)
    with time_machine.travel(at(decided, 10), tick=False):
        suspend(app, certified, people["committee"], "Klachten over dreigende brieven.")
        with app.app_context():
            assert db.session.get(Certification, certified).suspended_on == decided
        assert "geschorst" in public(app, certified)
    with time_machine.travel(at(decided + timedelta(days=182), 12), tick=False):
        assert "geschorst" in public(app, certified)  # the half year is not over
    with time_machine.travel(at(decided + timedelta(days=184), 12), tick=False):
        assert facts(app, certified)[0] == "geschorst"  # nothing has run
        assert "<strong>ingetrokken</strong>" in public(app, certified)
        with app.app_context():
            assert tick(engine_of()).fired
            instance = engine_of().instance_for(WORKFLOW, db.session.get(Certification, certified))
            assert instance.state == "ingetrokken"
    assert valid_until > decided + timedelta(days=184)  # withdrawn well before its end
