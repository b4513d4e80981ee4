# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Keurmerk: what auditors and organisations hand over — the audit report, its PDF, the
certificate PDF, and the evidence files behind them."""

import html
import io
import re
from datetime import date, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from core.extensions import db
from core.testing import post_form
from plugins.keurmerk.certification.models import Certification, Finding
from plugins.keurmerk.frameworks.models import Norm
from tests.factories import make_organisation
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _docx,
    _keurmerk_enabled,
    apply_as,
    fire,
    framework_id,
    havensteder,
    judge,
    people,
    plan,
    reported,
    upload,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def text_of(page: str) -> str:
    """The page as a reader sees it: no tags, one space between words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def norm_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Norm.id).where(Norm.code == code))


@pytest.fixture
def decided(app, client, framework_id, havensteder, people, login, make_user):
    """Audited with evidence on I1 and one general file, I1 fails (minor, answered and closed),
    I2 not applicable, then certified with a comment. Returns (certification id, partner)."""
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    assert (
        upload(auditor, certification_id, "brieven.pdf", PDF, norm_id(app, "I1")).status_code == 303
    )
    assert upload(auditor, certification_id, "werkinstructie.docx", _docx()).status_code == 303
    deadline = (date.today() + timedelta(days=60)).isoformat()
    judge(
        auditor,
        certification_id,
        "I1",
        app,
        verdict="fails",
        narrative="Twee brieven dreigen met kosten.",
        grade="minor",
        corrective_action="Pas de brieven aan.",
        deadline=deadline,
    )
    judge(auditor, certification_id, "I2", app, verdict="not_applicable", narrative="Geen chat.")
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    partner = app.test_client()
    login(partner, make_user(roles={"partner"}, organisation=havensteder, name="Piet Partner"))
    with app.app_context():
        finding_id = db.session.scalar(db.select(Finding.id))
    page = f"/keurmerk/certifications/{certification_id}"
    post_form(
        partner,
        f"/keurmerk/findings/{finding_id}/respond",
        {"response": "Brieven herschreven."},
        form_url=page,
    )
    post_form(
        auditor,
        f"/keurmerk/findings/{finding_id}/review",
        {"decision": "accept", "note": "Nieuwe brief gezien."},
        form_url=page,
    )
    with app.app_context():
        module_id = db.session.get(Certification, certification_id).modules[0].id
    fire(
        app,
        certification_id,
        "certify",
        people["committee"],
        formdata=MultiDict([("modules", str(module_id))]),
        comment="Eén lichte bevinding – opgelost… akkoord.",
    )
    return certification_id, partner


def test_the_report_sums_up_per_theme_and_module_and_shows_every_fact(app, client, decided):
    certification_id, partner = decided
    response = partner.get(f"/keurmerk/certifications/{certification_id}/report")
    assert response.status_code == 200
    page = text_of(response.text)
    # summary: Voldoet, Voldoet deels, Voldoet niet, N.v.t., not judged
    assert "I · Eigen incassobeleid 0 0 1 1 0" in page
    assert "Warm Incasseren 0 0 1 1 0" in page
    # each judgement with its explanation, the finding with everything that happened to it
    assert "Voldoet niet. Twee brieven dreigen met kosten." in page
    assert "N.v.t. Geen chat." in page
    assert "Licht (minor)" in page and "Pas de brieven aan." in page
    assert "Brieven herschreven." in page and "Nieuwe brief gezien." in page
    # evidence per norm, and the files that belong to no norm
    assert "brieven.pdf" in page and "werkinstructie.docx" in page
    # auditors, dates, and the committee's decision with its comment
    assert "Kees Auditor" in page and "Esra Ervaring" in page
    assert "Keurmerk toekennen" in page and "Marieke Commissie" in page
    assert "Eén lichte bevinding – opgelost… akkoord." in page
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    assert number in page
    # and the way back
    assert f'href="/keurmerk/certifications/{certification_id}"' in response.text
    # no typos of before
    for typo in ("N.v.t..", "(Licht (minor))", "., uiterlijk", "Bevinding ("):
        assert typo not in page


def test_a_stranger_cannot_read_the_report_or_its_pdf(app, decided, people, make_user, login):
    certification_id, _partner = decided
    for outsider in (
        make_user(roles={"partner"}, organisation=make_organisation(app, "Gaarkeuken")),
        people["other_auditor"],
        make_user(roles={"expert"}),
    ):
        other = app.test_client()
        login(other, outsider)
        for url in ("report", "report.pdf"):
            response = other.get(f"/keurmerk/certifications/{certification_id}/{url}")
            assert response.status_code == 404, (outsider.display_name, url)
    anonymous = app.test_client().get(f"/keurmerk/certifications/{certification_id}/report.pdf")
    assert anonymous.status_code == 302 and "/login" in anonymous.location


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_report_pdf_holds_the_same_facts_as_the_page(app, decided):
    certification_id, partner = decided
    response = partner.get(f"/keurmerk/certifications/{certification_id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"auditrapport-{certification_id}.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    with app.app_context():
        c = db.session.get(Certification, certification_id)
        number, valid_until = c.certificate_number, c.valid_until
    for fact in (
        "Havensteder",
        "Warm Incasseren",
        "Kees Auditor",
        "Twee brieven dreigen met kosten.",
        "Pas de brieven aan.",
        "Brieven herschreven.",
        "Nieuwe brief gezien.",
        "brieven.pdf",
        "werkinstructie.docx",
        "Marieke Commissie",
        "Eén lichte bevinding – opgelost… akkoord.",  # beyond latin-1: printed, not mangled
        number,
        str(valid_until.year),
    ):
        assert fact in text, fact
    assert "I · Eigen incassobeleid 0 0 1 1 0" in text


def test_the_certificate_pdf_can_be_checked_by_anyone(app, decided):
    from pypdf import PdfReader

    certification_id, _partner = decided
    with app.app_context():
        c = db.session.get(Certification, certification_id)
        number, valid_from, valid_until = c.certificate_number, c.valid_from, c.valid_until
    public = app.test_client()
    verify = public.get(f"/keurmerk/register/{number}").text
    assert f'href="/keurmerk/register/{number}/certificate.pdf"' in verify
    response = public.get(f"/keurmerk/register/{number}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for fact in (
        "Havensteder",
        "Warm Incasseren",
        number,
        f"http://localhost/keurmerk/register/{number}",
    ):
        assert fact in text, fact
    from flask_babel import format_date

    with app.test_request_context():
        for day in (valid_from, valid_until):
            assert format_date(day, "long") in text
    images = [image for page in PdfReader(io.BytesIO(response.data)).pages for image in page.images]
    assert len(images) == 1  # the QR code of the verification link
    assert public.get("/keurmerk/register/WR-DOESNOTEXIST/certificate.pdf").status_code == 404


def test_the_certification_page_links_the_report_and_both_pdfs(app, decided):
    certification_id, partner = decided
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    page = partner.get(f"/keurmerk/certifications/{certification_id}").text
    assert f"/keurmerk/certifications/{certification_id}/report.pdf" in page
    assert f"/keurmerk/register/{number}/certificate.pdf" in page
    report = partner.get(f"/keurmerk/certifications/{certification_id}/report").text
    assert f"/keurmerk/certifications/{certification_id}/report.pdf" in report


def test_a_suspended_or_withdrawn_certificate_is_not_handed_out_as_pdf(app, decided, people):
    from tests.test_keurmerk_certification import suspend

    certification_id, partner = decided
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number
    suspend(app, certification_id, people["committee"], "Klachten over de aanpak.")
    public = app.test_client()
    response = public.get(f"/keurmerk/register/{number}/certificate.pdf")
    assert response.status_code == 410 and response.mimetype == "text/html"
    assert "Dit certificaat is geschorst." in text_of(response.text)
    assert f'href="/keurmerk/register/{number}"' in response.text  # to what became of it
    assert "certificate.pdf" not in public.get(f"/keurmerk/register/{number}").text
    assert "certificate.pdf" not in partner.get(f"/keurmerk/certifications/{certification_id}").text
    fire(app, certification_id, "withdraw", people["committee"], comment="Niet hersteld.")
    response = public.get(f"/keurmerk/register/{number}/certificate.pdf")
    assert response.status_code == 410 and "ingetrokken" in response.text


def test_an_expired_certificate_is_not_handed_out_as_pdf(app, decided):
    certification_id, _partner = decided
    with app.app_context():
        c = db.session.get(Certification, certification_id)
        c.valid_until = date.today() - timedelta(days=1)  # past its last day, before any tick
        number = c.certificate_number
        db.session.commit()
    response = app.test_client().get(f"/keurmerk/register/{number}/certificate.pdf")
    assert response.status_code == 410 and "verlopen" in response.text


def test_no_certificate_pdf_before_the_committee_granted_it(
    app, client, framework_id, havensteder, people, login
):
    certification_id = reported(app, client, havensteder, people, login)
    fire(app, certification_id, "reject", people["committee"], comment="Te veel open punten.")
    report = client.get(f"/keurmerk/certifications/{certification_id}/report")
    page = text_of(report.text)
    assert "Afwijzen" in page and "Te veel open punten." in page
    assert "certificate.pdf" not in report.text
    text = pdf_text(client.get(f"/keurmerk/certifications/{certification_id}/report.pdf").data)
    assert "Te veel open punten." in text and "Certificaatnummer" not in text
