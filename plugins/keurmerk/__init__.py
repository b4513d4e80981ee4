"""Keurmerk Warm Sociaal Incasseren: the norm framework, developed and versioned with experts
by experience and companies, and the certification of organisations against it."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import (
    NavItem,
    Role,
    Widget,
    active_users_with_roles,
    cached,
    hookimpl,
    user_can,
)

title = _("Keurmerk Warm Sociaal Incasseren")
version = "0.1.0"
requires_api = ">=1.6,<2"


@hookimpl
def warmrotterdam_blueprints():
    from .blueprint import bp

    return [bp]


@hookimpl
def warmrotterdam_workflows():
    from .workflows import CERTIFICATION, FRAMEWORK

    return [FRAMEWORK, CERTIFICATION]


@hookimpl
def warmrotterdam_roles():
    return [
        Role("auditor", _l("Auditor"), _l("Toetst organisaties norm voor norm.")),
        Role("committee", _l("Certificatiecommissie"), _l("Besluit over keurmerken.")),
        Role(
            "co_auditor",
            _l("Ervaringsdeskundige co-auditor"),
            _l("Ervaringsdeskundige die is opgeleid om mee te toetsen."),
        ),
    ]


# Who may audit beside the lead auditor: asked through the core's qualification hook, so a
# register of experts by experience can name the people it trained; until then our own role.
CO_AUDITOR = "keurmerk.co_auditor"


@hookimpl
def warmrotterdam_qualified_people(qualification):
    if qualification != CO_AUDITOR:
        return []
    return active_users_with_roles({"co_auditor"})


@hookimpl
def warmrotterdam_permissions():
    return {
        "keurmerk.view": {
            "team",
            "board",
            "expert",
            "auditor",
            "co_auditor",
            "committee",
            "partner",
        },
        "keurmerk.comment": {"team", "expert", "partner"},
        "keurmerk.manage": {"team"},
        "keurmerk.certifications": {
            "team",
            "board",
            "committee",
            "auditor",
            "co_auditor",
            "partner",
            "expert",
        },
        "keurmerk.certifications.all": {"team", "board", "committee"},
        "keurmerk.apply": {"team", "partner"},
    }


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "keurmerk.view"):
        return [NavItem(_("Keurmerk"), url_for("keurmerk.index"), 40)]
    return []


@hookimpl
def warmrotterdam_public_pages():
    # Anyone may check who holds the keurmerk: the landing page links to the register.
    return [
        NavItem(_("Register Keurmerk Warm Sociaal Incasseren"), url_for("keurmerk.register"), 40)
    ]


@hookimpl
def warmrotterdam_dashboard_widgets(user):
    if not user_can(user, "keurmerk.view"):
        return []
    from .dashboard import framework_overview

    # The same for everyone who may see it: rendered once per change of the data.
    body = cached(
        ("keurmerk.widget",),
        lambda: render_template("keurmerk/widget.html", **framework_overview()),
    )
    return [Widget(_("Keurmerk"), body, 40)]


@hookimpl
def warmrotterdam_tasks(user, limit):
    from .tasks import tasks_for

    # Asked on every dashboard and "Mijn taken" view; the answer changes only with the data.
    return list(cached(("keurmerk.tasks", user.id, limit), lambda: tuple(tasks_for(user, limit))))


@hookimpl
def warmrotterdam_calendar_items(user):
    from .calendar import calendar_items

    return calendar_items(user)


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo

    load_demo(demo)
