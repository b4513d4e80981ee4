"""Passend werk, first part: signing up with consent, need-to-know access, the access log,
and the route's transitions and guards."""

import pytest
from werkzeug.datastructures import MultiDict

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.workflow import engine_of
from core.workflow.errors import InvalidForm, NotAllowed, WorkflowError
from plugins.passendwerk.catalogue.models import EndingCause
from plugins.passendwerk.introductions.models import Introduction, Placement
from plugins.passendwerk.route.models import AccessLogEntry, Consent, JobSeeker
from plugins.passendwerk.talent.models import ProfileCompetence, TalentProfile
from tests.factories import make_organisation
from tests.passendwerk_world import competence_ids, make_vacancy

ROUTE = "passendwerk.route"


@pytest.fixture(autouse=True)
def _enabled(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def pluspunt(app):
    return make_organisation(app, "Stichting Pluspunt")


def sign_up(client, organisation_id, **fields):
    data = {
        "first_name": "Samira",
        "last_name": "El Idrissi",
        "address": "Mathenesserweg 1",
        "phone": "010 123 45 67",
        "district": "Delfshaven",
        "referral": "partner",
        "referring_organisation_id": str(organisation_id),
        "consent": "Begeleiding naar passend werk",
        "sensitive_notes": "Schulden bij de zorgverzekeraar.",
        **fields,
    }
    return post_form(client, "/passendwerk/sign-up", data)


def instance_id(app, person_id):
    with app.app_context():
        return engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id)).id


def fire(app, person_id, trigger, user, **kwargs):
    with app.app_context():
        return (
            engine_of()
            .fire(
                instance_id(app, person_id), trigger, actor=db.session.get(User, user.id), **kwargs
            )
            .state
        )


def test_partner_signs_up_a_job_seeker_with_consent(app, client, pluspunt, make_user, login):
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Priya Partner")
    login(client, coach)
    response = sign_up(client, pluspunt.id)
    assert response.status_code == 302
    person_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        person = db.session.get(JobSeeker, person_id)
        assert (person.coach_id, person.referring_organisation_id) == (coach.id, pluspunt.id)
        assert [c.purpose for c in person.consents] == ["Begeleiding naar passend werk"]
        assert not hasattr(person, "bsn") and "bsn" not in JobSeeker.__table__.columns
        instance = engine_of().instance_for(ROUTE, person)
        assert (instance.state, instance.assignee_id) == ("aangemeld", coach.id)
        assert (instance.deadline_at - instance.entered_state_at).days == 14
    page = client.get(f"/passendwerk/job-seekers/{person_id}").text
    assert "Schulden bij de zorgverzekeraar." in page  # the coach sees the sensitive notes


def test_sign_up_without_consent_is_refused_and_stores_nothing(
    app, client, pluspunt, make_user, login
):
    login(client, make_user(roles={"partner"}, organisation=pluspunt))
    response = sign_up(client, pluspunt.id, consent="", first_name="")
    assert response.status_code == 400
    assert (
        "zonder toestemming geen dossier" in response.text
        and "Vul de voornaam in." in response.text
    )
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(JobSeeker.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Consent.id))) == 0


def test_need_to_know_access_and_the_access_log(app, client, pluspunt, make_user, login):
    coach = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    lifecoach = make_user(roles={"lifecoach"}, name="Lars Lifecoach")
    with app.app_context():
        db.session.get(JobSeeker, person_id).lifecoach_id = lifecoach.id
        db.session.commit()
    colleague = make_user(roles={"partner"}, organisation=pluspunt)
    other_partner = make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab"))
    other_lifecoach = make_user(roles={"lifecoach"})
    employer = make_user(
        roles={"employer"}, organisation=make_organisation(app, "Roffabriek", "employer")
    )
    team = make_user(roles={"team"})

    def page_for(user):
        c = app.test_client()
        login(c, user)
        return c.get(f"/passendwerk/job-seekers/{person_id}")

    assert page_for(other_partner).status_code == 404
    assert page_for(other_lifecoach).status_code == 404
    assert page_for(employer).status_code == 403  # employers never open a file
    colleague_page = page_for(
        colleague
    )  # same referring organisation: sees the file, not the notes
    assert colleague_page.status_code == 200 and "Mathenesserweg 1" in colleague_page.text
    assert "Schulden bij de zorgverzekeraar." not in colleague_page.text
    assert "Schulden bij de zorgverzekeraar." in page_for(lifecoach).text
    team_page = page_for(team)
    assert (
        "Schulden bij de zorgverzekeraar." not in team_page.text
        and "Wie keek of wijzigde" in team_page.text
    )
    with app.app_context():
        views = db.session.scalars(
            db.select(AccessLogEntry.user_id)
            .where(AccessLogEntry.action == "view")
            .order_by(AccessLogEntry.id)
        ).all()
    assert views == [
        colleague.id,
        lifecoach.id,
        team.id,
    ]  # refused attempts show nothing and log nothing


def test_route_through_preselection_placement_and_induction(
    app, client, pluspunt, make_user, login
):
    coach = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    fire(app, person_id, "start_intake", coach)
    fire(app, person_id, "to_preselection", coach)
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(app, person_id, "promising", coach)  # the category needs its reasoning
    assert (
        fire(app, person_id, "promising_later", coach, comment="Drie tot zes maanden nodig.")
        == "leer_werktraject"
    )
    for trigger, state in (
        ("ready", "voorbereiding"),
        ("to_assessment", "assessment"),
        ("profile", "talentenprofiel"),
    ):
        assert fire(app, person_id, trigger, coach) == state
    with pytest.raises(WorkflowError, match="Vul eerst het talentenprofiel in"):
        fire(app, person_id, "to_matching", coach)
    with app.app_context():
        ids = competence_ids("Klantvriendelijkheid")
        profile = TalentProfile(
            job_seeker_id=person_id,
            competences=[ProfileCompetence(competence_id=ids["Klantvriendelijkheid"], level=3)],
        )
        db.session.add(profile)
        db.session.commit()
    assert fire(app, person_id, "to_matching", coach) == "matching"
    employer = make_organisation(app, "Bakkerij De Rotte", "employer")
    vacancy_id = make_vacancy(app, employer.id, {"Klantvriendelijkheid": (2, True)})
    introduce = MultiDict({"vacancy_id": str(vacancy_id), "meet_and_greet_id": "0"})
    with pytest.raises(WorkflowError, match="geen toestemming"):
        fire(app, person_id, "introduce", coach, formdata=introduce)
    with app.app_context():
        db.session.get(TalentProfile, profile.id).share_with_employers = True
        db.session.commit()
    assert fire(app, person_id, "introduce", coach, formdata=introduce) == "kennismaking"
    assert fire(app, person_id, "no_match", coach) == "matching"
    assert fire(app, person_id, "introduce", coach, formdata=introduce) == "kennismaking"
    with pytest.raises(InvalidForm):  # a placement names the day, the contract and the hours
        fire(app, person_id, "placed", coach, formdata=MultiDict({"vacancy_id": str(vacancy_id)}))
    placed = {
        "vacancy_id": str(vacancy_id),
        "start_date": "2026-12-01",
        "contract": "tijdelijk_uitzicht",
        "hours": "24",
        "cao": "y",
    }
    assert fire(app, person_id, "placed", coach, formdata=MultiDict(placed)) == "geplaatst"
    induction = MultiDict({"lifecoach_id": "0"})
    with pytest.raises(WorkflowError, match="De werkgever noemt eerst een mentor"):
        fire(app, person_id, "start_induction", coach, formdata=induction)
    with app.app_context():
        placement_id = db.session.scalar(db.select(Placement.id))
    baker = app.test_client()
    login(baker, make_user(roles={"employer"}, organisation=employer))
    plan = {"mentor_name": "Joke Mentor", "induction_plan": "Week 1: meelopen."}
    assert (
        post_form(baker, f"/passendwerk/placements/{placement_id}/induction", plan).status_code
        == 303
    )
    assert fire(app, person_id, "start_induction", coach, formdata=induction) == "inwerken"
    with app.app_context():
        placement = db.session.scalar(db.select(Placement))
        assert (placement.organisation_id, placement.hours, placement.cao) == (
            employer.id,
            24,
            True,
        )
        assert (placement.contract, str(placement.start_date)) == (
            "tijdelijk_uitzicht",
            "2026-12-01",
        )
        assert placement.mentor_name == "Joke Mentor" and placement.induction_started_on
        assert db.session.scalar(db.select(db.func.count(Introduction.id))) == 2
    lasting = MultiDict({"still_employed": "y", "contract": "vast", "hours": "32"})
    with pytest.raises(WorkflowError, match="na het inwerken"):  # not before the period is over
        fire(app, person_id, "lasting", coach, formdata=lasting)
    from datetime import timedelta

    from core.timeutil import utcnow
    from core.workflow.maintenance import tick
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        db.session.execute(
            db.update(WorkflowInstance).values(
                entered_state_at=utcnow() - timedelta(days=184),
                deadline_at=utcnow() - timedelta(minutes=1),
            )
        )
        db.session.commit()
        tick(engine_of())  # no timer makes it lasting: the coach must confirm
        assert (
            engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id)).state
            == "inwerken"
        )
    tasks = client.get("/tasks").text  # the coach's task, overdue first
    assert "Duurzaam aan het werk, Route afbreken" in tasks and "te laat" in tasks
    with pytest.raises(InvalidForm):  # the employer did not confirm
        fire(
            app,
            person_id,
            "lasting",
            coach,
            formdata=MultiDict({"contract": "vast", "hours": "32"}),
        )
    assert fire(app, person_id, "lasting", coach, formdata=lasting) == "duurzaam"
    with app.app_context():
        placement = db.session.scalar(db.select(Placement))
        assert (placement.contract, placement.hours) == ("vast", 32)
        changes = db.session.scalars(
            db.select(AccessLogEntry.detail).where(AccessLogEntry.action == "change")
        ).all()
    assert "promising_later" in changes and "placed" in changes


def test_no_chance_now_and_reopening_later(app, client, pluspunt, make_user, login):
    coach = make_user(roles={"team"})
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    fire(app, person_id, "start_intake", coach)
    fire(app, person_id, "to_preselection", coach)
    assert (
        fire(app, person_id, "no_chance_now", coach, comment="Eerst zorg voor gezondheid.")
        == "activering"
    )
    assert fire(app, person_id, "reopen", coach) == "intake"


def test_ending_a_route_needs_a_cause_from_the_list_and_an_explanation(
    app, client, pluspunt, make_user, login
):
    coach = make_user(roles={"team"})
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    with app.app_context():
        cause = EndingCause(name="Verhuisd")
        db.session.add(cause)
        db.session.commit()
        cause_id = cause.id
    with pytest.raises(InvalidForm):
        fire(
            app,
            person_id,
            "end_route",
            coach,
            comment="Weg uit Rotterdam.",
            formdata=MultiDict({"cause_id": "999"}),
        )
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(app, person_id, "end_route", coach, formdata=MultiDict({"cause_id": str(cause_id)}))
    assert (
        fire(
            app,
            person_id,
            "end_route",
            coach,
            comment="Weg uit Rotterdam.",
            formdata=MultiDict({"cause_id": str(cause_id)}),
        )
        == "afgebroken"
    )
    from core.workflow.models import WorkflowHistory

    with app.app_context():
        last = db.session.scalars(
            db.select(WorkflowHistory).order_by(WorkflowHistory.id.desc())
        ).first()
        assert last.data == {"cause_id": cause_id}  # kept for reports on causes


def test_partner_of_another_organisation_cannot_act_on_the_route(
    app, client, pluspunt, make_user, login
):
    login(client, make_user(roles={"partner"}, organisation=pluspunt))
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    stranger = make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab"))
    with pytest.raises(NotAllowed, match="eigen organisatie"):
        fire(app, person_id, "start_intake", stranger)


def test_team_assigns_a_lifecoach_who_then_sees_the_file(app, client, pluspunt, make_user, login):
    coach = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    lifecoach = make_user(roles={"lifecoach"}, name="Lars Lifecoach")
    lifecoach_client = app.test_client()
    login(lifecoach_client, lifecoach)
    file_url = f"/passendwerk/job-seekers/{person_id}"
    assert lifecoach_client.get(file_url).status_code == 404
    # the lifecoach cannot assign themselves
    assert (
        post_form(
            lifecoach_client,
            f"{file_url}/people",
            {"coach_id": "0", "lifecoach_id": str(lifecoach.id)},
            form_url="/passendwerk/",
        ).status_code
        == 404
    )
    response = post_form(
        client,
        f"{file_url}/people",
        {"coach_id": str(coach.id), "lifecoach_id": str(lifecoach.id)},
        form_url=file_url,
    )
    assert response.status_code == 303
    page = lifecoach_client.get(file_url)
    assert page.status_code == 200 and "Schulden bij de zorgverzekeraar." in page.text
    assert "Begeleiders opslaan" not in page.text  # the lifecoach sees, but does not manage


def test_withdrawing_consent_needs_confirmation_that_says_what_follows(
    app, client, pluspunt, make_user, login
):
    from core.workflow.models import WorkflowHistory

    coach = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    with app.app_context():
        consent_id = db.session.scalar(db.select(Consent.id))
        cause = EndingCause(name="Toestemming ingetrokken")
        db.session.add(cause)
        db.session.add(TalentProfile(job_seeker_id=person_id, share_with_employers=True))
        db.session.commit()
        cause_id = cause.id
    url = f"/passendwerk/consents/{consent_id}/withdraw"
    file_url = f"/passendwerk/job-seekers/{person_id}"
    colleague = app.test_client()
    login(colleague, make_user(roles={"partner"}, organisation=pluspunt))
    assert colleague.get(url).status_code == 403  # sees the file, is not the coach
    assert post_form(colleague, url, {}, form_url="/passendwerk/").status_code == 403

    file_page = client.get(file_url).text
    assert f'href="{url}"' in file_page and "Intrekking vastleggen" in file_page
    page = client.get(url).text
    assert "niet meer met werkgevers gedeeld" in page
    assert "De route stopt" in page and "730 dagen gewist" in page
    # Without a cause and a note: a clear message, and nothing changes.
    refused = post_form(client, url, {}, form_url=url)
    assert refused.status_code == 400 and "Kies een oorzaak." in refused.text
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is None
    assert state_of(app, person_id) == "aangemeld"

    done = post_form(
        client,
        url,
        {"cause_id": str(cause_id), "note": "Wil niet meer gebeld worden."},
        form_url=url,
    )
    assert done.status_code == 303
    assert "ingetrokken op" in client.get(file_url).text
    assert state_of(app, person_id) == "afgebroken"  # so the retention period runs
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is not None
        profile = db.session.scalar(
            db.select(TalentProfile).where(TalentProfile.job_seeker_id == person_id)
        )
        assert profile.share_with_employers is False
        step = db.session.scalars(
            db.select(WorkflowHistory).where(WorkflowHistory.trigger == "end_route")
        ).one()
        assert step.comment == "Wil niet meer gebeld worden."
        assert step.data == {"cause_id": cause_id}
        assert (
            "toestemming ingetrokken" in db.session.scalars(db.select(AccessLogEntry.detail)).all()
        )
    again = client.get(url, follow_redirects=True).text
    assert "al ingetrokken" in again


def state_of(app, person_id):
    with app.app_context():
        return engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id)).state


@pytest.mark.parametrize(
    "state, days",
    [
        ("aangemeld", 14),
        ("intake", 14),
        ("voorselectie", 14),
        ("leer_werktraject", 183),
        ("voorbereiding", 90),
        ("assessment", 30),
        ("talentenprofiel", 14),
        ("matching", 30),
        ("kennismaking", 30),
        ("geplaatst", 14),
        ("inwerken", 183),
        ("duurzaam", None),
        ("activering", None),
        ("afgebroken", None),
    ],
)
def test_every_step_has_its_deadline(app, state, days):
    with app.app_context():
        period = engine_of().latest(ROUTE).state(state).deadline_for(None)
        assert (period.days if period else None) == days


def test_lasting_work_period_comes_from_the_configuration(app, monkeypatch):
    monkeypatch.setitem(app.config, "PASSENDWERK_LASTING_AFTER_DAYS", 365)
    with app.app_context():
        assert engine_of().latest(ROUTE).state("inwerken").deadline_for(None).days == 365


def test_the_file_shows_the_last_log_entries_in_words_and_links_to_the_whole_log(
    app, client, pluspunt, make_user, login
):
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Kees Coach")
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    fire(app, person_id, "start_intake", coach)
    file_url = f"/passendwerk/job-seekers/{person_id}"
    for _ in range(60):
        client.get(file_url)
    page = client.get(file_url).text
    section = page.split('id="log"', 1)[1]
    assert entries(section) == 5
    assert "Kees Coach</strong> bekeek het dossier" in section
    assert "63 regels" in section  # signed up, the intake step, 61 looks
    assert f'href="{file_url}/log"' in section

    log = client.get(f"{file_url}/log")
    assert log.status_code == 200 and entries(log.text) == 50
    assert 'href="/passendwerk/job-seekers/' in log.text and "page=2" in log.text
    second = client.get(f"{file_url}/log?page=2").text
    assert entries(second) == 13
    changes = client.get(f"{file_url}/log?kind=change").text
    assert entries(changes) == 2
    assert "stap: Intake starten" in changes and "wijzigde: aangemeld" in changes
    assert entries(client.get(f"{file_url}/log?kind=nonsense").text) == 50  # ignored
    assert client.get(f"{file_url}/log?person=abc").status_code == 400
    assert client.get(f"{file_url}/log.csv").status_code == 403  # the file for the team

    team = app.test_client()
    login(team, make_user(roles={"team"}, name="Tamara Team"))
    csv = team.get(f"{file_url}/log.csv?kind=change")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    rows = csv.text.strip().splitlines()
    assert rows[0].lstrip("\ufeff") == "Wanneer;Wie;Wat" and len(rows) == 3
    lifecoach = make_user(roles={"lifecoach"})
    with app.app_context():
        db.session.get(JobSeeker, person_id).lifecoach_id = lifecoach.id
        db.session.commit()
    other = app.test_client()
    login(other, lifecoach)
    assert other.get(f"{file_url}/log").status_code == 403  # sees the file, not its log
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app, "Elders")))
    assert stranger.get(f"{file_url}/log").status_code == 404


def entries(html: str) -> int:
    """How many log lines a page shows."""
    if 'class="plain access-log"' not in html:
        return 0
    return html.split('class="plain access-log"', 1)[1].split("</ol>", 1)[0].count("<li>")


def test_pickers_offer_only_people_who_may_see_the_person(app, client, pluspunt, make_user, login):
    coach = make_user(roles={"partner"}, organisation=pluspunt, name="Kees Coach")
    make_user(roles={"partner"}, organisation=pluspunt, name="Cora Collega")
    collector = make_user(
        roles={"partner"},
        organisation=make_organisation(app, "Incasso BV", "collection_agency"),
        name="Ivo Incasso",
    )
    make_user(roles={"team"}, name="Tamara Team")  # the team sees every file
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    page = client.get(f"/passendwerk/job-seekers/{person_id}").text
    coach_select = page.split('name="coach_id"', 1)[1].split("</select>", 1)[0]
    for name in ("Kees Coach", "Cora Collega", "Tamara Team"):
        assert name in coach_select
    assert "Ivo Incasso" not in coach_select
    # Sent anyway, the stranger is refused and nothing changes.
    refused = post_form(
        client,
        f"/passendwerk/job-seekers/{person_id}/people",
        {"coach_id": str(collector.id), "lifecoach_id": "0"},
        form_url=f"/passendwerk/job-seekers/{person_id}",
    )
    assert refused.status_code == 303
    with app.app_context():
        assert db.session.get(JobSeeker, person_id).coach_id == coach.id
        instance = engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id))
        assignable = {u.display_name for u in engine_of().assignable_people(instance)}
    assert {"Kees Coach", "Cora Collega", "Tamara Team"} <= assignable
    assert "Ivo Incasso" not in assignable


def test_a_step_sent_without_its_reason_comes_back_as_typed_and_named_after_the_person(
    app, client, pluspunt, make_user, login
):
    coach = make_user(roles={"partner"}, organisation=pluspunt)
    login(client, coach)
    person_id = int(sign_up(client, pluspunt.id).location.rsplit("/", 1)[1])
    with app.app_context():
        cause = EndingCause(name="Verhuisd")
        db.session.add(cause)
        db.session.commit()
        cause_id = cause.id
    route = instance_id(app, person_id)
    form_url = f"/workflows/instances/{route}/fire/end_route"
    page = client.get(form_url)
    assert page.status_code == 200
    assert "<h1>Route afbreken: Samira El Idrissi</h1>" in page.text  # the person, not "Route 22"
    response = post_form(
        client,
        f"/workflows/instances/{route}/fire",
        {"trigger": "end_route", "cause_id": str(cause_id), "comment": "  "},
        form_url=form_url,
    )
    assert response.status_code == 400
    assert "Schrijf op waarom" in response.text
    assert f'<option selected value="{cause_id}">' in response.text or (
        f'value="{cause_id}" selected' in response.text
    )
    assert "Route afbreken: Samira El Idrissi" in response.text
    assert state_of(app, person_id) == "aangemeld"


def test_the_list_reads_each_shown_persons_step_by_the_routes_key(app, client, login, make_user):
    """Found profiling issue 14 on PostgreSQL: joining every route to the people before the
    page is cut was planned as a scan of all routes for each row shown (26,000 rows read for
    a page of 51 at 540 people; 0.2 ms instead of 2.3 read by key)."""
    from tests.factories import QueryCounter
    from tests.passendwerk_world import TO_MATCHING, make_job_seeker

    team = make_user(roles={"team"})
    make_job_seeker(
        app, team, first_name="Zoekend", steps=TO_MATCHING, profile={"levels": {"Koken": 2}}
    )
    make_job_seeker(app, team, first_name="Nieuw")
    login(client, team)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counted:
        page = client.get("/passendwerk/").text
    assert "Zoekend" in page and "Nieuw" in page and ">Matching</td>" in page
    listed = [s for s in counted.statements if "passendwerk_job_seeker.first_name" in s]
    assert len(listed) == 1 and "JOIN workflow_instance" not in listed[0], listed
    # Only what the list shows is read: not the address, the notes or the coach's password.
    for column in ("address", "sensitive_notes", "password_hash"):
        assert column not in listed[0], column
    found = client.get("/passendwerk/?step=matching").text
    assert "Zoekend" in found and "Nieuw" not in found
