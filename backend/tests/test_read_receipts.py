"""Read receipts (issue [4/8], defect 6): when a reader marks a thread read, the sender's open
thread hears it live, whichever worker each is on, and a reconnecting sender catches up.

The receipt is a `messages_read` state notification: stored, then pushed (SPEC §4), with the
reader, the newest message it covers and when it was read.
"""

import contextlib
import queue
import time

import pytest
import socketio
from socket_clients import connect, notifications

from devstack.stack import Stack
from devstack.testing import create_user, http_call, http_login, postgres_database


def send(client, headers, recipient, body="hello"):
    response = client.post(
        "/api/messages", json={"recipient": recipient, "body": body}, headers=headers
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def pair(make_user, auth_headers):
    """alice (who writes) and bob (who reads), each with their Authorization header."""
    alice, bob = make_user("alice"), make_user("bob")
    return (alice, auth_headers(alice)), (bob, auth_headers(bob))


def test_reading_a_thread_tells_the_sender_up_to_which_message(client, app, pair):
    (alice, alice_h), (bob, bob_h) = pair
    first = send(client, alice_h, "bob", "one")["id"]
    last = send(client, alice_h, "bob", "two")["id"]
    send(client, bob_h, "alice", "bob's own")  # alice's unread: no receipt for it to bob
    alice_sock, bob_sock = connect(app, client, alice), connect(app, client, bob)

    assert client.post("/api/conversations/alice/read", headers=bob_h).status_code == 204

    [receipt] = notifications(alice_sock, "messages_read")
    assert receipt["data"]["reader"]["username"] == "bob"
    assert receipt["data"]["up_to"] == last > first
    thread = client.get("/api/conversations/bob", headers=alice_h).json["items"]
    read_at = {m["id"]: m["read_at"] for m in thread}
    assert receipt["data"]["read_at"] == read_at[last] == read_at[first]
    assert receipt["data"]["read_at"].endswith("Z")
    # The reader gets its count, not a receipt of its own reading.
    assert [n["name"] for n in notifications(bob_sock)] == ["unread_message_count"]


def test_no_receipt_when_nothing_was_unread(client, app, pair):
    (alice, alice_h), (_, bob_h) = pair
    send(client, alice_h, "bob")
    assert client.post("/api/conversations/alice/read", headers=bob_h).status_code == 204
    alice_sock = connect(app, client, alice)

    # Opening the thread again (every visit marks it read) marks nothing: no receipt.
    assert client.post("/api/conversations/alice/read", headers=bob_h).status_code == 204
    assert notifications(alice_sock, "messages_read") == []


def test_a_disconnected_sender_catches_up_on_the_receipt(client, app, pair):
    (_, alice_h), (_, bob_h) = pair
    since = client.get("/api/notifications", headers=alice_h).json["items"]
    cursor = max((n["timestamp"] for n in since), default=0)
    sent = send(client, alice_h, "bob")["id"]
    assert client.post("/api/conversations/alice/read", headers=bob_h).status_code == 204

    query = {"since": cursor}
    missed = client.get("/api/notifications", query_string=query, headers=alice_h).json["items"]
    receipts = [n for n in missed if n["name"] == "messages_read"]
    assert [(n["data"]["reader"]["username"], n["data"]["up_to"]) for n in receipts] == [
        ("bob", sent)
    ]


# --- across workers: real processes, the push through Redis --------------------------------


@pytest.fixture(scope="module")
def stack(tmp_path_factory, database_backend):
    in_postgres = database_backend == "postgres"
    with postgres_database() if in_postgres else contextlib.nullcontext() as pg_url:
        stack = Stack(
            workers=2,
            run_dir=tmp_path_factory.mktemp("stack"),
            database_url=pg_url,
            env_overrides={"INKWELL_ADMIN_EMAIL": ""},
        )
        with stack:
            yield stack


def test_the_receipt_reaches_a_sender_on_the_other_worker(stack):
    a, b = stack.api_url(1), stack.api_url(2)
    for name in ("wren", "yara"):
        create_user(stack, name)
    wren, yara = http_login(a, "wren")["access_token"], http_login(b, "yara")["access_token"]
    receipts = queue.Queue()
    sender = socketio.Client(reconnection=False)

    @sender.on("notification")
    def on_notification(n):
        if n["name"] == "messages_read":
            receipts.put(n)

    sender.connect(a, auth={"token": wren}, transports=["websocket"])
    try:
        sent = http_call(a, "POST", "/messages", wren, json={"recipient": "yara", "body": "hi"})
        assert sent.status_code == 201, sent.text

        started = time.monotonic()
        assert http_call(b, "POST", "/conversations/wren/read", yara).status_code == 204
        receipt = receipts.get(timeout=2.0)
        assert time.monotonic() - started < 2.0
        assert receipt["data"]["reader"]["username"] == "yara"
        assert receipt["data"]["up_to"] == sent.json()["id"]
    finally:
        sender.disconnect()
