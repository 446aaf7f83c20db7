"""Interactions: likes, bookmarks, content warnings; event keys on notifications

Revision ID: 0007_interactions
Revises: 0006_media
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_interactions'
down_revision = '0006_media'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('likes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('timestamp', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_likes_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_likes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_likes')),
    sa.UniqueConstraint('user_id', 'post_id', name=op.f('uq_likes_user_id'))
    )
    with op.batch_alter_table('likes', schema=None) as batch_op:
        batch_op.create_index('ix_likes_post_id_id', ['post_id', 'id'], unique=False)

    op.create_table('bookmarks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('timestamp', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_bookmarks_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bookmarks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookmarks')),
    sa.UniqueConstraint('post_id', 'user_id', name=op.f('uq_bookmarks_post_id'))
    )
    with op.batch_alter_table('bookmarks', schema=None) as batch_op:
        batch_op.create_index('ix_bookmarks_user_id_id', ['user_id', 'id'], unique=False)

    # Plain ADD COLUMNs (SQLite needs no table copy for them): `posts` keeps its search
    # triggers and the foreign keys pointing at it.
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_warning', sa.String(length=200), nullable=True))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_key', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_notifications_user_id_event_key', ['user_id', 'event_key'], unique=False)


def downgrade():
    # SQLite (3.35+) drops a plain column in place: recreating `posts` would drop the parent
    # of every foreign key (and the search triggers) under a live database. The index goes
    # first: SQLite refuses to drop an indexed column.
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_event_key')
    with op.batch_alter_table('notifications', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('event_key')

    with op.batch_alter_table('posts', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('content_warning')

    with op.batch_alter_table('bookmarks', schema=None) as batch_op:
        batch_op.drop_index('ix_bookmarks_user_id_id')

    op.drop_table('bookmarks')
    with op.batch_alter_table('likes', schema=None) as batch_op:
        batch_op.drop_index('ix_likes_post_id_id')

    op.drop_table('likes')
