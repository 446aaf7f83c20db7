"""Bench helpers that need the app itself, run with the stack's environment (bench/common.py
`inproc`): mint tokens without logging in (1 000 scrypt checks would dominate the run), give
one author many followers, count SQL statements per request. Prints one JSON line.

    python bench/inproc.py tokens COUNT | star FOLLOWERS | queries USER_ID POST_ID | stats
"""

import json
import sys
from datetime import timedelta

from sqlalchemy import event, func, select

from inkwell import create_app
from inkwell.extensions import db
from inkwell.models import Follow, Post, User
from inkwell.services.sessions import issue_tokens

STAR = "benchstar"


def mint(users):
    tokens = []
    for user in users:
        access, _, _ = issue_tokens(user)
        tokens.append({"id": user.id, "username": user.username, "token": access})
    db.session.commit()
    return tokens


def tokens(count):
    users = db.session.scalars(
        select(User).where(User.username != STAR).order_by(User.id).limit(int(count))
    ).all()
    return mint(users)


def star(followers):
    """`benchstar`, followed by the first FOLLOWERS users (its posts reach all of them)."""
    user = db.session.scalar(select(User).filter_by(username=STAR))
    if user is None:
        user = User(username=STAR, email=f"{STAR}@example.com", confirmed=True)
        db.session.add(user)
        db.session.flush()
    fans = db.session.scalars(
        select(User.id).where(User.id != user.id).order_by(User.id).limit(int(followers))
    ).all()
    already = set(db.session.scalars(select(Follow.follower_id).filter_by(followed_id=user.id)))
    db.session.add_all(
        Follow(follower_id=fan, followed_id=user.id) for fan in fans if fan not in already
    )
    db.session.commit()
    return mint([user])[0] | {"followers": len(fans)}


def queries(user_id, post_id):
    """Statements per request for the benchmarked endpoints, through the real app stack."""
    user = db.session.get(User, int(user_id))
    (token,) = mint([user])
    oldest = db.session.scalar(select(func.max(Post.id))) // 2
    paths = {
        "posts": "/api/posts",
        "feed": "/api/feed",
        "feed_cursor": f"/api/feed?before={oldest}",
        "user": f"/api/users/{user_id}",
        "post": f"/api/posts/{post_id}",
    }
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token['token']}"}
    counts = {}
    for name, path in paths.items():
        client.get(path, headers=headers)  # warm: last_seen, caches
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            response = client.get(path, headers=headers)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} {response.get_data(as_text=True)}")
        counts[name] = len(statements)
        statements.clear()
    return counts


def stats():
    return {
        "users": db.session.scalar(select(func.count(User.id))),
        "posts": db.session.scalar(select(func.count(Post.id))),
        "follows": db.session.scalar(select(func.count()).select_from(Follow)),
        "max_post_id": db.session.scalar(select(func.max(Post.id))),
    }


COMMANDS = {"tokens": tokens, "star": star, "queries": queries, "stats": stats}

if __name__ == "__main__":
    # Minted tokens outlive a long run (the workers only check the signature and expiry).
    app = create_app(JWT_ACCESS_TOKEN_EXPIRES=timedelta(hours=3))
    with app.app_context():
        print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
