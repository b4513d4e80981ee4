"""The coach's journey in a real browser, every page checked with axe: sign someone up,
intake and category, talent profile, a vacancy found through matching, the introduction,
the placement, the mentor and induction plan the employer writes, and the first feedback
conversation; then the employer's view of it."""

import pytest
from playwright.sync_api import expect

from core.timeutil import local_today
from tests.conftest import axe_violations
from tests.factories import make_organisation
from tests.passendwerk_world import make_vacancy
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def accessible(page):
    assert axe_violations(page) == [], page.url


def test_coach_brings_a_job_seeker_from_sign_up_to_the_first_feedback_talk(
    page, base_url, app, make_user, enable_plugin
):
    enable_plugin("passendwerk")
    make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    make_vacancy(
        app,
        bakery.id,
        {"Klantvriendelijkheid": (3, True), "Kassa bedienen": (2, False)},
        title="Verkoper bakkerij",
        sector="detailhandel",
        hours=24,
    )
    make_vacancy(app, bakery.id, {"Koken": (3, True)}, title="Hulpkok", sector="horeca")
    make_user(roles={"lifecoach"}, name="Lars Lifecoach")
    team = make_user(roles={"team"}, name="Tamara Team")
    baker = make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker")
    log_in(page, base_url, team)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Passend werk"
    ).click()
    page.get_by_role("link", name="Iemand aanmelden").click()
    page.get_by_label("Voornaam").fill("Samira")
    page.get_by_label("Achternaam").fill("El Idrissi")
    page.get_by_label("Telefoonnummer").fill("06 1111 2222")
    page.get_by_label("Wijk").select_option("Noord")
    page.get_by_label("Aangemeld door organisatie").select_option(label="Stichting Pluspunt")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Stand: Aangemeld")).to_be_visible()

    page.get_by_role("button", name="Intake starten").click()
    expect(page.get_by_role("heading", name="Stand: Intake")).to_be_visible()
    page.get_by_role("button", name="Naar voorselectie").click()
    page.get_by_role("link", name="Kansrijk", exact=True).click()
    accessible(page)
    page.get_by_label("Toelichting").fill("Gemotiveerd; kan binnen drie maanden aan de slag.")
    page.get_by_role("button", name="Kansrijk", exact=True).click()
    expect(page.get_by_role("heading", name="Stand: Voorbereiding")).to_be_visible()
    page.get_by_role("button", name="Naar assessment").click()
    page.get_by_role("button", name="Talentenprofiel maken").click()
    expect(page.get_by_role("heading", name="Stand: Talentenprofiel")).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Talentenprofiel invullen").click()
    accessible(page)
    search = page.get_by_role("combobox", name="Competentie zoeken")
    for typed, name, level in (
        ("klantvr", "Klantvriendelijkheid", "3 – goed"),
        ("kassa b", "Kassa bedienen", "2 – redelijk"),
    ):
        search.fill(typed)
        page.get_by_role("option", name=name).click()
        page.get_by_label(name).select_option(label=level)
    page.get_by_label("Winkel en detailhandel").check()
    page.get_by_label("Minimaal aantal uren per week").fill("16")
    page.get_by_label("Maximaal aantal uren per week").fill("28")
    page.get_by_label("Gedrag (wat de assessor zag)").fill("Vriendelijk en precies.")
    page.get_by_label("De persoon geeft toestemming", exact=False).check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Klantvriendelijkheid: 3 – goed")).to_be_visible()
    page.get_by_role("button", name="Naar matching").click()
    expect(page.get_by_role("heading", name="Stand: Matching")).to_be_visible()

    page.get_by_role("link", name="Passende vacatures zoeken").click()
    accessible(page)
    first = page.locator("ol.cards > li").first
    expect(first).to_contain_text("Verkoper bakkerij")
    expect(first).to_contain_text("Score 100 van 100")
    expect(page.locator("ol.cards > li").last).to_contain_text("Ontbreekt: Koken")
    first.get_by_role("link", name="Voorstellen voor Verkoper bakkerij").click()
    accessible(page)
    assert (
        "Verkoper bakkerij" in page.get_by_label("Vacature").locator("option:checked").inner_text()
    )
    page.get_by_role("button", name="Voorstellen aan werkgever").click()
    expect(page.get_by_role("heading", name="Stand: Kennismaking")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Voorgesteld op")).to_contain_text(
        "Verkoper bakkerij"
    )

    page.get_by_role("link", name="Geplaatst", exact=True).click()
    page.get_by_label("Eerste werkdag").fill(local_today().isoformat())
    page.get_by_label("Contract").select_option(label="Tijdelijk, met uitzicht op vast")
    page.get_by_label("Uren per week").fill("24")
    page.get_by_label("Er geldt een cao").check()
    accessible(page)
    page.get_by_role("button", name="Geplaatst", exact=True).click()
    expect(page.get_by_role("heading", name="Stand: Geplaatst")).to_be_visible()
    expect(page.get_by_text("De werkgever noemt eerst een mentor")).to_be_visible()
    file_url = page.url

    # The employer names the mentor and writes the induction plan, from "Mijn taken".
    page.context.clear_cookies()
    log_in(page, base_url, baker)
    page.goto(f"{base_url}/tasks")
    page.get_by_role("link", name="Mentor en inwerkplan: Samira El Idrissi").click()
    accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Vul de naam van de mentor in.")).to_be_visible()
    page.get_by_label("Naam van de mentor").fill("Joke de Mentor")
    page.get_by_label("Inwerk- en leerplan").fill("Week 1: meelopen met Joke.\nWeek 2: kassa.")
    accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De mentor en het inwerkplan zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Naam van de mentor")).to_have_value("Joke de Mentor")

    page.context.clear_cookies()
    log_in(page, base_url, team)
    page.goto(file_url)
    expect(page.locator("h2#werk ~ blockquote")).to_contain_text("Week 2: kassa.")
    page.get_by_role("link", name="Inwerken begint").click()
    page.get_by_label("Lifecoach").select_option(label="Lars Lifecoach")
    accessible(page)
    page.get_by_role("button", name="Inwerken begint").click()
    expect(page.get_by_role("heading", name="Stand: Inwerken")).to_be_visible()

    page.get_by_label("Datum van het gesprek").fill(local_today().isoformat())
    page.get_by_label("Kort verslag").fill("Eerste week goed gegaan; kassa gaat steeds beter.")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het feedbackgesprek is vastgelegd.")).to_be_visible()
    expect(page.locator(".timeline").last).to_contain_text("kassa gaat steeds beter")
    expect(page.locator("h2#werk + dl")).to_contain_text("Joke de Mentor")
    accessible(page)

    page.context.clear_cookies()
    log_in(page, base_url, baker)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vacatures").click()
    accessible(page)
    page.get_by_role("link", name="Verkoper bakkerij").click()
    accessible(page)
    page.get_by_role("link", name="Samira El Idrissi").click()
    expect(page.get_by_text("Vriendelijk en precies.")).to_be_visible()
    expect(page.get_by_text("06 1111 2222")).to_be_visible()  # hired here: contact shared
    accessible(page)
