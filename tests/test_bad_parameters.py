"""A query parameter or an id in the address that is not a number, or far out of range, gets the
app's own 400 or 404 page, never a 500 (an integer the database cannot hold used to reach it)."""

import pytest

HUGE = "99999999999999999999999"

BAD = [
    "/keurmerk/compare?new=",
    "/keurmerk/compare?old=&new=",
    "/keurmerk/compare",
    "/keurmerk/compare?old=1&new=abc",
    f"/keurmerk/compare?old={HUGE}&new=1",
    "/keurmerk/compare?old=-1&new=1",
    f"/keurmerk/frameworks/{HUGE}",
    f"/keurmerk/certifications/{HUGE}",
    f"/keurmerk/evidence/{HUGE}",
    f"/passendwerk/?page={HUGE}",
    "/passendwerk/?page=abc",
    f"/passendwerk/job-seekers/{HUGE}",
    f"/passendwerk/job-seekers/{HUGE}/export.json",
    f"/tasks?page={HUGE}",
    "/tasks?page=0",
    f"/workflows/instances/{HUGE}",
    f"/organisations/{HUGE}",
]


@pytest.fixture
def team_client(client, make_user, login, enable_plugin):
    enable_plugin("keurmerk")
    enable_plugin("passendwerk")
    login(client, make_user(roles={"team"}))
    return client


@pytest.mark.parametrize("url", BAD)
def test_bad_numbers_get_the_apps_400_or_404(team_client, url):
    response = team_client.get(url)
    assert response.status_code in {400, 404}, (url, response.status_code)
    assert "Foutcode" in response.text and "Warm Rotterdam" in response.text


def test_paging_still_works_with_good_numbers(team_client):
    assert team_client.get("/passendwerk/?page=2").status_code == 200
    assert team_client.get("/tasks?page=1").status_code == 200
