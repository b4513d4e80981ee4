# ruff: noqa: F811  (the plugins' test fixtures, imported, are parameters here)
"""The plugins' dated items in people's calendar feeds (issue 11 §4): the audit of a
certification for its auditors and the organisation, pilot audits for the programme team, the
next feedback talk for the coach, a Meet & Greet for the coaches of its guests and the invited
employers. A feed is a bearer secret synced into other people's apps: no job seeker's name or
notes in it. Each item has its own .ics, refused to whoever may not see its page."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from core.extensions import db
from core.timeutil import local_today
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.frameworks.models import PilotAudit
from plugins.passendwerk.events.models import Guest, MeetAndGreet
from plugins.passendwerk.introductions.models import FeedbackConversation, Placement
from tests.factories import make_organisation
from tests.test_calendar import feed_link
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    apply_as,
    framework_id,
    havensteder,
    people,
    plan,
)
from tests.test_passendwerk_introductions import place, world  # noqa: F401  (fixture)

PERSONAL = ("Noor", "Achterberg", "06 1234 5678", "Zwaanshals", "noor@example.org", "Schuld")
LINK_TEXT = "In mijn agenda zetten (.ics)"


def parse(response) -> list:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/calendar"
    return list(Calendar.from_ical(response.data).walk("VEVENT"))


def feed_of(app, login, user) -> tuple[list, bytes]:
    """The events in `user`'s feed, fetched as a calendar app does (no session), and its text."""
    client = app.test_client()
    login(client, user)
    response = app.test_client().get(feed_link(client))
    return parse(response), response.data


def summaries(events) -> list[str]:
    return sorted(str(e["summary"]) for e in events)


def by_uid(events) -> dict[str, object]:
    return {str(e["uid"]): e for e in events}


def logged_in(app, login, user):
    client = app.test_client()
    login(client, user)
    return client


# ------------------------------------------------------------------------------- keurmerk


@pytest.fixture
def keurmerk(enable_plugin):
    enable_plugin("keurmerk")


@pytest.fixture
def audit(app, keurmerk, framework_id, havensteder, people, login, make_user):
    """Havensteder's certification, its audit planned a week ahead (lead: the auditor,
    co-auditor: the expert); a partner of Havensteder and one of another organisation."""
    team = logged_in(app, login, people["team"])
    certification_id = apply_as(team, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people, start=False)
    elsewhere = make_organisation(app, "Buurtlab")
    return {
        "id": certification_id,
        "own_partner": make_user(roles={"partner"}, organisation=havensteder, name="Hanna Haven"),
        "other_partner": make_user(roles={"partner"}, organisation=elsewhere, name="Bas Buurt"),
    }


def test_the_audit_is_in_the_calendars_of_its_auditors_and_of_the_organisation(
    app, login, people, audit
):
    day = local_today() + timedelta(days=7)
    uid = f"keurmerk-audit-{audit['id']}@warmrotterdam"
    for who in (people["auditor"], people["expert"], audit["own_partner"]):
        events, _ = feed_of(app, login, who)
        event = by_uid(events)[uid]
        assert str(event["summary"]) == "Audit: Havensteder"
        assert event.decoded("dtstart") == day
        assert str(event["url"]) == f"http://localhost/keurmerk/certifications/{audit['id']}"
    # Not theirs: a partner of another organisation, an auditor of other audits; and the team,
    # board and committee, who may see every certification, get only what they take part in.
    for who in (
        audit["other_partner"],
        people["other_auditor"],
        people["team"],
        people["committee"],
    ):
        events, _ = feed_of(app, login, who)
        assert uid not in by_uid(events)


def test_an_audit_far_behind_or_ahead_is_not_in_the_feed(app, login, people, audit):
    for days in (-40, 400):
        with app.app_context():
            db.session.get(Certification, audit["id"]).audit_date = local_today() + timedelta(
                days=days
            )
            db.session.commit()
        events, _ = feed_of(app, login, people["auditor"])
        assert not [e for e in events if str(e["uid"]).startswith("keurmerk-audit-")]


def test_an_auditor_who_lost_the_role_no_longer_gets_the_audit(app, login, people, audit):
    from core.accounts.models import User

    with app.app_context():
        db.session.get(User, people["auditor"].id).set_roles(set())
        db.session.commit()
    events, _ = feed_of(app, login, people["auditor"])
    assert events == []


def test_pilot_audits_are_in_the_programme_teams_calendar(
    app, login, keurmerk, people, framework_id
):
    with app.app_context():
        ids = sorted(db.session.scalars(db.select(PilotAudit.id)))
    events, _ = feed_of(app, login, people["team"])
    pilots = {u: e for u, e in by_uid(events).items() if u.startswith("keurmerk-pilot-audit-")}
    assert sorted(pilots) == [f"keurmerk-pilot-audit-{i}@warmrotterdam" for i in ids]
    assert {str(e["summary"]) for e in pilots.values()} == {
        "Pilotaudit: Pilotorganisatie",
        "Pilotaudit: Pilotincasso",
    }
    assert {e.decoded("dtstart") for e in pilots.values()} == {local_today()}
    assert {str(e["url"]) for e in pilots.values()} == {
        f"http://localhost/keurmerk/frameworks/{framework_id}#pilotaudits"
    }
    for who in (people["expert"], people["auditor"], people["committee"]):
        events, _ = feed_of(app, login, who)
        assert not [u for u in by_uid(events) if u.startswith("keurmerk-pilot-audit-")]


def test_the_audit_download_answers_only_who_may_see_the_certification(
    app, login, people, audit, make_user
):
    url = f"/keurmerk/certifications/{audit['id']}/audit.ics"
    for who in (people["auditor"], audit["own_partner"], people["team"], people["committee"]):
        response = logged_in(app, login, who).get(url)
        (event,) = parse(response)
        assert event.decoded("dtstart") == local_today() + timedelta(days=7)
        assert str(event["summary"]) == "Audit: Havensteder"
        assert f'filename="audit-{audit["id"]}.ics"' in response.headers["Content-Disposition"]
    assert logged_in(app, login, audit["other_partner"]).get(url).status_code == 404
    assert logged_in(app, login, people["other_auditor"]).get(url).status_code == 404
    assert logged_in(app, login, make_user(roles={"employer"})).get(url).status_code == 403
    assert app.test_client().get(url).status_code == 302  # to the login page
    assert (
        logged_in(app, login, people["team"])
        .get("/keurmerk/certifications/999999/audit.ics")
        .status_code
        == 404
    )


def test_the_certification_page_offers_the_audit_for_the_calendar_once_it_is_planned(
    app, login, keurmerk, people, havensteder, framework_id
):
    team = logged_in(app, login, people["team"])
    certification_id = apply_as(team, havensteder, ["Warm Incasseren"], app)
    page_url = f"/keurmerk/certifications/{certification_id}"
    ics_url = f"{page_url}/audit.ics"
    assert LINK_TEXT not in team.get(page_url).text
    assert team.get(ics_url).status_code == 404  # no audit date yet
    plan(app, certification_id, people, start=False)
    page = team.get(page_url).text
    assert f'href="{ics_url}"' in page and LINK_TEXT in page


def test_the_pilot_audit_download_answers_who_may_see_the_framework(
    app, login, keurmerk, people, framework_id, make_user
):
    with app.app_context():
        audit_id = db.session.scalar(db.select(db.func.min(PilotAudit.id)))
    url = f"/keurmerk/pilot-audits/{audit_id}.ics"
    for who in (people["team"], people["expert"]):
        response = logged_in(app, login, who).get(url)
        (event,) = parse(response)
        assert event.decoded("dtstart") == local_today()
        assert str(event["summary"]) == "Pilotaudit: Pilotorganisatie"
        assert f'filename="pilotaudit-{audit_id}.ics"' in response.headers["Content-Disposition"]
    assert logged_in(app, login, make_user(roles={"employer"})).get(url).status_code == 403
    assert (
        logged_in(app, login, people["team"]).get("/keurmerk/pilot-audits/999999.ics").status_code
        == 404
    )
    page = logged_in(app, login, people["expert"]).get(f"/keurmerk/frameworks/{framework_id}")
    assert f'href="{url}"' in page.text and LINK_TEXT in page.text


# ---------------------------------------------------------------------------- passendwerk


@pytest.fixture
def passendwerk(enable_plugin):
    enable_plugin("passendwerk")


@pytest.fixture
def inducted(app, passendwerk, world, make_user):
    """The world's person placed at the bakery, in induction since today; a second coach."""
    place(app, world)
    other_org = make_organisation(app, "Buurtlab")
    return {
        **world,
        "other_coach": make_user(roles={"partner"}, organisation=other_org, name="Olga Coach"),
    }


def test_the_next_feedback_talk_is_in_the_coachs_calendar_without_the_persons_name(
    app, login, inducted
):
    person = inducted["person"]
    events, raw = feed_of(app, login, inducted["coach"])
    (talk,) = [e for e in events if str(e["uid"]).startswith("passendwerk-feedback-")]
    assert str(talk["summary"]) == f"Feedbackgesprek (Route {person})"
    assert talk.decoded("dtstart") == local_today() + timedelta(days=14)
    assert str(talk["url"]) == f"http://localhost/passendwerk/job-seekers/{person}#werk"
    for private in (*PERSONAL, "Joke Mentor"):
        assert private.encode() not in raw
    uid = str(talk["uid"])
    # A talk recorded moves the next one; the same event, so a calendar moves it too.
    with app.app_context():
        placement = db.session.scalar(db.select(Placement))
        placement.conversations.append(FeedbackConversation(held_on=local_today() + timedelta(3)))
        db.session.commit()
    events, _ = feed_of(app, login, inducted["coach"])
    assert by_uid(events)[uid].decoded("dtstart") == local_today() + timedelta(days=17)
    for who in (inducted["other_coach"], inducted["baker"]):
        events, _ = feed_of(app, login, who)
        assert not [e for e in events if str(e["uid"]).startswith("passendwerk-feedback-")]


def test_no_feedback_talk_before_induction(app, login, passendwerk, world):
    events, _ = feed_of(app, login, world["coach"])
    assert not [e for e in events if str(e["uid"]).startswith("passendwerk-feedback-")]
    url = f"/passendwerk/job-seekers/{world['person']}"
    coach = logged_in(app, login, world["coach"])
    assert coach.get(f"{url}/feedback.ics").status_code == 404
    assert LINK_TEXT not in coach.get(url).text


def test_the_feedback_download_answers_only_who_may_see_the_file(app, login, inducted, make_user):
    from plugins.passendwerk.route.models import AccessLogEntry

    person = inducted["person"]
    page_url = f"/passendwerk/job-seekers/{person}"
    url = f"{page_url}/feedback.ics"
    coach = logged_in(app, login, inducted["coach"])
    response = coach.get(url)
    (talk,) = parse(response)
    assert talk.decoded("dtstart") == local_today() + timedelta(days=14)
    assert str(talk["summary"]) == f"Feedbackgesprek (Route {person})"
    for private in PERSONAL:
        assert private.encode() not in response.data
    assert f'filename="feedbackgesprek-{person}.ics"' in response.headers["Content-Disposition"]
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(AccessLogEntry.detail)
                .where(AccessLogEntry.user_id == inducted["coach"].id)
                .order_by(AccessLogEntry.id.desc())
            )
            == "agenda"
        )
    page = coach.get(page_url).text
    assert f'href="{url}"' in page and LINK_TEXT in page
    assert logged_in(app, login, inducted["other_coach"]).get(url).status_code == 404
    assert logged_in(app, login, inducted["baker"]).get(url).status_code == 403
    assert logged_in(app, login, make_user(roles={"team"})).get(url).status_code == 200


@pytest.fixture
def meet_and_greet(app, passendwerk, world, make_user):
    """A Meet & Greet in ten days at 14:00 Rotterdam time, the bakery invited, the world's
    person a guest; one far in the past."""
    with app.app_context():
        bakery = world["bakery"]
        from core.organisations.models import Organisation

        event = MeetAndGreet(
            title="Meet & Greet Charlois",
            starts_at=datetime.combine(local_today() + timedelta(days=10), time(14, 0)),
            place="Warmtebron Charlois",
            description="Kennismaken bij koffie.",
            employers=[db.session.get(Organisation, bakery.id)],
            guests=[Guest(job_seeker_id=world["person"])],
        )
        old = MeetAndGreet(
            title="Lang geleden",
            starts_at=datetime.combine(local_today() - timedelta(days=90), time(14, 0)),
            place="Warmtebron Delfshaven",
            employers=[db.session.get(Organisation, bakery.id)],
            guests=[Guest(job_seeker_id=world["person"])],
        )
        db.session.add_all([event, old])
        db.session.commit()
        event_id = event.id
    other_org = make_organisation(app, "Buurtlab")
    return {
        **world,
        "event": event_id,
        "team": make_user(roles={"team"}, name="Tamara Team"),
        "other_coach": make_user(roles={"partner"}, organisation=other_org, name="Olga Coach"),
        "lifecoach": make_user(roles={"lifecoach"}, name="Lotte Lifecoach"),
    }


def rotterdam_14h_in_ten_days() -> datetime:
    local = datetime.combine(local_today() + timedelta(days=10), time(14, 0))
    return local.replace(tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def test_a_meet_and_greet_is_in_the_calendars_of_the_team_the_guests_coach_and_the_employer(
    app, login, meet_and_greet
):
    uid = f"passendwerk-meet-and-greet-{meet_and_greet['event']}@warmrotterdam"
    for who in (meet_and_greet["coach"], meet_and_greet["baker"], meet_and_greet["team"]):
        events, raw = feed_of(app, login, who)
        found = [e for e in events if str(e["uid"]).startswith("passendwerk-meet-and-greet-")]
        assert summaries(found) == ["Meet & Greet Charlois"]  # not the one long ago
        event = by_uid(events)[uid]
        assert event.decoded("dtstart") == rotterdam_14h_in_ten_days()
        assert "Warmtebron Charlois" in str(event["description"])
        assert str(event["url"]) == (
            f"http://localhost/passendwerk/meet-and-greets/{meet_and_greet['event']}"
        )
        for private in PERSONAL:
            assert private.encode() not in raw
    for who in (
        meet_and_greet["hotelier"],
        meet_and_greet["other_coach"],
        meet_and_greet["lifecoach"],
    ):
        events, _ = feed_of(app, login, who)
        assert uid not in by_uid(events)


def test_the_meet_and_greet_download_and_page_for_an_invited_employer(app, login, meet_and_greet):
    page_url = f"/passendwerk/meet-and-greets/{meet_and_greet['event']}"
    url = f"{page_url}.ics"
    baker = logged_in(app, login, meet_and_greet["baker"])
    response = baker.get(url)
    (event,) = parse(response)
    assert event.decoded("dtstart") == rotterdam_14h_in_ten_days()
    for private in PERSONAL:
        assert private.encode() not in response.data
    page = baker.get(page_url)
    assert page.status_code == 200
    for shown in ("Meet &amp; Greet Charlois", "Warmtebron Charlois", "Kennismaken bij koffie."):
        assert shown in page.text
    day = local_today() + timedelta(days=10)
    assert f"{day:%d-%m-%Y}, 14:00" in page.text  # the same time as in the calendar
    assert f'href="{url}"' in page.text and LINK_TEXT in page.text
    # The employer sees the event, not who was invited nor the coaches' follow-ups.
    assert "Noor" not in page.text and "Achterberg" not in page.text
    assert "Uitnodigen" not in page.text and "Vervolggesprekken" not in page.text
    for who, status in (
        (meet_and_greet["hotelier"], 404),
        (meet_and_greet["lifecoach"], 403),
    ):
        client = logged_in(app, login, who)
        assert client.get(page_url).status_code == status
        assert client.get(url).status_code == status
    coach = logged_in(app, login, meet_and_greet["coach"])
    assert coach.get(url).status_code == 200
    assert "Noor Achterberg" in coach.get(page_url).text  # the coach's own guest, as before
    assert (
        logged_in(app, login, meet_and_greet["team"])
        .get("/passendwerk/meet-and-greets/999999.ics")
        .status_code
        == 404
    )
