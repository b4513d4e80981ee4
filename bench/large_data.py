"""A large data set on top of the demo, for bench/pages.py and for tests: by default
100,000 workflow instances, of which 10,000 certifications (about 7,000 holding a
certificate the public register shows), 5,000 job seekers with talent profiles at the
matching steps, and the rest instances of the benchmark plugin's simple workflow.

    from bench.large_data import build_large_data
    with app.app_context():          # the demo loaded, plugin "benchmark" enabled
        counts = build_large_data(scale=0.01)

Everything is inserted in bulk (`insert()` executemany in chunks), so the full size builds
in well under a few minutes on PostgreSQL. The rows are what the engine and the plugins
would have written: every instance has its history from the start row to its state (each
row's `from_state` the previous row's `to_state`, `version` = the number of rows), its
deadline, its organisation; granted certifications have a number, a validity period and
their granted modules; suspended ones a date and a reason; surveillances a planned row.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import insert, text

from core.accounts.models import User
from core.demo import demo_email
from core.extensions import db
from core.organisations.models import Organisation
from core.timeutil import utcnow
from core.workflow.models import WorkflowHistory, WorkflowInstance

CHUNK = 5000
# Full size; `scale` multiplies each.
INSTANCES = 100_000
CERTIFICATIONS = 10_000
REGISTERED = 7_000
JOB_SEEKERS = 5_000
SIMPLE_WORKFLOW = "benchmark.flow"

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as new_certificate_number

# The certification workflow's path to each state: (trigger, to_state) after the start.
_TO_BESLUIT = [
    ("start_intake", "intake"),
    ("plan_audit", "audit_gepland"),
    ("start_audit", "audit"),
    ("to_report", "rapport"),
    ("submit_report", "besluit"),
]
_TO_CERTIFIED = [*_TO_BESLUIT, ("certify", "gecertificeerd")]
CERTIFICATION_PATHS = {
    "aangevraagd": [],
    "intake": _TO_BESLUIT[:1],
    "audit_gepland": _TO_BESLUIT[:2],
    "audit": _TO_BESLUIT[:3],
    "besluit": _TO_BESLUIT,
    "afgewezen": [*_TO_BESLUIT, ("reject", "afgewezen")],
    "gecertificeerd": _TO_CERTIFIED,
    "toetsing": [*_TO_CERTIFIED, ("surveil", "toetsing")],
    "geschorst": [*_TO_CERTIFIED, ("suspend", "geschorst")],
    "ingetrokken": [*_TO_CERTIFIED, ("suspend", "geschorst"), ("withdraw", "ingetrokken")],
    "verlopen": [*_TO_CERTIFIED, ("expire", "verlopen")],
}
# Shares of the registered and of the other certifications.
REGISTER_MIX = [
    ("gecertificeerd", 0.80),
    ("toetsing", 0.06),
    ("geschorst", 0.04),
    ("ingetrokken", 0.03),
    ("verlopen", 0.07),
]
OPEN_MIX = [
    ("aangevraagd", 0.25),
    ("intake", 0.25),
    ("audit_gepland", 0.15),
    ("audit", 0.15),
    ("besluit", 0.10),
    ("afgewezen", 0.10),
]
ROUTE_PATH = [
    ("start_intake", "intake"),
    ("to_preselection", "voorselectie"),
    ("promising", "voorbereiding"),
    ("to_assessment", "assessment"),
    ("profile", "talentenprofiel"),
    ("to_matching", "matching"),
]
# Deadlines of the states that have a fixed one (the others are computed below or none).
DEADLINES = {
    "aangevraagd": timedelta(days=14),
    "intake": timedelta(days=42),
    "audit": timedelta(days=30),
    "besluit": timedelta(days=30),
}


def _spread(total: int, mix) -> list[str]:
    states = []
    for state, share in mix:
        states += [state] * round(total * share)
    states = states[:total]
    states += [mix[0][0]] * (total - len(states))
    return states


def _chunks(rows: list[dict]):
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _insert(model, rows: list[dict]) -> None:
    for chunk in _chunks(rows):
        db.session.execute(insert(model), chunk)


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    # The table, not the ORM entity: the ORM would set a version_id_col to its first value.
    table = model.__table__
    ids: list[int] = []
    for chunk in _chunks(rows):
        ids += db.session.scalars(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
        ).all()
    return ids


class _Instances:
    """Collects instance rows with their history; inserts both in bulk."""

    def __init__(self):
        self.instances: list[dict] = []
        self.histories: list[list[dict]] = []

    def add(self, instance: dict, start: datetime, path, actor_id, data=None) -> None:
        """`path`: (trigger, to_state) after the start row, a day or more apart, ending at
        the instance's state; `data`: trigger -> the history row's data."""
        rows = [
            {"at": start, "actor_id": actor_id, "trigger": None, "from_state": None}
            | {"to_state": instance.pop("initial")}
        ]
        at = start
        for trigger, to_state in path:
            at += timedelta(days=1, hours=len(rows))
            rows.append(
                {
                    "at": at,
                    "actor_id": actor_id,
                    "trigger": trigger,
                    "from_state": rows[-1]["to_state"],
                    "to_state": to_state,
                    "data": (data or {}).get(trigger),
                }
            )
        assert rows[-1]["to_state"] == instance["state"], (instance, path)
        instance |= {"created_at": start, "entered_state_at": at, "version": len(rows)}
        self.instances.append(instance)
        self.histories.append(rows)

    def flush(self) -> int:
        ids = _insert_returning_ids(WorkflowInstance, self.instances)
        history = [
            {"instance_id": instance_id, "comment": None, "data": None} | row
            for instance_id, rows in zip(ids, self.histories, strict=True)
            for row in rows
        ]
        _insert(WorkflowHistory, history)
        self.instances, self.histories = [], []
        return len(history)


def _user_id(role: str) -> int:
    user_id = db.session.scalar(db.select(User.id).where(User.email == demo_email(role)))
    if user_id is None:
        raise RuntimeError(f"no demo account for {role!r}: load the demo first")
    return user_id


def build_large_data(
    scale: float = 1.0,
    *,
    instances: int = INSTANCES,
    certifications: int = CERTIFICATIONS,
    registered: int = REGISTERED,
    job_seekers: int = JOB_SEEKERS,
    simple_workflow: str = SIMPLE_WORKFLOW,
    seed: int = 14,
    today: date | None = None,
) -> dict[str, int]:
    """Add the large data set (each size times `scale`) to the current app's database, in
    its app context, on top of the demo (its accounts, framework and catalogue); commits.
    Returns what it added per kind."""
    from plugins.keurmerk.certification.models import (
        Certification,
        Surveillance,
        granted_modules,
        requested_modules,
    )
    from plugins.keurmerk.certification.rules import MAX_SUSPENSION, certificate_end
    from plugins.keurmerk.frameworks.models import Module, NormFramework
    from plugins.keurmerk.terms import day_after
    from plugins.passendwerk.catalogue.models import Competence
    from plugins.passendwerk.route.models import Consent, JobSeeker
    from plugins.passendwerk.talent.models import (
        CONTRACTS,
        SECTORS,
        TRAVEL,
        ProfileCompetence,
        TalentProfile,
    )

    n_certifications = round(certifications * scale)
    n_registered = round(registered * scale)
    n_job_seekers = round(job_seekers * scale)
    n_simple = max(0, round(instances * scale) - n_certifications - n_job_seekers)
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    today = today or now.date()
    team, auditor, committee = (_user_id(r) for r in ("team", "auditor", "committee"))
    coach = db.session.scalar(db.select(User.id).where(User.email == demo_email("coach")))

    framework = db.session.scalar(
        db.select(NormFramework)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == NormFramework.id,
                WorkflowInstance.workflow_key == "keurmerk.framework",
            ),
        )
        .where(WorkflowInstance.state == "gelanceerd")
        .order_by(NormFramework.id)
    )
    if framework is None:
        raise RuntimeError("no launched norm framework: load the demo first")
    module_ids = db.session.scalars(
        db.select(Module.id).where(Module.framework_id == framework.id)
    ).all()
    taken = set(
        db.session.scalars(
            db.select(Certification.certificate_number).where(
                Certification.certificate_number.is_not(None)
            )
        )
    )

    # Organisations: one per certification, so no two open applications overlap.
    kinds = ("social_enterprise", "formal_body", "informal_network", "other")
    names = [f"Bench organisatie {n:05d}" for n in range(n_certifications)]
    organisation_ids = _insert_returning_ids(
        Organisation,
        [
            {"name": name, "kind": kinds[n % len(kinds)], "created_at": now}
            for n, name in enumerate(names)
        ],
    )

    # Certifications: the registered ones first, then those on their way (or rejected).
    states = _spread(n_registered, REGISTER_MIX) + _spread(
        n_certifications - n_registered, OPEN_MIX
    )
    rng.shuffle(states)
    certification_rows, surveillances = [], []
    for n, (organisation_id, state) in enumerate(zip(organisation_ids, states, strict=True)):
        applied = now - timedelta(days=rng.randint(30, 900))
        row = {
            "organisation_id": organisation_id,
            "framework_id": framework.id,
            "applied_at": applied,
            "lead_auditor_id": None,
            "co_auditor_id": None,
            "audit_date": None,
            "decided_by_id": None,
            "certificate_number": None,
            "valid_from": None,
            "valid_until": None,
            "suspended_on": None,
            "suspension_reason": None,
        }
        path = CERTIFICATION_PATHS[state]
        if len(path) >= 2:  # planned: a date and the auditors
            row |= {
                "lead_auditor_id": auditor,
                "audit_date": (applied + timedelta(days=20)).date(),
            }
        if len(path) >= 6:  # decided
            row["decided_by_id"] = committee
        if state in dict(REGISTER_MIX):
            while True:
                number = "WR-" + "".join(rng.choice(ALPHABET) for _ in range(10))
                if number not in taken:
                    taken.add(number)
                    break
            if state == "verlopen":
                valid_from = today - timedelta(days=rng.randint(800, 1000))
            else:
                valid_from = today - timedelta(days=rng.randint(0, 600))
            row |= {
                "certificate_number": number,
                "valid_from": valid_from,
                "valid_until": certificate_end(framework, valid_from),
            }
            if state in ("geschorst", "ingetrokken"):
                row |= {
                    "suspended_on": today - timedelta(days=rng.randint(1, 60)),
                    "suspension_reason": "Afspraken uit de toetsing niet nagekomen.",
                }
        certification_rows.append(row)
        if state == "toetsing":
            surveillances.append(
                {
                    "index": n,
                    "auditor_id": auditor,
                    "audit_date": today + timedelta(days=rng.randint(1, 60)),
                    "planned_at": now - timedelta(days=rng.randint(1, 30)),
                }
            )
    certification_ids = _insert_returning_ids(Certification, certification_rows)
    for table, rows in (
        (
            requested_modules,
            [
                {"certification_id": cid, "module_id": mid}
                for cid in certification_ids
                for mid in module_ids
            ],
        ),
        (
            granted_modules,
            [
                {"certification_id": cid, "module_id": mid}
                for cid, row in zip(certification_ids, certification_rows, strict=True)
                if row["certificate_number"]
                for mid in module_ids
            ],
        ),
    ):
        for chunk in _chunks(rows):
            db.session.execute(table.insert(), chunk)
    _insert(
        Surveillance,
        [
            {
                "certification_id": certification_ids[s.pop("index")],
                "reported_at": None,
                "decided_by_id": None,
                "decided_at": None,
                "outcome": None,
            }
            | s
            for s in surveillances
        ],
    )

    made = _Instances()
    history_rows = 0
    for cid, name, state, row in zip(
        certification_ids, names, states, certification_rows, strict=True
    ):
        if state in ("gecertificeerd", "toetsing"):
            deadline = day_after(row["valid_until"])
        elif state == "geschorst":
            deadline = min(now + MAX_SUSPENSION, day_after(row["valid_until"]))
        elif state in DEADLINES:
            deadline = now + DEADLINES[state] - timedelta(days=rng.randint(0, 20))
        else:
            deadline = None
        path = CERTIFICATION_PATHS[state]
        start = datetime.combine(row["applied_at"].date(), datetime.min.time())
        if row["valid_from"] is not None:  # granted on its first day: the path ends there
            start = datetime.combine(row["valid_from"], datetime.min.time()) - timedelta(
                days=len(path)
            )
        made.add(
            {
                "workflow_key": "keurmerk.certification",
                "workflow_version": 1,
                "subject_type": Certification.__tablename__,
                "subject_id": cid,
                "title": f"Certificering {name}",
                "state": state,
                "initial": "aangevraagd",
                "assignee_id": auditor if state == "audit" else None,
                "organisation_id": row["organisation_id"],
                "deadline_at": deadline,
            },
            start,
            path,
            team,
            data={"certify": {"modules": list(module_ids)}},
        )
        if len(made.instances) >= CHUNK:
            history_rows += made.flush()
    history_rows += made.flush()

    # Job seekers with talent profiles, at the steps where matching looks for them.
    competence_ids = db.session.scalars(
        db.select(Competence.id).where(Competence.active).order_by(Competence.id)
    ).all()
    if len(competence_ids) < 8:
        raise RuntimeError("too few competences in the catalogue: load the demo first")
    districts = ("Noord", "Charlois", "Delfshaven", "Feijenoord", "IJsselmonde", "Centrum")
    person_ids = _insert_returning_ids(
        JobSeeker,
        [
            {
                "first_name": f"Bench{n:05d}",
                "last_name": "Werkzoekende",
                "district": districts[n % len(districts)],
                "referral": "warm_rotterdam",
                "coach_id": coach,
                "created_at": now - timedelta(days=rng.randint(60, 400)),
            }
            for n in range(n_job_seekers)
        ],
    )
    _insert(
        Consent,
        [
            {
                "job_seeker_id": pid,
                "purpose": "Begeleiding naar passend werk",
                "given_at": now,
                "recorded_by_id": team,
            }
            for pid in person_ids
        ],
    )
    sectors, contracts, travel = list(SECTORS), list(CONTRACTS), list(TRAVEL)
    profile_ids = _insert_returning_ids(
        TalentProfile,
        [
            {
                "job_seeker_id": pid,
                "sectors": rng.sample(sectors, 2),
                "contracts": rng.sample(contracts, 1 + n % 2),
                "hours_min": 12 + 4 * (n % 3),
                "hours_max": 24 + 8 * (n % 3),
                "travel": travel[n % len(travel)],
                "share_with_employers": n % 4 != 0,
                "updated_at": now,
            }
            for n, pid in enumerate(person_ids)
        ],
    )
    _insert(
        ProfileCompetence,
        [
            {"profile_id": profile_id, "competence_id": cid, "level": rng.randint(1, 4)}
            for profile_id in profile_ids
            for cid in rng.sample(competence_ids, 8)
        ],
    )
    for n, pid in enumerate(person_ids):
        path = ROUTE_PATH if n % 5 else ROUTE_PATH[:-1]  # a fifth still at the profile
        start = now - timedelta(days=rng.randint(30, 300))
        made.add(
            {
                "workflow_key": "passendwerk.route",
                "workflow_version": 1,
                "subject_type": JobSeeker.__tablename__,
                "subject_id": pid,
                "title": "Route naar passend werk",
                "state": path[-1][1],
                "initial": "aangemeld",
                "assignee_id": None,
                "organisation_id": None,
                "deadline_at": now + timedelta(days=rng.randint(-10, 40)),
            },
            start,
            path,
            coach or team,
        )
        if len(made.instances) >= CHUNK:
            history_rows += made.flush()
    history_rows += made.flush()

    # The rest: a simple two-state workflow, a tenth parked.
    for n in range(n_simple):
        parked = n % 10 == 0
        made.add(
            {
                "workflow_key": simple_workflow,
                "workflow_version": 1,
                "subject_type": "bench",
                "subject_id": n,
                "title": f"Dossier {n}",
                "state": "waiting" if parked else "open",
                "initial": "open",
                "assignee_id": None,
                "organisation_id": None,
                "deadline_at": now + timedelta(hours=rng.randint(-24 * 30, 24 * 60)),
            },
            now - timedelta(days=rng.randint(2, 200)),
            [("park", "waiting")] if parked else [],
            team,
        )
        if len(made.instances) >= CHUNK:
            history_rows += made.flush()
    history_rows += made.flush()
    db.session.commit()
    db.session.execute(text("ANALYZE"))  # fresh statistics for the planner, as in production
    db.session.commit()
    return {
        "organisations": len(organisation_ids),
        "certifications": len(certification_ids),
        "registered": sum(1 for r in certification_rows if r["certificate_number"]),
        "job_seekers": len(person_ids),
        "simple": n_simple,
        "instances": len(certification_ids) + len(person_ids) + n_simple,
        "history": history_rows,
    }
