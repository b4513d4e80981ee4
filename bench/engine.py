"""Benchmark the workflow engine; prints ratios measured in this one run (never asserted).

    python bench/engine.py                       # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/engine.py

1. Firing throughput: transitions fired through the engine (row lock, version check,
   permission, guards, state change, history row, listeners, commit) against bare SQL doing
   the same work (SELECT ... FOR UPDATE of the row where the database has it, an UPDATE that
   checks the version it read, the INSERT of the history row, in one transaction on a
   connection taken from the same pool), in alternating rounds, medians compared.
   Target: engine >= 50 % of bare SQL.
2. "Mijn taken" over real HTTP: two copies of the app under gunicorn (2 sync workers), one
   on a database with 1,000 instances and one on a database with 100,000, the same user
   logged in on each through the login form; alternating rounds of BENCH_INBOX_SECONDS on
   each (so drift of a shared machine hits both), medians compared.
   Target: throughput at 100,000 >= 0.5 of the throughput at 1,000.

On PostgreSQL the database's public schema is dropped and recreated, and a second database
named after it with "_small" is made (or reused) for the small copy: use scratch databases.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from bench.pages import CONNECTIONS, Server, app_config, http_login, load  # noqa: E402
from core import create_app  # noqa: E402
from core.accounts.models import User  # noqa: E402
from core.accounts.passwords import hash_password  # noqa: E402
from core.database import upgrade_database  # noqa: E402
from core.extensions import db  # noqa: E402
from core.organisations.models import Organisation  # noqa: E402
from core.testing import TEST_PASSWORD  # noqa: E402
from core.timeutil import utcnow  # noqa: E402
from core.workflow import engine_of  # noqa: E402
from core.workflow.models import WorkflowInstance  # noqa: E402

FIRES = int(os.environ.get("BENCH_FIRES", 1500))
INBOX_SECONDS = float(os.environ.get("BENCH_INBOX_SECONDS", 3))
INBOX_ROUNDS = int(os.environ.get("BENCH_INBOX_ROUNDS", 3))
PORT = int(os.environ.get("BENCH_PORT", 8111))  # the small copy on the next one


def scratch_databases() -> tuple[str, str]:
    """(large, small) database URLs, both emptied."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        folder = tempfile.mkdtemp(prefix="wr-bench-")
        return f"sqlite:///{folder}/large.db", f"sqlite:///{folder}/small.db"
    base, _, name = url.rpartition("/")
    small = f"{base}/{name}_small"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        known = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": f"{name}_small"}
        ).scalar()
        if not known:
            connection.execute(text(f'CREATE DATABASE "{name}_small"'))
    admin.dispose()
    for each in (url, small):
        engine = create_engine(each)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url, small


def make_app(url: str):
    app = create_app(app_config(url, tempfile.mkdtemp(prefix="wr-bench-")))
    with app.app_context():
        upgrade_database()
        app.extensions["plugin_host"].sync_states()
        app.extensions["plugin_host"].set_enabled("benchmark", True)
        db.session.commit()
    return app


def setup_people(app):
    with app.app_context():
        team = User(
            email="team@bench.example",
            display_name="Team",
            password_hash=hash_password(TEST_PASSWORD),
        )
        team.set_roles({"team"})
        db.session.add(team)
        db.session.commit()
        return team.id


def bench_firing(app, team_id, rounds: int = 5) -> tuple[float, float]:
    """Median throughput of engine and bare SQL, in alternating rounds (so drift hits both)."""
    with app.app_context():
        engine = engine_of()
        subjects = [Organisation(name=f"Organisatie {i}", kind="other") for i in range(100)]
        db.session.add_all(subjects)
        db.session.flush()
        ids = [engine.start("benchmark.flow", s, title=s.name).id for s in subjects]
        db.session.commit()
        actor = db.session.get(User, team_id)
        state = dict.fromkeys(ids, "open")
        # The engine's own work: lock the row, check the version read, write, add history.
        lock = text(
            "SELECT version FROM workflow_instance WHERE id = :id"
            + (" FOR UPDATE" if db.engine.dialect.name == "postgresql" else "")
        )
        update = text(
            "UPDATE workflow_instance SET state = :state, version = version + 1, "
            "entered_state_at = :now, deadline_at = :deadline "
            "WHERE id = :id AND version = :version"
        )
        history = text(
            "INSERT INTO workflow_history (instance_id, at, actor_id, trigger, from_state, to_state) "
            "VALUES (:id, :now, :actor, :trigger, :from_state, :to_state)"
        )
        per_round = FIRES // rounds

        def through_engine() -> float:
            start = time.perf_counter()
            for n in range(per_round):
                instance_id = ids[n % len(ids)]
                trigger = "park" if state[instance_id] == "open" else "resume"
                state[instance_id] = engine.fire(instance_id, trigger, actor=actor).state
            return per_round / (time.perf_counter() - start)

        def bare_sql() -> float:
            start = time.perf_counter()
            for n in range(per_round):
                instance_id = ids[n % len(ids)]
                old = state[instance_id]
                new = "waiting" if old == "open" else "open"
                now = utcnow()
                # A connection from the app's pool per transaction, as the engine gets one
                # per fire: both pay the same checkout, so the ratio is the engine's own cost.
                with db.engine.begin() as connection:
                    version = connection.execute(lock, {"id": instance_id}).scalar_one()
                    changed = connection.execute(
                        update,
                        {
                            "state": new,
                            "now": now,
                            "deadline": now + timedelta(days=7),
                            "id": instance_id,
                            "version": version,
                        },
                    ).rowcount
                    if changed != 1:
                        raise RuntimeError("the row changed under the benchmark")
                    connection.execute(
                        history,
                        {
                            "id": instance_id,
                            "now": now,
                            "actor": team_id,
                            "trigger": "park",
                            "from_state": old,
                            "to_state": new,
                        },
                    )
                state[instance_id] = new
            return per_round / (time.perf_counter() - start)

        engine_rates, bare_rates = [], []
        for _ in range(rounds):
            engine_rates.append(through_engine())
            bare_rates.append(bare_sql())
    return statistics.median(engine_rates), statistics.median(bare_rates)


def fill_instances(app, total):
    """Top up to `total` instances: a third actionable by the team, with mixed deadlines."""
    with app.app_context():
        have = db.session.scalar(db.select(db.func.count(WorkflowInstance.id)))
        now = utcnow()
        rng = random.Random(total)
        rows = []
        for n in range(have, total):
            state = ("open", "waiting", "elsewhere")[n % 3]
            rows.append(
                {
                    "workflow_key": "benchmark.flow",
                    "workflow_version": 1,
                    "subject_type": "bench",
                    "subject_id": n,
                    "title": f"Dossier {n}",
                    "state": state,
                    "entered_state_at": now,
                    "deadline_at": now + timedelta(hours=rng.randint(-24 * 30, 24 * 60)),
                    "created_at": now,
                    "version": 1,
                }
            )
            if len(rows) == 10_000:
                db.session.execute(insert(WorkflowInstance), rows)
                rows = []
        if rows:
            db.session.execute(insert(WorkflowInstance), rows)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE workflow_instance"))
        else:
            db.session.execute(text("ANALYZE"))
        db.session.commit()


def inbox_over_http(large_url: str, small_url: str) -> tuple[float, float]:
    """Median req/s of "Mijn taken" on the small and on the large copy, alternating."""
    servers = [
        Server("bench.pages:page_app()", PORT, large_url, tempfile.mkdtemp()),
        Server("bench.pages:page_app()", PORT + 1, small_url, tempfile.mkdtemp()),
    ]
    try:
        for server in servers:
            server.wait("/healthz")
        large_cookie = http_login(PORT, "team@bench.example", TEST_PASSWORD)
        small_cookie = http_login(PORT + 1, "team@bench.example", TEST_PASSWORD)
        load(PORT, "/tasks", large_cookie, 0.5)  # warm up
        load(PORT + 1, "/tasks", small_cookie, 0.5)
        small, large = [], []
        for _ in range(INBOX_ROUNDS):
            rate, _p50, bad_small = load(PORT + 1, "/tasks", small_cookie, INBOX_SECONDS)
            small.append(rate)
            rate, _p50, bad_large = load(PORT, "/tasks", large_cookie, INBOX_SECONDS)
            large.append(rate)
            if bad_small or bad_large:
                raise RuntimeError(f"non-200 answers: {bad_small} small, {bad_large} large")
    finally:
        for server in servers:
            server.stop()
    return statistics.median(small), statistics.median(large)


def main() -> int:
    large_url, small_url = scratch_databases()
    app = make_app(large_url)
    team_id = setup_people(app)
    engine_rate, bare_rate = bench_firing(app, team_id)
    fill_instances(app, 100_000)
    small_app = make_app(small_url)
    setup_people(small_app)
    fill_instances(small_app, 1_000)
    for each in (app, small_app):
        with each.app_context():
            db.session.remove()
            db.engine.dispose()
    small, large = inbox_over_http(large_url, small_url)

    with app.app_context():
        dialect = db.engine.dialect.name
    print(f"database: {dialect}")
    print(
        f"firing: engine {engine_rate:,.0f}/s, bare SQL {bare_rate:,.0f}/s, "
        f"engine/bare = {engine_rate / bare_rate:.2f}  (target >= 0.50)"
    )
    print(
        f'"Mijn taken" over HTTP (gunicorn, {CONNECTIONS} connections): {small:,.1f} req/s '
        f"at 1,000 instances, {large:,.1f} req/s at 100,000, "
        f"large/small = {large / small:.2f}  (target >= 0.50)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
