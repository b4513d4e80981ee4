# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Keurmerk in a real browser: the auditor adds, replaces and deletes evidence on the
certification page, and the report and the verification page offer their PDFs; every page
checked with axe."""

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import MultiDict

from core.extensions import db
from plugins.keurmerk.certification.models import Certification
from tests.conftest import axe_violations
from tests.test_browser import log_in
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
from tests.test_keurmerk_documents import PDF

pytestmark = pytest.mark.browser


def test_auditor_handles_evidence_and_the_report_offers_its_pdfs(
    browser, base_url, app, client, framework_id, havensteder, people, login
):
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)

    page = browser.new_page()
    log_in(page, base_url, people["auditor"])
    page.goto(f"{base_url}/keurmerk/certifications/{certification_id}")
    file = {"name": "brieven.pdf", "mimeType": "application/pdf", "buffer": PDF}
    page.get_by_label("Bestand toevoegen").set_input_files(file)
    page.get_by_label("Bij norm (niet verplicht)").select_option(label="I1 Vroeg contact")
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(page.get_by_text("Het bestand is toegevoegd.")).to_be_visible()
    expect(page.locator(".evidence-list")).to_contain_text("34 bytes, bij I1 · Vroeg contact")
    assert axe_violations(page) == []  # with the delete and replace forms

    page.get_by_label("Vervangen door (brieven.pdf)").set_input_files(
        {**file, "name": "nieuwe-brieven.pdf"}
    )
    page.get_by_role("button", name="Vervangen brieven.pdf").click()
    expect(page.get_by_text("Het bestand is vervangen.")).to_be_visible()
    expect(page.get_by_role("link", name="nieuwe-brieven.pdf", exact=True)).to_be_visible()
    page.get_by_label("Bestand toevoegen").set_input_files({**file, "name": "fout.pdf"})
    page.get_by_role("button", name="Bestand uploaden").click()
    page.get_by_role("button", name="Verwijderen fout.pdf").click()
    expect(page.get_by_text("Het bestand is verwijderd.")).to_be_visible()
    expect(page.get_by_role("link", name="fout.pdf", exact=True)).to_have_count(0)
    assert axe_violations(page) == []

    auditor = app.test_client()
    login(auditor, people["auditor"])
    judge(auditor, certification_id, "I1", app)
    fire(app, certification_id, "to_report", people["auditor"])
    fire(app, certification_id, "submit_report", people["auditor"])
    with app.app_context():
        module_id = db.session.get(Certification, certification_id).modules[0].id
    fire(
        app,
        certification_id,
        "certify",
        people["committee"],
        formdata=MultiDict([("modules", str(module_id))]),
        comment="Akkoord.",
    )
    with app.app_context():
        number = db.session.get(Certification, certification_id).certificate_number

    page.goto(f"{base_url}/keurmerk/certifications/{certification_id}")
    expect(page.get_by_text("deze bestanden blijven zoals ze zijn")).to_be_visible()
    expect(page.get_by_role("link", name="Certificaat downloaden (PDF)")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Rapport bekijken en afdrukken").click()
    expect(page.get_by_role("table", name="Oordelen per thema")).to_contain_text(
        "Eigen incassobeleid"
    )
    expect(page.get_by_role("link", name="Rapport downloaden (PDF)")).to_be_visible()
    expect(page.get_by_text("Akkoord.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="← Terug naar de certificering").click()
    expect(page.get_by_role("heading", name="Certificering Havensteder", level=1)).to_be_visible()

    public = browser.new_page()
    public.goto(f"{base_url}/keurmerk/register/{number}")
    expect(public.get_by_role("link", name="Certificaat downloaden (PDF)")).to_be_visible()
    assert axe_violations(public) == []
