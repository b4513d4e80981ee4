"""Numbers per workflow for the programme team: instances per state, time spent, overdue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from sqlalchemy import DateTime, func

from ..extensions import db
from ..timeutil import utcnow
from ..workflow.models import WorkflowHistory, WorkflowInstance


@dataclass
class StateFigures:
    count: int = 0
    overdue: int = 0
    stays: list[float] = field(default_factory=list)  # completed stays, in days

    @property
    def median_days(self) -> float | None:
        return round(median(self.stays), 1) if self.stays else None


def figures(keys: list[str]) -> dict[str, dict[str, StateFigures]]:
    """{workflow key: {state: StateFigures}} in three queries, whatever the number of instances."""
    table: dict[str, dict[str, StateFigures]] = {k: defaultdict(StateFigures) for k in keys}
    now = utcnow()
    counts = db.session.execute(
        db.select(
            WorkflowInstance.workflow_key,
            WorkflowInstance.state,
            func.count(),
            func.count().filter(WorkflowInstance.deadline_at < now),
        )
        .where(WorkflowInstance.workflow_key.in_(keys))
        .group_by(WorkflowInstance.workflow_key, WorkflowInstance.state)
    )
    for key, state, count, overdue in counts:
        table[key][state].count = count
        table[key][state].overdue = overdue

    # A stay in a state ends when the next history row of the same instance begins.
    left_at = func.lead(WorkflowHistory.at, type_=DateTime).over(
        partition_by=WorkflowHistory.instance_id, order_by=WorkflowHistory.id
    )
    stays = (
        db.select(
            WorkflowInstance.workflow_key.label("key"),
            WorkflowHistory.to_state.label("state"),
            WorkflowHistory.at.label("entered"),
            left_at.label("left"),
        )
        .join(WorkflowInstance, WorkflowInstance.id == WorkflowHistory.instance_id)
        .where(WorkflowInstance.workflow_key.in_(keys))
        .subquery()
    )
    for key, state, entered, left in db.session.execute(
        db.select(stays.c.key, stays.c.state, stays.c.entered, stays.c.left).where(
            stays.c.left.is_not(None)
        )
    ):
        table[key][state].stays.append((left - entered).total_seconds() / 86400)
    return table


PER_PAGE = 50


def instances_in_state(engine, workflow, state: str, user, page: int, overdue: bool):
    """One page of the instances of `workflow` (any version) in `state` that `user` may see,
    longest waiting first, and whether there are more. A workflow with a need-to-know rule
    shows only what that rule lets `user` see; otherwise its viewer roles decide."""
    query = db.select(WorkflowInstance).where(
        WorkflowInstance.workflow_key == workflow.key, WorkflowInstance.state == state
    )
    if workflow.visible_to is not None:
        query = query.where(workflow.visible_to(user))
    elif not user.role_names & ({"admin"} | workflow.viewer_roles):
        return [], False
    if overdue:
        query = query.where(WorkflowInstance.deadline_at < utcnow())
    rows = db.session.scalars(
        query.options(db.joinedload(WorkflowInstance.assignee))
        .order_by(WorkflowInstance.entered_state_at, WorkflowInstance.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    return rows[:PER_PAGE], len(rows) > PER_PAGE
