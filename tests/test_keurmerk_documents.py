# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Keurmerk: what auditors and organisations hand over — the audit report, its PDF, the
certificate PDF, and the evidence files behind them."""

import html
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from core.extensions import db
from core.testing import post_form
from core.timeutil import local_today
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
    deadline = (local_today() + timedelta(days=60)).isoformat()
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
    assert response.headers["Cache-Control"] == "no-store"  # it names people
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
    typed = public.get(f"/keurmerk/register/{number.lower()}/certificate.pdf")  # as people type it
    assert typed.status_code == 200 and number in typed.headers["Content-Disposition"]


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
        c.valid_until = local_today() - timedelta(days=1)  # past its last day, before any tick
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


# ------------------------------------------------------------------ evidence files


@pytest.fixture
def auditing(app, client, framework_id, havensteder, people, login):
    """In the audit; the auditor's client, logged in. Returns (certification id, auditor)."""
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = app.test_client()
    login(auditor, people["auditor"])
    return certification_id, auditor


def evidence_rows(app):
    from plugins.keurmerk.certification.evidence import Evidence

    with app.app_context():
        return db.session.scalars(db.select(Evidence).order_by(Evidence.id)).all()


@pytest.mark.parametrize(
    ("size", "label"),
    [
        (1, "1 byte"),
        (34, "34 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 kB"),
        (1536, "1,5 kB"),
        (200 * 1024, "200 kB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(2.25 * 1024 * 1024), "2,2 MB"),
    ],
)
def test_file_sizes_read_as_people_say_them(app, size, label):
    from plugins.keurmerk.certification.evidence import human_size

    with app.test_request_context():
        assert human_size(size) == label


def test_the_page_shows_each_file_with_its_norm_and_real_size(app, auditing):
    certification_id, auditor = auditing
    upload(auditor, certification_id, "brieven.pdf", PDF, norm_id(app, "I1"))
    upload(auditor, certification_id, "algemeen.pdf", PDF)
    page = text_of(auditor.get(f"/keurmerk/certifications/{certification_id}").text)
    assert "brieven.pdf (34 bytes, bij I1 · Vroeg contact" in page
    assert "algemeen.pdf (34 bytes, algemeen" in page
    assert "0 kB" not in page


def test_pdf_and_images_open_in_the_browser_other_files_download(app, auditing):
    certification_id, auditor = auditing
    upload(auditor, certification_id, "brief.pdf", PDF)
    upload(auditor, certification_id, "foto.png", PNG)
    upload(auditor, certification_id, "instructie.docx", _docx())
    pdf, png, docx = (e.id for e in evidence_rows(app))
    for evidence_id, mimetype, disposition in (
        (pdf, "application/pdf", "inline"),
        (png, "image/png", "inline"),
        (
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
    ):
        response = auditor.get(f"/keurmerk/evidence/{evidence_id}")
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Content-Disposition"].startswith(disposition)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    # the page offers both: look in the browser, or download
    download = auditor.get(f"/keurmerk/evidence/{pdf}?download=1")
    assert download.headers["Content-Disposition"].startswith("attachment")
    page = auditor.get(f"/keurmerk/certifications/{certification_id}").text
    assert f'href="/keurmerk/evidence/{pdf}?download=1"' in page


@pytest.mark.parametrize("storage", ["local", "database"])
def test_evidence_is_deleted_or_replaced_before_the_report_is_sent(
    app, auditing, people, storage, monkeypatch
):
    monkeypatch.setitem(app.config, "FILE_STORAGE", storage)
    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    upload(auditor, certification_id, "oud.pdf", PDF, norm_id(app, "I1"))
    upload(auditor, certification_id, "weg.pdf", PDF)
    old, gone = evidence_rows(app)
    old_key, gone_key = old.stored_name, gone.stored_name
    # a replacement is checked like an upload: a fake is refused and the old file stays
    refused = replace(auditor, old.id, "nep.png", b"not an image", page)
    assert refused.status_code == 303
    assert "geen echt afbeelding-bestand" in auditor.get(page).text
    assert [e.filename for e in evidence_rows(app)] == ["oud.pdf", "weg.pdf"]
    new_pdf = PDF + b"\n% tweede versie"
    assert replace(auditor, old.id, "nieuw.pdf", new_pdf, page).status_code == 303
    assert "Het bestand is vervangen." in auditor.get(page).text
    replaced = evidence_rows(app)[0]
    assert (replaced.id, replaced.filename, replaced.size) == (old.id, "nieuw.pdf", len(new_pdf))
    assert replaced.norm_id == norm_id(app, "I1")  # still with its norm
    assert stored(app, replaced.stored_name) == new_pdf
    assert auditor.get(f"/keurmerk/evidence/{replaced.id}").data == new_pdf
    on_disk = Path(app.instance_path) / "uploads" / "keurmerk" / replaced.stored_name
    assert on_disk.exists() == (storage == "local")  # in the database, no disk is shared
    assert stored(app, old_key) is None
    response = post_form(auditor, f"/keurmerk/evidence/{gone.id}/delete", {}, form_url=page)
    assert response.status_code == 303
    assert "Het bestand is verwijderd." in auditor.get(page).text
    assert [e.filename for e in evidence_rows(app)] == ["nieuw.pdf"]
    assert stored(app, gone_key) is None
    assert auditor.get(f"/keurmerk/evidence/{gone.id}").status_code == 404


def stored(app, key) -> bytes | None:
    """What the core's file storage holds under the evidence's key (None: nothing)."""
    from core.file_storage import read_file

    with app.app_context():
        return read_file("keurmerk", key)


def replace(client, evidence_id, name, content, page):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text).group(1)
    return client.post(
        f"/keurmerk/evidence/{evidence_id}/replace",
        data={"csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_evidence_cannot_change_once_the_report_is_with_the_committee(app, auditing, people):
    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    upload(auditor, certification_id, "brieven.pdf", PDF)
    (item,) = evidence_rows(app)
    judge(auditor, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditor"])
    assert "Verwijderen" in auditor.get(page).text  # still while the auditors finish the report
    fire(app, certification_id, "submit_report", people["auditor"])
    assert f"/keurmerk/evidence/{item.id}/delete" not in auditor.get(page).text
    response = post_form(auditor, f"/keurmerk/evidence/{item.id}/delete", {}, form_url=page)
    assert response.status_code == 409
    assert "Het rapport is al naar de commissie" in text_of(response.text)
    response = replace(auditor, item.id, "ander.pdf", PDF, page)
    assert response.status_code == 409
    assert [(e.filename, e.sha256) for e in evidence_rows(app)] == [(item.filename, item.sha256)]
    assert stored(app, item.stored_name) == PDF


def test_only_who_may_upload_deletes_or_replaces(app, auditing, people, make_user, login):
    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    upload(auditor, certification_id, "brieven.pdf", PDF)
    (item,) = evidence_rows(app)
    committee = app.test_client()
    login(committee, people["committee"])  # sees every certification, adds no files
    assert f"/keurmerk/evidence/{item.id}/delete" not in committee.get(page).text
    assert (
        post_form(committee, f"/keurmerk/evidence/{item.id}/delete", {}, form_url=page).status_code
        == 403
    )
    assert replace(committee, item.id, "ander.pdf", PDF, page).status_code == 403
    stranger = app.test_client()
    login(stranger, make_user(roles={"partner"}, organisation=make_organisation(app, "Buurtlab")))
    token = re.search(r'name="csrf_token" value="([^"]+)"', stranger.get("/keurmerk/").text)
    data = {"csrf_token": token.group(1)} if token else {}
    assert stranger.post(f"/keurmerk/evidence/{item.id}/delete", data=data).status_code == 404
    assert len(evidence_rows(app)) == 1 and stored(app, item.stored_name) is not None


def test_after_a_repair_only_files_added_since_the_report_can_change(app, auditing, people):
    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    upload(auditor, certification_id, "gezien.pdf", PDF)
    judge(auditor, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    fire(app, certification_id, "require_repair", people["committee"], comment="Eerst herstel.")
    fire(app, certification_id, "reaudit", people["team"])
    fire(app, certification_id, "start_audit", people["auditor"])
    upload(auditor, certification_id, "hersteld.pdf", PDF)
    seen, added = evidence_rows(app)
    text = auditor.get(page).text
    assert f"/keurmerk/evidence/{added.id}/delete" in text
    assert f"/keurmerk/evidence/{seen.id}/delete" not in text
    refused = post_form(auditor, f"/keurmerk/evidence/{seen.id}/delete", {}, form_url=page)
    assert refused.status_code == 409
    allowed = post_form(auditor, f"/keurmerk/evidence/{added.id}/delete", {}, form_url=page)
    assert allowed.status_code == 303
    assert [e.filename for e in evidence_rows(app)] == ["gezien.pdf"]


def test_pdfs_survive_any_text_people_type(app, client, framework_id, havensteder, people, login):
    """Euro signs, quotes, emoji, a word longer than a line, pages of text: printed, not crashed."""
    narrative = (
        "Klant: “Ik kreeg €25 kosten…” ‘Eén’ brief – ✓ 😀 " + "x" * 400 + " " + "Lang. " * 800
    )
    certification_id = reported(app, client, havensteder, people, login, narrative=narrative)
    response = client.get(f"/keurmerk/certifications/{certification_id}/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "“Ik kreeg €25 kosten…” ‘Eén’ brief – ✓" in text
    assert text.count("Lang.") == 800


def test_an_observation_shows_in_the_report_and_its_pdf_without_a_deadline(
    app, client, framework_id, havensteder, people, login
):
    certification_id = reported(
        app,
        client,
        havensteder,
        people,
        login,
        verdict="meets",
        grade="observation",
        corrective_action="Noem ook de sms als kanaal.",
    )
    page = text_of(client.get(f"/keurmerk/certifications/{certification_id}/report").text)
    assert "Observatie bij I1" in page and "Suggestie: Noem ook de sms als kanaal." in page
    assert "Uiterlijk" not in page and "nog geen reactie" not in page  # nothing is asked
    assert "I · Eigen incassobeleid 1 0 0 0 1" in page
    text = pdf_text(client.get(f"/keurmerk/certifications/{certification_id}/report.pdf").data)
    assert "Observatie bij I1" in text and "Suggestie: Noem ook de sms als kanaal." in text
    assert "Uiterlijk" not in text


def test_the_report_lists_every_decision_suspension_and_end_with_its_reason(app, decided, people):
    from core.workflow import engine_of
    from core.workflow.maintenance import tick
    from core.workflow.models import WorkflowInstance
    from tests.test_keurmerk_certification import fire

    certification_id, partner = decided
    fire(
        app,
        certification_id,
        "suspend",
        people["committee"],
        formdata=MultiDict({"reason": "Klachten over dreigende brieven."}),
    )
    with app.app_context():
        instance = db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == "keurmerk.certification",
                WorkflowInstance.subject_id == certification_id,
            )
        )
        later = instance.deadline_at + timedelta(minutes=1)
        tick(engine_of(), now=later)  # the suspension ran its term
    page = text_of(partner.get(f"/keurmerk/certifications/{certification_id}/report").text)
    besluiten = page.split("Besluiten", 1)[1]
    assert "Keurmerk toekennen : Marieke Commissie" in besluiten
    assert "Schorsen : Marieke Commissie" in besluiten
    assert "Toelichting: Klachten over dreigende brieven." in besluiten
    assert "automatisch" in besluiten.split("Schorsen", 1)[1]  # how it ended, by itself
    text = pdf_text(partner.get(f"/keurmerk/certifications/{certification_id}/report.pdf").data)
    assert "Schorsen: Marieke Commissie" in text and "Klachten over dreigende brieven." in text


def test_the_certification_page_asks_the_same_queries_with_more_evidence(app, auditing, people):
    """Whether each file may still change was asked of the history once per file (found: one
    query per file on the page of a certification under audit)."""
    from core.api import db
    from tests.factories import QueryCounter

    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    with app.app_context():
        engine = db.engine

    def queries() -> int:
        auditor.get(page)
        with QueryCounter(engine) as counter:
            assert auditor.get(page).status_code == 200
        return counter.count

    upload(auditor, certification_id, "een.pdf", PDF)
    one = queries()
    for n in range(4):
        upload(auditor, certification_id, f"meer-{n}.pdf", PDF)
    assert queries() == one
    assert auditor.get(page).text.count("/replace") == 5  # each may still be replaced


def test_the_lead_auditors_page_reads_the_frameworks_norms_once_per_change(app, auditing):
    """The step 'to the report' is checked for its lead auditor on every view; its guard read
    the framework's themes, norms and modules anew each time (found in review)."""
    from core.api import db
    from tests.factories import QueryCounter

    certification_id, auditor = auditing
    page = f"/keurmerk/certifications/{certification_id}"
    auditor.get(page)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        assert "Nog niet beoordeeld" in auditor.get(page).text  # the guard's reason is shown
    framework = [s for s in counter.statements if "keurmerk_theme" in s or "keurmerk_module" in s]
    assert framework == []
