"""What happens beside a state change, in the same transaction: records the steps create."""

from datetime import date

from core.extensions import db
from core.workflow import last_form_data

from .access import log_access
from .models import JobSeeker
from .privacy import PrivacyRequest, erase
from .vacancies import Introduction, Placement, Vacancy, current_placement


def on_route_transition(instance, transition, actor) -> None:
    person = db.session.get(JobSeeker, instance.subject_id)
    data = last_form_data(instance) if transition.form else {}
    if transition.trigger == "introduce":
        db.session.add(
            Introduction(
                job_seeker_id=person.id,
                vacancy_id=data["vacancy_id"],
                meet_and_greet_id=data.get("meet_and_greet_id") or None,
                introduced_by_id=actor.id,
            )
        )
    elif transition.trigger == "placed":
        vacancy = db.session.get(Vacancy, data["vacancy_id"])
        db.session.add(
            Placement(
                job_seeker_id=person.id,
                vacancy_id=vacancy.id,
                organisation_id=vacancy.organisation_id,
                start_date=date.fromisoformat(data["start_date"]),
                contract=data["contract"],
                hours=data["hours"],
                cao=bool(data["cao"]),
            )
        )
    elif transition.trigger == "start_induction":
        placement = current_placement(person.id)
        placement.mentor_name = data["mentor_name"]
        placement.induction_started_on = date.today()
        if data["lifecoach_id"]:
            person.lifecoach_id = data["lifecoach_id"]
    if actor is not None:
        log_access(person, actor, "change", transition.trigger)


def on_privacy_transition(instance, transition, actor) -> None:
    person = db.session.get(PrivacyRequest, instance.subject_id).job_seeker
    if transition.trigger == "erase":
        erase(person)
    log_access(person, actor, "change", f"privacy: {transition.trigger}")
