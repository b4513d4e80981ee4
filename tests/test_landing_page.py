"""The home page: a visitor sees what Warm Rotterdam is and the public pages of the enabled
plugins; someone logged in sees the dashboard."""

import re

CAMPAIGN_MAP = '<a href="/campaign/warmtebronnen">Warmtebronnen in Rotterdam</a>'
KEURMERK_REGISTER = '<a href="/keurmerk/register">Register Keurmerk Warm Sociaal Incasseren</a>'


def test_a_visitor_gets_the_landing_page_with_a_way_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1>Warm Rotterdam</h1>" in response.text
    assert "Warm Rotterdam is een beweging tegen armoede en schulden in Rotterdam." in response.text
    assert '<a href="/login">Inloggen</a>' in response.text
    assert "Doelen van het programma" not in response.text  # the dashboard is not public


def test_without_enabled_plugins_there_are_no_public_pages_to_list(client):
    page = client.get("/").text
    assert "Voor iedereen" not in page
    assert CAMPAIGN_MAP not in page and KEURMERK_REGISTER not in page


def test_the_landing_page_lists_the_public_pages_of_enabled_plugins_only(client, enable_plugin):
    enable_plugin("campaign")
    page = client.get("/").text
    assert "Voor iedereen" in page and CAMPAIGN_MAP in page
    assert KEURMERK_REGISTER not in page  # keurmerk is still disabled

    enable_plugin("keurmerk")
    page = client.get("/").text
    # Sorted by the order each plugin gives: the register (40) before the map (50).
    assert page.index(KEURMERK_REGISTER) < page.index(CAMPAIGN_MAP)

    enable_plugin("campaign", enabled=False)
    page = client.get("/").text
    assert KEURMERK_REGISTER in page and CAMPAIGN_MAP not in page


def test_every_listed_page_opens_without_logging_in(client, enable_plugin):
    enable_plugin("campaign")
    enable_plugin("keurmerk")
    section = client.get("/").text.split('id="public-pages-title"', 1)[1].split("</section>")[0]
    links = re.findall(r'href="([^"]+)"', section)
    assert links == ["/keurmerk/register", "/campaign/warmtebronnen", "/campaign/armoede-index/"]
    for url in links:
        assert client.get(url).status_code == 200, url


def test_someone_logged_in_gets_the_dashboard(client, make_user, login, enable_plugin):
    enable_plugin("campaign")
    login(client, make_user(roles={"team"}))
    page = client.get("/").text
    assert "Doelen van het programma" in page
    assert "Voor iedereen" not in page


def test_a_protected_page_still_sends_a_visitor_to_log_in(client):
    response = client.get("/tasks")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=/tasks")
