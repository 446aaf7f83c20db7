"""Profiles, avatars, the user list, profile edits, roles and last_seen."""

import hashlib
from datetime import timedelta

import pytest
from content_factories import make_comments, make_follow, make_posts, row_counts
from sqlalchemy import update

from inkwell.extensions import db
from inkwell.models import User, utcnow


@pytest.fixture
def alice(make_user):
    return make_user("Alice", name="Alice A.", location="Paris", about_me="Hi <b>there</b>")


def test_profile_by_id_or_case_insensitive_username(client, alice):
    by_id = client.get(f"/api/users/{alice.id}")
    assert by_id.status_code == 200
    for ref in ("Alice", "alice", "ALICE"):
        assert client.get(f"/api/users/{ref}").json == by_id.json
    profile = by_id.json
    assert profile["username"] == "Alice"
    assert profile["name"] == "Alice A."
    assert profile["location"] == "Paris"
    assert profile["about_me"] == "Hi <b>there</b>"
    assert profile["role"] == "User"
    assert profile["member_since"].endswith("Z") and profile["last_seen"].endswith("Z")
    assert profile["is_following"] is None and profile["follows_you"] is None
    assert profile["avatar_url"].startswith(f"/api/users/{alice.id}/avatar.svg")
    missing = client.get("/api/users/nobody")
    assert missing.status_code == 404 and missing.json["message"] == "User not found."
    assert client.get("/api/users/99999").status_code == 404


def test_profile_counts(client, alice, make_user, app):
    bob, carol = make_user(), make_user()
    post_ids = make_posts(app, alice, 3)
    make_comments(app, alice, post_ids[0], count=2)
    make_follow(app, bob, alice)
    make_follow(app, carol, alice)
    make_follow(app, alice, bob)
    profile = client.get("/api/users/alice").json
    assert profile["post_count"] == 3
    assert profile["comment_count"] == 2
    assert profile["follower_count"] == 2
    assert profile["following_count"] == 1


def test_relationship_for_the_viewer(client, alice, make_user, auth_headers, app):
    bob = make_user()
    make_follow(app, alice, bob)
    as_bob = client.get("/api/users/alice", headers=auth_headers(bob)).json
    assert as_bob["is_following"] is False
    assert as_bob["follows_you"] is True
    as_alice = client.get(f"/api/users/{bob.id}", headers=auth_headers(alice)).json
    assert as_alice["is_following"] is True
    assert as_alice["follows_you"] is False


def test_email_only_for_self_and_admin(client, alice, make_user, auth_headers):
    assert "email" not in client.get("/api/users/alice").json
    other = auth_headers(make_user())
    assert "email" not in client.get("/api/users/alice", headers=other).json
    moderator = auth_headers(make_user(role="Moderator"))
    assert "email" not in client.get("/api/users/alice", headers=moderator).json
    assert "email" not in client.get("/api/users", headers=other).json["items"][0]
    own = client.get("/api/users/alice", headers=auth_headers(alice)).json
    assert own["email"] == "alice@example.com"
    admin = auth_headers(make_user(role="Administrator"))
    assert client.get("/api/users/alice", headers=admin).json["email"] == "alice@example.com"


# --- avatars ----------------------------------------------------------------------------------


def test_avatar_svg_is_deterministic_and_cacheable(client, alice, make_user):
    url = f"/api/users/{alice.id}/avatar.svg?size=64"
    first = client.get(url)
    assert first.status_code == 200
    assert first.mimetype == "image/svg+xml"
    assert first.data.startswith(b"<svg") and b'width="64"' in first.data
    assert b"<script" not in first.data and b"href" not in first.data
    assert client.get("/api/users/alice/avatar.svg?size=64").data == first.data
    assert client.get(f"/api/users/{make_user().id}/avatar.svg?size=64").data != first.data
    assert client.get(f"/api/users/{alice.id}/avatar.svg?size=128").data != first.data
    etag = first.headers["ETag"]
    assert etag
    assert "public" in first.headers["Cache-Control"]

    cached = client.get(url, headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.data == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_avatar_size_limits(client, alice):
    assert client.get(f"/api/users/{alice.id}/avatar.svg?size=8").status_code == 422
    assert client.get(f"/api/users/{alice.id}/avatar.svg?size=4096").status_code == 422
    assert client.get("/api/users/nobody/avatar.svg").status_code == 404


def test_gravatar_provider_redirects(client, alice, app):
    md5 = hashlib.md5(b"alice@example.com").hexdigest()
    previous = app.config["AVATAR_PROVIDER"]
    app.config["AVATAR_PROVIDER"] = "gravatar"
    try:
        response = client.get(f"/api/users/{alice.id}/avatar.svg?size=48")
        assert response.status_code == 302
        assert response.headers["Location"] == (
            f"https://www.gravatar.com/avatar/{md5}?d=identicon&s=48"
        )
        avatar_url = client.get("/api/users/alice").json["avatar_url"]
        assert avatar_url.startswith(f"https://www.gravatar.com/avatar/{md5}?d=identicon&s=")
    finally:
        app.config["AVATAR_PROVIDER"] = previous
    assert client.get("/api/users/alice").json["avatar_url"].startswith("/api/users/")


# --- users list -----------------------------------------------------------------------------


def test_users_list_alphabetical_with_prefix_search(client, make_user):
    for name in ("charlie", "Bob", "alice", "alfred", "a_b", "axb"):
        make_user(name)
    body = client.get("/api/users").json
    assert [u["username"] for u in body["items"]] == [
        "a_b",
        "alfred",
        "alice",
        "axb",
        "Bob",
        "charlie",
    ]
    assert body["_meta"]["total_items"] == 6

    def search(q):
        return [
            u["username"] for u in client.get("/api/users", query_string={"q": q}).json["items"]
        ]

    assert search("al") == ["alfred", "alice"]
    assert search("AL") == ["alfred", "alice"]
    assert search("b") == ["Bob"]
    assert search("a_") == ["a_b"]  # "_" is a literal, not a wildcard
    assert search("%") == []  # "%" is a literal too
    assert search("a%") == []
    assert search("zzz") == []


# --- PATCH /api/me ----------------------------------------------------------------------------


def test_patch_me_changes_profile_and_username(client, alice, auth_headers):
    headers = auth_headers(alice)
    response = client.patch(
        "/api/me",
        json={
            "username": "Alicia",
            "name": "  Alicia B  ",
            "location": "Lyon",
            "about_me": "New bio",
            "locale": "es",
        },
        headers=headers,
    )
    assert response.status_code == 200
    me = response.json
    assert me["username"] == "Alicia"
    assert me["name"] == "Alicia B"
    assert me["location"] == "Lyon"
    assert me["about_me"] == "New bio"
    assert me["locale"] == "es"
    assert client.get("/api/users/alicia").json["name"] == "Alicia B"
    assert client.get("/api/users/alice").status_code == 404
    # clearing a field
    cleared = client.patch("/api/me", json={"name": ""}, headers=headers).json
    assert cleared["name"] is None
    assert cleared["location"] == "Lyon"


def test_patch_me_username_taken_in_another_case_is_409(client, alice, make_user, auth_headers):
    bob = make_user("bob")
    headers = auth_headers(bob)
    for taken in ("ALICE", "alice"):
        response = client.patch("/api/me", json={"username": taken, "name": "X"}, headers=headers)
        assert response.status_code == 409
        assert "username" in response.json["errors"]
    me = client.get("/api/me", headers=headers).json
    assert me["username"] == "bob" and me["name"] is None
    # changing the case of one's own username is allowed
    assert client.patch("/api/me", json={"username": "Bob"}, headers=headers).status_code == 200


def test_patch_me_unconfirmed_is_403(client, make_user, auth_headers):
    headers = auth_headers(make_user("pending", confirmed=False))
    response = client.patch("/api/me", json={"name": "x"}, headers=headers)
    assert response.status_code == 403
    assert response.json["message"] == "Unconfirmed account."
    assert client.get("/api/users/pending").json["name"] is None


# --- admin ------------------------------------------------------------------------------------


def test_admin_patches_a_user(client, alice, make_user, auth_headers):
    alice_headers = auth_headers(alice)
    admin = auth_headers(make_user(role="Administrator"))
    response = client.patch(
        f"/api/users/{alice.id}",
        json={"role": "Moderator", "email": "New@Example.com", "name": "Mod Alice"},
        headers=admin,
    )
    assert response.status_code == 200
    assert response.json["role"] == "Moderator"
    assert response.json["email"] == "new@example.com"
    assert response.json["name"] == "Mod Alice"
    # The role change takes effect at once: old access tokens stop working.
    assert client.get("/api/me", headers=alice_headers).status_code == 401
    me = client.get("/api/me", headers=auth_headers(alice)).json
    assert me["role"] == "Moderator" and me["permissions"] == 15


def test_admin_patch_conflicts_and_validation(client, alice, make_user, auth_headers):
    make_user("bob")
    admin = auth_headers(make_user(role="Administrator"))
    url = f"/api/users/{alice.id}"
    assert client.patch(url, json={"username": "BOB"}, headers=admin).status_code == 409
    assert client.patch(url, json={"email": "bob@example.com"}, headers=admin).status_code == 409
    assert client.patch(url, json={"role": "God"}, headers=admin).status_code == 422
    assert client.patch("/api/users/9999", json={"name": "x"}, headers=admin).status_code == 404
    assert client.get("/api/users/alice").json["role"] == "User"


@pytest.mark.parametrize("role", ["User", "Moderator"])
def test_non_admins_cannot_patch_users(client, alice, make_user, auth_headers, role):
    headers = auth_headers(make_user(role=role))
    response = client.patch(
        f"/api/users/{alice.id}", json={"role": "Administrator"}, headers=headers
    )
    assert response.status_code == 403
    assert client.get("/api/users/alice").json["role"] == "User"


def test_roles_for_admins(client, make_user, auth_headers):
    response = client.get("/api/roles", headers=auth_headers(make_user(role="Administrator")))
    assert response.status_code == 200
    roles = {r["name"]: (r["permissions"], r["default"]) for r in response.json}
    assert roles == {"User": (7, True), "Moderator": (15, False), "Administrator": (31, False)}
    assert client.get("/api/roles").status_code == 401
    moderator = auth_headers(make_user(role="Moderator"))
    assert client.get("/api/roles", headers=moderator).status_code == 403


# --- last_seen --------------------------------------------------------------------------------


def _set_last_seen(app, user_id, value):
    with app.app_context():
        db.session.execute(update(User).where(User.id == user_id).values(last_seen=value))
        db.session.commit()


def _user_updates(log):
    return [s for s in log.statements if s.lstrip().upper().startswith("UPDATE USERS")]


def test_last_seen_written_at_most_once_a_minute(client, alice, auth_headers, app, count_queries):
    headers = auth_headers(alice)
    stale = utcnow() - timedelta(minutes=5)
    _set_last_seen(app, alice.id, stale)
    with count_queries() as log:
        for _ in range(3):
            assert client.get("/api/me", headers=headers).status_code == 200
    assert len(_user_updates(log)) == 1
    last_seen = client.get("/api/users/alice").json["last_seen"]
    assert last_seen > stale.isoformat()[:19]

    with count_queries() as log:
        for _ in range(3):
            client.get("/api/feed", headers=headers)
    assert _user_updates(log) == []

    # Thirty seconds ago is too recent to write again.
    _set_last_seen(app, alice.id, utcnow() - timedelta(seconds=30))
    with count_queries() as log:
        client.get("/api/me", headers=headers)
    assert _user_updates(log) == []
    assert row_counts(app)["users"] == 1
