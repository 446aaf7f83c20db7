"""Private messages and conversations (issue 2/6): sending, pushes, inbox, threads, read state."""

import pytest
from content_factories import row_counts
from socket_clients import connect, notifications, received

from inkwell.extensions import db
from inkwell.models import Message


def send(client, headers, recipient, body="hello"):
    response = client.post(
        "/api/messages", json={"recipient": recipient, "body": body}, headers=headers
    )
    assert response.status_code == 201, response.json
    return response.json


def read_at_by_id(app):
    with app.app_context():
        rows = db.session.execute(db.select(Message.id, Message.read_at)).all()
        db.session.remove()
        return dict(rows)


@pytest.fixture
def trio(make_user, auth_headers):
    """alice, bob and carol, each with their Authorization header."""
    users = [make_user(name) for name in ("alice", "bob", "carol")]
    return [(user, auth_headers(user)) for user in users]


# --- sending ----------------------------------------------------------------------------------


def test_send_by_username_or_id(client, trio):
    (alice, alice_h), (bob, _), _ = trio
    for ref in ("bob", "BOB", bob.id, str(bob.id)):
        response = client.post(
            "/api/messages", json={"recipient": ref, "body": "  hi bob  "}, headers=alice_h
        )
        assert response.status_code == 201, (ref, response.json)
        message = response.json
        assert response.headers["Location"].endswith(f"/api/messages/{message['id']}")
        assert message["sender"]["username"] == "alice"
        assert message["recipient"]["username"] == "bob"
        assert message["body"] == "hi bob"
        assert message["read_at"] is None
        assert message["timestamp"].endswith("Z")
        assert "email" not in message["sender"] and "email" not in message["recipient"]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"recipient": "nobody", "body": "hi"}, 404, None),
        ({"recipient": 999_999, "body": "hi"}, 404, None),
        ({"recipient": "alice", "body": "hi"}, 422, "recipient"),  # yourself
        ({"recipient": "bob", "body": ""}, 422, "body"),
        ({"recipient": "bob", "body": "   "}, 422, "body"),
        ({"recipient": "bob", "body": "x" * 2001}, 422, "body"),
        ({"recipient": "bob"}, 422, "body"),
        ({"body": "hi"}, 422, "recipient"),
        ({"recipient": True, "body": "hi"}, 422, "recipient"),
        ({"recipient": ["bob"], "body": "hi"}, 422, "recipient"),
        ({"recipient": "bob", "body": 5}, 422, "body"),
    ],
)
def test_send_refusals_write_nothing(client, app, trio, payload, status, field):
    (_, alice_h), _, _ = trio
    before = row_counts(app)
    response = client.post("/api/messages", json=payload, headers=alice_h)
    assert response.status_code == status, response.json
    assert response.json["error"] and response.json["message"]
    if field:
        assert field in response.json["errors"]
    assert row_counts(app) == before


def test_body_limits(client, trio):
    (_, alice_h), _, _ = trio
    assert send(client, alice_h, "bob", "x")["body"] == "x"
    assert send(client, alice_h, "bob", "é" * 2000)["body"] == "é" * 2000


def test_unconfirmed_and_anonymous_cannot_send(client, app, make_user, auth_headers):
    make_user("bob")
    pending = auth_headers(make_user("pending", confirmed=False))
    response = client.post(
        "/api/messages", json={"recipient": "bob", "body": "hi"}, headers=pending
    )
    assert response.status_code == 403
    assert response.json["message"] == "Unconfirmed account."
    assert client.post("/api/messages", json={"recipient": "bob", "body": "hi"}).status_code == 401
    assert row_counts(app)["messages"] == 0
    # reading stays open to unconfirmed accounts
    assert client.get("/api/messages", headers=pending).status_code == 200
    assert client.get("/api/conversations", headers=pending).status_code == 200


# --- pushes -----------------------------------------------------------------------------------


def test_recipient_gets_the_message_then_the_unread_count(client, app, trio):
    (alice, alice_h), (bob, _), (carol, _) = trio
    bob_sock, carol_sock = connect(app, client, bob), connect(app, client, carol)
    first = send(client, alice_h, "bob", "one")
    second = send(client, alice_h, "bob", "two")

    events = received(bob_sock)
    assert [name for name, _ in events] == ["message", "notification"] * 2
    assert events[0][1] == first and events[2][1] == second
    counts = [payload for name, payload in events if name == "notification"]
    assert [(n["name"], n["data"]) for n in counts] == [
        ("unread_message_count", 1),
        ("unread_message_count", 2),
    ]
    assert all(isinstance(n["timestamp"], float) for n in counts)
    assert counts[0]["timestamp"] <= counts[1]["timestamp"]
    assert received(carol_sock) == []  # nobody else hears it


def test_senders_other_tabs_get_the_message_too(client, app, trio):
    (alice, alice_h), (bob, _), _ = trio
    tabs = [connect(app, client, alice), connect(app, client, alice)]
    message = send(client, alice_h, "bob")
    for tab in tabs:
        # the message only: the sender's unread count did not change
        assert received(tab) == [("message", message)]


def test_unread_count_counts_every_sender(client, app, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    alice_sock = connect(app, client, alice)
    send(client, bob_h, "alice")
    send(client, carol_h, "alice")
    assert [n["data"] for n in notifications(alice_sock)] == [1, 2]


# --- inbox ------------------------------------------------------------------------------------


def test_inbox_is_newest_first_and_listing_marks_nothing_read(client, app, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    ids = [
        send(client, bob_h, "alice", "from bob")["id"],
        send(client, carol_h, "alice", "from carol")["id"],
        send(client, alice_h, "bob", "to bob")["id"],  # sent, not received
        send(client, bob_h, "carol", "not for alice")["id"],
        send(client, bob_h, "alice", "bob again")["id"],
    ]
    body = client.get("/api/messages", headers=alice_h).json
    assert [m["body"] for m in body["items"]] == ["bob again", "from carol", "from bob"]
    assert body["_meta"]["total_items"] == 3
    assert all(m["read_at"] is None for m in body["items"])
    assert all(m["recipient"]["username"] == "alice" for m in body["items"])
    client.get("/api/messages", headers=alice_h)
    assert set(read_at_by_id(app).values()) == {None}
    assert client.get("/api/me", headers=alice_h).json["unread_message_count"] == 3

    # keyset cursor
    page = client.get(
        "/api/messages", query_string={"per_page": 2, "before": 10**9}, headers=alice_h
    )
    page = page.json
    assert [m["id"] for m in page["items"]] == [ids[4], ids[1]]
    assert page["_meta"] == {"per_page": 2, "next_cursor": ids[1]}
    rest = client.get(page["_links"]["next"], headers=alice_h).json
    assert [m["id"] for m in rest["items"]] == [ids[0]]
    assert rest["_meta"]["next_cursor"] is None and rest["_links"]["next"] is None


def test_inbox_needs_a_token(client):
    assert client.get("/api/messages").status_code == 401


# --- conversations ----------------------------------------------------------------------------


def test_conversations_one_row_per_peer_with_last_message_and_your_unread_count(client, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    send(client, bob_h, "alice", "b1")
    send(client, carol_h, "alice", "c1")
    send(client, alice_h, "bob", "a1")
    send(client, bob_h, "alice", "b2")
    send(client, carol_h, "bob", "not alice's")
    send(client, alice_h, "carol", "a2")  # carol's conversation is now the newest for alice

    body = client.get("/api/conversations", headers=alice_h).json
    rows = [
        (c["peer"]["username"], c["last_message"]["body"], c["unread_count"]) for c in body["items"]
    ]
    assert rows == [("carol", "a2", 1), ("bob", "b2", 2)]
    assert body["_meta"]["total_items"] == 2
    assert "email" not in body["items"][0]["peer"]

    rows = [
        (c["peer"]["username"], c["last_message"]["body"], c["unread_count"])
        for c in client.get("/api/conversations", headers=bob_h).json["items"]
    ]
    assert rows == [("carol", "not alice's", 1), ("alice", "b2", 1)]


def test_conversations_paginate(client, make_user, auth_headers):
    me = make_user("me")
    headers = auth_headers(me)
    for n in range(3):
        peer = make_user(f"peer{n}")
        send(client, auth_headers(peer), "me", f"m{n}")
    page = client.get("/api/conversations", query_string={"per_page": 2}, headers=headers).json
    assert [c["peer"]["username"] for c in page["items"]] == ["peer2", "peer1"]
    assert page["_meta"]["total_pages"] == 2 and page["_meta"]["total_items"] == 3
    rest = client.get(page["_links"]["next"], headers=headers).json
    assert [c["peer"]["username"] for c in rest["items"]] == ["peer0"]


def test_a_thread_holds_only_the_two_users_messages(client, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    send(client, alice_h, "bob", "1")
    send(client, carol_h, "alice", "carol to alice")
    send(client, bob_h, "alice", "2")
    send(client, bob_h, "carol", "bob to carol")
    send(client, alice_h, "bob", "3")
    send(client, alice_h, "carol", "alice to carol")

    for viewer, peer in ((alice_h, "bob"), (bob_h, "alice"), (alice_h, str(bob.id))):
        body = client.get(f"/api/conversations/{peer}", headers=viewer).json
        assert [m["body"] for m in body["items"]] == ["3", "2", "1"]
        assert body["_meta"]["total_items"] == 3

    # keyset cursor through the thread
    page = client.get(
        "/api/conversations/bob", query_string={"per_page": 2, "before": 10**9}, headers=alice_h
    ).json
    assert [m["body"] for m in page["items"]] == ["3", "2"]
    assert set(page["_meta"]) == {"per_page", "next_cursor"}
    rest = client.get(page["_links"]["next"], headers=alice_h).json
    assert [m["body"] for m in rest["items"]] == ["1"]
    assert rest["_links"]["next"] is None


def test_a_third_user_only_ever_sees_their_own_thread(client, app, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    send(client, alice_h, "bob", "private")
    send(client, bob_h, "alice", "also private")
    body = client.get("/api/conversations/bob", headers=carol_h).json
    assert body["items"] == [] and body["_meta"]["total_items"] == 0
    assert client.get("/api/conversations/alice", headers=carol_h).json["items"] == []
    assert client.get("/api/conversations", headers=carol_h).json["items"] == []
    # carol "reading" her thread with bob touches nobody else's messages
    assert client.post("/api/conversations/bob/read", headers=carol_h).status_code == 204
    assert set(read_at_by_id(app).values()) == {None}


def test_conversation_with_an_unknown_user_is_404(client, trio):
    (_, alice_h), _, _ = trio
    assert client.get("/api/conversations/nobody", headers=alice_h).status_code == 404
    assert client.post("/api/conversations/nobody/read", headers=alice_h).status_code == 404
    assert client.get("/api/conversations/bob").status_code == 401


# --- read state -------------------------------------------------------------------------------


def test_marking_a_thread_read_touches_only_that_peers_messages_to_you(client, app, trio):
    (alice, alice_h), (bob, bob_h), (carol, carol_h) = trio
    from_bob = [send(client, bob_h, "alice", f"b{n}")["id"] for n in range(2)]
    from_carol = send(client, carol_h, "alice", "c")["id"]
    to_bob = send(client, alice_h, "bob", "a")["id"]
    assert client.get("/api/me", headers=alice_h).json["unread_message_count"] == 3
    alice_sock, bob_sock = connect(app, client, alice), connect(app, client, bob)

    response = client.post("/api/conversations/bob/read", headers=alice_h)
    assert response.status_code == 204 and response.data == b""

    read_at = read_at_by_id(app)
    assert all(read_at[i] is not None for i in from_bob)
    assert read_at[from_carol] is None  # another peer
    assert read_at[to_bob] is None  # bob has not read alice's message
    assert [n["data"] for n in notifications(alice_sock, "unread_message_count")] == [1]
    # bob's only push is the read receipt (tests/test_read_receipts.py covers it).
    assert [n["name"] for n in notifications(bob_sock)] == ["messages_read"]
    assert received(bob_sock) == []
    assert client.get("/api/me", headers=alice_h).json["unread_message_count"] == 1
    assert client.get("/api/me", headers=bob_h).json["unread_message_count"] == 1

    thread = client.get("/api/conversations/bob", headers=alice_h).json["items"]
    assert all(m["read_at"] for m in thread if m["sender"]["username"] == "bob")
    rows = {
        c["peer"]["username"]: c["unread_count"]
        for c in client.get("/api/conversations", headers=alice_h).json["items"]
    }
    assert rows == {"bob": 0, "carol": 1}

    # Marking again changes nothing but still tells the client the current count.
    first = read_at[from_bob[0]]
    assert client.post("/api/conversations/bob/read", headers=alice_h).status_code == 204
    assert read_at_by_id(app)[from_bob[0]] == first
    assert [n["data"] for n in notifications(alice_sock)] == [1]

    assert client.post("/api/conversations/carol/read", headers=alice_h).status_code == 204
    assert client.get("/api/me", headers=alice_h).json["unread_message_count"] == 0
    assert [n["data"] for n in notifications(alice_sock)] == [0]


def test_unconfirmed_users_may_read_their_threads(client, app, make_user, auth_headers):
    alice = make_user("alice")
    pending = make_user("pending", confirmed=False)
    send(client, auth_headers(alice), "pending", "welcome")
    headers = auth_headers(pending)
    assert client.get("/api/conversations/alice", headers=headers).json["items"][0]["body"] == (
        "welcome"
    )
    assert client.post("/api/conversations/alice/read", headers=headers).status_code == 204
    assert client.get("/api/me", headers=headers).json["unread_message_count"] == 0
