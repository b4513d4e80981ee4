"""The engine: roles, assignee-only, guards, forms, listeners, versions, history."""

import pytest
from werkzeug.datastructures import MultiDict

from core.accounts.models import User
from core.extensions import db
from core.workflow import engine_of
from core.workflow.engine import WorkflowEngine
from core.workflow.errors import InvalidForm, NotAllowed, WorkflowError
from core.workflow.models import WorkflowHistory, WorkflowInstance
from tests.factories import instance_state, make_organisation, start_review
from tests.sample_plugin.models import SampleNote
from tests.sample_plugin.workflows import REVIEW_V1, REVIEW_V2


@pytest.fixture(autouse=True)
def _sample_enabled(enable_plugin):
    enable_plugin("sample")


def fire(app, instance_id, trigger, user, **kwargs):
    with app.app_context():
        actor = db.session.get(User, user.id) if user else None
        return engine_of().fire(instance_id, trigger, actor=actor, **kwargs).state


def history(app, instance_id):
    with app.app_context():
        return db.session.execute(
            db.select(
                WorkflowHistory.trigger,
                WorkflowHistory.from_state,
                WorkflowHistory.to_state,
                WorkflowHistory.actor_id,
                WorkflowHistory.comment,
                WorkflowHistory.data,
            )
            .where(WorkflowHistory.instance_id == instance_id)
            .order_by(WorkflowHistory.id)
        ).all()


def test_start_records_the_initial_state_in_history(app, make_user):
    instance_id = start_review(app)
    with app.app_context():
        instance = db.session.get(WorkflowInstance, instance_id)
        assert (instance.state, instance.workflow_version) == ("draft", 2)
        assert instance.deadline_at is None
    assert history(app, instance_id) == [(None, None, "draft", None, None, None)]


def test_team_member_submits_and_the_deadline_starts(app, make_user):
    team = make_user(roles={"team"})
    instance_id = start_review(app)
    assert fire(app, instance_id, "submit", team, comment="  Klaar  ") == "submitted"
    with app.app_context():
        instance = db.session.get(WorkflowInstance, instance_id)
        assert (instance.deadline_at - instance.entered_state_at).days == 14
        assert instance.version == 2
    assert history(app, instance_id)[-1] == ("submit", "draft", "submitted", team.id, "Klaar", None)


def test_role_missing_is_refused_and_changes_nothing(app, make_user):
    expert = make_user(roles={"expert"})
    instance_id = start_review(app)
    with pytest.raises(NotAllowed, match="Alleen .* mogen dit doen"):
        fire(app, instance_id, "submit", expert)
    assert instance_state(app, instance_id) == "draft"
    assert len(history(app, instance_id)) == 1


def test_partner_acts_only_on_own_organisations_records(app, make_user):
    own = make_organisation(app, "Buurtlab")
    other = make_organisation(app, "Tafelvanzeven")
    partner = make_user(roles={"partner"}, organisation=own)
    mine, theirs = start_review(app, organisation=own), start_review(app, organisation=other)
    assert fire(app, mine, "submit", partner) == "submitted"
    with pytest.raises(NotAllowed, match="eigen organisatie"):
        fire(app, theirs, "submit", partner)
    assert instance_state(app, theirs) == "draft"


def test_guard_gives_its_reason_and_changes_nothing(app, make_user):
    team = make_user(roles={"team"})
    instance_id = start_review(app, text="kort")
    with pytest.raises(WorkflowError, match="minstens 10 tekens"):
        fire(app, instance_id, "submit", team)
    assert instance_state(app, instance_id) == "draft"


def test_assignee_only_transition(app, make_user):
    team = make_user(roles={"team"})
    assigned, other = make_user(roles={"auditor"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=assigned)
    fire(app, instance_id, "submit", team)
    fire(app, instance_id, "check", team)
    with pytest.raises(NotAllowed, match="toegewezen"):
        fire(app, instance_id, "approve", other, formdata=MultiDict({"score": "8"}))
    assert (
        fire(app, instance_id, "approve", assigned, formdata=MultiDict({"score": "8"}))
        == "approved"
    )


def test_form_is_validated_and_its_data_stored_with_the_history(app, make_user):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    fire(app, instance_id, "submit", team)
    fire(app, instance_id, "check", team)
    with pytest.raises(InvalidForm) as invalid:
        fire(app, instance_id, "approve", auditor, formdata=MultiDict({"score": "11"}))
    assert invalid.value.form.score.errors == ["Kies een cijfer van 1 tot en met 10."]
    assert instance_state(app, instance_id) == "checked"
    fire(app, instance_id, "approve", auditor, formdata=MultiDict({"score": "9"}))
    assert history(app, instance_id)[-1].data == {"score": 9}


def test_required_reason(app, make_user):
    team, committee = make_user(roles={"team"}), make_user(roles={"committee"})
    instance_id = start_review(app)
    fire(app, instance_id, "submit", team)
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(app, instance_id, "reject", committee, comment="   ")
    assert fire(app, instance_id, "reject", committee, comment="Te weinig bewijs") == "rejected"


def test_trigger_not_available_in_this_state(app, make_user):
    team = make_user(roles={"team"})
    instance_id = start_review(app)
    with pytest.raises(WorkflowError, match="het dossier staat op 'Concept'"):
        fire(app, instance_id, "check", team)


def test_a_transitions_effect_gets_the_validated_data_in_the_same_transaction(app, make_user):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    fire(app, instance_id, "submit", team)
    fire(app, instance_id, "check", team)
    fire(app, instance_id, "approve", auditor, formdata=MultiDict({"score": "7"}))
    with app.app_context():
        notes = db.session.scalars(
            db.select(SampleNote.text).where(SampleNote.text.startswith("Goedgekeurd"))
        ).all()
    assert notes == [f"Goedgekeurd met een 7: Notitie {instance_id}"]
    assert history(app, instance_id)[-1].data == {"score": 7}


class Observer:
    """A plugin that only watches other plugins' workflows, through the pluggy hook."""

    from core.hookspecs import hookimpl

    seen: list = []

    @staticmethod
    @hookimpl
    def warmrotterdam_workflow_transitioned(instance, transition, actor, data):
        Observer.seen.append((instance.workflow_key, transition.trigger, data))


def test_an_observer_hears_every_transition_with_its_data(app, make_user):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    manager = app.extensions["plugin_host"].manager
    manager.register(Observer, name="observer")
    Observer.seen.clear()
    try:
        fire(app, instance_id, "submit", team)
        fire(app, instance_id, "check", team)
        fire(app, instance_id, "approve", auditor, formdata=MultiDict({"score": "7"}))
    finally:
        manager.unregister(name="observer")
    assert Observer.seen == [
        ("sample.review", "submit", {}),
        ("sample.review", "check", {}),
        ("sample.review", "approve", {"score": 7}),
    ]


class FailingListener:
    from core.hookspecs import hookimpl

    @staticmethod
    @hookimpl
    def warmrotterdam_workflow_transitioned(instance, transition, actor, data):
        raise RuntimeError("the listener broke")


def test_failing_listener_rolls_everything_back(app, make_user):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    fire(app, instance_id, "submit", team)
    fire(app, instance_id, "check", team)
    manager = app.extensions["plugin_host"].manager
    manager.register(FailingListener, name="failing-listener")
    try:
        with pytest.raises(WorkflowError, match="er is niets gewijzigd"):
            fire(app, instance_id, "approve", auditor, formdata=MultiDict({"score": "7"}))
    finally:
        manager.unregister(name="failing-listener")
    assert instance_state(app, instance_id) == "checked"
    assert [h.trigger for h in history(app, instance_id)] == [None, "submit", "check"]
    with app.app_context():  # the approval's effect (its note) was rolled back too
        assert (
            db.session.scalar(
                db.select(SampleNote).where(SampleNote.text.startswith("Goedgekeurd"))
            )
            is None
        )


def test_running_instance_keeps_its_version_when_a_new_one_arrives(app, make_user):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    engine = WorkflowEngine(app.extensions["plugin_host"])
    engine.register(REVIEW_V1, owner="sample")
    old = start_review(app, assignee=auditor, engine=engine)
    engine.register(REVIEW_V2, owner="sample")
    new = start_review(app, assignee=auditor, engine=engine)
    with app.app_context():
        versions = dict(
            db.session.execute(
                db.select(WorkflowInstance.id, WorkflowInstance.workflow_version).where(
                    WorkflowInstance.id.in_([old, new])
                )
            ).all()
        )
        assert versions == {old: 1, new: 2}
        actor = db.session.get(User, team.id)
        engine.fire(old, "submit", actor=actor)
        engine.fire(new, "submit", actor=actor)
        judge = db.session.get(User, auditor.id)
        # v1 goes straight from submitted to approved; v2 first needs a check
        assert (
            engine.fire(old, "approve", actor=judge, formdata=MultiDict({"score": "6"})).state
            == "approved"
        )
        with pytest.raises(WorkflowError):
            engine.fire(new, "approve", actor=judge, formdata=MultiDict({"score": "6"}))


def test_disabled_plugin_workflow_cannot_fire(app, make_user, enable_plugin):
    team = make_user(roles={"team"})
    instance_id = start_review(app)
    enable_plugin("sample", False)
    with pytest.raises(NotAllowed, match="staat uit"):
        fire(app, instance_id, "submit", team)


def test_history_rows_cannot_be_changed(app):
    instance_id = start_review(app)
    with app.app_context():
        row = db.session.scalars(
            db.select(WorkflowHistory).where(WorkflowHistory.instance_id == instance_id)
        ).one()
        row.to_state = "approved"
        with pytest.raises(ValueError, match="append-only"):
            db.session.flush()
        db.session.rollback()


def test_actions_show_disabled_ones_with_their_reason(app, make_user):
    expert = make_user(roles={"expert"})
    team = make_user(roles={"team"})
    instance_id = start_review(app, text="kort")
    with app.app_context():
        engine = engine_of()
        instance = db.session.get(WorkflowInstance, instance_id)
        by_team = {
            a.transition.trigger: a.reason
            for a in engine.actions(instance, db.session.get(User, team.id))
        }
        by_expert = {
            a.transition.trigger: a.reason
            for a in engine.actions(instance, db.session.get(User, expert.id))
        }
    assert by_team == {"submit": "De notitie moet minstens 10 tekens hebben voordat u hem indient."}
    assert by_expert["submit"].startswith("Alleen ")


def test_an_effect_moves_the_deadline_through_the_engine_with_a_history_row(
    app, make_user, client, login
):
    from datetime import timedelta

    from core.workflow.maintenance import verify

    team = make_user(roles={"team"})
    instance_id = start_review(app)
    fire(app, instance_id, "submit", team)
    with app.app_context():
        engine = engine_of()
        instance = db.session.get(WorkflowInstance, instance_id)
        later = instance.deadline_at + timedelta(days=3)
        engine.set_deadline_within(instance, later, actor=db.session.get(User, team.id))
        engine.set_deadline_within(instance, later, actor=None)  # unchanged: no row
        db.session.commit()
        assert db.session.get(WorkflowInstance, instance_id).deadline_at == later
        assert verify(engine) == []
    rows = history(app, instance_id)
    assert [r.trigger for r in rows] == [None, "submit", "@deadline"]
    assert rows[-1].data == {"deadline": later.isoformat()}
    login(client, team)
    assert "Termijn verzet naar" in client.get(f"/workflows/instances/{instance_id}").text
