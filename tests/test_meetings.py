"""Meetings count towards the yearly targets on the dashboard; they are added with a start in
Rotterdam's time, and the meetings held before they had a time keep their rows."""

from datetime import date, datetime, time, timedelta

import pytest

from core.extensions import db
from core.meetings.models import Meeting
from core.testing import post_form
from core.timeutil import local_midnight_utc, local_to_utc, local_today, utcnow
from tests.factories import make_organisation


def meeting_form(**fields) -> dict:
    return {
        "title": "Bijeenkomst in Spangen",
        "starts_at": f"{local_today().isoformat()}T10:00",
        "kind": "meeting",
        "host_id": "0",
        **fields,
    }


def test_team_registers_a_meeting_and_the_dashboard_counts_it(app, client, make_user, login):
    host = make_organisation(app, "Buurtlab")
    login(client, make_user(roles={"team"}))
    assert "0 van 20" in client.get("/").text
    response = post_form(client, "/meetings/new", meeting_form(host_id=str(host.id)))
    assert response.status_code == 302
    assert "Bijeenkomst in Spangen" in client.get("/meetings/").text
    assert "1 van 20" in client.get("/").text
    assert "0 van 15" in client.get("/").text  # not a knowledge source


def test_the_start_is_typed_in_rotterdam_and_stored_in_utc(app, client, make_user, login):
    team = make_user(roles={"team"}, name="Tamara Team")
    login(client, team)
    response = post_form(
        client,
        "/meetings/new",
        meeting_form(
            starts_at="2027-07-01T14:00",
            ends_at="2027-07-01T16:30",
            capacity="24",
            options="Taxi 1: 4\nTaxi 2: 4\nOp de fiets",
            remind_hours_before="24",
        ),
    )
    assert response.status_code == 302, response.text
    with app.app_context():
        meeting = db.session.scalar(db.select(Meeting))
        # 14:00 in Rotterdam in summer (UTC+2) is 12:00 UTC.
        assert meeting.starts_at == datetime(2027, 7, 1, 12, 0)
        assert meeting.ends_at == datetime(2027, 7, 1, 14, 30)
        assert meeting.capacity == 24 and meeting.organiser_id == team.id
        assert [(o.name, o.capacity) for o in meeting.options] == [
            ("Taxi 1", 4),
            ("Taxi 2", 4),
            ("Op de fiets", None),
        ]
    page = client.get(response.headers["Location"]).text
    assert "14:00" in page and "Taxi 1 (nog 4 vrij)" in page


def test_knowledge_source_meetings_count_by_the_year_in_rotterdam(app, client, make_user, login):
    year = local_today().year
    with app.app_context():
        new_year = local_midnight_utc(date(year, 1, 1))
        db.session.add_all(
            [
                # 00:30 on 1 January in Rotterdam is still 31 December in UTC: this year's.
                Meeting(
                    title="Nieuwjaar",
                    starts_at=new_year + timedelta(minutes=30),
                    kind="knowledge_source",
                ),
                # 23:30 on 31 December last year in Rotterdam: last year's.
                Meeting(
                    title="Oudjaar",
                    starts_at=new_year - timedelta(minutes=30),
                    kind="knowledge_source",
                ),
            ]
        )
        db.session.commit()
    login(client, make_user(roles={"board"}))
    page = client.get("/").text
    assert "1 van 15" in page and "1 van 20" in page


def test_meeting_of_last_year_does_not_count(app, client, make_user, login):
    with app.app_context():
        last_year = local_to_utc(datetime.combine(date(local_today().year - 1, 6, 1), time(10)))
        db.session.add(Meeting(title="Oud", starts_at=last_year))
        db.session.commit()
    login(client, make_user(roles={"team"}))
    assert "0 van 20" in client.get("/").text


def test_invalid_meeting_is_refused_and_nothing_is_saved(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    response = post_form(
        client,
        "/meetings/new",
        meeting_form(
            title="",
            starts_at="31-02-2026",
            capacity="vier",
            options="Taxi 1: 4\nTaxi 1: 4",
            remind_hours_before="0",
        ),
    )
    assert response.status_code == 400
    for message in (
        "Vul het onderwerp in.",
        "Vul een geldige datum en tijd in.",
        "Vul het aantal plaatsen in als heel getal, of laat het leeg.",
        "Regel 2: deze naam staat er al.",
        "Kies 1 tot 1440 uur.",
    ):
        assert message in response.text, message
    response = post_form(
        client,
        "/meetings/new",
        meeting_form(starts_at="2027-07-01T14:00", ends_at="2027-07-01T13:00", options="Taxi: 0"),
    )
    assert response.status_code == 400
    assert "Het einde moet na het begin liggen." in response.text
    assert "Regel 1 klopt niet." in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_dashboard_counts_informal_partners_not_accounts_or_every_organisation(
    app, client, make_user, login
):
    make_organisation(app, "Buurtlab", "social_enterprise")
    make_organisation(app, "Gemeente Rotterdam", "formal_body")
    make_user(roles={"expert"})
    login(client, make_user(roles={"board"}))
    page = client.get("/").text
    assert "1 van 150" in page  # one informal partner / social enterprise
    # An account with the expert role is no expert who took part (the register counts those,
    # tests/test_programme_figures.py), and an organisation in the platform has not yet signed.
    assert "van 200" not in page and "van 250" not in page


def test_the_calendar_feed_item_has_the_meetings_time_and_page(app):
    from core.calendar.items import meeting_item

    with app.test_request_context():
        start = utcnow().replace(microsecond=0) + timedelta(days=2)
        meeting = Meeting(title="Tour", starts_at=start, ends_at=start + timedelta(hours=3))
        db.session.add(meeting)
        db.session.commit()
        item = meeting_item(meeting)
        assert (item.start, item.end, item.url) == (
            start,
            start + timedelta(hours=3),
            f"/meetings/{meeting.id}",
        )


def test_the_migration_keeps_earlier_meetings_at_ten_in_rotterdam(database_url, tmp_path):
    """Before 1170317139f5 a meeting had only a date (held_on); it becomes a start at 10:00
    in Rotterdam, and the downgrade gives the date back."""
    from alembic import command
    from sqlalchemy import text

    from core import create_app
    from core.database import alembic_config
    from core.testing import config_for_tests

    if not database_url.startswith("sqlite"):
        pytest.skip("the schema under test is SQLite's own file; PostgreSQL runs the same SQL")
    app = create_app(config_for_tests(f"sqlite:///{tmp_path / 'old.db'}", tmp_path / "i"))
    with app.app_context():
        command.downgrade(alembic_config(), "core@c8f2e5b9a4d1")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO meeting (id, title, held_on, kind) VALUES"
                    " (1, 'Zomer', '2026-06-01', 'meeting'),"
                    " (2, 'Winter', '2026-01-15', 'knowledge_source')"
                )
            )
        command.upgrade(alembic_config(), "heads")
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, starts_at, kind FROM meeting ORDER BY id")
            ).all()
        starts = {row.id: datetime.fromisoformat(str(row.starts_at)) for row in rows}
        # 10:00 summer time is 08:00 UTC; 10:00 winter time 09:00 UTC.
        assert starts == {1: datetime(2026, 6, 1, 8), 2: datetime(2026, 1, 15, 9)}
        assert [row.kind for row in rows] == ["meeting", "knowledge_source"]
        command.downgrade(alembic_config(), "core@c8f2e5b9a4d1")
        with db.engine.connect() as connection:
            held = connection.execute(text("SELECT held_on FROM meeting ORDER BY id")).scalars()
            assert [str(day)[:10] for day in held] == ["2026-06-01", "2026-01-15"]
        db.engine.dispose()
