# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12 §1: yearly surveillance is a real check, a short audit of norms the team chose,
by an auditor, with findings, decided by the committee; it can lead to suspension and never
moves the certificate's end."""

import pytest
from werkzeug.datastructures import MultiDict

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.workflow import engine_of
from core.workflow.errors import NotAllowed, WorkflowError
from core.workflow.models import WorkflowHistory
from plugins.keurmerk.certification.models import Certification, Finding, Surveillance
from plugins.keurmerk.certification.rules import WORKFLOW
from plugins.keurmerk.frameworks.models import Norm
from plugins.keurmerk.tasks import answers_to_review, findings_to_answer
from tests.factories import make_organisation
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    fire,
    framework_id,
    havensteder,
    judge_in_surveillance,
    people,
    surveil,
    surveillance_id_of,
    surveilled,
)
from tests.test_keurmerk_validity import certified, facts  # noqa: F401


def instance_of(app, certification_id):
    with app.app_context():
        return engine_of().instance_for(WORKFLOW, db.session.get(Certification, certification_id))


def norm_id(app, code):
    with app.app_context():
        return db.session.scalar(db.select(Norm.id).where(Norm.code == code))


def as_user(app, login, user):
    client = app.test_client()
    login(client, user)
    return client


def test_planning_chooses_norms_and_hands_the_certification_to_its_auditor(
    app, certified, people
):
    assert surveil(app, certified, people, codes=("I1",)) == "toetsing"
    instance = instance_of(app, certified)
    assert instance.assignee_id == people["other_auditor"].id
    with app.app_context():
        surveillance = db.session.get(Surveillance, surveillance_id_of(app, certified))
        assert [n.code for n in surveillance.norms] == ["I1"]
        assert surveillance.auditor_id == people["other_auditor"].id
        triggers = db.session.scalars(
            db.select(WorkflowHistory.trigger)
            .where(WorkflowHistory.instance_id == instance.id)
            .order_by(WorkflowHistory.id)
        ).all()
        assert triggers[-2:] == ["surveil", "@assign"]  # through the engine, with history
        assert instance.version == len(triggers)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"norm_ids": []}, "Kies minstens één norm"),
        ({"auditor_id": ""}, "Kies een auditor"),
        ({"audit_date": "31-02-2027"}, "geldige datum"),
    ],
)
def test_a_plan_without_norms_auditor_or_date_is_refused_and_changes_nothing(
    app, certified, people, change, message
):
    with app.app_context():
        i1 = db.session.scalar(db.select(Norm.id).where(Norm.code == "I1"))
    form = {"audit_date": "2027-03-01", "auditor_id": str(people["other_auditor"].id)}
    form.update({k: v for k, v in change.items() if k != "norm_ids"})
    pairs = list(form.items()) + [("norm_ids", str(i1))] * ("norm_ids" not in change)
    with pytest.raises(WorkflowError) as refused:
        fire(app, certified, "surveil", people["team"], formdata=MultiDict(pairs))
    assert message in str(refused.value) or message in str(
        getattr(refused.value, "form", None) and refused.value.form.errors
    )
    assert facts(app, certified)[0] == "gecertificeerd"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Surveillance.id))) == 0


def test_only_the_surveillance_auditor_judges_and_only_the_chosen_norms(
    app, certified, people, login
):
    surveil(app, certified, people, codes=("I1",))
    surveillance_id = surveillance_id_of(app, certified)
    lead = as_user(app, login, people["auditor"])  # audited the certification, not this
    assert judge_in_surveillance(lead, surveillance_id, "I1", app).status_code == 403
    auditor = as_user(app, login, people["other_auditor"])
    assert judge_in_surveillance(auditor, surveillance_id, "I2", app).status_code == 404
    page = auditor.get(f"/keurmerk/surveillances/{surveillance_id}/norms/{norm_id(app, 'I1')}")
    assert page.status_code == 200 and "Zelfevaluatie" not in page.text
    with pytest.raises(WorkflowError, match="I1"):
        fire(app, certified, "surveillance_report", people["other_auditor"])
    assert judge_in_surveillance(auditor, surveillance_id, "I1", app).status_code == 302
    assert fire(app, certified, "surveillance_report", people["other_auditor"]) == (
        "toetsing_besluit"
    )
    # Reported: no more judging.
    assert judge_in_surveillance(auditor, surveillance_id, "I1", app).status_code == 403
    with app.app_context():
        surveillance = db.session.get(Surveillance, surveillance_id)
        assert surveillance.reported_at is not None
        assert [j.norm.code for j in surveillance.judgements] == ["I1"]
        # The certification's own audit judgement of I1 is still the one it had.
        certification = db.session.get(Certification, certified)
        assert [j.narrative for j in certification.judgements] == ["Gezien in drie dossiers."]


def test_the_surveillance_auditor_sees_the_certification_a_stranger_does_not(
    app, certified, people, make_user, login
):
    surveil(app, certified, people)
    surveillance_id = surveillance_id_of(app, certified)
    auditor = as_user(app, login, people["other_auditor"])
    assert auditor.get(f"/keurmerk/certifications/{certified}").status_code == 200
    page = auditor.get(f"/keurmerk/surveillances/{surveillance_id}").text
    assert "Getoetste normen" in page and "I1" in page
    stranger = as_user(
        app,
        login,
        make_user(roles={"partner"}, organisation=make_organisation(app, "Elders", "other")),
    )
    assert stranger.get(f"/keurmerk/surveillances/{surveillance_id}").status_code == 404


def test_the_committee_decides_and_the_auditor_may_not(app, certified, people, login):
    surveil(app, certified, people, auditor="auditing_committee")
    auditor = as_user(app, login, people["auditing_committee"])
    judge_in_surveillance(auditor, surveillance_id_of(app, certified), "I1", app)
    fire(app, certified, "surveillance_report", people["auditing_committee"])
    with pytest.raises(NotAllowed):  # not a committee step for the team
        fire(app, certified, "pass_surveillance", people["team"])
    with pytest.raises(WorkflowError, match="deed deze toetsing"):
        fire(app, certified, "pass_surveillance", people["auditing_committee"])
    assert fire(app, certified, "pass_surveillance", people["committee"]) == "gecertificeerd"
    with app.app_context():
        surveillance = db.session.get(Surveillance, surveillance_id_of(app, certified))
        assert surveillance.outcome == "passed"
        assert surveillance.decided_by_id == people["committee"].id
    team = as_user(app, login, people["team"])
    page = team.get(f"/keurmerk/certifications/{certified}").text
    assert 'id="toetsingen"' in page and "Voldoet nog: keurmerk blijft" in page


def test_a_major_finding_blocks_passing_and_leads_to_suspension(
    app, certified, people, make_user, havensteder, login
):
    partner = make_user(roles={"partner"}, organisation=havensteder, name="Petra Partner")
    surveil(app, certified, people)
    surveillance_id = surveillance_id_of(app, certified)
    auditor = as_user(app, login, people["other_auditor"])
    response = judge_in_surveillance(
        auditor,
        surveillance_id,
        "I1",
        app,
        verdict="fails",
        narrative="Dreigende brieven in vier van vijf dossiers.",
        grade="major",
        corrective_action="Herschrijf de brieven.",
        deadline="2027-06-01",
    )
    assert response.status_code == 302
    with app.test_request_context():
        own = {havensteder.id}
        assert findings_to_answer(own) == []  # not final while the auditor may change it
    fire(app, certified, "surveillance_report", people["other_auditor"])
    with app.test_request_context():
        assert [t.title for t in findings_to_answer(own)] == ["Reageer op bevinding: I1"]
    with pytest.raises(WorkflowError, match="zware tekortkomingen"):
        fire(app, certified, "pass_surveillance", people["committee"])
    state = fire(
        app,
        certified,
        "suspend",
        people["committee"],
        formdata=MultiDict({"reason": "Dreigende brieven bij de toetsing."}),
    )
    assert state == "geschorst"
    with app.app_context():
        surveillance = db.session.get(Surveillance, surveillance_id)
        assert surveillance.outcome == "suspended"
        finding = db.session.scalar(db.select(Finding).where(Finding.surveillance_id.is_not(None)))
        assert finding.certification_id == certified
        finding_id = finding.id
    # The organisation answers; the surveillance's auditor (not the audit's) reviews.
    organisation = as_user(app, login, partner)
    assert (
        post_form(
            organisation, f"/keurmerk/findings/{finding_id}/respond", {"response": "Herschreven."}
        ).status_code
        == 303
    )
    with app.test_request_context():
        assert [t.title for t in answers_to_review(people["other_auditor"].id)] == [
            "Beoordeel de reactie op bevinding: I1 · Havensteder"
        ]
        assert answers_to_review(people["auditor"].id) == []
    lead = as_user(app, login, people["auditor"])
    refused = post_form(lead, f"/keurmerk/findings/{finding_id}/review", {"decision": "accept"})
    assert refused.status_code == 403
    accepted = post_form(
        auditor, f"/keurmerk/findings/{finding_id}/review", {"decision": "accept", "note": "Goed."}
    )
    assert accepted.status_code == 303
    with app.app_context():
        assert db.session.get(Finding, finding_id).closed


def test_a_surveillance_started_before_it_was_an_audit_gets_its_plan_from_the_team(
    app, certified, people, login
):
    """As the migration leaves one: in surveillance, with an empty plan."""
    with app.app_context():
        instance = engine_of().instance_for(WORKFLOW, db.session.get(Certification, certified))
        db.session.add(Surveillance(certification_id=certified, planned_at=instance.entered_state_at))
        db.session.commit()
        team = db.session.get(User, people["team"].id)
        # The old step had no form: fire it past the form as the old declaration did.
        from core.workflow import writes

        writes.write(
            instance,
            {"state": "toetsing"},
            actor=team,
            trigger="surveil",
            to_state="toetsing",
            data={},
        )
        db.session.commit()
    from plugins.keurmerk.certification.surveillance import chosen_norms_judged

    with app.app_context():
        instance = engine_of().instance_for(WORKFLOW, db.session.get(Certification, certified))
        assert "kiest eerst de normen" in chosen_norms_judged(instance, None)
    surveillance_id = surveillance_id_of(app, certified)
    client = as_user(app, login, people["team"])
    page = client.get(f"/keurmerk/surveillances/{surveillance_id}").text
    assert "nog niet gekozen" in page and "aanpassen" in page
    bad = post_form(client, f"/keurmerk/surveillances/{surveillance_id}/plan", {})
    assert bad.status_code == 400 and "Kies minstens één norm" in bad.text
    good = post_form(
        client,
        f"/keurmerk/surveillances/{surveillance_id}/plan",
        {
            "audit_date": "2027-02-01",
            "auditor_id": str(people["other_auditor"].id),
            "norm_ids": [str(norm_id(app, "I1"))],
        },
    )
    assert good.status_code == 302
    assert instance_of(app, certified).assignee_id == people["other_auditor"].id
    auditor = as_user(app, login, people["other_auditor"])
    assert judge_in_surveillance(auditor, surveillance_id, "I1", app).status_code == 302
    assert fire(app, certified, "surveillance_report", people["other_auditor"]) == (
        "toetsing_besluit"
    )
    # Once it is with the committee, the plan is fixed.
    assert client.get(f"/keurmerk/surveillances/{surveillance_id}/plan").status_code == 403
