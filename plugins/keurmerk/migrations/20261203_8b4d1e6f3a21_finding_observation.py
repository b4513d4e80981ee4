"""findings: an observation has no deadline

Revision ID: 8b4d1e6f3a21
Revises: 7a3c9d2e4f10
Create Date: 2026-12-03 11:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "8b4d1e6f3a21"
down_revision = "7a3c9d2e4f10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("keurmerk_finding", schema=None) as batch_op:
        batch_op.alter_column("deadline", existing_type=sa.Date(), nullable=True)


def downgrade():
    # Observations have no deadline: give them today so the column can be required again.
    op.execute(
        "UPDATE keurmerk_finding SET deadline = CURRENT_DATE WHERE deadline IS NULL"
    )
    with op.batch_alter_table("keurmerk_finding", schema=None) as batch_op:
        batch_op.alter_column("deadline", existing_type=sa.Date(), nullable=False)
