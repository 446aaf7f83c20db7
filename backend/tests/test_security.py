"""Security (issue 6/6): the refresh cookie, CORS, JWT forgeries the token tests do not cover,
IDOR attempts on every id-taking endpoint, mass assignment, and — through a real nginx —
security headers, caching of hashed assets, body limits, 429s and the Socket.IO origin check.

tests/test_tokens.py covers the common token failures (forged key, alg none, tampering, sub
not owning its session), tests/test_authz_matrix.py the status of every endpoint x caller;
here the question is what an attacker gets, not only which status they see.
"""

import base64
import hashlib
import hmac
import json
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import socketio
from content_factories import make_comments, make_posts
from flask_jwt_extended import decode_token

from devstack.processes import BACKEND_DIR, FRONTEND_DIST
from devstack.stack import Stack
from devstack.testing import (
    PASSWORD,
    REFRESH_COOKIE,
    assert_401,
    bearer,
    create_user,
    http_login,
    login,
    refresh_cookie,
)
from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db
from inkwell.models import Comment, Message, Notification, Post, Task, User

# --- the refresh cookie ------------------------------------------------------------------------


@pytest.fixture
def alice(make_user):
    return make_user(username="alice")


def test_refresh_cookie_is_httponly_strict_and_scoped_to_the_token_endpoint(client, alice):
    response = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    cookie = refresh_cookie(response)
    assert cookie["httponly"] is True  # no script, hence no XSS, can read it
    assert cookie["samesite"] == "Strict"  # never sent on a cross-site request (CSRF)
    assert cookie["path"] == "/api/tokens"  # sent to nothing else
    assert not cookie["secure"]  # plain http in development: Secure would drop it
    assert REFRESH_COOKIE not in response.get_data(
        as_text=True
    )  # the body carries the access token only
    assert "refresh" not in response.json


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_refresh_cookie_is_secure_behind_https(client, alice, method):
    """nginx terminating TLS sends X-Forwarded-Proto: https (ProxyFix trusts one hop): the
    cookie is Secure even though COOKIE_SECURE was not set."""
    https = {"X-Forwarded-Proto": "https"}
    response = client.post(
        "/api/tokens", json={"login": "alice", "password": PASSWORD}, headers=https
    )
    if method == "PUT":
        response = client.put("/api/tokens", headers=https)
    assert response.status_code == 200
    cookie = refresh_cookie(response)
    assert cookie["secure"] is True
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict"


def test_cookie_secure_setting_comes_from_the_environment():
    script = "from inkwell.config import Config; print(Config.JWT_COOKIE_SECURE)"
    for value, expected in (("1", "True"), ("0", "False")):
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=BACKEND_DIR,
            env={"PATH": "/usr/bin:/bin", "COOKIE_SECURE": value},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected


# --- CORS --------------------------------------------------------------------------------------

ALLOWED = "https://app.example"
EVIL = "https://evil.example"


@pytest.fixture
def cors_app(tmp_path, app):
    """An app with CORS_ORIGINS set (shares the extensions with the session `app`)."""
    other = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'cors.db'}",
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
        CORS_ORIGINS=[ALLOWED],
    )
    with other.app_context():
        db.create_all()
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()
    # Put the shared Socket.IO server back as the session app configured it.
    create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'reset.db'}")


def cors_headers(response):
    return {k: v for k, v in response.headers.items() if k.lower().startswith("access-control-")}


def test_no_cors_headers_by_default(client):
    for response in (
        client.get("/api/posts", headers={"Origin": EVIL}),
        client.options(
            "/api/tokens",
            headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
        ),
    ):
        assert cors_headers(response) == {}


def test_cors_only_for_configured_origins(cors_app):
    client = cors_app.test_client()
    allowed = client.get("/api/posts", headers={"Origin": ALLOWED})
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert allowed.headers["Access-Control-Allow-Credentials"] == "true"
    preflight = client.options(
        "/api/tokens",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Content-Type, Authorization",
        },
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "PUT" in preflight.headers["Access-Control-Allow-Methods"]

    for origin in (EVIL, "null", "https://app.example.evil.example", "http://app.example"):
        denied = client.get("/api/posts", headers={"Origin": origin})
        assert cors_headers(denied) == {}, origin
        preflight = client.options(
            "/api/tokens", headers={"Origin": origin, "Access-Control-Request-Method": "PUT"}
        )
        assert "Access-Control-Allow-Origin" not in preflight.headers, origin


# --- JWT forgeries -----------------------------------------------------------------------------


def b64url(data):
    if not isinstance(data, bytes):
        data = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def hs256(header, payload, key):
    signing_input = f"{b64url(header)}.{b64url(payload)}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


@pytest.fixture
def my_claims(client, alice, app):
    token = login(client, "alice")
    with app.app_context():
        return decode_token(token)


ATTACKER_KEY = b"an-attacker-key-of-at-least-32-bytes!"


@pytest.mark.parametrize(
    "header, key",
    [
        ({"alg": "HS256", "typ": "JWT"}, b""),  # signed with an empty key
        ({"alg": "HS256", "kid": "../../../../../dev/null"}, b""),  # kid path traversal
        ({"alg": "HS256", "kid": "x' UNION SELECT 'attacker-key'--"}, b"attacker-key"),
        ({"alg": "HS256", "jku": "https://evil.example/jwks.json", "kid": "1"}, ATTACKER_KEY),
        ({"alg": "HS256", "x5u": "https://evil.example/cert.pem"}, ATTACKER_KEY),
        (
            {"alg": "HS256", "jwk": {"kty": "oct", "k": b64url(ATTACKER_KEY)}},
            ATTACKER_KEY,
        ),  # embedded key
        ({"alg": "HS512"}, ATTACKER_KEY),
    ],
    ids=["empty-key", "kid-traversal", "kid-sqli", "jku", "x5u", "embedded-jwk", "hs512"],
)
def test_header_injection_and_foreign_keys_are_401(client, my_claims, header, key):
    if header["alg"] == "HS512":
        signing_input = f"{b64url(header)}.{b64url(my_claims)}"
        signature = hmac.new(key, signing_input.encode(), hashlib.sha512).digest()
        token = f"{signing_input}.{b64url(signature)}"
    else:
        token = hs256(header, my_claims, key)
    assert_401(client.get("/api/me", headers=bearer(token)))


def test_asymmetric_algorithms_are_refused(client, my_claims):
    """Only HS256 is accepted: an RS256/ES256 header (key confusion) is not even tried."""
    for alg in ("RS256", "ES256", "PS256", "EdDSA"):
        forged = f"{b64url({'alg': alg, 'typ': 'JWT'})}.{b64url(my_claims)}.{b64url(b'x' * 64)}"
        assert_401(client.get("/api/me", headers=bearer(forged)))


def test_a_token_without_session_claims_is_401(client, app, my_claims):
    """Signed with the real key but without sid/gen: never a session-less bearer token."""
    from flask_jwt_extended import create_access_token

    with app.app_context():
        bare = create_access_token(identity=my_claims["sub"])
        stale = create_access_token(
            identity=my_claims["sub"],
            additional_claims={"sid": my_claims["sid"], "gen": my_claims["gen"] - 1},
        )
    assert_401(client.get("/api/me", headers=bearer(bare)))
    assert_401(client.get("/api/me", headers=bearer(stale)))


def test_a_token_not_yet_valid_is_401(client, app, my_claims):
    key = app.config["JWT_SECRET_KEY"].encode()
    future = {**my_claims, "nbf": int(time.time()) + 3600}
    assert_401(client.get("/api/me", headers=bearer(hs256({"alg": "HS256"}, future, key))))


# --- IDOR: another user's things, by id ----------------------------------------------------------


@pytest.fixture
def world(app, make_user, auth_headers, client, tmp_path):
    """ann and ben talk; ben follows ann; ann has a post, a comment and a finished export.
    mallory, a confirmed user with no relation to them, tries everything."""
    ann, ben, mallory = make_user("ann"), make_user("ben"), make_user("mallory")
    headers = {u.username: auth_headers(u) for u in (ann, ben, mallory)}
    (post_id,) = make_posts(app, ann, body="ann's own words")
    (comment_id,) = make_comments(app, ann, post_id)
    assert client.post("/api/users/ann/follow", headers=headers["ben"]).status_code == 204
    for sender, recipient, body in (("ann", "ben", "secret for ben"), ("ben", "ann", "for ann")):
        sent = client.post(
            "/api/messages", json={"recipient": recipient, "body": body}, headers=headers[sender]
        )
        assert sent.status_code == 201
    result = tmp_path / "ann-posts.json"
    result.write_text('{"posts": [{"body": "ann\'s private export"}]}')
    with app.app_context():
        task = Task(
            id=str(uuid.uuid4()), name="export_posts", description="Exporting posts...",
            user_id=ann.id, status="complete", progress=100, result_path=str(result),
        )  # fmt: skip
        db.session.add(task)
        db.session.commit()
        task_id = task.id
    return {
        "ann": ann, "ben": ben, "mallory": mallory, "headers": headers, "post_id": post_id,
        "comment_id": comment_id, "task_id": task_id,
    }  # fmt: skip


def test_another_users_task_and_its_result_are_invisible(client, world):
    mallory = world["headers"]["mallory"]
    for path in (f"/api/tasks/{world['task_id']}", f"/api/tasks/{world['task_id']}/result"):
        response = client.get(path, headers=mallory)
        missing = client.get(path.replace(world["task_id"], str(uuid.uuid4())), headers=mallory)
        assert response.status_code == 404
        assert response.json == missing.json  # no oracle: "not yours" reads as "no such task"
        assert "private export" not in response.get_data(as_text=True)
    assert client.get("/api/tasks", headers=mallory).json["items"] == []


def test_nobody_else_reads_or_marks_a_conversation(client, world, app):
    mallory = world["headers"]["mallory"]
    # A thread is always between the caller and {user}: mallory sees nothing of ann and ben's.
    for path in ("/api/conversations/ann", "/api/conversations/ben", "/api/messages"):
        assert "secret" not in client.get(path, headers=mallory).get_data(as_text=True)
    assert client.get("/api/conversations", headers=mallory).json["items"] == []

    # Marking "ann's thread" read marks mallory's own (empty) thread, not ben's copy.
    assert client.post("/api/conversations/ann/read", headers=mallory).status_code == 204
    assert client.post("/api/conversations/ben/read", headers=mallory).status_code == 204
    with app.app_context():
        unread = db.session.scalars(db.select(Message).where(Message.read_at.is_(None))).all()
        assert sorted(m.body for m in unread) == ["for ann", "secret for ben"]
    # Ben marking his thread with ann read leaves what ben sent ann unread for her.
    assert (
        client.post("/api/conversations/ann/read", headers=world["headers"]["ben"]).status_code
        == 204
    )
    with app.app_context():
        unread = db.session.scalars(db.select(Message).where(Message.read_at.is_(None))).all()
        assert [m.body for m in unread] == ["for ann"]


def test_notifications_of_others_are_never_returned_or_marked(client, world, app):
    mallory, ann = world["headers"]["mallory"], world["headers"]["ann"]
    assert client.get("/api/notifications?since=0", headers=mallory).json["items"] == []
    assert client.post("/api/notifications/read", json={}, headers=mallory).status_code == 204
    items = client.get("/api/notifications?since=0", headers=ann).json["items"]
    assert "new_follower" in [n["name"] for n in items]
    with app.app_context():
        events = db.session.scalars(
            db.select(Notification).where(
                Notification.user_id == world["ann"].id, Notification.name == "new_follower"
            )
        ).all()
        assert events and all(n.read_at is None for n in events)  # still unread for ann


def test_another_users_post_cannot_be_edited_or_deleted(client, world, app):
    mallory, post_id = world["headers"]["mallory"], world["post_id"]
    edit = client.patch(f"/api/posts/{post_id}", json={"body": "pwned"}, headers=mallory)
    assert edit.status_code == 403
    assert client.delete(f"/api/posts/{post_id}", headers=mallory).status_code == 403
    with app.app_context():
        post = db.session.get(Post, post_id)
        assert post is not None and post.body == "ann's own words" and post.edited_at is None


def test_another_users_comment_cannot_be_changed(client, world, app):
    comment_id = world["comment_id"]
    with app.app_context():
        before = db.session.get(Comment, comment_id)
        body, disabled = before.body, before.disabled
    for who in ("mallory", "ann"):  # not even its author: comments change by moderation only
        for change in ({"disabled": True}, {"body": "pwned"}):
            response = client.patch(
                f"/api/comments/{comment_id}", json=change, headers=world["headers"][who]
            )
            assert response.status_code in (403, 422), (who, change, response.status_code)
    with app.app_context():
        after = db.session.get(Comment, comment_id)
        assert (after.body, after.disabled) == (body, disabled)


def test_another_users_email_is_not_disclosed(client, world):
    mallory = world["headers"]["mallory"]
    for ref in ("ann", str(world["ann"].id)):
        assert "email" not in client.get(f"/api/users/{ref}", headers=mallory).json
    listed = client.get("/api/users?q=ann", headers=mallory).get_data(as_text=True)
    assert "ann@example.com" not in listed


# --- mass assignment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("role", "Administrator"),
        ("permissions", 31),
        ("confirmed", True),
        ("email", "taken-over@example.com"),
        ("id", 1),
        ("password_hash", "x"),
        ("member_since", "2000-01-01T00:00:00Z"),
    ],
)
def test_users_cannot_set_privileged_fields_on_themselves(
    client, make_user, auth_headers, app, field, value
):
    user = make_user("eve", confirmed=True)
    response = client.patch("/api/me", json={field: value}, headers=auth_headers(user))
    assert response.status_code == 422, response.json
    with app.app_context():
        again = db.session.get(User, user.id)
        assert again.role.name == "User" and again.email == "eve@example.com"


def test_registration_cannot_choose_a_role_or_skip_confirmation(client, app):
    for extra in ({"role": "Administrator"}, {"confirmed": True}, {"permissions": 31}):
        response = client.post(
            "/api/users",
            json={
                "username": "sneaky",
                "email": "sneaky@example.com",
                "password": PASSWORD,
                **extra,
            },
        )
        assert response.status_code == 422, response.json
    with app.app_context():
        assert db.session.scalar(db.select(User).filter_by(username="sneaky")) is None


@pytest.mark.parametrize("field", ["author_id", "author", "timestamp", "body_html", "id"])
def test_posts_cannot_be_written_for_someone_else_or_with_raw_html(client, world, field):
    value = {"author_id": world["ann"].id, "author": {"id": world["ann"].id}, "timestamp":
             "2000-01-01T00:00:00Z", "body_html": "<script>1</script>", "id": 1}[field]  # fmt: skip
    mallory = world["headers"]["mallory"]
    created = client.post("/api/posts", json={"body": "mine", field: value}, headers=mallory)
    assert created.status_code == 422
    edited = client.patch(
        f"/api/posts/{world['post_id']}",
        json={"body": "x", field: value},
        headers=world["headers"]["ann"],
    )
    assert edited.status_code == 422


# --- through nginx -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    """nginx in front of one API worker (no RQ worker: nothing here needs jobs to run)."""
    if not (FRONTEND_DIST / "index.html").is_file():
        pytest.fail("the SPA is not built: make frontend (npm run build)")
    stack = Stack(workers=1, nginx=True, rq_worker=False, run_dir=tmp_path_factory.mktemp("edge"))
    with stack:
        create_user(stack, "edgar")
        yield stack


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def hashed_asset():
    assets = sorted(Path(FRONTEND_DIST, "assets").glob("*.js"))
    assert assets, "no hashed assets in frontend/dist"
    return f"/assets/{assets[0].name}"


@pytest.mark.parametrize(
    "path",
    ["/", "/explore", "/post/1", "/api/posts", "/api/health", "/api/nope", "asset"],
)
def test_security_headers_through_nginx(edge, path):
    path = hashed_asset() if path == "asset" else path
    response = requests.get(f"{edge.url}{path}", timeout=10)
    assert response.status_code in (200, 404), response.status_code
    headers = response.headers
    csp = csp_directives(headers["Content-Security-Policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert script_src == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    if not path.startswith("/api/docs"):
        # Pictures on local storage come from /media/: no other origin may serve an image.
        assert csp["img-src"] == ["'self'", "data:"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Server" not in headers or not re.search(r"\d", headers["Server"])  # no version


def test_hashed_assets_are_immutable_and_the_page_is_revalidated(edge):
    asset = requests.get(f"{edge.url}{hashed_asset()}", timeout=10)
    assert asset.status_code == 200
    assert "immutable" in asset.headers["Cache-Control"]
    assert "max-age=31536000" in asset.headers["Cache-Control"]
    page = requests.get(f"{edge.url}/", timeout=10)
    assert "immutable" not in page.headers["Cache-Control"]
    assert "no-cache" in page.headers["Cache-Control"]
    missing = requests.get(f"{edge.url}/assets/nope-12345678.js", timeout=10)
    assert missing.status_code == 404  # not index.html served as JavaScript


@pytest.mark.parametrize("size", [1024 * 1024 + 1, 3 * 1024 * 1024])
def test_bodies_over_the_limit_are_413_through_nginx(edge, size):
    body = b'{"body": "' + b"x" * size + b'"}'
    response = requests.post(
        f"{edge.url}/api/posts",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:200]
    assert response.json()["error"] == "Request Entity Too Large"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_rate_limits_answer_429_with_retry_after_through_nginx(edge):
    """Registration: 5 an hour per client IP (the stack runs the production limits)."""
    statuses = []
    for n in range(6):
        response = requests.post(
            f"{edge.url}/api/users",
            json={"username": f"burst{n}", "email": f"burst{n}@example.com", "password": PASSWORD},
            timeout=10,
        )
        statuses.append(response.status_code)
    assert statuses == [201] * 5 + [429]
    assert response.json()["error"] == "Too Many Requests"
    assert 0 < int(response.headers["Retry-After"]) <= 3600


def test_sockets_from_a_foreign_origin_are_refused(edge):
    token = http_login(edge.url, "edgar")["access_token"]
    same = socketio.Client(reconnection=False)
    same.connect(edge.url, auth={"token": token}, headers={"Origin": edge.url},
                 transports=["polling"], wait_timeout=10)  # fmt: skip
    assert same.connected
    same.disconnect()
    foreign = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        foreign.connect(edge.url, auth={"token": token}, headers={"Origin": EVIL},
                        transports=["polling"], wait_timeout=10)  # fmt: skip


def test_pictures_are_served_by_nginx_from_media_dir(edge):
    """MEDIA_STORAGE=local in the stack: nginx reads MEDIA_DIR itself (no worker involved),
    with the headers SPEC §9 asks, and serves nothing else under /media/."""
    from io import BytesIO

    from PIL import Image

    token = http_login(edge.url, "edgar")["access_token"]
    picture = BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(picture, "JPEG")
    uploaded = requests.post(
        f"{edge.url}/api/media",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("photo.jpg", picture.getvalue(), "image/jpeg")},
        data={"alt": "A blue rectangle"},
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    path = uploaded.json()["url"]
    served = requests.get(f"{edge.url}{path}", timeout=10)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/webp"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served.content == (edge.media_dir / path.rsplit("/", 1)[1]).read_bytes()
    access = (edge.run_dir / "nginx" / "access.log").read_text()
    line = next(line for line in access.splitlines() if f"GET {path} " in line)
    assert "upstream=- " in line, line  # answered by nginx, not proxied to a worker
    name = path.rsplit("/", 1)[1]
    for other in (f"/media/{name[:-5]}.png", "/media/..%2f..%2fetc%2fpasswd", "/media/x.webp"):
        response = requests.get(f"{edge.url}{other}", timeout=10)
        assert response.status_code in (400, 404), other  # 400: nginx refuses ".." above root
        assert "immutable" not in response.headers.get("Cache-Control", "")
