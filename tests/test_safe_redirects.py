"""After login or a language switch the app only follows a same-site path: no open redirect,
no 500 on control characters."""

import pytest

from core.testing import TEST_PASSWORD, post_form

HOSTILE = [
    "//evil.example",
    "/%09/evil.example",  # a tab: browsers drop it and read //evil.example
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_login_never_redirects_off_site(client, make_user, target):
    user = make_user(roles={"team"})
    response = post_form(
        client,
        f"/login?next={target}",
        {"email": user.email, "password": TEST_PASSWORD},
        form_url="/login",
    )
    assert response.status_code == 302
    assert response.location == "/"


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_never_redirects_off_site(client, target):
    from urllib.parse import unquote

    response = post_form(
        client, "/language", {"language": "en", "next": unquote(target)}, form_url="/login"
    )
    assert response.status_code == 302
    assert response.location == "/"


def test_a_same_site_path_with_query_is_followed(client, make_user):
    user = make_user(roles={"team"})
    response = post_form(
        client,
        "/login?next=/tasks%3Fpage%3D2",
        {"email": user.email, "password": TEST_PASSWORD},
        form_url="/login",
    )
    assert response.location == "/tasks?page=2"


def test_a_nul_byte_in_the_target_is_refused_before_anything_happens(client, make_user):
    user = make_user(roles={"team"})
    response = post_form(
        client,
        "/login?next=/%00",
        {"email": user.email, "password": TEST_PASSWORD},
        form_url="/login",
    )
    assert response.status_code == 400
    assert client.get("/tasks").status_code == 302  # not logged in
