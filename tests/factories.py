"""Small builders for test data (beyond what core.testing offers) and page readers."""

import re

from sqlalchemy import event

from core.extensions import db
from core.testing import create_organisation as make_organisation  # noqa: F401 (used by tests)


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


def form_as_submitted(html: str) -> dict[str, list[str]]:
    """What a browser would send for the first POST form in <main>, left as it is shown:
    text and hidden inputs with their values, only the ticked checkboxes, selected options."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__()
            self.fields: dict[str, list[str]] = {}
            self.in_main = self.in_form = self.done = False
            self.select: str | None = None

        def add(self, name, value):
            self.fields.setdefault(name, []).append(value)

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if self.done:
                return
            if tag == "main":
                self.in_main = True
            if tag == "form" and self.in_main and (a.get("method") or "").lower() == "post":
                self.in_form = True
            if not self.in_form or "name" not in a and tag != "option":
                return
            if tag == "input":
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.add(a["name"], a.get("value", "on"))
                elif kind not in ("submit", "button"):
                    self.add(a["name"], a.get("value") or "")
            elif tag == "select":
                self.select = a["name"]
            elif tag == "option" and self.select and "selected" in a:
                self.add(self.select, a.get("value", ""))

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            elif tag == "form" and self.in_form:
                self.in_form, self.done = False, True

    reader = Reader()
    reader.feed(html)
    return reader.fields


class QueryCounter:
    """Counts (and keeps) the SQL statements `engine` runs inside the `with` block."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self.keep)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self.keep)

    def keep(self, conn, cursor, statement, *args):
        self.statements.append(statement)
