"""Jij doet ertoe, part 4: partner agreements, who sees them, and which organisations count as
having a signed agreement on a day (the dashboard's target of 250 partners)."""

import re
from datetime import date, timedelta

import pytest

from core.api import WorkflowError, WorkflowInstance, engine_of, local_today
from core.extensions import db
from core.testing import post_form
from plugins.jijdoetertoe.agreements.models import Agreement
from plugins.jijdoetertoe.agreements.rules import (
    WORKFLOW,
    count_signed_agreement_organisations,
    signed_agreement_organisation_ids,
)
from tests.factories import QueryCounter

NEW = "/jijdoetertoe/partners/new"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def make_agreement(app, team, start_workflow):
    """An agreement of `organisation`, in its workflow; returns (agreement id, instance id)."""

    def make(organisation, contributions="thinking,facilities", budget_cents=0):
        with app.app_context():
            agreement = Agreement(
                organisation_id=organisation.id,
                contributions=contributions,
                budget_cents=budget_cents,
                ambassador="Ds. Marieke Smit",
            )
            db.session.add(agreement)
            db.session.commit()
            instance_id = start_workflow(WORKFLOW, agreement, organisation=organisation, actor=team)
            return agreement.id, instance_id

    return make


def sign(fire, instance_id, team, signed_on, starts_on, ends_on):
    return fire(
        instance_id,
        "sign",
        team,
        data={
            "signed_on": signed_on.isoformat(),
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )


def stored(app, agreement_id):
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        db.session.expunge(agreement)
        return agreement


def test_the_team_records_an_agreement_with_a_church_network(
    app, client, login, team, make_organisation, make_user
):
    church = make_organisation("Geloven in Spangen", "informal_network")
    marieke = make_user(roles={"partner"}, organisation=church, name="Marieke Smit")
    elsewhere = make_user(
        roles={"partner"}, organisation=make_organisation("Buurtlab"), name="Inge Buurtlab"
    )
    login(client, team)
    data = {
        "organisation_id": str(church.id),
        "contributions": ["thinking", "facilities", "network"],
        "contribution_note": "De kerkzaal op dinsdagavond",
        "budget": "1250,50",
        "ambassador": "Ds. Marieke Smit",
        "ambassador_account": str(elsewhere.id),
    }
    # The ambassador's account must be someone who works for the partner.
    refused = post_form(client, NEW, data)
    assert refused.status_code == 400
    assert "Dit account werkt niet voor deze organisatie." in refused.text
    response = post_form(client, NEW, {**data, "ambassador_account": str(marieke.id)})
    assert response.status_code == 303, response.text
    with app.app_context():
        agreement = db.session.scalar(db.select(Agreement))
        assert agreement.organisation_id == church.id
        assert agreement.contribution_keys == ["thinking", "facilities", "network"]
        assert agreement.budget_cents == 125050 and agreement.signed_on is None
        assert agreement.ambassador_user_id == marieke.id
        instance = engine_of().instance_for(WORKFLOW, agreement)
        # The instance belongs to the organisation; its title names no one.
        assert (instance.state, instance.organisation_id) == ("in_gesprek", church.id)
        agreement_id = agreement.id
    page = client.get(f"/jijdoetertoe/partners/{agreement_id}").text
    assert "De kerkzaal op dinsdagavond" in page and "1.250,50" in page
    assert "Ds. Marieke Smit (account: Marieke Smit)" in page
    assert "informeel (netwerk, kerk, platform)" in page and "Stand: In gesprek" in page
    listing = client.get("/jijdoetertoe/partners").text
    assert "Geloven in Spangen" in listing and "informeel" in listing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organisation_id", "", "Kies de organisatie."),
        ("budget", "veel", "Vul een bedrag in euro in"),
        ("budget", "", "Vul het bedrag in"),
        ("ambassador", "x" * 201, "Gebruik hoogstens 200 tekens."),
        ("contributions", ["thinking", "bribes"], "bribes"),
    ],
)
def test_bad_input_on_the_agreement_form_saves_nothing(
    app, client, login, team, make_organisation, field, value, message
):
    church = make_organisation("Geloven in Spangen", "informal_network")
    login(client, team)
    data = {
        "organisation_id": str(church.id),
        "contributions": ["thinking"],
        "budget": "0",
        "ambassador": "Marieke",
    }
    data[field] = value
    response = post_form(client, NEW, data)
    assert response.status_code == 400
    assert message in response.text or message.replace("'", "&#39;") in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Agreement.id))) == 0
        assert db.session.scalar(db.select(db.func.count(WorkflowInstance.id))) == 0


def test_signing_needs_a_contribution_a_date_and_a_term(
    app, team, fire, make_agreement, make_organisation
):
    church = make_organisation("House of Hope", "informal_network")
    empty_id, empty_instance = make_agreement(church, contributions="")
    today = local_today()
    with pytest.raises(WorkflowError, match="Leg eerst vast wat de partner inbrengt"):
        sign(fire, empty_instance, team, today, today, today + timedelta(days=365))

    agreement_id, instance_id = make_agreement(church)
    for data in (
        {"signed_on": "", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        {"signed_on": "2026-01-01", "starts_on": "", "ends_on": "2026-12-31"},
        {"signed_on": "2026-01-01", "starts_on": "2026-01-01", "ends_on": "niet"},
        # the end before the start
        {"signed_on": "2026-01-01", "starts_on": "2026-06-01", "ends_on": "2026-05-31"},
        # signed tomorrow
        {
            "signed_on": (today + timedelta(days=1)).isoformat(),
            "starts_on": "2026-01-01",
            "ends_on": "2030-12-31",
        },
    ):
        with pytest.raises(WorkflowError):
            fire(instance_id, "sign", team, data=data)
        agreement = stored(app, agreement_id)
        assert agreement.signed_on is None and agreement.starts_on is None

    assert sign(fire, instance_id, team, date(2026, 1, 5), date(2026, 2, 1), date(2027, 1, 31)) == (
        "getekend"
    )
    agreement = stored(app, agreement_id)
    assert (agreement.signed_on, agreement.starts_on, agreement.ends_on) == (
        date(2026, 1, 5),
        date(2026, 2, 1),
        date(2027, 1, 31),
    )


def test_ending_an_agreement_needs_a_reason_and_records_the_day(
    app, team, fire, make_agreement, make_organisation
):
    organisation = make_organisation("Buurtlab", "social_enterprise")
    agreement_id, instance_id = make_agreement(organisation)
    sign(fire, instance_id, team, date(2026, 1, 5), date(2026, 1, 5), date(2028, 1, 4))
    with pytest.raises(WorkflowError):
        fire(instance_id, "end", team, data={"reason": "  "})
    assert stored(app, agreement_id).ended_on is None
    assert fire(instance_id, "end", team, data={"reason": "De inloop stopt."}) == "beeindigd"
    agreement = stored(app, agreement_id)
    assert (agreement.ended_on, agreement.end_reason) == (local_today(), "De inloop stopt.")
    # Talks that come to nothing end too, without ever being signed.
    _other, talks = make_agreement(make_organisation("Samen010", "informal_network"))
    assert fire(talks, "end", team, data={"reason": "Geen tijd bij de partner."}) == "beeindigd"


def test_only_the_team_takes_the_steps(app, fire, make_agreement, make_organisation, make_user):
    organisation = make_organisation("Stichting Pluspunt", "social_enterprise")
    _agreement_id, instance_id = make_agreement(organisation)
    partner = make_user(roles={"partner"}, organisation=organisation)
    for someone in (partner, make_user(roles={"expert"}), make_user(roles={"board"})):
        with pytest.raises(WorkflowError):
            sign(fire, instance_id, someone, date(2026, 1, 5), date(2026, 1, 5), date(2027, 1, 5))
        with pytest.raises(WorkflowError):
            fire(instance_id, "end", someone, data={"reason": "Wij stoppen."})


def test_signed_agreement_organisation_ids_on_hand_computed_data(
    app, app_ctx, team, fire, make_agreement, make_organisation
):
    """On 1 July 2026: A is signed and in term; B only in talks; C signed but ended today
    (so it counted until yesterday); D's term ran out in June; E's term starts in August; F
    has an ended agreement and a running one and counts once; G was signed after 1 July."""
    day = date(2026, 7, 1)
    orgs = {
        name: make_organisation(name, kind)
        for name, kind in [
            ("A", "informal_network"),
            ("B", "informal_network"),
            ("C", "social_enterprise"),
            ("D", "formal_body"),
            ("E", "fund"),
            ("F", "informal_network"),
            ("G", "other"),
        ]
    }

    def signed(name, signed_on, starts_on, ends_on):
        _id, instance_id = make_agreement(orgs[name])
        sign(fire, instance_id, team, signed_on, starts_on, ends_on)
        return instance_id

    signed("A", date(2026, 1, 10), date(2026, 2, 1), date(2027, 1, 31))
    make_agreement(orgs["B"])
    ended = signed("C", date(2026, 1, 10), date(2026, 1, 10), date(2099, 12, 31))
    fire(ended, "end", team, data={"reason": "Gestopt."})
    signed("D", date(2025, 6, 1), date(2025, 6, 1), date(2026, 6, 30))
    signed("E", date(2026, 6, 1), date(2026, 8, 1), date(2027, 7, 31))
    old = signed("F", date(2025, 1, 1), date(2025, 1, 1), date(2027, 1, 1))
    fire(old, "end", team, data={"reason": "Vervangen door een nieuwe overeenkomst."})
    signed("F", date(2026, 3, 1), date(2026, 3, 1), date(2027, 3, 1))
    signed("G", date(2026, 7, 2), date(2026, 1, 1), date(2027, 1, 1))
    ids = {name: org.id for name, org in orgs.items()}

    today = local_today()
    assert today > day  # C and F's old agreement ended today, after 1 July
    on_day = signed_agreement_organisation_ids(day)
    # F's old agreement had not ended on 1 July either; F counts once all the same.
    assert on_day == {ids["A"], ids["C"], ids["F"]}
    assert signed_agreement_organisation_ids(date(2026, 6, 30)) == {
        ids["A"],
        ids["C"],
        ids["D"],
        ids["F"],
    }
    assert signed_agreement_organisation_ids(date(2026, 8, 1)) == {
        ids["A"],
        ids["C"],
        ids["E"],
        ids["F"],
        ids["G"],
    }
    # C ended today: it counted until yesterday, and no longer does.
    assert ids["C"] in signed_agreement_organisation_ids(today - timedelta(days=1))
    assert ids["C"] not in signed_agreement_organisation_ids(today)
    with QueryCounter(db.engine) as queries:
        signed_agreement_organisation_ids(day)
    assert queries.count == 1
    # The programme figure counts the same, for any number of days in one query.
    days = [day, date(2026, 6, 30), date(2026, 8, 1), date(2024, 1, 1)]
    with QueryCounter(db.engine) as queries:
        counts = count_signed_agreement_organisations(days)
    assert counts == [3, 4, 5, 0] and queries.count == 1
    assert counts[:3] == [len(signed_agreement_organisation_ids(d)) for d in days[:3]]
    assert count_signed_agreement_organisations([]) == []


def test_a_partner_sees_only_its_own_organisations_agreement(
    app, client, login, make_agreement, make_organisation, make_user
):
    pluspunt = make_organisation("Stichting Pluspunt", "social_enterprise")
    church = make_organisation("Geloven in Spangen", "informal_network")
    own_id, _i = make_agreement(pluspunt, budget_cents=250000)
    other_id, _j = make_agreement(church)
    partner = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, partner)
    listing = client.get("/jijdoetertoe/partners")
    assert listing.status_code == 200
    assert "Stichting Pluspunt" in listing.text and "Geloven in Spangen" not in listing.text
    page = client.get(f"/jijdoetertoe/partners/{own_id}")
    assert page.status_code == 200 and "2.500,00" in page.text
    # No steps, no edit link: the team manages agreements.
    assert "Wat kunt u doen?" not in page.text and "Gegevens wijzigen" not in page.text
    assert client.get(f"/jijdoetertoe/partners/{other_id}").status_code == 404
    assert client.get(NEW).status_code == 403
    assert client.get(f"/jijdoetertoe/partners/{own_id}/edit").status_code == 403


def test_who_may_open_the_agreement_pages(
    app, client, login, make_user, make_agreement, make_organisation, team
):
    organisation = make_organisation("Havensteder", "formal_body")
    agreement_id, _i = make_agreement(organisation)
    assert client.get("/jijdoetertoe/partners").status_code == 302  # to the login page
    login(client, make_user(roles={"expert"}))
    for url in ("/jijdoetertoe/partners", f"/jijdoetertoe/partners/{agreement_id}", NEW):
        assert client.get(url).status_code == 403
    team_client = app.test_client()
    login(team_client, team)
    assert team_client.get(f"/jijdoetertoe/partners/{agreement_id + 99}").status_code == 404
    assert team_client.get(f"/jijdoetertoe/partners/{agreement_id}/edit").status_code == 200


def test_the_team_edits_an_agreement_but_not_its_organisation(
    app, client, login, team, make_agreement, make_organisation
):
    church = make_organisation("Geloven in Spangen", "informal_network")
    other = make_organisation("House of Hope", "informal_network")
    agreement_id, _i = make_agreement(church)
    login(client, team)
    url = f"/jijdoetertoe/partners/{agreement_id}/edit"
    data = {
        "organisation_id": str(other.id),
        "contributions": ["budget"],
        "budget": "500",
        "ambassador": "Wim",
    }
    response = post_form(client, url, data)
    assert response.status_code == 400 and "verandert niet" in response.text
    assert stored(app, agreement_id).organisation_id == church.id
    data["organisation_id"] = str(church.id)
    assert post_form(client, url, data).status_code == 303
    agreement = stored(app, agreement_id)
    assert (agreement.contributions, agreement.budget_cents, agreement.ambassador) == (
        "budget",
        50000,
        "Wim",
    )


def test_the_list_counts_signed_organisations_and_the_informal_ones(
    app, client, login, team, fire, make_agreement, make_organisation
):
    today = local_today()
    for name, kind in [("Kerk", "informal_network"), ("Fonds", "fund")]:
        _id, instance_id = make_agreement(make_organisation(name, kind))
        sign(fire, instance_id, team, today, today, today + timedelta(days=30))
    make_agreement(make_organisation("Platform", "informal_network"))
    login(client, team)
    page = client.get("/jijdoetertoe/partners").text
    figures = re.findall(r"<dd>(\d+)</dd>", page)
    assert figures == ["2", "1"]


def test_demo_data_shows_every_state_of_all_three_and_loads_twice(app, client, login, make_user):
    from collections import Counter

    from core.api import Organisation
    from core.demo import core_demo
    from plugins.jijdoetertoe.demo import load_demo
    from plugins.jijdoetertoe.network_demo import load_network_demo
    from plugins.jijdoetertoe.pools.models import PoolRequest
    from plugins.jijdoetertoe.pools.rules import WORKFLOW as POOLS
    from plugins.jijdoetertoe.pools.rules import done_per_quarter
    from plugins.jijdoetertoe.signals.models import Signal
    from plugins.jijdoetertoe.signals.rules import WORKFLOW as SIGNALS

    with app.test_request_context():
        for _ in range(2):
            world = core_demo("demo-wachtwoord")
            load_demo(world)
            load_network_demo(world)
            db.session.commit()

        def states(key):
            return Counter(
                db.session.scalars(
                    db.select(WorkflowInstance.state).where(WorkflowInstance.workflow_key == key)
                )
            )

        assert states(WORKFLOW) == {"in_gesprek": 2, "getekend": 5, "beeindigd": 1}
        signed = db.session.scalars(
            db.select(Organisation.name)
            .where(Organisation.id.in_(signed_agreement_organisation_ids(local_today())))
            .order_by(Organisation.name)
        ).all()
        assert signed == [
            "Armoedeplatform Charlois",
            "Geloven in Spangen",
            "Havensteder",
            "House of Hope",
            "Stichting Pluspunt",
        ]
        assert count_signed_agreement_organisations([local_today()]) == [5]
        informal = db.session.scalar(
            db.select(db.func.count(Organisation.id)).where(
                Organisation.kind == "informal_network", Organisation.name.in_(signed)
            )
        )
        assert informal == 3
        assert states(POOLS) == {
            "binnengekomen": 1,
            "gekoppeld": 1,
            "uitgevoerd": 1,
            "geannuleerd": 1,
        }
        assert db.session.scalar(db.select(db.func.count(PoolRequest.id))) == 4
        assert sum(n for _y, _q, n in done_per_quarter()) == 1
        assert states(SIGNALS) == {
            "binnengekomen": 1,
            "gewogen": 1,
            "doorgezet": 1,
            "afgerond": 1,
            "niet_opgepakt": 1,
        }
        closed = db.session.scalar(db.select(Signal).where(Signal.closed_on.is_not(None)).limit(1))
        assert closed.outcome
    # The partners page counts the same: 5 organisations, 3 of them informal partners.
    login(client, make_user(roles={"team"}))
    page = client.get("/jijdoetertoe/partners").text
    assert re.search(r"die nu loopt</dt><dd>5</dd>", page)
    assert re.search(r"platforms\)</dt><dd>3</dd>", page)
