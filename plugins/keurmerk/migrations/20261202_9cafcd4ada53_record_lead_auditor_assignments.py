"""record the lead-auditor assignments made past the engine

Before this release, planning and starting an audit set the certification's assignee directly:
the instance's version went up without a history row, which `workflows verify` now reports.
This writes the missing assignment rows (marked as reconstructed), at the time of the step
that made them, so the history tells who held the certification and verify passes.

Revision ID: 9cafcd4ada53
Revises: 9b00ce41ee1a
Create Date: 2026-12-02 19:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9cafcd4ada53"
down_revision = "9b00ce41ee1a"
branch_labels = None
depends_on = None

_instance = sa.table(
    "workflow_instance",
    sa.column("id", sa.Integer),
    sa.column("workflow_key", sa.String),
    sa.column("state", sa.String),
    sa.column("version", sa.Integer),
    sa.column("assignee_id", sa.Integer),
)
_history = sa.table(
    "workflow_history",
    sa.column("id", sa.Integer),
    sa.column("instance_id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("actor_id", sa.Integer),
    sa.column("trigger", sa.String),
    sa.column("from_state", sa.String),
    sa.column("to_state", sa.String),
    sa.column("comment", sa.Text),
    sa.column("data", sa.JSON),
)
_user = sa.table("user_account", sa.column("id", sa.Integer), sa.column("display_name", sa.String))


def record_missing_assignments(connection) -> int:
    """Add one assignment row per version bump without history; returns how many were added."""
    steps = sa.func.count(_history.c.id)
    behind = connection.execute(
        sa.select(_instance.c.id, _instance.c.state, _instance.c.version, _instance.c.assignee_id)
        .select_from(_instance.outerjoin(_history, _history.c.instance_id == _instance.c.id))
        .where(_instance.c.workflow_key == "keurmerk.certification")
        .group_by(_instance.c.id, _instance.c.state, _instance.c.version, _instance.c.assignee_id)
        .having(_instance.c.version > steps)
        .add_columns(steps.label("steps"))
    ).all()
    added = 0
    for row in behind:
        causes = connection.execute(
            sa.select(_history.c.at, _history.c.actor_id)
            .where(
                _history.c.instance_id == row.id,
                _history.c.trigger.in_(["plan_audit", "start_audit"]),
            )
            .order_by(_history.c.id)
        ).all()
        name = connection.scalar(
            sa.select(_user.c.display_name).where(_user.c.id == row.assignee_id)
        )
        for n in range(row.version - row.steps):
            cause = causes[min(n, len(causes) - 1)] if causes else None
            connection.execute(
                _history.insert().values(
                    instance_id=row.id,
                    at=cause.at if cause else sa.func.now(),
                    actor_id=cause.actor_id if cause else None,
                    trigger="@assign",
                    from_state=row.state,
                    to_state=row.state,
                    data={"assignee": name, "reconstructed": True},
                )
            )
            added += 1
    return added


def upgrade():
    record_missing_assignments(op.get_bind())


def downgrade():
    pass  # the rows describe what happened; removing them would hide it again
