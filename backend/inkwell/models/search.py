"""The full-text index's schema, on each backend (services/search.py queries it).

PostgreSQL: a stored generated `search_vector` column on posts and users with a GIN index;
posts are stemmed in their detected language. SQLite (embedded mode): FTS5 external-content
tables kept in sync by triggers. Either way the database maintains the index itself, so every
writer (API, seed bulk inserts, cascaded deletes, raw SQL) keeps it right.

None of this is in the models' metadata (a column or table that exists on one backend only
cannot be), so:
- `db.create_all()` gets it through the after_create hooks below;
- migration 0004 creates the same objects (its copy of this SQL is frozen, as migrations
  are; tests/test_search.py checks that both give the same schema);
- autogenerate ignores it through `include_name`/`include_object` (migrations/env.py).
Caution: a batch (table-recreating) migration of posts or users on SQLite drops their
triggers; such a migration must create them again (SQLITE_TRIGGERS).
"""

from sqlalchemy import DDL, event
from sqlalchemy.orm import query_expression

from .content import Post
from .user import User

# langdetect's codes -> PostgreSQL text search configurations present since 8.3.
POSTGRES_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
FALLBACK_CONFIG = "simple"


def postgres_config_sql(language_column="language"):
    """SQL mapping a post's language to its regconfig (immutable: usable in the column)."""
    whens = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in POSTGRES_CONFIGS.items()
    )
    return f"CASE {language_column} {whens} ELSE '{FALLBACK_CONFIG}'::regconfig END"


# Usernames are split on . and _ too, so "jane.doe" is found by "doe".
USERS_VECTOR_SQL = (
    "setweight(to_tsvector('simple', username || ' ' || translate(username, '._', '  ')), 'A')"
    " || setweight(to_tsvector('simple', coalesce(name, '')), 'B')"
    " || setweight(to_tsvector('simple', coalesce(about_me, '')), 'C')"
)

POSTGRES_DDL = {
    "posts": [
        "ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector({postgres_config_sql()}, body)) STORED",
        "CREATE INDEX ix_posts_search_vector ON posts USING gin (search_vector)",
    ],
    "users": [
        "ALTER TABLE users ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"({USERS_VECTOR_SQL}) STORED",
        "CREATE INDEX ix_users_search_vector ON users USING gin (search_vector)",
    ],
}

# Posts are stemmed (Porter, English) on SQLite; names are not.
SQLITE_TABLES = {
    "posts": "CREATE VIRTUAL TABLE posts_fts USING fts5(body, content='posts', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "users": "CREATE VIRTUAL TABLE users_fts USING fts5(username, name, about_me, "
    "content='users', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
}
SQLITE_COLUMNS = {"posts": ("body",), "users": ("username", "name", "about_me")}


def _sqlite_triggers(table):
    columns = SQLITE_COLUMNS[table]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    # UPDATE OF: users.last_seen changes every minute and must not touch the index.
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN {delete} {insert} END",
    ]


SQLITE_TRIGGERS = {table: _sqlite_triggers(table) for table in SQLITE_TABLES}
SQLITE_DDL = {table: [SQLITE_TABLES[table], *SQLITE_TRIGGERS[table]] for table in SQLITE_TABLES}

# What autogenerate must not see (it would propose dropping it).
SEARCH_COLUMN = "search_vector"
SEARCH_INDEXES = {"ix_posts_search_vector", "ix_users_search_vector"}
SEARCH_TABLE_PREFIXES = ("posts_fts", "users_fts")


def is_search_table(name):
    """The FTS5 tables and their shadow tables (posts_fts_data, _idx, _docsize, _config)."""
    return bool(name) and name.startswith(SEARCH_TABLE_PREFIXES)


def include_name(name, type_, parent_names):
    if type_ == "table":
        return not is_search_table(name)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    if type_ == "column":
        return not (name == SEARCH_COLUMN and parent_names.get("table_name") in SQLITE_TABLES)
    return True


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table":
        return not is_search_table(name)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    if type_ == "column":
        return not (name == SEARCH_COLUMN and obj.table.name in SQLITE_TABLES)
    return True


def _install(table, dialect, statements):
    for statement in statements:
        event.listen(table, "after_create", DDL(statement).execute_if(dialect=dialect))


for _model in (Post, User):
    _name = _model.__tablename__
    _install(_model.__table__, "postgresql", POSTGRES_DDL[_name])
    _install(_model.__table__, "sqlite", SQLITE_DDL[_name])
    # drop_all: the FTS table would outlive its content table (its triggers go with it).
    event.listen(
        _model.__table__,
        "before_drop",
        DDL(f"DROP TABLE IF EXISTS {_name}_fts").execute_if(dialect="sqlite"),
    )
    # Filled only by a search query (services/search.py): the highlighted excerpt, raw.
    _model.search_snippet = query_expression()
