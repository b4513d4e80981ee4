"""Jij doet ertoe, part 5: an evaluation per subproject and period after the plan's model
(input, throughput, output, feedback), with the experts' hours and the working group's meetings
counted from the data, and the advisory committee's verdict, recorded by the team and read by
the committee's members."""

from datetime import date, datetime, timedelta

import pytest

from core.api import WorkflowError, engine_of, local_today, utcnow
from core.extensions import db
from core.meetings.models import Meeting
from core.testing import post_form
from core.timeutil import local_to_utc
from plugins.jijdoetertoe.bodies.models import Advice, Body, BodyMeeting, BodyMember
from plugins.jijdoetertoe.bodies.rules import record_advice
from plugins.jijdoetertoe.evaluation.models import Evaluation
from plugins.jijdoetertoe.evaluation.rules import counted_input, counted_meetings, period
from plugins.jijdoetertoe.experts.models import Expert, Involvement
from plugins.jijdoetertoe.subprojects.models import SubprojectIdea
from plugins.jijdoetertoe.subprojects.rules import WORKFLOW

TITLE = "Hulp bij de energierekening"
IDEAS = "/jijdoetertoe/deelprojecten/"
EVALUATIONS = "/jijdoetertoe/evaluaties/"
YEAR = local_today().year


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("jijdoetertoe")


@pytest.fixture
def team(make_user):
    return make_user(roles={"team"}, name="Tamara Team")


@pytest.fixture
def committee(app):
    with app.app_context():
        body = Body(name="Adviescommissie Jij doet ertoe", kind="advisory_committee")
        db.session.add(body)
        db.session.commit()
        return body.id


@pytest.fixture
def make_idea(app, team, fire):
    """An idea carried through the engine to `steps`' end (default: started)."""

    def make(title=TITLE, committee_id=None, steps=("ask_advice", "record_advice", "start")):
        with app.app_context():
            idea = SubprojectIdea(title=title, urgency="De rekeningen stijgen.")
            db.session.add(idea)
            db.session.flush()
            instance = engine_of().start(WORKFLOW, idea, title=f"Idee {idea.id}", actor=None)
            db.session.commit()
            idea_id, instance_id = idea.id, instance.id
        data = {
            "body_id": str(committee_id),
            "text": "Doen.",
            "given_on": local_today().isoformat(),
        }
        for trigger in steps:
            fire(instance_id, trigger, team, data=data, comment="Urgent en er is tijd.")
        return idea_id, instance_id

    return make


@pytest.fixture
def seat(app):
    """An expert in the register with `account`, seated in body `body_id`."""

    def make(body_id, account, start=None, end=None):
        with app.app_context():
            expert = Expert(
                name=account.display_name,
                channel="phone",
                contact="06 98 76 54 32",
                district="Feijenoord",
                source="team",
                user_id=account.id,
            )
            db.session.add(expert)
            db.session.flush()
            db.session.add(
                BodyMember(
                    body_id=body_id,
                    expert_id=expert.id,
                    role="member",
                    term_start=start or local_today() - timedelta(days=30),
                    term_end=end,
                )
            )
            db.session.commit()

    return make


def expert(name: str) -> Expert:
    row = Expert(name=name, channel="phone", contact="06", district="Noord", source="team")
    db.session.add(row)
    db.session.flush()
    return row


def log(who: Expert, day: date, minutes: int, subproject: str = TITLE, cents: int = 0) -> None:
    db.session.add(
        Involvement(
            expert_id=who.id,
            done_on=day,
            minutes=minutes,
            allowance_cents=cents,
            subproject=subproject,
            what="Meegedaan",
        )
    )


def parts(**changes) -> dict:
    data = {
        "budget": "1500,50",
        "partners": "Havensteder gaf een ruimte.",
        "activities": "Wekelijks spreekuur.",
        "people_reached": "40",
        "people_helped": "25",
        "results": "25 huishoudens vroegen de energietoeslag aan.",
        "feedback": "Fijn dat een ervaringsdeskundige het uitlegt.",
        "lessons": "Ook 's avonds een spreekuur.",
    }
    return {**data, **changes}


def new_data(committee_id, year=YEAR, quarter="0", **changes) -> dict:
    return {"year": str(year), "quarter": quarter, "committee_id": str(committee_id), **parts()}


def write(client, idea_id, data):
    url = f"{IDEAS}{idea_id}/evaluaties/new"
    return post_form(client, url, data)


def count_evaluations(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Evaluation.id)))


# ---- the period and the counted figures -------------------------------------------------


def test_a_period_is_a_calendar_year_or_one_of_its_quarters():
    assert period(2025) == (date(2025, 1, 1), date(2026, 1, 1))
    assert period(2025, 1) == (date(2025, 1, 1), date(2025, 4, 1))
    assert period(2025, 3) == (date(2025, 7, 1), date(2025, 10, 1))
    assert period(2025, 4) == (date(2025, 10, 1), date(2026, 1, 1))


def test_input_counts_the_hours_of_this_subproject_in_this_period_only(
    app, committee, make_idea, enable_plugin
):
    idea_id, _ = make_idea(committee_id=committee)
    with app.test_request_context():
        fatima, henk, ria = expert("Fatima"), expert("Henk"), expert("Ria")
        log(fatima, date(2025, 2, 10), 90, cents=1500)  # Q1
        log(fatima, date(2025, 4, 2), 30)  # Q2
        log(henk, date(2025, 3, 31), 45, cents=500)  # Q1, its last day
        log(henk, date(2025, 2, 10), 120, subproject="Keurmerk Warm Sociaal Incasseren")
        log(ria, date(2025, 2, 10), 60, subproject="Hulp bij de huur")  # another subproject
        log(fatima, date(2024, 12, 31), 60)  # the year before
        log(fatima, date(2026, 1, 1), 15)  # the year after
        db.session.commit()
        idea = db.session.get(SubprojectIdea, idea_id)
        year = counted_input(idea, 2025)
        # 90 + 30 + 45 minutes, by Fatima and Henk, three times, € 15 + € 5.
        assert (year.minutes, year.experts, year.entries, year.allowance_cents) == (
            165,
            2,
            3,
            2000,
        )
        q1 = counted_input(idea, 2025, 1)
        assert (q1.minutes, q1.experts, q1.entries) == (135, 2, 2)
        assert counted_input(idea, 2025, 2).minutes == 30
        assert counted_input(idea, 2025, 3).minutes == 0
        assert counted_input(idea, 2024).minutes == 60

    # Hours logged under the title of the plugin that carries it count as well.
    with app.test_request_context():
        idea = db.session.get(SubprojectIdea, idea_id)
        idea.plugin_name = "sample"
        ria = db.session.scalar(db.select(Expert).where(Expert.name == "Ria"))
        log(ria, date(2025, 5, 5), 20, subproject="Voorbeeldproject")
        db.session.commit()
        assert counted_input(db.session.get(SubprojectIdea, idea_id), 2025).minutes == 185


def test_throughput_counts_the_working_groups_meetings_held_in_the_period(
    app, committee, make_idea
):
    idea_id, _ = make_idea(committee_id=committee)
    with app.test_request_context():
        idea = db.session.get(SubprojectIdea, idea_id)
        other = Body(name="Werkgroep keurmerk", kind="working_group")
        db.session.add(other)
        db.session.flush()
        for body_id, local in (
            (idea.working_group_id, datetime(2025, 1, 1, 0, 30)),  # 23:30 UTC the day before
            (idea.working_group_id, datetime(2025, 6, 12, 14, 0)),
            (idea.working_group_id, datetime(2024, 12, 31, 23, 30)),  # the year before
            (other.id, datetime(2025, 6, 12, 14, 0)),  # another body
        ):
            meeting = Meeting(title="Werkgroep", starts_at=local_to_utc(local), kind="experts")
            db.session.add(meeting)
            db.session.flush()
            db.session.add(BodyMeeting(body_id=body_id, meeting_id=meeting.id, agenda=""))
        # One in an hour: planned, not held yet, so not counted.
        soon = Meeting(title="Werkgroep", starts_at=utcnow() + timedelta(hours=1), kind="experts")
        db.session.add(soon)
        db.session.flush()
        db.session.add(BodyMeeting(body_id=idea.working_group_id, meeting_id=soon.id, agenda=""))
        db.session.commit()
        assert counted_meetings(idea, 2025) == 2
        assert counted_meetings(idea, 2025, 1) == 1
        assert counted_meetings(idea, 2024) == 1
        assert counted_meetings(idea, (utcnow() + timedelta(hours=1)).year) == 0


# ---- writing, reading and access ---------------------------------------------------------


def test_the_team_writes_an_evaluation_and_reads_the_counted_and_entered_figures(
    app, client, login, team, committee, make_idea
):
    idea_id, _ = make_idea(committee_id=committee)
    with app.test_request_context():
        log(expert("Fatima"), date(YEAR, 1, 1), 165)
        log(expert("Henk"), date(YEAR, 1, 1), 45, subproject="Keurmerk Warm Sociaal Incasseren")
        db.session.commit()
    login(client, team)
    page = client.get(f"{IDEAS}{idea_id}").text
    assert "Evaluatie schrijven" in page and "Nog geen evaluaties." in page
    form = client.get(f"{IDEAS}{idea_id}/evaluaties/new").text
    assert f'value="{YEAR}"' in form and f'selected value="{committee}"' in form
    response = write(client, idea_id, new_data(committee))
    assert response.status_code == 303, response.text
    with app.app_context():
        evaluation = db.session.scalar(db.select(Evaluation))
        assert (evaluation.idea_id, evaluation.year, evaluation.quarter) == (idea_id, YEAR, 0)
        assert (evaluation.budget_cents, evaluation.people_reached) == (150050, 40)
        assert evaluation.committee_id == committee and evaluation.written_by_id == team.id
        assert not evaluation.has_verdict
    page = client.get(response.headers["Location"]).text
    for text in (
        "Input: wat ging erin",
        "Throughput: wat deden we",
        "Output: wat kwam eruit",
        "Feedback: wat hoorden we terug",
        "2,75",  # 165 minutes; Henk's keurmerk hours do not count
        "1.500,50",
        "Havensteder gaf een ruimte.",
        "25 huishoudens vroegen de energietoeslag aan.",
        "Ook &#39;s avonds een spreekuur.",
        "De adviescommissie heeft nog geen oordeel gegeven.",
    ):
        assert text in page, text
    assert "3,5" not in page
    # The subproject's page links to it.
    assert f"{EVALUATIONS}{evaluation.id}" in client.get(f"{IDEAS}{idea_id}").text
    # The team may still correct it.
    response = post_form(
        client, f"{EVALUATIONS}{evaluation.id}/edit", parts(lessons="Twee avondspreekuren.")
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Evaluation, evaluation.id).lessons == "Twee avondspreekuren."


def test_a_quarter_gets_its_own_evaluation_but_a_period_only_one(
    app, client, login, team, committee, make_idea
):
    idea_id, _ = make_idea(committee_id=committee)
    login(client, team)
    assert write(client, idea_id, new_data(committee, quarter="2")).status_code == 303
    assert write(client, idea_id, new_data(committee, quarter="0")).status_code == 303
    response = write(client, idea_id, new_data(committee, quarter="2"))
    assert response.status_code == 400
    assert "Voor deze periode is er al een evaluatie." in response.text
    assert count_evaluations(app) == 2


def test_an_idea_that_has_not_started_has_no_evaluation(
    app, client, login, team, committee, make_idea
):
    idea_id, _ = make_idea(committee_id=committee, steps=("ask_advice",))
    login(client, team)
    assert client.get(f"{IDEAS}{idea_id}/evaluaties/new").status_code == 404
    assert write(client, idea_id, new_data(committee)).status_code == 404
    assert "Evaluatie schrijven" not in client.get(f"{IDEAS}{idea_id}").text
    assert client.get(f"{IDEAS}999/evaluaties/new").status_code == 404
    assert count_evaluations(app) == 0


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"year": "twintig"}, None),
        ({"year": "1999"}, "Vul een jaar in vanaf 2019."),
        ({"quarter": "5"}, None),
        ({"budget": "veel"}, "Vul een bedrag in euro in, bijvoorbeeld 1500 of 250,50."),
        ({"people_reached": "-3"}, "Vul een heel getal in, 0 of meer."),
        ({"people_reached": "10", "people_helped": "11"}, "niet meer mensen geholpen"),
        ({"results": "x" * 8001}, "Gebruik hoogstens 8000 tekens."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    app, client, login, team, committee, make_idea, changes, message
):
    idea_id, _ = make_idea(committee_id=committee)
    login(client, team)
    response = write(client, idea_id, {**new_data(committee), **changes})
    assert response.status_code == 400
    if message:
        assert message in response.text
    assert count_evaluations(app) == 0


def test_the_evaluation_is_judged_by_an_advisory_committee_not_by_a_working_group(
    app, client, login, team, committee, make_idea
):
    idea_id, _ = make_idea(committee_id=committee)
    with app.app_context():
        group = db.session.get(SubprojectIdea, idea_id).working_group_id
    login(client, team)
    assert write(client, idea_id, new_data(group)).status_code == 400
    with app.app_context():
        db.session.delete(db.session.get(Body, committee))
        db.session.commit()
    response = write(client, idea_id, new_data(committee))
    assert response.status_code == 400
    assert "Maak eerst de adviescommissie aan bij Organen." in response.text
    assert count_evaluations(app) == 0


@pytest.fixture
def written(app, client, login, team, committee, make_idea):
    """A started idea with an evaluation of this year, written by the team's `client`."""
    idea_id, instance_id = make_idea(committee_id=committee)
    login(client, team)
    response = write(client, idea_id, new_data(committee))
    assert response.status_code == 303
    with app.app_context():
        evaluation_id = db.session.scalar(db.select(Evaluation.id))
    return idea_id, instance_id, evaluation_id


def test_committee_members_read_the_evaluation_the_team_writes_others_do_not_find_it(
    app, make_user, login, committee, seat, written
):
    idea_id, _, evaluation_id = written
    url = f"{EVALUATIONS}{evaluation_id}"
    member = make_user(roles={"expert"}, name="Fatima El Amrani")
    seat(committee, member)
    reader = app.test_client()
    login(reader, member)
    page = reader.get(url)
    assert page.status_code == 200 and "Havensteder gaf een ruimte." in page.text
    assert "Evaluatie bijwerken" not in page.text and "Oordeel vastleggen" not in page.text
    # On their body's page they find it.
    body_page = reader.get(f"/jijdoetertoe/organen/{committee}").text
    assert url in body_page and TITLE in body_page
    # Reading is all: the team writes.
    assert reader.get(f"{url}/edit").status_code == 403
    assert reader.get(f"{url}/oordeel").status_code == 403
    assert reader.get(f"{IDEAS}{idea_id}/evaluaties/new").status_code == 403
    response = post_form(reader, f"{url}/oordeel", {"verdict": "Top"}, form_url=url)
    assert response.status_code == 403

    # A former member, a member of the working group, a partner, whoever raised it: not found.
    former = make_user(roles={"expert"}, name="Oud Lid")
    seat(committee, former, start=local_today() - timedelta(days=400),
         end=local_today() - timedelta(days=1))  # fmt: skip
    with app.app_context():
        group = db.session.get(SubprojectIdea, idea_id).working_group_id
    in_group = make_user(roles={"expert"}, name="Werkgroeplid")
    seat(group, in_group)
    for user in (former, in_group, make_user(roles={"partner"}), make_user(roles={"board"})):
        other = app.test_client()
        login(other, user)
        assert other.get(url).status_code == 404, user.display_name
        assert other.get(f"{url}/edit").status_code == 403
    assert app.test_client().get(url).status_code in (302, 401)
    assert app.test_client().get(f"{EVALUATIONS}999").status_code in (302, 401)


def test_the_committees_members_are_told_an_evaluation_waits_without_its_subject(
    app, client, login, make_user, team, committee, seat, make_idea
):
    from core.notifications.models import Notification

    idea_id, _ = make_idea(committee_id=committee)
    member = make_user(roles={"expert"}, name="Fatima El Amrani")
    seat(committee, member)
    seat(committee, team)  # the team member who writes it is not told
    login(client, team)
    assert write(client, idea_id, new_data(committee)).status_code == 303
    with app.app_context():
        evaluation_id = db.session.scalar(db.select(Evaluation.id))
        told = db.session.scalars(
            db.select(Notification).where(Notification.url.startswith(EVALUATIONS))
        ).all()
        assert [(n.user_id, n.url) for n in told] == [(member.id, f"{EVALUATIONS}{evaluation_id}")]
        assert "oordeel van uw adviescommissie" in told[0].text
        assert "energierekening" not in told[0].text


# ---- the committee's verdict -------------------------------------------------------------


def test_without_its_committee_an_evaluation_is_the_teams_alone_and_gets_no_verdict(
    app, client, make_user, login, committee, seat, written
):
    _, _, evaluation_id = written
    url = f"{EVALUATIONS}{evaluation_id}"
    member = make_user(roles={"expert"}, name="Fatima El Amrani")
    seat(committee, member)
    with app.app_context():
        db.session.delete(db.session.get(Body, committee))
        db.session.commit()
    response = post_form(
        client,
        f"{url}/oordeel",
        {"verdict": "Goed.", "verdict_on": local_today().isoformat()},
        form_url=url,
    )
    assert response.status_code == 303
    assert "hoort niet meer bij een adviescommissie" in client.get(url).text
    reader = app.test_client()
    login(reader, member)
    assert reader.get(url).status_code == 404
    with app.app_context():
        assert db.session.get(Evaluation, evaluation_id).verdict is None


def test_the_team_records_the_committees_verdict_linked_to_its_advice(
    app, client, login, make_user, team, committee, seat, written
):
    idea_id, _, evaluation_id = written
    url = f"{EVALUATIONS}{evaluation_id}"
    with app.test_request_context():
        advice = record_advice(
            db.session.get(Body, committee),
            subject="Oordeel over de energierekening",
            text="Ga door, ook in Noord.",
            given_on=local_today(),
            actor=None,
        )
        db.session.commit()
        advice_id = advice.id
    form = client.get(f"{url}/oordeel").text
    assert "Oordeel over de energierekening" in form
    day = local_today() - timedelta(days=1)
    response = post_form(
        client,
        f"{url}/oordeel",
        {"verdict": "Goed begonnen. Ga door.", "verdict_on": day.isoformat(),
         "advice_id": str(advice_id)},
    )  # fmt: skip
    assert response.status_code == 303
    with app.app_context():
        evaluation = db.session.get(Evaluation, evaluation_id)
        assert evaluation.has_verdict and evaluation.verdict_on == day
        assert (evaluation.verdict_advice_id, evaluation.verdict_recorded_by_id) == (
            advice_id,
            team.id,
        )
    member = make_user(roles={"expert"}, name="Fatima El Amrani")
    seat(committee, member)
    reader = app.test_client()
    login(reader, member)
    page = reader.get(url).text
    assert (
        "Goed begonnen. Ga door." in page and f"/jijdoetertoe/organen/adviezen/{advice_id}" in page
    )
    assert (
        "oordeel van de adviescommissie vastgelegd"
        in reader.get(f"/jijdoetertoe/organen/{committee}").text
    )
    # Once judged, the evaluation stays as the committee judged it.
    response = post_form(client, f"{url}/edit", parts(lessons="Anders."), form_url=url)
    assert response.status_code == 303
    assert "de evaluatie ligt vast" in client.get(url).text
    with app.app_context():
        assert db.session.get(Evaluation, evaluation_id).lessons == "Ook 's avonds een spreekuur."


@pytest.mark.parametrize(
    "data, message",
    [
        ({"verdict": "", "verdict_on": "today"}, "Schrijf het oordeel van de commissie op."),
        ({"verdict": "Goed.", "verdict_on": "gisteren"}, "geldige datum"),
        ({"verdict": "Goed.", "verdict_on": "tomorrow"}, "niet in de toekomst"),
        ({"verdict": "Goed.", "verdict_on": "today", "advice_id": "other"}, None),
        ({"verdict": "x" * 8001, "verdict_on": "today"}, "Gebruik hoogstens 8000 tekens."),
    ],
)
def test_a_bad_verdict_is_refused_and_nothing_changes(app, client, team, written, data, message):
    _, _, evaluation_id = written
    with app.test_request_context():
        # An advice of another body may not be linked.
        group = Body(name="Werkgroep keurmerk", kind="working_group")
        db.session.add(group)
        db.session.flush()
        other = record_advice(
            group, subject="Iets anders", text="Iets.", given_on=local_today(), actor=None
        )
        db.session.commit()
        other_id = other.id
    days = {"today": local_today(), "tomorrow": local_today() + timedelta(days=1)}
    data = dict(data)
    if data["verdict_on"] in days:
        data["verdict_on"] = days[data["verdict_on"]].isoformat()
    if data.get("advice_id") == "other":
        data["advice_id"] = str(other_id)
    response = post_form(client, f"{EVALUATIONS}{evaluation_id}/oordeel", data)
    assert response.status_code == 400
    if message:
        assert message in response.text
    with app.app_context():
        evaluation = db.session.get(Evaluation, evaluation_id)
        assert evaluation.verdict is None and evaluation.verdict_advice_id is None
        assert (
            db.session.scalar(db.select(db.func.count(Advice.id))) == 2
        )  # the idea's and the other


def test_looking_back_needs_an_evaluation_with_the_committees_verdict(
    app, client, team, committee, make_idea, fire, written
):
    idea_id, instance_id, evaluation_id = written
    # Another subproject's judged evaluation does not count for this one.
    other_id, _ = make_idea(title="Taalcafé", committee_id=committee)
    assert write(client, other_id, new_data(committee)).status_code == 303
    with app.app_context():
        other = db.session.scalar(db.select(Evaluation).where(Evaluation.idea_id == other_id))
        other.verdict, other.verdict_on = "Goed.", local_today()
        db.session.commit()
    message = "Leg eerst een evaluatie vast met het oordeel van de adviescommissie."
    with pytest.raises(WorkflowError, match=message):
        fire(instance_id, "evaluate", team, comment="Een jaar gedraaid.")
    page = client.get(f"{IDEAS}{idea_id}").text
    assert f"Kan nu niet: {message}" in page  # the panel says why
    response = post_form(
        client,
        f"{EVALUATIONS}{evaluation_id}/oordeel",
        {"verdict": "Ga door.", "verdict_on": local_today().isoformat(), "advice_id": ""},
    )
    assert response.status_code == 303
    assert fire(instance_id, "evaluate", team, comment="Een jaar gedraaid.") == "geevalueerd"
    # After looking back the team may still add an evaluation of another period.
    assert write(client, idea_id, new_data(committee, quarter="4")).status_code == 303


def test_an_involvement_can_be_logged_under_a_started_subprojects_name(
    app, client, login, team, committee, make_idea
):
    make_idea(committee_id=committee)
    make_idea(title="Nog maar een idee", committee_id=committee, steps=("ask_advice",))
    with app.app_context():
        expert_id = expert("Fatima").id
        db.session.commit()
    login(client, team)
    page = client.get(f"/jijdoetertoe/experts/{expert_id}/involvements/new").text
    assert f'value="{TITLE}"' in page and "Nog maar een idee" not in page


# ---- demo --------------------------------------------------------------------------------


def test_demo_has_one_judged_evaluation_with_counted_hours_and_loads_twice(app):
    from core.demo import core_demo
    from plugins.jijdoetertoe.bodies.demo import load_bodies_demo
    from plugins.jijdoetertoe.demo import load_demo
    from plugins.jijdoetertoe.evaluation.demo import load_evaluation_demo
    from plugins.jijdoetertoe.subprojects.demo import load_subprojects_demo

    with app.test_request_context():
        for _ in range(2):
            world = core_demo("demo-wachtwoord")
            load_demo(world)
            load_bodies_demo(world)
            load_subprojects_demo(world)
            load_evaluation_demo(world)
            db.session.commit()
        evaluation = db.session.scalar(db.select(Evaluation))
        assert db.session.scalar(db.select(db.func.count(Evaluation.id))) == 1
        assert evaluation.idea.title == TITLE and evaluation.has_verdict
        assert engine_of().instance_for(WORKFLOW, evaluation.idea).state == "gestart"
        assert evaluation.committee.kind == "advisory_committee"
        counted = counted_input(evaluation.idea, evaluation.year, evaluation.quarter)
        # Fatima 150 + 90 minutes, Henk 60; her keurmerk and Jij doet ertoe hours do not count.
        assert (counted.minutes, counted.experts, counted.entries) == (300, 2, 3)
        assert counted.allowance_cents == 2500
        # One meeting held; the one still to come does not count.
        assert counted_meetings(evaluation.idea, evaluation.year) == 1
