"""Fire transitions: permission, guards, form, state change, history and effects, in one
database transaction; exactly one winner when two people act at once.

The engine is put together from one module per job: the declarations
(:mod:`.registry`), who may do what (:mod:`.instance_access`), the transition's form
(:mod:`.transition_forms`) and the SQL that changes an instance with its history row
(:mod:`.writes`). This module holds the rules of a change itself.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..timeutil import utcnow
from . import notifying, writes
from .errors import Conflict, NotAllowed, WorkflowError
from .instance_access import InstanceAccess
from .models import WorkflowHistory, WorkflowInstance
from .registry import WorkflowRegistry
from .transition_forms import stored, validated_answers

log = logging.getLogger(__name__)

# The history's triggers for a (re)assignment and a changed deadline; not identifiers, so no
# declared trigger clashes.
ASSIGN = "@assign"
DEADLINE = "@deadline"
# A transition comment is a few sentences in the history, not a document.
MAX_COMMENT = 4000


# The key under which a history row records how a step came, beside the form's answers.
VIA = "@via"


def _deadline(now, term):
    """A term is a period from now, or a moment of its own (the day after a certificate's
    last day, however late the step that set it was taken)."""
    if isinstance(term, datetime):
        return term
    return now + term if term else None


def _history_data(transition, data: dict, by_link: bool) -> dict | None:
    """The form's answers, and whether a personal link fired the step: recorded, not guessed
    from a missing actor (an account deleted later leaves no actor either)."""
    answers = stored(data) if transition.form else None
    if by_link:
        answers = {**(answers or {}), VIA: "link"}
    return answers


class WorkflowEngine(WorkflowRegistry, InstanceAccess):
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
        if assignee is not None:
            notifying.tell_assignee(self, instance, assignee, actor)
        if initial.notify is not None:
            notifying.tell_arrival(self, instance, actor)
        return instance

    def instance_for(self, key: str, subject) -> WorkflowInstance | None:
        # With its assignee: the subject's page shows the panel, which names them.
        return db.session.scalar(
            db.select(WorkflowInstance)
            .options(db.joinedload(WorkflowInstance.assignee))
            .where(
                WorkflowInstance.workflow_key == key,
                WorkflowInstance.subject_type == subject.__tablename__,
                WorkflowInstance.subject_id == subject.id,
            )
        )

    # ------------------------------------------------------------------ assigning

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

    def set_deadline_within(self, instance: WorkflowInstance, deadline, *, actor) -> None:
        """Move the instance's deadline inside the caller's transaction, with its history row.

        For a step whose effect knows the real term from its form (an intake two working days
        after the appointment the form records); nothing is written when it stays the same.
        """
        if instance.deadline_at != deadline:
            writes.write(
                instance,
                {"deadline_at": deadline},
                actor=actor,
                trigger=DEADLINE,
                to_state=instance.state,
                data={"deadline": deadline.isoformat() if deadline else None},
            )

    def _assign(self, instance: WorkflowInstance, assignee, actor) -> None:
        if assignee is not None and assignee not in self.assignable_people(instance):
            raise WorkflowError(_("Deze persoon heeft geen rol in dit proces."))
        writes.write(
            instance,
            {"assignee_id": getattr(assignee, "id", None)},
            actor=actor,
            trigger=ASSIGN,
            to_state=instance.state,
            data={"assignee": assignee.display_name if assignee else None},
        )
        notifying.tell_assignee(self, instance, assignee, actor)

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
        by_link: bool = False,
    ) -> WorkflowInstance:
        """Fire `trigger` and commit, or roll everything back and raise a WorkflowError.

        `by_link`: someone without an account fires it, whom the calling plugin identified by
        a personal link (`actor` is None); only transitions declared `by_link` allow that."""
        return self._in_transaction(
            instance_id,
            lambda: self._fire(
                instance_id, trigger, actor, comment, formdata, expected_version, by_link
            ),
        )

    def fire_within(
        self, instance_id: int, trigger: str, *, actor, comment: str | None = None
    ) -> WorkflowInstance:
        """Fire inside the caller's transaction, without committing.

        For a listener that answers one transition with another (launching a new version
        replaces the old one): both happen, or neither.
        """
        return self._fire(instance_id, trigger, actor, comment, None, None, False)

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
        instance = writes.lock(instance_id)
        if expected_version is not None and instance.version != expected_version:
            raise self._conflict(instance_id)
        if not self.is_enabled(instance.workflow_key):
            raise NotAllowed(_("Dit deelproject staat uit."))
        return instance

    def _fire(self, instance_id, trigger, actor, comment, formdata, expected_version, by_link):
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
        if by_link:
            if actor is not None or not transition.by_link:
                raise NotAllowed(_("Deze stap kan niet via een persoonlijke link."))
        else:
            reason = self.refusal(instance, transition, actor)
            if reason:
                raise NotAllowed(reason)
        if actor is not None and workflow.visible_to is not None:
            if not self.sees(workflow, instance, actor):
                raise NotAllowed(_("U mag dit dossier niet inzien."))
        for guard in transition.guards:
            reason = guard(instance, actor)
            if reason:
                raise WorkflowError(reason)
        data = validated_answers(transition, formdata, instance)
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
        writes.write(
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
            data=_history_data(transition, data, by_link),
            now=now,
        )
        observers = self.host.hook("warmrotterdam_workflow_transitioned")
        reactions = (transition.effect, workflow.on_transition, destination.notify)
        if any(r is not None for r in reactions) or observers.get_hookimpls():
            # They may build links (url_for), also when a timeout fires from cron; the
            # context costs a quarter of a bare step, so only when something will run.
            with notifying.links():
                if transition.effect is not None:
                    transition.effect(instance, actor, data)
                if workflow.on_transition is not None:
                    workflow.on_transition(instance, transition, actor, data)
                observers(instance=instance, transition=transition, actor=actor, data=data)
                if destination.notify is not None:
                    notifying.tell_arrival(self, instance, actor)
        return instance

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


def engine_of(app=None) -> WorkflowEngine:
    return (app or current_app).extensions["workflow_engine"]
