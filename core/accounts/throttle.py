"""Counting attempts per account and per address, atomically, for throttling.

Each counter is one row, changed by a single INSERT ... ON CONFLICT DO UPDATE ... RETURNING
statement, so parallel requests cannot all read "4 failures" and all go ahead: the database
hands out the attempts one by one (row lock on PostgreSQL, one writer at a time on SQLite).
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..timeutil import utcnow
from .models import AttemptCounter

# Scopes: one counter per e-mail address and per IP address, for logins and for reset requests.
LOGIN_ACCOUNT = "login-account"
LOGIN_ADDRESS = "login-address"
RESET_ACCOUNT = "reset-account"
RESET_ADDRESS = "reset-address"


def digest(value: str) -> str:
    """A keyed hash, so the counters never hold an e-mail or IP address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def _upsert():
    dialect = db.engine.dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(AttemptCounter)


def take(scope: str, value: str, limit: int | None, window: timedelta) -> int | None:
    """Count one attempt; the new count, or None when `limit` attempts were taken already.

    A counter older than `window` starts again at 1. A refused attempt is not counted, so
    waiting out the window always helps.
    """
    now = utcnow()
    stale = AttemptCounter.last_at <= now - window
    statement = (
        _upsert()
        .values(scope=scope, key_digest=digest(value), count=1, last_at=now)
        .on_conflict_do_update(
            index_elements=[AttemptCounter.scope, AttemptCounter.key_digest],
            set_={"count": case((stale, 1), else_=AttemptCounter.count + 1), "last_at": now},
            where=None if limit is None else stale | (AttemptCounter.count < limit),
        )
        .returning(AttemptCounter.count)
    )
    return db.session.execute(statement).scalar()


def give_back(scope: str, value: str) -> None:
    """Forget the attempts counted for `value` (a successful login clears its account)."""
    db.session.execute(
        db.update(AttemptCounter)
        .where(AttemptCounter.scope == scope, AttemptCounter.key_digest == digest(value))
        .values(count=0)
    )


def current(scope: str, value: str, window: timedelta) -> tuple[int, datetime | None]:
    """The count within `window` and when the last attempt was; (0, None) when none."""
    row = db.session.execute(
        db.select(AttemptCounter.count, AttemptCounter.last_at).where(
            AttemptCounter.scope == scope,
            AttemptCounter.key_digest == digest(value),
            AttemptCounter.last_at > utcnow() - window,
        )
    ).first()
    return (row.count, row.last_at) if row else (0, None)


def forget_old_counters() -> None:
    """Counters untouched for a day serve no purpose; drop them (called on successful login)."""
    cutoff = utcnow() - timedelta(days=1)
    db.session.execute(db.delete(AttemptCounter).where(AttemptCounter.last_at < cutoff))
