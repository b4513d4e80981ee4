"""bodies: committee, working groups, editorial board, the board; members, meetings, advice

Revision ID: 4b7d2e9c1a30
Revises: 978a10145631
Create Date: 2026-12-04 18:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "4b7d2e9c1a30"
down_revision = "978a10145631"
branch_labels = None
depends_on = None


def _index(table: str, column: str, unique: bool = False) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=unique)


def _drop_index(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))


def upgrade():
    op.create_table(
        "jijdoetertoe_body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subproject", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_body")),
    )
    op.create_table(
        "jijdoetertoe_body_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["jijdoetertoe_body.id"],
            name=op.f("fk_jijdoetertoe_body_member_body_id_jijdoetertoe_body"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["expert_id"],
            ["jijdoetertoe_expert.id"],
            name=op.f("fk_jijdoetertoe_body_member_expert_id_jijdoetertoe_expert"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_body_member_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_body_member")),
    )
    for column in ("body_id", "expert_id", "user_id"):
        _index("jijdoetertoe_body_member", column)
    op.create_table(
        "jijdoetertoe_body_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["jijdoetertoe_body.id"],
            name=op.f("fk_jijdoetertoe_body_meeting_body_id_jijdoetertoe_body"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_jijdoetertoe_body_meeting_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_body_meeting")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_jijdoetertoe_body_meeting_meeting_id")),
    )
    _index("jijdoetertoe_body_meeting", "body_id")
    op.create_table(
        "jijdoetertoe_advice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("body_meeting_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["jijdoetertoe_body.id"],
            name=op.f("fk_jijdoetertoe_advice_body_id_jijdoetertoe_body"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["body_meeting_id"],
            ["jijdoetertoe_body_meeting.id"],
            name=op.f("fk_jijdoetertoe_advice_body_meeting_id_jijdoetertoe_body_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_advice_recorded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_advice")),
    )
    _index("jijdoetertoe_advice", "body_id")


def downgrade():
    _drop_index("jijdoetertoe_advice", "body_id")
    op.drop_table("jijdoetertoe_advice")
    _drop_index("jijdoetertoe_body_meeting", "body_id")
    op.drop_table("jijdoetertoe_body_meeting")
    for column in ("body_id", "expert_id", "user_id"):
        _drop_index("jijdoetertoe_body_member", column)
    op.drop_table("jijdoetertoe_body_member")
    op.drop_table("jijdoetertoe_body")
