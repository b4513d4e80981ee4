"""In a real browser: a job seeker's name with markup stays text on the employer's tasks."""

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.test_browser import log_in
from tests.test_escaping import MARKUP, REDIRECT, introduce_markup_name

pytestmark = pytest.mark.browser


def test_employer_sees_a_markup_name_as_text_and_stays(
    page, base_url, app, make_user, login, enable_plugin
):
    enable_plugin("passendwerk")
    _, _, employer = introduce_markup_name(app, app.test_client(), make_user, login)
    # Anything the payload would make the browser fetch is caught here instead.
    fetched = []
    page.route(
        "https://evil.example/**", lambda route: (fetched.append(route.request.url), route.abort())
    )
    page.on(
        "request",
        lambda request: fetched.append(request.url) if request.url.endswith("/x") else None,
    )
    log_in(page, base_url, employer)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn taken").click()
    task = page.get_by_role("link", name="Antwoord op de kennismaking:")
    expect(task).to_have_text(f"Antwoord op de kennismaking: {REDIRECT} {MARKUP} (Verkoper)")
    page.wait_for_timeout(1500)  # longer than the meta refresh's 0 seconds would need
    assert page.url == f"{base_url}/tasks"
    assert fetched == []
    assert page.locator("body meta, main img[src='x'], main b").count() == 0
    assert axe_violations(page) == []
