# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12 §1: recertification is a new audit cycle against the launched framework, started
in time (a task half a year before the end), whose grant continues the certificate number
with a new period; the certificate it renews then ends as "vernieuwd"."""

from datetime import timedelta

import pytest

from core.accounts.models import User
from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from core.workflow import engine_of
from plugins.keurmerk.certification.models import Certification
from plugins.keurmerk.certification.rules import (
    RENEW_BY,
    RENEW_FROM,
    WORKFLOW,
    certificate_end,
    find_certificate,
    register_entries,
)
from plugins.keurmerk.tasks import renewals_to_start
from tests.factories import make_organisation
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    certify,
    fire,
    framework_id,
    havensteder,
    judge,
    people,
    plan,
    reported,
)
from tests.test_keurmerk_validity import age, certified, facts  # noqa: F401


@pytest.fixture
def partner(make_user, havensteder):
    return make_user(roles={"partner"}, organisation=havensteder, name="Petra Partner")


def renew(app, client, certification_id):
    return post_form(client, f"/keurmerk/certifications/{certification_id}/renew", {})


def started_renewal(app, client, certification_id) -> int:
    response = renew(app, client, certification_id)
    assert response.status_code == 302, response.text
    return int(response.location.rsplit("/", 1)[1])


def audit_and_grant(app, renewal_id, people, login):
    """The renewal's whole audit: intake, I1 judged, report, the committee grants."""
    plan(app, renewal_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    assert judge(auditor, renewal_id, "I1", app).status_code == 302
    fire(app, renewal_id, "to_report", people["auditor"])
    fire(app, renewal_id, "submit_report", people["auditor"])
    return certify(app, renewal_id, people["committee"])


def number_of(app, certification_id):
    with app.app_context():
        return db.session.get(Certification, certification_id).certificate_number


def test_the_organisation_starts_a_renewal_for_its_granted_modules(app, certified, partner, login):
    client = app.test_client()
    login(client, partner)
    page = client.get(f"/keurmerk/certifications/{certified}").text
    assert 'id="hercertificering"' in page and "Hercertificering aanvragen" in page
    renewal_id = started_renewal(app, client, certified)
    with app.app_context():
        renewal = db.session.get(Certification, renewal_id)
        old = db.session.get(Certification, certified)
        assert renewal.renews_id == certified
        assert [m.name for m in renewal.modules] == [m.name for m in old.granted]
        assert renewal.framework_id == old.framework_id  # the launched one
        assert renewal.certificate_number is None
        instance = engine_of().instance_for(WORKFLOW, renewal)
        assert (instance.state, instance.title) == ("aangevraagd", "Hercertificering Havensteder")
    assert facts(app, certified)[0] == "gecertificeerd"  # still valid meanwhile
    page = client.get(f"/keurmerk/certifications/{renewal_id}").text
    assert "Hercertificering van" in page
    assert "De hercertificering loopt" in client.get(f"/keurmerk/certifications/{certified}").text


def test_a_second_renewal_is_refused_with_a_link_to_the_first(app, certified, partner, login):
    client = app.test_client()
    login(client, partner)
    first = started_renewal(app, client, certified)
    response = renew(app, client, certified)
    assert response.status_code == 409
    assert f"/keurmerk/certifications/{first}" in response.text
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(db.func.count(Certification.id)).where(
                    Certification.renews_id == certified
                )
            )
            == 1
        )


def test_only_the_organisation_or_the_team_renews_and_only_while_it_holds_the_certificate(
    app, certified, people, make_user, login
):
    other = make_organisation(app, "Andere Corporatie", "formal_body")
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=other))
    assert renew(app, stranger, certified).status_code == 404  # not theirs to see
    auditor = app.test_client()
    login(auditor, people["auditor"])
    assert renew(app, auditor, certified).status_code == 403  # may not apply at all
    fire(app, certified, "suspend", people["committee"], formdata=_reason("Klachten."))
    team = app.test_client()
    login(team, people["team"])
    response = renew(app, team, certified)
    assert response.status_code == 409 and "niet geschorst" in response.text
    with app.app_context():
        assert not db.session.scalar(
            db.select(Certification.id).where(Certification.renews_id == certified)
        )


def _reason(text):
    from werkzeug.datastructures import MultiDict

    return MultiDict({"reason": text})


def test_granting_the_renewal_in_time_continues_the_number_from_the_old_end(
    app, certified, people, login
):
    age(app, certified, 600)  # about four months left
    old_end = facts(app, certified)[2]
    number = number_of(app, certified)
    team = app.test_client()
    login(team, people["team"])
    renewal_id = started_renewal(app, team, certified)
    assert audit_and_grant(app, renewal_id, people, login) == "gecertificeerd"

    with app.app_context():
        renewal = db.session.get(Certification, renewal_id)
        assert renewal.certificate_number == number
        assert renewal.valid_from == local_today()
        assert renewal.valid_until == certificate_end(
            renewal.framework, old_end + timedelta(days=1)
        )
        assert db.session.get(Certification, certified).certificate_number is None
        found, status = find_certificate(number.lower())
        assert (found.id, status.key) == (renewal_id, "geldig")
        assert [c.id for c, _s in register_entries()] == [renewal_id]  # listed once
    assert facts(app, certified)[0] == "vernieuwd"
    page = app.test_client().get(f"/keurmerk/register/{number}").text
    assert "dit certificaat is <strong>geldig</strong>" in page
    assert f"{renewal.valid_until.year}" in page.split("Geldig tot")[1][:80]
    old_page = app.test_client()
    login(old_page, people["team"])
    text = old_page.get(f"/keurmerk/certifications/{certified}").text
    assert "opnieuw toegekend" in text and f"/keurmerk/certifications/{renewal_id}" in text


def test_a_renewal_granted_after_the_old_one_expired_starts_on_the_day(
    app, certified, people, login
):
    team = app.test_client()
    login(team, people["team"])
    renewal_id = started_renewal(app, team, certified)
    number = number_of(app, certified)
    age(app, certified, 800)
    from core.workflow.maintenance import tick

    with app.app_context():
        tick(engine_of())
    assert facts(app, certified)[0] == "verlopen"
    audit_and_grant(app, renewal_id, people, login)
    with app.app_context():
        renewal = db.session.get(Certification, renewal_id)
        assert renewal.certificate_number == number
        assert renewal.valid_until == certificate_end(renewal.framework, local_today())
    assert facts(app, certified)[0] == "verlopen"  # ended already; only the number moved on


def test_the_renewed_step_cannot_be_taken_by_hand(app, certified, people):
    from core.workflow.errors import WorkflowError

    with pytest.raises(WorkflowError, match="vanzelf"):
        fire(app, certified, "renewed", people["committee"])
    assert facts(app, certified)[0] == "gecertificeerd"


def test_a_task_asks_to_renew_half_a_year_before_the_end(app, certified, people, partner, login):
    with app.test_request_context():
        assert renewals_to_start(None) == []  # two years left
    age(app, certified, 730 - RENEW_FROM.days + 1)
    with app.test_request_context():
        end = db.session.get(Certification, certified).valid_until
        tasks = renewals_to_start(None)
        assert [(t.title, t.due) for t in tasks] == [
            ("Start de hercertificering: Havensteder", end - RENEW_BY)
        ]
        assert tasks[0].url.endswith(f"/keurmerk/certifications/{certified}#hercertificering")
        own = {db.session.get(User, partner.id).memberships[0].organisation_id}
        assert len(renewals_to_start(own)) == 1
        assert renewals_to_start({own.pop() + 1000}) == []
    client = app.test_client()
    login(client, partner)
    assert "Start de hercertificering" in client.get("/tasks").text
    started_renewal(app, client, certified)
    with app.test_request_context():
        assert renewals_to_start(None) == []  # under way: no more task
    assert "Start de hercertificering" not in client.get("/tasks").text


def test_a_renewal_is_audited_on_the_version_launched_now(app, certified, people, partner, login):
    """The modules granted on version 1 are found by name in version 2."""
    from plugins.keurmerk.frameworks.models import NormFramework, PilotAudit
    from plugins.keurmerk.frameworks.rules import copy_framework, instance_of

    with app.app_context():
        team = db.session.get(User, people["team"].id)
        old = db.session.get(Certification, certified)
        v2 = copy_framework(old.framework, team)
        db.session.commit()
        engine = engine_of()
        instance_id = instance_of(v2).id
        for trigger in ("consult", "close_consultation", "start_pilot"):
            engine.fire(instance_id, trigger, actor=team)
        for name, kind in (("Pilot A", "formal_body"), ("Pilot B", "collection_agency")):
            organisation = make_organisation(app, name, kind)
            db.session.add(
                PilotAudit(
                    framework_id=v2.id,
                    organisation_id=organisation.id,
                    held_on=local_today(),
                    completed=True,
                )
            )
        db.session.commit()
        engine.fire(instance_id, "finalise", actor=team)
        engine.fire(instance_id, "launch", actor=team)
        v2_id, old_modules = v2.id, [m.name for m in old.granted]
    client = app.test_client()
    login(client, partner)
    renewal_id = started_renewal(app, client, certified)
    with app.app_context():
        renewal = db.session.get(Certification, renewal_id)
        assert renewal.framework_id == v2_id
        assert db.session.get(NormFramework, v2_id).version == 2
        assert [m.name for m in renewal.modules] == old_modules
        assert {m.framework_id for m in renewal.modules} == {v2_id}
