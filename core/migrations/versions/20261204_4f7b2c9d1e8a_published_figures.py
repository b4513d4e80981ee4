"""published figures: a quarter's figures as the team published them

Revision ID: 4f7b2c9d1e8a
Revises: 5e0c3a9d7b21
Create Date: 2026-12-04 18:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "4f7b2c9d1e8a"
down_revision = "5e0c3a9d7b21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "published_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["user_account.id"],
            name=op.f("fk_published_figure_published_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_figure")),
        sa.UniqueConstraint("year", "quarter", "key", name=op.f("uq_published_figure_year")),
    )


def downgrade():
    op.drop_table("published_figure")
