"""Files closed longer than the retention period (default two years) are flagged, then erased."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from core.api import WorkflowInstance, db, utcnow

from .route.models import JobSeeker, on_route

CLOSED = ("duurzaam", "afgebroken", "activering")


def retention_period() -> timedelta:
    """PASSENDWERK_RETENTION_DAYS (a setting of the plugin, see its warmrotterdam_settings)."""
    return timedelta(days=current_app.config["PASSENDWERK_RETENTION_DAYS"])


def expired_files():
    """A select of the job seekers whose route closed before the retention period began."""
    return (
        db.select(JobSeeker)
        .join(WorkflowInstance, on_route())
        .where(
            WorkflowInstance.state.in_(CLOSED),
            WorkflowInstance.entered_state_at < utcnow() - retention_period(),
            JobSeeker.erased_at.is_(None),
        )
        .order_by(JobSeeker.id)
    )


def closed_files():
    """A select of (id, when the route closed) of the job seekers whose route is closed and
    who are not erased: `expired_files` without the moment, so a list of them can be kept
    (`core.api.cached`) and still be judged against the retention period at each view."""
    return (
        db.select(JobSeeker.id, WorkflowInstance.entered_state_at)
        .join(WorkflowInstance, on_route())
        .where(WorkflowInstance.state.in_(CLOSED), JobSeeker.erased_at.is_(None))
        .order_by(JobSeeker.id)
    )
