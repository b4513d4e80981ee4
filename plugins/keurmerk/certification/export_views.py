"""CSV exports of the register and of findings, safe to open in a spreadsheet."""

from flask_babel import gettext as _
from flask_login import current_user

from core.api import absolute_url, csv_response, db, public, requires

from . import rules
from .models import Certification, Finding


@public
def register_csv():
    rows = [
        (
            c.organisation.name,
            ", ".join(m.name for m in c.granted) or _("Alle normen"),
            status.label,
            c.valid_from,
            c.valid_until,
            c.certificate_number,
            absolute_url("keurmerk.verify", number=c.certificate_number),
        )
        for c, status in rules.register_entries()
    ]
    return csv_response(
        "register-keurmerk.csv",
        ["organisatie", "modules", "status", "geldig_van", "geldig_tot", "certificaat", "controle"],
        rows,
    )


@requires("keurmerk.certifications")
def findings_csv():
    visible = rules.visible_certifications(current_user).with_only_columns(Certification.id)
    findings = db.session.scalars(
        db.select(Finding)
        .where(Finding.certification_id.in_(visible))
        .options(
            db.joinedload(Finding.certification).joinedload(Certification.organisation),
            db.joinedload(Finding.norm),
        )
        .order_by(Finding.deadline.is_(None), Finding.deadline, Finding.id)
    ).all()
    rows = [
        (
            f.certification.organisation.name,
            f.norm.code,
            f.grade_label,
            f.description,
            f.corrective_action,
            f.deadline,
            _status(f),
        )
        for f in findings
    ]
    return csv_response(
        "bevindingen-keurmerk.csv",
        ["organisatie", "norm", "zwaarte", "bevinding", "verbeteren", "uiterlijk", "status"],
        rows,
    )


def _status(finding: Finding) -> str:
    if not finding.needs_action:
        return "observatie"
    if finding.closed:
        return "opgelost"
    return "reactie te beoordelen" if finding.awaiting_review else "open"
