"""Builders for passendwerk tests: a competence catalogue, vacancies, people on their route."""

from werkzeug.datastructures import MultiDict

from core.accounts.models import User
from core.extensions import db
from core.workflow import engine_of
from plugins.passendwerk.catalogue.models import Competence
from plugins.passendwerk.route.models import Consent, JobSeeker
from plugins.passendwerk.talent.models import ProfileCompetence, TalentProfile
from plugins.passendwerk.vacancies.models import Vacancy, VacancyCompetence

ROUTE = "passendwerk.route"
REASONS = {"promising": "Gemotiveerd.", "end_route": "Verhuisd naar Utrecht."}
TO_MATCHING = [
    "start_intake",
    "to_preselection",
    "promising",
    "to_assessment",
    "profile",
    "to_matching",
]


def competence_ids(*names) -> dict[str, int]:
    """Inside an app context: the catalogue entries with these names, created if missing."""
    found = {}
    for name in names:
        competence = db.session.scalar(db.select(Competence).where(Competence.name == name))
        if competence is None:
            competence = Competence(name=name)
            db.session.add(competence)
            db.session.flush()
        found[name] = competence.id
    return found


def make_vacancy(app, organisation_id, needs, **fields) -> int:
    """`needs` maps a competence name to (level, required)."""
    with app.app_context():
        ids = competence_ids(*needs)
        vacancy = Vacancy(
            organisation_id=organisation_id,
            **{
                "title": "Verkoper",
                "sector": "detailhandel",
                "hours": 24,
                "contract": "vast",
                "cao": True,
                "district": "Noord",
                **fields,
            },
        )
        vacancy.competences = [
            VacancyCompetence(competence_id=ids[name], level=level, required=required)
            for name, (level, required) in needs.items()
        ]
        db.session.add(vacancy)
        db.session.commit()
        return vacancy.id


# A step in `steps`: what the employer enters on its own page (tested through HTTP in
# test_passendwerk_induction.py), so the coach can start the induction.
MENTOR_NAMED = "mentor named by the employer"


def name_mentor(person_id: int, name: str = "Joke Mentor") -> None:
    from plugins.passendwerk.introductions.models import current_placement

    placement = current_placement(person_id)
    placement.mentor_name, placement.induction_plan = name, "Week 1: meelopen met de mentor."
    db.session.commit()


def make_job_seeker(app, coach, organisation_id=None, *, profile=None, steps=(), **fields) -> int:
    """A person signed up by `coach`, with an optional profile (levels by competence name plus
    wish fields), moved through `steps` by the coach."""
    with app.app_context():
        actor = db.session.get(User, coach.id)
        person = JobSeeker(
            **{
                "first_name": "Noor",
                "last_name": "Achterberg",
                "phone": "06 1234 5678",
                "address": "Zwaanshals 12",
                "email": "noor@example.org",
                "district": "Noord",
                "referral": "partner",
                "referring_organisation_id": organisation_id,
                "coach_id": coach.id,
                "sensitive_notes": "Schuldhulptraject loopt.",
                **fields,
            }
        )
        person.consents = [Consent(purpose="Begeleiding", recorded_by_id=coach.id)]
        db.session.add(person)
        db.session.flush()
        instance = engine_of().start(
            ROUTE,
            person,
            title="Route",
            actor=actor,
            assignee=actor,
            organisation_id=organisation_id,
        )
        if profile is not None:
            levels = dict(profile.pop("levels", {}))
            ids = competence_ids(*levels)
            db.session.add(
                TalentProfile(
                    job_seeker_id=person.id,
                    **{"share_with_employers": True, "travel": "stad", **profile},
                    competences=[
                        ProfileCompetence(competence_id=ids[n], level=lv)
                        for n, lv in levels.items()
                    ],
                )
            )
        db.session.commit()
        for step in steps:
            if step == MENTOR_NAMED:
                name_mentor(person.id)
                continue
            trigger, formdata = step if isinstance(step, tuple) else (step, None)
            engine_of().fire(
                instance.id,
                trigger,
                actor=actor,
                comment=REASONS.get(trigger),
                formdata=MultiDict(formdata) if formdata else None,
            )
        return person.id


def route_state(app, person_id) -> str:
    with app.app_context():
        return engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id)).state


def route_id(app, person_id) -> int:
    with app.app_context():
        return engine_of().instance_for(ROUTE, db.session.get(JobSeeker, person_id)).id
