"""Domain rules of expert pools: who may be proposed, the expert's answer, work done."""

from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_

from core.api import Task, WorkflowInstance, db, local_date, local_today, utcnow

from ..experts.models import Expert, Involvement, Qualification
from ..experts.rules import WORKFLOW as EXPERT_WORKFLOW
from .models import ACCEPTED, HELP_KINDS, QUALIFICATION_FOR, PoolProposal, PoolRequest

WORKFLOW = "jijdoetertoe.pool_request"
SUBPROJECT = "Jij doet ertoe"


def request_of(instance) -> PoolRequest:
    return db.session.get(PoolRequest, instance.subject_id)


def candidates(request: PoolRequest, day: date | None = None) -> list[Expert]:
    """Experts who may be proposed: active (so available: not on a break or stopped), with
    consent that stands, holding a valid qualification for this kind of help, and not
    proposed for this request yet. Their own availability is shown to the team."""
    day = day or local_today()
    active = db.select(WorkflowInstance.subject_id).where(
        WorkflowInstance.workflow_key == EXPERT_WORKFLOW,
        WorkflowInstance.subject_type == Expert.__tablename__,
        WorkflowInstance.state == "actief",
    )
    proposed = db.select(PoolProposal.expert_id).where(PoolProposal.request_id == request.id)
    query = db.select(Expert).where(
        Expert.id.in_(active),
        Expert.id.not_in(proposed),
        Expert.consent_on.is_not(None),
        Expert.consent_revoked_on.is_(None),
    )
    kind = QUALIFICATION_FOR.get(request.help_kind)
    if kind is not None:
        valid = db.select(Qualification.expert_id).where(
            Qualification.kind == kind,
            Qualification.obtained_on <= day,
            or_(Qualification.expires_on.is_(None), Qualification.expires_on >= day),
        )
        query = query.where(Expert.id.in_(valid))
    return list(db.session.scalars(query.order_by(Expert.name, Expert.id)))


def has_candidates(instance, actor) -> str | None:
    """Guard of proposing: someone qualified, available and consenting must be left."""
    if not candidates(request_of(instance)):
        return _(
            "Er is geen ervaringsdeskundige (meer) die hiervoor gekwalificeerd is, actief is "
            "en toestemming gaf."
        )
    return None


def someone_accepted(instance, actor) -> str | None:
    """Guard of 'Uitgevoerd': at least one proposed expert said yes."""
    if not any(p.answer == ACCEPTED for p in request_of(instance).proposals):
        return _("Nog geen voorgestelde ervaringsdeskundige heeft ja gezegd.")
    return None


def propose(instance, actor, data: dict) -> None:
    """Effect of proposing: one proposal per chosen expert (the form offered candidates only)."""
    request = request_of(instance)
    for expert_id in data["expert_ids"]:
        request.proposals.append(PoolProposal(expert_id=expert_id))


def answer(proposal: PoolProposal, value: str, by) -> None:
    """The expert's yes or no (or the team's record of it); the caller commits."""
    proposal.answer = value
    proposal.answered_at = utcnow()
    proposal.answered_by_id = by.id


def record_done(instance, actor, data: dict) -> None:
    """Effect of 'Uitgevoerd': the request counts as done on the day, and each expert who
    said yes gets the work in their involvement log (so it counts, and they read it)."""
    from ..experts.forms import parse_amount

    request = request_of(instance)
    request.done_on = data["done_on"]
    minutes = parse_amount(data["hours"], 60)
    what = _("Inzet op verzoek: %(kind)s", kind=str(HELP_KINDS[request.help_kind]))
    for proposal in request.proposals:
        if proposal.answer != ACCEPTED:
            continue
        involvement = Involvement(
            expert_id=proposal.expert_id,
            done_on=data["done_on"],
            what=what,
            subproject=SUBPROJECT,
            minutes=minutes,
            allowance_cents=0,
            recorded_by_id=getattr(actor, "id", None),
        )
        db.session.add(involvement)
        db.session.flush()
        proposal.involvement_id = involvement.id


def done_per_quarter() -> list[tuple[int, int, int]]:
    """Requests done, as (year, quarter, count), newest quarter first."""
    # Counted by the database: the list grows by a row a quarter, not by a row a request.
    year = db.extract("year", PoolRequest.done_on)
    month = db.extract("month", PoolRequest.done_on)
    quarter = db.case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)
    rows = db.session.execute(
        db.select(year, quarter, db.func.count())
        .where(PoolRequest.done_on.is_not(None))
        .group_by(year, quarter)
    ).all()
    return sorted(((int(y), int(q), int(n)) for y, q, n in rows), reverse=True)


# An expert proposed for a request answers within a week (the resident hears within a week).
ANSWER_WITHIN = timedelta(days=7)


def proposals_to_answer(user, limit: int) -> list[Task]:
    """The requests `user` (an expert with an account) was proposed for and has not answered
    yet, soonest first: a task each on the dashboard and in 'Mijn taken'. Named by number: a
    task list may be read over someone's shoulder."""
    rows = db.session.execute(
        db.select(PoolProposal.request_id, PoolProposal.proposed_at)
        .join(Expert, Expert.id == PoolProposal.expert_id)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == WORKFLOW)
            & (WorkflowInstance.subject_type == PoolRequest.__tablename__)
            & (WorkflowInstance.subject_id == PoolProposal.request_id),
        )
        .where(
            Expert.user_id == user.id,
            PoolProposal.answer.is_(None),
            WorkflowInstance.state == "gekoppeld",
        )
        .order_by(PoolProposal.proposed_at, PoolProposal.id)
        .limit(limit)
    ).all()
    url = url_for("jijdoetertoe.my_involvement") + "#verzoeken"
    return [
        Task(
            _("Verzoek om hulp %(n)s: doet u mee?", n=request_id),
            url,
            local_date(proposed_at) + ANSWER_WITHIN,
        )
        for request_id, proposed_at in rows
    ]
