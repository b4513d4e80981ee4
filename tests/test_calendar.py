"""Calendar feeds: parsed back with icalendar; a renewed link makes the old one stop; the
single .ics downloads answer only to who may see the item."""

import re
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar

from core.accounts.models import User
from core.extensions import db
from core.meetings.models import Meeting
from core.testing import post_form
from core.timeutil import local_to_utc, local_today, utcnow
from core.workflow import engine_of
from tests.factories import start_review


def feed_link(client) -> str:
    page = post_form(client, "/profile/calendar", {}, form_url="/profile/").text
    return re.search(r'value="http://localhost(/calendar/[^"]+\.ics)"', page).group(1)


def events(response) -> dict[str, object]:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_holds_my_deadlines_and_the_meetings(app, client, make_user, login, enable_plugin):
    enable_plugin("sample")
    me = make_user(roles={"team"}, name="Tineke Team")
    mine = start_review(app, assignee=me)
    start_review(app)  # not assigned to me: not in my calendar
    with app.test_request_context():
        in_three_days_at_ten = local_to_utc(
            datetime.combine(local_today() + timedelta(days=3), time(10))
        )
        engine_of().fire(mine, "submit", actor=db.session.get(User, me.id))
        db.session.add(
            Meeting(title="Bijeenkomst ervaringsdeskundigen", starts_at=in_three_days_at_ten)
        )
        db.session.add(Meeting(title="Lang geleden", starts_at=utcnow() - timedelta(days=400)))
        db.session.commit()
    login(client, me)
    link = feed_link(client)
    found = events(app.test_client().get(link))  # a calendar app has no session
    assert set(found) == {
        f"Termijn: {title_of(app, mine)} (Ingediend)",
        "Bijeenkomst ervaringsdeskundigen",
    }
    deadline = found[f"Termijn: {title_of(app, mine)} (Ingediend)"]
    assert deadline["url"] == f"http://localhost/workflows/instances/{mine}"
    # A meeting is in the feed at its moment (UTC), not as an all-day item.
    meeting = found["Bijeenkomst ervaringsdeskundigen"]
    assert meeting.decoded("dtstart") == in_three_days_at_ten.replace(tzinfo=UTC)
    assert re.search(r"/meetings/\d+$", str(meeting["url"]))


def title_of(app, instance_id):
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        return db.session.get(WorkflowInstance, instance_id).title


def test_a_new_link_makes_the_old_one_stop(app, client, make_user, login):
    login(client, make_user(roles={"expert"}))
    old = feed_link(client)
    assert app.test_client().get(old).status_code == 200
    new = feed_link(client)
    assert new != old
    assert app.test_client().get(old).status_code == 404
    assert app.test_client().get(new).status_code == 200
    assert app.test_client().get("/calendar/guessed.ics").status_code == 404


def test_a_deactivated_account_has_no_feed(app, client, make_user, login):
    me = make_user(roles={"expert"})
    login(client, me)
    link = feed_link(client)
    with app.app_context():
        db.session.get(User, me.id).active = False
        db.session.commit()
    assert app.test_client().get(link).status_code == 404


def test_single_downloads_answer_only_who_may_see(app, client, make_user, login, enable_plugin):
    enable_plugin("sample")
    team = make_user(roles={"team"})
    instance_id = start_review(app)
    with app.test_request_context():
        engine_of().fire(instance_id, "submit", actor=db.session.get(User, team.id))
        meeting = Meeting(title="Kennissessie", starts_at=utcnow())
        db.session.add(meeting)
        db.session.commit()
        meeting_id = meeting.id
    login(client, team)
    assert list(events(client.get(f"/workflows/instances/{instance_id}/deadline.ics")))[
        0
    ].startswith("Termijn:")
    assert list(events(client.get(f"/meetings/{meeting_id}.ics"))) == ["Kennissessie"]
    outsider = app.test_client()
    login(outsider, make_user(roles={"partner"}))
    assert outsider.get(f"/workflows/instances/{instance_id}/deadline.ics").status_code == 404
    assert outsider.get(f"/meetings/{meeting_id}.ics").status_code == 403


def test_the_feed_speaks_the_owners_language_without_a_session(
    app, client, make_user, login, enable_plugin
):
    enable_plugin("sample")
    me = make_user(roles={"team"}, name="Tineke Team")
    mine = start_review(app, assignee=me)
    with app.test_request_context():
        person = db.session.get(User, me.id)
        engine_of().fire(mine, "submit", actor=person)
        person.language = "en"
        db.session.commit()
    login(client, me)
    found = events(app.test_client().get(feed_link(client)))
    assert [s for s in found if s.startswith("Deadline: ")], found
