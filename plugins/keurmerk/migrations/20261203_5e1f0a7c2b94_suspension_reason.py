"""suspension: since when and why, for the public register

Revision ID: 5e1f0a7c2b94
Revises: 9cafcd4ada53
Create Date: 2026-12-03 10:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5e1f0a7c2b94"
down_revision = "9cafcd4ada53"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("keurmerk_certification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("suspension_reason", sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table("keurmerk_certification", schema=None) as batch_op:
        batch_op.drop_column("suspension_reason")
        batch_op.drop_column("suspended_on")
