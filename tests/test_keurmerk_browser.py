"""Keurmerk journey in a real browser: an expert by experience comments on a norm during the
consultation and later sees what the programme team decided; every page passes axe."""

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.workflow import engine_of
from plugins.keurmerk.frameworks import create_framework, instance_of
from plugins.keurmerk.models import Norm, Theme
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_expert_comments_and_later_sees_the_resolution(
    browser, base_url, app, make_user, enable_plugin
):
    enable_plugin("keurmerk")
    team = make_user(roles={"team"}, name="Tamara Team")
    expert = make_user(roles={"expert"}, name="Esra Ervaring")
    with app.app_context():
        framework = create_framework(
            "Keurmerk Warm Sociaal Incasseren", db.session.get(User, team.id)
        )
        theme = Theme(code="I", name="Eigen incassobeleid")
        theme.norms = [
            Norm(
                code="I5",
                title="Brieven zonder dreigende taal",
                text="Brieven zijn vriendelijk en in gewone taal.",
            )
        ]
        framework.themes = [theme]
        db.session.commit()
        engine_of().fire(instance_of(framework).id, "consult", actor=db.session.get(User, team.id))
        framework_id = framework.id

    expert_page = browser.new_page()

    def accessible(page):
        assert axe_violations(page) == []

    log_in(expert_page, base_url, expert)
    expert_page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Keurmerk"
    ).click()
    accessible(expert_page)
    expert_page.get_by_role("link", name="Keurmerk Warm Sociaal Incasseren").click()
    expect(expert_page.get_by_text("Dit normenkader ligt voor bij het klankbord")).to_be_visible()
    accessible(expert_page)
    expert_page.get_by_role("link", name="I5 Brieven zonder dreigende taal").click()
    expert_page.get_by_label("Uw reactie op deze norm").fill(
        "Zet geen 'deurwaarder' in de eerste brief."
    )
    expert_page.get_by_role("button", name="Reactie versturen").click()
    expect(expert_page.get_by_role("status")).to_contain_text("Uw reactie is opgeslagen")
    expect(expert_page.get_by_text("Nog geen besluit.")).to_be_visible()
    accessible(expert_page)

    team_page = browser.new_page()
    log_in(team_page, base_url, team)
    team_page.goto(f"{base_url}/keurmerk/frameworks/{framework_id}")
    # closing the consultation is blocked while the reaction has no decision, and it says so
    expect(team_page.get_by_text("Er zijn nog 1 reacties zonder besluit")).to_be_visible()
    accessible(team_page)
    team_page.get_by_role("link", name="I5 Brieven zonder dreigende taal").click()
    team_page.get_by_role("link", name="Besluit nemen over de reactie van Esra Ervaring").click()
    accessible(team_page)
    team_page.get_by_label("Overgenomen", exact=True).check()
    team_page.get_by_label("Uitleg voor de indiener").fill(
        "De eerste twee brieven noemen geen deurwaarder meer."
    )
    team_page.get_by_role("button", name="Besluit opslaan").click()
    expect(team_page.get_by_text("Besluit: Overgenomen.")).to_be_visible()
    team_page.goto(f"{base_url}/keurmerk/frameworks/{framework_id}")
    team_page.get_by_role("button", name="Consultatie sluiten").click()
    expect(team_page.get_by_role("status")).to_contain_text("Herschrijven")

    expert_page.goto(f"{base_url}/keurmerk/")
    expert_page.get_by_role("link", name="Mijn reacties en wat ermee gebeurde").click()
    mine = expert_page.locator("article").first
    expect(mine).to_contain_text("Zet geen 'deurwaarder' in de eerste brief.")
    expect(mine).to_contain_text("Besluit: Overgenomen.")
    expect(mine).to_contain_text("De eerste twee brieven noemen geen deurwaarder meer.")
    accessible(expert_page)
