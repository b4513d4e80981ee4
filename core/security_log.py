"""Record security events (logins, role changes, plugin toggles, invitations)."""

from flask import has_request_context, request

from .extensions import db
from .models import SecurityEvent


def record_security_event(kind: str, *, actor=None, subject=None, detail: str | None = None):
    """Add an event to the current transaction; the caller commits with its own change."""
    event = SecurityEvent(
        kind=kind,
        actor_id=getattr(actor, "id", None),
        subject_user_id=getattr(subject, "id", None),
        ip=request.remote_addr if has_request_context() else None,
        detail=detail,
    )
    db.session.add(event)
    return event
