"""Need-to-know: who may see a job seeker's file, and the log of every look and change."""

from flask import abort
from flask_babel import gettext as _

from core.api import db, permission_table, user_can

from .route.models import AccessLogEntry, JobSeeker


def holds(user, permission: str) -> bool:
    """Whether one of the user's own roles grants `permission`. An admin's blanket rights do
    not count: administering the platform is no reason to read people's files."""
    return bool(user.role_names & permission_table().get(permission, set()))


def visible_job_seekers(user):
    """The team sees all; a partner the people its organisation referred; a coach or
    lifecoach the people assigned to them."""
    query = db.select(JobSeeker)
    if holds(user, "passendwerk.all"):
        return query
    own = [m.organisation_id for m in user.memberships]
    return query.where(
        db.or_(
            JobSeeker.coach_id == user.id,
            JobSeeker.lifecoach_id == user.id,
            JobSeeker.referring_organisation_id.in_(own)
            if holds(user, "passendwerk.refer")
            else db.false(),
        )
    )


def job_seeker_or_404(user, job_seeker_id: int) -> JobSeeker:
    person = db.session.scalar(visible_job_seekers(user).where(JobSeeker.id == job_seeker_id))
    if person is None:
        abort(404)
    return person


def may_manage(user, person: JobSeeker) -> bool:
    """The team and the person's own coach decide who guides them and record consent."""
    return holds(user, "passendwerk.all") or user.id == person.coach_id


def may_see_sensitive(user, person: JobSeeker) -> bool:
    return user.id in {person.coach_id, person.lifecoach_id}


def may_see_access_log(user, person: JobSeeker) -> bool:
    """Who looked at and changed the file: for the team and the person's coach."""
    return holds(user, "passendwerk.all") or user.id == person.coach_id


def may_see_privacy_requests(user) -> bool:
    """Privacy requests are handled by the team alone."""
    return holds(user, "passendwerk.all")


def log_access(person: JobSeeker, user, action: str, detail: str | None = None) -> None:
    """Part of the caller's transaction: no change without its log entry."""
    db.session.add(
        AccessLogEntry(job_seeker_id=person.id, user_id=user.id, action=action, detail=detail)
    )


def employer_ids(user) -> list[int] | None:
    """Employers whose vacancies `user` manages; None means all (the team)."""
    if user_can(user, "passendwerk.all"):
        return None
    return [m.organisation_id for m in user.memberships if m.organisation.kind == "employer"]


def managed_job_seeker_or_403(user, job_seeker_id: int) -> JobSeeker:
    """The person's file, for someone who may manage it (404 if not visible, 403 if not theirs)."""
    person = job_seeker_or_404(user, job_seeker_id)
    if not may_manage(user, person):
        abort(403, description=_("Alleen het team en de coach van deze persoon kunnen dit."))
    return person
