"""Demo data: an account for every role and the organisations named in the programme plan."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app

from .accounts.models import User
from .accounts.passwords import hash_password
from .extensions import db
from .meetings.models import Meeting
from .organisations.models import Membership, Organisation

ORGANISATIONS = [
    # (name, kind, website)
    ("Tafelvanzeven", "social_enterprise", None),
    ("Buurtlab", "social_enterprise", None),
    ("Stichting Pluspunt", "social_enterprise", None),
    ("Excelsior 4 All", "social_enterprise", None),
    ("Gaarkeuken", "social_enterprise", None),
    ("Geloven in Spangen", "informal_network", None),
    ("House of Hope", "informal_network", None),
    ("Faircasso", "social_enterprise", None),
    ("Stichting Mait", "social_enterprise", None),
    ("De Voedseltuin", "social_enterprise", None),
    ("Havensteder", "formal_body", "https://www.havensteder.nl"),
    ("Gemeente Rotterdam", "formal_body", "https://www.rotterdam.nl"),
    ("Samen010 (Budgetmaatjes)", "informal_network", None),
    ("PH Quality B.V.", "other", None),
    ("Sociaal Werk Nederland", "other", None),
    ("Roffabriek", "employer", None),
    ("Kracht.nl", "other", None),
    ("Voor Goed Agency", "other", None),
    ("MKB Rotterdam", "employer", None),
]

# (role, display name, organisation it works for)
ACCOUNTS = [
    ("admin", "Anouk de Beheerder", None),
    ("team", "Sanne Programmaleider", None),
    ("expert", "Fatima Ervaringsdeskundige", None),
    ("auditor", "Kees Auditor", None),
    ("committee", "Marieke Commissielid", None),
    ("partner", "Mohamed Partner", "Stichting Pluspunt"),
    ("employer", "Joyce Werkgever", "Roffabriek"),
    ("lifecoach", "Ricardo Lifecoach", None),
    ("board", "Hendrik Bestuurslid", None),
]


@dataclass
class DemoWorld:
    """What plugins receive in `warmrotterdam_demo_data`: demo users per role, organisations by name."""

    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)


def demo_email(role: str) -> str:
    return f"{role}@demo.warmrotterdam.nl"


def load_demo(password: str) -> DemoWorld:
    """Create (or complete) the demo world; running it again changes nothing."""
    world = DemoWorld()
    for name, kind, website in ORGANISATIONS:
        org = db.session.scalar(db.select(Organisation).where(Organisation.name == name))
        if org is None:
            org = Organisation(name=name, kind=kind, website=website)
            db.session.add(org)
        world.organisations[name] = org
    db.session.flush()

    for role, display_name, organisation in ACCOUNTS:
        email = demo_email(role)
        user = db.session.scalar(db.select(User).where(User.email == email))
        if user is None:
            user = User(
                email=email, display_name=display_name, password_hash=hash_password(password)
            )
            user.set_roles({role})
            if organisation:
                user.memberships.append(
                    Membership(organisation=world.organisations[organisation], role="contact")
                )
            db.session.add(user)
        world.users[role] = user
    db.session.flush()

    if not db.session.scalar(db.select(Meeting.id).limit(1)):
        today = date.today()
        db.session.add_all(
            [
                Meeting(
                    title="Bijeenkomst ervaringsdeskundigen",
                    held_on=today - timedelta(days=30),
                    kind="meeting",
                    host=world.organisations["Buurtlab"],
                ),
                Meeting(
                    title="Kennissessie schuldhulp",
                    held_on=today - timedelta(days=12),
                    kind="knowledge_source",
                    place="Stadhuis",
                ),
                Meeting(
                    title="Schrijf- en schrapsessie keurmerk",
                    held_on=today - timedelta(days=3),
                    kind="meeting",
                    host=world.organisations["Tafelvanzeven"],
                ),
            ]
        )

    host = current_app.extensions["plugin_host"]
    for name in host.plugins:
        host.set_enabled(name, True)
    host.call("warmrotterdam_demo_data", demo=world)
    db.session.commit()
    return world
