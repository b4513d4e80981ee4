"""The anonymous figures, checked against a small world counted by hand."""

from datetime import timedelta

import pytest

from core.extensions import db
from core.timeutil import local_today, utcnow
from core.workflow.models import WorkflowHistory, WorkflowInstance
from plugins.passendwerk.catalogue.models import EndingCause
from plugins.passendwerk.events.models import MeetAndGreet
from plugins.passendwerk.introductions.models import Placement
from plugins.passendwerk.reports.figures import figures
from tests.factories import make_organisation
from tests.passendwerk_world import (
    MENTOR_NAMED,
    TO_MATCHING,
    make_job_seeker,
    make_vacancy,
    route_id,
)


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


def placed(vacancy):
    return [
        *TO_MATCHING,
        ("introduce", {"vacancy_id": str(vacancy), "meet_and_greet_id": "0"}),
        ("placed", {"vacancy_id": str(vacancy), "start_date": local_today().isoformat(),
                    "contract": "vast", "hours": "20", "cao": "y"}),
    ]  # fmt: skip


def shift_back(app, person_id, days):
    """Pretend the sign-up happened `days` before the placement (history is written by the
    engine at 'now'; only the start moves)."""
    with app.app_context():
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id == route_id(app, person_id))
            .values(created_at=utcnow() - timedelta(days=days, hours=1))
        )
        db.session.commit()


def test_figures_by_hand(app, client, login, make_user):
    team = make_user(roles={"team"})
    pluspunt = make_organisation(app, "Stichting Pluspunt")
    buurtlab = make_organisation(app, "Buurtlab")
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (1, True)})
    profile = {"levels": {"Klantvriendelijkheid": 2}}
    with app.app_context():
        cause = EndingCause(name="Verhuisd")
        db.session.add(cause)
        db.session.add(MeetAndGreet(title="M&G", starts_at=utcnow(), place="Warmtebron"))
        db.session.commit()
        cause_id = cause.id
    first = make_job_seeker(app, team, pluspunt.id, profile=dict(profile), steps=placed(vacancy))
    second = make_job_seeker(app, team, buurtlab.id, profile=dict(profile), steps=placed(vacancy))
    make_job_seeker(app, team, pluspunt.id, steps=["start_intake"])
    make_job_seeker(app, team, steps=["start_intake", ("end_route", {"cause_id": str(cause_id)})])
    shift_back(app, first, 30)
    shift_back(app, second, 50)
    with app.app_context():
        f = figures()
        counts = {state: n for state, _label, n in f.funnel}
        assert counts["geplaatst"] == 2 and counts["intake"] == 1 and counts["afgebroken"] == 1
        assert sum(counts.values()) == 4
        assert f.placements_this_year == 2 and f.lasting == 0
        assert f.median_days_to_placement == 40  # median of 30 and 50 days
        assert f.causes == [("Verhuisd", 1)]
        assert [(str(t.label), t.value, t.goal) for t in f.targets] == [
            ("Werkgevers met vacatures", 1, 5),
            ("Partners die mensen aanmelden", 2, 8),
            ("Meet & Greets dit jaar", 1, 4),
            ("Getrainde lifecoaches", 0, 5),
        ]
        assert f.overdue_feedback == 0
        # a placement recorded last year does not count for this year
        db.session.execute(
            db.update(WorkflowHistory.__table__)
            .where(
                WorkflowHistory.trigger == "placed",
                WorkflowHistory.instance_id == route_id(app, first),
            )
            .values(at=utcnow().replace(year=utcnow().year - 1))
        )
        db.session.commit()
        assert figures().placements_this_year == 1


def test_overdue_feedback_shows_on_the_team_dashboard(app, client, login, make_user):
    team = make_user(roles={"team"})
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (1, True)})
    make_job_seeker(
        app,
        team,
        profile={"levels": {"Klantvriendelijkheid": 2}},
        steps=[*placed(vacancy), MENTOR_NAMED, ("start_induction", {"lifecoach_id": "0"})],
    )
    with app.app_context():
        placement = db.session.scalar(db.select(Placement))
        placement.induction_started_on = local_today() - timedelta(days=20)
        placement.start_date = local_today() - timedelta(days=20)  # the first working day
        db.session.commit()
        assert figures().overdue_feedback == 1
    login(client, team)
    assert "Feedbackgesprekken te laat: 1" in client.get("/").text


def test_a_follow_up_after_a_meet_and_greet_is_listed_with_the_event(app, client, login, make_user):
    from plugins.passendwerk.events.models import Guest

    team = make_user(roles={"team"})
    bakery = make_organisation(app, "Bakkerij De Rotte", "employer")
    vacancy = make_vacancy(app, bakery.id, {"Klantvriendelijkheid": (1, True)})
    person = make_job_seeker(
        app, team, profile={"levels": {"Klantvriendelijkheid": 2}}, steps=TO_MATCHING
    )
    with app.app_context():
        event = MeetAndGreet(
            title="Meet & Greet Delfshaven", starts_at=utcnow(), place="Warmtebron"
        )
        event.guests = [Guest(job_seeker_id=person, attended=True)]
        db.session.add(event)
        db.session.commit()
        event_id = event.id
    login(client, team)
    form = client.get(f"/workflows/instances/{route_id(app, person)}/fire/introduce").text
    assert "Meet &amp; Greet Delfshaven" in form
    from core.testing import post_form

    post_form(
        client,
        f"/workflows/instances/{route_id(app, person)}/fire",
        {"trigger": "introduce", "vacancy_id": str(vacancy), "meet_and_greet_id": str(event_id)},
        form_url=f"/passendwerk/job-seekers/{person}",
    )
    page = client.get(f"/passendwerk/meet-and-greets/{event_id}").text
    assert "Noor Achterberg – Verkoper (Bakkerij De Rotte)" in page


def test_a_target_passed_says_so_and_days_are_whole(app, client, login, make_user):
    """Not "8 van 5" nor "96.0 dagen"."""
    team = make_user(roles={"team"})
    for n in range(6):
        employer = make_organisation(app, f"Werkgever {n}", "employer")
        make_vacancy(app, employer.id, {"Klantvriendelijkheid": (1, True)})
    login(client, team)
    page = client.get("/passendwerk/report").text
    assert "Werkgevers met vacatures: 6 (doel 5: gehaald)" in page
    assert "6 van 5" not in page
    with app.app_context():
        value = figures().median_days_to_placement
        assert value is None or isinstance(value, int)
