"""experts register: experts, qualifications, involvements

Revision ID: 978a10145631
Revises:
Create Date: 2026-12-04 04:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "978a10145631"
down_revision = None
branch_labels = ("jijdoetertoe",)
depends_on = "c8f2e5b9a4d1"


def upgrade():
    op.create_table(
        "jijdoetertoe_expert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("via_organisation_id", sa.Integer(), nullable=True),
        sa.Column("district", sa.String(length=40), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("availability", sa.String(length=300), nullable=False),
        sa.Column("exemption_note", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_organisation_id", sa.Integer(), nullable=True),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("consent_how", sa.String(length=200), nullable=True),
        sa.Column("consent_shares", sa.Text(), nullable=True),
        sa.Column("consent_revoked_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_expert_registered_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_jijdoetertoe_expert_source_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_expert_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["via_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_jijdoetertoe_expert_via_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_expert")),
        sa.UniqueConstraint("user_id", name=op.f("uq_jijdoetertoe_expert_user_id")),
    )
    with op.batch_alter_table("jijdoetertoe_expert", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_expert_via_organisation_id"),
            ["via_organisation_id"],
            unique=False,
        )
    op.create_table(
        "jijdoetertoe_qualification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("obtained_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["expert_id"],
            ["jijdoetertoe_expert.id"],
            name=op.f("fk_jijdoetertoe_qualification_expert_id_jijdoetertoe_expert"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_qualification")),
    )
    with op.batch_alter_table("jijdoetertoe_qualification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_qualification_expert_id"), ["expert_id"], unique=False
        )
    op.create_table(
        "jijdoetertoe_involvement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("subproject", sa.String(length=200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("allowance_cents", sa.Integer(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["expert_id"],
            ["jijdoetertoe_expert.id"],
            name=op.f("fk_jijdoetertoe_involvement_expert_id_jijdoetertoe_expert"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_jijdoetertoe_involvement_recorded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jijdoetertoe_involvement")),
    )
    with op.batch_alter_table("jijdoetertoe_involvement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jijdoetertoe_involvement_expert_id"), ["expert_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("jijdoetertoe_involvement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_involvement_expert_id"))
    op.drop_table("jijdoetertoe_involvement")
    with op.batch_alter_table("jijdoetertoe_qualification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_qualification_expert_id"))
    op.drop_table("jijdoetertoe_qualification")
    with op.batch_alter_table("jijdoetertoe_expert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jijdoetertoe_expert_via_organisation_id"))
    op.drop_table("jijdoetertoe_expert")
