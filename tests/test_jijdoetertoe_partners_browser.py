"""Jij doet ertoe, part 4, in a real browser with axe on every page: the team records an
agreement with a church network and signs it; a resident asks for help with an objection
letter; the team links a qualified expert; the expert accepts; the work is done and appears
in the expert's 'Mijn inbreng'. And a signal passed on, followed to what came of it."""

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


def active_objection_helper(app, team, account):
    """Fatima: active, with consent, trained to help with objection letters, with an account."""
    from plugins.jijdoetertoe.experts.models import Expert, Qualification
    from plugins.jijdoetertoe.experts.rules import WORKFLOW

    with app.app_context():
        expert = Expert(
            name="Fatima Ervaringsdeskundige",
            channel="mail",
            contact="fatima@example.org",
            district="Feijenoord",
            source="team",
            availability="Doordeweeks overdag",
            user_id=account.id,
            consent_on=local_today() - timedelta(days=60),
            consent_how="Op papier getekend",
            qualifications=[
                Qualification(
                    kind="objection_helper", obtained_on=local_today() - timedelta(days=30)
                )
            ],
        )
        db.session.add(expert)
        db.session.flush()
        actor = db.session.get(User, team.id)
        instance = engine_of().start(WORKFLOW, expert, title="Ervaringsdeskundige", actor=actor)
        db.session.commit()
        for trigger in ("meet", "activate"):
            engine_of().fire(instance.id, trigger, actor=actor)
        return expert.id


def test_an_agreement_with_a_church_and_a_residents_objection_letter_done_by_an_expert(
    browser, base_url, app, make_user, enable_plugin
):
    from plugins.jijdoetertoe.experts.models import Involvement
    from plugins.jijdoetertoe.pools.models import PoolRequest

    enable_plugin("jijdoetertoe")
    team = make_user(roles={"team"}, name="Tamara Team")
    account = make_user(roles={"expert"}, name="Fatima Ervaringsdeskundige")
    make_organisation(app, "Geloven in Spangen", "informal_network")
    active_objection_helper(app, team, account)
    today = local_today()

    # The team records the agreement with the church network, and signs it.
    page = browser.new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Partners").click()
    expect(page.get_by_role("heading", name="Partners en overeenkomsten", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nieuwe overeenkomst").click()
    assert axe_violations(page) == []
    page.get_by_label("Organisatie", exact=True).select_option(label="Geloven in Spangen")
    page.get_by_label("Denkkracht").check()
    page.get_by_label("Faciliteiten: ruimtes en materiaal").check()
    page.get_by_label("Toegang tot het netwerk (bestuur, politiek)").check()
    page.get_by_label("Toelichting op de inbreng").fill("De kerkzaal op dinsdagavond")
    page.get_by_label("Budget in euro").fill("500")
    page.get_by_label("Ambassadeur bij de partner").fill("Ds. Marieke Smit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Geloven in Spangen", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Stand: In gesprek")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Getekend").click()
    assert axe_violations(page) == []
    page.get_by_label("Getekend op").fill(today.isoformat())
    page.get_by_label("Looptijd vanaf").fill(today.isoformat())
    page.get_by_label("Looptijd tot en met").fill((today + timedelta(days=730)).isoformat())
    page.get_by_role("button", name="Getekend").click()
    expect(page.get_by_role("heading", name="Stand: Getekend")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="← Partners en overeenkomsten").click()
    expect(
        page.get_by_text("Organisaties met een getekende overeenkomst die nu loopt")
    ).to_be_visible()
    assert axe_violations(page) == []

    # A resident, without an account, asks for help with an objection letter.
    resident = browser.new_context().new_page()
    resident.goto(f"{base_url}/")
    resident.get_by_role("link", name="Hulp vragen aan een ervaringsdeskundige").click()
    assert axe_violations(resident) == []
    resident.get_by_label("Waar wilt u hulp bij?").select_option("objection_letter")
    resident.get_by_label("Vertel kort wat u nodig heeft").fill(
        "Ik wil bezwaar maken tegen de terugvordering van mijn toeslag."
    )
    resident.get_by_label("Wanneer? (niet verplicht)").fill("Voor 20 januari")
    resident.get_by_label("Waar? (niet verplicht)").fill("Bij mij thuis in Charlois")
    resident.get_by_label("Uw naam").fill("Ria de Bewoner")
    resident.get_by_role("button", name="Verzoek versturen").click()
    # Without a way to reach her nothing is sent, and the page says so at the field.
    expect(resident.get_by_text("Vul in hoe wij u bereiken.").first).to_be_visible()
    assert axe_violations(resident) == []
    resident.get_by_label("Uw telefoonnummer of e-mailadres").fill("06 99 88 77 66")
    resident.get_by_role("button", name="Verzoek versturen").click()
    expect(resident.get_by_role("heading", name="Bedankt voor uw verzoek")).to_be_visible()
    assert axe_violations(resident) == []

    # The team links the qualified expert.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Inzet op verzoek"
    ).click()
    assert axe_violations(page) == []
    with app.app_context():
        request_id = db.session.scalar(db.select(PoolRequest.id))
    page.get_by_role("link", name=f"Verzoek {request_id}").click()
    expect(page.get_by_text("06 99 88 77 66")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Koppelen").click()
    assert axe_violations(page) == []
    page.get_by_label("Fatima Ervaringsdeskundige (Feijenoord; Doordeweeks overdag)").check()
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_role("heading", name="Stand: Gekoppeld")).to_be_visible()
    expect(page.get_by_text("antwoordt zelf op de eigen pagina")).to_be_visible()
    assert axe_violations(page) == []
    request_url = page.url

    # The expert decides, on her own page.
    own = browser.new_context().new_page()
    log_in(own, base_url, account)
    own.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn inbreng").click()
    expect(own.get_by_role("heading", name="Verzoeken om uw hulp")).to_be_visible()
    expect(own.get_by_text("terugvordering van mijn toeslag")).to_be_visible()
    assert "06 99 88 77 66" not in own.content() and "Ria de Bewoner" not in own.content()
    assert axe_violations(own) == []
    own.get_by_role("button", name="Ja, ik help").click()
    expect(own.get_by_text("Het antwoord is opgeslagen.")).to_be_visible()
    expect(own.get_by_text("Uw antwoord: Ja, doet mee")).to_be_visible()
    assert axe_violations(own) == []

    # Done: it lands in her involvement log and the count per quarter.
    page.goto(request_url)
    expect(page.get_by_text("Fatima Ervaringsdeskundige: Ja, doet mee")).to_be_visible()
    page.get_by_role("link", name="Uitgevoerd").click()
    assert axe_violations(page) == []
    page.get_by_label("Gedaan op").fill(today.isoformat())
    page.get_by_label("Uren per ervaringsdeskundige").fill("2")
    page.get_by_role("button", name="Uitgevoerd").click()
    expect(page.get_by_role("heading", name="Stand: Uitgevoerd")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="← Inzet op verzoek").click()
    quarter = (today.month - 1) // 3 + 1
    expect(page.get_by_text(f"{today.year}, kwartaal {quarter}: 1")).to_be_visible()
    assert axe_violations(page) == []
    with app.app_context():
        assert db.session.scalar(db.select(Involvement.minutes)) == 120

    own.reload()
    expect(own.get_by_text("Inzet op verzoek: Hulp bij een bezwaarbrief")).to_be_visible()
    expect(own.get_by_role("heading", name="Verzoeken om uw hulp")).to_have_count(0)
    assert axe_violations(own) == []


def test_a_signal_from_the_neighbourhood_followed_to_what_came_of_it(
    browser, base_url, app, make_user, enable_plugin
):
    enable_plugin("jijdoetertoe")
    team = make_user(roles={"team"}, name="Tamara Team")
    raiser = make_user(roles={"partner"}, name="Mohamed Partner")

    own = browser.new_page()
    log_in(own, base_url, raiser)
    own.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn signalen"
    ).click()
    assert axe_violations(own) == []
    own.get_by_role("link", name="Signaal doorgeven").click()
    assert axe_violations(own) == []
    own.get_by_label("Wat ziet of hoort u in de wijk?").fill(
        "In onze flat krijgen veel mensen een hoge eindafrekening van de energie."
    )
    own.get_by_label("In welke wijk? (niet verplicht)").select_option("Feijenoord")
    own.get_by_role("button", name="Signaal doorgeven").click()
    expect(own.get_by_role("heading", name="Mijn signalen")).to_be_visible()
    expect(own.get_by_text("Het team is ermee bezig.")).to_be_visible()
    assert axe_violations(own) == []

    page = browser.new_context().new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Signalen", exact=True
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="In onze flat krijgen veel mensen").click()
    assert axe_violations(page) == []
    for step, answers in [
        ("Wegen", {"Hoe weegt het team dit signaal?": "Speelt bij meer mensen."}),
        ("Doorzetten", {"Naar wie precies?": "Havensteder, wijkbeheer Feijenoord"}),
        ("Afronden", {"Wat is ermee gebeurd?": "Havensteder houdt elke maand een spreekuur."}),
    ]:
        page.get_by_role("link", name=step).click()
        if step == "Doorzetten":
            page.get_by_label("Doorgezet naar").select_option("partner")
        for label, text in answers.items():
            page.get_by_label(label).fill(text)
        assert axe_violations(page) == []
        page.get_by_role("button", name=step).click()
        expect(page.get_by_role("heading", name="Stand:")).to_be_visible()
        assert axe_violations(page) == []
    expect(page.get_by_role("heading", name="Stand: Afgerond")).to_be_visible()

    own.reload()
    expect(own.get_by_text("Havensteder houdt elke maand een spreekuur.")).to_be_visible()
    assert axe_violations(own) == []


def test_part_4_pages_fit_a_phone_with_the_demo_data(browser, base_url, app, enable_plugin):
    from core.demo import core_demo
    from core.testing import TEST_PASSWORD
    from plugins.jijdoetertoe.agreements.models import Agreement
    from plugins.jijdoetertoe.demo import load_demo
    from plugins.jijdoetertoe.network_demo import load_network_demo
    from plugins.jijdoetertoe.pools.models import PoolRequest
    from plugins.jijdoetertoe.signals.models import Signal

    enable_plugin("jijdoetertoe")
    with app.test_request_context():
        world = core_demo(TEST_PASSWORD)
        load_demo(world)
        load_network_demo(world)
        db.session.commit()
        team, expert = world.users["team"], world.users["expert"]
        agreement_id = db.session.scalar(db.select(Agreement.id).limit(1))
        request_id = db.session.scalar(db.select(PoolRequest.id).limit(1))
        signal_id = db.session.scalar(db.select(Signal.id).limit(1))

    for person, paths in [
        (
            team,
            [
                "/jijdoetertoe/partners",
                f"/jijdoetertoe/partners/{agreement_id}",
                "/jijdoetertoe/verzoeken",
                f"/jijdoetertoe/verzoeken/{request_id}",
                "/jijdoetertoe/signalen",
                f"/jijdoetertoe/signalen/{signal_id}",
            ],
        ),
        (expert, ["/jijdoetertoe/mijn-inbreng", "/jijdoetertoe/mijn-signalen"]),
    ]:
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        log_in(phone, base_url, person)
        for path in paths:
            phone.goto(f"{base_url}{path}")
            expect(phone.get_by_role("heading", level=1)).to_be_visible()
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
            assert axe_violations(phone) == [], path
