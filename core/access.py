"""Access by declaration: every view says it is public or which permission it needs.

A view without a declaration is refused (deny by default); `tests/test_route_access.py`
walks every URL rule so a forgotten declaration fails the build before it reaches a user.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from .plugin_host import plugin_host

# Any logged-in, active user: the dashboard, the own organisation, the own account.
AUTHENTICATED = "authenticated"

# Who may do what in the core; plugins extend this through `warmrotterdam_permissions`.
CORE_PERMISSIONS: dict[str, set[str]] = {
    "admin.view": {"admin", "team"},
    # The team runs the programme: people and subprojects. Admin accounts, the outbox (it
    # holds invitation links) and the security log stay with the admins.
    "users.manage": {"admin", "team"},
    "admins.manage": {"admin"},
    "plugins.manage": {"admin", "team"},
    "outbox.view": {"admin"},
    "security_log.view": {"admin"},
    "organisations.view_all": {"admin", "team", "board"},
    "organisations.manage": {"admin", "team"},
    "meetings.view": {"admin", "team", "board", "expert"},
    "meetings.manage": {"admin", "team"},
    "workflows.overview": {"admin", "team", "board"},
    # The trend per quarter with the lists behind it, and publishing a quarter's figures.
    "figures.view": {"admin", "team"},
    "figures.publish": {"admin", "team"},
}


@dataclass(frozen=True)
class AccessRule:
    public: bool = False
    permission: str | None = None


def public(view: Callable) -> Callable:
    """Mark a view as reachable without logging in."""
    view.access_rule = AccessRule(public=True)
    return view


def requires(permission: str) -> Callable[[Callable], Callable]:
    """Mark a view as reachable for logged-in users holding `permission`."""

    def mark(view: Callable) -> Callable:
        view.access_rule = AccessRule(permission=permission)
        return view

    return mark


def access_rule_for(endpoint: str) -> AccessRule | None:
    if endpoint == "static" or endpoint.endswith(".static"):
        return AccessRule(public=True)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def permission_table() -> dict[str, set[str]]:
    """Core permissions merged with those of every enabled plugin, computed once per request."""

    def merge() -> dict[str, set[str]]:
        table = {name: set(roles) for name, roles in CORE_PERMISSIONS.items()}
        for contribution in plugin_host().hook("warmrotterdam_permissions")():
            for name, roles in contribution.items():
                table.setdefault(name, set()).update(roles)
        return table

    return plugin_host().declared("permissions", merge)


def roles_with(permission: str) -> set[str]:
    return permission_table().get(permission, set()) | {"admin"}


def user_can(user, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if permission == AUTHENTICATED:
        return True
    return bool(user.role_names & roles_with(permission))


def user_has_any(user, permissions: Iterable[str]) -> bool:
    return any(user_can(user, p) for p in permissions)


def enforce_access() -> None:
    """`before_request`: apply the declared rule of the matched view."""
    if request.endpoint is None:  # no route matched; Flask answers 404 itself
        return None
    rule = access_rule_for(request.endpoint)
    if rule is None:
        current_app.logger.error("View %s declares no access rule; refused", request.endpoint)
        abort(403)
    if rule.public:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if not user_can(current_user, rule.permission):
        abort(403)
    return None
