"""Beheer → Beveiligingslog: readable kinds, filters, 50 per page, a CSV of what is filtered."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from core.extensions import db
from core.models import SecurityEvent


def add_events(app, *events):
    """(kind, actor, subject, at, detail) tuples; missing fields are None or now."""
    with app.app_context():
        for kind, actor, subject, at, detail in events:
            db.session.add(
                SecurityEvent(
                    kind=kind,
                    actor_id=getattr(actor, "id", None),
                    subject_user_id=getattr(subject, "id", None),
                    at=at or datetime(2026, 6, 15, 12, 0),
                    detail=detail,
                )
            )
        db.session.commit()


@pytest.fixture
def admin_client(client, make_user, login):
    admin = make_user(roles={"admin"}, name="Anna Admin")
    login(client, admin)
    client.admin = admin
    return client


def rows(page_html: str) -> int:
    if "<tbody>" not in page_html:
        return 0
    return page_html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


def test_kinds_are_shown_in_words_and_unknown_kinds_as_they_are(app, admin_client, make_user):
    person = make_user(name="Piet Partner")
    add_events(
        app,
        ("role_change", admin_client.admin, person, None, "+expert"),
        ("something_new", None, person, None, None),
    )
    page = admin_client.get("/admin/security-log").text
    assert "Rollen gewijzigd" in page and "role_change" not in page.split("<tbody>")[1]
    assert "something_new" in page
    assert "Piet Partner" in page and "Anna Admin" in page


def test_filter_by_person_as_actor_or_subject(app, admin_client, make_user):
    piet = make_user(name="Piet Partner")
    karin = make_user(name="Karin Koster")
    add_events(
        app,
        ("role_change", admin_client.admin, piet, None, "piet-as-subject"),
        ("login", piet, piet, None, "piet-logs-in"),
        ("login", karin, karin, None, "karin-logs-in"),
    )
    page = admin_client.get("/admin/security-log?person=piet").text
    assert "piet-as-subject" in page and "piet-logs-in" in page and "karin-logs-in" not in page
    by_actor = admin_client.get("/admin/security-log?person=anna").text
    assert "piet-as-subject" in by_actor and "piet-logs-in" not in by_actor
    # wildcards are taken literally
    assert rows(admin_client.get("/admin/security-log?person=%25").text) == 0


def test_filter_by_kind_and_date_range(app, admin_client):
    add_events(
        app,
        ("login", None, None, datetime(2026, 6, 1, 10), "june-first"),
        ("login", None, None, datetime(2026, 6, 10, 10), "june-tenth"),
        ("logout", None, None, datetime(2026, 6, 10, 11), "june-tenth-logout"),
        # 23:30 UTC on 10 June is already 11 June in Rotterdam
        ("login", None, None, datetime(2026, 6, 10, 23, 30), "june-eleventh-local"),
    )
    page = admin_client.get("/admin/security-log?kind=login&since=2026-06-05&until=2026-06-10").text
    assert "june-tenth" in page
    assert "june-first" not in page
    assert "june-tenth-logout" not in page
    assert "june-eleventh-local" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=no_such_kind", "Onbekende soort"),
        ("since=31-02-2026", "geen geldige datum"),
        ("until=yesterday", "geen geldige datum"),
        ("since=2026-06-10&until=2026-06-01", "ligt na"),
        ("page=abc", None),
        ("page=-3", None),
        ("page=100000000000000000000000000000", None),
        ("person=" + "x" * 5000, None),
    ],
)
def test_bad_filter_values_are_explained_or_ignored(app, admin_client, query, message):
    add_events(app, ("login", None, None, None, "still-shown"))
    response = admin_client.get(f"/admin/security-log?{query}")
    assert response.status_code == 200
    if message:
        assert message in response.text
        assert "still-shown" in response.text  # the bad filter is left out, not the rows


def test_fifty_per_page_with_the_pager_keeping_the_filter(app, admin_client):
    add_events(app, *[("invite", None, None, None, f"event-{n}") for n in range(120)])
    first = admin_client.get("/admin/security-log?kind=invite").text
    assert rows(first) == 50 and "event-119" in first and "event-69" not in first
    assert "page=2" in first and "kind=invite" in first.split('class="pager"')[1]
    third = admin_client.get("/admin/security-log?kind=invite&page=3").text
    assert rows(third) == 20 and "event-0<" in third and "Volgende" not in third


def test_each_page_loads_its_rows_in_one_query(app, admin_client, make_user):
    people = [make_user(name=f"Persoon {n}") for n in range(3)]

    def statements(url):
        seen = []

        def count(conn, cursor, statement, *args):
            seen.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert admin_client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return [s for s in seen if "security_event.detail" in s]

    add_events(app, ("login", people[0], people[0], None, None))
    few = statements("/admin/security-log")
    add_events(app, *[("role_change", admin_client.admin, p, None, None) for p in people * 10])
    many = statements("/admin/security-log")
    assert len(few) == len(many) == 1
    assert statements("/admin/security-log.csv") and len(statements("/admin/security-log.csv")) == 1


def test_csv_export_holds_the_filtered_events_formula_safe(app, admin_client, make_user):
    person = make_user(name="=HYPERLINK(1)")
    add_events(
        app,
        ("role_change", admin_client.admin, person, datetime(2026, 6, 15, 12), "+expert"),
        ("login", person, person, datetime(2026, 6, 15, 13), "not-in-export"),
    )
    response = admin_client.get("/admin/security-log.csv?kind=role_change")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert table[0] == ["Wanneer", "Wat", "Soort", "Door", "Betreft", "IP-adres", "Details"]
    assert table[1:] == [
        [
            "2026-06-15 14:00",
            "Rollen gewijzigd",
            "role_change",
            "Anna Admin",
            "'=HYPERLINK(1)",
            "",
            "'+expert",
        ]
    ]
    with app.app_context():
        exported = db.session.scalars(
            db.select(SecurityEvent).where(SecurityEvent.kind == "security_log_exported")
        ).one()
        assert exported.actor_id == admin_client.admin.id


def test_the_log_stays_with_admins(client, make_user, login):
    login(client, make_user(roles={"team"}))
    assert client.get("/admin/security-log").status_code == 403
    assert client.get("/admin/security-log.csv").status_code == 403


def test_old_events_are_paged_not_cut_off(app, admin_client):
    long_ago = datetime(2026, 1, 1) - timedelta(days=400)
    add_events(app, ("login", None, None, long_ago, "very-old"))
    assert "very-old" in admin_client.get("/admin/security-log?until=2025-12-31").text


def test_every_event_the_code_records_has_words():
    """A kind recorded anywhere in core or plugins is in EVENT_KINDS, so the log reads as words."""
    import re
    from pathlib import Path

    from core.security_log import EVENT_KINDS

    root = Path(__file__).resolve().parents[1]
    recorded = set()
    for source in [*root.glob("core/**/*.py"), *root.glob("plugins/**/*.py")]:
        text = source.read_text(encoding="utf-8")
        recorded |= set(re.findall(r'record_security_event\(\s*"([a-z_]+)"', text))
        recorded |= set(re.findall(r'"((?:account|plugin)_[a-z]+)"', text)) & {
            "account_activated",
            "account_deactivated",
            "plugin_enabled",
            "plugin_disabled",
        }
    assert recorded - set(EVENT_KINDS) == set()
