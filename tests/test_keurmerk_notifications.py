# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Who is told on each step of a certification, what the mail says and where it leads
(issue 11: a report waits for the committee, the organisation hears of its decision, the
certificate's expiry is announced 60 days ahead)."""

from datetime import timedelta

from core.accounts.models import User
from core.extensions import db
from core.models import OutboxMessage
from core.notifications.models import Notification
from core.workflow import engine_of
from core.workflow.maintenance import tick
from core.workflow.models import WorkflowInstance
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.certification.rules import WORKFLOW
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    apply_as,
    certify,
    fire,
    framework_id,
    havensteder,
    judge,
    people,
    plan,
)


def newly_told(app, seen: set[int]) -> dict[str, str]:
    """{name: category} of the notifications made since the last call."""
    with app.app_context():
        rows = db.session.execute(
            db.select(Notification.id, User.display_name, Notification.category).join(
                User, User.id == Notification.user_id
            )
        ).all()
    fresh = {name: category for id_, name, category in rows if id_ not in seen}
    seen.update(id_ for id_, _name, _category in rows)
    return fresh


def test_each_step_tells_the_people_who_act_next(
    app, client, framework_id, havensteder, people, make_user, login
):
    partner = make_user(roles={"partner"}, organisation=havensteder, name="Petra Partner")
    stranger = make_user(roles={"partner"}, name="Stefan Elders")  # another organisation
    seen: set[int] = set()
    login(client, partner)
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    assert newly_told(app, seen) == {"Tamara Team": "action"}

    plan(app, certification_id, people, start=False)  # intake, self-assessment, audit planned
    assert newly_told(app, seen) == {
        "Petra Partner": "action",  # the intake: the self-assessment is theirs to fill in
        "Kees Auditor": "assignment",  # planned as lead auditor
    }

    fire(app, certification_id, "start_audit", people["auditor"])
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditor"])
    assert newly_told(app, seen) == {}  # the lead auditor works on; nobody else must act

    fire(app, certification_id, "submit_report", people["auditor"])
    assert newly_told(app, seen) == {"Marieke Commissie": "action", "Dubbele Rol": "action"}

    certify(app, certification_id, people["committee"])
    assert newly_told(app, seen) == {
        "Petra Partner": "action",  # the organisation hears it was granted
        "Tamara Team": "action",  # the team keeps the register and plans the next audit
    }
    with app.app_context():
        told_stranger = db.session.scalar(
            db.select(db.func.count()).where(Notification.user_id == stranger.id)
        )
    assert told_stranger == 0
    # The whole certification, in mails: each person once for each thing they must know.
    with app.app_context():
        mails = db.session.execute(
            db.select(User.display_name, OutboxMessage.subject)
            .join(User, User.email == OutboxMessage.recipient)
            .order_by(OutboxMessage.id)
        ).all()
    about = "Warm Rotterdam: Certificering Havensteder"
    assert [(name, subject.removeprefix(about)) for name, subject in mails] == [
        ("Tamara Team", " wacht op u: Aangevraagd. U kunt: Intake starten."),
        ("Petra Partner", " staat nu op: Intake."),
        ("Kees Auditor", " is aan u toegewezen (Certificering: Audit gepland)."),
        (
            "Dubbele Rol",
            " wacht op u: Besluit. U kunt: Keurmerk toekennen, Herstel vragen, Afwijzen.",
        ),
        (
            "Marieke Commissie",
            " wacht op u: Besluit. U kunt: Keurmerk toekennen, Herstel vragen, Afwijzen.",
        ),
        ("Petra Partner", " staat nu op: Gecertificeerd."),
        ("Tamara Team", " wacht op u: Gecertificeerd. U kunt: Toetsing plannen."),
    ]


def test_the_committee_mail_leads_to_the_certification_with_its_report(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, certification_id, "I1", app, narrative="Gezien in drie dossiers van mevrouw X.")
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    with app.app_context():
        mail = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == people["committee"].email)
        ).one()
    assert "wacht op u: Besluit" in mail.subject
    assert f"/keurmerk/certifications/{certification_id}\n" in mail.body
    assert "mevrouw X" not in mail.body  # the audit's notes stay on the page
    committee = app.test_client()
    login(committee, people["committee"])
    page = committee.get(f"/keurmerk/certifications/{certification_id}").text
    assert f"/keurmerk/certifications/{certification_id}/report" in page


def test_the_organisation_hears_half_a_year_and_three_months_before_the_certificate_expires(
    app, client, framework_id, havensteder, people, make_user, login
):
    partner = make_user(roles={"partner"}, organisation=havensteder, name="Petra Partner")
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    certify(app, certification_id, people["committee"])
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        instance = engine_of().instance_for(WORKFLOW, certification)
        deadline = db.session.get(WorkflowInstance, instance.id).deadline_at
    with app.test_request_context():
        assert tick(engine_of(), now=deadline - timedelta(days=184)).reminded == 0
        reminded = tick(engine_of(), now=deadline - timedelta(days=182)).reminded
        assert tick(engine_of(), now=deadline - timedelta(days=120)).reminded == 0
        again = tick(engine_of(), now=deadline - timedelta(days=90)).reminded
    assert reminded >= 2 and again >= 2
    with app.app_context():
        texts = db.session.scalars(
            db.select(Notification.text).where(
                Notification.user_id == partner.id, Notification.category == "deadline"
            )
        ).all()
    assert len(texts) == 2 and all("de termijn loopt af op" in t for t in texts)
