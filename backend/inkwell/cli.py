"""Command-line tools: `flask deploy`, `flask users create`, `flask seed`."""

import hashlib
import random
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from .extensions import db
from .models import Follow, Post, Role, User, utcnow

users_cli = AppGroup("users", help="Manage user accounts.")


def register_cli(app):
    app.cli.add_command(deploy)
    app.cli.add_command(users_cli)
    app.cli.add_command(seed)


@click.command()
@click.option("--retries", default=0, help="Retry while the database is not answering.")
@click.option("--delay", default=2.0, help="Seconds between retries.")
def deploy(retries, delay):
    """Upgrade the database to the latest migration and create the roles."""
    for attempt in range(retries + 1):
        try:
            upgrade()
            break
        except Exception as error:  # the database may still be starting
            if attempt == retries:
                raise
            click.echo(f"database not ready ({error.__class__.__name__}); retrying in {delay}s")
            db.session.rollback()
            time.sleep(delay)
    Role.insert_roles()
    click.echo("deployed: schema upgraded, roles in place")


@users_cli.command("create")
@click.argument("username")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--admin", is_flag=True, help="Make the user an administrator.")
def create_user(username, email, password, admin):
    """Create a confirmed user (optionally an administrator)."""
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


def _bulk(model, rows):
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])


@click.command()
@click.option("--users", "user_count", default=100, show_default=True)
@click.option("--posts", "post_count", default=1000, show_default=True)
@click.option("--follows", "follows_per_user", default=20, show_default=True)
@click.option("--password", default="password", show_default=True)
@click.option("--seed", "random_seed", default=1, show_default=True)
def seed(user_count, post_count, follows_per_user, password, random_seed):
    """Fill the database with fake users, posts and follows (bulk inserts)."""
    from faker import Faker

    from .services.language import detect_language
    from .services.markdown import render_post

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

    first_id = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    now = utcnow()
    users = []
    for n in range(user_count):
        username = f"{fake.user_name()}{first_id + n}"[:64]
        email = f"{username.lower()}@example.com"
        users.append(
            {
                "id": first_id + n,
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
    _bulk(User, users)

    # Rendering and detection are costly; a pool of bodies keeps 100k posts fast.
    pool = []
    for _ in range(min(post_count, 1000)):
        body = fake.paragraph(nb_sentences=rng.randint(1, 5))
        pool.append((body, render_post(body), detect_language(body)))
    user_ids = [u["id"] for u in users] or list(db.session.scalars(select(User.id).limit(1000)))
    span = timedelta(days=365).total_seconds()
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
        for follower in [u["id"] for u in users]:
            for followed in rng.sample(user_ids, min(follows_per_user, len(user_ids) - 1)):
                if followed != follower:
                    follows.append(
                        {
                            "follower_id": follower,
                            "followed_id": followed,
                            "timestamp": now - timedelta(seconds=rng.random() * span),
                        }
                    )
    _bulk(Follow, follows)
    db.session.commit()
    elapsed = time.perf_counter() - started
    click.echo(
        f"seeded {len(users)} users, {len(posts)} posts, {len(follows)} follows "
        f"in {elapsed:.1f}s (password: {password!r}) on {db.engine.dialect.name}"
    )
    current_app.logger.info("seed finished in %.1fs", elapsed)
