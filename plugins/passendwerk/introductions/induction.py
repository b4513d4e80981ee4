"""The feedback cadence during induction: a conversation at least every two weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.api import WorkflowInstance, db, local_today

from ..route.models import JobSeeker, on_route
from .models import FEEDBACK_EVERY, FeedbackConversation, Placement


@dataclass(frozen=True)
class FeedbackDue:
    job_seeker_id: int
    name: str
    coach_id: int | None
    due: date
    placement_id: int

    @property
    def overdue(self) -> bool:
        return self.due < local_today()


def feedback_due(coach_id: int | None = None) -> list[FeedbackDue]:
    """For everyone in induction: when the next conversation is due (two weeks after the last
    one, or after induction began). One query; for one coach, or everyone."""
    last = (
        db.select(
            FeedbackConversation.placement_id,
            db.func.max(FeedbackConversation.held_on).label("held_on"),
        )
        .group_by(FeedbackConversation.placement_id)
        .subquery()
    )
    query = (
        db.select(
            JobSeeker.id,
            JobSeeker.first_name,
            JobSeeker.last_name,
            JobSeeker.coach_id,
            Placement.id.label("placement_id"),
            # As Placement.next_feedback_due: from the first working day until a talk is held.
            db.func.coalesce(last.c.held_on, Placement.start_date).label("since"),
        )
        .join(Placement, Placement.job_seeker_id == JobSeeker.id)
        .join(WorkflowInstance, on_route())
        .outerjoin(last, last.c.placement_id == Placement.id)
        .where(WorkflowInstance.state == "inwerken", Placement.induction_started_on.is_not(None))
    )
    if coach_id is not None:
        query = query.where(JobSeeker.coach_id == coach_id)
    latest: dict[int, FeedbackDue] = {}
    for row in db.session.execute(query.order_by(Placement.id)):
        since = row.since if isinstance(row.since, date) else date.fromisoformat(str(row.since))
        latest[row.id] = FeedbackDue(
            row.id,
            f"{row.first_name or ''} {row.last_name or ''}".strip(),
            row.coach_id,
            since + FEEDBACK_EVERY,
            row.placement_id,
        )
    return sorted(latest.values(), key=lambda d: d.due)
