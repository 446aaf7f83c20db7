"""Likes (SPEC §10): idempotent like and unlike, the count and the viewer's `liked` on every
post resource, who likes a post, the author's `new_like` event (once while unread, never for
their own like), live counts for the post's readers, and what goes with a post or an account.
"""

from content_factories import make_follow, make_posts, row_counts
from socket_clients import connect, notifications, received

from devstack.testing import PASSWORD


def like(client, headers, post_id):
    response = client.post(f"/api/posts/{post_id}/like", headers=headers)
    assert response.status_code == 204, response.get_data(as_text=True)
    assert response.data == b""


def unlike(client, headers, post_id):
    response = client.delete(f"/api/posts/{post_id}/like", headers=headers)
    assert response.status_code == 204, response.get_data(as_text=True)


def post_seen(client, post_id, headers=None):
    response = client.get(f"/api/posts/{post_id}", headers=headers or {})
    assert response.status_code == 200
    return response.json


def likers(client, post_id, **query):
    response = client.get(f"/api/posts/{post_id}/likes", query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def test_liking_twice_counts_once_and_unliking_is_idempotent(client, app, make_user, auth_headers):
    author, ana, ben = make_user(), make_user("ana"), make_user("ben")
    (post_id,) = make_posts(app, author)
    ana_h, ben_h = auth_headers(ana), auth_headers(ben)

    like(client, ana_h, post_id)
    like(client, ana_h, post_id)
    assert post_seen(client, post_id)["like_count"] == 1
    like(client, ben_h, post_id)
    assert post_seen(client, post_id)["like_count"] == 2

    unlike(client, ana_h, post_id)
    unlike(client, ana_h, post_id)
    assert post_seen(client, post_id)["like_count"] == 1
    assert [u["username"] for u in likers(client, post_id)["items"]] == ["ben"]
    unlike(client, ben_h, post_id)
    assert post_seen(client, post_id)["like_count"] == 0
    assert row_counts(app)["likes"] == 0


def test_liked_is_yours_everywhere_a_post_is_shown(client, app, make_user, auth_headers):
    author, fan, other = make_user("author"), make_user("fan"), make_user("other")
    liked_id, plain_id = make_posts(app, author, count=2, body="Needle post {n}")
    make_follow(app, fan, author)
    fan_h, other_h = auth_headers(fan), auth_headers(other)
    like(client, fan_h, liked_id)
    like(client, other_h, plain_id)

    def flags(url, headers, items=lambda body: body["items"]):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.json
        return {p["id"]: (p["liked"], p["like_count"]) for p in items(response.json)}

    expected = {
        "fan": ({liked_id: (True, 1), plain_id: (False, 1)}, fan_h),
        "other": ({liked_id: (False, 1), plain_id: (True, 1)}, other_h),
        "anonymous": ({liked_id: (None, 1), plain_id: (None, 1)}, {}),
    }
    for who, (want, headers) in expected.items():
        assert flags("/api/posts", headers) == want, who
        assert flags("/api/users/author/posts", headers) == want, who
        found = flags(
            "/api/search?q=needle", headers, lambda body: [hit["post"] for hit in body["items"]]
        )
        assert found == want, who
        for post_id in (liked_id, plain_id):
            post = post_seen(client, post_id, headers)
            assert (post["liked"], post["like_count"]) == want[post_id], who
    assert flags("/api/feed", fan_h) == expected["fan"][0]


def test_who_likes_a_post_newest_first_with_liked_at(client, app, make_user, auth_headers):
    author = make_user()
    (post_id,) = make_posts(app, author)
    names = ["ana", "ben", "cy"]
    for name in names:
        like(client, auth_headers(make_user(name)), post_id)

    body = likers(client, post_id)
    assert [u["username"] for u in body["items"]] == ["cy", "ben", "ana"]
    first = body["items"][0]
    assert first["liked_at"].endswith("Z")
    assert first["avatar_url"] and first["post_count"] == 0
    assert "email" not in first  # a public list: nobody's address
    assert body["_meta"]["total_items"] == 3

    # Pages and the keyset cursor walk the same order without overlap.
    page = likers(client, post_id, per_page=2)
    assert [u["username"] for u in page["items"]] == ["cy", "ben"]
    rest = likers(client, post_id, per_page=2, before=page["_meta"]["next_cursor"])
    assert [u["username"] for u in rest["items"]] == ["ana"]
    assert rest["_meta"]["next_cursor"] is None and rest["_links"]["next"] is None


def test_a_missing_post_cannot_be_liked_or_listed(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    for method in ("post", "delete"):
        response = getattr(client, method)("/api/posts/999/like", headers=headers)
        assert response.status_code == 404
        assert response.json["message"] == "Post not found."
    assert client.get("/api/posts/999/likes").status_code == 404


def test_the_author_hears_of_a_like_stored_then_pushed(client, app, make_user, auth_headers):
    author, fan = make_user("author"), make_user("fan")
    (post_id,) = make_posts(app, author, body="A rather long post about gardens")
    author_sock = connect(app, client, author)
    author_h = auth_headers(author)

    like(client, auth_headers(fan), post_id)
    (pushed,) = notifications(author_sock)
    assert pushed["name"] == "new_like"
    data = pushed["data"]
    assert data["post_id"] == post_id and data["user"]["username"] == "fan"
    assert data["post_excerpt"].startswith("A rather long post")
    assert "email" not in data["user"]
    (stored,) = client.get("/api/notifications", headers=author_h).json["items"]
    assert (stored["name"], stored["data"], stored["timestamp"]) == (
        "new_like",
        data,
        pushed["timestamp"],
    )
    assert client.get("/api/me", headers=author_h).json["new_notification_count"] == 1


def test_no_new_like_for_your_own_like(client, app, make_user, auth_headers):
    author = make_user()
    (post_id,) = make_posts(app, author)
    sock = connect(app, client, author)
    like(client, auth_headers(author), post_id)
    assert notifications(sock) == []
    assert post_seen(client, post_id)["like_count"] == 1
    assert row_counts(app)["notifications"] == 0


def test_liking_again_and_again_tells_the_author_once_while_unread(
    client, app, make_user, auth_headers
):
    author, fan = make_user("author"), make_user("fan")
    (post_id,) = make_posts(app, author)
    (other_id,) = make_posts(app, author)
    sock = connect(app, client, author)
    author_h, fan_h = auth_headers(author), auth_headers(fan)

    like(client, fan_h, post_id)
    for _ in range(3):
        unlike(client, fan_h, post_id)
        like(client, fan_h, post_id)
    assert [n["name"] for n in notifications(sock)] == ["new_like"]
    # Another post, or another liker, is other news.
    like(client, fan_h, other_id)
    like(client, auth_headers(make_user("sam")), post_id)
    heard = [(n["data"]["post_id"], n["data"]["user"]["username"]) for n in notifications(sock)]
    assert heard == [(other_id, "fan"), (post_id, "sam")]
    assert client.get("/api/me", headers=author_h).json["new_notification_count"] == 3

    # Once read, a like given again is news again.
    assert client.post("/api/notifications/read", headers=author_h).status_code == 204
    unlike(client, fan_h, post_id)
    like(client, fan_h, post_id)
    assert [n["name"] for n in notifications(sock)] == ["new_like"]
    assert client.get("/api/me", headers=author_h).json["new_notification_count"] == 1


def test_readers_of_the_post_hear_the_like_count(client, app, make_user, auth_headers):
    author, fan = make_user(), make_user()
    (post_id,) = make_posts(app, author)
    (elsewhere,) = make_posts(app, author)
    reader = connect(app, client, make_user())
    assert reader.emit("watch_post", {"ids": [post_id]}, callback=True) == {"ok": True}
    received(reader)
    fan_h = auth_headers(fan)

    like(client, fan_h, post_id)
    like(client, fan_h, post_id)  # nothing changed: nothing to hear
    like(client, fan_h, elsewhere)  # not watched
    unlike(client, fan_h, post_id)
    unlike(client, fan_h, post_id)
    assert received(reader, "post_stats") == [
        ("post_stats", {"id": post_id, "like_count": 1, "comment_count": 0}),
        ("post_stats", {"id": post_id, "like_count": 0, "comment_count": 0}),
    ]


def test_likes_go_with_the_post_and_with_the_account(client, app, make_user, auth_headers):
    author, fan = make_user("author"), make_user("fan")
    kept_id, deleted_id = make_posts(app, author, count=2)
    fan_h, author_h = auth_headers(fan), auth_headers(author)
    like(client, fan_h, kept_id)
    like(client, fan_h, deleted_id)
    like(client, author_h, kept_id)
    assert row_counts(app)["likes"] == 3

    assert client.delete(f"/api/posts/{deleted_id}", headers=author_h).status_code == 204
    assert row_counts(app)["likes"] == 2

    assert client.delete("/api/me", json={"password": PASSWORD}, headers=fan_h).status_code == 204
    assert row_counts(app)["likes"] == 1
    assert post_seen(client, kept_id)["like_count"] == 1
    assert [u["username"] for u in likers(client, kept_id)["items"]] == ["author"]
