"""surveillance as a short audit: its plan, chosen norms, judgements and findings

A certification already in surveillance (*toetsing*) gets an empty surveillance record, so the
team can choose its auditor and norms there.

Revision ID: d7f3b1c8e902
Revises: c4e2a9b7d5f1
Create Date: 2026-12-03 13:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d7f3b1c8e902"
down_revision = "c4e2a9b7d5f1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "keurmerk_surveillance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certification_id", sa.Integer(), nullable=False),
        sa.Column("auditor_id", sa.Integer(), nullable=True),
        sa.Column("audit_date", sa.Date(), nullable=True),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["auditor_id"],
            ["user_account.id"],
            name=op.f("fk_keurmerk_surveillance_auditor_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["certification_id"],
            ["keurmerk_certification.id"],
            name=op.f("fk_keurmerk_surveillance_certification_id_keurmerk_certification"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_keurmerk_surveillance_decided_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keurmerk_surveillance")),
    )
    op.create_index(
        op.f("ix_keurmerk_surveillance_certification_id"),
        "keurmerk_surveillance",
        ["certification_id"],
        unique=False,
    )
    op.create_table(
        "keurmerk_surveillance_norm",
        sa.Column("surveillance_id", sa.Integer(), nullable=False),
        sa.Column("norm_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["norm_id"],
            ["keurmerk_norm.id"],
            name=op.f("fk_keurmerk_surveillance_norm_norm_id_keurmerk_norm"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["surveillance_id"],
            ["keurmerk_surveillance.id"],
            name=op.f("fk_keurmerk_surveillance_norm_surveillance_id_keurmerk_surveillance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "surveillance_id", "norm_id", name=op.f("pk_keurmerk_surveillance_norm")
        ),
    )
    with op.batch_alter_table("keurmerk_judgement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("surveillance_id", sa.Integer(), nullable=True))
        batch_op.alter_column("certification_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(
            batch_op.f("ix_keurmerk_judgement_surveillance_id"), ["surveillance_id"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_keurmerk_judgement_surveillance_id"), ["surveillance_id", "norm_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_keurmerk_judgement_surveillance_id_keurmerk_surveillance"),
            "keurmerk_surveillance",
            ["surveillance_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint(
            "one_audit", "(certification_id IS NULL) <> (surveillance_id IS NULL)"
        )
    with op.batch_alter_table("keurmerk_finding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("surveillance_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_keurmerk_finding_surveillance_id"), ["surveillance_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_keurmerk_finding_surveillance_id_keurmerk_surveillance"),
            "keurmerk_surveillance",
            ["surveillance_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute(
        "INSERT INTO keurmerk_surveillance (certification_id, planned_at) "
        "SELECT i.subject_id, i.entered_state_at FROM workflow_instance i "
        "WHERE i.workflow_key = 'keurmerk.certification' AND i.state = 'toetsing'"
    )


def downgrade():
    with op.batch_alter_table("keurmerk_finding", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_keurmerk_finding_surveillance_id_keurmerk_surveillance"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_keurmerk_finding_surveillance_id"))
        batch_op.drop_column("surveillance_id")
    op.execute("DELETE FROM keurmerk_judgement WHERE surveillance_id IS NOT NULL")
    with op.batch_alter_table("keurmerk_judgement", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_keurmerk_judgement_one_audit"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_keurmerk_judgement_surveillance_id_keurmerk_surveillance"),
            type_="foreignkey",
        )
        batch_op.drop_constraint(
            batch_op.f("uq_keurmerk_judgement_surveillance_id"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_keurmerk_judgement_surveillance_id"))
        batch_op.alter_column("certification_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("surveillance_id")
    op.drop_table("keurmerk_surveillance_norm")
    op.drop_index(
        op.f("ix_keurmerk_surveillance_certification_id"), table_name="keurmerk_surveillance"
    )
    op.drop_table("keurmerk_surveillance")
