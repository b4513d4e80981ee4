"""accounts: session version, language, password resets, atomic attempt counters

Invited people become active accounts without a password (so accepting an invitation never
has to activate anyone); deactivated accounts lose their open invitations.

Revision ID: 0c0e4798652f
Revises: f52e640d99b3
Create Date: 2026-12-02 17:20:00

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0c0e4798652f"
down_revision = "f52e640d99b3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))

    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_password_reset_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_token_hash")),
    )
    op.create_table(
        "attempt_counter",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("key_digest", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key_digest", name=op.f("pk_attempt_counter")),
    )
    with op.batch_alter_table("attempt_counter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attempt_counter_last_at"), ["last_at"], unique=False)

    # The attempts table held at most a day of history; the counters start afresh.
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempt_ip"))
        batch_op.drop_index(batch_op.f("ix_login_attempt_email_digest"))
        batch_op.drop_index(batch_op.f("ix_login_attempt_at"))
    op.drop_table("login_attempt")

    # Until now invited people were inactive. Those who never set a password, were invited and
    # were never deactivated by an admin are invited, not deactivated: make them active.
    op.execute(
        sa.text(
            "UPDATE user_account SET active = :yes"
            " WHERE active = :no AND password_hash IS NULL"
            " AND id IN (SELECT user_id FROM invitation)"
            " AND id NOT IN (SELECT subject_user_id FROM security_event"
            "  WHERE kind = 'account_deactivated' AND subject_user_id IS NOT NULL)"
        ).bindparams(yes=True, no=False)
    )
    # A deactivated account keeps no working invitation link.
    op.execute(
        sa.text(
            "UPDATE invitation SET expires_at = :now"
            " WHERE used_at IS NULL AND expires_at > :now"
            " AND user_id IN (SELECT id FROM user_account WHERE active = :no)"
        ).bindparams(now=datetime.now(UTC).replace(tzinfo=None), no=False)
    )


def downgrade():
    # Invited people without a password were inactive before this revision.
    op.execute(
        sa.text("UPDATE user_account SET active = :no WHERE password_hash IS NULL").bindparams(
            no=False
        )
    )
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("email_digest", sa.String(length=64), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_attempt_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_login_attempt_email_digest"), ["email_digest"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_login_attempt_ip"), ["ip"], unique=False)

    with op.batch_alter_table("attempt_counter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_counter_last_at"))
    op.drop_table("attempt_counter")
    op.drop_table("password_reset")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("language")
        batch_op.drop_column("session_version")
