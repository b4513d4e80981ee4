# ruff: noqa: F811  (the certification tests' fixtures, imported, are parameters here)
"""Two app servers on one database (issue 14): each a gunicorn process with its own instance
folder, configured as docs/deployment.md says (the same SECRET_KEY, FILE_STORAGE=database).
A session made on one works on the other, a file uploaded through one downloads through the
other, and mail senders and ticks running on both do everything exactly once."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from core.extensions import db
from core.mail import queue_mail
from core.models import OutboxMessage
from core.testing import TEST_PASSWORD
from core.workflow.models import WorkflowHistory
from tests.conftest import SAMPLE_PLUGIN
from tests.smtp_server import LocalSMTP, free_port
from tests.test_keurmerk_certification import (  # noqa: F401  (fixtures)
    _keurmerk_enabled,
    apply_as,
    framework_id,
    havensteder,
    people,
    plan,
)
from tests.test_keurmerk_documents import PDF
from tests.test_workflow_maintenance import submitted

ROOT = Path(__file__).resolve().parents[1]
PDF_FILE = PDF + b"\n% via server A"


def _instance(tmp_path: Path, name: str, smtp_port: int = 0) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "config.py").write_text(
        f"PLUGINS_EXTRA = [{SAMPLE_PLUGIN!r}]\n"
        "FILE_STORAGE = 'database'\n"
        "PLUGIN_STATE_SECONDS = 0\n"
        "SESSION_COOKIE_SECURE = False\n"
        f"MAIL_SERVER = '127.0.0.1'\nMAIL_PORT = {smtp_port}\nMAIL_USE_TLS = False\n"
    )
    return folder


def _environment(database_url: str, instance: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "one-key-for-every-server",
        "INSTANCE_PATH": str(instance),
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def servers(app, database_url, tmp_path):
    """Two gunicorn servers, A and B; their base URLs."""
    started, urls = [], []
    for name in ("a", "b"):
        port = free_port()
        started.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "wsgi:app",
                ],  # fmt: skip
                cwd=ROOT,
                env=_environment(database_url, _instance(tmp_path, name)),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, started, strict=True):
            _wait_until_up(url, process)
        yield urls
    finally:
        for process in started:
            process.terminate()
        for process in started:
            process.wait(30)


def _wait_until_up(url: str, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


class Visitor:
    """One person's browser: one cookie jar, whichever server answers (a load balancer)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post(self, url: str, fields: dict, files: dict | None = None) -> tuple[int, bytes]:
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in fields.items():
            body += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            ).encode()
        for name, (filename, data) in (files or {}).items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                ).encode()
                + data
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def token(self, url: str) -> str:
        status, page = self.get(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()

    def log_in(self, server: str, user) -> None:
        fields = {"csrf_token": self.token(f"{server}/login"), "email": user.email,
                  "password": TEST_PASSWORD}  # fmt: skip
        status, page = self.post(f"{server}/login", fields)
        assert status == 200 and b"Overzicht" in page, page[-500:]


def test_a_session_made_on_one_server_works_on_the_other(servers, make_user):
    a, b = servers
    person = make_user(roles={"team"}, name="Tamara Team")
    visitor = Visitor()
    visitor.log_in(a, person)
    status, page = visitor.get(f"{b}/tasks")
    assert status == 200 and b"Mijn taken" in page and b"Tamara Team" in page
    # A form shown by one server is accepted by the other (the same key signs the token).
    token = visitor.token(f"{a}/profile")
    status, _page = visitor.post(f"{b}/language", {"csrf_token": token, "language": "en"})
    assert status == 200
    assert b"My tasks" in visitor.get(f"{a}/tasks")[1]


def test_a_file_uploaded_through_one_server_downloads_through_the_other(
    app, client, servers, framework_id, havensteder, people, login
):
    from plugins.keurmerk.certification.evidence import Evidence

    a, b = servers
    login(client, people["team"])
    certification_id = apply_as(client, havensteder, ["Warm Incasseren"], app)
    plan(app, certification_id, people)
    auditor = Visitor()
    auditor.log_in(a, people["auditor"])
    page = f"/keurmerk/certifications/{certification_id}"
    status, _ = auditor.post(
        f"{a}{page}/evidence",
        {"csrf_token": auditor.token(f"{a}{page}"), "norm_id": ""},
        files={"file": ("beleid.pdf", PDF_FILE)},
    )
    assert status == 200
    with app.app_context():
        evidence_id = db.session.scalar(db.select(Evidence.id))
    assert evidence_id is not None
    status, data = auditor.get(f"{b}/keurmerk/evidence/{evidence_id}")
    assert status == 200 and data == PDF_FILE


def _run_on_both(database_url, tmp_path, smtp_port, *command) -> list[subprocess.CompletedProcess]:
    """`flask --app wsgi COMMAND` on both machines at once."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", *command],
            cwd=ROOT,
            env=_environment(database_url, _instance(tmp_path, f"{name}-{command[0]}", smtp_port)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    for process in processes:
        process.wait(120)
    assert [p.returncode for p in processes] == [0, 0], [p.stderr.read() for p in processes]
    return processes


def test_mail_senders_and_ticks_on_both_servers_do_everything_once(
    app, database_url, tmp_path, make_user, enable_plugin
):
    enable_plugin("sample")
    due = submitted(app, make_user, 20)
    with app.app_context():
        for n in range(30):
            queue_mail("iemand@example.org", f"Bericht {n:02d}", f"Tekst {n}")
        db.session.commit()
    with LocalSMTP() as smtp:
        _run_on_both(database_url, tmp_path, smtp.port, "mail", "send")
        _run_on_both(database_url, tmp_path, smtp.port, "workflows", "tick")
        subjects = smtp.recorder.subjects
    assert subjects == [f"Bericht {n:02d}" for n in range(30)]  # each once
    with app.app_context():
        assert (
            db.session.scalar(db.select(db.func.count()).where(OutboxMessage.sent_at.is_(None)))
            == 0
        )
        expired = db.session.scalars(
            db.select(WorkflowHistory.instance_id).where(WorkflowHistory.trigger == "expire")
        ).all()
    assert sorted(expired) == sorted(due)  # every timeout fired once, by one of the two
