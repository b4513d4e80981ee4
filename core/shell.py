"""The page shell: menu and language choice for every template."""

from flask import Flask, g, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .access import user_can
from .data_cache import cached
from .notifications.views import unread_count
from .plugin_host import plugin_host
from .rotterdam import euros
from .timeutil import local_today, utcnow
from .ui import NavItem


def core_navigation(user) -> list[NavItem]:
    items = [
        NavItem(_l("Overzicht"), url_for("dashboard.index"), 10),
        NavItem(_l("Mijn taken"), url_for("workflows.inbox"), 15),
    ]
    if user_can(user, "organisations.view_all") or user.memberships:
        items.append(NavItem(_l("Organisaties"), url_for("organisations.index"), 20))
    if user_can(user, "meetings.view"):
        items.append(NavItem(_l("Bijeenkomsten"), url_for("meetings.index"), 30))
    if user_can(user, "admin.view"):
        items.append(NavItem(_l("Beheer"), url_for("admin.index"), 90))
    return items


def navigation(user) -> list[NavItem]:
    host = plugin_host()
    items = core_navigation(user) + host.call("warmrotterdam_navigation", user=user)
    return sorted(items, key=lambda item: item.order)


def request_navigation() -> list[NavItem]:
    """The signed-in user's menu, built once per request: every `render_template` runs the
    context processors, and a dashboard renders a template per widget."""
    if not current_user.is_authenticated:
        return []
    memo = g.get("navigation_for")
    if memo is None or memo[0] != current_user.id:
        # The menu follows the user's roles and memberships: it changes only with the data.
        items = cached(
            ("shell.navigation", current_user.id), lambda: tuple(navigation(current_user))
        )
        memo = g.navigation_for = (current_user.id, list(items))
    return memo[1]


def request_unread_count() -> int:
    """The bell's count: asked on every page, changed only when a notification is saved."""
    return cached(("shell.unread", current_user.id), lambda: unread_count(current_user))


def current_url(items: list[NavItem], path: str) -> str | None:
    """The menu item the page at `path` belongs to: the longest address it starts with, so
    on /jijdoetertoe/organen "Organen" is current, not also "Jij doet ertoe" (/jijdoetertoe/)."""
    matching = [
        item.url
        for item in items
        if path == item.url or (item.url != "/" and path.startswith(item.url))
    ]
    return max(matching, key=len, default=None)


def register_shell(app: Flask) -> None:
    app.add_template_filter(euros, "euros")

    @app.context_processor
    def shell_context():
        return {
            "navigation": request_navigation(),
            "current_menu_url": lambda items: current_url(items, request.path),
            "languages": app.config["LANGUAGES"],
            "current_language": str(get_locale()),
            "can": lambda permission: user_can(current_user, permission),
            "now_utc": utcnow,
            "local_today": local_today,
            "unread_notifications": request_unread_count,
        }
