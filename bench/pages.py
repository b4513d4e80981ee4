"""Benchmark the key pages under gunicorn with real HTTP load, at demo size and with a large
data set; prints ratios measured in this one run (never asserted).

    python bench/pages.py          # PostgreSQL: postgresql+psycopg://postgres@127.0.0.1:5432/bench
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages python bench/pages.py
    DATABASE_URL=sqlite:////tmp/bench-pages.db python bench/pages.py
    BENCH_SCALE=0.1 BENCH_SECONDS=1 python bench/pages.py        # the short version CI runs

The app runs under gunicorn (2 sync workers, the project's gunicorn.conf.py) on DATABASE_URL;
a second tiny Flask + Flask-SQLAlchemy app on the same database, under gunicorn with the same
workers and config, serves the minimal page (one query of 25 rows, a Jinja list): the baseline
doing the least any page does. For each page, BENCH_CONNECTIONS keep-alive connections (threads with http.client)
request it for BENCH_SECONDS, alternating with as long on the minimal page, BENCH_ROUNDS
rounds of each; medians compared. Pages that need a session get one from a real login
(POST with the form's CSRF token). First with the demo data, then after adding the large
data set of bench/large_data.py (BENCH_SCALE times 100,000 instances: 10,000
certifications of which ~7,000 in the register, 5,000 job seekers, the rest a simple
workflow). Queries and bytes per page: the same request once through the app's test client
in this process, counting statements with a "before_cursor_execute" listener.

Per page it prints: demo req/s and its ratio to the minimal page, large req/s (p50) and its
ratio to the minimal page, large/demo (req/s), the same per minimal page ((large/min) /
(demo/min): corrected for drift of a shared machine between the two phases), queries
demo -> large, bytes demo -> large.
Targets (issue 14): demo ratio to minimal >= 0.30; large/demo >= 0.70; no page issues more
queries at large size than at demo size.

Env knobs: DATABASE_URL, BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (8),
BENCH_SCALE (1.0), BENCH_WORKERS (2), BENCH_PORT (8101; the minimal app on the next one).

The database's public schema is dropped and recreated (SQLite: the file is replaced): use a
scratch database.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event, text  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
SECONDS = float(os.environ.get("BENCH_SECONDS", 5))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
SCALE = float(os.environ.get("BENCH_SCALE", 1.0))
WORKERS = int(os.environ.get("BENCH_WORKERS", 2))
PORT = int(os.environ.get("BENCH_PORT", 8101))
MINIMAL_PATH = "/minimal"
SECRET_KEY = "bench-pages"
CSRF_FIELD = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')

# (name, key of the path, the role whose session it needs or None for public pages)
PAGES = [
    ("login", "login", None),
    ("public register", "register", None),
    ("certificate verification", "verify", None),
    ("dashboard", "dashboard", "team"),
    ('"Mijn taken"', "tasks", "team"),
    ("instance panel", "instance", "team"),
    ("certification page", "certification", "team"),
    ("audit, one norm", "audit", "auditor"),
    ("job seeker list", "job_seekers", "team"),
    ("vacancy with matching", "vacancy", "team"),
    ("certification list", "certifications", "team"),
]


# -- the two apps gunicorn serves -------------------------------------------------------------


def app_config(url: str, instance: str) -> dict:
    return {
        "INSTANCE_PATH": instance,
        "SECRET_KEY": SECRET_KEY,
        "SESSION_COOKIE_SECURE": False,
        "PLUGINS_EXTRA": ["benchmark = bench.workflow_plugin"],
        "PLUGINS_STRICT": True,
        "DATABASE_URL": url,
    }


def page_app():
    """The Warm Rotterdam app, for `gunicorn 'bench.pages:page_app()'`."""
    from core import create_app

    return create_app(
        app_config(os.environ["BENCH_PAGES_DATABASE_URL"], os.environ["BENCH_PAGES_INSTANCE"])
    )


MINIMAL_TEMPLATE = """<!doctype html><html lang="nl"><head><title>Minimaal</title></head>
<body><h1>Dossiers</h1><ul>
{% for row in rows %}<li><a href="/dossiers/{{ row.id }}">{{ row.title }}</a> ({{ row.state }})</li>
{% endfor %}</ul></body></html>"""


def minimal_app():
    """One query of 25 rows and a Jinja list, for `gunicorn 'bench.pages:minimal_app()'`."""
    from flask import Flask, render_template_string
    from flask_sqlalchemy import SQLAlchemy
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

    class Base(DeclarativeBase):
        pass

    app = Flask("minimal")
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["BENCH_PAGES_DATABASE_URL"]
    minimal_db = SQLAlchemy(app, model_class=Base)

    class Row(minimal_db.Model):
        __tablename__ = "workflow_instance"
        id: Mapped[int] = mapped_column(primary_key=True)
        title: Mapped[str]
        state: Mapped[str]

    @app.get(MINIMAL_PATH)
    def minimal():
        rows = minimal_db.session.scalars(minimal_db.select(Row).order_by(Row.id).limit(25)).all()
        return render_template_string(MINIMAL_TEMPLATE, rows=rows)

    return app


class Server:
    """gunicorn with WORKERS sync workers on 127.0.0.1:port, serving `factory`."""

    def __init__(self, factory: str, port: int, url: str, instance: str):
        self.port = port
        env = dict(os.environ, BENCH_PAGES_DATABASE_URL=url, BENCH_PAGES_INSTANCE=instance)
        env["PYTHONPATH"] = str(ROOT)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
                factory,
            ],
            cwd=ROOT,
            env=env,
        )

    def wait(self, path: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on {self.port} exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", path)
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn on {self.port} did not answer")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


# -- setting up the database ------------------------------------------------------------------


def reset_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_app(url: str, instance: str):
    """The in-process app: sets up the schema and the demo, counts queries."""
    from core import create_app
    from core.database import upgrade_database
    from core.demo import load_demo
    from core.extensions import db

    app = create_app(app_config(url, instance))
    with app.app_context():
        upgrade_database()
        host = app.extensions["plugin_host"]
        host.sync_states()
        load_demo(app.config["DEMO_PASSWORD"])
        host.set_enabled("benchmark", True)
        db.session.commit()
        analyze(db.engine)
    return app


def analyze(engine) -> None:
    """Table statistics, as autovacuum keeps them on a live database: right after a bulk load
    PostgreSQL's planner would guess (and pick other plans than in production)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))


def page_paths() -> dict[str, str]:
    """The real URL of every page in PAGES, from the demo's data (in an app context)."""
    from core.extensions import db
    from core.organisations.models import Organisation
    from core.workflow import engine_of
    from plugins.keurmerk.certification.models import Certification
    from plugins.passendwerk.vacancies.models import Vacancy

    def certification_of(name: str) -> Certification:
        return db.session.scalar(
            db.select(Certification)
            .join(Organisation, Organisation.id == Certification.organisation_id)
            .where(Organisation.name == name)
            .order_by(Certification.id)
        )

    certified = certification_of("Havensteder")  # certified, with an open minor finding
    in_audit = certification_of("Faircasso")  # mid-audit: its lead auditor judges norms
    instance = engine_of().instance_for("keurmerk.certification", certified)
    vacancy = db.session.scalar(db.select(Vacancy.id).order_by(Vacancy.id))
    return {
        "login": "/login",
        "register": "/keurmerk/register",
        "verify": f"/keurmerk/register/{certified.certificate_number}",
        "dashboard": "/",
        "tasks": "/tasks",
        "instance": f"/workflows/instances/{instance.id}",
        "certification": f"/keurmerk/certifications/{certified.id}",
        "audit": f"/keurmerk/certifications/{in_audit.id}/audit/{in_audit.norms[0].id}",
        "job_seekers": "/passendwerk/",
        "vacancy": f"/passendwerk/vacancies/{vacancy}",
        "certifications": "/keurmerk/certifications/",
    }


# -- queries and bytes, in process ------------------------------------------------------------


def count_queries(app, paths: dict[str, str]) -> dict[str, tuple]:
    """Per page: (status, statements, bytes, error summary), each request once after a warm-up."""
    from core.extensions import db
    from core.testing import post_form

    clients = {None: app.test_client()}
    for role in ("team", "auditor"):
        clients[role] = app.test_client()
        response = post_form(
            clients[role],
            "/login",
            {"email": f"{role}@demo.warmrotterdam.nl", "password": app.config["DEMO_PASSWORD"]},
        )
        assert response.status_code == 302, f"in-process login as {role} failed"
    counted = [0]

    def count(*args):
        counted[0] += 1

    with app.app_context():
        engine = db.engine
    app.config["PROPAGATE_EXCEPTIONS"] = True
    results = {}
    event.listen(engine, "before_cursor_execute", count)
    try:
        for _name, key, role in PAGES:
            client = clients[role]
            try:
                client.get(paths[key])  # warm-up: caches, first-use imports
                counted[0] = 0
                response = client.get(paths[key])
                warm = counted[0]
                # Cold: right after a saved change, when every kept result is worked out anew.
                with engine.begin() as connection:
                    connection.execute(text("UPDATE data_generation SET value = value + 1"))
                counted[0] = 0
                client.get(paths[key])
                results[key] = (response.status_code, warm, len(response.data), None, counted[0])
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                frames = traceback.extract_tb(exc.__traceback__)[-3:]
                where = "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames)
                results[key] = (500, counted[0], 0, f"{type(exc).__name__}: {exc} ({where})", 0)
                with app.app_context():
                    db.session.remove()
    finally:
        event.remove(engine, "before_cursor_execute", count)
        app.config["PROPAGATE_EXCEPTIONS"] = None
    return results


# -- HTTP load --------------------------------------------------------------------------------


def cookies_of(response) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
    return found


def http_login(port: int, email: str, password: str) -> str:
    """A real login through the form: the Cookie header of the session it gives."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/login")
    response = connection.getresponse()
    jar = cookies_of(response)
    token = CSRF_FIELD.search(response.read().decode()).group(1)
    body = urlencode({"email": email, "password": password, "csrf_token": token})
    connection.request(
        "POST",
        "/login",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
    )
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        raise RuntimeError(f"login as {email} answered {response.status}")
    jar |= cookies_of(response)
    connection.close()
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def load(port: int, path: str, cookie: str | None, seconds: float) -> tuple[float, float, int]:
    """CONNECTIONS threads, each on its own keep-alive connection (reopened when the server
    closes it), requesting `path` until `seconds` are over: (req/s, p50 s, non-200 answers)."""
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                connection.close()
                bad += 1
                continue
            mine.append(time.perf_counter() - began)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    p50 = statistics.median(latencies) if latencies else float("nan")
    return len(latencies) / elapsed, p50, errors[0]


def measure(page_port: int, minimal_port: int, path: str, cookie: str | None) -> dict:
    """Alternating rounds of the minimal page and the page; medians of each."""
    load(page_port, path, cookie, min(0.5, SECONDS))  # warm-up
    load(minimal_port, MINIMAL_PATH, None, min(0.25, SECONDS))
    minimal, page, p50s, errors = [], [], [], 0
    for _ in range(ROUNDS):
        minimal.append(load(minimal_port, MINIMAL_PATH, None, SECONDS)[0])
        rate, p50, bad = load(page_port, path, cookie, SECONDS)
        page.append(rate)
        p50s.append(p50)
        errors += bad
    rate, baseline = statistics.median(page), statistics.median(minimal)
    return {
        "rate": rate,
        "p50": statistics.median(p50s),
        "minimal": baseline,
        "ratio": rate / baseline,
        "errors": errors,
    }


def measure_all(page_port: int, minimal_port: int, paths: dict, cookies: dict) -> dict:
    results = {}
    for name, key, role in PAGES:
        results[key] = measure(page_port, minimal_port, paths[key], cookies.get(role))
        r = results[key]
        print(
            f"  {name:<26} {r['rate']:8.1f} req/s (p50 {r['p50'] * 1000:6.0f} ms), "
            f"minimal {r['minimal']:6.1f} req/s, ratio {r['ratio']:.2f}"
            + (f", {r['errors']} non-200" if r["errors"] else ""),
            flush=True,
        )
    return results


# -- the report -------------------------------------------------------------------------------


def report(demo: dict, large: dict, queries: dict, counts: dict) -> None:
    print()
    header = (
        f"{'page':<26} {'demo req/s':>10} {'demo/min':>8} {'large req/s (p50)':>19} "
        f"{'large/min':>9} {'large/demo':>10} {'same, per minimal':>17} "
        f"{'queries demo -> large':>21} {'cold':>9} "
        f"{'bytes demo -> large':>21}"
    )
    print(header)
    print("-" * len(header))
    problems = []
    for name, key, _role in PAGES:
        d, g = demo[key], large[key]
        qd, ql = queries["demo"][key], queries["large"][key]
        large_cell = f"{g['rate']:.1f} ({g['p50'] * 1000:,.0f} ms)"
        print(
            f"{name:<26} {d['rate']:>10.1f} {d['ratio']:>8.2f} {large_cell:>19} "
            f"{g['ratio']:>9.2f} {g['rate'] / d['rate']:>10.2f} {g['ratio'] / d['ratio']:>17.2f} "
            f"{f'{qd[1]} -> {ql[1]}':>21} {f'{qd[4]} -> {ql[4]}':>9} "
            f"{f'{qd[2]:,} -> {ql[2]:,}':>21}"
        )
        for size, q, r in (("demo", qd, d), ("large", ql, g)):
            if q[0] != 200 or r["errors"]:
                problems.append(
                    f"{name} at {size} size: in-process status {q[0]}, "
                    f"{r['errors']} non-200 answers under load" + (f"; {q[3]}" if q[3] else "")
                )
    print()
    print(
        "targets (issue 14): demo/min >= 0.30; large/demo >= 0.70; queries at large size "
        "<= queries at demo size"
    )
    print(
        "queries are counted on a warm view (the benchmark only reads, so results kept per "
        "change of the data stay kept); 'cold' counts the view right after a saved change"
    )
    print(
        "'same, per minimal' = (large/min) / (demo/min): large/demo corrected for the "
        "machine's drift between the two phases (the minimal page ran in the same rounds)"
    )
    print(
        f"minimal page: {statistics.median(d['minimal'] for d in demo.values()):.1f} req/s "
        f"(median over the demo rounds), "
        f"{statistics.median(g['minimal'] for g in large.values()):.1f} req/s (large)"
    )
    for problem in problems:
        print("ERROR:", problem)


def main() -> int:
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    instance = tempfile.mkdtemp(prefix="wr-bench-pages-")
    started = time.perf_counter()
    reset_database(url)
    app = make_app(url, instance)
    from core.extensions import db

    with app.app_context():
        dialect = db.engine.dialect.name
        paths = page_paths()
        demo_instances = db.session.execute(text("SELECT count(*) FROM workflow_instance")).scalar()
    print(
        f"database: {dialect}; gunicorn {WORKERS} sync workers; {CONNECTIONS} connections; "
        f"{ROUNDS} rounds of {SECONDS:g} s per page and per minimal page (medians); "
        f"scale {SCALE:g}",
        flush=True,
    )
    queries = {"demo": count_queries(app, paths)}
    servers = [
        Server("bench.pages:page_app()", PORT, url, instance),
        Server("bench.pages:minimal_app()", PORT + 1, url, instance),
    ]
    try:
        servers[0].wait("/healthz")
        servers[1].wait(MINIMAL_PATH)
        password = app.config["DEMO_PASSWORD"]
        cookies = {
            role: http_login(PORT, f"{role}@demo.warmrotterdam.nl", password)
            for role in ("team", "auditor")
        }
        print(f"demo: {demo_instances:,} instances", flush=True)
        demo = measure_all(PORT, PORT + 1, paths, cookies)

        from bench.large_data import build_large_data

        began = time.perf_counter()
        with app.app_context():
            counts = build_large_data(SCALE)  # ends with ANALYZE too
            db.session.remove()
        built = time.perf_counter() - began
        print(
            f"large: built in {built:.1f} s: {counts['instances']:,} instances added "
            f"({counts['certifications']:,} certifications, {counts['registered']:,} in the "
            f"register, {counts['job_seekers']:,} job seekers, {counts['simple']:,} simple), "
            f"{counts['history']:,} history rows",
            flush=True,
        )
        queries["large"] = count_queries(app, paths)
        large = measure_all(PORT, PORT + 1, paths, cookies)
    finally:
        for server in servers:
            server.stop()
    report(demo, large, queries, counts)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
