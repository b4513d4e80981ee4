"""Passend werk in a real browser: a coach signs someone up; the pages pass axe."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.factories import make_organisation
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_coach_signs_up_a_job_seeker(page, base_url, app, make_user, enable_plugin):
    enable_plugin("passendwerk")
    make_organisation(app, "Stichting Pluspunt")
    log_in(page, base_url, make_user(roles={"team"}, name="Tamara Team"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Passend werk"
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Iemand aanmelden").click()
    assert axe_violations(page) == []
    page.get_by_label("Voornaam").fill("Samira")
    page.get_by_label("Achternaam").fill("El Idrissi")
    page.get_by_label("Wijk").select_option("Delfshaven")
    page.get_by_label("Aangemeld door organisatie").select_option(label="Stichting Pluspunt")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Samira El Idrissi")).to_be_visible()
    expect(page.get_by_role("heading", name="Stand: Aangemeld")).to_be_visible()
    assert axe_violations(page) == []
    file_url = page.url
    page.get_by_role("button", name="Intake starten").click()
    expect(page.get_by_role("heading", name="Stand: Intake")).to_be_visible()
    page.goto(file_url)
    log = page.locator("#log + ol")  # the access log, in words
    expect(log).to_contain_text("Tamara Team stap: Intake starten")
    expect(log).to_contain_text("Tamara Team bekeek het dossier")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Het hele log bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie keek of wijzigde: Samira El Idrissi"
    )
    page.get_by_label("Wat").select_option(label="gewijzigd")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status")).to_have_text("2 regels")
    assert axe_violations(page) == []

    page.goto(file_url)
    page.get_by_role("link", name="Intrekking vastleggen…").click()
    expect(page.get_by_role("heading", level=2, name="Wat er daarna gebeurt")).to_be_visible()
    expect(page.get_by_text("De route stopt")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Intrekking vastleggen").click()  # no cause, no note
    expect(page.get_by_text("Kies een oorzaak.").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", name="Stand: Intake")).to_be_visible()
