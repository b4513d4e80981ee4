"""Long commands show progress while they run and end with a count of what they did.

The work (`load_demo`, `deliver_outbox`, `tick`) reports to a plain callback and knows
nothing of terminals; the commands draw click's progress bar with it. Passendwerk's commands
wrap the rows and files they loop over in the bar. Off a terminal (cron, and the test runner
here) click prints only the bar's label, once.
"""

import csv
import io
import re
import sys
from datetime import timedelta

import pytest

from core.accounts.models import User
from core.demo import load_demo
from core.extensions import db
from core.mail import deliver_outbox
from core.organisations.models import Organisation
from core.plugin_host import plugin_host
from core.progress import ProgressBar
from core.timeutil import utcnow
from core.workflow import engine_of
from core.workflow.maintenance import tick
from core.workflow.models import WorkflowInstance
from plugins.passendwerk.catalogue.models import Competence
from plugins.passendwerk.route.models import JobSeeker
from tests.passendwerk_world import make_job_seeker
from tests.test_mail_delivery import queue, smtp  # noqa: F401  (fixture)
from tests.test_notifications import engine, fire, people, start  # noqa: F401  (fixtures)
from tests.test_passendwerk_privacy import close_long_ago
from tests.test_workflow_maintenance import submitted


class Recorder(list):
    """A progress callback that keeps what it was told."""

    def __call__(self, done, total, item=None):
        self.append((done, total, item))


class Terminal(io.StringIO):
    def isatty(self):
        return True


def frames(screen: Terminal) -> list[tuple[str, str | None, bool]]:
    """(position, item, bar full) of every redraw of the bar on `screen`."""
    drawn = []
    for line in screen.getvalue().split("\r")[1:]:
        line = re.sub(r"\x1b\[\?25[lh]", "", line).rstrip()
        bar, info = re.fullmatch(r".*\[([#-]*)\]\s+(.*)", line).groups()
        info = re.sub(r"  \d\d:\d\d:\d\d", "", info)  # the time left, once click knows it
        position, _, item = info.partition("  ")
        drawn.append((position, item or None, "-" not in bar))
    return drawn


def label_then_summary(result, label: str) -> str:
    """The command's last line, after its progress label; no redrawn bar off a terminal."""
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output and "\x1b" not in result.output
    lines = result.output.splitlines()
    assert lines.count(label) == 1, result.output
    assert lines.index(label) < len(lines) - 1
    return lines[-1]


def test_on_a_terminal_the_bar_shows_where_the_work_is_and_grows_with_it(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    with ProgressBar("Working") as progress:
        progress(0, 2, "first")
        progress(1, 2, "second")
        progress(2, 2)
        progress(2, 3, "more")  # more work turned up after the bar was full
        progress(3, 3)
    assert frames(screen) == [
        ("0/2", "first", False),
        ("1/2", "second", False),
        ("2/2", None, True),
        ("2/3", "more", False),
        ("3/3", None, True),
    ]
    assert screen.getvalue().endswith("\n")  # what the command prints next starts a line


def test_a_bar_never_told_prints_nothing(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    with ProgressBar("Nothing to do"):
        pass
    assert screen.getvalue() == ""


# --------------------------------------------------------------------------- mail send


def test_the_sender_tells_each_message_it_has_done(app, smtp):  # noqa: F811
    queue(app, 3)
    progress = Recorder()
    with app.app_context():
        assert deliver_outbox(progress) == 3
    assert progress == [(0, 3, None), (1, 3, None), (2, 3, None), (3, 3, None)]
    progress.clear()
    with app.app_context():
        assert deliver_outbox(progress) == 0
    assert progress == []  # nothing due: not told at all


def test_mail_send_shows_progress_and_what_it_sent(app, smtp):  # noqa: F811
    queue(app, 3)
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    summary = label_then_summary(result, "Sending mail")
    assert summary == "3 message(s) sent, 0 waiting for a next attempt, 0 failed."
    assert len(smtp.messages) == 3


# --------------------------------------------------------------------------- workflows tick


def test_tick_tells_the_due_instances_then_the_reminders_it_looks_at(app, engine, people):  # noqa: F811
    ids = [start(app, engine, people["org"]) for _ in range(2)]
    for instance_id in ids:
        fire(app, engine, instance_id, "submit", people["team"])
    with app.app_context():
        deadline = max(db.session.scalars(db.select(WorkflowInstance.deadline_at)))
    progress = Recorder()
    with app.app_context():
        # past both deadlines: no timeout to fire, so overdue, and an overdue reminder each
        report = tick(engine, now=deadline + timedelta(days=1), progress=progress)
    assert report.overdue == {("sample.notified", "submitted"): 2}
    assert report.reminded == 4  # the expert and the partner who may act, for each
    assert progress == [
        (0, 2, "timeouts"),
        (1, 2, "timeouts"),
        (2, 2, "timeouts"),
        (2, 4, "reminders"),
        (3, 4, "reminders"),
        (4, 4, "reminders"),
    ]


def test_workflows_tick_shows_progress_and_counts_fired_and_overdue(app, make_user, enable_plugin):
    enable_plugin("sample")
    due = submitted(app, make_user, 2, days_ago=15)
    submitted(app, make_user, 1, days_ago=3)  # not due yet
    checked = submitted(app, make_user, 1, days_ago=15)
    team = make_user(roles={"team"})
    with app.app_context():
        engine_of().fire(checked[0], "check", actor=db.session.get(User, team.id))
        db.session.execute(
            db.update(WorkflowInstance)
            .where(WorkflowInstance.id == checked[0])
            .values(deadline_at=utcnow() - timedelta(days=1))
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["workflows", "tick"])
    summary = label_then_summary(result, "Firing due timeouts and sending reminders")
    assert summary == (
        "2 timeout(s) fired, 0 skipped (changed meanwhile), 1 overdue, 0 reminder(s) made."
    )
    assert "overdue: 1 in sample.review / checked" in result.output.splitlines()
    with app.app_context():
        expired = db.session.scalars(
            db.select(WorkflowInstance.id).where(WorkflowInstance.state == "expired")
        ).all()
    assert sorted(expired) == sorted(due)


def test_workflows_tick_with_nothing_due_prints_only_its_count(app, enable_plugin):
    enable_plugin("sample")
    result = app.test_cli_runner().invoke(args=["workflows", "tick"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "0 timeout(s) fired, 0 skipped (changed meanwhile), 0 overdue, 0 reminder(s) made."
    ]


# --------------------------------------------------------------------------- demo load


def test_demo_load_tells_each_step_and_counts_what_it_made(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    summary = label_then_summary(result, "Loading demo data")
    with app.app_context():
        accounts = db.session.scalar(db.select(db.func.count(User.id)))
        organisations = db.session.scalar(db.select(db.func.count(Organisation.id)))
        steps = ["core", *sorted(plugin_host().plugins)]
    assert accounts >= 9 and organisations >= 17  # the core's, and the plugins' own
    assert summary == (
        f"Demo data loaded ({', '.join(steps)}): {accounts} accounts ({accounts} new), "
        f"{organisations} organisations ({organisations} new)."
    )
    assert "  admin      admin@demo.warmrotterdam.nl" in result.output  # the accounts come first

    progress = Recorder()
    with app.app_context():
        world = load_demo(app.config["DEMO_PASSWORD"], progress)
        assert db.session.scalar(db.select(db.func.count(User.id))) == accounts  # idempotent
    assert progress == [(n, len(steps), step) for n, step in enumerate(steps)] + [
        (len(steps), len(steps), None)
    ]
    assert world.users["admin"].email == "admin@demo.warmrotterdam.nl"
    assert world.created == {}  # nothing new the second time


# --------------------------------------------------------------------------- passendwerk


@pytest.fixture
def passendwerk(enable_plugin):
    enable_plugin("passendwerk")


def esco_export(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["conceptType", "conceptUri", "preferredLabel", "description"])
        writer.writerows(["KnowledgeSkillCompetence", *row] for row in rows)
    return path


def test_import_esco_shows_progress_and_counts_every_row(app, tmp_path, passendwerk):
    rows = [(f"http://data.europa.eu/esco/skill/{n}", f"Vaardigheid {n}", "") for n in range(7)]
    path = esco_export(tmp_path / "skills_nl.csv", [*rows, ("", "Zonder uri", "")])
    runner = app.test_cli_runner()
    first = runner.invoke(args=["passendwerk", "import-esco", str(path)])
    assert label_then_summary(first, "Importing ESCO skills") == (
        "8 row(s) read: 7 competences added, 1 skipped (already there or incomplete)."
    )
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Competence.id))) == 7
    again = runner.invoke(args=["passendwerk", "import-esco", str(path)])
    assert label_then_summary(again, "Importing ESCO skills") == (
        "8 row(s) read: 0 competences added, 8 skipped (already there or incomplete)."
    )


def test_erase_expired_shows_progress_and_counts_the_erased(app, make_user, passendwerk):
    team = make_user(roles={"team"})
    old = [make_job_seeker(app, team, first_name=f"Oud {n}") for n in range(3)]
    recent = make_job_seeker(app, team, first_name="Recent")
    for person in old:
        close_long_ago(app, person, 800)
    close_long_ago(app, recent, 100)
    result = app.test_cli_runner().invoke(args=["passendwerk", "erase-expired", "--yes"])
    summary = label_then_summary(result, "Erasing personal data")
    assert summary == "Erased 3 file(s); their anonymous figures remain."
    with app.app_context():
        erased = db.session.scalars(
            db.select(JobSeeker.id).where(JobSeeker.erased_at.is_not(None))
        ).all()
    assert sorted(erased) == sorted(old)
