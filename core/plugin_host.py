"""Find, load, check and gate plugins.

Every installed plugin is loaded once at start-up (Flask cannot unregister a blueprint);
the enabled flag in the database decides, per request, whether its pages answer and
whether its hooks are called. That gives live enable/disable in every worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
from flask import Flask, abort, current_app, g, request
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from sqlalchemy.exc import IntegrityError

from . import hookspecs, plugin_settings
from .extensions import db
from .models import PluginState
from .timeutil import utcnow
from .version import API_VERSION, __version__

ENTRY_POINT_GROUP = "warmrotterdam.plugins"
log = logging.getLogger(__name__)


def plugin_host() -> PluginHost:
    """The running app's plugin host."""
    return current_app.extensions["plugin_host"]


class PluginError(Exception):
    """A plugin cannot be loaded; the message names the plugin and the fix."""


@dataclass
class Plugin:
    name: str
    module: ModuleType
    title: str
    version: str
    blueprint_names: set[str] = field(default_factory=set)
    settings: list[plugin_settings.SettingValue] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return Path(self.module.__file__).parent

    @property
    def migrations_dir(self) -> Path | None:
        path = self.root / "migrations"
        return path if path.is_dir() else None


def discover(extra: list[str] | None = None) -> list[EntryPoint]:
    """Installed plugins, plus `PLUGINS_EXTRA` entries ("name = module") from the config."""
    found = list(entry_points(group=ENTRY_POINT_GROUP))
    for spec in extra or []:
        name, _, value = (part.strip() for part in spec.partition("="))
        found.append(EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP))
    return sorted(found, key=lambda ep: ep.name)


class PluginHost:
    def __init__(self) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.plugins: dict[str, Plugin] = {}
        self.failures: dict[str, str] = {}
        self.blueprint_owner: dict[str, str] = {}
        self._callers: dict[tuple[str, frozenset], object] = {}
        # (monotonic time read, names): the enabled plugins as this worker last read them.
        self._enabled_read: tuple[float, frozenset[str]] | None = None

    # ------------------------------------------------------------------ start-up

    def load_all(self, app: Flask, entry_points_: list[EntryPoint], strict: bool) -> None:
        for ep in entry_points_:
            try:
                self._load(app, ep)
            except Exception as exc:
                if strict:
                    raise
                self.failures[ep.name] = f"{type(exc).__name__}: {exc}"
                log.exception("Plugin %s failed to load and is left out", ep.name)
        self.manager.check_pending()

    def _load(self, app: Flask, ep: EntryPoint) -> None:
        name = ep.name
        if name in self.plugins:
            raise PluginError(f"Plugin {name}: the name is used by two packages; rename one.")
        module = ep.load()
        plugin = Plugin(
            name=name,
            module=module,
            title=str(getattr(module, "title", name)),
            version=str(getattr(module, "version", "?")),
        )
        _check_versions(plugin)
        self.manager.register(module, name=name)
        try:
            self.manager.check_pending()
            declared = self.call_one(name, "warmrotterdam_settings")
            try:
                plugin.settings = plugin_settings.resolve(app, name, declared)
            except plugin_settings.SettingError as exc:
                raise PluginError(f"Plugin {name}: {exc}") from None
            blueprints = self.call_one(name, "warmrotterdam_blueprints")
            _check_blueprints(plugin, blueprints)
            _check_tables(plugin)
            for blueprint in blueprints:
                app.register_blueprint(blueprint)
                plugin.blueprint_names.add(blueprint.name)
                self.blueprint_owner[blueprint.name] = name
            for command in self.call_one(name, "warmrotterdam_cli_commands"):
                app.cli.add_command(command)
        except Exception:
            self.manager.unregister(module)
            raise
        self.plugins[name] = plugin

    def call_one(self, name: str, hook_name: str, **kwargs) -> list:
        """Call one plugin's implementation of a hook, so we know whose result it is."""
        others = [p.module for p in self.plugins.values() if p.name != name]
        caller = self.manager.subset_hook_caller(hook_name, remove_plugins=others)
        return [item for result in caller(**kwargs) for item in result or []]

    def mark_failed(self, name: str, error: str) -> None:
        """Leave out a plugin found unsound after loading (its pages then answer 404)."""
        plugin = self.plugins.pop(name)
        self.manager.unregister(plugin.module)
        self._callers.clear()
        self.failures[name] = error
        log.error("Plugin %s is left out: %s", name, error)

    # ------------------------------------------------------------------ runtime

    def enabled_names(self) -> set[str]:
        """Names of enabled, loaded plugins: read at most every PLUGIN_STATE_SECONDS per
        worker (a query on every request was a tenth of a small page's cost), and fixed for
        the rest of a request once read."""
        if "enabled_plugins" not in g:
            now = time.monotonic()
            read = self._enabled_read
            if read is None or now - read[0] >= current_app.config["PLUGIN_STATE_SECONDS"]:
                rows = db.session.scalars(
                    db.select(PluginState.name).where(PluginState.enabled.is_(True))
                ).all()
                read = self._enabled_read = (now, frozenset(rows))
            g.enabled_plugins = set(read[1]) & set(self.plugins)
        return g.enabled_plugins

    def forget_enabled(self) -> None:
        """Read the enabled plugins again on next use (after a change in this process)."""
        self._enabled_read = None
        g.pop("enabled_plugins", None)
        g.pop("plugin_declarations", None)

    def hook(self, hook_name: str):
        """A hook caller that leaves out every disabled plugin."""
        disabled = frozenset(self.plugins) - self.enabled_names()
        key = (hook_name, disabled)
        if key not in self._callers:  # a subset caller reads the registered hooks at call time
            modules = [self.plugins[name].module for name in disabled]
            self._callers[key] = self.manager.subset_hook_caller(hook_name, remove_plugins=modules)
        return self._callers[key]

    def call(self, hook_name: str, **kwargs) -> list:
        """Call a hook on enabled plugins and flatten the lists they return."""
        return [item for result in self.hook(hook_name)(**kwargs) for item in result or []]

    def declared(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per request: for what enabled plugins declare (roles,
        permissions), which a page may ask for hundreds of times. Computed again when the
        enabled plugins change."""
        declarations = g.setdefault("plugin_declarations", {})
        if key not in declarations:
            declarations[key] = compute()
        return declarations[key]

    @contextmanager
    def as_if_enabled(self, name: str):
        """Within the block, this request treats plugin `name` as enabled, so its hooks answer
        as they would after enabling it (the preview before an admin enables it)."""
        g.enabled_plugins = self.enabled_names() | {name}
        g.pop("plugin_declarations", None)
        try:
            yield
        finally:  # recomputed from the database on the next use
            g.pop("enabled_plugins", None)
            g.pop("plugin_declarations", None)

    def refuse_disabled_blueprint(self) -> None:
        """`before_request`: a disabled plugin's pages answer 404."""
        for blueprint in request.blueprints:
            owner = self.blueprint_owner.get(blueprint)
            if owner and owner not in self.enabled_names():
                abort(404)

    def sync_states(self) -> None:
        """Give every newly discovered plugin a state row.

        On a fresh install (no rows yet) the installed plugins start enabled: whoever
        installed them chose them; except a plugin that says `enabled_on_install = False`
        (a subproject the team starts later). A plugin that appears later starts disabled
        until an admin enables it.
        """
        for attempt in range(2):
            known = set(db.session.scalars(db.select(PluginState.name)).all())
            fresh_install = not known
            for name in sorted(set(self.plugins) - known):
                wanted = getattr(self.plugins[name].module, "enabled_on_install", True)
                db.session.add(PluginState(name=name, enabled=fresh_install and wanted is True))
            try:
                db.session.commit()
                break
            except IntegrityError:
                # Another app server starting at the same moment wrote the rows first;
                # read what it decided.
                db.session.rollback()
                if attempt:
                    raise
        self.forget_enabled()

    def set_enabled(self, name: str, enabled: bool, actor=None) -> None:
        if name not in self.plugins:
            raise PluginError(f"Plugin {name} is not installed.")
        state = db.session.get(PluginState, name) or PluginState(name=name)
        state.enabled = enabled
        state.changed_at = utcnow()
        state.changed_by_id = getattr(actor, "id", None)
        db.session.add(state)
        db.session.flush()
        self.forget_enabled()


def _check_versions(plugin: Plugin) -> None:
    """`requires_api` (the hooks and :mod:`core.api`) and `requires_core` must match."""
    for attribute, have, what in (
        ("requires_api", API_VERSION, "plugin API"),
        ("requires_core", __version__, "core"),
    ):
        wanted = getattr(plugin.module, attribute, None)
        if wanted is None:
            continue
        try:
            spec = SpecifierSet(str(wanted))
        except InvalidSpecifier as exc:
            raise PluginError(
                f"Plugin {plugin.name}: {attribute} {wanted!r} is not a version specifier."
            ) from exc
        if have not in spec:
            raise PluginError(
                f"Plugin {plugin.name} needs {what} {wanted}, this is {what} {have}; "
                "upgrade the core or install a matching plugin version."
            )


def _check_blueprints(plugin: Plugin, blueprints: list) -> None:
    for blueprint in blueprints:
        if blueprint.name != plugin.name:
            raise PluginError(
                f"Plugin {plugin.name}: blueprint {blueprint.name!r} must be named "
                f"{plugin.name!r} (Blueprint({plugin.name!r}, __name__))."
            )
        if blueprint.template_folder:
            folder = Path(blueprint.root_path) / blueprint.template_folder
            strays = [p.name for p in folder.iterdir() if p.name != plugin.name]
            if strays:
                raise PluginError(
                    f"Plugin {plugin.name}: templates must live in templates/{plugin.name}/, "
                    f"found {', '.join(sorted(strays))} beside it."
                )


def _check_tables(plugin: Plugin) -> None:
    package = plugin.module.__name__
    for mapper in db.Model.registry.mappers:
        cls = mapper.class_
        if cls.__module__ == package or cls.__module__.startswith(package + "."):
            table = mapper.local_table.name
            if not table.startswith(plugin.name + "_"):
                raise PluginError(
                    f"Plugin {plugin.name}: table {table!r} of {cls.__name__} must start "
                    f"with {plugin.name + '_'!r}; set __tablename__ accordingly."
                )
