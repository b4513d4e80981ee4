"""the data's generation: one row, bumped with every write (core/data_cache.py)

Revision ID: 5e0c3a9d7b21
Revises: 1170317139f5
Create Date: 2026-12-04 18:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5e0c3a9d7b21"
down_revision = "1170317139f5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "data_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_generation")),
    )


def downgrade():
    op.drop_table("data_generation")
