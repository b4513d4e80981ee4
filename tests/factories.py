"""Small builders for test data (beyond users, which come from core.testing) and page readers."""

import re

from core.extensions import db
from core.organisations.models import Organisation


def make_organisation(app, name="Buurtlab", kind="social_enterprise") -> Organisation:
    with app.app_context():
        organisation = Organisation(name=name, kind=kind)
        db.session.add(organisation)
        db.session.commit()
        db.session.refresh(organisation)
        db.session.expunge(organisation)
        return organisation


def menu(html: str) -> list[str]:
    """The labels of the main menu on a page."""
    nav = re.search(r"<nav aria-label=\"Hoofdmenu\">(.*?)</nav>", html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1)) if nav else []


def start_review(
    app, text="Een notitie die lang genoeg is", organisation=None, assignee=None, engine=None
):
    """A sample note in the sample.review workflow; returns the instance id."""
    from core.workflow import engine_of
    from tests.sample_plugin.models import SampleNote

    with app.app_context():
        note = SampleNote(text=text)
        db.session.add(note)
        db.session.flush()
        instance = (engine or engine_of()).start(
            "sample.review",
            note,
            title=f"Notitie {note.id}",
            organisation_id=getattr(organisation, "id", None),
            assignee=assignee,
        )
        db.session.commit()
        return instance.id


def instance_state(app, instance_id):
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        return db.session.get(WorkflowInstance, instance_id).state
