"""Running workflow instances and their append-only history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow


class WorkflowInstance(db.Model):
    """One subject (a certification, a job seeker, ...) travelling through one workflow."""

    __tablename__ = "workflow_instance"
    __table_args__ = (
        UniqueConstraint("workflow_key", "subject_type", "subject_id"),
        Index("ix_workflow_instance_place", "workflow_key", "workflow_version", "state"),
        Index("ix_workflow_instance_due", "deadline_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_key: Mapped[str] = mapped_column(String(120))
    # The version the instance started on; a newer declaration never changes it.
    workflow_version: Mapped[int]
    subject_type: Mapped[str] = mapped_column(String(80))
    subject_id: Mapped[int]
    # Shown in lists (the inbox) without loading the subject row.
    title: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(80))
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The partner organisation whose record this is; its members may act on it.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    entered_state_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped on every change: a form rendered at version N cannot be applied to N+1.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])

    def __repr__(self) -> str:
        return f"<WorkflowInstance {self.id} {self.workflow_key} {self.state}>"


class WorkflowHistory(db.Model):
    """Append-only: one row per state change, the first one for the start."""

    __tablename__ = "workflow_history"
    # Reports count steps by trigger ("placed", "end_route") across all instances.
    __table_args__ = (Index("ix_workflow_history_trigger_instance_id", "trigger", "instance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(
        ForeignKey("workflow_instance.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    trigger: Mapped[str | None] = mapped_column(String(80))  # None for the start
    from_state: Mapped[str | None] = mapped_column(String(80))
    to_state: Mapped[str] = mapped_column(String(80))
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()


@event.listens_for(WorkflowHistory, "before_update")
@event.listens_for(WorkflowHistory, "before_delete")
def _history_is_append_only(mapper, connection, target) -> None:
    raise ValueError("Workflow history is append-only; rows cannot be changed or deleted.")
