"""The app factory: configuration, extensions, core blueprints, plugins, schema."""

import logging
import os
from pathlib import Path

from flask import Flask, current_app, has_request_context, session
from flask_login import current_user
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from . import cli, errors, headers
from .access import enforce_access
from .accounts.sessions import load_user
from .config import load_config
from .database import pending_upgrade, upgrade_database
from .extensions import babel, csrf, db, login_manager, migrate
from .input_limits import IdConverter, refuse_nul_bytes, refuse_out_of_range
from .plugin_host import PluginHost, discover
from .shell import register_shell
from .workflow.loading import load_workflows

log = logging.getLogger(__name__)


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("INSTANCE_PATH")
    app = Flask(
        "core",
        instance_path=str(Path(instance_path or Path.cwd() / "instance").resolve()),
        instance_relative_config=True,
    )
    app.url_map.converters["int"] = IdConverter  # before any route is added
    load_config(app, config)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        # X-Forwarded-Host is not trusted: links in mail come from PUBLIC_URL (core/links.py).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
        if not app.config.get("PUBLIC_URL"):
            log.warning("PUBLIC_URL is not set: links in mail take the host a request names.")
    _init_extensions(app)
    _register_core_blueprints(app)

    host = PluginHost()
    app.extensions["plugin_host"] = host
    host.load_all(app, discover(app.config["PLUGINS_EXTRA"]), strict=app.config["PLUGINS_STRICT"])
    app.extensions["workflow_engine"] = load_workflows(host, strict=app.config["PLUGINS_STRICT"])
    _add_plugin_translations(app, host)

    app.before_request(refuse_nul_bytes)
    app.before_request(host.refuse_disabled_blueprint)
    app.before_request(enforce_access)
    app.after_request(headers.add_security_headers)
    errors.register(app)
    for error in (DataError, OverflowError):
        app.register_error_handler(error, refuse_out_of_range)
    register_shell(app)
    cli.register(app)

    with app.app_context():
        _prepare_database(host)
    return app


def _add_plugin_translations(app: Flask, host: PluginHost) -> None:
    """A plugin's `translations/` folder joins the catalogs (Flask-Babel merges them)."""
    folders = [p.root / "translations" for p in host.plugins.values()]
    app.extensions["babel"].translation_directories.extend(str(f) for f in folders if f.is_dir())


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the login page explains itself
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)


def _select_locale() -> str:
    """The session's choice, else the logged-in person's own, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return "nl"
    choice = session.get("language")
    if choice not in languages and current_user.is_authenticated:
        choice = current_user.language
    return choice if choice in languages else "nl"


def _register_core_blueprints(app: Flask) -> None:
    from .accounts.profile import bp as profile
    from .accounts.views import bp as accounts
    from .admin.views import bp as admin
    from .calendar.views import bp as calendar
    from .dashboard import bp as dashboard
    from .figures.views import bp as figures
    from .health import bp as health
    from .meetings.views import bp as meetings
    from .notifications.views import bp as notifications
    from .organisations.views import bp as organisations
    from .workflow.views import bp as workflows

    for blueprint in (
        accounts,
        profile,
        admin,
        calendar,
        dashboard,
        figures,
        health,
        meetings,
        notifications,
        organisations,
        workflows,
    ):
        app.register_blueprint(blueprint)


def _prepare_database(host: PluginHost) -> None:
    """The embedded SQLite database upgrades itself; a server database is upgraded on deploy.

    A database server that is down must not keep the app from starting: /healthz reports it.
    """
    try:
        pending = pending_upgrade()
    except OperationalError as exc:
        log.error("Database unreachable at start-up (%s)", type(exc).__name__)
        return
    if pending:
        if db.engine.dialect.name == "sqlite":
            upgrade_database()
        else:
            log.warning("Database schema is not up to date: run `flask --app wsgi upgrade`.")
            return
    host.sync_states()
