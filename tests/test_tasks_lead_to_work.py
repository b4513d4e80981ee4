"""Issue 11 §2: a task names its subject as people know it and says what is expected.

The stored title ("Route") is what mails and feeds carry; pages a person may see show the job
seeker's own name, looked up when shown, so an erased person's name is gone everywhere."""

import pytest

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.workflow import engine_of
from plugins.passendwerk.privacy.rights import erase
from plugins.passendwerk.route.models import JobSeeker
from tests.factories import make_organisation
from tests.passendwerk_world import make_job_seeker, route_id


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def pluspunt(app):
    return make_organisation(app, "Stichting Pluspunt")


@pytest.fixture
def coach(app, make_user, pluspunt):
    return make_user(roles={"partner"}, organisation=pluspunt, name="Priya Partner")


def test_the_inbox_names_the_job_seeker_and_the_steps_open_to_the_coach(
    app, client, coach, pluspunt, login
):
    person_id = make_job_seeker(app, coach, pluspunt.id)
    login(client, coach)
    page = client.get("/tasks").text
    assert "Noor Achterberg" in page
    assert ">Route<" not in page
    assert "Wat u kunt doen" in page
    assert "Intake starten" in page
    # The generic page of the instance names the person too.
    page = client.get(f"/workflows/instances/{route_id(app, person_id)}").text
    assert "<h1>Noor Achterberg</h1>" in page


def test_steps_others_may_take_are_not_offered(app, client, coach, pluspunt, login):
    make_job_seeker(app, coach, pluspunt.id, steps=["start_intake"])
    login(client, coach)
    row = next(line for line in client.get("/tasks").text.split("<tr") if "Noor" in line)
    assert "Naar voorselectie" in row
    assert "Intake starten" not in row


def test_an_erased_person_is_no_longer_named_and_mails_never_named_them(
    app, client, coach, pluspunt, login, make_user
):
    colleague = make_user(roles={"partner"}, organisation=pluspunt, name="Cas Collega")
    team = make_user(roles={"team"}, name="Tessa Team")
    person_id = make_job_seeker(app, coach, pluspunt.id)
    with app.app_context():
        engine_of(app).assign(
            route_id(app, person_id),
            db.session.get(User, colleague.id),
            actor=db.session.get(User, team.id),
        )
        erase(db.session.get(JobSeeker, person_id))
        db.session.commit()
        mails = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == colleague.email)
        ).all()
        assert len(mails) == 1  # the colleague was told the route is theirs now ...
        assert not any("Achterberg" in m.body + m.subject for m in mails)  # ... without the name
    login(client, colleague)
    page = client.get("/tasks").text
    assert "Achterberg" not in page
    assert "(gegevens gewist)" in page


def test_the_admin_count_list_shows_names_only_past_need_to_know(
    app, client, coach, pluspunt, login, make_user
):
    make_job_seeker(app, coach, pluspunt.id)
    team = make_user(roles={"team"}, name="Tessa Team")
    login(client, team)
    page = client.get("/admin/workflows/passendwerk.route/aangemeld").text
    assert "Noor Achterberg" in page
