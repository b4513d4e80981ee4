"""Introductions, placement and induction as the employer and the coach see them, and the
feedback cadence during induction."""

from datetime import timedelta

import pytest

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from plugins.passendwerk.introductions.models import FeedbackConversation, Introduction, Placement
from plugins.passendwerk.route.models import AccessLogEntry
from tests.factories import make_organisation
from tests.passendwerk_world import TO_MATCHING, make_job_seeker, make_vacancy, route_state


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def world(app, make_user):
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    hotel = make_organisation(app, "Hotel Noord", "employer")
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Priya Coach")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)})
    profile = {
        "levels": {"Klantvriendelijkheid": 3},
        "behaviour": "Komt altijd op tijd.",
        "pitch_url": "https://video.example.org/noor",
    }
    person = make_job_seeker(
        app,
        coach,
        pluspunt.id,
        profile=profile,
        steps=[*TO_MATCHING, ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"})],
    )
    return {
        "coach": coach,
        "person": person,
        "vacancy": vacancy,
        "baker": make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker"),
        "hotelier": make_user(roles={"employer"}, organisation=hotel),
        "bakery": bakery,
    }


def introduction_id(app):
    with app.app_context():
        return db.session.scalar(db.select(Introduction.id))


def test_employer_sees_only_name_profile_and_pitch_and_answers(app, client, login, world):
    login(client, world["baker"])
    tasks = client.get("/tasks").text
    assert "Antwoord op de kennismaking: Noor Achterberg (Verkoper)" in tasks
    url = f"/passendwerk/introductions/{introduction_id(app)}"
    page = client.get(url).text
    assert "Noor Achterberg" in page and "Komt altijd op tijd." in page
    assert "https://video.example.org/noor" in page
    for private in ("06 1234 5678", "Zwaanshals 12", "noor@example.org", "Schuldhulptraject"):
        assert private not in page
    assert client.get(f"/passendwerk/job-seekers/{world['person']}").status_code == 403
    response = post_form(
        client, f"{url}/respond", {"response": "interview", "note": "Graag dinsdag."}, form_url=url
    )
    assert response.status_code == 303
    with app.app_context():
        intro = db.session.get(Introduction, introduction_id(app))
        assert (intro.response, intro.employer_note) == ("interview", "Graag dinsdag.")
        logged = db.session.scalars(
            db.select(AccessLogEntry.detail).where(AccessLogEntry.user_id == world["baker"].id)
        ).all()
    assert logged == ["kennismaking", "kennismaking", "antwoord werkgever: interview"]
    assert "Antwoord op de kennismaking" not in client.get("/tasks").text  # answered
    coach = app.test_client()
    login(coach, world["coach"])
    assert (
        "Wil een gesprek: Graag dinsdag."
        in coach.get(f"/passendwerk/job-seekers/{world['person']}").text
    )


def test_another_employer_cannot_open_the_introduction(app, client, login, world):
    login(client, world["hotelier"])
    assert client.get(f"/passendwerk/introductions/{introduction_id(app)}").status_code == 404
    assert client.get(f"/passendwerk/vacancies/{world['vacancy']}").status_code == 404
    url = f"/passendwerk/introductions/{introduction_id(app)}/respond"
    assert (
        post_form(client, url, {"response": "hire"}, form_url="/passendwerk/vacancies").status_code
        == 404
    )


def test_a_bad_answer_is_refused_and_changes_nothing(app, client, login, world):
    login(client, world["baker"])
    url = f"/passendwerk/introductions/{introduction_id(app)}"
    post_form(client, f"{url}/respond", {"response": "ghost"}, form_url=url)
    flashed = client.get(url).text
    assert 'class="flash flash-error"' in flashed and "Nog geen antwoord" in flashed
    with app.app_context():
        assert db.session.get(Introduction, introduction_id(app)).response is None


def test_without_shared_consent_the_employer_sees_the_name_only(app, client, login, world):
    from plugins.passendwerk.talent.models import TalentProfile

    with app.app_context():
        db.session.scalar(db.select(TalentProfile)).share_with_employers = False
        db.session.commit()
    login(client, world["baker"])
    page = client.get(f"/passendwerk/introductions/{introduction_id(app)}").text
    assert "Noor Achterberg" in page and "Komt altijd op tijd." not in page


def place(app, world, start=None):
    from werkzeug.datastructures import MultiDict

    from core.accounts.models import User
    from core.workflow import engine_of
    from tests.passendwerk_world import name_mentor, route_id

    with app.app_context():
        coach = db.session.get(User, world["coach"].id)
        engine_of().fire(
            route_id(app, world["person"]),
            "placed",
            actor=coach,
            formdata=MultiDict(
                {
                    "vacancy_id": str(world["vacancy"]),
                    "start_date": (start or local_today()).isoformat(),
                    "contract": "vast",
                    "hours": "20",
                    "cao": "y",
                }
            ),
        )
        name_mentor(world["person"])
        engine_of().fire(
            route_id(app, world["person"]),
            "start_induction",
            actor=coach,
            formdata=MultiDict({"lifecoach_id": "0"}),
        )


def test_once_hired_there_the_employer_sees_the_contact_details(app, client, login, world):
    place(app, world)
    login(client, world["baker"])
    page = client.get(f"/passendwerk/introductions/{introduction_id(app)}").text
    assert "06 1234 5678" in page and "noor@example.org" in page
    assert "Schuldhulptraject" not in page  # sensitive notes: never


def test_feedback_is_due_every_two_weeks_and_overdue_talks_show_up(app, client, login, world):
    place(app, world)
    assert route_state(app, world["person"]) == "inwerken"
    with app.app_context():
        placement = db.session.scalar(db.select(Placement))
        placement.induction_started_on = local_today() - timedelta(days=15)
        placement.start_date = local_today() - timedelta(days=15)
        db.session.commit()
    login(client, world["coach"])
    tasks = client.get("/tasks").text
    assert "Feedbackgesprek: Noor Achterberg" in tasks and "te laat" in tasks
    file_url = f"/passendwerk/job-seekers/{world['person']}"
    future = (local_today() + timedelta(days=3)).isoformat()
    post_form(
        client, f"{file_url}/feedback", {"held_on": future, "summary": "Later"}, form_url=file_url
    )
    post_form(
        client,
        f"{file_url}/feedback",
        {"held_on": local_today().isoformat(), "summary": ""},
        form_url=file_url,
    )
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(FeedbackConversation.id))) == 0
    response = post_form(
        client,
        f"{file_url}/feedback",
        {"held_on": local_today().isoformat(), "summary": "Gaat goed, leert snel."},
        form_url=file_url,
    )
    assert response.status_code == 303
    tasks = client.get("/tasks").text
    assert "Feedbackgesprek: Noor Achterberg" in tasks and "te laat" not in tasks
    page = client.get(file_url).text
    due = local_today() + timedelta(days=14)
    assert "Gaat goed, leert snel." in page and "Volgend feedbackgesprek" in page
    with app.app_context():
        from plugins.passendwerk.introductions.induction import feedback_due

        assert [d.due for d in feedback_due()] == [due]


def test_feedback_can_only_be_recorded_during_induction(app, client, login, world):
    login(client, world["coach"])
    file_url = f"/passendwerk/job-seekers/{world['person']}"
    response = post_form(
        client,
        f"{file_url}/feedback",
        {"held_on": local_today().isoformat(), "summary": "Te vroeg"},
        form_url=file_url,
    )
    assert response.status_code == 409


def test_the_history_shows_form_answers_in_words(app, client, login, world):
    place(app, world)
    login(client, world["coach"])
    page = client.get(f"/passendwerk/job-seekers/{world['person']}").text
    assert "<dt>Vacature</dt><dd>Verkoper – Bakkerij De Rotte</dd>" in page
    assert "<dt>Er geldt een cao</dt><dd>ja</dd>" in page
    assert "<dt>Contract</dt><dd>Vast contract</dd>" in page
    assert "vacancy_id" not in page and "mentor_name" not in page


def test_the_employer_is_told_of_an_introduction_and_the_coach_of_the_answer(
    app, client, login, make_user
):
    from core.accounts.models import User
    from core.notifications.models import Notification

    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    other = make_organisation(app, "Hotel Noord", "employer")
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Priya Coach")
    baker = make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker")
    make_user(roles={"employer"}, organisation=other, name="Hanna Hotel")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)})
    make_job_seeker(
        app,
        coach,
        pluspunt.id,
        profile={"levels": {"Klantvriendelijkheid": 3}, "behaviour": "Op tijd.", "pitch_url": ""},
        steps=[*TO_MATCHING, ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"})],
    )

    def told():
        with app.app_context():
            return {
                name: text
                for name, text in db.session.execute(
                    db.select(User.display_name, Notification.text).join(
                        User, User.id == Notification.user_id
                    )
                )
            }

    (text,) = told().values()
    assert set(told()) == {"Bert Bakker"}  # not the other organisation's employer
    assert text.startswith("Een kandidaat is voorgesteld voor uw vacature ")
    assert "Noor" not in text  # the employer is told the vacancy, not who
    login(client, baker)
    url = f"/passendwerk/introductions/{introduction_id(app)}"
    post_form(client, f"{url}/respond", {"response": "hire", "note": ""}, form_url=url)
    answers = told()
    assert set(answers) == {"Bert Bakker", "Priya Coach"}  # not the other employer
    assert "Bakkerij De Rotte heeft geantwoord" in answers["Priya Coach"]
    assert "Wil aannemen" in answers["Priya Coach"]


def test_the_first_feedback_talk_is_planned_from_the_first_working_day(app, client, login, world):
    """Issue 13: placed on 2 December for a job that starts on 5 January, the first talk is
    due two weeks after 5 January, not two weeks after the step was recorded."""
    first_day = local_today() + timedelta(days=34)
    place(app, world, start=first_day)
    with app.app_context():
        from plugins.passendwerk.introductions.induction import feedback_due

        placement = db.session.scalar(db.select(Placement))
        assert placement.next_feedback_due == first_day + timedelta(days=14)
        assert [d.due for d in feedback_due()] == [first_day + timedelta(days=14)]
    login(client, world["coach"])
    assert "te laat" not in client.get("/tasks").text


def test_a_feedback_report_with_an_error_comes_back_as_typed(app, client, login, world):
    place(app, world)
    login(client, world["coach"])
    file_url = f"/passendwerk/job-seekers/{world['person']}"
    future = (local_today() + timedelta(days=3)).isoformat()
    response = post_form(
        client,
        f"{file_url}/feedback",
        {"held_on": future, "summary": "Gaat goed, heeft de kassa onder de knie."},
        form_url=file_url,
    )
    assert response.status_code == 400
    assert "Een gesprek in de toekomst kan nog niet worden vastgelegd." in response.text
    assert "Gaat goed, heeft de kassa onder de knie." in response.text  # kept
    assert f'value="{future}"' in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(FeedbackConversation.id))) == 0
