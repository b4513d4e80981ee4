"""Invitations: a one-time, expiring link to set a first password."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, render_template, url_for

from ..extensions import db
from ..mail import queue_mail
from ..security_log import record_security_event
from ..timeutil import utcnow
from .models import Invitation, User
from .passwords import hash_password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(user: User, invited_by: User) -> Invitation:
    """Create an invitation for `user`, queue the e-mail; earlier open invitations lapse."""
    now = utcnow()
    db.session.execute(
        db.update(Invitation)
        .where(Invitation.user_id == user.id, Invitation.used_at.is_(None))
        .values(expires_at=now)
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        user=user,
        token_hash=_token_hash(token),
        expires_at=now + timedelta(days=current_app.config["INVITATION_VALID_DAYS"]),
        invited_by_id=invited_by.id,
    )
    db.session.add(invitation)
    link = url_for("accounts.accept_invitation", token=token, _external=True)
    queue_mail(
        user.email,
        "Uitnodiging voor Warm Rotterdam",
        render_template(
            "core/mail/invitation.txt",
            user=user,
            link=link,
            inviter=invited_by,
            days=current_app.config["INVITATION_VALID_DAYS"],
        ),
    )
    record_security_event("invite", actor=invited_by, subject=user)
    return invitation


def find_open_invitation(token: str) -> Invitation | None:
    """The invitation for `token` if it is unused and not expired, else None."""
    invitation = db.session.scalar(
        db.select(Invitation).where(Invitation.token_hash == _token_hash(token))
    )
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        return None
    return invitation


def accept(invitation: Invitation, password: str) -> User | None:
    """Set the password and activate the account; None if the link was used meanwhile."""
    claimed = db.session.execute(
        db.update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:  # a parallel request used the same link first
        return None
    user = invitation.user
    user.password_hash = hash_password(password)
    user.active = True
    record_security_event("invite_accepted", actor=user, subject=user)
    return user
