"""Migrations: an empty database upgrades to the models' schema; a seeded previous head upgrades,
downgrades and upgrades again; every constraint follows the naming convention.

Each test builds its own app on a fresh database (SQLite file, or PostgreSQL with
INKWELL_TEST_DB=postgres). "head" and "previous head" come from the migration scripts, so the
tests keep meaning the same thing as revisions are added.
"""

import re
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from devstack.testing import PASSWORD, bearer, login
from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db, migrate
from inkwell.models import search as search_schema

HASH_METHOD = "scrypt:1024:8:1"
# Alembic cannot compare expression indexes; test_upgrade_creates_the_models_schema checks it.
EXPRESSION_INDEXES = {"uq_users_username_lower"}


@pytest.fixture
def migrated_app(new_database, tmp_path):
    """An app on an empty database that only migrations touch (no create_all)."""
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=new_database(),
        PASSWORD_HASH_METHOD=HASH_METHOD,
        MAIL_SERVER=None,
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def heads(app):
    """(head, previous head) of the migration history."""
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    assert isinstance(previous, str), "the history should be linear"
    return head, previous


def current_revision(app):
    with app.app_context(), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_differences(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "render_as_batch": True,
                # As migrations/env.py: the full-text index is outside the models.
                "include_name": search_schema.include_name,
                "include_object": search_schema.include_object,
            },
        )
        diffs = compare_metadata(context, db.metadata)
    return [d for d in diffs if not mentions_expression_index(d)]


def mentions_expression_index(diff):
    items = diff if isinstance(diff, list) else [diff]
    return any(
        getattr(obj, "name", None) in EXPRESSION_INDEXES
        for item in items
        if isinstance(item, tuple)
        for obj in item[1:]
    )


def index_definition(engine, name):
    query = {
        "sqlite": "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name",
        "postgresql": "SELECT indexdef FROM pg_indexes WHERE indexname = :name",
    }[engine.dialect.name]
    with engine.connect() as conn:
        return conn.execute(text(query), {"name": name}).scalar() or ""


# Alembic and SQLAlchemy warn that they skip the expression index; that is expected here.
pytestmark = pytest.mark.filterwarnings("ignore:.*expression-based index:Warning")


def test_upgrade_creates_the_models_schema(migrated_app):
    head, _ = heads(migrated_app)
    with migrated_app.app_context():
        upgrade()
    assert current_revision(migrated_app) == head
    assert schema_differences(migrated_app) == []

    with migrated_app.app_context():
        inspector = inspect(db.engine)
        tables = {t for t in inspector.get_table_names() if not search_schema.is_search_table(t)}
        assert tables == set(db.metadata.tables) | {"alembic_version"}
        # The inspector skips expression indexes on SQLite: read the definition from the catalogue.
        definition = index_definition(db.engine, "uq_users_username_lower")
        assert re.search(r"CREATE UNIQUE INDEX .*lower\(\(?username", definition, re.I), definition
        # The roles are part of the schema's data.
        roles = db.session.execute(text("SELECT name, permissions FROM roles")).all()
        assert dict(roles) == {"User": 7, "Moderator": 15, "Administrator": 31}

        insert_user = text(
            "INSERT INTO users (username, email, confirmed, member_since, last_seen) "
            "VALUES (:username, :email, :confirmed, :now, :now)"
        )
        now = datetime.now(UTC)
        db.session.execute(
            insert_user, {"username": "alice", "email": "a@x.io", "confirmed": True, "now": now}
        )
        # Another name is accepted (the index is on the column, not on a constant).
        db.session.execute(
            insert_user, {"username": "bob", "email": "c@x.io", "confirmed": True, "now": now}
        )
        db.session.commit()
        with pytest.raises(IntegrityError):
            db.session.execute(
                insert_user,
                {"username": "Alice", "email": "b@x.io", "confirmed": True, "now": now},
            )
        db.session.rollback()


# Rows valid at the previous head, by table: inserted for each table that exists there.
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SEED = {
    "users": [
        {
            "id": 1,
            "username": "Alice",
            "email": "alice@example.com",
            "password_hash": generate_password_hash(PASSWORD, method=HASH_METHOD),
            "role_id": 1,
            "confirmed": True,
            "name": "Alice A.",
            "locale": "en",
            "member_since": NOW,
            "last_seen": NOW,
            "avatar_hash": "0" * 32,
        },
        {
            "id": 2,
            "username": "bob",
            "email": "bob@example.com",
            "password_hash": generate_password_hash(PASSWORD, method=HASH_METHOD),
            "role_id": 1,
            "confirmed": True,
            "name": None,
            "locale": "es",
            "member_since": NOW,
            "last_seen": NOW,
            "avatar_hash": "1" * 32,
        },
    ],
    "follows": [{"follower_id": 2, "followed_id": 1, "timestamp": NOW}],
    "posts": [
        {
            "id": 1,
            "body": "first *post*",
            "body_html": "<p>first <em>post</em></p>",
            "language": "en",
            "timestamp": NOW,
            "edited_at": None,
            "author_id": 1,
        }
    ],
    "comments": [
        {
            "id": 1,
            "body": "nice",
            "body_html": "nice",
            "disabled": False,
            "timestamp": NOW,
            "author_id": 2,
            "post_id": 1,
        }
    ],
}


def seed_rows(app):
    """Insert SEED into the tables present now; returns the seeded table names."""
    with app.app_context():
        engine = db.engine
        tables = set(inspect(engine).get_table_names())
        seeded = [name for name in SEED if name in tables]
        with engine.begin() as conn:
            for name in seeded:
                columns = list(SEED[name][0])
                conn.execute(
                    text(
                        f"INSERT INTO {name} ({', '.join(columns)}) "
                        f"VALUES ({', '.join(':' + c for c in columns)})"
                    ),
                    [bind_row(row, engine.dialect.name) for row in SEED[name]],
                )
            if engine.dialect.name == "postgresql":
                # Explicit ids leave the sequences behind; the app must be able to insert next.
                for name in seeded:
                    if "id" in SEED[name][0]:
                        conn.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                f"(SELECT max(id) FROM {name}))"
                            )
                        )
    return seeded


def bind_row(row, dialect):
    # What UTCDateTime stores: naive UTC text on SQLite, timestamptz on PostgreSQL.
    if dialect != "sqlite":
        return row
    return {k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in row.items()}


def table_counts(app, names):
    with app.app_context(), db.engine.connect() as conn:
        return {n: conn.execute(text(f"SELECT count(*) FROM {n}")).scalar() for n in names}


def test_seeded_previous_head_upgrades_downgrades_and_upgrades_again(migrated_app):
    app = migrated_app
    head, previous = heads(app)
    with app.app_context():
        upgrade(revision=previous)
    assert current_revision(app) == previous
    seeded = seed_rows(app)
    assert "users" in seeded and "follows" in seeded
    before = table_counts(app, seeded)

    with app.app_context():
        upgrade()
    assert current_revision(app) == head
    assert table_counts(app, seeded) == before
    assert schema_differences(app) == []

    # The old rows are usable through the API.
    client = app.test_client()
    headers = bearer(login(client, "alice"))
    profile = client.get("/api/users/alice").json
    assert profile["username"] == "Alice"
    assert profile["follower_count"] == 1
    assert client.get("/api/users/bob").json["following_count"] == 1
    created = client.post("/api/posts", json={"body": "after the upgrade"}, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["timestamp"].endswith("Z")
    explore = client.get("/api/posts").json["items"]
    assert explore[0]["id"] == created.json["id"]
    if "posts" in seeded:
        assert re.fullmatch(r"2026-01-02T03:04:05(\.0+)?Z", explore[1]["timestamp"])
        assert explore[1]["comment_count"] == 1
    # Case-insensitive uniqueness holds for the migrated rows.
    duplicate = client.post(
        "/api/users", json={"username": "ALICE", "email": "x@example.com", "password": "pw-123456"}
    )
    assert duplicate.status_code == 409

    # One step down, then up again: the tables that survive keep their rows.
    with app.app_context():
        downgrade(revision="-1")
    assert current_revision(app) == previous
    with app.app_context():
        surviving = [n for n in seeded if n in inspect(db.engine).get_table_names()]
    assert "users" in surviving
    after_down = table_counts(app, surviving)
    assert after_down["users"] == before["users"] + 0  # no user was created above
    assert after_down["follows"] == before["follows"]
    with app.app_context():
        upgrade()
    assert current_revision(app) == head
    assert table_counts(app, surviving) == after_down
    assert schema_differences(app) == []
    assert client.get("/api/users/alice").json["follower_count"] == 1
    assert client.post("/api/posts", json={"body": "again"}, headers=headers).status_code == 201


def test_full_downgrade_leaves_an_empty_database(migrated_app):
    with migrated_app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
    assert schema_differences(migrated_app) == []


def expected_name(kind, table, columns, referred=None):
    if kind == "pk":
        return f"pk_{table}"
    if kind == "fk":
        return f"fk_{table}_{columns[0]}_{referred}"
    if kind == "uq":
        return f"uq_{table}_{columns[0]}"
    raise AssertionError(kind)


def test_every_constraint_and_index_is_named_by_the_convention(migrated_app):
    with migrated_app.app_context():
        upgrade()
        engine = db.engine
        inspector = inspect(engine)
        problems = []
        tables = [
            t
            for t in inspector.get_table_names()
            if t != "alembic_version" and not search_schema.is_search_table(t)  # FTS5's own
        ]
        for table in tables:
            pk = inspector.get_pk_constraint(table)
            if pk["name"] != expected_name("pk", table, pk["constrained_columns"]):
                problems.append((table, "pk", pk["name"]))
            for fk in inspector.get_foreign_keys(table):
                want = expected_name("fk", table, fk["constrained_columns"], fk["referred_table"])
                if fk["name"] != want:
                    problems.append((table, "fk", fk["name"], want))
            for uq in inspector.get_unique_constraints(table):
                if uq["name"] != expected_name("uq", table, uq["column_names"]):
                    problems.append((table, "uq", uq["name"]))
            for ck in inspector.get_check_constraints(table):
                if not (ck["name"] or "").startswith(f"ck_{table}_"):
                    problems.append((table, "ck", ck["name"]))
            for ix in inspector.get_indexes(table):
                name = ix["name"] or ""
                if ix.get("duplicates_constraint"):
                    continue  # PostgreSQL's index behind a unique constraint checked above
                columns = [c for c in ix["column_names"] if c]
                single = f"ix_{table}_{columns[0]}" if len(columns) == 1 else None
                if not re.fullmatch(rf"(ix|uq)_{table}_\w+", name) or (
                    single and not ix["unique"] and name != single
                ):
                    problems.append((table, "index", name))

        if engine.dialect.name == "postgresql":
            # The catalogue itself: nothing the inspector hides may carry a generated name.
            with engine.connect() as conn:
                rows = conn.execute(
                    text(
                        "SELECT conrelid::regclass::text, conname, contype FROM pg_constraint "
                        "WHERE connamespace = 'public'::regnamespace"
                    )
                ).all()
                indexes = conn.execute(
                    text("SELECT tablename, indexname FROM pg_indexes WHERE schemaname='public'")
                ).all()
            prefixes = {"p": "pk", "f": "fk", "u": "uq", "c": "ck", "x": "ex"}
            for table, name, kind in rows:
                if table != "alembic_version" and not name.startswith(
                    f"{prefixes.get(kind, kind)}_{table}"
                ):
                    problems.append((table, kind, name))
            for table, name in indexes:
                if table != "alembic_version" and not re.match(rf"(pk|uq|ix)_{table}", name):
                    problems.append((table, "pg index", name))
        else:
            with engine.connect() as conn:
                rows = conn.execute(
                    text("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")
                ).all()
            for table, name in rows:
                # SQLite's own indexes behind PRIMARY KEY / UNIQUE are not ours to name.
                if not name.startswith("sqlite_autoindex_") and not re.match(
                    rf"(ix|uq)_{table}_", name
                ):
                    problems.append((table, "sqlite index", name))
    assert problems == []
