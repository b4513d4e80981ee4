"""Who the engine tells, and when: the new assignee, the people who must act in a state that
declares `notify`, and reminders of that state's deadline (from `workflows tick`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.queries import active_users_with_roles
from ..extensions import db
from ..links import links
from ..notifications.sending import notify
from ..progress import Progress, each_told
from ..roles import organisation_roles
from .declaration import State, Workflow
from .models import WorkflowInstance


def tell_assignee(engine, instance: WorkflowInstance, assignee, actor) -> None:
    if assignee is None or assignee.id == getattr(actor, "id", None):
        return
    workflow = engine.declaration(instance)
    state = workflow.state(instance.state)
    with links():
        notify(
            [assignee],
            "assignment",
            lambda: _(
                "%(title)s is aan u toegewezen (%(workflow)s: %(state)s).",
                title=instance.title,
                workflow=workflow.title,
                state=state.label,
            ),
            engine.page_of(instance),
            due=instance.deadline_at,
            template=state.notify.template if state.notify else None,
        )


def tell_arrival(engine, instance: WorkflowInstance, actor) -> None:
    """The instance arrived in its state: tell whoever must act there, if the state says so."""
    workflow = engine.declaration(instance)
    state = workflow.state(instance.state)
    if state.notify is None:
        return
    people = people_to_tell(engine, instance, workflow, state)
    with links():
        for person in people:
            if person.id != getattr(actor, "id", None):
                notify(
                    [person],
                    "action",
                    _arrival_text(engine, instance, workflow, state, person),
                    engine.page_of(instance),
                    due=instance.deadline_at,
                    template=state.notify.template,
                )


def _arrival_text(engine, instance, workflow, state, person):
    def describe() -> str:  # called in the person's language
        steps = [
            str(t.label)
            for t in workflow.transitions_from(state.name)
            if engine.may_fire(instance, t, person)
        ]
        if not steps:
            return _("%(title)s staat nu op: %(state)s.", title=instance.title, state=state.label)
        return _(
            "%(title)s wacht op u: %(state)s. U kunt: %(steps)s.",
            title=instance.title,
            state=state.label,
            steps=", ".join(steps),
        )

    return describe


def people_to_tell(
    engine, instance: WorkflowInstance, workflow: Workflow, state: State
) -> list[User]:
    """Who may take a step from `state` on this instance and may see it; plus the assignee
    and the `also` roles if the state asks for them."""
    notice = state.notify
    steps = [t for t in workflow.transitions_from(state.name) if t.roles or t.assignee_only]
    roles = {role for t in steps for role in t.roles} if notice.actors else set()
    holders = (
        {p.id: p for p in active_users_with_roles(roles | notice.also)}
        if roles | notice.also
        else {}
    )
    assignee = db.session.get(User, instance.assignee_id) if instance.assignee_id else None
    if assignee is not None and assignee.active and assignee.password_hash:
        holders.setdefault(assignee.id, assignee)
    acting_for_organisation = organisation_roles()
    told = []
    for person in holders.values():
        acts = notice.actors and any(engine.may_fire(instance, t, person) for t in steps)
        also = _holds_for_instance(person, notice.also, instance, engine, acting_for_organisation)
        mine = notice.assignee and person.id == instance.assignee_id
        if (acts or also or mine) and engine.may_view(instance, person):
            told.append(person)
    return told


def _holds_for_instance(person, roles, instance, engine, acting_for_organisation) -> bool:
    """`person` holds one of `roles`, and one that is not organisation-bound or is bound to
    this instance's organisation."""
    held = person.role_names & roles
    if not held:
        return False
    if held - acting_for_organisation:
        return True
    return instance.organisation_id in engine.organisation_ids(person)


def send_reminders(engine, now: datetime, progress: Progress | None = None) -> int:
    """Remind the people who must act of deadlines coming (Notify.remind_before) and passed
    (Notify.overdue); each reminder once per stay in the state. Returns how many were made.
    `progress` is told of each instance near enough its deadline to look at."""
    made = 0
    with links():
        near = list(_near_deadline(engine, now))
        for workflow, state, instance in each_told(near, progress):
            made += _remind(engine, workflow, state, instance, now)
    db.session.commit()
    return made


def _near_deadline(engine, now: datetime) -> Iterator[tuple[Workflow, State, WorkflowInstance]]:
    """Every instance in a state with reminders whose deadline is within their reach."""
    for workflow in engine.enabled():
        for state in workflow.states:
            notice = state.notify
            if notice is None or not (notice.remind_before or notice.overdue):
                continue
            horizon = now + timedelta(days=max(notice.remind_before, default=0))
            instances = db.session.scalars(
                db.select(WorkflowInstance).where(
                    WorkflowInstance.workflow_key == workflow.key,
                    WorkflowInstance.workflow_version == workflow.version,
                    WorkflowInstance.state == state.name,
                    WorkflowInstance.deadline_at <= horizon,
                )
            ).all()
            for instance in instances:
                yield workflow, state, instance


def _remind(engine, workflow, state, instance, now) -> int:
    stay = f"deadline:{instance.id}:{instance.entered_state_at:%Y%m%d%H%M%S}"
    due = instance.deadline_at
    if due <= now:
        if not state.notify.overdue:
            return 0
        key = f"{stay}:passed"

        def describe() -> str:
            return _(
                "De termijn van %(title)s (%(state)s) is verstreken.",
                title=instance.title,
                state=state.label,
            )
    else:
        coming = [d for d in state.notify.remind_before if due - now <= timedelta(days=d)]
        if not coming:
            return 0
        key = f"{stay}:{min(coming)}"

        def describe() -> str:
            return _(
                "%(title)s (%(state)s): de termijn loopt af op %(date)s.",
                title=instance.title,
                state=state.label,
                date=format_date(due, "long"),
            )

    people = people_to_tell(engine, instance, workflow, state)
    made = notify(
        people,
        "deadline",
        describe,
        engine.page_of(instance),
        due=due,
        key=key,
        template=state.notify.template,
    )
    return len(made)
