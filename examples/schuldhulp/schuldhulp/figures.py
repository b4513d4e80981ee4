"""Counts for the dashboard: numbers only, no names, within what the user may see."""

from dataclasses import dataclass

from core.api import WorkflowInstance, db, user_can, utcnow

from .access import counselled_by, referred_by
from .models import WORKFLOW, Referral


@dataclass(frozen=True)
class Figures:
    open: int
    taken_on: int
    overdue: int


def figures(user) -> Figures:
    scope = counselled_by(user) if user_can(user, "schuldhulp.counsel") else referred_by(user)
    mine = db.select(Referral.id).where(scope).scalar_subquery()
    count = db.func.count(WorkflowInstance.id)
    base = db.select(count).where(
        WorkflowInstance.workflow_key == WORKFLOW, WorkflowInstance.subject_id.in_(mine)
    )
    from .workflows import OPEN

    return Figures(
        open=db.session.scalar(base.where(WorkflowInstance.state.in_(OPEN))),
        taken_on=db.session.scalar(base.where(WorkflowInstance.state == "aangenomen")),
        overdue=db.session.scalar(
            base.where(WorkflowInstance.state.in_(OPEN), WorkflowInstance.deadline_at < utcnow())
        ),
    )
