"""Pytest fixtures and checks for the core and for plugins, also those in their own repository.

Installed as a pytest plugin (entry point ``pytest11``), so a partner's plugin gets the
real app in a few lines::

    @pytest.fixture(scope="session")
    def app_config():
        return {"PLUGINS_EXTRA": ["mine = my_package.plugin"]}  # not needed once pip-installed

    def test_my_page(client, user_with_role, login, enable_plugin):
        enable_plugin("mine")
        login(client, user_with_role("team"))
        assert client.get("/mine/").status_code == 200

Fixtures:

``app``, ``client``, ``app_ctx``
    The session's app (every test starts from empty tables), a test client, an app context.
``make_user(roles=..., organisation=..., active=True, name=None)``
    A user holding `roles`, working for `organisation`; password :data:`TEST_PASSWORD`.
``user_with_role(role, organisation=None)``
    The same for one role, named after it ("Gebruiker partner 3").
``make_organisation(name="Buurtlab", kind="social_enterprise")``
    An organisation.
``login(client, user)``, ``enable_plugin(name, enabled=True)``
    Log in through the login form; switch a plugin on or off.
``start_workflow(key, subject, organisation=None, actor=None, title=None)``
    Put `subject` (a row of yours, with an ``id``) into workflow `key` through the engine;
    returns the instance id.
``fire(instance_id, trigger, actor, data=None, comment=None)``
    Fire a transition through the engine as `actor`, with `data` as the transition form's
    answers; returns the new state. A refusal raises :class:`core.api.WorkflowError`.

Functions: :func:`post_form` (submit a form with its CSRF token), :func:`csrf_token`,
:func:`check_route_access` (every URL rule declares its access, to a known permission) and
:func:`check_translations` (a package's English catalog is complete and compiled).

Set ``TEST_DATABASE_URL`` to run against PostgreSQL; its schema is dropped and rebuilt
at the start of the session. Without it the tests use a fresh SQLite file.
"""

import os
import re
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from . import create_app
from .accounts.models import User
from .accounts.passwords import hash_password
from .extensions import db
from .organisations.models import Membership, Organisation

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
        # Plugin states change in tests only through enable_plugin and the emptied tables,
        # which both make the host read them again; so query counts do not depend on timing.
        "PLUGIN_STATE_SECONDS": 3600.0,
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
        application.extensions["plugin_host"].forget_enabled()


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


@pytest.fixture
def user_with_role(make_user):
    """A user holding one role: ``user_with_role("partner", organisation=org)``."""

    def make(role, organisation=None):
        return make_user(roles={role}, organisation=organisation, name=f"Gebruiker {role}")

    return make


def create_organisation(app, name="Buurtlab", kind="social_enterprise") -> Organisation:
    with app.app_context():
        organisation = Organisation(name=name, kind=kind)
        db.session.add(organisation)
        db.session.commit()
        db.session.refresh(organisation)
        db.session.expunge(organisation)
        return organisation


@pytest.fixture
def make_organisation(app):
    """Create an organisation: ``make_organisation("Roffabriek", kind="employer")``."""

    def make(name="Buurtlab", kind="social_enterprise"):
        return create_organisation(app, name, kind)

    return make


@pytest.fixture
def start_workflow(app):
    """Start workflow `key` for `subject` through the engine; returns the instance id."""
    from .workflow import engine_of

    def start(key, subject, organisation=None, actor=None, title=None):
        with app.app_context():
            instance = engine_of().start(
                key,
                subject,
                title=title or f"{key} {subject.id}",
                actor=_attached(actor),
                organisation_id=getattr(organisation, "id", None),
            )
            db.session.commit()
            return instance.id

    return start


@pytest.fixture
def fire(app):
    """Fire `trigger` on an instance as `actor` through the engine; returns the new state."""
    from werkzeug.datastructures import MultiDict

    from .workflow import engine_of

    def do_fire(instance_id, trigger, actor, data=None, comment=None):
        # A transition form reads the request's locale and formdata: give it a request.
        with app.test_request_context():
            instance = engine_of().fire(
                instance_id,
                trigger,
                actor=_attached(actor),
                comment=comment,
                formdata=MultiDict(data or {}),
            )
            return instance.state

    return do_fire


def _attached(user):
    """The session's own copy of a user the fixtures handed out (detached, roles unloaded)."""
    return None if user is None else db.session.get(User, user.id)


def check_route_access(app) -> None:
    """Every URL rule of `app` is @public or @requires a permission some role holds.

    Enables every installed plugin first (a plugin's permissions are known while it is
    enabled); the per-test cleanup resets that.
    """
    from .access import access_rule_for, permission_table

    with app.app_context():
        host = app.extensions["plugin_host"]
        for name in host.plugins:
            host.set_enabled(name, True)
        db.session.commit()
    undeclared, unknown = [], []
    with app.test_request_context():
        permissions = permission_table() | {"authenticated": set()}
        for rule in app.url_map.iter_rules():
            access = access_rule_for(rule.endpoint)
            if access is None:
                undeclared.append(f"{rule.rule} ({rule.endpoint})")
            elif not access.public and access.permission not in permissions:
                unknown.append(f"{rule.rule} needs unknown permission {access.permission!r}")
    assert undeclared == [], "views without @public or @requires: " + ", ".join(undeclared)
    assert unknown == [], "; ".join(unknown)


def check_translations(package_dir) -> None:
    """Every UI string of the package at `package_dir` has an English text, and the compiled
    catalog is current. The fix for both: ``flask --app wsgi translations refresh NAME``."""
    from .catalog import compiled_is_current, missing_translations

    package_dir = Path(package_dir)
    missing = missing_translations(package_dir)
    assert missing == [], (
        f"{package_dir.name}: run `flask --app wsgi translations refresh` and translate: {missing}"
    )
    assert compiled_is_current(package_dir), (
        f"{package_dir.name}: messages.mo is stale; run `flask --app wsgi translations refresh`"
    )


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
