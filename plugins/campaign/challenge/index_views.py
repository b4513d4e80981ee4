"""The Politieke Armoede Index for everyone: nothing before the publication moment, then the
parties' and members' results as a page and as CSV, and how the index is made."""

from __future__ import annotations

from flask import abort, render_template

from core.api import csv_response, db, public, utcnow

from . import index
from .models import Challenge


def _published(challenge_id: int) -> Challenge:
    """A published challenge, its index written down for good (by the tick, or here by the
    first visitor when the tick has not run yet); under embargo it does not exist (404)."""
    challenge = db.session.get(Challenge, challenge_id)
    if challenge is None or challenge.invited_on is None or not challenge.published(utcnow()):
        abort(404)
    if challenge.frozen_at is None and index.freeze(challenge):
        db.session.commit()
    return challenge


@public
def index_list():
    now = utcnow()
    published = db.session.scalars(
        db.select(Challenge)
        .where(Challenge.publish_at <= now, Challenge.invited_on.is_not(None))
        .order_by(Challenge.publish_at.desc())
    ).all()
    return render_template("campaign/index/list.html", challenges=published)


@public
def index_results(challenge_id: int):
    challenge = _published(challenge_id)
    members = index.member_results(challenge)
    return render_template(
        "campaign/index/results.html",
        challenge=challenge,
        members=members,
        parties=index.party_results(challenge, members),
        preview=False,
    )


@public
def index_csv(challenge_id: int):
    challenge = _published(challenge_id)
    members = index.member_results(challenge)
    header = ["soort", "partij", "naam", "uitkomst", "punten", "n", "geantwoord"]
    rows = []
    for party in index.party_results(challenge, members):
        score = (
            "onvoldoende gegevens" if party.score is None else str(party.score).replace(".", ",")
        )
        rows.append(["partij", party.party, "", "", score, party.members, party.answered])
    for member in members:
        rows.append(
            ["raadslid", member.party, member.name, member.outcome_label, member.points, "", ""]
        )
    return csv_response(f"politieke-armoede-index-{challenge.id}.csv", header, rows)


@public
def methodology(challenge_id: int):
    """How the index is made, with this challenge's own points table: public from the start,
    so everyone can see the rules before the results."""
    challenge = db.session.get(Challenge, challenge_id)
    if challenge is None or challenge.invited_on is None:
        abort(404)  # a draft is the team's until the council hears of it
    return render_template(
        "campaign/index/methodology.html",
        challenge=challenge,
        points=challenge.points_for(),
        outcomes=index.OUTCOMES,
    )


ROUTES = [
    ("/armoede-index/", index_list, ["GET"]),
    ("/armoede-index/<int:challenge_id>", index_results, ["GET"]),
    ("/armoede-index/<int:challenge_id>.csv", index_csv, ["GET"]),
    ("/armoede-index/<int:challenge_id>/methode", methodology, ["GET"]),
]
