"""Real processes: Redis, two eventlet API workers and an RQ worker (issue [2/6]).

A client connected to worker A must hear about actions handled by worker B or by the RQ
worker, because pushes travel through Redis.
"""

import contextlib
import os
import queue
import subprocess
import sys
import time

import pytest
import socketio

from devstack.processes import BACKEND_DIR
from devstack.stack import Stack
from devstack.testing import create_user, http_call, http_login, postgres_database

DELIVERY_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory, database_backend):
    in_postgres = database_backend == "postgres"
    with postgres_database() if in_postgres else contextlib.nullcontext() as pg_url:
        stack = Stack(
            workers=2,
            run_dir=tmp_path_factory.mktemp("stack"),
            database_url=pg_url,
            env_overrides={
                "RATELIMIT_MESSAGES": "1000/minute",
                "RATELIMIT_POSTS": "1000/minute",
                "RATELIMIT_TOKENS": "1000/minute",
                "INKWELL_ADMIN_EMAIL": "",
            },
        )
        with stack:
            yield stack
            failed_logs = stack.logs()
        if os.environ.get("INKWELL_SHOW_STACK_LOGS"):
            print(failed_logs)


class Listener:
    """A python-socketio client that queues every event it receives."""

    def __init__(self):
        self.events = queue.Queue()
        self.refusals = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        for name in ("message", "notification", "post"):
            self.client.on(name, self._recorder(name))
        self.client.on("connect_error", lambda data: self.refusals.put(data))

    def _recorder(self, name):
        return lambda data: self.events.put((name, data, time.monotonic()))

    def connect(self, url, access_token):
        self.client.connect(url, auth={"token": access_token}, transports=["websocket"])
        return self

    def expect(self, name, predicate=lambda data: True, timeout=DELIVERY_TIMEOUT):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                event, data, _ = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if event == name and predicate(data):
                return data
            seen.append((event, data))
        raise AssertionError(f"no {name!r} event within {timeout}s; got {seen}")

    def close(self):
        if self.client.connected:
            self.client.disconnect()


@pytest.fixture
def listener():
    listeners = []

    def make():
        listeners.append(Listener())
        return listeners[-1]

    yield make
    for item in listeners:
        item.close()


@pytest.fixture(scope="module")
def people(stack):
    return {name: create_user(stack, name) for name in ("ann", "ben", "cat", "dan")}


def test_pushes_from_worker_b_and_the_rq_worker_reach_a_client_on_worker_a(stack, people, listener):
    a, b = stack.api_url(1), stack.api_url(2)  # workers A and B
    ann_a, ben_b = http_login(a, "ann")["access_token"], http_login(b, "ben")["access_token"]
    ann = listener().connect(a, ann_a)

    # A message sent through worker B, then the unread count.
    sent = http_call(b, "POST", "/messages", ben_b, json={"recipient": "ann", "body": "hi"})
    assert sent.status_code == 201, sent.text
    message = ann.expect("message", lambda m: m["id"] == sent.json()["id"])
    assert message["body"] == "hi" and message["sender"]["username"] == "ben"
    count = ann.expect("notification", lambda n: n["name"] == "unread_message_count")
    assert count["data"] == 1

    # A new follower, via worker B.
    assert http_call(b, "POST", "/users/ann/follow", ben_b).status_code == 204
    follower = ann.expect("notification", lambda n: n["name"] == "new_follower")
    assert follower["data"]["user"]["username"] == "ben"

    # A post by someone ann follows (she follows ben through worker B after connecting).
    assert http_call(b, "POST", "/users/ben/follow", ann_a).status_code == 204
    posted = http_call(b, "POST", "/posts", ben_b, json={"body": "fresh from ben"})
    assert posted.status_code == 201
    post = ann.expect("post", lambda p: p["id"] == posted.json()["id"])
    assert post["author"]["username"] == "ben"

    # Export progress pushed by the RQ worker, ending in completion.
    for n in range(3):
        http_call(a, "POST", "/posts", ann_a, json={"body": f"post {n} by ann"})
    task = http_call(b, "POST", "/tasks", ann_a, json={"name": "export_posts"})
    assert task.status_code == 202, task.text
    task_id = task.json()["id"]
    progress = ann.expect(
        "notification",
        lambda n: n["name"] == "task_progress" and n["data"]["task_id"] == task_id,
    )
    assert 0 <= progress["data"]["progress"] <= 100
    done = ann.expect(
        "notification",
        lambda n: n["name"] == "task_progress" and n["data"]["status"] == "complete",
        timeout=10,
    )
    assert done["data"]["progress"] == 100
    result = http_call(a, "GET", f"/tasks/{task_id}/result", ann_a)
    assert result.status_code == 200
    assert sorted(p["body"] for p in result.json()["posts"]) == [
        f"post {n} by ann" for n in range(3)
    ]
    mails = [m for m in stack.mail() if "ann@example.com" in m["To"]]
    assert any(part.get_filename() == "posts.json" for mail in mails for part in mail.walk()), (
        "the export email with its attachment did not arrive"
    )


@pytest.mark.parametrize(
    "make_token, reason",
    [
        (lambda stack: None, "missing token"),
        (lambda stack: "not-a-jwt", "invalid token"),
        (lambda stack: expired_token(stack), "token expired"),
    ],
    ids=["missing", "malformed", "expired"],
)
def test_bad_tokens_are_refused_at_connect_with_their_reason(stack, people, make_token, reason):
    client = Listener()
    auth = make_token(stack)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.client.connect(
            stack.api_url(1), auth={"token": auth} if auth else {}, transports=["websocket"]
        )
    refusal = client.refusals.get(timeout=2)
    assert refusal["message"] == reason


def expired_token(stack):
    """An access token for a real session, signed with the stack's key, already expired."""
    script = (
        "from datetime import timedelta\n"
        "from flask_jwt_extended import create_access_token\n"
        "from inkwell import create_app\n"
        "from inkwell.services.sessions import issue_tokens\n"
        "from inkwell.extensions import db\n"
        "from inkwell.models import User\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    user = User.find_by_login('dan')\n"
        "    _, _, session = issue_tokens(user)\n"
        "    db.session.commit()\n"
        "    claims = {'sid': session.id, 'gen': session.generation}\n"
        "    print(create_access_token(identity=str(user.id), additional_claims=claims,\n"
        "                              expires_delta=timedelta(seconds=-5)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=BACKEND_DIR, env=stack.env(),
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def test_logout_through_worker_b_disconnects_the_socket_on_worker_a(stack, people, listener):
    dan = http_login(stack.api_url(1), "dan")["access_token"]
    client = listener().connect(stack.api_url(1), dan)
    assert client.client.connected
    assert http_call(stack.api_url(2), "DELETE", "/tokens", dan).status_code == 204
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while client.client.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not client.client.connected, "the revoked session's socket is still connected"


def test_killing_worker_a_loses_no_message(stack, people, listener):
    """SIGKILL worker A; a message sent meanwhile via B is caught up after reconnecting to B."""
    a, b = stack.api_url(1), stack.api_url(2)  # workers A and B
    cat_token, dan_token = (
        http_login(b, "cat")["access_token"],
        http_login(b, "dan")["access_token"],
    )
    cat = listener().connect(a, cat_token)
    before = http_call(b, "GET", "/notifications", cat_token).json()["items"]
    since = max((n["timestamp"] for n in before), default=0)

    stack.processes["api1"].kill()
    sent = http_call(b, "POST", "/messages", dan_token, json={"recipient": "cat", "body": "lost?"})
    assert sent.status_code == 201

    # The client notices, reconnects to the surviving worker and catches up.
    deadline = time.monotonic() + 5
    while cat.client.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not cat.client.connected
    again = listener().connect(b, cat_token)
    assert again.client.connected
    missed = http_call(b, "GET", f"/notifications?since={since}", cat_token).json()["items"]
    unread = [n for n in missed if n["name"] == "unread_message_count"]
    assert unread and unread[-1]["data"] >= 1
    inbox = http_call(b, "GET", "/messages", cat_token).json()["items"]
    assert sent.json()["id"] in [m["id"] for m in inbox]

    stack.start_worker(1)
    stack.wait_worker(1)


def test_api_workers_run_eventlet(stack):
    for n in (1, 2):
        assert "async mode eventlet" in stack.processes[f"api{n}"].log()
    assert "Eventlet is deprecated" not in stack.processes["api1"].log()
