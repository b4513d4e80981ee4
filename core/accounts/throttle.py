"""Failed-login throttling per account and per IP address."""

import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import func

from ..extensions import db
from ..timeutil import utcnow
from .models import LoginAttempt


def email_digest(email: str) -> str:
    """A keyed hash, so the attempts table never holds an e-mail address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def minutes_locked(email: str, ip: str) -> int:
    """Minutes until this account or address may try again; 0 when not locked.

    A successful login clears an account's failures, but not an address's: otherwise an
    attacker could reset the address count by logging into an account of their own.
    """
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    now = utcnow()
    digest = email_digest(email)
    last_success = db.session.scalar(
        db.select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email_digest == digest, LoginAttempt.succeeded
        )
    )
    account_since = max(now - window, last_success) if last_success else now - window
    longest = 0
    for condition, since in (
        (LoginAttempt.email_digest == digest, account_since),
        (LoginAttempt.ip == ip, now - window),
    ):
        count, latest = db.session.execute(
            db.select(func.count(), func.max(LoginAttempt.at)).where(
                condition, LoginAttempt.at > since, LoginAttempt.succeeded.is_(False)
            )
        ).one()
        if count >= config["LOGIN_MAX_FAILURES"]:
            remaining = (latest + window - now).total_seconds()
            longest = max(longest, int(remaining // 60) + 1)
    return longest


def record_attempt(email: str, ip: str, succeeded: bool) -> None:
    db.session.add(LoginAttempt(email_digest=email_digest(email), ip=ip, succeeded=succeeded))


def forget_old_attempts() -> None:
    """Attempts older than a day serve no purpose; drop them (called on successful login)."""
    cutoff = utcnow() - timedelta(days=1)
    db.session.execute(db.delete(LoginAttempt).where(LoginAttempt.at < cutoff))
