"""Domain rules of the bodies: who is a current member, and what became of an advice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_

from core.api import WorkflowHistory, WorkflowInstance, db, engine_of, local_today, notify

from ..experts.models import Expert
from .models import Advice, Body, BodyMember

WORKFLOW = "jijdoetertoe.advice"
# The team's follow-up steps, each with its reasoning (toelichting).
FOLLOW_UP_TRIGGERS = ("adopt", "adopt_partly", "reject")


def _current(day: date):
    return (BodyMember.term_start <= day) & (
        BodyMember.term_end.is_(None) | (BodyMember.term_end >= day)
    )


def _of_account(user_id: int):
    """Seats held by the account: directly, or as the expert the account belongs to."""
    experts = db.select(Expert.id).where(Expert.user_id == user_id)
    return or_(BodyMember.user_id == user_id, BodyMember.expert_id.in_(experts))


def bodies_of(user, day: date | None = None) -> list[Body]:
    """The bodies in which `user` holds a seat whose term covers `day` (today)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    day = day or local_today()
    seats = db.select(BodyMember.body_id).where(_current(day), _of_account(user.id))
    return list(db.session.scalars(db.select(Body).where(Body.id.in_(seats)).order_by(Body.name)))


def is_member(body: Body, user, day: date | None = None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    day = day or local_today()
    seat = db.select(BodyMember.id).where(
        BodyMember.body_id == body.id, _current(day), _of_account(user.id)
    )
    return db.session.scalar(seat.limit(1)) is not None


def current_members(body: Body, day: date | None = None) -> list[BodyMember]:
    day = day or local_today()
    return [m for m in body.members if m.current_on(day)]


@dataclass(frozen=True)
class FollowUp:
    """Where an advice stands and the team's reasoning, as the members read it."""

    state: str
    reasoning: str | None
    decided_at: object | None


def follow_ups(advice: list[Advice]) -> dict[int, FollowUp]:
    """{advice id: FollowUp} in two queries: the states, then the reasoning of the last step."""
    ids = [a.id for a in advice]
    if not ids:
        return {}
    instances = db.session.execute(
        db.select(WorkflowInstance.id, WorkflowInstance.subject_id, WorkflowInstance.state).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == Advice.__tablename__,
            WorkflowInstance.subject_id.in_(ids),
        )
    ).all()
    steps = db.session.execute(
        db.select(WorkflowHistory.instance_id, WorkflowHistory.comment, WorkflowHistory.at)
        .where(
            WorkflowHistory.instance_id.in_([i.id for i in instances]),
            WorkflowHistory.trigger.in_(FOLLOW_UP_TRIGGERS),
        )
        .order_by(WorkflowHistory.id)
    ).all()
    last = {instance_id: (comment, at) for instance_id, comment, at in steps}
    result = {}
    for instance_id, subject_id, state in instances:
        comment, at = last.get(instance_id, (None, None))
        result[subject_id] = FollowUp(state, comment, at)
    return result


def record_advice(body: Body, *, subject: str, text: str, given_on: date, actor, meeting=None):
    """Keep an advice of `body` and start its follow-up; the caller commits."""
    advice = Advice(
        body_id=body.id,
        body_meeting_id=getattr(meeting, "id", None),
        subject=subject,
        text=text,
        given_on=given_on,
        recorded_by_id=getattr(actor, "id", None),
    )
    db.session.add(advice)
    db.session.flush()
    # The stored title travels in mails: the number, not the subject.
    engine_of().start(WORKFLOW, advice, title=f"Advies {advice.id}", actor=actor)
    return advice


def member_accounts(body: Body, day: date | None = None) -> list:
    """The accounts of the body's current members: seated directly or as an expert."""
    accounts = []
    for member in current_members(body, day):
        account = member.user or (member.expert.user if member.expert else None)
        if account is not None:
            accounts.append(account)
    return accounts


def tell_members(instance, transition, actor, data: dict) -> None:
    """After the team's follow-up, the body's current members hear of it; the message names
    no subject (it may go out by mail), the link shows the advice and the reasoning."""
    advice = db.session.get(Advice, instance.subject_id)
    people = [p for p in member_accounts(advice.body) if p.id != getattr(actor, "id", None)]
    state = engine_of().declaration(instance).state(instance.state)
    notify(
        people,
        "events",
        lambda: _(
            "Het team heeft gereageerd op een advies van uw orgaan: '%(state)s'.", state=state.label
        ),
        url_for("jijdoetertoe.advice", advice_id=advice.id),
    )
