"""The app's own error page also when the database is down, and HSTS only over HTTPS."""

import pytest
from sqlalchemy import event

from core import create_app
from core.extensions import db
from core.testing import config_for_tests


@pytest.fixture
def own_app(database_url, tmp_path):
    """An app of its own (its own engine), whose errors are handled as in production."""
    return create_app(
        config_for_tests(
            database_url, tmp_path, {"PROPAGATE_EXCEPTIONS": False, "TRUSTED_PROXIES": 1}
        )
    )


def take_database_down(application) -> None:
    """Every new connection fails as with a server that is down; pooled ones are dropped."""
    with application.app_context():
        engine = db.engine
    error = engine.dialect.loaded_dbapi.OperationalError

    @event.listens_for(engine, "do_connect")
    def refuse(*args, **kwargs):
        raise error("connection refused: the database is down (test)")

    engine.dispose()


def test_logged_in_pages_show_the_apps_500_page_when_the_database_is_down(
    own_app, make_user, login
):
    client = own_app.test_client()
    login(client, make_user(roles={"team"}, name="Tamara Team"))
    assert client.get("/").status_code == 200
    take_database_down(own_app)
    for url in ("/", "/organisations/", "/tasks"):
        response = client.get(url)
        assert response.status_code == 500, url
        assert "Er ging iets mis" in response.text and "Foutcode 500" in response.text
        assert "Warm Rotterdam" in response.text and "Internal Server Error" not in response.text
        assert "Naar de inhoud" in response.text  # the app's own shell, not a bare fallback
        assert "Tamara Team" not in response.text  # the shell did not try to load the user


def test_hsts_over_https_only(own_app):
    client = own_app.test_client()
    plain = client.get("/login")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    behind_proxy = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in behind_proxy.headers


def test_hsts_ignores_a_forwarded_proto_without_a_trusted_proxy(client):
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_a_unique_violation_reaching_the_app_is_a_409_logged_without_personal_data(
    own_app, make_user, caplog
):
    from core.access import public
    from core.accounts.models import User

    existing = make_user(name="Bestaande Naam")

    @public
    def duplicate():
        db.session.add(User(email=existing.email, display_name="Nog Een Naam"))
        db.session.commit()
        return "not reached"

    own_app.add_url_rule("/test-duplicate", view_func=duplicate)
    response = own_app.test_client().get("/test-duplicate")
    assert response.status_code == 409
    assert "Dit bestaat al of is intussen gewijzigd" in response.text
    assert "Naar de inhoud" in response.text
    assert "Integrity conflict in duplicate" in caplog.text
    assert existing.email not in caplog.text and "Nog Een Naam" not in caplog.text
    with own_app.app_context():  # rolled back: the session is usable, nothing was added
        assert db.session.scalar(db.select(db.func.count(User.id))) == 1
