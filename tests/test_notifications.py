"""Notifications from the engine: who is told on assignment and on arrival in a state that
declares `notify`, reminders of deadlines with a frozen clock, preferences, the digest, and
the list behind the bell."""

import re
from datetime import datetime, timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.notifications.models import Notification
from core.notifications.preferences import save_preferences
from core.notifications.sending import digest_cutoff, send_digests
from core.plugin_host import plugin_host
from core.workflow.declaration import Notify, State, Transition, Workflow
from core.workflow.engine import WorkflowEngine
from core.workflow.maintenance import tick
from core.workflow.models import WorkflowInstance
from tests.factories import make_organisation
from tests.sample_plugin.models import SampleNote

NOTIFIED = Workflow(
    key="sample.notified",
    version=1,
    title="Gemelde beoordeling",
    initial="draft",
    states=(
        State("draft", "Concept"),
        State(
            "submitted",
            "Ingediend",
            deadline=timedelta(days=14),
            notify=Notify(remind_before=(7, 1), overdue=True),
        ),
        State("done", "Klaar", terminal=True),
    ),
    transitions=(
        Transition("submit", "Indienen", "draft", "submitted", roles={"team", "partner"}),
        Transition("approve", "Goedkeuren", "submitted", "done", roles={"expert"}),
        Transition("decide", "Besluiten", "submitted", "done", roles={"partner"}),
    ),
)


@pytest.fixture
def engine(app, enable_plugin):
    enable_plugin("sample")
    with app.app_context():
        engine = WorkflowEngine(plugin_host())
        engine.register(NOTIFIED, "sample")
    return engine


@pytest.fixture
def people(app, make_user):
    own, other = make_organisation(app, "Buurtlab"), make_organisation(app, "Gaarkeuken")
    return {
        "team": make_user(roles={"team"}, name="Tineke Team"),
        "expert": make_user(roles={"expert"}, name="Eddy Expert"),
        "partner": make_user(roles={"partner"}, organisation=own, name="Petra Partner"),
        "other_partner": make_user(roles={"partner"}, organisation=other, name="Olga Ander"),
        "board": make_user(roles={"board"}, name="Bert Bestuur"),
        "org": own,
    }


def start(app, engine, organisation, assignee=None, actor=None):
    with app.test_request_context():
        note = SampleNote(text="Een notitie die lang genoeg is")
        db.session.add(note)
        db.session.flush()
        instance = engine.start(
            "sample.notified",
            note,
            title="Aanvraag van Buurtlab",
            organisation_id=organisation.id,
            assignee=db.session.get(User, assignee.id) if assignee else None,
            actor=db.session.get(User, actor.id) if actor else None,
        )
        db.session.commit()
        return instance.id


def fire(app, engine, instance_id, trigger, user):
    with app.test_request_context():
        engine.fire(instance_id, trigger, actor=db.session.get(User, user.id))


def told(app, category=None):
    """{display name: [texts]} of every notification."""
    with app.app_context():
        query = db.select(User.display_name, Notification.text).join(
            User, User.id == Notification.user_id
        )
        if category:
            query = query.where(Notification.category == category)
        found = {}
        for name, text in db.session.execute(query.order_by(Notification.id)):
            found.setdefault(name, []).append(text)
        return found


def mails(app):
    with app.app_context():
        return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_arrival_tells_who_may_act_for_this_organisation_and_not_the_actor(app, engine, people):
    instance_id = start(app, engine, people["org"])
    assert told(app) == {}  # the draft state tells nobody
    fire(app, engine, instance_id, "submit", people["team"])
    assert told(app) == {
        "Eddy Expert": ["Aanvraag van Buurtlab wacht op u: Ingediend. U kunt: Goedkeuren."],
        "Petra Partner": ["Aanvraag van Buurtlab wacht op u: Ingediend. U kunt: Besluiten."],
    }  # not the team member who submitted, not the partner of another organisation, not the board
    sent = {m.recipient: m for m in mails(app)}
    assert set(sent) == {u.email for u in (people["expert"], people["partner"])}
    mail = sent[people["partner"].email]
    assert (
        mail.subject
        == "Warm Rotterdam: Aanvraag van Buurtlab wacht op u: Ingediend. U kunt: Besluiten."
    )
    assert f"http://localhost/workflows/instances/{instance_id}" in mail.body
    assert f'href="http://localhost/workflows/instances/{instance_id}"' in mail.html_body
    assert "Termijn:" in mail.body


def test_assignment_tells_the_assignee_in_their_own_language(app, engine, people):
    with app.app_context():
        db.session.get(User, people["expert"].id).language = "en"
        db.session.commit()
    instance_id = start(app, engine, people["org"])
    with app.test_request_context():
        team = db.session.get(User, people["team"].id)
        engine.assign(instance_id, db.session.get(User, people["expert"].id), actor=team)
        engine.assign(instance_id, team, actor=team)  # giving it to oneself tells nobody
    assert told(app, "assignment") == {
        "Eddy Expert": [
            "Aanvraag van Buurtlab has been assigned to you (Gemelde beoordeling: Concept)."
        ]
    }
    (mail,) = mails(app)
    assert mail.recipient == people["expert"].email
    assert mail.body.startswith("Dear Eddy Expert,")


def test_preferences_decide_between_mail_now_the_digest_and_no_mail(app, engine, people):
    with app.app_context():
        save_preferences(people["expert"].id, {"action": "digest"})
        save_preferences(people["partner"].id, {"action": "off"})
        db.session.commit()
    first, second = start(app, engine, people["org"]), start(app, engine, people["org"])
    fire(app, engine, first, "submit", people["team"])
    fire(app, engine, second, "submit", people["team"])
    assert mails(app) == []  # nobody chose mail at once
    assert len(told(app)["Petra Partner"]) == 2  # but the list has it
    with app.test_request_context():
        assert send_digests() == 1
        assert send_digests() == 0  # nothing twice
    (digest,) = mails(app)
    assert digest.recipient == people["expert"].email
    assert "2 meldingen" in digest.subject
    assert digest.body.count("Aanvraag van Buurtlab wacht op u") == 2


def test_deadline_reminders_come_once_each_with_a_frozen_clock(app, engine, people):
    instance_id = start(app, engine, people["org"])
    fire(app, engine, instance_id, "submit", people["team"])
    with app.app_context():
        entered = db.session.get(WorkflowInstance, instance_id).entered_state_at

    def tick_at(days):
        with app.test_request_context():
            return tick(engine, now=entered + timedelta(days=days)).reminded

    assert tick_at(3) == 0  # 11 days left
    assert tick_at(8) == 2  # 6 days left: the 7-day reminder, to the expert and the partner
    assert tick_at(9) == 0  # not again
    assert tick_at(13.5) == 2  # the 1-day reminder
    assert tick_at(15) == 2  # passed
    assert tick_at(16) == 0
    texts = told(app, "deadline")["Eddy Expert"]
    assert len(texts) == 3 and "is verstreken" in texts[-1]
    assert "de termijn loopt af op" in texts[0]


def test_a_reminder_needs_a_deadline():
    broken = Workflow(
        key="sample.broken",
        version=1,
        title="Kapot",
        initial="a",
        states=(State("a", "A", notify=Notify(remind_before=(7,))), State("b", "B", terminal=True)),
        transitions=(Transition("go", "Ga", "a", "b", roles={"team"}),),
    )
    assert "state 'a' reminds of a deadline it does not have" in broken.problems()


def test_the_bell_counts_unread_and_the_list_marks_them_read(app, engine, people, client, login):
    instance_id = start(app, engine, people["org"])
    fire(app, engine, instance_id, "submit", people["team"])
    login(client, people["partner"])
    header = client.get("/").text
    assert re.search(
        r"Meldingen <span class=\"count\">\(1<span class=\"visually-hidden\"> nieuw", header
    )
    page = client.get("/notifications/").text
    assert "Aanvraag van Buurtlab wacht op u" in page and "nieuw" in page
    assert "class=\"count\"" not in client.get("/").text  # read now
    with app.app_context():
        item = db.session.scalars(
            db.select(Notification).where(Notification.user_id == people["partner"].id)
        ).one()
        others = db.session.scalars(
            db.select(Notification.id).where(Notification.user_id != people["partner"].id)
        ).all()
    response = client.get(f"/notifications/{item.id}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/workflows/instances/{instance_id}"
    assert client.get(f"/notifications/{others[0]}").status_code == 404


def test_the_digest_hour_is_local_time():
    # 06:30 UTC on 2 December is 07:30 in Amsterdam: today's 07:00 has struck.
    now = datetime(2026, 12, 2, 6, 30)
    assert digest_cutoff(now, 7, "Europe/Amsterdam") == datetime(2026, 12, 2, 6, 0)
    assert digest_cutoff(datetime(2026, 12, 2, 5, 30), 7, "Europe/Amsterdam") == datetime(
        2026, 12, 1, 6, 0
    )
