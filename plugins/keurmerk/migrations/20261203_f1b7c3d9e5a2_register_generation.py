"""the register's generation: goes up with every change to what the register shows

Revision ID: f1b7c3d9e5a2
Revises: e5a8c2f4b613
Create Date: 2026-12-03 18:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f1b7c3d9e5a2"
down_revision = "e5a8c2f4b613"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "keurmerk_register_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keurmerk_register_generation")),
    )


def downgrade():
    op.drop_table("keurmerk_register_generation")
