"""Faults (issue 6/6, SPEC §7) with real processes: a worker killed mid-chat, Redis stopped
for 10 s, PostgreSQL restarted under running workers.

Each test restores what it breaks. Nothing here touches the machine's shared PostgreSQL or
Redis: the stack has its own Redis, and the database test runs a throw-away PostgreSQL
cluster of its own. Waits for what must happen are generous; no sleep asserts a speed.

These tests run once, in the default (SQLite) pass of the suite: the PostgreSQL pass would
repeat them unchanged (the database fault always brings its own PostgreSQL).
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time

import pytest
import redis

from devstack.chat import ChatClient, Sender, all_pages
from devstack.processes import free_port, port_open, postgres_admin, wait_until
from devstack.stack import Stack
from devstack.testing import (
    PASSWORD,
    create_user,
    http_call,
    http_login,
    other_worker,
    sockets_on,
    worker_of,
)

pytestmark = pytest.mark.skipif(
    os.environ.get("INKWELL_TEST_DB") == "postgres",
    reason="fault tests run in the SQLite pass; the database fault brings its own PostgreSQL",
)

LIMITS = {
    "RATELIMIT_MESSAGES": "10000/minute",
    "RATELIMIT_POSTS": "10000/minute",
    "RATELIMIT_TOKENS": "10000/minute",
    "INKWELL_ADMIN_EMAIL": "",
}


# --- one stack for the worker and Redis faults -----------------------------------------------


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = Stack(
        workers=2,
        nginx=True,
        redis_appendonly=True,  # queued jobs survive a Redis restart (SPEC §5)
        run_dir=tmp_path_factory.mktemp("faults"),
        env_overrides={
            **LIMITS,
            # Registration is limited low so the in-memory fallback is seen to count.
            "RATELIMIT_REGISTER": "3/minute",
            # One post per step with a pause: an export takes long enough to span an outage.
            "EXPORT_BATCH_SIZE": "1",
            "EXPORT_STEP_DELAY": "0.5",
        },
    )
    with stack:
        for name in ("ann", "ben", "rita", "sam", "tom"):
            create_user(stack, name)
        yield stack
        if os.environ.get("INKWELL_SHOW_STACK_LOGS"):
            print(stack.logs())


@pytest.fixture
def clients():
    made = []

    def make():
        made.append(ChatClient())
        return made[-1]

    yield make
    for client in made:
        client.close()


def test_killing_the_worker_of_a_chat_loses_no_message(stack, clients):
    signed_in = http_login(stack.url, "ann")
    ann_token, ann_id = signed_in["access_token"], signed_in["user"]["id"]
    ann = clients().connect(stack.url, ann_token)  # through nginx, as a browser
    doomed = worker_of(stack, ann_id)
    survivor = other_worker(stack, doomed)
    ben_token = http_login(stack.api_url(survivor), "ben")["access_token"]
    sender = Sender(stack.api_url(survivor), ben_token, "ann")
    sender.start()
    try:
        ann.wait_live(5)  # messages are flowing to the socket on the doomed worker

        killed_at = time.monotonic()
        stack.processes[f"api{doomed}"].kill()

        # The client notices and reconnects by itself through nginx, to the survivor.
        deadline = killed_at + 10
        while not [t for t in ann.connects if t > killed_at] and time.monotonic() < deadline:
            time.sleep(0.02)
        reconnected = [t for t in ann.connects if t > killed_at]
        assert reconnected, "the client did not reconnect"
        assert reconnected[0] - killed_at < 5, f"reconnected after {reconnected[0] - killed_at}s"
        # (The dead worker's log still counts its socket: ask the survivor.)
        assert sockets_on(stack, ann_id, survivor) == 1
        heard = len(ann.live)
        ann.wait_live(heard + 3)  # pushes flow again on the new socket
    finally:
        sender.stop()
        stack.start_worker(doomed)
        stack.wait_worker(doomed)
    assert sender.failures == []

    # Catch-up as the SPA does it: notifications since the last one heard, then the inbox.
    missed = all_pages(stack.url, f"/notifications?since={ann.cursor_at_disconnect}", ann_token)
    counts = [n["data"] for n in missed if n["name"] == "unread_message_count"]
    assert counts, "the catch-up did not say that messages arrived"
    inbox = {m["id"] for m in all_pages(stack.url, "/messages", ann_token)}
    known = set(ann.live) | inbox
    lost = [message_id for message_id in sender.sent if message_id not in known]
    assert lost == [], f"{len(lost)} of {len(sender.sent)} messages lost"
    assert counts[-1] == len(sender.sent)  # nothing was read: every message is unread


def test_redis_down_for_ten_seconds(stack, clients):
    rita_token = http_login(stack.api_url(1), "rita")["access_token"]
    sam_token = http_login(stack.api_url(1), "sam")["access_token"]
    tom_token = http_login(stack.api_url(1), "tom")["access_token"]
    for n in range(32):  # at 0.5 s a post, tom's export outlasts the outage
        http_call(stack.api_url(1), "POST", "/posts", tom_token, json={"body": f"tom's post {n}"})
    for n in range(2):
        http_call(stack.api_url(1), "POST", "/posts", sam_token, json={"body": f"sam's post {n}"})
    sam = clients().connect(stack.api_url(2), sam_token)

    # The RQ worker is busy with tom's slow export when Redis goes; sam's is queued behind it.
    busy = http_call(stack.api_url(1), "POST", "/tasks", tom_token, json={"name": "export_posts"})
    assert busy.status_code == 202, busy.text
    busy_task = f"/tasks/{busy.json()['id']}"
    wait_until(
        lambda: (
            http_call(stack.api_url(1), "GET", busy_task, tom_token).json()["status"] == "running"
        ),
        10,
        "tom's export",
    )
    queued = http_call(stack.api_url(1), "POST", "/tasks", sam_token, json={"name": "export_posts"})
    assert queued.status_code == 202, queued.text

    broker = redis.Redis(port=stack.ports["redis"])
    subscribers = broker.pubsub_numsub("flask-socketio")[0][1]  # workers that have had sockets
    broker.close()
    stack.stop_redis()
    stopped_at = time.monotonic()
    try:
        answers = []

        def check(worker, method, path, token=None, **kwargs):
            response = http_call(stack.api_url(worker), method, path, token, **kwargs)
            answers.append((method, path, response.status_code))
            assert response.headers["Content-Type"].startswith("application/json"), path
            return response

        # Reads and writes keep working on both workers.
        for worker in (1, 2):
            assert check(worker, "GET", "/posts").status_code == 200
            assert (
                check(
                    worker, "POST", "/tokens", json={"login": "rita", "password": PASSWORD}
                ).status_code
                == 200
            )
            assert check(worker, "GET", "/me", rita_token).status_code == 200
            posted = check(worker, "POST", "/posts", rita_token, json={"body": "offline redis"})
            assert posted.status_code == 201
            sent = check(
                worker,
                "POST",
                "/messages",
                rita_token,
                json={"recipient": "sam", "body": f"during the outage {worker}"},
            )
            assert sent.status_code == 201
        # Jobs that must go through the queue are refused for now (SPEC §5)...
        refused = check(1, "POST", "/tasks", rita_token, json={"name": "export_posts"})
        assert refused.status_code == 503
        assert "try again shortly" in refused.json()["message"]
        assert check(1, "GET", "/ready").status_code == 503
        # ...emails fall back to an in-process send, and rate limits to memory (still counted).
        for n in range(3):
            registered = check(
                1,
                "POST",
                "/users",
                json={
                    "username": f"newbie{n}",
                    "email": f"newbie{n}@example.com",
                    "password": PASSWORD,
                },
            )
            assert registered.status_code == 201, registered.text
        limited = check(
            1,
            "POST",
            "/users",
            json={
                "username": "newbie3",
                "email": "newbie3@example.com",
                "password": PASSWORD,
            },
        )
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
        assert [a for a in answers if a[2] >= 500 and a[1] not in ("/tasks", "/ready")] == []
        wait_until(
            lambda: all(
                any(f"newbie{n}@example.com" in (m["To"] or "") for m in stack.mail())
                for n in range(3)
            ),
            15,
            "confirmation emails sent while Redis was down",
        )

        # Keep Redis down for the full 10 s, HTTP answering all along.
        while time.monotonic() - stopped_at < 10:
            assert check(2, "GET", "/posts").status_code == 200
            time.sleep(0.5)
    finally:
        stack.start_redis()
    back_at = time.monotonic()  # start_redis returns once Redis answers PING

    # Both API workers subscribe again within 2 s of Redis answering (SPEC §13)...
    wait_until(
        lambda: broker.pubsub_numsub("flask-socketio")[0][1] >= subscribers,
        10,
        "the API workers' Socket.IO subscriptions",
    )
    resubscribed_in = time.monotonic() - back_at
    assert resubscribed_in <= 2, f"resubscribed {resubscribed_in:.1f} s after Redis returned"
    # ...and tell their sockets to catch up: the message worker 1 stored for sam while Redis
    # was down never reached sam's socket on worker 2; the catch-up finds it.
    wait_until(lambda: sam.resyncs, 3, "resync on sam's socket")
    assert sam.resyncs[-1] - back_at <= 3
    lost_live = {m["body"] for m in sam.live.values()}
    stored = {m["body"] for m in all_pages(stack.api_url(2), "/api/conversations/rita", sam_token)}
    assert "during the outage 1" in stored
    assert "during the outage 1" not in lost_live  # the push was lost: only resync brings it

    after = http_call(
        stack.api_url(1),
        "POST",
        "/messages",
        rita_token,
        json={"recipient": "sam", "body": "after the outage"},
    )
    assert after.status_code == 201
    sam.expect_message(after.json()["id"])

    # No job was lost: the running one finished, the queued one survived the restart.
    def status(token, task):
        return http_call(stack.api_url(2), "GET", f"/tasks/{task.json()['id']}", token).json()

    wait_until(lambda: status(tom_token, busy)["status"] in ("complete", "failed"), 60, "tom's")
    wait_until(lambda: status(sam_token, queued)["status"] in ("complete", "failed"), 30, "sam's")
    assert status(tom_token, busy)["status"] == "complete", status(tom_token, busy)
    assert status(sam_token, queued)["status"] == "complete", status(sam_token, queued)
    result = http_call(stack.api_url(1), "GET", f"/tasks/{queued.json()['id']}/result", sam_token)
    assert sorted(p["body"] for p in result.json()["posts"]) == ["sam's post 0", "sam's post 1"]
    assert stack.processes["rq"].alive


# --- PostgreSQL restarted under running workers ----------------------------------------------


class ThrowAwayPostgres:
    """A PostgreSQL cluster of our own (initdb as the postgres user into a temporary folder),
    on a free loopback port; stop()/start() restart it on the same port and data."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = found[-1] if found else shutil.which("initdb")
        if initdb is None:
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        self.bindir = os.path.dirname(initdb)
        self.port = free_port()
        # Not under pytest's tmp_path: /tmp/pytest-of-root is private to root.
        self.dir = tempfile.mkdtemp(prefix="inkwell-pg-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", f"{self.dir}/data", "-U", "postgres", "-A", "trust")

    def run(self, tool, *args):
        argv = [os.path.join(self.bindir, tool), *args]
        if os.geteuid() == 0:  # initdb refuses root
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=60)

    def url(self, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        self.run(
            "pg_ctl",
            "-D",
            f"{self.dir}/data",
            "-l",
            f"{self.dir}/log",
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self):
        # fast: the server ends its sessions at once, as a crash or a restart would.
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")
        assert not port_open(self.port)

    def destroy(self):
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres():
    cluster = ThrowAwayPostgres()
    try:
        cluster.start()
        postgres_admin(cluster.url(), "create", "inkwell")
        yield cluster
    finally:
        cluster.destroy()


def assert_503(response):
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "Service Unavailable"
    assert response.json()["message"] == "The database is unavailable; try again shortly."


def test_postgres_restart_is_a_json_503_then_recovers_without_restarting_workers(
    postgres, tmp_path
):
    stack = Stack(
        workers=1,
        rq_worker=False,
        run_dir=tmp_path / "stack",
        database_url=postgres.url("inkwell"),
        env_overrides=LIMITS,
    )
    with stack:
        create_user(stack, "pat")
        base = stack.api_url(1)
        token = http_login(base, "pat")["access_token"]
        assert http_call(base, "POST", "/posts", token, json={"body": "before"}).status_code == 201
        worker_pid = stack.processes["api1"].popen.pid

        postgres.stop()
        try:
            # Every request that needs the database answers 503 at once (no hang, no 500).
            assert_503(http_call(base, "GET", "/posts"))
            assert_503(
                http_call(base, "POST", "/tokens", json={"login": "pat", "password": PASSWORD})
            )
            assert_503(http_call(base, "GET", "/me", token))
            assert_503(http_call(base, "POST", "/posts", token, json={"body": "during"}))
            assert http_call(base, "GET", "/health").status_code == 200  # the process is alive
            assert http_call(base, "GET", "/ready").status_code == 503
        finally:
            postgres.start()

        # Back without restarting the worker: its pool reconnects on the next request.
        assert http_call(base, "GET", "/posts").status_code == 200
        assert http_call(base, "GET", "/me", token).status_code == 200
        assert http_call(base, "POST", "/posts", token, json={"body": "after"}).status_code == 201
        token = http_login(base, "pat")["access_token"]
        bodies = [p["body"] for p in http_call(base, "GET", "/posts").json()["items"]]
        assert bodies == ["after", "before"]
        assert stack.processes["api1"].popen.pid == worker_pid and stack.processes["api1"].alive
        assert "Traceback" not in stack.processes["api1"].log()
