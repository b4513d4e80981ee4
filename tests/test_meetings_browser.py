"""The Warmtebronnen tour in a real browser: the organiser adds it with taxis of four, people
register, the fifth for a full taxi lands on the waiting list, a cancellation moves them up,
and on a phone the organiser checks people in and writes the closing report. Every page
visited passes axe."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.extensions import db
from core.meetings.models import Meeting, MeetingRegistration
from core.models import OutboxMessage
from core.testing import post_form
from core.timeutil import local_today, utcnow
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def test_the_tour_from_adding_it_to_the_closing_report(browser, base_url, app, make_user, login):
    organiser = make_user(roles={"team"}, name="Olga Organisator")
    desk = browser.new_context(base_url=base_url)
    page = desk.new_page()
    log_in(page, base_url, organiser)

    page.goto(f"{base_url}/meetings/new")
    accessible(page)
    page.get_by_label("Onderwerp").fill("Tour langs de Warmtebronnen")
    day = (local_today() + timedelta(days=10)).isoformat()
    page.get_by_label("Begint op").fill(f"{day}T13:00")
    page.get_by_label("Eindigt op (niet verplicht)").fill(f"{day}T17:00")
    page.get_by_label("Soort bijeenkomst").select_option("event")
    page.get_by_label("Aantal plaatsen (niet verplicht)").fill("24")
    page.get_by_label("Keuzes bij het aanmelden (niet verplicht)").fill("Taxi 1: 4\nTaxi 2: 4")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Tour langs de Warmtebronnen", level=1)).to_be_visible()
    accessible(page)
    meeting_url = page.url
    with app.app_context():
        meeting = db.session.scalar(db.select(Meeting))
        taxi_1 = meeting.options[0].id

    # Four fill taxi 1 (over plain HTTP: what matters here is the fifth, in the browser).
    for n in range(4):
        client = app.test_client()
        login(client, make_user(roles={"expert"}, name=f"Deelnemer {n}"))
        path = f"/meetings/{meeting.id}"
        post_form(client, f"{path}/register", {"option_id": str(taxi_1)}, form_url=path)

    late = make_user(roles={"expert"}, name="Latifa Laat")
    guest_context = browser.new_context(base_url=base_url)
    other = guest_context.new_page()
    log_in(other, base_url, late)
    other.goto(meeting_url)
    other.get_by_label("Hoe doet u mee?").select_option(label="Taxi 1 (vol: wachtlijst)")
    other.get_by_role("button", name="Aanmelden").click()
    expect(other.get_by_text("U staat op de wachtlijst")).to_be_visible()
    accessible(other)

    page.reload()
    accessible(page)
    page.get_by_role("button", name="Afmelden Deelnemer 0").click()
    expect(page.get_by_text("Latifa Laat is van de wachtlijst aangemeld.")).to_be_visible()
    accessible(page)
    other.reload()
    expect(other.get_by_text("Aangemeld · Taxi 1")).to_be_visible()
    desk.close()
    guest_context.close()

    phone_context = browser.new_context(viewport=PHONE, base_url=base_url)
    phone = phone_context.new_page()
    log_in(phone, base_url, organiser)
    phone.goto(f"{meeting_url}/checkin")
    accessible(phone)
    expect(phone.get_by_text("0 aanwezig van 4 aangemeld")).to_be_visible()
    for name in ("Latifa Laat", "Deelnemer 1"):
        phone.get_by_role("button", name=f"Is er {name}").click()
        expect(
            phone.get_by_role("button", name=f"Aanwezig ✓ (ongedaan maken) {name}")
        ).to_be_visible()
    expect(phone.get_by_text("2 aanwezig van 4 aangemeld")).to_be_visible()
    # The list fits the phone: nothing to scroll sideways, the buttons big enough for a thumb.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = phone.get_by_role("button", name="Is er Deelnemer 2").bounding_box()
    assert box["height"] >= 44
    accessible(phone)

    phone.goto(f"{meeting_url}/report")
    accessible(phone)
    expect(phone.get_by_text("Aantal aanwezig: 2")).to_be_visible()
    phone.get_by_label("Inbreng").fill("Drie tips voor de kaart van Warmtebronnen.")
    phone.get_by_label("Vervolgafspraken").fill("Olga belt Buurtlab over een tweede tour.")
    phone.get_by_role("button", name="Verslag opslaan").click()
    expect(phone.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    expect(phone.get_by_text("Olga belt Buurtlab over een tweede tour.")).to_be_visible()
    accessible(phone)
    phone_context.close()
    with app.app_context():
        attended = db.session.scalars(
            db.select(MeetingRegistration.status).where(MeetingRegistration.status == "attended")
        ).all()
    assert len(attended) == 2


def test_an_invited_guest_answers_on_their_own_page(browser, base_url, app, make_user, login):
    with app.app_context():
        meeting = Meeting(
            title="Kennissessie schuldhulp",
            starts_at=utcnow() + timedelta(days=3),
            kind="knowledge_source",
            place="Stadhuis",
        )
        db.session.add(meeting)
        db.session.commit()
        path = f"/meetings/{meeting.id}"
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    guest = {"guest_name": "Gijs Gast", "guest_email": "gijs@example.org", "invite": "y"}
    assert post_form(team, f"{path}/guests", guest, form_url=path).status_code == 302
    with app.app_context():
        body = db.session.scalar(db.select(OutboxMessage.body))
    link = re.search(r"/meetings/guest/\S+", body).group(0)

    context = browser.new_context(viewport=PHONE, base_url=base_url)
    page = context.new_page()
    page.goto(f"{base_url}{link}")
    expect(page.get_by_role("heading", name="Kennissessie schuldhulp", level=1)).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Ja, ik kom").click()
    expect(page.get_by_text("Uw antwoord is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Aangemeld", exact=True)).to_be_visible()
    accessible(page)
    context.close()
