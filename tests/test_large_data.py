"""The large data set of bench/pages.py, built small through its generator: the data is
consistent and every benchmarked page answers with it (no timings here)."""

import itertools

import pytest

from bench.large_data import build_large_data
from bench.pages import PAGES, page_paths
from core import create_app
from core.demo import demo_email, load_demo
from core.extensions import db
from core.testing import config_for_tests, post_form
from core.workflow.models import WorkflowHistory, WorkflowInstance
from plugins.keurmerk.certification.rules import search_register

SCALE = 0.002  # 200 instances: 20 certifications (14 registered), 10 job seekers


@pytest.fixture
def demo_app(app, database_url, tmp_path):
    """An app on the session's database with the demo and the benchmark plugin (its simple
    workflow) too; `app` empties the tables afterwards."""
    extra = {"PLUGINS_EXTRA": ["benchmark = bench.workflow_plugin"]}
    application = create_app(config_for_tests(database_url, tmp_path, extra))
    with application.app_context():
        load_demo(application.config["DEMO_PASSWORD"])
        host = application.extensions["plugin_host"]
        host.sync_states()
        host.set_enabled("benchmark", True)
        db.session.commit()
        db.session.remove()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def add_large_data(application, scale=SCALE):
    with application.app_context():
        application.config["BENCH_COUNTS"] = build_large_data(scale)
        db.session.remove()


@pytest.fixture
def bench_app(demo_app):
    add_large_data(demo_app)
    return demo_app


def logged_in_clients(application) -> dict:
    clients = {None: application.test_client()}
    for role in ("team", "auditor"):
        client = application.test_client()
        response = post_form(
            client,
            "/login",
            {"email": demo_email(role), "password": application.config["DEMO_PASSWORD"]},
        )
        assert response.status_code == 302, role
        clients[role] = client
    return clients


def queries_per_page(application, clients) -> dict[str, int]:
    from tests.factories import QueryCounter

    with application.app_context():
        paths, engine = page_paths(), db.engine
    counts = {}
    for _name, key, role in PAGES:
        clients[role].get(paths[key])  # caches filled, as on a server that has been up
        with QueryCounter(engine) as counter:
            assert clients[role].get(paths[key]).status_code == 200, key
        counts[key] = counter.count
    return counts


def test_generator_builds_consistent_instances_and_history(bench_app):
    counts = bench_app.config["BENCH_COUNTS"]
    assert counts["instances"] == 200
    assert (counts["certifications"], counts["registered"], counts["job_seekers"]) == (20, 14, 10)
    with bench_app.app_context():
        instances = db.session.scalars(db.select(WorkflowInstance)).all()
        history = {}
        for row in db.session.scalars(db.select(WorkflowHistory).order_by(WorkflowHistory.id)):
            history.setdefault(row.instance_id, []).append(row)
        for instance in instances:
            rows = history[instance.id]
            assert rows[0].trigger is None and rows[0].from_state is None
            assert all(b.from_state == a.to_state for a, b in itertools.pairwise(rows))
            assert rows[-1].to_state == instance.state
            assert instance.version == len(rows)
        assert search_register().total >= 14


def test_no_benchmarked_page_asks_more_queries_with_more_data(demo_app):
    clients = logged_in_clients(demo_app)
    at_demo_size = queries_per_page(demo_app, clients)
    add_large_data(demo_app, scale=SCALE * 2)  # 40 certifications, 20 job seekers
    at_large_size = queries_per_page(demo_app, clients)
    grown = {k: (at_demo_size[k], n) for k, n in at_large_size.items() if n > at_demo_size[k]}
    assert not grown
    assert at_demo_size["register"] == at_demo_size["verify"] == 1  # both cached


def test_every_benchmarked_page_answers_with_the_large_data(bench_app):
    with bench_app.app_context():
        paths = page_paths()
    clients = logged_in_clients(bench_app)
    for name, key, role in PAGES:
        client = clients[role]
        response = client.get(paths[key])
        assert response.status_code == 200, (name, response.status_code)
