"""Figures for the keurmerk dashboard widget."""

from datetime import date, timedelta

from core.api import WorkflowInstance, db, engine_of, local_today

from .certification.models import Certification
from .certification.rules import HOLDING_STATES
from .certification.rules import WORKFLOW as CERTIFICATION
from .frameworks.models import NormComment, NormFramework
from .frameworks.rules import WORKFLOW

SOON = timedelta(days=90)
# Rows per list in the widget; the rest is on the certification list.
SHOWN = 10


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
    """Certifications per state, yearly surveillance due soon, certificates expiring soon.

    Counted and filtered in the database, each list bounded to SHOWN rows: the widget costs
    the same with ten certificates or ten thousand."""
    today = today or local_today()
    workflow = engine_of().latest(CERTIFICATION)
    per_state = db.session.execute(
        db.select(WorkflowInstance.state, db.func.count())
        .where(WorkflowInstance.workflow_key == CERTIFICATION)
        .group_by(WorkflowInstance.state)
    ).all()
    holding = (
        db.select(Certification)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == Certification.id,
                WorkflowInstance.subject_type == Certification.__tablename__,
                WorkflowInstance.workflow_key == CERTIFICATION,
            ),
        )
        .where(WorkflowInstance.state.in_(HOLDING_STATES))
        .options(db.joinedload(Certification.organisation))
    )
    soon = today + SOON
    expiring = holding.where(Certification.valid_until <= soon)
    return {
        "per_state": [(workflow.state(state).label, count) for state, count in sorted(per_state)],
        "surveillance": _surveillance_soon(holding, today),
        "expiring": db.session.scalars(
            expiring.order_by(Certification.valid_until, Certification.id).limit(SHOWN)
        ).all(),
        "expiring_total": db.session.scalar(
            db.select(db.func.count()).select_from(expiring.order_by(None).subquery())
        ),
    }


def _surveillance_soon(holding, today: date) -> list[tuple[Certification, date]]:
    """The first SHOWN certificates whose anniversary (next_anniversary) falls within SOON.

    The database picks the candidates by month and day of the start date, in the order the
    anniversaries come; the exact rule (never in the first year, before the end date) is
    applied to those few in Python."""
    end = today + SOON
    month_day = db.extract("month", Certification.valid_from) * 100 + db.extract(
        "day", Certification.valid_from
    )
    first, last = today.month * 100 + today.day, end.month * 100 + end.day
    if (end.month, end.day) == (2, 28):
        last = 229  # a start on 29 February has its anniversary on the 28th in other years
    if first <= last:
        window, wrapped = month_day.between(first, last), month_day
    else:  # the window runs into the new year: January's anniversaries come after December's
        window = db.or_(month_day >= first, month_day <= last)
        wrapped = db.case((month_day < first, month_day + 1300), else_=month_day)
    found: list[tuple[Certification, date]] = []
    candidates = db.session.scalars(
        holding.where(window, Certification.valid_until > today)
        .order_by(wrapped, Certification.id)
        .execution_options(yield_per=SHOWN)
    )
    for certification in candidates:
        anniversary = next_anniversary(certification.valid_from, today)
        if anniversary < certification.valid_until and anniversary <= end:
            found.append((certification, anniversary))
            if len(found) == SHOWN:
                break
    candidates.close()
    return sorted(found, key=lambda item: item[1])
