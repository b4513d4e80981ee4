"""Jij doet ertoe in a real browser, every page checked with axe: the team registers an expert
met at a Warmtebron, records their training as co-auditor, picks them as co-auditor of a
keurmerk audit, records what they did, and the expert reads what came of it."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.timeutil import local_today
from core.workflow import engine_of
from tests.conftest import axe_violations
from tests.factories import make_organisation
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def certification_waiting_for_planning(app, team):
    """A launched framework and Havensteder's certification with its self-assessment done: the
    next step is planning the audit, where keurmerk offers its co-auditors."""
    from plugins.keurmerk.certification import rules as certifications
    from plugins.keurmerk.certification.rules import save_self_assessment
    from plugins.keurmerk.frameworks.models import Module, Norm, PilotAudit, Theme
    from plugins.keurmerk.frameworks.rules import create_framework, instance_of

    havensteder = make_organisation(app, "Havensteder", "formal_body")
    with app.app_context():
        engine = engine_of()
        actor = db.session.get(User, team.id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", actor)
        theme = Theme(
            code="I",
            name="Eigen incassobeleid",
            norms=[Norm(code="I1", title="Vroeg contact", text="Bel op tijd.", position=0)],
        )
        framework.themes = [theme]
        framework.modules = [Module(name="Warm Incasseren", themes=[theme])]
        db.session.commit()
        for pilot in (havensteder, make_organisation(app, "Faircasso", "collection_agency")):
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
            engine.fire(instance_of(framework).id, trigger, actor=actor)
        certification = certifications.apply(
            havensteder.id, list(framework.modules), framework, actor
        )
        db.session.commit()
        instance_id = engine.instance_for(certifications.WORKFLOW, certification).id
        engine.fire(instance_id, "start_intake", actor=actor)
        save_self_assessment(
            certification, {n.id: "Zo doen wij het." for n in certification.norms}, actor
        )
        db.session.commit()
        return certification.id, instance_id


def test_an_expert_met_at_a_warmtebron_becomes_co_auditor_and_reads_what_came_of_their_work(
    browser, base_url, app, make_user, enable_plugin
):
    from plugins.jijdoetertoe.experts.models import Expert
    from plugins.keurmerk.certification.models import Certification

    enable_plugin("jijdoetertoe")
    enable_plugin("keurmerk")
    team = make_user(roles={"team"}, name="Tamara Team")
    auditor = make_user(roles={"auditor"}, name="Kees Auditor")
    account = make_user(roles={"expert"}, name="Kofi Mensah")
    make_organisation(app, "Buurtlab", "social_enterprise")
    certification_id, instance_id = certification_waiting_for_planning(app, team)
    today = local_today().isoformat()

    page = browser.new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Jij doet ertoe"
    ).click()
    expect(page.get_by_role("heading", name="Ervaringsdeskundigen", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nieuwe ervaringsdeskundige").click()
    assert axe_violations(page) == []
    page.get_by_label("Naam", exact=True).fill("Kofi Mensah")
    page.get_by_label("Hoe wil deze persoon bereikt worden?").select_option("via_partner")
    page.get_by_label("Telefoonnummer, adres of e-mailadres").fill("Via Buurtlab, vraag naar Inge")
    page.get_by_label("Via welke organisatie (niet verplicht)").select_option(label="Buurtlab")
    page.get_by_label("Wijk").select_option("Delfshaven")
    page.get_by_label("Aangemeld door").select_option("warmtebron")
    page.get_by_label("Welk netwerk of welke Warmtebron").select_option(label="Buurtlab")
    page.get_by_label("Account (niet verplicht)").select_option(label="Kofi Mensah")
    page.get_by_label("Toestemming gegeven op").fill(today)
    page.get_by_label("Hoe is de toestemming gegeven?").fill("Mondeling bij Buurtlab")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Kofi Mensah", level=1)).to_be_visible()
    expect(page.get_by_text("Via Buurtlab, vraag naar Inge")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Kennismaking plannen").click()
    expect(page.get_by_role("heading", name="Stand: Kennismaking")).to_be_visible()
    page.get_by_role("button", name="Doet actief mee").click()
    expect(page.get_by_role("heading", name="Stand: Actief")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Kwalificatie vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Kwalificatie", exact=True).select_option("co_auditor")
    page.get_by_label("Behaald op").fill(today)
    page.get_by_label("Geldig tot (niet verplicht)").fill(
        (local_today() + timedelta(days=730)).isoformat()
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Co-auditor keurmerk: behaald op")).to_be_visible()
    expert_url = page.url

    # Keurmerk's planning form offers the trained expert as co-auditor, through the hook.
    page.goto(f"{base_url}/workflows/instances/{instance_id}/fire/plan_audit")
    assert axe_violations(page) == []
    page.get_by_label("Datum van de audit").fill((local_today() + timedelta(days=7)).isoformat())
    page.get_by_label("Hoofdauditor").select_option(label="Kees Auditor")
    page.get_by_label("Ervaringsdeskundige als co-auditor (niet verplicht)").select_option(
        label="Kofi Mensah"
    )
    page.get_by_role("button", name="Audit plannen").click()
    expect(page.get_by_role("heading", name="Stand: Audit gepland")).to_be_visible()
    with app.app_context():
        planned = db.session.get(Certification, certification_id)
        assert (planned.lead_auditor_id, planned.co_auditor_id) == (auditor.id, account.id)

    # Back in the register: what Kofi did, and later what came of it.
    page.goto(expert_url)
    page.get_by_role("link", name="Inzet vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Datum").fill(today)
    page.get_by_label("Wat heeft deze persoon gedaan?").fill("Meegetoetst bij Havensteder")
    page.get_by_label("Voor welk deelproject").select_option(
        label="Keurmerk Warm Sociaal Incasseren"
    )
    page.get_by_label("Uren", exact=True).fill("4")
    page.get_by_label("Vrijwilligersvergoeding in euro").fill("40")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De inzet is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Resultaat bijwerken").click()
    assert axe_violations(page) == []
    page.get_by_label("Wat is ermee gebeurd?").fill(
        "Havensteder belt nu eerder bij een achterstand."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen wat ermee is gebeurd.")).to_be_visible()
    assert axe_violations(page) == []

    with app.app_context():
        assert db.session.scalar(db.select(Expert.user_id)) == account.id

    own = browser.new_context().new_page()
    log_in(own, base_url, account)
    own.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn inbreng").click()
    expect(own.get_by_role("heading", name="Wat is er met mijn inbreng gebeurd?")).to_be_visible()
    expect(own.get_by_text("Meegetoetst bij Havensteder")).to_be_visible()
    expect(own.get_by_text("Havensteder belt nu eerder bij een achterstand.")).to_be_visible()
    assert "Via Buurtlab, vraag naar Inge" not in own.content()
    assert axe_violations(own) == []


def test_a_visitor_signs_up_from_the_landing_page(browser, base_url, app, enable_plugin):
    from plugins.jijdoetertoe.experts.models import Expert

    enable_plugin("jijdoetertoe")
    page = browser.new_page()
    page.goto(f"{base_url}/")
    page.get_by_role("link", name="Meedenken als ervaringsdeskundige").click()
    assert axe_violations(page) == []
    page.get_by_label("Uw naam").fill("Ria van Dam")
    page.get_by_label("Hoe wilt u dat wij contact opnemen?").select_option("phone")
    page.get_by_label("Uw telefoonnummer, adres of e-mailadres").fill("06 12 34 56 01")
    page.get_by_label("In welke wijk woont u?").select_option("Charlois")
    page.get_by_role("button", name="Aanmelden").click()
    # Without the tick nothing is sent, and the page says why at the box.
    expect(
        page.get_by_text("Zonder uw toestemming kunnen wij u niet aanmelden.").first
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Het programmateam mag mijn gegevens bewaren").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw aanmelding")).to_be_visible()
    assert axe_violations(page) == []
    with app.app_context():
        assert db.session.scalar(db.select(Expert.source)) == "self"
