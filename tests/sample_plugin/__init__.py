"""A small plugin used by the tests: it exercises every hook the way a real plugin would."""

import click
from flask import render_template, url_for
from flask.cli import AppGroup
from flask_babel import gettext as _

from core.api import NavItem, Role, Widget, db, hookimpl, user_can

from .models import SampleNote

title = "Voorbeeldproject"
version = "1.0"
requires_api = ">=1.0,<2"


@hookimpl
def warmrotterdam_blueprints():
    from .views import bp

    return [bp]


@hookimpl
def warmrotterdam_cli_commands():
    sample = AppGroup("sample", help="Sample plugin commands.")

    @sample.command("count")
    def count():
        click.echo(f"{db.session.scalar(db.select(db.func.count(SampleNote.id)))} notes")

    return [sample]


@hookimpl
def warmrotterdam_workflows():
    from .workflows import CHECKLIST, REVIEW_V1, REVIEW_V2

    return [REVIEW_V1, REVIEW_V2, CHECKLIST]


@hookimpl
def warmrotterdam_roles():
    return [Role("sample_tester", "Voorbeeldtester")]


@hookimpl
def warmrotterdam_permissions():
    return {"sample.view": {"team", "expert", "sample_tester"}}


@hookimpl
def warmrotterdam_navigation(user):
    if user_can(user, "sample.view"):
        return [NavItem("Voorbeeld", url_for("sample.index"), 50)]
    return []


@hookimpl
def warmrotterdam_dashboard_widgets(user):
    if not user_can(user, "sample.view"):
        return []
    count = db.session.scalar(db.select(db.func.count(SampleNote.id)))
    return [Widget(_("Voorbeeldnotities"), render_template("sample/widget.html", count=count))]


@hookimpl
def warmrotterdam_demo_data(demo):
    if not db.session.scalar(db.select(SampleNote.id).limit(1)):
        db.session.add(SampleNote(text=f"Welkom, {demo.users['expert'].display_name}"))
