"""Beheer → Gebruikers: editing keeps what the page shows."""

from core.accounts.models import User
from core.extensions import db
from core.models import SecurityEvent
from core.testing import post_form
from tests.factories import form_as_submitted


def test_the_edit_page_ticks_the_roles_the_user_has(client, make_user, login):
    login(client, make_user(roles={"admin"}))
    person = make_user(roles={"board", "expert"})
    fields = form_as_submitted(client.get(f"/admin/users/{person.id}").text)
    assert sorted(fields["roles"]) == ["board", "expert"]


def test_saving_the_edit_page_unchanged_keeps_every_role(app, client, make_user, login):
    """Also a role of a plugin that is disabled now (keurmerk's auditor): it waits for the plugin."""
    login(client, make_user(roles={"admin"}))
    person = make_user(roles={"auditor", "expert"}, name="Ans Auditor")
    url = f"/admin/users/{person.id}"
    response = client.post(url, data=form_as_submitted(client.get(url).text))
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.role_names == {"auditor", "expert"}
        assert user.display_name == "Ans Auditor" and user.active


# ------------------------------------------------------------ the programme team manages users


def test_team_edits_a_users_roles_and_it_is_logged(app, client, make_user, login):
    team = make_user(roles={"team"})
    person = make_user(roles={"partner"})
    login(client, team)
    url = f"/admin/users/{person.id}"
    fields = form_as_submitted(client.get(url).text)
    fields["roles"] = ["expert"]
    assert client.post(url, data=fields).status_code == 302
    with app.app_context():
        assert db.session.get(User, person.id).role_names == {"expert"}
        event = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind == "role_change")
        ).one()
        assert event.actor_id == team.id and event.detail == "+expert -partner"


def test_team_is_not_offered_the_admin_role(client, make_user, login):
    login(client, make_user(roles={"team"}))
    person = make_user(roles={"partner"})
    for url in (f"/admin/users/{person.id}", "/admin/users/invite"):
        page = client.get(url).text
        assert 'value="team"' in page and 'value="admin"' not in page


def test_team_cannot_grant_the_admin_role(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    person = make_user(roles={"partner"})
    response = post_form(
        client,
        f"/admin/users/{person.id}",
        {"display_name": "P", "roles": ["partner", "admin"], "active": "y"},
    )
    assert response.status_code == 403
    assert "Alleen een beheerder kan iemand beheerder maken" in response.text
    with app.app_context():
        assert db.session.get(User, person.id).role_names == {"partner"}


def test_team_cannot_open_or_change_an_admin_account(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    admin = make_user(roles={"admin"}, name="Anna Admin")
    url = f"/admin/users/{admin.id}"
    page = client.get(url)
    assert page.status_code == 403 and "Alleen een beheerder" in page.text
    # neither removing the role nor deactivating the account gets through
    for data in (
        {"display_name": "Anna Admin", "roles": ["team"], "active": "y"},
        {"display_name": "Anna Admin", "roles": ["admin"]},
    ):
        assert post_form(client, url, data, form_url="/admin/users").status_code == 403
    with app.app_context():
        user = db.session.get(User, admin.id)
        assert user.role_names == {"admin"} and user.active
        assert (
            db.session.scalar(
                db.select(db.func.count(SecurityEvent.id)).where(
                    SecurityEvent.kind.in_(["role_change", "account_deactivated"])
                )
            )
            == 0
        )


def test_the_user_list_offers_team_no_way_into_admin_accounts(client, make_user, login):
    login(client, make_user(roles={"team"}))
    admin = make_user(roles={"admin"}, name="Anna Admin", password=None)  # invited, not yet accepted
    person = make_user(roles={"partner"}, name="Piet Partner", password=None)  # invited, not yet accepted
    page = client.get("/admin/users").text
    assert "Anna Admin" in page
    assert f"/admin/users/{admin.id}" not in page  # no edit link, no new invitation
    assert f"/admin/users/{person.id}" in page and f"/admin/users/{person.id}/reinvite" in page
    response = post_form(client, f"/admin/users/{admin.id}/reinvite", {}, form_url="/admin/users")
    assert response.status_code == 403


def test_team_invites_but_not_as_admin(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    data = {
        "email": "nieuw@example.org",
        "display_name": "Nieuwe Collega",
        "organisation_id": "0",
        "organisation_role": "staff",
    }
    refused = post_form(client, "/admin/users/invite", {**data, "roles": ["team", "admin"]})
    assert refused.status_code == 403
    assert "Alleen een beheerder kan iemand beheerder maken" in refused.text
    with app.app_context():
        assert db.session.scalar(db.select(User.id).where(User.email == data["email"])) is None
    invited = post_form(client, "/admin/users/invite", {**data, "roles": ["team"]})
    assert invited.status_code == 302
    with app.app_context():
        user = db.session.scalars(db.select(User).where(User.email == data["email"])).one()
        assert user.role_names == {"team"}


def test_team_may_edit_itself_but_not_lock_itself_out(app, client, make_user, login):
    team = make_user(roles={"team", "expert"})
    login(client, team)
    url = f"/admin/users/{team.id}"
    assert (
        post_form(
            client, url, {"display_name": "Tessa", "roles": ["team", "expert"], "active": "y"}
        ).status_code
        == 302
    )
    for data in (
        {"display_name": "Tessa", "roles": ["expert"], "active": "y"},
        {"display_name": "Tessa", "roles": ["team"]},
    ):
        response = post_form(client, url, data)
        assert response.status_code == 400 and "uw eigen account" in response.text
    with app.app_context():
        user = db.session.get(User, team.id)
        assert user.display_name == "Tessa"
        assert user.role_names == {"team", "expert"} and user.active


def test_team_cannot_give_itself_roles_but_a_colleague_can(app, client, make_user, login):
    team = make_user(roles={"team"})
    login(client, team)
    url = f"/admin/users/{team.id}"
    response = post_form(
        client, url, {"display_name": "Tessa", "roles": ["team", "board"], "active": "y"}
    )
    assert response.status_code == 400 and "U kunt uzelf geen rollen geven" in response.text
    with app.app_context():
        assert db.session.get(User, team.id).role_names == {"team"}
    colleague = app.test_client()
    login(colleague, make_user(roles={"team"}))
    response = post_form(
        colleague, url, {"display_name": "Tessa", "roles": ["team", "board"], "active": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, team.id).role_names == {"team", "board"}


def test_admin_still_manages_admins(app, client, make_user, login):
    login(client, make_user(roles={"admin"}))
    other = make_user(roles={"admin"})
    person = make_user(roles={"partner"})
    assert 'value="admin"' in client.get(f"/admin/users/{person.id}").text
    response = post_form(
        client, f"/admin/users/{other.id}", {"display_name": "O", "roles": ["team"], "active": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, other.id).role_names == {"team"}


def test_beheer_shows_the_team_what_it_may_do(client, make_user, login):
    login(client, make_user(roles={"team"}))
    page = client.get("/admin/").text
    assert "/admin/users" in page and "/admin/plugins" in page
    assert "/admin/outbox" not in page and "/admin/security-log" not in page
    assert "alleen voor beheerders" in page
