"""The 2019 challenge end to end, as the team ran it: 45 council members read from a CSV file,
invited by mail two weeks before the summer recess, reminded, some called, eleven living on
€50 for a week with a logbook, and the index published at 10:00 on the launch day."""

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine

from core.extensions import db
from core.models import OutboxMessage
from core.testing import csrf_token, post_form
from core.workflow import engine_of
from core.workflow.maintenance import tick
from plugins.campaign.challenge.models import Challenge, Participation
from tests.campaign_world import links_in_outbox, local_noon

# The council of 2018-2022: 45 seats (invented members, the seats per party as then).
SEATS = {
    "Leefbaar Rotterdam": 11,
    "GroenLinks": 5,
    "D66": 5,
    "PvdA": 5,
    "VVD": 4,
    "DENK": 4,
    "CDA": 3,
    "SP": 2,
    "NIDA": 2,
    "ChristenUnie-SGP": 1,
    "PVV": 1,
    "Partij voor de Dieren": 1,
    "50PLUS": 1,
}
INVITED = date(2019, 7, 1)  # two weeks before the summer recess
RESPOND_BY = date(2019, 9, 20)
LAUNCH = date(2019, 10, 16)


@pytest.fixture(autouse=True)
def _campaign_enabled(enable_plugin):
    enable_plugin("campaign")


def on(day: date, hour: int = 12):
    """The clock in Rotterdam on `day` at `hour` (summer time: UTC+2)."""
    return time_machine.travel(
        datetime.fromisoformat(f"{day.isoformat()}T{hour:02d}:00:00+02:00"), tick=False
    )


def council_csv() -> str:
    lines = ["naam;partij;in_raad_vanaf;in_raad_tot;email;telefoon"]
    number = 0
    for party, seats in SEATS.items():
        for _seat in range(seats):
            number += 1
            lines.append(f"Raadslid {number};{party};29-03-2018;;raadslid{number}@example.org;")
    return "\n".join(lines) + "\n"


def test_the_2019_challenge_runs_end_to_end(app, client, make_user, login):
    team = make_user(roles={"team"}, name="Tamara Team")
    with on(date(2019, 6, 20)):
        login(client, team)
        text = council_csv()
        upload = client.post(
            "/campaign/council/import",
            data={
                "csrf_token": csrf_token(client, "/campaign/council/import"),
                "file": (io.BytesIO(text.encode()), "raad.csv"),
            },
            content_type="multipart/form-data",
        )
        assert "Deze 45 raadsleden opslaan" in upload.get_data(as_text=True)
        post_form(
            client,
            "/campaign/council/import",
            {"text": text, "confirm": "1"},
            form_url="/campaign/council/import",
        )
        created = post_form(
            client,
            "/campaign/challenges/new",
            {
                "title": "Uitdaging 2019",
                "question": "Leven van €50 per week. Kunt u dat?",
                "budget": "50",
                "period_days": "7",
                "invitation_subject": "WARM ROTTERDAM DAAGT RAADSLEDEN UIT",
                "invitation_text": "Rotterdammers in armoede vragen u: leef een week van €50.",
                "reminder_days": "14,60,74",
                "respond_by": RESPOND_BY.isoformat(),
                "ends_on": (LAUNCH - timedelta(days=2)).isoformat(),
                "publish_at": f"{LAUNCH.isoformat()}T10:00",
                "response_threshold_percent": "50",
            },
        )
        assert created.status_code == 303
        challenge_id = int(created.headers["Location"].rsplit("/", 1)[1])

    with on(INVITED, 9):
        client = app.test_client()
        login(client, team)  # ten days on: a new session
        page = f"/campaign/challenges/{challenge_id}"
        post_form(client, f"{page}/invite", {}, form_url=page)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 45
        tokens = links_in_outbox()
        members = {p.member.email: p for p in db.session.scalars(db.select(Participation))}
    emails = sorted(members, key=lambda e: int(e.split("raadslid")[1].split("@")[0]))
    accept, decline, nonsense = emails[:11], emails[11:21], emails[21:24]  # the rest: silent

    def member(email):
        return app.test_client(), f"/campaign/raad/{tokens[email]}"

    with on(INVITED + timedelta(days=14)), app.app_context():
        report = tick(engine_of(), now=local_noon(INVITED + timedelta(days=14)))
        assert report.plugin_work == ["campaign: 45 herinnering(en) aan raadsleden verstuurd"]

    with on(date(2019, 9, 2)):  # after the recess: answers come in
        for email in decline:
            c, url = member(email)
            post_form(
                c, f"{url}/answer/decline", {"reason": "Dat past niet in mijn agenda"}, form_url=url
            )
        for email in nonsense:
            c, url = member(email)
            post_form(c, f"{url}/answer/call_it_nonsense", {}, form_url=url)
        for email in accept:
            c, url = member(email)
            post_form(
                c,
                f"{url}/answer/accept",
                {"starts_on": "2019-09-09", "budget": "50", "period_days": "7"},
                form_url=url,
            )
    with on(INVITED + timedelta(days=60)), app.app_context():
        report = tick(engine_of(), now=local_noon(INVITED + timedelta(days=60)))
        # Only the 21 who have not answered; an answer stops the reminders.
        assert report.plugin_work == ["campaign: 21 herinnering(en) aan raadsleden verstuurd"]

    for day in range(7):  # the week of 9 September, a line a day
        today = date(2019, 9, 9) + timedelta(days=day)
        with on(today), app.app_context():
            tick(engine_of(), now=local_noon(today))
        with on(today):
            for number, email in enumerate(accept):
                c, url = member(email)
                amount = "7" if number < 9 else "12"  # € 49 in the week; two spend € 84
                response = post_form(
                    c,
                    f"{url}/logbook",
                    {"day": today.isoformat(), "amount": amount, "spent_on": "eten", "note": ""},
                    form_url=url,
                )
                assert response.status_code == 303
    with on(date(2019, 9, 16)), app.app_context():
        tick(engine_of(), now=local_noon(date(2019, 9, 16)))
    with on(RESPOND_BY + timedelta(days=1)), app.app_context():
        tick(engine_of(), now=local_noon(RESPOND_BY + timedelta(days=1)))

    anonymous = app.test_client()
    with on(LAUNCH, 9):  # 09:00: still under embargo
        assert anonymous.get(f"/campaign/armoede-index/{challenge_id}").status_code == 404
        with app.app_context():
            assert tick(engine_of(), now=local_noon(LAUNCH) - timedelta(hours=4)).plugin_work == []
    with on(LAUNCH, 10), app.app_context():
        report = tick(engine_of(), now=local_noon(LAUNCH) - timedelta(hours=3))
        assert report.plugin_work == ["campaign: 1 Politieke Armoede Index(en) bekendgemaakt"]
    with on(LAUNCH, 10):
        csv = anonymous.get(f"/campaign/armoede-index/{challenge_id}.csv")
    assert csv.status_code == 200
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    parties = {
        line.split(";")[1]: line.split(";")[4:] for line in lines if line.startswith("partij;")
    }
    members_lines = [line for line in lines if line.startswith("raadslid;")]
    assert len(members_lines) == 45 and len(parties) == 13
    outcomes = [line.split(";")[3] for line in members_lines]
    assert outcomes.count("Volbracht, met logboek") == 9
    assert outcomes.count("Aangenomen, niet volbracht") == 2
    assert outcomes.count("Geweigerd, met een reden") == 10
    assert outcomes.count("Vindt het onzin") == 3
    assert outcomes.count("Geen reactie") == 21
    # Leefbaar Rotterdam: members 1-11 all accepted, 9 within budget: (9*10 + 2*6) / 11 = 9.3.
    assert parties["Leefbaar Rotterdam"] == ["9,3", "11", "11"]
    # GroenLinks (12-16) declined, with reasons: 3.0. The last parties did not answer.
    assert parties["GroenLinks"] == ["3,0", "5", "5"]
    assert parties["50PLUS"] == ["onvoldoende gegevens", "1", "0"]
    with app.app_context():
        assert db.session.get(Challenge, challenge_id).frozen_at is not None
