"""Command-line tools: `flask deploy`, `flask users create`, `flask seed`."""

import hashlib
import random
import re
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade
from rq import SimpleWorker
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import OperationalError
from werkzeug.security import generate_password_hash

from .extensions import db, redis_store
from .i18n import translate_cli
from .models import Follow, Post, Role, User, utcnow
from .schemas.users import RegisterSchema
from .services.language import detect_language
from .services.markdown import render_post
from .services.media import cleanup_unattached
from .services.search import reindex
from .tasks import rq_queue

users_cli = AppGroup("users", help="Manage user accounts.")
search_cli = AppGroup("search", help="Full-text search index.")
media_cli = AppGroup("media", help="Uploaded pictures.")


def register_cli(app):
    app.cli.add_command(deploy)
    app.cli.add_command(rq_worker)
    app.cli.add_command(users_cli)
    app.cli.add_command(seed)
    app.cli.add_command(translate_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(media_cli)


# Plain click commands get no app context from app.cli (only from the `flask` group), so
# with_appcontext keeps them working under app.test_cli_runner() and any other invoker.
@click.command()
@click.option("--retries", default=0, help="Retry while the database is not answering.")
@click.option("--delay", default=2.0, help="Seconds between retries.")
@with_appcontext
def deploy(retries, delay):
    """Upgrade the database to the latest migration and create the roles."""
    for attempt in range(1, retries + 2):
        try:
            upgrade()
            break
        # Only "cannot connect" is worth waiting for; a broken migration fails at once.
        except OperationalError as error:  # the database may still be starting
            db.session.rollback()
            reason = str(error.orig or error).strip().splitlines()[0]
            if attempt > retries:
                tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
                raise click.ClickException(
                    f"the database is unreachable after {tries} ({reason})"
                ) from error
            click.echo(f"database not ready ({reason}); retrying in {delay}s")
            time.sleep(delay)
    Role.insert_roles()
    click.echo("deployed: schema upgraded, roles in place")


@click.command("rq-worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def rq_worker(burst):
    """Run the background job worker (RQ) on REDIS_URL."""
    if not current_app.config["REDIS_URL"]:
        raise click.ClickException("REDIS_URL is not set: embedded mode runs jobs in threads")
    # SimpleWorker runs jobs in this process, inside this app context, so database
    # connections are never shared across a fork.
    connection = redis_store.client(blocking=True)
    worker = SimpleWorker([rq_queue(connection)], connection=connection)
    worker.work(burst=burst, with_scheduler=False)


@users_cli.command("create")
@click.argument("username")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--admin", is_flag=True, help="Make the user an administrator.")
def create_user(username, email, password, admin):
    """Create a confirmed user (optionally an administrator)."""
    # The same rules as registration through the API.
    errors = RegisterSchema().validate({"username": username, "email": email, "password": password})
    if errors:
        raise click.ClickException(
            "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
        )
    if User.username_taken(username) or User.email_taken(email):
        raise click.ClickException("username or email already in use")
    role = None
    if admin:
        Role.insert_roles()
        role = db.session.scalar(select(Role).filter_by(name="Administrator"))
    user = User(username=username, email=email, role=role, confirmed=True)
    user.password = password
    db.session.add(user)
    db.session.commit()
    click.echo(f"created {'administrator' if admin else 'user'} {user.username} (id {user.id})")


BATCH = 5000


def _bulk(model, rows, returning=None):
    """executemany in batches; with `returning`, the generated keys in the rows' order."""
    statement = insert(model)
    if returning is not None:
        statement = statement.returning(returning, sort_by_parameter_order=True)
    keys = []
    for start in range(0, len(rows), BATCH):
        result = db.session.execute(statement, rows[start : start + BATCH])
        if returning is not None:
            keys.extend(result.scalars())
    return keys


@click.command()
@click.option("--users", "user_count", default=100, show_default=True)
@click.option("--posts", "post_count", default=1000, show_default=True)
@click.option("--follows", "follows_per_user", default=20, show_default=True)
@click.option("--password", default="password", show_default=True)
@click.option("--seed", "random_seed", default=1, show_default=True)
@with_appcontext
def seed(user_count, post_count, follows_per_user, password, random_seed):
    """Fill the database with fake users, posts and follows (bulk inserts)."""
    # Imported here: Faker is large, and every API worker builds this CLI but never seeds.
    from faker import Faker

    started = time.perf_counter()
    fake = Faker()
    Faker.seed(random_seed)
    rng = random.Random(random_seed)
    Role.insert_roles()
    role_id = Role.default_role().id
    # One hash for every fake account: hashing is deliberately slow.
    password_hash = generate_password_hash(
        password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    )

    # Ids come from the database (explicit ids would leave PostgreSQL's sequences behind,
    # and the next registration would collide). Names are letters + a number never used
    # before: Faker's own digits could otherwise make "ann1"+"23" equal "ann12"+"3".
    first = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    now = utcnow()
    users = []
    for n in range(user_count):
        letters = re.sub(r"[^A-Za-z]", "", fake.user_name())[:50] or "user"
        username = f"{letters}{first + n}"
        email = f"{username.lower()}@example.com"
        users.append(
            {
                "username": username,
                "email": email,
                "password_hash": password_hash,
                "role_id": role_id,
                "confirmed": True,
                "name": fake.name()[:64],
                "location": fake.city()[:64],
                "about_me": fake.sentence(),
                "locale": "en",
                "member_since": now - timedelta(days=rng.randint(30, 720)),
                "last_seen": now - timedelta(minutes=rng.randint(0, 10_000)),
                "avatar_hash": hashlib.md5(email.encode()).hexdigest(),
            }
        )
    user_ids = _bulk(User, users, returning=User.id)

    # Rendering and detection are costly; a pool of bodies keeps 100k posts fast.
    pool = []
    for _ in range(min(post_count, 1000)):
        body = fake.paragraph(nb_sentences=rng.randint(1, 5))
        pool.append((body, render_post(body), detect_language(body)))
    new_user_ids = list(user_ids)
    user_ids = user_ids or list(db.session.scalars(select(User.id).limit(1000)))
    # Feeds order by id, so ids must grow with time: new posts come after any existing one.
    latest = db.session.scalar(select(func.max(Post.timestamp)))
    year = span = timedelta(days=365).total_seconds()
    if latest is not None:
        span = max(0.0, min(span, (now - latest).total_seconds()))
    offsets = sorted((rng.random() * span for _ in range(post_count)), reverse=True)
    posts = []
    for offset in offsets:  # oldest first, so ids grow with time
        body, html, language = rng.choice(pool)
        posts.append(
            {
                "body": body,
                "body_html": html,
                "language": language,
                "timestamp": now - timedelta(seconds=offset),
                "author_id": rng.choice(user_ids),
            }
        )
    _bulk(Post, posts)

    follows = []
    if len(user_ids) > 1:
        for follower in new_user_ids:
            for followed in rng.sample(user_ids, min(follows_per_user, len(user_ids) - 1)):
                if followed != follower:
                    follows.append(
                        {
                            "follower_id": follower,
                            "followed_id": followed,
                            "timestamp": now - timedelta(seconds=rng.random() * year),
                        }
                    )
    _bulk(Follow, follows)
    db.session.commit()
    analyze_after_bulk_load()
    elapsed = time.perf_counter() - started
    click.echo(
        f"seeded {len(users)} users, {len(posts)} posts, {len(follows)} follows "
        f"in {elapsed:.1f}s (password: {password!r}) on {db.engine.dialect.name}"
    )
    current_app.logger.info("seed finished in %.1fs", elapsed)


def analyze_after_bulk_load():
    """Give the planner statistics, and PostgreSQL its visibility map, for what was just loaded.

    Autovacuum would get there eventually; until then COUNT(*) on page 1 of explore is a seq
    scan reading every heap page (18 ms for 20 000 posts) instead of an index-only scan (2 ms),
    and a benchmark or demo right after seeding measures that.
    """
    tables = ", ".join(model.__table__.name for model in (User, Post, Follow))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"VACUUM ANALYZE {tables}"))  # not allowed in a transaction
        else:
            conn.execute(text("ANALYZE"))


@search_cli.command("reindex")
@with_appcontext
def reindex_command():
    """Rebuild the full-text index of posts and users."""
    counts = reindex()
    click.echo(f"reindexed {counts['posts']} posts and {counts['users']} users")


@media_cli.command("cleanup")
@click.option("--hours", type=int, default=None, help="Age (default MEDIA_UNATTACHED_HOURS).")
@with_appcontext
def media_cleanup_command(hours):
    """Delete uploads that no post took in time (run it from cron, or let uploads queue it)."""
    deleted = cleanup_unattached(hours)
    click.echo(f"deleted {deleted} unattached upload{'s' if deleted != 1 else ''}")
