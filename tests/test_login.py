"""Logging in and out, wrong passwords, throttling, safe redirects."""

from datetime import timedelta

from core.accounts.models import AttemptCounter, User
from core.extensions import db
from core.models import SecurityEvent
from core.testing import TEST_PASSWORD, post_form


def login_as(client, email, password):
    return post_form(client, "/login", {"email": email, "password": password})


def events(app, kind):
    with app.app_context():
        return db.session.scalars(db.select(SecurityEvent).where(SecurityEvent.kind == kind)).all()


def test_login_page_is_public_and_dashboard_is_not(client):
    assert client.get("/login").status_code == 200
    response = client.get("/tasks")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=/tasks")
    # A visitor at the home page gets the public landing page, not the dashboard.
    home = client.get("/")
    assert home.status_code == 200 and "Doelen van het programma" not in home.text


def test_user_logs_in_and_sees_dashboard(app, client, make_user):
    user = make_user(roles={"team"})
    response = login_as(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302 and response.location == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "Doelen van het programma" in page.text
    assert user.display_name in page.text
    assert [e.subject_user_id for e in events(app, "login")] == [user.id]
    with app.app_context():
        assert db.session.get(User, user.id).last_login_at is not None


def test_wrong_password_is_refused_with_a_clear_message(app, client, make_user):
    user = make_user(roles={"team"})
    response = login_as(client, user.email, "not the password")
    assert response.status_code == 401
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text
    assert client.get("/tasks").status_code == 302  # still not logged in
    assert len(events(app, "login_failed")) == 1


def test_unknown_email_gets_the_same_message(client):
    response = login_as(client, "nobody@example.org", "whatever-password")
    assert response.status_code == 401
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text


def test_empty_form_shows_field_errors(client):
    response = login_as(client, "", "")
    assert response.status_code == 400
    assert "Vul uw e-mailadres in." in response.text
    assert "Vul uw wachtwoord in." in response.text


def test_inactive_user_cannot_log_in(client, make_user):
    user = make_user(roles={"team"}, active=False)
    assert login_as(client, user.email, TEST_PASSWORD).status_code == 401


def test_account_is_locked_after_five_failures_even_with_the_right_password(app, client, make_user):
    user = make_user(roles={"team"})
    for _ in range(5):
        assert login_as(client, user.email, "wrong password!").status_code == 401
    response = login_as(client, user.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw." in response.text
    assert client.get("/tasks").status_code == 302
    assert len(events(app, "login_throttled")) == 1


def age_counters(app, **delta):
    with app.app_context():
        for counter in db.session.scalars(db.select(AttemptCounter)):
            counter.last_at -= timedelta(**delta)
        db.session.commit()


def test_lock_ends_after_the_lock_period(app, client, make_user):
    user = make_user(roles={"team"})
    for _ in range(5):
        login_as(client, user.email, "wrong password!")
    age_counters(app, minutes=16)  # let the attempts age past the 15-minute window
    assert login_as(client, user.email, TEST_PASSWORD).status_code == 302


def test_locked_attempts_do_not_stretch_the_lock(app, client, make_user):
    user = make_user(roles={"team"})
    for _ in range(5):
        login_as(client, user.email, "wrong password!")
    age_counters(app, minutes=10)
    assert login_as(client, user.email, TEST_PASSWORD).status_code == 429
    age_counters(app, minutes=6)
    assert login_as(client, user.email, TEST_PASSWORD).status_code == 302


def test_unknown_address_is_locked_like_a_real_one(client):
    for _ in range(5):
        assert login_as(client, "nobody@example.org", "wrong password!").status_code == 401
    assert login_as(client, "nobody@example.org", "wrong password!").status_code == 429


def test_one_address_trying_many_accounts_does_not_lock_out_the_others(client, make_user):
    # Many people may share one address (an office, a proxy): failures of some of them
    # must not lock the others out.
    for _ in range(5):
        login_as(client, make_user(roles={"team"}).email, "wrong password!")
    colleague = make_user(roles={"team"})
    assert login_as(client, colleague.email, TEST_PASSWORD).status_code == 302


def test_many_failures_from_one_address_only_slow_it_down(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ADDRESS_SLOWDOWN_AFTER", 3)
    for _ in range(3):
        login_as(client, make_user(roles={"team"}).email, "wrong password!")
    with app.app_context():  # pretend many more failures came from this address just now
        counter = db.session.scalars(
            db.select(AttemptCounter).where(AttemptCounter.scope == "login-address")
        ).one()
        counter.count = 40
        db.session.commit()
    colleague = make_user(roles={"team"})
    response = login_as(client, colleague.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Wacht 60 seconden" in response.text  # capped: a short wait, never a lockout
    assert events(app, "login_throttled")[0].detail == "address"
    age_counters(app, seconds=61)
    assert login_as(client, colleague.email, TEST_PASSWORD).status_code == 302


def test_the_address_wait_grows_with_each_failure(app, client, make_user, monkeypatch):
    from core.accounts.login_limits import address_wait_seconds

    monkeypatch.setitem(app.config, "LOGIN_ADDRESS_SLOWDOWN_AFTER", 2)
    login_as(client, make_user(roles={"team"}).email, "wrong password!")
    waits = []
    with app.app_context():
        counter = db.session.scalars(
            db.select(AttemptCounter).where(AttemptCounter.scope == "login-address")
        ).one()
        for failures in (1, 2, 3, 4, 5, 12):
            counter.count = failures
            db.session.commit()
            waits.append(address_wait_seconds("127.0.0.1"))
    # Judged against the last failure's time, so only the upper bounds are exact.
    assert waits[0] == 0 and 0 < waits[1] <= 1 and 1 < waits[2] <= 2 and 3 < waits[3] <= 4
    assert 7 < waits[4] <= 8 and 59 < waits[5] <= 60


def test_counters_hold_no_email_or_ip_address(app, client):
    login_as(client, "someone@example.org", "wrong password!")
    with app.app_context():
        rows = [repr(vars(r)) for r in db.session.scalars(db.select(AttemptCounter))]
    assert len(rows) == 2
    assert not any("someone@example.org" in r or "127.0.0.1" in r for r in rows)


def test_success_clears_the_account_failures(client, make_user):
    user = make_user(roles={"team"})
    for _ in range(4):
        login_as(client, user.email, "wrong password!")
    assert login_as(client, user.email, TEST_PASSWORD).status_code == 302


def test_login_follows_next_only_within_the_site(client, make_user):
    user = make_user(roles={"team"})
    response = post_form(
        client, "/login?next=/organisations/", {"email": user.email, "password": TEST_PASSWORD}
    )
    assert response.location == "/organisations/"
    client.get("/logout")  # GET is not allowed; still logged in
    other = make_user(roles={"team"})
    fresh = client.application.test_client()
    response = post_form(
        fresh, "/login?next=//evil.example.org/", {"email": other.email, "password": TEST_PASSWORD}
    )
    assert response.location == "/"


def test_logout_needs_post_with_csrf_and_ends_the_session(client, make_user, login):
    login(client, make_user(roles={"team"}))
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/logout", {}, form_url="/")
    assert response.status_code == 302
    assert client.get("/tasks").status_code == 302


def test_password_hash_is_argon2(app, make_user):
    user = make_user(roles={"team"})
    with app.app_context():
        assert db.session.get(User, user.id).password_hash.startswith("$argon2id$")


def count_hash_checks(monkeypatch) -> list:
    """Record every argon2 check; a list, so parallel requests can append safely."""
    from core.accounts import passwords

    checks = []
    real = passwords._verify_hash

    def counting(stored_hash, password):
        checks.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(passwords, "_verify_hash", counting)
    return checks


def test_unknown_inactive_and_passwordless_accounts_cost_a_hash_check_too(
    monkeypatch, client, make_user
):
    # The answer must take as long as for a real account, or its timing tells who has one.
    checks = count_hash_checks(monkeypatch)
    inactive = make_user(roles={"team"}, active=False)
    invited = make_user(roles={"team"}, password=None)
    for email in ("nobody@example.org", inactive.email, invited.email):
        assert login_as(client, email, TEST_PASSWORD).status_code == 401
    assert len(checks) == 3
    assert all(stored.startswith("$argon2id$") for stored in checks)
