"""Keurmerk work that is not a workflow step: findings to answer or to review, consultation
reactions that wait for the team's decision, certificates to recertify. Shown under "Mijn
taken" and on the home page."""

from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func

from core.api import (
    Organisation,
    Task,
    WorkflowInstance,
    db,
    local_today,
    own_organisation_ids,
    user_can,
)

from .certification.models import NON_CONFORMITIES, Certification, Finding, Surveillance
from .certification.rules import OPEN_STATES, RENEW_BY, RENEW_FROM, RENEWABLE_STATES
from .certification.rules import WORKFLOW as CERTIFICATION
from .frameworks.models import Norm, NormComment, Theme
from .frameworks.rules import WORKFLOW as FRAMEWORK

# Findings are the organisation's to answer once the report is final, not while the auditors
# may still change them.
REPORT_FINAL = (
    "besluit",
    "gecertificeerd",
    "herstel",
    "afgewezen",
    "bezwaar",
    "toetsing",
    "toetsing_besluit",
    "geschorst",
)
# An answer waiting longer than this holds the organisation's repair term up.
REVIEW_WITHIN = timedelta(days=14)
# Reactions are decided on while the team rewrites the norms, after the consultation.
DECIDED_IN = ("consultatie", "herschrijven")
DECIDE_WITHIN = timedelta(days=14)


def tasks_for(user, limit: int | None = None) -> list[Task]:
    """The soonest `limit` (None: all) tasks of `user`: each kind's query is ordered by what
    makes its due date, so the soonest of each are enough."""
    tasks = []
    own = own_organisation_ids(user) if user_can(user, "keurmerk.apply") else set()
    if user_can(user, "keurmerk.manage"):
        tasks += renewals_to_start(None, limit=limit)
    elif own:
        tasks += renewals_to_start(own, limit=limit)
    if own:
        tasks += findings_to_answer(own, limit)
    if user_can(user, "keurmerk.certifications"):
        tasks += answers_to_review(user.id, limit)
    if user_can(user, "keurmerk.manage"):
        tasks += reactions_to_decide(limit)
    return sorted(tasks, key=lambda t: t.due)[:limit]


def _label(what: str, *about: str) -> str:
    # Names are joined to the translated text, never formatted into it.
    return f"{what}: {' · '.join(about)}"


def _certification_state(certification=Certification):
    # All three columns of the instance's unique key, so the database looks the state up by
    # its index instead of scanning every certification's instance (0.6 s at 10,000).
    return db.select(WorkflowInstance.state).where(
        WorkflowInstance.workflow_key == CERTIFICATION,
        WorkflowInstance.subject_type == Certification.__tablename__,
        WorkflowInstance.subject_id == certification.id,
    )


def _finding_url(certification_id: int, finding_id: int) -> str:
    return url_for(
        "keurmerk.certification",
        certification_id=certification_id,
        _anchor=f"bevinding-{finding_id}",
    )


def findings_to_answer(organisation_ids: set[int], limit: int | None = None) -> list[Task]:
    """Open findings of the organisations' final reports that have no answer waiting for
    review: never answered, or sent back by the auditor."""
    rows = db.session.execute(
        db.select(Finding.id, Finding.certification_id, Finding.deadline, Norm.code)
        .join(Finding.certification)
        .join(Finding.norm)
        .where(
            Certification.organisation_id.in_(sorted(organisation_ids)),
            ~Finding.closed,
            Finding.grade.in_(NON_CONFORMITIES),
            db.or_(
                Finding.responded_at.is_(None),
                Finding.reviewed_at >= Finding.responded_at,
            ),
            _certification_state().scalar_subquery().in_(REPORT_FINAL),
            # A surveillance's findings once its auditor has sent it to the committee.
            db.or_(
                Finding.surveillance_id.is_(None),
                db.select(Surveillance.reported_at)
                .where(Surveillance.id == Finding.surveillance_id)
                .scalar_subquery()
                .is_not(None),
            ),
        )
        .order_by(Finding.deadline, Finding.id)
        .limit(limit)
    ).all()
    return [
        Task(_label(_("Reageer op bevinding"), code), _finding_url(cert_id, id_), deadline)
        for id_, cert_id, deadline, code in rows
    ]


def answers_to_review(auditor_id: int, limit: int | None = None) -> list[Task]:
    """Answers to findings of the certifications `auditor_id` audits, not yet reviewed."""
    rows = db.session.execute(
        db.select(
            Finding.id, Finding.certification_id, Finding.responded_at, Norm.code, Organisation.name
        )
        .join(Finding.certification)
        .join(Finding.norm)
        .join(Organisation, Organisation.id == Certification.organisation_id)
        .where(
            db.or_(
                db.and_(
                    Finding.surveillance_id.is_(None),
                    db.or_(
                        Certification.lead_auditor_id == auditor_id,
                        Certification.co_auditor_id == auditor_id,
                    ),
                ),
                Finding.surveillance_id.in_(
                    db.select(Surveillance.id).where(Surveillance.auditor_id == auditor_id)
                ),
            ),
            ~Finding.closed,
            Finding.responded_at.is_not(None),
            db.or_(Finding.reviewed_at.is_(None), Finding.reviewed_at < Finding.responded_at),
        )
        .order_by(Finding.responded_at, Finding.id)
        .limit(limit)
    ).all()
    return [
        Task(
            _label(_("Beoordeel de reactie op bevinding"), code, organisation),
            _finding_url(cert_id, id_),
            responded_at.date() + REVIEW_WITHIN,
        )
        for id_, cert_id, responded_at, code, organisation in rows
    ]


def reactions_to_decide(limit: int | None = None) -> list[Task]:
    """One task per norm with consultation reactions the team has not decided on."""
    framework_state = db.select(WorkflowInstance.state).where(
        WorkflowInstance.workflow_key == FRAMEWORK,
        WorkflowInstance.subject_id == Theme.framework_id,
    )
    rows = db.session.execute(
        db.select(Norm.id, Norm.code, func.count(), func.min(NormComment.created_at))
        .join(NormComment.norm)
        .join(Norm.theme)
        .where(
            NormComment.resolution.is_(None),
            framework_state.scalar_subquery().in_(DECIDED_IN),
        )
        .group_by(Norm.id, Norm.code)
        .order_by(func.min(NormComment.created_at), Norm.id)
        .limit(limit)
    ).all()
    return [
        Task(
            _label(_("Besluit over reacties op norm"), f"{code} ({count})"),
            url_for("keurmerk.norm", norm_id=norm_id, _anchor="reacties"),
            first.date() + DECIDE_WITHIN,
        )
        for norm_id, code, count, first in rows
    ]


def renewals_to_start(
    organisation_ids: set[int] | None, today: date | None = None, limit: int | None = None
) -> list[Task]:
    """Certificates ending within RENEW_FROM with no recertification under way: for the team
    (`organisation_ids` None) all of them, for an organisation its own. Due RENEW_BY before
    the last day, so the new audit can be decided in time."""
    today = today or local_today()
    renewal = db.aliased(Certification)
    renewal_open = (
        db.select(renewal.id)
        .where(
            renewal.renews_id == Certification.id,
            _certification_state(renewal).scalar_subquery().in_(OPEN_STATES),
        )
        .exists()
    )
    select = (
        db.select(Certification.id, Certification.valid_until, Organisation.name)
        .join(Organisation, Organisation.id == Certification.organisation_id)
        .where(
            Certification.valid_until <= today + RENEW_FROM,
            _certification_state().scalar_subquery().in_(RENEWABLE_STATES),
            ~renewal_open,
        )
        .order_by(Certification.valid_until, Certification.id)
        .limit(limit)
    )
    if organisation_ids is not None:
        select = select.where(Certification.organisation_id.in_(sorted(organisation_ids)))
    return [
        Task(
            _label(_("Start de hercertificering"), organisation),
            url_for("keurmerk.certification", certification_id=id_, _anchor="hercertificering"),
            valid_until - RENEW_BY,
        )
        for id_, valid_until, organisation in db.session.execute(select).all()
    ]
