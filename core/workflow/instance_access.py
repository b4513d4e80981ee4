"""Who may see, assign and act on one workflow instance, and why not.

The role rule itself is :func:`core.workflow.permissions.refusal`; this adds what needs the
instance: its assignee, its organisation, the workflow's need-to-know rule and its guards.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from ..extensions import db
from ..roles import organisation_roles
from .declaration import Transition, Workflow
from .models import WorkflowInstance
from .permissions import may_fire, refusal


@dataclass(frozen=True)
class Action:
    """A transition as the current user sees it: possible now, or not and why."""

    transition: Transition
    reason: str | None

    @property
    def allowed(self) -> bool:
        return self.reason is None


class InstanceAccess:
    """Mixed into the engine, which supplies `declaration()` and `is_enabled()`."""

    def organisation_ids(self, user) -> set[int]:
        return {m.organisation_id for m in user.memberships} if user is not None else set()

    def refusal(self, instance: WorkflowInstance, transition: Transition, user) -> str | None:
        if user is None:
            return None if transition.timeout else _("Hiervoor moet iemand ingelogd zijn.")
        return refusal(transition, user.role_names, *self._standing(instance, user))

    def may_fire(self, instance: WorkflowInstance, transition: Transition, user) -> bool:
        """`refusal(...) is None` without putting the reason into words."""
        if user is None:
            return bool(transition.timeout)
        return may_fire(transition, user.role_names, *self._standing(instance, user))

    def _standing(self, instance: WorkflowInstance, user) -> tuple[bool, bool, frozenset[str]]:
        """Is `user` the assignee, a member of the instance's organisation; and which roles
        act for an organisation."""
        return (
            instance.assignee_id == user.id,
            # Only records of an organisation need the user's memberships (one query).
            instance.organisation_id is not None
            and instance.organisation_id in self.organisation_ids(user),
            organisation_roles(),
        )

    def blocking_reason(self, instance, transition: Transition, user) -> str | None:
        """Why `user` cannot fire `transition` now (role, assignee, guard), or None.

        A plain str: a plugin's guard may return a lazy translation, which Jinja would print
        unescaped on the panel."""
        reason = self.refusal(instance, transition, user)
        if reason:
            return str(reason)
        for guard in transition.guards:
            reason = guard(instance, user)
            if reason:
                return str(reason)
        return None

    def actions(self, instance: WorkflowInstance, user) -> list[Action]:
        workflow = self.declaration(instance)
        return [
            Action(t, self.blocking_reason(instance, t, user))
            for t in workflow.transitions_from(instance.state)
            if not (t.timeout and not t.roles and not t.assignee_only)
        ]

    def may_assign(self, instance: WorkflowInstance, user) -> bool:
        workflow = self.declaration(instance)
        return bool(user.role_names & ({"admin"} | workflow.assigner_roles))

    def assignable_people(self, instance: WorkflowInstance) -> list:
        """Active users holding a role that acts in this workflow and who may see the instance."""
        from ..accounts.queries import active_users_with_roles

        workflow = self.declaration(instance)
        people = active_users_with_roles(workflow.acting_roles)
        if workflow.visible_to is None:
            return people
        return [p for p in people if self.sees(workflow, instance, p)]

    def may_view(self, instance: WorkflowInstance, user) -> bool:
        workflow = self.declaration(instance)
        if not self.is_enabled(instance.workflow_key):
            return False
        if workflow.visible_to is not None:
            return self.sees(workflow, instance, user)
        if user.role_names & ({"admin"} | workflow.viewer_roles):
            return True
        if instance.assignee_id == user.id:
            return True
        return any(self.may_fire(instance, t, user) for t in workflow.transitions)

    def sees(self, workflow: Workflow, instance: WorkflowInstance, user) -> bool:
        """The workflow's own visibility rule, asked of the database for this one instance."""
        return (
            db.session.scalar(
                db.select(WorkflowInstance.id).where(
                    WorkflowInstance.id == instance.id, workflow.visible_to(user)
                )
            )
            is not None
        )
