"""competence search key: a case-folded name and an index to search and page the catalogue

Revision ID: 7c1e5a9d2b40
Revises: a7c3e91d2b54
Create Date: 2026-12-03 17:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7c1e5a9d2b40"
down_revision = "a7c3e91d2b54"
branch_labels = None
depends_on = None

NAME_KEY = sa.String(length=200).with_variant(sa.String(length=200, collation="C"), "postgresql")


def _name_key(text: str) -> str:
    # A copy of catalogue.models.name_key as it is today: a migration must not change when
    # the model does.
    return " ".join(text.casefold().split())


def upgrade():
    with op.batch_alter_table("passendwerk_competence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", NAME_KEY, nullable=True))
    table = sa.table(
        "passendwerk_competence",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(table.c.id, table.c.name)).all()
    if rows:
        bind.execute(
            table.update().where(table.c.id == sa.bindparam("row_id")),
            [{"row_id": row.id, "name_key": _name_key(row.name)} for row in rows],
        )
    with op.batch_alter_table("passendwerk_competence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_passendwerk_competence_active_name_key", ["active", "name_key"], unique=False
        )


def downgrade():
    with op.batch_alter_table("passendwerk_competence", schema=None) as batch_op:
        batch_op.drop_index("ix_passendwerk_competence_active_name_key")
        batch_op.drop_column("name_key")
