"""One queued/running task of a kind per user (a partial unique index)

Revision ID: 0005_one_active_task
Revises: 0004_search
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


revision = '0005_one_active_task'
down_revision = '0004_search'
branch_labels = None
depends_on = None

ACTIVE = "status IN ('queued', 'running')"


def upgrade():
    # Tasks that lost their job may have left duplicates behind: keep the newest active one.
    op.execute(
        "UPDATE tasks SET status = 'failed', error = 'Superseded by a newer task.' "
        f"WHERE {ACTIVE} AND id NOT IN ("
        "  SELECT id FROM (SELECT id, ROW_NUMBER() OVER ("
        "    PARTITION BY user_id, name ORDER BY created_at DESC, id) AS n"
        f"    FROM tasks WHERE {ACTIVE}) AS ranked WHERE n = 1)"
    )
    op.create_index(
        'uq_tasks_user_id_name_active', 'tasks', ['user_id', 'name'], unique=True,
        postgresql_where=sa.text(ACTIVE), sqlite_where=sa.text(ACTIVE),
    )


def downgrade():
    op.drop_index('uq_tasks_user_id_name_active', table_name='tasks')
