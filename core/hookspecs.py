"""The hooks a Warm Rotterdam plugin can implement.

A plugin is a module (usually a package's ``__init__``) published under the
``warmrotterdam.plugins`` entry-point group. Besides hook implementations it carries its
metadata as plain module attributes, because pluggy cannot tell which plugin returned a
hook result:

``title``
    Name shown to people, in Dutch (e.g. ``"Keurmerk Warm Sociaal Incasseren"``).
``version``
    The plugin's own version string.
``requires_api``
    A version specifier the plugin API (:data:`core.api.API_VERSION`) must satisfy, e.g.
    ``">=1.0,<2"``; the host refuses to load the plugin on another API.
``requires_core`` (optional)
    A version specifier the core release must satisfy, for a plugin that needs a fix.
``enabled_on_install`` (optional, since API 1.5)
    ``False`` for a plugin that a brand-new installation should start with switched off
    (the team enables it when the subproject starts); the default is ``True``. A plugin
    installed later always starts disabled, and ``demo load`` enables every plugin.

Implement a hook by decorating a module-level function with :data:`hookimpl` and using the
argument names below (any subset of them, in any order). Hooks are always called with
keyword arguments; do not give your implementation default values, pluggy ignores them.

Hooks in *Setup* are called once at start-up for every installed plugin, enabled or not,
because Flask cannot unregister a blueprint or a command later. All other hooks are called
only for plugins the programme team has enabled, on every request that needs them, so
enabling or disabling a plugin takes effect at once in every worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from datetime import datetime

    import click
    from flask import Blueprint

    from .accounts.models import User
    from .calendar.items import CalendarItem
    from .demo import DemoWorld
    from .figures.targets import ProgrammeTarget
    from .organisations.kinds import OrganisationKind
    from .plugin_settings import Setting
    from .roles import Role
    from .ui import NavItem, Task, Widget
    from .workflow.declaration import Transition, Workflow
    from .workflow.models import WorkflowInstance

PROJECT = "warmrotterdam"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


def deprecated(reason: str):
    """Mark a hook for removal in the next major API version.

    A plugin that still implements it loads and works, and a ``DeprecationWarning`` naming
    the hook and what to use instead is raised when it is registered (pluggy's
    ``warn_on_impl``), so plugin tests that turn warnings into errors catch it early.
    """
    return hookspec(warn_on_impl=DeprecationWarning(reason))


# --------------------------------------------------------------------------- Setup


@hookspec
def warmrotterdam_blueprints() -> list[Blueprint]:
    """Return the Flask blueprints of this plugin.

    Called once at start-up. The blueprint must be named after the plugin (the entry-point
    name); its templates must live in ``templates/<plugin>/``. Every view needs an access
    declaration (:func:`core.access.public` or :func:`core.access.requires`). While the
    plugin is disabled its pages answer 404.

    :return: a list of :class:`flask.Blueprint`.
    """


@hookspec
def warmrotterdam_cli_commands() -> list[click.Command]:
    """Return click commands or groups to add to ``flask --app wsgi``.

    Called once at start-up. Name a group after the plugin (``flask --app wsgi keurmerk ...``)
    and make it a :class:`flask.cli.AppGroup`, so its commands run inside the app context.

    :return: a list of :class:`click.Command`.
    """


# --------------------------------------------------------------------------- Declarations


@hookspec
def warmrotterdam_settings() -> list[Setting]:
    """Return the settings this plugin can be given, each with its default.

    A setting ``Setting("RETENTION_DAYS", 730, whole_number(1), "...")`` of plugin
    ``passendwerk`` is ``PASSENDWERK_RETENTION_DAYS``: set in ``instance/config.py``, as an
    environment variable (parsed with ``parse``; a value it refuses stops the plugin from
    loading, with a message naming the setting), or by the caller of ``create_app``. Read it
    as ``current_app.config["PASSENDWERK_RETENTION_DAYS"]``; it is always there. Beheer shows
    every value and where it came from (not the value of a ``secret`` one).

    :return: a list of :class:`core.api.Setting`.
    """


@hookspec
def warmrotterdam_roles() -> list[Role]:
    """Return the roles this plugin adds to the core roles (admin, team, expert, partner, board).

    Set ``acts_for_organisation=True`` on a role whose holders work for their organisation
    (an employer): a workflow step only such roles may take is then theirs on records of
    their own organisation alone. While the plugin is disabled its roles are not offered,
    and people who hold one keep it for when the plugin comes back.

    :return: a list of :class:`core.api.Role`; names must be unique across plugins.
    """


@hookspec
def warmrotterdam_organisation_kinds() -> list[OrganisationKind]:
    """Return the kinds of organisation this plugin adds (e.g. ``employer``).

    Offered on the organisation form while the plugin is enabled; an organisation of a
    disabled plugin's kind keeps it.

    :return: a list of :class:`core.api.OrganisationKind`.
    """


@hookspec
def warmrotterdam_permissions() -> Mapping[str, Iterable[str]]:
    """Declare which roles hold which permissions of this plugin.

    Name permissions ``<plugin>.<what>`` (e.g. ``"keurmerk.audit"``) and use them in
    :func:`core.access.requires`. The ``admin`` role holds every permission.

    :return: a mapping of permission name to an iterable of role names.
    """


@hookspec
def warmrotterdam_workflows() -> list[Workflow]:
    """Return the workflow declarations of this plugin (:class:`core.workflow.Workflow`).

    Called once at start-up for every installed plugin, like the *Setup* hooks: the engine
    builds one state machine per workflow version. Keys start with the plugin name
    (``"keurmerk.certification"``). Keep returning older versions while instances still run
    on them; new instances start on the highest version. An unsound declaration stops the
    plugin from loading, with a message naming the plugin and the problem. While the plugin
    is disabled its workflows are hidden from the inbox, panels and ``workflows tick``.

    :return: a list of :class:`core.workflow.Workflow`.
    """


# --------------------------------------------------------------------------- UI contributions


@hookspec
def warmrotterdam_navigation(user: User) -> list[NavItem]:
    """Return menu items for ``user`` (the logged-in :class:`core.accounts.models.User`).

    Return only the items ``user`` may open; the menu shows what you return. The confirmation
    page for switching the plugin also calls this once per role, with a stand-in user that is
    not in the database (its ``id`` is ``None``); do not change anything here.

    :return: a list of :class:`core.ui.NavItem`.
    """


@hookspec
def warmrotterdam_dashboard_widgets(user: User) -> list[Widget]:
    """Return dashboard widgets for ``user``.

    Render the widget's body with :func:`flask.render_template` from your own
    ``templates/<plugin>/`` folder; keep it to a few queries. The confirmation page for
    switching the plugin calls this with a stand-in user holding every role (``id`` is
    ``None``) to list the widgets' titles.

    :return: a list of :class:`core.ui.Widget`.
    """


@hookspec
def warmrotterdam_public_pages() -> list[NavItem]:
    """Return the pages of this plugin that anyone may open without logging in (a public
    register, a map), for the app's public landing page at ``/``; since API 1.5.

    Called on every visit of the landing page, for enabled plugins only; link only to views
    marked :func:`core.access.public`. The label says in a few words what a visitor finds
    there; ``order`` sorts the list.

    :return: a list of :class:`core.ui.NavItem`.
    """


@hookspec
def warmrotterdam_tasks(user: User, limit: int) -> list[Task]:
    """Return what ``user`` must do besides workflow steps, for "Mijn taken": at most
    ``limit`` tasks, the soonest due first.

    The core shows the soonest few of all plugins' tasks and pages the rest, asking each
    plugin for one more than it shows, so a team with hundreds of tasks never builds them
    all (``LIMIT`` in your query, ordered by what makes the due date). Keep it to one or two
    queries; it runs on every visit of the inbox and the home page. (``limit`` since API 1.4;
    an implementation without it is still called, and then returns all its tasks.)

    :return: a list of :class:`core.ui.Task`, each with a ``due`` date.
    """


@hookspec
def warmrotterdam_qualified_people(qualification: str) -> list[User]:
    """Return the people this plugin knows to hold ``qualification``, a name another plugin
    asks for and documents (``"keurmerk.co_auditor"``: experts by experience trained to
    audit). A register of experts, say, answers for the people it trained. Return ``[]`` for a
    qualification you do not know. Ask with :func:`core.api.qualified_people`.

    :return: a list of :class:`core.api.User`.
    """


@hookspec
def warmrotterdam_programme_targets() -> list[ProgrammeTarget]:
    """Return the programme plan's targets whose figures this plugin keeps (experts by
    experience who took part, partner organisations with a signed agreement); since API 1.6.

    Called for the dashboard (the value today), for the team's page ``/cijfers`` (the value at
    the end of each of the last eight quarters) and when the team publishes a quarter's
    figures for the public page ``/voortgang``. ``counts(dates)`` gets a list of dates and
    returns the value on each, in the same order, in **one** query (``COUNT(CASE WHEN ...)``
    per date), so eight quarter-ends cost what one day costs. Count only, on the date's
    state of the records: no names reach these pages. Give each target a stable ``key``
    starting with the plugin's name (published figures are kept under it), and ``url`` the
    list behind the figure for the team (or ``None``).

    :return: a list of :class:`core.api.ProgrammeTarget`.
    """


@hookspec
def warmrotterdam_calendar_items(user: User) -> list[CalendarItem]:
    """Return the dated items of this plugin for ``user``'s calendar feed (an audit, a
    Meet & Greet, a feedback talk), from 30 days ago to a year ahead: the days
    ``core.api.calendar_window()`` returns.

    Return only what ``user`` may see; a title says what it is without data the person may not
    see on the item's page. Offer a single download too with
    ``ics_response([item], "audit-12.ics")``.

    :return: a list of :class:`core.api.CalendarItem`.
    """


@hookspec
def warmrotterdam_tick(now: datetime) -> list[str]:
    """Do this plugin's timed work that is due at ``now`` (a naive UTC datetime): a reminder
    to someone without an account, say. Called by ``flask --app wsgi workflows tick`` (cron,
    every minute) and the worker, after the workflows' timeouts and reminders; since 1.5.

    Links work as in a page (``core.api.absolute_url``, on ``PUBLIC_URL`` from cron).
    It may run on several machines at once, so do each piece of work exactly once (claim it
    with a unique row or :func:`core.api.lock_row` in the transaction that does it) and
    commit your own transactions.

    :return: short lines saying what was done ("2 herinneringen verstuurd"), for the
        command's output; empty when nothing was due.
    """


# --------------------------------------------------------------------------- Demo data


@hookspec
def warmrotterdam_demo_data(demo: DemoWorld) -> None:
    """Add this plugin's demo data; must be idempotent (``demo load`` may run again).

    ``demo`` is a :class:`core.demo.DemoWorld` holding the core's demo accounts per role
    (``demo.users["partner"]``) and demo organisations by name
    (``demo.organisations["Havensteder"]``). Create the accounts of your own roles with
    ``demo.account("auditor", "Kees Auditor")`` and your own organisations with
    ``demo.organisation("Roffabriek", kind="employer")``; both return what exists already.
    Add rows to ``db.session``; the core commits.
    """


# --------------------------------------------------------------------------- Runtime events


@hookspec
def warmrotterdam_workflow_transitioned(
    instance: WorkflowInstance,
    transition: Transition,
    actor: User | None,
    data: dict[str, Any],
) -> None:
    """Called inside the transaction of every fired workflow transition, of every plugin.

    For observing other plugins' workflows (a dashboard that counts certifications, say). A
    plugin reacting to its *own* workflow declares that on the declaration instead
    (``Transition(effect=...)``, ``Workflow(on_transition=...)``), so it hears only its own.

    ``instance`` is the workflow instance (already in its new state), ``transition`` the
    declared transition that fired, ``actor`` the user who fired it, or ``None`` for a
    timeout, ``data`` the transition form's validated answers as Python values (empty without
    a form). Raising an exception rolls the whole transition back and shows the user that
    it did not happen, so raise only when the transition must not happen.
    """
