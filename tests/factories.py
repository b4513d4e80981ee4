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
