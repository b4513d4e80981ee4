"""Passend werk in a real browser: a coach signs someone up; the pages pass axe."""

import pytest
from playwright.sync_api import expect

from core.timeutil import local_today
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


def test_team_records_a_trained_lifecoach_and_an_employer_answers_twice(
    page, base_url, app, make_user, enable_plugin
):
    """The lifecoaches page, the employer's Meet & Greets and an introduction whose answer
    changed: each works by keyboard-visible controls and passes axe."""
    from datetime import timedelta

    from core.extensions import db
    from plugins.passendwerk.events.models import MeetAndGreet
    from tests.passendwerk_world import TO_MATCHING, make_job_seeker, make_vacancy

    enable_plugin("passendwerk")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    make_user(roles={"lifecoach"}, name="Lars Lifecoach")
    team = make_user(roles={"team"}, name="Tamara Team")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)}, title="Verkoper")
    make_job_seeker(
        app,
        team,
        profile={"levels": {"Klantvriendelijkheid": 3}},
        steps=[*TO_MATCHING, ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"})],
    )
    with app.app_context():
        db.session.add(
            MeetAndGreet(
                title="Kennismaken in Noord",
                starts_at=local_today() + timedelta(days=7),
                place="Warmtebron Noord",
                employers=[db.session.merge(bakery)],
            )
        )
        db.session.commit()

    log_in(page, base_url, team)
    page.goto(f"{base_url}/passendwerk/")
    page.get_by_role("link", name="Lifecoaches en hun training").click()
    assert axe_violations(page) == []
    page.get_by_label("Training afgerond op").fill(local_today().isoformat())
    page.get_by_role("button", name="Training afgerond").click()
    expect(page.get_by_text("De training is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("button", name="Toch niet afgerond")).to_be_visible()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    log_in(page, base_url, make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker"))
    page.goto(f"{base_url}/passendwerk/vacancies")
    page.get_by_role("link", name="Meet & Greets").click()
    expect(page.get_by_role("link", name="Kennismaken in Noord")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{base_url}/tasks")
    page.get_by_role("link", name="Antwoord op de kennismaking: Noor Achterberg (Verkoper)").click()
    page.get_by_label("Wil een gesprek").check()
    page.get_by_role("button", name="Antwoord geven").click()
    page.get_by_label("Wil aannemen").check()
    page.get_by_label("Toelichting voor de coach", exact=False).fill("Ze kan maandag beginnen.")
    page.get_by_role("button", name="Antwoord geven").click()
    expect(page.get_by_text("Wil aannemen: Ze kan maandag beginnen.")).to_be_visible()
    expect(page.locator("h3:has-text('Eerdere antwoorden') + ul")).to_contain_text(
        "Wil een gesprek"
    )
    assert axe_violations(page) == []
