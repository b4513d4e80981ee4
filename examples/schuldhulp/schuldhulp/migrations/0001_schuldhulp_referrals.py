"""schuldhulp referrals

Revision ID: 441c2cfc2de9
Revises:
Create Date: 2026-12-02

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "441c2cfc2de9"
down_revision = None
branch_labels = ("schuldhulp",)
depends_on = "5ab82bade05c"  # the core's head when this branch began


def upgrade():
    op.create_table(
        "schuldhulp_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referring_organisation_id", sa.Integer(), nullable=False),
        sa.Column("debt_help_organisation_id", sa.Integer(), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("referred_at", sa.DateTime(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("best_time_to_call", sa.String(length=100), nullable=True),
        sa.Column("arrears", sa.String(length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("consent_recorded_at", sa.DateTime(), nullable=False),
        sa.Column("appointment_at", sa.DateTime(), nullable=True),
        sa.Column("appointment_place", sa.String(length=20), nullable=True),
        sa.Column("referred_to", sa.String(length=40), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["debt_help_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_schuldhulp_referral_debt_help_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["user_account.id"],
            name=op.f("fk_schuldhulp_referral_referred_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["referring_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_schuldhulp_referral_referring_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schuldhulp_referral")),
    )
    with op.batch_alter_table("schuldhulp_referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schuldhulp_referral_debt_help_organisation_id"),
            ["debt_help_organisation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_schuldhulp_referral_referring_organisation_id"),
            ["referring_organisation_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("schuldhulp_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schuldhulp_referral_referring_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_schuldhulp_referral_debt_help_organisation_id"))

    op.drop_table("schuldhulp_referral")
