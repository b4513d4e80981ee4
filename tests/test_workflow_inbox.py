"""'Mijn taken' asks the database which instances a user may act on; the engine decides per
instance. They must agree for everyone, whatever shortcuts the query takes."""

from core.accounts.models import User
from core.extensions import db
from core.workflow import engine_of
from core.workflow.inbox import actionable_condition
from core.workflow.models import WorkflowInstance


def test_the_inbox_query_agrees_with_the_engine_for_every_demo_user(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    with app.test_request_context():
        engine = engine_of()
        instances = db.session.scalars(db.select(WorkflowInstance)).all()
        people = db.session.scalars(db.select(User).where(User.active)).all()
        checked = 0
        for user in people:
            found = set(
                db.session.scalars(
                    db.select(WorkflowInstance.id).where(actionable_condition(engine, user))
                )
            )
            expected = set()
            for instance in instances:
                if not engine.is_enabled(instance.workflow_key):
                    continue
                workflow = engine.declaration(instance)
                if not any(
                    engine.may_fire(instance, t, user)
                    for t in workflow.transitions_from(instance.state)
                ):
                    continue
                if workflow.visible_to is None or engine.sees(workflow, instance, user):
                    expected.add(instance.id)
            assert found == expected, user.email
            checked += bool(expected)
        assert checked >= 5  # several people have work waiting, not only the team


def test_a_place_open_to_members_is_not_taken_from_assignees_who_are_not():
    from core.workflow.inbox import STANDINGS, _weaker

    # (is the assignee, belongs to the organisation): only a standing asking less is weaker.
    assert [w for w in STANDINGS if _weaker(w, (True, False))] == [(False, False), (True, False)]
    assert not _weaker((False, True), (True, False))
    assert all(_weaker(w, (True, True)) for w in STANDINGS)


def test_my_tasks_works_out_its_files_once_per_change_and_shows_a_change_at_once(app, client):
    """The query over every workflow's places is the costliest of the page (found: 1.7 ms of
    11 for the team's 'Mijn taken'); it is asked again only after something is saved."""
    from core.testing import post_form
    from tests.factories import QueryCounter

    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    email = "team@demo.warmrotterdam.nl"
    login = {"email": email, "password": app.config["DEMO_PASSWORD"]}
    assert post_form(client, "/login", login).status_code == 302
    with app.app_context():
        engine = db.engine

    def place_queries(counter):
        return [s for s in counter.statements if "ORDER BY workflow_instance.deadline_at" in s]

    with QueryCounter(engine) as first:
        page = client.get("/tasks").text
    with QueryCounter(engine) as second:
        again = client.get("/tasks").text
    assert again == page
    assert len(place_queries(first)) == 1 and place_queries(second) == []

    with app.test_request_context():
        team = db.session.scalar(db.select(User).where(User.email == email))
        workflows = engine_of()
        first_shown = db.session.scalars(
            db.select(WorkflowInstance)
            .where(actionable_condition(workflows, team))
            .order_by(WorkflowInstance.deadline_at.asc().nulls_last(), WorkflowInstance.id)
        ).first()
        assert first_shown.assignee_id != team.id
        workflows.assign(first_shown.id, team, actor=team)
        name = team.display_name
    changed = client.get("/tasks").text
    assert changed.count(name) == page.count(name) + 1  # the first row, "Toegewezen aan"
