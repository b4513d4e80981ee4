"""'Mijn taken': the instances on which a user may act, as one query whatever their number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import product

from sqlalchemy import and_, false, or_, tuple_

from ..data_cache import cached
from ..extensions import db
from ..roles import organisation_roles
from .engine import WorkflowEngine
from .models import WorkflowInstance
from .permissions import may_fire

PAGE_SIZE = 25
# (is the assignee, belongs to the organisation), the weakest first.
STANDINGS = sorted(product((False, True), repeat=2), key=sum)


def actionable_condition(engine: WorkflowEngine, user, workflow_key: str | None = None):
    """A WHERE clause matching instances where `user` may fire at least one transition.

    Built from the same rule the engine applies, tried for each combination of "is the
    assignee" and "belongs to the organisation"; its size depends on the number of declared
    transitions, never on the number of instances. Workflows without a visibility rule of
    their own share one `(key, version, state) IN (...)` per combination: building a clause
    per workflow cost more than the query. Guards are not evaluated here (they need the
    subject); the instance panel shows their reasons.
    """
    organisations = engine.organisation_ids(user)
    acting_for_organisation = organisation_roles()
    roles = user.role_names  # a new set per call: asked once, not per transition
    place = tuple_(
        WorkflowInstance.workflow_key, WorkflowInstance.workflow_version, WorkflowInstance.state
    )
    shared: dict[tuple[bool, bool], set[tuple[str, int, str]]] = {}
    clauses = []
    for workflow in engine.enabled():
        if workflow_key and workflow.key != workflow_key:
            continue
        places_for: dict[tuple[bool, bool], set[tuple[str, int, str]]] = {}
        for transition in workflow.transitions:
            for standing in STANDINGS:
                if standing[1] and not organisations:
                    continue  # a member of no organisation
                if may_fire(transition, roles, *standing, acting_for_organisation):
                    places_for.setdefault(standing, set()).update(
                        (workflow.key, workflow.version, state) for state in transition.source
                    )
        # A place open without a condition needs no clause with one: the query stays small.
        for standing in STANDINGS[1:]:
            weaker = set().union(
                *(
                    places_for.get(w, set())
                    for w in STANDINGS
                    if w != standing and _weaker(w, standing)
                )
            )
            places_for[standing] = places_for.get(standing, set()) - weaker
        for standing, places in places_for.items():
            if not places:
                continue
            if workflow.visible_to is None:
                shared.setdefault(standing, set()).update(places)
            else:
                clauses.append(
                    and_(
                        place.in_(sorted(places)),
                        *_standing_condition(standing, user, organisations),
                        workflow.visible_to(user),
                    )
                )
    for standing, places in sorted(shared.items()):
        clauses.append(
            and_(place.in_(sorted(places)), *_standing_condition(standing, user, organisations))
        )
    return or_(*clauses) if clauses else false()


def _weaker(one: tuple[bool, bool], other: tuple[bool, bool]) -> bool:
    """`one` asks no condition that `other` does not ask."""
    return all(a <= b for a, b in zip(one, other, strict=True))


def _standing_condition(standing: tuple[bool, bool], user, organisations: set[int]) -> list:
    is_assignee, in_organisation = standing
    condition = []
    if is_assignee:
        condition.append(WorkflowInstance.assignee_id == user.id)
    if in_organisation:
        condition.append(WorkflowInstance.organisation_id.in_(sorted(organisations)))
    return condition


@dataclass(frozen=True)
class InboxRow:
    """A line of 'Mijn taken' as plain values: kept between requests, so no database object."""

    id: int
    url: str
    title: str
    process: str
    phase: str
    steps: tuple[str, ...]  # what the user may do here
    deadline_at: datetime | None  # overdue or not is decided when the page is shown
    assignee: str


def inbox_page(
    engine: WorkflowEngine,
    user,
    page: int = 1,
    workflow_key: str | None = None,
    size: int = PAGE_SIZE,
) -> tuple[tuple[InboxRow, ...], bool]:
    """One page of the inbox, soonest deadline (so overdue) first; and whether more follow.

    What a user may act on, and how each file is named, changes only with the data (their
    roles and memberships, the instances, the subjects' names), so a page is worked out once
    per change: the query over every workflow's places alone cost more to plan than the
    page's other queries.
    """
    return cached(
        ("inbox", user.id, page, workflow_key, size),
        lambda: _rows(engine, user, page, workflow_key, size),
    )


def _rows(engine: WorkflowEngine, user, page: int, workflow_key: str | None, size: int):
    from .titles import subject_titles

    ids, more = _page_ids(engine, user, page, workflow_key, size)
    if not ids:
        return (), more
    by_id = {
        instance.id: instance
        for instance in db.session.scalars(
            db.select(WorkflowInstance)
            .options(db.joinedload(WorkflowInstance.assignee))
            .where(WorkflowInstance.id.in_(ids))
        )
    }
    instances = [by_id[i] for i in ids if i in by_id]
    titles = subject_titles(instances)
    steps = expected_steps(engine, user, instances)
    translated: dict[tuple, tuple[str, str]] = {}  # once per page, not once per row
    rows = []
    for instance in instances:
        place = (instance.workflow_key, instance.workflow_version, instance.state)
        if place not in translated:
            workflow = engine.declaration(instance)
            translated[place] = (str(workflow.title), str(workflow.state(instance.state).label))
        process, phase = translated[place]
        rows.append(
            InboxRow(
                id=instance.id,
                url=engine.page_of(instance),
                title=str(titles[instance.id]),
                process=process,
                phase=phase,
                steps=tuple(steps[instance.id]),
                deadline_at=instance.deadline_at,
                assignee=instance.assignee.display_name if instance.assignee else "",
            )
        )
    return tuple(rows), more


def _page_ids(engine: WorkflowEngine, user, page: int, workflow_key: str | None, size: int):
    ids = db.session.scalars(
        db.select(WorkflowInstance.id)
        .where(actionable_condition(engine, user, workflow_key))
        .order_by(WorkflowInstance.deadline_at.asc().nulls_last(), WorkflowInstance.id)
        .offset((page - 1) * size)
        .limit(size + 1)
    ).all()
    return tuple(ids[:size]), len(ids) > size


def expected_steps(engine: WorkflowEngine, user, instances) -> dict[int, list[str]]:
    """What `user` is expected to do on each instance: the labels of the steps open to them.

    Worked out from the declaration alone, like the inbox query (guards need the subject; the
    panel says when one holds a step back), so a page of 25 costs no query more.
    """
    organisations = engine.organisation_ids(user)
    acting_for_organisation = organisation_roles()
    # Asked once: `user` is often current_user, a proxy that costs a lookup per attribute.
    roles, user_id = user.role_names, user.id
    labels: dict[int, str] = {}  # each step's label translated once, not once per row
    steps = {}
    for instance in instances:
        workflow = engine.declaration(instance)
        steps[instance.id] = [
            labels.get(id(transition)) or labels.setdefault(id(transition), str(transition.label))
            for transition in workflow.transitions_from(instance.state)
            if may_fire(
                transition,
                roles,
                instance.assignee_id == user_id,
                instance.organisation_id in organisations,
                acting_for_organisation,
            )
        ]
    return steps
