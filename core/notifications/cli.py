"""`flask --app wsgi notifications digest`: the daily digest mail, for cron."""

import click
from flask.cli import AppGroup

from ..links import link_context
from .sending import send_digests

notifications_cli = AppGroup("notifications", help="Notification mail.")


@notifications_cli.command("digest")
def digest_command():
    """Mail each person one digest of what they chose to hear about daily (run once a day)."""
    with link_context():
        sent = send_digests()
    click.echo(f"{sent} digest(s) queued; `mail send` delivers them.")
