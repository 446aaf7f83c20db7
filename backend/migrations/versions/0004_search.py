"""Full-text search: tsvector columns + GIN indexes (PostgreSQL), FTS5 tables + triggers (SQLite)

Revision ID: 0004_search
Revises: 0003_realtime
Create Date: 2026-11-25 10:00:00.000000

A frozen copy of inkwell/models/search.py at this revision (tests/test_search.py checks that
a migrated database and a create_all one hold the same search objects). The database keeps
the index in sync itself: generated columns on PostgreSQL, triggers on SQLite.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0004_search'
down_revision = '0003_realtime'
branch_labels = None
depends_on = None

POSTGRES_CONFIG = (
    "CASE language WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig "
    "WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'it' THEN 'italian'::regconfig "
    "WHEN 'nl' THEN 'dutch'::regconfig WHEN 'no' THEN 'norwegian'::regconfig "
    "WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig "
    "WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig "
    "WHEN 'tr' THEN 'turkish'::regconfig ELSE 'simple'::regconfig END"
)
POSTGRES_UP = [
    "ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector({POSTGRES_CONFIG}, body)) STORED",
    "CREATE INDEX ix_posts_search_vector ON posts USING gin (search_vector)",
    "ALTER TABLE users ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', username || ' ' || translate(username, '._', '  ')), 'A')"
    " || setweight(to_tsvector('simple', coalesce(name, '')), 'B')"
    " || setweight(to_tsvector('simple', coalesce(about_me, '')), 'C')) STORED",
    "CREATE INDEX ix_users_search_vector ON users USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_users_search_vector",
    "ALTER TABLE users DROP COLUMN search_vector",
    "DROP INDEX ix_posts_search_vector",
    "ALTER TABLE posts DROP COLUMN search_vector",
]

SQLITE_UP = [
    "CREATE VIRTUAL TABLE posts_fts USING fts5(body, content='posts', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts (rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN "
    "INSERT INTO posts_fts (posts_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER posts_fts_au AFTER UPDATE OF body ON posts BEGIN "
    "INSERT INTO posts_fts (posts_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO posts_fts (rowid, body) VALUES (new.id, new.body); END",
    "CREATE VIRTUAL TABLE users_fts USING fts5(username, name, about_me, content='users', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER users_fts_ai AFTER INSERT ON users BEGIN "
    "INSERT INTO users_fts (rowid, username, name, about_me) "
    "VALUES (new.id, new.username, new.name, new.about_me); END",
    "CREATE TRIGGER users_fts_ad AFTER DELETE ON users BEGIN "
    "INSERT INTO users_fts (users_fts, rowid, username, name, about_me) "
    "VALUES ('delete', old.id, old.username, old.name, old.about_me); END",
    "CREATE TRIGGER users_fts_au AFTER UPDATE OF username, name, about_me ON users BEGIN "
    "INSERT INTO users_fts (users_fts, rowid, username, name, about_me) "
    "VALUES ('delete', old.id, old.username, old.name, old.about_me); "
    "INSERT INTO users_fts (rowid, username, name, about_me) "
    "VALUES (new.id, new.username, new.name, new.about_me); END",
    # Index the rows that exist already.
    "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
    "INSERT INTO users_fts (users_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS users_fts_au",
    "DROP TRIGGER IF EXISTS users_fts_ad",
    "DROP TRIGGER IF EXISTS users_fts_ai",
    "DROP TABLE IF EXISTS users_fts",
    "DROP TRIGGER IF EXISTS posts_fts_au",
    "DROP TRIGGER IF EXISTS posts_fts_ad",
    "DROP TRIGGER IF EXISTS posts_fts_ai",
    "DROP TABLE IF EXISTS posts_fts",
]


def _run(postgres, sqlite):
    dialect = op.get_bind().dialect.name
    # Generated columns (existing rows included) on PostgreSQL; FTS5 on SQLite.
    statements = {"postgresql": postgres, "sqlite": sqlite}.get(dialect)
    if statements is None:
        raise NotImplementedError(f"full-text search has no schema for {dialect}")
    for statement in statements:
        op.execute(statement)


def upgrade():
    _run(POSTGRES_UP, SQLITE_UP)


def downgrade():
    _run(POSTGRES_DOWN, SQLITE_DOWN)
