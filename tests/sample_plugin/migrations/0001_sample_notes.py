"""sample plugin: notes table

Revision ID: sample0001
Revises:
Create Date: 2026-11-28

"""

import sqlalchemy as sa
from alembic import op

revision = "sample0001"
down_revision = None
branch_labels = ("sample",)
depends_on = "e1f737903f0f"  # core tables


def upgrade():
    op.create_table(
        "sample_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sample_note")),
    )


def downgrade():
    op.drop_table("sample_note")
