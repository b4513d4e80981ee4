"""Inviting the council, and reminding whoever has not answered yet.

Reminders follow the challenge's schedule (days after the invitation). They stop the moment
a member answers, because only members still at *uitgenodigd* are reminded. Each reminder
is a row, unique per member and day of the schedule, written in the transaction that queues
its mail: two machines running the tick at once send it once.
"""

from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from core.api import (
    WorkflowInstance,
    absolute_url,
    db,
    engine_of,
    local_date,
    local_today,
    lock_row,
    queue_mail,
)

from ..council.models import CouncilMember
from .models import Challenge, Participation, Reminder
from .rules import link_token, new_link_nonce


def member_link(participation: Participation) -> str:
    return absolute_url("campaign.member_page", token=link_token(participation))


def seated_members(day):
    return db.select(CouncilMember).where(
        CouncilMember.seated_from <= day,
        CouncilMember.seated_until.is_(None) | (CouncilMember.seated_until >= day),
    )


def invite_council(challenge: Challenge, actor) -> int:
    """Invite every member seated today who has no invitation to this challenge yet, each
    with their own link; returns how many. The caller commits."""
    today = local_today()
    if challenge.invited_on is None:
        challenge.invited_on = today
    invited = db.select(Participation.member_id).where(Participation.challenge_id == challenge.id)
    members = db.session.scalars(
        seated_members(today).where(CouncilMember.id.not_in(invited)).order_by(CouncilMember.id)
    ).all()
    engine = engine_of()
    for member in members:
        participation = Participation(
            challenge=challenge, member=member, link_nonce=new_link_nonce()
        )
        db.session.add(participation)
        db.session.flush()
        engine.start(
            "campaign.challenge",
            participation,
            title=f"{challenge.title} ({participation.id})",
            actor=actor,
        )
        _mail(participation, challenge.invitation_subject, "campaign/mail/invitation.txt")
    return len(members)


def _mail(participation: Participation, subject: str, template: str, **context) -> None:
    link = member_link(participation)
    body = render_template(
        template,
        member=participation.member,
        challenge=participation.challenge,
        link=link,
        **context,
    )
    queue_mail(participation.member.email, subject, body, secrets=[link])


def send_due_reminders(now: datetime) -> int:
    """Remind every member still without an answer whose next day of the schedule has come:
    one mail for the latest day due (a tick that did not run for a while sends no backlog)."""
    today = local_date(now)
    rows = db.session.execute(
        db.select(
            Participation.id, WorkflowInstance.id, Participation.invited_at, Challenge.reminder_days
        )
        .join(Challenge, Challenge.id == Participation.challenge_id)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == "campaign.challenge")
            & (WorkflowInstance.subject_id == Participation.id),
        )
        .where(WorkflowInstance.state == "uitgenodigd", Challenge.respond_by >= today)
        .order_by(Participation.id)
    ).all()
    db.session.rollback()  # end the read; each reminder below is its own transaction
    sent = 0
    for participation_id, instance_id, invited_at, reminder_days in rows:
        days = (today - local_date(invited_at)).days
        schedule = sorted({int(d) for d in reminder_days.split(",") if d.strip()})
        due = [day for day in schedule if day <= days]
        if not due:
            continue
        if _remind(participation_id, instance_id, due[-1], position=len(due), of=len(schedule)):
            sent += 1
    return sent


def _remind(participation_id: int, instance_id: int, step: int, position: int, of: int) -> bool:
    """One reminder, in its own transaction; none when the member answered since the list
    was read (the instance is locked, so an answer now waits for this or comes after)."""
    lock_row(WorkflowInstance, instance_id)
    if db.session.scalar(
        db.select(WorkflowInstance.state).where(WorkflowInstance.id == instance_id)
    ) != "uitgenodigd" or db.session.scalar(
        db.select(Reminder.id).where(
            Reminder.participation_id == participation_id, Reminder.step == step
        )
    ):
        db.session.rollback()
        return False
    participation = db.session.get(Participation, participation_id)
    db.session.add(Reminder(participation_id=participation_id, step=step))
    _mail(
        participation,
        _("Herinnering: %(subject)s", subject=participation.challenge.invitation_subject),
        "campaign/mail/reminder.txt",
        position=position,
        of=of,
    )
    try:
        db.session.commit()
    except IntegrityError:  # another machine's tick sent this one a moment ago
        db.session.rollback()
        return False
    return True
