# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 11 §2: keurmerk work that is not a workflow step is a task, and the people who must
do it are told: findings to answer (the organisation), answers to review (the auditors),
consultation reactions waiting for the team's decision."""

from datetime import timedelta

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.testing import post_form
from core.timeutil import local_today
from plugins.keurmerk.certification.models import Finding
from plugins.keurmerk.frameworks.models import Norm, NormComment, Theme
from plugins.keurmerk.frameworks.rules import create_framework
from tests.factories import make_organisation
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    apply_as,
    fire,
    framework_id,
    havensteder,
    judge,
    people,
    plan,
)
from tests.test_keurmerk_framework import fire as fire_framework
from tests.test_keurmerk_notifications import newly_told

# The lead auditor and the expert by experience auditing with them (see `plan`).
AUDIT_TEAM = {"Kees Auditor": "action", "Esra Ervaring": "action"}


def tasks_of(app, user, login) -> str:
    client = app.test_client()
    login(client, user)
    return client.get("/tasks").text


def test_a_finding_is_the_organisations_task_then_the_auditors_and_each_is_told(
    app, client, framework_id, havensteder, people, make_user, login
):
    partner = make_user(roles={"partner"}, organisation=havensteder, name="Petra Partner")
    stranger = make_user(
        roles={"partner"}, organisation=make_organisation(app, "Buurtlab"), name="Bas Buurtlab"
    )
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    repair_by = local_today() + timedelta(days=60)
    judge(
        auditor,
        certification_id,
        "I1",
        app,
        verdict="fails",
        grade="major",
        corrective_action="Bel zelf bij de eerste gemiste betaling.",
        deadline=repair_by.isoformat(),
    )
    fire(app, certification_id, "to_report", people["auditor"])
    # While the auditors may still change the report, the finding is nobody's task yet.
    assert "Reageer op bevinding" not in tasks_of(app, partner, login)
    fire(app, certification_id, "submit_report", people["auditor"])
    with app.app_context():
        finding_id = db.session.scalar(db.select(Finding.id))
    anchor = f"/keurmerk/certifications/{certification_id}#bevinding-{finding_id}"
    page = f"/keurmerk/certifications/{certification_id}"

    inbox = tasks_of(app, partner, login)
    assert "Reageer op bevinding: I1" in inbox and anchor in inbox
    assert "Mijn taken" in inbox and "Reageer op bevinding" not in tasks_of(app, stranger, login)
    assert "Beoordeel de reactie" not in tasks_of(app, people["auditor"], login)
    seen: set[int] = set()
    newly_told(app, seen)  # what the report's arrival told is tested elsewhere

    organisation = app.test_client()
    login(organisation, partner)
    post_form(
        organisation,
        f"/keurmerk/findings/{finding_id}/respond",
        {"response": "We bellen nu op dag één."},
        form_url=page,
    )
    assert newly_told(app, seen) == AUDIT_TEAM
    assert "Reageer op bevinding" not in tasks_of(app, partner, login)
    inbox = tasks_of(app, people["auditor"], login)
    assert "Beoordeel de reactie op bevinding: I1 · Havensteder" in inbox
    assert anchor in inbox
    assert "Beoordeel de reactie" not in tasks_of(app, people["other_auditor"], login)

    post_form(
        auditor,
        f"/keurmerk/findings/{finding_id}/review",
        {"decision": "reject", "note": "Laat zien dat het in de dossiers gebeurt."},
        form_url=page,
    )
    assert newly_told(app, seen) == {"Petra Partner": "action"}
    assert "Reageer op bevinding: I1" in tasks_of(app, partner, login)  # sent back: theirs again
    assert "Beoordeel de reactie" not in tasks_of(app, people["auditor"], login)

    post_form(
        organisation,
        f"/keurmerk/findings/{finding_id}/respond",
        {"response": "Bijgevoegd: tien dossiers met een belnotitie op dag één."},
        form_url=page,
    )
    assert newly_told(app, seen) == AUDIT_TEAM
    post_form(
        auditor, f"/keurmerk/findings/{finding_id}/review", {"decision": "accept"}, form_url=page
    )
    assert newly_told(app, seen) == {"Petra Partner": "events"}
    assert "Reageer op bevinding" not in tasks_of(app, partner, login)
    with app.app_context():
        bodies = " ".join(m.body for m in db.session.scalars(db.select(OutboxMessage)))
    # Mails name the norm and the organisation; what was found stays on the page.
    assert "Bel zelf" not in bodies and "tien dossiers" not in bodies


def test_consultation_reactions_wait_for_the_team_as_one_task_per_norm(
    app, client, framework_id, people, make_user, login
):
    with app.app_context():
        framework = create_framework(
            "Versie in consultatie", db.session.get(User, people["team"].id)
        )
        framework.themes = [
            Theme(code="X", name="Proef", norms=[Norm(code="X1", title="t", text="t")])
        ]
        db.session.commit()
        new_framework, norm_id = framework.id, framework.themes[0].norms[0].id
    fire_framework(app, new_framework, "consult", people["team"])
    expert = app.test_client()
    login(expert, people["expert"])
    for body in ("Een sms werkt beter.", "Bel liever."):
        post_form(
            expert,
            f"/keurmerk/norms/{norm_id}/comments",
            {"body": body},
            form_url=f"/keurmerk/norms/{norm_id}",
        )
    inbox = tasks_of(app, people["team"], login)
    assert "Besluit over reacties op norm: X1 (2)" in inbox
    assert f"/keurmerk/norms/{norm_id}#reacties" in inbox
    assert "Besluit over reacties" not in tasks_of(app, people["expert"], login)
    team = app.test_client()
    login(team, people["team"])
    with app.app_context():
        comments = db.session.scalars(db.select(NormComment.id)).all()
    for comment_id in comments:
        post_form(
            team,
            f"/keurmerk/comments/{comment_id}/resolve",
            {"resolution": "adopted", "explanation": "Overgenomen in de tekst."},
        )
    assert "Besluit over reacties" not in tasks_of(app, people["team"], login)


def test_many_tasks_show_the_first_25_and_the_rest_on_pages_of_their_own(
    app, client, framework_id, people, login
):
    """Thirty certificates to recertify: "Mijn taken" shows the soonest 25 and a link to all;
    the list of all pages through them (found through the instances' unique index). No page
    builds tasks it does not show: the plugin is asked for one more than the page holds."""
    from plugins.keurmerk.tasks import tasks_for
    from tests.test_keurmerk_register import on_register

    for n in range(30):
        on_register(
            app,
            f"Corporatie {n:02d}",
            f"WR-RENEW{n:04d}",
            valid_until=local_today() + timedelta(days=100 + n),
        )
    login(client, people["team"])
    page = client.get("/tasks").text
    assert page.count("Start de hercertificering: ") == 25
    assert "Corporatie 00" in page and "Corporatie 29" not in page  # the soonest first
    assert "Er zijn meer taken: alle taken bekijken" in page
    every = client.get("/tasks/other").text
    assert every.count("Start de hercertificering: ") == 30
    assert "Wat het eerst af moet, staat bovenaan." in every and "Volgende" not in every
    assert "Geen taken op deze pagina." in client.get("/tasks/other?page=2").text
    with app.test_request_context():
        team = db.session.get(User, people["team"].id)
        soonest = tasks_for(team, 26)
        assert len(soonest) == 26 and soonest == tasks_for(team)[:26]
    home = client.get("/").text
    assert home.count("Start de hercertificering: ") == 5 and "Corporatie 00" in home
