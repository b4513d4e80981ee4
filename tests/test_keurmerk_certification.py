"""Keurmerk: certification of an organisation, from application to the public register."""

import re
from datetime import date, timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from core.workflow import engine_of
from core.workflow.errors import NotAllowed, WorkflowError
from plugins.keurmerk.certification.models import Certification, Finding
from plugins.keurmerk.certification.rules import WORKFLOW
from plugins.keurmerk.frameworks.models import Module, Norm, PilotAudit, Theme
from plugins.keurmerk.frameworks.rules import create_framework, instance_of
from tests.factories import make_organisation


@pytest.fixture(autouse=True)
def _keurmerk_enabled(enable_plugin):
    enable_plugin("keurmerk")


@pytest.fixture
def people(make_user):
    return {
        "team": make_user(roles={"team"}, name="Tamara Team"),
        "auditor": make_user(roles={"auditor"}, name="Kees Auditor"),
        "other_auditor": make_user(roles={"auditor"}, name="Olaf Auditor"),
        "expert": make_user(roles={"expert", "co_auditor"}, name="Esra Ervaring"),
        "committee": make_user(roles={"committee"}, name="Marieke Commissie"),
        "auditing_committee": make_user(roles={"committee", "auditor"}, name="Dubbele Rol"),
    }


@pytest.fixture
def framework_id(app, people):
    """A launched framework: module Warm Incasseren (I1 mandatory, I2 optional), Warm Werkgeverschap (W1)."""
    with app.app_context():
        team = db.session.get(User, people["team"].id)
        framework = create_framework("Keurmerk Warm Sociaal Incasseren", team)
        work = Theme(
            code="W",
            name="Werkgeverschap",
            position=0,
            norms=[Norm(code="W1", title="Geldzorgen bespreekbaar", text="...")],
        )
        collect = Theme(
            code="I",
            name="Eigen incassobeleid",
            position=1,
            norms=[
                Norm(code="I1", title="Vroeg contact", text="...", position=0),
                Norm(code="I2", title="Chat", text="...", position=1, mandatory=False),
            ],
        )
        framework.themes = [work, collect]
        framework.modules = [
            Module(name="Warm Incasseren", themes=[collect]),
            Module(name="Warm Werkgeverschap", themes=[work]),
        ]
        db.session.commit()
        pilots = [
            make_organisation(app, "Pilotorganisatie", "formal_body"),
            make_organisation(app, "Pilotincasso", "collection_agency"),
        ]
        instance_id = instance_of(framework).id
        engine = engine_of()
        for trigger in ("consult", "close_consultation", "start_pilot"):
            engine.fire(instance_id, trigger, actor=team)
        for organisation in pilots:
            db.session.add(
                PilotAudit(
                    framework_id=framework.id,
                    organisation_id=organisation.id,
                    held_on=local_today(),
                    completed=True,
                )
            )
        db.session.commit()
        engine.fire(instance_id, "finalise", actor=team)
        engine.fire(instance_id, "launch", actor=team)
        return framework.id


@pytest.fixture
def havensteder(app):
    return make_organisation(app, "Havensteder", "formal_body")


def apply_as(client, organisation, module_names, app):
    with app.app_context():
        ids = [
            str(i)
            for i in db.session.scalars(db.select(Module.id).where(Module.name.in_(module_names)))
        ]
    response = post_form(
        client,
        "/keurmerk/certifications/apply",
        {"organisation_id": str(organisation.id), "modules": ids},
    )
    assert response.status_code == 302, response.text
    return int(response.location.rsplit("/", 1)[1])


def fire(app, certification_id, trigger, user, **kwargs):
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        instance = engine_of().instance_for(WORKFLOW, certification)
        return (
            engine_of()
            .fire(instance.id, trigger, actor=db.session.get(User, user.id), **kwargs)
            .state
        )


def certify(app, certification_id, user, modules=None):
    """The committee grants `modules` (names; default: everything applied for)."""
    from werkzeug.datastructures import MultiDict

    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        ids = [str(m.id) for m in certification.modules if modules is None or m.name in modules]
    return fire(
        app, certification_id, "certify", user, formdata=MultiDict([("modules", i) for i in ids])
    )


def suspend(app, certification_id, user, reason):
    from werkzeug.datastructures import MultiDict

    return fire(app, certification_id, "suspend", user, formdata=MultiDict({"reason": reason}))


def surveil(app, certification_id, people, codes=("I1",), auditor="other_auditor"):
    """The team plans a surveillance of `codes` by `auditor` (a key of `people`)."""
    from werkzeug.datastructures import MultiDict

    with app.app_context():
        ids = db.session.scalars(db.select(Norm.id).where(Norm.code.in_(codes))).all()
    form = MultiDict(
        [
            ("audit_date", (local_today() + timedelta(days=14)).isoformat()),
            ("auditor_id", str(people[auditor].id) if auditor else ""),
        ]
        + [("norm_ids", str(i)) for i in ids]
    )
    return fire(app, certification_id, "surveil", people["team"], formdata=form)


def surveillance_id_of(app, certification_id) -> int:
    from plugins.keurmerk.certification.models import Surveillance

    with app.app_context():
        return db.session.scalar(
            db.select(db.func.max(Surveillance.id)).where(
                Surveillance.certification_id == certification_id
            )
        )


def judge_in_surveillance(client, surveillance_id, norm_code, app, **fields):
    with app.app_context():
        norm = db.session.scalar(db.select(Norm.id).where(Norm.code == norm_code))
    return post_form(
        client,
        f"/keurmerk/surveillances/{surveillance_id}/norms/{norm}",
        {"verdict": "meets", "narrative": "Steekproef van vijf dossiers: in orde.", **fields},
    )


def surveilled(app, certification_id, people, login, **fields):
    """A whole surveillance of I1 up to the committee's decision."""
    surveil(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["other_auditor"])
    response = judge_in_surveillance(
        auditor, surveillance_id_of(app, certification_id), "I1", app, **fields
    )
    assert response.status_code == 302, response.text
    return fire(app, certification_id, "surveillance_report", people["other_auditor"])


def self_assess(app, certification_id, people):
    from plugins.keurmerk.certification.rules import save_self_assessment

    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        answers = {n.id: f"Zo doen wij {n.code} in de praktijk." for n in certification.norms}
        save_self_assessment(certification, answers, db.session.get(User, people["team"].id))
        db.session.commit()


def plan(app, certification_id, people, start=True):
    from werkzeug.datastructures import MultiDict

    fire(app, certification_id, "start_intake", people["team"])
    self_assess(app, certification_id, people)
    fire(
        app,
        certification_id,
        "plan_audit",
        people["team"],
        formdata=MultiDict(
            {
                "audit_date": (local_today() + timedelta(days=7)).isoformat(),
                "lead_auditor_id": str(people["auditor"].id),
                "co_auditor_id": str(people["expert"].id),
            }
        ),
    )
    if start:
        fire(app, certification_id, "start_audit", people["auditor"])


def test_planning_and_starting_the_audit_assign_the_lead_auditor_through_the_engine(
    app, client, framework_id, havensteder, people, login
):
    from core.workflow.maintenance import verify
    from core.workflow.models import WorkflowHistory, WorkflowInstance

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    with app.app_context():
        instance = db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == "keurmerk.certification",
                WorkflowInstance.subject_id == certification_id,
            )
        )
        rows = db.session.scalars(
            db.select(WorkflowHistory)
            .where(WorkflowHistory.instance_id == instance.id)
            .order_by(WorkflowHistory.id)
        ).all()
        assert instance.assignee_id == people["auditor"].id
        assert instance.version == len(rows)
        assigned = [r for r in rows if r.trigger == "@assign"]
        assert len(assigned) == 1 and assigned[0].data["assignee"] == people["auditor"].display_name
        assert verify(engine_of()) == []


def test_an_audit_starts_with_another_auditor_when_the_planned_lead_left(
    app, client, framework_id, havensteder, people, login, make_user
):
    from core.workflow.models import WorkflowInstance

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people, start=False)
    other = make_user(roles={"auditor"}, name="Andere Auditor")
    with app.app_context():
        db.session.get(User, people["auditor"].id).active = False  # the lead left
        db.session.commit()
        instance = db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == WORKFLOW,
                WorkflowInstance.subject_id == certification_id,
            )
        )
        engine_of().assign(
            instance.id,
            db.session.get(User, other.id),
            actor=db.session.get(User, people["team"].id),
        )
    fire(app, certification_id, "start_audit", other)
    with app.app_context():
        instance = db.session.get(WorkflowInstance, instance.id)
        assert instance.state == "audit" and instance.assignee_id == other.id


def test_the_migration_records_assignments_made_before_the_engine_did(
    app, client, framework_id, havensteder, people, login
):
    """Certifications planned before this release had their lead auditor set past the engine;
    the keurmerk migration 9cafcd4ada53 writes the missing history, so verify passes."""
    import importlib.util
    from pathlib import Path

    from core.workflow.maintenance import verify
    from core.workflow.models import WorkflowHistory, WorkflowInstance

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    fire(app, certification_id, "start_intake", people["team"])
    with app.app_context():
        instance = db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == WORKFLOW,
                WorkflowInstance.subject_id == certification_id,
            )
        )
        instance.assignee_id = people["auditor"].id  # what the old listener did
        db.session.commit()
        assert "without a history row" in " ".join(verify(engine_of()))

        [path] = Path("plugins/keurmerk/migrations").glob("*_9cafcd4ada53_*.py")
        spec = importlib.util.spec_from_file_location("migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        assert migration.record_missing_assignments(db.session.connection()) == 1
        db.session.commit()
        assert verify(engine_of()) == []
        row = db.session.scalars(
            db.select(WorkflowHistory)
            .where(WorkflowHistory.instance_id == instance.id)
            .order_by(WorkflowHistory.id.desc())
        ).first()
        assert row.trigger == "@assign"
        assert row.data == {"assignee": people["auditor"].display_name, "reconstructed": True}
        assert migration.record_missing_assignments(db.session.connection()) == 0  # idempotent


def judge(client, certification_id, norm_code, app, **fields):
    with app.app_context():
        norm = db.session.scalar(db.select(Norm.id).join(Theme).where(Norm.code == norm_code))
    url = f"/keurmerk/certifications/{certification_id}/audit/{norm}"
    return post_form(
        client, url, {"verdict": "meets", "narrative": "Gezien in drie dossiers.", **fields}
    )


def reported(app, client, organisation, people, login, **judgement):
    """Applied for, self-assessed, I1 judged by the auditor, report sent: now at the committee."""
    if client.get("/login").status_code == 200:  # not logged in yet
        login(client, people["team"])
    certification_id = apply_as(client, organisation, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, certification_id, "I1", app, **judgement)
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    return certification_id


def test_partner_applies_for_a_module_pinned_to_the_launched_framework(
    app, client, framework_id, havensteder, make_user, login
):
    login(client, make_user(roles={"partner"}, organisation=havensteder))
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        assert certification.framework_id == framework_id
        assert [n.code for n in certification.norms] == ["I1", "I2"]  # only the module's themes
        assert instance_of(certification.framework).state == "gelanceerd"
        instance = engine_of().instance_for(WORKFLOW, certification)
        assert (instance.state, instance.organisation_id) == ("aangevraagd", havensteder.id)


def test_partner_of_another_organisation_sees_nothing(
    app, client, framework_id, havensteder, make_user, login
):
    login(client, make_user(roles={"team"}))
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab")))
    assert stranger.get(f"/keurmerk/certifications/{certification_id}").status_code == 404
    assert "Havensteder" not in stranger.get("/keurmerk/certifications/").text
    # and cannot apply for Havensteder either
    response = post_form(
        stranger,
        "/keurmerk/certifications/apply",
        {"organisation_id": str(havensteder.id), "modules": ["1"]},
    )
    assert response.status_code == 400


def test_unassigned_auditor_cannot_open_or_judge(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    other = app.test_client()
    login(other, people["other_auditor"])
    assert other.get(f"/keurmerk/certifications/{certification_id}").status_code == 404
    assert judge(other, certification_id, "I1", app).status_code == 404


def test_audit_norm_by_norm_then_report_decision_and_register(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    page = auditor.get(f"/keurmerk/certifications/{certification_id}").text
    assert "0 van 2 normen beoordeeld" in page
    # the audit cannot go to report while a mandatory norm is unjudged
    with pytest.raises(WorkflowError, match="Nog niet beoordeeld: I1"):
        fire(app, certification_id, "to_report", people["auditor"])
    # "voldoet niet" without the finding's details is refused and saves nothing
    bad = judge(auditor, certification_id, "I1", app, verdict="fails")
    assert bad.status_code == 400 and "Kies de zwaarte van de bevinding." in bad.text
    assert "0 van 2" in auditor.get(f"/keurmerk/certifications/{certification_id}").text
    deadline = (local_today() + timedelta(days=60)).isoformat()
    assert (
        judge(
            auditor,
            certification_id,
            "I1",
            app,
            verdict="fails",
            grade="minor",
            corrective_action="Bel binnen een week.",
            deadline=deadline,
        ).status_code
        == 302
    )
    assert (
        "1 van 2 normen beoordeeld"
        in auditor.get(f"/keurmerk/certifications/{certification_id}").text
    )
    assert (
        fire(app, certification_id, "to_report", people["auditor"]) == "rapport"
    )  # I2 is optional
    assert fire(app, certification_id, "submit_report", people["auditor"]) == "besluit"
    report = auditor.get(f"/keurmerk/certifications/{certification_id}/report").text
    assert "Voldoet niet." in report and "Bel binnen een week." in report

    assert certify(app, certification_id, people["committee"]) == "gecertificeerd"
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        number = certification.certificate_number
        assert re.fullmatch(r"WR-[A-HJ-NP-Z2-9]{10}", number)
        assert certification.decided_by_id == people["committee"].id
        assert (certification.valid_until - certification.valid_from).days in (730, 731)
    public = app.test_client()  # no login
    register = public.get("/keurmerk/register").text
    assert "Havensteder" in register and number in register and "geldig" in register
    assert (
        "Bel binnen een week" not in register and "Kees Auditor" not in register
    )  # only public fields
    verify = public.get(f"/keurmerk/register/{number}")
    assert verify.status_code == 200 and "dit certificaat is <strong>geldig</strong>" in verify.text
    assert public.get("/keurmerk/register/WR-DOESNOTEXIST").status_code == 404


def test_four_eyes_a_committee_member_on_the_audit_team_cannot_decide(
    app, client, framework_id, havensteder, people, login
):
    from werkzeug.datastructures import MultiDict

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    fire(app, certification_id, "start_intake", people["team"])
    self_assess(app, certification_id, people)
    fire(
        app,
        certification_id,
        "plan_audit",
        people["team"],
        formdata=MultiDict(
            {
                "audit_date": local_today().isoformat(),
                "lead_auditor_id": str(people["auditing_committee"].id),
                "co_auditor_id": "0",
            }
        ),
    )
    fire(app, certification_id, "start_audit", people["auditing_committee"])
    both = app.test_client()
    login(both, people["auditing_committee"])
    judge(both, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditing_committee"])
    fire(app, certification_id, "submit_report", people["auditing_committee"])
    with pytest.raises(WorkflowError, match="Iemand anders van de commissie moet besluiten"):
        certify(app, certification_id, people["auditing_committee"])
    assert certify(app, certification_id, people["committee"]) == "gecertificeerd"


def test_open_major_finding_blocks_certification_and_rejection_needs_a_reason(
    app, client, framework_id, havensteder, people, login
):
    certification_id = reported(
        app,
        client,
        havensteder,
        people,
        login,
        verdict="fails",
        grade="major",
        corrective_action="Stop met het stapelen van kosten.",
        deadline=local_today().isoformat(),
    )
    with pytest.raises(WorkflowError, match=r"zware bevindingen open \(I1\)"):
        certify(app, certification_id, people["committee"])
    with pytest.raises(WorkflowError, match="Schrijf op waarom"):
        fire(app, certification_id, "reject", people["committee"])
    assert (
        fire(
            app,
            certification_id,
            "require_repair",
            people["committee"],
            comment="Herstel binnen zes maanden.",
        )
        == "herstel"
    )


def test_second_rejection_blocks_a_new_intake_for_a_year(
    app, client, framework_id, havensteder, people, login
):
    for _ in range(2):
        certification_id = reported(app, client, havensteder, people, login)
        fire(
            app,
            certification_id,
            "reject",
            people["committee"],
            comment="Voldoet niet in de praktijk.",
        )
    third = apply_as(client, havensteder, ["Warm Incasseren"], app)
    allowed = (local_today() + timedelta(days=365)).strftime("%d-%m-%Y")
    with pytest.raises(WorkflowError, match=f"kan pas vanaf {allowed}"):
        fire(app, third, "start_intake", people["team"])


def test_objection_is_decided_by_someone_outside_audit_and_committee(
    app, client, framework_id, havensteder, people, make_user, login
):
    certification_id = reported(app, client, havensteder, people, login)
    fire(app, certification_id, "reject", people["committee"], comment="Te weinig bewijs.")
    partner = make_user(roles={"partner"}, organisation=havensteder)
    assert (
        fire(app, certification_id, "object", partner, comment="De dossiers waren geanonimiseerd.")
        == "bezwaar"
    )
    team_auditor = make_user(roles={"team", "auditor"})
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        certification.co_auditor_id = team_auditor.id
        db.session.commit()
    with pytest.raises(WorkflowError, match="niet bij de audit of het besluit betrokken"):
        fire(app, certification_id, "uphold_objection", team_auditor, comment="Gegrond.")
    assert (
        fire(app, certification_id, "uphold_objection", people["team"], comment="Gegrond.")
        == "besluit"
    )


def test_suspension_and_withdrawal_show_in_the_register(
    app, client, framework_id, havensteder, people, login
):
    certification_id = reported(app, client, havensteder, people, login)
    certify(app, certification_id, people["committee"])
    suspend(app, certification_id, people["committee"], "Klachten over dreigende brieven.")
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    assert (
        "dit certificaat is <strong>geschorst</strong>"
        in app.test_client().get(f"/keurmerk/register/{number}").text
    )
    fire(app, certification_id, "withdraw", people["committee"], comment="Niet hersteld.")
    assert (
        "<strong>ingetrokken</strong>" in app.test_client().get(f"/keurmerk/register/{number}").text
    )


def test_only_the_audit_team_judges_and_only_during_the_audit(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    assert judge(client, certification_id, "I1", app).status_code == 403  # team, and not in audit
    with pytest.raises(NotAllowed):
        fire(app, certification_id, "start_intake", people["auditor"])
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Finding.id))) == 0


def test_organisation_responds_to_a_major_finding_and_the_auditor_closes_it(
    app, client, framework_id, havensteder, people, make_user, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(
        auditor,
        certification_id,
        "I1",
        app,
        verdict="fails",
        grade="major",
        corrective_action="Bel zelf bij de eerste gemiste betaling.",
        deadline=local_today().isoformat(),
    )
    for trigger in ("to_report", "submit_report"):
        fire(app, certification_id, trigger, people["auditor"])
    with app.app_context():
        finding_id = db.session.scalar(db.select(Finding.id))
    page_url = f"/keurmerk/certifications/{certification_id}"

    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=havensteder))
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab")))
    assert (
        post_form(
            stranger,
            f"/keurmerk/findings/{finding_id}/respond",
            {"response": "x"},
            form_url="/keurmerk/certifications/",
        ).status_code
        == 404
    )
    assert (
        post_form(
            partner, f"/keurmerk/findings/{finding_id}/respond", {"response": ""}, form_url=page_url
        ).status_code
        == 303
    )
    assert "Beschrijf wat u heeft verbeterd." in partner.get(page_url).text
    post_form(
        partner,
        f"/keurmerk/findings/{finding_id}/respond",
        {"response": "We bellen nu op dag één."},
        form_url=page_url,
    )
    # the auditor sends it back with a reason; a reason is required
    bad = post_form(
        auditor,
        f"/keurmerk/findings/{finding_id}/review",
        {"decision": "reject", "note": ""},
        form_url=page_url,
    )
    assert bad.status_code == 303 and "Leg uit wat er nog nodig is." in auditor.get(page_url).text
    post_form(
        auditor,
        f"/keurmerk/findings/{finding_id}/review",
        {"decision": "reject", "note": "Laat zien dat het in de dossiers gebeurt."},
        form_url=page_url,
    )
    with pytest.raises(WorkflowError, match="zware bevindingen open"):
        certify(app, certification_id, people["committee"])
    post_form(
        partner,
        f"/keurmerk/findings/{finding_id}/respond",
        {"response": "Bijgevoegd: tien dossiers met een belnotitie op dag één."},
        form_url=page_url,
    )
    assert (
        post_form(
            app.test_client(),
            f"/keurmerk/findings/{finding_id}/review",
            {"decision": "accept"},
            form_url="/login",
        ).status_code
        == 302
    )  # not logged in: to login
    post_form(
        auditor,
        f"/keurmerk/findings/{finding_id}/review",
        {"decision": "accept", "note": ""},
        form_url=page_url,
    )
    with app.app_context():
        assert db.session.get(Finding, finding_id).closed
    assert certify(app, certification_id, people["committee"]) == "gecertificeerd"


# ------------------------------------------------------------------ evidence files


def _docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def audited(app, client, framework_id, havensteder, people, login):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    return certification_id


def upload(client, certification_id, name, content, norm_id=""):
    import io

    page = f"/keurmerk/certifications/{certification_id}"
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text).group(1)
    return client.post(
        f"{page}/evidence",
        data={"csrf_token": token, "norm_id": norm_id, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("beleid.pdf", b"Dit is gewoon tekst met een PDF-naam", "geen echt PDF-bestand"),
        ("foto.png", b"\xff\xd8\xff\xe0 JPEG in disguise", "geen echt afbeelding-bestand"),
        ("brief.docx", b"PK\x03\x04 not really a zip", "geen echt Word-bestand"),
        ("leeg.pdf", b"", "Het bestand is leeg."),
    ],
)
def test_evidence_that_is_not_what_it_claims_is_refused(
    app, client, audited, name, content, message
):
    from plugins.keurmerk.certification.evidence import Evidence

    response = upload(client, audited, name, content)
    assert response.status_code == 303
    assert message in client.get(f"/keurmerk/certifications/{audited}").text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Evidence.id))) == 0


def test_too_large_evidence_is_refused(app, client, audited):
    from plugins.keurmerk.certification.evidence import MAX_BYTES, Evidence

    upload(client, audited, "groot.pdf", b"%PDF-1.7\n" + b"0" * MAX_BYTES)
    assert "groter dan 10 MB" in client.get(f"/keurmerk/certifications/{audited}").text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Evidence.id))) == 0


def test_evidence_is_stored_safely_and_downloadable_only_by_those_allowed(
    app, client, audited, people, havensteder, make_user, login
):
    from pathlib import Path

    from core.file_storage import read_file
    from plugins.keurmerk.certification.evidence import Evidence

    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"
    assert upload(client, audited, "../../etc/Beleid schulden.pdf", pdf).status_code == 303
    assert upload(client, audited, "werkinstructie.docx", _docx()).status_code == 303
    with app.app_context():
        stored = db.session.scalars(db.select(Evidence).order_by(Evidence.id)).all()
        assert [e.filename for e in stored] == ["etc_Beleid_schulden.pdf", "werkinstructie.docx"]
        assert read_file("keurmerk", stored[0].stored_name) == pdf
        # kept outside the web root, under its random key (the default, local storage)
        assert (Path(app.instance_path) / "uploads" / "keurmerk" / stored[0].stored_name).exists()
        assert stored[0].stored_name not in stored[0].filename
        evidence_id = stored[0].id
    own_partner = app.test_client()
    login(own_partner, make_user(roles={"partner"}, organisation=havensteder))
    response = own_partner.get(f"/keurmerk/evidence/{evidence_id}")
    assert response.status_code == 200 and response.data == pdf
    # a PDF opens in the browser (tests/test_keurmerk_documents.py); saved when asked
    assert "inline" in response.headers["Content-Disposition"]
    saved = own_partner.get(f"/keurmerk/evidence/{evidence_id}?download=1")
    assert "attachment" in saved.headers["Content-Disposition"]
    for outsider in (
        make_user(roles={"partner"}, organisation=make_organisation(app, "Gaarkeuken")),
        people["other_auditor"],
        make_user(roles={"expert"}),
    ):
        other = app.test_client()
        login(other, outsider)
        assert other.get(f"/keurmerk/evidence/{evidence_id}").status_code == 404
    assert app.test_client().get(f"/keurmerk/evidence/{evidence_id}").status_code == 302  # to login


# ------------------------------------------------------------------ dashboard and exports


def _certified(app, client, organisation, people, login):
    """Certified, with one open minor finding on I1."""
    certification_id = reported(
        app,
        client,
        organisation,
        people,
        login,
        verdict="fails",
        grade="minor",
        corrective_action="Bel binnen een week.",
        deadline=local_today().isoformat(),
    )
    certify(app, certification_id, people["committee"])
    return certification_id


def test_register_csv_has_only_public_fields_and_is_formula_safe(
    app, client, framework_id, people, login
):
    tricky = make_organisation(app, '=HYPERLINK("http://evil")', "formal_body")
    _certified(app, client, tricky, people, login)
    response = app.test_client().get("/keurmerk/register.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufefforganisatie;modules;status")
    assert "'=HYPERLINK" in text and "geldig" in text
    assert "Bel binnen een week" not in text and "Kees Auditor" not in text


def test_findings_csv_is_scoped(app, client, framework_id, havensteder, people, make_user, login):
    _certified(app, client, havensteder, people, login)
    team = client.get("/keurmerk/findings.csv").get_data(as_text=True)
    assert "Havensteder;I1;Licht (minor)" in team and "Bel binnen een week." in team
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab")))
    assert "Havensteder" not in stranger.get("/keurmerk/findings.csv").get_data(as_text=True)


def test_dashboard_widget_counts_and_warns(app, client, framework_id, havensteder, people, login):
    from plugins.keurmerk.dashboard import certification_overview

    certification_id = _certified(app, client, havensteder, people, login)
    page = client.get("/").text
    assert "Certificeringen" in page and "Gecertificeerd: 1" in page
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        almost_a_year = certification.valid_from + timedelta(days=330)
        near_the_end = certification.valid_until - timedelta(days=30)
        assert [c.id for c, _when in certification_overview(almost_a_year)["surveillance"]] == [
            certification_id
        ]
        assert certification_overview(certification.valid_from)["surveillance"] == []
        assert [c.id for c in certification_overview(near_the_end)["expiring"]] == [
            certification_id
        ]


def test_next_surveillance_is_on_the_anniversary():
    from plugins.keurmerk.dashboard import next_anniversary

    assert next_anniversary(date(2026, 3, 1), date(2026, 3, 1)) == date(2027, 3, 1)
    assert next_anniversary(date(2026, 3, 1), date(2027, 3, 2)) == date(2028, 3, 1)
    assert next_anniversary(date(2024, 2, 29), date(2024, 6, 1)) == date(2025, 2, 28)


def test_organisation_fills_in_its_self_assessment_during_the_intake(
    app, client, framework_id, havensteder, people, make_user, login
):
    from werkzeug.datastructures import MultiDict

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    fire(app, certification_id, "start_intake", people["team"])
    with app.app_context():
        i1, i2 = [n.id for n in db.session.get(Certification, certification_id).norms]
    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=havensteder))
    url = f"/keurmerk/certifications/{certification_id}/self-assessment"
    assert "0 van 1" in partner.get(url).text  # I2 is optional
    too_long = post_form(partner, url, {f"answer-{i1}": "x" * 4001})
    assert too_long.status_code == 400 and "langer dan 4000 tekens" in too_long.text
    planning = MultiDict(
        {
            "audit_date": local_today().isoformat(),
            "lead_auditor_id": str(people["auditor"].id),
            "co_auditor_id": "0",
        }
    )
    with pytest.raises(WorkflowError, match="0 van 1 verplichte normen ingevuld"):
        fire(app, certification_id, "plan_audit", people["team"], formdata=planning)
    assert (
        post_form(
            partner, url, {f"answer-{i1}": "Wij bellen op dag één.", f"answer-{i2}": ""}
        ).status_code
        == 303
    )
    assert "1 van 1" in partner.get(url).text
    assert (
        fire(app, certification_id, "plan_audit", people["team"], formdata=planning)
        == "audit_gepland"
    )
    # after the intake the answers are read-only, and the auditor reads them while judging
    assert (
        post_form(
            partner,
            url,
            {f"answer-{i1}": "Later gewijzigd."},
            form_url=f"/keurmerk/certifications/{certification_id}",
        ).status_code
        == 403
    )
    fire(app, certification_id, "start_audit", people["auditor"])
    auditor = app.test_client()
    login(auditor, people["auditor"])
    assert (
        "Wij bellen op dag één."
        in auditor.get(f"/keurmerk/certifications/{certification_id}/audit/{i1}").text
    )


def test_every_remaining_transition_of_the_certification(
    app, client, framework_id, havensteder, people, login
):
    """Repair and re-audit, the repair deadline, a dismissed objection, surveillance, lifting a suspension."""
    certification_id = _certified(app, client, havensteder, people, login)
    assert surveilled(app, certification_id, people, login) == "toetsing_besluit"
    assert fire(app, certification_id, "pass_surveillance", people["committee"]) == "gecertificeerd"
    suspend(app, certification_id, people["committee"], "Klachten.")
    assert fire(app, certification_id, "lift", people["committee"]) == "gecertificeerd"

    second = make_organisation(app, "Faircasso", "collection_agency")
    repair_id = apply_as(client, second, ["Warm Incasseren"], app)
    plan(app, repair_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, repair_id, "I1", app)
    fire(app, repair_id, "to_report", people["auditor"])
    fire(app, repair_id, "submit_report", people["auditor"])
    fire(app, repair_id, "require_repair", people["committee"], comment="Herstel de brieven.")
    assert fire(app, repair_id, "reaudit", people["team"]) == "audit_gepland"
    fire(app, repair_id, "start_audit", people["auditor"])
    fire(app, repair_id, "to_report", people["auditor"])
    fire(app, repair_id, "submit_report", people["auditor"])
    fire(app, repair_id, "require_repair", people["committee"], comment="Nog niet goed.")
    from core.timeutil import utcnow
    from core.workflow.maintenance import tick
    from core.workflow.models import WorkflowInstance

    with app.app_context():
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.state == "herstel")
            .values(deadline_at=utcnow() - timedelta(days=1))
        )
        db.session.commit()
        tick(engine_of())
        assert (
            engine_of().instance_for(WORKFLOW, db.session.get(Certification, repair_id)).state
            == "afgewezen"
        )
    fire(app, repair_id, "object", people["team"], comment="Bezwaar namens de organisatie.")
    assert (
        fire(app, repair_id, "dismiss_objection", people["team"], comment="Termijn was duidelijk.")
        == "afgewezen"
    )


def test_committee_grants_some_of_the_modules_applied_for(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(
        client, havensteder, ["Warm Incasseren", "Warm Werkgeverschap"], app
    )
    before = client.get(f"/keurmerk/certifications/{certification_id}").text
    assert "Toegekende modules" not in before
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    for code in ("W1", "I1"):
        judge(auditor, certification_id, code, app)
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    from core.workflow.errors import InvalidForm

    with pytest.raises(InvalidForm) as refused:
        certify(app, certification_id, people["committee"], modules=[])
    assert refused.value.form.modules.errors == ["Kies minstens één module om toe te kennen."]
    committee = app.test_client()
    login(committee, people["committee"])
    form_page = committee.get(
        f"/workflows/instances/{_instance_id(app, certification_id)}/fire/certify"
    ).text
    assert (
        "Warm Incasseren" in form_page
        and "Warm Werkgeverschap" in form_page
        and "checked" in form_page
    )
    assert (
        certify(app, certification_id, people["committee"], modules=["Warm Werkgeverschap"])
        == "gecertificeerd"
    )
    register = app.test_client().get("/keurmerk/register").text
    assert "Warm Werkgeverschap" in register and "Warm Incasseren" not in register
    # The page's audit scope (kept per change of the data) shows the grant at once.
    page = client.get(f"/keurmerk/certifications/{certification_id}").text
    assert "<dd>Warm Incasseren, Warm Werkgeverschap</dd>" in page
    assert "Toegekende modules</dt><dd>Warm Werkgeverschap</dd>" in page


def _instance_id(app, certification_id):
    with app.app_context():
        return (
            engine_of().instance_for(WORKFLOW, db.session.get(Certification, certification_id)).id
        )


def test_only_qualified_people_can_be_picked_as_co_auditor(
    app, client, framework_id, havensteder, people, make_user, login
):
    """Issue 12 §2: the qualification comes from a hook, so another plugin (a register of
    experts by experience) can supply it; keurmerk's own co-auditor role answers too."""
    from werkzeug.datastructures import MultiDict

    from core.api import hookimpl
    from core.plugin_host import plugin_host

    untrained = make_user(roles={"expert"}, name="Uma Ongeschoold")
    trained_elsewhere = make_user(roles={"expert"}, name="Tom Getraind")

    class ExpertsRegister:
        @hookimpl
        def warmrotterdam_qualified_people(self, qualification):
            if qualification != "keurmerk.co_auditor":
                return []
            return [db.session.get(User, trained_elsewhere.id)]

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    fire(app, certification_id, "start_intake", people["team"])
    self_assess(app, certification_id, people)

    def planning(co_auditor):
        return MultiDict(
            {
                "audit_date": local_today().isoformat(),
                "lead_auditor_id": str(people["auditor"].id),
                "co_auditor_id": str(co_auditor.id),
            }
        )

    register = ExpertsRegister()
    with app.app_context():
        manager = plugin_host().manager
    manager.register(register)
    try:
        form_page = client.get(
            f"/workflows/instances/{instance_id(app, certification_id)}/fire/plan_audit"
        ).text
        assert "Esra Ervaring" in form_page and "Tom Getraind" in form_page
        assert "Uma Ongeschoold" not in form_page
        with pytest.raises(WorkflowError):
            fire(app, certification_id, "plan_audit", people["team"], formdata=planning(untrained))
        assert state_of(app, certification_id) == "intake"  # refused: nothing changed
        assert (
            fire(
                app,
                certification_id,
                "plan_audit",
                people["team"],
                formdata=planning(trained_elsewhere),
            )
            == "audit_gepland"
        )
    finally:
        manager.unregister(register)


def instance_id(app, certification_id):
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        return engine_of().instance_for(WORKFLOW, certification).id


def state_of(app, certification_id):
    with app.app_context():
        certification = db.session.get(Certification, certification_id)
        return engine_of().instance_for(WORKFLOW, certification).state


def test_the_dashboard_widget_lists_are_bounded_and_come_in_the_order_of_their_dates(
    app, framework_id, people
):
    """Fourteen certificates, anniversaries on both sides of New Year: the widget shows the
    first ten of each list in date order, counts the rest, and takes as many queries for
    fourteen as for three."""
    from core.workflow.models import WorkflowInstance
    from plugins.keurmerk.dashboard import SHOWN, certification_overview
    from tests.factories import QueryCounter

    today = date(2026, 12, 1)
    organisations = [make_organisation(app, f"Corporatie {n:02d}") for n in range(14)]
    with app.app_context():
        made = []
        for n, organisation in enumerate(organisations):
            start = date(2025, 12, 5) + timedelta(days=6 * n)  # 5 Dec 2025 .. 22 Mar 2026
            certification = Certification(
                organisation_id=organisation.id,
                framework_id=framework_id,
                certificate_number=f"WR-TEST-{n:02d}",
                valid_from=start,
                valid_until=date(2027, 2, 22),  # all expire soon, after their anniversary
            )
            db.session.add(certification)
            db.session.flush()
            engine_of().start(WORKFLOW, certification, title=organisation.name, actor=None)
            made.append(certification.id)
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.workflow_key == WORKFLOW)
            .values(state="gecertificeerd")
        )
        db.session.commit()

        def queries(f):
            with QueryCounter(db.engine) as counter:
                return f(), counter.count

        overview, many = queries(lambda: certification_overview(today))
        whens = [when for _c, when in overview["surveillance"]]
        assert len(whens) == SHOWN and whens == sorted(whens)
        assert whens[0] == date(2026, 12, 5) and whens[-1].year == 2027  # across New Year
        assert all(when <= today + timedelta(days=90) for when in whens)
        assert [c.id for c in overview["expiring"]] == made[:SHOWN]
        assert overview["expiring_total"] == 14
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.subject_id.in_(made[3:]))
            .values(state="ingetrokken")
        )
        db.session.commit()
        overview, few = queries(lambda: certification_overview(today))
        assert overview["expiring_total"] == 3 and len(overview["surveillance"]) == 3
        assert few == many


def test_the_certification_page_costs_the_same_queries_with_more_findings_and_checks(
    app, client, framework_id, havensteder, people, login
):
    """Findings, surveillances, modules and norms come with the certification: a page with
    three of each asks no more than a page with one."""
    from plugins.keurmerk.certification.models import Surveillance
    from plugins.keurmerk.frameworks.models import Norm
    from tests.factories import QueryCounter

    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    url = f"/keurmerk/certifications/{certification_id}"

    def add(surveillances: int, findings: int) -> None:
        with app.app_context():
            norm_ids = db.session.scalars(db.select(Norm.id)).all()
            auditors = [people[p].id for p in ("auditor", "other_auditor", "team")]
            for n in range(surveillances):  # each by someone else
                db.session.add(
                    Surveillance(certification_id=certification_id, auditor_id=auditors[n])
                )
            for n in range(findings):
                db.session.add(
                    Finding(
                        certification_id=certification_id,
                        norm_id=norm_ids[n % len(norm_ids)],
                        grade="minor",
                        description=f"Bevinding {n}",
                        corrective_action="Herstellen",
                    )
                )
            db.session.commit()

    def queries() -> int:
        client.get(url)
        with app.app_context():
            engine = db.engine
        with QueryCounter(engine) as counter:
            page = client.get(url)
        assert page.status_code == 200
        return counter.count, page.text

    add(1, 1)
    few, _page = queries()
    add(3, 4)
    many, page = queries()
    assert page.count("Bevinding ") >= 5
    assert many == few


def test_an_audit_covers_only_the_norms_of_the_modules_applied_for(
    app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    with app.app_context():
        ids = dict(db.session.execute(db.select(Norm.code, Norm.id)).all())
    audit = f"/keurmerk/certifications/{certification_id}/audit"
    page = auditor.get(f"{audit}/{ids['I1']}")
    assert page.status_code == 200
    assert f'href="{audit}/{ids["I2"]}"' in page.text  # the norms beside it: its module's
    assert f'href="{audit}/{ids["W1"]}"' not in page.text
    assert auditor.get(f"{audit}/{ids['W1']}").status_code == 404  # another module's norm
    assert judge(auditor, certification_id, "W1", app).status_code == 404
    assert judge(auditor, certification_id, "I1", app).status_code == 302
    shown = client.get(f"/keurmerk/certifications/{certification_id}").text
    assert "1 van 2 normen beoordeeld" in shown and "W1" not in shown
