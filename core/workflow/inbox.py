"""'Mijn taken': the instances on which a user may act, as one query whatever their number."""

from __future__ import annotations

from itertools import product

from sqlalchemy import and_, false, or_

from ..extensions import db
from ..roles import organisation_roles
from .engine import WorkflowEngine
from .models import WorkflowInstance
from .permissions import refusal

PAGE_SIZE = 25


def actionable_condition(engine: WorkflowEngine, user, workflow_key: str | None = None):
    """A WHERE clause matching instances where `user` may fire at least one transition.

    Built from the same `refusal` rule the engine applies, tried for each combination of
    "is the assignee" and "belongs to the organisation"; its size depends on the number of
    declared transitions, never on the number of instances. Guards are not evaluated here
    (they need the subject); the instance panel shows their reasons.
    """
    organisations = engine.organisation_ids(user)
    acting_for_organisation = organisation_roles()
    clauses = []
    for workflow in engine.enabled():
        if workflow_key and workflow.key != workflow_key:
            continue
        states_for: dict[tuple[bool, bool], set[str]] = {}
        for transition in workflow.transitions:
            for is_assignee, in_org in product((False, True), repeat=2):
                if (
                    refusal(
                        transition, user.role_names, is_assignee, in_org, acting_for_organisation
                    )
                    is None
                ):
                    states_for.setdefault((is_assignee, in_org), set()).update(transition.source)
        for (is_assignee, in_org), states in states_for.items():
            condition = [
                WorkflowInstance.workflow_key == workflow.key,
                WorkflowInstance.workflow_version == workflow.version,
                WorkflowInstance.state.in_(sorted(states)),
            ]
            if is_assignee:
                condition.append(WorkflowInstance.assignee_id == user.id)
            if in_org:
                condition.append(WorkflowInstance.organisation_id.in_(sorted(organisations)))
            if workflow.visible_to is not None:
                condition.append(workflow.visible_to(user))
            clauses.append(and_(*condition))
    return or_(*clauses) if clauses else false()


def inbox_page(
    engine: WorkflowEngine,
    user,
    page: int = 1,
    workflow_key: str | None = None,
    size: int = PAGE_SIZE,
):
    """One page of the inbox, soonest deadline (so overdue) first; and whether more follow."""
    rows = db.session.scalars(
        db.select(WorkflowInstance)
        .options(db.joinedload(WorkflowInstance.assignee))
        .where(actionable_condition(engine, user, workflow_key))
        .order_by(WorkflowInstance.deadline_at.asc().nulls_last(), WorkflowInstance.id)
        .offset((page - 1) * size)
        .limit(size + 1)
    ).all()
    return rows[:size], len(rows) > size


def expected_steps(engine: WorkflowEngine, user, instances) -> dict[int, list[str]]:
    """What `user` is expected to do on each instance: the labels of the steps open to them.

    Worked out from the declaration alone, like the inbox query (guards need the subject; the
    panel says when one holds a step back), so a page of 25 costs no query more.
    """
    organisations = engine.organisation_ids(user)
    acting_for_organisation = organisation_roles()
    steps = {}
    for instance in instances:
        workflow = engine.declaration(instance)
        steps[instance.id] = [
            str(transition.label)
            for transition in workflow.transitions_from(instance.state)
            if refusal(
                transition,
                user.role_names,
                instance.assignee_id == user.id,
                instance.organisation_id in organisations,
                acting_for_organisation,
            )
            is None
        ]
    return steps
