"""Notifications (issue 2/6): states replace, events log, catch-up with `since`, read state,
who is notified of follows and comments, and `post` pushes through per-author feed rooms.
"""

import time

from content_factories import make_follow, row_counts
from socket_clients import connect, notifications, received

from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import Notification


def stored(app, user, name=None):
    """(name, data, read_at) of a user's notification rows, oldest first."""
    with app.app_context():
        query = db.select(Notification).where(Notification.user_id == user.id)
        if name:
            query = query.where(Notification.name == name)
        rows = db.session.scalars(query.order_by(Notification.timestamp)).all()
        result = [(n.name, n.data, n.read_at) for n in rows]
        db.session.remove()
        return result


def listing(client, headers, **query):
    response = client.get("/api/notifications", query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return response.json["items"]


def follow(client, headers, user_ref):
    assert client.post(f"/api/users/{user_ref}/follow", headers=headers).status_code == 204


def unfollow(client, headers, user_ref):
    assert client.delete(f"/api/users/{user_ref}/follow", headers=headers).status_code == 204


def new_post(client, headers, body="a new post"):
    response = client.post("/api/posts", json={"body": body}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def message(client, headers, recipient):
    response = client.post(
        "/api/messages", json={"recipient": recipient, "body": "hi"}, headers=headers
    )
    assert response.status_code == 201


# --- states and events


def test_a_state_keeps_one_row_the_newest(client, app, make_user, auth_headers):
    bob = make_user("bob")
    alice_h, bob_h = auth_headers(make_user("alice")), auth_headers(bob)
    for _ in range(3):
        message(client, alice_h, "bob")
    assert stored(app, bob, "unread_message_count") == [("unread_message_count", 3, None)]
    items = listing(client, bob_h)
    assert [(n["name"], n["data"]) for n in items] == [("unread_message_count", 3)]
    assert client.post("/api/conversations/alice/read", headers=bob_h).status_code == 204
    assert stored(app, bob, "unread_message_count") == [("unread_message_count", 0, None)]


def test_events_are_a_log(client, app, make_user, auth_headers):
    bob = make_user("bob")
    for name in ("fan1", "fan2"):
        follow(client, auth_headers(make_user(name)), "bob")
    rows = stored(app, bob)
    assert [(name, data["user"]["username"]) for name, data, _ in rows] == [
        ("new_follower", "fan1"),
        ("new_follower", "fan2"),
    ]
    items = listing(client, auth_headers(bob))
    assert [n["name"] for n in items] == ["new_follower", "new_follower"]
    assert all(n["read_at"] is None for n in items)
    assert "email" not in items[0]["data"]["user"]


def test_since_returns_only_newer_ones_ascending(client, app, make_user, auth_headers):
    bob = make_user("bob")
    bob_h, alice_h = auth_headers(bob), auth_headers(make_user("alice"))
    follow(client, auth_headers(make_user("fan1")), "bob")
    everything = listing(client, bob_h)
    assert len(everything) == 1
    cursor = everything[-1]["timestamp"]
    assert isinstance(cursor, float) and abs(cursor - time.time()) < 60

    follow(client, auth_headers(make_user("fan2")), "bob")
    message(client, alice_h, "bob")
    newer = listing(client, bob_h, since=cursor)
    assert [n["name"] for n in newer] == ["new_follower", "unread_message_count"]
    assert newer[0]["data"]["user"]["username"] == "fan2"
    assert all(isinstance(n["timestamp"], float) and n["timestamp"] > cursor for n in newer)
    assert newer[0]["timestamp"] < newer[1]["timestamp"]
    assert listing(client, bob_h, since=newer[-1]["timestamp"]) == []
    assert len(listing(client, bob_h, since=0)) == 3

    # a state replaced after the cursor shows up again, with its new value
    message(client, alice_h, "bob")
    assert [
        (n["name"], n["data"]) for n in listing(client, bob_h, since=newer[-1]["timestamp"])
    ] == [("unread_message_count", 2)]


def test_pushed_timestamp_is_the_stored_cursor(client, app, make_user, auth_headers):
    bob = make_user("bob")
    sock = connect(app, client, bob)
    follow(client, auth_headers(make_user("fan")), "bob")
    (pushed,) = notifications(sock)
    (item,) = listing(client, auth_headers(bob))
    assert pushed == {"name": "new_follower", "data": item["data"], "timestamp": item["timestamp"]}
    assert listing(client, auth_headers(bob), since=pushed["timestamp"]) == []


def test_since_must_be_a_non_negative_number(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    for since in ("yesterday", "-1"):
        response = client.get("/api/notifications", query_string={"since": since}, headers=headers)
        assert response.status_code == 422
        assert "since" in str(response.json["errors"])


def test_notifications_are_private(client, make_user, auth_headers):
    make_user("bob")
    follow(client, auth_headers(make_user("fan")), "bob")
    assert listing(client, auth_headers(make_user("carol"))) == []
    assert client.get("/api/notifications").status_code == 401
    assert client.post("/api/notifications/read").status_code == 401


# --- read state


def test_marking_events_read_all_or_up_to_a_timestamp(client, app, make_user, auth_headers):
    bob = make_user("bob")
    bob_h, alice_h = auth_headers(bob), auth_headers(make_user("alice"))
    for name in ("fan1", "fan2", "fan3"):
        follow(client, auth_headers(make_user(name)), "bob")
    message(client, alice_h, "bob")
    me = client.get("/api/me", headers=bob_h).json
    assert me["new_notification_count"] == 3 and me["unread_message_count"] == 1

    events = [n for n in listing(client, bob_h) if n["name"] == "new_follower"]
    response = client.post(
        "/api/notifications/read", json={"until": events[1]["timestamp"]}, headers=bob_h
    )
    assert response.status_code == 204
    read = [n["read_at"] is not None for n in listing(client, bob_h) if n["name"] == "new_follower"]
    assert read == [True, True, False]
    assert client.get("/api/me", headers=bob_h).json["new_notification_count"] == 1

    assert client.post("/api/notifications/read", json={}, headers=bob_h).status_code == 204
    assert client.get("/api/me", headers=bob_h).json["new_notification_count"] == 0
    rows = stored(app, bob)
    assert all(read_at for name, _, read_at in rows if name == "new_follower")
    # states are not events: marking events read leaves them (and the message count) alone
    assert [r for r in rows if r[0] == "unread_message_count"] == [
        ("unread_message_count", 1, None)
    ]
    assert client.get("/api/me", headers=bob_h).json["unread_message_count"] == 1
    # read events stay listed (the page shows them), they just stop counting
    assert len(listing(client, bob_h)) == 4


def test_marking_read_touches_only_your_own(client, app, make_user, auth_headers):
    bob, carol = make_user("bob"), make_user("carol")
    fan_h = auth_headers(make_user("fan"))
    follow(client, fan_h, "bob")
    follow(client, fan_h, "carol")
    carol_h = auth_headers(carol)
    assert client.post("/api/notifications/read", headers=carol_h).status_code == 204
    assert client.get("/api/me", headers=auth_headers(bob)).json["new_notification_count"] == 1
    assert client.get("/api/me", headers=carol_h).json["new_notification_count"] == 0


def test_marking_read_validates_until(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    for until in ("soon", -5, True):
        response = client.post("/api/notifications/read", json={"until": until}, headers=headers)
        assert response.status_code == 422, until
        assert "until" in response.json["errors"]


# --- who is notified


def test_new_follower_on_follow_but_not_on_a_repeated_follow(client, app, make_user, auth_headers):
    bob = make_user("bob")
    bob_sock = connect(app, client, bob)
    fan = make_user("fan")
    fan_h = auth_headers(fan)
    follow(client, fan_h, "bob")
    follow(client, fan_h, "bob")  # idempotent: nothing new happened
    pushed = notifications(bob_sock)
    assert [(n["name"], n["data"]["user"]["username"]) for n in pushed] == [("new_follower", "fan")]
    assert len(stored(app, bob)) == 1
    assert client.get("/api/me", headers=auth_headers(bob)).json["new_notification_count"] == 1
    assert stored(app, fan) == []  # the follower hears nothing


def test_new_comment_goes_to_the_post_author_but_not_for_their_own(
    client, app, make_user, auth_headers
):
    author = make_user("author")
    author_h, reader_h = auth_headers(author), auth_headers(make_user("reader"))
    post_id = new_post(client, author_h)["id"]
    author_sock = connect(app, client, author)

    response = client.post(
        f"/api/posts/{post_id}/comments", json={"body": "nice"}, headers=reader_h
    )
    assert response.status_code == 201
    comment_id = response.json["id"]
    (pushed,) = notifications(author_sock)
    assert pushed["name"] == "new_comment"
    assert pushed["data"]["post_id"] == post_id
    assert pushed["data"]["comment_id"] == comment_id
    assert pushed["data"]["user"]["username"] == "reader"

    own = client.post(f"/api/posts/{post_id}/comments", json={"body": "thanks"}, headers=author_h)
    assert own.status_code == 201
    assert notifications(author_sock) == []
    assert [name for name, _, _ in stored(app, author)] == ["new_comment"]


# --- post pushes


def test_a_post_reaches_connected_followers_only(client, app, make_user, auth_headers):
    author, fan, stranger = make_user("author"), make_user("fan"), make_user("stranger")
    make_follow(app, fan, author)
    fan_sock, stranger_sock = connect(app, client, fan), connect(app, client, stranger)
    author_h = auth_headers(author)
    post = new_post(client, author_h, "hello followers")
    assert received(fan_sock) == [("post", post)]
    assert post["author"]["username"] == "author" and post["body"] == "hello followers"
    assert received(stranger_sock) == []
    # not stored: the feed is the store
    assert stored(app, fan) == []


def test_following_and_unfollowing_move_a_live_socket(client, app, make_user, auth_headers):
    author, fan = make_user("author"), make_user("fan")
    author_h, fan_h = auth_headers(author), auth_headers(fan)
    tabs = [connect(app, client, fan), connect(app, client, fan)]  # connected before following

    new_post(client, author_h, "before")
    assert [received(tab) for tab in tabs] == [[], []]

    follow(client, fan_h, "author")
    post = new_post(client, author_h, "after following")
    for tab in tabs:
        assert received(tab, "post") == [("post", post)]

    unfollow(client, fan_h, "author")
    new_post(client, author_h, "after unfollowing")
    assert [received(tab) for tab in tabs] == [[], []]

    # and a socket connected after following joins the room on connect
    follow(client, fan_h, "author")
    late = connect(app, client, fan)
    post = new_post(client, author_h, "again")
    assert received(late) == [("post", post)]


# --- account deletion


def test_deleting_an_account_cascades_its_notifications_and_messages(
    client, app, make_user, auth_headers
):
    bob, alice = make_user("bob"), make_user("alice")
    bob_h, alice_h = auth_headers(bob), auth_headers(alice)
    follow(client, alice_h, "bob")
    follow(client, bob_h, "alice")
    message(client, alice_h, "bob")
    message(client, bob_h, "alice")
    bob_sock, alice_sock = connect(app, client, bob), connect(app, client, alice)
    counts = row_counts(app)
    assert counts["messages"] == 2 and counts["notifications"] == 4

    response = client.delete("/api/me", json={"password": PASSWORD}, headers=bob_h)
    assert response.status_code == 204
    assert not bob_sock.is_connected()
    counts = row_counts(app)
    # bob's rows are gone (both directions of messages); alice's own notifications stay
    assert counts["messages"] == 0
    assert stored(app, bob) == []
    assert {name for name, _, _ in stored(app, alice)} == {"new_follower", "unread_message_count"}
    assert client.get("/api/conversations", headers=alice_h).json["items"] == []
    assert client.get("/api/messages", headers=alice_h).json["items"] == []
    # bob's unread message vanished with him: alice's badge is told, live and stored
    assert client.get("/api/me", headers=alice_h).json["unread_message_count"] == 0
    assert [n["data"] for n in notifications(alice_sock, "unread_message_count")] == [0]
    assert stored(app, alice, "unread_message_count") == [("unread_message_count", 0, None)]
