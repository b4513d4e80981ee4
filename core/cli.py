"""Command-line interface: `flask --app wsgi upgrade | plugins | translations | demo | mail`."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from .database import upgrade_database
from .extensions import db
from .plugin_host import PluginError, plugin_host
from .progress import ProgressBar

plugins_cli = AppGroup("plugins", help="List, enable and disable subprojects (plugins).")
demo_cli = AppGroup("demo", help="Demo data.")
mail_cli = AppGroup("mail", help="Outgoing e-mail.")
translations_cli = AppGroup("translations", help="The English catalog of the core or a plugin.")


@click.command("upgrade")
@with_appcontext
def upgrade_command():
    """Upgrade the database schema of the core and every installed plugin."""
    upgrade_database()
    plugin_host().sync_states()
    click.echo("Database is up to date.")


@click.command("revision")
@click.argument("branch")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@with_appcontext
def revision_command(branch, message):
    """Autogenerate a migration for BRANCH: "core" or a plugin name."""
    from .database import new_revision

    try:
        path = new_revision(branch, message)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {path}; review it, then run `flask --app wsgi upgrade`.")


@plugins_cli.command("list")
def plugins_list():
    """Show every installed plugin and whether it is enabled."""
    from .models import PluginState

    host = plugin_host()
    states = {s.name: s.enabled for s in db.session.scalars(db.select(PluginState))}
    for name, plugin in sorted(host.plugins.items()):
        status = "enabled" if states.get(name) else "disabled"
        click.echo(f"{name:<20} {status:<9} {plugin.version:<10} {plugin.title}")
    for name, error in sorted(host.failures.items()):
        click.echo(f"{name:<20} FAILED    {error}")
    if not host.plugins and not host.failures:
        click.echo("No plugins installed.")


def _toggle(name: str, enabled: bool) -> None:
    from .security_log import record_security_event

    host = plugin_host()
    try:
        host.set_enabled(name, enabled)
    except PluginError as exc:
        raise click.ClickException(str(exc)) from exc
    record_security_event(
        "plugin_enabled" if enabled else "plugin_disabled", detail=f"{name} (cli)"
    )
    db.session.commit()
    click.echo(f"{name} {'enabled' if enabled else 'disabled'}.")


@plugins_cli.command("enable")
@click.argument("name")
def plugins_enable(name):
    """Enable plugin NAME."""
    _toggle(name, True)


@plugins_cli.command("disable")
@click.argument("name")
def plugins_disable(name):
    """Disable plugin NAME (its data stays)."""
    _toggle(name, False)


@plugins_cli.command("new")
@click.argument("name")
@click.option(
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where the new project folder NAME is made.",
)
@click.option("--title", help="Name shown to people, in Dutch (default: NAME capitalised).")
def plugins_new(name, directory, title):
    """Start a plugin NAME as an installable package of its own, outside this repository."""
    from .scaffold import ScaffoldError, new_plugin

    try:
        target = new_plugin(name, directory, title)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {target}. Next:")
    click.echo(f"  pip install -e {target}")
    click.echo(f"  flask --app wsgi plugins enable {name}")
    click.echo("  flask --app wsgi upgrade")
    click.echo("See docs/plugins.md, 'Your first plugin in 30 minutes'.")


@translations_cli.command("refresh")
@click.argument("name")
def translations_refresh(name):
    """Extract NAME's UI strings ("core" or a plugin), update and compile its English catalog."""
    from .catalog import refresh

    if name == "core":
        package = Path(__file__).resolve().parent
    elif name in plugin_host().plugins:
        package = plugin_host().plugins[name].root
    else:
        raise click.ClickException(f"{name} is neither 'core' nor an installed plugin.")
    missing = refresh(package)
    click.echo(f"Updated and compiled {package / 'translations'}.")
    if missing:
        click.echo(f"{len(missing)} string(s) still need English text in messages.po:")
        for message in missing:
            click.echo(f"  {message}")
        click.echo(f"Fill them in, then run `flask --app wsgi translations refresh {name}` again.")


@demo_cli.command("load")
def demo_load():
    """Create demo accounts, organisations and each plugin's demo data (idempotent)."""
    from .config import Defaults
    from .demo import load_demo

    password = current_app.config["DEMO_PASSWORD"]
    with ProgressBar("Loading demo data") as progress:
        world = load_demo(password, progress)
    # The default is public anyway; a password chosen through DEMO_PASSWORD is not echoed.
    shown = password if password == Defaults.DEMO_PASSWORD else "the value of DEMO_PASSWORD"
    click.echo(f"Accounts (password: {shown}):")
    for role, user in world.users.items():
        click.echo(f"  {role:<10} {user.email:<36} {user.display_name}")
    steps = ", ".join(["core", *plugin_host().plugins])
    made = world.created
    click.echo(
        f"Demo data loaded ({steps}): {len(world.users)} accounts ({made['accounts']} new), "
        f"{len(world.organisations)} organisations ({made['organisations']} new)."
    )


@mail_cli.command("send")
def mail_send():
    """Deliver queued e-mail over SMTP (needs MAIL_SERVER)."""
    from .mail import deliver_outbox

    if not current_app.config.get("MAIL_SERVER"):
        raise click.ClickException("MAIL_SERVER is not configured; messages stay in the outbox.")
    from .models import OutboxMessage

    with ProgressBar("Sending mail") as progress:
        sent = deliver_outbox(progress)
    unsent = OutboxMessage.sent_at.is_(None)
    waiting = db.session.scalar(
        db.select(db.func.count()).where(unsent, OutboxMessage.failed_at.is_(None))
    )
    failed = db.session.scalar(
        db.select(db.func.count()).where(unsent, OutboxMessage.failed_at.is_not(None))
    )
    click.echo(f"{sent} message(s) sent, {waiting} waiting for a next attempt, {failed} failed.")


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Run every duty once and stop.")
def worker_command(once):
    """Send mail and fire due timeouts in a loop, for hosts without cron."""
    from .worker import duties, run_forever, run_once

    if once:
        run_once(duties())
    else:
        run_forever()


def register(app: Flask) -> None:
    from .notifications.cli import notifications_cli
    from .workflow.cli import workflows_cli

    for command in (
        upgrade_command,
        revision_command,
        plugins_cli,
        translations_cli,
        demo_cli,
        mail_cli,
        workflows_cli,
        notifications_cli,
        worker_command,
    ):
        app.cli.add_command(command)
