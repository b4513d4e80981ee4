"""Security defaults: CSRF, headers, cookies, escaping."""

from core import create_app
from core.extensions import db
from core.models import PluginState
from core.testing import TEST_PASSWORD, config_for_tests, post_form
from tests.factories import make_organisation


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user(roles={"team"})
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen of ongeldig" in response.text
    assert client.get("/tasks").status_code == 302


def test_state_change_without_csrf_token_changes_nothing(
    app, client, make_user, login, enable_plugin
):
    enable_plugin("sample")
    login(client, make_user(roles={"admin"}))
    response = client.post("/admin/plugins/sample", data={"enabled": "0", "csrf_token": "forged"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(PluginState, "sample").enabled is True


def test_security_headers_on_every_page(client):
    for path in ("/login", "/healthz", "/does-not-exist"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_secure_httponly_and_samesite_by_default(
    database_url, tmp_path, make_user
):
    config = config_for_tests(database_url, tmp_path)
    del config["SESSION_COOKIE_SECURE"]  # the production default
    app = create_app(config)
    user = make_user(roles={"team"})
    client = app.test_client()
    response = post_form(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_user_input_is_escaped(app, client, make_user, login):
    make_organisation(app, "<script>alert(1)</script>")
    login(client, make_user(roles={"team"}))
    page = client.get("/organisations/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_failed_login_log_holds_no_email_or_password(app, client):
    post_form(client, "/login", {"email": "someone@example.org", "password": "secret-guess-123"})
    from core.accounts.models import AttemptCounter
    from core.models import SecurityEvent

    with app.app_context():
        rows = [repr(vars(r)) for r in db.session.scalars(db.select(AttemptCounter))]
        rows += [repr(vars(r)) for r in db.session.scalars(db.select(SecurityEvent))]
    assert rows and not any("someone@example.org" in r or "secret-guess" in r for r in rows)
