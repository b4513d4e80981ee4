"""Demo data: ending causes and a handful of fictional job seekers at different steps."""

from core.extensions import db
from core.workflow import engine_of

from .models import Consent, EndingCause, JobSeeker

CAUSES = [
    "Gezondheid",
    "Schulden of geldzorgen",
    "Afspraken niet nagekomen",
    "Zorg voor familie",
    "Werk paste toch niet",
    "Verhuisd",
    "Ander werk gevonden",
]

# (first name, last name, district, steps taken after sign-up)
PEOPLE = [
    ("Samira", "El Idrissi", "Delfshaven", []),
    ("Jeroen", "Bakker", "Charlois", ["start_intake"]),
    ("Fatma", "Yilmaz", "Feijenoord", ["start_intake", "to_preselection"]),
    (
        "Dewi",
        "Pattinama",
        "IJsselmonde",
        ["start_intake", "to_preselection", "promising", "to_assessment"],
    ),
    (
        "Marco",
        "de Vries",
        "Noord",
        [
            "start_intake",
            "to_preselection",
            "promising",
            "to_assessment",
            "profile",
            "to_matching",
            "introduce",
            "placed",
            "start_induction",
        ],
    ),
]
REASONS = {"promising": "Gemotiveerd, kan binnen drie maanden de stap maken."}


def load_demo(demo) -> None:
    if db.session.scalar(db.select(EndingCause.id).limit(1)):
        return
    db.session.add_all(EndingCause(name=name) for name in CAUSES)
    coach, lifecoach = demo.users["team"], demo.users["lifecoach"]
    partner_org = demo.organisations["Stichting Pluspunt"]
    engine = engine_of()
    for first, last, district, steps in PEOPLE:
        person = JobSeeker(
            first_name=first,
            last_name=last,
            district=district,
            referral="partner",
            referring_organisation_id=partner_org.id,
            coach_id=coach.id,
            lifecoach_id=lifecoach.id,
            phone="010 000 00 00",
        )
        person.consents = [
            Consent(purpose="Begeleiding naar passend werk", recorded_by_id=coach.id)
        ]
        db.session.add(person)
        db.session.flush()
        instance = engine.start(
            "passendwerk.route",
            person,
            title=f"Route {person.id}",
            actor=coach,
            assignee=coach,
            organisation_id=partner_org.id,
        )
        db.session.commit()
        for step in steps:
            engine.fire(instance.id, step, actor=coach, comment=REASONS.get(step))
