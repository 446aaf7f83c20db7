"""Command-line tools: `flask deploy`, `flask users create`, `flask seed`."""

import time

import pytest
from sqlalchemy import func, inspect, select

from devstack.testing import bearer, login
from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db
from inkwell.models import Follow, Post, Role, User

HASH_METHOD = "scrypt:1024:8:1"


def fresh_app(url, tmp_path):
    return create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=url,
        PASSWORD_HASH_METHOD=HASH_METHOD,
        MAIL_SERVER=None,
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
    )


@pytest.fixture
def empty_app(new_database, tmp_path):
    app = fresh_app(new_database(), tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def dead_database_url(database_backend, tmp_path):
    if database_backend == "postgres":
        return "postgresql+psycopg://postgres@127.0.0.1:1/inkwell?connect_timeout=1"
    return f"sqlite:///{tmp_path / 'missing-dir' / 'inkwell.db'}"


# --- deploy -----------------------------------------------------------------------------------


def test_deploy_upgrades_an_empty_database_and_creates_roles_idempotently(empty_app):
    runner = empty_app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["deploy"])
        assert result.exit_code == 0, result.output
        assert "deployed" in result.output
    with empty_app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        roles = {r.name: r.permissions for r in db.session.scalars(select(Role))}
        assert roles == {"User": 7, "Moderator": 15, "Administrator": 31}
        assert db.session.scalar(select(Role.name).where(Role.default)) == "User"


def test_deploy_retries_then_fails_clearly_when_the_database_is_unreachable(
    database_backend, tmp_path
):
    app = fresh_app(dead_database_url(database_backend, tmp_path), tmp_path)
    started = time.monotonic()
    result = app.test_cli_runner().invoke(args=["deploy", "--retries", "1", "--delay", "0.1"])
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert result.output.count("retrying in 0.1s") == 1
    assert "Error: the database is unreachable after 2 attempts" in result.output
    assert "Traceback" not in result.output
    assert elapsed < 10


def test_deploy_does_not_retry_by_default(database_backend, tmp_path):
    app = fresh_app(dead_database_url(database_backend, tmp_path), tmp_path)
    result = app.test_cli_runner().invoke(args=["deploy"])
    assert result.exit_code == 1
    assert "retrying" not in result.output
    assert "unreachable after 1 attempt" in result.output


# --- users create -----------------------------------------------------------------------------


def test_users_create_admin_makes_a_confirmed_administrator_who_can_log_in(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "root", "Root@Example.com", "--password", "pw-123456", "--admin"]
    )
    assert result.exit_code == 0, result.output
    assert "created administrator root" in result.output

    token = login(client, "root", "pw-123456")
    me = client.get("/api/me", headers=bearer(token)).json
    assert me["role"]["name"] == "Administrator" if isinstance(me["role"], dict) else me["role"]
    assert me["confirmed"] is True
    assert me["email"] == "root@example.com"
    assert client.get("/api/roles", headers=bearer(token)).status_code == 200


def test_users_create_without_admin_makes_a_confirmed_user(app, client):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "plain", "plain@example.com", "--password", "pw-123456"]
    )
    assert result.exit_code == 0, result.output
    token = login(client, "plain@example.com", "pw-123456")
    assert client.get("/api/roles", headers=bearer(token)).status_code == 403
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(username="plain"))
        assert user.confirmed and user.role.name == "User"


@pytest.mark.parametrize(
    "username, email",
    [("ROOT", "other@example.com"), ("other", "ROOT@example.com")],
    ids=["username-any-case", "email-any-case"],
)
def test_users_create_refuses_duplicates(app, username, email):
    runner = app.test_cli_runner()
    first = runner.invoke(
        args=["users", "create", "root", "root@example.com", "--password", "pw-123456"]
    )
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["users", "create", username, email, "--password", "pw-123456"])
    assert again.exit_code == 1
    assert "already in use" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1


@pytest.mark.parametrize(
    "username, email, password, complaint",
    [
        ("9lives", "cat@example.com", "pw-123456", "username:"),
        ("cat", "not-an-email", "pw-123456", "email:"),
        ("cat", "cat@example.com", "short", "password:"),
    ],
    ids=["username", "email", "password"],
)
def test_users_create_applies_the_registration_rules(app, username, email, password, complaint):
    result = app.test_cli_runner().invoke(
        args=["users", "create", username, email, "--password", password]
    )
    assert result.exit_code == 1
    assert complaint in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


# --- seed -------------------------------------------------------------------------------------


def seed(app, *args):
    result = app.test_cli_runner().invoke(args=["seed", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def assert_ids_grow_with_timestamps(app):
    with app.app_context():
        stamps = db.session.scalars(select(Post.timestamp).order_by(Post.id)).all()
    assert stamps == sorted(stamps)


def test_seed_creates_exactly_the_rows_asked_for(app, client):
    result = seed(app, "--users", 30, "--posts", 200, "--follows", 5)
    assert "seeded 30 users, 200 posts" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 30
        assert db.session.scalar(select(func.count(Post.id))) == 200
        follows = db.session.execute(select(Follow.follower_id, Follow.followed_id)).all()
        usernames = db.session.scalars(select(User.username)).all()
    assert 0 < len(follows) <= 30 * 5
    assert all(a != b for a, b in follows)
    assert len({(a, b) for a, b in follows}) == len(follows)
    assert_ids_grow_with_timestamps(app)
    assert len({u.lower() for u in usernames}) == 30

    # The seeded accounts work through the API, and the app can keep inserting.
    headers = bearer(login(client, usernames[0], "password"))
    created = client.post("/api/posts", json={"body": "after seeding"}, headers=headers)
    assert created.status_code == 201, created.json
    assert client.get("/api/posts").json["items"][0]["id"] == created.json["id"]
    registered = client.post(
        "/api/users", json={"username": "newbie", "email": "n@example.com", "password": "pw-123456"}
    )
    assert registered.status_code == 201, registered.json


def test_seed_twice_keeps_ids_growing_with_timestamps(app):
    seed(app, "--users", 5, "--posts", 20, "--seed", 1)
    seed(app, "--users", 5, "--posts", 20, "--seed", 2)
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 10
        assert db.session.scalar(select(func.count(Post.id))) == 40
    assert_ids_grow_with_timestamps(app)


@pytest.mark.slow
def test_seed_10k_users_100k_posts_on_sqlite_within_two_minutes(
    database_backend, new_database, tmp_path
):
    if database_backend != "sqlite":
        pytest.skip("the 120 s requirement is stated for a SQLite file database")
    app = fresh_app(new_database(), tmp_path)
    try:
        assert app.test_cli_runner().invoke(args=["deploy"]).exit_code == 0
        started = time.monotonic()
        result = seed(app, "--users", 10_000, "--posts", 100_000)
        elapsed = time.monotonic() - started
        print(f"\n{result.output.strip()} (wall {elapsed:.1f}s)")
        assert elapsed < 120
        with app.app_context():
            assert db.session.scalar(select(func.count(User.id))) == 10_000
            assert db.session.scalar(select(func.count(Post.id))) == 100_000
            assert db.session.scalar(select(func.count()).select_from(Follow)) > 150_000
        assert_ids_grow_with_timestamps(app)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
