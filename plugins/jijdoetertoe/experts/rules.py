"""Domain rules of the register: consent, valid qualifications, the yearly allowance."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, or_

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


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February): an involvement on it is
    more than twelve months before `day`."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def involved_in_year_up_to(day: date):
    """The condition on an involvement that it falls in the twelve months up to `day`."""
    return and_(Involvement.done_on > year_before(day), Involvement.done_on <= day)


def count_active_experts(dates: list[date]) -> list[int]:
    """Per date: the experts in the register with at least one involvement dated in the twelve
    months up to it. One query for all dates; someone with an account or role but nothing done
    does not count."""
    if not dates:
        return []
    columns = [
        func.count(func.distinct(case((involved_in_year_up_to(day), Involvement.expert_id))))
        for day in dates
    ]
    query = db.select(*columns).where(
        Involvement.done_on > year_before(min(dates)), Involvement.done_on <= max(dates)
    )
    return list(db.session.execute(query).one())


def active_expert_ids(day: date):
    """A select of the ids of experts active on `day` (as counted above), for the register."""
    return db.select(Involvement.expert_id).where(involved_in_year_up_to(day))
