"""Figures for the keurmerk dashboard widget."""

from core.extensions import db
from core.workflow.models import WorkflowInstance

from .frameworks import WORKFLOW
from .models import NormComment, NormFramework


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
    launched = next((f for f, state in rows if state == "gelanceerd"), None)
    in_progress = [(f, state) for f, state in rows if state not in {"gelanceerd", "vervangen"}]
    open_comments = db.session.scalar(
        db.select(db.func.count(NormComment.id)).where(NormComment.resolution.is_(None))
    )
    return {"launched": launched, "in_progress": in_progress, "open_comments": open_comments}
