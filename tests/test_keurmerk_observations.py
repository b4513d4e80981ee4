# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Issue 12 §2: beside major and minor non-conformities an auditor can note an observation:
worth knowing, no action, no deadline, no answer asked, and it holds no decision up."""

from datetime import timedelta

import pytest

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
from plugins.keurmerk.certification.models import Finding, Judgement
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


@pytest.fixture
def audit(app, client, framework_id, havensteder, people, login):
    """A certification in audit, and the lead auditor's logged-in client."""
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    return certification_id, auditor


def test_an_observation_asks_nothing_and_holds_nothing_up(
    app, audit, people, havensteder, make_user, login
):
    certification_id, auditor = audit
    response = judge(
        auditor,
        certification_id,
        "I1",
        app,
        verdict="meets",
        grade="observation",
        corrective_action="Noem ook de sms als kanaal.",
    )
    assert response.status_code == 302
    with app.app_context():
        (finding,) = db.session.scalars(db.select(Finding)).all()
        assert (finding.grade, finding.deadline, finding.needs_action) == (
            "observation",
            None,
            False,
        )
        finding_id = finding.id
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])

    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=havensteder))
    page_url = f"/keurmerk/certifications/{certification_id}"
    page = partner.get(page_url).text
    assert "Observatie" in page and "Suggestie:" in page and "Noem ook de sms" in page
    assert f"/keurmerk/findings/{finding_id}/respond" not in page  # nothing to answer
    refused = post_form(
        partner, f"/keurmerk/findings/{finding_id}/respond", {"response": "Goed idee."},
        form_url=page_url,
    )  # fmt: skip
    assert refused.status_code == 403 and "Een observatie vraagt geen reactie." in refused.text
    assert "Reageer op bevinding" not in partner.get("/tasks").text
    report = partner.get(f"{page_url}/report").text
    assert "Observatie" in report
    assert certify(app, certification_id, people["committee"]) == "gecertificeerd"
    page = partner.get(page_url).text
    assert "Observatie" in page and "voorwaarde bij het certificaat" not in page
    csv = app.test_client()
    login(csv, people["team"])
    assert "I1;Observatie" in csv.get("/keurmerk/findings.csv").get_data(as_text=True)


@pytest.mark.parametrize(
    "verdict, message",
    [
        ("fails", "hoort een zware of lichte bevinding, geen observatie"),
        ("not_applicable", "hoort bij een norm die van toepassing is"),
    ],
)
def test_an_observation_is_refused_where_it_does_not_fit(app, audit, verdict, message):
    certification_id, auditor = audit
    response = judge(
        auditor,
        certification_id,
        "I1",
        app,
        verdict=verdict,
        grade="observation",
        corrective_action="Iets",
        deadline=(local_today() + timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 400 and message in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Finding.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Judgement.id))) == 0
