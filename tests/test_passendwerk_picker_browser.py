"""The competence picker with JavaScript in a real browser: type, pick (mouse and keyboard),
choose a level, save, and see it on the file; the catalogue page retires in bulk. axe on each."""

import pytest
from playwright.sync_api import expect

from core.extensions import db
from plugins.passendwerk.catalogue.models import Competence
from tests.conftest import axe_violations
from tests.passendwerk_world import make_job_seeker
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_coach_picks_competences_by_typing_and_the_team_retires_in_bulk(
    page, base_url, app, make_user, enable_plugin
):
    enable_plugin("passendwerk")
    with app.app_context():
        db.session.add_all(
            [Competence(name=f"Magazijn ordenen {n:02d}") for n in range(30)]
            + [Competence(name="Magazijnbeheer (oud)", active=False)]
            + [Competence(name=n) for n in ("Kassa bedienen", "Klantvriendelijkheid")]
        )
        db.session.commit()
    team = make_user(roles={"team"}, name="Tamara Team")
    person = make_job_seeker(app, team)
    log_in(page, base_url, team)
    page.goto(f"{base_url}/passendwerk/job-seekers/{person}/profile")
    assert axe_violations(page) == []

    search = page.get_by_role("combobox", name="Competentie zoeken")
    expect(search).to_have_attribute("aria-expanded", "false")
    search.fill("MAGAZIJN")
    suggestions = page.get_by_role("listbox")
    expect(suggestions.get_by_role("option")).to_have_count(20)
    expect(search).to_have_attribute("aria-expanded", "true")
    expect(suggestions).not_to_contain_text("Magazijnbeheer (oud)")
    assert axe_violations(page) == []
    # the keyboard: down twice, Enter picks the second, and the form is not submitted
    search.press("ArrowDown")
    search.press("ArrowDown")
    expect(suggestions.get_by_role("option", name="Magazijn ordenen 01")).to_have_attribute(
        "aria-selected", "true"
    )
    search.press("Enter")
    expect(search).to_have_attribute("aria-expanded", "false")
    level = page.get_by_label("Magazijn ordenen 01")
    expect(level).to_be_focused()
    level.select_option(label="4 – uitstekend")
    # the mouse
    search.fill("winkel")
    expect(suggestions.get_by_role("option")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Niets gevonden.")).to_be_attached()
    search.fill("kassa")
    suggestions.get_by_role("option", name="Kassa bedienen").click()
    page.get_by_label("Kassa bedienen").select_option(label="2 – redelijk")
    search.fill("klant")
    expect(suggestions.get_by_role("option", name="Klantvriendelijkheid")).to_be_visible()
    search.press("Escape")
    expect(search).to_have_attribute("aria-expanded", "false")
    assert axe_violations(page) == []
    # Enter in another field saves, as in any form
    page.get_by_label("Minimaal aantal uren per week").fill("16")
    page.get_by_label("Minimaal aantal uren per week").press("Enter")
    expect(page.get_by_text("Magazijn ordenen 01: 4 – uitstekend")).to_be_visible()
    expect(page.get_by_text("Kassa bedienen: 2 – redelijk")).to_be_visible()
    assert axe_violations(page) == []

    # back on the form, the chosen ones are rows; the search button works as without script
    page.goto(f"{base_url}/passendwerk/job-seekers/{person}/profile")
    expect(page.get_by_label("Magazijn ordenen 01")).to_have_value("4")
    search.fill("ordenen 2")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Nog niets is opgeslagen.", exact=False)).to_be_visible()
    expect(page.get_by_label("Magazijn ordenen 25")).to_be_visible()
    assert axe_violations(page) == []

    # the team retires two entries at once on the catalogue page
    page.goto(f"{base_url}/passendwerk/catalogue")
    assert axe_violations(page) == []
    page.get_by_label("Zoek op naam").fill("ordenen 0")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("Magazijn ordenen 02").check()
    page.get_by_label("Magazijn ordenen 03").check()
    page.get_by_role("button", name="Niet meer aanbieden").click()
    expect(page.get_by_role("status").first).to_have_text(
        "2 competenties worden niet meer aangeboden."
    )
    expect(page.get_by_label("Zoek op naam")).to_have_value("ordenen 0")
    assert axe_violations(page) == []
