"""What the route's and the privacy request's steps do beside changing state, in the same
transaction (declared on the transitions in workflows.py): the records the steps create."""

from core.api import db, local_today

from .access import log_access
from .introductions.models import Introduction, Placement, current_placement
from .introductions.notices import (
    flush_and_ask_for_mentor,
    flush_and_tell_employer,
    tell_new_lifecoach,
)
from .privacy.models import PrivacyRequest
from .privacy.rights import erase
from .route.models import JobSeeker
from .vacancies.models import Vacancy


def record_introduction(instance, actor, data: dict) -> None:
    introduction = Introduction(
        job_seeker_id=instance.subject_id,
        vacancy_id=data["vacancy_id"],
        meet_and_greet_id=data.get("meet_and_greet_id") or None,
        introduced_by_id=actor.id,
    )
    db.session.add(introduction)
    flush_and_tell_employer(introduction)


def record_placement(instance, actor, data: dict) -> None:
    vacancy = db.session.get(Vacancy, data["vacancy_id"])
    placement = Placement(
        job_seeker_id=instance.subject_id,
        vacancy_id=vacancy.id,
        organisation_id=vacancy.organisation_id,
        start_date=data["start_date"],
        contract=data["contract"],
        hours=data["hours"],
        cao=bool(data["cao"]),
    )
    db.session.add(placement)
    flush_and_ask_for_mentor(placement)


def confirm_lasting(instance, actor, data: dict) -> None:
    """The terms the employer confirmed are the placement's terms from now on."""
    placement = current_placement(instance.subject_id)
    placement.contract, placement.hours = data["contract"], data["hours"]


def begin_induction(instance, actor, data: dict) -> None:
    placement = current_placement(instance.subject_id)
    placement.induction_started_on = local_today()
    if data["lifecoach_id"]:
        person = db.session.get(JobSeeker, instance.subject_id)
        if person.lifecoach_id != data["lifecoach_id"]:
            person.lifecoach_id = data["lifecoach_id"]
            tell_new_lifecoach(person, actor)


def log_route_change(instance, transition, actor, data: dict) -> None:
    """Every step on a route is a change of the person's file, and logged as one."""
    if actor is not None:
        log_access(
            db.session.get(JobSeeker, instance.subject_id), actor, "change", transition.trigger
        )


def erase_person(instance, actor, data: dict) -> None:
    erase(db.session.get(PrivacyRequest, instance.subject_id).job_seeker)


def log_privacy_change(instance, transition, actor, data: dict) -> None:
    person = db.session.get(PrivacyRequest, instance.subject_id).job_seeker
    log_access(person, actor, "change", f"privacy: {transition.trigger}")
