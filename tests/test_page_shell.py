"""The page shell's menu is built once per change of the data, however many templates a page
renders (a dashboard renders one per widget, and each render runs the context processors)."""

import re

import core.shell
from core.accounts.models import User
from core.extensions import db


def test_the_dashboard_builds_the_menu_once(
    client, login, user_with_role, enable_plugin, monkeypatch
):
    for plugin in ("keurmerk", "passendwerk"):  # each renders a widget of its own
        enable_plugin(plugin)
    team = user_with_role("team")
    login(client, team)
    built = []
    original = core.shell.navigation

    def counting(user):
        built.append(user.id)
        return original(user)

    monkeypatch.setattr(core.shell, "navigation", counting)
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.count('class="panel widget"') >= 2
    assert built == [team.id]
    assert 'href="/tasks"' in page.text  # the menu is still there
    client.get("/")
    assert built == [team.id]  # kept while nothing is saved (core.api.cached)
    with client.application.app_context():
        db.session.execute(db.update(User).where(User.id == team.id).values(display_name="T"))
        db.session.commit()
    client.get("/")
    assert built == [team.id, team.id]  # and built anew after a change


def test_a_visitor_gets_no_menu_and_builds_none(client, monkeypatch):
    built = []
    monkeypatch.setattr(core.shell, "navigation", lambda user: built.append(user) or [])
    assert client.get("/login").status_code == 200
    assert built == []


def test_only_the_menu_item_a_page_belongs_to_is_marked_current(
    client, login, user_with_role, enable_plugin
):
    """Found: on a page under /jijdoetertoe/organen/ both "Jij doet ertoe" (/jijdoetertoe/) and
    "Organen" were marked as the current page; a screen reader heard two."""
    enable_plugin("jijdoetertoe")
    login(client, user_with_role("team"))
    page = client.get("/jijdoetertoe/organen/")
    assert page.status_code == 200
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', page.text)
    assert current == ["/jijdoetertoe/organen/"]
    assert re.findall(
        r'<a href="([^"]+)" aria-current="page"', client.get("/jijdoetertoe/").text
    ) == ["/jijdoetertoe/"]
