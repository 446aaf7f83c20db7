"""Defect 10 of issue [4/8]: a comment a moderator disabled does not count, wherever the API
returns a count (a post, the lists, a profile, the `post_stats` push), and moderation pushes
the new count to the pages showing the post."""

from content_factories import make_comments, make_posts
from socket_clients import connect, received


def counts(client, post_id, username):
    return {
        "post": client.get(f"/api/posts/{post_id}").json["comment_count"],
        "explore": {p["id"]: p for p in client.get("/api/posts").json["items"]}[post_id][
            "comment_count"
        ],
        "profile": client.get(f"/api/users/{username}").json["comment_count"],
    }


def test_disabled_comments_do_not_count_and_count_again_when_enabled(
    client, app, make_user, auth_headers
):
    author, commenter = make_user("author"), make_user("commenter")
    (post_id,) = make_posts(app, author)
    first, second = make_comments(app, commenter, post_id, count=2)
    make_comments(app, commenter, post_id, body="hidden from the start", disabled=True)
    assert counts(client, post_id, "commenter") == {"post": 2, "explore": 2, "profile": 2}

    moderator = auth_headers(make_user(role="Moderator"))
    reader = make_user()
    sock = connect(app, client, reader)
    assert sock.emit("watch_post", {"ids": [post_id]}, callback=True) == {"ok": True}
    received(sock)

    patch = client.patch(f"/api/comments/{first}", json={"disabled": True}, headers=moderator)
    assert patch.status_code == 200
    assert counts(client, post_id, "commenter") == {"post": 1, "explore": 1, "profile": 1}
    # The feed and a follower's view say the same.
    feed = client.get("/api/feed", headers=auth_headers(author)).json["items"]
    assert [p["comment_count"] for p in feed if p["id"] == post_id] == [1]
    assert received(sock, "post_stats") == [
        ("post_stats", {"id": post_id, "like_count": 0, "comment_count": 1})
    ]

    client.patch(f"/api/comments/{first}", json={"disabled": False}, headers=moderator)
    assert counts(client, post_id, "commenter") == {"post": 2, "explore": 2, "profile": 2}
    assert received(sock, "post_stats") == [
        ("post_stats", {"id": post_id, "like_count": 0, "comment_count": 2})
    ]

    # Setting what already holds moves no count and pushes nothing.
    client.patch(f"/api/comments/{second}", json={"disabled": False}, headers=moderator)
    assert received(sock, "post_stats") == []


def test_the_pushed_count_after_a_new_comment_skips_disabled_ones(
    client, app, make_user, auth_headers
):
    author, commenter = make_user(), make_user()
    (post_id,) = make_posts(app, author)
    make_comments(app, commenter, post_id, count=2, disabled=True)
    sock = connect(app, client, make_user())
    sock.emit("watch_post", {"ids": [post_id]}, callback=True)
    received(sock)

    sent = client.post(
        f"/api/posts/{post_id}/comments", json={"body": "hello"}, headers=auth_headers(commenter)
    )
    assert sent.status_code == 201
    pushed = received(sock, "post_stats")
    assert pushed == [("post_stats", {"id": post_id, "like_count": 0, "comment_count": 1})]
    assert client.get(f"/api/posts/{post_id}").json["comment_count"] == 1
