"""The employer's side of a placement (issue 13 §3): it names the mentor and writes the
induction plan, which the coach and lifecoach read; its answers to an introduction keep their
history; it sees the Meet & Greets it is invited to. And the team records trained lifecoaches,
which the report counts against the goal."""

from datetime import timedelta

import pytest

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from core.workflow.errors import WorkflowError
from plugins.passendwerk.events.models import MeetAndGreet
from plugins.passendwerk.introductions.models import Introduction, Placement
from plugins.passendwerk.lifecoaches.models import LifecoachTraining
from plugins.passendwerk.reports.figures import figures
from plugins.passendwerk.route.models import AccessLogEntry
from tests.factories import make_organisation
from tests.passendwerk_world import TO_MATCHING, make_job_seeker, make_vacancy, route_state
from tests.test_passendwerk_notifications import step


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def world(app, make_user):
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    hotel = make_organisation(app, "Hotel Noord", "employer")
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Priya Coach")
    lifecoach = make_user(roles={"lifecoach"}, name="Lars Lifecoach")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)})
    person = make_job_seeker(
        app,
        coach,
        pluspunt.id,
        profile={"levels": {"Klantvriendelijkheid": 3}},
        lifecoach_id=lifecoach.id,
        steps=[
            *TO_MATCHING,
            ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"}),
            ("placed", {"vacancy_id": str(vacancy), "start_date": local_today().isoformat(),
                        "contract": "vast", "hours": "20", "cao": "y"}),
        ],
    )  # fmt: skip
    with app.app_context():
        placement_id = db.session.scalar(db.select(Placement.id))
    return {
        "coach": coach,
        "lifecoach": lifecoach,
        "person": person,
        "placement": placement_id,
        "url": f"/passendwerk/placements/{placement_id}/induction",
        "baker": make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker"),
        "hotelier": make_user(roles={"employer"}, organisation=hotel, name="Henk Hotel"),
        "bakery": bakery,
        "hotel": hotel,
    }


PLAN = {
    "mentor_name": "Joke de Mentor",
    "mentor_contact": "joke@bakkerij.example",
    "induction_plan": "Week 1: meelopen.\nWeek 2: zelf de kassa.",
}


def test_the_employer_names_the_mentor_and_writes_the_plan_the_coach_and_lifecoach_read(
    app, login, world
):
    baker = app.test_client()
    login(baker, world["baker"])
    tasks = baker.get("/tasks").text
    assert "Mentor en inwerkplan: Noor Achterberg" in tasks and world["url"] in tasks
    form = baker.get(world["url"])
    assert form.status_code == 200 and "Naam van de mentor" in form.text
    refused = post_form(baker, world["url"], {**PLAN, "mentor_name": "", "induction_plan": ""})
    assert refused.status_code == 400
    assert "Vul de naam van de mentor in." in refused.text
    assert "Schrijf kort het inwerkplan op." in refused.text
    assert "joke@bakkerij.example" in refused.text  # what was typed stays
    with app.app_context():
        assert db.session.get(Placement, world["placement"]).mentor_name is None
    with pytest.raises(WorkflowError, match="De werkgever noemt eerst een mentor"):
        step(app, world, world["person"], "start_induction", lifecoach_id="0")

    assert post_form(baker, world["url"], PLAN).status_code == 303
    with app.app_context():
        placement = db.session.get(Placement, world["placement"])
        assert (placement.mentor_name, placement.mentor_contact) == (
            "Joke de Mentor",
            "joke@bakkerij.example",
        )
        assert placement.induction_plan_by_id == world["baker"].id
        assert db.session.scalar(
            db.select(db.func.count()).where(
                AccessLogEntry.action == "change", AccessLogEntry.detail == "inwerkplan"
            )
        )
    assert "Mentor en inwerkplan" not in baker.get("/tasks").text  # done
    step(app, world, world["person"], "start_induction", lifecoach_id="0")
    assert route_state(app, world["person"]) == "inwerken"

    for who in ("coach", "lifecoach"):
        reader = app.test_client()
        login(reader, world[who])
        page = reader.get(f"/passendwerk/job-seekers/{world['person']}").text
        assert "Joke de Mentor (joke@bakkerij.example)" in page, who
        assert "Week 2: zelf de kassa." in page, who
    # The employer changes the plan later; it stays its page, and still the coach's to read.
    assert (
        post_form(baker, world["url"], {**PLAN, "induction_plan": "Nu ook bakken."}).status_code
        == 303
    )
    with app.app_context():
        assert db.session.get(Placement, world["placement"]).induction_plan == "Nu ook bakken."


def test_only_the_employer_of_the_placement_opens_its_induction_page(app, login, world):
    hotel = app.test_client()
    login(hotel, world["hotelier"])
    assert hotel.get(world["url"]).status_code == 404
    assert post_form(hotel, world["url"], PLAN, form_url="/tasks").status_code == 404
    coach = app.test_client()
    login(coach, world["coach"])
    assert coach.get(world["url"]).status_code == 403  # the coach reads it on the file
    with app.app_context():
        assert db.session.get(Placement, world["placement"]).mentor_name is None
    # Once the route has moved on (ended), the page is gone for the employer too.
    step(app, world, world["person"], "end_route", cause_id=str(_a_cause(app)))
    baker = app.test_client()
    login(baker, world["baker"])
    assert baker.get(world["url"]).status_code == 404
    assert "Mentor en inwerkplan" not in baker.get("/tasks").text


def _a_cause(app) -> int:
    from plugins.passendwerk.catalogue.models import EndingCause

    with app.app_context():
        cause = EndingCause(name="Werk past toch niet")
        db.session.add(cause)
        db.session.commit()
        return cause.id


def test_a_changed_answer_keeps_the_earlier_one(app, login, world):
    with app.app_context():
        url = f"/passendwerk/introductions/{db.session.scalar(db.select(Introduction.id))}"
    baker = app.test_client()
    login(baker, world["baker"])
    post_form(
        baker,
        f"{url}/respond",
        {"response": "interview", "note": "Graag een gesprek."},
        form_url=url,
    )
    post_form(
        baker, f"{url}/respond", {"response": "hire", "note": "Ze kan beginnen."}, form_url=url
    )
    page = baker.get(url).text
    now, earlier = page.split("Eerdere antwoorden")
    assert "Wil aannemen: Ze kan beginnen." in now
    assert "Wil een gesprek: Graag een gesprek." in earlier
    coach = app.test_client()
    login(coach, world["coach"])
    assert "Wil een gesprek: Graag een gesprek." in coach.get(url).text  # the coach sees both
    with app.app_context():
        introduction = db.session.scalar(db.select(Introduction))
        assert [a.response for a in introduction.answers] == ["hire", "interview"]
        assert introduction.response == "hire"
    # A bad answer changes nothing.
    post_form(baker, f"{url}/respond", {"response": "maybe"}, form_url=url)
    with app.app_context():
        assert len(db.session.scalar(db.select(Introduction)).answers) == 2


def test_employers_see_the_meet_and_greets_they_are_invited_to(app, login, world):
    with app.app_context():
        bakery, hotel = db.session.merge(world["bakery"]), db.session.merge(world["hotel"])
        db.session.add_all(
            [
                MeetAndGreet(
                    title="Kennismaken in Noord",
                    starts_at=local_today() + timedelta(days=7),
                    place="Warmtebron Noord",
                    employers=[bakery],
                ),
                MeetAndGreet(
                    title="Hotelavond",
                    starts_at=local_today() + timedelta(days=9),
                    place="Hotel Noord",
                    employers=[hotel],
                ),
            ]
        )
        db.session.commit()
    baker = app.test_client()
    login(baker, world["baker"])
    assert "/passendwerk/meet-and-greets" in baker.get("/passendwerk/vacancies").text
    page = baker.get("/passendwerk/meet-and-greets").text
    assert "Kennismaken in Noord" in page and "Hotelavond" not in page
    coach = app.test_client()
    login(coach, world["coach"])
    page = coach.get("/passendwerk/meet-and-greets").text
    assert "Kennismaken in Noord" in page and "Hotelavond" in page


def test_the_team_records_trained_lifecoaches_and_the_report_counts_them(
    app, client, login, make_user, world, monkeypatch
):
    monkeypatch.setitem(app.config, "PASSENDWERK_LIFECOACHES_GOAL", 2)
    coach = app.test_client()
    login(coach, world["coach"])
    assert coach.get("/passendwerk/lifecoaches").status_code == 403
    login(client, make_user(roles={"team"}, name="Tamara Team"))
    page = client.get("/passendwerk/lifecoaches").text
    assert "Lars Lifecoach" in page
    url = f"/passendwerk/lifecoaches/{world['lifecoach'].id}/training"
    prefix = f"p{world['lifecoach'].id}-"
    future = (local_today() + timedelta(days=3)).isoformat()
    refused = post_form(
        client, url, {prefix + "completed_on": future}, form_url="/passendwerk/lifecoaches"
    )
    assert refused.status_code == 400 and "nog niet afgerond" in refused.text
    assert future in refused.text  # the typed date stays
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LifecoachTraining.user_id))) == 0
    not_a_lifecoach = f"/passendwerk/lifecoaches/{world['coach'].id}/training"
    post_form(client, not_a_lifecoach, {f"p{world['coach'].id}-completed_on": local_today().isoformat()},
              form_url="/passendwerk/lifecoaches")  # fmt: skip
    done = post_form(
        client,
        url,
        {prefix + "completed_on": local_today().isoformat()},
        form_url="/passendwerk/lifecoaches",
    )
    assert done.status_code == 303
    with app.app_context():
        assert [(str(t.label), t.value, t.goal) for t in figures().targets][-1] == (
            "Getrainde lifecoaches",
            1,
            2,
        )
    report = client.get("/passendwerk/report").text
    assert "Getrainde lifecoaches: 1 van 2" in report
    undo = post_form(client, f"{url}/delete", {}, form_url="/passendwerk/lifecoaches")
    assert undo.status_code == 303
    with app.app_context():
        assert figures().targets[-1].value == 0
