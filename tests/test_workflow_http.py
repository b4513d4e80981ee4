"""The generic workflow pages through the test client: panel, firing, 409, inbox, overview."""

import re

import pytest

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.workflow.models import WorkflowHistory
from tests.factories import QueryCounter, instance_state, make_organisation, start_review


@pytest.fixture(autouse=True)
def _sample_enabled(enable_plugin):
    enable_plugin("sample")


def panel_url(instance_id):
    return f"/workflows/instances/{instance_id}"


def fire(client, instance_id, trigger, **fields):
    page = client.get(panel_url(instance_id)).text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return post_form(
        client,
        f"{panel_url(instance_id)}/fire",
        {"trigger": trigger, "version": version, **fields},
        form_url=panel_url(instance_id),
    )


def test_panel_shows_state_actions_diagram_and_history(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    instance_id = start_review(app)
    page = client.get(panel_url(instance_id)).text
    assert "Stand: Concept" in page and "De aanvrager schrijft nog." in page
    assert 'value="submit"' in page  # the action button
    assert "<svg" in page and 'aria-current="step"' in page  # diagram, current state marked
    assert "Gestart in 'Concept'" in page


def test_firing_from_the_panel(app, client, make_user, login):
    login(client, make_user(roles={"team"}, name="Tessa Team"))
    instance_id = start_review(app)
    response = fire(client, instance_id, "submit", comment="Graag beoordelen")
    assert response.status_code == 303
    page = client.get(panel_url(instance_id)).text
    assert "Gelukt. Het dossier staat nu op &#39;Ingediend&#39;." in page
    assert "Concept → Ingediend" in page and "Tessa Team" in page and "Graag beoordelen" in page


def test_guard_reason_is_shown_on_a_disabled_action(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    instance_id = start_review(app, text="kort")
    page = client.get(panel_url(instance_id)).text
    assert re.search(
        r"<button type=\"button\" class=\"button\" disabled[^>]*>Indienen</button>", page
    )
    assert "Kan nu niet: De notitie moet minstens 10 tekens hebben" in page
    # firing anyway (a forged post) is refused with the reason and changes nothing
    response = post_form(
        client,
        f"{panel_url(instance_id)}/fire",
        {"trigger": "submit", "version": "1"},
        form_url=panel_url(instance_id),
    )
    assert response.status_code == 303
    assert "minstens 10 tekens" in client.get(panel_url(instance_id)).text
    assert instance_state(app, instance_id) == "draft"


def test_stale_form_gets_the_409_page_naming_who_changed_it(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    instance_id = start_review(app)
    other = app.test_client()
    login(other, make_user(roles={"team"}, name="Olga Ander"))
    stale = client.get(panel_url(instance_id)).text  # rendered at version 1
    assert fire(other, instance_id, "submit").status_code == 303
    response = post_form(
        client,
        f"{panel_url(instance_id)}/fire",
        {"trigger": "submit", "version": "1"},
        form_url=panel_url(instance_id),
    )
    assert response.status_code == 409
    assert (
        "Dit dossier is intussen gewijzigd door Olga Ander; bekijk de nieuwe stand."
        in response.text
    )
    assert f'href="{panel_url(instance_id)}"' in response.text
    assert 'value="1"' in stale
    with app.app_context():
        assert (
            db.session.scalar(db.select(db.func.count()).where(WorkflowHistory.trigger == "submit"))
            == 1
        )


def test_transition_with_a_form_has_its_own_page(app, client, make_user, login):
    team, auditor = make_user(roles={"team"}), make_user(roles={"auditor"})
    instance_id = start_review(app, assignee=auditor)
    team_client = app.test_client()
    login(team_client, team)
    fire(team_client, instance_id, "submit")
    fire(team_client, instance_id, "check")
    login(client, auditor)
    form_url = f"{panel_url(instance_id)}/fire/approve"
    assert f'href="{form_url}"' in client.get(panel_url(instance_id)).text
    assert "Cijfer (1 tot en met 10)" in client.get(form_url).text
    bad = post_form(
        client,
        f"{panel_url(instance_id)}/fire",
        {"trigger": "approve", "version": "3", "score": "12"},
        form_url=form_url,
    )
    assert bad.status_code == 400 and "Kies een cijfer van 1 tot en met 10." in bad.text
    assert instance_state(app, instance_id) == "checked"
    good = post_form(
        client,
        f"{panel_url(instance_id)}/fire",
        {"trigger": "approve", "version": "3", "score": "8"},
        form_url=form_url,
    )
    assert good.status_code == 303 and instance_state(app, instance_id) == "approved"


def test_form_page_of_a_forbidden_transition_says_why(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    instance_id = start_review(app)
    response = client.get(f"{panel_url(instance_id)}/fire/approve")
    assert response.status_code == 404  # not a step from 'Concept'


def test_partner_cannot_see_another_organisations_instance(app, client, make_user, login):
    own, other = make_organisation(app, "Buurtlab"), make_organisation(app, "Gaarkeuken")
    login(client, make_user(roles={"partner"}, organisation=own))
    mine, theirs = start_review(app, organisation=own), start_review(app, organisation=other)
    assert client.get(panel_url(mine)).status_code == 200
    assert client.get(panel_url(theirs)).status_code == 404
    response = post_form(
        client,
        f"{panel_url(theirs)}/fire",
        {"trigger": "submit", "version": "1"},
        form_url=panel_url(mine),
    )
    assert response.status_code == 404
    assert instance_state(app, theirs) == "draft"


def test_disabled_plugin_hides_its_instances(app, client, make_user, login, enable_plugin):
    login(client, make_user(roles={"team"}))
    instance_id = start_review(app)
    enable_plugin("sample", False)
    assert client.get(panel_url(instance_id)).status_code == 404
    assert "Notitie" not in client.get("/tasks").text


def test_inbox_lists_what_i_can_act_on_overdue_first(app, client, make_user, login):
    team = make_user(roles={"team"})
    login(client, team)
    draft = start_review(app)
    late = start_review(app)
    fire(client, late, "submit")
    from datetime import timedelta

    from core.timeutil import utcnow
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id == late)
            .values(deadline_at=utcnow() - timedelta(days=1))
        )
        db.session.commit()
    page = client.get("/tasks").text
    assert "te laat" in page
    rows = re.findall(r'href="/workflows/instances/(\d+)"', page)
    assert rows == [str(late), str(draft)]  # overdue first, no deadline last
    auditor_client = app.test_client()
    login(auditor_client, make_user(roles={"expert"}))
    assert "U heeft nu geen taken." in auditor_client.get("/tasks").text


def test_inbox_paginates(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    for _ in range(27):
        start_review(app)
    first = client.get("/tasks").text
    assert len(re.findall(r'href="/workflows/instances/\d+"', first)) == 25 and "Volgende" in first
    second = client.get("/tasks?page=2").text
    assert len(re.findall(r'href="/workflows/instances/\d+"', second)) == 2 and "Vorige" in second


def test_admin_overview_counts_states_and_time(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    for _ in range(3):
        start_review(app)
    fire(client, start_review(app), "submit")
    page = client.get("/admin/workflows").text
    assert "Voorbeeldbeoordeling" in page
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr><td>.*?</tr>", page, re.S)
        )
    }
    assert rows["Concept"] == ["3", "0", "0.0"] and rows["Ingediend"] == ["1", "0", "–"]


def test_a_count_leads_to_the_instances_behind_it(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    drafts = [start_review(app) for _ in range(3)]
    fire(client, drafts[0], "submit")
    page = client.get("/admin/workflows").text
    assert 'href="/admin/workflows/sample.review/draft"' in page
    listed = client.get("/admin/workflows/sample.review/draft").text
    assert [int(n) for n in re.findall(r"/workflows/instances/(\d+)", listed)] == drafts[1:]
    assert client.get("/admin/workflows/sample.review/nowhere").status_code == 404
    assert client.get("/admin/workflows/sample.nothing/draft").status_code == 404
    overdue = client.get("/admin/workflows/sample.review/submitted?overdue=1").text
    assert "/workflows/instances/" not in overdue and "geen dossiers" in overdue


def test_the_overview_is_linked_for_whoever_may_open_it(app, make_user, login):
    team, board, expert = (app.test_client() for _ in range(3))
    login(team, make_user(roles={"team"}))
    assert 'href="/admin/workflows"' in team.get("/admin/").text
    login(board, make_user(roles={"board"}))  # the board has no Beheer, but reads the figures
    assert 'href="/admin/workflows"' in board.get("/").text
    assert board.get("/admin/workflows").status_code == 200
    login(expert, make_user(roles={"expert"}))
    assert 'href="/admin/workflows"' not in expert.get("/").text
    assert expert.get("/admin/workflows").status_code == 403


def queries_for(app, client, url):
    """Statements for `url` right after a change (kept results worked out anew), and again."""
    with app.app_context():
        engine = db.engine
        db.session.execute(db.update(User).where(User.id == -1).values(display_name="x"))
        db.session.commit()  # a write: a new data generation
    counts = []
    for _view in range(2):
        with QueryCounter(engine) as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    return tuple(counts)


def test_inbox_and_panel_query_counts_do_not_grow_with_instances(app, client, make_user, login):
    team = make_user(roles={"team"})
    auditor = make_user(roles={"auditor"})
    login(client, team)
    ids = [start_review(app, assignee=auditor) for _ in range(3)]
    client.get("/tasks")  # a worker reads the enabled plugins once, not per request
    small_inbox = queries_for(app, client, "/tasks")
    small_panel = queries_for(app, client, panel_url(ids[0]))
    ids += [start_review(app, assignee=auditor) for _ in range(30)]
    for instance_id in ids[:5]:
        fire(client, instance_id, "submit")
    assert queries_for(app, client, "/tasks") == small_inbox
    # an instance in the same state as the first one measured (a state may read its subject)
    assert queries_for(app, client, panel_url(ids[-1])) == small_panel


def test_team_assigns_an_instance_and_it_shows_in_history_and_inbox(app, client, make_user, login):
    team = make_user(roles={"team"})
    auditor = make_user(roles={"auditor"}, name="Anna Auditor")
    make_user(roles={"board"}, name="Bert Bestuur")  # no acting role: not offered
    login(client, team)
    instance_id = start_review(app)
    page = client.get(panel_url(instance_id)).text
    assert "Anna Auditor" in page and "Bert Bestuur" not in page
    response = post_form(
        client,
        f"{panel_url(instance_id)}/assign",
        {"assignee_id": str(auditor.id), "version": "1"},
        form_url=panel_url(instance_id),
    )
    assert response.status_code == 303
    page = client.get(panel_url(instance_id)).text
    assert "Het dossier is toegewezen aan Anna Auditor." in page
    assert "Toegewezen aan Anna Auditor" in page
    result = app.test_cli_runner().invoke(args=["workflows", "verify"])
    assert result.exit_code == 0, result.output  # an assignment is not a state change


def test_only_assigners_may_assign(app, client, make_user, login):
    auditor = make_user(roles={"auditor"})
    login(client, auditor)
    instance_id = start_review(app)
    assert "Wie pakt dit op?" not in client.get(panel_url(instance_id)).text
    response = post_form(
        client,
        f"{panel_url(instance_id)}/assign",
        {"assignee_id": str(auditor.id), "version": "1"},
        form_url=panel_url(instance_id),
    )
    assert response.status_code == 403
    with app.app_context():
        from core.workflow.models import WorkflowInstance

        assert db.session.get(WorkflowInstance, instance_id).assignee_id is None


def test_someone_without_a_role_in_the_process_cannot_be_assigned(app, client, make_user, login):
    login(client, make_user(roles={"team"}))
    outsider = make_user(roles={"board"})
    instance_id = start_review(app)
    response = post_form(
        client,
        f"{panel_url(instance_id)}/assign",
        {"assignee_id": str(outsider.id), "version": "1"},
        form_url=panel_url(instance_id),
    )
    assert response.status_code == 303
    assert "Deze persoon heeft geen rol in dit proces." in client.get(panel_url(instance_id)).text


def test_inbox_spans_workflows_and_filters_per_workflow(app, client, make_user, login):
    from core.workflow import engine_of
    from tests.sample_plugin.models import SampleNote

    login(client, make_user(roles={"team"}))
    review = start_review(app)
    with app.app_context():
        note = SampleNote(text="lijstje")
        db.session.add(note)
        db.session.flush()
        checklist = engine_of().start("sample.checklist", note, title="Checklist").id
        db.session.commit()

    def listed(url):
        return [
            int(i) for i in re.findall(r'href="/workflows/instances/(\d+)"', client.get(url).text)
        ]

    assert listed("/tasks") == [checklist, review]  # the checklist has a deadline, so first
    assert listed("/tasks?workflow=sample.review") == [review]
    assert listed("/tasks?workflow=sample.checklist") == [checklist]
    assert listed("/tasks?workflow=nope") == [checklist, review]  # unknown filter: everything
    assert 'option value="sample.checklist"' in client.get("/tasks").text


def test_the_assignee_picker_is_kept_until_someone_gets_an_acting_role(
    app, client, make_user, login
):
    """The picker's people were asked on every view of a panel (found: the costliest query of
    the instance page); now once per change, and a new auditor is offered at once."""
    team = make_user(roles={"team"})
    make_user(roles={"auditor"}, name="Anna Auditor")
    login(client, team)
    url = panel_url(start_review(app))
    client.get(url)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        page = client.get(url).text
    assert "Anna Auditor" in page
    assert not any("FROM user_account" in s and "user_role" in s for s in counter.statements[1:])
    make_user(roles={"auditor"}, name="Ben Auditor")
    assert "Ben Auditor" in client.get(url).text


def test_the_history_answers_are_labelled_once_per_change(
    app, client, make_user, login, monkeypatch
):
    """Each step's form is built again to put its answers in words; that is done once per
    change of the data, and a new step's answers show at once."""
    import core.workflow.panel

    auditor = make_user(roles={"auditor"})
    login(client, auditor)
    instance_id = start_review(app, assignee=auditor)
    labelled = []
    original = core.workflow.panel.form_answers
    monkeypatch.setattr(
        core.workflow.panel,
        "form_answers",
        lambda *args: labelled.append(1) or original(*args),
    )
    team = app.test_client()
    login(team, make_user(roles={"team"}))
    for step in ("submit", "check"):
        assert fire(team, instance_id, step).status_code in (302, 303)
    labelled.clear()
    client.get(panel_url(instance_id))
    client.get(panel_url(instance_id))
    assert len(labelled) == 1  # kept for the second view
    with app.app_context():
        from werkzeug.datastructures import MultiDict

        from core.workflow import engine_of

        engine_of().fire(
            instance_id,
            "approve",
            actor=db.session.get(User, auditor.id),
            formdata=MultiDict({"score": "8"}),
        )
    page = client.get(panel_url(instance_id)).text
    assert "<dt>Cijfer (1 tot en met 10)</dt><dd>8</dd>" in page


def test_the_history_is_read_once_per_change_and_shows_a_step_at_once(
    app, client, make_user, login
):
    team = make_user(roles={"team"}, name="Tamara Team")
    login(client, team)
    instance_id = start_review(app)
    client.get(panel_url(instance_id))
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        before = client.get(panel_url(instance_id)).text
    assert not any("FROM workflow_history" in s for s in counter.statements)
    assert fire(client, instance_id, "submit").status_code in (302, 303)
    after = client.get(panel_url(instance_id)).text
    assert after.count("Tamara Team") == before.count("Tamara Team") + 1  # who submitted
