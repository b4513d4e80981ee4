"""Several people fire the same transition at the same moment, over real HTTP requests
in parallel: exactly one wins, everyone else gets the 409 page, nothing of theirs is applied.
Runs on SQLite and, in CI, on PostgreSQL."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from core.extensions import db
from core.testing import TEST_PASSWORD
from core.workflow.models import WorkflowHistory, WorkflowInstance
from tests.factories import start_review

PEOPLE = 8


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A person with their own cookies, talking to the live server."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path):
        return re.search(
            r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', self.request(path)[1]
        ).group(1)

    def login(self, email):
        status, _ = self.request(
            "/login",
            {"email": email, "password": TEST_PASSWORD, "csrf_token": self.token("/login")},
        )
        assert status == 302


def test_exactly_one_of_many_parallel_requests_wins(app, live_server, make_user, enable_plugin):
    trigger = "submit"
    enable_plugin("sample")
    instance_id = start_review(app)
    panel = f"/workflows/instances/{instance_id}"
    people = []
    for n in range(PEOPLE):
        browser = Browser(live_server)
        browser.login(make_user(roles={"team"}, name=f"Teamlid {n}").email)
        page = browser.request(panel)[1]
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        form = {
            "trigger": trigger,
            "version": version,
            "comment": f"door {n}",
            "csrf_token": browser.token(panel),
        }
        people.append((browser, form))

    results, barrier = [None] * PEOPLE, threading.Barrier(PEOPLE)

    def act(n):
        browser, form = people[n]
        barrier.wait()
        results[n] = browser.request(f"{panel}/fire", form)

    threads = [threading.Thread(target=act, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    statuses = sorted(status for status, _ in results)
    assert statuses == [303] + [409] * (PEOPLE - 1), statuses
    assert all(
        "Dit dossier is intussen gewijzigd door Teamlid" in body
        for status, body in results
        if status == 409
    )
    with app.app_context():
        rows = db.session.scalars(
            db.select(WorkflowHistory).where(
                WorkflowHistory.instance_id == instance_id, WorkflowHistory.trigger == trigger
            )
        ).all()
        assert len(rows) == 1
        assert db.session.get(WorkflowInstance, instance_id).version == 2
