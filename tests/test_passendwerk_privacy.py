"""Privacy (AVG): requests with their one-month deadline, a complete export, an erasure that
leaves no personal data in any table, retention, and need-to-know for administrators."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import JSON, String, Text

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today, utcnow
from core.workflow import engine_of
from core.workflow.maintenance import verify
from core.workflow.models import WorkflowInstance
from plugins.passendwerk.privacy.models import PrivacyRequest, one_month_after
from plugins.passendwerk.reports.figures import figures
from plugins.passendwerk.route.models import JobSeeker
from tests.factories import make_organisation
from tests.passendwerk_world import MENTOR_NAMED, TO_MATCHING, make_job_seeker, make_vacancy

PERSONAL = [
    "Marjolein",
    "Achterberg",
    "06 1234 5678",
    "Zwaanshals 12",
    "noor@example.org",
    "Schuldhulptraject loopt.",
    "Komt altijd op tijd.",
    "video.example.org/noor",
    "Joke Mentor",
    "Loopt goed bij de bakker.",
    "Ze wil alles gewist.",
    "Gemotiveerd.",
    "Week 1: meelopen met de mentor.",
    "06 9999 0000",
    "Leuk gesprek gehad.",
]


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tessa Team")


@pytest.fixture
def placed_person(app, team):
    """Someone with a profile, an introduction, a placement and a feedback talk."""
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)})
    person = make_job_seeker(
        app,
        team,
        first_name="Marjolein",
        profile={
            "levels": {"Klantvriendelijkheid": 3},
            "behaviour": "Komt altijd op tijd.",
            "pitch_url": "https://video.example.org/noor",
        },
        steps=[
            *TO_MATCHING,
            ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"}),
            ("placed", {"vacancy_id": str(vacancy), "start_date": "2026-11-02",
                        "contract": "vast", "hours": "20", "cao": "y"}),
            MENTOR_NAMED,
            ("start_induction", {"lifecoach_id": "0"}),
        ],
    )  # fmt: skip
    from plugins.passendwerk.introductions.models import (
        FeedbackConversation,
        Introduction,
        IntroductionAnswer,
        current_placement,
    )

    with app.app_context():
        placement = current_placement(person)  # held: a collection needs its parent alive
        placement.conversations.append(
            FeedbackConversation(held_on=local_today(), summary="Loopt goed bij de bakker.")
        )
        placement.mentor_contact = "06 9999 0000"
        introduction = db.session.scalar(db.select(Introduction))
        introduction.answers.append(
            IntroductionAnswer(response="interview", note="Leuk gesprek gehad.")
        )
        db.session.commit()
    return person


def request_privacy(client, person, kind, details=""):
    url = f"/passendwerk/job-seekers/{person}/privacy-requests/new"
    response = post_form(
        client, url, {"kind": kind, "received_on": local_today().isoformat(), "details": details}
    )
    assert response.status_code == 303, response.text
    return int(response.location.rsplit("/", 1)[1])


def fire(client, request_id, trigger, **data):
    url = f"/passendwerk/privacy-requests/{request_id}"
    with client.application.app_context():
        instance = engine_of().instance_for(
            "passendwerk.privacy_request", db.session.get(PrivacyRequest, request_id)
        )
        version = instance.version
    return post_form(
        client,
        f"/workflows/instances/{instance.id}/fire",
        {"trigger": trigger, "version": str(version), **data},
        form_url=url,
    )


def test_one_month_is_the_same_day_next_month_or_the_last_day():
    assert one_month_after(date(2026, 1, 15)) == date(2026, 2, 15)
    assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_month_after(date(2026, 12, 31)) == date(2027, 1, 31)


def test_a_request_carries_its_legal_deadline_and_shows_it(app, client, login, team, placed_person):
    login(client, team)
    request_id = request_privacy(client, placed_person, "access")
    with app.app_context():
        request = db.session.get(PrivacyRequest, request_id)
        instance = engine_of().instance_for("passendwerk.privacy_request", request)
        assert instance.deadline_at.date() == one_month_after(local_today())
    page = client.get("/passendwerk/privacy-requests").text
    assert "Inzage" in page and "Marjolein Achterberg" in page
    assert fire(client, request_id, "handle").status_code == 303
    with app.app_context():
        instance = db.session.get(WorkflowInstance, instance.id)
        assert instance.state == "in_behandeling"
        assert instance.deadline_at.date() == one_month_after(local_today())
    assert fire(client, request_id, "complete").status_code == 303


def test_export_holds_everything_stored_and_is_logged(app, client, login, team, placed_person):
    login(client, team)
    response = client.get(f"/passendwerk/job-seekers/{placed_person}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    text = json.dumps(data, ensure_ascii=False)
    for value in PERSONAL[:10]:
        assert value in text, value
    assert data["person"]["sensitive_notes"] == "Schuldhulptraject loopt."
    assert data["talent_profile"]["competences"] == [
        {"competence": "Klantvriendelijkheid", "level": 3}
    ]
    assert data["placements"][0]["employer"] == "Bakkerij De Rotte"
    assert [h["to_state"] for h in data["workflows"][0]["history"]][-1] == "inwerken"
    assert data["access_log"] and data["consents"][0]["purpose"] == "Begeleiding"
    with app.app_context():
        from plugins.passendwerk.route.models import AccessLogEntry

        assert (
            db.session.scalar(db.select(db.func.count()).where(AccessLogEntry.action == "export"))
            == 1
        )


def personal_data_left(person_id) -> list[str]:
    """Every text or JSON cell in every table that still holds one of the personal values."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not columns:
            continue
        for row in db.session.execute(db.select(*columns)):
            for column, value in zip(columns, row, strict=True):
                text = (
                    json.dumps(value, ensure_ascii=False)
                    if column.type.__class__ is JSON
                    else value
                )
                for needle in PERSONAL:
                    if text and needle in text:
                        found.append(f"{table.name}.{column.name}: {needle}")
    return found


def test_erasure_leaves_no_personal_data_in_any_table_but_keeps_the_figures(
    app, client, login, team, placed_person
):
    login(client, team)
    request_id = request_privacy(client, placed_person, "erasure", "Ze wil alles gewist.")
    fire(client, request_id, "handle")
    with app.app_context():
        before = figures()
        assert personal_data_left(placed_person)  # the scan does find what is there
    fire(client, request_id, "complete")  # an erasure is not closed without erasing
    with app.app_context():
        assert db.session.get(JobSeeker, placed_person).erased_at is None
    refused = fire(client, request_id, "erase", confirm="ja")
    assert refused.status_code == 400 and "Typ WISSEN" in refused.text
    with app.app_context():
        assert db.session.get(JobSeeker, placed_person).first_name == "Marjolein"
    assert fire(client, request_id, "erase", confirm="WISSEN").status_code == 303
    with app.app_context():
        assert personal_data_left(placed_person) == []
        person = db.session.get(JobSeeker, placed_person)
        assert person.erased_at is not None and person.name == "(gegevens gewist)"
        after = figures()
        assert after.funnel == before.funnel
        assert after.placements_this_year == before.placements_this_year
        assert after.median_days_to_placement == before.median_days_to_placement
        assert verify(engine_of()) == []  # the route still replays from its history
        state = (
            engine_of()
            .instance_for("passendwerk.privacy_request", db.session.get(PrivacyRequest, request_id))
            .state
        )
        assert state == "afgehandeld"
    page = client.get(f"/passendwerk/job-seekers/{placed_person}").text
    assert "De persoonsgegevens zijn gewist" in page
    assert client.get(f"/passendwerk/job-seekers/{placed_person}/export.json").status_code == 404


def test_only_erasure_requests_can_erase(app, client, login, team, placed_person):
    login(client, team)
    request_id = request_privacy(client, placed_person, "export")
    fire(client, request_id, "handle")
    fire(client, request_id, "erase", confirm="WISSEN")
    with app.app_context():
        assert db.session.get(JobSeeker, placed_person).erased_at is None


def test_partners_and_admins_cannot_handle_privacy_requests(
    app, client, login, make_user, placed_person
):
    admin = make_user(roles={"admin"})
    login(client, admin)
    assert client.get("/passendwerk/privacy-requests").status_code == 404
    assert client.get(f"/passendwerk/job-seekers/{placed_person}").status_code == 404
    assert client.get(f"/passendwerk/job-seekers/{placed_person}/export.json").status_code == 404
    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab")))
    assert partner.get("/passendwerk/privacy-requests").status_code == 403


def close_long_ago(app, person_id, days):
    with app.app_context():
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.subject_id == person_id)
            .values(state="afgebroken", entered_state_at=utcnow() - timedelta(days=days))
        )
        db.session.commit()


def test_files_closed_past_retention_are_flagged_then_erased_after_confirmation(
    app, client, login, team, monkeypatch
):
    old = make_job_seeker(app, team)
    recent = make_job_seeker(app, team, first_name="Recent")
    close_long_ago(app, old, 800)
    close_long_ago(app, recent, 100)
    login(client, team)
    assert "bewaartermijn voorbij" in client.get("/passendwerk/").text
    runner = app.test_cli_runner()
    declined = runner.invoke(args=["passendwerk", "erase-expired"], input="n\n")
    assert f"ids {old}." in declined.output and "Nothing erased." in declined.output
    with app.app_context():
        assert db.session.get(JobSeeker, old).erased_at is None
    done = runner.invoke(args=["passendwerk", "erase-expired"], input="y\n")
    assert "Erased 1 file(s)" in done.output
    with app.app_context():
        assert db.session.get(JobSeeker, old).phone is None
        assert db.session.get(JobSeeker, recent).first_name == "Recent"
    monkeypatch.setitem(app.config, "PASSENDWERK_RETENTION_DAYS", 30)
    assert (
        "ids " + str(recent) in runner.invoke(args=["passendwerk", "erase-expired", "--yes"]).output
    )


def test_a_rejected_request_needs_its_reason(app, client, login, team, placed_person):
    login(client, team)
    request_id = request_privacy(client, placed_person, "correction", "Adres klopt niet.")
    fire(client, request_id, "reject")  # no reason given
    with app.app_context():
        request = db.session.get(PrivacyRequest, request_id)
        assert engine_of().instance_for("passendwerk.privacy_request", request).state == "ontvangen"
    fire(client, request_id, "reject", comment="Het adres klopt; nagevraagd bij de persoon.")
    with app.app_context():
        request = db.session.get(PrivacyRequest, request_id)
        assert engine_of().instance_for("passendwerk.privacy_request", request).state == "afgewezen"


def test_an_erasure_request_cannot_be_closed_without_erasing(
    app, client, login, team, placed_person
):
    login(client, team)
    request_id = request_privacy(client, placed_person, "erasure")
    fire(client, request_id, "handle")
    page = client.get(f"/passendwerk/privacy-requests/{request_id}").text
    assert "Een verzoek om te wissen handelt u af met" in page  # the disabled step says why
    fire(client, request_id, "complete")
    with app.app_context():
        request = db.session.get(PrivacyRequest, request_id)
        state = engine_of().instance_for("passendwerk.privacy_request", request).state
        assert state == "in_behandeling"
        assert db.session.get(JobSeeker, placed_person).erased_at is None


def test_export_carries_sensitive_notes_only_for_who_may_see_them(
    app, client, login, team, placed_person, make_user
):
    """One rule for pages and export: sensitive notes go only to the coach and the lifecoach.
    Anyone else on the team gets the rest, with a note that they exist and who can make the
    complete export."""
    lifecoach = make_user(roles={"lifecoach"}, name="Lies Levenscoach")
    with app.app_context():
        db.session.get(JobSeeker, placed_person).lifecoach_id = lifecoach.id
        db.session.commit()
    url = f"/passendwerk/job-seekers/{placed_person}/export.json"

    colleague = app.test_client()
    login(colleague, make_user(roles={"team"}, name="Collega Zonder Dossier"))
    assert (
        "Schuldhulptraject" not in colleague.get(f"/passendwerk/job-seekers/{placed_person}").text
    )
    response = colleague.get(url)
    assert response.status_code == 200
    assert "Schuldhulptraject" not in response.text
    data = json.loads(response.data)
    assert data["person"]["sensitive_notes"] is None
    withheld = data["person"]["sensitive_notes_withheld"]
    assert withheld["complete_export_by"] == ["Tessa Team (coach)", "Lies Levenscoach (lifecoach)"]
    assert "coach" in withheld["reason"]

    for user in (team, lifecoach):  # the coach and the lifecoach: the complete export
        own = app.test_client()
        login(own, user)
        assert url in own.get(f"/passendwerk/job-seekers/{placed_person}").text
        data = json.loads(own.get(url).data)
        assert data["person"]["sensitive_notes"] == "Schuldhulptraject loopt."
        assert "sensitive_notes_withheld" not in data["person"]

    outsider = app.test_client()
    login(outsider, make_user(roles={"lifecoach"}))
    assert outsider.get(url).status_code == 404
    with app.app_context():
        from plugins.passendwerk.route.models import AccessLogEntry

        details = db.session.scalars(
            db.select(AccessLogEntry.detail).where(AccessLogEntry.action == "export")
        ).all()
        assert details == ["zonder gevoelige notities", None, None]


def test_a_person_without_sensitive_notes_gets_no_withheld_note(
    app, client, login, team, make_user
):
    person = make_job_seeker(app, team, sensitive_notes=None)
    colleague = app.test_client()
    login(colleague, make_user(roles={"team"}))
    data = json.loads(colleague.get(f"/passendwerk/job-seekers/{person}/export.json").data)
    assert data["person"]["sensitive_notes"] is None
    assert "sensitive_notes_withheld" not in data["person"]


def test_a_lifecoachs_export_holds_only_what_the_lifecoach_sees(
    app, client, login, team, placed_person, make_user
):
    """Privacy requests and their handling are the team's, the access log the team's and the
    coach's: a lifecoach's export leaves them out (and says so), as the file page does."""
    lifecoach = make_user(roles={"lifecoach"}, name="Lies Levenscoach")
    with app.app_context():
        db.session.get(JobSeeker, placed_person).lifecoach_id = lifecoach.id
        db.session.add(
            PrivacyRequest(
                job_seeker_id=placed_person,
                kind="access",
                received_on=local_today(),
                details="Wil weten wie het dossier bekeek.",
            )
        )
        db.session.commit()
    url = f"/passendwerk/job-seekers/{placed_person}/export.json"
    own = app.test_client()
    login(own, lifecoach)
    data = json.loads(own.get(url).data)
    assert data["privacy_requests"] is None and data["access_log"] is None
    assert sorted(data["left_out"]) == ["access_log", "privacy_requests"]
    assert "Wil weten wie" not in own.get(url).text
    assert all(w["workflow"] == "passendwerk.route" for w in data["workflows"])

    login(client, team)  # the team (here also the coach) gets all of it
    data = json.loads(client.get(url).data)
    assert data["privacy_requests"][0]["details"] == "Wil weten wie het dossier bekeek."
    assert data["access_log"] and data["left_out"] == []


def test_the_list_reads_the_closed_files_once_per_change_and_judges_their_age_at_each_view(
    app, client, login, team, monkeypatch
):
    """Found profiling issue 14: every view of the list asked the database again which files
    are past the retention period, though only a change or the clock can alter that."""
    from tests.factories import QueryCounter

    old = make_job_seeker(app, team)
    close_long_ago(app, old, 700)
    login(client, team)
    with app.app_context():
        engine = db.engine
    client.get("/passendwerk/")
    with QueryCounter(engine) as warm:
        page = client.get("/passendwerk/").text
    assert "bewaartermijn voorbij" not in page  # 700 days: within the period
    assert not [s for s in warm.statements if "entered_state_at" in s]
    # The clock moves on without a change of the data: the same file is now past it.
    monkeypatch.setattr(
        "plugins.passendwerk.route.views.utcnow", lambda: utcnow() + timedelta(days=400)
    )
    with QueryCounter(engine) as later:
        page = client.get("/passendwerk/").text
    assert "bewaartermijn voorbij" in page
    assert not [s for s in later.statements if "entered_state_at" in s]
