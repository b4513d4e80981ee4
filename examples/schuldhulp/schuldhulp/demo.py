"""Demo data: Havensteder refers four tenants to a debt-help organisation, at four points
of the intake, so every page has something to show."""

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from core.api import db, engine_of, utcnow

from .models import WORKFLOW, Referral

DEBT_HELP = "Schuldhulp Rotterdam-Zuid"
REFERRER = "Havensteder"

# (name, arrears, urgent, the steps taken so far)
RESIDENTS = [
    ("Mevrouw Bakker", "rent", True, []),
    ("Dhr. El Amrani", "energy", False, ["first_contact"]),
    ("Joyce", "several", False, ["first_contact", "plan_intake"]),
    ("Mevrouw Pinas", "rent", False, ["first_contact", "plan_intake", "intake_held", "take_on"]),
]


def load_demo(demo) -> None:
    if db.session.scalar(db.select(Referral.id).limit(1)):
        return  # loaded before
    demo.organisation(DEBT_HELP, kind="debt_help")
    counsellor = demo.account("schuldhulpverlener", "Yasmina Schuldhulpverlener", DEBT_HELP)
    referrer = demo.account("debiteurenbeheer", "Linda Debiteurenbeheer", REFERRER)
    engine = engine_of()
    for number, (name, arrears, urgent, steps) in enumerate(RESIDENTS, start=1):
        referral = Referral(
            referring_organisation_id=demo.organisations[REFERRER].id,
            debt_help_organisation_id=demo.organisations[DEBT_HELP].id,
            referred_by_id=referrer.id,
            reference=f"HS-{2024000 + number}",
            name=name,
            phone=f"010 555 01 {number:02d}",
            arrears=arrears,
            urgent=urgent,
        )
        db.session.add(referral)
        db.session.flush()
        instance = engine.start(
            WORKFLOW,
            referral,
            title=f"Verwijzing {referral.id}",
            actor=referrer,
            organisation_id=referral.debt_help_organisation_id,
        )
        db.session.commit()
        for step in steps:
            engine.fire(
                instance.id,
                step,
                actor=counsellor,
                comment=_COMMENTS.get(step),
                formdata=_appointment(len(steps)) if step == "plan_intake" else None,
            )


_COMMENTS = {
    "take_on": "Meerdere schuldeisers; budgetbeheer en een schuldregeling starten.",
}


def _appointment(steps: int) -> MultiDict:
    # An intake already held took place today; a planned one is in a few days.
    when = utcnow().replace(hour=10, minute=0) + timedelta(days=0 if steps > 2 else 3)
    return MultiDict({"moment": when.strftime("%Y-%m-%dT%H:%M"), "place": "office"})
