"""Role checks: each role sees what it may and nothing more."""

import pytest

from core.accounts.models import User
from core.extensions import db
from core.models import SecurityEvent
from core.testing import post_form
from tests.factories import menu

# (role, path, expected status)
MATRIX = [
    ("partner", "/admin/", 403),
    ("partner", "/admin/users", 403),
    ("partner", "/meetings/", 403),
    ("partner", "/organisations/new", 403),
    ("team", "/admin/", 200),
    ("team", "/admin/users", 200),
    ("team", "/admin/users/invite", 200),
    ("team", "/admin/plugins", 200),
    ("team", "/admin/outbox", 403),
    ("team", "/admin/security-log", 403),
    ("expert", "/admin/users", 403),
    ("board", "/admin/plugins", 403),
    ("team", "/organisations/new", 200),
    ("team", "/meetings/new", 200),
    ("board", "/organisations/", 200),
    ("board", "/organisations/new", 403),
    ("board", "/meetings/", 200),
    ("board", "/meetings/new", 403),
    ("expert", "/meetings/", 200),
    ("auditor", "/admin/", 403),
    ("admin", "/admin/users", 200),
    ("admin", "/admin/plugins", 200),
    ("admin", "/admin/outbox", 200),
    ("admin", "/admin/security-log", 200),
]


@pytest.mark.parametrize(("role", "path", "status"), MATRIX)
def test_role_matrix(client, make_user, login, role, path, status):
    login(client, make_user(roles={role}))
    assert client.get(path).status_code == status


def test_anonymous_visitor_is_sent_to_login(client):
    for path in ("/admin/", "/organisations/", "/meetings/"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login")


def test_menu_shows_only_what_the_role_may_open(client, make_user, login):
    login(client, make_user(roles={"partner"}))
    assert menu(client.get("/").text) == ["Overzicht", "Mijn taken"]
    other = client.application.test_client()
    login(other, make_user(roles={"admin"}))
    assert menu(other.get("/").text) == [
        "Overzicht",
        "Mijn taken",
        "Organisaties",
        "Bijeenkomsten",
        "Beheer",
    ]


def test_admin_changes_roles_and_it_is_logged(app, client, make_user, login):
    admin = make_user(roles={"admin"})
    person = make_user(roles={"partner"})
    login(client, admin)
    response = post_form(
        client,
        f"/admin/users/{person.id}",
        {"display_name": "Nieuwe Naam", "roles": ["board", "expert"], "active": "y"},
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.role_names == {"board", "expert"} and user.display_name == "Nieuwe Naam"
        event = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind == "role_change")
        ).one()
        assert event.detail == "+board +expert -partner"
        assert event.actor_id == admin.id and event.subject_user_id == person.id
    # the new role works at once
    person_client = app.test_client()
    login(person_client, person)
    assert person_client.get("/meetings/").status_code == 200


def test_deactivated_user_is_logged_out_at_once(app, client, make_user, login):
    admin = make_user(roles={"admin"})
    person = make_user(roles={"team"})
    person_client = app.test_client()
    login(person_client, person)
    login(client, admin)
    post_form(client, f"/admin/users/{person.id}", {"display_name": "X", "roles": ["team"]})
    assert person_client.get("/tasks").status_code == 302


def test_admin_cannot_remove_own_admin_role(app, client, make_user, login):
    admin = make_user(roles={"admin"})
    login(client, admin)
    response = post_form(
        client, f"/admin/users/{admin.id}", {"display_name": "A", "roles": ["team"], "active": "y"}
    )
    assert response.status_code == 400
    assert "uw eigen account, uw beheerdersrol" in response.text
    with app.app_context():
        assert db.session.get(User, admin.id).role_names == {"admin"}


def test_unknown_role_is_refused(app, client, make_user, login):
    admin = make_user(roles={"admin"})
    person = make_user(roles={"partner"})
    login(client, admin)
    response = post_form(
        client,
        f"/admin/users/{person.id}",
        {"display_name": "P", "roles": ["emperor"], "active": "y"},
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(User, person.id).role_names == {"partner"}
