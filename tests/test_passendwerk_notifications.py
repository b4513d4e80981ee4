"""Who is told on each step of a job seeker's route (issue 11), what the mails carry, and
the coach's deadline reminders with a frozen clock."""

from datetime import timedelta

import pytest
from werkzeug.datastructures import MultiDict

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.testing import post_form
from core.workflow import engine_of
from core.workflow.maintenance import tick
from core.workflow.models import WorkflowInstance
from plugins.passendwerk.introductions.models import Introduction, Placement
from tests.factories import make_organisation
from tests.passendwerk_world import REASONS, TO_MATCHING, make_job_seeker, make_vacancy, route_id
from tests.test_keurmerk_notifications import newly_told
from tests.test_passendwerk_privacy import request_privacy


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def world(app, make_user):
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    hotel = make_organisation(app, "Hotel Noord", "employer")
    return {
        "pluspunt": pluspunt,
        "coach": make_user(roles={"partner"}, organisation=pluspunt, name="Priya Coach"),
        "colleague": make_user(roles={"partner"}, organisation=pluspunt, name="Cas Collega"),
        "baker": make_user(roles={"employer"}, organisation=bakery, name="Bert Bakker"),
        "hotelier": make_user(roles={"employer"}, organisation=hotel, name="Henk Hotel"),
        "lifecoach": make_user(roles={"lifecoach"}, name="Lars Lifecoach"),
        "team": make_user(roles={"team"}, name="Tamara Team"),
        "privacy_officer": make_user(roles={"team"}, name="Piet Privacy"),
        "vacancy": make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (2, True)}),
    }


def step(app, world, person, trigger, **form):
    with app.app_context():
        engine_of().fire(
            route_id(app, person),
            trigger,
            actor=db.session.get(User, world["coach"].id),
            comment=REASONS.get(trigger),
            formdata=MultiDict(form) if form else None,
        )


def test_each_step_of_the_route_tells_exactly_who_must_know(app, world, login):
    seen: set[int] = set()
    profile = {"levels": {"Klantvriendelijkheid": 3}}
    person = make_job_seeker(app, world["coach"], world["pluspunt"].id, profile=profile)
    table = [
        ("signed up by the coach", lambda: None, {}),
        (
            "the coach's own steps up to matching",
            lambda: make_steps(app, world, person, TO_MATCHING),
            {},
        ),
        (
            "introduced to the bakery",
            lambda: step(
                app,
                world,
                person,
                "introduce",
                vacancy_id=str(world["vacancy"]),
                meet_and_greet_id="0",
            ),
            {"Bert Bakker": "action"},  # not the hotel, not the colleague
        ),
        ("the employer answers", lambda: answer(app, world, login), {"Priya Coach": "events"}),
        (
            "placed",
            lambda: step(
                app,
                world,
                person,
                "placed",
                vacancy_id=str(world["vacancy"]),
                start_date="2026-12-14",
                contract="vast",
                hours="20",
                cao="y",
            ),
            {"Bert Bakker": "action"},  # to name a mentor and write the induction plan
        ),
        (
            "the employer names the mentor",
            lambda: plan(app, world, login),
            {"Priya Coach": "events"},
        ),
        (
            "induction with a lifecoach",
            lambda: step(
                app,
                world,
                person,
                "start_induction",
                lifecoach_id=str(world["lifecoach"].id),
            ),
            {"Lars Lifecoach": "assignment"},
        ),
        (
            "a privacy request comes in",
            lambda: privacy_request(app, world, person, login),
            {"Piet Privacy": "action"},  # the team, but not who took the request in
        ),
    ]
    for what, do, told in table:
        do()
        assert newly_told(app, seen) == told, what

    with app.app_context():
        mails = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    # Exactly the mails a real programme sends (each at once by default), each to the work.
    assert [m.recipient for m in mails] == [
        world["baker"].email,
        world["coach"].email,
        world["baker"].email,
        world["coach"].email,
        world["lifecoach"].email,
        world["privacy_officer"].email,
    ]
    for mail in mails:
        assert "/passendwerk/" in mail.body
        for private in ("Noor", "Achterberg", "06 1234 5678", "Schuldhulptraject"):
            assert private not in mail.subject + mail.body, (mail.recipient, private)


def make_steps(app, world, person, triggers):
    for trigger in triggers:
        step(app, world, person, trigger)


def answer(app, world, login):
    client = app.test_client()
    login(client, world["baker"])
    with app.app_context():
        url = f"/passendwerk/introductions/{db.session.scalar(db.select(Introduction.id))}"
    post_form(client, f"{url}/respond", {"response": "interview", "note": ""}, form_url=url)


def plan(app, world, login):
    client = app.test_client()
    login(client, world["baker"])
    with app.app_context():
        url = f"/passendwerk/placements/{db.session.scalar(db.select(Placement.id))}/induction"
    form = {"mentor_name": "Joke Mentor", "mentor_contact": "", "induction_plan": "Meelopen."}
    assert post_form(client, url, form).status_code == 303


def privacy_request(app, world, person, login):
    client = app.test_client()
    login(client, world["team"])
    request_privacy(client, person, "access")


def test_the_coach_is_reminded_before_a_term_runs_out_and_once_when_it_has(app, world):
    person = make_job_seeker(app, world["coach"], world["pluspunt"].id)
    seen: set[int] = set()
    newly_told(app, seen)
    with app.app_context():
        entered = db.session.get(WorkflowInstance, route_id(app, person)).entered_state_at

    def tick_at(days):
        with app.test_request_context():
            tick(engine_of(), now=entered + timedelta(days=days))
        return newly_told(app, seen)

    assert tick_at(10) == {}  # four days left of the intake's two weeks
    assert tick_at(12.5) == {"Priya Coach": "deadline"}
    assert tick_at(13) == {}  # not again
    assert tick_at(15) == {"Priya Coach": "deadline"}  # passed
    assert tick_at(16) == {}


def test_a_new_coach_takes_the_route_with_its_reminders(app, world, login):
    person = make_job_seeker(app, world["coach"], world["pluspunt"].id)
    seen: set[int] = set()
    newly_told(app, seen)
    team = app.test_client()
    login(team, world["team"])
    url = f"/passendwerk/job-seekers/{person}"
    response = post_form(
        team,
        f"{url}/people",
        {"coach_id": str(world["colleague"].id), "lifecoach_id": "0"},
        form_url=url,
    )
    assert response.status_code == 303
    assert newly_told(app, seen) == {"Cas Collega": "assignment"}
    with app.app_context():
        route = db.session.get(WorkflowInstance, route_id(app, person))
        assert route.assignee_id == world["colleague"].id
        entered = route.entered_state_at
    with app.test_request_context():
        tick(engine_of(), now=entered + timedelta(days=12.5))
    assert newly_told(app, seen) == {"Cas Collega": "deadline"}  # not the old coach
