"""The Politieke Armoede Index: what each answer is worth, and a party's score.

A member's outcome comes from where their challenge ended; the challenge's own points table
says what each outcome is worth. A party's score is the mean of the points of its members
who sat on the council on the day of the invitation, given only when at least the
challenge's threshold share of them answered ("onvoldoende gegevens" otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from core.api import WorkflowInstance, db, lock_row, utcnow

from ..council.models import CouncilMember, Party
from .models import Challenge, ChallengePoints, IndexEntry, Participation

# (outcome, label, default points), from the best to the least.
OUTCOMES = (
    ("volbracht", _l("Volbracht, met logboek"), 10),
    ("meegedaan", _l("Aangenomen, niet volbracht"), 6),
    ("weigert", _l("Geweigerd, met een reden"), 3),
    ("afgehaakt", _l("Afgehaakt"), 2),
    ("geen_reactie", _l("Geen reactie"), 0),
    ("onzin", _l("Vindt het onzin"), 0),
)
OUTCOME_LABELS = {name: label for name, label, _points in OUTCOMES}

# Where a challenge stands -> the outcome it counts as. Whoever is still invited when the
# index is made has not answered; whoever is still in their period took the challenge on.
OUTCOME_OF_STATE = {
    "volbracht": "volbracht",
    "niet_gelukt": "meegedaan",
    "accepteert": "meegedaan",
    "bezig": "meegedaan",
    "weigert": "weigert",
    "afgehaakt": "afgehaakt",
    "uitgenodigd": "geen_reactie",
    "geen_reactie": "geen_reactie",
    "onzin": "onzin",
}
NOT_ANSWERED = {"geen_reactie"}


def default_points(challenge: Challenge) -> list[ChallengePoints]:
    """A new challenge starts from the points of the latest one, else from the defaults."""
    previous = db.session.scalar(
        db.select(Challenge).where(Challenge.id != challenge.id).order_by(Challenge.id.desc())
    )
    if previous is not None and previous.points:
        table = previous.points_for()
    else:
        table = {name: points for name, _label, points in OUTCOMES}
    return [ChallengePoints(outcome=name, points=table.get(name, 0)) for name, *_ in OUTCOMES]


@dataclass(frozen=True)
class MemberResult:
    member_id: int
    name: str
    party: str
    outcome: str
    points: int

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass(frozen=True)
class PartyResult:
    party: str
    members: int  # n: seated on the day of the invitation
    answered: int
    score: Decimal | None  # None: too few answered ("onvoldoende gegevens")


def member_results(challenge: Challenge) -> list[MemberResult]:
    """The index's lines: as written down at publication, or as they stand now before it."""
    if challenge.frozen_at is not None:
        return [
            MemberResult(e.member_id, e.name, e.party, e.outcome, e.points)
            for e in db.session.scalars(
                db.select(IndexEntry)
                .where(IndexEntry.challenge_id == challenge.id)
                .order_by(IndexEntry.party, IndexEntry.name, IndexEntry.member_id)
            )
        ]
    return current_results(challenge)


def freeze(challenge: Challenge) -> bool:
    """Write the index down for good, once (the challenge row is locked, so two ticks or a
    tick and a visitor do it once); True when this call did it. The caller commits."""
    lock_row(Challenge, challenge.id)
    db.session.refresh(challenge)
    if challenge.frozen_at is not None or challenge.invited_on is None:
        return False
    for r in current_results(challenge):
        db.session.add(
            IndexEntry(
                challenge_id=challenge.id,
                member_id=r.member_id,
                name=r.name,
                party=r.party,
                outcome=r.outcome,
                points=r.points,
            )
        )
    challenge.frozen_at = utcnow()
    return True


def freeze_published(now) -> int:
    """Freeze every index whose publication moment has come (from the tick)."""
    due = db.session.scalars(
        db.select(Challenge).where(
            Challenge.publish_at <= now,
            Challenge.frozen_at.is_(None),
            Challenge.invited_on.is_not(None),
        )
    ).all()
    frozen = 0
    for challenge in due:
        frozen += freeze(challenge)
        db.session.commit()
    return frozen


def current_results(challenge: Challenge) -> list[MemberResult]:
    """Every member seated on the invitation day, with their outcome and its points; by party,
    then name. A member seated then but never invited counts as not answered."""
    day = challenge.invited_on
    points = challenge.points_for()
    rows = db.session.execute(
        db.select(CouncilMember.id, CouncilMember.name, Party.name, WorkflowInstance.state)
        .join(Party, Party.id == CouncilMember.party_id)
        .outerjoin(
            Participation,
            (Participation.member_id == CouncilMember.id)
            & (Participation.challenge_id == challenge.id),
        )
        .outerjoin(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == "campaign.challenge")
            & (WorkflowInstance.subject_id == Participation.id),
        )
        .where(
            CouncilMember.seated_from <= day,
            (CouncilMember.seated_until.is_(None)) | (CouncilMember.seated_until >= day),
        )
        .order_by(Party.name, CouncilMember.name, CouncilMember.id)
    ).all()
    results = []
    for member_id, name, party, state in rows:
        outcome = OUTCOME_OF_STATE.get(state or "uitgenodigd", "geen_reactie")
        results.append(MemberResult(member_id, name, party, outcome, points.get(outcome, 0)))
    return results


def party_results(challenge: Challenge, members: list[MemberResult]) -> list[PartyResult]:
    """Per party: n, how many answered, and the mean of the points (one decimal, rounded half
    up) when enough answered; the best score first, parties without one last."""
    by_party: dict[str, list[MemberResult]] = {}
    for result in members:
        by_party.setdefault(result.party, []).append(result)
    parties = []
    for party, results in by_party.items():
        answered = sum(1 for r in results if r.outcome not in NOT_ANSWERED)
        enough = answered * 100 >= challenge.response_threshold_percent * len(results)
        score = None
        if enough:
            mean = Decimal(sum(r.points for r in results)) / len(results)
            score = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        parties.append(PartyResult(party, len(results), answered, score))
    return sorted(parties, key=lambda p: (p.score is None, -(p.score or 0), p.party))
