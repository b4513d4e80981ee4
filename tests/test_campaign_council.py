"""The council as the team keeps it: a CSV import that shows every row first and saves only
a clean file, members added by hand, a challenge set up with clear errors."""

import io
from datetime import date, timedelta

import pytest

from core.extensions import db
from core.testing import csrf_token, post_form
from core.timeutil import local_today
from plugins.campaign.challenge.models import Challenge
from plugins.campaign.council.models import CouncilMember, Party


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


@pytest.fixture
def team_client(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    return client


GOOD = (
    "naam;partij;in_raad_vanaf;in_raad_tot;email;telefoon\n"
    "Anna de Vries;Partij A;29-03-2018;;anna@example.org;010-1234567\n"
    "Bram Bakker;Partij B;2018-03-29;2022-03-30;Bram@Example.org;\n"
    "Çiğdem Yılmaz;Partij A;2018-03-29;;cigdem@example.org;\n"
)


def upload(client, text, name="raad.csv"):
    return client.post(
        "/campaign/council/import",
        data={
            "csrf_token": csrf_token(client, "/campaign/council/import"),
            "file": (io.BytesIO(text.encode("utf-8")), name),
        },
        content_type="multipart/form-data",
    )


def count(model):
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_a_clean_file_is_previewed_then_saved(app, team_client):
    preview = upload(team_client, "\ufeff" + GOOD)
    assert preview.status_code == 200
    text = preview.get_data(as_text=True)
    assert "Çiğdem Yılmaz" in text and "Deze 3 raadsleden opslaan" in text
    with app.app_context():
        assert count(CouncilMember) == 0  # nothing saved by the preview
    confirm = post_form(
        team_client,
        "/campaign/council/import",
        {"text": GOOD, "confirm": "1"},
        form_url="/campaign/council/import",
    )
    assert confirm.status_code == 303
    with app.app_context():
        members = {m.email: m for m in db.session.scalars(db.select(CouncilMember))}
        assert set(members) == {"anna@example.org", "bram@example.org", "cigdem@example.org"}
        assert members["anna@example.org"].seated_from == date(2018, 3, 29)
        assert members["bram@example.org"].seated_until == date(2022, 3, 30)
        assert members["anna@example.org"].phone == "010-1234567"
        assert sorted(p.name for p in db.session.scalars(db.select(Party))) == [
            "Partij A",
            "Partij B",
        ]


def test_importing_again_updates_by_email(app, team_client):
    post_form(
        team_client,
        "/campaign/council/import",
        {"text": GOOD, "confirm": "1"},
        form_url="/campaign/council/import",
    )
    moved = GOOD.replace("Anna de Vries;Partij A", "Anna de Vries;Partij C")
    preview = upload(team_client, moved)
    assert preview.get_data(as_text=True).count("bijwerken") == 3
    post_form(
        team_client,
        "/campaign/council/import",
        {"text": moved, "confirm": "1"},
        form_url="/campaign/council/import",
    )
    with app.app_context():
        assert count(CouncilMember) == 3
        anna = db.session.scalar(
            db.select(CouncilMember).where(CouncilMember.email == "anna@example.org")
        )
        assert anna.party.name == "Partij C"


def test_every_bad_row_is_named_and_nothing_is_saved(app, team_client):
    bad = (
        "naam,partij,in_raad_vanaf,email\n"
        "Anna de Vries,Partij A,2018-03-29,anna@example.org\n"
        ",Partij A,2018-03-29,leeg@example.org\n"
        "Bram Bakker,Partij B,gisteren,bram@example.org\n"
        "Chris Smit,Partij B,2018-03-29,geen-adres\n"
        "Dubbel,Partij B,2018-03-29,ANNA@example.org\n"
    )
    preview = upload(team_client, bad)
    assert preview.status_code == 400
    text = preview.get_data(as_text=True)
    assert "4 regels hebben een fout" in text
    assert "de naam ontbreekt" in text
    assert "de datum &#39;gisteren&#39; is niet te lezen" in text
    assert "het e-mailadres is niet geldig" in text
    assert "hetzelfde e-mailadres als regel 2" in text
    assert "opslaan</button>" not in text
    forced = post_form(
        team_client,
        "/campaign/council/import",
        {"text": bad, "confirm": "1"},
        form_url="/campaign/council/import",
    )
    assert forced.status_code == 400
    with app.app_context():
        assert count(CouncilMember) == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Het bestand is leeg."),
        ("naam;email\nAnna;anna@example.org\n", "Deze kolommen ontbreken: partij, in_raad_vanaf"),
        ("naam;partij;in_raad_vanaf;email\n", "Het bestand heeft geen raadsleden."),
    ],
)
def test_a_file_that_is_no_council_says_why(app, team_client, text, message):
    response = upload(team_client, text)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_file_not_in_utf8_says_how_to_save_it(app, team_client):
    response = team_client.post(
        "/campaign/council/import",
        data={
            "csrf_token": csrf_token(team_client, "/campaign/council/import"),
            "file": (io.BytesIO("naam;partij\nÇiğdem;A\n".encode("utf-16")), "raad.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)


def test_a_member_by_hand_and_a_duplicate_address_refused(app, team_client):
    data = {
        "name": "Anna de Vries",
        "party": "Partij A",
        "seated_from": "2018-03-29",
        "seated_until": "",
        "email": "anna@example.org",
        "phone": "",
    }
    assert post_form(team_client, "/campaign/council/new", data).status_code == 303
    again = post_form(
        team_client, "/campaign/council/new", {**data, "name": "Ander", "email": "ANNA@example.org"}
    )
    assert again.status_code == 400
    assert "Een ander raadslid heeft dit e-mailadres al." in again.get_data(as_text=True)
    empty = post_form(team_client, "/campaign/council/new", {**data, "name": "", "email": "x"})
    assert empty.status_code == 400
    with app.app_context():
        assert count(CouncilMember) == 1
        member_id = db.session.scalar(db.select(CouncilMember.id))
    edited = post_form(
        team_client, f"/campaign/council/{member_id}/edit", {**data, "party": "Partij B"}
    )
    assert edited.status_code == 303
    with app.app_context():
        assert db.session.get(CouncilMember, member_id).party.name == "Partij B"


def test_the_board_sees_the_council_but_does_not_change_it(app, make_user, login):
    board = app.test_client()
    login(board, make_user(roles={"board"}))
    assert board.get("/campaign/council/").status_code == 200
    assert board.get("/campaign/council/new").status_code == 403
    assert board.get("/campaign/council/import").status_code == 403


def challenge_form(**changes):
    today = local_today()
    return {
        "title": "Uitdaging 2026",
        "question": "Leven van €50 per week. Kunt u dat?",
        "budget": "50,00",
        "period_days": "7",
        "invitation_subject": "WARM ROTTERDAM DAAGT RAADSLEDEN UIT",
        "invitation_text": "Wij dagen u uit.",
        "reminder_days": "14, 7,21",
        "respond_by": (today + timedelta(days=28)).isoformat(),
        "ends_on": (today + timedelta(days=60)).isoformat(),
        "publish_at": f"{(today + timedelta(days=90)).isoformat()}T10:00",
        "response_threshold_percent": "50",
        **changes,
    }


def test_the_team_sets_up_a_challenge(app, team_client):
    form = team_client.get("/campaign/challenges/new").get_data(as_text=True)
    assert "Leven van €50 per week. Kunt u dat?" in form
    response = post_form(team_client, "/campaign/challenges/new", challenge_form())
    assert response.status_code == 303
    with app.app_context():
        challenge = db.session.scalar(db.select(Challenge))
        assert (challenge.budget_cents, challenge.reminder_days) == (5000, "7,14,21")
        assert challenge.points_for()["volbracht"] == 10
        # 10:00 in Rotterdam in the winter is 09:00 UTC.
        assert challenge.publish_at.hour == 9


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"budget": "0"}, "Kies 1 tot 1.000 euro."),
        ({"reminder_days": "een week"}, "Schrijf dagen als getallen met komma"),
        ({"ends_on": "2020-01-01"}, "De laatste dag komt na de antwoorddatum."),
        ({"title": ""}, "Vul een titel in."),
        ({"response_threshold_percent": "150"}, "Kies 1 tot 100."),
        (
            {"publish_at": f"{local_today().isoformat()}T10:00"},
            "De bekendmaking komt na de antwoorddatum.",
        ),
    ],
)
def test_a_challenge_with_bad_input_is_refused(app, team_client, changes, message):
    response = post_form(team_client, "/campaign/challenges/new", challenge_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Challenge.id))) == 0
