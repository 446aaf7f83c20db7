"""Authorization matrix: every endpoint of the OpenAPI document x every kind of caller.

ROWS holds one dict per (method, path) of /api/openapi.json. `test_matrix_covers_the_document`
fails when an endpoint has no row (or a row no endpoint), so a new endpoint must be added here.

A row: {"method", "path" (as in the document), "expect": {role: status}, optional "json":
a body or a callable(ctx) returning one, optional "form": a callable() returning a
multipart/form-data body (uploads), optional "params": callable(ctx) -> path parameters,
optional "query": a query string dict}.
Callers: anonymous, an unconfirmed user, "user" (who owns the post, the comment and is the
default target of /users/{user_ref}), "other" (an unrelated user), a moderator and an admin.
"""

import io
import uuid
from types import SimpleNamespace

import pytest
from content_factories import make_comments, make_posts
from PIL import Image

from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import Media, Task, User

ROLES = ("anonymous", "unconfirmed", "user", "other", "moderator", "admin")


def expect(default, **per_role):
    """Expected status per role: `default` for all, overridden by keyword."""
    table = dict.fromkeys(ROLES, default)
    table.update(per_role)
    return table


EVERYONE_200 = expect(200)
SIGNED_IN = {"anonymous": 401}  # reads and account basics: unconfirmed allowed
CONFIRMED = {"anonymous": 401, "unconfirmed": 403}  # writes need a confirmed account
ADMIN_ONLY = expect(403, anonymous=401, admin=200)
MODERATORS = expect(403, anonymous=401, moderator=200, admin=200)


def owner_or_admin(status):
    return expect(403, anonymous=401, user=status, admin=status)


def avatar():
    """A fresh multipart body with a small PNG (each call: the stream is consumed)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    out.seek(0)
    return {"file": (out, "picture.png", "image/png")}


def picture():
    return {**avatar(), "alt": "A red square"}


ROWS = [
    # meta
    {"method": "GET", "path": "/api/health", "expect": EVERYONE_200},
    {"method": "GET", "path": "/api/ready", "expect": EVERYONE_200},
    {"method": "GET", "path": "/api/client-config", "expect": EVERYONE_200},
    # tokens
    {
        "method": "POST",
        "path": "/api/tokens",
        # each caller logs in with its own credentials; "anonymous" has wrong ones
        "json": lambda ctx: {"login": ctx.actor_login, "password": ctx.actor_password},
        "expect": expect(200, anonymous=401),
    },
    {"method": "PUT", "path": "/api/tokens", "expect": expect(200, **SIGNED_IN)},
    {"method": "DELETE", "path": "/api/tokens", "expect": expect(204, **SIGNED_IN)},
    # account flows
    {
        "method": "POST",
        "path": "/api/auth/confirm",
        "json": lambda ctx: {"token": ctx.confirm_token},
        "expect": EVERYONE_200,
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm/resend",
        "expect": expect(409, anonymous=401, unconfirmed=202),  # 409: already confirmed
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm-request",
        "json": {"email": "user@example.com"},
        "expect": expect(202),  # the same answer for everyone: it tells nothing
    },
    {
        "method": "POST",
        "path": "/api/auth/reset-request",
        "json": {"email": "user@example.com"},
        "expect": expect(202),
    },
    {
        "method": "POST",
        "path": "/api/auth/reset",
        "json": lambda ctx: {"token": ctx.reset_token, "password": "a-brand-new-password"},
        "expect": expect(204),
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm-email",
        "json": lambda ctx: {"token": ctx.email_token},
        "expect": EVERYONE_200,
    },
    # me
    {"method": "GET", "path": "/api/me", "expect": expect(200, **SIGNED_IN)},
    {
        "method": "PATCH",
        "path": "/api/me",
        "json": {"name": "New Name"},
        "expect": expect(200, **CONFIRMED),
    },
    {
        "method": "DELETE",
        "path": "/api/me",
        "json": {"password": PASSWORD},
        "expect": expect(204, **SIGNED_IN),
    },
    {
        "method": "PUT",
        "path": "/api/me/avatar",
        "form": avatar,
        "expect": expect(200, **CONFIRMED),
    },
    {"method": "DELETE", "path": "/api/me/avatar", "expect": expect(204, **CONFIRMED)},
    {
        "method": "PUT",
        "path": "/api/me/password",
        "json": {"old_password": PASSWORD, "password": "another-long-password"},
        "expect": expect(204, **SIGNED_IN),
    },
    {
        "method": "POST",
        "path": "/api/me/email",
        "json": {"email": "fresh@example.com", "password": PASSWORD},
        "expect": expect(202, **CONFIRMED),
    },
    # users
    {"method": "GET", "path": "/api/users", "expect": EVERYONE_200},
    {
        "method": "POST",
        "path": "/api/users",
        "json": {"username": "newcomer", "email": "newcomer@example.com", "password": PASSWORD},
        "expect": expect(201),
    },
    {"method": "GET", "path": "/api/users/{user_ref}", "expect": EVERYONE_200},
    {
        "method": "PATCH",
        "path": "/api/users/{user_ref}",
        "json": {"role": "Moderator"},
        "expect": ADMIN_ONLY,  # not even the user themself
    },
    {"method": "GET", "path": "/api/users/{user_ref}/avatar.svg", "expect": EVERYONE_200},
    {"method": "GET", "path": "/api/users/{user_ref}/posts", "expect": EVERYONE_200},
    {"method": "GET", "path": "/api/users/{user_ref}/followers", "expect": EVERYONE_200},
    {"method": "GET", "path": "/api/users/{user_ref}/following", "expect": EVERYONE_200},
    {
        "method": "POST",
        "path": "/api/users/{user_ref}/follow",
        "expect": expect(204, **CONFIRMED, user=422),  # 422: following oneself
    },
    {
        "method": "DELETE",
        "path": "/api/users/{user_ref}/follow",
        "expect": expect(204, **CONFIRMED, user=422),
    },
    {"method": "GET", "path": "/api/roles", "expect": ADMIN_ONLY},
    # posts
    {"method": "GET", "path": "/api/posts", "expect": EVERYONE_200},
    {
        "method": "POST",
        "path": "/api/posts",
        "json": {"body": "a new post"},
        "expect": expect(201, **CONFIRMED),
    },
    {"method": "GET", "path": "/api/feed", "expect": expect(200, **SIGNED_IN)},
    {"method": "GET", "path": "/api/posts/{post_id}", "expect": EVERYONE_200},
    {
        "method": "PATCH",
        "path": "/api/posts/{post_id}",
        "json": {"body": "edited"},
        "expect": owner_or_admin(200),
    },
    {"method": "DELETE", "path": "/api/posts/{post_id}", "expect": owner_or_admin(204)},
    {"method": "GET", "path": "/api/posts/{post_id}/comments", "expect": EVERYONE_200},
    {
        "method": "POST",
        "path": "/api/posts/{post_id}/comments",
        "json": {"body": "a comment"},
        "expect": expect(201, **CONFIRMED),
    },
    # likes: a public act, told to the author (a confirmed account); the author may like too
    {"method": "POST", "path": "/api/posts/{post_id}/like", "expect": expect(204, **CONFIRMED)},
    {"method": "DELETE", "path": "/api/posts/{post_id}/like", "expect": expect(204, **CONFIRMED)},
    {"method": "GET", "path": "/api/posts/{post_id}/likes", "expect": EVERYONE_200},
    # bookmarks: private, like reading (unconfirmed allowed); the list is always the caller's
    {
        "method": "POST",
        "path": "/api/posts/{post_id}/bookmark",
        "expect": expect(204, **SIGNED_IN),
    },
    {
        "method": "DELETE",
        "path": "/api/posts/{post_id}/bookmark",
        "expect": expect(204, **SIGNED_IN),
    },
    {"method": "GET", "path": "/api/bookmarks", "expect": expect(200, **SIGNED_IN)},
    # hashtags
    {"method": "GET", "path": "/api/tags/trending", "expect": EVERYONE_200},
    {
        "method": "GET",
        "path": "/api/tags/{tag}/posts",
        "params": lambda ctx: {"tag": "matrix"},
        "expect": EVERYONE_200,
    },
    {
        "method": "POST",
        "path": "/api/tags/{tag}/follow",
        "params": lambda ctx: {"tag": "matrix"},
        "expect": expect(204, **CONFIRMED),
    },
    {
        "method": "DELETE",
        "path": "/api/tags/{tag}/follow",
        "params": lambda ctx: {"tag": "matrix"},
        "expect": expect(204, **CONFIRMED),
    },
    {"method": "GET", "path": "/api/me/tags", "expect": expect(200, **SIGNED_IN)},
    # pictures: "user" owns ctx.media_id
    {"method": "POST", "path": "/api/media", "form": picture, "expect": expect(201, **CONFIRMED)},
    {
        "method": "PATCH",
        "path": "/api/media/{media_id}",
        "json": {"alt": "Described"},
        "expect": owner_or_admin(200),
    },
    {"method": "DELETE", "path": "/api/media/{media_id}", "expect": owner_or_admin(204)},
    # comments
    {"method": "GET", "path": "/api/comments", "expect": MODERATORS},
    {"method": "GET", "path": "/api/comments/{comment_id}", "expect": EVERYONE_200},
    {
        "method": "PATCH",
        "path": "/api/comments/{comment_id}",
        "json": {"disabled": True},
        "expect": MODERATORS,
    },
    # markdown preview
    {
        "method": "POST",
        "path": "/api/markdown",
        "json": {"body": "*hi*"},
        "expect": expect(200, **SIGNED_IN),
    },
    # messages (unconfirmed accounts may read theirs, not send)
    {
        "method": "POST",
        "path": "/api/messages",
        "json": {"recipient": "user", "body": "hello"},
        "expect": expect(201, **CONFIRMED, user=422),  # 422: messaging oneself
    },
    {"method": "GET", "path": "/api/messages", "expect": expect(200, **SIGNED_IN)},
    {"method": "GET", "path": "/api/conversations", "expect": expect(200, **SIGNED_IN)},
    # a thread is always the caller's own with {user_ref}: nobody reads someone else's
    {"method": "GET", "path": "/api/conversations/{user_ref}", "expect": expect(200, **SIGNED_IN)},
    {
        "method": "POST",
        "path": "/api/conversations/{user_ref}/read",
        "expect": expect(204, **SIGNED_IN),
    },
    # notifications
    {"method": "GET", "path": "/api/notifications", "expect": expect(200, **SIGNED_IN)},
    {
        "method": "POST",
        "path": "/api/notifications/read",
        "json": {},
        "expect": expect(204, **SIGNED_IN),
    },
    # tasks: "user" owns ctx.task_id (complete, with a result); others' tasks are invisible
    {
        "method": "POST",
        "path": "/api/tasks",
        "json": {"name": "export_posts"},
        "expect": expect(202, **CONFIRMED),
    },
    {"method": "GET", "path": "/api/tasks", "expect": expect(200, **SIGNED_IN)},
    {
        "method": "GET",
        "path": "/api/tasks/{task_id}",
        "params": lambda ctx: {"task_id": ctx.task_id},
        "expect": expect(404, anonymous=401, user=200),
    },
    {
        "method": "GET",
        "path": "/api/tasks/{task_id}/result",
        "params": lambda ctx: {"task_id": ctx.task_id},
        "expect": expect(404, anonymous=401, user=200),
    },
    # search and translation
    {"method": "GET", "path": "/api/search", "query": {"q": "post"}, "expect": EVERYONE_200},
    {
        "method": "POST",
        "path": "/api/translate",
        "json": {"text": "hola", "source_language": "es", "dest_language": "en"},
        # 503: signed-in callers get past authorization; no provider is configured here
        "expect": expect(503, anonymous=401),
    },
]

ROW_KEYS = [(row["method"], row["path"]) for row in ROWS]
assert len(ROW_KEYS) == len(set(ROW_KEYS)), "duplicate rows"
for _row in ROWS:
    assert set(_row["expect"]) == set(ROLES), _row


def document_operations(client):
    doc = client.get("/api/openapi.json").json
    return {
        (method.upper(), path)
        for path, operations in doc["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }


def test_matrix_covers_the_document(client):
    documented = document_operations(client)
    missing = sorted(documented - set(ROW_KEYS))
    stale = sorted(set(ROW_KEYS) - documented)
    assert not missing, f"endpoints without an authorization row: {missing}"
    assert not stale, f"rows for endpoints not in the document: {stale}"


@pytest.fixture
def ctx(app, make_user, tmp_path):
    """The world every cell runs in: one user of each kind, a post, a comment and a finished
    export by "user"."""
    users = {
        "unconfirmed": make_user("unconfirmed", confirmed=False),
        "user": make_user("user"),
        "other": make_user("other"),
        "moderator": make_user("moderator", role="Moderator"),
        "admin": make_user("admin", role="Administrator"),
    }
    (post_id,) = make_posts(app, users["user"])
    (comment_id,) = make_comments(app, users["user"], post_id)
    result = tmp_path / "posts.json"
    result.write_text('{"posts": []}')
    with app.app_context():
        task = Task(
            id=str(uuid.uuid4()),
            name="export_posts",
            description="Exporting posts...",
            user_id=users["user"].id,
            status="complete",
            progress=100,
            result_path=str(result),
        )
        media = Media(
            owner_id=users["user"].id,
            full_key="a" * 64 + ".webp",
            preview_key="b" * 64 + ".webp",
            width=8,
            height=8,
            alt="A picture",
        )
        db.session.add_all([task, media])
        db.session.commit()
        task_id, media_id = task.id, media.id
        unconfirmed = db.session.get(User, users["unconfirmed"].id)
        target = db.session.get(User, users["user"].id)
        tokens = {
            "confirm_token": unconfirmed.generate_email_token("confirm"),
            "reset_token": target.generate_email_token("reset"),
            "email_token": target.generate_email_token("change-email", new="moved@example.com"),
        }
    return SimpleNamespace(
        users=users,
        post_id=post_id,
        comment_id=comment_id,
        task_id=task_id,
        media_id=media_id,
        **tokens,
    )


CELLS = [
    pytest.param(row, role, id=f"{row['method']} {row['path']} as {role}")
    for row in ROWS
    for role in ROLES
]


@pytest.mark.parametrize(("row", "role"), CELLS)
def test_authorization(client, ctx, auth_headers, row, role):
    headers = {}
    if role == "anonymous":
        ctx.actor_login, ctx.actor_password = "user", "wrong-password"
    else:
        # Logging in also leaves this caller's refresh cookie in the client (PUT /api/tokens).
        headers = auth_headers(ctx.users[role])
        ctx.actor_login, ctx.actor_password = ctx.users[role].username, PASSWORD
    params = {
        "user_ref": "user",
        "post_id": ctx.post_id,
        "comment_id": ctx.comment_id,
        "media_id": ctx.media_id,
    }
    if "params" in row:
        params.update(row["params"](ctx))
    url = row["path"].format(**params)
    body = row.get("json")
    if callable(body):
        body = body(ctx)
    if "form" in row:
        body = {"data": row["form"](), "content_type": "multipart/form-data"}
    else:
        body = {"json": body}
    response = client.open(
        url, method=row["method"], headers=headers, query_string=row.get("query"), **body
    )

    expected = row["expect"][role]
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected >= 400:
        assert response.is_json
        assert set(response.json) <= {"error", "message", "errors"}
        assert response.json["error"] and response.json["message"]
    elif expected != 204 and not row["path"].endswith(".svg"):
        assert response.is_json


def test_openapi_and_docs_are_public(client):
    assert client.get("/api/openapi.json").json["openapi"].startswith("3.")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert docs.mimetype == "text/html"
    assert b"cdn" not in docs.data.lower() and b"unpkg" not in docs.data.lower()


@pytest.mark.parametrize(
    "method,url",
    [
        ("GET", "/api/nope"),
        ("POST", "/api/nope/deeper"),
        ("GET", "/api/"),
        ("GET", "/api/posts/not-a-number"),
        ("DELETE", "/api/users/x/y/z"),
    ],
)
def test_unknown_api_paths_are_json_404(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"] == "Not Found"
    assert response.json["message"]


@pytest.mark.parametrize(
    "method,url,allowed",
    [
        ("PUT", "/api/posts", {"GET", "POST"}),
        ("DELETE", "/api/feed", {"GET"}),
        ("PATCH", "/api/health", {"GET"}),
        ("POST", "/api/roles", {"GET"}),
        ("PUT", "/api/posts/1", {"GET", "PATCH", "DELETE"}),
    ],
)
def test_wrong_methods_are_json_405(client, method, url, allowed):
    response = client.open(url, method=method, json={})
    assert response.status_code == 405
    assert response.is_json
    assert response.json["error"] == "Method Not Allowed"
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}
