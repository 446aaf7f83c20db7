"""Bad input on every endpoint that reads a body: a JSON error, nothing written, never a 500.

ROWS holds one dict per operation of /api/openapi.json with a requestBody;
`test_every_body_endpoint_has_a_row` fails when one is missing.

A row: {"method", "path", "as": caller role (None = anonymous), "valid": a body that would
be accepted, "required": fields that must be present, "max": {field: max length}}.
Wrong types, missing fields, over-long values and unknown fields are derived from it.
UPLOAD_ROWS hold the operations whose body is multipart/form-data (a file), with cases of
their own below; tests/test_media.py sends them the bad images.
"""

import io
import json

import pytest
from content_factories import make_comments, make_posts, row_counts
from PIL import Image

from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import Media

ROWS = [
    {
        "method": "POST",
        "path": "/api/tokens",
        "valid": {"login": "user", "password": PASSWORD, "remember": False},
        "required": ["login", "password"],
        "max": {"login": 120, "password": 128},
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm",
        "valid": {"token": "not-a-real-token"},
        "required": ["token"],
        "max": {"token": 2000},
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm-request",
        "valid": {"email": "user@example.com"},
        "required": ["email"],
        "max": {"email": 120},
    },
    {
        "method": "POST",
        "path": "/api/auth/reset-request",
        "valid": {"email": "user@example.com"},
        "required": ["email"],
        "max": {"email": 120},
    },
    {
        "method": "POST",
        "path": "/api/auth/reset",
        "valid": {"token": "not-a-real-token", "password": "long-enough-password"},
        "required": ["token", "password"],
        "max": {"token": 2000, "password": 128},
    },
    {
        "method": "POST",
        "path": "/api/auth/confirm-email",
        "valid": {"token": "not-a-real-token"},
        "required": ["token"],
        "max": {"token": 2000},
    },
    {
        "method": "PATCH",
        "path": "/api/me",
        "as": "user",
        "valid": {
            "username": "renamed",
            "name": "Name",
            "location": "Place",
            "about_me": "About",
            "locale": "es",
        },
        "required": [],
        "max": {"username": 64, "name": 64, "location": 64, "about_me": 500},
    },
    {
        "method": "DELETE",
        "path": "/api/me",
        "as": "user",
        "valid": {"password": PASSWORD},
        "required": ["password"],
        "max": {"password": 128},
    },
    {
        "method": "PUT",
        "path": "/api/me/password",
        "as": "user",
        "valid": {"old_password": PASSWORD, "password": "a-new-long-password"},
        "required": ["old_password", "password"],
        "max": {"old_password": 128, "password": 128},
    },
    {
        "method": "POST",
        "path": "/api/me/email",
        "as": "user",
        "valid": {"email": "new@example.com", "password": PASSWORD},
        "required": ["email", "password"],
        "max": {"email": 120, "password": 128},
    },
    {
        "method": "POST",
        "path": "/api/users",
        "valid": {"username": "newbie", "email": "newbie@example.com", "password": PASSWORD},
        "required": ["username", "email", "password"],
        "max": {"username": 64, "email": 120, "password": 128},
    },
    {
        "method": "PATCH",
        "path": "/api/users/{user_ref}",
        "as": "admin",
        "valid": {"role": "Moderator", "confirmed": False, "email": "x@example.com", "name": "N"},
        "required": [],
        "max": {"name": 64, "email": 120, "location": 64, "about_me": 500},
    },
    {
        "method": "POST",
        "path": "/api/posts",
        "as": "user",
        "valid": {"body": "hello", "media_ids": [], "content_warning": "Spoilers"},
        "required": ["body"],
        "max": {"body": 10_000, "content_warning": 200},
    },
    {
        "method": "PATCH",
        "path": "/api/posts/{post_id}",
        "as": "user",
        "valid": {"body": "changed", "media_ids": [], "content_warning": "Spoilers"},
        "required": [],
        "max": {"body": 10_000, "content_warning": 200},
    },
    {
        "method": "POST",
        "path": "/api/posts/{post_id}/comments",
        "as": "user",
        "valid": {"body": "a comment"},
        "required": ["body"],
        "max": {"body": 2_000},
    },
    {
        "method": "PATCH",
        "path": "/api/comments/{comment_id}",
        "as": "moderator",
        "valid": {"disabled": True},
        "required": ["disabled"],
        "max": {},
    },
    {
        "method": "PATCH",
        "path": "/api/media/{media_id}",
        "as": "user",
        "valid": {"alt": "A description"},
        "required": ["alt"],
        "max": {"alt": 1_500},
    },
    {
        "method": "POST",
        "path": "/api/markdown",
        "as": "user",
        "valid": {"body": "*x*", "kind": "comment"},
        "required": ["body"],
        "max": {"body": 10_000},
    },
    {
        "method": "POST",
        "path": "/api/messages",
        "as": "user",
        "valid": {"recipient": "other", "body": "hello"},
        "required": ["recipient", "body"],
        "max": {"recipient": 64, "body": 2_000},
    },
    {
        "method": "POST",
        "path": "/api/notifications/read",
        "as": "user",
        "valid": {"until": 1_700_000_000.5},
        "required": [],
        "max": {},
    },
    {
        "method": "POST",
        "path": "/api/tasks",
        "as": "user",
        "valid": {"name": "export_posts"},
        "required": ["name"],
        "max": {},
    },
    {
        "method": "POST",
        "path": "/api/translate",
        "as": "user",
        "valid": {"text": "hola", "source_language": "es", "dest_language": "en"},
        "required": ["text", "dest_language"],
        "max": {"text": 10_000},
    },
]
ROW_IDS = [f"{row['method']} {row['path']}" for row in ROWS]
UPLOAD_ROWS = [
    {"method": "POST", "path": "/api/media", "as": "user", "fields": {"alt": "A"}, "max": 1_500},
    {"method": "PUT", "path": "/api/me/avatar", "as": "user", "fields": {}, "max": None},
]
UPLOAD_IDS = [f"{row['method']} {row['path']}" for row in UPLOAD_ROWS]


def test_every_body_endpoint_has_a_row(client):
    doc = client.get("/api/openapi.json").json
    documented = {
        (method.upper(), path)
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "requestBody" in operation
    }
    rows = {(row["method"], row["path"]) for row in ROWS + UPLOAD_ROWS}
    assert sorted(documented - rows) == [], "body endpoints without a bad-input row"
    assert sorted(rows - documented) == [], "rows for endpoints without a documented body"


def wrong_type(value):
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, str):
        return 12345
    return "not a number"


def too_long(field, length):
    if field == "email":
        return "a" * (length - 11) + "@example.com"  # length + 1 characters, well formed
    return "a" * (length + 1)


def bad_bodies(row):
    """(name, raw bytes or JSON value, expected status, field expected in errors)."""
    valid = row["valid"]
    cases = [
        ("malformed", b'{"body": "unterminated', 400, None),
        ("truncated", b"{", 400, None),
        ("not an object", [valid], 422, None),
        ("a string", "just text", 422, None),
        ("unknown field", {**valid, "is_admin": True}, 422, "is_admin"),
    ]
    for field, value in valid.items():
        cases.append((f"wrong type {field}", {**valid, field: wrong_type(value)}, 422, field))
        cases.append((f"null {field}", {**valid, field: None}, 422, field))
    for field in row["required"]:
        body = {k: v for k, v in valid.items() if k != field}
        cases.append((f"missing {field}", body, 422, field))
    if row["required"]:
        cases.append(("empty object", {}, 422, row["required"][0]))
    for field, length in row["max"].items():
        cases.append((f"too long {field}", {**valid, field: too_long(field, length)}, 422, field))
    return cases


PROFILE_FIELDS = {"name", "location", "about_me", "locale"}
NULLABLE = {
    ("PATCH", "/api/me"): PROFILE_FIELDS,
    ("PATCH", "/api/users/{user_ref}"): PROFILE_FIELDS,
    ("POST", "/api/posts"): {"content_warning"},
    ("PATCH", "/api/posts/{post_id}"): {"content_warning"},
}


def nullable(row, field):
    """Profile fields and a post's content warning accept null to clear them (or to say
    none); null is then not an error."""
    return field in NULLABLE.get((row["method"], row["path"]), ())


# A recipient is a username or a user id: a number is not a wrong type (an unknown id is 404).
ANY_TYPE = {("POST", "/api/messages"): {"recipient"}}


def any_type(row, field):
    return field in ANY_TYPE.get((row["method"], row["path"]), ())


CASES = [
    pytest.param(row, name, body, status, field, id=f"{row_id}: {name}")
    for row, row_id in zip(ROWS, ROW_IDS, strict=True)
    for name, body, status, field in bad_bodies(row)
    if not (name.startswith("null ") and nullable(row, field))
    and not (name.startswith("wrong type ") and any_type(row, field))
]


@pytest.fixture
def world(app, make_user, auth_headers):
    users = {
        "user": make_user("user"),
        "other": make_user("other"),
        "moderator": make_user("moderator", role="Moderator"),
        "admin": make_user("admin", role="Administrator"),
    }
    (post_id,) = make_posts(app, users["user"])
    (comment_id,) = make_comments(app, users["other"], post_id)
    with app.app_context():
        media = Media(owner_id=users["user"].id, full_key="a" * 64 + ".webp",
                      preview_key="b" * 64 + ".webp", width=1, height=1)  # fmt: skip
        db.session.add(media)
        db.session.commit()
        media_id = media.id
    params = {
        "user_ref": users["other"].id,
        "post_id": post_id,
        "comment_id": comment_id,
        "media_id": media_id,
    }
    return {"users": users, "params": params, "headers": {}}


def call(client, world, auth_headers, row, **kwargs):
    headers = {}
    role = row.get("as")
    if role:
        if role not in world["headers"]:
            world["headers"][role] = auth_headers(world["users"][role])
        headers = world["headers"][role]
    url = row["path"].format(**world["params"])
    return client.open(url, method=row["method"], headers=headers, **kwargs)


def assert_error_body(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json
    body = response.json
    assert set(body) <= {"error", "message", "errors"}
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    return body


def prepare(client, world, auth_headers, row, app):
    """Log the caller in first, so the snapshot excludes its session row."""
    if row.get("as") and row["as"] not in world["headers"]:
        world["headers"][row["as"]] = auth_headers(world["users"][row["as"]])
    return row_counts(app)


@pytest.mark.parametrize(("row", "name", "body", "status", "field"), CASES)
def test_bad_body(client, world, auth_headers, app, row, name, body, status, field):
    before = prepare(client, world, auth_headers, row, app)
    if isinstance(body, bytes):
        response = call(
            client, world, auth_headers, row, data=body, content_type="application/json"
        )
    else:
        response = call(client, world, auth_headers, row, json=body)
    error = assert_error_body(response, status)
    if field is not None:
        assert field in error.get("errors", {}), error
    assert row_counts(app) == before


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_two_mebibytes_is_413(client, world, auth_headers, app, row):
    before = prepare(client, world, auth_headers, row, app)
    field = next(iter(row["valid"]))
    body = json.dumps({**row["valid"], field: "x" * (2 * 1024 * 1024)})
    response = call(client, world, auth_headers, row, data=body, content_type="application/json")
    assert_error_body(response, 413)
    assert row_counts(app) == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_non_json_content_type(client, world, auth_headers, app, row, content_type):
    before = prepare(client, world, auth_headers, row, app)
    response = call(
        client,
        world,
        auth_headers,
        row,
        data=json.dumps(row["valid"]),
        content_type=content_type,
    )
    assert response.status_code in (400, 422)
    assert_error_body(response, response.status_code)
    assert row_counts(app) == before


# --- multipart/form-data bodies (uploads) ------------------------------------------------------


def png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(out, "PNG")
    out.seek(0)
    return out


def bad_forms(row):
    """(name, request kwargs, expected status, field expected in errors)."""
    fields = row["fields"]
    form = "multipart/form-data"
    cases = [
        ("JSON instead of a form", {"json": {"file": "x", **fields}}, 415, None),
        ("text/plain", {"data": "file=x", "content_type": "text/plain"}, 415, None),
        ("no file", {"data": dict(fields), "content_type": form}, 422, "file"),
        ("file as a text field", {"data": {"file": "x", **fields}, "content_type": form}, 422,
         "file"),
        ("unknown field", {"data": {"file": (png(), "a.png"), "is_admin": "1", **fields},
                           "content_type": form}, 422, "is_admin"),
        ("not an image", {"data": {"file": (io.BytesIO(b"<svg/>"), "a.png"), **fields},
                          "content_type": form}, 415, "file"),
    ]  # fmt: skip
    if row["max"]:
        too_long = {"file": (png(), "a.png"), "alt": "a" * (row["max"] + 1)}
        cases.append(("too long alt", {"data": too_long, "content_type": form}, 422, "alt"))
    return cases


UPLOAD_CASES = [
    pytest.param(row, name, kwargs, status, field, id=f"{row_id}: {name}")
    for row, row_id in zip(UPLOAD_ROWS, UPLOAD_IDS, strict=True)
    for name, kwargs, status, field in bad_forms(row)
]


@pytest.mark.parametrize(("row", "name", "kwargs", "status", "field"), UPLOAD_CASES)
def test_bad_upload(client, world, auth_headers, app, row, name, kwargs, status, field):
    before = prepare(client, world, auth_headers, row, app)
    error = assert_error_body(call(client, world, auth_headers, row, **kwargs), status)
    if field is not None:
        assert field in error.get("errors", {}), error
    assert row_counts(app) == before


@pytest.mark.parametrize("row", UPLOAD_ROWS, ids=UPLOAD_IDS)
def test_an_upload_over_the_limit_is_413(client, world, auth_headers, app, row):
    before = prepare(client, world, auth_headers, row, app)
    big = io.BytesIO(b"\xff\xd8\xff" + b"x" * (app.config["MEDIA_MAX_BYTES"] + 70 * 1024))
    response = call(client, world, auth_headers, row, data={"file": (big, "big.jpg")},
                    content_type="multipart/form-data")  # fmt: skip
    assert_error_body(response, 413)
    assert row_counts(app) == before


# --- ids in the path and the query of bodiless operations ----------------------------------------

POST_ACTIONS = [
    ("POST", "/api/posts/{}/like"),
    ("DELETE", "/api/posts/{}/like"),
    ("GET", "/api/posts/{}/likes"),
    ("POST", "/api/posts/{}/bookmark"),
    ("DELETE", "/api/posts/{}/bookmark"),
]
BAD_POST_IDS = ["0", "-1", "abc", "1.5", "2147483648", "99999999999999999999", "%C2%B2", "999"]


@pytest.mark.parametrize("post_id", BAD_POST_IDS)
@pytest.mark.parametrize(
    ("method", "path"), POST_ACTIONS, ids=[f"{m} {p}" for m, p in POST_ACTIONS]
)
def test_a_post_id_that_names_no_post_is_a_json_404(
    client, world, auth_headers, app, method, path, post_id
):
    before = prepare(client, world, auth_headers, {"as": "other"}, app)
    response = client.open(path.format(post_id), method=method, headers=world["headers"]["other"])
    assert_error_body(response, 404)
    assert row_counts(app) == before


@pytest.mark.parametrize(
    "query",
    [{"before": "abc"}, {"before": "0"}, {"before": "2147483648"}, {"per_page": "0"},
     {"per_page": "101"}, {"page": "x"}],
    ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()),
)  # fmt: skip
@pytest.mark.parametrize("url", ["/api/bookmarks", "/api/posts/{post_id}/likes"])
def test_bad_list_arguments_are_a_json_422(client, world, auth_headers, url, query):
    headers = auth_headers(world["users"]["user"])
    response = client.get(url.format(**world["params"]), query_string=query, headers=headers)
    body = assert_error_body(response, 422)
    assert set(body["errors"]) == set(query)


def test_a_body_sent_to_like_is_refused_unless_json(client, world, auth_headers, app):
    before = prepare(client, world, auth_headers, {"as": "other"}, app)
    url = f"/api/posts/{world['params']['post_id']}/like"
    response = client.post(
        url, data="like=1", content_type="text/plain", headers=world["headers"]["other"]
    )
    assert_error_body(response, 400)
    assert row_counts(app) == before
