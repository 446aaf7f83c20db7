"""Hashtags: tags, the tags of each post, the tags users follow

Revision ID: 0008_tags
Revises: 0007_interactions
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


revision = '0008_tags'
down_revision = '0007_interactions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('post_tags',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_tags_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_post_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'tag_id', name=op.f('pk_post_tags'))
    )
    with op.batch_alter_table('post_tags', schema=None) as batch_op:
        batch_op.create_index('ix_post_tags_tag_id_post_id', ['tag_id', 'post_id'], unique=False)

    op.create_table('tag_follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('timestamp', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_follows_tag_id_tags'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_tag_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'tag_id', name=op.f('pk_tag_follows'))
    )
    with op.batch_alter_table('tag_follows', schema=None) as batch_op:
        batch_op.create_index('ix_tag_follows_tag_id', ['tag_id'], unique=False)


def downgrade():
    with op.batch_alter_table('tag_follows', schema=None) as batch_op:
        batch_op.drop_index('ix_tag_follows_tag_id')

    op.drop_table('tag_follows')
    with op.batch_alter_table('post_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_post_tags_tag_id_post_id')

    op.drop_table('post_tags')
    op.drop_table('tags')
