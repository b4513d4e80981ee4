"""App setup: configuration, secret key, schema, health, error pages, demo data."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from core import create_app
from core.accounts.models import User
from core.demo import ACCOUNTS, ORGANISATIONS, demo_email
from core.errors import render_error
from core.extensions import db
from core.organisations.models import Organisation
from core.roles import available_roles
from core.testing import TEST_PASSWORD, post_form
from tests.factories import menu


def test_empty_sqlite_database_upgrades_itself_on_first_start(tmp_path):
    app = create_app(
        {"INSTANCE_PATH": str(tmp_path), "PLUGINS_EXTRA": ["sample = tests.sample_plugin"]}
    )
    database = tmp_path / "warmrotterdam.db"
    assert database.exists()
    tables = set(inspect(create_engine(f"sqlite:///{database}")).get_table_names())
    assert {
        "user_account",
        "organisation",
        "plugin_state",
        "sample_note",
        "alembic_version",
    } <= tables
    with app.app_context():  # a fresh install enables the plugins it was installed with ...
        host = app.extensions["plugin_host"]
        later = {
            name
            for name, plugin in host.plugins.items()
            if getattr(plugin.module, "enabled_on_install", True) is False
        }
        assert later == {"campaign"}  # ... but for one that the team starts later
        # a partner's, if installed, too
        assert host.enabled_names() == set(host.plugins) - later
        assert {"keurmerk", "passendwerk", "sample"} <= host.enabled_names()


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    key_file = Path(tmp_path) / "secret_key"
    assert first == second == key_file.read_text().strip() and len(first) == 64
    assert key_file.stat().st_mode & 0o077 == 0


def test_postgresql_without_an_explicit_secret_key_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=1"
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": url})
    assert not (tmp_path / "secret_key").exists()  # no key of this machine's own was made
    monkeypatch.setenv("SECRET_KEY", "the-same-on-every-server")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": url})
    assert app.config["SECRET_KEY"] == "the-same-on-every-server"


def test_environment_configures_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.db")
    assert (tmp_path / "other.db").exists()


def test_postgres_urls_use_psycopg3(tmp_path, monkeypatch):
    from core.config import _with_driver

    assert _with_driver("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert _with_driver("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert _with_driver("sqlite:///x.db") == "sqlite:///x.db"


def test_instance_config_file_is_read(tmp_path):
    (tmp_path / "config.py").write_text("INVITATION_VALID_DAYS = 3\n")
    assert create_app({"INSTANCE_PATH": str(tmp_path)}).config["INVITATION_VALID_DAYS"] == 3


def test_healthz_reports_app_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["app"] == "ok" and response.json["database"] == "ok"


def test_app_starts_while_the_database_server_is_down_and_health_says_so(tmp_path, caplog):
    unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2"
    app = create_app(
        {"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": unreachable, "SECRET_KEY": "k"}
    )
    assert "Database unreachable at start-up" in caplog.text
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"app": "ok", "database": "error", "version": response.json["version"]}


def test_error_pages_are_in_dutch(app):
    expected = {
        403: "Geen toegang",
        404: "Pagina niet gevonden",
        409: "Intussen gewijzigd",
        500: "Er ging iets mis",
    }
    with app.test_request_context():
        for code, title in expected.items():
            body, status = render_error(code)
            assert status == code and f"<h1>{title}</h1>" in body


def test_unknown_page_shows_the_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text


def test_demo_load_is_idempotent_and_every_role_can_log_in(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.warmrotterdam.nl" in first.output and "warm-rotterdam-demo" in first.output
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    with app.app_context():
        demo_roles = [role for role, _name, _org in ACCOUNTS] + [
            "auditor",  # keurmerk's
            "committee",
            "employer",  # passendwerk's
            "lifecoach",
        ]
        emails = set(db.session.scalars(db.select(User.email)))
        # Other installed plugins (a partner's) may add accounts, one per role of their own.
        with app.test_request_context():
            every_role = {role.name for role in available_roles()}
        assert {demo_email(role) for role in demo_roles} <= emails
        assert emails <= {demo_email(role) for role in every_role}
        names = set(db.session.scalars(db.select(Organisation.name)))
        assert {name for name, _kind, _site in ORGANISATIONS} <= names  # plugins add more
        assert {"Roffabriek", "MKB Rotterdam"} <= names  # passendwerk's employers
    menus = {}
    for role in demo_roles:
        role_client = app.test_client()
        response = post_form(
            role_client, "/login", {"email": demo_email(role), "password": "warm-rotterdam-demo"}
        )
        assert response.status_code == 302, role
        menus[role] = menu(role_client.get("/").text)
    assert menus["admin"][-1] == "Beheer"
    assert "Beheer" not in menus["partner"] and "Organisaties" in menus["partner"]
    # Anyone signed in may pass on a signal from the neighbourhood and follow it (jijdoetertoe).
    assert menus["auditor"] == ["Overzicht", "Mijn taken", "Keurmerk", "Mijn signalen"]
    assert "Voorbeeld" in menus["expert"]  # the plugin's demo data and menu came along


def test_demo_password_from_environment_is_not_printed(app, monkeypatch):
    app.config["DEMO_PASSWORD"] = "my own demo secret"
    try:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
    finally:
        app.config["DEMO_PASSWORD"] = "warm-rotterdam-demo"
    assert result.exit_code == 0 and "my own demo secret" not in result.output
    assert TEST_PASSWORD  # the fixture password stays untouched


def test_client_address_comes_from_the_trusted_proxy_only(app, database_url, tmp_path, make_user):
    from core.models import SecurityEvent
    from core.testing import config_for_tests

    proxied = create_app(config_for_tests(database_url, tmp_path, {"TRUSTED_PROXIES": 1}))
    post_form(
        proxied.test_client(),
        "/login",
        {"email": "x@example.org", "password": "wrong-password"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    post_form(
        app.test_client(),
        "/login",
        {"email": "x@example.org", "password": "wrong-password"},
        headers={"X-Forwarded-For": "203.0.113.8"},
    )
    with app.app_context():
        ips = db.session.scalars(db.select(SecurityEvent.ip).order_by(SecurityEvent.id)).all()
    assert ips == ["203.0.113.7", "127.0.0.1"]


def test_a_fresh_install_starts_with_the_passendwerk_lists(tmp_path):
    """The competence catalogue, training modules and causes come with the migration, so the
    team can start without demo data."""
    create_app({"INSTANCE_PATH": str(tmp_path)})
    engine = create_engine(f"sqlite:///{tmp_path / 'warmrotterdam.db'}")
    with engine.connect() as connection:
        for table, at_least in (
            ("passendwerk_competence", 30),
            ("passendwerk_training_module", 8),
            ("passendwerk_ending_cause", 7),
        ):
            count = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            assert count >= at_least, table
        assert connection.exec_driver_sql(
            "SELECT 1 FROM passendwerk_training_module WHERE name = 'Mentale weerbaarheid'"
        ).scalar()
    engine.dispose()
