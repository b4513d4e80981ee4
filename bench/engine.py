"""Benchmark the workflow engine; prints ratios measured in this one run.

    python bench/engine.py                       # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/engine.py

1. Firing throughput: transitions fired through the engine (lock, permission, guards, state
   change, history row, listeners, commit) against the bare SQL it boils down to (one UPDATE
   and one INSERT in a transaction on a connection taken from the same pool), in alternating
   rounds, medians compared.
   Target: engine >= 50 % of bare SQL.
2. Inbox ("Mijn taken") rendering, a whole HTTP request through the test client, at 1,000
   and at 100,000 instances. Target: time at 100,000 within 2x of the time at 1,000.

On PostgreSQL the database's public schema is dropped and recreated: use a scratch database.
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

from core import create_app  # noqa: E402
from core.accounts.models import User  # noqa: E402
from core.accounts.passwords import hash_password  # noqa: E402
from core.database import upgrade_database  # noqa: E402
from core.extensions import db  # noqa: E402
from core.organisations.models import Organisation  # noqa: E402
from core.testing import TEST_PASSWORD, post_form  # noqa: E402
from core.timeutil import utcnow  # noqa: E402
from core.workflow import engine_of  # noqa: E402
from core.workflow.models import WorkflowInstance  # noqa: E402

FIRES = int(os.environ.get("BENCH_FIRES", 1500))
INBOX_RUNS = int(os.environ.get("BENCH_INBOX_RUNS", 30))


def make_app():
    url = os.environ.get("DATABASE_URL")
    instance = tempfile.mkdtemp(prefix="wr-bench-")
    if url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app(
        {
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "bench",
            "SESSION_COOKIE_SECURE": False,
            "PLUGINS_EXTRA": ["benchmark = bench.workflow_plugin"],
            "PLUGINS_STRICT": True,
            **({"DATABASE_URL": url} if url else {}),
        }
    )
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
        update = text(
            "UPDATE workflow_instance SET state = :state, version = version + 1, "
            "entered_state_at = :now, deadline_at = :deadline WHERE id = :id"
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
                # per fire: both pay the same checkout (and pre-ping), so the ratio is the
                # engine's own cost.
                with db.engine.begin() as connection:
                    connection.execute(
                        update,
                        {
                            "state": new,
                            "now": now,
                            "deadline": now + timedelta(days=7),
                            "id": instance_id,
                        },
                    )
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


def time_inbox(client) -> float:
    for _ in range(3):  # warm up
        assert client.get("/tasks").status_code == 200
    samples = []
    for _ in range(INBOX_RUNS):
        start = time.perf_counter()
        response = client.get("/tasks")
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200 and "Dossier" in response.text
    return statistics.median(samples)


def main() -> int:
    app = make_app()
    team_id = setup_people(app)
    engine_rate, bare_rate = bench_firing(app, team_id)

    client = app.test_client()
    post_form(client, "/login", {"email": "team@bench.example", "password": TEST_PASSWORD})
    fill_instances(app, 1_000)
    small = time_inbox(client)
    fill_instances(app, 100_000)
    large = time_inbox(client)

    with app.app_context():
        dialect = db.engine.dialect.name
    print(f"database: {dialect}")
    print(
        f"firing: engine {engine_rate:,.0f}/s, bare SQL {bare_rate:,.0f}/s, "
        f"engine/bare = {engine_rate / bare_rate:.2f}  (target >= 0.50)"
    )
    print(
        f"inbox: {small * 1000:.1f} ms at 1,000 instances, {large * 1000:.1f} ms at 100,000, "
        f"ratio = {large / small:.2f}  (target <= 2.00)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
