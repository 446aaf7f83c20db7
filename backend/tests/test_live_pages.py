"""Live pages (SPEC §10, §13): a post's readers hear its new comments and counts, a
profile's readers hear its new posts, and the SPA learns which transports to use."""

import pytest
from content_factories import make_posts
from socket_clients import connect, received

from inkwell import create_app
from inkwell.config import TestingConfig


def watch(sock, event, data):
    return sock.emit(event, data, callback=True)


def test_readers_of_a_post_hear_its_new_comments_and_counts(client, app, make_user, auth_headers):
    author, reader, commenter = make_user(), make_user(), make_user()
    (post_id,) = make_posts(app, author)
    (other_id,) = make_posts(app, author)
    sock = connect(app, client, reader)
    assert watch(sock, "watch_post", {"ids": [post_id]}) == {"ok": True}
    received(sock)

    sent = client.post(
        f"/api/posts/{post_id}/comments",
        json={"body": "Nice **one**"},
        headers=auth_headers(commenter),
    )
    assert sent.status_code == 201
    client.post(
        f"/api/posts/{other_id}/comments",
        json={"body": "elsewhere"},
        headers=auth_headers(commenter),
    )

    events = received(sock)
    comments = [data for name, data in events if name == "comment"]
    stats = [data for name, data in events if name == "post_stats"]
    assert [c["id"] for c in comments] == [sent.json["id"]]  # not the other post's
    assert comments[0]["body_html"] == "Nice <strong>one</strong>"
    assert comments[0]["author"]["username"] == commenter.username
    assert stats == [{"id": post_id, "like_count": 0, "comment_count": 1}]

    assert watch(sock, "unwatch_post", post_id) == {"ok": True}
    client.post(
        f"/api/posts/{post_id}/comments", json={"body": "again"}, headers=auth_headers(commenter)
    )
    assert [name for name, _ in received(sock)] == []


def test_readers_of_a_profile_hear_its_new_posts_without_following(
    client, app, make_user, auth_headers
):
    author, reader = make_user(), make_user()
    sock = connect(app, client, reader)
    assert watch(sock, "watch_user", {"id": author.id}) == {"ok": True}
    received(sock)
    post = client.post("/api/posts", json={"body": "Fresh"}, headers=auth_headers(author)).json
    assert [(name, data["id"]) for name, data in received(sock)] == [("post", post["id"])]

    assert watch(sock, "unwatch_user", author.id) == {"ok": True}
    client.post("/api/posts", json={"body": "Unheard"}, headers=auth_headers(author))
    assert received(sock) == []


def test_a_follower_watching_the_profile_hears_a_post_once(client, app, make_user, auth_headers):
    author, fan = make_user(), make_user()
    client.post(f"/api/users/{author.id}/follow", headers=auth_headers(fan))
    sock = connect(app, client, fan)
    watch(sock, "watch_user", author.id)
    received(sock)
    client.post("/api/posts", json={"body": "Once"}, headers=auth_headers(author))
    assert [name for name, _ in received(sock)] == ["post"]
    # Unwatching the profile keeps the feed's room: followers still hear new posts.
    watch(sock, "unwatch_user", author.id)
    client.post("/api/posts", json={"body": "Still"}, headers=auth_headers(author))
    assert [name for name, _ in received(sock)] == ["post"]


@pytest.mark.parametrize(
    "payload",
    [None, "7", 0, -1, 2**31, [], list(range(1, 102)), {"ids": ["1"]}, {"id": True}, {"ids": 5.5}],
)
def test_watch_refuses_what_is_not_a_list_of_ids(client, app, make_user, payload):
    sock = connect(app, client, make_user())
    answer = watch(sock, "watch_post", payload)
    assert answer["ok"] is False and "positive integers" in answer["error"]


def test_one_socket_watches_at_most_500_rooms(client, app, make_user):
    sock = connect(app, client, make_user())
    for start in range(1, 501, 100):
        assert watch(sock, "watch_post", {"ids": list(range(start, start + 100))})["ok"]
    refused = watch(sock, "watch_post", 501)
    assert refused == {"ok": False, "error": "Watching too many posts at once."}
    assert watch(sock, "watch_post", 5) == {"ok": True}  # already watched: no new room
    watch(sock, "unwatch_post", {"ids": [1, 2]})
    assert watch(sock, "watch_post", {"ids": [501, 502]}) == {"ok": True}


def test_client_config_names_the_socket_transports(client):
    assert client.get("/api/client-config").json == {"socket_transports": ["polling", "websocket"]}

    class WebSocketOnly(TestingConfig):
        SOCKETIO_TRANSPORTS = ["websocket"]

    app = create_app(WebSocketOnly)
    assert app.test_client().get("/api/client-config").json == {"socket_transports": ["websocket"]}
    assert app.extensions["socketio"].server.eio.transports == ["websocket"]


def test_unknown_transports_are_refused_at_startup():
    class Typo(TestingConfig):
        SOCKETIO_TRANSPORTS = ["websockets"]

    with pytest.raises(ValueError, match="SOCKETIO_TRANSPORTS"):
        create_app(Typo)
