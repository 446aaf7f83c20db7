"""Media: pictures in posts and uploaded avatars

Revision ID: 0006_media
Revises: 0005_one_active_task
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


revision = '0006_media'
down_revision = '0005_one_active_task'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=8), nullable=False),
    sa.Column('full_key', sa.String(length=80), nullable=False),
    sa.Column('preview_key', sa.String(length=80), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('alt', sa.Text(), nullable=True),
    sa.Column('bytes', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_media_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_media_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media'))
    )
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_full_key'), ['full_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_media_post_id_position', ['post_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_preview_key'), ['preview_key'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('avatar_key', sa.String(length=80), nullable=True))


def downgrade():
    # SQLite (3.35+) drops a plain column in place: recreating `users` would drop the parent
    # of every foreign key (and the search triggers) under a live database.
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('avatar_key')

    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_preview_key'))
        batch_op.drop_index('ix_media_post_id_position')
        batch_op.drop_index(batch_op.f('ix_media_owner_id'))
        batch_op.drop_index(batch_op.f('ix_media_full_key'))
        batch_op.drop_index(batch_op.f('ix_media_created_at'))

    op.drop_table('media')
