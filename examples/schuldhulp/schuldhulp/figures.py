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
    from .workflows import OPEN

    open_ = WorkflowInstance.state.in_(OPEN)
    count = db.func.count(WorkflowInstance.id)
    open_count, taken_on, overdue = db.session.execute(
        db.select(
            count.filter(open_),
            count.filter(WorkflowInstance.state == "aangenomen"),
            count.filter(open_, WorkflowInstance.deadline_at < utcnow()),
        ).where(WorkflowInstance.workflow_key == WORKFLOW, WorkflowInstance.subject_id.in_(mine))
    ).one()
    return Figures(open=open_count, taken_on=taken_on, overdue=overdue)
