"""Organisations: the programme sees all, a partner only their own."""

from core.extensions import db
from core.organisations.models import Membership, Organisation
from core.testing import post_form
from tests.factories import make_organisation


def test_partner_sees_only_own_organisation(app, client, make_user, login):
    own = make_organisation(app, "Stichting Pluspunt")
    other = make_organisation(app, "Buurtlab")
    login(client, make_user(roles={"partner"}, organisation=own))
    listing = client.get("/organisations/").text
    assert "Stichting Pluspunt" in listing and "Buurtlab" not in listing
    assert client.get(f"/organisations/{own.id}").status_code == 200
    assert client.get(f"/organisations/{other.id}").status_code == 404


def test_partner_cannot_edit_even_own_organisation(app, client, make_user, login):
    own = make_organisation(app, "Stichting Pluspunt")
    login(client, make_user(roles={"partner"}, organisation=own))
    assert client.get(f"/organisations/{own.id}/edit").status_code == 403


def test_board_sees_all_but_changes_nothing(app, client, make_user, login):
    make_organisation(app, "Stichting Pluspunt")
    make_organisation(app, "Buurtlab")
    login(client, make_user(roles={"board"}))
    listing = client.get("/organisations/").text
    assert "Stichting Pluspunt" in listing and "Buurtlab" in listing
    assert "Organisatie toevoegen" not in listing


def test_team_creates_and_edits_an_organisation(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        "/organisations/new",
        {
            "name": "De Voedseltuin",
            "kind": "social_enterprise",
            "email": "info@voedseltuin.example",
            "website": "https://voedseltuin.example",
            "phone": "010 123 45 67",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        org = db.session.scalar(
            db.select(Organisation).where(Organisation.name == "De Voedseltuin")
        )
        assert org.kind == "social_enterprise" and org.website == "https://voedseltuin.example"
    response = post_form(
        client,
        f"/organisations/{org.id}/edit",
        {"name": "De Voedseltuin Rotterdam", "kind": "social_enterprise"},
    )
    assert response.status_code == 302
    assert "De Voedseltuin Rotterdam" in client.get(f"/organisations/{org.id}").text


def test_bad_input_gets_clear_messages_and_changes_nothing(app, client, make_user, login):
    existing = make_organisation(app, "Buurtlab")
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        "/organisations/new",
        {"name": "", "kind": "fund", "website": "geen-url", "email": "x@"},
    )
    assert response.status_code == 400
    assert "Vul de naam in." in response.text
    assert "Vul een volledig webadres in" in response.text
    assert "Dit is geen geldig e-mailadres." in response.text
    response = post_form(client, "/organisations/new", {"name": "Buurtlab", "kind": "fund"})
    assert response.status_code == 400
    assert "Er is al een organisatie met deze naam." in response.text
    response = post_form(client, "/organisations/new", {"name": "Iets", "kind": "kingdom"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
        assert db.session.get(Organisation, existing.id).kind == "social_enterprise"


def test_team_adds_and_removes_a_member(app, client, make_user, login):
    org = make_organisation(app, "Havensteder", "formal_body")
    person = make_user(roles={"partner"}, name="Piet Partner")
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        f"/organisations/{org.id}/members",
        {"user_id": str(person.id), "role": "contact"},
        form_url=f"/organisations/{org.id}",
    )
    assert response.status_code == 302
    page = client.get(f"/organisations/{org.id}").text
    assert "Piet Partner · Contactpersoon" in page
    with app.app_context():
        membership = db.session.scalars(db.select(Membership)).one()
    # the partner now sees this organisation
    partner_client = app.test_client()
    login(partner_client, person)
    assert partner_client.get(f"/organisations/{org.id}").status_code == 200
    response = post_form(
        client,
        f"/organisations/{org.id}/members/{membership.id}/remove",
        {},
        form_url=f"/organisations/{org.id}",
    )
    assert response.status_code == 302
    assert partner_client.get(f"/organisations/{org.id}").status_code == 404


def test_member_of_another_organisation_cannot_be_removed_through_this_one(
    app, client, make_user, login
):
    org = make_organisation(app, "Havensteder", "formal_body")
    other = make_organisation(app, "Buurtlab")
    make_user(roles={"partner"}, organisation=other)
    with app.app_context():
        membership_id = db.session.scalars(db.select(Membership.id)).one()
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        f"/organisations/{org.id}/members/{membership_id}/remove",
        {},
        form_url=f"/organisations/{org.id}",
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Membership, membership_id) is not None
