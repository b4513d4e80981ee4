"""Demo: a council of 45 (invented members of invented parties), last year's challenge with
its published index, and this year's challenge under way, with every stage shown."""

from __future__ import annotations

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from core.api import (
    WorkflowError,
    WorkflowInstance,
    db,
    engine_of,
    local_midnight_utc,
    local_today,
    utcnow,
)

from ..council.models import CouncilMember, Party
from .index import default_points
from .invitations import invite_council
from .models import Challenge, FollowUpCall, LogbookEntry, Participation, Reminder

PARTIES = {
    "Stadspartij 010": 10,
    "Groen Rotterdam": 7,
    "Sociaal Zuid": 7,
    "Liberaal Rotterdam": 6,
    "Christelijk Rotterdam": 5,
    "Rotterdam Samen": 5,
    "Haven en Buurt": 5,
}
FIRST = [
    "Anna",
    "Bram",
    "Chaima",
    "Dirk",
    "Esra",
    "Frank",
    "Gül",
    "Hans",
    "Ilse",
    "Jorge",
    "Kim",
    "Laila",
    "Mark",
    "Nadia",
    "Orhan",
    "Petra",
    "Quinten",
    "Rachida",
    "Sven",
]
LAST = [
    "de Vries",
    "Bakker",
    "El Amrani",
    "Visser",
    "Yılmaz",
    "Smit",
    "Kaya",
    "de Boer",
    "Mulder",
    "Pinas",
    "Dekker",
    "Bouzid",
    "Jansen",
    "Öztürk",
    "van Dijk",
    "Koster",
    "Brouwer",
]


def add_council_challenges(demo) -> None:
    if db.session.scalar(db.select(Challenge.id).limit(1)) is not None:
        return  # loaded before
    team = demo.users["team"]
    members = _council()
    today = local_today()
    last_year = _challenge(
        "Uitdaging 2025",
        invited=today - timedelta(days=120),
        respond_by=today - timedelta(days=90),
        ends_on=today - timedelta(days=60),
        publish_at=local_midnight_utc(today - timedelta(days=50)) + timedelta(hours=10),
    )
    _invite(last_year, team, invited=today - timedelta(days=120))
    _answers(demo, last_year, members, team, begun=today - timedelta(days=100), finished=True)
    this_year = _challenge(
        "Uitdaging 2026",
        invited=today - timedelta(days=20),
        respond_by=today + timedelta(days=8),
        ends_on=today + timedelta(days=40),
        publish_at=local_midnight_utc(today + timedelta(days=45)) + timedelta(hours=10),
    )
    _invite(this_year, team, invited=today - timedelta(days=20))
    _answers(demo, this_year, members, team, begun=today - timedelta(days=10), finished=False)
    _fire_due_timeouts()


def _council() -> list[CouncilMember]:
    parties = {}
    for name in PARTIES:
        party = Party(name=name)
        db.session.add(party)
        parties[name] = party
    members, number = [], 0
    for party, seats in PARTIES.items():
        for _seat in range(seats):
            name = f"{FIRST[number % len(FIRST)]} {LAST[(number * 7) % len(LAST)]}"
            member = CouncilMember(
                name=name,
                party=parties[party],
                seated_from=local_today() - timedelta(days=1000),
                email=f"raadslid{number + 1}@demo.warmrotterdam.nl",
                phone=f"010-55501{number:02d}",
            )
            db.session.add(member)
            members.append(member)
            number += 1
    db.session.flush()
    return members


def _challenge(title, invited, respond_by, ends_on, publish_at) -> Challenge:
    challenge = Challenge(
        title=title,
        question="Leven van €50 per week. Kunt u dat?",
        invitation_subject="WARM ROTTERDAM DAAGT RAADSLEDEN UIT",
        invitation_text=(
            "Een op de zes Rotterdammers leeft onder de armoedegrens. Wij dagen u uit: leef een "
            "week van €50, houd een logboek bij en vertel ons hoe het ging."
        ),
        reminder_days="7,14,21,25",
        respond_by=respond_by,
        ends_on=ends_on,
        publish_at=publish_at,
    )
    db.session.add(challenge)
    db.session.flush()
    challenge.points = default_points(challenge)
    return challenge


def _invite(challenge: Challenge, team, invited) -> None:
    """Invite through the plugin's own path, then date it back to when it happened."""
    invite_council(challenge, team)
    challenge.invited_on = invited
    for participation in db.session.scalars(
        db.select(Participation).where(Participation.challenge_id == challenge.id)
    ):
        participation.invited_at = local_midnight_utc(invited) + timedelta(hours=9)
    db.session.flush()


def _answers(demo, challenge, members, team, begun, finished) -> None:
    """An answer of each kind in turn; a third stay silent (reminded, called, or last year
    "geen reactie"). This year's members answer through their link; what lies in the past
    (last year, a week already begun) the team recorded, as it does for answers by phone."""
    today = local_today()
    recorder = team if finished else None
    volunteer = demo.account("volunteer", "Vera Vrijwilliger")
    participations = {
        p.member_id: p
        for p in db.session.scalars(
            db.select(Participation).where(Participation.challenge_id == challenge.id)
        )
    }
    for number, member in enumerate(members):
        participation = participations[member.id]
        instance = engine_of().instance_for("campaign.challenge", participation)
        kind = number % 9
        if kind == 0:
            _fire(
                instance,
                "decline",
                {"reason": "Ik heb er in deze periode geen tijd voor."},
                by=recorder,
            )
        elif kind == 1:
            _fire(instance, "call_it_nonsense", {}, by=recorder)
        elif kind in (2, 3, 4, 6):
            if kind == 3 and not finished:
                starts = today - timedelta(days=3)  # in the middle of their week
            elif kind == 4 and not finished:
                starts = today + timedelta(days=2)  # begins the day after tomorrow
            else:
                starts = begun
            _fire(
                instance,
                "accept",
                {"starts_on": starts.isoformat(), "budget": "50", "period_days": "7"},
                by=team if starts < today else recorder,
            )
            if kind == 6:
                _fire(instance, "drop_out", {}, by=recorder)
            elif starts <= today:
                _logbook(participation, starts, over_budget=kind == 3 and finished)
        elif kind == 5 and not finished:
            _remind_and_call(participation, instance, team)
        elif kind == 7 and not finished:  # given to a volunteer to call
            engine_of().assign(instance.id, volunteer, actor=team)


def _fire(instance, trigger, answers, by=None) -> None:
    """Through the member's link, or recorded `by` someone of the team."""
    engine_of().fire(
        instance.id, trigger, actor=by, by_link=by is None, formdata=MultiDict(answers)
    )


def _logbook(participation, starts, over_budget) -> None:
    spent = [("Boodschappen bij de Lidl", 1850), ("Bus naar het werk", 640), ("Brood en melk", 420)]
    if over_budget:
        spent.append(("Verjaardagscadeau voor een kleinkind", 2500))
    for day_number, (what, cents) in enumerate(spent):
        db.session.add(
            LogbookEntry(
                participation_id=participation.id,
                day=starts + timedelta(days=day_number),
                amount_cents=cents,
                spent_on=what,
                note="Zonder koffie op het werk viel het zwaar." if day_number == 1 else None,
            )
        )
    db.session.commit()


def _remind_and_call(participation, instance, team) -> None:
    for step in (7, 14):
        db.session.add(
            Reminder(
                participation_id=participation.id,
                step=step,
                sent_at=participation.invited_at + timedelta(days=step),
            )
        )
    db.session.add(
        FollowUpCall(
            participation_id=participation.id,
            caller_id=team.id,
            called_at=utcnow() - timedelta(days=2),
            summary="Fractiemedewerker zegt dat het raadslid deze week terugbelt.",
        )
    )
    db.session.commit()
    engine_of().assign(instance.id, team, actor=team)


def _fire_due_timeouts() -> None:
    """What `workflows tick` would have fired while the demo's weeks went by: periods begun
    and ended, last year's silence become "geen reactie". Rounds, because a period that
    begins may be over at once."""
    engine = engine_of()
    for _round in range(3):
        due = db.session.execute(
            db.select(WorkflowInstance.id, WorkflowInstance.state)
            .where(
                WorkflowInstance.workflow_key == "campaign.challenge",
                WorkflowInstance.deadline_at <= utcnow(),
            )
            .order_by(WorkflowInstance.id)
        ).all()
        for instance_id, state in due:
            for trigger in TIMEOUTS[state]:
                try:
                    engine.fire(instance_id, trigger, actor=None)
                    break
                except WorkflowError:
                    continue  # its guard says the other way out is the one (within budget or not)


TIMEOUTS = {
    "uitgenodigd": ("no_answer",),
    "accepteert": ("begin",),
    "bezig": ("complete", "fall_short"),
}
