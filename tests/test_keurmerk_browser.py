"""Keurmerk journeys in a real browser, every page checked with axe: (a) an auditor steps
through a certification, the committee member follows the mail to the decision and the report,
and the certificate reaches the public register; (b) an expert by experience comments on a
norm during the consultation and later sees what the programme team decided."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.frameworks.models import Norm, Theme
from plugins.keurmerk.frameworks.rules import create_framework, instance_of
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


def test_auditor_steps_through_a_certification_to_the_public_register(
    browser, base_url, app, make_user, enable_plugin
):
    from datetime import timedelta

    from werkzeug.datastructures import MultiDict

    from plugins.keurmerk.certification import rules as certifications
    from plugins.keurmerk.certification.rules import save_self_assessment
    from plugins.keurmerk.frameworks.models import Module, PilotAudit
    from tests.factories import make_organisation

    enable_plugin("keurmerk")
    team = make_user(roles={"team"}, name="Tamara Team")
    auditor = make_user(roles={"auditor"}, name="Kees Auditor")
    committee = make_user(roles={"committee"}, name="Marieke Commissie")
    havensteder = make_organisation(app, "Havensteder", "formal_body")
    with app.app_context():
        engine = engine_of()
        actor = db.session.get(User, team.id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", actor)
        theme = Theme(
            code="I",
            name="Eigen incassobeleid",
            norms=[
                Norm(
                    code="I1",
                    title="Vroeg contact",
                    text="Bel bij de eerste gemiste betaling.",
                    position=0,
                ),
                Norm(
                    code="I2",
                    title="Geen stapeling",
                    text="Geen extra kosten tijdens een regeling.",
                    position=1,
                ),
            ],
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
        engine.fire(
            instance_id,
            "plan_audit",
            actor=actor,
            formdata=MultiDict(
                {
                    "audit_date": (local_today() + timedelta(days=1)).isoformat(),
                    "lead_auditor_id": str(auditor.id),
                    "co_auditor_id": "0",
                }
            ),
        )
        certification_id = certification.id

    page = browser.new_page()
    log_in(page, base_url, auditor)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn taken").click()
    page.get_by_role("link", name="Certificering Havensteder").click()
    page.get_by_role("button", name="Audit beginnen").click()
    expect(page.get_by_role("heading", name="Stand: Audit")).to_be_visible()
    page.goto(f"{base_url}/keurmerk/certifications/{certification_id}")
    expect(page.get_by_text("0 van 2 normen beoordeeld")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="I1 Vroeg contact").click()
    assert axe_violations(page) == []
    page.get_by_label("Voldoet", exact=True).check()
    page.get_by_label("Wat zag en hoorde u in de praktijk?").fill(
        "In vijf dossiers binnen drie dagen gebeld."
    )
    page.get_by_role("button", name="Opslaan en volgende norm").click()
    expect(page.get_by_role("heading", name="I2 · Geen stapeling")).to_be_visible()
    page.get_by_label("Voldoet niet").check()
    page.get_by_label("Wat zag en hoorde u in de praktijk?").fill(
        "In twee dossiers liepen de kosten op tijdens een regeling."
    )
    page.get_by_label("Licht (minor)").check()
    page.get_by_label("Wat moet de organisatie verbeteren?").fill(
        "Zet de kosten stil zodra een regeling loopt."
    )
    page.get_by_label("Uiterlijk klaar op").fill((local_today() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Opslaan en terug").click()
    expect(page.get_by_text("2 van 2 normen beoordeeld")).to_be_visible()
    expect(page.get_by_text("Zet de kosten stil zodra een regeling loopt.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Naar rapport").click()
    expect(page.get_by_role("status")).to_contain_text("Rapport")
    page.get_by_role("button", name="Rapport naar de commissie").click()
    expect(page.get_by_role("heading", name="Stand: Besluit")).to_be_visible()

    # The committee member is told by mail and follows its link to the decision.
    with app.app_context():
        mail = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == committee.email)
        ).one()
    link = re.search(r"https?://\S+", mail.body).group(0)
    decider = browser.new_page()
    log_in(decider, base_url, committee)
    decider.goto(base_url + urlsplit(link).path)
    expect(decider.get_by_role("heading", name="Stand: Besluit")).to_be_visible()
    assert axe_violations(decider) == []
    decider.get_by_role("link", name="Rapport bekijken en afdrukken").click()
    expect(decider.get_by_text("Zet de kosten stil zodra een regeling loopt.")).to_be_visible()
    assert axe_violations(decider) == []
    decider.go_back()
    decider.get_by_role("link", name="Keurmerk toekennen").click()
    expect(decider.get_by_label("Warm Incasseren")).to_be_checked()
    assert axe_violations(decider) == []
    decider.get_by_role("button", name="Keurmerk toekennen").click()
    expect(decider.get_by_role("heading", name="Stand: Gecertificeerd")).to_be_visible()
    assert axe_violations(decider) == []

    public = browser.new_page()
    public.goto(f"{base_url}/keurmerk/register")
    row = public.get_by_role("row", name=re.compile("Havensteder"))
    expect(row).to_contain_text("geldig")
    assert axe_violations(public) == []
    row.get_by_role("link").click()
    expect(public.get_by_text("dit certificaat is geldig")).to_be_visible()
    assert axe_violations(public) == []
