"""Real-browser journeys (Chromium via Playwright), with axe-core WCAG 2.1 A/AA checks."""

import pytest
from playwright.sync_api import expect

from core.testing import TEST_PASSWORD
from tests.conftest import axe_violations
from tests.factories import make_organisation, start_review

pytestmark = pytest.mark.browser


def log_in(page, base_url, user):
    page.goto(f"{base_url}/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()


def test_team_disables_a_plugin_after_seeing_what_disappears_and_enables_it_again(
    page, base_url, app, make_user, enable_plugin, assert_accessible
):
    enable_plugin("sample")
    start_review(app)
    team = make_user(roles={"team"})
    page.goto(f"{base_url}/login")
    assert_accessible()
    log_in(page, base_url, team)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Voorbeeld")).to_be_visible()
    assert_accessible()

    menu.get_by_role("link", name="Beheer").click()
    assert_accessible()
    page.get_by_role("link", name="Deelprojecten aan- en uitzetten").click()
    assert_accessible()
    page.get_by_role("link", name="Voorbeeldproject uitzetten").click()
    expect(page.get_by_role("heading", name="Voorbeeldproject uitzetten?", level=1)).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Voorbeeld (/sample/)")
    expect(main).to_contain_text("Voorbeeldnotities")
    expect(main).to_contain_text("Voorbeeldbeoordeling · lopende dossiers: 1")
    expect(main).to_contain_text("Voorbeeldtester")
    expect(main).to_contain_text("De gegevens blijven bewaard")
    assert_accessible()
    page.get_by_role("button", name="Ja, zet Voorbeeldproject uit").click()
    expect(page.get_by_role("status")).to_have_text("Voorbeeldproject staat uit.")
    expect(menu.get_by_role("link", name="Voorbeeld")).to_have_count(0)
    assert_accessible()
    assert page.goto(f"{base_url}/sample/").status == 404
    assert_accessible()

    page.goto(f"{base_url}/admin/plugins")
    page.get_by_role("link", name="Voorbeeldproject aanzetten").click()
    expect(page.get_by_role("heading", name="Voorbeeldproject aanzetten?", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Voorbeeld (/sample/)")
    assert_accessible()
    page.get_by_role("button", name="Ja, zet Voorbeeldproject aan").click()
    expect(page.get_by_role("status")).to_have_text("Voorbeeldproject staat aan.")
    assert_accessible()
    menu.get_by_role("link", name="Voorbeeld").click()
    expect(page.get_by_role("heading", name="Voorbeeld", level=1)).to_be_visible()
    assert_accessible()


def test_core_pages_pass_axe_on_desktop_and_phone(
    page, base_url, app, make_user, enable_plugin, assert_accessible
):
    enable_plugin("sample")
    organisation = make_organisation(app, "Stichting Pluspunt")
    admin = make_user(roles={"admin"}, organisation=organisation)
    instance_id = start_review(app)
    start_review(app, assignee=admin)  # a notification: the bell shows a count on every page
    log_in(page, base_url, admin)
    paths = [
        "/",
        "/organisations/",
        f"/organisations/{organisation.id}",
        "/organisations/new",
        f"/organisations/{organisation.id}/edit",
        "/meetings/",
        "/meetings/new",
        "/admin/",
        "/admin/users",
        f"/admin/users/{admin.id}",
        "/admin/users/invite",
        "/admin/plugins",
        "/admin/plugins/sample",
        "/admin/outbox",
        "/admin/security-log",
        "/admin/security-log?since=nonsense&kind=login&person=a",
        "/does-not-exist",
        "/tasks",
        "/admin/workflows",
        "/admin/workflows/sample.review/draft",
        f"/workflows/instances/{instance_id}",
        "/notifications/",
        "/profile/",
        "/profile/password",
    ]
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(f"{base_url}{path}")
            assert_accessible()


def test_forgotten_password_pages_pass_axe(page, base_url, assert_accessible):
    page.goto(f"{base_url}/login")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert_accessible()
    page.get_by_label("E-mailadres").fill("nobody@example.org")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail", level=1)).to_be_visible()
    assert_accessible()


def test_form_errors_are_announced_and_accessible(page, base_url, make_user, assert_accessible):
    log_in(page, base_url, make_user(roles={"team"}))
    page.goto(f"{base_url}/organisations/new")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul de naam in.")
    expect(page.get_by_label("Naam")).to_have_attribute("aria-invalid", "true")
    assert_accessible()


def test_keyboard_user_reaches_content_by_skip_link(page, base_url, make_user):
    log_in(page, base_url, make_user(roles={"team"}))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_accessibility_check_does_catch_violations(page, base_url):
    page.goto(f"{base_url}/login")
    page.evaluate("document.querySelector('label[for=email]').remove()")
    assert "label" in [rule for rule, _elements in axe_violations(page)]


def test_team_member_fires_a_transition_from_the_panel(
    page, base_url, app, make_user, enable_plugin, assert_accessible
):
    enable_plugin("sample")
    team = make_user(roles={"team"}, name="Tessa Team")
    short = start_review(app, text="kort")
    ready = start_review(app)
    log_in(page, base_url, team)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn taken").click()
    assert_accessible()
    page.get_by_role("link", name=f"Notitie {short}", exact=True).click()
    # a disabled action, with its reason right next to it
    blocked = page.get_by_role("button", name="Indienen")
    expect(blocked).to_be_disabled()
    expect(
        page.get_by_text("Kan nu niet: De notitie moet minstens 10 tekens hebben")
    ).to_be_visible()
    assert_accessible()

    page.goto(f"{base_url}/workflows/instances/{ready}")
    diagram = page.locator(".diagram svg")
    expect(diagram.locator('[aria-current="step"]')).to_contain_text("Concept")
    page.get_by_label("Toelichting (niet verplicht)").fill("Klaar om te beoordelen")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("status")).to_contain_text("Het dossier staat nu op 'Ingediend'")
    expect(page.get_by_role("heading", name="Stand: Ingediend")).to_be_visible()
    expect(diagram.locator('[aria-current="step"]')).to_contain_text("Ingediend")
    timeline = page.locator(".timeline li").first
    expect(timeline).to_contain_text("Concept → Ingediend")
    expect(timeline).to_contain_text("Tessa Team")
    expect(timeline).to_contain_text("Klaar om te beoordelen")
    assert_accessible()


def test_auditor_fills_in_a_transition_form(
    page, base_url, app, make_user, enable_plugin, assert_accessible
):
    from core.extensions import db
    from core.workflow import engine_of

    enable_plugin("sample")
    auditor = make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    with app.app_context():
        from core.accounts.models import User

        team = db.session.get(User, make_user(roles={"team"}).id)
        engine_of().fire(instance_id, "submit", actor=team)
        engine_of().fire(instance_id, "check", actor=team)
    log_in(page, base_url, auditor)
    page.goto(f"{base_url}/workflows/instances/{instance_id}")
    page.get_by_role("link", name="Goedkeuren").click()
    assert_accessible()
    page.get_by_label("Cijfer (1 tot en met 10)").fill("12")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een cijfer van 1 tot en met 10.")
    assert_accessible()
    page.get_by_label("Cijfer (1 tot en met 10)").fill("8")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("heading", name="Stand: Goedgekeurd")).to_be_visible()
    expect(page.locator(".timeline li").first).to_contain_text("8")
