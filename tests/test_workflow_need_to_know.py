"""A workflow whose subject has its own access rule (a job seeker's file) is governed by that
rule on the generic pages too: panel, history, inbox and assignment."""

from core.extensions import db
from core.testing import post_form
from core.workflow.models import WorkflowInstance
from tests.factories import make_organisation
from tests.passendwerk_world import make_job_seeker, route_id


def _setup(app, make_user, enable_plugin):
    enable_plugin("passendwerk")
    referrer = make_organisation(app, "Buurtwerk Noord")
    other = make_organisation(app, "Buurtwerk Zuid")
    coach = make_user(roles={"partner"}, organisation=referrer, name="Coach Noord")
    person = make_job_seeker(app, coach, referrer.id)
    return coach, other, route_id(app, person)


def test_an_admin_without_a_role_in_the_file_cannot_open_its_route(
    app, client, make_user, login, enable_plugin
):
    _, _, instance_id = _setup(app, make_user, enable_plugin)
    login(client, make_user(roles={"admin"}))
    assert client.get(f"/workflows/instances/{instance_id}").status_code == 404
    assert client.get(f"/workflows/instances/{instance_id}/fire/start_intake").status_code == 404


def test_a_partner_of_another_organisation_is_not_offered_and_cannot_be_assigned(
    app, client, make_user, login, enable_plugin
):
    coach, other, instance_id = _setup(app, make_user, enable_plugin)
    outsider = make_user(roles={"partner"}, organisation=other, name="Partner Zuid")
    team = make_user(roles={"team"}, name="Teamlid")
    login(client, team)
    page = f"/workflows/instances/{instance_id}"
    panel = client.get(page).text
    assert "Coach Noord" in panel and "Partner Zuid" not in panel
    response = post_form(
        client, f"{page}/assign", {"assignee_id": outsider.id, "version": 1}, form_url=page
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(WorkflowInstance, instance_id).assignee_id == coach.id


def test_an_assignee_who_may_not_see_the_file_does_not_see_it_on_generic_pages(
    app, client, make_user, login, enable_plugin
):
    """Even if someone was made assignee before this rule (or the file moved organisation),
    being the assignee opens nothing: not the panel, not the inbox, not a transition."""
    _, other, instance_id = _setup(app, make_user, enable_plugin)
    outsider = make_user(roles={"partner"}, organisation=other, name="Partner Zuid")
    with app.app_context():
        instance = db.session.get(WorkflowInstance, instance_id)
        instance.assignee_id, instance.organisation_id = outsider.id, other.id
        db.session.commit()
    login(client, outsider)
    assert client.get(f"/workflows/instances/{instance_id}").status_code == 404
    assert f"/workflows/instances/{instance_id}" not in client.get("/tasks").text
    assert "Achterberg" not in client.get("/tasks").text


def test_the_coach_still_works_on_the_route(app, client, make_user, login, enable_plugin):
    coach, _, instance_id = _setup(app, make_user, enable_plugin)
    login(client, coach)
    assert client.get(f"/workflows/instances/{instance_id}").status_code == 200
    assert "Achterberg" in client.get("/tasks").text or str(instance_id) in client.get("/tasks").text


def test_the_overview_lists_only_the_files_one_may_see(app, make_user, login, enable_plugin):
    _, _, instance_id = _setup(app, make_user, enable_plugin)
    with app.app_context():
        state = db.session.get(WorkflowInstance, instance_id).state
    url = f"/admin/workflows/passendwerk.route/{state}"
    admin, team = app.test_client(), app.test_client()
    login(admin, make_user(roles={"admin"}))
    login(team, make_user(roles={"team"}))
    assert "/passendwerk/" in team.get(url).text and "geen dossiers" not in team.get(url).text
    assert "geen dossiers" in admin.get(url).text  # the count is there, the files are not
