"""subproject ideas: from an idea to a working group

Revision ID: 8e3f5a6b2c71
Revises: 4b7d2e9c1a30
Create Date: 2026-12-04 19:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8e3f5a6b2c71"
down_revision = "4b7d2e9c1a30"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "jijdoetertoe_subproject_idea",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("urgency", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("advice_id", sa.Integer(), nullable=True),
        sa.Column("working_group_id", sa.Integer(), nullable=True),
        sa.Column("plugin_name", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["advice_id"],
            ["jijdoetertoe_advice.id"],
            name=op.f("fk_jijdoetertoe_subproject_idea_advice_id_jijdoetertoe_advice"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_subproject_idea_raised_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["jijdoetertoe_body.id"],
            name=op.f("fk_jijdoetertoe_subproject_idea_working_group_id_jijdoetertoe_body"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_subproject_idea")),
    )
    with op.batch_alter_table("jijdoetertoe_subproject_idea", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_subproject_idea_raised_by_id"),
            ["raised_by_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("jijdoetertoe_subproject_idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_subproject_idea_raised_by_id"))
    op.drop_table("jijdoetertoe_subproject_idea")
