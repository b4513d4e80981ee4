"""evaluation of a subproject per period, with the advisory committee's verdict

Revision ID: c4d9e1f7a253
Revises: 90abad6d06ea
Create Date: 2026-12-04 19:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d9e1f7a253"
down_revision = "90abad6d06ea"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "jijdoetertoe_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("budget_cents", sa.Integer(), nullable=True),
        sa.Column("partners", sa.Text(), nullable=True),
        sa.Column("activities", sa.Text(), nullable=True),
        sa.Column("people_reached", sa.Integer(), nullable=True),
        sa.Column("people_helped", sa.Integer(), nullable=True),
        sa.Column("results", sa.Text(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("lessons", sa.Text(), nullable=True),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=True),
        sa.Column("verdict_on", sa.Date(), nullable=True),
        sa.Column("verdict_advice_id", sa.Integer(), nullable=True),
        sa.Column("verdict_recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["jijdoetertoe_body.id"],
            name=op.f("fk_jijdoetertoe_evaluation_committee_id_jijdoetertoe_body"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["idea_id"],
            ["jijdoetertoe_subproject_idea.id"],
            name=op.f("fk_jijdoetertoe_evaluation_idea_id_jijdoetertoe_subproject_idea"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["verdict_advice_id"],
            ["jijdoetertoe_advice.id"],
            name=op.f("fk_jijdoetertoe_evaluation_verdict_advice_id_jijdoetertoe_advice"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["verdict_recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_evaluation_verdict_recorded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_evaluation_written_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_evaluation")),
        sa.UniqueConstraint(
            "idea_id", "year", "quarter", name=op.f("uq_jijdoetertoe_evaluation_idea_id")
        ),
    )
    with op.batch_alter_table("jijdoetertoe_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_evaluation_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_evaluation_idea_id"), ["idea_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("jijdoetertoe_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_evaluation_idea_id"))
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_evaluation_committee_id"))
    op.drop_table("jijdoetertoe_evaluation")
