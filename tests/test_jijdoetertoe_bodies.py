"""Jij doet ertoe, part 2: bodies (the advisory committee, working groups, the editorial board,
the board) with members and terms, meetings with agenda and minutes, and advice that the team
follows up with its reasoning, which the members read back."""

from datetime import timedelta

import pytest

from core.accounts.models import User
from core.api import WorkflowError, engine_of, local_today
from core.extensions import db
from core.meetings.models import Meeting
from core.testing import post_form
from core.workflow.models import WorkflowHistory
from plugins.jijdoetertoe.bodies.models import Advice, Body, BodyMeeting, BodyMember
from plugins.jijdoetertoe.bodies.rules import WORKFLOW, bodies_of, follow_ups, record_advice
from plugins.jijdoetertoe.experts.models import Expert

BODIES = "/jijdoetertoe/organen/"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def committee(app):
    with app.app_context():
        body = Body(
            name="Adviescommissie Jij doet ertoe",
            kind="advisory_committee",
            description="Zet de koers uit en toetst.",
        )
        db.session.add(body)
        db.session.commit()
        return body.id


@pytest.fixture
def make_member(app):
    """An expert in the register with `account`, seated in body `body_id` for a term."""

    def make(body_id, account=None, name="Fatima El Amrani", start=None, end=None, role="member"):
        with app.app_context():
            expert = Expert(
                name=name,
                channel="phone",
                contact="06 98 76 54 32",
                district="Feijenoord",
                source="team",
                user_id=account.id if account else None,
            )
            db.session.add(expert)
            db.session.flush()
            db.session.add(
                BodyMember(
                    body_id=body_id,
                    expert_id=expert.id,
                    role=role,
                    term_start=start or local_today() - timedelta(days=30),
                    term_end=end,
                )
            )
            db.session.commit()
            return expert.id

    return make


def give_advice(app, body_id, team, subject="Uitnodigingen in gewone taal"):
    with app.test_request_context():
        body = db.session.get(Body, body_id)
        advice = record_advice(
            body,
            subject=subject,
            text="Schrijf de brieven op B1-niveau.",
            given_on=local_today(),
            actor=db.session.get(User, team.id),
        )
        db.session.commit()
        return advice.id, engine_of().instance_for(WORKFLOW, advice).id


def test_the_team_creates_the_committee_and_seats_an_expert_for_a_term(
    app, client, login, team, make_user
):
    login(client, team)
    response = post_form(
        client,
        f"{BODIES}new",
        {
            "name": "Adviescommissie Jij doet ertoe",
            "kind": "advisory_committee",
            "subproject": "",
            "description": "Zet de koers uit, toetst en evalueert.",
        },
    )
    assert response.status_code == 303, response.text
    with app.app_context():
        body = db.session.scalar(db.select(Body))
        assert (body.kind, body.subproject) == ("advisory_committee", None)
        expert = Expert(
            name="Kofi Mensah", channel="phone", contact="06 1", district="Noord", source="team"
        )
        db.session.add(expert)
        db.session.commit()
        body_id, expert_id = body.id, expert.id
    partner = make_user(roles={"partner"}, name="Petra Partner")
    start = local_today() - timedelta(days=10)
    for data in (
        {"expert_id": str(expert_id), "user_id": "", "role": "chair"},
        {"expert_id": "", "user_id": str(partner.id), "role": "member"},
    ):
        response = post_form(
            client,
            f"{BODIES}{body_id}/leden/new",
            {**data, "term_start": start.isoformat(), "term_end": ""},
        )
        assert response.status_code == 303, response.text
    page = client.get(f"{BODIES}{body_id}").text
    assert "Kofi Mensah" in page and "Voorzitter" in page and "Petra Partner" in page
    with app.app_context():
        assert [b.id for b in bodies_of(db.session.get(User, partner.id))] == [body_id]


def test_a_seat_needs_one_person_and_a_term_that_ends_after_it_starts(
    app, client, login, team, committee, make_user
):
    login(client, team)
    partner = make_user(roles={"partner"})
    with app.app_context():
        expert = Expert(name="Ria", channel="phone", contact="1", district="Noord", source="team")
        db.session.add(expert)
        db.session.commit()
        expert_id = expert.id
    url = f"{BODIES}{committee}/leden/new"
    today = local_today()
    cases = [
        ({"expert_id": "", "user_id": ""}, "niet allebei"),
        ({"expert_id": str(expert_id), "user_id": str(partner.id)}, "niet allebei"),
        (
            {
                "expert_id": str(expert_id),
                "user_id": "",
                "term_end": (today - timedelta(days=1)).isoformat(),
            },
            "Het einde van de termijn ligt voor het begin.",
        ),
        ({"expert_id": str(expert_id), "user_id": "", "term_start": "morgen"}, "geldige datum"),
        ({"expert_id": "999999", "user_id": ""}, "Ongeldige keuze."),
    ]
    for data, message in cases:
        form = {"role": "member", "term_start": today.isoformat(), "term_end": "", **data}
        response = post_form(client, url, form)
        assert response.status_code == 400, data
        assert message in response.text, data
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(BodyMember.id))) == 0


def test_bad_input_for_a_body_a_meeting_and_an_advice_saves_nothing(
    app, client, login, team, committee
):
    login(client, team)
    response = post_form(client, f"{BODIES}new", {"name": "", "kind": "club"})
    assert response.status_code == 400 and "Vul de naam in." in response.text
    response = post_form(
        client,
        f"{BODIES}{committee}/vergaderingen/new",
        {"title": "", "starts_at": "volgende week", "agenda": "", "place": "x" * 201},
    )
    assert response.status_code == 400
    for message in ("Vul een titel in.", "Vul een geldige datum en tijd in.", "Schrijf de agenda."):
        assert message in response.text
    response = post_form(
        client,
        f"{BODIES}{committee}/adviezen/new",
        {"subject": "", "text": "", "given_on": "", "body_meeting_id": ""},
    )
    assert response.status_code == 400
    assert "Vul het onderwerp in." in response.text and "Schrijf het advies op." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Body.id))) == 1
        assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Advice.id))) == 0


def test_a_meeting_is_a_core_meeting_with_the_bodys_agenda_and_minutes(
    app, client, login, team, committee
):
    login(client, team)
    day = local_today() + timedelta(days=7)
    response = post_form(
        client,
        f"{BODIES}{committee}/vergaderingen/new",
        {
            "title": "Adviescommissie december",
            "starts_at": f"{day.isoformat()}T14:00",
            "place": "Buurtlab",
            "agenda": "1. Opening\n2. Uitnodigingen",
        },
    )
    assert response.status_code == 303, response.text
    with app.app_context():
        planned = db.session.scalar(db.select(BodyMeeting))
        assert planned.meeting.title == "Adviescommissie december"
        assert planned.meeting.organiser_id == team.id and planned.minutes is None
        planned_id, meeting_id = planned.id, planned.meeting_id
    # The core's list of meetings shows it too: one event, not a copy.
    assert "Adviescommissie december" in client.get("/meetings/").text
    response = post_form(
        client,
        f"{BODIES}vergaderingen/{planned_id}/edit",
        {"agenda": "1. Opening\n2. Uitnodigingen", "minutes": "Afgesproken: brieven in B1."},
    )
    assert response.status_code == 303
    page = client.get(f"{BODIES}vergaderingen/{planned_id}").text
    assert "Afgesproken: brieven in B1." in page and "2. Uitnodigingen" in page
    # Time, place and registrations are the core meeting's own page.
    assert f'href="/meetings/{meeting_id}"' in page


def test_every_follow_up_of_an_advice_needs_the_teams_reasoning_and_keeps_it(
    app, fire, team, committee
):
    for trigger, state in (
        ("adopt", "overgenomen"),
        ("adopt_partly", "deels_overgenomen"),
        ("reject", "niet_overgenomen"),
    ):
        advice_id, instance_id = give_advice(app, committee, team, subject=f"Advies {trigger}")
        with pytest.raises(WorkflowError, match="Schrijf op waarom"):
            fire(instance_id, trigger, team)
        assert fire(instance_id, trigger, team, comment=f"Omdat {trigger}.") == state
        with app.app_context():
            rows = db.session.scalars(
                db.select(WorkflowHistory).where(WorkflowHistory.instance_id == instance_id)
            ).all()
            assert [(r.trigger, r.comment) for r in rows] == [
                (None, None),
                (trigger, f"Omdat {trigger}."),
            ]
            advice = db.session.get(Advice, advice_id)
            assert follow_ups([advice])[advice_id].reasoning == f"Omdat {trigger}."


def test_an_open_advice_is_due_within_six_weeks_and_only_the_team_follows_it_up(
    app, fire, team, committee, make_user
):
    advice_id, instance_id = give_advice(app, committee, team)
    with app.app_context():
        from core.workflow.models import WorkflowInstance

        instance = db.session.get(WorkflowInstance, instance_id)
        assert instance.state == "advies"
        assert instance.deadline_at - instance.entered_state_at == timedelta(weeks=6)
    member = make_user(roles={"expert"})
    with pytest.raises(WorkflowError):
        fire(instance_id, "adopt", member, comment="Ik vind het goed.")
    # A followed-up advice stays where the team put it.
    fire(instance_id, "adopt", team, comment="Alle brieven worden herschreven.")
    with pytest.raises(WorkflowError):
        fire(instance_id, "reject", team, comment="Toch niet.")


def test_a_current_member_reads_the_body_its_minutes_and_every_advice_with_its_reasoning(
    app, client, login, team, committee, make_user, make_member, fire
):
    account = make_user(roles={"expert"}, name="Fatima El Amrani")
    make_member(committee, account)
    advice_id, instance_id = give_advice(app, committee, team)
    fire(instance_id, "adopt_partly", team, comment="De brieven wel, de folders later.")
    with app.app_context():
        meeting = Meeting(title="Adviescommissie november", starts_at=local_today_utc())
        db.session.add(meeting)
        db.session.flush()
        planned = BodyMeeting(
            body_id=committee, meeting_id=meeting.id, agenda="1. Brieven", minutes="Besproken."
        )
        db.session.add(planned)
        db.session.commit()
        planned_id = planned.id
    login(client, account)
    assert "Mijn organen" in client.get("/").text
    page = client.get(f"{BODIES}{committee}").text
    assert "Adviescommissie Jij doet ertoe" in page and "Fatima El Amrani" in page
    assert "Deels overgenomen" in page and "De brieven wel, de folders later." in page
    # Names only: contact details stay with the team, and so does managing.
    assert "06 98 76 54 32" not in page and "Lid toevoegen" not in page
    assert "Besproken." in client.get(f"{BODIES}vergaderingen/{planned_id}").text
    page = client.get(f"{BODIES}adviezen/{advice_id}").text
    assert "De brieven wel, de folders later." in page and "Deels overnemen" not in page
    assert client.get(f"{BODIES}mijn").status_code == 200
    # Reading is all: the team's pages and steps are closed to a member.
    assert client.get(BODIES).status_code == 403
    assert client.get(f"{BODIES}{committee}/adviezen/new").status_code == 403
    assert client.get(f"{BODIES}vergaderingen/{planned_id}/edit").status_code == 403


def local_today_utc():
    from core.timeutil import local_midnight_utc

    return local_midnight_utc(local_today()) + timedelta(hours=13)


@pytest.mark.parametrize("when", ["not_a_member", "term_ended", "term_not_started"])
def test_who_is_not_a_current_member_does_not_find_the_body(
    app, client, login, team, committee, make_user, make_member, when
):
    account = make_user(roles={"expert"})
    today = local_today()
    if when == "term_ended":
        make_member(committee, account, start=today - timedelta(days=400), end=today - timedelta(1))
    elif when == "term_not_started":
        make_member(committee, account, start=today + timedelta(days=5))
    else:
        make_member(committee, make_user(roles={"expert"}))
    advice_id, _ = give_advice(app, committee, team)
    with app.app_context():
        meeting = Meeting(title="Vergadering", starts_at=local_today_utc())
        db.session.add(meeting)
        db.session.flush()
        planned = BodyMeeting(body_id=committee, meeting_id=meeting.id, agenda="1.")
        db.session.add(planned)
        db.session.commit()
        planned_id = planned.id
    login(client, account)
    for url in (
        f"{BODIES}{committee}",
        f"{BODIES}vergaderingen/{planned_id}",
        f"{BODIES}adviezen/{advice_id}",
    ):
        assert client.get(url).status_code == 404, url
    assert "Mijn organen" not in client.get("/").text
    assert "U zit nu niet in een orgaan." in client.get(f"{BODIES}mijn").text


def test_an_account_without_an_expert_record_can_hold_a_seat(
    app, client, login, team, committee, make_user
):
    partner = make_user(roles={"partner"}, name="Petra Partner")
    with app.app_context():
        db.session.add(
            BodyMember(
                body_id=committee, user_id=partner.id, role="member", term_start=local_today()
            )
        )
        db.session.commit()
    login(client, partner)
    assert client.get(f"{BODIES}{committee}").status_code == 200


def test_the_team_records_an_advice_from_a_meeting_and_follows_it_up_in_the_panel(
    app, client, login, team, committee
):
    with app.app_context():
        meeting = Meeting(title="Adviescommissie oktober", starts_at=local_today_utc())
        db.session.add(meeting)
        db.session.flush()
        planned = BodyMeeting(body_id=committee, meeting_id=meeting.id, agenda="1.")
        db.session.add(planned)
        db.session.commit()
        planned_id = planned.id
    login(client, team)
    response = post_form(
        client,
        f"{BODIES}{committee}/adviezen/new",
        {
            "subject": "Spreekuur in de wijk",
            "text": "Houd het spreekuur in het buurthuis.",
            "given_on": local_today().isoformat(),
            "body_meeting_id": str(planned_id),
        },
    )
    assert response.status_code == 303, response.text
    with app.app_context():
        advice = db.session.scalar(db.select(Advice))
        assert advice.body_meeting_id == planned_id and advice.recorded_by_id == team.id
        instance = engine_of().instance_for(WORKFLOW, advice)
        assert instance.state == "advies" and "Spreekuur" not in instance.title
        advice_id, instance_id = advice.id, instance.id
    page = client.get(f"{BODIES}adviezen/{advice_id}").text
    assert "Deels overnemen" in page and "Niet overnemen" in page
    assert "Spreekuur in de wijk" in client.get(f"{BODIES}vergaderingen/{planned_id}").text
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "reject", "comment": ""},
        form_url=f"{BODIES}adviezen/{advice_id}",
    )
    assert response.status_code == 400 and "Schrijf op waarom" in response.text
    response = post_form(
        client,
        f"/workflows/instances/{instance_id}/fire",
        {"trigger": "reject", "comment": "Het buurthuis is dicht."},
        form_url=f"{BODIES}adviezen/{advice_id}",
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{BODIES}adviezen/{advice_id}")
    assert "Het buurthuis is dicht." in client.get(f"{BODIES}{committee}").text


def test_a_body_and_a_seat_can_be_changed(app, client, login, team, committee, make_member):
    expert_id = make_member(committee)
    login(client, team)
    response = post_form(
        client,
        f"{BODIES}{committee}/edit",
        {"name": "Werkgroep keurmerk", "kind": "working_group", "subproject": "Keurmerk"},
    )
    assert response.status_code == 303
    with app.app_context():
        member_id = db.session.scalar(db.select(BodyMember.id))
    end = local_today() - timedelta(days=1)
    assert "Fatima El Amrani" in client.get(f"{BODIES}leden/{member_id}/edit").text
    response = post_form(
        client,
        f"{BODIES}leden/{member_id}/edit",
        {
            "expert_id": str(expert_id),
            "user_id": "",
            "role": "chair",
            "term_start": (end - timedelta(days=100)).isoformat(),
            "term_end": end.isoformat(),
        },
    )
    assert response.status_code == 303, response.text
    with app.app_context():
        body = db.session.get(Body, committee)
        assert (body.name, body.kind, body.subproject) == (
            "Werkgroep keurmerk",
            "working_group",
            "Keurmerk",
        )
        member = db.session.get(BodyMember, member_id)
        assert member.role == "chair" and not member.current_on(local_today())
    assert ">0<" in client.get(BODIES).text  # no current members any more


def test_a_partner_and_a_visitor_do_not_reach_the_teams_pages(
    app, client, login, committee, make_user
):
    assert client.get(BODIES).status_code in (302, 401)
    login(client, make_user(roles={"partner"}))
    assert client.get(BODIES).status_code == 403
    assert client.get(f"{BODIES}new").status_code == 403
    assert client.get(f"{BODIES}{committee}").status_code == 404


def test_demo_has_the_committee_with_meetings_and_advice_in_every_state_and_loads_twice(app):
    from core.demo import core_demo
    from plugins.jijdoetertoe.bodies.demo import COMMITTEE, load_bodies_demo
    from plugins.jijdoetertoe.demo import load_demo

    with app.test_request_context():
        for _ in range(2):
            world = core_demo("demo-wachtwoord")
            load_demo(world)
            load_bodies_demo(world)
            db.session.commit()
        committee = db.session.scalar(db.select(Body).where(Body.name == COMMITTEE))
        assert len(committee.members) == 3 and len(committee.meetings) == 2
        states = sorted(f.state for f in follow_ups(committee.advice).values())
        assert states == ["advies", "deels_overgenomen", "niet_overgenomen", "overgenomen"]
        kinds = sorted(db.session.scalars(db.select(Body.kind)))
        assert kinds == ["advisory_committee", "board", "working_group"]
        # Fatima, the demo's expert account, reads the committee and the working group.
        fatima = db.session.scalar(
            db.select(User).where(User.email == "expert@demo.warmrotterdam.nl")
        )
        assert [b.kind for b in bodies_of(fatima)] == ["advisory_committee", "working_group"]


def test_what_people_type_is_shown_as_text(app, client, login, team, make_user, make_member):
    with app.app_context():
        body = Body(name="<b>Raad</b>", kind="editorial_board", description="<script>x</script>")
        db.session.add(body)
        db.session.commit()
        body_id = body.id
    account = make_user(roles={"expert"})
    make_member(body_id, account, name="<i>Ria</i>")
    advice_id, instance_id = give_advice(app, body_id, team, subject="<u>Onderwerp</u>")
    login(client, account)
    for url in (f"{BODIES}{body_id}", f"{BODIES}adviezen/{advice_id}", f"{BODIES}mijn"):
        page = client.get(url).text
        assert "<b>Raad</b>" not in page and "&lt;b&gt;Raad&lt;/b&gt;" in page, url
        assert "<script>x</script>" not in page and "<i>Ria</i>" not in page
        assert "<u>Onderwerp</u>" not in page


def test_the_current_members_are_told_when_the_team_follows_up_an_advice(
    app, team, committee, make_user, make_member, fire
):
    from core.notifications.models import Notification

    member, former = make_user(roles={"expert"}), make_user(roles={"expert"})
    make_member(committee, member)
    today = local_today()
    make_member(
        committee, former, name="Oud lid", start=today - timedelta(400), end=today - timedelta(1)
    )
    advice_id, instance_id = give_advice(app, committee, team)
    fire(instance_id, "adopt", team, comment="Doen we.")
    with app.app_context():
        told = db.session.scalars(
            db.select(Notification).where(Notification.category == "events")
        ).all()
        assert [(n.user_id, n.text) for n in told] == [
            (member.id, "Het team heeft gereageerd op een advies van uw orgaan: 'Overgenomen'.")
        ]
        assert told[0].url == f"{BODIES}adviezen/{advice_id}"


def test_a_bodys_page_and_the_list_of_bodies_cost_the_same_with_more_members_and_advice(
    app, client, login, team, committee, make_member, make_user
):
    """Found in review: each member's name, each meeting's date and each body's count was
    a query of its own."""
    from tests.factories import QueryCounter

    make_member(committee, name="Lid 0", account=make_user(roles={"expert"}))
    give_advice(app, committee, team, subject="Advies 0")
    login(client, team)
    with app.app_context():
        engine = db.engine

    def queries(url):
        with QueryCounter(engine) as counted:
            assert client.get(url).status_code == 200
        return counted.count

    before = queries(f"{BODIES}{committee}"), queries(BODIES)
    for n in range(1, 4):
        make_member(committee, name=f"Lid {n}", account=make_user(roles={"expert"}))
        give_advice(app, committee, team, subject=f"Advies {n}")
    assert (queries(f"{BODIES}{committee}"), queries(BODIES)) == before
