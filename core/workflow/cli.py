"""`flask --app wsgi workflows list | show KEY | tick | verify`."""

import click
from flask.cli import AppGroup

from ..links import link_context
from ..progress import ProgressBar
from .diagram import render_mermaid
from .engine import engine_of
from .maintenance import tick, verify

workflows_cli = AppGroup("workflows", help="Describe workflows, fire due timeouts, verify history.")


@workflows_cli.command("list")
def list_command():
    """Every registered workflow version and whether its plugin is enabled."""
    engine = engine_of()
    for (key, version), workflow in sorted(engine.workflows.items()):
        status = "enabled" if engine.is_enabled(key) else "disabled"
        click.echo(f"{key:<32} v{version:<3} {status:<9} {workflow.title}")


@workflows_cli.command("show")
@click.argument("key")
@click.option("--version", type=int, help="A specific version (default: the latest).")
@click.option("--format", "fmt", type=click.Choice(["text", "mermaid"]), default="text")
def show_command(key, version, fmt):
    """Describe workflow KEY: its states and transitions."""
    engine = engine_of()
    try:
        workflow = engine.workflows[(key, version)] if version else engine.latest(key)
    except KeyError:
        raise click.ClickException(
            f"No workflow {key!r}" + (f" version {version}" if version else "")
        ) from None
    if fmt == "mermaid":
        click.echo(render_mermaid(workflow))
        return
    click.echo(f"{workflow.title} ({workflow.key} v{workflow.version})")
    click.echo("States:")
    for state in workflow.states:
        extras = [
            w
            for w, on in (("initial", state.name == workflow.initial), ("terminal", state.terminal))
            if on
        ]
        if callable(state.deadline):
            extras.append("deadline per instance")
        elif state.deadline:
            extras.append(f"deadline {state.deadline.days} days")
        click.echo(
            f"  {state.name:<24} {state.label}" + (f"  [{', '.join(extras)}]" if extras else "")
        )
    click.echo("Transitions:")
    for t in workflow.transitions:
        who = ", ".join(sorted(t.roles)) or ("timeout" if t.timeout else "")
        if t.assignee_only:
            who += " (assignee only)"
        click.echo(f"  {t.trigger:<20} {' | '.join(t.source)} -> {t.dest}  by {who}")


@workflows_cli.command("tick")
def tick_command():
    """Fire due timeouts and report overdue instances (safe to run every minute)."""
    # reminders link to the subject's page
    with link_context(), ProgressBar("Firing due timeouts and sending reminders") as progress:
        report = tick(engine_of(), progress=progress)
    for (key, state), count in sorted(report.overdue.items()):
        click.echo(f"overdue: {count} in {key} / {state}")
    click.echo(
        f"{len(report.fired)} timeout(s) fired, {len(report.skipped)} skipped (changed meanwhile), "
        f"{sum(report.overdue.values())} overdue, {report.reminded} reminder(s) made."
    )
    if report.meeting_reminders:  # a quiet tick stays one line
        click.echo(f"{report.meeting_reminders} meeting reminder(s) sent.")
    for line in report.plugin_work:
        click.echo(line)


@workflows_cli.command("verify")
def verify_command():
    """Replay every instance's history; fail when a stored state disagrees with it."""
    problems = verify(engine_of())
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} instance(s) disagree with their history.")
    click.echo("Every instance agrees with its history.")
