"""The council challenge in a real browser, every page checked with axe: a council member
answers through the link in their mail and keeps a logbook for a week; the team publishes
the index and a visitor reads it."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today, utcnow
from core.workflow import engine_of
from core.workflow.maintenance import tick
from plugins.campaign.challenge.invitations import invite_council
from plugins.campaign.challenge.models import Challenge
from plugins.campaign.challenge.views import to_local
from tests.campaign_world import add_challenge, add_council, links_in_outbox, local_noon, on_day
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


def invited_challenge(app, team, **values):
    with app.app_context():
        add_council([("Anna de Vries", "Partij A"), ("Bram Bakker", "Partij B")])
        challenge_id = add_challenge(**values)
    with app.test_request_context():
        invite_council(db.session.get(Challenge, challenge_id), db.session.get(User, team.id))
        db.session.commit()
        tokens = links_in_outbox()
    return challenge_id, tokens


def test_a_council_member_answers_by_mail_link_and_keeps_a_logbook_week(
    page, base_url, app, make_user
):
    team = make_user(roles={"team"}, name="Tamara Team")
    _challenge_id, tokens = invited_challenge(app, team)
    token = next(t for email, t in tokens.items() if "anna" in email)
    page.goto(f"{base_url}/campaign/raad/{token}")  # as the mail's link opens it: no login
    expect(page.get_by_role("heading", level=1)).to_have_text("Leven van €50 per week. Kunt u dat?")
    expect(page.get_by_text("Beste Anna de Vries")).to_be_visible()
    assert axe_violations(page) == []

    accept = page.locator("form", has=page.get_by_role("button", name="Ik doe mee"))
    accept.get_by_label("Aantal dagen").fill("0")
    accept.get_by_role("button", name="Ik doe mee").click()
    expect(page.get_by_text("Kies 1 tot 60 dagen.").first).to_be_visible()
    assert axe_violations(page) == []
    accept = page.locator("form", has=page.get_by_role("button", name="Ik doe mee"))
    accept.get_by_label("Op welke dag begint u?").fill(local_today().isoformat())
    accept.get_by_label("Budget in euro").fill("50")
    accept.get_by_label("Aantal dagen").fill("7")
    accept.get_by_role("button", name="Ik doe mee").click()
    expect(page.get_by_role("status")).to_have_text("Dank u wel, uw antwoord is opgeslagen.")
    expect(page.get_by_text("Uw stand: Doet mee.", exact=False)).to_be_visible()
    assert axe_violations(page) == []

    with app.app_context():
        tick(engine_of(), now=utcnow())  # the start day: the week begins
    page.reload()
    expect(page.get_by_text("Uw stand: Bezig.", exact=False)).to_be_visible()
    spending = [("4,40", "Bus naar het werk"), ("9,50", "Boodschappen"), ("3,20", "Brood")]
    first = local_today()
    for day in range(7):  # a line a day, written on that day
        amount, what = spending[day % 3]
        with on_day(first + timedelta(days=day)):
            page.reload()
            page.get_by_label("Dag", exact=True).fill((first + timedelta(days=day)).isoformat())
            page.get_by_label("Bedrag in euro").fill(amount)
            page.get_by_label("Waaraan?").fill(what)
            page.get_by_role("button", name="Opschrijven").click()
            expect(page.get_by_role("status")).to_have_text("Opgeschreven in uw logboek.")
    logbook = page.get_by_role("table", name="Logboek")
    expect(logbook.get_by_role("row")).to_have_count(8)  # the header and seven days
    expect(page.get_by_text("Samen uitgegeven:")).to_contain_text("€ 38,60 van € 50,00")
    assert axe_violations(page) == []

    with app.app_context():
        tick(engine_of(), now=local_noon(first + timedelta(days=7)))
    page.reload()
    expect(page.get_by_text("Uw stand: Volbracht.", exact=False)).to_be_visible()
    page.get_by_role("link", name="Uw getuigschrift").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Getuigschrift")
    expect(page.get_by_text("Anna de Vries heeft 7 dagen geleefd van € 50,00")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    assert download.value.suggested_filename == "getuigschrift.pdf"


def test_the_team_publishes_the_index_and_a_visitor_reads_it(page, base_url, app, make_user):
    team = make_user(roles={"team"}, name="Tamara Team")
    challenge_id, tokens = invited_challenge(app, team, publish_at=utcnow() + timedelta(days=30))
    token = next(t for email, t in tokens.items() if "anna" in email)
    page_url = f"/campaign/raad/{token}"
    post_form(
        app.test_client(), f"{page_url}/answer/decline", {"reason": "Geen tijd"}, form_url=page_url
    )

    with app.app_context():
        respond_by = db.session.get(Challenge, challenge_id).respond_by
    with on_day(respond_by + timedelta(days=1)):  # the answers are in; the launch day
        publish_the_index(page, base_url, app, team, challenge_id)


def publish_the_index(page, base_url, app, team, challenge_id):
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Warme stad").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="De uitdaging aan de raad").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Uitdaging 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitdaging 2026")
    expect(page.get_by_role("table", name="Raadsleden en hun antwoord")).to_contain_text("Weigert")
    assert axe_violations(page) == []
    page.get_by_role("link", name="De index zoals hij bekend wordt").click()
    expect(page.get_by_text("Onder embargo tot")).to_be_visible()
    assert axe_violations(page) == []
    page.go_back()

    page.get_by_role("link", name="Uitdaging aanpassen").click()
    assert axe_violations(page) == []
    with app.app_context():
        now = to_local(utcnow())  # the form takes Rotterdam's time
    page.get_by_label("Bekendmaking van de index").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De uitdaging is opgeslagen.")
    page.get_by_role("link", name="De openbare index").click()

    public = page.context.browser.new_page()  # a visitor without an account
    public.goto(f"{base_url}/campaign/armoede-index/")
    assert axe_violations(public) == []
    public.get_by_role("link", name="Uitdaging 2026").click()
    parties = public.get_by_role("table", name="Score per partij")
    expect(parties).to_contain_text("Partij A")
    expect(parties).to_contain_text("onvoldoende gegevens")  # Partij B did not answer
    expect(public.get_by_role("table", name="Uitkomst per raadslid")).to_contain_text(
        "Geweigerd, met een reden"
    )
    assert axe_violations(public) == []
    public.get_by_role("link", name="Zo werkt de index").click()
    expect(public.get_by_role("table", name="Puntentabel")).to_contain_text(
        "Volbracht, met logboek"
    )
    assert axe_violations(public) == []
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).published(utcnow())
