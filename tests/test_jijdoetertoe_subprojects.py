"""Jij doet ertoe, part 3: new subprojects start with experts by experience and partners, on
social urgency and capacity: an idea, the advisory committee's advice, the team's decision with
its reasons, a working group, and an evaluation; whoever raised it reads it all back."""

from datetime import timedelta

import pytest

from core.accounts.models import User
from core.api import WorkflowError, engine_of, local_today
from core.extensions import db
from core.models import SecurityEvent
from core.testing import post_form
from core.workflow.models import WorkflowInstance
from plugins.jijdoetertoe.bodies.models import Advice, Body
from plugins.jijdoetertoe.bodies.rules import WORKFLOW as ADVICE_WORKFLOW
from plugins.jijdoetertoe.evaluation.models import Evaluation
from plugins.jijdoetertoe.subprojects.models import SubprojectIdea
from plugins.jijdoetertoe.subprojects.rules import WORKFLOW

IDEAS = "/jijdoetertoe/deelprojecten/"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def committee(app):
    with app.app_context():
        body = Body(name="Adviescommissie Jij doet ertoe", kind="advisory_committee")
        db.session.add(body)
        db.session.commit()
        return body.id


@pytest.fixture
def raise_idea(app, login):
    """An idea sent in through the form by `user` (in a browser of their own); returns
    (idea id, instance id)."""

    def raise_(user, title="Hulp bij de energierekening"):
        own = app.test_client()
        login(own, user)
        response = post_form(
            own,
            f"{IDEAS}idee",
            {
                "title": title,
                "urgency": "Veel mensen in mijn straat kunnen de rekening niet betalen.",
                "description": "Samen met Havensteder uitleg geven.",
            },
        )
        assert response.status_code == 303, response.text
        with app.app_context():
            idea = db.session.scalar(db.select(SubprojectIdea).order_by(SubprojectIdea.id.desc()))
            return idea.id, engine_of().instance_for(WORKFLOW, idea).id

    return raise_


def state_of(app, instance_id):
    with app.app_context():
        return db.session.get(WorkflowInstance, instance_id)


def advice_data(committee_id):
    return {
        "body_id": str(committee_id),
        "text": "Doen: het speelt in de hele stad.",
        "given_on": local_today().isoformat(),
    }


@pytest.mark.parametrize("role", ["expert", "partner", "team"])
def test_anyone_who_takes_part_sends_in_an_idea_in_their_own_words(
    app, client, login, make_user, raise_idea, role
):
    user = make_user(roles={role}, name="Indiener")
    idea_id, instance_id = raise_idea(user)
    with app.app_context():
        idea = db.session.get(SubprojectIdea, idea_id)
        assert idea.raised_by_id == user.id and "rekening" in idea.urgency
    instance = state_of(app, instance_id)
    assert instance.state == "idee" and "energierekening" not in instance.title
    assert instance.deadline_at - instance.entered_state_at == timedelta(days=14)
    login(client, user)
    page = client.get(f"{IDEAS}mijn-ideeen").text
    assert "Hulp bij de energierekening" in page and "Idee" in page


def test_a_visitor_and_a_board_member_cannot_send_in_an_idea(client, login, make_user):
    assert client.get(f"{IDEAS}idee").status_code in (302, 401)
    login(client, make_user(roles={"board"}))
    assert client.get(f"{IDEAS}idee").status_code == 403


def test_an_idea_without_its_urgency_is_refused_and_nothing_is_saved(app, client, login, make_user):
    login(client, make_user(roles={"expert"}))
    response = post_form(client, f"{IDEAS}idee", {"title": "", "urgency": "", "description": ""})
    assert response.status_code == 400
    assert "Schrijf in een paar woorden waar het over gaat." in response.text
    assert "Vertel waarom dit nodig is." in response.text
    response = post_form(client, f"{IDEAS}idee", {"title": "x" * 201, "urgency": "Nodig"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SubprojectIdea.id))) == 0


def test_the_idea_goes_from_advice_to_decision_to_a_working_group_and_an_evaluation(
    app, client, login, make_user, team, committee, raise_idea, fire
):
    expert = make_user(roles={"expert"}, name="Kofi Mensah")
    idea_id, instance_id = raise_idea(expert)
    # An optional note on a step is the team's own (found in review: the raiser read it).
    note = "Intern: eerst budget bij de gemeente navragen."
    assert fire(instance_id, "ask_advice", team, comment=note) == "advies"
    instance = state_of(app, instance_id)
    assert instance.deadline_at - instance.entered_state_at == timedelta(days=30)
    # The committee's advice becomes an advice of the body, followed up like any other.
    assert fire(instance_id, "record_advice", team, data=advice_data(committee)) == "besluit"
    with app.app_context():
        idea = db.session.get(SubprojectIdea, idea_id)
        advice = db.session.get(Advice, idea.advice_id)
        assert (advice.body_id, advice.subject) == (committee, "Hulp bij de energierekening")
        assert engine_of().instance_for(ADVICE_WORKFLOW, advice).state == "advies"
    instance = state_of(app, instance_id)
    assert instance.deadline_at - instance.entered_state_at == timedelta(days=30)
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "start", team)
    reasons = "Urgent in de hele stad, en twee partners hebben tijd."
    assert fire(instance_id, "start", team, comment=reasons) == "gestart"
    with app.app_context():
        idea = db.session.get(SubprojectIdea, idea_id)
        group = idea.working_group
        assert (group.kind, group.subproject) == ("working_group", "Hulp bij de energierekening")
    # Looking back needs an evaluation with the committee's verdict (part 5).
    with pytest.raises(WorkflowError, match="oordeel van de adviescommissie"):
        fire(instance_id, "evaluate", team, comment="120 huishoudens geholpen.")
    with app.app_context():
        db.session.add(
            Evaluation(
                idea_id=idea_id,
                year=local_today().year,
                committee_id=committee,
                verdict="Goed gedaan.",
                verdict_on=local_today(),
            )
        )
        db.session.commit()
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "evaluate", team)
    assert fire(instance_id, "evaluate", team, comment="120 huishoudens geholpen.") == "geevalueerd"
    # Whoever raised it reads each state and the team's reasons.
    login(client, expert)
    page = client.get(f"{IDEAS}mijn-ideeen").text
    for text in ("Geëvalueerd", reasons, "120 huishoudens geholpen.", "Gestart"):
        assert text in page, text
    assert note not in page
    page = client.get(f"{IDEAS}{idea_id}").text
    assert "Doen: het speelt in de hele stad." in page and reasons in page
    assert note not in page
    assert "Besluiten: we starten" not in page  # the steps are the team's


@pytest.mark.parametrize("steps", [[], ["ask_advice"], ["ask_advice", "record_advice"]])
def test_the_team_can_stop_an_idea_before_it_starts_with_its_reasons(
    app, client, login, make_user, team, committee, raise_idea, fire, steps
):
    partner = make_user(roles={"partner"})
    _, instance_id = raise_idea(partner)
    for trigger in steps:
        fire(instance_id, trigger, team, data=advice_data(committee))
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "stop", team)
    assert fire(instance_id, "stop", team, comment="Geen capaciteit dit jaar.") == "niet_doorgaan"
    login(client, partner)
    page = client.get(f"{IDEAS}mijn-ideeen").text
    assert "Gaat niet door" in page and "Geen capaciteit dit jaar." in page


def test_advice_is_asked_only_when_there_is_an_advisory_committee(
    app, make_user, team, raise_idea, fire
):
    _, instance_id = raise_idea(make_user(roles={"expert"}))
    with pytest.raises(WorkflowError, match="Maak eerst de adviescommissie aan"):
        fire(instance_id, "ask_advice", team)


def test_the_committees_advice_needs_a_committee_and_its_text(
    app, make_user, team, committee, raise_idea, fire
):
    _, instance_id = raise_idea(make_user(roles={"expert"}))
    fire(instance_id, "ask_advice", team)
    with app.app_context():
        working_group = Body(name="Werkgroep keurmerk", kind="working_group")
        db.session.add(working_group)
        db.session.commit()
        group_id = working_group.id
    for data in (
        {**advice_data(committee), "text": ""},
        {**advice_data(group_id)},  # a working group is not the advisory committee
        {**advice_data(committee), "given_on": "gisteren"},
    ):
        with pytest.raises(WorkflowError):
            fire(instance_id, "record_advice", team, data=data)
    assert state_of(app, instance_id).state == "advies"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Advice.id))) == 0


def test_only_the_team_takes_the_steps(app, make_user, committee, raise_idea, fire):
    expert = make_user(roles={"expert"})
    _, instance_id = raise_idea(expert)
    with pytest.raises(WorkflowError):
        fire(instance_id, "ask_advice", expert)
    with pytest.raises(WorkflowError):
        fire(instance_id, "stop", expert, comment="Laat maar.")


def test_an_idea_is_seen_by_the_team_and_its_raiser_only(
    app, client, login, make_user, team, raise_idea
):
    idea_id, _ = raise_idea(make_user(roles={"expert"}))
    login(client, make_user(roles={"partner"}))
    assert client.get(f"{IDEAS}{idea_id}").status_code == 404
    assert client.get(IDEAS).status_code == 403
    assert "Hulp bij de energierekening" not in client.get(f"{IDEAS}mijn-ideeen").text
    other = app.test_client()
    login(other, team)
    assert "Hulp bij de energierekening" in other.get(IDEAS).text
    assert "Advies vragen aan de adviescommissie" in other.get(f"{IDEAS}{idea_id}").text


def test_the_team_enables_the_installed_plugin_of_a_started_subproject(
    app, client, login, make_user, team, committee, raise_idea, fire, enable_plugin
):
    enable_plugin("sample", False)
    idea_id, instance_id = raise_idea(make_user(roles={"expert"}))
    url = f"{IDEAS}{idea_id}/aanzetten"
    login(client, team)
    # Not before it has started.
    response = post_form(client, url, {"plugin": "sample"}, form_url=f"{IDEAS}{idea_id}")
    assert response.status_code == 404
    fire(instance_id, "ask_advice", team)
    fire(instance_id, "record_advice", team, data=advice_data(committee))
    fire(instance_id, "start", team, comment="Urgent en er is tijd.")
    page = client.get(f"{IDEAS}{idea_id}").text
    assert "Deelproject aanzetten" in page and 'value="sample"' in page
    assert 'value="jijdoetertoe"' not in page  # only what is switched off
    response = post_form(client, url, {"plugin": "nonsense"}, form_url=f"{IDEAS}{idea_id}")
    assert response.status_code == 303
    assert "Kies een deelproject dat nu uit staat." in client.get(f"{IDEAS}{idea_id}").text
    with app.app_context():
        assert "sample" not in app.extensions["plugin_host"].enabled_names()
    response = post_form(client, url, {"plugin": "sample"}, form_url=f"{IDEAS}{idea_id}")
    assert response.status_code == 303
    with app.test_request_context():
        assert "sample" in app.extensions["plugin_host"].enabled_names()
        assert db.session.get(SubprojectIdea, idea_id).plugin_name == "sample"
        event = db.session.scalar(
            db.select(SecurityEvent).where(SecurityEvent.kind == "plugin_enabled")
        )
        assert (event.actor_id, event.detail) == (team.id, "sample")


def test_enabling_a_plugin_needs_the_admin_pages_right(
    app, client, login, make_user, committee, raise_idea
):
    idea_id, _ = raise_idea(make_user(roles={"expert"}))
    login(client, make_user(roles={"expert"}))
    response = post_form(
        client, f"{IDEAS}{idea_id}/aanzetten", {"plugin": "sample"}, form_url=f"{IDEAS}idee"
    )
    assert response.status_code == 403


def test_demo_has_ideas_started_waiting_for_advice_and_stopped_and_loads_twice(app):
    from core.demo import core_demo
    from plugins.jijdoetertoe.bodies.demo import load_bodies_demo
    from plugins.jijdoetertoe.demo import load_demo
    from plugins.jijdoetertoe.subprojects.demo import load_subprojects_demo

    with app.test_request_context():
        for _ in range(2):
            world = core_demo("demo-wachtwoord")
            load_demo(world)
            load_bodies_demo(world)
            load_subprojects_demo(world)
            db.session.commit()
        states = sorted(
            db.session.scalars(
                db.select(WorkflowInstance.state).where(WorkflowInstance.workflow_key == WORKFLOW)
            )
        )
        assert states == ["advies", "gestart", "niet_doorgaan"]
        started = db.session.scalar(
            db.select(SubprojectIdea).where(SubprojectIdea.working_group_id.is_not(None))
        )
        assert started.advice is not None and started.working_group.kind == "working_group"
        advice_state = engine_of().instance_for(ADVICE_WORKFLOW, started.advice).state
        assert advice_state == "overgenomen"
        fatima = db.session.scalar(
            db.select(User).where(User.email == "expert@demo.warmrotterdam.nl")
        )
        assert started.raised_by_id == fatima.id


def test_whoever_raised_the_idea_is_told_of_every_step_without_its_words(
    app, make_user, team, committee, raise_idea, fire
):
    from core.notifications.models import Notification

    expert = make_user(roles={"expert"})
    idea_id, instance_id = raise_idea(expert)
    fire(instance_id, "ask_advice", team)
    fire(instance_id, "stop", team, comment="Geen capaciteit.")
    with app.app_context():
        told = db.session.scalars(
            db.select(Notification)
            .where(Notification.user_id == expert.id)
            .order_by(Notification.id)
        ).all()
        assert [n.text for n in told] == [
            "Uw idee voor een nieuw deelproject staat nu op 'Advies gevraagd'.",
            "Uw idee voor een nieuw deelproject staat nu op 'Gaat niet door'.",
        ]
        assert told[0].url == f"{IDEAS}{idea_id}" and "energierekening" not in told[0].text


def test_the_lists_of_ideas_are_paged_and_cost_the_same_with_more_ideas(
    app, client, login, make_user, team, raise_idea
):
    """Found in review: the team's list had no pages and asked for each idea's sender, and
    'Mijn ideeën' asked two queries per idea for its course."""
    from tests.factories import QueryCounter

    expert = make_user(roles={"expert"})
    raise_idea(expert, title="Idee 0")
    own = app.test_client()
    login(own, expert)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as one:
        assert own.get(f"{IDEAS}mijn-ideeen").status_code == 200
    for n in range(1, 4):
        raise_idea(expert, title=f"Idee {n}")
    with QueryCounter(engine) as four:
        page = own.get(f"{IDEAS}mijn-ideeen").text
    assert all(f"Idee {n}" in page for n in range(4))
    assert four.count == one.count

    with app.app_context():
        db.session.add_all(
            SubprojectIdea(title=f"Los idee {n:02d}", urgency="Dringend", raised_by_id=expert.id)
            for n in range(50)
        )
        db.session.commit()
    login(client, team)
    first = client.get(IDEAS).text
    assert (
        first.count('href="/jijdoetertoe/deelprojecten/') - first.count("deelprojecten/idee") >= 50
    )
    assert f"{IDEAS}?page=2" in first
    second = client.get(f"{IDEAS}?page=2").text
    assert second.count("<tr>") - 1 == 4  # 54 ideas: 50, then 4 (the header row aside)
