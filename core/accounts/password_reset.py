"""Forgotten passwords: a one-time link by mail, valid for PASSWORD_RESET_VALID_MINUTES.

Asking for a link answers the same, with the same status and the same work, whether or not
the address has an account: a token is made, the mail is written and an event recorded
either way; only the two rows that make the link work are left out for unknown addresses.
The request only queues the mail; a sender delivers it (see `core.mail`).
"""

from datetime import timedelta

from flask import current_app, render_template

from ..extensions import db
from ..links import absolute_url
from ..mail import queue_mail
from ..security_log import record_security_event
from ..timeutil import utcnow
from . import login_limits, one_time_links, throttle
from .models import PasswordReset, User
from .passwords import hash_password
from .sessions import end_sessions

WINDOW = timedelta(hours=1)


def may_request(email: str, ip: str) -> bool:
    """Count a request per e-mail address and per IP address; False when over the limit.

    Unknown addresses are counted too, so the limit reveals nothing either.
    """
    config = current_app.config
    account = throttle.take(
        throttle.RESET_ACCOUNT, email, config["PASSWORD_RESET_MAX_PER_ACCOUNT"], WINDOW
    )
    address = throttle.take(
        throttle.RESET_ADDRESS, ip, config["PASSWORD_RESET_MAX_PER_ADDRESS"], WINDOW
    )
    return account is not None and address is not None


def request_reset(email: str) -> None:
    """Queue a reset link for the account of `email`, if it may log in; the caller commits."""
    user = db.session.scalar(db.select(User).where(User.email == email))
    eligible = user is not None and user.active and bool(user.password_hash)
    minutes = current_app.config["PASSWORD_RESET_VALID_MINUTES"]
    token, token_hash = one_time_links.new_token()
    link = absolute_url("accounts.reset_password", token=token)
    body = render_template(
        "core/mail/password_reset.txt",
        name=user.display_name if eligible else "",
        link=link,
        minutes=minutes,
    )
    if eligible:
        db.session.add(
            PasswordReset(
                user=user, token_hash=token_hash, expires_at=utcnow() + timedelta(minutes=minutes)
            )
        )
        queue_mail(user.email, "Nieuw wachtwoord voor Warm Rotterdam", body, secrets=[link])
    record_security_event("password_reset_requested", subject=user if eligible else None)


def find_open_reset(token: str) -> PasswordReset | None:
    return one_time_links.find_open(PasswordReset, token)


def reset(link: PasswordReset, password: str) -> User | None:
    """Set the new password and end every session; None when the link was used meanwhile."""
    if not one_time_links.claim(link):
        return None
    user = link.user
    user.password_hash = hash_password(password)
    one_time_links.lapse_open(PasswordReset, user.id)
    end_sessions(user)
    login_limits.login_succeeded(user.email)  # a locked account may log in with the new one
    record_security_event("password_reset", actor=user, subject=user)
    return user
