"""Configuration: defaults, then `instance/config.py`, then the environment, then the caller."""

import os
import secrets
from pathlib import Path

from flask import Flask


class Defaults:
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    # Connections are replaced after ten minutes (before a server or firewall drops idle
    # ones) rather than pinged on every checkout, which costs a round trip per request.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": 600}
    # How long a worker trusts the enabled plugins it read; a change made through this
    # process is seen at once, one made on another app server within this many seconds.
    PLUGIN_STATE_SECONDS = 5.0
    # Where uploaded files are kept: "local" (instance/uploads) or "database" (every app
    # server on the same database sees them; see core/file_storage.py).
    FILE_STORAGE = "local"
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = {"nl": "Nederlands", "en": "English"}
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_SENDER = "Warm Rotterdam <noreply@warmrotterdam.nl>"
    MAIL_USE_SSL = False  # SMTPS (usually port 465) instead of STARTTLS
    MAIL_TIMEOUT = 10  # seconds per SMTP operation
    MAIL_BATCH_SIZE = 50  # messages per connection
    MAIL_MAX_ATTEMPTS = 8  # then the message is marked failed in Beheer
    MAIL_RETRY_MINUTES = 5  # the wait after a first failure; it doubles each time
    WORKER_MAIL_SECONDS = 15  # how often `flask worker` sends queued mail
    WORKER_TICK_SECONDS = 300  # how often it fires due workflow timeouts
    DIGEST_HOUR = 7  # the local hour (BABEL_DEFAULT_TIMEZONE) the daily digest covers up to
    INVITATION_VALID_DAYS = 7
    # Per account: this many password checks within LOGIN_LOCK_MINUTES, then locked until then.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    # Per IP address only a slow-down, never a lock (many people may share one address).
    LOGIN_ADDRESS_SLOWDOWN_AFTER = 20
    LOGIN_ADDRESS_MAX_WAIT_SECONDS = 60
    PASSWORD_RESET_VALID_MINUTES = 60
    # Reset requests per hour, per e-mail address and per IP address.
    PASSWORD_RESET_MAX_PER_ACCOUNT = 3
    PASSWORD_RESET_MAX_PER_ADDRESS = 20
    # Extra plugins as "name = module", loaded exactly like installed entry points.
    PLUGINS_EXTRA: list[str] = []
    # When true a broken plugin stops the app instead of being reported and skipped.
    PLUGINS_STRICT = False
    DEMO_PASSWORD = "warm-rotterdam-demo"
    # How many reverse proxies in front of the app may set X-Forwarded-For and -Proto.
    TRUSTED_PROXIES = 0
    # The address people use, e.g. "https://warmrotterdam.nl": links in mail are built on it.
    PUBLIC_URL = None


# Environment variables read into the config, with how to parse them.
ENVIRONMENT = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": lambda v: v.lower() in {"1", "true", "yes"},
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_SENDER": str,
    "MAIL_USE_SSL": lambda v: v.lower() in {"1", "true", "yes"},
    "MAIL_TIMEOUT": int,
    "MAIL_BATCH_SIZE": int,
    "MAIL_MAX_ATTEMPTS": int,
    "MAIL_RETRY_MINUTES": int,
    "WORKER_MAIL_SECONDS": float,
    "WORKER_TICK_SECONDS": float,
    "DIGEST_HOUR": int,
    "SESSION_COOKIE_SECURE": lambda v: v.lower() in {"1", "true", "yes"},
    "DEMO_PASSWORD": str,
    "TRUSTED_PROXIES": int,
    "PUBLIC_URL": str,
    "PLUGIN_STATE_SECONDS": float,
    "FILE_STORAGE": str,
}


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for name, parse in ENVIRONMENT.items():
        if os.environ.get(name):
            app.config[name] = parse(os.environ[name])
    app.config.update(overrides or {})
    # Plugin settings are filled in later; they must know what the caller decided.
    app.extensions["config_overrides"] = frozenset(overrides or ())
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    url = (
        app.config.get("DATABASE_URL")
        or f"sqlite:///{Path(app.instance_path) / 'warmrotterdam.db'}"
    )
    app.config["SQLALCHEMY_DATABASE_URI"] = _with_driver(url)
    if app.config["FILE_STORAGE"] not in ("local", "database"):
        raise RuntimeError(
            f"FILE_STORAGE is {app.config['FILE_STORAGE']!r}: choose local or database."
        )
    if not app.config.get("SECRET_KEY"):
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            # A key generated here differs per app server: sessions, CSRF tokens and reset
            # links made on one would fail on the next. PostgreSQL is how production runs.
            raise RuntimeError(
                "SECRET_KEY is not set. With PostgreSQL (production, possibly several app "
                "servers) every server needs the same key: set SECRET_KEY in the environment "
                "or in instance/config.py, e.g. to the output of "
                "`python3 -c 'import secrets; print(secrets.token_hex(32))'`."
            )
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path) / "secret_key")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # Nobody waits more than 10 s for a row another request holds (workflow locking).
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {
            "options": "-c lock_timeout=10s",
            **options.get("connect_args", {}),
        }
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _instance_secret_key(path: Path) -> str:
    """Generated once per installation and kept in instance/ (git-ignored)."""
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def _with_driver(url: str) -> str:
    # Hosting providers hand out postgres:// URLs; we talk to PostgreSQL through psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
