"""Reminders before a meeting starts, sent by the tick: once per registration.

Each reminder is claimed by an UPDATE that sets `reminded_at` only where it is still empty,
in the transaction that queues the message: of two ticks at once, the second finds the row
claimed (PostgreSQL re-checks the condition after the first commits; SQLite lets one
writer in at a time) and sends nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import update

from ..extensions import db
from ..links import links
from ..mail import queue_mail
from ..notifications.sending import notify
from .models import HOLDS_PLACE, Meeting, MeetingRegistration
from .registrations import guest_link


def send_due_reminders(now: datetime) -> int:
    """Remind everyone registered for a meeting whose reminder moment (its start minus its
    `remind_hours_before`) has come and that has not started; returns how many were sent."""
    rows = db.session.execute(
        db.select(MeetingRegistration.id, Meeting.starts_at, Meeting.remind_hours_before)
        .join(Meeting, Meeting.id == MeetingRegistration.meeting_id)
        .where(
            Meeting.remind_hours_before.is_not(None),
            Meeting.starts_at > now,
            MeetingRegistration.status.in_(HOLDS_PLACE),
            MeetingRegistration.reminded_at.is_(None),
        )
        .order_by(Meeting.starts_at, MeetingRegistration.id)
    ).all()
    db.session.rollback()  # end the read; each reminder below is its own transaction
    sent = 0
    with links():
        for registration_id, starts_at, hours in rows:
            if starts_at - timedelta(hours=hours) > now:
                continue
            sent += _remind(registration_id, now)
    return sent


def _remind(registration_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        update(MeetingRegistration)
        .where(
            MeetingRegistration.id == registration_id,
            MeetingRegistration.reminded_at.is_(None),
            MeetingRegistration.status.in_(HOLDS_PLACE),
        )
        .values(reminded_at=now)
    )
    if claimed.rowcount != 1:  # another tick sent it, or the person cancelled meanwhile
        db.session.rollback()
        return False
    registration = db.session.get(MeetingRegistration, registration_id)
    meeting = registration.meeting
    if registration.user is not None:
        notify(
            [registration.user],
            "events",
            lambda: _("Herinnering: %(title)s begint binnenkort.", title=meeting.title),
            url_for("meetings.show", meeting_id=meeting.id),
            due=meeting.starts_at,
            key=f"meeting-reminder-{registration.id}",
        )
    elif registration.guest_email:
        link = guest_link(registration)
        with force_locale("nl"):
            subject = _("Herinnering: %(title)s", title=meeting.title)
            body = render_template(
                "core/meetings/mail/reminder.txt",
                registration=registration,
                meeting=meeting,
                link=link,
            )
        queue_mail(registration.guest_email, subject, body, secrets=[link])
    db.session.commit()
    return True
