"""`workflows tick` fires due timeouts once, even twice at once; `verify` finds tampering."""

import threading
from datetime import timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.timeutil import utcnow
from core.workflow import engine_of
from core.workflow.errors import WorkflowError
from core.workflow.maintenance import tick, verify
from core.workflow.models import WorkflowHistory, WorkflowInstance
from tests.factories import instance_state, start_review


@pytest.fixture(autouse=True)
def _sample_enabled(enable_plugin):
    enable_plugin("sample")


def submitted(app, make_user, count=1, days_ago=15):
    """`count` submitted reviews whose 14-day deadline passed (or not) `days_ago` days ago."""
    team = make_user(roles={"team"})
    ids = [start_review(app) for _ in range(count)]
    with app.app_context():
        actor = db.session.get(User, team.id)
        for instance_id in ids:
            engine_of().fire(instance_id, "submit", actor=actor)
        past = utcnow() - timedelta(days=days_ago)
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id.in_(ids))
            .values(entered_state_at=past, deadline_at=past + timedelta(days=14))
        )
        db.session.commit()
    return ids


def test_tick_fires_due_timeouts_and_leaves_others(app, make_user):
    due = submitted(app, make_user, 2, days_ago=15)
    not_yet = submitted(app, make_user, 1, days_ago=3)
    with app.app_context():
        report = tick(engine_of())
    assert sorted(report.fired) == sorted(due)
    assert [instance_state(app, i) for i in due] == ["expired", "expired"]
    assert instance_state(app, not_yet[0]) == "submitted"
    with app.app_context():
        rows = db.session.scalars(
            db.select(WorkflowHistory).where(WorkflowHistory.to_state == "expired")
        ).all()
        assert {(r.trigger, r.actor_id) for r in rows} == {("expire", None)}


def test_tick_is_idempotent(app, make_user):
    submitted(app, make_user, 2)
    with app.app_context():
        assert len(tick(engine_of()).fired) == 2
        assert tick(engine_of()).fired == []


def test_two_ticks_at_once_fire_each_timeout_once(app, make_user):
    ids = submitted(app, make_user, 12)
    reports, barrier = [], threading.Barrier(2)

    def run():
        with app.app_context():
            barrier.wait()
            reports.append(tick(engine_of()))
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    fired = reports[0].fired + reports[1].fired
    assert sorted(fired) == sorted(ids)  # every one exactly once
    with app.app_context():
        expiries = db.session.scalar(
            db.select(db.func.count()).where(WorkflowHistory.trigger == "expire")
        )
    assert expiries == len(ids)


def test_tick_reports_overdue_instances_without_a_timeout(app, make_user):
    ids = submitted(app, make_user, 1)
    team = make_user(roles={"team"})
    with app.app_context():
        engine_of().fire(ids[0], "check", actor=db.session.get(User, team.id))
        db.session.execute(
            db.update(WorkflowInstance).values(deadline_at=utcnow() - timedelta(days=1))
        )
        db.session.commit()
        report = tick(engine_of())
    assert report.fired == [] and report.overdue == {("sample.review", "checked"): 1}


def test_tick_skips_a_disabled_plugin(app, make_user, enable_plugin):
    ids = submitted(app, make_user, 1)
    enable_plugin("sample", False)
    with app.app_context():
        assert tick(engine_of()).fired == []
    assert instance_state(app, ids[0]) == "submitted"


def test_cli_tick_and_verify(app, make_user):
    submitted(app, make_user, 1)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["workflows", "tick"])
    assert result.exit_code == 0 and "1 timeout(s) fired" in result.output
    result = runner.invoke(args=["workflows", "verify"])
    assert result.exit_code == 0 and "agrees with its history" in result.output


def test_verify_finds_a_tampered_state(app, make_user):
    ids = submitted(app, make_user, 2)
    with app.app_context():
        assert verify(engine_of()) == []
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id == ids[0])
            .values(state="approved")
        )
        db.session.commit()
        problems = verify(engine_of())
    assert problems == [
        f"Instance {ids[0]} (sample.review v2): stored state 'approved' "
        "but its history ends in 'submitted'"
    ]
    result = app.test_cli_runner().invoke(args=["workflows", "verify"])
    assert result.exit_code != 0 and "1 instance(s) disagree" in result.output


def test_verify_finds_history_that_skips_a_step(app, make_user):
    ids = submitted(app, make_user, 1)
    with app.app_context():
        # a forged row: from 'submitted' straight to 'approved' is no declared v2 transition
        db.session.add(
            WorkflowHistory(
                instance_id=ids[0], trigger="approve", from_state="submitted", to_state="approved"
            )
        )
        db.session.execute(db.update(WorkflowInstance).values(state="approved"))
        db.session.commit()
        problems = verify(engine_of())
    assert problems == [
        f"Instance {ids[0]} (sample.review v2): step 'approve' is not a declared "
        "transition from 'submitted'"
    ]


def test_cli_list_and_show(app):
    runner = app.test_cli_runner()
    listing = runner.invoke(args=["workflows", "list"]).output
    assert "sample.review" in listing and "v1" in listing and "v2" in listing
    text = runner.invoke(args=["workflows", "show", "sample.review"]).output
    assert "checked" in text and "approve" in text and "(assignee only)" in text
    mermaid = runner.invoke(
        args=["workflows", "show", "sample.review", "--format", "mermaid"]
    ).output
    assert "stateDiagram-v2" in mermaid and "submitted --> checked: check" in mermaid
    old = runner.invoke(args=["workflows", "show", "sample.review", "--version", "1"]).output
    assert "checked" not in old
    assert runner.invoke(args=["workflows", "show", "nope"]).exit_code != 0


def test_verify_finds_a_change_made_past_the_engine(app, make_user):
    """Every change of an instance bumps its version and writes one history row, so a
    version ahead of its history is a change without a trace (here an ORM write)."""
    ids = submitted(app, make_user, 1)
    someone = make_user(roles={"team"})
    with app.app_context():
        instance = db.session.get(WorkflowInstance, ids[0])
        instance.assignee_id = someone.id
        db.session.commit()
        problems = verify(engine_of())
    assert problems == [
        f"Instance {ids[0]} (sample.review v2): changed 1 time(s) without a history row"
    ]


def test_of_several_timeouts_from_one_state_the_first_whose_guards_allow_it_fires(app):
    """A suspended certificate ends as "expired" when its validity ran out, otherwise as
    "withdrawn": two timeouts from one state, told apart by their guards."""
    from core.plugin_host import plugin_host
    from core.workflow.declaration import State, Transition, Workflow
    from core.workflow.engine import WorkflowEngine
    from tests.sample_plugin.models import SampleNote

    def long_note(instance, actor):
        note = db.session.get(SampleNote, instance.subject_id)
        return None if len(note.text) > 10 else "kort"

    def may_fail(instance, actor, data):
        if db.session.get(SampleNote, instance.subject_id).text.startswith("faalt"):
            raise WorkflowError("Het effect faalt.")

    guarded = Workflow(
        key="sample.guarded_timeouts",
        version=1,
        title="Twee termijnen",
        initial="waiting",
        states=(
            State("waiting", "Wacht", deadline=timedelta(days=1)),
            State("long", "Lang", terminal=True),
            State("short", "Kort", terminal=True),
        ),
        transitions=(
            Transition(
                "to_long",
                "Lang",
                "waiting",
                "long",
                timeout=True,
                guards=(long_note,),
                effect=may_fail,
            ),
            Transition("to_short", "Kort", "waiting", "short", timeout=True),
        ),
    )
    with app.test_request_context():
        engine = WorkflowEngine(plugin_host())
        engine.register(guarded, "sample")
        ids = {}
        for text in ("lang genoeg, deze", "kort", "faalt, maar is lang"):
            note = SampleNote(text=text)
            db.session.add(note)
            db.session.flush()
            ids[text] = engine.start(guarded.key, note, title=text).id
        db.session.commit()
        report = tick(engine, now=utcnow() + timedelta(days=2))
        assert sorted(report.fired) == sorted([ids["lang genoeg, deze"], ids["kort"]])
        assert db.session.get(WorkflowInstance, ids["lang genoeg, deze"]).state == "long"
        assert db.session.get(WorkflowInstance, ids["kort"]).state == "short"
        # Its guards chose "long"; that step failing is no reason to take the other way out.
        assert db.session.get(WorkflowInstance, ids["faalt, maar is lang"]).state == "waiting"
