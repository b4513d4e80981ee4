"""A council and a challenge to it, for the campaign's tests: made through the models, as
the team's pages would leave them, with the workflow started through the engine."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from core.extensions import db
from core.models import OutboxMessage
from core.timeutil import local_today, utcnow
from plugins.campaign.challenge import index
from plugins.campaign.challenge.models import Challenge, Participation
from plugins.campaign.council.models import CouncilMember, Party

LINK = re.compile(r"https?://\S+/campaign/raad/(\S+)")


def add_council(members: list[tuple[str, str]], seated_from: date | None = None) -> list[int]:
    """[(name, party)] -> member ids; parties made as needed."""
    parties: dict[str, Party] = {p.name: p for p in db.session.scalars(db.select(Party))}
    ids = []
    for number, (name, party) in enumerate(members):
        if party not in parties:
            parties[party] = Party(name=party)
            db.session.add(parties[party])
        member = CouncilMember(
            name=name,
            party=parties[party],
            seated_from=seated_from or date(2018, 3, 29),
            email=f"raadslid{len(ids)}-{number}-{name.split()[0].lower()}@example.org",
        )
        db.session.add(member)
        db.session.flush()
        ids.append(member.id)
    db.session.commit()
    return ids


def add_challenge(**values) -> int:
    today = local_today()
    fields = {
        "title": "Uitdaging 2026",
        "question": "Leven van €50 per week. Kunt u dat?",
        "invitation_subject": "WARM ROTTERDAM DAAGT RAADSLEDEN UIT",
        "invitation_text": "Wij dagen u uit.",
        "reminder_days": "7,14,21",
        "respond_by": today + timedelta(days=28),
        "ends_on": today + timedelta(days=60),
        "publish_at": utcnow() + timedelta(days=90),
        **values,
    }
    challenge = Challenge(**fields)
    db.session.add(challenge)
    db.session.flush()
    challenge.points = index.default_points(challenge)
    db.session.commit()
    return challenge.id


def links_in_outbox() -> dict[str, str]:
    """{recipient: token} of every mail with a member's link, the latest per recipient."""
    found = {}
    for message in db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)):
        match = LINK.search(message.body)
        if match:
            found[message.recipient] = match.group(1)
    return found


def participation_of(member_id: int, challenge_id: int) -> Participation:
    return db.session.scalar(
        db.select(Participation).where(
            Participation.member_id == member_id, Participation.challenge_id == challenge_id
        )
    )


def local_noon(day: date) -> datetime:
    """A moment in the middle of `day` (naive UTC), far from midnight in any zone."""
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=11)


def on_day(day: date):
    """The clock at the middle of `day`, for requests and the tick alike (time-machine)."""
    import time_machine

    return time_machine.travel(local_noon(day).replace(tzinfo=UTC), tick=False)
