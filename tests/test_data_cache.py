"""Figures worked out once per change of the data (core.api.cached): kept while nothing is
written, worked out again after any saved change, on every database."""

import pytest
from flask_babel import force_locale

from core import data_cache
from core.accounts.models import User
from core.api import cached
from core.extensions import db
from core.organisations.models import Organisation
from plugins.keurmerk.frameworks.rules import create_framework
from tests.factories import QueryCounter


@pytest.fixture
def computed():
    calls = []

    def compute():
        calls.append(1)
        return db.session.scalar(db.select(db.func.count(Organisation.id)))

    return calls, compute


def test_a_result_is_kept_until_something_is_saved(app_ctx, computed):
    calls, compute = computed
    assert cached(("test.count",), compute) == 0
    assert cached(("test.count",), compute) == 0
    assert len(calls) == 1

    db.session.add(Organisation(name="Buurtlab", kind="social_enterprise"))
    db.session.commit()
    assert cached(("test.count",), compute) == 1
    assert len(calls) == 2


def test_reads_and_rollbacks_start_no_new_generation(app_ctx):
    db.session.add(Organisation(name="Buurtlab", kind="social_enterprise"))
    db.session.commit()
    before = data_cache.generation()

    db.session.scalar(db.select(Organisation.id))
    db.session.commit()
    db.session.add(Organisation(name="Niet bewaard", kind="social_enterprise"))
    db.session.flush()
    db.session.rollback()
    assert data_cache.generation() == before

    db.session.execute(db.update(Organisation).values(name="Buurtlab Noord"))
    db.session.commit()
    assert data_cache.generation() != before


def test_a_result_computed_over_unsaved_writes_is_not_kept(app_ctx, computed):
    calls, compute = computed
    db.session.add(Organisation(name="Misschien", kind="social_enterprise"))
    db.session.flush()
    assert cached(("test.count",), compute) == 1  # this transaction sees its own row
    db.session.rollback()
    assert cached(("test.count",), compute) == 0  # nobody else ever saw it
    assert len(calls) == 2


def test_a_transaction_that_changed_data_does_not_read_a_kept_result(app_ctx, computed):
    """A step's guard asks after the step's own writes: it must see them, not what was kept."""
    calls, compute = computed
    assert cached(("test.count",), compute) == 0
    db.session.add(Organisation(name="Nu", kind="social_enterprise"))
    db.session.flush()
    assert cached(("test.count",), compute) == 1
    db.session.rollback()
    assert cached(("test.count",), compute) == 0 and len(calls) == 2  # the kept one again


def test_a_request_holding_unflushed_changes_does_not_read_a_kept_result(app, computed):
    """In a request the generation is read once, so nothing flushes an object added since."""
    calls, compute = computed
    with app.test_request_context():
        assert cached(("test.count",), compute) == 0
        db.session.add(Organisation(name="Nog niet weggeschreven", kind="social_enterprise"))
        assert cached(("test.count",), compute) == 1  # its query flushes it: seen, not kept
        db.session.rollback()
        assert cached(("test.count",), compute) == 0 and len(calls) == 2


def test_after_a_commit_a_request_keeps_nothing_more(app, computed):
    """Objects read before a commit stay as read (expire_on_commit is off): what the rest of
    the request works out from them is not kept under the new generation."""
    calls, compute = computed
    with app.test_request_context():
        assert cached(("test.before",), compute) == 0
        db.session.add(Organisation(name="Logboek", kind="social_enterprise"))
        db.session.commit()  # e.g. an access log written on a GET
        assert cached(("test.count",), compute) == 1
        assert cached(("test.count",), compute) == 1
        assert len(calls) == 3  # worked out each time, kept for no one
    with app.test_request_context():
        assert cached(("test.count",), compute) == 1
        assert cached(("test.count",), compute) == 1
        assert len(calls) == 4  # the next request keeps it again


def test_each_language_and_key_has_its_own_result(app, computed):
    calls, compute = computed
    with app.test_request_context():
        with force_locale("en"):
            cached(("test.count",), compute)
        with force_locale("nl"):
            cached(("test.count",), compute)
        cached(("test.other",), compute)
    assert len(calls) == 3


def test_a_change_saved_by_another_session_reaches_the_next_request(app, computed):
    calls, compute = computed
    with app.test_request_context():
        assert cached(("test.count",), compute) == 0
    with app.app_context():  # another request, another session: an app server elsewhere
        db.session.add(Organisation(name="Buurtlab", kind="social_enterprise"))
        db.session.commit()
    with app.test_request_context():
        assert cached(("test.count",), compute) == 1
    assert len(calls) == 2


@pytest.fixture
def team(enable_plugin, user_with_role):
    for plugin in ("keurmerk", "passendwerk"):
        enable_plugin(plugin)
    return user_with_role("team")


def test_the_dashboard_works_out_its_widgets_once_and_shows_a_change_at_once(
    app, client, login, team
):
    login(client, team)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as first:
        page = client.get("/")
    assert "Er is nog geen gelanceerd normenkader." in page.text
    with QueryCounter(engine) as second:
        again = client.get("/")
    assert again.text == page.text
    # The keurmerk and passendwerk widgets' counts are not asked again (found: 23 queries
    # for every view of the team's dashboard, most of them the same figures each time).
    assert second.count <= first.count - 8, (first.count, second.count)
    assert not any("data_generation SET" in s for s in second.statements)  # a view writes nothing

    with app.app_context():
        create_framework("Keurmerk Warm Sociaal Incasseren", db.session.get(User, team.id))
        db.session.commit()
    changed = client.get("/")
    assert "In ontwikkeling:" in changed.text
    assert "versie</a>" not in page.text


def test_a_signed_in_page_asks_once_for_the_user_menu_and_bell_and_follows_a_change(
    app, client, login, make_user, enable_plugin
):
    """The shell's menu and bell are kept per generation, and the generation comes with the
    user (found: three queries and 1.8 ms before a signed-in page did anything of its own)."""
    from core.accounts.models import UserRole
    from core.notifications.models import Notification

    enable_plugin("keurmerk")
    person = make_user()
    login(client, person)
    with app.app_context():
        engine = db.engine
    client.get("/no-such-page")
    with QueryCounter(engine) as counter:
        before = client.get("/no-such-page")
    assert before.status_code == 404 and counter.count == 1, counter.statements
    assert ">Keurmerk</a>" not in before.text and "(1" not in before.text

    with app.app_context():  # saved by someone else: the next page shows both
        db.session.add(UserRole(user_id=person.id, role="team"))
        db.session.add(Notification(user_id=person.id, category="workflow", text="x", url="/"))
        db.session.commit()
    after = client.get("/no-such-page").text
    assert ">Keurmerk</a>" in after and "(1" in after
