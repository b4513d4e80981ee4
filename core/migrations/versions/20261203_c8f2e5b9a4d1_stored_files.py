"""uploaded files kept in the database (FILE_STORAGE = database)

Revision ID: c8f2e5b9a4d1
Revises: b3e9d4a1c7f2
Create Date: 2026-12-03 18:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c8f2e5b9a4d1"
down_revision = "b3e9d4a1c7f2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_file",
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("area", "key", name=op.f("pk_stored_file")),
    )


def downgrade():
    op.drop_table("stored_file")
