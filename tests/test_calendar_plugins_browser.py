# ruff: noqa: F811  (the calendar tests' fixtures, imported, are parameters here)
"""The pages that offer a dated item for the calendar, in a real browser: they pass axe, and
the link downloads an .ics that parses back with the item's date."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import axe_violations
from tests.test_browser import log_in
from tests.test_calendar_plugins import (  # noqa: F401  (fixtures)
    LINK_TEXT,
    audit,
    framework_id,
    havensteder,
    keurmerk,
    people,
)

pytestmark = pytest.mark.browser


def download_from(page, link):
    with page.expect_download() as info:
        link.click()
    download = info.value
    (event,) = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
    return download.suggested_filename, event


def test_the_certification_and_framework_pages_offer_their_audits(
    page, base_url, people, audit, framework_id
):
    log_in(page, base_url, people["auditor"])
    page.goto(f"{base_url}/keurmerk/certifications/{audit['id']}")
    assert axe_violations(page) == []
    name, event = download_from(page, page.get_by_role("link", name=LINK_TEXT))
    assert name == f"audit-{audit['id']}.ics"
    assert event.decoded("dtstart") == date.today() + timedelta(days=7)
    page.goto(f"{base_url}/keurmerk/frameworks/{framework_id}")
    assert axe_violations(page) == []
    links = page.get_by_role("link", name=LINK_TEXT)
    assert links.count() == 2
    name, event = download_from(page, links.first)
    assert name.startswith("pilotaudit-") and event.decoded("dtstart") == date.today()
