"""The one-time link pattern shared by invitations and password resets.

A random token goes out by mail; only its SHA-256 hash is stored, so a leaked database does
not leak working links. A link is used by an atomic UPDATE, so two requests with the same
link cannot both succeed.
"""

import hashlib
import secrets
from datetime import datetime

from ..extensions import db
from ..timeutil import utcnow


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token for the mail and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def find_open(model, token: str):
    """The unused, unexpired link of `model` for `token` whose account is active, else None."""
    link = db.session.scalar(db.select(model).where(model.token_hash == token_hash(token)))
    if link is None or not link.is_open or not link.user.active:
        return None
    return link


def claim(link) -> bool:
    """Mark `link` used; False when a parallel request (or an earlier one) used it first."""
    model = type(link)
    now = utcnow()
    claimed = db.session.execute(
        db.update(model)
        .where(model.id == link.id, model.used_at.is_(None), model.expires_at > now)
        .values(used_at=now)
    )
    return claimed.rowcount == 1


def lapse_open(model, user_id: int, now: datetime | None = None) -> int:
    """Let every open link of `model` for the user expire now; how many there were."""
    now = now or utcnow()
    result = db.session.execute(
        db.update(model)
        .where(model.user_id == user_id, model.used_at.is_(None), model.expires_at > now)
        .values(expires_at=now)
    )
    return result.rowcount
