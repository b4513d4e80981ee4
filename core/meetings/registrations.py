"""Registering for a meeting: places, the waiting list and its automatic promotion.

Every change that takes or frees a place locks the meeting's row first (`lock_row`), so of
two requests for the last place one counts and takes it while the other waits, then counts
again and lands on the waiting list. A freed place goes, in the same transaction, to the
first on the waiting list who fits (the meeting's limit and that of their option); the
organiser and the promoted person are told. Callers commit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func

from ..extensions import db
from ..links import absolute_url
from ..locking import lock_row
from ..mail import queue_mail
from ..notifications.sending import notify
from ..timeutil import utcnow
from .models import HOLDS_PLACE, Meeting, MeetingOption, MeetingRegistration


class RegistrationRefused(Exception):
    """A registration that cannot be made, with a message for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def taken(meeting_id: int, option_id: int | None = None) -> int:
    """Places held at the meeting, or in one of its options."""
    query = db.select(func.count(MeetingRegistration.id)).where(
        MeetingRegistration.meeting_id == meeting_id,
        MeetingRegistration.status.in_(HOLDS_PLACE),
    )
    if option_id is not None:
        query = query.where(MeetingRegistration.option_id == option_id)
    return db.session.scalar(query)


def places_left(meeting: Meeting, option: MeetingOption | None = None) -> int | None:
    """Free places for one more person (in `option`, if given); None when there is no limit."""
    left = []
    if meeting.capacity is not None:
        left.append(meeting.capacity - taken(meeting.id))
    if option is not None and option.capacity is not None:
        left.append(option.capacity - taken(meeting.id, option.id))
    return max(min(left), 0) if left else None


def _lock(meeting: Meeting) -> None:
    lock_row(Meeting, meeting.id)
    # What this request read before the lock may be stale: the limits are read again.
    db.session.refresh(meeting)


def _option(meeting: Meeting, option_id: int | None) -> MeetingOption | None:
    if not option_id:
        if meeting.options:
            raise RegistrationRefused(_("Kies hoe u meedoet."))
        return None
    option = db.session.get(MeetingOption, option_id)
    if option is None or option.meeting_id != meeting.id:
        raise RegistrationRefused(_("Kies hoe u meedoet."))
    return option


def own_registration(meeting: Meeting, user) -> MeetingRegistration | None:
    return db.session.scalar(
        db.select(MeetingRegistration).where(
            MeetingRegistration.meeting_id == meeting.id, MeetingRegistration.user_id == user.id
        )
    )


def _place(registration: MeetingRegistration, option: MeetingOption | None) -> None:
    """Registered when there is a place, else at the end of the waiting list."""
    # Count before this (perhaps new, status-less) row is flushed: it holds no place yet.
    with db.session.no_autoflush:
        left = places_left(registration.meeting, option)
    registration.option_id = option.id if option else None
    registration.requested_at = utcnow()
    registration.status = "registered" if left is None or left > 0 else "waiting"


def register_user(meeting: Meeting, user, option_id: int | None) -> MeetingRegistration:
    """Register `user` themselves: registered, or waiting when the meeting or option is full."""
    _lock(meeting)
    option = _option(meeting, option_id)
    registration = own_registration(meeting, user)
    if registration is not None and registration.status in (*HOLDS_PLACE, "waiting"):
        raise RegistrationRefused(_("U bent al aangemeld voor deze bijeenkomst."))
    if registration is None:
        registration = MeetingRegistration(meeting=meeting, user_id=user.id)
        db.session.add(registration)
    _place(registration, option)
    db.session.flush()
    return registration


def _guest_exists(meeting: Meeting, email: str) -> bool:
    return (
        db.session.scalar(
            db.select(MeetingRegistration.id).where(
                MeetingRegistration.meeting_id == meeting.id,
                func.lower(MeetingRegistration.guest_email) == email.lower(),
                MeetingRegistration.status != "cancelled",
            )
        )
        is not None
    )


def add_guest(
    meeting: Meeting, name: str, email: str, option_id: int | None, *, invite: bool
) -> MeetingRegistration:
    """A guest without an account: registered by the organiser at once, or invited by mail
    with a personal link to answer yes or no themselves."""
    _lock(meeting)
    option = _option(meeting, option_id)
    if _guest_exists(meeting, email):
        raise RegistrationRefused(_("Deze gast staat al op de lijst."))
    registration = MeetingRegistration(
        meeting=meeting, guest_name=name, guest_email=email, link_nonce=secrets.token_hex(16)
    )
    db.session.add(registration)
    if invite:
        registration.option_id = option.id if option else None
        registration.status = "invited"
        db.session.flush()
        _mail_guest(
            registration, lambda: _("Uitnodiging: %(title)s", title=meeting.title), "invitation"
        )
    else:
        _place(registration, option)
        db.session.flush()
    return registration


def answer_invitation(registration: MeetingRegistration, coming: bool) -> None:
    """A guest's answer through their link: yes takes a place (or a spot on the waiting
    list), no frees what they held."""
    meeting = registration.meeting
    _lock(meeting)
    db.session.refresh(registration)
    if coming:
        if registration.status in (*HOLDS_PLACE, "waiting"):
            return
        if registration.status == "cancelled":
            # The organiser took them off: an old link does not win the place back.
            raise RegistrationRefused(_("Uw aanmelding is geannuleerd door de organisator."))
        if registration.option_id is None and meeting.options:
            raise RegistrationRefused(
                _("Deze keuze bestaat niet meer; neem contact op met de organisator.")
            )
        _place(registration, registration.option)
    else:
        cancel(registration)
        registration.status = "declined"


def cancel(registration: MeetingRegistration) -> list[MeetingRegistration]:
    """Cancel `registration`; the place it held goes to the waiting list, until the meeting
    begins (a place after the start is no use to anyone). Returns who was promoted."""
    meeting = registration.meeting
    _lock(meeting)
    db.session.refresh(registration)
    held = registration.status in HOLDS_PLACE
    registration.status = "cancelled"
    db.session.flush()
    return promote_waiting(meeting) if held and utcnow() < meeting.starts_at else []


def promote_waiting(meeting: Meeting) -> list[MeetingRegistration]:
    """Give free places to the waiting list, first come first served, skipping whoever's
    option is still full; tell each promoted person and the organiser. Call with the
    meeting locked."""
    waiting = db.session.scalars(
        db.select(MeetingRegistration)
        .where(
            MeetingRegistration.meeting_id == meeting.id, MeetingRegistration.status == "waiting"
        )
        .order_by(MeetingRegistration.requested_at, MeetingRegistration.id)
    ).all()
    promoted = []
    for registration in waiting:
        left = places_left(meeting, registration.option)
        if left is not None and left <= 0:
            continue
        registration.status = "registered"
        db.session.flush()  # the next count sees this place taken
        promoted.append(registration)
        _tell_promoted(registration)
    return promoted


def _tell_promoted(registration: MeetingRegistration) -> None:
    meeting = registration.meeting
    url = url_for("meetings.show", meeting_id=meeting.id)
    name = registration.name
    if meeting.organiser is not None:
        notify(
            [meeting.organiser],
            "events",
            lambda: _(
                "%(name)s is van de wachtlijst aangemeld voor %(title)s.",
                name=name,
                title=meeting.title,
            ),
            url,
        )
    if registration.user is not None:
        notify(
            [registration.user],
            "events",
            lambda: _("Er is plaats: u bent nu aangemeld voor %(title)s.", title=meeting.title),
            url,
        )
    elif registration.guest_email:
        _mail_guest(
            registration, lambda: _("Er is plaats: %(title)s", title=meeting.title), "promoted"
        )


def check_in(registration: MeetingRegistration, present: bool) -> None:
    """Mark a registered person present, or undo it; their place stays theirs either way.
    Locked and read again: a cancellation a moment ago must not come back as "present"."""
    _lock(registration.meeting)
    db.session.refresh(registration)
    if registration.status not in HOLDS_PLACE:
        raise RegistrationRefused(_("Alleen wie is aangemeld kan aanwezig zijn."))
    registration.status = "attended" if present else "registered"


def attended(meeting: Meeting) -> int:
    return db.session.scalar(
        db.select(func.count(MeetingRegistration.id)).where(
            MeetingRegistration.meeting_id == meeting.id,
            MeetingRegistration.status == "attended",
        )
    )


# --------------------------------------------------------------------------- guest links


def _signature(registration_id: int, nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    message = f"meetings.registration:{registration_id}:{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


def link_token(registration: MeetingRegistration) -> str:
    """The secret part of a guest's link: their registration, signed with the app's key and
    the registration's own nonce, so it opens that registration and no other."""
    return f"{registration.id}-{_signature(registration.id, registration.link_nonce)}"


def registration_for_token(token: str) -> MeetingRegistration | None:
    """The guest registration a link names, if its signature holds; None for anything else."""
    number, _dash, signature = token.partition("-")
    if not number.isdigit() or len(number) > 12 or not signature:
        return None
    registration = db.session.get(MeetingRegistration, int(number))
    if registration is None or not registration.link_nonce:
        return None
    expected = _signature(registration.id, registration.link_nonce)
    return registration if hmac.compare_digest(expected, signature) else None


def link_expired(meeting: Meeting, now: datetime) -> bool:
    """A guest's link works until the meeting starts."""
    return now >= meeting.starts_at


def guest_link(registration: MeetingRegistration) -> str:
    return absolute_url("meetings.guest", token=link_token(registration))


def _mail_guest(registration: MeetingRegistration, subject, template: str) -> None:
    """Mail a guest in Dutch (a guest chose no language), whatever the sender's language:
    `subject` is a function, so it is made in Dutch too."""
    link = guest_link(registration)
    with force_locale("nl"):
        title = subject()
        body = render_template(
            f"core/meetings/mail/{template}.txt",
            registration=registration,
            meeting=registration.meeting,
            link=link,
        )
    queue_mail(registration.guest_email, title, body, secrets=[link])


def change_options(meeting: Meeting, wanted: list[tuple[str, int | None]]) -> None:
    """Make the meeting's options `wanted` (name, limit), matched by name: limits change, new
    names are added, missing ones removed. Raises RegistrationRefused for an option someone
    still holds a place or waits for. Call with the meeting locked."""
    by_name = {option.name.lower(): option for option in meeting.options}
    # Objects, not ids: a query below flushes the new options, giving them ids too.
    keep = []
    for name, limit in wanted:
        option = by_name.get(name.lower())
        if option is None:
            option = MeetingOption(name=name, capacity=limit)
            meeting.options.append(option)
        else:
            option.name, option.capacity = name, limit
        keep.append(option)
    for option in list(meeting.options):
        if any(option is kept for kept in keep):
            continue
        in_use = db.session.scalar(
            db.select(func.count(MeetingRegistration.id)).where(
                MeetingRegistration.option_id == option.id,
                MeetingRegistration.status.in_((*HOLDS_PLACE, "waiting", "invited")),
            )
        )
        if in_use:
            raise RegistrationRefused(
                _("%(name)s kan niet weg: er zijn mensen voor aangemeld.", name=option.name)
            )
        meeting.options.remove(option)
