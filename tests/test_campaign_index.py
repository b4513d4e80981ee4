"""The Politieke Armoede Index on hand-computed cases, its points table kept per challenge,
and the embargo on every public page and the export."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today, utcnow
from core.workflow import engine_of
from plugins.campaign.challenge import index
from plugins.campaign.challenge.invitations import invite_council
from plugins.campaign.challenge.models import Challenge
from plugins.campaign.council.models import CouncilMember
from tests.campaign_world import add_challenge, add_council, participation_of

# Where each member's challenge ends, through the engine as the tick and the link would.
PATHS = {
    "volbracht": ["accept", "begin", "complete"],
    "niet_gelukt": ["accept", "begin", "fall_short"],
    "afgehaakt": ["accept", "begin", "drop_out"],
    "weigert": ["decline"],
    "onzin": ["call_it_nonsense"],
    "geen_reactie": ["no_answer"],
    "bezig": ["accept", "begin"],
    "uitgenodigd": [],
}


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


def force(app, member_id, challenge_id, final_state):
    """Walk one member's instance to `final_state` through the engine, the guards aside."""
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        instance = engine_of().instance_for(
            "campaign.challenge", participation_of(member_id, challenge_id)
        )
        workflow = engine_of().declaration(instance)
        for trigger in PATHS[final_state]:
            transition = next(
                t for t in workflow.transitions_from(instance.state) if t.trigger == trigger
            )
            # Stand in for the answer forms and the period's end: this test is about the index.
            db.session.execute(
                db.update(WorkflowInstance)
                .where(WorkflowInstance.id == instance.id)
                .values(state=transition.dest)
            )
            db.session.expire(instance)
        db.session.commit()


def invite(app, team_id, challenge_id):
    from core.accounts.models import User

    with app.test_request_context():
        invite_council(db.session.get(Challenge, challenge_id), db.session.get(User, team_id))
        db.session.commit()


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


def test_the_index_on_hand_computed_cases(app, team):
    with app.app_context():
        a = add_council([("A1", "Partij A"), ("A2", "Partij A"), ("A3", "Partij A")])
        b = add_council([("B1", "Partij B"), ("B2", "Partij B")])
        c = add_council([("C1", "Partij C")])
        d = add_council(
            [("D1", "Partij D"), ("D2", "Partij D"), ("D3", "Partij D"), ("D4", "Partij D")]
        )
        challenge_id = add_challenge(response_threshold_percent=50)
    invite(app, team.id, challenge_id)
    outcomes = {
        a[0]: "volbracht",  # 10
        a[1]: "weigert",  # 3
        a[2]: "geen_reactie",  # 0
        b[0]: "geen_reactie",
        b[1]: "uitgenodigd",  # still waiting when the index is made: no answer
        c[0]: "onzin",  # 0, but it is an answer
        d[0]: "niet_gelukt",  # 6
        d[1]: "afgehaakt",  # 2
        d[2]: "bezig",
        d[3]: "geen_reactie",
    }
    for member_id, state in outcomes.items():
        force(app, member_id, challenge_id, state)
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        members = index.member_results(challenge)
        assert {m.name: (m.outcome, m.points) for m in members} == {
            "A1": ("volbracht", 10),
            "A2": ("weigert", 3),
            "A3": ("geen_reactie", 0),
            "B1": ("geen_reactie", 0),
            "B2": ("geen_reactie", 0),
            "C1": ("onzin", 0),
            "D1": ("meegedaan", 6),
            "D2": ("afgehaakt", 2),
            "D3": ("meegedaan", 6),
            "D4": ("geen_reactie", 0),
        }
        parties = {p.party: p for p in index.party_results(challenge, members)}
        # A: (10 + 3 + 0) / 3 = 4.33 -> 4.3; two of three answered (67 % >= 50 %).
        assert (
            parties["Partij A"].score,
            parties["Partij A"].members,
            parties["Partij A"].answered,
        ) == (Decimal("4.3"), 3, 2)
        # B: nobody answered: not enough data, whatever the points.
        assert (
            parties["Partij B"].score,
            parties["Partij B"].members,
            parties["Partij B"].answered,
        ) == (None, 2, 0)
        # C: one member, who answered "onzin": 0.0, a score all the same.
        assert parties["Partij C"].score == Decimal("0.0")
        # D: (6 + 2 + 6 + 0) / 4 = 3.5; three of four answered.
        assert (parties["Partij D"].score, parties["Partij D"].answered) == (Decimal("3.5"), 3)
        order = [p.party for p in index.party_results(challenge, members)]
        assert order == ["Partij A", "Partij D", "Partij C", "Partij B"]


def test_the_threshold_is_a_share_of_the_party(app, team):
    with app.app_context():
        a = add_council(
            [("A1", "Partij A"), ("A2", "Partij A"), ("A3", "Partij A"), ("A4", "Partij A")]
        )
        challenge_id = add_challenge(response_threshold_percent=50)
    invite(app, team.id, challenge_id)
    force(app, a[0], challenge_id, "weigert")
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        assert index.party_results(challenge, index.member_results(challenge))[0].score is None
    force(app, a[1], challenge_id, "volbracht")  # 2 of 4: exactly the threshold
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        party = index.party_results(challenge, index.member_results(challenge))[0]
        assert (party.score, party.answered, party.members) == (Decimal("3.3"), 2, 4)


def test_only_members_seated_on_the_invitation_day_count(app, team):
    with app.app_context():
        seated = add_council([("Zit", "Partij A")])
        gone = add_council([("Weg", "Partij A")])
        later = add_council([("Later", "Partij A")], seated_from=local_today() + timedelta(days=3))
        db.session.get(CouncilMember, gone[0]).seated_until = local_today() - timedelta(days=1)
        db.session.commit()
        challenge_id = add_challenge()
    invite(app, team.id, challenge_id)
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        assert [m.name for m in index.member_results(challenge)] == ["Zit"]
        assert participation_of(later[0], challenge_id) is None
        assert seated


def test_a_new_challenge_takes_the_last_points_table_and_each_keeps_its_own(
    app, client, team, login
):
    login(client, team)
    with app.app_context():
        first = add_challenge(title="2019")
    page = f"/campaign/challenges/{first}"
    table = {name: str(points) for name, _label, points in index.OUTCOMES}
    changed = post_form(client, f"{page}/points", {**table, "volbracht": "12"}, form_url=page)
    assert changed.status_code == 303
    with app.app_context():
        second = add_challenge(title="2020")
        assert db.session.get(Challenge, second).points_for()["volbracht"] == 12
    page2 = f"/campaign/challenges/{second}"
    post_form(client, f"{page2}/points", {**table, "volbracht": "8"}, form_url=page2)
    with app.app_context():
        assert db.session.get(Challenge, first).points_for()["volbracht"] == 12
        assert db.session.get(Challenge, second).points_for()["volbracht"] == 8


def test_bad_points_change_nothing(app, client, team, login):
    login(client, team)
    with app.app_context():
        challenge_id = add_challenge()
    page = f"/campaign/challenges/{challenge_id}"
    table = {name: str(points) for name, _label, points in index.OUTCOMES}
    for bad in ("-1", "101", "veel", ""):
        response = post_form(client, f"{page}/points", {**table, "weigert": bad}, form_url=page)
        assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).points_for()["weigert"] == 3


def test_after_publication_the_points_and_the_challenge_stay(app, client, team, login):
    login(client, team)
    with app.app_context():
        challenge_id = add_challenge(publish_at=utcnow() - timedelta(minutes=1))
    page = f"/campaign/challenges/{challenge_id}"
    table = {name: "1" for name, _label, _points in index.OUTCOMES}
    response = post_form(client, f"{page}/points", table, form_url=page)
    assert response.status_code == 303
    assert client.get(f"{page}/edit").status_code == 303
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).points_for()["volbracht"] == 10


# --------------------------------------------------------------------------- embargo


@pytest.fixture
def published_later(app, team):
    with app.app_context():
        ids = add_council([("Anna de Vries", "Partij A"), ("Bram Bakker", "Partij B")])
        challenge_id = add_challenge(publish_at=utcnow() + timedelta(hours=2))
    invite(app, team.id, challenge_id)
    force(app, ids[0], challenge_id, "volbracht")
    return challenge_id


def public_paths(challenge_id):
    return [
        f"/campaign/armoede-index/{challenge_id}",
        f"/campaign/armoede-index/{challenge_id}.csv",
    ]


def test_nothing_of_the_results_is_public_under_embargo(app, published_later, client, team, login):
    anonymous = app.test_client()
    for path in public_paths(published_later):
        assert anonymous.get(path).status_code == 404, path
    listing = anonymous.get("/campaign/armoede-index/").get_data(as_text=True)
    assert "Uitdaging 2026" not in listing
    methode = anonymous.get(f"/campaign/armoede-index/{published_later}/methode")
    assert methode.status_code == 200  # the rules are public from the start
    assert "Anna de Vries" not in methode.get_data(as_text=True)
    login(client, team)  # the team sees the index during the embargo, marked as such
    preview = client.get(f"/campaign/challenges/{published_later}/index")
    assert preview.status_code == 200
    assert "Onder embargo" in preview.get_data(as_text=True)
    for path in public_paths(published_later):  # the team, too, has no public page early
        assert client.get(path).status_code == 404


def test_at_the_publication_moment_the_index_is_public(app, published_later):
    with app.app_context():
        db.session.get(Challenge, published_later).publish_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    anonymous = app.test_client()
    page = anonymous.get(f"/campaign/armoede-index/{published_later}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Anna de Vries" in text and "onvoldoende gegevens" in text  # Partij B: nobody answered
    assert "Uitdaging 2026" in anonymous.get("/campaign/armoede-index/").get_data(as_text=True)
    csv = anonymous.get(f"/campaign/armoede-index/{published_later}.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "soort;partij;naam;uitkomst;punten;n;geantwoord"
    assert "partij;Partij A;;;10,0;1;1" in lines
    assert "partij;Partij B;;;onvoldoende gegevens;1;0" in lines
    assert "raadslid;Partij A;Anna de Vries;Volbracht, met logboek;10;;" in lines


def test_a_challenge_never_sent_has_no_public_index(app, team):
    with app.app_context():
        challenge_id = add_challenge(publish_at=utcnow() - timedelta(days=1))
    assert app.test_client().get(f"/campaign/armoede-index/{challenge_id}").status_code == 404


def test_the_index_answers_even_with_a_date_in_2019(app, team):
    with app.app_context():
        add_council([("Oud", "Partij A")], seated_from=date(2018, 3, 29))
        challenge_id = add_challenge(publish_at=utcnow() - timedelta(days=1))
        challenge = db.session.get(Challenge, challenge_id)
        challenge.invited_on = date(2019, 7, 1)  # invited then; answers never recorded
        db.session.commit()
    page = app.test_client().get(f"/campaign/armoede-index/{challenge_id}")
    assert page.status_code == 200
    assert "Geen reactie" in page.get_data(as_text=True)


def test_a_published_index_stays_as_it_was_published(app, published_later):
    with app.app_context():
        db.session.get(Challenge, published_later).publish_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    anonymous = app.test_client()
    first = anonymous.get(f"/campaign/armoede-index/{published_later}.csv").get_data(as_text=True)
    with app.app_context():  # afterwards a member changes party and another answers late
        anna = db.session.scalar(
            db.select(CouncilMember).where(CouncilMember.name == "Anna de Vries")
        )
        from plugins.campaign.council.models import Party

        anna.party = db.session.scalar(db.select(Party).where(Party.name == "Partij B"))
        db.session.commit()
        bram = db.session.scalar(
            db.select(CouncilMember).where(CouncilMember.name == "Bram Bakker")
        )
        bram_id = bram.id
    force(app, bram_id, published_later, "onzin")
    again = anonymous.get(f"/campaign/armoede-index/{published_later}.csv").get_data(as_text=True)
    assert again == first
    assert "raadslid;Partij A;Anna de Vries;Volbracht, met logboek;10;;" in again


def test_the_tick_writes_the_index_down_at_the_publication_moment(app, published_later):
    from core.workflow.maintenance import tick

    with app.app_context():
        publish_at = db.session.get(Challenge, published_later).publish_at
        assert tick(engine_of(), now=publish_at - timedelta(minutes=1)).plugin_work == []
        report = tick(engine_of(), now=publish_at)
        assert report.plugin_work == ["campaign: 1 Politieke Armoede Index(en) bekendgemaakt"]
        assert db.session.get(Challenge, published_later).frozen_at is not None
        assert tick(engine_of(), now=publish_at).plugin_work == []  # once


def test_a_draft_challenge_has_no_public_method_page(app):
    with app.app_context():
        challenge_id = add_challenge()
    assert (
        app.test_client().get(f"/campaign/armoede-index/{challenge_id}/methode").status_code == 404
    )


def test_once_invited_the_answer_day_and_last_day_stay(app, client, team, login):
    with app.app_context():
        add_council([("Anna de Vries", "Partij A")])
        challenge_id = add_challenge()
    invite(app, team.id, challenge_id)
    login(client, team)
    page = f"/campaign/challenges/{challenge_id}/edit"
    form = client.get(page).get_data(as_text=True)
    assert "Uitdaging 2026" in form
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        respond_by, ends_on = challenge.respond_by, challenge.ends_on
        from plugins.campaign.challenge.views import to_local

        publish = to_local(challenge.publish_at)  # the form takes Rotterdam's time
    data = {
        "title": "Uitdaging 2026",
        "question": "Leven van €50 per week. Kunt u dat?",
        "budget": "50",
        "period_days": "7",
        "invitation_subject": "WARM ROTTERDAM DAAGT RAADSLEDEN UIT",
        "invitation_text": "Wij dagen u uit.",
        "reminder_days": "7,14,21",
        "respond_by": (respond_by + timedelta(days=14)).isoformat(),
        "ends_on": ends_on.isoformat(),
        "publish_at": publish.strftime("%Y-%m-%dT%H:%M"),
        "response_threshold_percent": "50",
    }
    moved = post_form(client, page, data)
    assert moved.status_code == 400
    assert "deze datum verandert niet meer" in moved.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).respond_by == respond_by
    kept = post_form(client, page, {**data, "respond_by": respond_by.isoformat(), "title": "Nieuw"})
    assert kept.status_code == 303
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).title == "Nieuw"
