"""Following: idempotent follow/unfollow, self-follow refused, lists with `since`."""

from datetime import datetime, timedelta

from content_factories import make_follow, row_counts

from inkwell.models import utcnow


def iso(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_follow_is_idempotent(client, make_user, auth_headers, app):
    me, other = make_user("me"), make_user("Other")
    headers = auth_headers(me)
    for ref in ("other", str(other.id)):
        response = client.post(f"/api/users/{ref}/follow", headers=headers)
        assert response.status_code == 204
        assert response.data == b""
    assert row_counts(app)["follows"] == 1
    profile = client.get("/api/users/other", headers=headers).json
    assert profile["is_following"] is True
    assert profile["follows_you"] is False
    assert profile["follower_count"] == 1
    assert client.get("/api/users/me").json["following_count"] == 1


def test_unfollow_is_idempotent(client, make_user, auth_headers, app):
    me, other = make_user(), make_user()
    make_follow(app, me, other)
    headers = auth_headers(me)
    for _ in range(2):
        assert client.delete(f"/api/users/{other.id}/follow", headers=headers).status_code == 204
    assert row_counts(app)["follows"] == 0
    assert client.get(f"/api/users/{other.id}", headers=headers).json["is_following"] is False


def test_self_follow_is_422(client, make_user, auth_headers, app):
    me = make_user()
    headers = auth_headers(me)
    before = row_counts(app)
    for method in (client.post, client.delete):
        response = method(f"/api/users/{me.id}/follow", headers=headers)
        assert response.status_code == 422
        assert response.json["error"] == "Unprocessable Entity"
        assert response.json["message"]
    assert row_counts(app) == before


def test_follow_unknown_user_is_404(client, make_user, auth_headers):
    response = client.post("/api/users/nobody/follow", headers=auth_headers(make_user()))
    assert response.status_code == 404


def test_follow_needs_a_confirmed_user(client, make_user, auth_headers, app):
    other = make_user()
    headers = auth_headers(make_user(confirmed=False))
    assert client.post(f"/api/users/{other.id}/follow", headers=headers).status_code == 403
    assert client.post(f"/api/users/{other.id}/follow").status_code == 401
    assert row_counts(app)["follows"] == 0


def test_followers_and_following_lists_carry_since(client, make_user, app):
    star, fan1, fan2 = make_user("star"), make_user("fan1"), make_user("fan2")
    now = utcnow()
    make_follow(app, fan1, star, timestamp=now - timedelta(days=2))
    make_follow(app, fan2, star, timestamp=now - timedelta(days=1))
    make_follow(app, star, fan1, timestamp=now)

    followers = client.get("/api/users/star/followers").json
    assert [u["username"] for u in followers["items"]] == ["fan2", "fan1"]  # most recent first
    assert followers["_meta"]["total_items"] == 2
    since = iso(followers["items"][1]["since"])
    assert abs(since - (now - timedelta(days=2))) < timedelta(seconds=1)
    assert followers["items"][1]["follower_count"] == 1  # fan1 is followed by star

    following = client.get("/api/users/star/following").json
    assert [u["username"] for u in following["items"]] == ["fan1"]
    assert abs(iso(following["items"][0]["since"]) - now) < timedelta(seconds=1)
    assert "email" not in following["items"][0]
    assert client.get("/api/users/nobody/followers").status_code == 404
    assert client.get("/api/users/nobody/following").status_code == 404


def test_feed_follows_the_follow(client, make_user, auth_headers, app):
    me, other = make_user(), make_user()
    headers = auth_headers(me)
    other_headers = auth_headers(other)
    post = client.post("/api/posts", json={"body": "hello"}, headers=other_headers).json
    assert client.get("/api/feed", headers=headers).json["items"] == []
    client.post(f"/api/users/{other.id}/follow", headers=headers)
    assert [p["id"] for p in client.get("/api/feed", headers=headers).json["items"]] == [post["id"]]
    client.delete(f"/api/users/{other.id}/follow", headers=headers)
    assert client.get("/api/feed", headers=headers).json["items"] == []
