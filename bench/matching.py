"""Benchmark matching: rank candidates for one vacancy at 500 and at 5,000 people looking for
work; prints the times and their ratio, measured in this one run.

    python bench/matching.py                     # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/matching.py

Timed three ways: `match_candidates` ranking everyone (one query and the scoring), the
best 50 only as the page asks (the database ranks by competences and only people who can
still reach the list are scored), and the whole vacancy page through the test client (what a
coach waits for: the top 50 with their reasons, the HTML). Linear growth means a ratio near 10; "interactive" means the page at
5,000 stays well under a second.

On PostgreSQL the database's public schema is dropped and recreated: use a scratch database.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402

from bench.engine import make_app, scratch_databases, setup_people  # noqa: E402
from core.accounts.models import User  # noqa: E402
from core.extensions import db  # noqa: E402
from core.organisations.models import Organisation  # noqa: E402
from core.testing import TEST_PASSWORD, post_form  # noqa: E402
from core.timeutil import utcnow  # noqa: E402
from core.workflow.models import WorkflowInstance  # noqa: E402
from plugins.passendwerk.access import visible_job_seekers  # noqa: E402
from plugins.passendwerk.catalogue.models import Competence  # noqa: E402
from plugins.passendwerk.route.models import JobSeeker  # noqa: E402
from plugins.passendwerk.talent.models import ProfileCompetence, TalentProfile  # noqa: E402
from plugins.passendwerk.vacancies.matching import match_candidates  # noqa: E402
from plugins.passendwerk.vacancies.models import Vacancy, VacancyCompetence  # noqa: E402
from plugins.passendwerk.vacancies.views import SHOWN  # noqa: E402

RUNS = int(os.environ.get("BENCH_MATCH_RUNS", 15))
COMPETENCES = 40
PER_PERSON = 8


def setup_vacancy(app) -> int:
    with app.app_context():
        app.extensions["plugin_host"].set_enabled("passendwerk", True)
        db.session.add_all(Competence(name=f"Competentie {n}") for n in range(COMPETENCES))
        employer = Organisation(name="Werkgever", kind="employer")
        db.session.add(employer)
        db.session.flush()
        ids = db.session.scalars(db.select(Competence.id).order_by(Competence.id)).all()
        vacancy = Vacancy(
            organisation_id=employer.id,
            title="Medewerker",
            sector="logistiek",
            hours=24,
            contract="vast",
            district="Noord",
            competences=[
                VacancyCompetence(competence_id=cid, level=2 + n % 2, required=n < 3)
                for n, cid in enumerate(ids[:5])
            ],
        )
        db.session.add(vacancy)
        db.session.commit()
        return vacancy.id


def fill_candidates(app, total: int) -> None:
    """Top up to `total` people at the matching step, each with a profile of 8 competences."""
    with app.app_context():
        have = db.session.scalar(db.select(db.func.count(JobSeeker.id)))
        ids = db.session.scalars(db.select(Competence.id).order_by(Competence.id)).all()
        rng = random.Random(total)
        now = utcnow()
        start_id = (db.session.scalar(db.select(db.func.max(JobSeeker.id))) or 0) + 1
        people, profiles, levels, routes = [], [], [], []
        for n in range(total - have):
            pid = start_id + n
            people.append(
                {
                    "id": pid,
                    "first_name": f"Persoon {pid}",
                    "last_name": "Test",
                    "district": "Noord",
                    "referral": "self",
                    "created_at": now,
                }
            )
            profiles.append(
                {
                    "id": pid,
                    "job_seeker_id": pid,
                    "sectors": ["logistiek"] if n % 2 else ["zorg"],
                    "contracts": [],
                    "hours_min": 16,
                    "hours_max": 32 if n % 3 else 20,
                    "travel": "stad",
                    "share_with_employers": True,
                    "updated_at": now,
                }
            )
            levels += [
                {"profile_id": pid, "competence_id": cid, "level": rng.randint(1, 4)}
                for cid in rng.sample(ids, PER_PERSON)
            ]
            routes.append(
                {
                    "workflow_key": "passendwerk.route",
                    "workflow_version": 1,
                    "subject_type": JobSeeker.__tablename__,
                    "subject_id": pid,
                    "title": f"Route {pid}",
                    "state": "matching",
                    "entered_state_at": now,
                    "created_at": now,
                    "version": 1,
                }
            )
        for model, rows in (
            (JobSeeker, people),
            (TalentProfile, profiles),
            (ProfileCompetence, levels),
            (WorkflowInstance, routes),
        ):
            for chunk in range(0, len(rows), 5000):
                db.session.execute(insert(model), rows[chunk : chunk + 5000])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()


def median_time(action) -> float:
    for _ in range(2):  # warm up
        action()
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(app, client, vacancy_id: int, team_id: int) -> tuple[float, float, float, int]:
    with app.app_context():
        vacancy = db.session.get(Vacancy, vacancy_id)
        team = db.session.get(User, team_id)
        full = match_candidates(vacancy, visible_job_seekers(team))
        best = match_candidates(vacancy, visible_job_seekers(team), limit=SHOWN)
        assert [c.job_seeker_id for c, _m in best] == [c.job_seeker_id for c, _m in full[:SHOWN]]
        ranking = median_time(lambda: match_candidates(vacancy, visible_job_seekers(team)))
        shown = median_time(
            lambda: match_candidates(vacancy, visible_job_seekers(team), limit=SHOWN)
        )

    def page():
        response = client.get(f"/passendwerk/vacancies/{vacancy_id}")
        assert response.status_code == 200 and "Score" in response.text

    return ranking, shown, median_time(page), len(full)


def main() -> None:
    app = make_app(scratch_databases()[0])
    team_id = setup_people(app)
    vacancy_id = setup_vacancy(app)
    client = app.test_client()
    post_form(client, "/login", {"email": "team@bench.example", "password": TEST_PASSWORD})
    results = {}
    for total in (500, 5000):
        fill_candidates(app, total)
        results[total] = measure(app, client, vacancy_id, team_id)
        rank, shown, page, found = results[total]
        assert found == total, (found, total)
        print(
            f"{total:>5} candidates: ranking all {rank * 1000:7.1f} ms, the best {SHOWN} "
            f"{shown * 1000:7.1f} ms, page {page * 1000:7.1f} ms"
        )
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    big, small = results[5000], results[500]
    print(
        f"{engine}: 5,000 vs 500 candidates: ranking all x{big[0] / small[0]:.1f}, "
        f"the best {SHOWN} x{big[1] / small[1]:.1f}, page x{big[2] / small[2]:.1f} "
        "(10 would be linear)"
    )


if __name__ == "__main__":
    main()
