# ruff: noqa: F811  (the plugins' test fixtures, imported, are parameters here)
"""The plugins' dated items in people's calendar feeds (issue 11 §4): the audit of a
certification for its auditors and the organisation, pilot audits for the programme team.
Each item has its own .ics, refused to whoever may not see its page."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from core.extensions import db
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.frameworks.models import PilotAudit
from tests.factories import make_organisation
from tests.test_calendar import feed_link
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    apply_as,
    framework_id,
    havensteder,
    people,
    plan,
)

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
    day = date.today() + timedelta(days=7)
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
            db.session.get(Certification, audit["id"]).audit_date = date.today() + timedelta(
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
    assert {str(e["summary"]) for e in pilots.values()} == {"Pilotaudit: Pilotorganisatie"}
    assert {e.decoded("dtstart") for e in pilots.values()} == {date.today()}
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
        assert event.decoded("dtstart") == date.today() + timedelta(days=7)
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
        assert event.decoded("dtstart") == date.today()
        assert str(event["summary"]) == "Pilotaudit: Pilotorganisatie"
        assert f'filename="pilotaudit-{audit_id}.ics"' in response.headers["Content-Disposition"]
    assert logged_in(app, login, make_user(roles={"employer"})).get(url).status_code == 403
    assert (
        logged_in(app, login, people["team"]).get("/keurmerk/pilot-audits/999999.ics").status_code
        == 404
    )
    page = logged_in(app, login, people["expert"]).get(f"/keurmerk/frameworks/{framework_id}")
    assert f'href="{url}"' in page.text and LINK_TEXT in page.text
