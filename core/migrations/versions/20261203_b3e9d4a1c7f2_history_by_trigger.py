"""workflow history found by trigger (figures count placements and endings by step)

Revision ID: b3e9d4a1c7f2
Revises: d10fd2ed9224
Create Date: 2026-12-03 18:10:00

"""

from alembic import op

revision = "b3e9d4a1c7f2"
down_revision = "d10fd2ed9224"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_workflow_history_trigger_instance_id", "workflow_history", ["trigger", "instance_id"]
    )


def downgrade():
    op.drop_index("ix_workflow_history_trigger_instance_id", table_name="workflow_history")
