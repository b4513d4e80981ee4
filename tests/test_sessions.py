"""A session ends for good: a copy of the cookie stops working after logout, a password
change or reset, and deactivation by an admin."""

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form


def copy_of_session(app, client):
    """A second browser holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_session_cookie_stops_working_after_logout(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    thief = copy_of_session(app, client)
    assert thief.get("/tasks").status_code == 200  # the copy works while the session lasts
    post_form(client, "/logout", {}, form_url="/")
    assert thief.get("/tasks").status_code == 302
    assert client.get("/tasks").status_code == 302


def test_logout_ends_the_sessions_on_other_devices_too(app, client, make_user, login):
    user = make_user(roles={"team"})
    other_device = app.test_client()
    login(client, user)
    login(other_device, user)
    post_form(client, "/logout", {}, form_url="/")
    assert other_device.get("/tasks").status_code == 302


def test_deactivation_by_an_admin_ends_sessions_and_stays_ended(app, client, make_user, login):
    user = make_user(roles={"team"})
    login(client, user)
    admin = app.test_client()
    login(admin, make_user(roles={"admin"}))
    response = post_form(
        admin, f"/admin/users/{user.id}", {"display_name": user.display_name, "roles": ["team"]}
    )
    assert response.status_code == 302
    assert client.get("/tasks").status_code == 302
    # Switching the account on again does not bring the old session back.
    post_form(
        admin,
        f"/admin/users/{user.id}",
        {"display_name": user.display_name, "roles": ["team"], "active": "y"},
    )
    assert client.get("/tasks").status_code == 302


def test_end_sessions_raises_the_version(app, make_user):
    from core.accounts.sessions import end_sessions

    user = make_user()
    with app.app_context():
        user = db.session.get(User, user.id)
        before = user.session_version
        end_sessions(user)
        db.session.commit()
        assert db.session.get(User, user.id).session_version == before + 1


def test_a_session_from_before_session_versions_is_refused(app, make_user):
    from core.accounts.sessions import load_user

    user = make_user()
    with app.test_request_context():
        assert load_user(str(user.id)) is None
        assert load_user(f"{user.id}:1") is not None
        assert load_user(f"{user.id}:2") is None
