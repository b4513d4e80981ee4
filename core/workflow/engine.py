"""Fire transitions: permission, guards, form, state change, history and listeners, in one
database transaction; exactly one winner when two people act at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..roles import organisation_roles
from ..timeutil import utcnow
from .declaration import Transition, Workflow
from .models import WorkflowHistory, WorkflowInstance
from .permissions import refusal

log = logging.getLogger(__name__)


# The hot path's statements, built once: constructing them per call costs more than
# the database round trip.
_instances = WorkflowInstance.__table__
_LOCK = (
    select(WorkflowInstance)
    .where(WorkflowInstance.id == bindparam("instance_id"))
    .with_for_update()
    .execution_options(populate_existing=True)  # re-read even if already in the session
)


@lru_cache
def _versioned_update(columns: frozenset[str]):
    """UPDATE of `columns` that only matches the row at the version we read."""
    return (
        update(_instances)
        .where(
            _instances.c.id == bindparam("instance_id"),
            _instances.c.version == bindparam("read_version"),
        )
        .values({c: bindparam(c) for c in sorted(columns)})
    )


_ADD_HISTORY = insert(WorkflowHistory.__table__)
_HISTORY_FIELDS = ("at", "actor_id", "trigger", "from_state", "to_state", "comment", "data")


@lru_cache
def _versioned_update_with_history(columns: frozenset[str]):
    """PostgreSQL: the versioned UPDATE and the history INSERT as one statement, one round trip.

    When the row moved on meanwhile the UPDATE matches nothing, so nothing is inserted either.
    """
    history = WorkflowHistory.__table__
    moved = _versioned_update(columns).returning(_instances.c.id).cte("moved")
    rows = select(
        moved.c.id, *(bindparam(f"h_{f}", type_=history.c[f].type) for f in _HISTORY_FIELDS)
    )
    # RETURNING tells whether a row went in (psycopg reports no rowcount for this statement).
    return (
        insert(history).from_select(["instance_id", *_HISTORY_FIELDS], rows).returning(history.c.id)
    )


# The history's trigger for a (re)assignment; not an identifier, so no declared trigger clashes.
ASSIGN = "@assign"
# A transition comment is a few sentences in the history, not a document.
MAX_COMMENT = 4000


class WorkflowError(Exception):
    """A transition did not happen; `message` tells the user why, in plain words."""

    status = 400

    def __init__(self, message: str):
        message = str(message)  # a lazy translation would not survive the session (flash)
        super().__init__(message)
        self.message = message


class NotAllowed(WorkflowError):
    status = 403


class Conflict(WorkflowError):
    """Someone else changed the instance first; nothing of this attempt was applied."""

    status = 409


class InvalidForm(WorkflowError):
    def __init__(self, form, transition: Transition):
        super().__init__(_("Controleer het formulier."))
        self.form = form
        self.transition = transition


class DeclarationError(Exception):
    """A workflow declaration is unsound; the message names the plugin and the problem."""


@dataclass(frozen=True)
class Action:
    """A transition as the current user sees it: possible now, or not and why."""

    transition: Transition
    reason: str | None

    @property
    def allowed(self) -> bool:
        return self.reason is None


def _deadline(now, period):
    return now + period if period else None


def _stored(data: dict) -> dict:
    """Form answers as the history keeps them (JSON)."""
    return {name: _jsonable(value) for name, value in data.items()}


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class WorkflowEngine:
    def __init__(self, host) -> None:
        self.host = host
        self.workflows: dict[tuple[str, int], Workflow] = {}
        self.owners: dict[str, str] = {}

    # ------------------------------------------------------------------ declarations

    def register(self, workflow: Workflow, owner: str) -> None:
        where = f"Plugin {owner}: workflow {workflow.key!r} version {workflow.version}"
        if not workflow.key.startswith(owner + "."):
            raise DeclarationError(f"{where}: the key must start with {owner + '.'!r}.")
        if (workflow.key, workflow.version) in self.workflows:
            raise DeclarationError(f"{where}: declared twice.")
        problems = workflow.problems()
        if problems:
            raise DeclarationError(f"{where}: " + "; ".join(problems) + ".")
        self.workflows[(workflow.key, workflow.version)] = workflow
        self.owners[workflow.key] = owner

    def latest(self, key: str) -> Workflow:
        versions = [v for (k, v) in self.workflows if k == key]
        if not versions:
            raise KeyError(key)
        return self.workflows[(key, max(versions))]

    def declaration(self, instance: WorkflowInstance) -> Workflow:
        return self.workflows[(instance.workflow_key, instance.workflow_version)]

    def enabled(self) -> list[Workflow]:
        """Declarations of enabled plugins (a disabled plugin's workflows disappear)."""
        enabled = self.host.enabled_names()
        return [w for (key, _v), w in sorted(self.workflows.items()) if self.owners[key] in enabled]

    def is_enabled(self, key: str) -> bool:
        return self.owners.get(key) in self.host.enabled_names()

    # ------------------------------------------------------------------ instances

    def start(
        self,
        key: str,
        subject,
        *,
        title: str,
        actor=None,
        assignee=None,
        organisation_id: int | None = None,
        comment: str | None = None,
    ) -> WorkflowInstance:
        """Put `subject` into the latest version of workflow `key`; the caller commits."""
        workflow = self.latest(key)
        now = utcnow()
        initial = workflow.state(workflow.initial)
        instance = WorkflowInstance(
            workflow_key=key,
            workflow_version=workflow.version,
            subject_type=subject.__tablename__,
            subject_id=subject.id,
            title=title,
            state=initial.name,
            assignee_id=getattr(assignee, "id", None),
            organisation_id=organisation_id,
            entered_state_at=now,
            created_at=now,
        )
        instance.deadline_at = _deadline(now, initial.deadline_for(instance))
        db.session.add(instance)
        db.session.flush()
        db.session.add(
            WorkflowHistory(
                instance_id=instance.id,
                at=now,
                actor_id=getattr(actor, "id", None),
                trigger=None,
                from_state=None,
                to_state=initial.name,
                comment=comment,
            )
        )
        return instance

    def instance_for(self, key: str, subject) -> WorkflowInstance | None:
        return db.session.scalar(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == key,
                WorkflowInstance.subject_type == subject.__tablename__,
                WorkflowInstance.subject_id == subject.id,
            )
        )

    # ------------------------------------------------------------------ who may do what

    def organisation_ids(self, user) -> set[int]:
        return {m.organisation_id for m in user.memberships} if user is not None else set()

    def refusal(self, instance: WorkflowInstance, transition: Transition, user) -> str | None:
        if user is None:
            return None if transition.timeout else _("Hiervoor moet iemand ingelogd zijn.")
        return refusal(
            transition,
            user.role_names,
            is_assignee=instance.assignee_id == user.id,
            # Only records of an organisation need the user's memberships (one query).
            in_organisation=instance.organisation_id is not None
            and instance.organisation_id in self.organisation_ids(user),
            organisation_roles=organisation_roles(),
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
        return [p for p in people if self._sees(workflow, instance, p)]

    def assign(self, instance_id: int, assignee, *, actor, expected_version: int | None = None):
        """Give the instance to `assignee` (or nobody); recorded in the history, then committed."""

        def work():
            instance = self._open(instance_id, expected_version)
            if not self.may_assign(instance, actor):
                raise NotAllowed(_("U mag dit dossier niet toewijzen."))
            self._assign(instance, assignee, actor)
            return instance

        return self._in_transaction(instance_id, work)

    def assign_within(self, instance: WorkflowInstance, assignee, *, actor) -> None:
        """Hand the instance to `assignee` inside the caller's transaction, without committing.

        For a step whose effect names who acts next (planning an audit makes the lead auditor
        the assignee): the step allowed it, so the assigner roles are not asked again. Nothing
        is written when the assignee stays the same.
        """
        if instance.assignee_id != getattr(assignee, "id", None):
            self._assign(instance, assignee, actor)

    def _assign(self, instance: WorkflowInstance, assignee, actor) -> None:
        if assignee is not None and assignee not in self.assignable_people(instance):
            raise WorkflowError(_("Deze persoon heeft geen rol in dit proces."))
        self._write(
            instance,
            {"assignee_id": getattr(assignee, "id", None)},
            actor=actor,
            trigger=ASSIGN,
            to_state=instance.state,
            data={"assignee": assignee.display_name if assignee else None},
        )

    def may_view(self, instance: WorkflowInstance, user) -> bool:
        workflow = self.declaration(instance)
        if not self.is_enabled(instance.workflow_key):
            return False
        if workflow.visible_to is not None:
            return self._sees(workflow, instance, user)
        if user.role_names & ({"admin"} | workflow.viewer_roles):
            return True
        if instance.assignee_id == user.id:
            return True
        return any(self.refusal(instance, t, user) is None for t in workflow.transitions)

    def _sees(self, workflow: Workflow, instance: WorkflowInstance, user) -> bool:
        """The workflow's own visibility rule, asked of the database for this one instance."""
        return (
            db.session.scalar(
                db.select(WorkflowInstance.id).where(
                    WorkflowInstance.id == instance.id, workflow.visible_to(user)
                )
            )
            is not None
        )

    # ------------------------------------------------------------------ firing

    def fire(
        self,
        instance_id: int,
        trigger: str,
        *,
        actor,
        comment: str | None = None,
        formdata=None,
        expected_version: int | None = None,
    ) -> WorkflowInstance:
        """Fire `trigger` and commit, or roll everything back and raise a WorkflowError."""
        return self._in_transaction(
            instance_id,
            lambda: self._fire(instance_id, trigger, actor, comment, formdata, expected_version),
        )

    def fire_within(
        self, instance_id: int, trigger: str, *, actor, comment: str | None = None
    ) -> WorkflowInstance:
        """Fire inside the caller's transaction, without committing.

        For a listener that answers one transition with another (launching a new version
        replaces the old one): both happen, or neither.
        """
        return self._fire(instance_id, trigger, actor, comment, None, None)

    def _in_transaction(self, instance_id: int, work):
        """Run `work` and commit; on any failure roll back and raise a WorkflowError."""
        try:
            result = work()
            db.session.commit()
            return result
        except StaleDataError:
            db.session.rollback()
            raise self._conflict(instance_id) from None
        except WorkflowError:
            db.session.rollback()
            raise
        except Exception as exc:
            db.session.rollback()
            log.exception("Change to workflow instance %s failed", instance_id)
            raise WorkflowError(
                _(
                    "Deze stap kon niet worden verwerkt; er is niets gewijzigd. Probeer het later opnieuw."
                )
            ) from exc

    def _open(self, instance_id: int, expected_version: int | None) -> WorkflowInstance:
        """Lock the instance and check it is the version the person saw, in an enabled plugin."""
        instance = self._lock(instance_id)
        if expected_version is not None and instance.version != expected_version:
            raise self._conflict(instance_id)
        if not self.is_enabled(instance.workflow_key):
            raise NotAllowed(_("Dit deelproject staat uit."))
        return instance

    def _fire(self, instance_id, trigger, actor, comment, formdata, expected_version):
        instance = self._open(instance_id, expected_version)
        workflow = self.declaration(instance)
        transition = next(
            (t for t in workflow.transitions_from(instance.state) if t.trigger == trigger), None
        )
        if transition is None:
            raise WorkflowError(
                _(
                    "Deze stap kan nu niet: het dossier staat op '%(state)s'.",
                    state=workflow.state(instance.state).label,
                )
            )
        reason = self.refusal(instance, transition, actor)
        if reason:
            raise NotAllowed(reason)
        if actor is not None and workflow.visible_to is not None:
            if not self._sees(workflow, instance, actor):
                raise NotAllowed(_("U mag dit dossier niet inzien."))
        for guard in transition.guards:
            reason = guard(instance, actor)
            if reason:
                raise WorkflowError(reason)
        data = self._form_data(transition, formdata, instance) or {}
        comment = (comment or "").strip() or None
        if transition.comment_required and not comment:
            raise WorkflowError(_("Schrijf op waarom; dat is bij deze stap verplicht."))
        if comment and len(comment) > MAX_COMMENT:
            raise WorkflowError(
                _(
                    "Gebruik hoogstens %(n)s tekens voor de toelichting; nu zijn het er %(used)s.",
                    n=MAX_COMMENT,
                    used=len(comment),
                )
            )

        now = utcnow()
        destination = workflow.state(transition.dest)
        self._write(
            instance,
            {
                "state": destination.name,
                "entered_state_at": now,
                "deadline_at": _deadline(now, destination.deadline_for(instance)),
            },
            actor=actor,
            trigger=trigger,
            to_state=destination.name,
            comment=comment,
            data=_stored(data) if transition.form else None,
            now=now,
        )
        if transition.effect is not None:
            transition.effect(instance, actor, data)
        if workflow.on_transition is not None:
            workflow.on_transition(instance, transition, actor, data)
        self.host.hook("warmrotterdam_workflow_transitioned")(
            instance=instance, transition=transition, actor=actor, data=data
        )
        return instance

    def _write(
        self, instance, values, *, actor, trigger, to_state, comment=None, data=None, now=None
    ):
        """UPDATE the row guarded by its version, and INSERT the history row.

        The hot path: prebuilt statements instead of the ORM's unit of work, which cost more
        than the database round trips (on PostgreSQL a single statement); the loaded object is
        kept in step by hand.
        """
        values = {**values, "version": instance.version + 1}
        params = {**values, "instance_id": instance.id, "read_version": instance.version}
        history = {
            "at": now or utcnow(),
            "actor_id": getattr(actor, "id", None),
            "trigger": trigger,
            "from_state": instance.state,
            "to_state": to_state,
            "comment": comment,
            "data": data,
        }
        connection = db.session.connection()
        if connection.dialect.name == "postgresql":
            written = (
                connection.execute(
                    _versioned_update_with_history(frozenset(values)),
                    {**params, **{f"h_{name}": value for name, value in history.items()}},
                ).first()
                is not None
            )
        else:
            written = connection.execute(_versioned_update(frozenset(values)), params).rowcount == 1
            if written:
                connection.execute(_ADD_HISTORY, {"instance_id": instance.id, **history})
        if not written:  # changed since we read it (SQLite has no row lock)
            raise StaleDataError()
        for name, value in values.items():
            set_committed_value(instance, name, value)

    def forget(self, owner: str) -> None:
        """Drop every workflow of `owner` (a plugin that failed to load)."""
        for key, version in [k for k in self.workflows if self.owners.get(k[0]) == owner]:
            del self.workflows[(key, version)]
        self.owners = {k: o for k, o in self.owners.items() if o != owner}

    def _lock(self, instance_id: int) -> WorkflowInstance:
        # The wait for the lock is bounded by lock_timeout on PostgreSQL (core/config.py).
        instance = db.session.scalar(_LOCK, {"instance_id": instance_id})
        if instance is None:
            raise NotAllowed(_("Dit dossier bestaat niet (meer)."))
        return instance

    def _form_data(self, transition: Transition, formdata, instance) -> dict | None:
        """The transition form's validated answers as Python values, or None without a form."""
        if transition.form is None:
            return None
        form = prepared_form(transition, instance, formdata)
        if not form.validate():
            raise InvalidForm(form, transition)
        return {
            name: value for name, value in form.data.items() if name not in {"csrf_token", "submit"}
        }

    def _conflict(self, instance_id: int) -> Conflict:
        last = db.session.scalar(
            db.select(WorkflowHistory)
            .where(WorkflowHistory.instance_id == instance_id)
            .order_by(WorkflowHistory.id.desc())
            .limit(1)
        )
        who = last.actor.display_name if last is not None and last.actor else _("het systeem")
        return Conflict(
            _("Dit dossier is intussen gewijzigd door %(who)s; bekijk de nieuwe stand.", who=who)
        )


def prepared_form(transition: Transition, instance: WorkflowInstance, formdata=None):
    """The transition's form; one with a `prepare(instance)` method fits its choices to the
    instance (the modules an organisation applied for, say)."""
    form = transition.form(formdata=formdata, meta={"csrf": False})
    if hasattr(form, "prepare"):
        form.prepare(instance)
    return form


def engine_of(app=None) -> WorkflowEngine:
    return (app or current_app).extensions["workflow_engine"]
