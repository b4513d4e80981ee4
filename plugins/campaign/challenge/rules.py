"""The challenge's rules, as plain functions: deadlines, what an answer records, the guards
at the end of a period, and each member's personal link."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _

from core.api import db, engine_of, local_midnight_utc, utcnow

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


# --------------------------------------------------------------------------- answers


def record_answer(instance, actor, data) -> None:
    participation = _participation(instance)
    participation.responded_at = utcnow()


def record_decline(instance, actor, data) -> None:
    record_answer(instance, actor, data)
    _participation(instance).reason = data["reason"]


def record_accept(instance, actor, data) -> None:
    """The member's own budget and period (the challenge's unless they chose otherwise); the
    period begins on their start day, when the tick moves them on."""
    record_answer(instance, actor, data)
    participation = _participation(instance)
    participation.budget_cents = round(data["budget"] * 100)
    participation.period_days = data["period_days"]
    participation.starts_on = data["starts_on"]
    engine_of().set_deadline_within(instance, start_of_period(instance), actor=actor)


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
    """Why a logbook line for `day` cannot be written now, or None."""
    if state not in ("accepteert", "bezig"):
        return _("Het logboek is alleen open tijdens de periode van de uitdaging.")
    if not participation.starts_on <= day <= participation.ends_on:
        return _(
            "Kies een dag binnen uw periode: %(first)s tot en met %(last)s.",
            first=format_date(participation.starts_on, "long"),
            last=format_date(participation.ends_on, "long"),
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


def participation_for_token(token: str) -> Participation | None:
    """The participation a link names, if its signature holds; None for anything else."""
    number, _dash, signature = token.partition("-")
    if not number.isdigit() or len(number) > 12 or not signature:
        return None
    participation = db.session.get(Participation, int(number))
    if participation is None:
        return None
    expected = _signature(participation.id, participation.link_nonce)
    return participation if hmac.compare_digest(expected, signature) else None


def link_expired(challenge: Challenge, now: datetime) -> bool:
    """A link works until the end of the challenge's last day."""
    return now >= local_midnight_utc(challenge.ends_on + timedelta(days=1))
