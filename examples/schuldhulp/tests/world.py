"""The people and organisations of a referral, built through the app like real data."""

from dataclasses import dataclass

from schuldhulp.models import WORKFLOW, Referral

from core.api import Organisation, WorkflowInstance, db


@dataclass
class World:
    havensteder: Organisation
    debt_help: Organisation
    other_debt_help: Organisation
    referrer: object
    counsellor: object
    other_counsellor: object


def organisation(app, name, kind):
    with app.app_context():
        org = Organisation(name=name, kind=kind)
        db.session.add(org)
        db.session.commit()
        db.session.refresh(org)
        db.session.expunge(org)
        return org


def build(app, make_user) -> World:
    havensteder = organisation(app, "Havensteder", "formal_body")
    debt_help = organisation(app, "Schuldhulp Zuid", "debt_help")
    other = organisation(app, "Schuldhulp Noord", "debt_help")
    return World(
        havensteder=havensteder,
        debt_help=debt_help,
        other_debt_help=other,
        referrer=make_user(roles={"debiteurenbeheer"}, organisation=havensteder),
        counsellor=make_user(roles={"schuldhulpverlener"}, organisation=debt_help),
        other_counsellor=make_user(roles={"schuldhulpverlener"}, organisation=other),
    )


def referral_form(world, **changes) -> dict:
    return {
        "referring_organisation_id": str(world.havensteder.id),
        "debt_help_organisation_id": str(world.debt_help.id),
        "name": "Mevrouw Jansen",
        "phone": "010 123 45 67",
        "arrears": "rent",
        "reference": "HS-1",
        "consent": "y",
        **changes,
    }


def only_referral(app) -> tuple[Referral, WorkflowInstance]:
    with app.app_context():
        [referral] = db.session.scalars(db.select(Referral)).all()
        instance = db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == WORKFLOW,
                WorkflowInstance.subject_id == referral.id,
            )
        )
        db.session.expunge_all()
        return referral, instance


def count_referrals(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Referral.id)))
