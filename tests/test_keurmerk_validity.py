# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12 §1: a certificate's validity is fixed at the decision; surveillance checks but
never renews; every state that holds a certificate ends when its period is over; a
suspension has a maximum and a public reason; the register is right on any day, whether or
not `workflows tick` has run."""

from datetime import date, timedelta

import pytest

from core.extensions import db
from core.timeutil import local_date, local_midnight_utc, local_today, utcnow
from core.workflow import engine_of
from core.workflow.errors import WorkflowError
from core.workflow.maintenance import tick
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.certification.rules import WORKFLOW, register_entries
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    certify,
    fire,
    framework_id,
    havensteder,
    judge_in_surveillance,
    people,
    reported,
    surveil,
    surveillance_id_of,
    surveilled,
    suspend,
)


@pytest.fixture
def certified(app, client, framework_id, havensteder, people, login):
    certification_id = reported(app, client, havensteder, people, login)
    certify(app, certification_id, people["committee"])
    return certification_id


def facts(app, certification_id):
    """(state, valid_from, valid_until, deadline) as stored now."""
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        instance = engine_of().instance_for(WORKFLOW, certification)
        return (
            instance.state,
            certification.valid_from,
            certification.valid_until,
            instance.deadline_at,
        )


def age(app, certification_id, days):
    """Move the certificate's whole life `days` into the past, as if granted that long ago."""
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        instance = engine_of().instance_for(WORKFLOW, certification)
        shift = timedelta(days=days)
        certification.valid_from -= shift
        certification.valid_until -= shift
        instance.entered_state_at -= shift
        instance.deadline_at -= shift
        db.session.commit()


def public(app, certification_id) -> str:
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    return app.test_client().get(f"/keurmerk/register/{number}").text


def test_granting_fixes_two_years_and_the_certified_state_ends_after_the_last_day(app, certified):
    state, valid_from, valid_until, deadline = facts(app, certified)
    today = local_today()
    assert state == "gecertificeerd" and valid_from == today
    two_years_on = date(today.year + 2, today.month, min(today.day, 28 if today.month == 2 else 31))
    assert valid_until == two_years_on - timedelta(days=1)
    assert deadline == local_midnight_utc(valid_until + timedelta(days=1))


def test_surveillance_checks_but_never_moves_the_end(app, certified, people, login):
    before = facts(app, certified)
    assert surveil(app, certified, people) == "toetsing"
    assert facts(app, certified)[2:] == before[2:]  # same last day, same term
    surveillance_id = surveillance_id_of(app, certified)
    auditor = app.test_client()
    login(auditor, people["other_auditor"])
    assert judge_in_surveillance(auditor, surveillance_id, "I1", app).status_code == 302
    assert fire(app, certified, "surveillance_report", people["other_auditor"]) == (
        "toetsing_besluit"
    )
    assert facts(app, certified)[2:] == before[2:]
    assert fire(app, certified, "pass_surveillance", people["committee"]) == "gecertificeerd"
    assert facts(app, certified)[2:] == before[2:]


@pytest.mark.parametrize("state", ["gecertificeerd", "toetsing", "toetsing_besluit", "geschorst"])
def test_a_certificate_expires_from_every_state_that_holds_it(app, certified, people, state, login):
    if state == "toetsing":
        surveil(app, certified, people)
    if state == "toetsing_besluit":
        surveilled(app, certified, people, login)
    if state == "geschorst":
        age(app, certified, 700)  # 30 days left: the suspension ends with the certificate
        suspend(app, certified, people["committee"], "Klachten over dreigende brieven.")
    age(app, certified, 800)
    with app.app_context():
        assert tick(engine_of()).fired
    assert facts(app, certified)[0] == "verlopen"
    assert "<strong>verlopen</strong>" in public(app, certified)


def test_the_register_says_expired_the_day_after_the_last_day_without_a_tick(
    app, certified, client
):
    assert "<strong>geldig</strong>" in public(app, certified)
    with app.app_context():
        certification = db.session.get(Certification, certified)
        certification.valid_until = local_today() - timedelta(days=1)
        db.session.commit()
        assert [s.key for _c, s in register_entries()] == ["verlopen"]
    assert facts(app, certified)[0] == "gecertificeerd"  # nothing ran
    assert "<strong>verlopen</strong>" in public(app, certified)
    listed = app.test_client().get("/keurmerk/register").text
    assert "geldig" not in listed.split("<tbody>")[1] and "verlopen" in listed
    with app.app_context():
        assert [s.key for _c, s in register_entries(today=local_today() - timedelta(days=1))] == [
            "geldig"
        ]


def test_a_suspension_needs_a_public_reason_shows_it_and_lifting_clears_it(app, certified, people):
    with pytest.raises(WorkflowError):
        suspend(app, certified, people["committee"], "")
    with pytest.raises(WorkflowError):
        suspend(app, certified, people["committee"], "x" * 301)
    assert facts(app, certified)[0] == "gecertificeerd"  # refused: nothing changed
    before = facts(app, certified)
    suspend(app, certified, people["committee"], "Klachten over dreigende brieven.")
    page = public(app, certified)
    assert "<strong>geschorst</strong>" in page
    assert "Klachten over dreigende brieven." in page
    assert f"Geschorst sinds {local_today().day} " in page
    register = app.test_client().get("/keurmerk/register").text
    assert "geschorst sinds" in register and "Klachten over dreigende brieven." in register
    fire(app, certified, "lift", people["committee"])
    assert facts(app, certified)[2:] == before[2:]  # the period is untouched
    page = public(app, certified)
    assert "<strong>geldig</strong>" in page and "Klachten" not in page


def test_a_suspension_longer_than_half_a_year_ends_in_withdrawal(app, certified, people):
    suspend(app, certified, people["committee"], "Klachten over dreigende brieven.")
    state, _from, valid_until, deadline = facts(app, certified)
    assert local_date(deadline) == local_today() + timedelta(days=183)  # the maximum, not the end
    with app.app_context():
        instance = engine_of().instance_for(WORKFLOW, db.session.get(Certification, certified))
        instance.deadline_at = utcnow() - timedelta(minutes=1)  # the half year is over
        db.session.commit()
        assert tick(engine_of()).fired
    assert facts(app, certified)[0] == "ingetrokken"
    assert "<strong>ingetrokken</strong>" in public(app, certified)


def test_a_suspension_of_a_certificate_that_ends_sooner_ends_with_it(app, certified, people):
    age(app, certified, 700)
    valid_until = facts(app, certified)[2]
    suspend(app, certified, people["committee"], "Klachten.")
    assert facts(app, certified)[3] == local_midnight_utc(valid_until + timedelta(days=1))


@pytest.mark.parametrize(
    "granted, months, last_day",
    [
        (date(2026, 12, 3), 24, date(2028, 12, 2)),
        (date(2028, 2, 29), 24, date(2030, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 1), 12, date(2027, 2, 28)),
    ],
)
def test_the_last_day_is_the_day_before_the_same_date_months_later(granted, months, last_day):
    from types import SimpleNamespace

    from plugins.keurmerk.certification.rules import certificate_end

    assert certificate_end(SimpleNamespace(validity_months=months), granted) == last_day


def test_the_register_says_withdrawn_once_the_longest_suspension_is_over_without_a_tick(
    app, certified, people
):
    suspend(app, certified, people["committee"], "Klachten.")
    with app.app_context():
        certification = db.session.get(Certification, certified)
        certification.suspended_on = local_today() - timedelta(days=183)
        db.session.commit()
    assert facts(app, certified)[0] == "geschorst"  # nothing ran
    assert "<strong>ingetrokken</strong>" in public(app, certified)


def test_the_migration_gives_certificates_held_before_it_their_terms(app, certified, people):
    """Before e5a8c2f4b613 a certificate in surveillance or suspension had no term: the
    migration gives each its term with a history row, so tick ends it and verify passes."""
    import importlib.util
    from pathlib import Path

    from core.workflow.maintenance import verify
    from core.workflow.models import WorkflowHistory, WorkflowInstance

    suspend(app, certified, people["committee"], "Klachten over dreigende brieven.")
    with app.app_context():
        instance = engine_of().instance_for(WORKFLOW, db.session.get(Certification, certified))
        expected = instance.deadline_at
        db.session.execute(  # as an older release left it: no term at all
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id == instance.id)
            .values(deadline_at=None)
        )
        db.session.commit()

        [path] = Path("plugins/keurmerk/migrations").glob("*_e5a8c2f4b613_*.py")
        spec = importlib.util.spec_from_file_location("migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        assert migration.reschedule(db.session.connection(), utcnow()) == 1
        db.session.commit()
        db.session.expire_all()
        instance = db.session.get(WorkflowInstance, instance.id)
        # What the declaration gives it (which read the clock a moment after the state changed).
        assert abs(instance.deadline_at - expected) < timedelta(seconds=1)
        row = db.session.scalars(
            db.select(WorkflowHistory)
            .where(WorkflowHistory.instance_id == instance.id)
            .order_by(WorkflowHistory.id.desc())
        ).first()
        assert (row.trigger, row.actor_id, row.data["rescheduled"]) == ("@deadline", None, True)
        assert verify(engine_of()) == []
        assert migration.reschedule(db.session.connection(), utcnow()) == 0  # idempotent
