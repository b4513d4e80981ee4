"""Meetings count towards the yearly target on the dashboard."""

from datetime import date

from core.extensions import db
from core.meetings.models import Meeting
from core.testing import post_form
from core.timeutil import local_today
from tests.factories import make_organisation


def test_team_registers_a_meeting_and_the_dashboard_counts_it(app, client, make_user, login):
    host = make_organisation(app, "Buurtlab")
    login(client, make_user(roles={"team"}))
    assert "0 van 20" in client.get("/").text
    response = post_form(
        client,
        "/meetings/new",
        {
            "title": "Bijeenkomst in Spangen",
            "held_on": local_today().isoformat(),
            "kind": "meeting",
            "host_id": str(host.id),
        },
    )
    assert response.status_code == 302
    assert "Bijeenkomst in Spangen" in client.get("/meetings/").text
    assert "1 van 20" in client.get("/").text


def test_meeting_of_last_year_does_not_count(app, client, make_user, login):
    with app.app_context():
        db.session.add(Meeting(title="Oud", held_on=date(local_today().year - 1, 6, 1)))
        db.session.commit()
    login(client, make_user(roles={"team"}))
    assert "0 van 20" in client.get("/").text


def test_invalid_meeting_is_refused_and_nothing_is_saved(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        "/meetings/new",
        {"title": "", "held_on": "31-02-2026", "kind": "meeting", "host_id": "0"},
    )
    assert response.status_code == 400
    assert "Vul het onderwerp in." in response.text and "Vul een geldige datum in." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_dashboard_counts_experts_and_organisations(app, client, make_user, login):
    make_organisation(app, "Buurtlab", "social_enterprise")
    make_organisation(app, "Gemeente Rotterdam", "formal_body")
    make_user(roles={"expert"})
    make_user(roles={"expert"}, active=False)
    login(client, make_user(roles={"board"}))
    page = client.get("/").text
    assert "1 van 200" in page  # one active expert
    assert "1 van 150" in page  # one informal partner / social enterprise
    assert "2 van 250" in page  # two organisations
