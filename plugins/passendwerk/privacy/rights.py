"""The person's rights (AVG) carried out: the export of everything stored, and erasure.

Erasure removes every personal detail and free text, and keeps what makes anonymous figures
correct: the route's states, dates and causes, placements, trainings and introductions.
"""

from __future__ import annotations

from datetime import date, datetime

from core.api import WorkflowHistory, WorkflowInstance, db, redact_history, utcnow

from ..events.models import Guest
from ..introductions.models import (
    FeedbackConversation,
    Introduction,
    IntroductionAnswer,
    Placement,
)
from ..route.models import ROUTE, AccessLogEntry, Consent, JobSeeker
from ..talent.models import TalentProfile, TrainingEnrolment
from .models import PRIVACY, PrivacyRequest

# Form fields of the route whose answers name a person rather than count something.
PERSONAL_FORM_FIELDS = {"mentor_name"}


def _row(obj, *names) -> dict:
    return {n: _plain(getattr(obj, n)) for n in names}


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _instances(person: JobSeeker) -> list[WorkflowInstance]:
    request_ids = db.select(PrivacyRequest.id).where(PrivacyRequest.job_seeker_id == person.id)
    return db.session.scalars(
        db.select(WorkflowInstance)
        .where(
            db.or_(
                db.and_(
                    WorkflowInstance.workflow_key == ROUTE,
                    WorkflowInstance.subject_id == person.id,
                ),
                db.and_(
                    WorkflowInstance.workflow_key == PRIVACY,
                    WorkflowInstance.subject_id.in_(request_ids),
                ),
            )
        )
        .order_by(WorkflowInstance.id)
    ).all()


def _sensitive_withheld(person: JobSeeker) -> dict:
    """In place of the sensitive notes, for an export made by someone who may not see them."""
    guides = [(person.coach, "coach"), (person.lifecoach, "lifecoach")]
    return {
        "reason": "Er zijn gevoelige notities. Die staan alleen in de export die de coach of de "
        "lifecoach van deze persoon maakt.",
        "complete_export_by": [f"{u.display_name} ({role})" for u, role in guides if u],
    }


def export(person: JobSeeker, exporter) -> dict:
    """Everything stored about the person that `exporter` may see on the pages, as plain data
    (the caller writes it as JSON).

    The same rules as the pages (access.py): sensitive notes only for the coach and lifecoach
    (otherwise the export says they exist and who can make the complete one), privacy requests
    and their handling only for the team, the access log for the team and the coach."""
    from ..access import may_see_access_log, may_see_privacy_requests, may_see_sensitive

    with_sensitive_notes = may_see_sensitive(exporter, person)
    team = may_see_privacy_requests(exporter)
    with_log = may_see_access_log(exporter, person)

    def rows(model, *names, **where):
        query = db.select(model).filter_by(**where)
        return [_row(r, *names) for r in db.session.scalars(query)]

    profile = db.session.scalar(db.select(TalentProfile).filter_by(job_seeker_id=person.id))
    placements = db.session.scalars(db.select(Placement).filter_by(job_seeker_id=person.id)).all()
    return {
        "format": "warmrotterdam.passendwerk.export/1",
        "exported_at": utcnow().isoformat(),
        "person": _row(
            person,
            "id",
            "first_name",
            "last_name",
            "address",
            "phone",
            "email",
            "district",
            "referral",
            "sensitive_notes",
            "created_at",
            "erased_at",
        )
        | {
            "referring_organisation": person.referring_organisation.name
            if person.referring_organisation
            else None,
            "coach": person.coach.display_name if person.coach else None,
            "lifecoach": person.lifecoach.display_name if person.lifecoach else None,
        }
        | (
            {"sensitive_notes": None, "sensitive_notes_withheld": _sensitive_withheld(person)}
            if person.sensitive_notes and not with_sensitive_notes
            else {}
        ),
        "consents": rows(Consent, "purpose", "given_at", "withdrawn_at", job_seeker_id=person.id),
        "talent_profile": None
        if profile is None
        else _row(
            profile,
            "sectors",
            "hours_min",
            "hours_max",
            "travel",
            "contracts",
            "behaviour",
            "personality",
            "pitch_url",
            "share_with_employers",
            "updated_at",
        )
        | {
            "competences": [
                {"competence": c.competence.name, "level": c.level} for c in profile.competences
            ]
        },
        "trainings": [
            {"module": e.module.name, "status": e.status, "updated_at": _plain(e.updated_at)}
            for e in db.session.scalars(
                db.select(TrainingEnrolment).filter_by(job_seeker_id=person.id)
            )
        ],
        "introductions": [
            {
                "vacancy": i.vacancy.title,
                "employer": i.vacancy.organisation.name,
                "introduced_at": _plain(i.introduced_at),
                "response": i.response,
                "employer_note": i.employer_note,
                "answers": [_row(a, "answered_at", "response", "note") for a in i.answers],
            }
            for i in db.session.scalars(db.select(Introduction).filter_by(job_seeker_id=person.id))
        ],
        "placements": [
            _row(
                p,
                "start_date",
                "contract",
                "hours",
                "cao",
                "mentor_name",
                "mentor_contact",
                "induction_plan",
                "induction_started_on",
            )
            | {
                "employer": p.organisation.name if p.organisation else None,
                "feedback": [_row(f, "held_on", "summary") for f in p.conversations],
            }
            for p in placements
        ],
        "meet_and_greets": [
            {"event": g.meet_and_greet.title, "attended": g.attended}
            for g in db.session.scalars(db.select(Guest).filter_by(job_seeker_id=person.id))
        ],
        "privacy_requests": rows(
            PrivacyRequest, "kind", "received_on", "details", job_seeker_id=person.id
        )
        if team
        else None,
        "workflows": [
            {
                "workflow": i.workflow_key,
                "state": i.state,
                "history": [
                    _row(h, "at", "trigger", "from_state", "to_state", "comment", "data")
                    for h in db.session.scalars(
                        db.select(WorkflowHistory)
                        .filter_by(instance_id=i.id)
                        .order_by(WorkflowHistory.id)
                    )
                ],
            }
            for i in _instances(person)
            if team or i.workflow_key == ROUTE
        ],
        "access_log": [
            _row(e, "at", "action", "detail") | {"by": e.user.display_name if e.user else None}
            for e in db.session.scalars(
                db.select(AccessLogEntry)
                .filter_by(job_seeker_id=person.id)
                .order_by(AccessLogEntry.id)
            )
        ]
        if with_log
        else None,
        "left_out": [
            part
            for part, shown in (
                ("privacy_requests", team),
                ("access_log", with_log),
                ("sensitive_notes", with_sensitive_notes or not person.sensitive_notes),
            )
            if not shown
        ],
    }


def erase(person: JobSeeker) -> None:
    """Remove the person's data, keep the anonymous skeleton; part of the caller's transaction."""
    for name in ("first_name", "last_name", "address", "phone", "email", "district"):
        setattr(person, name, None)
    person.sensitive_notes = None
    person.erased_at = utcnow()
    db.session.execute(db.delete(Consent).where(Consent.job_seeker_id == person.id))
    profile = db.session.scalar(db.select(TalentProfile).filter_by(job_seeker_id=person.id))
    if profile is not None:
        db.session.delete(profile)
    db.session.execute(
        db.update(Introduction)
        .where(Introduction.job_seeker_id == person.id)
        .values(employer_note=None)
    )
    db.session.execute(
        db.update(IntroductionAnswer)
        .where(
            IntroductionAnswer.introduction_id.in_(
                db.select(Introduction.id).where(Introduction.job_seeker_id == person.id)
            )
        )
        .values(note=None)
    )
    placements = db.select(Placement.id).where(Placement.job_seeker_id == person.id)
    db.session.execute(
        db.update(Placement)
        .where(Placement.id.in_(placements))
        .values(mentor_name=None, mentor_contact=None, induction_plan=None)
    )
    db.session.execute(
        db.update(FeedbackConversation)
        .where(FeedbackConversation.placement_id.in_(placements))
        .values(summary=None)
    )
    db.session.execute(
        db.update(PrivacyRequest)
        .where(PrivacyRequest.job_seeker_id == person.id)
        .values(details=None)
    )
    redact_history([i.id for i in _instances(person)], PERSONAL_FORM_FIELDS)
    db.session.flush()
    db.session.expire(person, ["consents"])
