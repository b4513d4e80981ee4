"""Jij doet ertoe, part 4: expert pools on request. A resident or partner asks for help, the
team proposes qualified, active, consenting experts, each expert decides, and the work done
lands in the expert's involvement log and the count per quarter."""

from datetime import date, timedelta

import pytest

from core.accounts.models import User
from core.api import WorkflowError, WorkflowInstance, engine_of, local_today
from core.extensions import db
from core.testing import post_form
from plugins.jijdoetertoe.experts.models import Expert, Involvement, Qualification
from plugins.jijdoetertoe.experts.rules import WORKFLOW as EXPERT_WORKFLOW
from plugins.jijdoetertoe.pools.models import PoolProposal, PoolRequest
from plugins.jijdoetertoe.pools.rules import WORKFLOW, candidates, done_per_quarter

ASK = "/jijdoetertoe/hulp-vragen"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def make_expert(app, team):
    """An expert in `state` of the recruitment workflow, with consent unless told otherwise,
    holding the qualifications named (kind, or (kind, expires_on))."""

    def make(name, state="actief", consent=True, user=None, qualifications=()):
        with app.app_context():
            expert = Expert(
                name=name,
                channel="phone",
                contact="06 12 34 56 78",
                district="Charlois",
                source="team",
                availability="Dinsdagmiddag",
                user_id=user.id if user else None,
                consent_on=local_today() - timedelta(days=30),
                consent_how="Mondeling",
            )
            for q in qualifications:
                kind, expires = q if isinstance(q, tuple) else (q, None)
                expert.qualifications.append(
                    Qualification(
                        kind=kind,
                        obtained_on=local_today() - timedelta(days=400),
                        expires_on=expires,
                    )
                )
            db.session.add(expert)
            db.session.flush()
            actor = db.session.get(User, team.id)
            instance = engine_of().start(EXPERT_WORKFLOW, expert, title="E", actor=actor)
            db.session.commit()
            steps = {
                "kennismaking": ["meet"],
                "actief": ["meet", "activate"],
                "pauze": ["meet", "activate", "pause"],
            }[state]
            for trigger in steps:
                engine_of().fire(instance.id, trigger, actor=actor, comment="Reden")
            if not consent:
                expert.consent_revoked_on = local_today()
                db.session.commit()
            return expert.id

    return make


@pytest.fixture
def make_request(app, start_workflow):
    """A resident's request in state binnengekomen; returns (request id, instance id)."""

    def make(help_kind="objection_letter", organisation=None):
        with app.app_context():
            pool_request = PoolRequest(
                help_kind=help_kind,
                description="Bezwaar tegen een terugvordering",
                requester_name="Ria de Bewoner" if organisation is None else None,
                requester_contact="06 99 88 77 66" if organisation is None else None,
                organisation_id=getattr(organisation, "id", None),
            )
            db.session.add(pool_request)
            db.session.commit()
            return pool_request.id, start_workflow(WORKFLOW, pool_request, organisation)

    return make


def proposals_of(app, request_id):
    with app.app_context():
        return {
            p.expert_id: p.answer
            for p in db.session.scalars(
                db.select(PoolProposal).where(PoolProposal.request_id == request_id)
            )
        }


def proposal_id(app, request_id, expert_id):
    with app.app_context():
        return db.session.scalar(
            db.select(PoolProposal.id).where(
                PoolProposal.request_id == request_id, PoolProposal.expert_id == expert_id
            )
        )


def test_a_resident_asks_for_help_with_an_objection_letter_without_an_account(
    app, client, login, team
):
    response = post_form(
        client,
        ASK,
        {
            "help_kind": "objection_letter",
            "description": "Ik wil bezwaar maken tegen de terugvordering van toeslag.",
            "wanted_when": "Voor 20 januari",
            "wanted_where": "Bij mij thuis",
            "requester_name": "Ria de Bewoner",
            "requester_contact": "06 99 88 77 66",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/jijdoetertoe/hulp-vragen/bedankt")
    assert "Bedankt voor uw verzoek" in client.get(response.headers["Location"]).text
    with app.app_context():
        pool_request = db.session.scalar(db.select(PoolRequest))
        assert (pool_request.requester_name, pool_request.organisation_id) == (
            "Ria de Bewoner",
            None,
        )
        instance = engine_of().instance_for(WORKFLOW, pool_request)
        # The team finds someone within 7 days; the stored title names nobody.
        assert instance.state == "binnengekomen" and "Ria" not in instance.title
        assert instance.deadline_at - instance.entered_state_at == timedelta(days=7)
        request_id = pool_request.id
    login(client, team)
    page = client.get(f"/jijdoetertoe/verzoeken/{request_id}").text
    assert "Ria de Bewoner" in page and "06 99 88 77 66" in page
    assert "Stand: Binnengekomen" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("help_kind", "", "Kies waar u hulp bij wilt."),
        ("help_kind", "money", "Ongeldige keuze."),
        ("description", "  ", "Vertel kort wat u nodig heeft."),
        ("description", "x" * 2001, "Gebruik hoogstens 2000 tekens."),
        ("requester_name", "", "Vul uw naam in."),
        ("requester_contact", "", "Vul in hoe wij u bereiken."),
        ("wanted_where", "x" * 201, "Gebruik hoogstens 200 tekens."),
    ],
)
def test_bad_input_on_the_request_form_saves_nothing(app, client, field, value, message):
    data = {
        "help_kind": "training",
        "description": "Training voor klantmanagers",
        "requester_name": "Ria",
        "requester_contact": "ria@example.org",
    }
    data[field] = value
    response = post_form(client, ASK, data)
    assert response.status_code == 400 and message in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PoolRequest.id))) == 0
        assert db.session.scalar(db.select(db.func.count(WorkflowInstance.id))) == 0


def test_a_partner_asks_for_its_own_organisation_and_sees_only_its_own_requests(
    app, client, login, make_organisation, make_user, make_request
):
    pluspunt = make_organisation("Stichting Pluspunt", "social_enterprise")
    other = make_organisation("Buurtlab", "social_enterprise")
    make_request(help_kind="other", organisation=other)
    partner = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, partner)
    form = client.get(ASK).text
    # No name or contact asked: the partner's account says who asks.
    assert 'name="requester_name"' not in form and 'name="requester_contact"' not in form
    assert f'<option value="{pluspunt.id}">Stichting Pluspunt' in form
    assert f'<option value="{other.id}"' not in form
    data = {"help_kind": "training", "description": "Training voor vrijwilligers"}
    refused = post_form(client, ASK, {**data, "organisation_id": str(other.id)})
    assert refused.status_code == 400
    response = post_form(client, ASK, {**data, "organisation_id": str(pluspunt.id)})
    assert response.status_code == 303
    with app.app_context():
        mine = db.session.scalar(
            db.select(PoolRequest).where(PoolRequest.organisation_id == pluspunt.id)
        )
        assert mine.requested_by_id == partner.id and mine.requester_contact is None
        assert engine_of().instance_for(WORKFLOW, mine).organisation_id == pluspunt.id
        mine_id = mine.id
    listing = client.get("/jijdoetertoe/verzoeken").text
    assert f"Verzoek {mine_id}" in listing and "Een training voor professionals" in listing
    assert "Iets anders" not in listing  # the other organisation's request
    assert "Uitgevoerd per kwartaal" not in listing
    # The request with its proposed experts is the team's.
    assert client.get(f"/jijdoetertoe/verzoeken/{mine_id}").status_code == 403


def test_only_qualified_active_consenting_experts_are_candidates(
    app, app_ctx, make_expert, make_request
):
    yesterday = local_today() - timedelta(days=1)
    fits = make_expert("Henk", qualifications=["objection_helper"])
    expired = make_expert("Expired", qualifications=[("objection_helper", yesterday)])
    make_expert("On a break", state="pauze", qualifications=["objection_helper"])
    make_expert("Getting acquainted", state="kennismaking", qualifications=["objection_helper"])
    make_expert("Consent withdrawn", consent=False, qualifications=["objection_helper"])
    trainer = make_expert("Trainer", qualifications=["trainer"])
    letter_id, _i = make_request("objection_letter")
    training_id, _j = make_request("training")
    other_id, _k = make_request("other")

    def ids(request_id):
        return [e.id for e in candidates(db.session.get(PoolRequest, request_id))]

    assert ids(letter_id) == [fits]
    assert ids(training_id) == [trainer]
    # Other help: any active expert with consent, whatever their qualifications.
    assert sorted(ids(other_id)) == sorted([fits, expired, trainer])


def test_the_team_links_a_qualified_expert_and_not_someone_else(
    app, team, fire, make_expert, make_request
):
    henk = make_expert("Henk", qualifications=["objection_helper"])
    ans = make_expert("Ans", qualifications=["objection_helper"])
    not_qualified = make_expert("Trainer", qualifications=["trainer"])
    request_id, instance_id = make_request()
    with pytest.raises(WorkflowError):
        fire(instance_id, "link", team, data={"expert_ids": [str(not_qualified)]})
    with pytest.raises(WorkflowError):
        fire(instance_id, "link", team, data={})
    assert proposals_of(app, request_id) == {}
    assert fire(instance_id, "link", team, data={"expert_ids": [str(henk)]}) == "gekoppeld"
    assert proposals_of(app, request_id) == {henk: None}
    # Henk is proposed already: only Ans is left to propose.
    with pytest.raises(WorkflowError):
        fire(instance_id, "propose_more", team, data={"expert_ids": [str(henk), str(ans)]})
    assert proposals_of(app, request_id) == {henk: None}
    assert fire(instance_id, "propose_more", team, data={"expert_ids": [str(ans)]}) == "gekoppeld"
    assert proposals_of(app, request_id) == {henk: None, ans: None}
    with pytest.raises(WorkflowError, match="geen ervaringsdeskundige"):
        fire(instance_id, "propose_more", team, data={"expert_ids": [str(ans)]})


def test_linking_needs_a_candidate(app, team, fire, make_expert, make_request):
    make_expert("Trainer", qualifications=["trainer"])
    _request_id, instance_id = make_request("objection_letter")
    with pytest.raises(WorkflowError, match="geen ervaringsdeskundige"):
        fire(instance_id, "link", team, data={})


def test_the_expert_decides_on_their_own_page(
    app, client, login, team, fire, make_expert, make_request, make_user
):
    account = make_user(roles={"expert"}, name="Fatima")
    fatima = make_expert("Fatima", user=account, qualifications=["objection_helper"])
    henk = make_expert("Henk", qualifications=["objection_helper"])
    request_id, instance_id = make_request()
    fire(instance_id, "link", team, data={"expert_ids": [str(fatima), str(henk)]})
    login(client, account)
    # Found walking the demo: the open question showed only on her own page, not as a task.
    task = f"Verzoek om hulp {request_id}: doet u mee?"
    assert task in client.get("/tasks").text and task in client.get("/").text
    page = client.get("/jijdoetertoe/mijn-inbreng").text
    assert "Verzoeken om uw hulp" in page and "Bezwaar tegen een terugvordering" in page
    # Never the resident's name or number.
    assert "Ria de Bewoner" not in page and "06 99 88 77 66" not in page
    mine = proposal_id(app, request_id, fatima)
    response = post_form(
        client,
        f"/jijdoetertoe/mijn-inbreng/voorstellen/{mine}",
        {"answer": "accepted"},
        form_url="/jijdoetertoe/mijn-inbreng",
    )
    assert response.status_code == 303
    assert proposals_of(app, request_id) == {fatima: "accepted", henk: None}
    assert task not in client.get("/tasks").text  # answered: no longer a task
    # Henk's proposal is not Fatima's to answer.
    henks = proposal_id(app, request_id, henk)
    response = post_form(
        client,
        f"/jijdoetertoe/mijn-inbreng/voorstellen/{henks}",
        {"answer": "declined"},
        form_url="/jijdoetertoe/mijn-inbreng",
    )
    assert response.status_code == 404
    bad = post_form(
        client,
        f"/jijdoetertoe/mijn-inbreng/voorstellen/{mine}",
        {"answer": "maybe"},
        form_url="/jijdoetertoe/mijn-inbreng",
    )
    assert bad.status_code == 400
    assert proposals_of(app, request_id) == {fatima: "accepted", henk: None}


def test_the_team_records_the_answer_only_for_an_expert_without_an_account(
    app, client, login, team, fire, make_expert, make_request, make_user
):
    account = make_user(roles={"expert"}, name="Fatima")
    fatima = make_expert("Fatima", user=account, qualifications=["objection_helper"])
    henk = make_expert("Henk", qualifications=["objection_helper"])
    request_id, instance_id = make_request()
    fire(instance_id, "link", team, data={"expert_ids": [str(fatima), str(henk)]})
    login(client, team)
    page_url = f"/jijdoetertoe/verzoeken/{request_id}"
    page = client.get(page_url).text
    assert "Zegt ja" in page and "antwoordt zelf op de eigen pagina" in page
    # The history of the step names whom the team proposed.
    assert "Henk (al voorgesteld)" in page
    url = "/jijdoetertoe/verzoeken/voorstellen/{}/antwoord"
    henks = proposal_id(app, request_id, henk)
    response = post_form(client, url.format(henks), {"answer": "declined"}, form_url=page_url)
    assert response.status_code == 303
    fatimas = proposal_id(app, request_id, fatima)
    response = post_form(client, url.format(fatimas), {"answer": "accepted"}, form_url=page_url)
    assert response.status_code == 404
    assert proposals_of(app, request_id) == {fatima: None, henk: "declined"}
    with app.app_context():
        proposal = db.session.get(PoolProposal, henks)
        assert proposal.answered_by_id == team.id and proposal.answered_at is not None


def test_done_needs_a_yes_and_records_the_work_in_the_involvement_log(
    app, client, login, team, fire, make_expert, make_request, make_user
):
    account = make_user(roles={"expert"}, name="Fatima")
    fatima = make_expert("Fatima", user=account, qualifications=["objection_helper"])
    henk = make_expert("Henk", qualifications=["objection_helper"])
    request_id, instance_id = make_request()
    fire(instance_id, "link", team, data={"expert_ids": [str(fatima), str(henk)]})
    done = {"done_on": local_today().isoformat(), "hours": "1,5"}
    with pytest.raises(WorkflowError, match="ja gezegd"):
        fire(instance_id, "done", team, data=done)
    with app.app_context():
        db.session.get(PoolProposal, proposal_id(app, request_id, fatima)).answer = "accepted"
        db.session.get(PoolProposal, proposal_id(app, request_id, henk)).answer = "declined"
        db.session.commit()
    for bad in (
        {"done_on": "", "hours": "2"},
        {"done_on": (local_today() + timedelta(days=1)).isoformat(), "hours": "2"},
        {"done_on": local_today().isoformat(), "hours": "veel"},
        {"done_on": local_today().isoformat(), "hours": "25"},
    ):
        with pytest.raises(WorkflowError):
            fire(instance_id, "done", team, data=bad)
    assert fire(instance_id, "done", team, data=done) == "uitgevoerd"
    with app.app_context():
        involvements = db.session.scalars(db.select(Involvement)).all()
        # Only the expert who said yes.
        assert [(i.expert_id, i.minutes, i.done_on) for i in involvements] == [
            (fatima, 90, local_today())
        ]
        assert involvements[0].what == "Inzet op verzoek: Hulp bij een bezwaarbrief"
        assert db.session.get(PoolRequest, request_id).done_on == local_today()
        proposal = db.session.get(PoolProposal, proposal_id(app, request_id, fatima))
        assert proposal.involvement_id == involvements[0].id
    login(client, account)
    page = client.get("/jijdoetertoe/mijn-inbreng").text
    assert "Inzet op verzoek: Hulp bij een bezwaarbrief" in page
    assert "Verzoeken om uw hulp" not in page  # nothing left to answer
    # Answers no longer change once it is done.
    response = post_form(
        client,
        f"/jijdoetertoe/mijn-inbreng/voorstellen/{proposal_id(app, request_id, fatima)}",
        {"answer": "declined"},
        form_url="/jijdoetertoe/mijn-inbreng",
    )
    assert response.status_code == 303
    assert proposals_of(app, request_id)[fatima] == "accepted"


def test_cancelling_needs_a_reason_and_only_the_team_takes_steps(
    app, team, fire, make_expert, make_request, make_organisation, make_user
):
    henk = make_expert("Henk", qualifications=["objection_helper"])
    organisation = make_organisation("Stichting Pluspunt", "social_enterprise")
    _request_id, instance_id = make_request(organisation=organisation)
    partner = make_user(roles={"partner"}, organisation=organisation)
    for someone in (partner, make_user(roles={"expert"})):
        with pytest.raises(WorkflowError):
            fire(instance_id, "link", someone, data={"expert_ids": [str(henk)]})
        with pytest.raises(WorkflowError):
            fire(instance_id, "cancel", someone, comment="Niet meer nodig")
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(instance_id, "cancel", team)
    assert fire(instance_id, "cancel", team, comment="Al geholpen via Samen010") == "geannuleerd"


def test_requests_done_are_counted_per_quarter_on_the_list(app, client, login, team, make_request):
    with app.app_context():
        for day in (date(2026, 1, 15), date(2026, 3, 31), date(2026, 4, 1), date(2025, 12, 31)):
            db.session.add(PoolRequest(help_kind="training", description="x", done_on=day))
        db.session.commit()
        assert done_per_quarter() == [(2026, 2, 1), (2026, 1, 2), (2025, 4, 1)]
    login(client, team)
    page = client.get("/jijdoetertoe/verzoeken").text
    assert "2026, kwartaal 1: 2" in page and "2025, kwartaal 4: 1" in page


def test_who_may_open_the_pool_pages(app, client, login, make_user, make_request, team):
    request_id, _i = make_request()
    assert client.get("/jijdoetertoe/verzoeken").status_code == 302
    assert client.get(ASK).status_code == 200
    login(client, make_user(roles={"expert"}))
    assert client.get("/jijdoetertoe/verzoeken").status_code == 403
    assert client.get(f"/jijdoetertoe/verzoeken/{request_id}").status_code == 403
    team_client = app.test_client()
    login(team_client, team)
    assert team_client.get(f"/jijdoetertoe/verzoeken/{request_id + 9}").status_code == 404
    assert team_client.get("/jijdoetertoe/verzoeken").status_code == 200
