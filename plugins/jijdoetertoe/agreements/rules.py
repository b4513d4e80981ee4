"""Domain rules of agreements: signing, ending, and which organisations count as signed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func, or_

from core.api import db, local_today

from .models import Agreement

WORKFLOW = "jijdoetertoe.agreement"


def agreement_of(instance) -> Agreement:
    return db.session.get(Agreement, instance.subject_id)


def record_signing(instance, actor, data: dict) -> None:
    """Effect of 'Getekend': the date of signing and the term, from the step's form."""
    agreement = agreement_of(instance)
    agreement.signed_on = data["signed_on"]
    agreement.starts_on = data["starts_on"]
    agreement.ends_on = data["ends_on"]


def record_ending(instance, actor, data: dict) -> None:
    """Effect of 'Beëindigd': today's date and the reason."""
    agreement = agreement_of(instance)
    agreement.ended_on = local_today()
    agreement.end_reason = data["reason"].strip()


def signed_and_in_term_on(on_date: date):
    """The condition: an agreement signed by `on_date`, whose term covers it and that had not
    ended by then."""
    return and_(
        Agreement.signed_on.is_not(None),
        Agreement.signed_on <= on_date,
        Agreement.starts_on <= on_date,
        Agreement.ends_on >= on_date,
        or_(Agreement.ended_on.is_(None), Agreement.ended_on > on_date),
    )


def signed_agreement_organisation_ids(on_date: date) -> set[int]:
    """Ids of the organisations with an agreement that was signed by `on_date`, whose term
    covers it and that had not ended by then: one query (the dashboard's target of 250)."""
    query = db.select(Agreement.organisation_id).where(signed_and_in_term_on(on_date)).distinct()
    return set(db.session.scalars(query))


def count_signed_agreement_organisations(dates: list[date]) -> list[int]:
    """Per date: how many organisations `signed_agreement_organisation_ids` gives on it (an
    organisation with two such agreements counts once). One query for all dates."""
    if not dates:
        return []
    columns = [
        func.count(func.distinct(case((signed_and_in_term_on(day), Agreement.organisation_id))))
        for day in dates
    ]
    query = db.select(*columns).where(
        Agreement.signed_on.is_not(None), Agreement.signed_on <= max(dates)
    )
    return [int(n) for n in db.session.execute(query).one()]
