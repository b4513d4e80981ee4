"""The challenge's rules, as plain functions: deadlines, what an answer records, the guards
at the end of a period, and each member's personal link."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _

from core.api import WorkflowError, db, engine_of, local_midnight_utc, local_today, utcnow

from ..council.models import CouncilMember
from .models import Challenge, Participation

# --------------------------------------------------------------------------- deadlines


def _participation(instance) -> Participation:
    return db.session.get(Participation, instance.subject_id)


def answer_deadline(instance) -> datetime:
    """An answer is due by the end of the challenge's answer day."""
    return local_midnight_utc(_participation(instance).challenge.respond_by + timedelta(days=1))


def start_of_period(instance) -> datetime | None:
    """The period begins on the day the member chose (set by the answer's effect)."""
    starts_on = _participation(instance).starts_on
    return local_midnight_utc(starts_on) if starts_on else None


def end_of_period(instance) -> datetime | None:
    ends_on = _participation(instance).ends_on
    return local_midnight_utc(ends_on + timedelta(days=1)) if ends_on else None


def member_names(instances) -> dict[int, str]:
    """The pages' name for each instance: the council member's, in one query."""
    by_participation = {i.subject_id: i.id for i in instances}
    rows = db.session.execute(
        db.select(Participation.id, CouncilMember.name)
        .join(CouncilMember, CouncilMember.id == Participation.member_id)
        .where(Participation.id.in_(list(by_participation)))
    )
    return {by_participation[pid]: name for pid, name in rows}


# --------------------------------------------------------------------------- answers


def record_answer(instance, actor, data) -> None:
    participation = _participation(instance)
    participation.responded_at = utcnow()


def record_decline(instance, actor, data) -> None:
    record_answer(instance, actor, data)
    _participation(instance).reason = data["reason"]


def record_accept(instance, actor, data) -> None:
    """The member's own budget and period (the challenge's unless they chose otherwise); the
    period begins on their start day, when the tick moves them on. Through the link it begins
    today or later; only the team, recording what a member said by phone, dates it back."""
    if actor is None and data["starts_on"] < local_today():
        raise WorkflowError(_("Kies vandaag of een dag later."))
    record_answer(instance, actor, data)
    participation = _participation(instance)
    participation.budget_cents = round(data["budget"] * 100)
    participation.period_days = data["period_days"]
    participation.starts_on = data["starts_on"]
    engine_of().set_deadline_within(instance, start_of_period(instance), actor=actor)


def answered_in_time(instance, actor):
    """Through the link an answer counts until the answer day is over, even when the tick
    that closes the invitation is late; the team may still record one given in time."""
    if actor is None and utcnow() >= answer_deadline(instance):
        return _("De antwoorddatum is voorbij; uw antwoord telt niet meer mee.")
    return None


# --------------------------------------------------------------------------- the period's end


def within_budget_with_logbook(instance, actor):
    participation = _participation(instance)
    if not participation.logbook:
        return _("Het logboek is leeg.")
    if participation.spent_cents > participation.budget_cents:
        return _("De uitgaven gaan over het budget.")
    return None


def over_budget_or_no_logbook(instance, actor):
    if within_budget_with_logbook(instance, actor) is None:
        return _("Binnen het budget gebleven, met logboek.")
    return None


def may_write_logbook(participation: Participation, state: str, day) -> str | None:
    """Why a logbook line for `day` cannot be written now, or None: only during the period,
    for a day of it that has come (what was spent, not what will be)."""
    if state != "bezig":
        return _("Het logboek is alleen open tijdens de periode van de uitdaging.")
    last = min(participation.ends_on, local_today())
    if not participation.starts_on <= day <= last:
        return _(
            "Kies een dag van uw periode tot en met vandaag: %(first)s tot en met %(last)s.",
            first=format_date(participation.starts_on, "long"),
            last=format_date(last, "long"),
        )
    return None


# --------------------------------------------------------------------------- personal links


def new_link_nonce() -> str:
    return secrets.token_hex(16)


def _signature(participation_id: int, nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    message = f"campaign.challenge:{participation_id}:{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


def link_token(participation: Participation) -> str:
    """The secret part of the member's link: their participation, signed with the app's key
    and the participation's nonce, so it cannot be guessed or pointed at another member."""
    return f"{participation.id}-{_signature(participation.id, participation.link_nonce)}"


TOKEN = re.compile(r"(\d{1,12})-([0-9a-f]{40})", re.ASCII)
# After the challenge a link still shows the member's page and getuigschrift, read only.
READ_AFTER_END = timedelta(days=90)


def participation_for_token(token: str) -> Participation | None:
    """The participation a link names, if its signature holds; None for anything else."""
    match = TOKEN.fullmatch(token)
    if match is None:
        return None
    participation = db.session.get(Participation, int(match.group(1)))
    if participation is None:
        return None
    expected = _signature(participation.id, participation.link_nonce)
    return participation if hmac.compare_digest(expected, match.group(2)) else None


def challenge_over(challenge: Challenge, now: datetime) -> bool:
    """Answers and logbook lines are taken until the end of the challenge's last day."""
    return now >= local_midnight_utc(challenge.ends_on + timedelta(days=1))


def link_expired(challenge: Challenge, now: datetime) -> bool:
    """Reading through the link (the page, the getuigschrift) lasts a while longer."""
    return now >= local_midnight_utc(challenge.ends_on + timedelta(days=1)) + READ_AFTER_END
