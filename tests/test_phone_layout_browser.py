"""On a 390 px phone (issue 13 §5): the file, the figures and the keurmerk pages fit the screen
without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.frameworks.models import Module, Norm, PilotAudit, Theme
from plugins.keurmerk.frameworks.rules import create_framework, instance_of
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
        urls = {
            "dossier": f"/passendwerk/job-seekers/{person_id}",
            "cijfers": "/passendwerk/report",
            "normenkader": f"/keurmerk/frameworks/{framework.id}",
            "certificering": f"/keurmerk/certifications/{certification.id}",
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
