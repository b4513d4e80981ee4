"""Forgot password: a one-time, expiring link by mail; unknown addresses get the same answer."""

import re
from datetime import timedelta

from core.accounts.models import PasswordReset, User
from core.extensions import db
from core.models import OutboxMessage, SecurityEvent
from core.testing import CSRF_FIELD, TEST_PASSWORD, post_form

NEW_PASSWORD = "een nieuwe lange zin als wachtwoord"


def ask(client, email):
    return post_form(client, "/password/forgot", {"email": email})


def reset_link(app) -> str:
    with app.app_context():
        body = db.session.scalars(
            db.select(OutboxMessage).order_by(OutboxMessage.id.desc())
        ).first()
    return re.search(r"http://localhost(/password/reset/\S+)", body.body).group(1)


def without_csrf(page: str) -> str:
    return CSRF_FIELD.sub("", page)  # each browser has its own token


def outbox_count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(OutboxMessage.id)))


def test_login_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").text
    assert client.get("/password/forgot").status_code == 200


def test_reset_by_mail_sets_the_password_ends_sessions_and_is_logged(app, client, make_user, login):
    user = make_user(roles={"team"})
    logged_in = app.test_client()
    login(logged_in, user)
    response = ask(client, user.email.upper())
    assert response.status_code == 200 and "Kijk in uw e-mail" in response.text
    link = reset_link(app)
    with app.app_context():
        token = link.rsplit("/", 1)[1]
        stored = db.session.scalars(db.select(PasswordReset.token_hash)).one()
        assert token not in stored and len(stored) == 64  # only a hash is stored
    assert client.get(link).status_code == 200
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/login"
    assert logged_in.get("/tasks").status_code == 302  # every session ended
    login(app.test_client(), user, password=NEW_PASSWORD)
    with app.app_context():
        kinds = db.session.scalars(db.select(SecurityEvent.kind)).all()
        assert "password_reset_requested" in kinds and "password_reset" in kinds
    assert client.get(link).status_code == 410  # one time only


def test_unknown_address_gets_the_same_answer_and_no_mail(app, client, make_user):
    known = make_user(roles={"team"})
    known_answer = ask(client, known.email)
    invited = make_user(roles={"team"}, password=None)
    deactivated = make_user(roles={"team"}, active=False)
    for email in ("nobody@example.org", invited.email, deactivated.email):
        answer = ask(app.test_client(), email)
        assert answer.status_code == known_answer.status_code == 200
        assert without_csrf(answer.text) == without_csrf(known_answer.text)
    assert outbox_count(app) == 1
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PasswordReset.id))) == 1
        # Both kinds of request do the same work: one event each, without the address.
        events = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind == "password_reset_requested")
        ).all()
        assert len(events) == 4


def test_expired_link_is_refused(app, client, make_user):
    user = make_user(roles={"team"})
    ask(client, user.email)
    link = reset_link(app)
    with app.app_context():
        reset = db.session.scalars(db.select(PasswordReset)).one()
        reset.expires_at -= timedelta(minutes=61)
        db.session.commit()
    assert client.get(link).status_code == 410
    response = post_form(
        client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, form_url="/login"
    )
    assert response.status_code == 410 and "verlopen of al gebruikt" in response.text
    login_ok = post_form(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert login_ok.status_code == 302


def test_using_one_link_lapses_the_other_open_links(app, client, make_user):
    user = make_user(roles={"team"})
    ask(client, user.email)
    first = reset_link(app)
    ask(client, user.email)
    second = reset_link(app)
    post_form(client, second, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get(first).status_code == 410


def test_weak_or_mismatched_password_is_refused_and_the_link_stays_usable(app, client, make_user):
    user = make_user(roles={"team"})
    ask(client, user.email)
    link = reset_link(app)
    response = post_form(client, link, {"password": "1234567890", "confirm": "1234567890"})
    assert response.status_code == 400 and "minstens 12 tekens" in response.text
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm": "iets heel anders"})
    assert response.status_code == 400 and "niet gelijk" in response.text
    with app.app_context():
        assert db.session.scalars(db.select(PasswordReset.used_at)).one() is None
        assert db.session.get(User, user.id).password_hash.startswith("$argon2id$")
    assert client.get(link).status_code == 200


def test_requests_are_throttled_per_address_known_or_not(app, client, make_user):
    user = make_user(roles={"team"})
    for email in (user.email, "nobody@example.org"):
        for _ in range(3):
            assert ask(client, email).status_code == 200
        assert ask(client, email).status_code == 429
    assert outbox_count(app) == 3


def test_requests_are_throttled_per_ip_address(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_PER_ADDRESS", 2)
    assert ask(client, "a@example.org").status_code == 200
    assert ask(client, "b@example.org").status_code == 200
    response = ask(client, "c@example.org")
    assert response.status_code == 429 and "over een uur" in response.text


def test_deactivation_lapses_an_open_reset_link(app, client, make_user, login):
    user = make_user(roles={"team"})
    ask(client, user.email)
    link = reset_link(app)
    admin = app.test_client()
    login(admin, make_user(roles={"admin"}))
    post_form(admin, f"/admin/users/{user.id}", {"display_name": "X", "roles": ["team"]})
    assert client.get(link).status_code == 410


def _last_mail(app) -> str:
    with app.app_context():
        return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first().body


def test_the_link_in_the_mail_uses_the_public_address_not_the_requests_host(app, make_user):
    """A reset asked with `Host: evil.example` must not mail the victim a link to evil.example."""
    victim = make_user(roles={"team"})
    app.config["PUBLIC_URL"] = "https://warmrotterdam.example"
    try:
        client = app.test_client()
        evil = {"Host": "evil.example"}
        token = CSRF_FIELD.search(client.get("/password/forgot", headers=evil).text).group(1)
        response = client.post(
            "/password/forgot", data={"email": victim.email, "csrf_token": token}, headers=evil
        )
        assert response.status_code in (200, 302)
        body = _last_mail(app)
        assert "https://warmrotterdam.example/password/reset/" in body
        assert "evil.example" not in body
    finally:
        app.config["PUBLIC_URL"] = None


def test_a_forwarded_host_is_never_trusted(database_url, tmp_path, make_user):
    from core import create_app
    from core.testing import config_for_tests

    proxied = create_app(config_for_tests(database_url, tmp_path, {"TRUSTED_PROXIES": 1}))
    victim = make_user(roles={"team"})
    client = proxied.test_client()
    post_form(
        client, "/password/forgot", {"email": victim.email}, headers={"X-Forwarded-Host": "evil.example"}
    )
    assert "evil.example" not in _last_mail(proxied)
