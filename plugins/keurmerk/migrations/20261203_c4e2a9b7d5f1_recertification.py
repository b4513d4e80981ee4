"""certifications: a recertification names the certificate it renews

Revision ID: c4e2a9b7d5f1
Revises: 8b4d1e6f3a21
Create Date: 2026-12-03 12:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c4e2a9b7d5f1"
down_revision = "8b4d1e6f3a21"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("keurmerk_certification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("renews_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_keurmerk_certification_renews_id"), ["renews_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_keurmerk_certification_renews_id_keurmerk_certification"),
            "keurmerk_certification",
            ["renews_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("keurmerk_certification", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_keurmerk_certification_renews_id_keurmerk_certification"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_keurmerk_certification_renews_id"))
        batch_op.drop_column("renews_id")
