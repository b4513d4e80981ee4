"""What a plugin brings: what disappears when it is disabled and comes back when it is enabled.

Everything is asked of the plugin host, the URL map and the workflow engine, so the core
needs to know no plugin by name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func

from ..access import access_rule_for
from ..accounts.models import User, UserRole
from ..extensions import db
from ..plugin_host import plugin_host
from ..roles import available_roles
from ..workflow import engine_of
from ..workflow.models import WorkflowInstance


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    roles: list[str]  # labels of the roles that see it


@dataclass(frozen=True)
class WorkflowEntry:
    title: str
    open_instances: int


@dataclass(frozen=True)
class RoleEntry:
    label: str
    holders: int


@dataclass(frozen=True)
class Footprint:
    menu: list[MenuEntry]
    pages: int
    public_pages: list[str]
    widgets: list[str]
    workflows: list[WorkflowEntry]
    roles: list[RoleEntry]


def footprint(name: str) -> Footprint:
    host = plugin_host()
    plugin = host.plugins[name]
    with host.as_if_enabled(name):  # a disabled plugin's hooks would show nothing
        roles = available_roles()
        menu = _menu(host, name, roles)
        everyone = _stand_in({r.name for r in roles})
        widgets = [
            str(w.title)
            for w in host.call_one(name, "warmrotterdam_dashboard_widgets", user=everyone)
        ]
    pages, public_pages = _pages(plugin.blueprint_names)
    return Footprint(
        menu=menu,
        pages=pages,
        public_pages=public_pages,
        widgets=widgets,
        workflows=_workflows(name),
        roles=_roles(host.call_one(name, "warmrotterdam_roles")),
    )


def _stand_in(role_names: set[str]) -> User:
    """A person holding these roles, never added to the session: hooks answer per person."""
    person = User(email="", display_name="", active=True)
    person.roles = [UserRole(role=role) for role in sorted(role_names)]
    return person


def _menu(host, name: str, roles) -> list[MenuEntry]:
    # Asked role by role: a plugin may show different items to different roles.
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for role in roles:
        for item in host.call_one(name, "warmrotterdam_navigation", user=_stand_in({role.name})):
            seen[(str(item.label), item.url)].append(str(role.label))
    return [MenuEntry(label, url, who) for (label, url), who in seen.items()]


def _pages(blueprint_names: set[str]) -> tuple[int, list[str]]:
    """Pages are the plugin's URLs that answer GET (downloads too); public ones by address."""
    rules = [
        rule
        for rule in current_app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in blueprint_names
        and not rule.endpoint.endswith(".static")
        and "GET" in rule.methods
    ]
    public = sorted(rule.rule for rule in rules if access_rule_for(rule.endpoint).public)
    return len(rules), public


def _workflows(name: str) -> list[WorkflowEntry]:
    engine = engine_of()
    keys = sorted(key for key, owner in engine.owners.items() if owner == name)
    open_count: dict[str, int] = dict.fromkeys(keys, 0)
    per_state = db.session.execute(
        db.select(
            WorkflowInstance.workflow_key,
            WorkflowInstance.workflow_version,
            WorkflowInstance.state,
            func.count(),
        )
        .where(WorkflowInstance.workflow_key.in_(keys))
        .group_by(
            WorkflowInstance.workflow_key, WorkflowInstance.workflow_version, WorkflowInstance.state
        )
    )
    for key, version, state, count in per_state:
        declaration = engine.workflows.get((key, version))
        finished = (
            declaration and declaration.has_state(state) and declaration.state(state).terminal
        )
        if not finished:
            open_count[key] += count
    return [WorkflowEntry(str(engine.latest(key).title), open_count[key]) for key in keys]


def _roles(roles) -> list[RoleEntry]:
    names = [r.name for r in roles]
    holders = dict(
        db.session.execute(
            db.select(UserRole.role, func.count())
            .where(UserRole.role.in_(names))
            .group_by(UserRole.role)
        ).all()
    )
    return [RoleEntry(str(r.label), holders.get(r.name, 0)) for r in roles]
