"""Jij doet ertoe, part 1: the register of experts by experience, their recruitment,
qualifications, involvement and allowance, and what they see of it themselves."""

import re
from datetime import date, timedelta

import pytest

from core.accounts.models import User
from core.api import WorkflowError, engine_of, local_today, qualified_people
from core.extensions import db
from core.testing import post_form
from plugins.jijdoetertoe.experts.models import Expert, Involvement, Qualification
from plugins.jijdoetertoe.experts.rules import WORKFLOW, qualified_accounts

NEW = "/jijdoetertoe/experts/new"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def make_expert(app, team):
    """An expert in the register, put into the recruitment workflow, in `state` (by steps
    through the engine) and with consent unless told otherwise."""

    def make(name="Ria van Dam", state="aangemeld", consent=True, user=None, **fields):
        with app.app_context():
            expert = Expert(
                name=name,
                channel="phone",
                contact="06 12 34 56 78",
                district="Charlois",
                source="team",
                user_id=user.id if user else None,
                consent_on=local_today() if consent else None,
                consent_how="Mondeling" if consent else None,
                **fields,
            )
            db.session.add(expert)
            db.session.flush()
            actor = db.session.get(User, team.id)
            instance = engine_of().start(WORKFLOW, expert, title="Ervaringsdeskundige", actor=actor)
            db.session.commit()
            path = {
                "aangemeld": [],
                "kennismaking": ["meet"],
                "actief": ["meet", "activate"],
                "pauze": ["meet", "activate", "pause"],
                "gestopt": ["stop"],
            }[state]
            for trigger in path:
                engine_of().fire(instance.id, trigger, actor=actor, comment="Om een reden")
            return expert.id, instance.id

    return make


def state_of(app, instance_id):
    from core.api import WorkflowInstance

    with app.app_context():
        return db.session.get(WorkflowInstance, instance_id).state


def test_the_team_registers_an_expert_without_an_account_met_at_a_warmtebron(
    app, client, login, team, make_organisation
):
    buurtlab = make_organisation("Buurtlab", "social_enterprise")
    login(client, team)
    response = post_form(
        client,
        NEW,
        {
            "name": "Kofi Mensah",
            "channel": "via_partner",
            "contact": "Via Buurtlab, vraag naar Inge",
            "via_organisation_id": str(buurtlab.id),
            "district": "Delfshaven",
            "languages": "Nederlands, Twi",
            "themes": "Werk zoeken",
            "availability": "Dinsdagmiddag",
            "exemption_note": "Vrijgesteld zolang actief, afgesproken met de klantmanager",
            "source": "warmtebron",
            "source_organisation_id": str(buurtlab.id),
            "user_id": "",
            "consent_on": "2026-11-30",
            "consent_how": "Mondeling bij Buurtlab",
            "consent_shares": "Naam en wijk",
        },
    )
    assert response.status_code == 303, response.text
    with app.app_context():
        expert = db.session.scalar(db.select(Expert))
        assert (expert.name, expert.source, expert.source_organisation_id) == (
            "Kofi Mensah",
            "warmtebron",
            buurtlab.id,
        )
        assert expert.user_id is None and expert.registered_by_id == team.id
        assert expert.consent_on == date(2026, 11, 30) and expert.has_consent
        instance = engine_of().instance_for(WORKFLOW, expert)
        # A first meeting is due within 14 days; the stored title carries no name.
        assert instance.state == "aangemeld" and "Kofi" not in instance.title
        assert instance.deadline_at - instance.entered_state_at == timedelta(days=14)
        expert_id = expert.id
    page = client.get(f"/jijdoetertoe/experts/{expert_id}").text
    assert "Via Buurtlab, vraag naar Inge" in page and "Mondeling bij Buurtlab" in page
    assert "Kennismaking plannen" in page  # the workflow panel with the next step


def test_bad_input_says_per_field_what_is_wrong_and_saves_nothing(app, client, login, team):
    login(client, team)
    response = post_form(
        client,
        NEW,
        {
            "name": "",
            "channel": "pigeon",
            "contact": "",
            "district": "Amsterdam",
            "source": "network",
            "source_organisation_id": "",
            "via_organisation_id": "",
            "user_id": "",
            "consent_on": "gisteren",
        },
    )
    assert response.status_code == 400
    page = response.text
    for message in (
        "Vul de naam in.",
        "Vul in hoe we deze persoon bereiken.",
        "Kies het netwerk of de Warmtebron.",
    ):
        assert message in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Expert.id))) == 0

    # Consent given needs to say how; one account belongs to one expert.
    response = post_form(
        client,
        NEW,
        {
            "name": "Ria",
            "channel": "phone",
            "contact": "06",
            "district": "Charlois",
            "source": "team",
            "source_organisation_id": "",
            "via_organisation_id": "",
            "user_id": "",
            "consent_on": "2026-11-30",
            "consent_how": "",
        },
    )
    assert response.status_code == 400
    assert "Schrijf op hoe de toestemming is gegeven." in response.text


def test_one_account_belongs_to_one_expert(app, client, login, team, make_user, make_expert):
    account = make_user(roles={"expert"}, name="Fatima Ervaring")
    make_expert(user=account)
    login(client, team)
    response = post_form(
        client,
        NEW,
        {
            "name": "Fatima Tweede",
            "channel": "phone",
            "contact": "06",
            "district": "Charlois",
            "source": "team",
            "source_organisation_id": "",
            "via_organisation_id": "",
            "user_id": str(account.id),
        },
    )
    assert response.status_code == 400
    assert "Dit account hoort al bij een andere ervaringsdeskundige." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Expert.id))) == 1


@pytest.mark.parametrize("role", ["expert", "board", "partner", "co_auditor"])
def test_contact_details_and_consent_are_for_the_team_only(
    app, client, login, make_user, make_expert, role, make_organisation
):
    expert_id, _ = make_expert()
    organisation = make_organisation("Stichting Pluspunt") if role == "partner" else None
    login(client, make_user(roles={role}, organisation=organisation))
    for url in (
        "/jijdoetertoe/",
        f"/jijdoetertoe/experts/{expert_id}",
        f"/jijdoetertoe/experts/{expert_id}/edit",
        f"/jijdoetertoe/experts/{expert_id}/involvements/new",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "06 12 34 56 78" not in response.text


def test_other_plugins_learn_only_who_holds_a_qualification(app, make_user, make_expert):
    """The hook hands out accounts (a name), nothing of the register: no contact, no consent."""
    account = make_user(roles={"expert"}, name="Esra Ervaring")
    expert_id, _ = make_expert(state="actief", user=account)
    with app.app_context():
        db.session.add(
            Qualification(expert_id=expert_id, kind="co_auditor", obtained_on=local_today())
        )
        db.session.commit()
    with app.test_request_context():
        people = qualified_people("keurmerk.co_auditor")
        assert [(type(p), p.display_name) for p in people] == [(User, "Esra Ervaring")]
        assert qualified_people("passendwerk.lifecoach") == []
        from plugins import jijdoetertoe

        assert jijdoetertoe.warmrotterdam_qualified_people(qualification="iets.onbekends") == []


def test_every_step_of_recruitment_and_its_guards(app, fire, team, make_user, make_expert):
    expert_id, instance_id = make_expert(consent=False)
    outsider = make_user(roles={"expert"})
    with pytest.raises(WorkflowError):
        fire(instance_id, "meet", outsider)  # only the team moves an expert on
    assert state_of(app, instance_id) == "aangemeld"
    assert fire(instance_id, "meet", team) == "kennismaking"
    with app.app_context():
        deadline = engine_of().instance_for(WORKFLOW, db.session.get(Expert, expert_id))
        assert deadline.deadline_at - deadline.entered_state_at == timedelta(days=30)

    # Nobody becomes active without consent.
    with pytest.raises(WorkflowError, match="toestemming"):
        fire(instance_id, "activate", team)
    assert state_of(app, instance_id) == "kennismaking"
    with app.app_context():
        expert = db.session.get(Expert, expert_id)
        expert.consent_on, expert.consent_how = local_today(), "Op papier getekend"
        db.session.commit()
    assert fire(instance_id, "activate", team) == "actief"

    # A break and a stop say why.
    with pytest.raises(WorkflowError):
        fire(instance_id, "pause", team)
    assert state_of(app, instance_id) == "actief"
    assert fire(instance_id, "pause", team, comment="Zorgt voor haar moeder") == "pauze"

    # Back from the break only while consent stands.
    with app.app_context():
        db.session.get(Expert, expert_id).consent_revoked_on = local_today()
        db.session.commit()
    with pytest.raises(WorkflowError, match="toestemming"):
        fire(instance_id, "resume", team)
    with app.app_context():
        expert = db.session.get(Expert, expert_id)
        expert.consent_revoked_on, expert.consent_on = None, local_today()
        db.session.commit()
    assert fire(instance_id, "resume", team) == "actief"

    with pytest.raises(WorkflowError):
        fire(instance_id, "stop", team)
    assert fire(instance_id, "stop", team, comment="Verhuisd naar Den Haag") == "gestopt"
    with pytest.raises(WorkflowError):
        fire(instance_id, "resume", team)  # stopping is the end


@pytest.mark.parametrize("state", ["aangemeld", "kennismaking", "pauze"])
def test_an_expert_can_stop_from_every_open_state(app, fire, team, make_expert, state):
    _, instance_id = make_expert(state=state)
    assert fire(instance_id, "stop", team, comment="Wil niet meer") == "gestopt"


def test_the_team_revokes_consent_and_the_expert_is_no_longer_offered(
    app, client, login, team, make_user, make_expert
):
    account = make_user(roles={"expert"}, name="Esra Ervaring")
    expert_id, _ = make_expert(state="actief", user=account)
    with app.app_context():
        db.session.add(
            Qualification(expert_id=expert_id, kind="co_auditor", obtained_on=local_today())
        )
        db.session.commit()
        assert [u.id for u in qualified_accounts("co_auditor")] == [account.id]
    login(client, team)
    url = f"/jijdoetertoe/experts/{expert_id}"
    response = post_form(client, f"{url}/consent/revoke", {}, form_url=url)
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Expert, expert_id).consent_revoked_on == local_today()
        assert qualified_accounts("co_auditor") == []
    assert client.post(f"{url}/consent/revoke").status_code == 400  # no CSRF token, no change


def test_a_qualification_counts_from_its_date_until_it_expires(
    app, client, login, team, make_user, make_expert
):
    account = make_user(roles={"expert"}, name="Esra Ervaring")
    expert_id, _ = make_expert(state="actief", user=account)
    login(client, team)
    url = f"/jijdoetertoe/experts/{expert_id}/qualifications/new"
    bad = post_form(
        client,
        url,
        {"kind": "co_auditor", "obtained_on": "2026-06-01", "expires_on": "2026-01-01"},
    )
    assert bad.status_code == 400
    assert "De einddatum ligt voor de datum van behalen." in bad.text
    response = post_form(
        client,
        url,
        {"kind": "co_auditor", "obtained_on": "2026-06-01", "expires_on": "2028-05-31"},
    )
    assert response.status_code == 303
    with app.app_context():
        assert [q.kind for q in db.session.scalars(db.select(Qualification))] == ["co_auditor"]
        assert qualified_accounts("co_auditor", date(2026, 5, 31)) == []
        assert [u.id for u in qualified_accounts("co_auditor", date(2026, 6, 1))] == [account.id]
        assert [u.id for u in qualified_accounts("co_auditor", date(2028, 5, 31))] == [account.id]
        assert qualified_accounts("co_auditor", date(2028, 6, 1)) == []
        assert qualified_accounts("lifecoach", date(2027, 1, 1)) == []


@pytest.mark.parametrize("state", ["aangemeld", "kennismaking", "pauze", "gestopt"])
def test_only_active_experts_are_qualified(app, make_user, make_expert, state):
    account = make_user(roles={"expert"})
    expert_id, _ = make_expert(state=state, user=account)
    with app.app_context():
        db.session.add(
            Qualification(expert_id=expert_id, kind="co_auditor", obtained_on=local_today())
        )
        db.session.commit()
        assert qualified_accounts("co_auditor") == []


def test_keurmerks_co_auditor_picker_offers_trained_experts_only_with_the_plugin_enabled(
    app, make_user, make_expert, enable_plugin
):
    from plugins.keurmerk.certification.forms import PlanAuditForm

    enable_plugin("keurmerk")
    trained = make_user(roles={"expert"}, name="Esra Ervaring")
    untrained = make_user(roles={"expert"}, name="Uma Ongeschoold")
    expert_id, _ = make_expert(state="actief", user=trained)
    make_expert(name="Uma", state="actief", user=untrained)
    with app.app_context():
        db.session.add(
            Qualification(expert_id=expert_id, kind="co_auditor", obtained_on=local_today())
        )
        db.session.commit()

    def offered():
        with app.test_request_context():
            return {str(choice.label) for choice in PlanAuditForm().co_auditor_id.choices}

    assert "Esra Ervaring" in offered() and "Uma Ongeschoold" not in offered()
    enable_plugin("jijdoetertoe", False)
    assert "Esra Ervaring" not in offered()


def involvement(allowance, done_on="2026-03-01", confirm=False, hours="2", subproject=None):
    data = {
        "done_on": done_on,
        "what": "Normen getest met de klankbordgroep",
        "subproject": subproject or "Jij doet ertoe",
        "subproject_other": "",
        "hours": hours,
        "allowance": allowance,
    }
    if confirm:
        data["confirm_over_maximum"] = "y"
    return data


def test_the_yearly_allowance_maximum_is_a_setting_of_2100_euros(app):
    assert app.config["JIJDOETERTOE_VOLUNTEER_ALLOWANCE_YEARLY_MAX_EUROS"] == 2100


def test_an_allowance_past_the_yearly_maximum_warns_and_needs_a_confirmation(
    app, client, login, team, make_expert
):
    expert_id, _ = make_expert(state="actief")
    with app.app_context():
        db.session.add(
            Involvement(
                expert_id=expert_id,
                done_on=date(2026, 2, 1),
                what="Trainingen",
                subproject="Jij doet ertoe",
                minutes=600,
                allowance_cents=200000,
            )
        )
        db.session.commit()
    login(client, team)
    url = f"/jijdoetertoe/experts/{expert_id}/involvements/new"

    def saved():
        with app.app_context():
            return db.session.scalars(
                db.select(Involvement.allowance_cents).order_by(Involvement.id)
            ).all()

    # 2,000 + 150 passes 2,100: a warning, the box to tick, and nothing saved.
    response = post_form(client, url, involvement("150"))
    assert response.status_code == 400
    assert "Let op: boven het wettelijk maximum." in response.text
    assert 'name="confirm_over_maximum"' in response.text
    assert saved() == [200000]
    # Ticked: saved, knowingly.
    assert post_form(client, url, involvement("150", confirm=True)).status_code == 303
    assert saved() == [200000, 15000]

    # Up to the maximum exactly, or in another year, no warning.
    expert_2, _ = make_expert(name="Henk", state="actief")
    url_2 = f"/jijdoetertoe/experts/{expert_2}/involvements/new"
    assert post_form(client, url_2, involvement("2100,00")).status_code == 303
    assert post_form(client, url_2, involvement("25", done_on="2027-01-02")).status_code == 303
    response = post_form(client, url_2, involvement("0,01"))
    assert response.status_code == 400 and "boven het wettelijk maximum" in response.text


def test_bad_hours_and_amounts_are_refused_with_a_clear_message(
    app, client, login, team, make_expert
):
    expert_id, _ = make_expert(state="actief")
    login(client, team)
    url = f"/jijdoetertoe/experts/{expert_id}/involvements/new"
    response = post_form(client, url, involvement("twintig", hours="veel"))
    assert response.status_code == 400
    assert "Vul de uren in als getal, bijvoorbeeld 1,5." in response.text
    assert "Vul een bedrag in euro in, bijvoorbeeld 25 of 12,50." in response.text
    response = post_form(client, url, involvement("10", hours="30"))
    assert "Vul tussen 0 en 24 uur in." in response.text
    response = post_form(client, url, involvement("10", subproject="__other__"))
    assert "Vul in voor welk deelproject." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Involvement.id))) == 0
    # A free-text subproject, and hours with a comma.
    data = {
        **involvement("12,50", hours="1,5", subproject="__other__"),
        "subproject_other": "Buurtkracht",
    }
    assert post_form(client, url, data).status_code == 303
    with app.app_context():
        row = db.session.scalar(db.select(Involvement))
        assert (row.subproject, row.minutes, row.allowance_cents) == ("Buurtkracht", 90, 1250)


def test_the_subprojects_offered_are_the_enabled_plugins(
    app, client, login, team, make_expert, enable_plugin
):
    enable_plugin("keurmerk")
    enable_plugin("campaign", False)
    expert_id, _ = make_expert()
    login(client, team)
    page = client.get(f"/jijdoetertoe/experts/{expert_id}/involvements/new").text
    assert "Jij doet ertoe" in page and "Keurmerk Warm Sociaal Incasseren" in page
    assert "Warme stad" not in page


def test_the_expert_sees_what_came_of_their_contribution(
    app, client, login, team, make_user, make_expert
):
    account = make_user(roles={"expert"}, name="Esra Ervaring")
    other = make_user(roles={"expert"}, name="Olga Ander")
    expert_id, _ = make_expert(state="actief", user=account)
    other_id, _ = make_expert(name="Olga", state="actief", user=other)
    with app.app_context():
        for subject, what in ((expert_id, "Normen getest"), (other_id, "Stuk geschreven")):
            db.session.add(
                Involvement(
                    expert_id=subject,
                    done_on=date(2026, 3, 1),
                    what=what,
                    subproject="Keurmerk",
                    minutes=120,
                    allowance_cents=0,
                )
            )
        db.session.commit()
        involvement_id = db.session.scalar(
            db.select(Involvement.id).where(Involvement.expert_id == expert_id)
        )
    login(client, team)
    url = f"/jijdoetertoe/involvements/{involvement_id}/result"
    assert post_form(client, url, {"result": ""}).status_code == 400
    assert post_form(client, url, {"result": "Norm I1 is herschreven."}).status_code == 303

    own = app.test_client()
    login(own, account)
    page = own.get("/jijdoetertoe/mijn-inbreng").text
    assert "Normen getest" in page and "Norm I1 is herschreven." in page
    assert "Stuk geschreven" not in page  # another expert's work stays theirs
    assert "06 12 34 56 78" not in page

    unlinked = app.test_client()
    login(unlinked, make_user(roles={"expert"}, name="Nog Niet Gekoppeld"))
    page = unlinked.get("/jijdoetertoe/mijn-inbreng").text
    assert "hoort nog niet bij iemand in het register" in page


def test_demo_data_has_every_state_and_a_co_auditor_for_keurmerk_and_loads_twice(app):
    from core.demo import core_demo
    from plugins.jijdoetertoe.demo import load_demo

    with app.test_request_context():
        for _ in range(2):
            world = core_demo("demo-wachtwoord")
            load_demo(world)
            db.session.commit()
        experts = db.session.scalars(db.select(Expert)).all()
        assert len(experts) == 6
        states = {engine_of().instance_for(WORKFLOW, e).state for e in experts}
        assert states == {"aangemeld", "kennismaking", "actief", "pauze", "gestopt"}
        assert [u.email for u in qualified_people("keurmerk.co_auditor")] == [
            "expert@demo.warmrotterdam.nl"
        ]
        assert db.session.scalar(db.select(db.func.count(Involvement.id))) == 5


def test_anyone_signs_themselves_up_with_consent_and_the_team_follows_up(app, client, team):
    url = "/jijdoetertoe/aanmelden"
    assert "Meedenken als ervaringsdeskundige" in client.get("/").text  # the public landing page
    data = {
        "name": "Ria van Dam",
        "channel": "phone",
        "contact": "06 12 34 56 01",
        "district": "Charlois",
        "themes": "Schulden",
    }
    response = post_form(client, url, data)
    assert response.status_code == 400
    assert "Zonder uw toestemming kunnen wij u niet aanmelden." in response.text
    response = post_form(client, url, {**data, "channel": "via_partner", "consent": "y"})
    assert response.status_code == 400  # a partner channel is the team's to record
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Expert.id))) == 0

    response = post_form(client, url, {**data, "consent": "y"})
    assert response.status_code == 303
    assert "06 12 34 56 01" not in client.get(response.location).text
    with app.app_context():
        expert = db.session.scalar(db.select(Expert))
        assert (expert.source, expert.registered_by_id) == ("self", None)
        assert expert.consent_on == local_today() and expert.has_consent
        instance = engine_of().instance_for(WORKFLOW, expert)
        assert instance.state == "aangemeld" and instance.deadline_at is not None
        # The team hears of it, without the name in the text that may go out by mail.
        from core.notifications.models import Notification

        told = db.session.scalars(db.select(Notification)).all()
        assert [(n.user_id, n.url) for n in told] == [
            (team.id, f"/jijdoetertoe/experts/{expert.id}")
        ]
        assert "Ria" not in told[0].text


def test_the_team_edits_an_expert_and_a_new_consent_date_ends_a_withdrawal(
    app, client, login, team, make_user, make_expert
):
    account = make_user(roles={"expert"}, name="Esra Ervaring")
    expert_id, _ = make_expert(state="actief", user=account)
    with app.app_context():
        expert = db.session.get(Expert, expert_id)
        expert.consent_on, expert.consent_revoked_on = date(2026, 1, 5), date(2026, 6, 1)
        db.session.commit()
    login(client, team)
    url = f"/jijdoetertoe/experts/{expert_id}/edit"
    form = client.get(url).text
    assert 'value="06 12 34 56 78"' in form  # the form starts from what is stored
    selected = rf'<option(?=[^>]*selected)(?=[^>]*value="{account.id}")[^>]*>'
    assert re.search(selected, form)  # and with the linked account chosen
    data = {
        "name": "Ria van Dam",
        "channel": "post",
        "contact": "Zwart Janstraat 80, 3035 AV Rotterdam",
        "via_organisation_id": "",
        "district": "Noord",
        "source": "team",
        "source_organisation_id": "",
        "user_id": str(account.id),
        "consent_on": "2026-07-01",
        "consent_how": "Opnieuw getekend",
    }
    assert post_form(client, url, data).status_code == 303
    with app.app_context():
        expert = db.session.get(Expert, expert_id)
        assert (expert.channel, expert.district, expert.user_id) == ("post", "Noord", account.id)
        assert expert.consent_revoked_on is None and expert.has_consent


def test_the_register_lists_fifty_experts_a_page_with_their_state(
    app, client, login, team, make_expert
):
    make_expert(name="Aad", state="actief")
    make_expert(name="Bea", state="pauze")
    with app.app_context():
        db.session.add_all(
            Expert(
                name=f"Zz {n:02d}", channel="phone", contact="06", district="Noord", source="team"
            )
            for n in range(49)
        )
        db.session.commit()
    login(client, team)
    first = client.get("/jijdoetertoe/").text
    assert "Aad" in first and "Actief" in first and "Pauze" in first
    assert "Zz 47" in first and "Zz 48" not in first and "Volgende" in first
    second = client.get("/jijdoetertoe/?page=2").text
    assert "Zz 48" in second and "Aad" not in second
    # A row added without the workflow (by a script) still opens, without a panel.
    with app.app_context():
        bare = db.session.scalar(db.select(Expert.id).where(Expert.name == "Zz 00"))
    page = client.get(f"/jijdoetertoe/experts/{bare}")
    assert page.status_code == 200 and "Zz 00" in page.text and "Stand:" not in page.text
