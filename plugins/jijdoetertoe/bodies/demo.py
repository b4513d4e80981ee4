"""Demo data of the bodies: the advisory committee with members, two meetings and advice in
every follow-up state; the board with its expert seat; a working group. Made up."""

from datetime import timedelta

from core.api import Meeting, db, engine_of, local_midnight_utc, local_today

from ..experts.models import Expert
from .models import Body, BodyMeeting, BodyMember
from .rules import record_advice

COMMITTEE = "Adviescommissie Jij doet ertoe"

# (subject, advice, follow-up trigger or None, the team's reasoning)
ADVICE = [
    ("Brieven in gewone taal", "Schrijf alle uitnodigingen op B1-niveau en laat ze meelezen.",
     "adopt", "Alle brieven worden vanaf januari door twee ervaringsdeskundigen meegelezen."),
    ("Spreekuur in de wijk", "Houd het spreekuur in het buurthuis, niet op kantoor.",
     "adopt_partly", "In Feijenoord en Charlois wel; elders is nog geen ruimte gevonden."),
    ("Vergoeding contant uitbetalen", "Betaal de vrijwilligersvergoeding contant uit.",
     "reject", "Dat mag de stichting niet; we maken het wel binnen een week over."),
    ("Nieuwe deelnemers via kerken", "Zoek nieuwe ervaringsdeskundigen ook via de diaconieën.",
     None, None),
]  # fmt: skip


def _expert(name: str) -> Expert | None:
    return db.session.scalar(db.select(Expert).where(Expert.name == name))


def _seat(body: Body, expert: Expert | None, role: str, days_ago: int, user=None) -> None:
    if expert is None and user is None:
        return
    body.members.append(
        BodyMember(
            expert_id=getattr(expert, "id", None),
            user_id=getattr(user, "id", None),
            role=role,
            term_start=local_today() - timedelta(days=days_ago),
            term_end=local_today() + timedelta(days=730 - days_ago),
        )
    )


def _meeting(body: Body, title: str, days: int, agenda: str, minutes: str | None, organiser):
    start = local_midnight_utc(local_today() + timedelta(days=days)) + timedelta(hours=13)
    meeting = Meeting(
        title=title, starts_at=start, kind="experts", place="Buurtlab", organiser_id=organiser.id
    )
    db.session.add(meeting)
    db.session.flush()
    planned = BodyMeeting(body_id=body.id, meeting_id=meeting.id, agenda=agenda, minutes=minutes)
    db.session.add(planned)
    db.session.flush()
    return planned


def load_bodies_demo(demo) -> None:
    """Idempotent: nothing is added when the committee is there."""
    if db.session.scalar(db.select(Body.id).where(Body.name == COMMITTEE)) is not None:
        return
    team = demo.users["team"]
    fatima, henk = _expert("Fatima Ervaringsdeskundige"), _expert("Henk Bakker")
    committee = Body(
        name=COMMITTEE,
        kind="advisory_committee",
        description="Zet de koers uit, toetst, brengt kennis in en evalueert. Bereidt het "
        "bestuur voor.",
    )
    _seat(committee, henk, "chair", 200)
    _seat(committee, fatima, "member", 120)
    _seat(committee, None, "member", 200, user=team)
    board = Body(
        name="Bestuur Warm Rotterdam",
        kind="board",
        description="Vergadert minstens vier keer per jaar; één zetel is voor een "
        "ervaringsdeskundige.",
    )
    _seat(board, henk, "expert_seat", 300)
    group = Body(
        name="Werkgroep keurmerk",
        kind="working_group",
        subproject="Keurmerk Warm Sociaal Incasseren",
        description="Schrijft en toetst de normen met bedrijven.",
    )
    _seat(group, fatima, "member", 90)
    db.session.add_all([committee, board, group])
    db.session.flush()
    held = _meeting(
        committee,
        "Adviescommissie: brieven en spreekuren",
        -21,
        "1. Opening\n2. Brieven van het programma\n3. Spreekuren in de wijk\n4. Rondvraag",
        "Henk opent. De commissie adviseert de brieven op B1-niveau te schrijven en het "
        "spreekuur in het buurthuis te houden. Fatima leest de volgende brief mee.",
        team,
    )
    _meeting(
        committee,
        "Adviescommissie: nieuwe deelnemers",
        14,
        "1. Opening\n2. Wat deed het team met ons advies?\n3. Nieuwe deelnemers werven",
        None,
        team,
    )
    engine = engine_of()
    for subject, text, trigger, reasoning in ADVICE:
        advice = record_advice(
            committee,
            subject=subject,
            text=text,
            given_on=local_today() - timedelta(days=21 if trigger else 3),
            actor=team,
            meeting=held if trigger else None,
        )
        if trigger:
            instance = engine.instance_for("jijdoetertoe.advice", advice)
            engine.fire_within(instance.id, trigger, actor=team, comment=reasoning)
    db.session.flush()
