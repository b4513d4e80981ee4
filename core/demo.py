"""Demo data: an account for every core role and organisations named in the programme plan;
plugins add their own through `warmrotterdam_demo_data`."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from .accounts.models import User
from .accounts.passwords import hash_password
from .extensions import db
from .links import links
from .meetings.models import Meeting, MeetingOption
from .organisations.models import Membership, Organisation
from .plugin_host import plugin_host
from .progress import Progress
from .timeutil import local_to_utc, local_today, utcnow

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
    ("Kracht.nl", "other", None),
    ("Voor Goed Agency", "other", None),
]

# (role, display name, organisation it works for); plugins add accounts for their roles
ACCOUNTS = [
    ("admin", "Anouk de Beheerder", None),
    ("team", "Sanne Programmaleider", None),
    ("expert", "Fatima Ervaringsdeskundige", None),
    ("partner", "Mohamed Partner", "Stichting Pluspunt"),
    ("board", "Hendrik Bestuurslid", None),
]


@dataclass
class DemoWorld:
    """What plugins receive in `warmrotterdam_demo_data`: demo users per role, organisations by
    name, and the means to add their own (see the hook's documentation)."""

    password: str
    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    # how many "accounts" and "organisations" this run added, for the summary of `demo load`
    created: Counter = field(default_factory=Counter)

    def organisation(self, name: str, kind: str, website: str | None = None) -> Organisation:
        """The demo organisation called `name`, created if it is not there yet."""
        org = db.session.scalar(db.select(Organisation).where(Organisation.name == name))
        if org is None:
            org = Organisation(name=name, kind=kind, website=website)
            db.session.add(org)
            db.session.flush()
            self.created["organisations"] += 1
        self.organisations[name] = org
        return org

    def account(self, role: str, display_name: str, organisation: str | None = None) -> User:
        """The demo account of `role` (``<role>@demo.warmrotterdam.nl``), created if need be;
        `organisation` names a demo organisation it works for."""
        email = demo_email(role)
        user = db.session.scalar(db.select(User).where(User.email == email))
        if user is None:
            user = User(
                email=email,
                display_name=display_name,
                password_hash=hash_password(self.password),
            )
            user.set_roles({role})
            if organisation:
                user.memberships.append(
                    Membership(organisation=self.organisations[organisation], role="contact")
                )
            db.session.add(user)
            db.session.flush()
            self.created["accounts"] += 1
        self.users[role] = user
        return user


def demo_email(role: str) -> str:
    return f"{role}@demo.warmrotterdam.nl"


def load_demo(password: str, progress: Progress | None = None) -> DemoWorld:
    """Create (or complete) the demo world with every installed plugin enabled and its demo
    data; running it again changes nothing. `progress` is told of each step: the core, then
    each plugin by name."""
    host = plugin_host()
    total = 1 + len(host.plugins)
    if progress is not None:
        progress(0, total, "core")
    world = core_demo(password)
    for name in host.plugins:
        host.set_enabled(name, True)
    # One plugin at a time rather than one hook call for all, so each is a step of its own;
    # links in the mails a demo queues work as from cron.
    with links():
        for done, name in enumerate(host.plugins, 1):
            if progress is not None:
                progress(done, total, name)
            host.call_one(name, "warmrotterdam_demo_data", demo=world)
        _publish_last_quarter(world)
    db.session.commit()
    if progress is not None:
        progress(total, total)
    return world


def _publish_last_quarter(world: DemoWorld) -> None:
    """The public progress page shows the last quarter, as the team would have published it."""
    from .figures.publishing import anything_published, publish_quarter
    from .figures.targets import completed_quarters

    if not anything_published():
        publish_quarter(completed_quarters(local_today())[-1], world.users["team"])


def core_demo(password: str) -> DemoWorld:
    """The core's part of the demo: its accounts, organisations and meetings (not committed)."""
    world = DemoWorld(password)
    for position, (name, kind, website) in enumerate(ORGANISATIONS):
        before = world.created["organisations"]
        organisation = world.organisation(name, kind, website)
        if world.created["organisations"] > before:
            # Joined one after another over the last two years, so the trend per quarter
            # on /cijfers has something to show.
            weeks = 6 * (len(ORGANISATIONS) - position)
            organisation.created_at = utcnow() - timedelta(weeks=weeks)
    for role, display_name, organisation in ACCOUNTS:
        world.account(role, display_name, organisation)
    db.session.flush()

    if not db.session.scalar(db.select(Meeting.id).limit(1)):
        today = local_today()

        def at(days: int, hour: int) -> datetime:
            return local_to_utc(datetime.combine(today + timedelta(days=days), time(hour)))

        organiser = world.users.get("team")
        db.session.add_all(
            [
                Meeting(
                    title="Bijeenkomst ervaringsdeskundigen",
                    starts_at=at(-30, 10),
                    kind="experts",
                    host=world.organisations["Buurtlab"],
                    organiser=organiser,
                ),
                Meeting(
                    title="Kennissessie schuldhulp",
                    starts_at=at(-12, 14),
                    kind="knowledge_source",
                    place="Stadhuis",
                    organiser=organiser,
                ),
                Meeting(
                    title="Schrijf- en schrapsessie keurmerk",
                    starts_at=at(-3, 10),
                    kind="partners",
                    host=world.organisations["Tafelvanzeven"],
                    organiser=organiser,
                ),
                # The tour: 24 guests, in taxis of four (each taxi a group).
                Meeting(
                    title="Tour langs de Warmtebronnen",
                    starts_at=at(14, 13),
                    ends_at=at(14, 17),
                    kind="event",
                    host=world.organisations["Buurtlab"],
                    organiser=organiser,
                    capacity=24,
                    remind_hours_before=24,
                    options=[MeetingOption(name=f"Taxi {n}", capacity=4) for n in range(1, 7)],
                ),
            ]
        )
    db.session.flush()
    return world
