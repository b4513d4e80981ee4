"""Everyone's own page: name, language, password."""

from core.accounts.models import User
from core.extensions import db
from core.models import SecurityEvent
from core.testing import TEST_PASSWORD, post_form

NEW_PASSWORD = "een nieuwe lange zin als wachtwoord"


def kinds(app):
    with app.app_context():
        return db.session.scalars(db.select(SecurityEvent.kind)).all()


def change(client, current, password, confirm=None):
    return post_form(
        client,
        "/profile/password",
        {"current": current, "password": password, "confirm": confirm or password},
    )


def test_profile_is_linked_in_the_header_and_needs_a_login(client, make_user, login):
    assert client.get("/profile/").status_code == 302
    login(client, make_user(roles={"team"}))
    assert 'href="/profile/"' in client.get("/").text
    page = client.get("/profile/")
    assert page.status_code == 200 and "Mijn gegevens" in page.text


def test_name_and_language_are_saved_and_the_language_follows_the_person(
    app, client, make_user, login
):
    user = make_user(roles={"team"})
    login(client, user)
    response = post_form(client, "/profile/", {"display_name": "Fatima de Vries", "language": "en"})
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert (stored.display_name, stored.language) == ("Fatima de Vries", "en")
    # Another browser, without a language in its session, shows the person's own language.
    elsewhere = app.test_client()
    post_form(elsewhere, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert '<html lang="en">' in elsewhere.get("/").text


def test_an_empty_name_or_unknown_language_is_refused_and_changes_nothing(
    app, client, make_user, login
):
    user = make_user(roles={"team"})
    login(client, user)
    response = post_form(client, "/profile/", {"display_name": "", "language": "nl"})
    assert response.status_code == 400 and "Vul een naam in." in response.text
    response = post_form(client, "/profile/", {"display_name": "X", "language": "de"})
    assert response.status_code == 400
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored.display_name == user.display_name and stored.language is None


def test_password_change_keeps_this_session_and_ends_the_others(app, client, make_user, login):
    user = make_user(roles={"team"})
    login(client, user)
    other_device = app.test_client()
    login(other_device, user)
    response = change(client, TEST_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert client.get("/tasks").status_code == 200
    assert other_device.get("/tasks").status_code == 302
    assert "password_changed" in kinds(app)
    fresh = app.test_client()
    login(fresh, user, password=NEW_PASSWORD)


def test_wrong_current_password_is_refused_and_changes_nothing(app, client, make_user, login):
    user = make_user(roles={"team"})
    login(client, user)
    response = change(client, "not my password", NEW_PASSWORD)
    assert response.status_code == 400 and "Uw huidige wachtwoord klopt niet." in response.text
    assert "password_change_failed" in kinds(app)
    login(app.test_client(), user)  # the old password still works


def test_weak_or_mismatched_new_password_is_refused(app, client, make_user, login):
    user = make_user(roles={"team"})
    login(client, user)
    response = change(client, TEST_PASSWORD, "1234567890")
    assert response.status_code == 400 and "minstens 12 tekens" in response.text
    response = change(client, TEST_PASSWORD, "qwerty123456")
    assert response.status_code == 400 and "veel gebruikt" in response.text
    response = change(client, TEST_PASSWORD, NEW_PASSWORD, "iets heel anders dan dat")
    assert response.status_code == 400 and "niet gelijk" in response.text
    login(app.test_client(), user)


def test_guessing_the_current_password_counts_towards_the_lock(app, client, make_user, login):
    user = make_user(roles={"team"})
    login(client, user)
    for _ in range(4):  # the login above took one of the five, and gave it back
        assert change(client, "guess guess guess", NEW_PASSWORD).status_code == 400
    assert change(client, "guess guess guess", NEW_PASSWORD).status_code == 400
    assert change(client, TEST_PASSWORD, NEW_PASSWORD).status_code == 429
