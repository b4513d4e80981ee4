"""The terms of the intake, in working days where the people involved count in working days.

The Wet gemeentelijke schuldhulpverlening (Wgs) asks for a first conversation within four
weeks of the request, and within three working days when an eviction or the disconnection
of gas, water or electricity threatens. Our partner promises the resident a phone call
sooner than that: within three working days, or the next working day when it is urgent.
Public holidays are not counted out; a counsellor who loses a day to one sees it as overdue.
"""

from datetime import datetime, timedelta

from core.api import db, utcnow

from .models import Referral

FIRST_CONTACT_DAYS = 3
FIRST_CONTACT_DAYS_URGENT = 1
INTAKE_WITHIN = timedelta(weeks=4)
INTAKE_WITHIN_DAYS_URGENT = 3
PLAN_INTAKE_DAYS = 5
DECISION_WITHIN = timedelta(weeks=8)


def after_working_days(moment: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `moment`, at the same time of day."""
    while days:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def latest_intake(referral: Referral) -> datetime:
    """The last moment the first conversation may take place."""
    if referral.urgent:
        return after_working_days(referral.referred_at, INTAKE_WITHIN_DAYS_URGENT)
    return referral.referred_at + INTAKE_WITHIN


def first_contact_due(instance) -> timedelta:
    """A State deadline: how long the counsellor has, from now, to reach the resident."""
    referral = db.session.get(Referral, instance.subject_id)
    days = FIRST_CONTACT_DAYS_URGENT if referral.urgent else FIRST_CONTACT_DAYS
    now = utcnow()
    return after_working_days(now, days) - now


def plan_intake_due(instance) -> timedelta:
    now = utcnow()
    return after_working_days(now, PLAN_INTAKE_DAYS) - now
