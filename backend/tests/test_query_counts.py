"""No N+1: every collection runs as many SQL statements for 50 items as for 1.

COLLECTIONS holds one dict per GET of /api/openapi.json whose response is a *Collection;
`test_every_collection_has_a_row` fails when one is missing, so new lists get measured.

A row: {"path": "/api/...", "as": None | "viewer" | "moderator", "query": {...} (optional),
"grow": callable(app, ctx, n)} where `grow` adds items until the list holds n of them.
Each item is written by a different user, so lazily loaded authors would show up.
"""

import itertools
import json
import re
import time
import uuid

import pytest
from content_factories import (
    follow_tag,
    make_bookmark,
    make_comments,
    make_follow,
    make_like,
    make_message,
    make_posts,
    tag_posts,
)

from inkwell.extensions import db
from inkwell.models import Media, Notification, Task

MEASURE = (1, 50)


class World:
    """Users and content that the rows grow; `new_user()` gives a fresh author."""

    def __init__(self, app, make_user):
        self.app = app
        self.make_user = make_user
        self.serial = itertools.count(1)
        self.grown = {}
        self.viewer = make_user("viewer")
        self.target = make_user("target")
        self.moderator = make_user("moderator", role="Moderator")
        (self.post_id,) = make_posts(app, self.target)

    def new_user(self, prefix="zz"):
        return self.make_user(f"{prefix}{next(self.serial):03d}")

    def repeat(self, key, n, add_one):
        """Call add_one() until `key` has grown to n items."""
        while self.grown.get(key, 0) < n:
            add_one()
            self.grown[key] = self.grown.get(key, 0) + 1


def with_pictures(app, author, post_ids, count=4):
    """Each post gets `count` pictures (SPEC §9's most): posts lists must not pay per post."""
    with app.app_context():
        for post_id in post_ids:
            for position in range(count):
                db.session.add(
                    Media(
                        owner_id=author.id,
                        post_id=post_id,
                        position=position,
                        full_key=f"{post_id:032x}{position:032x}.webp",
                        preview_key=f"{position:032x}{post_id:032x}.webp",
                        width=640,
                        height=480,
                        alt=f"Picture {position}",
                    )
                )
        db.session.commit()
    return post_ids


def pictured_posts(app, author, **kwargs):
    return with_pictures(app, author, make_posts(app, author, **kwargs))


def interacted_posts(app, w, author):
    """A pictured post its author likes, and that the viewer likes and bookmarks every other
    time: the viewer's flags and the like counts must not cost a statement per post."""
    (post_id,) = pictured_posts(app, author)
    make_like(app, author, post_id)
    if next(w.serial) % 2:
        make_like(app, w.viewer, post_id)
        make_bookmark(app, w.viewer, post_id)
    return post_id


def grow_users(app, w, n):
    w.repeat("users", n, lambda: w.new_user("zz"))


def grow_user_posts(app, w, n):
    # A user's posts share their author; still 1 vs 50 rows (target wrote w.post_id).
    w.grown.setdefault("user_posts", 1)
    w.repeat("user_posts", n, lambda: pictured_posts(app, w.target))


def grow_followers(app, w, n):
    w.repeat("followers", n, lambda: make_follow(app, w.new_user(), w.target))


def grow_following(app, w, n):
    w.repeat("following", n, lambda: make_follow(app, w.target, w.new_user()))


def grow_explore(app, w, n):
    # target already wrote one post (w.post_id)
    w.grown.setdefault("explore", 1)
    w.repeat("explore", n, lambda: interacted_posts(app, w, w.new_user()))


def grow_feed(app, w, n):
    # Every other post reaches the feed through a followed tag rather than a followed author.
    def add():
        author = w.new_user()
        if w.grown.get("feed", 0) % 2:
            tag_posts(app, [interacted_posts(app, w, author)], "feedtag")
        else:
            make_follow(app, w.viewer, author)
            interacted_posts(app, w, author)

    if "feed" not in w.grown:
        follow_tag(app, w.viewer, "feedtag")
    w.repeat("feed", n, add)


def grow_likes(app, w, n):
    w.repeat("likes", n, lambda: make_like(app, w.new_user(), w.post_id))


def grow_bookmarks(app, w, n):
    # Each bookmarked post by another author, with pictures and likes (the viewer's among them).
    w.repeat(
        "bookmarks", n, lambda: make_bookmark(app, w.viewer, interacted_posts(app, w, w.new_user()))
    )


def grow_tag_posts(app, w, n):
    w.repeat("tag_posts", n, lambda: tag_posts(app, pictured_posts(app, w.new_user()), "counted"))


def grow_followed_tags(app, w, n):
    serial = itertools.count(w.grown.get("followed_tags", 0))
    w.repeat("followed_tags", n, lambda: follow_tag(app, w.viewer, f"tag{next(serial)}"))


def grow_post_comments(app, w, n):
    w.repeat("post_comments", n, lambda: make_comments(app, w.new_user(), w.post_id))


def grow_all_comments(app, w, n):
    w.repeat("all_comments", n, lambda: make_comments(app, w.new_user(), w.post_id))


def grow_inbox(app, w, n):
    w.repeat("inbox", n, lambda: make_message(app, w.new_user(), w.viewer))


def grow_conversations(app, w, n):
    # Alternate directions: the peer is the sender in some rows, the recipient in others.
    def add():
        peer = w.new_user()
        if w.grown.get("conversations", 0) % 2:
            make_message(app, w.viewer, peer)
        else:
            make_message(app, peer, w.viewer)

    w.repeat("conversations", n, add)


def grow_thread(app, w, n):
    def add():
        if w.grown.get("thread", 0) % 2:
            make_message(app, w.viewer, w.target)
        else:
            make_message(app, w.target, w.viewer)

    w.repeat("thread", n, add)


def grow_notifications(app, w, n):
    def add():
        with app.app_context():
            db.session.add(
                Notification(
                    user_id=w.viewer.id,
                    name="new_follower",
                    payload_json=json.dumps({"user": {"username": w.new_user().username}}),
                    timestamp=time.time(),
                )
            )
            db.session.commit()

    w.repeat("notifications", n, add)


def grow_search_hits(app, w, n):
    # Each hit by another author; target's own post (w.post_id) does not match.
    w.repeat("search", n, lambda: pictured_posts(app, w.new_user(), body="A needle in post {n}"))


def grow_tasks(app, w, n):
    def add():
        with app.app_context():
            db.session.add(
                Task(
                    id=str(uuid.uuid4()),
                    name="export_posts",
                    description="Exporting posts...",
                    user_id=w.viewer.id,
                    status="failed",
                )
            )
            db.session.commit()

    w.repeat("tasks", n, add)


COLLECTIONS = [
    {"path": "/api/users", "query": {"q": "zz"}, "grow": grow_users},
    {"path": "/api/users/{user_ref}/posts", "grow": grow_user_posts},
    {"path": "/api/users/{user_ref}/followers", "as": "viewer", "grow": grow_followers},
    {"path": "/api/users/{user_ref}/following", "as": "viewer", "grow": grow_following},
    {"path": "/api/posts", "as": "viewer", "grow": grow_explore},
    {"path": "/api/feed", "as": "viewer", "grow": grow_feed},
    {"path": "/api/posts/{post_id}/likes", "grow": grow_likes},
    {"path": "/api/bookmarks", "as": "viewer", "grow": grow_bookmarks},
    {"path": "/api/posts/{post_id}/comments", "as": "viewer", "grow": grow_post_comments},
    {"path": "/api/comments", "as": "moderator", "grow": grow_all_comments},
    {"path": "/api/messages", "as": "viewer", "grow": grow_inbox},
    {"path": "/api/conversations", "as": "viewer", "grow": grow_conversations},
    {"path": "/api/conversations/{user_ref}", "as": "viewer", "grow": grow_thread},
    {"path": "/api/notifications", "as": "viewer", "grow": grow_notifications},
    {"path": "/api/tasks", "as": "viewer", "grow": grow_tasks},
    {"path": "/api/search", "query": {"q": "needle"}, "grow": grow_search_hits},
    {"path": "/api/tags/{tag}/posts", "as": "viewer", "grow": grow_tag_posts},
    {"path": "/api/me/tags", "as": "viewer", "grow": grow_followed_tags},
]
ROWS = {row["path"]: row for row in COLLECTIONS}
assert len(ROWS) == len(COLLECTIONS), "duplicate rows"


def collection_operations(client):
    """GET path -> its documented query parameter names, for every *Collection response."""
    doc = client.get("/api/openapi.json").json
    found = {}
    for path, operations in doc["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        schema = (
            get["responses"].get("200", {}).get("content", {}).get("application/json", {})
        ).get("schema", {})
        if schema.get("$ref", "").endswith("Collection"):
            found[path] = {p["name"] for p in get.get("parameters", []) if p["in"] == "query"}
    return found


def test_every_collection_has_a_row(client):
    documented = collection_operations(client)
    assert sorted(set(documented) - set(ROWS)) == [], "collections without a query-count row"
    assert sorted(set(ROWS) - set(documented)) == [], "rows for collections not documented"


def count_statements(log):
    """Statements that are a COUNT (the per-row comment_count subquery is not one)."""
    return [s for s in log.statements if re.match(r"\s*SELECT\s+count\(", s, re.IGNORECASE)]


@pytest.fixture
def world(app, make_user):
    return World(app, make_user)


def fetch(client, world, auth_headers, row, count_queries, **extra):
    headers = {}
    role = row.get("as")
    if role:
        headers = world.headers.setdefault(role, auth_headers(getattr(world, role)))
    url = row["path"].format(user_ref=world.target.username, post_id=world.post_id, tag="counted")
    query = {"per_page": 100, **row.get("query", {}), **extra}
    with count_queries() as log:
        response = client.get(url, query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return response.json, log


@pytest.mark.parametrize("row", COLLECTIONS, ids=[row["path"] for row in COLLECTIONS])
def test_statements_do_not_grow_with_items(client, world, app, auth_headers, count_queries, row):
    world.headers = {}
    statements = {}
    for n in MEASURE:
        row["grow"](app, world, n)
        fetch(client, world, auth_headers, row, count_queries)  # warm: login, last_seen
        body, log = fetch(client, world, auth_headers, row, count_queries)
        assert len(body["items"]) == n
        statements[n] = log.statements
    assert len(statements[MEASURE[0]]) == len(statements[MEASURE[1]]), statements


@pytest.mark.parametrize("row", COLLECTIONS, ids=[row["path"] for row in COLLECTIONS])
def test_cursor_pages_run_no_count(client, world, app, auth_headers, count_queries, row):
    documented = collection_operations(client)
    if "before" not in documented.get(row["path"], ()):
        pytest.skip("this collection offers no keyset cursor")
    world.headers = {}
    row["grow"](app, world, 3)
    body, log = fetch(client, world, auth_headers, row, count_queries, before=10**9)
    assert len(body["items"]) == 3
    assert count_statements(log) == []
    assert set(body["_meta"]) == {"per_page", "next_cursor"}
    # and the page form does count (the test above is not vacuous)
    body, log = fetch(client, world, auth_headers, row, count_queries)
    assert len(count_statements(log)) == 1
    assert body["_meta"]["total_items"] == 3


def test_every_documented_cursor_is_honoured(client):
    """A collection documenting `before` must be one of the rows (checked above)."""
    documented = collection_operations(client)
    with_cursor = {path for path, params in documented.items() if "before" in params}
    assert {
        "/api/posts",
        "/api/feed",
        "/api/users/{user_ref}/posts",
        "/api/messages",
        "/api/conversations/{user_ref}",
        "/api/posts/{post_id}/likes",
        "/api/bookmarks",
        "/api/tags/{tag}/posts",
    } <= with_cursor


# --- single resources ---------------------------------------------------------------------------


def statements_for(client, url, headers, count_queries):
    client.get(url, headers=headers)  # warm
    with count_queries() as log:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(log)


def test_single_resources_run_constant_statements(client, world, app, auth_headers, count_queries):
    headers = auth_headers(world.viewer)
    (comment_id,) = make_comments(app, world.new_user(), world.post_id)
    urls = [
        f"/api/users/{world.target.username}",
        f"/api/users/{world.target.id}",
        f"/api/posts/{world.post_id}",
        f"/api/comments/{comment_id}",
        "/api/me",
    ]
    before = {url: statements_for(client, url, headers, count_queries) for url in urls}
    before_anonymous = {url: statements_for(client, url, {}, count_queries) for url in urls[:4]}
    with_pictures(app, world.target, [world.post_id])
    for _ in range(49):
        author = world.new_user()
        make_follow(app, author, world.target)
        make_follow(app, world.target, author)
        make_follow(app, author, world.viewer)
        make_comments(app, author, world.post_id)
        make_like(app, author, world.post_id)
        make_bookmark(app, author, world.post_id)
        make_posts(app, world.target)
    make_like(app, world.viewer, world.post_id)
    make_bookmark(app, world.viewer, world.post_id)
    after = {url: statements_for(client, url, headers, count_queries) for url in urls}
    after_anonymous = {url: statements_for(client, url, {}, count_queries) for url in urls[:4]}
    assert after == before
    assert after_anonymous == before_anonymous
    profile = client.get(f"/api/users/{world.target.id}").json
    assert profile["follower_count"] == 49 and profile["post_count"] == 50
    post = client.get(f"/api/posts/{world.post_id}").json
    assert post["comment_count"] == 50 and post["like_count"] == 50
    assert (post["liked"], post["bookmarked"]) == (None, None)
    mine = client.get(f"/api/posts/{world.post_id}", headers=headers).json
    assert (mine["liked"], mine["bookmarked"]) == (True, True)
    assert [m["alt"] for m in post["media"]] == [f"Picture {n}" for n in range(4)]


# --- the viewer's likes and bookmarks ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/posts", "/api/feed", "/api/users/{user_ref}/posts"])
def test_the_viewers_flags_cost_no_statement(client, world, app, auth_headers, count_queries, path):
    """A page of posts runs the same statements whether or not its posts have likes and
    bookmarks, the viewer's among them: `liked` and `bookmarked` come with the posts."""
    world.headers = {}
    row = {"path": path, "as": "viewer"}
    post_ids = [world.post_id, *make_posts(app, world.target, count=9)]
    make_follow(app, world.viewer, world.target)
    fetch(client, world, auth_headers, row, count_queries)  # warm: login, last_seen
    bare, bare_log = fetch(client, world, auth_headers, row, count_queries)
    assert {(p["liked"], p["bookmarked"], p["like_count"]) for p in bare["items"]} == {
        (False, False, 0)
    }

    for post_id in post_ids:
        make_like(app, world.target, post_id)
        make_like(app, world.new_user(), post_id)
    for post_id in post_ids[::2]:
        make_like(app, world.viewer, post_id)
    for post_id in post_ids[::3]:
        make_bookmark(app, world.viewer, post_id)
    body, log = fetch(client, world, auth_headers, row, count_queries)
    assert len(log) == len(bare_log), log.statements
    flags = {p["id"]: (p["liked"], p["bookmarked"], p["like_count"]) for p in body["items"]}
    assert flags == {
        post_id: (
            post_id in post_ids[::2],
            post_id in post_ids[::3],
            3 if post_id in post_ids[::2] else 2,
        )
        for post_id in post_ids
    }
