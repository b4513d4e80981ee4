# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""The public register in a real browser, every page checked with axe: an anonymous visitor
searches the register, opens a certificate's verification page and downloads its PDF."""

from datetime import date
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import axe_violations
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    framework_id,
    people,
)
from tests.test_keurmerk_register import on_register

pytestmark = pytest.mark.browser


def test_a_visitor_searches_the_register_and_checks_a_certificate(
    browser, base_url, app, framework_id
):
    on_register(app, "Havensteder", "WR-ABCDEFGH23")
    on_register(app, "Woonstad Rotterdam", "WR-WOONSTAD22")
    on_register(
        app,
        "École de Rotterdam",
        "WR-ECOLE23456",
        state="geschorst",
        suspended_on=date(2026, 11, 2),
        suspension_reason="Klachten over brieven",
    )
    page = browser.new_page()  # not logged in
    page.goto(f"{base_url}/keurmerk/register")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Register Keurmerk Warm Sociaal Incasseren"
    )
    assert axe_violations(page) == []

    search = page.get_by_role("search")
    search.get_by_label("Certificaatnummer of naam van de organisatie").fill("école")
    search.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_have_text("1 certificaat gevonden voor: école")
    table = page.get_by_role("table", name="Register")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and one certificate
    expect(table).to_contain_text("geschorst sinds 2 nov 2026: Klachten over brieven")
    assert axe_violations(page) == []

    search.get_by_label("Certificaatnummer of naam van de organisatie").fill(" wr-abcdefgh23 ")
    search.get_by_role("button", name="Zoeken").click()
    expect(table).to_contain_text("Havensteder")
    table.get_by_role("link", name="WR-ABCDEFGH23").click()

    expect(page).to_have_url(f"{base_url}/keurmerk/register/WR-ABCDEFGH23")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaat WR-ABCDEFGH23")
    expect(page.get_by_text("Havensteder: dit certificaat is geldig.")).to_be_visible()
    assert axe_violations(page) == []

    # A number typed by hand in small letters lands on the same page.
    page.goto(f"{base_url}/keurmerk/register/wr-abcdefgh23")
    expect(page).to_have_url(f"{base_url}/keurmerk/register/WR-ABCDEFGH23")

    # ... and its certificate downloads as a PDF that names it.
    page.goto(f"{base_url}/keurmerk/register/WR-ABCDEFGH23")
    with page.expect_download() as download:
        page.get_by_role("link", name="Certificaat downloaden (PDF)").click()
    text = "".join(
        p.extract_text() for p in PdfReader(BytesIO(open(download.value.path(), "rb").read())).pages
    )
    assert "WR-ABCDEFGH23" in text and "Havensteder" in text
