"""Figures for the keurmerk dashboard widget."""

from datetime import date, timedelta

from core.api import WorkflowInstance, db, engine_of, local_today

from .certification.models import Certification
from .certification.rules import HOLDING_STATES
from .certification.rules import WORKFLOW as CERTIFICATION
from .frameworks.models import NormComment, NormFramework
from .frameworks.rules import WORKFLOW

SOON = timedelta(days=90)


def framework_overview() -> dict:
    rows = db.session.execute(
        db.select(NormFramework, WorkflowInstance.state)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == NormFramework.id,
                WorkflowInstance.workflow_key == WORKFLOW,
            ),
        )
        .order_by(NormFramework.version.desc())
    ).all()
    workflow = engine_of().latest(WORKFLOW)
    launched = next((f for f, state in rows if state == "gelanceerd"), None)
    in_progress = [
        (f, workflow.state(state).label)
        for f, state in rows
        if state not in {"gelanceerd", "vervangen"}
    ]
    open_comments = db.session.scalar(
        db.select(db.func.count(NormComment.id)).where(NormComment.resolution.is_(None))
    )
    return {
        "launched": launched,
        "in_progress": in_progress,
        "open_comments": open_comments,
        **certification_overview(),
    }


def next_anniversary(start: date, today: date) -> date:
    """Surveillance is due once a year on the certificate's anniversary (after its start)."""
    year = max(today.year, start.year + 1)
    while True:
        try:
            day = start.replace(year=year)
        except ValueError:  # 29 February in a year without it
            day = start.replace(year=year, day=28)
        if day >= today:
            return day
        year += 1


def certification_overview(today: date | None = None) -> dict:
    """Certifications per state, yearly surveillance due soon, certificates expiring soon."""
    today = today or local_today()
    workflow = engine_of().latest(CERTIFICATION)
    per_state = db.session.execute(
        db.select(WorkflowInstance.state, db.func.count())
        .where(WorkflowInstance.workflow_key == CERTIFICATION)
        .group_by(WorkflowInstance.state)
    ).all()
    certified = db.session.scalars(
        db.select(Certification)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == Certification.id,
                WorkflowInstance.workflow_key == CERTIFICATION,
            ),
        )
        .where(WorkflowInstance.state.in_(HOLDING_STATES))
        .options(db.joinedload(Certification.organisation))
    ).all()
    surveillance = []
    for certification in certified:
        anniversary = next_anniversary(certification.valid_from, today)
        if anniversary < certification.valid_until and anniversary - today <= SOON:
            surveillance.append((certification, anniversary))
    expiring = [c for c in certified if c.valid_until - today <= SOON]
    return {
        "per_state": [(workflow.state(state).label, count) for state, count in sorted(per_state)],
        "surveillance": sorted(surveillance, key=lambda item: item[1]),
        "expiring": sorted(expiring, key=lambda c: c.valid_until),
    }
