"""Schema migrations for the core and every installed plugin (one Alembic branch each)."""

import logging
import os

from alembic import command
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from flask import current_app

from .extensions import db, migrate
from .plugin_host import plugin_host

log = logging.getLogger(__name__)


@migrate.configure
def _add_plugin_branches(config):
    """Add each loaded plugin's `migrations/` folder to Alembic's version locations."""
    locations = [os.path.join(current_app.extensions["migrate"].directory, "versions")]
    host = plugin_host()
    locations += [str(p.migrations_dir) for p in host.plugins.values() if p.migrations_dir]
    config.set_main_option("version_locations", os.pathsep.join(locations))
    return config


def alembic_config():
    return current_app.extensions["migrate"].migrate.get_config()


def pending_upgrade() -> bool:
    """True when the database is not at every branch head (core and plugins).

    When the database holds revisions of a plugin that is no longer installed, Alembic
    cannot plan an upgrade; that is reported and left to an admin instead of crashing.
    """
    script = ScriptDirectory.from_config(alembic_config())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    known = {rev for rev in current if _exists(script, rev)}
    if current - known:
        log.warning(
            "Database has revisions of plugins that are not installed (%s); "
            "reinstall them before upgrading the schema.",
            ", ".join(sorted(current - known)),
        )
        return False
    # Alembic records only the tip of each branch; a plugin's tip implies the core
    # revision it depends on, so compare against everything the tips imply.
    applied = {rev.revision for rev in script.iterate_revisions(tuple(known), "base")}
    return not set(script.get_heads()) <= applied


def _exists(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False


def upgrade_database() -> None:
    """Upgrade the core and every installed plugin to their latest revision."""
    command.upgrade(alembic_config(), "heads")


def core_head() -> str:
    """The core's latest revision, which a plugin's branch depends on when it starts."""
    return ScriptDirectory.from_config(alembic_config()).get_revision("core@head").revision


def new_revision(branch: str, message: str) -> str:
    """Autogenerate a revision on `branch` ("core" or a plugin name); returns its file path.

    A plugin's first revision starts its own branch, labelled with the plugin's name and
    depending on the core's current head, in the plugin's `migrations/` folder.
    """
    options: dict = {"head": f"{branch}@head"}
    if branch != "core" and not _exists(
        ScriptDirectory.from_config(alembic_config()), f"{branch}@head"
    ):
        plugin = plugin_host().plugins.get(branch)
        if plugin is None:
            raise ValueError(f"{branch} is neither 'core' nor an installed plugin.")
        folder = plugin.root / "migrations"
        folder.mkdir(exist_ok=True)  # before reading the config, so it is a version location
        options = {
            "head": "base",
            "branch_label": branch,
            "version_path": str(folder),
            "depends_on": core_head(),
        }
    config = alembic_config()
    config.cmd_opts.autogenerate = True
    created = command.revision(config, message=message, autogenerate=True, **options)
    if created is None:
        raise ValueError("No schema changes found; nothing to write.")
    return created.path
