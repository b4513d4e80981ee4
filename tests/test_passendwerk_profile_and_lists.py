"""The talent profile form, corrections, training modules, the team's lists (with ESCO
import), Meet & Greets and the anonymous report."""

import csv
import io

import pytest

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from plugins.passendwerk.catalogue.models import Competence, EndingCause, TrainingModule
from plugins.passendwerk.events.models import Guest, MeetAndGreet
from plugins.passendwerk.route.models import AccessLogEntry, JobSeeker
from plugins.passendwerk.talent.models import TalentProfile, TrainingEnrolment
from tests.factories import make_organisation
from tests.passendwerk_world import competence_ids, make_job_seeker


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def coach(make_user):
    return make_user(roles={"team"}, name="Tessa Team")


def test_coach_fills_the_talent_profile_and_bad_input_changes_nothing(app, client, login, coach):
    person = make_job_seeker(app, coach)
    with app.app_context():
        ids = competence_ids("Koken", "Samenwerken")
        db.session.commit()
    login(client, coach)
    url = f"/passendwerk/job-seekers/{person}/profile"
    form = client.get(url).text
    assert "diploma" not in form.lower().split("<form")[1]
    # The catalogue is searched, not listed whole: Koken is offered once asked for.
    assert "Koken" not in form
    found = post_form(client, url, {"competence_q": "KOK", "find_competence": "1"})
    assert found.status_code == 200 and ">Koken</label>" in found.text
    bad = {
        f"competence_{ids['Koken']}": "7",
        "hours_min": "30",
        "hours_max": "20",
        "travel": "stad",
        "pitch_url": "javascript:alert(1)",
    }
    response = post_form(client, url, bad)
    assert response.status_code == 400
    for message in ("Ongeldige keuze.", "lager dan het minimum", "begint met https://"):
        assert message in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(TalentProfile.id))) == 0
    good = {
        f"competence_{ids['Koken']}": "3",
        f"competence_{ids['Samenwerken']}": "2",
        "sectors": ["horeca", "zorg"],
        "hours_min": "16",
        "hours_max": "24",
        "travel": "wijk",
        "contracts": ["vast"],
        "behaviour": "Rustig, precies.",
        "personality": "Zorgzaam.",
        "pitch_url": "https://video.example.org/p",
        "share_with_employers": "y",
    }
    assert post_form(client, url, good).status_code == 303
    with app.app_context():
        profile = db.session.scalar(db.select(TalentProfile))
        assert profile.levels() == {ids["Koken"]: 3, ids["Samenwerken"]: 2}
        assert (profile.sectors, profile.contracts, profile.travel) == (
            ["horeca", "zorg"],
            ["vast"],
            "wijk",
        )
        assert profile.share_with_employers
    good[f"competence_{ids['Samenwerken']}"] = ""  # dropping a competence
    post_form(client, url, good)
    with app.app_context():
        assert db.session.scalar(db.select(TalentProfile)).levels() == {ids["Koken"]: 3}
    page = client.get(f"/passendwerk/job-seekers/{person}").text
    assert "Koken: 3 – goed" in page and "Horeca, Zorg en welzijn" in page


def test_correcting_personal_details_is_logged_and_hides_notes_from_the_team(
    app, client, login, coach, make_user
):
    person = make_job_seeker(app, coach)
    login(client, make_user(roles={"team"}))
    url = f"/passendwerk/job-seekers/{person}/edit"
    assert "sensitive_notes" not in client.get(url).text  # a colleague, not the coach
    data = {
        "first_name": "Noor",
        "last_name": "Achterberg-Visser",
        "district": "Noord",
        "phone": "",
    }
    assert post_form(client, url, {**data, "first_name": ""}).status_code == 400
    assert post_form(client, url, data).status_code == 303
    with app.app_context():
        person_row = db.session.get(JobSeeker, person)
        assert person_row.last_name == "Achterberg-Visser" and person_row.phone is None
        assert person_row.sensitive_notes == "Schuldhulptraject loopt."  # untouched
        assert (
            "last_name"
            in db.session.scalars(
                db.select(AccessLogEntry.detail).where(AccessLogEntry.action == "change")
            ).all()[-1]
        )
    partner = app.test_client()
    login(partner, make_user(roles={"lifecoach"}))
    assert partner.get(url).status_code == 404


def test_training_modules_planned_attended_completed(app, client, login, coach):
    person = make_job_seeker(app, coach)
    with app.app_context():
        module = TrainingModule(name="Presenteren")
        db.session.add(module)
        db.session.commit()
        module_id = module.id
    login(client, coach)
    file_url = f"/passendwerk/job-seekers/{person}"
    post_form(client, f"{file_url}/trainings", {"module_id": str(module_id)}, form_url=file_url)
    with app.app_context():
        enrolment = db.session.scalar(db.select(TrainingEnrolment))
        assert (enrolment.module_id, enrolment.status) == (module_id, "planned")
    url = f"/passendwerk/trainings/{enrolment.id}"
    post_form(client, url, {"status": "nonsense"}, form_url=file_url)
    post_form(client, url, {"status": "completed"}, form_url=file_url)
    with app.app_context():
        assert db.session.scalar(db.select(TrainingEnrolment.status)) == "completed"
    # planned twice is refused: the module is no longer offered for this person
    post_form(client, f"{file_url}/trainings", {"module_id": str(module_id)}, form_url=file_url)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(TrainingEnrolment.id))) == 1


def test_team_maintains_the_lists_and_retired_entries_are_not_offered(app, client, login, coach):
    login(client, coach)
    post_form(
        client,
        "/passendwerk/catalogue/causes",
        {"causes-name": "Vervoer"},
        form_url="/passendwerk/catalogue",
    )
    post_form(
        client,
        "/passendwerk/catalogue/causes",
        {"causes-name": "vervoer"},
        form_url="/passendwerk/catalogue",
    )
    post_form(
        client,
        "/passendwerk/catalogue/competences",
        {"competences-name": "Lassen"},
        form_url="/passendwerk/catalogue",
    )
    with app.app_context():
        assert db.session.scalars(db.select(EndingCause.name)).all() == ["Vervoer"]
        lassen = db.session.scalar(db.select(Competence).where(Competence.name == "Lassen"))
    post_form(
        client,
        f"/passendwerk/catalogue/competences/{lassen.id}/toggle",
        {},
        form_url="/passendwerk/catalogue",
    )
    person = make_job_seeker(app, coach)
    assert ">Lassen</label>" not in client.get(f"/passendwerk/job-seekers/{person}/profile").text
    assert client.get("/passendwerk/catalogue/unknown/1/toggle").status_code == 405


def test_partner_cannot_change_the_lists(app, client, login, make_user):
    login(client, make_user(roles={"partner"}, organisation=make_organisation(app)))
    assert client.get("/passendwerk/catalogue").status_code == 403


def test_esco_import_adds_new_skills_once_and_links_known_names(app, tmp_path):
    with app.app_context():
        db.session.add(Competence(name="Koken"))
        db.session.commit()
    path = tmp_path / "skills_nl.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["conceptType", "conceptUri", "preferredLabel", "description"])
        writer.writerow(
            ["KnowledgeSkillCompetence", "http://data.europa.eu/esco/skill/a", "Koken", ""]
        )
        writer.writerow(
            [
                "KnowledgeSkillCompetence",
                "http://data.europa.eu/esco/skill/b",
                "Vorkheftruck besturen",
                "Een heftruck besturen.",
            ]
        )
        writer.writerow(["KnowledgeSkillCompetence", "", "Zonder uri", ""])
    runner = app.test_cli_runner()
    first = runner.invoke(args=["passendwerk", "import-esco", str(path)])
    assert "1 competences added, 2 skipped" in first.output, first.output
    assert (
        "0 competences added, 3 skipped"
        in runner.invoke(args=["passendwerk", "import-esco", str(path)]).output
    )
    with app.app_context():
        rows = {c.name: c.esco_uri for c in db.session.scalars(db.select(Competence))}
    assert rows == {
        "Koken": "http://data.europa.eu/esco/skill/a",
        "Vorkheftruck besturen": "http://data.europa.eu/esco/skill/b",
    }
    wrong = tmp_path / "other.csv"
    wrong.write_text("naam;niveau\nKoken;3\n", encoding="utf-8")
    result = runner.invoke(args=["passendwerk", "import-esco", str(wrong)])
    assert result.exit_code != 0 and "not an ESCO skills export" in result.output


def test_meet_and_greet_invitations_and_attendance(app, client, login, coach, make_user):
    employer = make_organisation(app, "Bakkerij De Rotte", "employer")
    person = make_job_seeker(app, coach)
    login(client, coach)
    response = post_form(
        client,
        "/passendwerk/meet-and-greets/new",
        {
            "title": "Meet & Greet Charlois",
            "starts_at": f"{local_today().isoformat()}T14:00",
            "place": "Warmtebron Charlois",
            "employer_ids": [str(employer.id)],
        },
    )
    assert response.status_code == 303
    event_url = response.location
    post_form(client, f"{event_url}/guests", {"job_seeker_id": str(person)}, form_url=event_url)
    post_form(client, f"{event_url}/guests/{person}/attended", {}, form_url=event_url)
    with app.app_context():
        event = db.session.scalar(db.select(MeetAndGreet))
        assert [o.name for o in event.employers] == ["Bakkerij De Rotte"]
        assert [(g.job_seeker_id, g.attended) for g in db.session.scalars(db.select(Guest))] == [
            (person, True)
        ]
    page = client.get(event_url).text
    assert "1 uitgenodigd, 1 gekomen" in page and "Noor Achterberg" in page
    # shown at the time entered, as the form keeps it (not taken for UTC and moved)
    assert f"{local_today():%d-%m-%Y}, 14:00" in page
    assert ", 14:00, Warmtebron Charlois" in client.get("/passendwerk/meet-and-greets").text
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app)))
    assert "Noor Achterberg" not in stranger.get(event_url).text  # not theirs to see
    assert (
        post_form(
            stranger, f"{event_url}/guests/{person}/attended", {}, form_url=event_url
        ).status_code
        == 404
    )


def test_report_counts_without_names_and_exports_csv(app, client, login, coach, make_user):
    make_job_seeker(app, coach, steps=["start_intake"])
    make_job_seeker(app, coach)
    board = make_user(roles={"board"})
    login(client, board)
    page = client.get("/passendwerk/report").text
    assert "Noor" not in page and "Achterberg" not in page
    response = client.get("/passendwerk/report.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert ["stap", "Aangemeld", "1"] in rows and ["stap", "Intake", "1"] in rows
    assert "Achterberg" not in response.data.decode()
    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=make_organisation(app)))
    assert partner.get("/passendwerk/report.csv").status_code == 403


def test_the_list_finds_people_by_name_and_step_and_pages(app, client, login, coach):
    make_job_seeker(app, coach, first_name="Samira", last_name="El Idrissi")
    make_job_seeker(app, coach, first_name="Jeroen", last_name="Bakker", steps=["start_intake"])
    login(client, coach)
    names = lambda html: [n for n in ("Samira El Idrissi", "Jeroen Bakker") if n in html]  # noqa: E731
    assert names(client.get("/passendwerk/").text) == ["Samira El Idrissi", "Jeroen Bakker"]
    assert names(client.get("/passendwerk/?q=idriss").text) == ["Samira El Idrissi"]
    assert names(client.get("/passendwerk/?q=jeroen%20bak").text) == ["Jeroen Bakker"]
    assert names(client.get("/passendwerk/?step=intake").text) == ["Jeroen Bakker"]
    assert "Niemand gevonden" in client.get("/passendwerk/?q=zzz").text
    assert client.get("/passendwerk/?step=onzin").status_code == 200  # unknown step: ignored
    for n in range(50):
        make_job_seeker(app, coach, first_name=f"Persoon{n}")
    first = client.get("/passendwerk/").text
    assert "Volgende →" in first and "Samira El Idrissi" not in first  # newest first
    assert "Samira El Idrissi" in client.get("/passendwerk/?page=2").text
