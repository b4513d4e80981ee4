"""The evaluation of a subproject in a real browser, every page checked with axe: the team opens
a started subproject, writes this year's evaluation (the experts' hours counted for it), records
the advisory committee's verdict; a member of the committee reads it from their body's page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.extensions import db
from core.timeutil import local_today
from core.workflow import engine_of
from tests.conftest import axe_violations
from tests.test_browser import log_in

pytestmark = pytest.mark.browser


def started_subproject(app, team_id: int, member_id: int) -> None:
    """The advisory committee with a member, and the idea 'Hulp bij de energierekening' carried
    through the engine to Gestart, with 2,5 hours of an expert logged for it this year."""
    from werkzeug.datastructures import MultiDict

    from core.accounts.models import User
    from plugins.jijdoetertoe.bodies.models import Body, BodyMember
    from plugins.jijdoetertoe.experts.models import Expert, Involvement
    from plugins.jijdoetertoe.subprojects.models import SubprojectIdea
    from plugins.jijdoetertoe.subprojects.rules import WORKFLOW

    today = local_today()
    with app.test_request_context():
        team = db.session.get(User, team_id)
        committee = Body(name="Adviescommissie Jij doet ertoe", kind="advisory_committee")
        fatima = Expert(
            name="Fatima El Amrani",
            channel="phone",
            contact="06 98 76 54 32",
            district="Feijenoord",
            source="team",
            user_id=member_id,
        )
        db.session.add_all([committee, fatima])
        db.session.flush()
        committee.members.append(
            BodyMember(expert_id=fatima.id, role="member", term_start=today - timedelta(days=30))
        )
        fatima.involvements.append(
            Involvement(
                done_on=today.replace(month=1, day=1),
                minutes=150,
                subproject="Hulp bij de energierekening",
                what="Spreekuur in Feijenoord",
            )
        )
        idea = SubprojectIdea(title="Hulp bij de energierekening", urgency="Rekeningen stijgen.")
        db.session.add(idea)
        db.session.flush()
        engine = engine_of()
        instance = engine.start(WORKFLOW, idea, title=f"Idee {idea.id}", actor=team)
        db.session.commit()
        advice = MultiDict(
            {"body_id": str(committee.id), "text": "Doen.", "given_on": today.isoformat()}
        )
        engine.fire(instance.id, "ask_advice", actor=team)
        engine.fire(instance.id, "record_advice", actor=team, formdata=advice)
        engine.fire(instance.id, "start", actor=team, comment="Urgent, en er is tijd.")


def test_the_team_evaluates_a_started_subproject_and_a_committee_member_reads_the_verdict(
    browser, base_url, app, make_user, enable_plugin
):
    enable_plugin("jijdoetertoe")
    team = make_user(roles={"team"}, name="Tamara Team")
    member = make_user(roles={"expert"}, name="Fatima El Amrani")
    started_subproject(app, team.id, member.id)

    page = browser.new_page()
    log_in(page, base_url, team)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nieuwe deelprojecten"
    ).click()
    page.get_by_role("link", name="Hulp bij de energierekening").click()
    expect(page.get_by_role("heading", name="Stand: Gestart")).to_be_visible()
    expect(page.get_by_text("Nog geen evaluaties.")).to_be_visible()
    assert axe_violations(page) == []

    # Looking back is not possible yet: there is no judged evaluation.
    expect(
        page.get_by_text("Leg eerst een evaluatie vast met het oordeel van de adviescommissie.")
    ).to_be_visible()
    page.get_by_role("link", name="Evaluatie schrijven").click()
    expect(page.get_by_role("heading", name="Evaluatie schrijven", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Output: hoeveel Rotterdammers hebben we bereikt?").fill("10")
    page.get_by_label("Output: hoeveel van hen zijn echt geholpen?").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("Er kunnen niet meer mensen geholpen zijn dan bereikt.").first
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Output: hoeveel van hen zijn echt geholpen?").fill("8")
    page.get_by_label("Input: budget in euro (niet verplicht)").fill("1500")
    page.get_by_label("Input: welke partners deden mee, en wat brachten ze in?").fill(
        "Havensteder gaf een ruimte."
    )
    page.get_by_label("Throughput: wat hebben we gedaan?").fill("Wekelijks spreekuur.")
    page.get_by_label("Output: wat heeft het opgeleverd?").fill("8 huishoudens geholpen.")
    page.get_by_label("Feedback: wat zeiden deelnemers en ervaringsdeskundigen?").fill(
        "Fijn dat een ervaringsdeskundige het uitlegt."
    )
    page.get_by_label("Feedback: wat leren we ervan, wat doen we anders?").fill(
        "Ook een spreekuur in de avond."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De evaluatie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Input: wat ging erin")).to_be_visible()
    expect(page.get_by_text("2,5", exact=True)).to_be_visible()  # Fatima's 150 minutes
    expect(page.get_by_text("De adviescommissie heeft nog geen oordeel gegeven.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Oordeel vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Het oordeel van de adviescommissie").fill("Goed begonnen. Ga door.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het oordeel van de adviescommissie is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Goed begonnen. Ga door.")).to_be_visible()
    expect(page.get_by_role("link", name="Evaluatie bijwerken")).to_have_count(0)
    assert axe_violations(page) == []

    # Now the subproject can be looked back on.
    page.get_by_role("link", name="← Hulp bij de energierekening").click()
    expect(page.get_by_text("oordeel van de adviescommissie vastgelegd")).to_be_visible()
    page.get_by_role("link", name="Terugkijken").click()
    page.get_by_label("Toelichting").fill("Een goed eerste jaar.")
    page.get_by_role("button", name="Terugkijken").click()
    expect(page.get_by_role("heading", name="Stand: Geëvalueerd")).to_be_visible()
    assert axe_violations(page) == []

    reader = browser.new_context().new_page()
    log_in(reader, base_url, member)
    reader.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn organen"
    ).click()
    reader.get_by_role("link", name="Adviescommissie Jij doet ertoe").click()
    expect(reader.get_by_role("heading", name="Evaluaties van deelprojecten")).to_be_visible()
    assert axe_violations(reader) == []
    reader.get_by_role(
        "link", name=f"Hulp bij de energierekening: Evaluatie {local_today().year}"
    ).click()
    expect(reader.get_by_text("Goed begonnen. Ga door.")).to_be_visible()
    expect(reader.get_by_text("Fijn dat een ervaringsdeskundige het uitlegt.")).to_be_visible()
    expect(reader.get_by_role("link", name="Oordeel wijzigen")).to_have_count(0)
    assert axe_violations(reader) == []
