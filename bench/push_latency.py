"""Message -> recipient push latency across API workers (issue [2/6], SPEC §7).

The recipient's Socket.IO client connects THROUGH NGINX (websocket); the worker nginx chose
is read from the workers' "socket connected: user=<id> sid=<sid>" log lines, and the
sender's requests go straight to the OTHER worker's port (nginx's ip_hash puts every loopback
client on one worker, so through nginx both would share it). N messages are sent one after
another; p50/p95/p99 of request sent -> `message` event received.

Standalone (its own stack):  .venv/bin/python bench/push_latency.py [--sends 500]
bench/run.py calls measure_on() with a running, seeded stack.
"""

import argparse
import json
import subprocess
import sys
import threading
import time

import requests
import socketio
from common import BENCH_ENV, summary, worker_rss

from inkwell.stack import BACKEND_DIR, Stack, wait_until

PASSWORD = "bench-password-1"


def worker_of(stack, user_id, sid):
    """The API worker (1..N) whose log shows this socket connecting."""
    needle = f"socket connected: user={user_id} sid={sid}"
    found = []

    def look():
        workers = range(1, stack.workers + 1)
        found[:] = [n for n in workers if needle in stack.processes[f"api{n}"].log()]
        return bool(found)

    wait_until(look, 5, f"log line {needle!r}")
    return found[0]


def measure_on(stack, sender, recipient, sends=500, warmup=10):
    """sender/recipient: {"id", "username", "token"}; returns the latency summary."""
    arrived = {}
    got_one = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("message")
    def on_message(data):
        arrived[data["body"]] = time.perf_counter()
        got_one.set()

    client.connect(stack.url, auth={"token": recipient["token"]}, transports=["websocket"])
    try:
        held_by = worker_of(stack, recipient["id"], client.get_sid())
        other = next(n for n in range(1, stack.workers + 1) if n != held_by)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {sender['token']}"
        url = f"{stack.api_url(other)}/api/messages"
        for n in range(warmup):
            session.post(url, json={"recipient": recipient["username"], "body": f"warmup {n}"})
        time.sleep(0.5)
        push, http = [], []
        for n in range(sends):
            body = f"bench {n} {time.time_ns()}"
            got_one.clear()
            started = time.perf_counter()
            response = session.post(url, json={"recipient": recipient["username"], "body": body})
            answered = time.perf_counter()
            response.raise_for_status()
            deadline = started + 2
            while body not in arrived and time.perf_counter() < deadline:
                got_one.wait(0.01)
            if body not in arrived:
                raise RuntimeError(f"message {n} was not pushed within 2 s")
            push.append((arrived[body] - started) * 1000)
            http.append((answered - started) * 1000)
    finally:
        client.disconnect()
    return {
        "sends": sends,
        "recipient_worker": held_by,
        "sender_worker": other,
        "push_ms": summary(push),
        "http_response_ms": summary(http),
    }


def create_user(stack, name):
    subprocess.run(
        [sys.executable, "-m", "flask", "users", "create", name, f"{name}@example.com",
         "--password", PASSWORD],
        cwd=BACKEND_DIR, env=stack.env(), check=True, capture_output=True,
    )  # fmt: skip


def login(stack, name):
    response = requests.post(
        f"{stack.api_url(1)}/api/tokens", json={"login": name, "password": PASSWORD}
    )
    response.raise_for_status()
    body = response.json()
    return {"id": body.get("user", {}).get("id"), "username": name, "token": body["access_token"]}


def user_id(stack, token):
    response = requests.get(
        f"{stack.api_url(1)}/api/me", headers={"Authorization": f"Bearer {token}"}
    )
    response.raise_for_status()
    return response.json()["id"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=500)
    parser.add_argument("--database", choices=("auto", "sqlite", "postgres"), default="auto")
    args = parser.parse_args()
    stack = Stack(workers=2, nginx=True, database=args.database, env_overrides=dict(BENCH_ENV))
    with stack:
        create_user(stack, "sender")
        create_user(stack, "recipient")
        sender, recipient = login(stack, "sender"), login(stack, "recipient")
        for user in (sender, recipient):
            user["id"] = user["id"] or user_id(stack, user["token"])
        result = measure_on(stack, sender, recipient, args.sends)
        result["database"] = stack.database_url.split(":", 1)[0]
        result["worker_rss_mb"] = worker_rss(stack)
    stack.cleanup()
    push = result["push_ms"]
    print(
        f"push latency across workers over {result['sends']} sends ({result['database']}): "
        f"p50 {push['p50']:.1f} ms  p95 {push['p95']:.1f} ms  p99 {push['p99']:.1f} ms "
        f"(HTTP response p50 {result['http_response_ms']['p50']:.1f} ms)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
