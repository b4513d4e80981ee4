# ruff: noqa: F811  (the HTTP tests' fixtures, imported, are parameters here)
"""A visitor finds a Warmtebron, in a real browser, every page checked with axe: from the
landing page to the map, filtered by district and offer, to the entry of one; and a
Warmtebron's own person keeps its entry through the form."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.test_browser import log_in
from tests.test_campaign_warmtebronnen import _campaign_enabled, add_entry  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_visitor_finds_a_warmtebron(browser, base_url, add_entry):
    add_entry("Buurtlab", district="Delfshaven", offers=["training", "meeting"])
    add_entry(
        "Gaarkeuken",
        district="Centrum",
        offers=["meals"],
        description="Een warme maaltijd voor weinig geld.",
        opening_hours="Maandag tot en met vrijdag 12.00 tot 14.00 uur",
        phone="010 123 45 67",
        accessibility="Drempelvrij.",
    )
    add_entry("Tafelvanzeven", district="Feijenoord", offers=["meals", "meeting"])

    page = browser.new_page()  # not logged in
    page.goto(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Warm Rotterdam")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Warmtebronnen in Rotterdam").click()
    expect(page).to_have_url(f"{base_url}/campaign/warmtebronnen")
    expect(page.get_by_role("status")).to_have_text("3 Warmtebronnen gevonden.")
    assert axe_violations(page) == []

    search = page.get_by_role("search")
    search.get_by_label("Wijk").select_option("Centrum")
    search.get_by_label("Aanbod").select_option(label="Maaltijden")
    search.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_have_text("1 Warmtebron gevonden.")
    expect(page.get_by_role("heading", level=2)).to_have_text(["Gaarkeuken"])
    assert axe_violations(page) == []

    page.get_by_role("link", name="Gaarkeuken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaarkeuken")
    expect(page.get_by_text("Maandag tot en met vrijdag 12.00 tot 14.00 uur")).to_be_visible()
    expect(page.get_by_role("link", name="010 123 45 67")).to_have_attribute(
        "href", "tel:0101234567"
    )
    assert axe_violations(page) == []

    # Nothing matches: the map says so, and still passes.
    page.goto(f"{base_url}/campaign/warmtebronnen?q=zwembad")
    expect(page.get_by_role("status")).to_contain_text("Geen Warmtebron gevonden.")
    assert axe_violations(page) == []


def test_the_map_and_an_entry_fit_a_phone(browser, base_url, add_entry):
    entry_id, _ = add_entry(
        "Stichting Pluspunt",
        district="Hillegersberg-Schiebroek",
        offers=["money_help", "meeting", "training"],
        email="inloopspreekuurbuurthuis@stichtingpluspunt.example",
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for url in ["/", "/campaign/warmtebronnen", f"/campaign/warmtebronnen/{entry_id}"]:
        page.goto(f"{base_url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    context.close()


def test_a_warmtebron_keeps_its_own_entry(browser, base_url, add_entry, user_with_role):
    entry_id, own = add_entry("Buurtlab", district="Delfshaven", offers=["meeting"])
    page = browser.new_page()
    log_in(page, base_url, user_with_role("partner", organisation=own))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Onze Warmtebron"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Warmtebronnen bijhouden")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Buurtlab").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtlab")
    assert axe_violations(page) == []
    page.get_by_label("Wat doet de Warmtebron?").fill("")
    page.get_by_label("Maaltijden").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf kort wat u doet.")
    expect(page.get_by_label("Wat doet de Warmtebron?")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []  # with the errors shown

    page.get_by_label("Wat doet de Warmtebron?").fill("Nu ook een maaltijd op vrijdag.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(f"{base_url}/campaign/warmtebronnen/{entry_id}")
    expect(page.get_by_role("status")).to_have_text("De Warmtebron is opgeslagen.")
    expect(page.get_by_text("Nu ook een maaltijd op vrijdag.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Maaltijden")).to_be_visible()
    assert axe_violations(page) == []
