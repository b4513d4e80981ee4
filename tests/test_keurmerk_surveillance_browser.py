# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""A yearly surveillance in a real browser, every page checked with axe: the team plans it
(norms, auditor, date), the auditor judges the chosen norm and sends it to the committee, the
committee decides the certificate stands."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.test_browser import log_in
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    framework_id,
    havensteder,
    people,
)
from tests.test_keurmerk_validity import certified  # noqa: F401

pytestmark = pytest.mark.browser


def test_team_plans_auditor_judges_committee_decides(browser, base_url, certified, people):
    certification_url = f"{base_url}/keurmerk/certifications/{certified}"

    team = browser.new_page()
    log_in(team, base_url, people["team"])
    team.goto(certification_url)
    assert axe_violations(team) == []
    team.get_by_role("link", name="Toetsing plannen").click()
    team.get_by_label("Datum van de toetsing").fill("2027-03-01")
    team.get_by_label("Auditor").select_option(label="Olaf Auditor")
    team.get_by_role("button", name="Toetsing plannen").click()  # nothing chosen yet
    expect(team.get_by_text("Kies minstens één norm om te toetsen.").first).to_be_visible()
    assert axe_violations(team) == []
    team.get_by_label("I1 Vroeg contact").check()
    team.get_by_role("button", name="Toetsing plannen").click()
    expect(team).to_have_url(certification_url)
    team.get_by_role("link", name="Toetsing 1 mrt 2027").click()
    expect(team.get_by_role("heading", level=1)).to_have_text("Toetsing: Havensteder")
    assert axe_violations(team) == []
    team.get_by_role("link", name="Normen, auditor of datum aanpassen").click()
    expect(team.get_by_label("I1 Vroeg contact")).to_be_checked()
    assert axe_violations(team) == []

    auditor = browser.new_page()
    log_in(auditor, base_url, people["other_auditor"])
    auditor.goto(certification_url)
    auditor.get_by_role("link", name="Toetsing 1 mrt 2027").click()
    auditor.get_by_role("link", name="I1 Vroeg contact").click()
    assert axe_violations(auditor) == []
    auditor.get_by_label("Voldoet", exact=True).check()
    auditor.get_by_label("Wat zag en hoorde u in de praktijk?").fill(
        "Vijf dossiers bekeken: overal op tijd gebeld."
    )
    auditor.get_by_role("button", name="Opslaan en terug").click()
    expect(auditor.get_by_text("1 van 1 normen beoordeeld")).to_be_visible()
    expect(auditor.get_by_text("Vijf dossiers bekeken")).to_be_visible()
    assert axe_violations(auditor) == []
    auditor.goto(certification_url)
    auditor.get_by_role("button", name="Toetsing naar de commissie").click()
    expect(auditor.get_by_text("Besluit over de toetsing").first).to_be_visible()

    committee = browser.new_page()
    log_in(committee, base_url, people["committee"])
    committee.goto(certification_url)
    assert axe_violations(committee) == []
    committee.get_by_role("button", name="Voldoet nog: keurmerk blijft").click()
    toetsingen = committee.locator("#toetsingen + ul")
    expect(toetsingen).to_contain_text("Voldoet nog: keurmerk blijft")
    assert axe_violations(committee) == []
