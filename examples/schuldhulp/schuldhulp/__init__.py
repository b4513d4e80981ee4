"""Schuldhulp: a debt-help organisation's intake of residents that a collector refers.

A company or collection agency that holds the Keurmerk Warm Sociaal Incasseren promises
customers in arrears "help towards debt counselling". This plugin is that hand-over: the
collector refers the resident (with consent, a name and a phone number, nothing more), a
counsellor of the debt-help organisation calls within the term, holds the intake and records
the outcome. The referrer follows the status; the conversation stays with the counsellor.

Written as a partner would write it: its own package, and only ``core.api`` from the core.
"""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import (
    NavItem,
    OrganisationKind,
    Role,
    Task,
    Widget,
    WorkflowInstance,
    db,
    hookimpl,
    user_can,
)

from . import models  # noqa: F401  (the tables join the metadata)

title = "Schuldhulp na doorverwijzing"
version = "0.1.0"
requires_api = ">=1.0,<2"


@hookimpl
def warmrotterdam_blueprints():
    from .views import bp

    return [bp]


@hookimpl
def warmrotterdam_workflows():
    from .workflows import INTAKE

    return [INTAKE]


@hookimpl
def warmrotterdam_roles():
    return [
        Role(
            "schuldhulpverlener",
            _l("Schuldhulpverlener"),
            _l("Belt doorverwezen bewoners, houdt het intakegesprek en legt de uitkomst vast."),
            acts_for_organisation=True,
        ),
        Role(
            "debiteurenbeheer",
            _l("Medewerker debiteurenbeheer"),
            _l("Werkt bij een bedrijf of incassobureau en verwijst klanten met schulden door."),
            acts_for_organisation=True,
        ),
    ]


@hookimpl
def warmrotterdam_organisation_kinds():
    return [OrganisationKind("debt_help", _l("Schuldhulporganisatie"))]


@hookimpl
def warmrotterdam_permissions():
    return {
        "schuldhulp.view": {"team", "board", "partner", "debiteurenbeheer", "schuldhulpverlener"},
        "schuldhulp.refer": {"partner", "debiteurenbeheer"},
        "schuldhulp.counsel": {"schuldhulpverlener"},
    }


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "schuldhulp.view"):
        return [NavItem(_l("Schuldhulp"), url_for("schuldhulp.index"), 48)]
    return []


@hookimpl
def warmrotterdam_dashboard_widgets(user):
    if not user_can(user, "schuldhulp.view"):
        return []
    from .figures import figures

    return [
        Widget(
            _l("Doorverwijzingen naar schuldhulp"),
            render_template("schuldhulp/widget.html", f=figures(user)),
            order=48,
        )
    ]


@hookimpl
def warmrotterdam_tasks(user):
    """The intake conversations in the counsellor's diary; the steps are in the inbox."""
    if not user_can(user, "schuldhulp.counsel"):
        return []
    from .models import WORKFLOW, Referral

    rows = db.session.execute(
        db.select(Referral.id, Referral.name, Referral.appointment_at)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == WORKFLOW)
            & (WorkflowInstance.subject_id == Referral.id),
        )
        .where(WorkflowInstance.state == "intake_gepland", WorkflowInstance.assignee_id == user.id)
    ).all()
    # A name is joined to the translated text, never formatted into it.
    intake = _("Intakegesprek")
    return [
        Task(
            f"{intake}: {name}",
            url_for("schuldhulp.referral", referral_id=referral_id),
            at.date(),
        )
        for referral_id, name, at in rows
    ]


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo

    load_demo(demo)
