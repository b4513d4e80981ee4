"""Invitations: a one-time, expiring link to set a first password.

An invited person has an active account without a password. Accepting only sets the
password: it never activates anyone, so a deactivated account stays deactivated.
"""

from datetime import timedelta

from flask import current_app, render_template

from ..extensions import db
from ..links import absolute_url
from ..mail import queue_mail
from ..security_log import record_security_event
from ..timeutil import utcnow
from . import one_time_links
from .models import Invitation, User
from .passwords import hash_password


def invite(user: User, invited_by: User) -> Invitation:
    """Create an invitation for `user`, queue the e-mail; earlier open invitations lapse."""
    now = utcnow()
    one_time_links.lapse_open(Invitation, user.id, now)
    token, token_hash = one_time_links.new_token()
    invitation = Invitation(
        user=user,
        token_hash=token_hash,
        expires_at=now + timedelta(days=current_app.config["INVITATION_VALID_DAYS"]),
        invited_by_id=invited_by.id,
    )
    db.session.add(invitation)
    link = absolute_url("accounts.accept_invitation", token=token)
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
        secrets=[link],
    )
    record_security_event("invite", actor=invited_by, subject=user)
    return invitation


def find_open_invitation(token: str) -> Invitation | None:
    """The invitation for `token` if it is unused, not expired and its account active."""
    return one_time_links.find_open(Invitation, token)


def has_open_invitation(user_ids) -> set[int]:
    """Which of `user_ids` have an invitation that can still be used."""
    return set(
        db.session.scalars(
            db.select(Invitation.user_id).where(
                Invitation.user_id.in_(list(user_ids)),
                Invitation.used_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
        )
    )


def accept(invitation: Invitation, password: str) -> User | None:
    """Set the password; None if the link was used, revoked or the account deactivated meanwhile."""
    user = invitation.user
    if not user.active or not one_time_links.claim(invitation):
        return None
    user.password_hash = hash_password(password)
    record_security_event("invite_accepted", actor=user, subject=user)
    return user


def revoke(user: User, actor: User) -> bool:
    """Let `user`'s open invitations lapse; False when there was none to revoke."""
    if not one_time_links.lapse_open(Invitation, user.id):
        return False
    record_security_event("invite_revoked", actor=actor, subject=user)
    return True
