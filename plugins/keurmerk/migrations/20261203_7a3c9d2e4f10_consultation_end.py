"""consultation: an end date, and whether participants see each other's reactions

Revision ID: 7a3c9d2e4f10
Revises: 5e1f0a7c2b94
Create Date: 2026-12-03 11:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7a3c9d2e4f10"
down_revision = "5e1f0a7c2b94"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("keurmerk_framework", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consultation_ends_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "consultation_private", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade():
    with op.batch_alter_table("keurmerk_framework", schema=None) as batch_op:
        batch_op.drop_column("consultation_private")
        batch_op.drop_column("consultation_ends_on")
