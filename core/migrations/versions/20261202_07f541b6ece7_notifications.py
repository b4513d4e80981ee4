"""notifications

Revision ID: 07f541b6ece7
Revises: 6d81c685947d
Create Date: 2026-12-02 21:39:03.957608

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '07f541b6ece7'
down_revision = '6d81c685947d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('key', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('mailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_notification_user_id'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_mailed_at'), ['mailed_at'], unique=False)
        batch_op.create_index('ix_notification_unread', ['user_id', 'read_at'], unique=False)



def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_unread')
        batch_op.drop_index(batch_op.f('ix_notification_mailed_at'))

    op.drop_table('notification')
