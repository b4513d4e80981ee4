"""The bodies of Jij doet ertoe in a real browser, every page checked with axe: the team
creates the advisory committee, seats an expert with an account, plans a meeting with its
agenda, records the minutes and an advice, follows it up as partly adopted with its reasoning;
the expert logs in and reads the advice and the reasoning."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.extensions import db
from core.timeutil import local_today
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def test_the_committee_advises_the_team_follows_up_and_the_member_reads_why(
    browser, base_url, app, make_user, enable_plugin
):
    from plugins.jijdoetertoe.experts.models import Expert

    enable_plugin("jijdoetertoe")
    team = make_user(roles={"team"}, name="Tamara Team")
    account = make_user(roles={"expert"}, name="Fatima El Amrani")
    with app.app_context():
        db.session.add(
            Expert(
                name="Fatima El Amrani",
                channel="phone",
                contact="06 98 76 54 32",
                district="Feijenoord",
                source="team",
                user_id=account.id,
            )
        )
        db.session.commit()
    today = local_today()

    page = browser.new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Organen").click()
    expect(page.get_by_role("heading", name="Organen", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nieuw orgaan").click()
    assert axe_violations(page) == []
    page.get_by_label("Naam").fill("Adviescommissie Jij doet ertoe")
    page.get_by_label("Soort orgaan").select_option("advisory_committee")
    page.get_by_label("Wat doet dit orgaan?").fill("Zet de koers uit, toetst en evalueert.")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("heading", name="Adviescommissie Jij doet ertoe", level=1)
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Lid toevoegen").click()
    assert axe_violations(page) == []
    page.get_by_label("Ervaringsdeskundige uit het register").select_option(
        label="Fatima El Amrani"
    )
    page.get_by_label("Rol in het orgaan").select_option("member")
    page.get_by_label("Termijn vanaf").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Termijn tot en met (niet verplicht)").fill(
        (today + timedelta(days=730)).isoformat()
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het lid is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Fatima El Amrani", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Vergadering plannen").click()
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Adviescommissie december")
    page.get_by_label("Begint op").fill(f"{(today + timedelta(days=7)).isoformat()}T14:00")
    page.get_by_label("Plaats (niet verplicht)").fill("Buurtlab")
    page.get_by_label("Agenda").fill("1. Opening\n2. Brieven in gewone taal")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Adviescommissie december", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Agenda en verslag bijwerken").click()
    assert axe_violations(page) == []
    page.get_by_label("Verslag").fill("Afgesproken: alle brieven op B1-niveau.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Afgesproken: alle brieven op B1-niveau.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="← Adviescommissie Jij doet ertoe").click()
    page.get_by_role("link", name="Advies vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Onderwerp").fill("Brieven in gewone taal")
    page.get_by_label("Het advies").fill("Schrijf de brieven op B1-niveau en laat ze meelezen.")
    page.get_by_label("In welke vergadering (niet verplicht)").select_option(
        label="Adviescommissie december"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Stand: Advies")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Deels overnemen").click()
    assert axe_violations(page) == []
    page.get_by_label("Toelichting").fill("De brieven wel; de folders volgend jaar.")
    page.get_by_role("button", name="Deels overnemen").click()
    expect(page.get_by_role("heading", name="Stand: Deels overgenomen")).to_be_visible()
    assert axe_violations(page) == []

    member = browser.new_context().new_page()
    log_in(member, base_url, account)
    member.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn organen"
    ).click()
    assert axe_violations(member) == []
    member.get_by_role("link", name="Adviescommissie Jij doet ertoe").click()
    expect(member.get_by_text("Deels overgenomen")).to_be_visible()
    expect(member.get_by_text("De brieven wel; de folders volgend jaar.")).to_be_visible()
    assert "06 98 76 54 32" not in member.content()
    assert axe_violations(member) == []
    member.get_by_role("link", name="Adviescommissie december").click()
    expect(member.get_by_text("Afgesproken: alle brieven op B1-niveau.")).to_be_visible()
    assert axe_violations(member) == []
    member.get_by_role("link", name="Brieven in gewone taal").click()
    expect(member.get_by_role("heading", name="Wat het team ermee deed")).to_be_visible()
    expect(member.get_by_text("De brieven wel; de folders volgend jaar.")).to_be_visible()
    expect(member.get_by_role("link", name="Deels overnemen")).to_have_count(0)
    assert axe_violations(member) == []


def test_an_idea_gets_the_committees_advice_starts_and_its_raiser_reads_why(
    browser, base_url, app, make_user, enable_plugin
):
    from plugins.jijdoetertoe.bodies.models import Body

    enable_plugin("jijdoetertoe")
    enable_plugin("sample", False)
    team = make_user(roles={"team"}, name="Tamara Team")
    partner = make_user(roles={"partner"}, name="Petra Partner")
    with app.app_context():
        db.session.add(Body(name="Adviescommissie Jij doet ertoe", kind="advisory_committee"))
        db.session.commit()

    own = browser.new_page()
    log_in(own, base_url, partner)
    own.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn ideeën").click()
    assert axe_violations(own) == []
    own.get_by_role("link", name="Idee voor een nieuw deelproject").click()
    assert axe_violations(own) == []
    own.get_by_role("button", name="Idee insturen").click()
    expect(own.get_by_text("Vertel waarom dit nodig is.").first).to_be_visible()
    assert axe_violations(own) == []
    own.get_by_label("Waar gaat uw idee over?").fill("Taalcafé voor formulieren")
    own.get_by_label("Waarom is dit nodig?").fill("Mensen snappen de brieven niet.")
    own.get_by_role("button", name="Idee insturen").click()
    expect(own.get_by_text("Het team bekijkt uw idee binnen 14 dagen.")).to_be_visible()
    assert axe_violations(own) == []

    page = browser.new_context().new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nieuwe deelprojecten"
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Taalcafé voor formulieren").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Advies vragen aan de adviescommissie").click()
    expect(page.get_by_role("heading", name="Stand: Advies gevraagd")).to_be_visible()
    page.get_by_role("link", name="Advies vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Het advies van de commissie").fill("Doen, met de bibliotheek.")
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_role("heading", name="Stand: Besluit")).to_be_visible()
    page.get_by_role("link", name="Besluiten: we starten").click()
    page.get_by_label("Toelichting").fill("Urgent, en de bibliotheek heeft ruimte.")
    page.get_by_role("button", name="Besluiten: we starten").click()
    expect(page.get_by_role("heading", name="Stand: Gestart")).to_be_visible()
    expect(page.get_by_role("link", name="Werkgroep Taalcafé voor formulieren")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Welk deelproject aanzetten").select_option("sample")
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_text("staat aan.")).to_be_visible()
    assert axe_violations(page) == []

    own.reload()
    expect(own.get_by_text("Gestart").first).to_be_visible()
    expect(own.get_by_text("Urgent, en de bibliotheek heeft ruimte.")).to_be_visible()
    own.get_by_role("link", name="Taalcafé voor formulieren").click()
    expect(own.get_by_text("Doen, met de bibliotheek.")).to_be_visible()
    assert axe_violations(own) == []
