# ruff: noqa: F811  (the calendar tests' fixtures, imported, are parameters here)
"""The pages that offer a dated item for the calendar, in a real browser: they pass axe, and
the link downloads an .ics that parses back with the item's date."""

from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from core.timeutil import local_today
from tests.conftest import axe_violations
from tests.test_browser import log_in
from tests.test_calendar_plugins import (  # noqa: F401  (fixtures)
    LINK_TEXT,
    audit,
    framework_id,
    havensteder,
    inducted,
    keurmerk,
    meet_and_greet,
    passendwerk,
    people,
    rotterdam_14h_in_ten_days,
    world,
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
    assert event.decoded("dtstart") == local_today() + timedelta(days=7)
    page.goto(f"{base_url}/keurmerk/frameworks/{framework_id}")
    assert axe_violations(page) == []
    links = page.get_by_role("link", name=LINK_TEXT)
    assert links.count() == 2
    name, event = download_from(page, links.first)
    assert name.startswith("pilotaudit-") and event.decoded("dtstart") == local_today()


def test_the_file_offers_the_next_feedback_talk(page, base_url, inducted):
    log_in(page, base_url, inducted["coach"])
    page.goto(f"{base_url}/passendwerk/job-seekers/{inducted['person']}")
    assert axe_violations(page) == []
    name, event = download_from(page, page.get_by_role("link", name=LINK_TEXT))
    assert name == f"feedbackgesprek-{inducted['person']}.ics"
    assert event.decoded("dtstart") == local_today() + timedelta(days=14)


def test_an_invited_employer_sees_the_meet_and_greet_and_takes_it_along(
    page, base_url, meet_and_greet
):
    log_in(page, base_url, meet_and_greet["baker"])
    page.goto(f"{base_url}/passendwerk/meet-and-greets/{meet_and_greet['event']}")
    assert axe_violations(page) == []
    name, event = download_from(page, page.get_by_role("link", name=LINK_TEXT))
    assert name == f"meet-and-greet-{meet_and_greet['event']}.ics"
    assert event.decoded("dtstart") == rotterdam_14h_in_ten_days()
