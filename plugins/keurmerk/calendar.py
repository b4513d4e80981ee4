"""The keurmerk's dated items in people's calendars: the audit of a certification for the
auditors and the organisation that receives them; pilot audits for the programme team."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from core.api import CalendarItem, calendar_window, db, user_can

from .certification.models import Certification
from .certification.rules import involved_certifications
from .frameworks.models import PilotAudit


def calendar_items(user) -> list[CalendarItem]:
    first, last = calendar_window()
    items = []
    if user_can(user, "keurmerk.certifications"):
        certifications = db.session.scalars(
            involved_certifications(user)
            .where(Certification.audit_date.between(first, last))
            .options(db.joinedload(Certification.organisation))
            .order_by(Certification.audit_date, Certification.id)
        )
        items += [audit_item(c) for c in certifications]
    # The team runs the pilot (its audits are on the framework page, for all who see it).
    if user_can(user, "keurmerk.manage"):
        audits = db.session.scalars(
            db.select(PilotAudit)
            .where(PilotAudit.held_on.between(first, last))
            .options(db.joinedload(PilotAudit.organisation))
            .order_by(PilotAudit.held_on, PilotAudit.id)
        )
        items += [pilot_audit_item(a) for a in audits]
    return items


# A title is composed, the organisation's name (data) never formatted into a message; and the
# message outside the f-string, where the extractor finds it.


def audit_item(certification: Certification) -> CalendarItem:
    label = _("Audit")
    return CalendarItem(
        uid=f"keurmerk-audit-{certification.id}",
        title=f"{label}: {certification.organisation.name}",
        start=certification.audit_date,
        url=url_for("keurmerk.certification", certification_id=certification.id),
        description=certification.framework.label,
    )


def pilot_audit_item(audit: PilotAudit) -> CalendarItem:
    label = _("Pilotaudit")
    return CalendarItem(
        uid=f"keurmerk-pilot-audit-{audit.id}",
        title=f"{label}: {audit.organisation.name}",
        start=audit.held_on,
        url=url_for("keurmerk.framework", framework_id=audit.framework_id, _anchor="pilotaudits"),
    )
