"""The communication calendar in a real browser, every page checked with axe: an editor
approves a piece that a colleague on the editorial board approved already, schedules it and
publishes it, then finds it in the month view of its channel; a visitor without an account
reads the published edition and its article."""

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.api import engine_of, local_today, utcnow
from core.extensions import db
from plugins.campaign.content.models import (
    ContentApproval,
    ContentChannel,
    ContentItem,
    MagazineEdition,
)
from plugins.campaign.content.rules import WORKFLOW
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_an_editor_moves_a_piece_through_review_to_published(
    page, base_url, app, make_user, enable_plugin
):
    enable_plugin("campaign")
    writer = make_user(roles={"team"}, name="Tamara Team")
    colleague = make_user(roles={"expert", "editor"}, name="Fatima Ervaring")
    editor = make_user(roles={"editor"}, name="Rachid Redacteur")
    day = local_today()
    with app.app_context():
        item = ContentItem(
            kind="blog",
            title="Rondleiding langs de Warmtebronnen",
            body="Op zaterdag gaan 24 gasten langs vier Warmtebronnen.",
            author_id=writer.id,
            channels=[ContentChannel(channel="website", planned_on=day)],
        )
        db.session.add(item)
        db.session.flush()
        instance = engine_of().start(
            WORKFLOW, item, title=f"Stuk {item.id}", actor=db.session.get(User, writer.id)
        )
        db.session.commit()
        for step in ("write", "submit"):
            engine_of().fire(instance.id, step, actor=db.session.get(User, writer.id))
        db.session.add(ContentApproval(item_id=item.id, reviewer_id=colleague.id, review_round=1))
        db.session.commit()

    def accessible():
        assert axe_violations(page) == []

    log_in(page, base_url, editor)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Communicatie"
    ).click()
    expect(page.get_by_role("heading", name="Communicatiekalender", level=1)).to_be_visible()
    accessible()

    page.get_by_role("link", name="Rondleiding langs de Warmtebronnen").click()
    expect(page.get_by_text("Ronde 1: 1 van de 2 goedkeuringen.")).to_be_visible()
    expect(page.get_by_text("Goedgekeurd door Fatima Ervaring")).to_be_visible()
    # Scheduling waits for the second approval, and says so.
    expect(page.get_by_text("nu 1.")).to_be_visible()
    accessible()

    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("Uw goedkeuring is vastgelegd")
    expect(page.get_by_text("Ronde 1: 2 van de 2 goedkeuringen.")).to_be_visible()
    accessible()

    page.get_by_role("button", name="Inplannen").click()
    expect(page.get_by_role("heading", name="Stand: Ingepland")).to_be_visible()
    accessible()

    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", name="Stand: Gepubliceerd")).to_be_visible()
    accessible()

    page.get_by_role("link", name="← Communicatiekalender").click()
    page.get_by_role("link", name="Maandoverzicht per kanaal").click()
    expect(page.get_by_role("link", name="Rondleiding langs de Warmtebronnen")).to_be_visible()
    accessible()


def test_a_visitor_reads_a_published_edition(page, base_url, app, make_user, enable_plugin):
    enable_plugin("campaign")
    writer = make_user(roles={"team"})
    editors = [make_user(roles={"editor"}), make_user(roles={"expert", "editor"})]
    with app.app_context():
        edition = MagazineEdition(
            number=1, title="Samen warm", publication_date=local_today(), published_at=utcnow()
        )
        item = ContentItem(
            kind="magazine_article",
            title="Koken voor de buurt",
            body="Elke dinsdag koken vrijwilligers voor wie het krap heeft.",
            author_id=writer.id,
            edition=edition,
            channels=[ContentChannel(channel="magazine", planned_on=local_today())],
        )
        db.session.add(item)
        db.session.flush()
        engine = engine_of()
        instance = engine.start(WORKFLOW, item, title="Stuk", actor=None)
        db.session.add_all(
            ContentApproval(item_id=item.id, reviewer_id=e.id, review_round=1) for e in editors
        )
        db.session.commit()
        for step, actor in (
            ("write", writer),
            ("submit", writer),
            ("schedule", editors[0]),
            ("publish", editors[0]),
        ):
            engine.fire(instance.id, step, actor=db.session.get(User, actor.id))

    page.goto(f"{base_url}/campaign/magazine/")
    expect(page.get_by_role("heading", name="Magazine Warm Rotterdam", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Editie 1: Samen warm").click()
    expect(page.get_by_role("heading", name="Koken voor de buurt", level=2)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Koken voor de buurt").click()
    expect(page.get_by_role("heading", name="Koken voor de buurt", level=1)).to_be_visible()
    assert axe_violations(page) == []


def test_the_editorial_pages_fit_a_phone_and_pass_axe(
    browser, base_url, app, make_user, enable_plugin
):
    enable_plugin("campaign")
    editor = make_user(roles={"editor"}, name="Rachid Redacteur")
    with app.app_context():
        item = ContentItem(
            kind="life_story",
            title="Klantcontactmedewerkersvaardigheidsontwikkelingsafspraken",
            body="Een verhaal.",
            author_id=editor.id,
            channels=[ContentChannel(channel="linkedin", planned_on=local_today())],
        )
        edition = MagazineEdition(number=7, title="Winter", publication_date=local_today())
        item.edition = edition
        db.session.add(item)
        db.session.flush()
        engine_of().start(WORKFLOW, item, title="Stuk", actor=None)
        db.session.commit()
        item_id, edition_id = item.id, edition.id
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    phone = context.new_page()
    log_in(phone, base_url, editor)
    for address in (
        f"/campaign/content/{item_id}",
        "/campaign/content/calendar?channel=linkedin",
        "/campaign/content/",
        f"/campaign/content/{item_id}/consent",
        "/campaign/content/new",
        "/campaign/magazine/editions",
        "/campaign/magazine/editions/new",
        f"/campaign/magazine/editions/{edition_id}",
    ):
        phone.goto(address)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, address
        assert axe_violations(phone) == [], address
    context.close()
