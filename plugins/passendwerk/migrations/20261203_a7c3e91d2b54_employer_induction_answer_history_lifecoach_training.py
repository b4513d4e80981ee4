"""the employer's mentor and induction plan, the history of answers, lifecoach training

Revision ID: a7c3e91d2b54
Revises: 50fbbced4018
Create Date: 2026-12-03 18:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a7c3e91d2b54"
down_revision = "50fbbced4018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("passendwerk_placement") as batch:
        batch.add_column(sa.Column("mentor_contact", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("induction_plan", sa.Text(), nullable=True))
        batch.add_column(sa.Column("induction_plan_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("induction_plan_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_passendwerk_placement_induction_plan_by_id_user_account"),
            "user_account",
            ["induction_plan_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    answers = op.create_table(
        "passendwerk_introduction_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("response", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["introduction_id"],
            ["passendwerk_introduction.id"],
            name=op.f(
                "fk_passendwerk_introduction_answer_introduction_id_passendwerk_introduction"
            ),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["user_account.id"],
            name=op.f("fk_passendwerk_introduction_answer_answered_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passendwerk_introduction_answer")),
    )
    op.create_index(
        op.f("ix_passendwerk_introduction_answer_introduction_id"),
        "passendwerk_introduction_answer",
        ["introduction_id"],
    )
    # The answers given before this release become the first entry of their history.
    introduction = sa.table(
        "passendwerk_introduction",
        sa.column("id", sa.Integer),
        sa.column("response", sa.String),
        sa.column("employer_note", sa.Text),
        sa.column("responded_at", sa.DateTime),
        sa.column("introduced_at", sa.DateTime),
    )
    op.execute(
        answers.insert().from_select(
            ["introduction_id", "response", "note", "answered_at"],
            sa.select(
                introduction.c.id,
                introduction.c.response,
                introduction.c.employer_note,
                sa.func.coalesce(introduction.c.responded_at, introduction.c.introduced_at),
            ).where(introduction.c.response.is_not(None)),
        )
    )
    op.create_table(
        "passendwerk_lifecoach_training",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_passendwerk_lifecoach_training_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_passendwerk_lifecoach_training_recorded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_passendwerk_lifecoach_training")),
    )


def downgrade():
    op.drop_table("passendwerk_lifecoach_training")
    op.drop_index(
        op.f("ix_passendwerk_introduction_answer_introduction_id"),
        table_name="passendwerk_introduction_answer",
    )
    op.drop_table("passendwerk_introduction_answer")
    with op.batch_alter_table("passendwerk_placement") as batch:
        batch.drop_constraint(
            op.f("fk_passendwerk_placement_induction_plan_by_id_user_account"), type_="foreignkey"
        )
        batch.drop_column("induction_plan_by_id")
        batch.drop_column("induction_plan_at")
        batch.drop_column("induction_plan")
        batch.drop_column("mentor_contact")
