"""Domain rules of the register: consent, valid qualifications, the yearly allowance."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_

from core.api import User, WorkflowInstance, db, local_today

from .models import Expert, Involvement, Qualification

WORKFLOW = "jijdoetertoe.expert"
MAX_SETTING = "JIJDOETERTOE_VOLUNTEER_ALLOWANCE_YEARLY_MAX_EUROS"


def expert_of(instance) -> Expert:
    return db.session.get(Expert, instance.subject_id)


def consent_recorded(instance, actor) -> str | None:
    """Guard: nobody becomes (or is again) active without consent that still stands."""
    if not expert_of(instance).has_consent:
        return _("Leg eerst vast dat deze persoon toestemming geeft.")
    return None


def qualified_accounts(kind: str, day: date | None = None) -> list[User]:
    """Accounts of active experts with consent who hold a valid `kind` qualification today."""
    day = day or local_today()
    active = db.select(WorkflowInstance.subject_id).where(
        WorkflowInstance.workflow_key == WORKFLOW,
        WorkflowInstance.subject_type == Expert.__tablename__,
        WorkflowInstance.state == "actief",
    )
    query = (
        db.select(User)
        .join(Expert, Expert.user_id == User.id)
        .join(Qualification, Qualification.expert_id == Expert.id)
        .where(
            Qualification.kind == kind,
            Qualification.obtained_on <= day,
            or_(Qualification.expires_on.is_(None), Qualification.expires_on >= day),
            Expert.consent_on.is_not(None),
            Expert.consent_revoked_on.is_(None),
            Expert.id.in_(active),
        )
        .distinct()
    )
    return list(db.session.scalars(query))


def yearly_maximum_cents() -> int:
    return int(current_app.config[MAX_SETTING]) * 100


def allowance_in_year(expert: Expert, year: int) -> int:
    """Cents paid to `expert` in calendar `year`."""
    total = db.session.scalar(
        db.select(func.coalesce(func.sum(Involvement.allowance_cents), 0)).where(
            Involvement.expert_id == expert.id,
            Involvement.done_on >= date(year, 1, 1),
            Involvement.done_on <= date(year, 12, 31),
        )
    )
    return int(total)


def passes_maximum(expert: Expert, done_on: date, cents: int) -> tuple[bool, int]:
    """Whether paying `cents` on `done_on` takes the year's total past the legal maximum;
    with the total it would become."""
    total = allowance_in_year(expert, done_on.year) + cents
    return cents > 0 and total > yearly_maximum_cents(), total
