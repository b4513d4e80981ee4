"""The programme's figures in a real browser, every page checked with axe: the team opens the
dashboard, goes to the figures per quarter, publishes the last quarter, and a visitor reads it
on the public progress page (also on a phone, without scrolling sideways)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.extensions import db
from core.figures.targets import completed_quarters
from core.timeutil import local_today
from plugins.jijdoetertoe.experts.models import Expert, Involvement
from tests.conftest import axe_violations
from tests.factories import make_organisation
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_the_team_publishes_a_quarter_and_a_visitor_reads_it(
    browser, base_url, app, make_user, enable_plugin
):
    enable_plugin("jijdoetertoe")
    team = make_user(roles={"team"}, name="Tamara Team")
    make_organisation(app, "Buurtlab", "social_enterprise")
    last = completed_quarters(local_today())[-1]
    with app.app_context():
        expert = Expert(
            name="Ria van Dam",
            channel="phone",
            contact="06 12 34 56 01",
            district="Charlois",
            source="team",
        )
        expert.involvements = [
            Involvement(done_on=last.end - timedelta(days=20), what="Meegedacht", subproject="X")
        ]
        db.session.add(expert)
        db.session.commit()

    page = browser.new_page()
    log_in(page, base_url, team)
    targets = page.get_by_role("region", name="Doelen van het programma")
    expect(targets.get_by_text("Ervaringsdeskundigen actief (het afgelopen jaar)")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Cijfers per kwartaal, met de lijsten erachter").click()
    expect(page.get_by_role("heading", name="Cijfers per kwartaal", level=1)).to_be_visible()
    chart = page.get_by_role("img", name="Grafiek: van 0 in")
    expect(chart.first).to_be_visible()
    table = page.get_by_role("table", name="Ervaringsdeskundigen actief (het afgelopen jaar)")
    expect(table.get_by_role("row").last).to_contain_text("1")
    assert axe_violations(page) == []

    button = f"Publiceer cijfers van kwartaal {last.number} van {last.year}"
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_contain_text(
        f"De cijfers van kwartaal {last.number} van {last.year} staan op de pagina Voortgang."
    )
    assert axe_violations(page) == []

    # The list behind a figure: the register, only those active this past year.
    page.get_by_role("region", name="Ervaringsdeskundigen actief (het afgelopen jaar)").get_by_role(
        "link", name="Bekijk de lijst"
    ).click()
    expect(page.get_by_role("link", name="Ria van Dam")).to_be_visible()
    assert axe_violations(page) == []

    visitor = browser.new_page(viewport={"width": 390, "height": 844})
    visitor.goto(f"{base_url}/")
    visitor.get_by_role("link", name="Voortgang van het programma").click()
    expect(
        visitor.get_by_role("heading", name=f"Kwartaal {last.number} van {last.year}")
    ).to_be_visible()
    row = visitor.get_by_role("row", name="Ervaringsdeskundigen actief (het afgelopen jaar)")
    expect(row).to_contain_text("1")
    expect(visitor.get_by_text("Ria van Dam")).to_have_count(0)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(visitor) == []

    # The figures page on a phone fits too.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(phone, base_url, team)
    phone.goto(f"{base_url}/cijfers")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
