"""Who hears of a finding's answer: the auditors when the organisation answers, the
organisation when the auditors accept or send the answer back. The text names the norm and
the organisation, never what was found: that stays on the certification page."""

from flask import url_for
from flask_babel import gettext as _

from core.api import active_users_with_roles, notify

from .models import Finding


def _page(finding: Finding) -> str:
    return url_for(
        "keurmerk.certification",
        certification_id=finding.certification_id,
        _anchor=f"bevinding-{finding.id}",
    )


def _about(what: str, finding: Finding) -> str:
    # Names are joined to the translated text, never formatted into it.
    return f"{what}: {finding.norm.code} · {finding.certification.organisation.name}"


def tell_auditors_of_answer(finding: Finding) -> None:
    notify(
        finding.reviewers,
        "action",
        lambda: _about(_("Beoordeel de reactie op bevinding"), finding),
        _page(finding),
    )


def tell_organisation_of_review(finding: Finding) -> None:
    partners = active_users_with_roles({"partner"}, finding.certification.organisation_id)
    if finding.closed:
        notify(
            partners,
            "events",
            lambda: _about(_("De auditor heeft de bevinding afgesloten"), finding),
            _page(finding),
        )
    else:
        notify(
            partners,
            "action",
            lambda: _about(_("De auditor vraagt meer bij bevinding"), finding),
            _page(finding),
        )
