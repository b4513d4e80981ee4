"""Warm Rotterdam Werkt (Passend Werk): long-term unemployed Rotterdammers into fitting work,
talent first, with the privacy of vulnerable people built in."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.access import user_can
from core.hookspecs import hookimpl
from core.ui import NavItem

title = "Warm Rotterdam Werkt"
version = "0.1.0"
requires_core = ">=0.1"


@hookimpl
def warmrotterdam_blueprints():
    from .views import bp

    return [bp]


@hookimpl
def warmrotterdam_workflows():
    from .workflows import ROUTE

    return [ROUTE]


@hookimpl
def warmrotterdam_permissions():
    return {
        "passendwerk.view": {"team", "partner", "lifecoach"},
        "passendwerk.refer": {"team", "partner"},
        "passendwerk.all": {"team"},
    }


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "passendwerk.view"):
        return [NavItem(_l("Passend werk"), url_for("passendwerk.index"), 45)]
    return []


@hookimpl
def warmrotterdam_workflow_transitioned(instance, transition, actor):
    if instance.workflow_key == "passendwerk.route" and actor is not None:
        from core.extensions import db

        from .access import log_access
        from .models import JobSeeker

        log_access(
            db.session.get(JobSeeker, instance.subject_id), actor, "change", transition.trigger
        )


@hookimpl
def warmrotterdam_demo_data(demo):
    from .demo import load_demo

    load_demo(demo)
