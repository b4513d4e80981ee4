"""The intake through HTTP, as the people involved use it: a collector refers, a counsellor
calls, plans, holds the intake and records the outcome; the referrer sees only the status."""

from datetime import timedelta

import pytest

from core.api import WorkflowInstance, db, utcnow
from core.testing import post_form

from .world import build, count_referrals, only_referral, referral_form

TAKE_ON_NOTE = "Vijf schuldeisers; we starten budgetbeheer."


@pytest.fixture
def world(app, make_user, enable_plugin):
    enable_plugin("schuldhulp")
    return build(app, make_user)


def signed_in(app, login, user):
    """A browser of its own for `user`, as each person uses their own."""
    client = app.test_client()
    login(client, user)
    return client


def refer(client, login, world, **changes):
    referrer = signed_in(client.application, login, world.referrer)
    return post_form(referrer, "/schuldhulp/verwijzen", referral_form(world, **changes))


def fire(client, instance_id, trigger, page, follow_redirects=False, **data):
    """Take a step as the panel's buttons and forms do: POST to the engine's fire URL."""
    with client.application.app_context():
        version = db.session.get(WorkflowInstance, instance_id).version
    return post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": trigger, "version": str(version), **data},
        form_url=page,
        follow_redirects=follow_redirects,
    )


def moment(days_from_now: int) -> str:
    return (utcnow() + timedelta(days=days_from_now)).strftime("%Y-%m-%dT%H:%M")


def test_the_pages_are_served(app, client, world, login):
    login(client, world.referrer)
    index = client.get("/schuldhulp/")
    assert index.status_code == 200 and "Iemand doorverwijzen" in index.text
    form = client.get("/schuldhulp/verwijzen")
    assert form.status_code == 200 and "Schuldhulp Zuid" in form.text
    assert "Schuldhulp" in client.get("/").text  # the menu item and the dashboard widget


def test_a_referral_goes_from_referred_to_taken_on(app, client, world, login):
    assert refer(client, login, world).status_code == 302
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"
    assert instance.state == "verwezen" and instance.deadline_at is not None

    login(client, world.counsellor)
    assert "Mevrouw Jansen" in client.get("/schuldhulp/").text
    assert "010 123 45 67" in client.get(page).text
    assert "Verwijzing" in client.get("/tasks").text  # the first call is in "Mijn taken"

    assert fire(client, instance.id, "first_contact", page).status_code == 303
    assert (
        fire(client, instance.id, "plan_intake", page, moment=moment(2), place="office").status_code
        == 303
    )
    _, instance = only_referral(app)
    assert (instance.state, instance.assignee_id) == ("intake_gepland", world.counsellor.id)
    assert "Intakegesprek: Mevrouw Jansen" in client.get("/tasks").text

    # The guard: whether the resident came can only be said once the day is there.
    blocked = fire(client, instance.id, "intake_held", page, follow_redirects=True)
    assert "Het intakegesprek is pas op" in blocked.text
    assert only_referral(app)[1].state == "intake_gepland"

    fire(client, instance.id, "reschedule", page, moment=moment(0), place="phone")
    assert fire(client, instance.id, "intake_held", page).status_code == 303
    assert fire(client, instance.id, "take_on", page, comment=TAKE_ON_NOTE).status_code == 303
    referral, instance = only_referral(app)
    assert instance.state == "aangenomen"
    assert referral.phone is None and referral.closed_at is not None  # no more than needed
    client = client.application.test_client()

    # The referrer follows the status, never the notes.
    login(client, world.referrer)
    status = client.get(page)
    assert status.status_code == 200
    assert "Aangenomen voor schuldhulp" in status.text
    assert TAKE_ON_NOTE not in status.text and "Geschiedenis" not in status.text
    assert client.get(f"/workflows/instances/{instance.id}").status_code == 404


def test_referring_elsewhere_records_where_to(app, client, world, login):
    refer(client, login, world)
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"
    login(client, world.counsellor)
    fire(client, instance.id, "first_contact", page)
    fire(client, instance.id, "plan_intake", page, moment=moment(0), place="home")
    fire(client, instance.id, "intake_held", page)
    assert (
        fire(client, instance.id, "refer_elsewhere", page, referred_to="budget_buddy").status_code
        == 303
    )
    referral, instance = only_referral(app)
    assert (instance.state, referral.referred_to) == ("elders", "budget_buddy")
    assert "Samen010 (Budgetmaatjes)" in client.get(page).text


def test_a_no_show_needs_a_reason(app, client, world, login):
    refer(client, login, world)
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"
    login(client, world.counsellor)
    fire(client, instance.id, "first_contact", page)
    fire(client, instance.id, "plan_intake", page, moment=moment(0), place="office")
    refused = fire(client, instance.id, "no_show", page, follow_redirects=True)
    assert "Schrijf op waarom" in refused.text
    fire(client, instance.id, "no_show", page, comment="Niet gekomen, twee keer gebeld.")
    assert only_referral(app)[1].state == "niet_verschenen"


def test_only_a_counsellor_takes_the_steps(app, client, world, login, make_user):
    refer(client, login, world)
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"
    login(client, world.referrer)
    assert fire(client, instance.id, "first_contact", page).status_code == 404
    client = client.application.test_client()
    login(client, world.counsellor)
    assert client.get("/schuldhulp/verwijzen").status_code == 403  # counsellors do not refer
    client = client.application.test_client()
    login(client, make_user(roles={"expert"}))
    assert client.get("/schuldhulp/").status_code == 403
    assert client.get(page).status_code == 403
    assert only_referral(app)[1].state == "verwezen"


def test_another_organisation_sees_nothing(app, client, world, login, make_user):
    refer(client, login, world)
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"

    login(client, world.other_counsellor)
    assert "Mevrouw Jansen" not in client.get("/schuldhulp/").text
    assert client.get(page).status_code == 404
    assert fire(client, instance.id, "first_contact", "/schuldhulp/").status_code == 404
    assert "Verwijzing" not in client.get("/tasks").text
    client = client.application.test_client()

    other_collector = build_collector(app, make_user)
    login(client, other_collector)
    assert "HS-1" not in client.get("/schuldhulp/").text
    assert client.get(page).status_code == 404
    assert only_referral(app)[1].state == "verwezen"


def build_collector(app, make_user):
    from .world import organisation

    return make_user(
        roles={"debiteurenbeheer"},
        organisation=organisation(app, "Incasso BV", "collection_agency"),
    )


def test_a_referral_without_consent_is_refused_and_nothing_is_stored(app, client, world, login):
    response = refer(client, login, world, consent="")
    assert response.status_code == 400
    assert "Zonder toestemming van de bewoner kunt u niemand doorverwijzen." in response.text
    assert count_referrals(app) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "bel me"}, "Vul een telefoonnummer in van 10 cijfers"),
        ({"name": ""}, "Vul de naam in."),
        ({"debt_help_organisation_id": "999"}, "Not a valid choice"),
    ],
)
def test_bad_referral_input_is_named(app, client, world, login, changes, message):
    response = refer(client, login, world, **changes)
    assert response.status_code == 400
    assert count_referrals(app) == 0
    if message != "Not a valid choice":
        assert message in response.text


def test_an_intake_too_late_is_refused_with_the_last_allowed_day(app, client, world, login):
    refer(client, login, world)
    referral, instance = only_referral(app)
    page = f"/schuldhulp/verwijzingen/{referral.id}"
    login(client, world.counsellor)
    fire(client, instance.id, "first_contact", page)
    too_late = fire(client, instance.id, "plan_intake", page, moment=moment(40), place="office")
    assert too_late.status_code == 400
    assert "Het eerste gesprek moet uiterlijk op" in too_late.text
    past = fire(client, instance.id, "plan_intake", page, moment=moment(-3), place="office")
    assert "Die datum is al voorbij" in past.text
    referral, instance = only_referral(app)
    assert (instance.state, referral.appointment_at) == ("contact", None)


def test_urgent_referrals_are_due_the_next_working_day(app, client, world, login):
    refer(client, login, world, urgent="y")
    _, instance = only_referral(app)
    assert instance.deadline_at - instance.created_at <= timedelta(days=3)  # over a weekend
