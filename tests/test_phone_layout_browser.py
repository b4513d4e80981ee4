"""On a 390 px phone (issue 13 §5): the file, the figures and the keurmerk pages fit the screen
without scrolling sideways, the main menu starts collapsed and opens with its button, and
without JavaScript the menu is still there to use."""

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.testing import TEST_PASSWORD
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.frameworks.models import Module, Norm, PilotAudit, Theme
from plugins.keurmerk.frameworks.rules import copy_framework, create_framework, instance_of
from tests.conftest import axe_violations
from tests.factories import make_organisation
from tests.passendwerk_world import make_job_seeker
from tests.test_browser import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Long unbroken words are what pushed pages wide: ids, e-mail addresses, compound Dutch words.
LONG_EMAIL = "noor.achterberg-van-den-heuvel.werkzoekende@voorbeeldorganisatie-rotterdam.org"
LONG_NAME = "Achterberg-Vandenheuvelhuizen"
LONG_TITLE = "Klantcontactmedewerkersvaardigheidsontwikkelingsafspraken"


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser, base_url):
    context = browser.new_context(viewport=PHONE, base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def world(app, make_user, enable_plugin):
    """A team member, a job seeker's file with a wide log, a framework and a certification."""
    enable_plugin("passendwerk")
    enable_plugin("keurmerk")
    team = make_user(roles={"team"}, name="Tamara Teamleider-Programmamanager")
    pluspunt = make_organisation(app, "Stichting Pluspunt Rotterdam-Zuid")
    person_id = make_job_seeker(
        app,
        team,
        pluspunt.id,
        last_name=LONG_NAME,
        email=LONG_EMAIL,
        steps=["start_intake", "to_preselection"],
    )
    with app.app_context():
        from plugins.keurmerk.certification import rules as certifications

        actor = db.session.get(User, team.id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", actor)
        theme = Theme(
            code="I",
            name="Eigen incassobeleid",
            norms=[
                Norm(code="I1", title=LONG_TITLE, text="Bel bij de eerste gemiste betaling."),
                Norm(code="I2", title="Geen stapeling", text="Geen extra kosten.", position=1),
            ],
        )
        framework.themes = [theme]
        framework.modules = [Module(name="Warm Incasseren", themes=[theme])]
        db.session.commit()
        for pilot in (pluspunt, make_organisation(app, "Faircasso", "collection_agency")):
            db.session.add(
                PilotAudit(
                    framework_id=framework.id,
                    organisation_id=pilot.id,
                    held_on=local_today(),
                    completed=True,
                )
            )
        db.session.commit()
        for trigger in ("consult", "close_consultation", "start_pilot", "finalise", "launch"):
            engine_of().fire(instance_of(framework).id, trigger, actor=actor)
        certification = certifications.apply(pluspunt.id, list(framework.modules), framework, actor)
        db.session.commit()
        instance_id = engine_of().instance_for(certifications.WORKFLOW, certification).id
        engine_of().fire(instance_id, "start_intake", actor=actor)
        draft = copy_framework(framework, actor)
        draft.themes[0].norms[1].text = "Geen extra kosten zolang een betalingsregeling loopt."
        db.session.commit()
        urls = {
            "dossier": f"/passendwerk/job-seekers/{person_id}",
            "cijfers": "/passendwerk/report",
            "normenkader": f"/keurmerk/frameworks/{framework.id}",
            "certificering": f"/keurmerk/certifications/{certification.id}",
            "vergelijking": f"/keurmerk/compare?old={framework.id}&new={draft.id}",
        }
    return team, urls


def test_named_pages_fit_a_390_px_phone_and_pass_axe(phone, world):
    team, urls = world
    log_in(phone, "", team)
    widths = {}
    for name, url in urls.items():
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        widths[name] = page_width(phone)
        assert axe_violations(phone) == [], name
    too_wide = {name: width for name, width in widths.items() if width > PHONE["width"]}
    assert too_wide == {}
    # the comparison keeps its columns side by side and scrolls inside its own box
    box = phone.get_by_role("region", name="Norm voor norm")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(phone.get_by_role("columnheader", name="Versie 2")).to_be_attached()


def test_menu_is_collapsed_on_a_phone_and_opens_with_its_button(phone, world):
    team, urls = world
    log_in(phone, "", team)
    phone.goto(urls["dossier"])
    menu = phone.get_by_role("navigation", name="Hoofdmenu")
    toggle = menu.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu.get_by_role("link", name="Passend werk")).to_be_hidden()
    assert menu.bounding_box()["height"] < 60
    assert axe_violations(phone) == []

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Passend werk")).to_be_visible()
    assert page_width(phone) == PHONE["width"]
    assert axe_violations(phone) == []
    # Escape folds it again and leaves the keyboard user on the button
    menu.get_by_role("link", name="Overzicht").focus()
    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Keurmerk").click()
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    expect(
        phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("button")
    ).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_menu_stays_open_and_the_pages_still_fit(phone_without_js, world):
    team, urls = world
    page = phone_without_js
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(team.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(urls["dossier"])
    assert page_width(page) == PHONE["width"]
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    # no button that would do nothing; the links are simply there
    expect(menu.get_by_role("button")).to_have_count(0)
    expect(menu.get_by_role("link", name="Passend werk")).to_be_visible()
    menu.get_by_role("link", name="Keurmerk").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/keurmerk/")
    assert page_width(page) == PHONE["width"]
