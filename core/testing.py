"""Pytest fixtures for the core and for plugins, also those in their own repository.

Installed as a pytest plugin (entry point ``pytest11``), so a partner's plugin gets the
real app in a few lines::

    @pytest.fixture(scope="session")
    def app_config():
        return {"PLUGINS_EXTRA": ["mine = my_package.plugin"]}

    def test_my_page(client, make_user, login, enable_plugin):
        enable_plugin("mine")
        login(client, make_user(roles={"team"}))
        assert client.get("/mine/").status_code == 200

Set ``TEST_DATABASE_URL`` to run against PostgreSQL; its schema is dropped and rebuilt
at the start of the session. Without it the tests use a fresh SQLite file.
"""

import os
import re
from itertools import count

import pytest
from sqlalchemy import create_engine, inspect, text

from . import create_app
from .accounts.models import User
from .accounts.passwords import hash_password
from .extensions import db
from .organisations.models import Membership

TEST_PASSWORD = "correct horse battery staple"
CSRF_FIELD = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


@pytest.fixture(scope="session")
def app_config():
    """Extra configuration for the session's app; override it in your conftest."""
    return {}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def config_for_tests(database_url, instance_path, extra=None) -> dict:
    """The configuration of an app under test; `extra` wins."""
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "SESSION_COOKIE_SECURE": False,
        "SERVER_NAME": None,
        "PLUGINS_STRICT": True,
        **(extra or {}),
    }


@pytest.fixture(scope="session")
def app(database_url, app_config, tmp_path_factory):
    from .database import upgrade_database

    application = create_app(
        config_for_tests(database_url, tmp_path_factory.mktemp("instance"), app_config)
    )
    with application.app_context():
        upgrade_database()  # a no-op on SQLite, which upgraded itself on start
        application.config["TEST_TABLES"] = _tables_in_delete_order()
    # Migrations may seed starting lists; the first test must start as empty as the others.
    _empty_tables(application)
    return application


def _tables_in_delete_order() -> list[str]:
    existing = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    ordered = [t.name for t in reversed(db.metadata.sorted_tables) if t.name in existing]
    return ordered + sorted(existing - set(ordered))


@pytest.fixture(autouse=True)
def _empty_database(request):
    """Every test starts from empty tables (schema kept); cheap on SQLite and PostgreSQL."""
    yield
    if "app" not in request.fixturenames:
        return
    _empty_tables(request.getfixturevalue("app"))


def _empty_tables(application) -> None:
    with application.app_context():
        db.session.remove()
        tables = application.config["TEST_TABLES"]
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(text(f"DELETE FROM {table}"))
        db.session.commit()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


_emails = count(1)


@pytest.fixture
def make_user(app):
    """Create a user: ``make_user(roles={"partner"}, organisation=org)``."""

    def make(roles=(), organisation=None, active=True, password=TEST_PASSWORD, name=None):
        with app.app_context():
            number = next(_emails)
            user = User(
                email=f"user{number}@example.org",
                display_name=name or f"Gebruiker {number}",
                password_hash=hash_password(password) if password else None,
                active=active,
            )
            user.set_roles(set(roles))
            if organisation is not None:
                user.memberships.append(Membership(organisation_id=organisation.id, role="staff"))
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on `url`, as a browser would submit it."""
    response = client.get(url)
    match = CSRF_FIELD.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} (status {response.status_code})"
    return match.group(1)


def post_form(client, url: str, data: dict, form_url: str | None = None, **kwargs):
    """POST `data` to `url` with the CSRF token from the page at `form_url` (default `url`)."""
    return client.post(
        url, data={**data, "csrf_token": csrf_token(client, form_url or url)}, **kwargs
    )


@pytest.fixture
def login():
    def do_login(client, user, password=TEST_PASSWORD):
        response = post_form(client, "/login", {"email": user.email, "password": password})
        assert response.status_code == 302, f"login failed for {user.email}"
        return response

    return do_login


@pytest.fixture
def enable_plugin(app):
    def enable(name, enabled=True):
        with app.app_context():
            app.extensions["plugin_host"].set_enabled(name, enabled)
            db.session.commit()

    return enable
