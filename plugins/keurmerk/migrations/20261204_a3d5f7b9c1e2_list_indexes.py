"""indexes for the soonest last days (renewal tasks, the dashboard) and the newest applications
(the certification list)

Revision ID: a3d5f7b9c1e2
Revises: f1b7c3d9e5a2
Create Date: 2026-12-04 01:05:00

"""

from alembic import op

revision = "a3d5f7b9c1e2"
down_revision = "f1b7c3d9e5a2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        op.f("ix_keurmerk_certification_valid_until"),
        "keurmerk_certification",
        ["valid_until"],
        unique=False,
    )
    op.create_index(
        "ix_keurmerk_certification_applied",
        "keurmerk_certification",
        ["applied_at", "id"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_keurmerk_certification_applied", table_name="keurmerk_certification")
    op.drop_index(
        op.f("ix_keurmerk_certification_valid_until"), table_name="keurmerk_certification"
    )
