"""The passendwerk demo: a world a newcomer can walk through by hand, for every role."""

import re
from urllib.parse import urlsplit

from core.demo import demo_email
from core.extensions import db
from core.testing import post_form
from core.workflow import engine_of
from core.workflow.maintenance import verify
from core.workflow.models import WorkflowInstance
from plugins.passendwerk.events.models import MeetAndGreet
from plugins.passendwerk.route.models import JobSeeker
from plugins.passendwerk.vacancies.models import Vacancy

LINK = re.compile(r'href="(/[^"#]*)')


def crawl(client, start: str, prefix: str = "/passendwerk", limit: int = 120) -> dict[str, int]:
    """Follow every same-site link under `prefix`; the status of each page reached."""
    seen, queue = {}, [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.mimetype == "text/html":
            for link in LINK.findall(response.text):
                path = urlsplit(link.replace("&amp;", "&")).path
                if path.startswith(prefix) and not path.endswith((".csv", ".json")):
                    queue.append(link.replace("&amp;", "&"))
    return seen


def test_demo_spreads_forty_people_over_every_step_and_every_page_opens(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(JobSeeker.id))) == 40
        states = set(
            db.session.scalars(
                db.select(WorkflowInstance.state).where(
                    WorkflowInstance.workflow_key == "passendwerk.route"
                )
            )
        )
        assert states == {s.name for s in engine_of().latest("passendwerk.route").states}
        employers = db.session.scalar(
            db.select(db.func.count(db.func.distinct(Vacancy.organisation_id)))
        )
        assert employers == 8
        assert db.session.scalar(db.select(db.func.count(MeetAndGreet.id))) == 2
        assert verify(engine_of()) == []  # the backdated past still replays
    for role, start, at_least in (
        ("team", "/passendwerk/", 60),
        ("partner", "/passendwerk/", 20),
        ("lifecoach", "/passendwerk/", 5),
        ("employer", "/passendwerk/vacancies", 4),
        ("board", "/passendwerk/report", 1),
    ):
        client = app.test_client()
        post_form(client, "/login", {"email": demo_email(role), "password": "warm-rotterdam-demo"})
        statuses = crawl(client, start)
        broken = {url: code for url, code in statuses.items() if code >= 500}
        assert broken == {}, role
        assert statuses[start] == 200, role
        assert len(statuses) >= at_least, (role, len(statuses))
    team = app.test_client()
    post_form(team, "/login", {"email": demo_email("team"), "password": "warm-rotterdam-demo"})
    tasks = team.get("/tasks").text
    assert "Feedbackgesprek:" in tasks and "te laat" in tasks
