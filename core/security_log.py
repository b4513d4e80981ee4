"""Record security events (logins, role changes, plugin toggles, invitations), and name them."""

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l

from .extensions import db
from .models import SecurityEvent

# The one place where an event kind gets its words; a kind missing here is shown as it is.
EVENT_KINDS = {
    "login": _l("Ingelogd"),
    "login_failed": _l("Inloggen mislukt"),
    "login_throttled": _l("Inloggen tijdelijk geblokkeerd"),
    "logout": _l("Uitgelogd"),
    "role_change": _l("Rollen gewijzigd"),
    "account_activated": _l("Account aangezet"),
    "account_deactivated": _l("Account uitgezet"),
    "invite": _l("Uitgenodigd"),
    "invite_accepted": _l("Uitnodiging aangenomen"),
    "invite_revoked": _l("Uitnodiging ingetrokken"),
    "password_changed": _l("Wachtwoord gewijzigd"),
    "password_change_failed": _l("Wachtwoord wijzigen mislukt (huidig wachtwoord fout)"),
    "password_reset_requested": _l("Nieuw wachtwoord aangevraagd"),
    "password_reset": _l("Nieuw wachtwoord ingesteld via link"),
    "plugin_enabled": _l("Deelproject aangezet"),
    "plugin_disabled": _l("Deelproject uitgezet"),
    "security_log_exported": _l("Beveiligingslog gedownload"),
}


def kind_label(kind: str) -> str:
    return str(EVENT_KINDS[kind]) if kind in EVENT_KINDS else kind


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
