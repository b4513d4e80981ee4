"""Dutch first, English selectable; every UI string has an English translation."""

from pathlib import Path

import pytest

from core.testing import check_translations, post_form
from dev import translated_packages

ROOT = Path(__file__).resolve().parents[1]


def test_dutch_is_the_default(client):
    page = client.get("/login").text
    assert '<html lang="nl">' in page and "<h1>Inloggen</h1>" in page


def test_visitor_switches_to_english_and_back(client, make_user, login):
    response = post_form(
        client, "/language", {"language": "en", "next": "/login"}, form_url="/login"
    )
    assert response.status_code == 302 and response.location == "/login"
    page = client.get("/login").text
    assert '<html lang="en">' in page and "<h1>Log in</h1>" in page
    login(client, make_user(roles={"team"}))  # the choice survives logging in
    assert "Programme targets" in client.get("/").text
    post_form(client, "/language", {"language": "nl", "next": "/"}, form_url="/")
    assert "Doelen van het programma" in client.get("/").text


def test_unknown_language_is_ignored(client):
    post_form(client, "/language", {"language": "xx", "next": "/login"}, form_url="/login")
    assert '<html lang="nl">' in client.get("/login").text


@pytest.mark.parametrize(
    "package", [*translated_packages(), ROOT / "tests" / "sample_plugin"], ids=lambda p: p.name
)
def test_every_ui_string_has_an_english_translation_and_is_compiled(package):
    check_translations(package)  # the same check a plugin's own tests run


def test_a_plugins_own_catalog_joins_the_core_catalog(client, make_user, login, enable_plugin):
    enable_plugin("sample")
    login(client, make_user(roles={"team"}))
    assert "Voorbeeldnotities" in client.get("/").text
    post_form(client, "/language", {"language": "en", "next": "/"}, form_url="/")
    page = client.get("/").text
    assert "Sample notes" in page and "Programme targets" in page  # plugin and core, both English


def test_a_forced_language_holds_inside_a_request_in_another(app):
    """Catalogs are kept per language (core/catalogs.py), so mail in the recipient's language
    in the middle of an English page still comes out Dutch, in Python and in templates."""
    from flask import session
    from flask_babel import force_locale, gettext, lazy_gettext

    label = lazy_gettext("Mijn taken")
    template = app.jinja_env.from_string("{{ _('Mijn taken') }}")
    with app.test_request_context("/"):
        session["language"] = "en"
        assert (gettext("Mijn taken"), str(label), template.render()) == ("My tasks",) * 3
        with force_locale("nl"):
            assert (gettext("Mijn taken"), str(label), template.render()) == ("Mijn taken",) * 3
        assert str(label) == "My tasks"
    with app.app_context():  # no request: the source text
        assert str(label) == "Mijn taken"
